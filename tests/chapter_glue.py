"""The numbers a chapter glues into its text, computed the way the build computes them.

MyST-NB executes a chapter's code cells and records every ``glue(name, value)``; the
prose then prints those values. ``glued("part1/why_gd_works")`` runs the same cells,
in order, in a fresh namespace, with ``myst_nb.glue`` replaced by a recorder, and
returns ``{name: value}``. Chapter tests check these values, so a test fails when
the number on the page is wrong, not only when a copy of its computation is.
"""

import contextlib
import functools
import io
import re
import time
from pathlib import Path
from unittest import mock

from threadpoolctl import threadpool_limits

BOOK = Path(__file__).parents[1] / "book"
CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```", re.S | re.M)


def code_cells(chapter):
    """The source of each code cell of ``book/<chapter>.md``, cell options removed."""
    text = (BOOK / f"{chapter}.md").read_text()
    cells = []
    for body in CELL.findall(text):
        lines = body.splitlines()
        while lines and lines[0].startswith(":"):  # ":tags: [remove-cell]" and the like
            lines.pop(0)
        cells.append("\n".join(lines) + "\n")
    return cells


def glued(chapter):
    """Execute the chapter's code cells; return every glued value by name."""
    return _execute(chapter)[0]


def chapter_namespace(chapter):
    """The names the chapter's code cells define (functions such as ``classify``)."""
    return _execute(chapter)[1]


def chapter_cpu_seconds(chapter):
    """The processor time the chapter's code cells took, run once in this process."""
    return _execute(chapter)[2]


@functools.cache
def _execute(chapter):
    import myst_nb

    values = {}

    def record(name, variable, display=True):
        if name in values:
            raise AssertionError(f"{chapter}: {name!r} is glued twice")
        values[name] = variable

    namespace = {"__name__": f"chapter_{chapter.replace('/', '_')}"}
    start = time.process_time()
    # Linear algebra on one thread: the processor time is then the chapter's work, not the
    # time BLAS's idle threads spin while the machine is busy (chapter 15's cells took
    # 13.9 s instead of 6 s beside three builds).
    with (mock.patch.object(myst_nb, "glue", record), contextlib.redirect_stdout(io.StringIO()),
          threadpool_limits(limits=1)):
        for number, source in enumerate(code_cells(chapter), 1):
            code = compile(source, f"book/{chapter}.md, code cell {number}", "exec")
            exec(code, namespace)
    return values, namespace, time.process_time() - start


def glue_names_in_text(chapter):
    """Every name the chapter's prose refers to with {glue:text}, {glue:md} or {glue}."""
    text = (BOOK / f"{chapter}.md").read_text()
    inline = re.findall(r"\{glue(?::\w+)?\}`([^`:]+)", text)
    blocks = re.findall(r"^```\{glue(?::\w+)?\}\s+(\S+)", text, re.M)
    return set(inline) | set(blocks)
