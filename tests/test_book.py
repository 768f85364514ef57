"""The real book, both editions, proven whole (``make test-book``, the full tier).

Two clean builds of fresh copies of ``book/`` run in parallel once per session
(one per core), each of both editions; the browser walk, the API checks and the
download checks read the first, and the reproducibility check compares the two.
What a contributor needs on every change (the library, every chapter's numbers,
every gallery script run on its own with its figures checked, the machinery on
small books in both editions, in the browser too) is ``make test``, the fast tier;
``tests/README.md`` lists which property each tier proves, and where.
"""

import filecmp
import inspect
import json
import os
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest

import chinese_terms
import gdlib
import page_checks
from book_browser import COLOUR_RULES, check_players, phase_seconds, search, walk
from book_build import (BOOK, CHINESE, CHINESE_SUBDIR, EXAMPLES, ROOT, build, copy_sources, doctree_dir,
                        example_page, finish_build, html_pages, start_build)
from book_notebooks import code_cells, notebook_pages, run_standalone
from chinese_pages import english_on_chinese_pages, slips_on_chinese_pages

pytestmark = pytest.mark.book  # make test-book; make test leaves these out
MEASUREMENTS = ROOT / "_build" / "measurements"  # what the walk timed, for the README's table

SCREENSHOTS = {  # page -> file under _build/screenshots/, for a person to look at
    "index.html": "index.png",
    "preface.html": "preface.png",
    "api.html": "api.png",
    "api/generated/gdlib.Adam.html": "api-adam.png",
    "auto_examples/part1/index.html": "gallery-part1.png",
    "auto_examples/part1/obstacles/plot_xcos_landscape.html": "example-xcos-landscape.png",
    "bibliography.html": "bibliography.png",
    "zh_CN/preface.html": "zh-preface.png",  # the Chinese edition
    "zh_CN/part2/momentum.html": "zh-momentum.png",
    "zh_CN/auto_examples/part1/obstacles/plot_xcos_landscape.html": "zh-example-xcos-landscape.png",
}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}


@pytest.fixture(scope="session")
def builds(tmp_path_factory):
    """Two clean builds, in parallel: ``([outdir_a, outdir_b], [(returncode, log, warnings)] * 2)``.

    A warning fails ``test_clean_build_has_no_warning`` only: with ``--keep-going``
    the pages are all written, so the other checks still run on them.
    """
    # Each build has a folder of its own: MyST-NB keeps its notebook cache beside the
    # output folder (``<outdir>/../.jupyter_cache``), and two builds sharing one would
    # be neither clean nor independent (and they race on its database).
    roots = [tmp_path_factory.mktemp(f"book_{n}") for n in "ab"]
    processes = [start_build(copy_sources(root / "checkout"), root / "html") for root in roots]
    results = [finish_build(p) for p in processes]
    for root, (returncode, log, _) in zip(roots, results):
        assert (root / "html" / "index.html").is_file(), log[-5000:]
    # Then the Chinese edition, as `make html` builds it: from the same checkout and caches
    # (it executes nothing), into html/zh_CN. Its pages are part of the site: walked,
    # checked offline and compared byte for byte with the rest.
    processes = [start_build(root / "checkout" / "book", root / "html" / CHINESE_SUBDIR, *CHINESE)
                 for root in roots]
    results_zh = [finish_build(p) for p in processes]
    for root, (returncode, log, _) in zip(roots, results_zh):
        assert (root / "html" / CHINESE_SUBDIR / "index.html").is_file(), log[-5000:]
    return [root / "html" for root in roots], results, results_zh


@pytest.fixture(scope="session")
def outdir(builds):
    return builds[0][0]


# One page of each kind: a chapter full of math, a gallery page, an animation's player,
# a source page (all code), an API page, and a chapter of the Chinese edition.
SWITCH_SAMPLE = ["part2/momentum.html", "auto_examples/part1/obstacles/plot_xcos_landscape.html",
                 "auto_examples/part1/gd_in_practice/plot_lr_explorer.html", "_modules/gdlib/run.html",
                 "api/generated/gdlib.Adam.html", "zh_CN/part3/newton.html"]


@pytest.fixture(scope="session")
def browser_reports(outdir):
    """Every page of both editions: every check and every axe-core rule in light mode, then
    switched to dark mode, the rules a change of colours can affect (``COLOUR_RULES``; the
    sample below runs every rule in both modes). axe-core scans the sidebar on one page of
    each kind of sidebar, the rest of every page everywhere (tests/README.md says why that is
    the same proof). The phases' times go to _build/measurements."""
    pages = html_pages(outdir)
    shots = {page: name for page, name in SCREENSHOTS.items() if page in pages}
    reports = walk(outdir, pages, shots, ROOT / "_build" / "screenshots", switched_rules=COLOUR_RULES,
                   colour_pages=SWITCH_SAMPLE, sidebar_pages=one_page_per_sidebar(outdir, pages))
    MEASUREMENTS.mkdir(parents=True, exist_ok=True)
    (MEASUREMENTS / "walk-real-book.json").write_text(json.dumps(phase_seconds(reports), indent=1))
    return reports


# -- 1. zero warnings; a raising example or notebook fails the build, by name ---------


def test_clean_build_has_no_warning(builds):
    for returncode, log, warnings in builds[1]:
        assert warnings.strip() == "", warnings
        assert returncode == 0, log[-3000:]


def test_chinese_build_has_no_warning_and_executes_nothing(builds):
    """The Chinese edition reuses the English build's gallery outputs and notebook cache."""
    for returncode, log, warnings in builds[2]:
        assert warnings.strip() == "", warnings
        assert returncode == 0, log[-3000:]
        assert "Executed notebook" not in log and "Executing notebook" not in log
        assert "successfully executed 0 out of 0 files" in log
        assert "Building prefix dict" not in log  # jieba is quiet


def test_the_site_folder_holds_only_the_site(builds):
    """Sphinx's environment and doctrees go beside the site (``-d``), not into it; so do
    MyST-NB's notebooks (jupyter_execute) of both editions."""
    for outdir in builds[0]:
        for site in (outdir, outdir / CHINESE_SUBDIR):
            assert not (site / ".doctrees").exists()
            assert (doctree_dir(site) / "environment.pickle").is_file()
        assert sorted(p.name for p in outdir.iterdir() if not p.name.startswith(("_", "."))
                      and p.is_dir()) == sorted(["api", "auto_examples", CHINESE_SUBDIR]
                                                + [p.name for p in BOOK.glob("part*") if p.is_dir()])


def test_kernels_listen_on_no_port(builds):
    """Every chapter ran in a kernel on Unix sockets (kernel_sockets.py), none on TCP ports,
    which two kernels started at once can be handed twice."""
    for _, log, _ in builds[1]:
        assert log.count("Executed notebook") >= 10
        assert "running over TCP" not in log and "Address already in use" not in log


# -- 2. every page in a real browser: offline, no error, images and math OK ------------


def test_browser_walked_every_page(outdir, browser_reports):
    assert sorted(browser_reports) == html_pages(outdir)
    assert len(browser_reports) > 10
    for page, name in SCREENSHOTS.items():
        if page in browser_reports:
            assert (ROOT / "_build" / "screenshots" / name).stat().st_size > 0


def test_no_request_leaves_localhost(browser_reports):
    assert page_checks.requests_off_the_machine(browser_reports) == {}


def test_no_failed_request(browser_reports):
    assert page_checks.failed_requests(browser_reports) == {}


def test_no_console_error(browser_reports):
    assert page_checks.console_errors(browser_reports) == {}


def test_no_broken_image(browser_reports):
    assert page_checks.broken_images(browser_reports) == {}


# -- accessibility: axe-core on every page, light and dark; figures described; players ----


def test_axe_walked_every_page_in_both_modes(browser_reports):
    assert page_checks.axe_not_run(browser_reports) == {}


_MODE_ONLY = re.compile(r"\bonly-(?:light|dark)\b")


class _SidebarLinks(HTMLParser):
    """The links of a page's sidebar, each with whether a reader sees it (not inside a
    closed branch) and, for the current page's entry, its depth in the tree (else None)."""

    def __init__(self):
        super().__init__()
        self.depth, self.closed, self.links = 0, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and "bd-docs-nav" in (attrs.get("class") or ""):
            self.depth = 1
        elif self.depth and tag == "details":
            self.closed.append("open" not in attrs)
        elif self.depth and tag == "a":
            current = len(self.closed) if "current" in (attrs.get("class") or "").split() else None
            self.links.append((attrs.get("href"), not any(self.closed), current))

    def handle_endtag(self, tag):
        if self.depth and tag == "details":
            self.closed.pop()
        elif self.depth and tag == "nav":
            self.depth = 0


def _sidebar(outdir, page):
    parser = _SidebarLinks()
    parser.feed((outdir / page).read_text())
    folder = posixpath.dirname(page)
    resolve = lambda href: page if href == "#" else posixpath.normpath(posixpath.join(folder, href.split("#")[0]))
    return [(resolve(href), shown, current) for href, shown, current in parser.links]


def one_page_per_sidebar(outdir, pages):
    """One page of each kind of sidebar: the same edition, the same entries shown (the same
    branches open) and the current page's entry at the same depth (or none). Pages of one
    kind differ in their sidebars only in which entry of that depth is the current one."""
    first = {}
    for page in pages:
        links = _sidebar(outdir, page)
        kind = (page.startswith(f"{CHINESE_SUBDIR}/"), frozenset(link for link, shown, _ in links if shown),
                next((depth for _, _, depth in links if depth is not None), None))
        first.setdefault(kind, page)
    return set(first.values())


def test_every_sidebar_entry_is_scanned_where_it_shows(outdir):
    """What makes one scan of each kind of sidebar enough (``one_page_per_sidebar``): on
    those pages axe-core sees every sidebar entry that any page shows, in both editions,
    and the current page's entry at every depth where a page has one."""
    pages = html_pages(outdir)
    sidebars = {page: _sidebar(outdir, page) for page in pages}
    scanned = one_page_per_sidebar(outdir, pages)
    for edition in (True, False):
        chosen = [p for p in pages if p.startswith(f"{CHINESE_SUBDIR}/") == edition]
        shown = {link for page in chosen for link, seen, _ in sidebars[page] if seen}
        seen_scanned = {link for page in scanned & set(chosen) for link, seen, _ in sidebars[page] if seen}
        depths = {d for page in chosen for _, _, d in sidebars[page]} - {None}
        depths_scanned = {d for page in scanned & set(chosen) for _, _, d in sidebars[page]} - {None}
        assert len(shown) > 50 and shown == seen_scanned and depths and depths == depths_scanned
    assert len(scanned) < len(pages) / 5


def test_no_content_is_shown_in_one_mode_only():
    """What makes the colour rules alone enough in dark mode (see ``COLOUR_RULES``): the two
    modes differ in colours only. The theme hides or shows an element by mode with the
    classes only-light and only-dark; no chapter, script, template or style of the book
    uses them (the theme's own logo, on every page, is in the sample below)."""
    sources = [*BOOK.glob("**/*.md"), *BOOK.glob("examples/**/*.py"), *BOOK.glob("_templates/**/*.html"),
               *BOOK.glob("_static/*.js"), *BOOK.glob("_static/*.css"), *BOOK.glob("_ext/*.py"), ROOT / "conf.py"]
    assert len(sources) > 100
    assert [str(p.relative_to(ROOT)) for p in sources if p.is_file() and _MODE_ONLY.search(p.read_text())] == []


@pytest.fixture(scope="session")
def sample_in_both_modes(outdir, browser_reports):
    """The sample, walked again as the whole book is (light, then switched to dark) but with
    every axe-core rule in dark mode too, and loaded in dark mode from the start."""
    assert set(SWITCH_SAMPLE) <= set(browser_reports)
    return walk(outdir, SWITCH_SAMPLE), walk(outdir, SWITCH_SAMPLE, reload=True)


def test_switched_mode_is_the_loaded_mode(sample_in_both_modes):
    """The walk loads each page once, in light mode, and then switches it to dark mode as a
    reader does, with the theme's button. A page loaded in dark mode from the start gives the
    same records: the same colours of every element and the same axe-core results (every
    rule) in both modes, requests, errors and images."""
    switched, reloaded = sample_in_both_modes
    assert page_checks.switch_differences(switched, reloaded) == {}


def test_colour_rules_are_the_rules_a_mode_switch_changes(browser_reports, sample_in_both_modes):
    """On the sample, every rule runs in dark mode: no violation; and the colour rules give
    there exactly what the walk of the whole book recorded for those pages."""
    switched, reloaded = sample_in_both_modes
    assert page_checks.axe_failures(switched, {"minor", "moderate", "serious", "critical", None}) == []
    assert page_checks.axe_failures(reloaded, {"minor", "moderate", "serious", "critical", None}) == []
    for page in SWITCH_SAMPLE:
        colour = [v for v in switched[page].axe["dark"] if v[0] in COLOUR_RULES]
        assert colour == browser_reports[page].axe["dark"], page


def test_no_serious_or_critical_accessibility_violation(browser_reports):
    """axe-core (the engine of Lighthouse's accessibility audit) finds nothing serious or
    critical on any page, in the theme's light or dark mode."""
    assert "\n".join(page_checks.axe_failures(browser_reports, {"serious", "critical"})) == ""


def test_no_accessibility_violation_at_all(browser_reports):
    """Nor anything moderate or minor: tables with header cells that say nothing
    (empty-table-header), content outside the page's landmarks (region), ..."""
    assert "\n".join(page_checks.axe_failures(browser_reports, {"moderate", "minor", None})) == ""


def test_every_figure_says_what_it_shows(browser_reports):
    """Every image has alternative text, and every figure one of at least a sentence
    (alt_text.py). Only decoration may have an empty one: the logo and the gallery
    thumbnails, beside link text that says what they would."""
    assert page_checks.undescribed_figures(browser_reports) == []
    # the chapters' figures and the gallery's, animations included
    assert len(page_checks.described_figures(browser_reports)) > 90


@pytest.fixture(scope="session")
def players(outdir):
    pages = [p for p in html_pages(outdir) if page_checks.PLAYER_PAGE.search((outdir / p).read_text())]
    return pages, check_players(outdir, pages)


def test_animations_still_until_started_and_played_by_keyboard(players):
    """Every animation of both editions: see ``page_checks.player_problems``."""
    pages, results = players
    assert len(pages) >= 10  # the learning-rate explorer and the four races, in both editions
    assert page_checks.player_problems(results, min_frames=30) == []


def test_chapters_numbered_through_both_parts(outdir):
    """Part II goes on from Part I (chapter_numbers.py); figures and equations count per chapter."""
    sgd = (outdir / "part2" / "sgd.html").read_text()
    assert '<h1><span class="section-number">4. </span>Stochastic gradient descent' in sgd
    assert re.findall(r'caption-number">Fig\. ([\d.]+)', sgd)[:2] == ["4.1", "4.2"]
    assert re.findall(r'class="eqno">\(([\d.]+)\)', sgd)[:2] == ["4.1", "4.2"]
    assert ">9. Choosing an optimizer<" in sgd  # the sidebar
    optimization = (outdir / "part1" / "optimization.html").read_text()
    assert re.findall(r'caption-number">Fig\. ([\d.]+)', optimization)[0] == "1.1"
    assert "<h1>Preface" in (outdir / "preface.html").read_text()  # outside the numbered parts


# -- The Chinese edition (issue 12) ---------------------------------------------------------

_SWITCHER = re.compile(r'<a class="btn btn-sm language-switcher" href="([^"]+)"\s+hreflang="([^"]+)" lang="([^"]+)"')
_HTML_LANG = re.compile(r'<html lang="([^"]+)"')
_PASTED = re.compile(r'<span class="pasted-text">(.*?)</span>')


def test_both_editions_have_the_same_pages(outdir):
    pages = html_pages(outdir)
    chinese = [p.removeprefix(f"{CHINESE_SUBDIR}/") for p in pages if p.startswith(f"{CHINESE_SUBDIR}/")]
    english = [p for p in pages if not p.startswith(f"{CHINESE_SUBDIR}/")]
    assert len(english) > 100 and chinese == english


def test_every_page_links_to_itself_in_the_other_edition(outdir):
    """The switcher in the header: a relative link (it works from file://) to an existing
    file, the same page in the other edition, with its language; and each page says its own."""
    problems = {}
    for page in html_pages(outdir):
        html = (outdir / page).read_text()
        is_chinese = page.startswith(f"{CHINESE_SUBDIR}/")
        links = _SWITCHER.findall(html)
        own = _HTML_LANG.search(html).group(1)
        if len(links) != 1:
            problems[page] = f"{len(links)} switchers"
            continue
        href, hreflang, lang = links[0]
        target = os.path.normpath((outdir / page).parent / href)
        expected = outdir / (page.removeprefix(f"{CHINESE_SUBDIR}/") if is_chinese else f"{CHINESE_SUBDIR}/{page}")
        if urlsplit(href).scheme or href.startswith("/") or target != str(expected) or not expected.is_file():
            problems[page] = f"links to {href}"
        elif (hreflang, lang, own) != (("en", "en", "zh-CN") if is_chinese else ("zh-CN", "zh-CN", "en")):
            problems[page] = f"languages {(hreflang, lang, own)}"
    assert problems == {}


def test_chinese_edition_marks_what_it_leaves_in_english(outdir):
    """The API pages (gdlib's docstrings) and the source pages are English in both editions;
    in the Chinese one their text says so (lang="en"), so that a screen reader reads it as
    English (WCAG 3.1.2, language of parts). The chapters are Chinese throughout."""
    pages = [p for p in html_pages(outdir) if p.startswith(f"{CHINESE_SUBDIR}/")]
    untranslated = [p for p in pages if p.startswith((f"{CHINESE_SUBDIR}/api/generated/", f"{CHINESE_SUBDIR}/_modules/"))]
    assert len(untranslated) > 50
    article = re.compile(r'<article class="bd-article">\s*<div lang="en">')
    assert [p for p in untranslated if not article.search((outdir / p).read_text())] == []
    assert [p for p in pages if p not in untranslated and 'lang="en"' in (outdir / p).read_text()
            .replace('hreflang="en" lang="en"', "")] == []
    assert not article.search((outdir / "api/generated/gdlib.Adam.html").read_text())


def test_glued_numbers_are_the_same_in_both_editions(outdir):
    """Every number a chapter glues appears in its Chinese page as often as in its English one
    (the order may differ: a translation may reorder a sentence)."""
    chapters = [p for p in html_pages(outdir) if re.fullmatch(r"(part\d/\w+|preface)\.html", p)]
    assert len(chapters) >= 9
    differ = {}
    for page in chapters:
        english = sorted(_PASTED.findall((outdir / page).read_text()))
        chinese = sorted(_PASTED.findall((outdir / CHINESE_SUBDIR / page).read_text()))
        if english != chinese:
            differ[page] = (len(english), len(chinese))
    assert differ == {}, "pasted numbers (English, Chinese) differ: " + repr(differ)


def test_chinese_preface_says_where_it_comes_from(outdir):
    """The note is in the Chinese preface only ({only} zh_CN)."""
    assert "Chinese edition is built" not in (outdir / "preface.html").read_text()
    chinese = (outdir / CHINESE_SUBDIR / "preface.html").read_text()
    assert "本中文版与英文版出自同一套源文件" in chinese and "《动手学深度学习》中文版" in chinese


def test_chinese_search_finds_the_chapters(outdir):
    """Chinese words typed into the Chinese search page find the chapters about them (jieba
    splits the text; the book's terms are whole words: 学习率, not 学习 + 率)."""
    found = search(outdir, f"{CHINESE_SUBDIR}/search.html", ["动量", "学习率"])
    # among the first results: chapters 8 and 13 also speak of momentum at length
    assert f"{CHINESE_SUBDIR}/part2/momentum.html" in found["动量"][:3], found["动量"]
    for chapter in ("part1/gd_in_practice", "part1/why_gd_works", "part2/choosing"):
        assert f"{CHINESE_SUBDIR}/{chapter}.html" in found["学习率"], found["学习率"]


# What the reviewers of the Chinese edition typed (issue 21): each word the pages hold.
_CHINESE_QUERIES = {"动量法": ["动量法"], "切比雪夫": ["切比雪夫"], "詹森不等式": ["詹森不等式"],
                    "学习率预热": ["学习率", "预热"]}
_ARTICLE = re.compile(r'<article class="bd-article".*?</article>', re.S)


def test_chinese_search_finds_every_page_with_the_words(outdir):
    """A Chinese query finds every page whose text holds its words, with nothing between
    them in the query (editions.py splits it into the index's words), and those that hold
    all its words come first."""
    found = search(outdir, f"{CHINESE_SUBDIR}/search.html", list(_CHINESE_QUERIES))
    texts = {p: re.sub(r"<[^>]+>", "", m.group(0)) for p in html_pages(outdir) if p.startswith(CHINESE_SUBDIR)
             and (m := _ARTICLE.search((outdir / p).read_text()))}
    for query, words in _CHINESE_QUERIES.items():
        holding = {p for p, text in texts.items() if all(w in text for w in words)}
        pages = list(dict.fromkeys(found[query]))  # a page found by its title and its text: once
        assert holding, query
        assert set(pages[:len(holding)]) == holding, (query, sorted(holding - set(pages)))
        if len(words) == 1:
            assert len(pages) == len(holding), (query, sorted(set(pages) - holding))


_DISPLAY = re.compile(r'<div class="math notranslate nohighlight"[^>]*>.*?(\\\[.*?\\\])\s*</div>', re.S)


def test_display_equations_are_the_same_in_both_editions(outdir):
    """Every display equation of a Chinese page is its English page's, character for
    character (a translated math block once rendered as "::", Eq. 10.1)."""
    differ, equations = {}, 0
    for page in html_pages(outdir):
        if page.startswith(CHINESE_SUBDIR):
            continue
        english = _DISPLAY.findall((outdir / page).read_text())
        chinese = _DISPLAY.findall((outdir / CHINESE_SUBDIR / page).read_text())
        equations += len(english)
        if english != chinese:
            differ[page] = [(e[:60], c[:60]) for e, c in zip(english, chinese) if e != c] or (len(english), len(chinese))
    assert differ == {}
    assert equations > 150  # the book's display equations (166 on 2026-12-07), all compared


def test_chinese_pages_are_typeset_as_chinese(outdir):
    """No space between two Chinese characters or beside full-width punctuation, no doubled
    word (式 式), no half-width punctuation between Chinese characters and no markup left
    as text, on any Chinese page (chinese_pages.typesetting_slips; 803 slips on
    2026-12-07 before chinese_tidy.py)."""
    assert slips_on_chinese_pages(outdir) == {}


def test_the_chinese_edition_shows_no_english_word(outdir):
    """Every word a reader sees or hears on a Chinese page is Chinese, but code, math, the
    API and source pages, names, citations and English glosses after their term
    (chinese_pages.py): text, table cells, tooltips, alternative texts, the theme's buttons
    (340 English words on 90 pages on 2026-12-07, with "step" and "gap" in chapter 9's table)."""
    assert english_on_chinese_pages(outdir) == {}


def test_each_term_gives_its_english_at_first_use(outdir):
    """On the first chapter page that uses a glossary term, the term is followed by its
    English once, as d2l-zh does: 动量法（momentum） (chinese_terms.py, glossary.tsv; 80 terms
    had none on 2026-12-07)."""
    assert chinese_terms.missing_glosses(outdir) == []
    assert len(chinese_terms.reading_order(outdir)) > 20  # the walk along "next" reached the chapters


_PLAYER_FRAME_ALT = re.compile(r'<img id="_anim_img[0-9a-f]+" alt="([^"]*)"')
_CJK = re.compile(r"[\u4e00-\u9fff]")


def test_animations_are_described_in_the_language_of_their_edition(outdir):
    """An animation's player describes its frames (alt text) in English in the English
    edition and in Chinese in the Chinese one."""
    players = {page: match.group(1) for page in html_pages(outdir)
               if (match := _PLAYER_FRAME_ALT.search((outdir / page).read_text()))}
    english = {page: alt for page, alt in players.items() if not page.startswith(f"{CHINESE_SUBDIR}/")}
    assert len(english) >= 5 and len(players) == 2 * len(english)
    wrong = [page for page, alt in english.items()
             if _CJK.search(alt) or not _CJK.search(players[f"{CHINESE_SUBDIR}/{page}"])]
    assert wrong == []


def test_no_chinese_text_is_slanted(browser_reports):
    assert page_checks.slanted_chinese(browser_reports) == {}


def test_all_math_typeset(browser_reports):
    assert page_checks.untypeset_math(browser_reports) == {}
    assert any(r.math_count for r in browser_reports.values())


_MATHJAX = re.compile(r'<script[^>]*src="[^"]*_static/mathjax/tex-chtml\.js')
_MATH = re.compile(r'class="math\b')


def test_mathjax_loads_where_math_shows_and_only_there(outdir):
    """A page loads MathJax (over a megabyte of script, and its typesetting) when it shows
    math anywhere: its text, its contents in the margin, its neighbours' titles in the
    previous/next links, the navigation. Pages without math load none (conf.py)."""
    wrong = {"math without MathJax": [], "MathJax without math": []}
    for page in html_pages(outdir):
        html = (outdir / page).read_text()
        if _MATH.search(html) and not _MATHJAX.search(html):
            wrong["math without MathJax"].append(page)
        elif _MATHJAX.search(html) and not _MATH.search(html):
            wrong["MathJax without math"].append(page)
    assert wrong == {"math without MathJax": [], "MathJax without math": []}


def test_no_display_formula_overflows_the_text_column(browser_reports):
    """A display formula wider than the column is cut off (or scrolls) on a desktop screen:
    break it over lines instead."""
    assert {p: r.wide_math for p, r in browser_reports.items() if r.wide_math} == {}


def test_chapter_code_fits_the_text_column(browser_reports):
    """In the chapters, code and its output are read beside the text: no line may hide
    behind a scroll bar (about 73 characters fit). Gallery pages show whole scripts,
    with lines up to 100 characters, and may scroll."""
    chapters = {p: r for p, r in browser_reports.items()
                if re.match(r"part\d/", p) or p in ("index.html", "preface.html")}
    assert len(chapters) == 2 + len(list(BOOK.glob("part*/*.md")))
    assert {p: r.wide_code for p, r in chapters.items() if r.wide_code} == {}


def test_tables_fit_the_text_column(browser_reports):
    """A table wider than the column hides its last columns behind a scroll bar at 1280
    pixels: fewer or shorter columns instead (every page, chapters and gallery alike)."""
    assert {p: r.wide_tables for p, r in browser_reports.items() if r.wide_tables} == {}


_EXTERNAL_TAG = re.compile(
    r"<(?:script|link|img|iframe|source|video|audio|embed)\b[^>]*?\b(?:src|href)\s*=\s*"
    r"[\"']?((?:https?:)?//[^\"'\s>]+)", re.IGNORECASE)
_EXTERNAL_CSS = re.compile(r"(?:url\(|@import\s+)[\"']?((?:https?:)?//[^\"')\s]+)", re.IGNORECASE)


def test_no_external_resource_in_any_file(outdir):
    """No script, stylesheet, image or frame is loaded from another host, in any file."""
    found = {}
    for path in outdir.rglob("*"):
        if path.suffix in {".html", ".js", ".css"}:
            text = path.read_text(errors="replace")
            urls = _EXTERNAL_TAG.findall(text)
            if path.suffix == ".css":
                urls += _EXTERNAL_CSS.findall(text)
            urls = [u for u in urls if urlsplit(u if ":" in u else "http:" + u).hostname != "127.0.0.1"]
            if urls:
                found[path.relative_to(outdir).as_posix()] = urls
    assert found == {}


# -- 3. two clean builds give the same bytes ---------------------------------------------


# The declared exceptions: two examples plot times measured while the book builds (batch
# sizes in processor time, chapter 4; an update of GD and of Newton's method, chapter 11),
# so their images (the figure and its thumbnail) differ from build to build.
MEASURED_AT_BUILD_TIME = "sphx_glr_plot_wallclock_"


def test_clean_builds_are_byte_identical(builds):
    (a, b), *_ = builds
    compared = [p.relative_to(a) for p in a.rglob("*")
                if p.is_file() and (p.suffix in {".html", ".ipynb"} or p.suffix in IMAGE_SUFFIXES)]
    assert len(compared) > 20
    exempt = [p for p in compared if p.name.startswith(MEASURED_AT_BUILD_TIME)]
    assert exempt and all(p.suffix in IMAGE_SUFFIXES for p in exempt)
    missing = [str(p) for p in compared if not (b / p).is_file()]
    different = [str(p) for p in compared if p not in exempt and (b / p).is_file()
                 and not filecmp.cmp(a / p, b / p, shallow=False)]
    assert missing == [] and different == []


# -- 4. every gallery script runs standalone and offers .py and .ipynb -------------------


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.relative_to(BOOK / "examples").as_posix())
def test_example_page_offers_py_and_ipynb(script, outdir):
    page = outdir / f"{example_page(script)}.html"
    html = page.read_text()
    for suffix in (".py", ".ipynb"):
        links = re.findall(rf'href="([^"]*/{re.escape(script.stem)}{re.escape(suffix)})"', html)
        assert links, f"no {suffix} download on {page}"
        assert all((page.parent / link).resolve().is_file() for link in links)


# -- 5. the API reference: every public name, its examples, its source -------------------


def _api_page(outdir, name):
    return outdir / "api" / "generated" / f"gdlib.{name}.html"


@pytest.mark.parametrize("name", gdlib.__all__)
def test_api_documents_public_name(name, outdir):
    api = (outdir / "api.html").read_text()
    assert f'href="api/generated/gdlib.{name}.html' in api
    page = _api_page(outdir, name).read_text()
    if inspect.ismodule(getattr(gdlib, name)):
        assert f'id="module-gdlib.{name}"' in page
    else:
        assert f'id="gdlib.{name}"' in page
        assert "viewcode-link" in page, "no [source] link"


def test_api_links_to_gallery_examples(outdir):
    """Backreferences: an object's page links to the examples that use it."""
    page = _api_page(outdir, "functions.xcos").read_text()
    assert "sphx-glr-thumbcontainer" in page
    assert "plot_xcos_landscape.html" in page


def test_viewcode_pages_exist(outdir):
    modules = outdir / "_modules" / "gdlib"
    assert (modules / "run.html").is_file()
    assert len(list(modules.rglob("*.html"))) >= 5


# -- 6. every chapter as a notebook: in the download menu, the chapter's code, standalone --

NOTEBOOK_PAGES = notebook_pages()  # the preface and the nine chapters
_NOTEBOOK_LINK = re.compile(r'<a href="([^"]+)"[^>]*\bbtn-download-notebook-button\b')


def test_every_chapter_is_a_notebook_page():
    assert "preface" in NOTEBOOK_PAGES
    assert {p for p in NOTEBOOK_PAGES if p.startswith("part")} == {
        p.relative_to(BOOK).with_suffix("").as_posix() for p in BOOK.glob("part*/*.md")}


def _chapter_notebook(outdir, docname):
    """The notebook that the page's download menu links to (asserting that it does)."""
    page = outdir / f"{docname}.html"
    html = page.read_text()
    menu = html[html.index('class="dropdown dropdown-download-buttons"'):]
    menu = menu[:menu.index("</ul>")]
    links = _NOTEBOOK_LINK.findall(menu)
    assert links == [f"{'../' * docname.count('/')}_sources/{docname}.ipynb"], menu
    return (page.parent / links[0]).resolve()


@pytest.mark.parametrize("docname", NOTEBOOK_PAGES)
def test_download_menu_offers_the_chapter_notebook(docname, outdir):
    """The notebook is there, valid, with the build's outputs; it holds exactly the code
    cells of the chapter as MyST-NB read and executed them, and the code it quotes."""
    from myst_nb.core.read import read_myst_markdown_notebook

    path = _chapter_notebook(outdir, docname)
    notebook = nbformat.reads(path.read_text(), as_version=4)
    nbformat.validate(notebook)
    text = (BOOK / f"{docname}.md").read_text()
    source = read_myst_markdown_notebook(text)
    assert [c.source for c in code_cells(notebook)] == [c.source for c in code_cells(source)]
    markdown = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert "{literalinclude}" not in markdown  # the code it shows from gdlib is copied in
    assert markdown.count("```python\n") >= text.count("{literalinclude}")  # one block each
    assert all(cell.execution_count for cell in notebook.cells if cell.cell_type == "code")
    assert any(cell.outputs for cell in notebook.cells if cell.cell_type == "code")
    assert f"`book/{docname}.md`" in notebook.cells[1].source  # the note on where it comes from


def test_build_runs_each_chapter_in_an_empty_folder(builds):
    """MyST-NB executes every chapter in a temporary folder (``nb_execution_in_temp``), as
    a reader runs a downloaded notebook: with the test above (the same code cells), the
    build's execution of each chapter is the proof that its notebook runs standalone."""
    for _, log, _ in builds[1]:
        assert log.count("Executing notebook using temporary CWD") == len(NOTEBOOK_PAGES)
        assert "Executing notebook using local CWD" not in log


STANDALONE_SAMPLE = "part2/momentum"  # one chapter run for real: about 5 s


def test_a_downloaded_chapter_runs_standalone(outdir, tmp_path):
    """The notebook file itself (with its note, ids and metadata) runs alone in an empty
    folder, in a plain kernel, without error or warning, and computes the very outputs it
    opens with."""
    path = _chapter_notebook(outdir, STANDALONE_SAMPLE)
    ((executed, _),) = run_standalone([path], tmp_path).values()
    assert not isinstance(executed, Exception), repr(executed)[-3000:]
    stored = nbformat.reads(path.read_text(), as_version=4)
    ran, kept = (code_cells(nb) for nb in (executed, stored))
    assert [c.source for c in ran] == [c.source for c in kept] != []
    for cell, stored_cell in zip(ran, kept, strict=True):
        assert [o for o in cell.outputs if o.get("name") == "stderr"] == [], cell.source
        assert cell.outputs == stored_cell.outputs, cell.source


# -- 7. speed: a no-op rebuild of the whole book ------------------------------------------
# (Runs last: it rebuilds build "a" in place. The one-script edit is checked above,
# on the small tree.)


def test_rebuild_after_a_clean_build_does_nothing(builds):
    """``make html`` right after a clean build re-reads, executes and rewrites nothing:
    in particular, no runtime change of the configuration (such as the gallery's
    ``parallel``) may make Sphinx's .buildinfo disagree and rewrite every page."""
    (a, _), *_ = builds
    for _ in range(2):
        returncode, log, _ = build(a.parent / "checkout" / "book", a, fresh=False)
        assert returncode == 0, log[-3000:]
        assert "0 added, 0 changed, 0 removed" in log
        assert "executed 0 out of 0" in log and "Executed notebook" not in log
        assert "build_info mismatch" not in log
        assert "targets for 0 source files that are out of date" in log
