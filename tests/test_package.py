"""Package-level promises: the docstring examples run, the core needs numpy alone, names exist."""

import doctest
import importlib
import pkgutil
import subprocess
import sys

import pytest

import gdlib

MODULES = sorted(m.name for m in pkgutil.walk_packages(gdlib.__path__, "gdlib."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_package_docstring_example():
    assert doctest.testmod(gdlib).failed == 0


def test_core_does_not_import_matplotlib():
    code = "import sys, gdlib, gdlib.functions, gdlib.schedules; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_public_names():
    expected = {"GD", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "AdaDelta", "Adam", "AdamW",
                "AMSGrad", "NAdam", "AdaMax", "Yogi", "Lion", "Newton", "Backtracking",
                "ClipByNorm", "ClipByValue", "run", "run_many", "check_grad", "ema", "functions",
                "schedules"}
    assert expected <= set(gdlib.__all__)
    for name in gdlib.__all__:
        assert getattr(gdlib, name).__doc__, name


def test_readme_examples_run_and_print_what_they_say():
    """The README's Python blocks run in order, and each `# value` comment matches the output."""
    import contextlib
    import io
    import re
    from pathlib import Path

    readme = (Path(__file__).parents[1] / "README.md").read_text()
    namespace = {}
    for block in re.findall(r"```python\n(.*?)```", readme, re.S):
        for line in block.splitlines():
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(line.split("  #")[0] if line.startswith("print(") else line, namespace)
            claim = re.search(r"#\s*(\(?[-\d.]+[^:]*?)(?::|$)", line) if line.startswith("print(") else None
            if claim:
                assert out.getvalue().strip().startswith(claim.group(1).strip().rstrip(",")), line
