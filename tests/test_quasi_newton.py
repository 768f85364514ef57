"""ConjugateGradient, BFGS and LBFGS (issue 22): hand computations of their first steps,
linear conjugate gradients on quadratics, the secant equation, the two-loop recursion,
the strong-Wolfe search, bad arguments, and LBFGS against ``torch.optim.LBFGS``.

PyTorch's runs are recorded in ``reference/lbfgs_reference.json`` (written by
``reference/make_lbfgs_reference.py``, which defines the cases), so these tests need
no PyTorch; when it is installed they run it live as well.
"""

import json
from pathlib import Path

import numpy as np
import pytest

import gdlib
from gdlib.functions import LeastSquares, quadratic, rosenbrock, xcos
from gdlib.optimizers.quasi_newton import bfgs_update
from gdlib.optimizers.wolfe import cubic_minimizer, strong_wolfe
from reference import make_lbfgs_reference

RECORD = json.loads((Path(__file__).parent / "reference" / "lbfgs_reference.json").read_text())
CASES = {case["name"]: case for case in RECORD["cases"]}
try:
    import torch  # noqa: F401

    SOURCES = ["recorded", "live"]
except ImportError:
    SOURCES = ["recorded"]


def wolfe_lbfgs(f, **kwargs):
    return gdlib.LBFGS(loss=f.value, grad=f.grad, line_search_fn="strong_wolfe", **kwargs)


def steps(optimizer, grad, x0, n):
    """The iterates and the states of ``n`` steps driven by hand."""
    x = np.asarray(x0, dtype=np.float64)
    state = optimizer.init(x)
    xs, states = [x], [state]
    for _ in range(n):
        x, state = optimizer.update(x, grad(x), state, optimizer.lr)
        xs.append(x)
        states.append(state)
    return np.array(xs), states


def spd_quadratic(d=6, seed=3):
    """A least-squares problem: a d-dimensional quadratic with a positive definite Hessian
    (condition number about 20)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(3 * d, d)) * np.geomspace(1, 4, d)
    return LeastSquares(X, rng.normal(size=3 * d))


# -- LBFGS against torch.optim.LBFGS -----------------------------------------------------


def lbfgs_of(case):
    f = make_lbfgs_reference.objective(case["problem"])
    kwargs = dict(case["kwargs"])
    if kwargs.get("line_search_fn"):
        kwargs.update(loss=f.value, grad=f.grad)
    return gdlib.LBFGS(**kwargs), f


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("name", CASES)
def test_lbfgs_takes_torch_steps(name, source):
    """Through ``agree`` steps (all of them when None) the iterates equal torch's to rtol
    1e-10, and so do the evaluation counts (torch counts one more per step: the closure
    call each ``step`` starts with); after that rounding has parted them, but they end
    within 1e-4 of each other."""
    case = CASES[name]
    if source == "recorded":
        theirs, evaluations = np.array(case["result"]), case["func_evals"]
    else:
        theirs, evaluations = make_lbfgs_reference.run_torch(case)
    optimizer, f = lbfgs_of(case)
    ours, states = steps(optimizer, f.grad, case["x0"], case["steps"])
    agree = case["agree"] if case["agree"] is not None else case["steps"]
    np.testing.assert_allclose(ours[: agree + 1], theirs[: agree + 1], rtol=1e-10, atol=0)
    np.testing.assert_allclose(ours[-1], theirs[-1], rtol=1e-4)
    searched = optimizer.line_search_fn is not None
    ours_counted = [t + int(s.evaluations) - searched for t, s in enumerate(states[1:], 1)]
    assert ours_counted[:agree] == evaluations[:agree]


def test_the_records_converge():
    """The recorded runs end at the minimum (to 1e-9, or 1e-5 relative for the logistic
    regressions): the parity covers the whole descent."""
    for case in RECORD["cases"]:
        f = make_lbfgs_reference.objective(case["problem"])
        gap = f.value(np.array(case["result"][-1])) - f.value(f.minimizers[0])
        assert 0 <= gap < (1e-5 * f.value(f.minimizers[0]) if case["problem"]["objective"] == "logistic"
                           else 1e-9), case["name"]


# -- first steps by hand -----------------------------------------------------------------


def test_lbfgs_first_step_is_a_gradient_step_of_length_lr_over_the_l1_norm():
    x0 = np.array([-1.2, 1.0])
    g = rosenbrock.grad(x0)  # (-215.6, -88): |g|_1 = 303.6
    xs, states = steps(gdlib.LBFGS(0.5), rosenbrock.grad, x0, 1)
    np.testing.assert_allclose(xs[1], x0 - 0.5 * g / 303.6, rtol=1e-15)
    assert states[1].iteration == 1 and states[1].pairs == 0 and states[1].evaluations == 0
    small = gdlib.run(gdlib.LBFGS(0.5), lambda x: 0.1 * x, [1.0, 2.0], 1).xs  # |g|_1 < 1: no scaling
    np.testing.assert_allclose(small[1], [0.95, 1.9], rtol=1e-15)


def test_lbfgs_second_step_is_bfgs_from_the_scaled_identity_by_hand():
    x0 = np.array([-1.2, 1.0])
    xs, states = steps(gdlib.LBFGS(), rosenbrock.grad, x0, 2)
    g0, g1 = rosenbrock.grad(xs[0]), rosenbrock.grad(xs[1])
    s, y = xs[1] - xs[0], g1 - g0
    gamma = (s @ y) / (y @ y)
    rho = 1 / (s @ y)
    V = np.eye(2) - rho * np.outer(y, s)
    H = V.T @ (gamma * np.eye(2)) @ V + rho * np.outer(s, s)
    np.testing.assert_allclose(xs[2], xs[1] - H @ g1, rtol=1e-12)
    assert states[2].pairs == 1 and states[2].scale == pytest.approx(gamma, rel=1e-14)


def test_first_step_with_the_line_search_by_hand():
    """On 0.1 x^2 + 2 y^2 from (-5, -2), g = (-1, -8): the first trial 1/|g|_1 = 1/9
    satisfies both Wolfe conditions, so LBFGS and BFGS take it, after two evaluations
    (f(x0) and the trial)."""
    x0 = np.array([-5.0, -2.0])
    f0, g = 10.5, np.array([-1.0, -8.0])
    x1 = x0 - g / 9
    f1, g1 = quadratic.value(x1), quadratic.grad(x1)
    assert f1 <= f0 - 1e-4 * (g @ g) / 9 and abs(g1 @ -g) <= 0.9 * (g @ g)  # the two conditions
    for optimizer in (wolfe_lbfgs(quadratic), gdlib.BFGS(loss=quadratic.value, grad=quadratic.grad)):
        xs, states = steps(optimizer, quadratic.grad, x0, 1)
        np.testing.assert_allclose(xs[1], x1, rtol=1e-15)
        assert states[1].evaluations == 2 and states[1].value == pytest.approx(f1, rel=1e-15)


def test_lbfgs_equals_bfgs_for_two_steps_then_rescales():
    """Both start from H = I, then gamma I updated by one pair; from the third step L-BFGS
    rescales gamma with the newest pair and BFGS keeps its matrix, so they part, whatever
    the history size."""
    lbfgs = wolfe_lbfgs(rosenbrock, history_size=100)
    bfgs = gdlib.BFGS(loss=rosenbrock.value, grad=rosenbrock.grad)
    a, _ = steps(lbfgs, rosenbrock.grad, [-1.2, 1.0], 6)
    b, _ = steps(bfgs, rosenbrock.grad, [-1.2, 1.0], 6)
    np.testing.assert_allclose(a[:3], b[:3], rtol=1e-12)
    assert np.max(np.abs(a[3:] - b[3:])) > 1e-3


def test_two_loop_direction_is_bfgs_of_the_scaled_identity_by_the_stored_pairs():
    """Each direction of LBFGS is -H g, H the dense BFGS update of (scale) I by its stored
    pairs, oldest first; the pairs are the last history_size steps and gradient changes."""
    f = spd_quadratic(d=5)
    for m in (2, 3, 100):
        xs, states = steps(wolfe_lbfgs(f, history_size=m), f.grad, np.zeros(5), 7)
        for t in range(2, 7):
            g = f.grad(xs[t])
            _, state = gdlib.LBFGS(history_size=m).update(xs[t], g, states[t], 1.0)
            pairs = int(state.pairs)
            assert pairs == min(t, m)
            H = state.scale * np.eye(5)
            for s, y in zip(state.s[:pairs], state.y[:pairs]):
                H = bfgs_update(H, s, y)
            np.testing.assert_allclose(state.direction, -H @ g, rtol=1e-9, atol=1e-13)
            for k in range(pairs):  # oldest first, the newest last
                step = xs[t - k] - xs[t - k - 1]
                change = f.grad(xs[t - k]) - f.grad(xs[t - k - 1])
                np.testing.assert_allclose(state.s[pairs - 1 - k], step, rtol=1e-12, atol=1e-15)
                np.testing.assert_allclose(state.y[pairs - 1 - k], change, rtol=1e-12, atol=1e-15)


# -- BFGS --------------------------------------------------------------------------------


def test_bfgs_inverse_hessian_satisfies_the_secant_equation_and_stays_positive_definite():
    bfgs = gdlib.BFGS(loss=rosenbrock.value, grad=rosenbrock.grad)
    xs, states = steps(bfgs, rosenbrock.grad, [-1.2, 1.0], 25)
    assert states[-1].updates >= 20
    for t in range(2, 25):
        H = states[t].inverse_hessian
        s, y = xs[t - 1] - xs[t - 2], rosenbrock.grad(xs[t - 1]) - rosenbrock.grad(xs[t - 2])
        if states[t].updates > states[t - 1].updates:  # H_t was updated with (s, y)
            np.testing.assert_allclose(H @ y, s, rtol=1e-8, atol=1e-14)
        np.testing.assert_allclose(H, H.T, rtol=1e-12, atol=1e-15)
        assert np.all(np.linalg.eigvalsh(H) > 0)


def test_bfgs_first_update_scales_the_identity():
    bfgs = gdlib.BFGS(loss=rosenbrock.value, grad=rosenbrock.grad)
    xs, states = steps(bfgs, rosenbrock.grad, [-1.2, 1.0], 2)
    s, y = xs[1] - xs[0], rosenbrock.grad(xs[1]) - rosenbrock.grad(xs[0])
    expected = bfgs_update((s @ y) / (y @ y) * np.eye(2), s, y)
    np.testing.assert_allclose(states[2].inverse_hessian, expected, rtol=1e-12)


def test_bfgs_skips_the_update_when_the_curvature_condition_fails():
    bfgs = gdlib.BFGS(loss=rosenbrock.value, grad=rosenbrock.grad)
    x0 = np.array([-1.2, 1.0])
    _, states = steps(bfgs, rosenbrock.grad, x0, 1)
    x1 = x0 + states[1].s
    # A previous gradient for which y . s < 0: the pair would break positive definiteness.
    g1 = rosenbrock.grad(x1)
    fake = states[1]._replace(previous_grad=g1 + 10 * states[1].s / np.linalg.norm(states[1].s))
    assert (g1 - fake.previous_grad) @ fake.s < 0
    _, after = bfgs.update(x1, g1, fake, 1.0)
    np.testing.assert_array_equal(after.inverse_hessian, np.eye(2))
    assert after.updates == 0 and after.iteration == 2


def test_bfgs_reaches_rosenbrocks_minimizer():
    bfgs = gdlib.BFGS(loss=rosenbrock.value, grad=rosenbrock.grad)
    traj = gdlib.run(bfgs, rosenbrock.grad, [-1.2, 1.0], 40)
    np.testing.assert_allclose(traj.final, [1.0, 1.0], atol=1e-5)


# -- conjugate gradients -----------------------------------------------------------------


@pytest.mark.parametrize("beta", ["polak-ribiere", "fletcher-reeves"])
def test_cg_with_the_exact_step_reaches_the_minimizer_of_a_quadratic_in_d_steps(beta):
    f = spd_quadratic(d=6)
    x0 = np.full(6, 3.0)
    cg = gdlib.ConjugateGradient(beta=beta, hessian=f.hessian)
    xs = gdlib.run(cg, f.grad, x0, 6).xs
    minimizer = f.minimizers[0]
    np.testing.assert_allclose(xs[6], minimizer, rtol=1e-10, atol=1e-12)
    assert np.linalg.norm(xs[5] - minimizer) > 1e-6  # not before: d steps are needed here


def test_cg_iterates_minimize_over_the_krylov_subspaces():
    """x_t minimizes f over x0 + span{g, A g, ..., A^(t-1) g}, and the directions are
    A-conjugate: linear conjugate gradients."""
    f = spd_quadratic(d=6)
    A, x0 = f.hessian(), np.full(6, 3.0)
    xs = gdlib.run(gdlib.ConjugateGradient(hessian=f.hessian), f.grad, x0, 6).xs
    g0 = f.grad(x0)
    for t in range(1, 7):
        K = np.linalg.qr(np.column_stack([np.linalg.matrix_power(A, k) @ g0 for k in range(t)]))[0]
        c = np.linalg.solve(K.T @ A @ K, -K.T @ g0)  # the best point of x0 + range(K)
        np.testing.assert_allclose(xs[t], x0 + K @ c, rtol=1e-8, atol=1e-10)
    d = np.diff(xs, axis=0)
    conjugacy = d @ A @ d.T
    off = conjugacy - np.diag(np.diag(conjugacy))
    assert np.max(np.abs(off)) < 1e-10 * np.max(np.diag(conjugacy))


def test_cg_first_step_is_the_exact_gradient_step_by_hand():
    # 0.1 x^2 + 2 y^2 from (-5, -2): g = (-1, -8), A = diag(0.2, 4), alpha = 65 / 256.2.
    xs = gdlib.run(gdlib.ConjugateGradient(hessian=quadratic.hessian), quadratic.grad,
                   [-5.0, -2.0], 1).xs
    np.testing.assert_allclose(xs[1], [-5 + 65 / 256.2, -2 + 8 * 65 / 256.2], rtol=1e-15)
    half = gdlib.run(gdlib.ConjugateGradient(0.5, hessian=quadratic.hessian), quadratic.grad,
                     [-5.0, -2.0], 1).xs
    np.testing.assert_allclose(half[1], [-5 + 32.5 / 256.2, -2 + 8 * 32.5 / 256.2], rtol=1e-15)


def test_cg_restarting_every_step_is_steepest_descent_with_the_exact_step():
    f = spd_quadratic(d=4)
    A = f.hessian()
    x = np.ones(4)
    xs = gdlib.run(gdlib.ConjugateGradient(hessian=f.hessian, restart=1), f.grad, x, 5).xs
    for t in range(1, 6):
        g = f.grad(x)
        x = x - (g @ g) / (g @ A @ g) * g
        np.testing.assert_allclose(xs[t], x, rtol=1e-12)


def state_after_one_step(beta, g_prev, d_prev):
    cg = gdlib.ConjugateGradient(beta=beta, hessian=lambda x: np.eye(2))
    state = cg.init(np.zeros(2))._replace(since_restart=np.array(1), direction=np.array(d_prev),
                                          previous_grad=np.array(g_prev))
    return cg, state


@pytest.mark.parametrize("beta, expected", [("fletcher-reeves", [-0.25, 0.25]),
                                            ("polak-ribiere", [-1.0, 0.0])])
def test_cg_beta_formulas_and_the_pr_plus_clip(beta, expected):
    """g = (1, 0), g_prev = (2, 0), d_prev = (3, 1): FR's beta = 1/4; PR's is -1/4, clipped
    to 0 (PR+), so the direction is -g."""
    cg, state = state_after_one_step(beta, [2.0, 0.0], [3.0, 1.0])
    x, new = cg.update(np.zeros(2), np.array([1.0, 0.0]), state, 1.0)
    np.testing.assert_allclose(new.direction, expected, rtol=1e-15)
    d = np.array(expected)
    np.testing.assert_allclose(x, -(np.array([1.0, 0.0]) @ d) / (d @ d) * d, rtol=1e-15)


def test_cg_restarts_when_the_direction_is_not_downhill():
    """FR with g = g_prev = (1, 0) and d_prev = (3, 0): -g + d_prev = (2, 0) points uphill,
    so the step restarts along -g."""
    cg, state = state_after_one_step("fletcher-reeves", [1.0, 0.0], [3.0, 0.0])
    _, new = cg.update(np.zeros(2), np.array([1.0, 0.0]), state, 1.0)
    np.testing.assert_array_equal(new.direction, [-1.0, 0.0])
    assert new.since_restart == 1


def test_cg_restarts_every_d_steps_by_default():
    f = spd_quadratic(d=3)
    _, states = steps(gdlib.ConjugateGradient(hessian=f.hessian), f.grad, np.ones(3), 7)
    assert [int(s.since_restart) for s in states] == [0, 1, 2, 0, 1, 2, 0, 1]


@pytest.mark.parametrize("beta", ["polak-ribiere", "fletcher-reeves"])
def test_cg_with_the_line_search_minimizes_rosenbrock(beta):
    cg = gdlib.ConjugateGradient(beta=beta, loss=rosenbrock.value, grad=rosenbrock.grad)
    xs, states = steps(cg, rosenbrock.grad, [-1.2, 1.0], 60)
    np.testing.assert_allclose(xs[-1], [1.0, 1.0], atol=1e-6)
    values = rosenbrock.value(xs)
    assert np.all(np.diff(values) <= 0)  # sufficient decrease at every step
    assert states[-1].evaluations > 60


def test_cg_after_a_search_that_found_no_step_tries_the_first_steps_trial_again():
    """N&W's trial is proportional to the last step, 0 after a failed search; the search
    would then only try 0: the first step's trial is used instead."""
    cg = gdlib.ConjugateGradient(loss=quadratic.value, grad=quadratic.grad)
    x = np.array([-5.0, -2.0])
    fresh = cg.init(x)._replace(value=np.array(quadratic.value(x)))
    after_failure = fresh._replace(decrease=np.array(0.0))
    a, state_a = cg.update(x, quadratic.grad(x), fresh, 1.0)
    b, state_b = cg.update(x, quadratic.grad(x), after_failure, 1.0)
    assert not np.array_equal(a, x)
    np.testing.assert_array_equal(a, b)
    assert state_a.evaluations == state_b.evaluations < 5


def test_cg_with_a_nonpositive_curvature_stops_the_run():
    traj = gdlib.run(gdlib.ConjugateGradient(hessian=lambda x: -np.eye(2)), lambda x: x, [1.0, 2.0], 3)
    assert traj.stop == "non-finite iterate" and traj.n_steps == 0


# -- the line search ---------------------------------------------------------------------


def test_cubic_interpolation_finds_the_minimizer_of_a_cubic():
    # c(t) = t^3 - 3 t: minimizer t = 1; from t = 0 and t = 2.
    c, dc = (lambda t: t**3 - 3 * t), (lambda t: 3 * t**2 - 3)
    assert cubic_minimizer(0.0, c(0.0), dc(0.0), 2.0, c(2.0), dc(2.0)) == pytest.approx(1.0, abs=1e-15)
    assert cubic_minimizer(2.0, c(2.0), dc(2.0), 0.0, c(0.0), dc(0.0)) == pytest.approx(1.0, abs=1e-15)
    assert cubic_minimizer(0.0, c(0.0), dc(0.0), 2.0, c(2.0), dc(2.0), bounds=(1.5, 3.0)) == 1.5
    # A cubic without a minimizer (d1^2 < s1 s2): the middle of the bounds.
    assert cubic_minimizer(0.0, 0.0, 5.0, 1.0, 10 / 3, 5.0, bounds=(2.0, 4.0)) == 3.0


@pytest.mark.parametrize("t0", [1e-4, 0.3, 1.0, 30.0])
def test_strong_wolfe_returns_a_step_that_satisfies_both_conditions(t0):
    x, d = np.array([-1.2, 1.0]), -rosenbrock.grad(np.array([-1.2, 1.0]))
    d = d / np.linalg.norm(d)
    g = rosenbrock.grad(x)
    f0, slope = rosenbrock.value(x), g @ d
    f, g_new, t, trials = strong_wolfe(lambda t: (rosenbrock.value(x + t * d), rosenbrock.grad(x + t * d)),
                                       t0, d, f0, g, slope)
    assert f == rosenbrock.value(x + t * d) and np.array_equal(g_new, rosenbrock.grad(x + t * d))
    assert f <= f0 + 1e-4 * t * slope
    assert abs(g_new @ d) <= 0.9 * abs(slope)
    assert 1 <= trials <= 26


def test_strong_wolfe_zooms_until_its_interval_is_shorter_than_tolerance_change():
    """phi(t) = (t - 1)^2 from the trial t = 3, which fails sufficient decrease: the bracket
    is [0, 3]; the zoom finds the minimizer 1 (a cubic interpolates a quadratic exactly),
    unless tolerance_change already exceeds the bracket, when the low end 0 is returned."""
    def evaluate(t):
        return (t - 1) ** 2, np.array([2 * (t - 1)])

    args = (3.0, np.array([1.0]), 1.0, np.array([-2.0]), -2.0)
    f, g, t, trials = strong_wolfe(evaluate, *args)
    assert (t, f, trials) == (pytest.approx(1.0, abs=1e-15), pytest.approx(0.0, abs=1e-30), 2)
    f, g, t, trials = strong_wolfe(evaluate, *args, tolerance_change=3.5)
    assert (t, f, trials) == (0, 1.0, 1) and np.array_equal(g, [-2.0])


def test_strong_wolfe_out_of_trials_returns_the_better_of_0_and_the_last_trial():
    """On the line phi(t) = -t every trial passes sufficient decrease and none flattens
    the slope, so the search extrapolates (the cubic's minimizer is at infinity: 10 t each
    time) until max_trials are spent, and returns the last trial, the lower end."""
    def evaluate(t):
        return -t, np.array([-1.0])

    f, g, t, trials = strong_wolfe(evaluate, 1.0, np.array([1.0]), 0.0, np.array([-1.0]), -1.0,
                                   max_trials=3)
    assert (t, f, trials) == (1000.0, -1000.0, 4)
    assert cubic_minimizer(0.0, 0.0, -1.0, 1.0, -1.0, -1.0, bounds=(1.01, 10.0)) == 10.0


def test_strong_wolfe_returns_the_lowest_point_it_evaluated():
    """On 2000 wiggly lines -t + q t^2 + A sin(w t) the search returns the lowest value it
    met: the zoom keeps its lowest point as the bracket's low end. The one exception is
    the early extrapolation (the bump case of the record): a second trial above the first
    that satisfies both conditions is taken."""
    rng = np.random.default_rng(0)
    for _ in range(2000):
        A, w, t0, q = rng.uniform(0.05, 1), rng.uniform(1, 10), rng.uniform(0.3, 5), rng.uniform(0.01, 1)
        slope = -1 + A * w
        if slope >= 0:
            continue
        seen = []

        def evaluate(t):
            seen.append(-t + q * t**2 + A * np.sin(w * t))
            return seen[-1], np.array([-1 + 2 * q * t + A * w * np.cos(w * t)])

        f, _, t, trials = strong_wolfe(evaluate, t0, np.array([1.0]), 0.0, np.array([slope]), slope)
        assert f == min(seen) or (trials == 2 and f == seen[1] > seen[0]), (A, w, t0, q)


# -- stationary points, tolerances, points --------------------------------------------------


def test_no_step_at_a_stationary_point_or_along_a_flat_direction():
    lbfgs = gdlib.LBFGS()
    x = np.array([1.0, 1.0])
    x1, state = lbfgs.update(x, np.zeros(2), lbfgs.init(x), 1.0)
    np.testing.assert_array_equal(x1, x)
    assert state.iteration == 0
    # |g| above tolerance_grad, slope -|g|^2 = -1e-12 above -tolerance_change: no step,
    # but the iteration counts, as in torch.
    x1, state = lbfgs.update(x, np.array([1e-6, 0.0]), lbfgs.init(x), 1.0)
    np.testing.assert_array_equal(x1, x)
    assert state.iteration == 1


def test_one_number_per_point_and_run_many_equal_run():
    opt = gdlib.LBFGS(loss=xcos.value, grad=xcos.grad, line_search_fn="strong_wolfe", point_ndim=0)
    traj = gdlib.run(opt, xcos.grad, 0.5, 12)
    assert traj.final == pytest.approx(1.090408, abs=1e-6)
    many = gdlib.run_many(opt, xcos.grad, [0.5, -0.3, 1.5], 12)
    for i, x0 in enumerate([0.5, -0.3, 1.5]):
        np.testing.assert_array_equal(many[i].xs, gdlib.run(opt, xcos.grad, x0, 12).xs)


def test_run_many_of_logistic_regression_equals_run():
    case = CASES["logistic, strong Wolfe, history 5"]
    opt, f = lbfgs_of(case)
    x0 = np.array([np.zeros(5), np.full(5, 0.1)])
    many = gdlib.run_many(opt, f.grad, x0, 10)
    for i in range(2):
        np.testing.assert_allclose(many[i].xs, gdlib.run(opt, f.grad, x0[i], 10).xs, rtol=1e-12)


def test_a_bad_gradient_in_the_search_is_refused_naming_grad():
    def grad(x):
        return np.zeros(3)

    opt = gdlib.BFGS(loss=rosenbrock.value, grad=grad)
    with pytest.raises(ValueError, match="grad 'grad'.*shape"):
        gdlib.run(opt, rosenbrock.grad, [-1.2, 1.0], 1)


@pytest.mark.parametrize("make, name", [
    (lambda: gdlib.LBFGS(0.0), "lr"), (lambda: gdlib.LBFGS(history_size=0), "history_size"),
    (lambda: gdlib.LBFGS(history_size=2.0), "history_size"),
    (lambda: gdlib.LBFGS(line_search_fn="wolfe"), "line_search_fn"),
    (lambda: gdlib.LBFGS(loss=rosenbrock.value), "loss"),
    (lambda: gdlib.LBFGS(line_search_fn="strong_wolfe", loss=rosenbrock.value), "grad"),
    (lambda: gdlib.LBFGS(line_search_fn="strong_wolfe", grad=rosenbrock.grad), "loss"),
    (lambda: gdlib.LBFGS(tolerance_grad=-1.0), "tolerance_grad"),
    (lambda: gdlib.LBFGS(tolerance_change=float("nan")), "tolerance_change"),
    (lambda: gdlib.LBFGS(point_ndim=2), "point_ndim"),
    (lambda: gdlib.BFGS(loss=rosenbrock.value), "grad"),
    (lambda: gdlib.BFGS(loss=3.0, grad=rosenbrock.grad), "loss"),
    (lambda: gdlib.BFGS(-1.0, loss=rosenbrock.value, grad=rosenbrock.grad), "lr"),
    (lambda: gdlib.ConjugateGradient(), "hessian"),
    (lambda: gdlib.ConjugateGradient(loss=rosenbrock.value), "grad"),
    (lambda: gdlib.ConjugateGradient(hessian=rosenbrock.hessian, loss=rosenbrock.value), "hessian"),
    (lambda: gdlib.ConjugateGradient(hessian=rosenbrock.hessian, beta="hestenes-stiefel"), "beta"),
    (lambda: gdlib.ConjugateGradient(hessian=rosenbrock.hessian, restart=0), "restart"),
    (lambda: gdlib.ConjugateGradient(hessian="H"), "hessian"),
])
def test_bad_arguments_are_refused_by_name(make, name):
    with pytest.raises((TypeError, ValueError), match=rf"\b{name}\b"):
        make()


def test_replace_keeps_the_functions():
    opt = wolfe_lbfgs(rosenbrock, history_size=5).replace(lr=0.5)
    assert opt.history_size == 5 and opt.loss == rosenbrock.value and opt.lr == 0.5


def test_cg_steps_where_the_curvature_along_a_tiny_direction_underflows():
    """Near the minimizer the direction is tiny: with |d| = 1e-161 on 0.01 I, d^T H d is
    1e-324, 0 in float64, and the step was NaN (the run stopped; hypothesis found it on a
    3-D quadratic after the iterates had shrunk to 1e-160)."""
    H = 0.01 * np.eye(2)
    traj = gdlib.run(gdlib.ConjugateGradient(hessian=lambda x: H), lambda x: H @ x, np.array([1e-159, 0.0]), 3)
    assert not traj.stopped
    np.testing.assert_array_equal(traj.xs[1], [0.0, 0.0])  # the exact step 1/0.01 lands on 0
