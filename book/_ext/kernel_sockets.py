"""Notebook kernels talk over Unix sockets in a folder of their own, never over TCP.

jupyter_client picks a kernel's five TCP ports by binding port 0 and letting go;
the kernel binds them a moment later. ``sphinx-build -j`` executes several
notebooks at once, and two kernels started together can be handed the same port:
one of them dies, and the build with it. This is a known race between processes
(ipykernel PR 412, papermill issue 511); no retry covers ports fixed in a
connection file. Socket files in a fresh private folder cannot collide, and no
kernel listens on the network at all.

MyST-NB creates its kernels through jupyter-cache's ``single_nb_execution``,
which passes extra keywords to nbclient's ``NotebookClient``; this extension
hands it the kernel manager below. If an upgrade of MyST-NB moves that function,
the build stops here instead of quietly going back to TCP.
"""

import functools
import os
import shutil
import tempfile

import myst_nb.core.execute.cache as mystnb_cache
from jupyter_client import AsyncKernelManager
from traitlets import default

# Undocumented names of other packages used here, for the locked versions named
# (tests/test_private_names.py checks them; docs/upstream/README.md names the issue
# that would retire each).
PRIVATE_NAMES = {
    "myst-nb==1.4.0": ("myst_nb.core.execute.cache.single_nb_execution",),
    "jupyter-client==8.10.0": ("jupyter_client.AsyncKernelManager.cleanup_ipc_files",),
}
# (``kernel_manager_class`` is a documented, configurable option of nbclient's
# NotebookClient; the manager's ``transport`` and ``ip`` are its documented traits,
# whose defaults traitlets' public ``@default`` replaces.)


class SocketKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel listens on Unix sockets in a new temporary folder."""

    @default("transport")
    def _transport_default(self):
        return "ipc" if os.name == "posix" else "tcp"  # ZeroMQ has no ipc on Windows

    @default("ip")
    def _socket_path_default(self):
        if self.transport != "ipc":
            return "127.0.0.1"  # the loopback interface, jupyter_client's own default
        # A Unix socket's path must stay under about 100 bytes: avoid a long TMPDIR.
        parent = "/tmp" if len(tempfile.gettempdir()) > 60 and os.path.isdir("/tmp") else None
        # An absolute path: the kernel runs in the notebook's folder, the client here.
        return os.path.join(tempfile.mkdtemp(prefix="gdbook-kernel-", dir=parent), "socket")

    def cleanup_ipc_files(self):
        """Remove the socket files and their folder (nbclient never restarts a kernel)."""
        super().cleanup_ipc_files()
        if self.transport == "ipc":
            shutil.rmtree(os.path.dirname(self.ip), ignore_errors=True)


def setup(app):
    execute = getattr(mystnb_cache, "single_nb_execution", None)
    if execute is None:
        raise RuntimeError("kernel_sockets: myst_nb.core.execute.cache.single_nb_execution "
                           "is gone; update book/_ext/kernel_sockets.py for this MyST-NB")
    if not isinstance(execute, functools.partial):  # conf.py may be read twice in one process
        mystnb_cache.single_nb_execution = functools.partial(
            execute, kernel_manager_class=SocketKernelManager)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
