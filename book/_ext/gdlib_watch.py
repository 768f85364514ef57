"""Re-execute every gallery example and notebook when gdlib's sources change.

Neither cache notices a change to the library the pages import: sphinx-gallery
skips a script whose md5 matches, MyST-NB's jupyter-cache reuses outputs keyed
by the notebook's own code, and Sphinx re-reads only pages whose files changed.
So, before anything is read, this extension hashes ``gdlib/**/*.py`` and
compares the digest with a stamp kept next to each cache. On a mismatch it

* deletes the gallery's ``*.md5`` checksums (every script runs again),
* deletes the jupyter cache (every notebook executes again),
* drops Sphinx's saved environment (every page is read again, so MyST-NB
  re-executes and pages whose figures changed are rewritten),

then writes the new stamps. A stamp lives inside what it guards, so deleting a
cache by hand (``make clean``) also resets its stamp.
"""

import hashlib
import shutil
from pathlib import Path

import gdlib

# Only documented names of other packages are used here (tests/test_private_names.py).
PRIVATE_NAMES = {}

STAMP = ".gdlib-sha256"


def gdlib_digest(package=Path(gdlib.__file__).parent):
    """sha256 over the relative paths and contents of the package's Python files."""
    package = Path(package)
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _stale(folder, digest):
    """True when ``folder`` lacks a stamp equal to ``digest``; then stamp it (creating it)."""
    stamp = Path(folder) / STAMP
    if stamp.is_file() and stamp.read_text() == digest:
        return False
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest)
    return True


def _invalidate(app, config):
    digest = gdlib_digest()
    srcdir = Path(app.srcdir)
    for gallery_dir in config.sphinx_gallery_conf["gallery_dirs"]:
        gallery = srcdir / gallery_dir
        if _stale(gallery, digest):
            for checksum in gallery.rglob("*.md5"):
                checksum.unlink()
    # MyST-NB's default: <outdir>/../.jupyter_cache, unless nb_execution_cache_path is set.
    jupyter_cache = Path(config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")
    if _stale(jupyter_cache, digest):
        shutil.rmtree(jupyter_cache)
        _stale(jupyter_cache, digest)
    if _stale(app.doctreedir, digest):
        Path(app.doctreedir, "environment.pickle").unlink(missing_ok=True)


def setup(app):
    # Priority 100 runs before extensions that act on config-inited (default 500).
    app.connect("config-inited", _invalidate, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
