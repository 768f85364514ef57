"""Incremental builds that are both fast and right.

1. A changed navigation reaches every page. Each page carries the book's
   navigation (the toctrees and the chapter titles), but Sphinx rewrites only
   the pages it re-read. When a re-read page changed a toctree or a title, all
   pages are rewritten (from their cached doctrees: nothing is executed again),
   and so are viewcode's source pages (it skips a page newer than its module).

2. The gallery runs its scripts in parallel only when at least two of them must
   run: starting the worker processes costs almost a second, as much as the
   rest of the gallery's work in a no-op rebuild.

(An earlier version also told Sphinx that the configuration was unchanged when
only the theme and sphinx-gallery had rewritten options while setting up. Sphinx
9 re-reads the pages only when an option of the environment changed, and none of
those does: it logs "The configuration has changed" and reads, executes and
writes nothing all the same, which tests/test_book.py and test_small_book.py
check. Overriding its decision could only hide a change that needs a re-read.)

Besides the names below, it relies on sphinx-gallery's checksum files
(``<gallery_dir>/<script>.py.md5``: the MD5 of the script's text, read with universal
newlines); tests/test_small_book.py fails if a script that changed is not counted.
"""

import hashlib
import re
import shutil
from pathlib import Path


# Undocumented names of other packages used here, for the locked versions named
# (tests/test_private_names.py checks them; docs/upstream/README.md names the issue
# that would retire each).
PRIVATE_NAMES = {
    "sphinx==9.0.4": (
        "sphinx.environment.BuildEnvironment.toctree_includes",
    ),
}


def _checksum(script):
    """The checksum sphinx-gallery keeps of a script: the MD5 of its text (universal newlines)."""
    text = script.read_text(errors="surrogateescape", encoding="utf-8")
    return hashlib.md5(text.encode(errors="surrogateescape", encoding="utf-8")).hexdigest()


def _navigation(env):
    titles = {doc: title.astext() for doc, title in env.titles.items()}
    return {doc: list(included) for doc, included in env.toctree_includes.items()}, titles


def _before_read(app, env, docnames):
    app._navigation_before = _navigation(env)


def _rewrite_all_if_navigation_changed(app, env):
    if _navigation(env) != app._navigation_before:
        shutil.rmtree(Path(app.outdir) / "_modules", ignore_errors=True)
        return sorted(env.found_docs)
    return []


def _scripts_to_run(app, conf):
    """How many gallery scripts sphinx-gallery will execute: those whose md5 changed."""
    srcdir, count = Path(app.srcdir), 0
    for examples, gallery in zip(conf["examples_dirs"], conf["gallery_dirs"], strict=True):
        for script in (srcdir / examples).rglob("*.py"):
            if re.search(conf.get("filename_pattern", "/plot"), str(script)):
                md5 = srcdir / gallery / f"{script.relative_to(srcdir / examples)}.md5"
                count += not md5.is_file() or md5.read_text() != _checksum(script)
    return count


def _parallel_gallery_only_when_useful(app):
    # At builder-inited: the HTML builder has already hashed the configuration into
    # .buildinfo, so this runtime choice does not make the next build rewrite every page.
    conf = app.config.sphinx_gallery_conf
    if conf.get("parallel") and _scripts_to_run(app, conf) < 2:
        conf["parallel"] = False


def setup(app):
    # After gdlib_watch (config-inited), which may delete the checksums, and before the
    # gallery runs its scripts (builder-inited, priority 500).
    app.connect("builder-inited", _parallel_gallery_only_when_useful, priority=200)
    app.connect("env-before-read-docs", _before_read)
    app.connect("env-get-updated", _rewrite_all_if_navigation_changed)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
