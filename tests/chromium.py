"""The Chromium that the browser tests drive: found, or else provided.

``find()`` looks, in this order, at

1. ``$CHROMIUM`` (when set, it must name an executable: a wrong path is an error),
2. ``/usr/bin/chromium`` (Debian's package),
3. ``chromium`` or ``chromium-browser`` on ``PATH``,
4. the Chromium that Playwright manages (``playwright install chromium``).

``make test`` runs this file first (``python tests/chromium.py``). When nothing
is found it installs a browser: as root on Debian or Ubuntu, Debian's ``chromium``
with apt-get; otherwise Playwright's own. If that fails too, it stops with one
message saying what to install. The browser tests call ``find()`` again, so they
drive the browser that was found here.

The Chinese edition needs a font with Chinese glyphs, or the browser draws boxes
(tofu) and the pages cannot be looked at: ``provide_cjk_font()`` finds one with
fontconfig, or installs Debian's ``fonts-noto-cjk`` the same way, or says what to
install (a warning: the tests themselves read text, not glyphs).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

DEBIAN_CHROMIUM = "/usr/bin/chromium"
ON_PATH = ("chromium", "chromium-browser")
WHAT_TO_INSTALL = """\
No Chromium was found, and none could be installed.
Install one, then run `make test` again:
  - on Debian or Ubuntu, as root: apt-get install chromium
  - anywhere else: .venv/bin/python -m playwright install --with-deps chromium
  - or point CHROMIUM at a Chromium you have: make test CHROMIUM=/path/to/chromium"""


class NoChromium(RuntimeError):
    pass


def _executable(path):
    return bool(path) and os.path.isfile(path) and os.access(path, os.X_OK)


def playwright_chromium():
    """The path of Playwright's managed Chromium when it is installed, else None."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with sync_playwright() as pw:
        path = pw.chromium.executable_path
    return path if _executable(path) else None


def find(environ=os.environ, debian_chromium=DEBIAN_CHROMIUM, managed=playwright_chromium):
    """The path of the first Chromium found (see the module's docstring), or None."""
    chosen = environ.get("CHROMIUM")
    if chosen:
        if not _executable(chosen):
            raise NoChromium(f"CHROMIUM={chosen} is not an executable file")
        return chosen
    if _executable(debian_chromium):
        return debian_chromium
    for name in ON_PATH:
        path = shutil.which(name, path=environ.get("PATH", os.defpath))
        if path:
            return path
    return managed()


def _can_use_apt():
    return os.geteuid() == 0 and Path("/etc/debian_version").is_file() and bool(shutil.which("apt-get"))


def _run(*command, **env):
    print("+", " ".join(command), flush=True)
    return subprocess.run(command, env={**os.environ, **env}).returncode == 0


def install():
    """Install a Chromium: Debian's as root on Debian or Ubuntu, else Playwright's."""
    if _can_use_apt():
        if (_run("apt-get", "update", DEBIAN_FRONTEND="noninteractive")
                and _run("apt-get", "install", "-y", "--no-install-recommends", "chromium",
                         DEBIAN_FRONTEND="noninteractive")):
            return
    _run(sys.executable, "-m", "playwright", "install", "chromium")


def has_cjk_font():
    """Whether fontconfig knows a font for simplified Chinese."""
    if not shutil.which("fc-list"):
        return False
    listed = subprocess.run(["fc-list", ":lang=zh-cn", "family"], capture_output=True, text=True)
    return bool(listed.stdout.strip())


def provide_cjk_font():
    """A Chinese font for the browser: found, or installed with apt-get; a warning if neither."""
    if has_cjk_font():
        return True
    if _can_use_apt():
        print("No Chinese font found: installing fonts-noto-cjk.", flush=True)
        _run("apt-get", "install", "-y", "--no-install-recommends", "fonts-noto-cjk",
             DEBIAN_FRONTEND="noninteractive") or (
            _run("apt-get", "update", DEBIAN_FRONTEND="noninteractive")
            and _run("apt-get", "install", "-y", "--no-install-recommends", "fonts-noto-cjk",
                     DEBIAN_FRONTEND="noninteractive"))
    if has_cjk_font():
        return True
    print("Warning: no Chinese font: the Chinese pages will show boxes in screenshots. "
          "Install one (Debian/Ubuntu: apt-get install fonts-noto-cjk).", file=sys.stderr)
    return False


def provide():
    """The path of a Chromium, installed first when none is found."""
    path = find()
    if path is None:
        print("No Chromium found: installing one.", flush=True)
        install()
        path = find()
    if path is None:
        raise NoChromium(WHAT_TO_INSTALL)
    return path


if __name__ == "__main__":
    try:
        print(f"Browser for the tests: {provide()}")
        provide_cjk_font()
    except NoChromium as error:
        sys.exit(str(error))
