"""tests/standalone.py runs each gallery script as ``python script.py`` would: these tiny
scripts check what a plain interpreter would do and what a shared process could get wrong."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import budgets
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
    run = runs["plot_alone.py"]
    assert (run["returncode"], run["stdout"], run["stderr"]) == (0, "42\n", "")
    assert run["figure_problems"] is None  # not asked for


def test_no_script_gets_a_module_it_did_not_import(runs):
    assert runs["plot_imports_minidom.py"]["returncode"] == 0
    assert runs["plot_borrows.py"]["returncode"] == 1
    assert "AttributeError" in runs["plot_borrows.py"]["stderr"]


def test_only_modules_every_script_imports_first_are_shared(tmp_path):
    (tmp_path / "a.py").write_text('"""Doc."""\nimport json\nimport os.path\nx = 1\nimport csv\n')
    (tmp_path / "b.py").write_text("from os import path\nimport json\nimport os.path\n")
    assert standalone.opening_imports(tmp_path / "a.py") == {"json", "os.path"}  # not csv
    assert standalone.shared_imports([tmp_path / "a.py", tmp_path / "b.py"]) == ["json", "os.path"]


PLANTED = {  # scripts that the build would refuse, or that cost more than their budget
    "plot_costly.py": textwrap.dedent("""\
        import time

        start = time.process_time()
        while time.process_time() - start < 0.6:
            pass
        """),
    "plot_legend_over_data.py": textwrap.dedent("""\
        import matplotlib.pyplot as plt

        # sphinx_gallery_alt_text_1 = "A rising line whose legend sits right on top of it."

        fig, ax = plt.subplots()
        x = [i / 100 for i in range(101)]
        ax.plot(x, x, label="a rising line with a rather long label")
        ax.legend(loc="center")
        """),
    "plot_undescribed.py": textwrap.dedent("""\
        import matplotlib.pyplot as plt

        # sphinx_gallery_alt_text_1 = "A line."
        # sphinx_gallery_alt_text_3 = "A description of a figure that is never drawn at all."

        plt.plot([0, 1], [1, 0])
        plt.figure()
        plt.plot([0, 1], [0, 1])
        """),
}


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("planted")
    for name, text in PLANTED.items():
        (folder / name).write_text(text)
    scripts = sorted(str(folder / name) for name in PLANTED)
    result = subprocess.run([sys.executable, str(Path(standalone.__file__)), "--check-figures", *scripts],
                            cwd=tmp_path_factory.mktemp("cwd"), capture_output=True, text=True, timeout=300,
                            env={**os.environ, "MPLBACKEND": "Agg"})
    assert result.returncode == 0, result.stderr
    return folder, json.loads(result.stdout)


def test_a_script_over_its_cpu_budget_fails_by_name(planted, monkeypatch):
    """The check of ``test_gallery_scripts_stay_within_their_cpu_budgets``, on a script that
    spends 0.6 s of CPU, with the standard budget lowered to 0.3 s (and raised for it)."""
    folder, runs = planted
    runs = {script: run for script, run in runs.items() if script.endswith("plot_costly.py")}
    monkeypatch.setattr(budgets, "SCRIPT_CPU_SECONDS", 0.3)
    assert runs[str(folder / "plot_costly.py")]["cpu_seconds"] >= 0.6
    (message,) = budgets.scripts_over_budget(runs, folder)
    assert message.startswith("plot_costly.py: 0.") and message.endswith("over its budget of 0.3 s")
    monkeypatch.setitem(budgets.RAISED, "plot_costly.py", (2.0, "it spins on purpose"))
    assert budgets.scripts_over_budget(runs, folder) == []


def test_a_legend_over_data_fails_as_in_the_build(planted):
    folder, runs = planted
    problems = runs[str(folder / "plot_legend_over_data.py")]["figure_problems"]
    (problem,) = [p for p in problems if "legend" in p and "a sentence" not in p]  # (its long label is one too)
    assert problem.startswith("figure 1: the legend of ") and "'a rising line with a rather long label'" in problem


def test_undescribed_figures_and_descriptions_of_no_figure_fail(planted):
    folder, runs = planted
    assert runs[str(folder / "plot_undescribed.py")]["figure_problems"] == [
        "figure 1: alternative text shorter than a sentence: 'A line.'",
        "figure 2: no alternative text",
        "a description of figure 3, but the script draws 2",
    ]
    assert runs[str(folder / "plot_costly.py")]["figure_problems"] == []  # no figure, nothing to check
