"""book/_ext/nobreak_math.py: a formula keeps the punctuation that touches it (issue 21)."""

import sys
from pathlib import Path

from docutils import nodes

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "_ext"))
from nobreak_math import keep_with_punctuation  # noqa: E402


def _paragraph(*parts):
    """A paragraph of text and formulas: a part in $...$ is a formula."""
    paragraph = nodes.paragraph()
    for part in parts:
        paragraph += nodes.math(part, part.strip("$")) if part.startswith("$") else nodes.Text(part)
    return paragraph


def _wrap_all(paragraph):
    for math in list(paragraph.findall(nodes.math)):
        keep_with_punctuation(math)
    return paragraph


def test_the_comma_after_a_formula_goes_with_it():
    """Fig. 8.1's caption: a line began with '，修正后的恰为 1', the comma left behind by 1 − β^t."""
    paragraph = _wrap_all(_paragraph("除以 ", "$1 - \\beta^t$", "，修正后的恰为 1"))
    wrapper = paragraph[1]
    assert wrapper["classes"] == ["math-punctuation"]
    assert [type(n).__name__ for n in wrapper] == ["math", "Text"]
    assert wrapper.astext() == "1 - \\beta^t，"
    assert paragraph.astext() == "除以 1 - \\beta^t，修正后的恰为 1"


def test_an_opening_bracket_before_and_a_closing_one_after_go_with_the_formula():
    paragraph = _wrap_all(_paragraph("区间 [0.01, 1]（", "$\\kappa = 100$", "）。之后", "$x$", " 与 ", "$y$", "."))
    wrappers = list(paragraph.findall(lambda n: isinstance(n, nodes.inline)))
    texts = [w.astext() for w in wrappers]
    assert texts == ["（\\kappa = 100）。", "y."], texts
    assert paragraph.astext() == "区间 [0.01, 1]（\\kappa = 100）。之后x 与 y."


def test_a_formula_without_punctuation_beside_it_is_left_alone():
    paragraph = _wrap_all(_paragraph("the rate ", "$\\eta$", " is a distance"))
    assert not list(paragraph.findall(nodes.inline))
    assert isinstance(paragraph[1], nodes.math)
