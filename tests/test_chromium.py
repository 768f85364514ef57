"""tests/chromium.py: where the browser tests' Chromium is looked for, in which order,
and what happens when there is none. Fake executables stand in for real browsers."""

import os
import sys

import pytest

import chromium


def _fake(folder, name):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return str(path)


def _find(tmp_path, environ, debian=False, managed=None):
    debian_path = _fake(tmp_path, "usr/bin/chromium") if debian else str(tmp_path / "none")
    return chromium.find(environ, debian_chromium=debian_path, managed=lambda: managed)


def test_chromium_variable_comes_first(tmp_path):
    chosen = _fake(tmp_path, "mine/chrome")
    path_dir = tmp_path / "bin"
    _fake(path_dir, "chromium")
    environ = {"CHROMIUM": chosen, "PATH": str(path_dir)}
    assert _find(tmp_path, environ, debian=True, managed="/managed") == chosen


def test_a_wrong_chromium_variable_is_an_error_not_skipped(tmp_path):
    with pytest.raises(chromium.NoChromium, match="CHROMIUM=/no/such/chromium"):
        _find(tmp_path, {"CHROMIUM": "/no/such/chromium"}, debian=True)


def test_then_debians_then_path_then_playwrights(tmp_path):
    path_dir = tmp_path / "bin"
    on_path = _fake(path_dir, "chromium-browser")
    environ = {"PATH": str(path_dir)}
    assert _find(tmp_path, environ, debian=True).endswith("usr/bin/chromium")
    assert _find(tmp_path, environ) == on_path
    assert _find(tmp_path, {"PATH": str(tmp_path / "empty")}, managed="/managed") == "/managed"
    assert _find(tmp_path, {"PATH": str(tmp_path / "empty")}) is None


def test_a_file_that_cannot_run_is_no_browser(tmp_path):
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "chromium").write_text("not executable")
    assert _find(tmp_path, {"PATH": str(tmp_path / "bin")}) is None


def test_none_found_and_none_installed_stops_with_what_to_install(monkeypatch):
    installs = []
    monkeypatch.setattr(chromium, "find", lambda: None)
    monkeypatch.setattr(chromium, "install", lambda: installs.append(1))
    with pytest.raises(chromium.NoChromium) as error:
        chromium.provide()
    assert installs == [1]  # it tried once
    assert "apt-get install chromium" in str(error.value) and "playwright install" in str(error.value)


def test_installs_only_when_none_is_found(monkeypatch):
    found = iter([None, "/installed/chromium"])
    monkeypatch.setattr(chromium, "find", lambda: next(found))
    monkeypatch.setattr(chromium, "install", lambda: None)
    assert chromium.provide() == "/installed/chromium"
    monkeypatch.setattr(chromium, "find", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(chromium, "install", lambda: pytest.fail("installed although one was found"))
    assert chromium.provide() == "/usr/bin/chromium"


def test_the_browser_tests_drive_an_executable_chromium():
    """What ``make test`` provided, before the browser tests start."""
    path = chromium.find()
    assert path is not None and os.access(path, os.X_OK), chromium.WHAT_TO_INSTALL


@pytest.mark.parametrize("apt, apt_works, expected", [
    (True, True, ["apt-get update", "apt-get install -y --no-install-recommends chromium"]),
    (True, False, ["apt-get update", "-m playwright install chromium"]),
    (False, None, ["-m playwright install chromium"]),
], ids=["root on Debian", "apt fails", "not root or not Debian"])
def test_install_prefers_debians_package_as_root(monkeypatch, apt, apt_works, expected):
    commands = []

    def run(*command, **env):
        commands.append(" ".join(command))
        return apt_works if command[0] == "apt-get" else True

    monkeypatch.setattr(chromium, "_can_use_apt", lambda: apt)
    monkeypatch.setattr(chromium, "_run", run)
    chromium.install()
    assert [c.removeprefix(f"{sys.executable} ") for c in commands] == expected
