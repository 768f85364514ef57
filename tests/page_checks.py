"""What the browser walk's records must show, on any book: the small ones of ``make test``
and the real one of ``make test-book`` are held to the same rules.

Each function takes the records of ``book_browser.walk`` (``{page: PageReport}``) or of
``book_browser.check_players`` and returns what is wrong, as a dict or list that is
empty when all is well, so that a failing test prints every culprit at once.
"""

import html
import re
import sys
from urllib.parse import urlsplit

from book_browser import MODES, RAW_TEX
from book_build import BOOK

sys.path.insert(0, str(BOOK / "_ext"))
from alt_text import alt_text_problem  # noqa: E402


def _local(url):
    parts = urlsplit(url)
    return parts.scheme in {"data", "blob", "about"} or parts.hostname == "127.0.0.1"


def requests_off_the_machine(reports):
    outside = {p: [u for u in r.requests if not _local(u)] for p, r in reports.items()}
    return {p: us for p, us in outside.items() if us}


def failed_requests(reports):
    return {p: r.failed for p, r in reports.items() if r.failed}


def console_errors(reports):
    return {p: r.console_errors for p, r in reports.items() if r.console_errors}


def broken_images(reports):
    return {p: r.broken_images for p, r in reports.items() if r.broken_images}


def untypeset_math(reports):
    """Formulas left as TeX, TeX left in the text (outside formulas and code: a ``$``, a
    ``\\command``, see ``book_browser.RAW_TEX``), MathJax errors, and pages with math but
    no MathJax."""
    problems = {p: r.raw_math + [f"TeX in the text: {t!r}" for t in r.raw_tex]
                + [f"{r.math_errors} MathJax errors"] * bool(r.math_errors)
                + ["math, but MathJax did not load"] * bool(r.math_count and not r.mathjax_loaded)
                for p, r in reports.items()}
    return {p: found for p, found in problems.items() if found}


def slanted_chinese(reports):
    """Chinese text shown in italic or oblique: the browser slants glyphs that have no
    italic (emphasis, caption numbers); the Chinese edition sets emphasis bold."""
    return {p: r.slanted_chinese for p, r in reports.items() if r.slanted_chinese}


# What a browser does not show as text: formulas (Sphinx's math spans and blocks, whose
# TeX MathJax typesets), code, scripts, the head, comments. Sphinx writes a formula's TeX
# without tags inside it, and code does not nest code: a lazy match finds each one's end.
_NOT_PROSE_HTML = re.compile(
    r"""<(span|div)\b[^>]*\bclass="(?:[^"]*\s)?math(?:\s[^"]*)?"[^>]*>.*?</\1>"""
    r"|<(pre|code|kbd|samp|script|style|textarea|noscript|head)\b[^>]*>.*?</\2>"
    r"|<!--.*?-->", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


def raw_tex_in_html(text):
    """TeX left in the text of a built page (the HTML ``text``), outside its formulas and
    code: the browser walk's check (``rawTex`` in ``book_browser``) without a browser, for
    one file in about a millisecond. Returns a snippet around each find."""
    prose = html.unescape(_TAG.sub("", _NOT_PROSE_HTML.sub(" ", text)))
    return [" ".join(prose[max(0, m.start() - 30):m.end() + 30].split())
            for m in re.finditer(RAW_TEX, prose)]


def raw_tex_in_pages(outdir, pages):
    """``raw_tex_in_html`` for each of ``pages`` (paths relative to ``outdir``), as
    ``{page: snippets}`` for the pages that have any."""
    found = {page: raw_tex_in_html((outdir / page).read_text(encoding="utf-8")) for page in pages}
    return {page: snippets for page, snippets in found.items() if snippets}


def wide(reports, record):
    """Pages with a display formula, code block or table (``record``) wider than its column."""
    return {p: getattr(r, record) for p, r in reports.items() if getattr(r, record)}


def axe_not_run(reports, modes=MODES):
    """Pages where axe-core did not run in every colour mode."""
    return {p: sorted(r.axe) for p, r in reports.items() if sorted(r.axe) != sorted(modes)}


def axe_failures(reports, impacts):
    """axe-core's violations of the given impacts (``None``: axe gave none), one line per node."""
    return [f"{page} ({mode}): {rule} ({impact}: {help_}) at {target}: {html}"
            for page, report in reports.items()
            for mode, violations in report.axe.items()
            for rule, impact, help_, nodes in violations if impact in impacts
            for target, html in nodes]


def undescribed_figures(reports):
    """Every image but decoration needs a description of at least a sentence (alt_text.py)."""
    return [f"{page}: {image['src'][:80]}: {alt_text_problem(image['alt'])}"
            for page, report in reports.items() for image in report.images
            if not image["decorative"] and alt_text_problem(image["alt"])]


def described_figures(reports):
    return [image for report in reports.values() for image in report.images if not image["decorative"]]


def switch_differences(switched, reloaded):
    """Where a page switched to dark mode (``switched``, the walk) differs from the same page
    loaded in dark mode (``reloaded``, ``walk(reload=True)``): colours of every element,
    axe-core's results, requests, errors, images."""
    differ = {}
    for page, again in reloaded.items():
        seen = switched[page]
        wrong = [record for record in ("colours", "axe", "failed", "console_errors", "broken_images",
                                       "raw_math", "images") if getattr(again, record) != getattr(seen, record)]
        if seen.colours.get("light") == seen.colours.get("dark"):
            wrong.append("the same colours in both modes: it did not switch")
        if {urlsplit(u).path for u in again.requests} != {urlsplit(u).path for u in seen.requests}:
            wrong.append("requests")  # the same files (the servers' ports differ)
        if wrong:
            differ[page] = wrong
    return differ


def player_problems(results, min_frames):
    """Each animation shows its first frame and stays still until the reader starts it; the
    slider (labelled, with "frame k of n") and the buttons work from the keyboard; it plays
    once, and for readers who ask for reduced motion it cannot repeat forever."""
    problems = []
    for (motion, page), r in results.items():
        loaded, waited, stepped, played = r["loaded"], r["after_wait"], r["stepped"], r["played"]
        n = loaded["frames"]

        def says(k):  # "frame k of n", in the page's language
            return loaded["words"].replace("{frame}", str(k)).replace("{frames}", str(n))

        checks = {
            f"at least {min_frames} frames": n >= min_frames,
            "still until started": waited["src"] == loaded["src"] and waited["frame"] == "0",
            "labelled first frame, plays once": loaded["valuetext"] == says(1) and loaded["mode"] == "once",
            "every control reachable": loaded["unreachable"] == [],
            "arrow key steps": stepped["frame"] == "1" and stepped["src"] != loaded["src"]
                               and stepped["valuetext"] == says(2),
            "Enter on Play plays": int(played["frame"]) > 1
                                   and played["valuetext"] == says(int(played["frame"]) + 1),
            "no endless repetition for reduced motion":
                loaded["disabled"] == (["loop", "reflect"] if motion == "reduce" else []),
        }
        problems += [f"{page} ({motion}): not {name}" for name, ok in checks.items() if not ok]
    return problems


PLAYER_PAGE = re.compile(r'class="animation"')


if __name__ == "__main__":
    # python tests/page_checks.py _build/html: TeX left in the text of every built page, no browser
    from pathlib import Path

    root = Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html")
    found = raw_tex_in_pages(root, sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html")))
    for page, snippets in found.items():
        print(f"{page}: {len(snippets)} TeX left in the text, e.g. {snippets[0]!r}")
    sys.exit(1 if found else 0)
