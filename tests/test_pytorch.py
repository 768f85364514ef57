"""gdlib against ``torch.optim``, the implementation most readers will compare with.

The docstrings say how each gdlib optimizer maps onto PyTorch's parameterisation
(momentum's velocity, eps inside or outside the root, RMSProp's ``alpha``, AdamW's
decay). Both libraries run the same problems in float64 and the claims are
checked step by step: the same iterates where the docstring says "the same", a
difference where it says they differ.

PyTorch's side is recorded in ``reference/torch_reference.json`` (written by
``reference/make_torch_reference.py``, which also defines the cases), so these
tests need no PyTorch. When PyTorch is installed (the ``torch`` extra), each test
runs a second time against PyTorch itself.
"""

import json
from pathlib import Path

import numpy as np
import pytest

import gdlib
from reference import make_torch_reference

RECORD = json.loads((Path(__file__).parent / "reference" / "torch_reference.json").read_text())
CASES = {case["name"]: case for case in RECORD["cases"]}
ITERATES = [name for name, case in CASES.items() if case["kind"] == "iterates"]
RATES = [name for name, case in CASES.items() if case["kind"] == "rates"]
# PyTorch's record always; PyTorch itself as well when it is installed (the torch extra),
# rather than a live half that skips in the locked environment.
try:
    import torch  # noqa: F401

    SOURCES = ["recorded", "live"]
except ImportError:
    SOURCES = ["recorded"]


def theirs(case, source):
    """PyTorch's iterates or rates for ``case``: from the record, or computed now."""
    if source == "recorded":
        return np.array(case["result"])
    return make_torch_reference.run_torch(case)  # "live" is a source only when torch imports


def schedule(case):
    spec = case["schedule"]["gdlib"]
    return getattr(gdlib.schedules, spec["name"])(**spec["kwargs"])


def ours(case, steps=None):
    """gdlib's iterates for an "iterates" case (its schedule, if any, as the rate; its
    clipping, if any, wrapped around the optimizer)."""
    spec = case["gdlib"]
    kwargs = {**spec["kwargs"], **({"lr": schedule(case)} if "schedule" in case else {})}
    optimizer = getattr(gdlib, spec["optimizer"])(**kwargs)
    if "clip" in case:
        optimizer = getattr(gdlib, case["clip"]["gdlib"]["name"])(optimizer, **case["clip"]["gdlib"]["kwargs"])
    objective = getattr(gdlib.functions, case["objective"])
    return gdlib.run(optimizer, objective.grad, np.array(case["x0"]), steps or case["steps"]).xs


def test_the_record_holds_the_cases_defined_now():
    """A case added or changed in make_torch_reference.py must be recorded again."""
    defined = json.loads(json.dumps(make_torch_reference.CASES))
    recorded = [{k: v for k, v in case.items() if k != "result"} for case in RECORD["cases"]]
    assert recorded == defined, "run: python tests/reference/make_torch_reference.py (needs PyTorch)"
    assert RECORD["dtype"] == "float64" and RECORD["torch_version"]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("name", ITERATES)
def test_same_iterates_as_pytorch(name, source):
    """The same iterates for ``agree`` steps (all of them, when None), and different ones after."""
    case = CASES[name]
    xs, torch_xs = ours(case), theirs(case, source)
    assert xs.shape == torch_xs.shape == (case["steps"] + 1, len(case["x0"]))
    assert np.abs(xs[-1] - xs[0]).max() > 0.05  # the runs go somewhere
    agree = case["agree"] if case["agree"] is not None else case["steps"]
    np.testing.assert_allclose(xs[:agree + 1], torch_xs[:agree + 1], rtol=1e-10, atol=1e-12)
    if agree < case["steps"]:
        assert np.abs(xs[agree + 1] - torch_xs[agree + 1]).max() > 1e-8


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("name, first_s", [
    ("AdaGrad, eps outside the root", lambda g: g**2),
    ("RMSProp, eps outside the root", lambda g: 0.1 * g**2),
], ids=["AdaGrad", "RMSProp"])
def test_eps_inside_the_root_is_not_pytorchs_eps(name, first_s, source):
    """The docstrings warn that PyTorch adds eps outside the root. The first step, by hand:
    gdlib's is eta g / sqrt(s_1 + eps), PyTorch's eta g / (sqrt(s_1) + eps)."""
    case = CASES[name]
    x0, lr, eps = np.array(case["x0"]), case["gdlib"]["kwargs"]["lr"], case["gdlib"]["kwargs"]["eps"]
    g = getattr(gdlib.functions, case["objective"]).grad(x0)
    ours_x1 = ours(case, steps=1)[1]
    np.testing.assert_allclose(ours_x1, x0 - lr * g / np.sqrt(first_s(g) + eps), rtol=1e-14)
    # and the two differ there by what the place of eps makes
    their_x1 = theirs(case, source)[1]
    np.testing.assert_allclose(ours_x1 - their_x1, lr * g / (np.sqrt(first_s(g)) + eps)
                               - lr * g / np.sqrt(first_s(g) + eps), rtol=1e-6, atol=1e-15)
    assert np.abs(ours_x1 - their_x1).max() > 0


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("name", RATES)
def test_schedules_match_pytorchs_schedulers(name, source):
    """Step t of gdlib (t = 1, 2, ...) uses the rate PyTorch's scheduler gives its
    optimizer before the t-th ``optimizer.step()``, when ``scheduler.step()`` follows each."""
    case = CASES[name]
    rates = theirs(case, source)
    assert len(rates) == case["steps"] and len(set(rates)) > 2  # the rate changes
    np.testing.assert_allclose(schedule(case)(np.arange(1, case["steps"] + 1)), rates, rtol=1e-12)


@pytest.mark.parametrize("source", SOURCES)
def test_momentum_with_a_schedule_differs_from_pytorch_as_documented(source):
    """Momentum's docstring: with a constant rate gdlib's v = eta b, and the two agree; with
    a schedule they part at the first change of the rate, because gdlib scales each gradient
    by the rate of its own step while PyTorch scales the whole velocity by the current rate."""
    case = CASES["Momentum, StepDecay"]
    steps, rates = case["steps"], schedule(case)(np.arange(1, case["steps"] + 1))
    change = int(np.argmax(rates != rates[0]))  # steps 1 .. change use the first rate
    assert 0 < change < steps - 1
    ours_xs, their_xs = ours(case, steps=steps), theirs(case, source)
    np.testing.assert_allclose(ours_xs[: change + 1], their_xs[: change + 1], rtol=1e-12, atol=1e-15)
    assert np.abs(ours_xs[change + 1] - their_xs[change + 1]).max() > 1e-6
