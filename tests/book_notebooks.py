"""The chapters as notebooks: which pages are notebooks, and running their downloads.

A reader downloads a chapter's ``.ipynb`` and runs it anywhere: here each one is
copied alone into a folder of its own and executed there with nbclient, several at
once (each kernel is a process of its own), on Unix sockets as in the build
(``book/_ext/kernel_sockets.py``).
"""

import asyncio
import re
import shutil
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from book_build import BOOK

sys.path.insert(0, str(BOOK / "_ext"))
from kernel_sockets import SocketKernelManager  # noqa: E402

_MYST_NOTEBOOK = re.compile(r"\A---\n(?:.*\n)*?file_format: mystnb\n(?:.*\n)*?---\n")


def notebook_pages(book=BOOK):
    """Docnames of the pages written as MyST notebooks (``file_format: mystnb``)."""
    return sorted(p.relative_to(book).with_suffix("").as_posix() for p in book.rglob("*.md")
                  if _MYST_NOTEBOOK.match(p.read_text()))


def code_cells(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def run_standalone(notebooks, workdir, jobs=2, timeout=300):
    """Execute each notebook file, copied alone into a folder of its own under ``workdir``.

    Return ``{path: (executed notebook or the exception it raised, seconds)}``.
    """

    async def run(number, path, slots):
        folder = Path(workdir) / f"{number}-{path.stem}"
        folder.mkdir()
        notebook = nbformat.read(shutil.copy(path, folder), as_version=4)
        client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                                kernel_manager_class=SocketKernelManager,
                                resources={"metadata": {"path": str(folder)}})
        async with slots:
            start = time.perf_counter()
            try:
                await client.async_execute()
            except Exception as error:  # reported per notebook by the caller
                return path, error, time.perf_counter() - start
            return path, notebook, time.perf_counter() - start

    async def run_all():
        slots = asyncio.Semaphore(jobs)
        return await asyncio.gather(*(run(n, Path(p), slots) for n, p in enumerate(notebooks)))

    return {path: (result, seconds) for path, result, seconds in asyncio.run(run_all())}
