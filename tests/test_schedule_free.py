"""Schedule-free SGD and AdamW: the steps by hand, the averages they keep, and the
``schedulefree`` package's own runs.

The package's side is recorded in ``reference/schedulefree_reference.json`` (written by
``reference/make_schedulefree_reference.py``, which also defines the cases), so these
tests need neither PyTorch nor the package; when both are installed each parity test
runs a second time against the package itself.
"""

import json
import warnings
from pathlib import Path

import numpy as np
import pytest

import gdlib
from gdlib.functions import quadratic, rosenbrock
from reference import make_schedulefree_reference

RECORD = json.loads((Path(__file__).parent / "reference" / "schedulefree_reference.json").read_text())
CASES = {case["name"]: case for case in RECORD["cases"]}
try:
    import schedulefree  # noqa: F401
    import torch  # noqa: F401

    SOURCES = ["recorded", "live"]
except ImportError:
    SOURCES = ["recorded"]


def by_hand(optimizer, grad, x0, steps):
    """Drive ``optimizer`` step by step: its iterates (the y's) and the states after each step."""
    x, state = np.array(x0, dtype=np.float64), optimizer.init(np.array(x0, dtype=np.float64))
    ys, states = [x], [state]
    for t in range(1, steps + 1):
        x, state = optimizer.update(x, grad(x), state, optimizer.lr_at(t))
        ys.append(x)
        states.append(state)
    return np.array(ys), states


# -- the package's runs --------------------------------------------------------------------


def test_the_record_holds_the_cases_defined_now():
    """A case added or changed in make_schedulefree_reference.py must be recorded again."""
    defined = json.loads(json.dumps(make_schedulefree_reference.CASES))
    recorded = [{k: v for k, v in case.items() if k != "result"} for case in RECORD["cases"]]
    assert recorded == defined, "run tests/reference/make_schedulefree_reference.py (its docstring says how)"
    assert RECORD["dtype"] == "float64" and RECORD["schedulefree_version"] and RECORD["torch_version"]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("name", list(CASES))
def test_same_points_as_the_schedulefree_package(name, source):
    """gdlib's iterates are the package's parameters in train() mode (y), ``state.x`` what
    eval() puts there (the average), ``state.z`` its ``state["z"]``: all to 1e-10 at every step."""
    case = CASES[name]
    theirs = ({k: np.array(v) for k, v in case["result"].items()} if source == "recorded"
              else make_schedulefree_reference.run_schedulefree(case))
    spec = case["gdlib"]
    optimizer = getattr(gdlib, spec["optimizer"])(**spec["kwargs"])
    objective = getattr(gdlib.functions, case["objective"])
    ys = gdlib.run(optimizer, objective.grad, case["x0"], case["steps"]).xs
    hand_ys, states = by_hand(optimizer, objective.grad, case["x0"], case["steps"])
    np.testing.assert_array_equal(hand_ys, ys)
    assert ys.shape == theirs["y"].shape == (case["steps"] + 1, len(case["x0"]))
    assert np.abs(ys[-1] - ys[0]).max() > 0.1  # the runs go somewhere
    np.testing.assert_allclose(ys, theirs["y"], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose([s.x for s in states], theirs["x"], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose([s.z for s in states], theirs["z"], rtol=1e-10, atol=1e-12)


def test_the_recorded_cases_cover_warm_up_weight_decay_and_both_problems():
    kwargs = [case["gdlib"]["kwargs"] for case in CASES.values()]
    for optimizer in ("ScheduleFreeSGD", "ScheduleFreeAdamW"):
        cases = [c for c in CASES.values() if c["gdlib"]["optimizer"] == optimizer]
        assert {c["objective"] for c in cases} == {"rosenbrock", "quadratic"}
        assert any(c["gdlib"]["kwargs"].get("warmup_steps") for c in cases)
        assert any(c["gdlib"]["kwargs"].get("weight_decay") for c in cases)
        assert any(not c["gdlib"]["kwargs"].get("warmup_steps") for c in cases)
    assert any(k.get("r") for k in kwargs) and any("weight_lr_power" in k for k in kwargs)


# -- the first steps by hand ---------------------------------------------------------------


def test_sgd_first_steps_by_hand_with_warm_up_and_weight_decay():
    """lr 0.5, warm-up 2, mu 0.1, beta 0.5 on f(x) = x^2 from 1 (gradient 2x)."""
    opt = gdlib.ScheduleFreeSGD(0.5, momentum=0.5, warmup_steps=2, weight_decay=0.1)
    ys, states = by_hand(opt, lambda x: 2 * x, 1.0, 2)
    # Step 1: rate 0.25, w_1 = 0.25^2, c_1 = 1; d = 2 + 0.1 = 2.1.
    z1 = 1 - 0.25 * 2.1
    assert states[1].z == pytest.approx(z1, abs=1e-15) and states[1].x == pytest.approx(z1, abs=1e-15)
    assert ys[1] == pytest.approx(z1, abs=1e-15)
    # Step 2: rate 0.5, w_2 = 0.5^2, c_2 = 0.25 / (0.0625 + 0.25) = 0.8; d = 2.1 y_1.
    z2 = z1 - 0.5 * 2.1 * z1
    x2 = 0.2 * z1 + 0.8 * z2
    assert states[2].z == pytest.approx(z2, abs=1e-15) and states[2].x == pytest.approx(x2, abs=1e-15)
    assert ys[2] == pytest.approx(0.5 * x2 + 0.5 * z2, abs=1e-15)
    assert states[2].t == 2 and states[2].lr_max == 0.5 and states[2].weight_sum == pytest.approx(0.3125)


def test_adamw_first_steps_by_hand():
    """lr 0.1, beta1 0.9, beta2 0.99, eps 0.01, mu 0.2, no warm-up, from (1, -2)."""
    opt = gdlib.ScheduleFreeAdamW(0.1, beta2=0.99, eps=0.01, weight_decay=0.2)
    grad = lambda x: np.array([3.0, 1.0]) * x  # noqa: E731
    ys, states = by_hand(opt, grad, [1.0, -2.0], 2)
    y0 = np.array([1.0, -2.0])
    g1 = grad(y0)
    s1 = 0.01 * g1**2
    d1 = g1 / (np.sqrt(s1 / 0.01) + 0.01) + 0.2 * y0
    z1 = y0 - 0.1 * d1
    np.testing.assert_allclose(states[1].s, s1, rtol=1e-15)
    np.testing.assert_allclose(states[1].z, z1, rtol=1e-15)
    np.testing.assert_allclose(ys[1], z1, rtol=1e-15)  # c_1 = 1: x_1 = z_1 = y_1
    g2 = grad(ys[1])
    s2 = 0.99 * s1 + 0.01 * g2**2
    d2 = g2 / (np.sqrt(s2 / (1 - 0.99**2)) + 0.01) + 0.2 * ys[1]
    z2 = z1 - 0.1 * d2
    x2 = 0.5 * z1 + 0.5 * z2  # equal weights: c_2 = 1/2
    np.testing.assert_allclose(states[2].z, z2, rtol=1e-14)
    np.testing.assert_allclose(states[2].x, x2, rtol=1e-14)
    np.testing.assert_allclose(ys[2], 0.9 * x2 + 0.1 * z2, rtol=1e-14)


# -- the averages ---------------------------------------------------------------------------


@pytest.mark.parametrize("make", [lambda: gdlib.ScheduleFreeSGD(1e-3),
                                  lambda: gdlib.ScheduleFreeAdamW(0.01, beta1=0.5)])
def test_without_warm_up_x_is_the_plain_mean_of_the_zs(make):
    ys, states = by_hand(make(), rosenbrock.grad, [-1.2, 1.0], 50)
    zs = np.array([s.z for s in states[1:]])
    for t in (1, 7, 50):
        np.testing.assert_allclose(states[t].x, zs[:t].mean(axis=0), rtol=1e-13)


def test_x_is_the_mean_of_the_zs_weighted_by_t_to_the_r_and_the_largest_rate_to_the_p():
    opt = gdlib.ScheduleFreeSGD(0.05, warmup_steps=8, r=1.5, weight_lr_power=3.0)
    ys, states = by_hand(opt, quadratic.grad, [-5.0, -2.0], 20)
    t = np.arange(1, 21)
    rates = 0.05 * np.minimum(1, t / 8)
    weights = t**1.5 * np.maximum.accumulate(rates) ** 3.0
    zs = np.array([s.z for s in states[1:]])
    np.testing.assert_allclose(states[20].x, weights @ zs / weights.sum(), rtol=1e-13)
    np.testing.assert_allclose(states[20].weight_sum, weights.sum(), rtol=1e-13)


def test_the_weights_follow_the_largest_rate_so_far_not_a_decaying_one():
    """A schedule that lowers the rate after the warm-up: the weights keep the largest rate
    seen, so the z's of the smaller rates are not weighted down."""
    lr = gdlib.schedules.StepDecay(0.1, step_size=5, factor=0.5)
    opt = gdlib.ScheduleFreeSGD(lr, warmup_steps=3)
    ys, states = by_hand(opt, quadratic.grad, [-5.0, -2.0], 20)
    t = np.arange(1, 21)
    rates = lr(t) * np.minimum(1, t / 3)
    weights = np.maximum.accumulate(rates) ** 2.0
    assert np.all(weights[2:] == weights[2])  # equal weights after the warm-up
    zs = np.array([s.z for s in states[1:]])
    np.testing.assert_allclose(states[20].x, weights @ zs / weights.sum(), rtol=1e-13)
    np.testing.assert_allclose(states[20].z - states[19].z, -rates[19] * quadratic.grad(ys[19]),
                               rtol=1e-13)


def test_momentum_zero_takes_the_gradient_at_z_and_averages_plain_sgd():
    """beta = 0: y = z, the iterates are plain SGD's, and x is their Polyak-Ruppert mean."""
    opt = gdlib.ScheduleFreeSGD(0.1, momentum=0.0)
    ys, states = by_hand(opt, quadratic.grad, [-5.0, -2.0], 30)
    np.testing.assert_allclose(ys, gdlib.run(gdlib.GD(0.1), quadratic.grad, [-5.0, -2.0], 30).xs,
                               rtol=1e-15)
    np.testing.assert_allclose(states[30].x, ys[1:].mean(axis=0), rtol=1e-13)


def test_a_rate_of_zero_from_a_schedule_is_no_step_and_no_warning():
    """With the rates all 0 so far every averaging weight is 0: c_t = 0/0, read as 0."""
    opt = gdlib.ScheduleFreeAdamW(0.1, eps=0.0)  # and a coordinate of gradient 0: 0/0 in Adam's step
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        x, state = opt.update(np.array([1.0, 0.0]), np.array([2.0, 0.0]), opt.init([1.0, 0.0]), 0.0)
    np.testing.assert_array_equal(x, [1.0, 0.0])
    assert state.weight_sum == 0.0


def test_run_many_gives_each_run_its_rate_and_its_own_weights():
    rates = np.array([0.05, 0.2])
    many = gdlib.run_many(gdlib.ScheduleFreeSGD(rates, warmup_steps=5, weight_decay=0.1),
                          quadratic.grad, [[-5.0, -2.0], [-5.0, -2.0]], 30)
    for i, lr in enumerate(rates):
        one = gdlib.run(gdlib.ScheduleFreeSGD(lr, warmup_steps=5, weight_decay=0.1),
                        quadratic.grad, [-5.0, -2.0], 30)
        np.testing.assert_array_equal(many[i].xs, one.xs)
    assert not np.allclose(many[0].xs, many[1].xs)


# -- arguments -------------------------------------------------------------------------------


@pytest.mark.parametrize("make, name", [
    (lambda: gdlib.ScheduleFreeSGD(0.1, momentum=1.0), "momentum"),
    (lambda: gdlib.ScheduleFreeSGD(0.1, momentum=-0.1), "momentum"),
    (lambda: gdlib.ScheduleFreeSGD(0.0), "lr"),
    (lambda: gdlib.ScheduleFreeSGD(0.1, warmup_steps=-1), "warmup_steps"),
    (lambda: gdlib.ScheduleFreeSGD(0.1, warmup_steps=2.0), "warmup_steps"),
    (lambda: gdlib.ScheduleFreeSGD(0.1, r=-1.0), "r"),
    (lambda: gdlib.ScheduleFreeSGD(0.1, weight_lr_power=-2.0), "weight_lr_power"),
    (lambda: gdlib.ScheduleFreeSGD(0.1, weight_decay=-0.1), "weight_decay"),
    (lambda: gdlib.ScheduleFreeAdamW(0.1, beta1=1.0), "beta1"),
    (lambda: gdlib.ScheduleFreeAdamW(0.1, beta2=1.5), "beta2"),
    (lambda: gdlib.ScheduleFreeAdamW(0.1, eps=-1e-8), "eps"),
    (lambda: gdlib.ScheduleFreeAdamW(0.1, weight_decay=float("nan")), "weight_decay"),
    (lambda: gdlib.ScheduleFreeAdamW(0.1, r="1"), "r"),
])
def test_bad_arguments_are_refused_by_name(make, name):
    with pytest.raises((TypeError, ValueError), match=name):
        make()


@pytest.mark.parametrize("ours, theirs", [("ScheduleFreeSGD", "SGDScheduleFree"),
                                          ("ScheduleFreeAdamW", "AdamWScheduleFree")])
def test_names_and_defaults_are_the_packages(ours, theirs):
    """The package's hyperparameters (recorded from its signature), with the same defaults;
    its ``betas`` are ``beta1`` and ``beta2`` here, as for gdlib's Adam."""
    package = dict(RECORD["defaults"][theirs])
    if "betas" in package:
        package["beta1"], package["beta2"] = package.pop("betas")
    optimizer = getattr(gdlib, ours)()
    assert {k: v for k, v in vars(optimizer).items() if not k.startswith("_")} == package


def test_betas_are_two_arguments():
    with pytest.raises(TypeError):
        gdlib.ScheduleFreeAdamW(0.1, betas=(0.9, 0.999))  # two arguments here, as for Adam
