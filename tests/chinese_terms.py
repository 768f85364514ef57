"""The Chinese edition against its glossary, ``locales/zh_CN/glossary.tsv`` (issue 21, item 4).

Two rules, as d2l-zh keeps them:

* one rendering per term: no catalog message (what every Chinese page is made of) uses a
  rendering the glossary's ``avoid`` column names (``avoided_renderings``);
* the English at first use: on the first chapter page, in reading order, whose prose uses a
  term, the term is followed at least once by its English in parentheses, 动量法（momentum）
  (``missing_glosses``). A term inside a longer one (梯度 in 梯度下降) does not count as a use.

``python tests/chinese_terms.py _build/html`` lists both for a built book.
"""

import csv
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "locales" / "zh_CN" / "glossary.tsv"
CATALOGS = ROOT / "locales" / "zh_CN" / "LC_MESSAGES"
# Pages that are not chapters: the landing page and the preface name terms before any
# chapter introduces them; the gallery, API and bibliography pages come after.
NOT_CHAPTERS = ("index.html", "preface.html", "auto_examples/", "api", "bibliography.html", "genindex.html",
                "search.html")


def glossary(path=GLOSSARY):
    """The rows of the glossary: dicts with ``english``, ``中文``, ``gloss`` (or None) and
    ``avoid`` (a tuple)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    rows = []
    for row in csv.DictReader(lines, delimiter="\t"):
        if None in row or any(value is None or not value.strip() for value in row.values()):
            raise ValueError(f"{path.name}: a row without four tab-separated columns: {row}")
        rows.append({"english": row["english"], "中文": row["中文"],
                     "gloss": None if row["gloss"] == "-" else row["gloss"],
                     "avoid": () if row["avoid"] == "-" else tuple(row["avoid"].split(","))})
    return rows


def _messages(po):
    """The translations (msgstr) of a catalog, each joined into one string."""
    from babel.messages.pofile import read_po
    with po.open("rb") as f:
        catalog = read_po(f)
    return [m.string for m in catalog if m.id and isinstance(m.string, str) and m.string]


def avoided_renderings(rows=None, catalogs=CATALOGS):
    """``[(catalog, rendering, term, excerpt)]`` for each avoided rendering in a translation."""
    rows = glossary() if rows is None else rows
    found = []
    for po in sorted(catalogs.rglob("*.po")):
        for text in _messages(po):
            for row in rows:
                for avoided in row["avoid"]:
                    for match in re.finditer(re.escape(avoided), text):
                        excerpt = text[max(0, match.start() - 10):match.end() + 10].replace("\n", " ")
                        found.append((po.relative_to(catalogs).as_posix(), avoided, row["中文"], excerpt))
    return found


def reading_order(site, subdir="zh_CN"):
    """The edition's pages in reading order, from its landing page along the "next" links."""
    start = Path(site) / subdir
    pages, page = [], "index.html"
    while page and page not in pages:
        pages.append(page)
        soup = BeautifulSoup((start / page).read_text(encoding="utf-8"), "html.parser")
        link = soup.select_one("a.right-next")
        page = urljoin(page, link["href"]).split("#")[0] if link else None
    return pages


def prose(html):
    """The text of a page's paragraphs, list items, captions and table cells (not headings,
    code or math), in order."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.bd-article") or soup
    for tag in article.select("script, style, pre, .highlight, code, .math, mjx-container, [lang=en]"):
        tag.decompose()
    return "\n".join(block.get_text("") for block in article.select("p, td, th, dd")
                     if not block.find("p"))


def uses(text, terms):
    """``{term: [end of each use]}`` in ``text``, a term inside a longer one not counted."""
    longest_first = sorted(terms, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(term) for term in longest_first))
    found = {}
    for match in pattern.finditer(text):
        found.setdefault(match.group(), []).append(match.end())
    return found


def glossed(text, end, gloss):
    """Whether the use ending at ``end`` is followed by its English in parentheses."""
    after = text[end:end + len(gloss) + 40]
    return re.match(r"\s*[（(]\s*" + re.escape(gloss).replace(r"\ ", r"[\s-]") + r"\b", after, re.I) is not None


def missing_glosses(site, rows=None, subdir="zh_CN"):
    """``[(term, gloss, page)]`` for each term whose first chapter page never glosses it."""
    rows = glossary() if rows is None else rows
    terms = {row["中文"]: row["gloss"] for row in rows}
    pending = {term for term, gloss in terms.items() if gloss}
    missing = []
    for page in reading_order(site, subdir):
        if page.startswith(NOT_CHAPTERS) or not pending:
            continue
        text = prose((Path(site) / subdir / page).read_text(encoding="utf-8"))
        for term, ends in uses(text, terms).items():
            if term in pending:
                pending.discard(term)
                if not any(glossed(text, end, terms[term]) for end in ends):
                    missing.append((term, terms[term], page))
    return missing


if __name__ == "__main__":
    for catalog, avoided, term, excerpt in avoided_renderings():
        print(f"avoid  {catalog}: {avoided} (glossary: {term}) ... {excerpt}")
    if len(sys.argv) > 1:
        for term, gloss, page in missing_glosses(sys.argv[1]):
            print(f"gloss  {page}: {term}（{gloss}） at its first use")
