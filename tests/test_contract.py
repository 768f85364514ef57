"""gdlib's contract (issue 8): no silent wrong result, one run path, pure updates, one signature style.

Each test names the failure it guards against; each failed on the code before the fix.
"""

import inspect
import warnings

import numpy as np
import pytest

import gdlib
from conftest import stable_id
from registry import FINITE_SUM_OPTIMIZERS, OPTIMIZERS
from gdlib import schedules
from gdlib.functions import quadratic, rosenbrock, xcos



def scaled(optimizer, factor):
    """The same optimizer with its rate (a wrapper: its wrapped optimizer's rate) times ``factor``."""
    if hasattr(optimizer, "optimizer"):
        return optimizer.replace(optimizer=scaled(optimizer.optimizer, factor))
    return optimizer.replace(lr=optimizer.lr * factor)


def one_point_loss(x):
    """A loss written for one point, as a reader would write it."""
    return 0.1 * x[0] ** 2 + 2 * x[1] ** 2


# -- 1. losses are never guessed --------------------------------------------------------


def test_one_point_loss_on_one_step_is_not_mistaken_for_a_vectorized_one():
    # Before: losses [50.52, 3.28] (the loss applied to the 2 x 2 array of iterates).
    traj = gdlib.run(gdlib.GD(0.1), quadratic.grad, [-5.0, -2.0], 1, loss=one_point_loss)
    np.testing.assert_allclose(traj.losses, [one_point_loss(x) for x in traj.xs])
    np.testing.assert_allclose(traj.losses, [10.5, 5.281])


def test_run_many_losses_when_steps_plus_one_by_runs_equals_runs_by_dim():
    x0 = np.array([[-10.0, 1.0], [3.0, -2.0]])  # (runs, dim) == (steps + 1, runs) == (2, 2)
    many = gdlib.run_many(gdlib.GD(0.1), quadratic.grad, x0, 1, loss=one_point_loss)
    for t in range(2):
        for i in range(2):
            assert many.losses[t, i] == one_point_loss(many.xs[t, i])


@pytest.mark.parametrize("steps", [0, 1, 2, 5])
def test_losses_equal_the_loss_at_every_iterate_for_every_shape(steps):
    for x0 in ([1.0, 2.0], [[1.0, 2.0], [3.0, 4.0]], 0.5, [[0.5]]):
        traj = gdlib.run(gdlib.GD(0.1), lambda x: 2 * x, x0, steps, loss=lambda x: np.sum(x**3))
        np.testing.assert_array_equal(traj.losses, [np.sum(x**3) for x in traj.xs])


def test_objectives_declare_their_vectorized_loss():
    assert gdlib.is_vectorized(quadratic.value) and gdlib.is_vectorized(quadratic)
    assert not gdlib.is_vectorized(one_point_loss)
    calls = []

    @gdlib.vectorized
    def loss(points):
        calls.append(points.shape)
        return quadratic.value(points)

    traj = gdlib.run(gdlib.GD(0.1), quadratic.grad, [-5.0, -2.0], 30, loss=loss)
    assert calls == [(31, 2)]
    np.testing.assert_array_equal(traj.losses, quadratic.value(traj.xs))


def test_a_declared_vectorized_loss_of_the_wrong_shape_is_an_error():
    loss = gdlib.vectorized(lambda points: points.sum())
    with pytest.raises(ValueError, match="loss"):
        gdlib.run(gdlib.GD(0.1), quadratic.grad, [-5.0, -2.0], 3, loss=loss)


@pytest.mark.parametrize("bad", [None, "1.0", True, 1j, [1.0, 2.0], np.ones(2)])
def test_a_loss_value_that_is_not_one_real_number_is_an_error(bad):
    with pytest.raises((TypeError, ValueError), match="loss"):
        gdlib.run(gdlib.GD(0.1), lambda x: 2 * x, [1.0, 2.0], 2, loss=lambda x: bad)


# -- 2. gradient values are validated ---------------------------------------------------


@pytest.mark.parametrize("x0", [1.0, [1.0, 2.0]])
@pytest.mark.parametrize("bad, error", [
    (None, TypeError), ("2", TypeError), (True, TypeError), (np.array([True, False]), TypeError),
    (1 + 2j, TypeError), (np.array([1j, 2j]), TypeError), (np.array([object()] * 2), TypeError),
    (np.zeros(3), ValueError),
])
def test_bad_gradient_values_are_refused_naming_grad_and_step(x0, bad, error):
    def bad_grad(x):
        return bad

    for runner, start in ((gdlib.run, x0), (gdlib.run_many, [x0])):
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a ComplexWarning must not leak either
            with pytest.raises(error, match=r"grad 'bad_grad'.* step 1\b"):
                runner(gdlib.GD(0.1), bad_grad, start, 3)


def test_a_gradient_that_goes_bad_later_is_refused_at_that_step():
    calls = iter(range(100))

    def grad(x):
        return 2 * x if next(calls) < 4 else None

    with pytest.raises(TypeError, match="step 5"):
        gdlib.run(gdlib.Adam(0.1), grad, [1.0, 2.0], 10)


def test_integer_and_float32_gradients_are_accepted_as_reals():
    a = gdlib.run(gdlib.GD(0.25), lambda x: np.ones(2, dtype=np.int64), [1.0, 2.0], 2).xs
    b = gdlib.run(gdlib.GD(0.25), lambda x: np.ones(2, dtype=np.float32), [1.0, 2.0], 2).xs
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(a[-1], [0.5, 1.5])


# -- 3. checked every step: nothing evaluated at a non-finite point ----------------------


def counting_grad(grad):
    """Wrap ``grad``: fail on a non-finite point, count the calls."""

    def wrapped(x):
        assert np.all(np.isfinite(x)), "gradient evaluated at a non-finite point"
        wrapped.calls += 1
        return grad(x)

    wrapped.calls = 0
    return wrapped


def test_gradient_is_called_once_per_step_and_never_after_divergence():
    # GD on x^2 with rate 1.1 overflows after some hundreds of steps.
    grad = counting_grad(lambda x: 2 * x)
    traj = gdlib.run(gdlib.GD(1.1), grad, 1.0, 5000)
    assert traj.stopped and grad.calls == traj.n_steps + 1  # the last call made the bad step


def test_a_minibatch_sampler_counts_exactly_the_examples_used():
    rng = np.random.default_rng(0)
    problem = gdlib.functions.LeastSquares(rng.normal(size=(50, 3)), rng.normal(size=50))
    sampler = problem.sampler(batch_size=5, seed=1)
    traj = gdlib.run(gdlib.GD(5.0), sampler, np.zeros(3), 10_000)
    assert traj.stopped and 10 < traj.n_steps < 10_000
    assert sampler.examples_seen == 5 * (traj.n_steps + 1)


def test_run_many_never_passes_a_diverged_run_to_grad():
    grad = counting_grad(lambda x: 2 * x)
    rates = np.array([0.1, 1.2, 1.5])
    many = gdlib.run_many(gdlib.GD(rates), grad, np.ones(3), 4000)
    assert many.stopped.tolist() == [False, True, True]
    loss = counting_grad(lambda x: x**2)
    gdlib.run_many(gdlib.GD(rates), lambda x: 2 * x, np.ones(3), 4000, loss=loss)
    assert loss.calls == sum(n + 1 for n in many.n_steps)


def test_the_loss_is_never_evaluated_at_a_non_finite_point():
    loss = counting_grad(lambda x: float(x**2))
    traj = gdlib.run(gdlib.GD(1.1), lambda x: 2 * x, 1.0, 5000, loss=loss)
    assert loss.calls == len(traj.xs)


@pytest.mark.parametrize("bad_step", [1, 62, 63, 64, 65, 127, 128, 129])
@pytest.mark.parametrize("runner", [gdlib.run, gdlib.run_many])
def test_divergence_is_found_at_the_first_non_finite_iterate_exactly(bad_step, runner):
    calls = []

    def grad(x):
        assert np.all(np.isfinite(x)), "gradient evaluated at a non-finite point"
        calls.append(1)
        return np.full_like(x, np.inf) if len(calls) == bad_step else 2 * x

    result = runner(gdlib.GD(0.01), grad, 1.0 if runner is gdlib.run else [1.0], 1000)
    traj = result if runner is gdlib.run else result[0]
    assert traj.stopped and traj.n_steps == bad_step - 1 and len(calls) == bad_step


# -- 4. run and run_many agree in every case ---------------------------------------------


def test_run_and_run_many_agree_when_the_gradient_raises():
    def grad(x):
        if np.any(np.abs(x) > 4):
            raise ValueError("outside the domain")
        return -np.ones_like(x)

    with pytest.raises(ValueError, match="outside the domain"):
        gdlib.run(gdlib.GD(1.0), grad, 1.0, 10)
    with pytest.raises(ValueError, match="outside the domain"):
        gdlib.run_many(gdlib.GD(1.0), grad, [1.0], 10)


@pytest.mark.parametrize("optimizer", OPTIMIZERS, ids=stable_id)
def test_run_many_of_one_equals_run_for_every_optimizer(optimizer):
    for lr_scale, x0 in ((1.0, [-1.5, 2.0]), (40.0, [-1.5, 2.0])):  # converging, diverging
        opt = scaled(optimizer, lr_scale)
        one = gdlib.run(opt, rosenbrock.grad, x0, 300, loss=rosenbrock.value)
        many = gdlib.run_many(opt, rosenbrock.grad, [x0, [0.0, 0.0]], 300, loss=rosenbrock.value)
        np.testing.assert_array_equal(many[0].xs, one.xs)
        np.testing.assert_array_equal(many[0].losses, one.losses)
        assert many[0].stopped == one.stopped and many[0].n_steps == one.n_steps


# -- 5. no warning escapes; decay factors are decays -------------------------------------


@pytest.mark.parametrize("make", [
    lambda: schedules.Exponential(1.0, 1.5), lambda: schedules.StepDecay(1.0, 10, factor=2.0),
    lambda: schedules.MultiStep(1.0, (5, 10), factor=1.5), lambda: schedules.Exponential(1.0, 0.0),
])
def test_a_decay_factor_above_one_or_zero_is_refused(make):
    with pytest.raises(ValueError, match="decay|factor"):
        make()


def test_a_long_decaying_schedule_runs_without_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        traj = gdlib.run(gdlib.GD(schedules.Exponential(1.0, 0.5)), lambda x: 2 * x, 1.0, 3000)
    assert not traj.stopped


# -- 6. edge cases ---------------------------------------------------------------------


def test_run_many_with_zero_runs_returns_empty_trajectories():
    many = gdlib.run_many(gdlib.GD(0.1), lambda x: 2 * x, np.empty((0, 2)), 5, loss=quadratic.value)
    assert many.xs.shape == (6, 0, 2) and len(many) == 0 and many.losses.shape == (6, 0)


def test_a_zero_dimensional_array_is_a_learning_rate():
    a = gdlib.run(gdlib.GD(np.array(0.1)), xcos.grad, 0.5, 5).xs
    np.testing.assert_array_equal(a, gdlib.run(gdlib.GD(0.1), xcos.grad, 0.5, 5).xs)


@pytest.mark.parametrize("lr", [1j, np.array([0.1, 1j]), np.array(True), "0.1", None])
def test_non_real_learning_rates_are_refused(lr):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(TypeError, match="lr"):
            gdlib.GD(lr)


# -- pure updates ------------------------------------------------------------------------


def leaves(state):
    """The fields of a state, and of the states it holds (a wrapper's: ``Averaged``), flat."""
    if not isinstance(state, tuple):
        return [state]
    return [leaf for field in state for leaf in leaves(field)]


@pytest.mark.parametrize("optimizer", OPTIMIZERS, ids=stable_id)
def test_update_is_pure(optimizer):
    x = np.array([1.0, -2.0, 0.0])
    g = np.array([0.5, 3.0, 0.0])
    state = optimizer.init(x)
    state = optimizer.update(x, g, state, 0.1)[1]  # a state with non-zero moments
    before = [np.copy(f) for f in leaves(state)]
    x_copy, g_copy = x.copy(), g.copy()
    first = optimizer.update(x, g, state, 0.1)
    second = optimizer.update(x, g, state, 0.1)
    np.testing.assert_array_equal(first[0], second[0])
    for a, b in zip(leaves(first[1]), leaves(second[1]), strict=True):
        np.testing.assert_array_equal(a, b)
    for field, copy in zip(leaves(state), before, strict=True):
        np.testing.assert_array_equal(field, copy)
    np.testing.assert_array_equal(x, x_copy)
    np.testing.assert_array_equal(g, g_copy)
    assert np.all(np.isfinite(first[0]))  # eps = 0: the zero coordinate stays put, no 0/0


# -- one signature style -----------------------------------------------------------------


@pytest.mark.parametrize("cls", [gdlib.GD, gdlib.Momentum, gdlib.Nesterov, gdlib.AdaGrad,
                                 gdlib.RMSProp, gdlib.AdaDelta, gdlib.Adam, gdlib.AdamW,
                                 gdlib.AMSGrad, gdlib.NAdam, gdlib.AdaMax, gdlib.Yogi, gdlib.Lion,
                                 gdlib.Newton, gdlib.Backtracking, gdlib.Polyak,
                                 gdlib.ScheduleFreeSGD, gdlib.ScheduleFreeAdamW, gdlib.ConjugateGradient,
                                 gdlib.BFGS, gdlib.LBFGS])
def test_lr_first_and_every_other_hyperparameter_keyword_only(cls):
    params = list(inspect.signature(cls).parameters.values())
    assert params[0].name == "lr"
    assert all(p.kind is p.KEYWORD_ONLY for p in params[1:])


@pytest.mark.parametrize("cls", [gdlib.ClipByNorm, gdlib.ClipByValue, gdlib.ProjectToBox,
                                 gdlib.Averaged])
def test_a_wrapper_takes_the_optimizer_first_and_the_rest_by_keyword(cls):
    params = list(inspect.signature(cls).parameters.values())
    assert params[0].name == "optimizer"
    assert len(params) > 1 and all(p.kind is p.KEYWORD_ONLY for p in params[1:])


def test_every_optimizer_is_exported_and_tested_here():
    exported = {name for name in gdlib.__all__
                if isinstance(getattr(gdlib, name), type) and issubclass(getattr(gdlib, name), gdlib.Optimizer)}
    tested = OPTIMIZERS + FINITE_SUM_OPTIMIZERS  # the latter in tests/test_variance_reduction.py
    assert exported - {"Optimizer"} == {type(opt).__name__ for opt in tested}


def test_positional_hyperparameters_are_refused():
    with pytest.raises(TypeError):
        gdlib.Momentum(0.1, 0.5)
    assert gdlib.AdaDelta(0.5).lr == 0.5 and gdlib.AdaDelta(0.5).rho == 0.9


def test_trajectory_has_n_steps_like_trajectories():
    traj = gdlib.run(gdlib.GD(1.1), lambda x: 2 * x, 1.0, 5000)
    many = gdlib.run_many(gdlib.GD(1.1), lambda x: 2 * x, [1.0], 5000)
    assert traj.n_steps == len(traj.xs) - 1 == many.n_steps[0] < 5000


def test_inverse_power_and_inverse_sqrt_schedules():
    t = np.arange(1, 6)
    np.testing.assert_allclose(schedules.InversePower(0.1, power=1.0, t0=2.0)(t), 0.1 * 2 / (1 + t))
    inv_sqrt = schedules.InverseSqrt(0.1, t0=4.0)
    assert isinstance(inv_sqrt, schedules.Schedule)
    np.testing.assert_allclose(inv_sqrt(t), 0.1 * np.sqrt(4 / (3 + t)))
