"""The bibliography (book/references.bib, rendered on book/bibliography.md).

Every entry is cited somewhere in the book, and each entry, as the book's
citation style renders it, shows no raw TeX and no identifier twice (an arXiv
number both as ``eprint`` and in a ``note``, say). Failures name the entry keys.
"""

import functools
import re
import runpy

from pybtex.database import parse_file
from pybtex.plugin import find_plugin

from book_build import BOOK, ROOT

CONF = runpy.run_path(str(ROOT / "conf.py"))
BIBFILES = [ROOT / name for name in CONF["bibtex_bibfiles"]]
# {cite:p}`a,b` in MyST; :cite:p:`a,b` in reST and in the gallery scripts' text blocks.
CITE = re.compile(r"(?:\{cite(?::\w+)?\}|:cite(?::\w+)?:)`([^`]+)`")
RAW_TEX = re.compile(r"\$|\\[A-Za-z]+|\^")
IDENTIFIER = re.compile(r"\b10\.\d{4,9}/\S+|\b\d{4}\.\d{4,5}(?:v\d+)?\b|https?://\S+")


@functools.cache
def _entries():
    entries = {}
    for bibfile in BIBFILES:
        entries.update(parse_file(str(bibfile), "bibtex").entries)
    return entries


def _rendered(entries):
    """``{key: text}``: each entry as the book's style renders it, as plain text."""
    style = find_plugin("pybtex.style.formatting", CONF["bibtex_default_style"])()
    return {e.key: e.text.render_as("text") for e in style.format_entries(entries.values())}


def doubled_identifiers(text):
    """DOIs, arXiv numbers and URLs that ``text`` shows more than once."""
    found = [match.rstrip(".,;") for match in IDENTIFIER.findall(text)]
    return sorted({i for i in found if found.count(i) > 1})


@functools.cache
def _book_rendered():
    return _rendered(_entries())


def cited_keys(root=BOOK):
    """Every key cited in the book's sources (chapters, pages, gallery scripts)."""
    keys = set()
    for path in root.rglob("*"):
        if path.suffix in {".md", ".rst", ".py"} and "auto_examples" not in path.parts:
            for group in CITE.findall(path.read_text()):
                keys.update(key.strip() for key in group.split(","))
    return keys


def test_the_book_cites_entries():
    """The control for the test below: the scan finds the citations that are there."""
    cited = cited_keys()
    assert {"robbins1951", "kingma2015", "polyak1964"} <= cited
    assert cited_keys(BOOK / "_static") == set()


def test_every_entry_is_cited():
    uncited = sorted(set(_entries()) - cited_keys())
    assert uncited == [], f"entries in references.bib that the book never cites: {uncited}"


def test_every_citation_has_an_entry():
    missing = sorted(cited_keys() - set(_entries()))
    assert missing == [], f"cited but not in references.bib: {missing}"


def test_rendered_entries_show_no_raw_tex():
    raw = {key: text for key, text in _book_rendered().items() if RAW_TEX.search(text)}
    assert raw == {}, f"raw TeX in the rendered bibliography: {raw}"


def test_rendered_entries_show_each_identifier_once():
    doubled = {key: ids for key, text in _book_rendered().items()
               if (ids := doubled_identifiers(text))}
    assert doubled == {}, f"identifiers shown twice in one entry: {doubled}"


def test_the_checks_catch_what_they_name(tmp_path):
    """Each check fails on an entry with the fault it looks for (the entries of issue 10)."""
    bib = tmp_path / "faulty.bib"
    bib.write_text(
        "@misc{tex2000, author = {A, B}, year = {2000}, title = {Rate {$O(1/k^2)$}}}\n"
        "@misc{twice2000, author = {A, B}, year = {2000}, title = {T},\n"
        "  eprint = {1412.6980}, archiveprefix = {arXiv}, note = {arXiv:1412.6980}}\n")
    rendered = _rendered(parse_file(str(bib), "bibtex").entries)
    assert RAW_TEX.search(rendered["tex2000"]) and not RAW_TEX.search(rendered["twice2000"])
    assert doubled_identifiers(rendered["twice2000"]) == ["1412.6980"]
    assert doubled_identifiers(rendered["tex2000"]) == []
