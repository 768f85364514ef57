"""Newton's method, the backtracking line search and gradient clipping: by hand, point by point."""

import math

import numpy as np
import pytest

import gdlib
from conftest import stable_id
from gdlib.functions import cubic, quadratic, rosenbrock, saddle, xcos


# -- Newton's method ---------------------------------------------------------------------


def test_newton_by_hand_on_the_running_example():
    # f'(1/2) = -pi/2 and f''(1/2) = -2 pi: the step goes to 1/2 - 1/4, uphill.
    xs = gdlib.run(gdlib.Newton(hessian=xcos.hessian, point_ndim=0), xcos.grad, 0.5, 1).xs
    np.testing.assert_allclose(xs, [0.5, 0.25], rtol=0, atol=1e-15)


def test_newton_runs_to_the_nearest_critical_point_even_a_maximum():
    traj = gdlib.run(gdlib.Newton(hessian=xcos.hessian, point_ndim=0), xcos.grad, 0.5, 8)
    points, kinds = xcos.critical_points()
    nearest = np.argmin(np.abs(points - traj.final))
    assert kinds[nearest] == "max" and abs(traj.final - points[nearest]) < 1e-12
    assert xcos.value(traj.final) > xcos.value(0.5)  # the "optimizer" went uphill
    # The saddle x1^2 - x2^2: one step to the saddle point, whatever the start.
    for x0 in ([0.5, 0.3], [-2.0, 7.0]):
        np.testing.assert_allclose(gdlib.run(gdlib.Newton(hessian=saddle.hessian), saddle.grad, x0, 1).final,
                                   [0.0, 0.0], atol=1e-15)


def test_newton_converges_quadratically_near_a_minimum():
    """e_{t+1} / e_t^2 tends to |f'''(x*)| / (2 f''(x*)): the digits of accuracy double."""
    x_star = xcos.minimizers[-1]
    traj = gdlib.run(gdlib.Newton(hessian=xcos.hessian, point_ndim=0), xcos.grad, 1.3, 6)
    errors = np.abs(traj.xs - x_star)
    h = 1e-5
    third = (xcos.hessian(x_star + h) - xcos.hessian(x_star - h)) / (2 * h)
    limit = abs(third) / (2 * xcos.hessian(x_star))
    ratios = [errors[t + 1] / errors[t] ** 2 for t in range(len(errors) - 1) if errors[t] > 1e-7]
    assert len(ratios) >= 3 and math.isclose(ratios[-1], limit, rel_tol=0.05)
    assert errors[4] < 1e-12


def test_newton_in_one_step_on_a_quadratic_and_damped_newton_in_a_geometric_sequence():
    x0 = np.array([-5.0, -2.0])
    assert np.all(gdlib.run(gdlib.Newton(hessian=quadratic.hessian), quadratic.grad, x0, 1).final == 0)
    damped = gdlib.run(gdlib.Newton(0.5, hessian=quadratic.hessian), quadratic.grad, x0, 4).xs
    np.testing.assert_allclose(damped, 0.5 ** np.arange(5)[:, None] * x0, rtol=1e-15)


def test_newton_at_a_singular_hessian_stops_that_run_only():
    def grad(x):  # f = x1^4 + x2^2, Hessian diag(12 x1^2, 2): singular where x1 = 0
        return np.stack([4 * x[..., 0] ** 3, 2 * x[..., 1]], axis=-1)

    def hessian(x):
        zero = np.zeros_like(x[..., 0])
        return np.stack([np.stack([12 * x[..., 0] ** 2, zero], -1), np.stack([zero, zero + 2], -1)], -2)

    newton = gdlib.Newton(hessian=hessian)
    many = gdlib.run_many(newton, grad, [[0.0, 1.0], [1.0, 1.0]], 3)
    assert many.stopped.tolist() == [True, False] and many.n_steps.tolist() == [0, 3]
    np.testing.assert_allclose(many[1].xs[:, 0], (2 / 3) ** np.arange(4), rtol=1e-15)
    np.testing.assert_array_equal(many[1].xs, gdlib.run(newton, grad, [1.0, 1.0], 3).xs)
    # One variable: f = x^3 at its flat critical point.
    assert gdlib.run(gdlib.Newton(hessian=cubic.hessian, point_ndim=0), cubic.grad, 0.0, 3).stopped


def test_a_hessian_of_the_wrong_shape_is_refused_naming_hessian():
    with pytest.raises(ValueError, match=r"hessian .*shape \(2,\).*point_ndim=0"):
        gdlib.run(gdlib.Newton(hessian=xcos.hessian), xcos.grad, [0.5, 0.7], 2)
    with pytest.raises(ValueError, match=r"hessian .*\(3, 2, 2\)"):
        gdlib.run_many(gdlib.Newton(hessian=lambda x: np.eye(2)), rosenbrock.grad, np.zeros((3, 2)), 2)
    with pytest.raises(ValueError, match="point_ndim"):
        gdlib.run(gdlib.Newton(hessian=xcos.hessian), xcos.grad, 0.5, 2)


# -- backtracking line search ---------------------------------------------------------------


def test_backtracking_by_hand_on_the_quadratic():
    # f = 0.1 x1^2 + 2 x2^2 at (-5, -2): f = 10.5, g = (-1, -8), |g|^2 = 65.
    opt = gdlib.Backtracking(1.0, loss=quadratic.value, c=0.3)
    x = np.array([-5.0, -2.0])
    x1, state = opt.update(x, quadratic.grad(x), opt.init(x), opt.lr)
    # eta = 1: f(-4, 6) = 73.6 fails; 1/2: f(-4.5, 2) = 10.025 > 10.5 - 0.3 * 0.5 * 65 fails;
    # 1/4: f(-4.75, 0) = 2.25625 <= 10.5 - 0.3 * 0.25 * 65 = 5.625 passes.
    np.testing.assert_array_equal(x1, [-4.75, 0.0])
    assert state.rate == 0.25 and state.evaluations == 4  # f at x, then three trials
    x2, state = opt.update(x1, quadratic.grad(x1), state, opt.lr)
    assert state.rate == 1.0 and state.evaluations == 4 + 1  # the first trial passes; f(x1) is known
    np.testing.assert_allclose(x2, [-4.75 + 0.95, 0.0], rtol=1e-15)


def manual_run(optimizer, grad, x, steps):
    """Drive ``optimizer`` by hand, returning the iterates and the last state."""
    state, xs = optimizer.init(np.asarray(x, dtype=float)), [np.asarray(x, dtype=float)]
    for _ in range(steps):
        x, state = optimizer.update(xs[-1], grad(xs[-1]), state, optimizer.lr)
        xs.append(x)
    return np.array(xs), state


def test_backtracking_never_increases_f_and_counts_every_evaluation():
    points_seen = []

    @gdlib.vectorized
    def loss(points):
        points_seen.append(len(points))
        return rosenbrock.value(points)

    opt = gdlib.Backtracking(1.0, loss=loss)
    xs, state = manual_run(opt, rosenbrock.grad, [-1.2, 1.0], 200)
    values = rosenbrock.value(xs)
    assert np.all(np.diff(values) <= 0) and values[-1] < 0.1 * values[0]
    assert state.evaluations == sum(points_seen) > 2 * 200  # more than one trial per step on average
    np.testing.assert_array_equal(xs, gdlib.run(opt, rosenbrock.grad, [-1.2, 1.0], 200).xs)


def test_when_no_trial_passes_the_point_stays():
    def loss(x):  # NaN everywhere but at the start: every trial fails
        return 1.0 if np.all(x == 1.0) else np.nan

    opt = gdlib.Backtracking(1.0, loss=loss, max_shrinks=5)
    x1, state = opt.update(np.ones(2), np.ones(2), opt.init(np.ones(2)), 1.0)
    np.testing.assert_array_equal(x1, np.ones(2))
    assert state.rate == 0.0 and state.evaluations == 1 + 6


def test_backtracking_one_point_loss_and_vectorized_loss_agree_in_run_many():
    def one_point(x):
        return float(rosenbrock.value(x))

    x0 = [[-1.2, 1.0], [0.0, 0.0], [2.0, 2.0]]
    a = gdlib.run_many(gdlib.Backtracking(loss=one_point), rosenbrock.grad, x0, 30)
    b = gdlib.run_many(gdlib.Backtracking(loss=rosenbrock.value), rosenbrock.grad, x0, 30)
    np.testing.assert_array_equal(a.xs, b.xs)


def test_a_bad_loss_value_in_the_line_search_is_refused_naming_the_loss():
    def bad_loss(x):
        return [1.0, 2.0]

    with pytest.raises(TypeError, match="loss 'bad_loss'"):
        gdlib.run(gdlib.Backtracking(loss=bad_loss), rosenbrock.grad, [0.0, 0.0], 1)


# -- backtracking along Newton's direction (hessian=...) ------------------------------------------


def test_backtracking_with_a_hessian_by_hand():
    # xcos at 1/2: f'' = -2 pi < 0, so the direction is the gradient, -pi/2: the trial rate 1
    # goes to 1/2 + pi/2, where f = 2.02 > 0 fails; 1/2 goes to 1/2 + pi/4, f = -0.80, passes.
    opt = gdlib.Backtracking(loss=xcos.value, hessian=xcos.hessian, point_ndim=0)
    x1, state = opt.update(0.5, xcos.grad(0.5), opt.init(0.5), opt.lr)
    assert state.rate == 0.5 and state.evaluations == 3
    assert x1 == pytest.approx(0.5 + np.pi / 4, rel=1e-15) and xcos.value(x1) < -0.7
    # At 1.3, f'' > 0: Newton's step, accepted at the full rate.
    x1, state = opt.update(1.3, xcos.grad(1.3), opt.init(1.3), opt.lr)
    assert state.rate == 1.0 and x1 == 1.3 - xcos.grad(1.3) / xcos.hessian(1.3)


def test_backtracking_with_a_hessian_uses_the_gradient_where_it_is_indefinite():
    # The saddle x1^2 - x2^2: Hessian diag(2, -2), so the gradient (1, -0.6); trial 1 passes.
    opt = gdlib.Backtracking(loss=saddle.value, hessian=saddle.hessian)
    x1, state = opt.update(np.array([0.5, 0.3]), saddle.grad([0.5, 0.3]), opt.init(np.zeros(2)), 1.0)
    np.testing.assert_allclose(x1, [-0.5, 0.9], rtol=1e-15)
    # Positive definite: Newton's step, one step on a quadratic.
    opt = gdlib.Backtracking(loss=quadratic.value, hessian=quadratic.hessian)
    assert np.all(gdlib.run(opt, quadratic.grad, [-5.0, -2.0], 1).final == 0)
    # A batch with both kinds of points, and a point whose Hessian is NaN (the gradient there).
    def hessian(x):
        H = rosenbrock.hessian(x)
        return np.where(np.isnan(x[..., :1, None]), np.nan, H)

    x = np.array([[-1.2, 1.0], [0.0, 1.0], [np.nan, 0.0]])  # Rosenbrock's Hessian at (0, 1) is indefinite
    assert np.linalg.eigvalsh(rosenbrock.hessian(x[1]))[0] < 0 < np.linalg.eigvalsh(rosenbrock.hessian(x[0]))[0]
    d = gdlib.Backtracking(loss=rosenbrock.value, hessian=hessian)._newton_or_gradient(x, rosenbrock.grad(x))
    np.testing.assert_allclose(d[0], np.linalg.solve(rosenbrock.hessian(x[0]), rosenbrock.grad(x[0])))
    np.testing.assert_array_equal(d[1:], rosenbrock.grad(x[1:]))


def test_backtracking_with_a_hessian_never_climbs_and_converges_quadratically():
    opt = gdlib.Backtracking(loss=rosenbrock.value, hessian=rosenbrock.hessian)
    traj = gdlib.run(opt, rosenbrock.grad, [-1.2, 1.0], 30, loss=rosenbrock.value)
    assert np.all(np.diff(traj.losses) <= 0) and traj.losses[-1] < 1e-20
    errors = np.linalg.norm(traj.xs - 1.0, axis=1)
    late = errors[(errors < 1e-2) & (errors > 1e-12)]
    assert len(late) >= 3 and np.all(late[1:] < 30 * late[:-1] ** 2)  # e_t <= C e_{t-1}^2


def test_backtracking_with_a_hessian_is_refused_bad_input_naming_it():
    with pytest.raises(TypeError, match="hessian"):
        gdlib.Backtracking(loss=xcos.value, hessian=3.0)
    with pytest.raises(ValueError, match="point_ndim"):
        gdlib.Backtracking(loss=xcos.value, hessian=xcos.hessian, point_ndim=2)
    with pytest.raises(ValueError, match=r"hessian .*point_ndim=0"):
        gdlib.run(gdlib.Backtracking(loss=xcos.value, hessian=xcos.hessian), xcos.grad, [0.5, 0.7], 2)


# -- clipping ----------------------------------------------------------------------------------


def test_clip_by_norm_by_hand_with_torchs_epsilon():
    opt = gdlib.ClipByNorm(gdlib.GD(1.0), max_norm=1.0)
    x1, _ = opt.update(np.zeros(2), np.array([30.0, 40.0]), (), 1.0)
    np.testing.assert_array_equal(x1, -np.array([30.0, 40.0]) * (1.0 / (50.0 + 1e-6)))
    x1, _ = opt.update(np.zeros(2), np.array([0.6, 0.8]), (), 1.0)  # norm 1: scaled by 1/(1 + 1e-6)
    np.testing.assert_allclose(x1, -np.array([0.6, 0.8]) / (1.0 + 1e-6), rtol=1e-15)
    assert np.all(np.abs(x1) < [0.6, 0.8])
    x1, _ = opt.update(np.zeros(2), np.array([0.3, 0.4]), (), 1.0)  # below: untouched
    np.testing.assert_array_equal(x1, [-0.3, -0.4])


def test_clip_by_value_by_hand():
    opt = gdlib.ClipByValue(gdlib.GD(0.5), max_value=2.0)
    x1, _ = opt.update(np.zeros(3), np.array([30.0, -40.0, 1.5]), (), 0.5)
    np.testing.assert_array_equal(x1, [-1.0, 1.0, -0.75])


OPTIMIZERS = [gdlib.GD(1e-3), gdlib.Momentum(1e-3, gamma=0.9), gdlib.Adam(0.05), gdlib.AdaGrad(0.3),
              gdlib.NAdam(0.05), gdlib.Yogi(0.05), gdlib.Lion(0.01, weight_decay=0.1),
              gdlib.Newton(0.5, hessian=rosenbrock.hessian),
              gdlib.Backtracking(loss=rosenbrock.value)]


@pytest.mark.parametrize("optimizer", OPTIMIZERS, ids=stable_id)
def test_clipping_composes_with_every_optimizer(optimizer):
    """The wrapper is the optimizer fed the clipped gradient: nothing more, nothing less."""
    def clipped_norm(x):
        g = rosenbrock.grad(x)
        return g * min(1.0, 10.0 / (np.linalg.norm(g) + 1e-6))

    x0 = [-1.2, 1.0]
    wrapped = gdlib.run(gdlib.ClipByNorm(optimizer, max_norm=10.0), rosenbrock.grad, x0, 100).xs
    np.testing.assert_array_equal(wrapped, gdlib.run(optimizer, clipped_norm, x0, 100).xs)
    wrapped = gdlib.run(gdlib.ClipByValue(optimizer, max_value=5.0), rosenbrock.grad, x0, 100).xs
    np.testing.assert_array_equal(wrapped, gdlib.run(optimizer, lambda x: np.clip(rosenbrock.grad(x), -5, 5),
                                                     x0, 100).xs)
    huge = gdlib.ClipByValue(gdlib.ClipByNorm(optimizer, max_norm=1e300), max_value=1e300)
    np.testing.assert_array_equal(gdlib.run(huge, rosenbrock.grad, x0, 100).xs,
                                  gdlib.run(optimizer, rosenbrock.grad, x0, 100).xs)


def test_a_wrapper_passes_on_the_rate_and_its_schedule():
    schedule = gdlib.schedules.Warmup(0.01, warmup_steps=5)
    opt = gdlib.ClipByNorm(gdlib.Adam(schedule), max_norm=1.0)
    assert opt.lr is schedule
    a = gdlib.run(opt, rosenbrock.grad, [-1.2, 1.0], 20).xs
    b = gdlib.run(gdlib.Adam(schedule), lambda x: opt.clip(rosenbrock.grad(x)), [-1.2, 1.0], 20).xs
    np.testing.assert_array_equal(a, b)
    many = gdlib.run_many(gdlib.ClipByValue(gdlib.GD(np.array([1e-3, 2e-3])), max_value=5.0),
                          rosenbrock.grad, [[-1.2, 1.0], [-1.2, 1.0]], 5)
    for i, lr in enumerate((1e-3, 2e-3)):  # each run with its own rate
        alone = gdlib.run(gdlib.ClipByValue(gdlib.GD(lr), max_value=5.0), rosenbrock.grad, [-1.2, 1.0], 5)
        np.testing.assert_array_equal(many[i].xs, alone.xs)


def test_clip_by_norm_clips_each_run_by_its_own_norm():
    opt = gdlib.ClipByNorm(gdlib.GD(1.0), max_norm=1.0)
    many = gdlib.run_many(opt, lambda x: x, [[3.0, 4.0], [0.3, 0.4]], 1)
    np.testing.assert_allclose(many.xs[1], [[3.0 - 0.6, 4.0 - 0.8], [0.0, 0.0]], rtol=1e-6)
    # point_ndim=0: every number its own point.
    scalar = gdlib.ClipByNorm(gdlib.GD(1.0), max_norm=1.0, point_ndim=0)
    np.testing.assert_allclose(gdlib.run_many(scalar, lambda x: x, [3.0, -0.5], 1).xs[1], [2.0, 0.0],
                               atol=1e-6)
    # point_ndim=2: a matrix is one point, clipped by its Frobenius norm.
    matrix = gdlib.ClipByNorm(gdlib.GD(1.0), max_norm=1.0, point_ndim=2)
    x1 = gdlib.run(matrix, lambda x: x, [[3.0, 0.0], [0.0, 4.0]], 1).final
    np.testing.assert_allclose(x1, [[3.0 - 0.6, 0.0], [0.0, 4.0 - 0.8]], rtol=1e-6)


def test_a_point_larger_than_x_is_refused_naming_point_ndim():
    with pytest.raises(ValueError, match="point_ndim=1"):
        gdlib.run(gdlib.ClipByNorm(gdlib.GD(0.1), max_norm=1.0), xcos.grad, 0.5, 2)
    with pytest.raises(ValueError, match="point_ndim=1"):
        gdlib.run(gdlib.Backtracking(loss=xcos.value), xcos.grad, 0.5, 2)


# -- run_many(...)[i] is run(...) for the optimizers that need to know where a point ends ------


SECOND_ORDER = [
    (gdlib.Newton(hessian=rosenbrock.hessian), rosenbrock, [[-1.2, 1.0], [0.0, 0.0], [2.0, -1.0]]),
    (gdlib.Newton(0.5, hessian=xcos.hessian, point_ndim=0), xcos, [0.5, -0.8, 1.3, 1.8]),
    (gdlib.Backtracking(loss=rosenbrock.value), rosenbrock, [[-1.2, 1.0], [0.0, 0.0], [2.0, -1.0]]),
    (gdlib.Backtracking(2.0, loss=xcos.value, shrink=0.3, point_ndim=0), xcos, [0.5, -0.8, 1.3]),
    (gdlib.Backtracking(loss=rosenbrock.value, hessian=rosenbrock.hessian), rosenbrock,
     [[-1.2, 1.0], [0.0, 1.0], [2.0, -1.0]]),
    (gdlib.Backtracking(loss=xcos.value, hessian=xcos.hessian, point_ndim=0), xcos, [0.5, -0.8, 1.3, 0.7]),
    (gdlib.ClipByNorm(gdlib.Adam(0.05), max_norm=5.0), rosenbrock, [[-1.2, 1.0], [0.0, 0.0], [2.0, -1.0]]),
    (gdlib.ClipByNorm(gdlib.GD(0.05), max_norm=0.5, point_ndim=0), xcos, [0.5, -0.8, 1.3]),
]


@pytest.mark.parametrize("optimizer, objective, x0", SECOND_ORDER, ids=stable_id)
def test_run_many_equals_run_point_by_point(optimizer, objective, x0):
    many = gdlib.run_many(optimizer, objective.grad, x0, 40, loss=objective.value)
    for i, start in enumerate(x0):
        one = gdlib.run(optimizer, objective.grad, start, 40, loss=objective.value)
        np.testing.assert_array_equal(many[i].xs, one.xs)
        np.testing.assert_array_equal(many[i].losses, one.losses)


def test_backtracking_with_one_rate_per_run():
    rates = np.array([1.0, 0.01])
    many = gdlib.run_many(gdlib.Backtracking(rates, loss=rosenbrock.value), rosenbrock.grad,
                          [[-1.2, 1.0], [-1.2, 1.0]], 10)
    for i, rate in enumerate(rates):
        one = gdlib.run(gdlib.Backtracking(rate, loss=rosenbrock.value), rosenbrock.grad, [-1.2, 1.0], 10)
        np.testing.assert_array_equal(many[i].xs, one.xs)
