"""MathJax served with the pages: sphinx-mathjax-offline, declared safe for parallel builds.

sphinx-mathjax-offline sets ``mathjax_path`` and copies MathJax into ``_static``
when the build finishes, which is safe when Sphinx reads and writes in parallel;
its ``setup()`` just does not say so, and Sphinx would then read serially (with a
warning). This extension runs that ``setup()`` and declares what it leaves out,
through Sphinx's public extension metadata.
"""

import importlib

# Only documented names of other packages are used here (tests/test_private_names.py).
PRIVATE_NAMES = {}


def setup(app):
    importlib.import_module("sphinx-mathjax-offline").setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
