"""A "final" value of a stochastic run is its mean over the last epoch, or it says it is one step.

With minibatch gradients the last iterate depends on the last minibatch alone (a
smaller one when the batch size does not divide the number of examples), so a
loss read at the very last step jumps from step to step. Chapter 9 once reported
such one-step values as "final f - f*" and built a ratio and a ranking on them
(reader's review of 2026-12-07, error 4). The book's rule: a final value of a
stochastic run is :meth:`gdlib.Trajectories.last_epoch_mean`, the mean over the
iterates of its last epoch; a value that really is one step (the accuracy of the
final weights, say) is marked in the code with a comment ``# one step`` on the
line that reads it, and the text says so.

The guard runs the code cells of every chapter that draws minibatch gradients,
and the gallery scripts that do, with a watch on every stochastic run: a run
made by :func:`gdlib.run` or :func:`gdlib.run_many` whose gradient drew a
minibatch from a :class:`gdlib.functions.MinibatchGradient`. Its iterates and losses become
arrays that note every read of their last step alone (``runs.final``,
``xs[-1]``, ``losses[-1]``, ``xs[n_steps]``); slices that keep the time axis
(``xs[-15:]``, ``xs[:, k]``) stay watched, anything computed from them is a
plain array. A read from a line without the ``# one step`` mark fails the test,
naming the chapter, cell and line.
"""

import contextlib
import io
import re
import runpy
import subprocess
from pathlib import Path
from unittest import mock

import numpy as np
import pytest

import chapter_glue
import gdlib
import sys
from gdlib.functions import MinibatchGradient

gdrun = sys.modules["gdlib.run"]  # the module; gdlib.run is the function

ROOT = Path(__file__).parents[1]
BOOK = ROOT / "book"
MARK = "# one step"
SAMPLER = re.compile(r"\.sampler\(|MinibatchGradient\(")


def stochastic_chapters():
    """Chapters whose code draws minibatch gradients, as ``part2/sgd``."""
    return sorted(str(p.relative_to(BOOK).with_suffix("")) for p in BOOK.glob("part*/*.md")
                  if any(SAMPLER.search(cell) for cell in chapter_glue.code_cells(
                      str(p.relative_to(BOOK).with_suffix("")))))


def stochastic_scripts():
    return sorted(str(p.relative_to(BOOK / "examples")) for p in (BOOK / "examples").rglob("*.py")
                  if SAMPLER.search(p.read_text()))


class Watched(np.ndarray):
    """The iterates or losses of a stochastic run (axis 0: the step); notes reads of the last step."""

    def __array_finalize__(self, obj):
        self.reads = getattr(obj, "reads", None)

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        inputs = [np.asarray(x) if isinstance(x, Watched) else x for x in inputs]
        if "out" in kwargs:
            kwargs["out"] = tuple(np.asarray(x) if isinstance(x, Watched) else x
                                  for x in kwargs["out"])
        return getattr(ufunc, method)(*inputs, **kwargs)

    def __array_function__(self, func, types, args, kwargs):
        plain = lambda a: (np.asarray(a) if isinstance(a, Watched)
                           else type(a)(plain(x) for x in a) if isinstance(a, (list, tuple)) else a)
        return func(*plain(args), **{k: plain(v) for k, v in kwargs.items()})

    def __getitem__(self, key):
        first = key[0] if isinstance(key, tuple) and key else key
        last = self.shape[0] - 1
        if isinstance(first, (int, np.integer)) and not isinstance(first, bool):
            if first in (-1, last):
                self.reads.append(_reader())
        elif isinstance(first, (list, np.ndarray)) and np.asarray(first).dtype.kind in "iu":
            index = np.asarray(first)
            if index.size and np.all((index == last) | (index == -1)):
                self.reads.append(_reader())
        out = np.asarray(self).__getitem__(key)
        keeps_time = isinstance(first, slice) and first.indices(self.shape[0])[1] > last \
            and (first.step or 1) > 0
        if keeps_time and isinstance(out, np.ndarray):
            out = out.view(Watched)
            out.reads = self.reads
        return out


def _reader():
    """(file, line number, source line) of the book's code that made the read, or None."""
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_code.co_filename
        if name.startswith("book/") or name.startswith(str(BOOK)):
            return name, frame.f_lineno
        frame = frame.f_back
    return None


def _watch(array, reads):
    if array is None:
        return None
    out = np.asarray(array).view(Watched)
    out.reads = reads
    return out


@contextlib.contextmanager
def watching(reads):
    """Patch gdlib so that every stochastic run's xs and losses are Watched arrays."""
    drawn = []
    original_next_batch = MinibatchGradient.next_batch

    def next_batch(self):  # every minibatch, drawn by the sampler's __call__ or directly
        drawn.append(True)
        return original_next_batch(self)

    def wrap(function):
        def wrapped(*args, **kwargs):
            before = len(drawn)
            result = function(*args, **kwargs)
            if len(drawn) > before:
                object.__setattr__(result, "xs", _watch(result.xs, reads))
                object.__setattr__(result, "losses", _watch(result.losses, reads))
            return result
        return wrapped

    run, run_many = wrap(gdrun.run), wrap(gdrun.run_many)
    with mock.patch.object(MinibatchGradient, "next_batch", next_batch), \
            mock.patch.object(gdlib, "run", run), mock.patch.object(gdlib, "run_many", run_many), \
            mock.patch.object(gdrun, "run", run), mock.patch.object(gdrun, "run_many", run_many):
        yield


def unmarked(reads, lines_of):
    """The reads whose source line does not carry the mark, as 'where: line'."""
    found = []
    for read in reads:
        if read is None:
            found.append("(a read outside the book's code)")
            continue
        name, number = read
        line = lines_of(name)[number - 1]
        if MARK not in line:
            found.append(f"{name}, line {number}: {line.strip()}")
    return sorted(set(found))


def chapter_reads(chapter, cells):
    """Run ``cells`` (the chapter's code) with the watch on; the unmarked last-step reads."""
    import myst_nb

    reads, sources = [], {}
    namespace = {"__name__": f"watch_{chapter.replace('/', '_')}"}
    with watching(reads), mock.patch.object(myst_nb, "glue", lambda *a, **k: None), \
            contextlib.redirect_stdout(io.StringIO()):
        for number, source in enumerate(cells, 1):
            name = f"book/{chapter}.md, code cell {number}"
            sources[name] = source.splitlines()
            exec(compile(source, name, "exec"), namespace)
    return unmarked(reads, sources.__getitem__)


# Known one-step reads in pages whose owners have not yet marked or replaced them: each
# reports a value "after 300 steps" read at the last step alone. Remove an entry when fixed.
PENDING = {}


def pending(names):
    """The names, those in PENDING marked as expected failures, not run (each costs seconds)."""
    return [pytest.param(n, marks=pytest.mark.xfail(reason=PENDING[n.removesuffix(".py")],
                                                    run=False))
            if n.removesuffix(".py") in PENDING else n for n in names]


@pytest.mark.parametrize("chapter", pending(stochastic_chapters()))
def test_chapters_report_last_epoch_means(chapter):
    assert not chapter_reads(chapter, chapter_glue.code_cells(chapter))


@pytest.mark.parametrize("script", pending(stochastic_scripts()))
def test_gallery_scripts_report_last_epoch_means(script, monkeypatch, tmp_path):
    path = BOOK / "examples" / script
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.chdir(tmp_path)
    import matplotlib.pyplot as plt

    reads = []
    with watching(reads), mock.patch.object(plt, "show", lambda *a, **k: None), \
            contextlib.redirect_stdout(io.StringIO()):
        runpy.run_path(str(path), run_name="__main__")
    plt.close("all")
    assert not unmarked(reads, lambda name: Path(name).read_text().splitlines())


def test_the_guard_catches_error_4():
    """Chapter 9 as it was (commit 87137ee) read the last step of its minibatch runs."""
    shown = subprocess.run(["git", "-C", str(ROOT), "show", "87137ee:book/part2/choosing.md"],
                           capture_output=True, text=True)
    if shown.returncode:
        pytest.skip(f"no git history to read chapter 9 at 87137ee from: {shown.stderr.strip()}")
    old = shown.stdout
    cells = ["\n".join(line for line in c.splitlines() if not line.startswith(":")) + "\n"
             for c in chapter_glue.CELL.findall(old)]
    found = chapter_reads("part2/choosing", cells)
    assert any("runs.final" in f for f in found), found


def test_a_marked_or_epoch_read_passes_and_a_last_step_read_fails():
    problem = gdlib.functions.LogisticRegression(np.eye(4, 3) + 0.1, np.array([0, 1, 0, 1.0]))
    cells = ["import gdlib, numpy as np\n"
             "runs = gdlib.run_many(gdlib.GD(0.1), problem.sampler(2, seed=0), np.zeros((1, 3)), 6)\n"
             "ok = runs.last_epoch_mean(2, loss=problem.value)\n"
             "w = runs.final  # one step: the weights after the last step\n"
             "det = gdlib.run_many(gdlib.GD(0.1), problem.grad, np.zeros((1, 3)), 6).final\n",
             "bad = problem.value(runs.xs[-1])\n"]
    reads, sources = [], {}
    namespace = {"problem": problem}
    with watching(reads):
        for number, source in enumerate(cells, 1):
            name = f"book/example.md, code cell {number}"
            sources[name] = source.splitlines()
            exec(compile(source, name, "exec"), namespace)
    assert unmarked(reads, sources.__getitem__) == [
        "book/example.md, code cell 2, line 1: bad = problem.value(runs.xs[-1])"]


def test_last_epoch_mean_is_the_mean_of_the_last_iterates():
    problem = gdlib.functions.LogisticRegression(np.eye(5, 3) + 0.1, np.array([0, 1, 0, 1, 1.0]))
    runs = gdlib.run_many(gdlib.GD(np.array([0.1, 0.5])), problem.sampler(2, seed=0),
                          np.zeros((2, 3)), 9, loss=problem.value)
    expected = problem.value(runs.xs[-3:]).mean(axis=0)
    np.testing.assert_allclose(runs.last_epoch_mean(3), expected)
    np.testing.assert_allclose(runs.last_epoch_mean(3, loss=problem.value), expected)
    np.testing.assert_allclose(runs[1].last_epoch_mean(3), expected[1])
    assert not np.isclose(runs.last_epoch_mean(3)[0], runs.losses[-1, 0])  # not the last step
    stopped = gdlib.run_many(gdlib.GD(np.array([0.1, 3.0])), lambda x: 2 * x**3, np.ones((2, 1)), 20)
    assert stopped.stopped[1] and np.isnan(stopped.last_epoch_mean(5, loss=gdlib.vectorized(
        lambda x: np.sum(x**2, axis=-1)))[1])
    for bad in (0, 10, 2.0):
        with pytest.raises((ValueError, TypeError)):
            runs.last_epoch_mean(bad)
    with pytest.raises(ValueError, match="no losses"):
        gdlib.run(gdlib.GD(0.1), problem.grad, np.zeros(3), 4).last_epoch_mean(2)
