"""Static rules for the gallery scripts, checked on their source.

sphinx-gallery saves a figure at the end of the cell (``# %%`` block) that
created it, so anything drawn on it in a later cell is lost from the book while
it still shows when the script runs on its own. Every figure must be finished in
the cell that creates it.
"""

import re
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).parents[1] / "book" / "examples").glob("**/plot_*.py"))
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
