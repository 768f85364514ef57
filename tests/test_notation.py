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


@pytest.mark.parametrize("chapter", CHAPTERS + ["preface"])
def test_iterates_carry_their_step_as_a_superscript(chapter):
    """Subscripts on x name coordinates; an iterate is x^{(t)}, never x_t or x_{20}, and the two
    points of a two-cycle are x^{-} and x^{+}, not x_- and x_+."""
    math = chapter_math(chapter)
    wrong = re.findall(r"(?<![A-Za-z\\])x_(?:t|T|s|0|[-+]|\\pm|\{[-+]\}|\{t[^}]*\}|\{[0-9]{2,}\}|"
                       r"\{[0-9]+,[0-9t]+\})", math)
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


# -- One symbol, one meaning: every symbol declared once, by its letter and accent -------------
#
# A symbol is its base letter (Latin or Greek) with its accent; sub- and superscripts, primes and
# arguments do not make a new symbol: s_t, s_i and s^{max}_t are one symbol, \hat s another.
# Words (\text, \mathrm, \operatorname: log, tr, GD), Euler's number written \mathrm{e}, and
# operators (\nabla, \partial, \sum) are not symbols.

LETTER_COMMANDS = re.search(r"\((.*?)\)", GREEK.pattern, flags=re.S).group(1).split("|") + ["ell"]
ACCENTS = {"hat": "hat", "widehat": "hat", "bar": "bar", "overline": "bar", "tilde": "tilde",
           "widetilde": "tilde", "check": "check", "breve": "breve", "dot": "dot", "vec": "vec",
           "mathcal": "cal", "mathbb": "bb", "mathbf": "bf", "boldsymbol": "bf"}
WORDS = re.compile(r"\\(?:text|mathrm|operatorname|textrm|textbf|textit|texttt|label|tag|begin|"
                   r"end|mathop)\*?\{[^{}]*\}")
_LETTER = rf"\\(?:{'|'.join(LETTER_COMMANDS)})(?![A-Za-z])|[A-Za-z]"
SYMBOL = re.compile(rf"\\({'|'.join(ACCENTS)})(?![A-Za-z])\s*\{{?\s*({_LETTER})"
                    rf"|({_LETTER})|\\[A-Za-z]+")


def without_scripts(latex):
    """The math with every sub- and superscript left out: x^{(t)}_i is x, \\sum_{i=1}^n is \\sum."""
    out, i = [], 0
    while i < len(latex):
        if latex[i] in "_^":
            i += 1
            while i < len(latex) and latex[i] == " ":
                i += 1
            if i < len(latex) and latex[i] == "{":
                depth = 0
                while i < len(latex):
                    depth += {"{": 1, "}": -1}.get(latex[i], 0)
                    i += 1
                    if depth == 0:
                        break
            elif i < len(latex) and latex[i] == "\\":
                command = re.match(r"\\[A-Za-z]+|\\.", latex[i:])
                i += len(command.group(0))
            else:
                i += 1
            out.append(" ")
        else:
            out.append(latex[i])
            i += 1
    return "".join(out)


def symbols(latex):
    """The symbols of a piece of math: 'x', '\\lambda', 'hat s', 'cal B', ..., by their base
    letter and accent (sub- and superscripts, which index or decorate a symbol, left out)."""
    found = []
    for accent, accented, plain in SYMBOL.findall(without_scripts(WORDS.sub(" ", latex))):
        if accented:
            found.append(f"{ACCENTS[accent]} {accented}")
        elif plain:
            found.append(plain)
    return found


def symbols_of_cells(cell):
    """A table cell's symbols, one list per $...$ group."""
    return [symbols(group) for group in re.findall(r"\$([^$]+)\$", cell)]


def notation_rows(preface=None):
    """The preface's table: (symbol cell, meaning cell, chapter cell), one per row."""
    preface = preface if preface is not None else (BOOK / "preface.md").read_text()
    section = preface[preface.index("## Notation"):preface.index("With this notation")]
    rows = [line.strip("| ").split(" | ") for line in section.splitlines() if line.startswith("| $")]
    return [(row[0], row[1], row[2]) for row in rows]


LOCAL_BOX = re.compile(r":::\{admonition\} Symbols of this chapter\n:class: local-symbols\n(.*?)\n:::",
                       flags=re.S)


def local_symbols(text):
    """A chapter's local box: {symbol: the item that declares it}."""
    box = LOCAL_BOX.search(text)
    if not box:
        return {}
    items = re.findall(r"^- (\$.*)$", box.group(1), flags=re.M)
    return {symbol: item for item in items
            for symbol in symbols(" ".join(re.findall(r"\$([^$]+)\$", item.split(":")[0])))}


def chapter_symbols(text):
    """The symbols a chapter's math uses (its local box left out)."""
    return set(symbols(" ".join(math_of(LOCAL_BOX.sub("", text)))))


def declarations(texts, preface):
    """Where each symbol is declared: a list of 'table row n' and 'box of <chapter>'."""
    where = {}
    for n, (cell, _, _) in enumerate(notation_rows(preface), 1):
        for symbol in {s for group in symbols_of_cells(cell) for s in group}:
            where.setdefault(symbol, []).append(f"table row {n}")
    for chapter, text in texts.items():
        for symbol in local_symbols(text):
            where.setdefault(symbol, []).append(f"box of {chapter}")
    return where


def book_texts():
    return {chapter: (BOOK / f"{chapter}.md").read_text() for chapter in CHAPTERS}


# Symbols a chapter still uses without declaring them, or with a meaning that another row or box
# already holds: the notation's open debts, paid one by one (a ratchet: a new one fails the test,
# and so does a paid one still listed). Each entry is (chapter, symbol).
UNDECLARED = {
    ("part3/newton", "o"): "Taylor's little o(eta) in the Armijo argument; o is chapter 15's logits",
}


def undeclared(texts, preface):
    where = declarations(texts, preface)
    table = {s for s, places in where.items() if any(p.startswith("table") for p in places)}
    missing = set()
    for chapter, text in texts.items():
        local = set(local_symbols(text))
        for symbol in chapter_symbols(text) - table - local:
            missing.add((chapter, symbol))
    return missing


def test_every_symbol_is_declared_once():
    """One row of the table or one chapter's box per symbol, never two, never both."""
    twice = {s: places for s, places in declarations(book_texts(), None).items() if len(places) > 1}
    assert not twice, f"declared more than once: {twice}"


def test_a_local_symbol_is_used_only_in_its_chapter():
    texts = book_texts()
    for chapter, text in texts.items():
        for symbol, item in local_symbols(text).items():
            assert symbol in chapter_symbols(text), f"{chapter}'s box declares unused {symbol!r}"
            others = [c for c, t in texts.items() if c != chapter and symbol in chapter_symbols(t)
                      and (c, symbol) not in UNDECLARED]
            assert not others, f"{symbol!r} is local to {chapter} ({item}) but {others} use it"


def test_every_symbol_a_chapter_uses_is_declared():
    missing = undeclared(book_texts(), None)
    assert not missing - set(UNDECLARED), f"used but not declared: {sorted(missing - set(UNDECLARED))}"
    assert not set(UNDECLARED) - missing, f"declared now, drop from UNDECLARED: {sorted(set(UNDECLARED) - missing)}"


def first_chapter(cell, texts):
    """The first chapter whose math uses a symbol of the cell (a word such as \\mathrm{tol},
    which holds no symbol, is looked up as it is written)."""
    row = {s for group in symbols_of_cells(cell) for s in group}
    words = [] if row else re.findall(r"\$([^$]+)\$", cell)
    for i, text in enumerate(texts.values(), 1):
        if row & chapter_symbols(text) or any(w in " ".join(math_of(text)) for w in words):
            return i
    return None


def test_the_from_chapter_column_is_the_first_chapter_that_uses_the_symbol():
    texts = book_texts()
    wrong = []
    for cell, _, chapters in notation_rows():
        first = first_chapter(cell, texts)
        if chapters != str(first):
            wrong.append(f"{cell}: says {chapters}, first used in chapter {first}")
    assert not wrong, wrong


# A row holds one symbol's meaning: one gloss for the whole row, or one per $...$ form it lists
# (separated by semicolons); never a second meaning introduced by where it applies.
SECOND_MEANING = re.compile(r";\s*(?:in|for|with|when|also)\b|\bor (?:of|for|in)\b|\balso\b|"
                            r"\belsewhere\b|\bin (?:Adam|chapter|Part)\b", flags=re.I)


def test_each_row_has_one_meaning():
    wrong = []
    for cell, meaning, _ in notation_rows():
        glosses = [g for g in re.split(r";\s+", meaning) if g]
        forms = symbols_of_cells(cell)
        if SECOND_MEANING.search(meaning) or len(glosses) not in (1, len(forms)):
            wrong.append(f"{cell} | {meaning}")
    assert not wrong, wrong


# -- The second meanings the reader's review found (errors 8-17), each retired --------------------

def chapter_math_text(chapter):
    """A chapter's math as one string, its box of symbols left out."""
    return " ".join(math_of(LOCAL_BOX.sub("", (BOOK / f"{chapter}.md").read_text())))


@pytest.mark.parametrize("chapter, pattern, why", [
    ("part2/adam", r"(?<!\\gamma )(?<![A-Za-z\\])v_", "Adam's first moment is m_t; v_t is momentum's velocity"),
    ("part3/adam_variants", r"(?<![A-Za-z\\])v_", "Adam's first moment is m_t"),
    ("part3/preconditioning", r"\\hat v", "Adam's first moment is m_t"),
    ("part3/convexity", r"\\bar x", "the average iterate is \\hat x^{(T)}; \\bar x is a fixed point"),
    ("part3/neural_network", r"\\ell", "the logits are o_i; \\ell is the strong-convexity constant"),
    ("part3/preconditioning", r"(?<![A-Za-z\\])T(?![A-Za-z])", "a trace is tr; T is the number of steps"),
    ("part2/choosing", r"(?<![A-Za-z\\])W(?![A-Za-z])", "the warm-up length is t_w; W are weights"),
    ("part3/neural_network", r"(?<![A-Za-z\\])W(?: = \d|\))", "the warm-up length is t_w; W are weights"),
    ("part3/preconditioning", r"[cs] = \\(?:cos|sin)|(?<![A-Za-z\\])(?:c s|r)(?![A-Za-z])",
     "cos and sin are written out; the preconditioned matrix is \\tilde H"),
    ("part3/momentum_limits", r"(?<![A-Za-z\\])(?:s = 1|sV|s\\,x|[rw](?![A-Za-z])|c\\,|c = \()",
     "1 + gamma - eta lambda is Gamma, the Chebyshev rate rho, Nesterov's scale Lambda"),
    ("part3/neural_network", r"(?<![A-Za-z\\])(?:s = |s/\\sqrt|r_i)|\\le c|\\frac\{c\}|c/\\lVert",
     "the initial scale is nu, the pre-activations z_i, the clipping threshold G"),
    ("part3/convexity", r"s u\b|s\^2|_\{s=|\\eta_s", "the distance along u is tau, a sum's index k"),
    ("part3/newton", r"(?<![A-Za-z\\])r_t", "Newton's direction is \\tilde g_t"),
    ("part3/adam_variants", r"(?<![A-Za-z\\])c_t", "Lion's mix is \\tilde m_t"),
    ("part2/sgd", r"\\frac\{\\eta\\,\\sigma\^2\}\{\\lambda", "the noise ball's variance along q is sigma_q^2"),
])
def test_a_second_meaning_found_by_the_review_stays_retired(chapter, pattern, why):
    found = re.findall(pattern, chapter_math_text(chapter))
    assert not found, f"book/{chapter}.md: {found[:5]} ({why})"


def test_the_preface_does_not_promise_what_the_table_cannot_keep():
    """The table holds one meaning per symbol, so the preface must not say 'in Adam, ...' in a
    row, and the claim it makes is about the table, the boxes and the few passing letters."""
    preface = (BOOK / "preface.md").read_text()
    intro = preface[preface.index("## Notation"):preface.index("| symbol |")]
    assert "Every symbol has one meaning throughout the book" not in intro
    assert "Symbols of this chapter" in intro
    for chapter in CHAPTERS:
        if chapter.startswith("part3/"):
            assert LOCAL_BOX.search((BOOK / f"{chapter}.md").read_text()), f"{chapter} has no box"
