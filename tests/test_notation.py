"""One symbol, one meaning: the preface's notation table against the chapters' math.

The preface promises that every symbol means one thing on every page, and lists the
symbols with the chapter that introduces each. These tests read the table and the
math of every chapter (inline ``$...$`` and display ``$$...$$``, code cells left
out) and fail, naming the chapter and the symbol, when the two disagree.
"""

import re
from pathlib import Path

import pytest

BOOK = Path(__file__).parents[1] / "book"
# Every chapter, in the book's order (the toctrees of the landing page): chapter i is CHAPTERS[i - 1].
CHAPTERS = re.findall(r"^(part\d/\w+)$", (BOOK / "index.md").read_text(), flags=re.M)
GREEK = re.compile(r"\\(alpha|beta|gamma|Gamma|delta|Delta|epsilon|varepsilon|zeta|eta|theta|"
                   r"iota|kappa|lambda|Lambda|mu|nu|xi|Xi|pi|Pi|rho|varrho|sigma|Sigma|tau|"
                   r"upsilon|phi|varphi|Phi|chi|psi|Psi|omega|Omega)(?![A-Za-z])")


def math_of(text):
    """The math of a MyST page: display blocks and inline $...$, without code cells."""
    text = re.sub(r"```\{code-cell\}.*?```", "", text, flags=re.S)
    text = re.sub(r"```(?:python|console|text)\n.*?```", "", text, flags=re.S)
    text = re.sub(r"`[^`\n]*`", "", text)  # inline code and roles
    display = re.findall(r"\$\$(.*?)\$\$", text, flags=re.S)
    text = re.sub(r"\$\$.*?\$\$", "", text, flags=re.S)
    inline = re.findall(r"\$([^$]+?)\$", text)
    return display + [m for m in inline if "\n\n" not in m]


def notation_table():
    """Rows of the preface's table: (symbol cell, chapter cell)."""
    preface = (BOOK / "preface.md").read_text()
    section = preface[preface.index("## Notation"):preface.index("With this notation")]
    rows = [line.split(" | ") for line in section.splitlines() if line.startswith("| $")]
    return [(row[0].lstrip("| "), row[2]) for row in rows]


def chapter_math(chapter):
    return " ".join(math_of((BOOK / f"{chapter}.md").read_text()))


def test_the_table_is_found():
    rows = notation_table()
    assert len(rows) > 40
    assert all(re.fullmatch(r"\d+(, \d+)*", chapter) for _, chapter in rows), rows


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_greek_letter_of_a_chapter_is_in_the_table(chapter):
    listed = set(GREEK.findall(" ".join(symbol for symbol, _ in notation_table())))
    used = set(GREEK.findall(chapter_math(chapter)))
    assert not used - listed, f"book/{chapter}.md uses {sorted(used - listed)}, not in the preface"


def test_every_greek_letter_in_the_table_is_used_and_introduced_where_it_says():
    seen = set()
    for symbol, chapters in notation_table():
        first = int(chapters.split(",")[0])
        for letter in set(GREEK.findall(symbol)) - seen:  # the row that introduces the letter
            seen.add(letter)
            using = [i for i, chapter in enumerate(CHAPTERS, 1)
                     if re.search(rf"\\{letter}(?![A-Za-z])", chapter_math(chapter))]
            assert using, f"\\{letter} is in the notation table but in no chapter"
            assert using[0] == first, (f"\\{letter} ({symbol}): the table says chapter {first}, "
                                       f"but chapter {using[0]} uses it first")


@pytest.mark.parametrize("chapter", CHAPTERS + ["preface"])
def test_iterates_carry_their_step_as_a_superscript(chapter):
    """Subscripts on x name coordinates; an iterate is x^{(t)}, never x_t or x_{20}."""
    math = chapter_math(chapter)
    wrong = re.findall(r"(?<![A-Za-z\\])x_(?:t|T|s|0|\{t[^}]*\}|\{[0-9]{2,}\}|\{[0-9]+,[0-9t]+\})",
                       math)
    assert not wrong, f"book/{chapter}.md writes iterates as {sorted(set(wrong))}"


@pytest.mark.parametrize("chapter, letter", [
    ("part2/adam", "lambda"), ("part2/choosing", "rho"), ("part2/rmsprop", "rho"),
    ("part1/optimization", "epsilon"), ("part1/why_gd_works", "epsilon")])
def test_retired_meanings_stay_retired(chapter, letter):
    """Weight decay is mu, not lambda; a schedule's or AdaDelta's decay is not rho; a
    displacement is h, not epsilon (which is the numerical constant)."""
    text = (BOOK / f"{chapter}.md").read_text()
    if chapter == "part2/adam":
        text = text[text.index("## AdamW"):]
    assert not re.search(rf"\\{letter}(?![A-Za-z])", " ".join(math_of(text))), (chapter, letter)


def test_data_and_parameters_have_one_name():
    """The data matrix is A and the parameter x in every chapter: no X or w in the math."""
    for chapter in CHAPTERS:
        math = chapter_math(chapter)
        assert not re.search(r"(?<![A-Za-z\\])(X\^\\top|w\^\\star|w_0|\\\|w\\\|)", math), chapter


def gallery_math(path):
    """Math in a gallery script: :math:`...` in its text and $...$ in its labels."""
    text = path.read_text().replace("{{", "{").replace("}}", "}")  # f-strings double braces
    return re.findall(r":math:`([^`]*)`", text) + re.findall(r"\$([^$\n]+)\$", text)


@pytest.mark.parametrize("script", sorted((BOOK / "examples").rglob("plot_*.py")),
                         ids=lambda p: p.stem)
def test_gallery_labels_use_the_book_notation(script):
    math = " ".join(gallery_math(script))
    iterate = r"x_(?:t|T|n|0|\{t[^}]*\}|\{[0-9]{2,}\}|\{\{?steps\}?\})"
    other_names = r"w_\{?[t0]|w\^\\\\?star|X\s?[wx]|X\^\\\\top"
    wrong = re.findall(rf"(?<![A-Za-z\\])(?:{iterate}|{other_names})", math)
    assert not wrong, f"{script.name} writes {sorted(set(wrong))}: iterates are x^{{(t)}}"


@pytest.mark.parametrize("script, letter, char", [
    ("part2/adam/plot_adamw.py", "lambda", "λ"), ("part2/rmsprop/plot_adadelta.py", "rho", "ρ")])
def test_gallery_retired_meanings_stay_retired(script, letter, char):
    """Weight decay is mu and AdaDelta's decay gamma in the figures too."""
    path = BOOK / "examples" / script
    math = " ".join(gallery_math(path))
    labels = " ".join(re.findall(r"f?\"[^\"\n]*\"", path.read_text()))
    assert not re.search(rf"\\{letter}(?![A-Za-z])", math) and char not in labels, script
