"""The book's CPU budgets (``tests/budgets.py``): each chapter, and the book as a whole.

Each gallery script's budget is checked with its standalone run
(``test_gallery_scripts.py``); a chapter's here, from the one execution of its code
cells that the chapter tests share (``chapter_glue.py``). A budget overrun fails by
name, long before the book's growth shows as a slow or timed-out CI run.
"""

import pytest

import budgets
from book_notebooks import notebook_pages
from chapter_glue import chapter_cpu_seconds

CHAPTERS = notebook_pages()  # the preface and every chapter


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_within_its_cpu_budget(chapter):
    assert budgets.over_budget({chapter: chapter_cpu_seconds(chapter)}, budgets.CHAPTER_CPU_SECONDS) == []


def test_the_book_within_its_cpu_budget(standalone_runs):
    """Every script and every chapter together: what one clean build executes (less the
    animations' frames, which only the build renders)."""
    total = (sum(run["cpu_seconds"] for run in standalone_runs.values())
             + sum(chapter_cpu_seconds(chapter) for chapter in CHAPTERS))
    assert total <= budgets.BOOK_CPU_SECONDS, f"{total:.0f} s of CPU, over {budgets.BOOK_CPU_SECONDS:g} s"


def test_a_budget_names_what_exceeds_it(monkeypatch):
    assert budgets.over_budget({"a.py": 1.0, "b.py": 3.0}, 2.0) == ["b.py: 3.0 s of CPU, over its budget of 2 s"]
    monkeypatch.setitem(budgets.RAISED, "b.py", (4.0, "a reason"))
    assert budgets.over_budget({"a.py": 1.0, "b.py": 3.0}, 2.0) == []
