"""The build's processes store chapter runs in the jupyter cache one at a time.

With ``sphinx-build -j`` several processes read chapters, and MyST-NB executes a
chapter and stores its run in the jupyter cache from whichever process reads it.
jupyter-cache 1.0.1 trims the cache to its size limit after storing a run, in two
queries: the runs to keep (the most recently used), then every run not among them,
which it deletes. A run stored by another process between the two queries is in the
second list but not the first, so it is deleted. Its chapter's page then has no
outputs, and chapter_notebooks.py stops the build ("no run of part3/newton in the
jupyter cache"): a clean build of this book failed so. The cache's limit is never
reached here; the deletion is the race alone.

Here ``cache_notebook_bundle`` (the store and the trim) holds an exclusive lock on a
file in the cache folder, so one process at a time stores and trims: ``fcntl.flock``
on POSIX systems, ``msvcrt.locking`` on Windows. The method is wrapped when Sphinx
loads the extension (``setup``), not when the module is imported.
tests/test_jupyter_cache_lock.py reproduces the race, with and without the lock.
"""

import functools
from pathlib import Path

from jupyter_cache.cache.main import JupyterCacheBase

# Undocumented names of other packages used here, for the locked versions named
# (tests/test_private_names.py checks them; docs/upstream/README.md names the issue
# that would retire each):
# the store-and-trim method wrapped, and the
# cache's folder on its instances.
PRIVATE_NAMES = {
    "jupyter-cache==1.0.1": ("jupyter_cache.cache.main.JupyterCacheBase.cache_notebook_bundle",
                             "jupyter_cache.cache.main.JupyterCacheBase.path"),
}
LOCK_FILE = "store.lock"
UNLOCKED = JupyterCacheBase.cache_notebook_bundle

try:
    import fcntl

    def _lock(file):
        fcntl.flock(file, fcntl.LOCK_EX)

    def _unlock(file):
        fcntl.flock(file, fcntl.LOCK_UN)
except ImportError:  # Windows: the first byte of the lock file, waited for
    import msvcrt

    def _lock(file):
        file.seek(0)
        msvcrt.locking(file.fileno(), msvcrt.LK_LOCK, 1)

    def _unlock(file):
        file.seek(0)
        msvcrt.locking(file.fileno(), msvcrt.LK_UNLCK, 1)


@functools.wraps(UNLOCKED)
def locked_store(self, *args, **kwargs):
    """``cache_notebook_bundle`` with the cache folder's lock held."""
    folder = Path(self.path)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_FILE, "a+") as lock:
        _lock(lock)
        try:
            return UNLOCKED(self, *args, **kwargs)
        finally:
            _unlock(lock)


def setup(app):
    JupyterCacheBase.cache_notebook_bundle = locked_store
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
