"""Glued numbers inside translated messages: {glue:text}`key:.3f` works in a msgstr.

Sphinx translates a paragraph by parsing its msgstr in a fresh, small document
(``sphinx.transforms.i18n``). MyST-NB's glue roles look the key up in the
notebook being parsed (``document["nb_renderer"]``), which that small document
does not have, so every glued number in a translated paragraph failed with
"No key ... found in glue data for this document".

The roles below replace MyST-NB's ``glue:text`` and ``glue:md``. In the page's own
parse they hand the work to MyST-NB's roles, unchanged. Inside a translated message
they read the same key from the glue data MyST-NB saved for this page a moment
earlier, while it parsed the page (``<docname>.glue.json`` in its output folder):
the translator keeps the role exactly as in the msgid, and both editions show the
very same number, formatted by the same function. (The book uses no ``{glue:}``,
``{glue:any}`` or ``{glue:figure}``; a translated message that needs one fails the
Chinese build with MyST-NB's own "No key ... found" warning.)

The ``glue:md`` directive (a glued table) keeps its numbers out of the catalogs.

MyST-NB's roles and directive are found through its glue domain (a Sphinx
``Domain``, whose ``roles`` and ``directives`` are Sphinx's public API), so one
class name is borrowed, not one per role.
"""

import json

from docutils import nodes
from myst_nb.core.variables import format_plain_text
from myst_nb.ext.glue.domain import NbGlueDomain
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from mystnb_paths import output_folder

# Undocumented names of other packages used here, for the locked versions named
# (tests/test_private_names.py checks them; docs/upstream/README.md names the issue
# that would retire each).
PRIVATE_NAMES = {
    "myst-nb==1.4.0": (
        "myst_nb.core.variables.format_plain_text",
        "myst_nb.ext.glue.domain.NbGlueDomain",
    ),
}

logger = logging.getLogger(__name__)
_cache = {}  # path -> (mtime_ns, glue data)


def _in_translation(role):
    """True when the role runs in the small document of a translated message."""
    document = role.inliner.document
    return "nb_renderer" not in document and hasattr(document.settings, "env")


def _glue_data(document):
    """The glue data MyST-NB saved for the page being read: {key: {"data": {mime: ...}}}."""
    env = document.settings.env
    path = output_folder(env).joinpath(*f"{env.docname}.glue.json".split("/"))
    if not path.is_file():
        return {}
    mtime = path.stat().st_mtime_ns
    if _cache.get(path, (None,))[0] != mtime:
        _cache[path] = (mtime, json.loads(path.read_text(encoding="utf8")))
    return _cache[path][1]


def _warn(role, message):
    logger.warning(message, location=(role.env.docname, role.lineno), type="mystnb", subtype="glue")


def _lookup(role, key):
    """The glued data of ``key`` for this page (``{mime: ...}``), or None after a warning."""
    output = _glue_data(role.inliner.document).get(key)
    if output is None:
        _warn(role, f"No key {key!r} found in glue data for this document (in a translated message)")
        return None
    return output["data"]


class _GlueRole(SphinxRole):
    """MyST-NB's role of the same name in the page's own parse, ours in a translated message."""

    def __init__(self, name):
        super().__init__()
        self.mystnb_role = NbGlueDomain.roles[name]

    def run(self):
        if not _in_translation(self) or "::" in self.text:  # another page's key: MyST-NB's way
            return self.mystnb_role(self.name, self.rawtext, self.text, self.lineno, self.inliner,
                                    self.options, self.content)
        return self.translated()


class TextRole(_GlueRole):
    def translated(self):
        key, _, fmt_spec = self.text.rpartition(":") if ":" in self.text else (self.text, "", "s")
        data = _lookup(self, key)
        if data is None:
            return [], []
        if "text/plain" not in data:
            _warn(self, f"No text/plain found in {key!r} data")
            return [], []
        text = format_plain_text(data["text/plain"], fmt_spec or "s")
        node = nodes.inline(text, text, classes=["pasted-text"])
        self.set_source_info(node)
        return [node], []


class MarkdownRole(_GlueRole):
    def translated(self):
        key = self.text.rsplit(":", 1)[0] if ":" in self.text else self.text
        data = _lookup(self, key)
        if data is None:
            return [], []
        if "text/markdown" not in data:
            _warn(self, f"No text/markdown found in {key!r} data")
            return [], []
        parsed, messages = self.inliner.parse(data["text/markdown"], self.lineno, None, nodes.inline())
        for node in parsed:
            self.set_source_info(node)
        return parsed, messages


class MarkdownDirective(NbGlueDomain.directives["md"]):
    """Glued Markdown, such as a table of results: a paragraph of it that holds a digit is
    computed output, like a figure's labels, not a message. Both editions show it as
    computed, and no catalog changes when a number does. Words alone (a table's header,
    a row's name) stay messages and are translated."""

    def run(self):
        result = super().run()
        for node in result:
            for paragraph in node.findall(nodes.paragraph):
                if any(character.isdigit() for character in paragraph.astext()):
                    paragraph["translatable"] = False
        return result


def setup(app):
    app.setup_extension("myst_nb")
    app.add_role_to_domain("glue", "text", TextRole("text"), override=True)
    app.add_role_to_domain("glue", "md", MarkdownRole("md"), override=True)
    app.add_directive_to_domain("glue", "md", MarkdownDirective, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
