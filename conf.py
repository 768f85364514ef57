"""Sphinx configuration of the gdlib book.

Build from the repository root with ``make html``, which runs::

    sphinx-build -W --keep-going -n -c . -d _build/doctrees book _build/html

so this file (the configuration directory) is the root and the sources are in
``book/``. Sphinx resolves ``html_static_path``, ``html_favicon`` and
``bibtex_bibfiles`` against this folder; gallery folders, ``exclude_patterns``
and autosummary's ``:toctree:`` against ``book/``. ``templates_path`` is
absolute because autosummary and the theme resolve it differently.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).parent.resolve()
sys.path.insert(0, str(ROOT / "book" / "_ext"))  # gallery_hooks, gdlib_watch, ...

# -- Project ---------------------------------------------------------------------
project = "Gradient Descent, Line by Line"
author = "the gdlib authors"
copyright = "the gdlib authors"  # no year: the same sources give the same bytes
html_title = project

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "sphinx.ext.mathjax",
    "mathjax_offline",  # sphinx-mathjax-offline (MathJax 3 in _static: no CDN), parallel-safe
    "sphinx_gallery.gen_gallery",
    "sphinxcontrib.bibtex",
    "sphinx_copybutton",
    "sphinx_design",
    "gdlib_watch",  # re-execute examples and notebooks when gdlib changes
    "incremental",  # no-op rebuilds re-read nothing; nav changes reach every page
    "api_docs",  # instances documented by their class; refs in inherited docstrings
    "kernel_sockets",  # notebook kernels on Unix sockets: parallel builds cannot race for ports
    "jupyter_cache_lock",  # chapter runs stored one process at a time: none deleted by a race
    "chapter_numbers",  # chapters numbered across both parts; figures, equations per chapter
    "chapter_notebooks",  # each chapter as an .ipynb, with its outputs, in the download menu
    "accessible_html",  # bibliography entries as list items (axe-core: aria-required-children)
    "translated_glue",  # glued numbers inside translated messages (the Chinese edition)
    "nobreak_math",  # a formula and the punctuation after it stay on one line
    "editions",  # the Chinese edition: shared caches, search, language switcher
]

root_doc = "index"
exclude_patterns = [
    "_ext",
    "_templates",
    "examples",  # gallery sources; their pages are generated in auto_examples
    "auto_examples/**.ipynb",  # notebooks sphinx-gallery offers for download
    "**.ipynb_checkpoints",
]
templates_path = [str(ROOT / "book" / "_templates")]
nitpicky = True
# numpydoc types are free text ("numpy.ndarray, shape (n + 1,)"), and numpy's own
# names cannot resolve offline (no intersphinx): leave lowercase and numpy types
# unchecked. gdlib's classes are CamelCase, so references to them are still checked.
nitpick_ignore_regex = [("py:class", r"[^A-Z]*"), ("py:class", r"numpy\..*")]
numfig = True
numfig_secnum_depth = 1  # "Fig. 4.2": the chapter, then the figure's place in it
math_numfig = True
math_eqref_format = "Eq. {number}"

# -- MyST and MyST-NB (the chapters) --------------------------------------------
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
myst_heading_anchors = 3
nb_execution_mode = "cache"  # execute a chapter only when its code changed
nb_execution_raise_on_error = True  # a raising cell fails the build
nb_execution_show_tb = True
nb_execution_timeout = 300
# Run each chapter in an empty temporary folder, as a reader runs its downloaded
# notebook (book/_ext/chapter_notebooks.py): a chapter that needs a file beside it
# fails the build instead of the reader.
nb_execution_in_temp = True
nb_merge_streams = True

# -- API reference ----------------------------------------------------------------
autosummary_generate = ["api.md"]  # only this page lists objects (faster than scanning all)
autosummary_ignore_module_all = False  # a module page lists its __all__
autodoc_member_order = "bysource"
autodoc_typehints = "none"  # the docstrings carry the types
napoleon_numpy_docstring = True
napoleon_google_docstring = False
napoleon_use_param = False  # types as text: no cross-references to numpy's docs
napoleon_use_rtype = False
napoleon_use_ivar = False  # "Attributes" entries become attribute targets

# -- Gallery ------------------------------------------------------------------------
_CHAPTERS = {
    "part1": ["obstacles", "why_gd_works", "gd_in_practice"],
    "part2": ["sgd", "momentum", "adagrad", "rmsprop", "adam", "choosing"],
    "part3": ["convexity", "newton", "preconditioning", "momentum_limits", "adam_variants", "neural_network"],
    "part4": ["quasi_newton", "variance_reduction", "schedule_free"],
}
sphinx_gallery_conf = {
    "examples_dirs": [f"examples/{part}" for part in _CHAPTERS],
    "gallery_dirs": [f"auto_examples/{part}" for part in _CHAPTERS],
    "subsection_order": [f"examples/{p}/{c}" for p, cs in _CHAPTERS.items() for c in cs],
    "within_subsection_order": "FileNameSortKey",
    "filename_pattern": r"/plot_",  # execute every plot_*.py
    "doc_module": ("gdlib",),
    "backreferences_dir": "api/generated/backreferences",
    "image_scrapers": ("gallery_hooks.matplotlib_scraper",),
    "reset_modules": ("matplotlib", "gallery_hooks.reset_book_style"),
    # jshtml: frames embedded as PNG in the page, played by a small script. It needs
    # no ffmpeg (html5 video does) and, for our short low-resolution animations, the
    # page stays light enough. The scraper above renders the frames once (no GIF
    # thumbnail) and removes the player's CDN link and random ids.
    "matplotlib_animations": (True, "jshtml"),
    "abort_on_example_error": True,  # a raising example fails the build, named
    "only_warn_on_example_error": False,
    "remove_config_comments": True,
    # No repr of a cell's last expression: matplotlib's ("<... object at 0x7f...>")
    # change from build to build, and an animation's would bypass the scraper.
    # Examples print what they want to show.
    "capture_repr": (),
    "download_all_examples": False,  # each example still offers its .py and .ipynb
    "min_reported_time": float("inf"),  # no "Total running time" line: stable bytes
    "write_computation_times": False,  # that page pulls jQuery/DataTables from CDNs
    "show_signature": False,
    "show_memory": False,
    "parallel": True,  # as many worker processes as sphinx-build's -j (make: two per core)
}

# -- Bibliography -------------------------------------------------------------------
bibtex_bibfiles = ["book/references.bib"]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"

# -- HTML ---------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_static_path = ["book/_static"]
html_css_files = ["custom.css"]
html_js_files = [  # for keyboard and screen-reader users: the animation player, scroll areas
    ("animation.js", {"defer": "defer"}),
    ("scroll_regions.js", {"defer": "defer"}),
]
html_favicon = "book/_static/favicon.svg"
html_logo = "book/_static/favicon.svg"
html_context = {"default_mode": "light"}  # here, not in the theme options
html_theme_options = {
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "path_to_docs": "book",
    "logo": {"text": project},
    # The language switcher (book/_ext/editions.py), then the theme's own buttons.
    "article_header_end": ["language-switcher.html", "article-header-buttons.html"],
}
html_last_updated_fmt = None
html_use_index = False  # no general index page: the book has search and an API reference
html_domain_indices = False
html_show_sphinx = False


def _mathjax_where_math_shows(app, pagename, templatename, context, doctree):
    """Sphinx loads MathJax on a page whose text has math. A page also shows math in its
    contents in the margin and in its neighbours' titles (previous/next links): MathJax
    there too, and nowhere else (over a megabyte of script saved on the other pages)."""
    shown = [context.get("toc") or ""] + [(context.get(n) or {}).get("title", "") for n in ("prev", "next")]
    if any('class="math' in html for html in shown):
        context["has_maths_elements"] = True


def setup(app):
    # Before sphinx.ext.mathjax reads has_maths_elements (its handler has priority 500).
    app.connect("html-page-context", _mathjax_where_math_shows, priority=400)

# -- Translations (the Chinese edition) -------------------------------------------------
# `make gettext` extracts every translatable message into _build/gettext; sphinx-intl
# keeps one catalog per page in locales/zh_CN/LC_MESSAGES/. Prose, titles, captions,
# tables and alt texts are messages; code cells, their outputs and glued numbers are
# not, so both editions show the same ones.
locale_dirs = [str(ROOT / "locales")]
gettext_compact = False  # one catalog per page: a translator edits the page's own file
gettext_uuid = False
gettext_location = False  # no line numbers in the catalogs: editing a page elsewhere leaves them unchanged
# The Chinese edition is built with -D language=zh_CN into _build/html/zh_CN (Makefile);
# book/_ext/editions.py sets its search (jieba) and the tag zh_CN for `{only}` blocks.
