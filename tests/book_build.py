"""Build the book from a fresh copy of its sources, as ``make html`` does.

Sphinx-gallery writes its rendered pages and its md5 cache into the source tree
(``book/auto_examples``), so a truly clean build needs its own copy of ``book/``
without the generated folders. The configuration stays the repository's own
``conf.py`` (``-c ROOT``).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
SPHINX_FLAGS = ["-W", "--keep-going", "-n", "-j", str(2 * (os.cpu_count() or 1)), "-T"]  # the Makefile's
GENERATED = {"auto_examples", "api/generated", "sg_execution_times.rst"}  # relative to book/
EXAMPLES = sorted(BOOK.glob("examples/**/plot_*.py"))  # the gallery's scripts


def example_page(script):
    """The docname of a gallery script's page: ``examples/part1/x/plot_y.py`` is
    ``auto_examples/part1/x/plot_y``."""
    return ("auto_examples" / Path(script).relative_to(BOOK / "examples").with_suffix("")).as_posix()



def copy_sources(dest):
    """A fresh checkout in ``dest``: a copy of ``book/`` without what a build generates,
    and links to the repository's other top-level entries (chapters include files
    such as ``../../gdlib/...``). Return the copy of ``book/``.
    """

    def ignore(folder, names):
        rel = Path(folder).relative_to(BOOK)
        return [n for n in names if (rel / n).as_posix() in GENERATED or n == "__pycache__"]

    dest = Path(dest)
    shutil.copytree(BOOK, dest / "book", ignore=ignore)
    for entry in ROOT.iterdir():
        if entry.name not in {"book", "_build"} and not entry.name.startswith("."):
            (dest / entry.name).symlink_to(entry)
    return dest / "book"


CHINESE = ("-D", "language=zh_CN")  # the Chinese edition: sphinx-build's extra arguments
CHINESE_SUBDIR = "zh_CN"  # built into <the English site>/zh_CN, as ``make html`` does


def _beside(outdir):
    """The folder beside the site (where doctrees and logs go) and the site's name there:
    ``(_build, "html")`` for ``_build/html``, ``(_build, "html-zh_CN")`` for ``_build/html/zh_CN``."""
    outdir = Path(outdir)
    if outdir.name == CHINESE_SUBDIR:
        return outdir.parent.parent, f"{outdir.parent.name}-{CHINESE_SUBDIR}"
    return outdir.parent, outdir.name


def doctree_dir(outdir):
    """Where Sphinx keeps its environment and doctrees: beside the site, as ``make html`` does
    (``_build/html`` and ``_build/doctrees``; ``_build/html/zh_CN`` and ``_build/doctrees-zh_CN``)."""
    folder, name = _beside(outdir)
    return folder / ("doctrees" + name.removeprefix("html"))


def start_build(srcdir, outdir, *extra, fresh=True):
    """Start ``sphinx-build`` of ``srcdir`` into ``outdir`` (``-E`` when ``fresh``).

    Sphinx's own warnings go to a file, ``<outdir>.warnings``; the whole log to ``<outdir>.log``
    (``html-zh_CN.warnings`` and ``.log`` beside ``html`` for ``html/zh_CN``).
    """
    outdir = Path(outdir)
    folder, name = _beside(outdir)
    folder.mkdir(parents=True, exist_ok=True)
    log = open(folder / f"{name}.log", "w")
    cmd = [sys.executable, "-m", "sphinx", *SPHINX_FLAGS, *(["-E"] if fresh else []), "-c", str(ROOT),
           "-d", str(doctree_dir(outdir)), "-w", str(folder / f"{name}.warnings"),
           *extra, str(srcdir), str(outdir)]
    process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    process.log_file = log
    return process


def finish_build(process, timeout=900):
    """Wait for a build; return ``(returncode, log text, warnings text)``."""
    returncode = process.wait(timeout=timeout)
    process.log_file.close()
    log_path = Path(process.log_file.name)
    warnings = log_path.with_suffix(".warnings")
    return returncode, log_path.read_text(), warnings.read_text() if warnings.exists() else ""


def build(srcdir, outdir, *extra, fresh=True, timeout=900):
    """Build and wait: ``(returncode, log text, warnings text)``."""
    return finish_build(start_build(srcdir, outdir, *extra, fresh=fresh), timeout)


def html_pages(outdir):
    """Every HTML page of a build, as paths relative to ``outdir`` (assets excluded)."""
    outdir = Path(outdir)
    skip = {"_static", "_downloads", "_images", "_sources"}
    return sorted(
        p.relative_to(outdir).as_posix()
        for p in outdir.rglob("*.html")
        if not skip & set(p.relative_to(outdir).parts)
    )


# The front matter that makes a MyST Markdown page a notebook that MyST-NB executes.
NOTEBOOK_HEADER = """\
---
file_format: mystnb
kernelspec:
  name: python3
  display_name: Python 3
---
"""


def copy_minimal_book(dest, files):
    """A throw-away source tree: the gallery headers, an index and ``files`` {relpath: text}."""
    dest = Path(dest)
    for readme in sorted(BOOK.glob("examples/*/README.rst")):  # one gallery per part
        (dest / "examples" / readme.parent.name).mkdir(parents=True)
        shutil.copy(readme, dest / "examples" / readme.parent.name)
    for relpath, text in files.items():
        (dest / relpath).parent.mkdir(parents=True, exist_ok=True)
        (dest / relpath).write_text(text)
    return dest
