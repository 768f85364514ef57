"""TeX left in a page's text (page_checks.raw_tex_in_html, and the browser walk's ``rawTex``).

A formula MyST did not parse (a ``$`` it left alone, as in chapter 12's exercise once,
where a display formula inside a dropdown turned the rest of the paragraph inside out)
shows its TeX to the reader as text. The walks of ``make test`` and ``make test-book``
check every page they open for it (``page_checks.untypeset_math``); the same rule,
without a browser, reads built HTML files.
"""

from book_browser import COLOUR_RULES, walk
from page_checks import raw_tex_in_html, raw_tex_in_pages, untypeset_math

# A built page as Sphinx writes it: formulas in math spans and blocks, code in <pre> and
# <code>. Its prose is clean.
CLEAN = """<!DOCTYPE html><html><head><title>A $5 page \\alpha</title>
<meta name="description" content="with $x$ in it"></head><body><article>
<p>The rate <span class="math notranslate nohighlight">\\(\\eta = \\tfrac14\\)</span> works.</p>
<div class="math notranslate nohighlight">
\\[f(x) = x \\cos(\\pi x)\\]
</div>
<div class="highlight"><pre><span class="n">cost</span> <span class="o">=</span> <span class="s2">"$5 \\n"</span></pre></div>
<p>Call <code class="docutils literal notranslate"><span class="pre">print("\\n")</span></code> here.</p>
<!-- a comment with $ and \\omega -->
<script>const t = "\\(x\\)";</script>
<p>A backslash alone \\ and a price in words: five dollars.</p>
</article></body></html>
"""

# The same page with TeX MyST did not parse: a stray dollar, commands, a literal \\n.
BROKEN = CLEAN.replace(
    "<p>The rate",
    '<p>so\n$<span class="math notranslate nohighlight">\\(\nr^2\n\\)</span>'
    ' with u = \\tfrac14 \\sin^2 2\\omega, as in\\n<a href="#">a chapter</a>.</p>\n<p>The rate')


def test_tex_outside_formulas_and_code_is_found():
    found = raw_tex_in_html(BROKEN)
    assert len(found) == 5, found  # $, \tfrac14, \sin, \omega, \n
    assert any("$" in s for s in found) and any("\\tfrac14" in s for s in found)
    assert any("as in\\n" in s for s in found), found


def test_formulas_code_scripts_comments_and_the_head_are_not_prose():
    assert raw_tex_in_html(CLEAN) == []


def test_a_math_block_with_markup_inside_a_larger_class_is_still_math():
    page = '<p><span class="pre math-like">\\alpha</span></p>'  # not a formula: "math-like"
    assert raw_tex_in_html(page) != []
    assert raw_tex_in_html('<div class="math">\\alpha</div>') == []


def test_raw_tex_in_pages_names_the_pages(tmp_path):
    (tmp_path / "good.html").write_text(CLEAN)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "bad.html").write_text(BROKEN)
    found = raw_tex_in_pages(tmp_path, ["good.html", "sub/bad.html"])
    assert list(found) == ["sub/bad.html"]


def test_the_browser_walk_finds_what_the_file_check_finds(tmp_path):
    """The walk reads the page as a browser shows it; both checks find the same TeX."""
    (tmp_path / "good.html").write_text(CLEAN)
    (tmp_path / "bad.html").write_text(BROKEN)
    reports = walk(tmp_path, ["good.html", "bad.html"], modes=("light",), switched_rules=COLOUR_RULES)
    assert reports["good.html"].raw_tex == []
    assert len(reports["bad.html"].raw_tex) == len(raw_tex_in_html(BROKEN)) == 5
    # the walk's rule reports it (these pages load no MathJax: that is reported too)
    problems = untypeset_math(reports)["bad.html"]
    assert [p for p in problems if p.startswith("TeX in the text: ") and "tfrac14" in p], problems
