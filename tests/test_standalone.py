"""tests/standalone.py runs each gallery script as ``python script.py`` would: these tiny
scripts check what a plain interpreter would do and what a shared process could get wrong."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import standalone

SCRIPTS = {
    "plot_raises.py": 'import json\nraise RuntimeError("boom")\n',
    "plot_warns.py": 'import json\nimport warnings\nwarnings.warn("careful")\n',
    "plot_exits.py": "import json\nimport sys\nsys.exit(3)\n",
    # Its working folder is empty and its own; its folder is on sys.path; it runs as __main__.
    "plot_alone.py": textwrap.dedent("""\
        '''A docstring comes before the imports.'''
        import json
        import os
        import sys

        import helper

        assert os.listdir(".") == [], os.listdir(".")
        open("written.txt", "w").write("x")
        assert __name__ == "__main__" and sys.argv == [__file__]
        print(json.dumps(helper.VALUE))
        """),
    "helper.py": "VALUE = 42\n",
    # Another script imports xml.dom.minidom, but this one only imports xml: in a fresh
    # interpreter xml.dom is then no attribute of xml, and so here too.
    "plot_borrows.py": "import json\nimport xml\n\nprint(xml.dom.minidom)\n",
    "plot_imports_minidom.py": "import json\nimport xml.dom.minidom\n\nprint(xml.dom.minidom.__name__)\n",
}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scripts")
    for name, text in SCRIPTS.items():
        (folder / name).write_text(text)
    cwd = tmp_path_factory.mktemp("cwd")
    scripts = sorted(str(p) for p in folder.glob("plot_*.py"))
    result = subprocess.run([sys.executable, str(Path(standalone.__file__)), *scripts], cwd=cwd,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert list(cwd.iterdir()) == [] and not (folder / "written.txt").exists()
    return {Path(script).name: run for script, run in json.loads(result.stdout).items()}


def test_a_raising_script_fails_with_its_traceback(runs):
    assert runs["plot_raises.py"]["returncode"] == 1
    assert "RuntimeError: boom" in runs["plot_raises.py"]["stderr"]


def test_warnings_and_exit_codes_come_through(runs):
    assert "UserWarning: careful" in runs["plot_warns.py"]["stderr"]
    assert runs["plot_warns.py"]["returncode"] == 0
    assert runs["plot_exits.py"]["returncode"] == 3


def test_each_script_runs_as_main_in_an_empty_folder_of_its_own(runs):
    assert runs["plot_alone.py"] == {"returncode": 0, "stdout": "42\n", "stderr": ""}


def test_no_script_gets_a_module_it_did_not_import(runs):
    assert runs["plot_imports_minidom.py"]["returncode"] == 0
    assert runs["plot_borrows.py"]["returncode"] == 1
    assert "AttributeError" in runs["plot_borrows.py"]["stderr"]


def test_only_modules_every_script_imports_first_are_shared(tmp_path):
    (tmp_path / "a.py").write_text('"""Doc."""\nimport json\nimport os.path\nx = 1\nimport csv\n')
    (tmp_path / "b.py").write_text("from os import path\nimport json\nimport os.path\n")
    assert standalone.opening_imports(tmp_path / "a.py") == {"json", "os.path"}  # not csv
    assert standalone.shared_imports([tmp_path / "a.py", tmp_path / "b.py"]) == ["json", "os.path"]
