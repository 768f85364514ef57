"""The averaging wrapper: the same iterates as the optimizer it wraps, and in its state the
exact uniform (Polyak-Ruppert, SWA) or exponential average of them."""

import numpy as np
import pytest

import gdlib
from gdlib.functions import LeastSquares, quadratic, rosenbrock


def by_hand(optimizer, grad, x0, steps):
    """The iterates and the states after each step, driving ``optimizer`` step by step."""
    x = np.array(x0, dtype=np.float64)
    state, xs, states = optimizer.init(x), [x], []
    for t in range(1, steps + 1):
        x, state = optimizer.update(x, grad(x), state, optimizer.lr_at(t))
        xs.append(x)
        states.append(state)
    return np.array(xs), [optimizer.init(np.array(x0, dtype=np.float64))] + states


@pytest.mark.parametrize("inner", [gdlib.GD(1e-3), gdlib.Adam(0.05), gdlib.ScheduleFreeSGD(1e-3)],
                         ids=["GD", "Adam", "ScheduleFreeSGD"])
def test_the_uniform_average_is_the_mean_of_the_iterates(inner):
    opt = gdlib.Averaged(inner)
    xs, states = by_hand(opt, rosenbrock.grad, [-1.2, 1.0], 200)
    np.testing.assert_array_equal(xs, gdlib.run(inner, rosenbrock.grad, [-1.2, 1.0], 200).xs)  # unchanged
    np.testing.assert_array_equal(xs, gdlib.run(opt, rosenbrock.grad, [-1.2, 1.0], 200).xs)
    for t in (0, 1, 2, 57, 200):
        np.testing.assert_allclose(states[t].average, np.mean(xs[: t + 1], axis=0), rtol=1e-13)
        assert states[t].t == t


def test_from_a_start_step_the_average_is_the_mean_of_the_tail():
    opt = gdlib.Averaged(gdlib.Momentum(1e-3, gamma=0.9), start=50)
    xs, states = by_hand(opt, rosenbrock.grad, [-1.2, 1.0], 120)
    for t in (0, 10, 49, 50):  # until the start, the iterate itself
        np.testing.assert_array_equal(states[t].average, xs[t])
    for t in (51, 80, 120):
        np.testing.assert_allclose(states[t].average, np.mean(xs[50: t + 1], axis=0), rtol=1e-13)


@pytest.mark.parametrize("start", [0, 20])
def test_the_ema_starts_at_the_iterate_and_decays_by_gamma(start):
    """From x^(s) on, x_bar^(t) = gamma^(t-s) x^(s) + (1 - gamma) sum_i gamma^(t-i) x^(i):
    gdlib.ema of the iterates after s, plus the start's weight."""
    gamma = 0.8
    opt = gdlib.Averaged(gdlib.GD(0.05), kind="ema", gamma=gamma, start=start)
    xs, states = by_hand(opt, quadratic.grad, [-5.0, -2.0], 60)
    tail = gdlib.ema(xs[start + 1:], gamma)
    for t in (start + 1, start + 7, 60):
        k = t - start
        np.testing.assert_allclose(states[t].average, tail[k - 1] + gamma**k * xs[start], rtol=1e-13)
    np.testing.assert_array_equal(states[start].average, xs[start])
    # By hand, the first step of the average: gamma x^(s) + (1 - gamma) x^(s+1).
    np.testing.assert_allclose(states[start + 1].average,
                               gamma * xs[start] + (1 - gamma) * xs[start + 1], rtol=1e-15)


def test_averaging_removes_most_of_the_noise_of_sgd_at_a_constant_rate():
    """Least squares with noise: SGD's last iterate wanders around the minimizer; the tail
    average of the same run is much closer to it."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 2))
    problem = LeastSquares(X, X @ np.array([1.0, -1.0]) + 0.5 * rng.normal(size=200))
    opt = gdlib.Averaged(gdlib.GD(0.05), start=200)
    xs, states = by_hand(opt, problem.sampler(batch_size=1, seed=1), np.zeros(2), 2000)
    best = problem.minimizers[0]
    last, average = np.linalg.norm(xs[-1] - best), np.linalg.norm(states[-1].average - best)
    assert average < 0.3 * last


def test_run_many_keeps_each_runs_average_when_another_diverges():
    opt = gdlib.Averaged(gdlib.Adam(1.0))
    x0 = [[-1.5, 2.0], [1e154, 1e154]]  # the second run overflows at once
    many = gdlib.run_many(opt, rosenbrock.grad, x0, 20)
    assert list(many.stopped) == [False, True]
    np.testing.assert_array_equal(many[0].xs, gdlib.run(opt, rosenbrock.grad, x0[0], 20).xs)


@pytest.mark.parametrize("kwargs, error, name", [
    ({"kind": "swa"}, ValueError, "kind"),
    ({"kind": "ema"}, TypeError, "gamma"),
    ({"kind": "ema", "gamma": 1.0}, ValueError, "gamma"),
    ({"kind": "uniform", "gamma": 0.9}, ValueError, "gamma"),
    ({"start": -1}, ValueError, "start"),
    ({"start": 1.5}, TypeError, "start"),
])
def test_bad_arguments_are_refused_by_name(kwargs, error, name):
    with pytest.raises(error, match=name):
        gdlib.Averaged(gdlib.GD(0.1), **kwargs)


def test_only_an_optimizer_is_wrapped_and_the_rest_is_by_keyword():
    with pytest.raises(TypeError, match="optimizer"):
        gdlib.Averaged(0.1)
    with pytest.raises(TypeError):
        gdlib.Averaged(gdlib.GD(0.1), "ema")
    opt = gdlib.Averaged(gdlib.GD(0.1), kind="ema", gamma=0.5, start=3)
    assert opt.lr == 0.1 and opt.replace(start=4).start == 4 and opt.replace(start=4).gamma == 0.5
