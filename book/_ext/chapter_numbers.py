"""Chapters numbered through the whole book, figures and equations within each chapter.

The root document has one numbered toctree per part, so that each part keeps its
caption in the sidebar. Sphinx restarts the numbering at every numbered toctree:
Part II would begin again at chapter 1, and its "Fig. 1.2" would clash with Part
I's. This extension continues the count instead: a chapter of a later toctree is
numbered after the chapters of the toctrees before it. Figures and equations are
then numbered per chapter ("Fig. 4.2", "(4.7)"), because Sphinx keys their
counters on the chapter's number (``numfig_secnum_depth = 1``).

It replaces Sphinx's toctree collector with a subclass that shifts the numbers
right after Sphinx assigns them, before the figures are numbered, and reports as
changed exactly the documents whose final numbers changed, so that a no-op
rebuild stays a no-op.
"""

from docutils import nodes
from sphinx import addnodes
from sphinx.environment.collectors.toctree import TocTreeCollector

# Undocumented names of other packages used here, for the locked versions named
# (tests/test_private_names.py checks them; docs/upstream/README.md names the upstream
# issue, or our draft of one, that would retire each). It also relies on the collector
# numbering the sections before the figures, in get_updated_docs.
PRIVATE_NAMES = {
    "sphinx==9.0.4": (
        "sphinx.environment.collectors.toctree.TocTreeCollector.assign_section_numbers",
        "sphinx.environment.collectors.toctree.TocTreeCollector.get_updated_docs",
        "sphinx.events.EventManager.listeners",
        "sphinx.events.EventListener.handler",
        "sphinx.environment.BuildEnvironment.toc_secnumbers",
        "sphinx.environment.BuildEnvironment.tocs",
        "sphinx.environment.BuildEnvironment.numbered_toctrees",
    ),
}


def _shift(number, offset):
    return (number[0] + offset, *number[1:]) if number else number


def _numbered_toctrees(env):
    """The chapter lists of the root document's numbered toctrees, in order."""
    doctree = env.get_doctree(env.config.root_doc)
    return [[ref for _, ref in toctree["entries"] if ref in env.toc_secnumbers]
            for toctree in doctree.findall(addnodes.toctree) if toctree.get("numbered")]


def _shift_document(env, docname, offset):
    """Add ``offset`` to the chapter number of every heading of ``docname``."""
    numbers = env.toc_secnumbers[docname]
    env.toc_secnumbers[docname] = {anchor: _shift(n, offset) for anchor, n in numbers.items()}
    nodes_with_numbers = [*env.tocs[docname].findall(nodes.reference), env.titles.get(docname)]
    for node in nodes_with_numbers:  # the sidebar's entries and the page's title
        if node is not None and node.get("secnumber"):
            node["secnumber"] = list(_shift(node["secnumber"], offset))


class ContinuedChapterNumbers(TocTreeCollector):
    def assign_section_numbers(self, env):
        previous = env.toc_secnumbers
        super().assign_section_numbers(env)
        if env.config.root_doc in env.numbered_toctrees:
            offset = 0
            for chapters in _numbered_toctrees(env):
                for docname in chapters if offset else []:
                    _shift_document(env, docname, offset)
                offset += len(chapters)
        return [doc for doc, numbers in env.toc_secnumbers.items() if previous.get(doc) != numbers]


def setup(app):
    for listener in list(app.events.listeners.get("env-get-updated", [])):
        collector = getattr(listener.handler, "__self__", None)
        if type(collector) is TocTreeCollector:
            collector.disable(app)
            break
    else:
        raise RuntimeError("chapter_numbers: Sphinx's toctree collector was not found")
    app.add_env_collector(ContinuedChapterNumbers)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
