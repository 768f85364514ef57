"""The book's extensions (book/_ext) and the private names they borrow from other packages.

Each extension declares, in ``PRIVATE_NAMES`` at its top, the undocumented names
of other packages it relies on, grouped under the locked version it was written
for (``{"sphinx==9.0.4": ("sphinx.environment.CONFIG_OK", ...)}``). An upgrade
that moves one of them fails here, naming the extension, instead of somewhere
deep in a build; an upgrade in requirements.lock fails here too until someone
has checked the extension against the new version and updated its list.

A use that is not declared fails too, where the syntax shows it: an underscore name
imported from another package, read as an attribute of something the extension did
not define itself, called through ``super()``, or named in a string to ``getattr``,
``setattr``, ``hasattr`` or ``mock.patch.object``. (Public-looking names that are
undocumented, such as a template context key, cannot be seen this way; they are
declared by hand.)
"""

import ast
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


def _private(name):
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_uses(path):
    """``{private name: line}`` of every underscore name of another package that the module
    at ``path`` uses, as far as its syntax shows (see the module's docstring)."""
    tree = ast.parse(Path(path).read_text())
    own = set()  # what the module defines itself: functions, classes, names, attributes
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            own.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                own |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
                own |= {n.attr for n in ast.walk(target) if isinstance(n, ast.Attribute)}
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module.split(".")[0] not in EXTENSIONS:
            names = node.module.split(".") + [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [part for alias in node.names for part in alias.name.split(".")]
        elif isinstance(node, ast.Attribute):
            through_super = isinstance(node.value, ast.Call) and getattr(node.value.func, "id", "") == "super"
            names = [node.attr] if node.attr not in own or through_super else []
        elif isinstance(node, ast.Call) and (getattr(node.func, "id", None) in {"getattr", "setattr", "hasattr"}
                                             or getattr(node.func, "attr", None) == "object"):
            names = [a.value for a in node.args[1:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        else:
            continue
        found.update({name: node.lineno for name in names if _private(name)})
    return found


def declared_private_parts(declared):
    """The underscore parts of the dotted names an extension declares."""
    return {part for names in declared.values() for name in names for part in name.split(".") if _private(part)}


@pytest.mark.parametrize("extension", EXTENSIONS)
def test_every_private_use_is_declared(extension):
    module = importlib.import_module(extension)
    undeclared = {name: line for name, line in private_uses(module.__file__).items()
                  if name not in declared_private_parts(module.PRIVATE_NAMES)}
    assert undeclared == {}, (f"book/_ext/{extension}.py uses private names it does not declare in "
                              f"PRIVATE_NAMES (name: line): {undeclared}")


def test_the_scan_finds_private_uses_it_was_not_told_of(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text(
        "from unittest import mock\n"
        "from matplotlib.lines import _mark_every_path, Line2D\n"
        "import sphinx_gallery.scrapers as scrapers\n"
        "from jupyter_client import AsyncKernelManager\n\n"
        "PRIVATE_NAMES = {}\n\n\n"
        "class Manager(AsyncKernelManager):\n"
        "    def _ip_default(self):\n"
        "        self._mine = 1\n"
        "        return super()._ip_default() + self._mine\n\n\n"
        "def hook(line, anim):\n"
        "    line._get_transformed_path()\n"
        "    mock.patch.object(scrapers, '_anim_rst', None)\n"
        "    return getattr(anim, '_fig'), _helper()\n\n\n"
        "def _helper():\n"
        "    return 1\n")
    assert set(private_uses(planted)) == {"_mark_every_path", "_ip_default", "_get_transformed_path",
                                          "_anim_rst", "_fig"}
    assert declared_private_parts({"matplotlib==3.11.2": ("matplotlib.lines._mark_every_path",
                                                          "docutils.writers._html_base.X.y")}) == {
        "_mark_every_path", "_html_base"}


# The count of declared private names, all extensions together. It may only fall: an
# extension that needs a new one removes another, or raises this with the reason in
# the same commit. Issue 19 brought it from 42 to 20.
PRIVATE_NAMES_AT_MOST = 20


def test_private_names_do_not_grow():
    counts = {ext: sum(len(names) for names in importlib.import_module(ext).PRIVATE_NAMES.values())
              for ext in EXTENSIONS}
    total = sum(counts.values())
    report = ", ".join(f"{ext} {n}" for ext, n in sorted(counts.items(), key=lambda kv: -kv[1]) if n)
    assert total <= PRIVATE_NAMES_AT_MOST, f"{total} private names ({report}), over {PRIVATE_NAMES_AT_MOST}"
