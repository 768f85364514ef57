"""The Chinese edition's catalogs (issue 12): complete, current, and faithful to the markup.

``make gettext`` extracts the English messages and ``sphinx-intl update`` brings
``locales/zh_CN/LC_MESSAGES/*.po`` in step: a new English paragraph arrives with an
empty translation, a changed one keeps its old translation marked fuzzy. These tests
fail until every such message is translated again, naming the catalogs to update.

The markup check is the automated half of the accuracy check: a translation must keep
the same glued numbers, cross-references, citations, formulas and code as its English
message (the same multiset of each; only their order in the sentence may change).
"""

import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from book_build import EXAMPLES, example_page
import chinese_terms
from chinese_tidy import tidy

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
CATALOGS = ROOT / "locales" / "zh_CN" / "LC_MESSAGES"
PAGE_SUFFIXES = {".md", ".rst"}


def _read(path):
    with open(path, "rb") as f:
        return read_po(f, abort_invalid=True)


def _catalogs():
    return sorted(CATALOGS.rglob("*.po"))


def _rel(path):
    return path.relative_to(ROOT).as_posix()


def english_pages():
    """Every page of the English edition but the generated API pages, as docnames.

    The gallery's pages are named from its scripts, so this needs no build:
    ``examples/part1/obstacles/plot_x.py`` is ``auto_examples/part1/obstacles/plot_x``,
    and each folder with a README is an ``index`` page.
    """
    pages = set()
    for path in BOOK.rglob("*"):
        rel = path.relative_to(BOOK)
        if path.suffix in PAGE_SUFFIXES and rel.parts[0] not in {"_ext", "_templates", "examples",
                                                                  "auto_examples", "api"}:
            pages.add(rel.with_suffix("").as_posix())
    for readme in (BOOK / "examples").rglob("README.*"):
        pages.add(("auto_examples" / readme.parent.relative_to(BOOK / "examples") / "index").as_posix())
    pages.update(example_page(script) for script in EXAMPLES)
    return sorted(pages)


def test_every_english_page_has_a_catalog():
    missing = [p for p in english_pages() if not (CATALOGS / f"{p}.po").is_file()]
    assert missing == [], ("pages without a catalog (run `make gettext`): "
                           + ", ".join(f"locales/zh_CN/LC_MESSAGES/{p}.po" for p in missing))


def test_every_catalog_belongs_to_a_page():
    """sphinx.po holds the words of the templates (book/_templates and the theme's),
    booktheme.po those of sphinx-book-theme's own catalog that we translate again; every
    other catalog is a page's, and an orphan is left over from a page that was removed or
    renamed."""
    pages = set(english_pages()) | {"sphinx", "booktheme"}
    orphans = [_rel(p) for p in _catalogs() if p.relative_to(CATALOGS).with_suffix("").as_posix() not in pages]
    assert orphans == []


def test_catalogs_are_valid():
    for path in _catalogs():
        _read(path)


def test_no_untranslated_or_fuzzy_message():
    """Every msgstr filled (a message that is only math or code is copied), none fuzzy."""
    problems = {}
    for path in _catalogs():
        catalog = _read(path)
        untranslated = [m.id for m in catalog if m.id and not m.string]
        fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
        if untranslated or fuzzy or catalog.fuzzy:
            problems[_rel(path)] = (len(untranslated), len(fuzzy), catalog.fuzzy)
    report = "\n".join(f"  {path}: {u} untranslated, {f} fuzzy" + (", header marked fuzzy" if h else "")
                       for path, (u, f, h) in sorted(problems.items()))
    assert not problems, (f"{len(problems)} catalogs to update (translate the empty messages, "
                          f"check and unmark the fuzzy ones):\n{report}")


# -- The markup a translation must keep ------------------------------------------------------

_ROLE = re.compile(r"\{([a-z:-]*)\}`([^`]*)`|:([a-z:]+):`([^`]*)`")  # MyST {role}`x`, reST :role:`x`
_CODE = re.compile(r"``(.+?)``|`([^`]+)`")  # reST ``code``, MyST `code`
_MATH = re.compile(r"\$\$(.+?)\$\$|\$([^$]+)\$")
_LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")  # [text](target): the text is translated
_EXPLICIT = re.compile(r"^(.*?)\s*<([^<>]+)>$")  # {ref}`text <target>`: the text is translated

# Roles whose content is shown as it is: the whole content must be kept.
_VERBATIM_ROLES = {"glue", "glue:text", "glue:md", "glue:any", "eq", "math", "cite", "cite:p", "cite:t"}


def markup(text):
    """The markup of a message, as a Counter of ``(kind, content)``.

    Glued keys with their formats, cited keys, equation labels and inline math count by
    their whole content; references count by their target (their text may be translated);
    code spans, ``$...$`` math and link targets by their content.
    """
    found = Counter()

    def role(match):
        name = match.group(1) if match.group(1) is not None else match.group(3)
        content = match.group(2) if match.group(1) is not None else match.group(4)
        if name not in _VERBATIM_ROLES:
            explicit = _EXPLICIT.match(content)
            content = explicit.group(2) if explicit else content
        if name.startswith("glue"):
            # Glued words (not numbers) have a Chinese twin glued by the same cell under the
            # same key plus "_zh" (chapter 9's lists of schedules): the translation pastes it.
            content = re.sub(r"_zh(?=:|$)", "", content)
        found[(name, content)] += 1
        return " "

    rest = _ROLE.sub(role, text)
    rest = _MATH.sub(lambda m: found.update([("math", m.group(0))]) or " ", rest)
    rest = _CODE.sub(lambda m: found.update([("code", m.group(0))]) or " ", rest)
    found.update(("link", target) for target in _LINK_TARGET.findall(rest))
    return found


def test_markup_rule_sees_what_matters():
    english = "Step {glue:text}`eta:.2f` in {numref}`fig-a`, $x^{(t)}$, ``lr``, see {ref}`the start <sec-a>`."
    same = "见 {ref}`开头 <sec-a>`，{numref}`fig-a` 中步长 {glue:text}`eta:.2f`，$x^{(t)}$，``lr``。"
    assert markup(english) == markup(same)
    assert markup("A {glue:md}`words`.") == markup("甲 {glue:md}`words_zh`。")
    assert markup("A {glue:md}`words`.") != markup("甲 {glue:md}`other_zh`。")
    for changed in (same.replace(":.2f", ":.3f"), same.replace("fig-a", "fig-b"),
                    same.replace("x^{(t)}", "x_t"), same.replace("``lr``", "lr")):
        assert markup(english) != markup(changed)


def _translated_messages():
    for path in _catalogs():
        for message in _read(path):
            if message.id and message.string and not message.fuzzy:
                yield path, message


def test_translations_keep_the_markup_of_their_message():
    """The same glued numbers, references, citations, math and code (as multisets)."""
    problems = []
    for path, message in _translated_messages():
        english, chinese = markup(message.id), markup(message.string)
        if english != chinese:
            lost, added = english - chinese, chinese - english
            problems.append(f"{_rel(path)}: {message.id[:70]!r}\n"
                            f"    missing: {sorted(lost.elements())}\n    extra: {sorted(added.elements())}")
    assert problems == [], f"{len(problems)} translations change their markup:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", _catalogs(), ids=lambda p: p.relative_to(CATALOGS).as_posix())
def test_prose_uses_full_width_punctuation(path):
    """In Chinese prose, a comma or full stop right after a Han character is full width
    (，。), outside math and code."""
    bad = []
    for message in _read(path):
        if not (message.id and message.string):
            continue
        prose = _CODE.sub(" ", _MATH.sub(" ", _ROLE.sub(" ", message.string)))
        if re.search(r"[\u4e00-\u9fff][,.;:?!](?:\s|$)", prose):
            bad.append(message.string[:80])
    assert bad == []


def test_gallery_alt_texts_reach_the_catalogs():
    """Every gallery figure's description is a message of its page's catalog (editions.py
    makes sphinx-gallery's images and the animations' players translatable), so the Chinese
    edition can describe it."""
    missing = []
    for script in EXAMPLES:
        alts = re.findall(r'^# sphinx_gallery_alt_text_\d+ = "(.*)"$', script.read_text(), re.M)
        catalog = (CATALOGS / f"{example_page(script)}.po").read_text()
        missing += [f"{script.name}: {alt[:50]}" for alt in alts if f'msgid "{alt}"' not in catalog]
    assert missing == []


# (indented too: a formula inside a list item or an exercise's dropdown)
_DISPLAY_MATH = re.compile(r"^[ \t]*\$\$(.+?)\$\$|^[ \t]*```\{math\}[^\n]*\n((?:[ \t]*:[^\n]*\n)*)(.*?)^[ \t]*```",
                           re.S | re.M)


def display_equations(page_source):
    """The display equations of a MyST page's source, whitespace normalised: what Sphinx
    extracts as their messages, since it makes a message of a math block too."""
    found = set()
    for match in _DISPLAY_MATH.finditer(page_source):
        latex = match.group(1) if match.group(1) is not None else match.group(3)
        found.add(" ".join(latex.split()))
    return found


def test_display_equations_are_not_translated():
    """A display equation is mathematics in both editions: its message's translation is
    the message itself. Sphinx renders a translated math block as reST's "::" (Eq. 10.1
    once showed nothing else), and a formula's words belong in the sentence around it."""
    changed = []
    for path in _catalogs():
        source = next((BOOK / path.relative_to(CATALOGS).with_suffix(suffix) for suffix in PAGE_SUFFIXES
                       if (BOOK / path.relative_to(CATALOGS).with_suffix(suffix)).is_file()), None)
        if source is None:
            continue
        equations = display_equations(source.read_text(encoding="utf-8"))
        for message in _read(path):
            if message.id and message.string and " ".join(str(message.id).split()) in equations \
                    and message.string != message.id:
                changed.append(f"{_rel(path)}: {str(message.id)[:60]!r}")
    assert changed == []


def test_the_display_equation_rule_sees_them():
    source = ("Text.\n\n$$\na + b \\text{ for all } x\n$$ (eq-a)\n\n```{math}\n:label: eq-b\nc = d\n```\n"
              "1. A list item:\n\n   $$\n   e \\text{ for every } t\n   $$\n")
    assert display_equations(source) == {"a + b \\text{ for all } x", "c = d", "e \\text{ for every } t"}


_TEXT_IN_MATH = re.compile(r"\\(?:text|textrm|mbox)\{([^{}]*)\}")
_SUBSCRIPT_TEXT = re.compile(r"[_^]\{?\\(?:text|textrm|mbox)\{[A-Za-z]*\}")  # one word: a name


def words_in_display_equations(page_source):
    """The words of the display equations of a MyST page, outside one-word sub- and
    superscripts (a name such as eta^{after} or b_{crit} is notation; a label of two words
    under a brace, _{companion matrix}, is a phrase)."""
    words = []
    for equation in display_equations(page_source):
        for text in _TEXT_IN_MATH.findall(_SUBSCRIPT_TEXT.sub("", equation)):
            words += re.findall(r"[A-Za-z]{2,}", text)
    return words


@pytest.mark.parametrize("page", sorted(p.relative_to(BOOK).as_posix() for p in BOOK.glob("part*/*.md")))
def test_display_equations_hold_no_words(page):
    """'for all', 'if', 'otherwise', 'step decay:' belong to the sentence around a formula,
    where the Chinese edition translates them (issue 21)."""
    assert words_in_display_equations((BOOK / page).read_text(encoding="utf-8")) == []


def test_the_word_rule_sees_words_not_names():
    source = ("$$\nf(x) \\quad \\text{for all } x, \\qquad b_{\\text{crit}}, \\eta^{\\text{after}}_t, "
              "\\underbrace{M}_{\\text{companion matrix}}\n$$\n")
    assert words_in_display_equations(source) == ["for", "all", "companion", "matrix"]


def test_chinese_messages_are_tidy():
    """No space a Chinese reader would see between two Chinese characters or beside
    full-width punctuation (chinese_tidy.py; `python tests/chinese_tidy.py <catalogs>`
    tidies them)."""
    untidy = [f"{_rel(path)}: {message.string[:50]}" for path in _catalogs() for message in _read(path)
              if message.id and isinstance(message.string, str) and tidy(message.string) != message.string]
    assert untidy == []


# -- Terms: locales/zh_CN/glossary.tsv (issue 21, item 4) -------------------------------------


def test_the_glossary_gives_each_term_one_rendering():
    rows = chinese_terms.glossary()
    renderings = [row["中文"] for row in rows]
    assert len(rows) > 100 and len(set(renderings)) == len(renderings), Counter(renderings).most_common(3)
    assert len({row["english"] for row in rows}) == len(rows)
    avoided = {a for row in rows for a in row["avoid"]}
    # an avoided rendering is never a term's rendering, nor part of one (the check would
    # then fail on the right word)
    assert not [(a, r) for a in avoided for r in renderings if a in r]


def test_no_catalog_uses_a_rendering_the_glossary_avoids():
    """One rendering per term on every page: 除以, not 去除; 收缩因子, not 缩小倍数; 竞赛, not 比赛
    (the reviewers found each of these on some pages and not on others)."""
    assert chinese_terms.avoided_renderings() == []


def test_the_avoided_rendering_rule_sees_them(tmp_path):
    (tmp_path / "page.po").write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                                      'msgid "RMSProp divides each coordinate by the RMS"\n'
                                      'msgstr "RMSProp 用均方根去除每个坐标"\n', encoding="utf-8")
    found = chinese_terms.avoided_renderings(catalogs=tmp_path)
    assert [(c, a, t) for c, a, t, _ in found] == [("page.po", "去除", "除以")]


def test_the_first_use_rule_finds_a_term_inside_a_longer_one_only_as_that_one():
    uses = chinese_terms.uses("随机梯度下降（stochastic gradient descent）与梯度下降", ["梯度下降", "随机梯度下降", "梯度"])
    assert set(uses) == {"随机梯度下降", "梯度下降"}
    text = "动量法（momentum）让它更快"
    assert chinese_terms.glossed(text, text.index("法") + 1, "momentum")
    assert not chinese_terms.glossed("动量法让它（momentum）更快", 3, "momentum")
