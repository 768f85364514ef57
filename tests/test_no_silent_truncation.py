"""No silent truncation: every ``zip`` in the book passes ``strict=True``.

A ``zip`` stops at its shortest argument. When a student adds a fourth setting
to an exercise's list of three, or a fourth critical point turns up, a plain
``zip`` drops it without a word; ``zip(..., strict=True)`` raises instead. The
rule covers the gallery scripts, the code cells and python code blocks of the
chapters, and the extensions that build the book.
"""

import ast
import re
from pathlib import Path

import pytest

BOOK = Path(__file__).parents[1] / "book"
SCRIPTS = sorted(BOOK.glob("examples/**/*.py")) + sorted(BOOK.glob("_ext/*.py"))
CHAPTERS = sorted(BOOK.glob("**/*.md"))
FENCE = re.compile(r"^( *)(`{3,}|:{3,})\{code-cell\}[^\n]*\n(.*?)^\1\2 *$|"
                   r"^( *)(`{3,})(?:python|py|python3)\n(.*?)^\4\5 *$", re.M | re.S)


def code_blocks(markdown):
    """(line number, source) of every code cell and python code block of a MyST page."""
    for match in FENCE.finditer(markdown):
        indent = match.group(1) if match.group(3) is not None else match.group(4)
        body = match.group(3) if match.group(3) is not None else match.group(6)
        lines = [line[len(indent):] for line in body.splitlines()]
        # MyST cell options (":tags: [...]") and IPython magics are not python
        lines = [line if not re.match(r"\s*(:\w[\w-]*:|[%!])", line) else "" for line in lines]
        yield markdown[: match.start()].count("\n") + 2, "\n".join(lines)


def loose_zips(source):
    """Line numbers of the ``zip(...)`` calls in ``source`` without ``strict=True``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "zip":
            strict = [k for k in node.keywords if k.arg == "strict"]
            value = strict[0].value if strict else None
            if not (isinstance(value, ast.Constant) and value.value is True):
                found.append(node.lineno)
    return found


def test_loose_zips_are_found_and_strict_ones_pass():
    assert loose_zips("for a, b in zip(x, y):\n    pass\nz = list(zip(p, q, strict=True))") == [1]
    assert loose_zips("pairs = zip(x, y, strict=False)") == [1]
    page = "Text\n\n```{code-cell} python\n:tags: [remove-cell]\nzip(a, b)\n```\n\n" \
           "   ```python\n   ok = zip(a, b, strict=True)\n   ```\n"
    blocks = list(code_blocks(page))
    assert [loose_zips(code) for _, code in blocks] == [[2], []]


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: str(p.relative_to(BOOK)))
def test_every_zip_in_a_script_is_strict(script):
    lines = loose_zips(script.read_text())
    assert lines == [], f"{script.relative_to(BOOK)}: zip without strict=True on lines {lines}"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: str(p.relative_to(BOOK)))
def test_every_zip_in_a_chapter_is_strict(chapter):
    found = []
    for start, code in code_blocks(chapter.read_text()):
        try:
            found += [start + line - 1 for line in loose_zips(code)]
        except SyntaxError as error:
            pytest.fail(f"{chapter.relative_to(BOOK)}, code block at line {start}: {error}")
    assert found == [], f"{chapter.relative_to(BOOK)}: zip without strict=True on lines {found}"
