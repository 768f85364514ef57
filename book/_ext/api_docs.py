"""Small fixes for the API reference.

1. An instance such as ``gdlib.functions.xcos`` has no docstring of its own;
   autodoc would repeat its class's. Its page says instead what it is an instance
   of, with the class's summary line and a link.

2. References in inherited docstrings. With ``:inherited-members:``, a docstring written in a base class (say
``Objective.grid``, which mentions :attr:`box`) is also rendered on each
subclass's page, where Sphinx looks the name up in the subclass and fails.
When that happens this handler retries in each base class, in method
resolution order, under the public modules that may document it.
"""

import importlib
import inspect

# Only documented names of other packages are used here (tests/test_private_names.py).
PRIVATE_NAMES = {}


def _import(modname, qualname):
    obj = importlib.import_module(modname)
    for part in qualname.split("."):
        obj = getattr(obj, part)
    return obj


def _modules(modname, base):
    """Where ``base`` may be documented: the referring module, then its own and its parents."""
    parts = base.__module__.split(".")
    return [modname] + [".".join(parts[:i]) for i in range(len(parts), 0, -1)]


def resolve_in_bases(app, env, node, contnode):
    if node.get("refdomain") != "py" or node.get("reftype") not in ("attr", "meth"):
        return None
    modname, clsname = node.get("py:module"), node.get("py:class")
    try:
        cls = _import(modname, clsname)
    except (ImportError, AttributeError, TypeError, ValueError):
        return None
    if not inspect.isclass(cls):
        return None
    domain = env.get_domain("py")
    for base in inspect.getmro(cls)[1:-1]:  # skip the class itself and object
        for module in _modules(modname, base):
            retry = node.deepcopy()
            retry["py:module"], retry["py:class"] = module, base.__qualname__
            ref = domain.resolve_xref(
                env, node["refdoc"], app.builder, node["reftype"], node["reftarget"], retry, contnode
            )
            if ref is not None:
                return ref
    return None


def describe_instance(app, what, name, obj, options, lines):
    """Docstring of a module-level instance: "An instance of :class:`Cls`: summary"."""
    cls = type(obj)
    if what != "data" or not cls.__module__.startswith("gdlib") or inspect.getdoc(obj) != inspect.getdoc(cls):
        return
    summary = (inspect.getdoc(cls) or "").split("\n\n")[0].replace("\n", " ")
    module = name.rsplit(".", 1)[0]
    lines[:] = [f"An instance of :class:`{module}.{cls.__name__}`: {summary}", ""]


def skip_tuple_fields_and_builtins(app, what, name, obj, skip, options):
    if (getattr(obj, "__doc__", None) or "").startswith("Alias for field number"):
        return True
    if getattr(getattr(obj, "__objclass__", None), "__module__", None) == "builtins":
        return True
    return None


def setup(app):
    app.connect("autodoc-process-docstring", describe_instance)
    app.connect("autodoc-skip-member", skip_tuple_fields_and_builtins)
    app.connect("missing-reference", resolve_in_bases)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
