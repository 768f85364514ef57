"""Run gallery scripts as ``python plot_x.py`` runs them, from a folder of their own, side by side.

Usage: ``python tests/standalone.py SCRIPT...``; prints ``{script: {"returncode",
"stdout", "stderr"}}`` as JSON.

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
"""

import ast
import contextlib
import importlib
import io
import json
import os
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


def _child(script, workdir):
    """In the forked child: run ``script`` as ``python script`` would; return its exit status."""
    os.chdir(workdir)
    sys.argv = [str(script)]
    sys.path[0] = str(Path(script).parent)
    try:
        runpy.run_path(str(script), run_name="__main__")
    except SystemExit as stop:  # sys.exit(n), sys.exit("message"), sys.exit()
        if stop.code is None or isinstance(stop.code, int):
            return stop.code or 0
        print(stop.code, file=sys.stderr)
        return 1
    except BaseException:
        traceback.print_exc()
        return 1
    return 0


def _start(script, workdir):
    """Fork a child that runs ``script`` in ``workdir``, its stdout and stderr in files beside it."""
    out, err = (os.open(f"{workdir}.{name}", os.O_WRONLY | os.O_CREAT, 0o644) for name in ("stdout", "stderr"))
    pid = os.fork()
    if pid == 0:  # the child
        status = 1
        try:
            os.dup2(out, 1)
            os.dup2(err, 2)
            status = _child(script, workdir)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    os.close(out)
    os.close(err)
    return pid


def run_all(scripts, jobs=None):
    """Run every script; return ``{script: {"returncode", "stdout", "stderr"}}``."""
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
                running[_start(script, workdir)] = script, workdir
            pid, status = os.wait()
            script, workdir = running.pop(pid)
            results[script] = {
                "returncode": os.waitstatus_to_exitcode(status),
                "stdout": Path(f"{workdir}.stdout").read_text(errors="replace"),
                "stderr": warnings_on_import.getvalue() + Path(f"{workdir}.stderr").read_text(errors="replace"),
            }
    return results


if __name__ == "__main__":
    print(json.dumps(run_all(sys.argv[1:])))
