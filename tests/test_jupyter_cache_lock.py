"""Chapters executed in parallel keep their runs in the jupyter cache (jupyter_cache_lock.py).

jupyter-cache trims the cache after storing a run, in two queries (the runs to keep,
then the others); a run that another build process stores between the two is deleted
as one of "the others", and its chapter's page has no outputs. Here the window between
the two queries is widened to a second, deterministically: the first process pauses
after its first query until the second process has tried to store its run.
"""

import multiprocessing
import sys
import time
from pathlib import Path

import nbformat
import pytest
from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from sqlalchemy.orm import Query

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "_ext"))
import jupyter_cache_lock  # noqa: E402

FORK = multiprocessing.get_context("fork")


def _notebook(code):
    notebook = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}})
    notebook.cells = [nbformat.v4.new_code_cell(code)]
    return notebook


def _store(cache_path, code):
    get_cache(cache_path).cache_notebook_bundle(
        CacheBundleIn(_notebook(code), f"/book/{code}.md"), check_validity=False, overwrite=True)


def _store_slowly(cache_path, code, first_query_done):
    """Store a run; the trimming's first query is followed by a one-second pause."""
    original = Query.all

    def all_then_pause(self):
        rows = original(self)
        if not first_query_done.is_set():
            first_query_done.set()
            time.sleep(1.0)
        return rows

    Query.all = all_then_pause
    _store(cache_path, code)


def _two_processes_store(cache_path):
    """Two processes store a run each, the second inside the first's trimming window;
    return the chapters whose runs are in the cache afterwards."""
    _store(cache_path, "x = 0")  # a cache with one run already
    first_query_done = FORK.Event()
    slow = FORK.Process(target=_store_slowly, args=(cache_path, "x = 1", first_query_done))
    slow.start()
    assert first_query_done.wait(30)
    fast = FORK.Process(target=_store, args=(cache_path, "x = 2"))
    fast.start()
    for process in (slow, fast):
        process.join(60)
        assert process.exitcode == 0
    return sorted(record.uri for record in get_cache(cache_path).list_cache_records())


@pytest.fixture
def cache_path(tmp_path):
    return str(tmp_path / ".jupyter_cache")


def test_unlocked_jupyter_cache_loses_a_run_stored_in_parallel(cache_path, monkeypatch):
    """The control: without the lock, the race is real (if an upgrade of jupyter-cache makes
    this fail, the race is fixed upstream and jupyter_cache_lock.py can go)."""
    monkeypatch.setattr(jupyter_cache_lock.JupyterCacheBase, "cache_notebook_bundle",
                        jupyter_cache_lock.UNLOCKED)
    assert _two_processes_store(cache_path) == ["/book/x = 0.md", "/book/x = 1.md"]


def test_locked_jupyter_cache_keeps_every_run(cache_path, monkeypatch):
    monkeypatch.setattr(jupyter_cache_lock.JupyterCacheBase, "cache_notebook_bundle", jupyter_cache_lock.UNLOCKED)
    jupyter_cache_lock.setup(None)  # what Sphinx does when it loads the extension
    assert jupyter_cache_lock.JupyterCacheBase.cache_notebook_bundle is jupyter_cache_lock.locked_store
    assert _two_processes_store(cache_path) == ["/book/x = 0.md", "/book/x = 1.md", "/book/x = 2.md"]


def test_importing_the_extension_changes_nothing():
    """Only Sphinx's loading of the extension wraps jupyter-cache: a script or test that
    imports the module gets jupyter-cache as it is."""
    import subprocess

    code = ("import sys; sys.path.insert(0, sys.argv[1]); import jupyter_cache_lock as j; "
            "print(j.JupyterCacheBase.cache_notebook_bundle is j.UNLOCKED)")
    out = subprocess.run([sys.executable, "-c", code, str(Path(jupyter_cache_lock.__file__).parent)],
                         capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True"
