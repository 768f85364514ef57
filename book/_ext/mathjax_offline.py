"""MathJax served with the pages: sphinx-mathjax-offline, declared safe for parallel builds.

sphinx-mathjax-offline sets ``mathjax_path`` and copies MathJax into ``_static``
when the build finishes, which is safe when Sphinx reads and writes in parallel;
its ``setup()`` just does not say so, and Sphinx would then read serially (with a
warning). This extension runs that ``setup()`` and declares what it leaves out,
through Sphinx's public extension metadata.

Why keep a package whose last release is 0.0.2 (the code review of 2026-12-07 asked):
what it brings is MathJax itself, 24 MB of files, from PyPI, so that requirements.lock
pins them with a hash like every other package and nothing is fetched from npm or a
CDN. Its code is twelve lines that use only Sphinx's public API (``copy_asset`` at
``build-finished``, ``mathjax_path``). Vendoring the files instead would put 24 MB into
the repository; if the package breaks, this extension can copy the same files itself.
"""

import importlib

# Only documented names of other packages are used here (tests/test_private_names.py).
PRIVATE_NAMES = {}


def setup(app):
    importlib.import_module("sphinx-mathjax-offline").setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
