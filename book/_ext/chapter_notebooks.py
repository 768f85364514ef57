"""Every chapter offered as a Jupyter notebook, with its outputs, from the download menu.

MyST-NB reads a chapter (MyST Markdown) as a notebook, writes it to
``<outdir>/../jupyter_execute/<docname>.ipynb`` and, with ``nb_execution_mode =
"cache"``, executes it only when the jupyter cache holds no run of its code. That
file has outputs only when the chapter was just executed: on a cache hit, MyST-NB
renders a merged copy and writes the notebook it read (MyST-NB 1.4). So when a
chapter's page is written, this extension takes the notebook as read, merges the
outputs of its code cells from the cache (nothing is executed twice), publishes it
as ``_sources/<docname>.ipynb`` and sets the page context's ``ipynb_source``:
sphinx-book-theme's download menu turns that into an ``.ipynb`` entry
(``header_buttons.add_header_buttons``). The theme publishes notebooks itself only
when launch buttons are configured, and those link to other servers.

The published notebook is reproducible: its cells get ids numbered in order
(nbformat draws random ones), the notebook's metadata keeps the kernel only (not
the Python version of the machine that built it). It reads on its own: the code
that a {literalinclude} shows from gdlib is copied in as a code block, and a note
after the title says where the notebook comes from and what it needs to run.
"""

import ast
import re
from pathlib import Path, PurePosixPath

import nbformat
from jupyter_cache import get_cache
from sphinx.errors import ExtensionError

from mystnb_paths import output_folder

# Undocumented names of other packages used here, for the locked versions named
# (tests/test_private_names.py checks them; docs/upstream/README.md names the issue
# that would retire each):
# the page-context key from which sphinx-book-theme's download menu offers a notebook.
# (Where MyST-NB writes the notebook comes from mystnb_paths; the jupyter cache's folder
# and the execution mode are MyST-NB's configuration values, the folder set for both
# editions by editions.)
PRIVATE_NAMES = {
    "sphinx-book-theme==1.4.0": ("sphinx_book_theme.header_buttons.add_header_buttons",),
}

# A fenced {literalinclude} directive with its ":option: value" lines.
INCLUDE = re.compile(r"^```\{literalinclude\}[ \t]+(?P<path>\S+)[ \t]*\n"
                     r"(?P<options>(?::[\w-]+:.*\n)*)```[ \t]*$", re.MULTILINE)
TITLE = re.compile(r"^# .*$", re.MULTILINE)
KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}
NOTE = """\
> This notebook was made from `{source}`, a source file of *{project}*, when
> the book was built, and it opens with the outputs of that build. To run it,
> install gdlib with the packages the book is built with: in a clone of the
> book's repository, `pip install -e '.[docs]'`. The text is MyST Markdown:
> cross-references, figures and the numbers that the book fills in from code
> (`{{glue:text}}`) show here as markup."""


def executed_notebook(app, docname):
    """MyST-NB's notebook of ``docname``, with the outputs of its last execution."""
    path = output_folder(app.env) / f"{docname}.ipynb"
    if not path.is_file():
        raise ExtensionError(f"chapter_notebooks: MyST-NB wrote no notebook {path}; "
                             "remove the build folder and build again")
    notebook = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    if app.config.nb_execution_mode != "cache":
        return notebook  # executed in place, or not at all
    cache = app.config.nb_execution_cache_path
    try:
        _, executed = get_cache(cache).merge_match_into_notebook(notebook)
    except KeyError:
        raise ExtensionError(f"chapter_notebooks: no run of {docname} in the jupyter cache {cache}") from None
    for cell, run in zip(notebook.cells, executed.cells, strict=True):
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = run.outputs, run.execution_count
    return notebook


# The {literalinclude} options the chapters use, applied in Sphinx's order; any other
# stops the build here, so that a notebook never shows other code than its page.
INCLUDE_OPTIONS = ("pyobject", "start-at", "dedent", "language")


def python_object(source, dotted):
    """The lines (1-based, inclusive) of the class or function ``dotted`` ("GD.update"),
    its decorators included, as Sphinx's ``:pyobject:`` shows it."""
    body, found = ast.parse(source).body, None
    for name in dotted.split("."):
        found = next((node for node in body if isinstance(node, (ast.ClassDef, ast.FunctionDef,
                                                                  ast.AsyncFunctionDef))
                      and node.name == name), None)
        if found is None:
            raise ExtensionError(f"chapter_notebooks: no {dotted} to include")
        body = found.body
    return min([found.lineno] + [d.lineno for d in found.decorator_list]), found.end_lineno


def included_code(path, options):
    """What ``{literalinclude} path`` shows with ``options`` ({name: value as written})."""
    unknown = set(options) - set(INCLUDE_OPTIONS)
    if unknown:
        raise ExtensionError(f"chapter_notebooks: a {{literalinclude}} of {path} uses "
                             f"{', '.join(sorted(unknown))}; only {', '.join(INCLUDE_OPTIONS)} "
                             "are copied into notebooks")
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    if "pyobject" in options:
        first, last = python_object(source, options["pyobject"])
        lines = lines[first - 1:last]
    if "start-at" in options:
        start = next((i for i, line in enumerate(lines) if options["start-at"] in line), None)
        if start is None:
            raise ExtensionError(f"chapter_notebooks: {options['start-at']!r} is not in {path}")
        lines = lines[start:]
    if "dedent" in options:
        width = int(options["dedent"])
        if any(line[:width].strip() for line in lines):
            raise ExtensionError(f"chapter_notebooks: dedent {width} would cut code in {path}")
        lines = [line[width:] for line in lines]
    return "\n".join(lines)


def inline_includes(text, folder, srcdir):
    """``text`` with each {literalinclude} replaced by a code block of what it shows."""

    def code_block(match):
        options = {}
        for line in match["options"].splitlines():
            key, _, value = line[1:].partition(":")
            options[key] = value.strip()
        path = match["path"]
        path = Path(srcdir, path[1:]) if path.startswith("/") else Path(folder, path)
        code = included_code(path, options)
        return f"```{options.get('language', 'python')}\n{code.rstrip()}\n```"

    return INCLUDE.sub(code_block, text)


def for_readers(notebook, project, source):
    """``notebook`` made reproducible and self-explanatory (changed in place, returned).

    The note goes right under the title: a markdown cell that goes on after its
    title line is split there.
    """
    note = nbformat.v4.new_markdown_cell(NOTE.format(project=project, source=source))
    for number, cell in enumerate(notebook.cells):
        title = TITLE.search(cell.source) if cell.cell_type == "markdown" else None
        if title:
            rest = cell.source[title.end():].lstrip("\n")
            cell.source = cell.source[:title.end()]
            notebook.cells[number + 1:number + 1] = [note] + (
                [nbformat.v4.new_markdown_cell(rest)] if rest.strip() else [])
            break
    else:
        notebook.cells.insert(0, note)
    for number, cell in enumerate(notebook.cells, start=1):
        cell.id = f"cell-{number}"
    notebook.metadata = nbformat.NotebookNode(
        kernelspec=KERNELSPEC, language_info={"name": "python"})
    nbformat.validate(notebook)
    return notebook


def _publish(app, pagename, templatename, context, doctree):
    if doctree is None or "kernelspec" not in app.env.metadata.get(pagename, {}):
        return  # not a page that MyST-NB read as a notebook
    notebook = executed_notebook(app, pagename)
    relpath = app.env.doc2path(pagename, base=False)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = inline_includes(cell.source, Path(app.srcdir, relpath).parent, app.srcdir)
    # The source as the repository names it ("book/part2/sgd.md"), wherever it was copied.
    source = PurePosixPath(Path(app.srcdir).name, relpath).as_posix()
    for_readers(notebook, app.config.project, source)
    target = Path(app.outdir, "_sources", f"{pagename}.ipynb")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(nbformat.writes(notebook) + "\n", encoding="utf-8")
    context["ipynb_source"] = f"{pagename}.ipynb"  # relative to _sources, as the theme wants


def setup(app):
    # Before the theme fills its download menu (add_header_buttons, priority 501).
    app.connect("html-page-context", _publish, priority=400)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
