"""gdlib's contract at its edges (issue 19): each reproduction of the code review's defects
1-15 (``shared/reviews/code-2026-12-07.md``), which must now give the right answer or a
clear error naming the culprit."""

import numpy as np
import pytest

import gdlib
from conftest import stable_id
from gdlib import schedules
from gdlib.functions import LeastSquares, Objective, quadratic, xcos


class PlainTupleMomentum(gdlib.Optimizer):
    """A user's optimizer whose state is a plain tuple (defect 1)."""

    def __init__(self, lr, gamma=0.9, fields=1):
        self.lr, self.gamma, self.fields = lr, gamma, fields

    def init(self, x):
        return (np.zeros_like(x),) * self.fields

    def update(self, x, g, state, lr):
        v = self.gamma * state[0] + lr * g
        return x - v, (v,) * self.fields


def _blows_up_beyond_5(x):
    with np.errstate(invalid="ignore"):
        return np.where(np.abs(x) > 5, np.inf, 2 * x)


@pytest.mark.parametrize("fields", [1, 2])
def test_1_run_many_keeps_a_plain_tuple_state_row_by_row(fields):
    x0 = np.array([[1.0, 2.0], [10.0, 10.0], [0.5, -3.0]])  # run 1 meets an infinite gradient
    many = gdlib.run_many(PlainTupleMomentum(0.1, fields=fields), _blows_up_beyond_5, x0, 5)
    for i in range(3):
        alone = gdlib.run(PlainTupleMomentum(0.1, fields=fields), _blows_up_beyond_5, x0[i], 5)
        np.testing.assert_array_equal(many[i].xs, alone.xs)
        assert many[i].stop == alone.stop


def test_1_run_many_refuses_a_state_it_cannot_split_by_run():
    class DictState(PlainTupleMomentum):
        def init(self, x):
            return {"v": np.zeros_like(x)}

        def update(self, x, g, state, lr):
            return x - lr * g, state

    with pytest.raises(TypeError, match="state .* tuple"):
        gdlib.run_many(DictState(0.1), lambda x: 2 * x, np.ones((2, 2)), 3)


def test_2_run_many_refuses_a_point_ndim_that_spans_the_runs():
    x0 = np.array([0.5, 1.5, -0.8])
    with pytest.raises(ValueError, match="point_ndim=1"):
        gdlib.run_many(gdlib.ClipByNorm(gdlib.GD(0.1), max_norm=1.0), xcos.grad, x0, 3)
    with pytest.raises(ValueError, match="point_ndim=1"):  # wrapped inside another wrapper too
        gdlib.run_many(gdlib.ProjectToBox(gdlib.ClipByNorm(gdlib.GD(0.1), max_norm=1.0), lower=-2, upper=2),
                       xcos.grad, x0, 3)
    opt = gdlib.ClipByNorm(gdlib.GD(0.1), max_norm=1.0, point_ndim=0)
    many = gdlib.run_many(opt, xcos.grad, x0, 3)
    for i in range(3):
        np.testing.assert_array_equal(many[i].xs, gdlib.run(opt, xcos.grad, x0[i], 3).xs)


def _overflow_at_step_3():
    calls = {"n": 0}

    def grad(x):
        calls["n"] += 1
        g = 2 * np.asarray(x)
        return np.array([np.inf, g[1]]) if calls["n"] == 3 else g

    return grad


@pytest.mark.parametrize("optimizer", [gdlib.Lion(0.01), gdlib.ProjectToBox(gdlib.Momentum(0.01), lower=-1, upper=1),
                                       gdlib.Adam(0.01), gdlib.GD(0.01), gdlib.ClipByValue(gdlib.GD(0.01), max_value=1)],
                         ids=stable_id)
def test_3_a_non_finite_gradient_stops_the_run_where_it_is_returned(optimizer):
    traj = gdlib.run(optimizer, _overflow_at_step_3(), [0.5, 0.5], 200)
    assert traj.n_steps == 2 and traj.stop == "non-finite gradient" and traj.stopped
    assert np.isfinite(traj.xs).all()


def test_3_run_many_says_which_run_stopped_and_why():
    def grad(x):
        with np.errstate(invalid="ignore"):
            return np.where(x > 5, np.nan, 2 * x)  # broken beyond 5

    x0 = np.array([[1.0, 1.0], [7.0, 7.0], [1.0, 1.0]])
    runs = gdlib.run_many(gdlib.GD(np.array([0.1, 0.1, 1.5])), grad, x0, 20)
    assert runs.stop == (None, "non-finite gradient", "non-finite gradient")
    assert list(runs.n_steps) == [20, 0, 4] and runs.stopped.tolist() == [False, True, True]  # run 2: 1, -2, 4, -8, 16
    for i in range(3):
        alone = gdlib.run(gdlib.GD([0.1, 0.1, 1.5][i]), grad, x0[i], 20)
        np.testing.assert_array_equal(runs[i].xs, alone.xs)
        assert runs[i].stop == alone.stop


def test_3_an_overflowing_iterate_and_an_overflowing_gradient_are_told_apart():
    traj = gdlib.run(gdlib.GD(10.0), lambda x: -x, 1.0, 1000)  # x grows 11-fold a step
    assert traj.stopped and traj.stop == "non-finite iterate" and traj.n_steps < 1000
    traj = gdlib.run(gdlib.GD(10.0), lambda x: 2 * x, 1.0, 1000)  # here the gradient overflows first
    assert traj.stopped and traj.stop == "non-finite gradient"


def test_4_a_users_objective_is_not_vectorized_unless_it_says_so():
    class Bowl(Objective):
        dim = 2

        def value(self, x):
            return x[0] ** 2 + 10 * x[1] ** 2

        def grad(self, x):
            return np.array([2 * x[0], 20 * x[1]])

    b = Bowl()
    assert not gdlib.is_vectorized(b.value)
    traj = gdlib.run(gdlib.GD(0.01), b.grad, [1.0, 1.0], 1, loss=b.value)
    np.testing.assert_allclose(traj.losses, [11.0, 0.98**2 + 10 * 0.8**2])
    assert gdlib.is_vectorized(quadratic.value) and gdlib.is_vectorized(xcos.value)  # gdlib's say so


def test_5_grad_cannot_change_the_iterate():
    def grad_inplace(x):
        x -= 1.0
        return x

    with pytest.raises(ValueError, match="read-only"):
        gdlib.run(gdlib.GD(0.5), grad_inplace, [3.0, 3.0], 3)
    with pytest.raises(ValueError, match="read-only"):
        gdlib.run_many(gdlib.GD(0.5), grad_inplace, np.full((2, 2), 3.0), 3)


def test_6_hyperparameters_cannot_be_changed_after_construction():
    opt = gdlib.GD(0.1)
    with pytest.raises(AttributeError, match="GD"):
        opt.lr = -5.0
    adam = gdlib.ClipByNorm(gdlib.Adam(0.1), max_norm=1.0)
    with pytest.raises(AttributeError):
        adam.max_norm = -1.0
    assert opt.lr == 0.1 and repr(opt) == "GD(lr=0.1)"
    assert opt.replace(lr=0.2).lr == 0.2 and opt.lr == 0.1
    with pytest.raises(ValueError, match="lr"):
        opt.replace(lr=-5.0)  # checked again
    with pytest.raises(TypeError, match="gamma"):
        opt.replace(gamma=0.9)


def test_7_least_squares_hessian_follows_leading_axes():
    rng = np.random.default_rng(0)
    ls = LeastSquares(rng.normal(size=(50, 3)), rng.normal(size=50))
    assert ls.hessian(np.zeros((2, 3))).shape == (2, 3, 3)
    many = gdlib.run_many(gdlib.Newton(hessian=ls.hessian), ls.grad, np.zeros((2, 3)), 1)
    alone = gdlib.run(gdlib.Newton(hessian=ls.hessian), ls.grad, np.zeros(3), 1)
    np.testing.assert_allclose(many[0].xs, alone.xs, rtol=1e-12)


def test_8_tune_lr_refuses_when_every_rate_diverges():
    with pytest.raises(ValueError, match=r"every rate .*2\..*10\."):
        gdlib.tune_lr(gdlib.GD, quadratic.grad, [-5.0, -2.0], 500, np.array([2.0, 5.0, 10.0]), quadratic.value)


def test_8_tune_lr_never_picks_a_rate_whose_run_stopped():
    best = gdlib.tune_lr(gdlib.GD, quadratic.grad, [-5.0, -2.0], 500, np.array([0.001, 2.0, 5.0]), quadratic.value)
    assert best.lr == 0.001 and best.runs[best.index].stop is None


def test_11_the_line_search_evaluates_the_loss_once_per_trial_point():
    calls = []

    def loss(x):
        calls.append(np.array(x))
        return float(x[0] ** 2 + 10 * x[1] ** 2)

    def grad(x):
        return np.array([2 * x[0], 20 * x[1]])

    opt = gdlib.Backtracking(lr=0.04, loss=loss)  # every first trial passes here
    traj = gdlib.run(opt, grad, [3.0, -1.0], 4)
    assert len(calls) == 1 + 4  # f(x0) once, then one trial a step
    np.testing.assert_array_equal(calls[0], traj.xs[0])
    for t in range(1, 5):
        np.testing.assert_array_equal(calls[t], traj.xs[t])  # each accepted trial is the next iterate
    x = np.array([3.0, -1.0])
    x1, state = opt.update(x, grad(x), opt.init(x), opt.lr)
    assert int(state.evaluations) == 2 and float(state.value) == loss(x1)


def test_12_warmup_says_it_scales_the_wrapped_schedule():
    doc = schedules.Warmup.__doc__
    assert "multipl" in doc.split("\n\n")[0].lower() or "scales" in doc.split("\n\n")[0].lower()
    rates = schedules.Warmup(schedules.Cosine(1.0, total_steps=10), warmup_steps=5)(np.arange(1, 12))
    assert rates.max() < 1.0  # what the docstring says: the cosine decays during the ramp
    chapter_9 = schedules.Warmup(schedules.Cosine(1.0, total_steps=300), warmup_steps=30)(np.arange(1, 301))
    assert f"peaks at {chapter_9.max():.3f} of it" in " ".join(doc.split())


def test_13_project_to_box_refuses_a_start_outside_its_box():
    opt = gdlib.ProjectToBox(gdlib.GD(0.1), lower=-1, upper=1)
    with pytest.raises(ValueError, match=r"x0 .* outside .*\[-1(\.0)?, 1(\.0)?\]"):
        gdlib.run(opt, lambda x: 2 * x, 5.0, 2)
    with pytest.raises(ValueError, match="outside"):
        gdlib.run_many(opt, lambda x: 2 * x, np.array([0.5, 5.0]), 2)
    np.testing.assert_array_equal(gdlib.run(opt, lambda x: 2 * x, 1.0, 2).xs, [1.0, 0.8, 0.64])


def test_14_vectorized_wraps_instead_of_mutating():
    class P:
        def f(self, points):
            return np.sum(points**2, axis=-1)

    loss = gdlib.vectorized(P().f)
    assert gdlib.is_vectorized(loss)
    np.testing.assert_array_equal(gdlib.run(gdlib.GD(0.25), lambda x: 2 * x, [1.0, 2.0], 1, loss=loss).losses,
                                  [5.0, 1.25])
    assert gdlib.is_vectorized(gdlib.vectorized(abs))
    gdlib.vectorized(np.sum)
    assert not gdlib.is_vectorized(np.sum) and not hasattr(np.sum, "vectorized")


def test_15_small_api_paths_give_clear_errors():
    class ListSchedule(schedules.Schedule):
        def rate(self, t):
            return [0.1] * len(t)

    np.testing.assert_array_equal(ListSchedule()(np.arange(1, 4)), [0.1, 0.1, 0.1])
    with pytest.raises(TypeError, match="milestones"):
        schedules.MultiStep(0.1, 100)
    runs = gdlib.run_many(gdlib.GD(0.1), lambda x: 2 * x, np.ones(3), 2)
    with pytest.raises(TypeError, match="one run"):
        runs[0:1]
    opt = gdlib.GD(schedules.Cosine(0.1, total_steps=10))
    x = np.ones(2)
    with pytest.raises(TypeError, match="lr_at"):
        opt.update(x, 2 * x, opt.init(x), opt.lr)
    step, _ = opt.update(x, 2 * x, opt.init(x), opt.lr_at(1))
    np.testing.assert_allclose(step, x - 0.1 * 2 * x)
    assert gdlib.GD(0.3).lr_at(7) == 0.3
