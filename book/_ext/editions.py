"""The two editions of the book, English and Chinese, from the same sources.

``make html`` builds the English edition into ``<out>`` and then the Chinese one
(``-D language=zh_CN``) into ``<out>/zh_CN``, with its own doctrees. This extension

* lets the Chinese build reuse what the English one executed: the same jupyter
  cache (``<out>/../.jupyter_cache``) and the gallery's checksums in the source
  tree, so nothing runs twice; MyST-NB's notebooks and glue data of the Chinese
  build go to ``<out>/../jupyter_execute/zh_CN``, not into the English site;
* cites in Chinese: "Boyd 和 Vandenberghe [2004]", "Kingma 等人 [2015]" (the
  ``author_year_zh`` style of sphinxcontrib-bibtex, registered as its documentation
  shows for a style of one's own);
* sets the Chinese search (jieba, with the book's terms as a user dictionary, its
  log line silenced and its dictionary cache beside the doctrees, not in /tmp);
* adds the tag ``zh_CN`` (``{only} zh_CN`` blocks: the Chinese preface's note);
* makes the gallery's figure descriptions translatable messages (sphinx-gallery's
  ``image-sg`` nodes are not images to Sphinx's gettext; an animation's description
  is in its player's raw HTML), and gives the gallery's thumbnails their translated
  titles;
* gives every page the link to the same page in the other edition
  (``book/_templates/language-switcher.html``), relative, so it works offline;
* marks what the Chinese edition leaves in English, the API pages' docstrings and the
  source pages, as English (``lang="en"``), so that a screen reader reads it as English.
"""

import html as html_lib
import logging
import os
import re
from pathlib import Path

from dataclasses import dataclass, field

from docutils import nodes
from sphinx import addnodes
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinx.transforms import SphinxTransform
from sphinx_gallery.directives import imgsgnode

from mystnb_paths import move_output_folder

# Undocumented names of other packages used here, for the locked versions named
# (tests/test_private_names.py checks them; docs/upstream/README.md names the issue
# that would retire each).
PRIVATE_NAMES = {
    "sphinx-gallery==0.22.1": ("sphinx_gallery.directives.imgsgnode",),
    "sphinx==9.0.4": ("sphinx.search.zh.SearchChinese",),
}

ROOT = Path(__file__).resolve().parents[2]
CHINESE = "zh_CN"
SUBDIR = "zh_CN"  # the Chinese edition's folder inside the English one
TITLE = "逐行读懂梯度下降"  # "Gradient Descent, Line by Line", as index.po translates it
JIEBA_TERMS = ROOT / "locales" / CHINESE / "search-terms.txt"


def is_chinese(config):
    return (config.language or "en") == CHINESE


def build_root(app):
    """The folder that holds the English site (``_build`` for ``_build/html``)."""
    outdir = Path(app.outdir)
    return outdir.parent.parent if is_chinese(app.config) else outdir.parent


def compile_catalog(po):
    """Write ``po``'s compiled catalog beside it, unless it is up to date (atomically: builds
    run side by side)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime_ns >= po.stat().st_mtime_ns:
        return
    with open(po, "rb") as f:
        catalog = read_po(f)
    partial = mo.with_name(f"{mo.name}.{os.getpid()}")
    with open(partial, "wb") as f:
        write_mo(f, catalog)
    os.replace(partial, mo)


@dataclass
class ChineseAuthorYear(AuthorYearReferenceStyle):
    """The book's author-year citations with 和 and 等人 for "and" and "et al."."""

    person: PersonStyle = field(default_factory=lambda: PersonStyle(sep="、", sep2=" 和 ", last_sep=" 和 ",
                                                                    other=" 等人"))


def _configure(app, config):
    # One jupyter cache for both editions, in MyST-NB's default place for the English
    # site, set here so that every extension reads it from the configuration.
    if not config.nb_execution_cache_path:
        config.nb_execution_cache_path = str(build_root(app) / ".jupyter_cache")
    if not is_chinese(config):
        return
    # The book's title and "Eq. 4.7" in Chinese (the rest of Sphinx's words come from
    # its zh_CN catalog; the title is also the landing page's heading, in index.po).
    config.html_title = TITLE
    config.author = config.copyright = "gdlib 的作者们"  # "the gdlib authors"
    # The theme's words that are options, not messages: the search field's placeholder and
    # the heading of the printed page's table of contents.
    config.html_theme_options = {**config.html_theme_options, "search_bar_text": "搜索……",
                                 "toc_title": "本页目录",
                                 "logo": {**config.html_theme_options.get("logo", {}), "text": TITLE}}
    # "式 8.5", "图 8.1": a no-break space, so that a line never ends with 式 and starts
    # with its number (Sphinx's zh_CN words for figures and tables, with that space)
    config.math_eqref_format = "式\u00a0{number}"
    config.numfig_format = {"figure": "图\u00a0%s", "table": "表\u00a0%s", "code-block": "代码\u00a0%s",
                            **config.numfig_format}
    config.bibtex_reference_style = "author_year_zh"
    config.html_search_language = "zh"
    config.html_search_options = {"dict": str(JIEBA_TERMS)}
    app.tags.add(CHINESE)
    import jieba

    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict ..." on stderr
    jieba.dt.tmp_dir = str(app.doctreedir)  # its dictionary cache, out of /tmp


def _chinese_builder(app):
    # The stemmer for the search (below); MyST-NB's notebooks out of the English site (after
    # MyST-NB's own builder-inited handler, which puts them beside the site).
    if is_chinese(app.config):
        app.add_js_file(None, body=_CHINESE_STEMMER + "\n" + _CHINESE_QUERY)
        folder = build_root(app) / "jupyter_execute" / SUBDIR
        move_output_folder(app.env, folder)


def book_terms(path=JIEBA_TERMS):
    """The book's terms, the first word of each line of ``search-terms.txt``."""
    return [line.split()[0] for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def lazy_jieba_search():
    """Sphinx's Chinese search, with jieba's dictionaries (about 1.5 s of CPU) loaded when the
    first page is split rather than when the index is set up: a no-op rebuild splits none.

    A page is indexed under every book term it contains, whatever jieba made of the
    sentence around it (it may cut 动量法 as 动量 + 法 next to some characters): a reader
    who searches a term finds every page that has it. The query is split the same way,
    in the page (``_CHINESE_QUERY``).
    (A function: importing sphinx.search.zh imports jieba, whose sources warn when compiled.)"""
    from sphinx.search.zh import SearchChinese

    class LazyJiebaSearch(SearchChinese):
        def __init__(self, options):
            self._user_dict = options.get("dict")
            self._terms = book_terms(self._user_dict) if self._user_dict else []
            super().__init__({**options, "dict": ""})  # "": Sphinx loads no dictionary now

        def split(self, input):
            if self._user_dict:
                import jieba

                jieba.load_userdict(self._user_dict)
                self._user_dict = None
            return super().split(input) + [term for term in self._terms if term in input]

    return LazyJiebaSearch


class translatable_imgsg(imgsgnode, addnodes.translatable):
    """A gallery image whose alternative text is a translatable message."""

    def preserve_original_messages(self):
        self["raw_alt"] = self["alt"]

    def extract_original_messages(self):
        return [self["raw_alt"]] if self.get("raw_alt") else []

    def apply_translated_message(self, original_message, translated_message):
        if self.get("raw_alt") == original_message:
            self["alt"] = translated_message


class TranslatableGalleryAltText(SphinxTransform):
    """Before the translation (priority 20) and its bookkeeping (10): gallery images
    become translatable, so ``make gettext`` extracts their alt texts and the
    Chinese build replaces them."""

    default_priority = 5

    def apply(self, **kwargs):
        for node in list(self.document.findall(imgsgnode)):
            if node.get("alt") and not isinstance(node, translatable_imgsg):
                new = translatable_imgsg(node.rawsource, *node.children, **node.attributes)
                new.source, new.line = node.source, node.line
                new["raw_alt"] = node["alt"]
                node.replace_self(new)


# The frame of an animation's player, with its description (gallery_hooks.accessible_player).
_PLAYER_ALT = re.compile(r'(<img id="_anim_img[0-9a-f]+" alt=")([^"]*)(")')


class translatable_player(nodes.raw, addnodes.translatable):
    """An animation's player (raw HTML) whose frame's description is a translatable message."""

    def preserve_original_messages(self):
        found = _PLAYER_ALT.search(self.astext())
        self["raw_alt"] = html_lib.unescape(found.group(2)) if found else ""

    def extract_original_messages(self):
        return [self["raw_alt"]] if self.get("raw_alt") else []

    def apply_translated_message(self, original_message, translated_message):
        if self.get("raw_alt") == original_message:
            html = _PLAYER_ALT.sub(lambda m: m.group(1) + html_lib.escape(translated_message) + m.group(3),
                                   self.astext(), count=1)
            self.replace(self[0], nodes.Text(html))


class TranslatablePlayerDescription(SphinxTransform):
    """As ``TranslatableGalleryAltText``, for the animations' players."""

    default_priority = 5

    def apply(self, **kwargs):
        for node in list(self.document.findall(nodes.raw)):
            if (not isinstance(node, translatable_player) and "html" in node.get("format", "").split()
                    and _PLAYER_ALT.search(node.astext())):
                new = translatable_player(node.rawsource, *node.children, **node.attributes)
                new.source, new.line = node.source, node.line
                node.replace_self(new)
                new.preserve_original_messages()


_THUMB_TOOLTIP = re.compile(r'(<div class="sphx-glr-thumbcontainer" tooltip=")[^"]*(")')
_THUMB_TITLE = re.compile(r'(<div class="sphx-glr-thumbnail-title">)[^<]*(</div>)')


def _translate_thumbnails(app, doctree, docname):
    """The gallery's thumbnails show their example's title, and its first paragraph on
    hover, as raw HTML that no catalog reaches. In the Chinese edition both become the
    example's title as its page says it, translated: the text of the thumbnail's link."""
    if not is_chinese(app.config):
        return
    found = list(doctree.findall(lambda n: isinstance(n, (nodes.raw, nodes.reference))))
    for i, node in enumerate(found):
        if not isinstance(node, nodes.raw):
            continue
        html = node.astext()
        if _THUMB_TOOLTIP.search(html):
            title = next((n.astext() for n in found[i:] if isinstance(n, nodes.reference)), None)
            pattern = _THUMB_TOOLTIP
        elif _THUMB_TITLE.search(html):
            title = next((n.astext() for n in reversed(found[:i]) if isinstance(n, nodes.reference)), None)
            pattern = _THUMB_TITLE
        else:
            continue
        if title:
            new = pattern.sub(lambda m: m.group(1) + html_lib.escape(title) + m.group(2), html)
            node.replace_self(nodes.raw("", new, format="html"))


# The words of an animation's player: matplotlib's buttons and repetition modes, and the
# slider's label and value that gallery_hooks.accessible_player adds. The Chinese edition
# shows them from sphinx.po (Sphinx's catalog of the book's templates).
PLAYER_WORDS = ("Decrease speed", "First frame", "Previous frame", "Play backwards", "Pause", "Play",
                "Next frame", "Last frame", "Increase speed", "Repetition mode", "Once", "Loop",
                "Reflect", "Frame of the animation", "frame {frame} of {frames}",
                "Off: your system asks for reduced motion")
_PLAYER_ATTRIBUTE = re.compile(r'((?:title|aria-label|data-valuetext|data-reduced-motion)=")([^"]*)(")')
_PLAYER_LABEL = re.compile(r'(<label for="[^"]*"\s*>)([^<]*)(</label>)')
_PLAYER_VALUE = re.compile(r'aria-valuetext="frame (\d+) of (\d+)"')


def translate_player(html, gettext):
    """The player's HTML with its words in the language of ``gettext``."""
    def word(match):
        text = match.group(2)
        return match.group(1) + (html_lib.escape(gettext(text)) if text in PLAYER_WORDS else text) + match.group(3)

    template = gettext("frame {frame} of {frames}")
    html = _PLAYER_VALUE.sub(lambda m: 'aria-valuetext="' + html_lib.escape(
        template.replace("{frame}", m.group(1)).replace("{frames}", m.group(2))) + '"', html)
    return _PLAYER_LABEL.sub(word, _PLAYER_ATTRIBUTE.sub(word, html))


def _translate_players(app, doctree, docname):
    if not is_chinese(app.config):
        return
    from sphinx.locale import get_translation

    gettext = get_translation("sphinx")  # the catalog of the templates' words, sphinx.po
    for node in list(doctree.findall(nodes.raw)):
        if 'class="anim-controls"' in node.astext():
            node.replace(node[0], nodes.Text(translate_player(node.astext(), gettext)))


# Sphinx 9.0.4's Chinese search data ends with "window.Stemmer = ChineseStemmer;", a class
# it never defines (its Chinese search stems Latin words with the English stemmer, whose
# class is EnglishStemmer), so every page (each loads the search's scripts, for the search
# field) logged a ReferenceError and the search page stopped. Defined before
# language_data.js runs, and constructed only when a search starts:
_CHINESE_STEMMER = "window.ChineseStemmer = function () { return new EnglishStemmer(); };"

# Sphinx splits a query at spaces and punctuation only, so 动量法 or 学习率预热 is one
# term, found only where the index holds exactly that word. This splitQuery (which
# searchtools.js takes instead of its own, when one is defined) cuts a run of Chinese
# characters into the longest words the index holds (terms or title words), from the
# left: 学习率预热 becomes 学习率 + 预热. A single character the index does not hold
# (it keeps words of two or more) is left out. Sphinx requires a page to hold every
# word longer than two characters only (a rule for English, where short words are
# minor; most Chinese words have two), so the pages that hold all the Chinese words of
# the query are ranked first, through the hook searchtools.js offers (Scorer.score).
_CHINESE_QUERY = """\
var splitQuery = (function () {
  let queryWords = [];
  const holds = (table, word, file) => {
    const files = table && Object.hasOwn(table, word) ? table[word] : [];
    return Array.isArray(files) ? files.includes(file) : files === file;
  };
  const score = (result) => {
    const index = Search._index;
    const file = index.docnames.indexOf(result[0]);
    const all = queryWords.length > 1 && queryWords.every(
      (word) => holds(index.terms, word, file) || holds(index.titleterms, word, file));
    // a page whose own title holds a word of the query before pages that only mention
    // it, the more of the title the word is the sooner (动量 finds 动量法 first)
    const title = (index.titles && index.titles[file]) || "";
    const named = Math.max(0, ...queryWords.filter((word) => title.includes(word))
      .map((word) => Math.round(100 * word.length / title.length)));
    return result[4] + (all ? 1000 : 0) + named;
  };
  return function (query) {
    const index = (typeof Search !== "undefined" && Search._index) || {};
    const known = (word) => Boolean((index.terms && Object.hasOwn(index.terms, word))
      || (index.titleterms && Object.hasOwn(index.titleterms, word)));
    const words = [], han = [];
    for (const chunk of query.split(/[^\\p{Letter}\\p{Number}_\\p{Emoji_Presentation}]+/u)) {
      for (const part of chunk.match(/\\p{Script=Han}+|[^\\p{Script=Han}]+/gu) || []) {
        if (!/\\p{Script=Han}/u.test(part)) { words.push(part); continue; }
        let start = 0, unknown = "";
        while (start < part.length) {
          let end = Math.min(part.length, start + 12);
          while (end > start + 1 && !known(part.slice(start, end))) end--;
          if (known(part.slice(start, end))) {
            if (unknown.length > 1) han.push(unknown);
            unknown = "";
            han.push(part.slice(start, end));
          } else {
            unknown += part[start];
          }
          start = end;
        }
        if (unknown.length > 1) han.push(unknown);
      }
    }
    queryWords = han;
    if (typeof Scorer !== "undefined" && !Scorer.score) Scorer.score = score;
    return words.concat(han);
  };
})();
"""


class _CharacterLevelMarkup(SphinxTransform):
    """While Sphinx parses the translations of a reST page (the gallery's), recognise inline
    markup anywhere (docutils' ``character_level_inline_markup``): Chinese has no spaces,
    and reST wants one between :math:`x` and the next word. Only the translations: the
    English page was parsed before, with the standard rules."""

    default_priority = 19  # just before the translation (sphinx.transforms.i18n.Locale, 20)
    value = True

    def apply(self, **kwargs):
        if is_chinese(self.config):
            self.document.settings.character_level_inline_markup = self.value


class _StandardMarkup(_CharacterLevelMarkup):
    default_priority = 21  # just after the translation
    value = False


UNTRANSLATED = ("api/generated/", "_modules/")  # pages made from gdlib's code and docstrings


def _other_edition(app, pagename, templatename, context, doctree):
    if is_chinese(app.config) and pagename.startswith(UNTRANSLATED) and context.get("body"):
        context["body"] = f'<div lang="en">\n{context["body"]}</div>\n'
    if context.get("language"):
        context["language"] = context["language"].replace("_", "-")  # <html lang="zh-CN">: BCP 47
    depth = pagename.count("/")
    if is_chinese(app.config):
        href = "../" * (depth + 1) + pagename + ".html"
        context["other_edition"] = {"href": href, "lang": "en", "label": "English",
                                    "name": "Read this page in English"}
    else:
        href = "../" * depth + f"{SUBDIR}/{pagename}.html"
        context["other_edition"] = {"href": href, "lang": "zh-CN", "label": "中文",
                                    "name": "阅读本页的中文版"}


def setup(app):
    app.connect("config-inited", _configure, priority=50)  # before gdlib_watch (100)
    app.connect("builder-inited", _chinese_builder, priority=600)
    if is_chinese(app.config):  # (-D language=zh_CN is applied before extensions load)
        register_plugin("sphinxcontrib.bibtex.style.referencing", "author_year_zh", ChineseAuthorYear)
        app.add_search_language(lazy_jieba_search())
        # The theme's own words, where its simplified-Chinese catalog uses Taiwanese forms
        # (列印 for 打印): ours is added first, so it is read first (the theme adds its
        # catalog when the builder starts). Sphinx compiles this domain's catalog only when
        # the build starts, after this: compiled here first.
        compile_catalog(ROOT / "locales" / CHINESE / "LC_MESSAGES" / "booktheme.po")
        app.add_message_catalog("booktheme", str(ROOT / "locales"))
    app.add_node(translatable_imgsg)
    app.add_transform(TranslatableGalleryAltText)
    app.add_node(translatable_player)
    app.add_transform(TranslatablePlayerDescription)
    app.add_transform(_CharacterLevelMarkup)
    app.add_transform(_StandardMarkup)
    app.connect("doctree-resolved", _translate_thumbnails)
    app.connect("doctree-resolved", _translate_players)
    app.connect("html-page-context", _other_edition)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
