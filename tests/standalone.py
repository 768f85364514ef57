"""Run gallery scripts as ``python plot_x.py`` runs them, from a folder of their own, side by side.

Usage: ``python tests/standalone.py [--check-figures] SCRIPT...``; prints ``{script:
{"returncode", "stdout", "stderr", "cpu_seconds", "figure_problems"}}`` as JSON.

A plain ``python plot_x.py`` spends most of its second importing numpy,
matplotlib.pyplot and gdlib. Here one process imports, once, only the modules
that *every* given script imports in its opening lines (before any other
statement), then forks one child per script, as many at a time as there are
CPUs. A child starts from the state each script reaches after its own imports:
the interpreter, environment and warning filters of a fresh ``python``, those
modules loaded and nothing else of anyone's (but for the few standard-library
modules this runner needs itself). It then does what ``python
plot_x.py`` does: the script's folder first on ``sys.path``, ``sys.argv`` its
path, the script run as ``__main__``, from an empty working folder of its own,
with its output and errors caught in files. A warning printed while the shared
modules load belongs to every script, so it is added to each one's errors.

``cpu_seconds`` is the processor time (user and system) the child spent, from the
kernel's record of it (``os.wait4``): the script's own work, without the shared
imports, and without the time it waited for the other core. It does not depend on
how busy the machine is, so a budget on it is not flaky.

With ``--check-figures``, each child then checks every figure the script left open
as the book's build checks it (``book/_ext/figure_checks.py``: legends over data,
hidden curves and markers) and the script's description lines (``# sphinx_gallery_alt_text_<n>
= "..."``, one sentence or more per figure, ``book/_ext/alt_text.py``). An animated
figure is not drawn frame by frame here, so only its description is checked (the
build checks its last frame). The problems are listed in ``figure_problems``.
"""

import ast
import contextlib
import importlib
import io
import json
import os
import re
import runpy
import sys
import tempfile
import traceback
from pathlib import Path


def opening_imports(script):
    """The modules a script imports before its first other statement (docstring aside)."""
    modules = set()
    for node in ast.parse(Path(script).read_text()).body:
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            modules.add(node.module)
        elif not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
            break
    return modules


def shared_imports(scripts):
    """The modules every script imports in its opening lines, in a stable order."""
    return sorted(set.intersection(*(opening_imports(s) for s in scripts))) if scripts else []


EXTENSIONS = Path(__file__).resolve().parents[1] / "book" / "_ext"  # figure_checks, alt_text
_DESCRIPTION = re.compile(r"^# sphinx_gallery_alt_text_(\d+) = (.*)$", re.M)


def descriptions(script):
    """``{n: text}`` of a script's ``# sphinx_gallery_alt_text_<n> = "..."`` lines."""
    return {int(n): ast.literal_eval(value) for n, value in _DESCRIPTION.findall(Path(script).read_text())}


def figure_report(script, namespace):
    """What is wrong with the figures ``script`` left open (see the module's docstring)."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    numbers = pyplot.get_fignums() if pyplot else []
    if not numbers and not descriptions(script):
        return []
    sys.path.insert(0, str(EXTENSIONS))
    from matplotlib.animation import Animation

    from alt_text import alt_text_problem
    from figure_checks import figure_problems

    animated = {id(value._fig) for value in namespace.values() if isinstance(value, Animation)}
    described, problems = descriptions(script), []
    for n, number in enumerate(numbers, 1):
        figure = pyplot.figure(number)
        problem = alt_text_problem(described.get(n))
        if problem:
            problems.append(f"figure {n}: {problem}")
        if id(figure) not in animated:
            problems += [f"figure {n}: {p}" for p in figure_problems(figure)]
    problems += [f"a description of figure {n}, but the script draws {len(numbers)}"
                 for n in sorted(described) if n > len(numbers)]
    return problems


def _child(script, workdir, check_figures=False):
    """In the forked child: run ``script`` as ``python script`` would; return its exit status.

    With ``check_figures``, its figures are checked afterwards, into ``<workdir>.figures``."""
    os.chdir(workdir)
    sys.argv = [str(script)]
    sys.path[0] = str(Path(script).parent)
    try:
        namespace = runpy.run_path(str(script), run_name="__main__")
    except SystemExit as stop:  # sys.exit(n), sys.exit("message"), sys.exit()
        if stop.code is None or isinstance(stop.code, int):
            return stop.code or 0
        print(stop.code, file=sys.stderr)
        return 1
    except BaseException:
        traceback.print_exc()
        return 1
    if check_figures:
        Path(f"{workdir}.figures").write_text(json.dumps(figure_report(script, namespace)))
    return 0


def _start(script, workdir, check_figures=False):
    """Fork a child that runs ``script`` in ``workdir``, its stdout and stderr in files beside it."""
    out, err = (os.open(f"{workdir}.{name}", os.O_WRONLY | os.O_CREAT, 0o644) for name in ("stdout", "stderr"))
    pid = os.fork()
    if pid == 0:  # the child
        status = 1
        try:
            os.dup2(out, 1)
            os.dup2(err, 2)
            status = _child(script, workdir, check_figures)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    os.close(out)
    os.close(err)
    return pid


def run_all(scripts, jobs=None, check_figures=False):
    """Run every script; return ``{script: {"returncode", "stdout", "stderr", "cpu_seconds",
    "figure_problems"}}`` (``figure_problems`` is ``None`` unless checked)."""
    scripts = [str(Path(s).resolve()) for s in scripts]
    warnings_on_import = io.StringIO()
    with contextlib.redirect_stderr(warnings_on_import):
        for module in shared_imports(scripts):
            importlib.import_module(module)
    sys.stdout.flush()
    sys.stderr.flush()
    jobs = jobs or os.cpu_count() or 1
    results, running, waiting = {}, {}, list(scripts)
    with tempfile.TemporaryDirectory(prefix="standalone-") as root:
        while waiting or running:
            while waiting and len(running) < jobs:
                script = waiting.pop(0)
                workdir = Path(root) / str(len(results) + len(running))
                workdir.mkdir()
                running[_start(script, workdir, check_figures)] = script, workdir
            pid, status, usage = os.wait4(-1, 0)
            script, workdir = running.pop(pid)
            figures = Path(f"{workdir}.figures")
            results[script] = {
                "returncode": os.waitstatus_to_exitcode(status),
                "stdout": Path(f"{workdir}.stdout").read_text(errors="replace"),
                "stderr": warnings_on_import.getvalue() + Path(f"{workdir}.stderr").read_text(errors="replace"),
                "cpu_seconds": usage.ru_utime + usage.ru_stime,
                "figure_problems": json.loads(figures.read_text()) if figures.exists() else None,
            }
    return results


if __name__ == "__main__":
    check = "--check-figures" in sys.argv[1:]
    print(json.dumps(run_all([a for a in sys.argv[1:] if a != "--check-figures"], check_figures=check)))
