"""The book's HTML translator: what docutils writes that a screen reader cannot use.

docutils marks each bibliography entry ``role="doc-biblioentry"`` inside a
``role="list"`` container. DPUB-ARIA 1.1 deprecated that role, and a list whose
items are not ``listitem`` is a broken list for assistive technology (axe-core:
aria-required-children, critical; aria-deprecated-role). The entries become
list items. The theme wraps this translator in its own (pydata-sphinx-theme's
``setup_translators``), so both apply.
"""

from sphinx.writers.html5 import HTML5Translator

# visit_citation is docutils' own method, copied with one attribute changed: an upgrade
# of docutils must be checked against it (tests/test_private_names.py; docs/upstream/README.md
# has our draft of the docutils issue that would retire it).
PRIVATE_NAMES = {
    "docutils==0.22.4": ("docutils.writers._html_base.HTMLTranslator.visit_citation",),
}


class BookHTMLTranslator(HTML5Translator):
    def visit_citation(self, node):
        """docutils' own, with ``listitem`` for ``doc-biblioentry`` (its depart closes both)."""
        if not isinstance(node.previous_sibling(), type(node)):
            self.body.append('<div role="list" class="citation-list">\n')
        self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def setup(app):
    app.set_translator("html", BookHTMLTranslator)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
