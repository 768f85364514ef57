"""Glued numbers inside translated messages: {glue:text}`key:.3f` works in a msgstr.

Sphinx translates a paragraph by parsing its msgstr in a fresh, small document
(``sphinx.transforms.i18n``). MyST-NB's glue roles look the key up in the
notebook being parsed (``document["nb_renderer"]``), which that small document
does not have, so every glued number in a translated paragraph failed with
"No key ... found in glue data for this document".

The roles below replace MyST-NB's ``glue:text``, ``glue:md`` and ``glue:any``
(``{glue:}``). In the page's own parse they do exactly what MyST-NB's do. Inside a
translated message they read the same key from the glue data MyST-NB saved for
this page a moment earlier, while it parsed the page (``<docname>.glue.json`` in
its output folder): the translator keeps the role exactly as in the msgid, and
both editions show the very same number, formatted by the same code.

The ``glue:md`` directive (a glued table) keeps its numbers out of the catalogs.
"""

import json
from pathlib import Path

from docutils import nodes
from myst_nb.core.variables import format_plain_text
from myst_nb.ext.glue.directives import PasteMarkdownDirective
from myst_nb.ext.glue.roles import PasteMarkdownRole, PasteRoleAny, PasteTextRole
from myst_nb.ext.glue.utils import PendingGlueReference, glue_warning

# Undocumented names of other packages used here, for the locked versions named
# (tests/test_private_names.py checks them; docs/upstream/README.md names the issue
# that would retire each).
PRIVATE_NAMES = {
    "myst-nb==1.4.0": (
        "myst_nb.sphinx_ext.create_mystnb_config",  # sets env.mystnb_config
        "myst_nb.core.config.NbParserConfig.output_folder",
        "myst_nb.core.variables.format_plain_text",
        "myst_nb.ext.glue.directives.PasteMarkdownDirective",
        "myst_nb.ext.glue.roles.PasteMarkdownRole",
        "myst_nb.ext.glue.roles.PasteRoleAny",
        "myst_nb.ext.glue.roles.PasteTextRole",
        "myst_nb.ext.glue.utils.PendingGlueReference",
        "myst_nb.ext.glue.utils.glue_warning",
        "myst_nb.ext.glue.crossref.ReplacePendingGlueReferences",
    ),
}

_cache = {}  # path -> (mtime_ns, glue data)


def _in_translation(role):
    """True when the role runs in the small document of a translated message."""
    return "nb_renderer" not in role.document and hasattr(role.document.settings, "env")


def _glue_data(document):
    """The glue data MyST-NB saved for the page being read: {key: {"data": {mime: ...}}}."""
    env = document.settings.env
    path = Path(env.mystnb_config.output_folder, *f"{env.docname}.glue.json".split("/"))
    if not path.is_file():
        return {}
    mtime = path.stat().st_mtime_ns
    if _cache.get(path, (None,))[0] != mtime:
        _cache[path] = (mtime, json.loads(path.read_text(encoding="utf8")))
    return _cache[path][1]


def _lookup(role, key):
    """``(data, None)`` for the glued ``key`` of this page, or ``(None, [warning])``."""
    output = _glue_data(role.document).get(key)
    if output is None:
        warning = glue_warning(f"No key {key!r} found in glue data for this document "
                               "(in a translated message)", role.document, role.line)
        return None, [warning]
    return output["data"], []


class TextRole(PasteTextRole):
    def run(self):
        if not _in_translation(self) or "::" in self.text:  # another page's key: MyST-NB's way
            return super().run()
        key, _, fmt_spec = self.text.rpartition(":") if ":" in self.text else (self.text, "", "s")
        data, messages = _lookup(self, key)
        if data is None:
            return [], messages
        if "text/plain" not in data:
            return [], [glue_warning(f"No text/plain found in {key!r} data", self.document, self.line)]
        text = format_plain_text(data["text/plain"], fmt_spec or "s")
        node = nodes.inline(text, text, classes=["pasted-text"])
        self.set_source_info(node)
        return [node], []


class MarkdownRole(PasteMarkdownRole):
    def run(self):
        if not _in_translation(self) or "::" in self.text:
            return super().run()
        key = self.text.rsplit(":", 1)[0] if ":" in self.text else self.text
        data, messages = _lookup(self, key)
        if data is None:
            return [], messages
        if "text/markdown" not in data:
            return [], [glue_warning(f"No text/markdown found in {key!r} data", self.document, self.line)]
        parsed, messages = self.inliner.parse(data["text/markdown"], self.line, None, nodes.inline())
        for node in parsed:
            self.set_source_info(node)
        return parsed, messages


class AnyRole(PasteRoleAny):
    def run(self):
        if not _in_translation(self) or "::" in self.text:
            return super().run()
        # A pending reference to this very page: MyST-NB's post-transform
        # (ReplacePendingGlueReferences) renders it from the same glue data.
        ref = PendingGlueReference(refdoc=self.document.settings.env.docname, key=self.text, inline=True)
        ref.source, ref.line = self.source, self.line
        return [ref], []


class MarkdownDirective(PasteMarkdownDirective):
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
    app.add_role_to_domain("glue", "text", TextRole(), override=True)
    app.add_role_to_domain("glue", "md", MarkdownRole(), override=True)
    app.add_role_to_domain("glue", "any", AnyRole(), override=True)
    app.add_role_to_domain("glue", "", AnyRole(), override=True)
    app.add_directive_to_domain("glue", "md", MarkdownDirective, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
