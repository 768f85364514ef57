"""The book's HTML translator: what docutils writes that a screen reader cannot use.

docutils marks each bibliography entry ``role="doc-biblioentry"`` inside a
``role="list"`` container. DPUB-ARIA 1.1 deprecated that role, and a list whose
items are not ``listitem`` is a broken list for assistive technology (axe-core:
aria-required-children, critical; aria-deprecated-role). The entries become
list items. The theme wraps this translator in its own (pydata-sphinx-theme's
``setup_translators``), so both apply.
"""

from sphinx.writers.html5 import HTML5Translator

# No undocumented names: a translator's visit_<node> methods are how docutils and Sphinx
# let a writer be changed (docs/upstream/README.md has our draft of the docutils issue
# that would make this extension unnecessary).
PRIVATE_NAMES = {}


class BookHTMLTranslator(HTML5Translator):
    def visit_citation(self, node):
        """docutils' own, with ``listitem`` for ``doc-biblioentry`` (its depart closes both)."""
        super().visit_citation(node)
        entry = self.body[-1]
        if 'role="doc-biblioentry"' not in entry:  # a docutils upgrade changed its markup
            raise RuntimeError(f"accessible_html: docutils wrote {entry!r} for a citation, not "
                               'the role="doc-biblioentry" this extension replaces')
        self.body[-1] = entry.replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app):
    app.set_translator("html", BookHTMLTranslator)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
