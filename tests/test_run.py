"""gdlib.run and gdlib.run_many: shapes, divergence, reuse, losses, schedules, bad input."""

import warnings

import numpy as np
import pytest

import gdlib
from gdlib.functions import quadratic, xcos


def test_shapes_and_first_row():
    traj = gdlib.run(gdlib.GD(0.1), quadratic.grad, [-5, -2], 7)
    assert traj.xs.shape == (8, 2) and traj.xs.dtype == np.float64
    np.testing.assert_array_equal(traj.xs[0], [-5.0, -2.0])
    assert traj.stopped is False and traj.losses is None


def test_scalar_and_integer_start():
    traj = gdlib.run(gdlib.GD(0.25), lambda x: 2 * x, 1, 2)
    assert traj.xs.shape == (3,)
    np.testing.assert_array_equal(traj.xs, [1.0, 0.5, 0.25])


def test_zero_steps():
    traj = gdlib.run(gdlib.Adam(0.1), quadratic.grad, [1.0, 1.0], 0, loss=quadratic.value)
    assert traj.xs.shape == (1, 2) and traj.losses.shape == (1,)


def test_x0_is_never_modified_and_optimizer_is_reusable():
    x0 = np.array([[1.0, -2.0], [0.5, 3.0]])
    copy = x0.copy()
    opt = gdlib.Adam(0.1)
    first = gdlib.run(opt, lambda x: 2 * x, x0, 30).xs
    second = gdlib.run(opt, lambda x: 2 * x, x0, 30).xs
    np.testing.assert_array_equal(x0, copy)
    np.testing.assert_array_equal(first, second)


def test_overflow_stops_the_run_without_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        traj = gdlib.run(gdlib.GD(1.1), lambda x: 2 * x, 1.0, 5000, loss=lambda x: x**2)
    assert traj.stopped
    assert np.all(np.isfinite(traj.xs)) and len(traj.xs) < 5001
    # x_t = (-1.2)^t; the update computes 1.1 * 2x, which overflows once |2.2 x| > max float.
    biggest = np.finfo(float).max
    assert float(abs(traj.xs[-1])) * 2.2 > biggest >= float(abs(traj.xs[-2])) * 2.2
    np.testing.assert_allclose(abs(traj.xs[-1]), 1.2 ** (len(traj.xs) - 1), rtol=1e-9)
    assert traj.losses.shape == traj.xs.shape  # x^2 itself overflows near the end: inf, silently


def test_nan_gradient_stops_at_that_step():
    def grad(x):
        return np.nan * x if abs(x) < 0.3 else 2 * x

    traj = gdlib.run(gdlib.GD(0.25), grad, 1.0, 100)
    np.testing.assert_array_equal(traj.xs, [1.0, 0.5, 0.25])
    assert traj.stopped


def test_a_gradient_that_refuses_infinity_is_never_asked():
    def grad(x):
        if not np.isfinite(x):
            raise ValueError("math domain error")
        return 2 * x

    traj = gdlib.run(gdlib.GD(1e300), grad, 1.0, 10)
    assert traj.stopped and np.all(np.isfinite(traj.xs))


def test_gradient_errors_at_finite_points_propagate():
    def grad(x):
        raise ValueError("broken gradient")

    with pytest.raises(ValueError, match="broken gradient"):
        gdlib.run(gdlib.GD(0.1), grad, 1.0, 3)


def test_losses_vectorized_and_per_point():
    a = gdlib.run(gdlib.GD(0.1), quadratic.grad, [-5, -2], 10, loss=quadratic.value)
    b = gdlib.run(gdlib.GD(0.1), quadratic.grad, [-5, -2], 10, 
                  loss=lambda x: float(0.1 * x[0] ** 2 + 2 * x[1] ** 2))
    np.testing.assert_allclose(a.losses, quadratic.value(a.xs))
    np.testing.assert_allclose(b.losses, a.losses)
    assert np.all(np.diff(a.losses) < 0)


def test_schedule_is_used_step_by_step():
    sched = gdlib.schedules.StepDecay(0.5, step_size=2, factor=0.5)
    traj = gdlib.run(gdlib.GD(sched), lambda x: np.ones_like(x), 0.0, 5)
    np.testing.assert_allclose(-np.diff(traj.xs), [0.5, 0.5, 0.25, 0.25, 0.125])


def test_run_many_equals_separate_runs_with_per_run_rates():
    rates = np.array([0.05, 0.1, 0.3, 0.5, 0.9])
    x0 = np.linspace(-1, 2, 5)
    many = gdlib.run_many(gdlib.GD(rates), xcos.grad, x0, 40, loss=xcos.value)
    for i, lr in enumerate(rates):
        one = gdlib.run(gdlib.GD(lr), xcos.grad, x0[i], 40, loss=xcos.value)
        np.testing.assert_array_equal(many[i].xs, one.xs)
        np.testing.assert_array_equal(many[i].losses, one.losses)
    assert many.xs.shape == (41, 5) and many.losses.shape == (41, 5)


def test_run_many_marks_each_divergence():
    rates = np.array([0.1, 0.5, 0.9, 1.1, 3.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        many = gdlib.run_many(gdlib.GD(rates), lambda x: 2 * x, np.ones(5), 5000)
    np.testing.assert_array_equal(many.stopped, [False, False, False, True, True])
    for i in range(5):
        one = gdlib.run(gdlib.GD(rates[i]), lambda x: 2 * x, 1.0, 5000)
        assert many.n_steps[i] == len(one.xs) - 1
        np.testing.assert_array_equal(many[i].xs, one.xs)
        assert np.all(np.isnan(many.xs[many.n_steps[i] + 1:, i]))
    np.testing.assert_array_equal(many.final[3], many[3].xs[-1])


def test_run_many_all_diverged_stops_early():
    calls = []

    def grad(x):
        calls.append(len(x))
        return 2 * x

    many = gdlib.run_many(gdlib.GD(np.array([2.0, 3.0])), grad, np.ones(2), 10**6)
    assert many.stopped.all() and many.xs.shape == (10**6 + 1, 2)
    assert np.isnan(many.xs[-1]).all()
    # the loop ends when the last run stops: grad was called up to that step, not 10**6 times
    assert len(calls) == max(many.n_steps) + 1 < 2000


def test_run_many_vector_runs():
    x0 = np.array([[-5.0, -2.0], [1.0, 1.0], [0.0, 3.0]])
    many = gdlib.run_many(gdlib.Adam(0.1), quadratic.grad, x0, 30)
    for i in range(3):
        np.testing.assert_array_equal(many[i].xs, gdlib.run(gdlib.Adam(0.1), quadratic.grad,
                                                            x0[i], 30).xs)


@pytest.mark.parametrize("kwargs, culprit", [
    (dict(grad="not callable"), "grad"),
    (dict(x0="1.0"), "x0"),
    (dict(x0=[1.0, float("nan")]), "x0"),
    (dict(x0=float("inf")), "x0"),
    (dict(x0=None), "x0"),
    (dict(x0=[[1.0], [2.0, 3.0]]), "x0"),
    (dict(x0=True), "x0"),
    (dict(steps=-1), "steps"),
    (dict(steps=2.0), "steps"),
    (dict(steps=True), "steps"),
    (dict(steps="3"), "steps"),
    (dict(optimizer="adam"), "optimizer"),
    (dict(loss=3), "loss"),
])
def test_bad_arguments_name_the_culprit(kwargs, culprit):
    args = dict(optimizer=gdlib.GD(0.1), grad=lambda x: 2 * x, x0=1.0, steps=3)
    args.update(kwargs)
    with pytest.raises((TypeError, ValueError), match=culprit):
        gdlib.run(**args)


def test_gradient_of_wrong_shape_is_refused():
    with pytest.raises(ValueError, match=r"grad '<lambda>' at step 1 returned an array of shape \(3,\)"):
        gdlib.run(gdlib.GD(0.1), lambda x: np.zeros(3), [1.0, 2.0], 3)


def test_rate_arrays_belong_to_run_many():
    with pytest.raises(ValueError, match="run_many"):
        gdlib.run(gdlib.GD(np.array([0.1, 0.2])), lambda x: 2 * x, 1.0, 3)
    with pytest.raises(ValueError, match="3 runs"):
        gdlib.run_many(gdlib.GD(np.array([0.1, 0.2])), lambda x: 2 * x, np.ones(3), 3)
    with pytest.raises(ValueError, match="leading axis"):
        gdlib.run_many(gdlib.GD(0.1), lambda x: 2 * x, 1.0, 3)


def test_tune_lr_picks_the_soonest_settling_rate_and_excludes_divergence():
    from gdlib.functions import quadratic

    rates = np.array([0.01, 0.1, 0.45, 0.49, 3.0])  # 3 > 2 / 4: overflows on the steep axis
    best = gdlib.tune_lr(gdlib.GD, quadratic.grad, [-5.0, -2.0], 400, rates, quadratic.value)
    assert best.runs.stopped.tolist() == [False, False, False, False, True]
    assert np.isinf(best.gaps[-1, 4]) and best.settle[4] == 401
    # Along x1 the error shrinks by (1 - 0.2 eta) per step: the largest stable rate settles first.
    assert best.lr == 0.45 and best.settled
    settle = best.settle[2]
    assert best.gaps[settle - 1, 2] > 1e-6 >= best.gaps[settle:, 2].max()


def test_tune_lr_settle_is_zero_when_already_there():
    best = gdlib.tune_lr(gdlib.GD, lambda x: 2 * x, [0.0], 5, [0.1, 0.2], lambda x: (x**2).sum(-1))
    assert best.settle.tolist() == [0, 0] and best.index == 0
