"""Learning-rate schedules and the exponential moving average."""

import numpy as np
import pytest

import gdlib
from conftest import stable_id
from registry import OPTIMIZERS, bowl_grad
from gdlib import schedules as sch


def test_schedule_values():
    t = np.arange(1, 8)
    np.testing.assert_allclose(sch.Constant(0.3)(t), 0.3)
    np.testing.assert_allclose(sch.StepDecay(1.0, 3, 0.5)(t), [1, 1, 1, 0.5, 0.5, 0.5, 0.25])
    np.testing.assert_allclose(sch.MultiStep(1.0, (2, 5), 0.1)(t), [1, 1, .1, .1, .1, .01, .01])
    np.testing.assert_allclose(sch.Exponential(2.0, 0.5)(t), 2.0 * 0.5 ** (t - 1))
    np.testing.assert_allclose(sch.InversePower(1.0, 1.0, t0=2.0)(t), 2.0 / (1.0 + t))
    np.testing.assert_allclose(sch.InverseSqrt(1.0)(t), 1 / np.sqrt(t))
    cosine = sch.Cosine(1.0, total_steps=4, min_lr=0.2)(t)
    np.testing.assert_allclose(cosine[:5], 0.2 + 0.4 * (1 + np.cos(np.pi * np.arange(5) / 4)))
    np.testing.assert_allclose(cosine[4:], 0.2)
    np.testing.assert_allclose(sch.Warmup(sch.Constant(1.0), 4)(t), [.25, .5, .75, 1, 1, 1, 1])
    assert sch.Warmup(0.5, 2)(1) == 0.25


@pytest.mark.parametrize("make, culprit", [
    (lambda: sch.Constant(0), "lr"), (lambda: sch.StepDecay(1, 0), "step_size"),
    (lambda: sch.MultiStep(1, (5, 2)), "milestones"), (lambda: sch.Exponential(1, -1), "decay"),
    (lambda: sch.Cosine(1, 10, min_lr=2), "min_lr"), (lambda: sch.Warmup(1, 1.5), "warmup_steps"),
    (lambda: sch.Constant(1)(0), "t"), (lambda: sch.Constant(1)(1.5), "t"),
])
def test_schedule_bad_input(make, culprit):
    with pytest.raises((TypeError, ValueError), match=culprit):
        make()


def _with_rate(optimizer, lr):
    """``optimizer`` with ``lr`` in place of its rate (a wrapper: its wrapped optimizer's)."""
    if hasattr(optimizer, "optimizer"):
        return optimizer.replace(optimizer=_with_rate(optimizer.optimizer, lr))
    return optimizer.replace(lr=lr)


@pytest.mark.parametrize("optimizer", OPTIMIZERS, ids=stable_id)
def test_every_optimizer_uses_its_schedule_step_by_step(optimizer):
    """A schedule's rate reaches each step: a constant schedule gives the very run of the
    constant rate, and a schedule that halves the rate after step 1 the same first step,
    then other steps, the same as driving the optimizer by hand with ``lr_at(t)``."""
    x0, grad, lr = np.array([1.5, -0.5]), bowl_grad, optimizer.lr_at(1)
    fixed = gdlib.run(optimizer, grad, x0, 6).xs
    np.testing.assert_array_equal(gdlib.run(_with_rate(optimizer, sch.Constant(lr)), grad, x0, 6).xs, fixed)
    halved = _with_rate(optimizer, sch.StepDecay(lr, step_size=1, factor=0.5))
    decayed = gdlib.run(halved, grad, x0, 6).xs
    np.testing.assert_array_equal(decayed[:2], fixed[:2])
    assert not np.array_equal(decayed[2:], fixed[2:])
    x, state, by_hand = x0, halved.init(x0), [x0]
    for t in range(1, 7):
        x, state = halved.update(x, grad(x), state, halved.lr_at(t))
        by_hand.append(x)
    np.testing.assert_array_equal(np.array(by_hand), decayed)


def test_ema_unrolled_weights_and_bias_correction():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(30, 2))
    gamma = 0.8
    y = gdlib.ema(x, gamma)
    t = 30
    weights = (1 - gamma) * gamma ** np.arange(t - 1, -1, -1)  # weight of x_i is (1-g) g^(t-i)
    np.testing.assert_allclose(y[-1], weights @ x)
    corrected = gdlib.ema(x, gamma, bias_correction=True)
    np.testing.assert_allclose(corrected, y / (1 - gamma ** np.arange(1, 31))[:, None])
    np.testing.assert_allclose(gdlib.ema(np.full(5, 3.0), 0.99, bias_correction=True), 3.0)


def test_ema_bad_input():
    with pytest.raises(ValueError, match="gamma"):
        gdlib.ema([1.0, 2.0], 1.0)
    with pytest.raises(ValueError, match="values"):
        gdlib.ema(3.0, 0.5)
    with pytest.raises(TypeError, match="bias_correction"):
        gdlib.ema([1.0], 0.5, bias_correction="yes")
