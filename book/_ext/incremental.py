"""Incremental builds that are both fast and right.

1. A no-op rebuild stays a no-op. Sphinx re-reads every page when the configuration differs from the one pickled
with its environment. But the theme and sphinx-gallery rewrite some options
while they set up (``html_static_path``, ``html_theme_options``,
``sphinx_gallery_conf``, ...), so the pickled configuration never equals a
fresh read of conf.py, and every rebuild would re-read and re-render all pages.

This extension compares instead what conf.py (with ``-D`` overrides) says: a
digest of every option as read, before any extension touched it, stored next to
the environment once the environment has been pickled. While that digest is
unchanged the configuration is reported unchanged; any real edit of conf.py
still re-reads everything.

2. A changed navigation reaches every page. Each page carries the book's
   navigation (the toctrees and the chapter titles), but Sphinx rewrites only
   the pages it re-read. When a re-read page changed a toctree or a title, all
   pages are rewritten (from their cached doctrees: nothing is executed again),
   and so are viewcode's source pages (it skips a page newer than its module).

3. The gallery runs its scripts in parallel only when at least two of them must
   run: starting the worker processes costs almost a second, as much as the
   rest of the gallery's work in a no-op rebuild.

Besides the names below, it relies on sphinx-gallery's checksum files
(``<gallery_dir>/<script>.py.md5``) and on ``env-check-consistency`` being
emitted after the environment was pickled.
"""

import hashlib
import json
import re
import shutil
import types
from pathlib import Path

from sphinx.environment import CONFIG_CHANGED, CONFIG_OK
from sphinx_gallery.utils import get_md5sum

# Undocumented names of other packages used here, for the locked versions named
# (tests/test_private_names.py checks them).
PRIVATE_NAMES = {
    "sphinx==9.0.4": (
        "sphinx.environment.CONFIG_CHANGED",
        "sphinx.environment.CONFIG_OK",
        "sphinx.environment.BuildEnvironment.config_status",
        "sphinx.environment.BuildEnvironment.config_status_extra",
        "sphinx.environment.BuildEnvironment.toctree_includes",
        "sphinx.environment.BuildEnvironment.titles",
    ),
    "sphinx-gallery==0.22.1": ("sphinx_gallery.utils.get_md5sum",),
}

STAMP = "config-as-read.sha256"


def _serialisable(value):
    """For json.dumps: sets in a stable order, classes and functions by name, the rest as text."""
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    if isinstance(value, (type, types.FunctionType)):
        return f"{value.__module__}.{value.__qualname__}"
    return str(value)


def _remember(app, config):
    values = {option.name: option.value for option in config}
    text = json.dumps(values, sort_keys=True, default=_serialisable)
    app._config_as_read = hashlib.sha256(text.encode()).hexdigest()


def _forgive_runtime_changes(app):
    stamp = Path(app.doctreedir) / STAMP
    if app.env.config_status == CONFIG_CHANGED and stamp.is_file():
        if stamp.read_text() == app._config_as_read:
            app.env.config_status, app.env.config_status_extra = CONFIG_OK, ""


def _store(app, env):
    # Emitted after the environment was pickled with this configuration.
    (Path(app.doctreedir) / STAMP).write_text(app._config_as_read)


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
                count += not md5.is_file() or md5.read_text() != get_md5sum(script, mode="t")
    return count


def _parallel_gallery_only_when_useful(app):
    # At builder-inited: the HTML builder has already hashed the configuration into
    # .buildinfo, so this runtime choice does not make the next build rewrite every page.
    conf = app.config.sphinx_gallery_conf
    if conf.get("parallel") and _scripts_to_run(app, conf) < 2:
        conf["parallel"] = False


def setup(app):
    app.connect("config-inited", _remember, priority=0)  # before anyone edits the config
    app.connect("builder-inited", _forgive_runtime_changes, priority=0)
    # After gdlib_watch (config-inited), which may delete the checksums, and before the
    # gallery runs its scripts (builder-inited, priority 500).
    app.connect("builder-inited", _parallel_gallery_only_when_useful, priority=200)
    app.connect("env-check-consistency", _store)
    app.connect("env-before-read-docs", _before_read)
    app.connect("env-get-updated", _rewrite_all_if_navigation_changed)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
