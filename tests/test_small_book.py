"""The build's machinery on a small book (``make test``): caches, invalidation, failures.

One small book (index, a notebook chapter, a canary script and an animation) is built
step by step, as a writer builds: a clean build, a no-op, an edited script, a changed
gdlib, then three failures that must stop the build and name their culprit. The same
machinery builds the real book (``make html``, ``make test-book``); here it is proven in
seconds. Both editions and the browser are checked on the small book of
``test_chinese_edition.py``.
"""

import re
import sys
import textwrap

import pytest

from book_build import BOOK, NOTEBOOK_HEADER, build, copy_minimal_book

sys.path.insert(0, str(BOOK / "_ext"))
import gdlib_watch  # noqa: E402

_CANARY = '"""\nA canary\n========\n\nIt prints.\n"""\n\nprint("ok")\n'
_RAISING = '"""\nA raising example\n=================\n\nIt raises.\n"""\n\nraise RuntimeError("boom")\n'
_ANIMATION = textwrap.dedent('''\
    """
    A tiny animation
    ================

    Three frames, played by the jshtml player.
    """

    import matplotlib.pyplot as plt
    from matplotlib.animation import FuncAnimation

    # sphinx_gallery_alt_text_1 = "A dot that moves up the diagonal in three frames."

    fig, ax = plt.subplots(figsize=(2, 2), dpi=40)
    (point,) = ax.plot([0], [0], "o")
    anim = FuncAnimation(fig, lambda i: point.set_data([i], [i]), frames=3)
    plt.show()
    ''')
_NOTEBOOK = NOTEBOOK_HEADER + textwrap.dedent("""\

    # A notebook

    ```{{code-cell}} python
    {code}
    ```
    """)
_GALLERIES = "\n".join(f"auto_examples/{r.parent.name}/index"  # one gallery per part
                       for r in sorted(BOOK.glob("examples/*/README.rst")))
# Two numbered parts, as the book has (chapter_numbers.py continues the count into the second).
_PART = "```{{toctree}}\n:caption: {caption}\n:numbered:\n{chapters}\n```\n"
_INDEX = ("# Minimal\n\n" + _PART.format(caption="One", chapters="chapter")
          + _PART.format(caption="Two", chapters="second")
          + "```{toctree}\n:caption: More\napi\n" + _GALLERIES + "\n```\n")
# A chapter of the second part: a section, a numbered equation and a numbered table.
_SECOND = textwrap.dedent("""\
    # Second

    ## A section

    $$ x^2 $$ (eq-square)

    See {eq}`eq-square` and {numref}`tab-values`.

    ```{table} Values
    :name: tab-values

    | a | b |
    |---|---|
    | 1 | 2 |
    ```
    """)


def _minimal_book(tmp_path, script=_CANARY, code="print(1)"):
    """Index, one notebook chapter, two gallery scripts (the canary and an animation)."""
    return copy_minimal_book(tmp_path / "book", {
        "index.md": _INDEX,
        "api.md": "# API\n\nconf.py names this page in autosummary_generate.\n",
        "chapter.md": _NOTEBOOK.format(code=code),
        "second.md": _SECOND,
        "examples/part1/obstacles/README.rst": "Obstacles\n=========\n",
        "examples/part1/obstacles/plot_animation.py": _ANIMATION,
        "examples/part1/obstacles/plot_canary.py": script,
    })


_UNDESCRIBED = '"""\nA figure\n========\n\nNo description.\n"""\n\nimport matplotlib.pyplot as plt\n\nplt.plot([0, 1])\n'


def _rebuild(srcdir, outdir):
    """An incremental build, as ``make html`` runs it (no ``-E``)."""
    return build(srcdir, outdir, fresh=False)


@pytest.fixture(scope="module")
def minimal_book_steps(tmp_path_factory):
    """One small book (index, a notebook chapter, a canary script and an animation) built
    step by step, as a writer would: ``{step: (returncode, log, warnings)}``, plus the
    animation's page after the first and the fourth build and the number of gdlib stamps.

    1. "clean": a clean build; 2. "no-op": the same again, incrementally; then a chapter
    inserted into the first part; 3. "edited script": one script edited; 4. "gdlib changed": every gdlib stamp made stale; 5.
    "raising cell": the chapter gets a cell that raises; 6. "raising script": so does the
    canary script; 7. "undescribed figure": the canary draws a figure without its
    description line. Each step after the first is an incremental build of the previous one.
    """
    root = tmp_path_factory.mktemp("minimal")
    src, out, steps = _minimal_book(root), root / "html", {}
    animation = out / "auto_examples/part1/obstacles/plot_animation.html"
    canary = src / "examples/part1/obstacles/plot_canary.py"
    steps["clean"] = build(src, out)
    steps["animation, clean"] = animation.read_text()
    steps["no-op"] = _rebuild(src, out)
    steps["second, no-op"] = (out / "second.html").read_text()
    (src / "inserted.md").write_text("# Inserted\n\nA chapter added to the first part.\n")
    (src / "index.md").write_text(_INDEX.replace("chapter\n", "chapter\ninserted\n", 1))
    steps["chapter inserted"] = _rebuild(src, out)
    steps["second, chapter inserted"] = (out / "second.html").read_text()
    canary.write_text(canary.read_text() + "print('edited')\n")
    steps["edited script"] = _rebuild(src, out)
    stamps = list(root.rglob(gdlib_watch.STAMP))  # gallery dirs, jupyter cache, doctrees
    steps["stamps"] = len(stamps)
    for stamp in stamps:
        stamp.write_text("a gdlib of the past")
    steps["gdlib changed"] = _rebuild(src, out)
    steps["animation, gdlib changed"] = animation.read_text()
    (src / "chapter.md").write_text(_NOTEBOOK.format(code='raise ValueError("notebook boom")'))
    steps["raising cell"] = _rebuild(src, out)
    canary.write_text(_RAISING)
    steps["raising script"] = _rebuild(src, out)
    canary.write_text(_UNDESCRIBED)
    steps["undescribed figure"] = _rebuild(src, out)
    return steps


_H1 = re.compile(r'<h1><span class="section-number">([\d.]+) </span>')
_EQNO = re.compile(r'class="eqno">\(([\d.]+)\)')
_TABLE = re.compile(r'caption-number">Table ([\d.]+)')


def test_chapters_are_numbered_through_the_parts(minimal_book_steps):
    """The second part goes on from the first (chapter_numbers.py), its equations and tables
    with it; a no-op rebuild writes no page; a chapter inserted before renumbers the second
    part's chapter although that page was not read again."""
    returncode, log, _ = minimal_book_steps["no-op"]
    assert "no targets are out of date." in log and "writing output... [" not in log, log[-2000:]
    second = minimal_book_steps["second, no-op"]
    assert (_H1.findall(second), _EQNO.findall(second), _TABLE.findall(second)) == (["2."], ["2.1"], ["2.1"])
    assert ">2. Second<" in second and ">2.1. A section<" in second  # the sidebar, the page's own section
    returncode, log, warnings = minimal_book_steps["chapter inserted"]
    assert returncode == 0 and warnings.strip() == "", log[-3000:]
    assert "1 added, 1 changed, 0 removed" in log  # the new chapter and the index; not second.md
    second = minimal_book_steps["second, chapter inserted"]
    assert (_H1.findall(second), _EQNO.findall(second), _TABLE.findall(second)) == (["3."], ["3.1"], ["3.1"])


def test_raising_example_fails_build_by_name(minimal_book_steps):
    returncode, log, _ = minimal_book_steps["raising script"]
    assert returncode != 0
    assert "plot_canary.py" in log and "RuntimeError: boom" in log


def test_raising_notebook_fails_build_by_name(minimal_book_steps):
    returncode, log, _ = minimal_book_steps["raising cell"]
    assert returncode != 0
    assert "chapter" in log and "notebook boom" in log


def test_gallery_figure_without_description_fails_build_by_name(minimal_book_steps):
    """A gallery figure needs its description line (gallery_hooks.py); the build says so."""
    returncode, log, _ = minimal_book_steps["undescribed figure"]
    assert returncode != 0
    assert "plot_canary.py, figure 1: no alternative text" in log
    assert "# sphinx_gallery_alt_text_1" in log


def test_minimal_book_caches_and_invalidation(minimal_book_steps):
    """On the small book (the control for the two tests above, too):

    the build is clean; a rebuild executes nothing; editing one script re-runs
    that script only; a change of gdlib (simulated by stale stamps) re-runs every
    script and notebook; the animation player has no CDN link and stable ids.
    """
    returncode, log, warnings = minimal_book_steps["clean"]
    assert returncode == 0 and warnings.strip() == "", log[-3000:]
    assert "executed 2 out of 2" in log and "Executed notebook" in log
    animation = minimal_book_steps["animation, clean"]
    assert "_anim_img" in animation and "font-awesome" not in animation

    returncode, log, warnings = minimal_book_steps["no-op"]
    assert returncode == 0 and warnings.strip() == "", log[-3000:]
    assert "0 added, 0 changed, 0 removed" in log
    assert "executed 0 out of 0" in log and "Executed notebook" not in log

    returncode, log, _ = minimal_book_steps["edited script"]
    assert returncode == 0
    assert "executed 1 out of 1" in log and "excluding 1 file" in log
    assert "Executed notebook" not in log

    # one stamp per gallery (one per part), the notebook cache's and the doctrees'
    assert minimal_book_steps["stamps"] == len(list(BOOK.glob("examples/*/README.rst"))) + 2
    returncode, log, _ = minimal_book_steps["gdlib changed"]
    assert returncode == 0
    assert "executed 2 out of 2" in log and "Executed notebook" in log
    again = minimal_book_steps["animation, gdlib changed"]
    player_ids = re.compile(r"_anim_img[0-9a-f]+")
    assert player_ids.findall(again) == player_ids.findall(animation)  # not random


def test_gdlib_digest_sees_every_change(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "sub" / "m.py").write_text("x = 1\n")
    before = gdlib_watch.gdlib_digest(package)
    (package / "sub" / "m.py").write_text("x = 2\n")
    assert gdlib_watch.gdlib_digest(package) != before
    assert len(gdlib_watch.gdlib_digest()) == 64  # gdlib itself


