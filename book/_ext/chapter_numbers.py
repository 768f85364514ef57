"""Chapters numbered through the whole book, figures and equations within each chapter.

The root document has one numbered toctree per part, so that each part keeps its
caption in the sidebar. Sphinx restarts the numbering at every numbered toctree:
Part II would begin again at chapter 1, and its "Fig. 1.2" would clash with Part
I's. This extension continues the count instead: a chapter of a later toctree is
numbered after the chapters of the toctrees before it, and its figures, tables and
equations follow ("Fig. 4.2", "(4.7)"; Sphinx keys their numbers on the chapter's,
``numfig_secnum_depth = 1``).

It works around Sphinx's toctree collector through the public ``env-get-updated``
event, which the collector also uses (priority 500):

* before the collector (priority 400), the environment gets back the numbers the
  collector itself assigned last time, so that it compares like with like and reports
  as changed only the pages whose own numbering changed;
* after it (priority 600), the numbers are shifted: each later part's chapters by the
  chapters before them, in the sections, the sidebar's entries, the page titles and
  the figures (whose count Sphinx shared between chapters of the same raw number, and
  which restart here at 1 in every chapter). The pages whose final numbers changed are
  reported too, so that a no-op rebuild stays a no-op and a new chapter renumbers every
  page after it.
"""

import copy

from docutils import nodes
from sphinx import addnodes

# Undocumented names of other packages used here, for the locked versions named
# (tests/test_private_names.py checks them; docs/upstream/README.md names the upstream
# issue that would retire them). ``env.titles`` is documented (Sphinx's build
# environment API); the ``secnumber`` its titles carry is not.
PRIVATE_NAMES = {
    "sphinx==9.0.4": (
        "sphinx.environment.BuildEnvironment.toc_secnumbers",
        "sphinx.environment.BuildEnvironment.toc_fignumbers",
        "sphinx.environment.BuildEnvironment.tocs",
        "sphinx.environment.BuildEnvironment.numbered_toctrees",
    ),
}

# What the collector assigned in the last build, before the shift: kept on the environment
# (pickled with it) as {"secnumbers": ..., "fignumbers": ...}.
RAW = "chapter_numbers_as_assigned"


def _shift(number, offset):
    return (number[0] + offset, *number[1:]) if number else number


def chapter_offsets(env):
    """{docname: offset} for the chapters of every numbered toctree of the root document
    after the first: the number of chapters in the toctrees before theirs."""
    if env.config.root_doc not in env.numbered_toctrees:
        return {}
    doctree = env.get_doctree(env.config.root_doc)
    offsets, before = {}, 0
    for toctree in doctree.findall(addnodes.toctree):
        if toctree.get("numbered"):
            chapters = [ref for _, ref in toctree["entries"] if ref in env.toc_secnumbers]
            offsets.update({doc: before for doc in chapters if before})
            before += len(chapters)
    return offsets


def _restarted(numbers):
    """Figure numbers ``{id: (chapter, ..., count)}`` of one figure type in one page, each
    count restarted at 1 within its chapter (Sphinx counted on from the page before
    that had the same raw chapter number)."""
    first = {}
    for number in numbers.values():
        if number[:-1]:
            first[number[:-1]] = min(first.get(number[:-1], number[-1]), number[-1])
    return {key: (*n[:-1], n[-1] - first[n[:-1]] + 1) if n[:-1] else n for key, n in numbers.items()}


def _shift_document(env, docname, offset):
    """Add ``offset`` to the chapter number of every heading, sidebar entry, title and
    figure of ``docname``."""
    numbers = env.toc_secnumbers[docname]
    env.toc_secnumbers[docname] = {anchor: _shift(n, offset) for anchor, n in numbers.items()}
    for node in [*env.tocs[docname].findall(nodes.reference), env.titles.get(docname)]:
        if node is not None and node.get("secnumber"):
            node["secnumber"] = list(_shift(node["secnumber"], offset))
    figures = env.toc_fignumbers.get(docname, {})
    env.toc_fignumbers[docname] = {
        figtype: {key: _shift(n, offset) for key, n in _restarted(numbers).items()}
        for figtype, numbers in figures.items()}


def restore_assigned_numbers(app, env):
    """Before the collector: the numbers it assigned last time, for it to compare with."""
    env.chapter_numbers_final = (env.toc_secnumbers, env.toc_fignumbers)
    raw = getattr(env, RAW, None)
    if raw is not None:
        env.toc_secnumbers, env.toc_fignumbers = raw["secnumbers"], raw["fignumbers"]
    return []


def continue_chapter_numbers(app, env):
    """After the collector: shift the later parts' chapters; report the pages whose final
    numbers changed."""
    setattr(env, RAW, {"secnumbers": copy.deepcopy(env.toc_secnumbers),
                       "fignumbers": copy.deepcopy(env.toc_fignumbers)})
    for docname, offset in chapter_offsets(env).items():
        _shift_document(env, docname, offset)
    secnumbers, fignumbers = env.chapter_numbers_final
    del env.chapter_numbers_final
    return sorted(doc for doc in env.toc_secnumbers.keys() | env.toc_fignumbers.keys()
                  if secnumbers.get(doc) != env.toc_secnumbers.get(doc)
                  or fignumbers.get(doc) != env.toc_fignumbers.get(doc))


def setup(app):
    app.connect("env-get-updated", restore_assigned_numbers, priority=400)
    app.connect("env-get-updated", continue_chapter_numbers, priority=600)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
