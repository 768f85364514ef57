"""The book's extensions (book/_ext) and the private names they borrow from other packages.

Each extension declares, in ``PRIVATE_NAMES`` at its top, the undocumented names
of other packages it relies on, grouped under the locked version it was written
for (``{"sphinx==9.0.4": ("sphinx.environment.CONFIG_OK", ...)}``). An upgrade
that moves one of them fails here, naming the extension, instead of somewhere
deep in a build; an upgrade in requirements.lock fails here too until someone
has checked the extension against the new version and updated its list.
"""

import importlib
import inspect
import re
import sys
import warnings
from importlib.metadata import version
from pathlib import Path

import pytest

from lockfile import canonical, locked_versions

ROOT = Path(__file__).resolve().parents[1]
EXTENSIONS = sorted(p.stem for p in (ROOT / "book" / "_ext").glob("*.py"))
sys.path.insert(0, str(ROOT / "book" / "_ext"))


def _assigned_on_instances(cls, name):
    """True when a class in ``cls``'s MRO assigns ``self.<name>`` (an instance attribute)."""
    assignment = re.compile(rf"\bself\.{re.escape(name)}\s*(?::[^=\n]+)?=(?!=)")
    for klass in inspect.getmro(cls):
        try:
            if assignment.search(inspect.getsource(klass)):
                return True
        except (OSError, TypeError):  # built-in classes have no source
            continue
    return False


def resolves(dotted):
    """True when ``dotted`` (``package.module.Class.attribute``) names something that exists:
    a module, an attribute of one, or an attribute that a class sets on its instances."""
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            # jieba 0.42.1's sources warn of invalid escapes when first compiled
            # (DeprecationWarning on Python 3.11, SyntaxWarning from 3.12)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                warnings.simplefilter("ignore", SyntaxWarning)
                obj = importlib.import_module(".".join(parts[:split]))
            break
        except ImportError:
            continue
    else:
        return False
    rest = parts[split:]
    for i, name in enumerate(rest):
        if hasattr(obj, name):
            obj = getattr(obj, name)
        else:
            return i == len(rest) - 1 and inspect.isclass(obj) and _assigned_on_instances(obj, name)
    return True


def test_resolves_names_and_only_real_ones():
    assert resolves("sphinx.environment.BuildEnvironment.toc_secnumbers")  # set in __init__
    assert resolves("sphinx.environment.collectors.toctree.TocTreeCollector.assign_section_numbers")
    assert not resolves("sphinx.environment.BuildEnvironment.no_such_attribute")
    assert not resolves("sphinx.no_such_module.name")
    assert locked_versions()["sphinx"] == version("sphinx")


@pytest.mark.parametrize("extension", EXTENSIONS)
def test_private_names_exist_in_the_locked_versions(extension):
    module = importlib.import_module(extension)
    declared = getattr(module, "PRIVATE_NAMES", None)
    assert isinstance(declared, dict), f"book/_ext/{extension}.py must declare PRIVATE_NAMES (maybe empty)"
    locked, problems = locked_versions(), []
    for pin, names in declared.items():
        distribution, written_for = pin.split("==")
        in_lock = locked.get(canonical(distribution))
        if in_lock != written_for:
            problems.append(f"it was written for {pin}, requirements.lock has {in_lock}: check that "
                            f"{', '.join(names)} still do what it expects, then update its PRIVATE_NAMES")
        gone = [name for name in names if not resolves(name)]
        if gone:
            problems.append(f"{distribution} {version(distribution)} no longer has {', '.join(gone)}")
    assert not problems, f"book/_ext/{extension}.py: " + "; ".join(problems)
