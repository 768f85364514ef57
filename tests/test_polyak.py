"""Polyak's step size and its stochastic version, SPS: the formula by hand, the cap, the
readings at a minimizer, and the minibatch loss that matches the minibatch gradient."""

import warnings

import numpy as np
import pytest

import gdlib
from gdlib.functions import LeastSquares, Quadratic, quadratic


def polyak_by_hand(x, f, g, f_star=0.0, c=1.0, max_lr=np.inf, lr=1.0):
    eta = min(max(f - f_star, 0.0) / (c * g @ g), max_lr)
    return x - lr * eta * g, eta


def test_the_step_on_a_quadratic_is_the_formula():
    """f(x) = 0.1 x1^2 + 2 x2^2 + 3, with f* = 3: 20 steps, each (f - f*) / ||g||^2 by hand.

    Step by step from the run's points: the steps zigzag across the valley, and the
    rounding of two ways to sum ||g||^2 grows along a whole trajectory."""
    loss = gdlib.vectorized(lambda x: quadratic.value(x) + 3.0)
    opt = gdlib.Polyak(loss=loss, f_star=3.0)
    x, state = np.array([-5.0, -2.0]), opt.init(np.array([-5.0, -2.0]))
    # The first step, by hand: f - f* = 2.5 + 8 = 10.5, g = (-1, -8), ||g||^2 = 65.
    x1, state1 = opt.update(x, quadratic.grad(x), state, opt.lr)
    assert float(state1.rate) == pytest.approx(10.5 / 65, rel=1e-15)
    np.testing.assert_allclose(x1, x - 10.5 / 65 * np.array([-1.0, -8.0]), rtol=1e-15)
    traj = gdlib.run(opt, quadratic.grad, x, 20)
    for before, after in zip(traj.xs[:-1], traj.xs[1:]):  # every step from the run's own point
        expected = polyak_by_hand(before, quadratic.value(before) + 3.0, quadratic.grad(before),
                                  f_star=3.0)[0]
        np.testing.assert_allclose(after, expected, rtol=1e-14, atol=1e-14)
    assert quadratic.value(traj.final) < 1e-3 * quadratic.value(x)  # and it converges


def test_c_and_lr_scale_the_step_and_the_cap_caps_the_rate():
    x, g = np.array([-5.0, -2.0]), quadratic.grad(np.array([-5.0, -2.0]))
    rate = 10.5 / 65
    for kwargs, expected_rate, multiplier in [({"c": 0.5}, 2 * rate, 1.0),
                                              ({"lr": 0.25}, rate, 0.25),
                                              ({"max_lr": 0.1}, 0.1, 1.0),  # capped
                                              ({"max_lr": 0.2}, rate, 1.0)]:  # under the cap
        opt = gdlib.Polyak(loss=quadratic.value, **kwargs)
        x1, state = opt.update(x, g, opt.init(x), opt.lr)
        assert float(state.rate) == pytest.approx(expected_rate, rel=1e-15)
        np.testing.assert_allclose(x1, x - multiplier * expected_rate * g, rtol=1e-15)
        assert int(state.evaluations) == 1


def test_at_a_minimizer_there_is_no_step_and_no_warning():
    """0/0 at the minimizer, g = 0 above f*, and f below f*: the point stays, the rate is 0."""
    cases = [(Quadratic(1.0, 2.0).value, 0.0, [0.0, 0.0]),  # f = f*, g = 0: 0/0
             (gdlib.vectorized(lambda x: np.sum(x**2, axis=-1) + 1.0), 0.0, [0.0, 0.0]),  # g = 0, f > f*
             (Quadratic(1.0, 2.0).value, 5.0, [1.0, 1.0])]  # f = 3 < f* = 5: no step uphill
    for loss, f_star, x0 in cases:
        opt = gdlib.Polyak(loss=loss, f_star=f_star)
        grad = Quadratic(1.0, 2.0).grad
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            x, state = opt.update(np.array(x0), grad(np.array(x0)), opt.init(np.array(x0)), 1.0)
            traj = gdlib.run(opt, grad, x0, 3)
        np.testing.assert_array_equal(x, x0)
        assert float(state.rate) == 0.0 and not traj.stopped
        np.testing.assert_array_equal(traj.final, x0)


def test_each_run_has_its_own_rate():
    """point_ndim=0: every number its own point; f(x) = x^2 halves each one at every step."""
    opt = gdlib.Polyak(loss=gdlib.vectorized(lambda x: x**2), point_ndim=0)
    many = gdlib.run_many(opt, lambda x: 2 * x, [1.0, -3.0, 0.0], 4)
    np.testing.assert_array_equal(many.xs[:, 0], 0.5 ** np.arange(5))
    np.testing.assert_array_equal(many.xs[:, 1], -3 * 0.5 ** np.arange(5))
    np.testing.assert_array_equal(many.xs[:, 2], 0.0)
    x = np.array([[1.0, 1.0], [2.0, 0.0]])  # point_ndim=1: one rate per row
    opt = gdlib.Polyak(loss=quadratic.value)
    x1, state = opt.update(x, quadratic.grad(x), opt.init(x), 1.0)
    for i in range(2):
        np.testing.assert_allclose(x1[i], polyak_by_hand(x[i], quadratic.value(x[i]), quadratic.grad(x[i]))[0])
    assert state.rate.shape == (2,) and state.rate[0] != state.rate[1]


@pytest.fixture
def interpolated():
    """Least squares whose data a linear model fits exactly: every f_i* = 0."""
    rng = np.random.default_rng(3)
    X = rng.normal(size=(20, 3))
    return LeastSquares(X, X @ np.array([1.0, -2.0, 0.5]))


def test_sps_evaluates_loss_and_gradient_on_the_same_batch(interpolated):
    """SPS_max, gamma_b = 0.6, c = 1/2, batches of 4: the run equals the steps by hand, each
    with f_B and grad f_B of the same batch B; the cap acts on some steps and not on others."""
    sampler = interpolated.sampler(batch_size=4, seed=7)
    opt = gdlib.Polyak(loss=sampler.loss, c=0.5, max_lr=0.6)
    traj = gdlib.run(opt, sampler, np.zeros(3), 30, loss=interpolated.value)
    batches, x, expected, rates = interpolated.sampler(batch_size=4, seed=7), np.zeros(3), [np.zeros(3)], []
    for _ in range(30):
        batch = batches.next_batch()
        x, eta = polyak_by_hand(x, interpolated.batch_value(x, batch), interpolated.batch_grad(x, batch),
                                c=0.5, max_lr=0.6)
        expected.append(x)
        rates.append(eta)
    np.testing.assert_allclose(traj.xs, expected, rtol=1e-13, atol=1e-15)
    assert 0 < sum(rate == 0.6 for rate in rates) < 30  # the cap matters
    assert traj.losses[-1] < 1e-3 * traj.losses[0]
    # The full loss in place of the batch's: another run (the pairing is what the test checks).
    other = gdlib.run(gdlib.Polyak(loss=interpolated.value, c=0.5, max_lr=0.6),
                      interpolated.sampler(batch_size=4, seed=7), np.zeros(3), 30)
    assert not np.allclose(other.xs, traj.xs)


def test_the_sampler_loss_is_the_last_batch_loss_and_draws_nothing(interpolated):
    sampler = interpolated.sampler(batch_size=3, seed=0)
    with pytest.raises(RuntimeError, match="call the sampler first"):
        sampler.loss(np.zeros(3))
    w = np.array([0.5, 0.1, -0.2])
    sampler(w)
    seen, batch = sampler.examples_seen, sampler.last_batch
    assert sampler.loss(w) == interpolated.batch_value(w, batch)
    np.testing.assert_allclose(sampler.loss(np.stack([w, 2 * w])),
                               [interpolated.batch_value(w, batch), interpolated.batch_value(2 * w, batch)])
    assert sampler.examples_seen == seen and gdlib.is_vectorized(sampler.loss)


@pytest.mark.parametrize("kwargs, name", [
    ({"loss": 1.0}, "loss"), ({"loss": quadratic.value, "c": 0.0}, "c"),
    ({"loss": quadratic.value, "max_lr": -1.0}, "max_lr"),
    ({"loss": quadratic.value, "f_star": float("nan")}, "f_star"),
    ({"loss": quadratic.value, "f_star": "0"}, "f_star"),
    ({"loss": quadratic.value, "point_ndim": -1}, "point_ndim"),
    ({"loss": quadratic.value, "lr": 0.0}, "lr"),
])
def test_bad_arguments_are_refused_by_name(kwargs, name):
    with pytest.raises((TypeError, ValueError), match=name):
        gdlib.Polyak(**kwargs)


def test_a_loss_of_the_wrong_shape_is_an_error_naming_the_loss():
    opt = gdlib.Polyak(loss=gdlib.vectorized(lambda x: np.sum(x)))
    x = np.ones((3, 2))
    with pytest.raises(ValueError, match="loss"):
        opt.update(x, x, opt.init(x), 1.0)
