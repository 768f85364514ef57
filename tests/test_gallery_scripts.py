"""The gallery scripts: each run on its own, its figures checked, within its CPU budget;
and static rules, checked on their source.

Every script runs as a learner runs it (``python plot_x.py`` in an empty folder,
``tests/standalone.py``), and its figures then go through the very checks the book's
build applies to them (``book/_ext/figure_checks.py``, ``book/_ext/alt_text.py``): a
script that would stop the build stops ``make test`` first, by name.

sphinx-gallery saves a figure at the end of the cell (``# %%`` block) that
created it, so anything drawn on it in a later cell is lost from the book while
it still shows when the script runs on its own. Every figure must be finished in
the cell that creates it.
"""

import re
import sys
from pathlib import Path

import pytest

import budgets
from book_build import EXAMPLES

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
from alt_text import alt_text_problem  # noqa: E402
CREATES = re.compile(r"plt\.subplots|plt\.figure|subplot_mosaic|animate_trajectories|FuncAnimation")
DRAWS = re.compile(r"\b(ax|axs|axes|fig|ax\d|ax_\w+)(\[[^\]]*\])?\.\w+\(|"
                   r"plt\.(plot|legend|title|xlabel|ylabel|colorbar|suptitle|text|annotate)\(")


def code_cells(path):
    for cell in re.split(r"\n# %%[^\n]*\n", path.read_text()):
        yield "\n".join(line for line in cell.splitlines() if not line.lstrip().startswith("#"))


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_each_figure_is_finished_in_the_cell_that_creates_it(script):
    created = False
    for number, code in enumerate(code_cells(script)):
        creates = bool(CREATES.search(code))
        assert not (created and not creates and DRAWS.search(code)), (
            f"cell {number} of {script.name} draws on a figure made in an earlier cell")
        created = created or creates


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_docstring_title_and_paragraph(script):
    text = script.read_text()
    match = re.match(r'"""\n(.+)\n(=+)\n\n(\S.+)', text)
    assert match, f"{script.name} must open with a title, its === underline and a paragraph"
    assert len(match.group(2)) >= len(match.group(1))


def _name(script):
    return Path(script).relative_to(ROOT / "book" / "examples").as_posix()


@pytest.mark.parametrize("script", EXAMPLES, ids=_name)
def test_gallery_script_runs_standalone(script, standalone_runs):
    run = standalone_runs[str(script)]
    assert run["returncode"] == 0, run["stderr"][-3000:]
    assert "Warning" not in run["stderr"], run["stderr"][-3000:]


@pytest.mark.parametrize("script", EXAMPLES, ids=_name)
def test_gallery_script_figures_pass_the_builds_checks(script, standalone_runs):
    """No legend over data, no hidden curve or marker, every figure described in a sentence:
    what the build's image scraper would refuse (animations: their description here, their
    last frame in the build)."""
    assert standalone_runs[str(script)]["figure_problems"] == []


def test_gallery_scripts_stay_within_their_cpu_budgets(standalone_runs):
    """Each script within ``budgets.SCRIPT_CPU_SECONDS`` of processor time, or the raised
    budget it declares in ``tests/budgets.py``."""
    assert len(standalone_runs) == len(EXAMPLES)
    assert all(run["cpu_seconds"] > 0 for run in standalone_runs.values())
    assert budgets.scripts_over_budget(standalone_runs, ROOT / "book" / "examples") == []


def test_every_example_is_in_the_gallery():
    assert any(p.name == "plot_xcos_landscape.py" for p in EXAMPLES)


def test_alt_text_rule_rejects_titles_and_tex():
    assert alt_text_problem(None) == "no alternative text"
    assert alt_text_problem("Momentum, quadratic")  # sphinx-gallery's default: the titles
    assert alt_text_problem("The loss of $x^2$ falls to zero over ten steps.")
    assert alt_text_problem("A curve that falls to zero.") is None
    assert alt_text_problem("一条随步数下降到零的曲线，最后停在最小值附近。") is None
    assert alt_text_problem("一条曲线。")
