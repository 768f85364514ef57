"""The environment the book is built in: locked, and the same for make, the tests and Read the Docs."""

import os
import re
import shlex
import tomllib
from importlib.metadata import PackageNotFoundError, distribution

import yaml
from packaging.requirements import Requirement

from book_build import ROOT, SPHINX_FLAGS
from lockfile import canonical, locked_versions


def _closure(requirement, extras=(), found=None, visited=None):
    """``{name: installed version}`` of a distribution and of everything it requires, with ``extras``."""
    found, visited = ({}, set()) if found is None else (found, visited)
    dist = distribution(requirement)
    name = canonical(dist.metadata["Name"])
    if (name, extras) in visited:
        return found
    visited.add((name, extras))
    found[name] = dist.version
    for line in dist.requires or []:
        req = Requirement(line)
        wanted = [{"extra": e} for e in extras] or [{"extra": ""}]
        if req.marker is None or any(req.marker.evaluate(env) for env in wanted):
            try:
                _closure(req.name, tuple(sorted(req.extras)), found, visited)
            except PackageNotFoundError:
                raise AssertionError(f"{req} (needed by {name}) is not installed") from None
    return found


def _project_requirements(extra):
    """The requirements of this project's ``extra`` in pyproject.toml, its own extras unfolded."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = [Requirement(r) for r in project["dependencies"]]
    for line in project["optional-dependencies"][extra]:
        req = Requirement(line)
        if canonical(req.name) == canonical(project["name"]):
            requirements += [r for e in sorted(req.extras) for r in _project_requirements(e)]
        else:
            requirements.append(req)
    return requirements


def test_everything_the_test_extra_installs_is_locked_at_the_installed_version():
    installed, visited = {}, set()
    for req in _project_requirements("test"):
        _closure(req.name, tuple(sorted(req.extras)), installed, visited)
    assert {"sphinx", "pytest", "playwright", "axe-playwright-python"} <= installed.keys()
    locked = locked_versions()
    assert "setuptools" in locked  # the build backend, for --no-build-isolation
    assert {name: v for name, v in installed.items() if locked.get(name) != v} == {}


def test_the_makefile_and_read_the_docs_build_as_the_tests_do():
    """One set of flags everywhere; the site in .../html, the doctrees beside it. The
    number of processes is two per core in make and in the tests; Read the Docs, on
    machines of its own, takes Sphinx's "auto"."""
    makefile = (ROOT / "Makefile").read_text()
    processes = SPHINX_FLAGS[SPHINX_FLAGS.index("-j") + 1]
    assert processes == str(2 * (os.cpu_count() or 1))
    assert re.search(r'^JOBS +\?= \$\(shell \$\(PYTHON3\) -c "(.*)"\)$', makefile, re.MULTILINE).group(1) == \
        "import os; print(2 * (os.cpu_count() or 1))"
    flags = re.search(r"^SPHINXOPTS \?= (.*)$", makefile, re.MULTILINE).group(1).replace("$(JOBS)", processes)
    assert flags.split() == SPHINX_FLAGS
    assert "-c . -d $(BUILDDIR)/doctrees book $(BUILDDIR)/html" in makefile
    jobs = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text())["build"]["jobs"]
    assert [shlex.split(c)[4:] for c in jobs["install"]] == [
        ["--require-hashes", "--no-deps", "-r", "requirements.lock"],
        ["--no-deps", "--no-build-isolation", "-e", "."]]
    (command,) = jobs["build"]["html"]
    rtd_flags = ["auto" if i == SPHINX_FLAGS.index("-j") + 1 else flag for i, flag in enumerate(SPHINX_FLAGS)]
    assert shlex.split(command) == ["python", "-m", "sphinx", *rtd_flags, "-c", ".", "-d", "_build/doctrees",
                                    "book", "$READTHEDOCS_OUTPUT/html"]
