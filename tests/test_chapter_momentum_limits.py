"""Claims of the chapter "The limits of momentum" (book/part3/momentum_limits.md).

Each test reads the numbers the page prints (``glued``) and recomputes them another
way: with gdlib runs, with gdlib.rates, or from the formula the text states.
"""

import numpy as np
import pytest

import gdlib
from chapter_glue import chapter_namespace, glued
from gdlib import rates
from gdlib.functions import Quadratic, quadratic

CHAPTER = "part3/momentum_limits"


@pytest.fixture(scope="module")
def g():
    return glued(CHAPTER)


def test_a_run_is_the_momentum_polynomial(g):
    """Eq. (polynomial): coordinate i of a run from ones is p_t(lambda_i), by the recurrence."""
    assert g["poly_run_gap"] < 1e-12
    best = rates.momentum_optimal(0.01, 1.0)
    lam = np.array([0.01, 0.3, 1.0])
    xs = gdlib.run(gdlib.Momentum(best.lr, gamma=best.gamma), lambda x: lam * x, np.ones(3), 3).xs
    a, gamma = best.lr * lam, best.gamma
    p2 = (1 + gamma - a) * (1 - a) - gamma
    p3 = (1 + gamma - a) * p2 - gamma * (1 - a)
    np.testing.assert_allclose(xs[1:], [1 - a, p2, p3], rtol=1e-12, atol=1e-15)


def test_the_polynomial_maxima(g):
    r, t = g["r"], g["t_poly"]
    assert r == pytest.approx(9 / 11)
    assert g["max_gd"] == pytest.approx(rates.gd_optimal(0.01, 1.0).rate ** t)
    assert g["max_cheb"] == pytest.approx(g["max_cheb_formula"], rel=1e-9)
    assert g["r_t"] < g["max_cheb"] < 2 * g["r_t"]
    assert g["max_m"] == pytest.approx(g["max_m_formula"], rel=1e-9)
    # the momentum maximum is at lambda_max, with the sign of (-r)^t
    best = rates.momentum_optimal(0.01, 1.0)
    p = chapter_namespace(CHAPTER)["momentum_polynomial"](best.lr, best.gamma, np.array([1.0]), t)
    assert p[0] == pytest.approx((1 + (1 + r) * t) * (-r) ** t, rel=1e-9)
    assert g["max_cheb"] < g["max_m"] < g["max_gd"]


def test_nesterov_quadratic(g):
    assert g["c"] == pytest.approx(0.2475)
    assert 0.01 < g["tri_eig_min"] < g["tri_eig_max"] < 1.0
    assert g["star_residual"] < 1e-15 and g["star_solve_gap"] < 1e-12


def test_momentum_sits_on_the_bound_exercise_1(g):
    ns = chapter_namespace(CHAPTER)
    r, c = g["r"], g["c"]
    best = rates.momentum_optimal(0.01, 1.0)
    assert best.lr * c == pytest.approx(r) == pytest.approx(g["ex1_lr_c"])
    assert best.gamma == pytest.approx(r**2)
    xs = gdlib.run(gdlib.Momentum(best.lr, gamma=best.gamma), ns["tridiagonal_grad"], np.zeros(400),
                   40).xs
    for t in (1, 2, 10, 40):
        expected = np.zeros(400)
        expected[:t] = r ** np.arange(1, t + 1)
        np.testing.assert_allclose(xs[t], expected, rtol=0, atol=1e-13)
    assert g["m_on_bound"] < 1e-9


def test_no_first_order_method_leaves_the_first_t_coordinates(g):
    """Any iterate in the span of the gradients is zero beyond coordinate t (here: GD, Nesterov)."""
    ns = chapter_namespace(CHAPTER)
    for opt in (gdlib.GD(1.0), gdlib.Nesterov(2.0, gamma=0.5)):
        xs = gdlib.run(opt, ns["tridiagonal_grad"], np.zeros(400), 30).xs
        for t in (1, 5, 30):
            assert not xs[t, t:].any()
            tail = np.linalg.norm(ns["x_star"][t:]) / np.linalg.norm(ns["x_star"])
            assert tail == pytest.approx(g["r"] ** t)
            assert np.linalg.norm(xs[t] - ns["x_star"]) / np.linalg.norm(ns["x_star"]) >= tail


def test_steps_on_the_tridiagonal_quadratic(g):
    assert g["steps_m"] == g["steps_bound"] == rates.steps_to_tolerance(g["r"], 1e-6) == 69
    assert g["steps_gd"] < g["steps_gd_theory"] == 691
    assert g["gd_rate_measured"] < g["gd_rate"]
    assert 5 < g["steps_gd"] / g["steps_m"] < 15  # "of the order of sqrt(kappa) = 10"


def test_critical_damping(g):
    a = g["a_crit"]
    assert g["gamma_c"] == pytest.approx(0.64)
    assert g["crit_rho"] == pytest.approx(0.8) == pytest.approx(g["companion_eig"], abs=1e-6)
    assert g["argmin_gamma"] == pytest.approx(g["gamma_c"])
    assert g["over_signs"] == g["crit_signs"] == 0 < g["under_signs"]
    assert g["under_rho"] == pytest.approx(np.sqrt(0.9))
    for tag in ("over", "crit", "under"):
        assert g[f"{tag}_measured"] == pytest.approx(g[f"{tag}_rho"], rel=5e-3)
    assert g["crit_rho"] < g["over_rho"] < g["gd_crit_rho"] == 1 - a
    assert g["crit_x60"] < g["over_x60"] and abs(g["crit_x60"]) < abs(g["under_x60"])
    # the companion matrix has the spectral radius of Part II's map (gdlib.rates.momentum_rate)
    gamma = 0.9
    companion = np.array([[1 + gamma - a, -gamma], [1.0, 0.0]])
    assert np.abs(np.linalg.eigvals(companion)).max() == pytest.approx(rates.momentum_rate(1.0, gamma, [a]))


def test_part2_optimum_is_critically_damped_at_lam_min(g):
    assert g["opt20_a_min"] == pytest.approx(g["opt20_crit"], rel=1e-12)
    best = rates.momentum_optimal(*quadratic.eigenvalues)
    assert (g["opt20_lr"], g["opt20_gamma"]) == (best.lr, best.gamma)


def test_phase_diagram(g):
    assert g["phase_agree"] == g["phase_points"] == 210
    assert g["phase_runs"] == 360
    assert g["phase_gap"] < 0.02
    assert g["phase_wrong_side"] == 0


def test_region_boundaries_on_single_runs():
    """One run in each region of the table behaves as the table says."""
    for a, gamma, behaviour in ((0.05, 0.5, "creeps"), (1.0, 0.5, "spirals"), (2.95, 0.5, "flips"),
                                (3.05, 0.5, "diverges")):
        xs = gdlib.run(gdlib.Momentum(a, gamma=gamma), lambda x: x, 1.0, 300).xs
        flips = np.sign(xs[1:]) != np.sign(xs[:-1])
        if behaviour == "creeps":
            assert not flips.any() and abs(xs[-1]) < 1
        elif behaviour == "spirals":
            assert flips.any() and not flips[1:].all() and abs(xs[-1]) < 1
        elif behaviour == "flips":
            assert flips[1:].all() and abs(xs[-1]) < 1
        else:
            assert abs(xs[-1]) > 1


def stationary_by_lyapunov(lr, gamma, lam, sigma):
    """The stationary variance from the 2x2 linear system, P = M P M^T + Q, by iteration."""
    a = lr * lam
    M = np.array([[1 + gamma - a, -gamma], [1.0, 0.0]])
    Q = np.array([[(lr * sigma) ** 2, 0.0], [0.0, 0.0]])
    P = np.zeros((2, 2))
    for _ in range(20000):
        P = M @ P @ M.T + Q
    return P[0, 0]


@pytest.mark.parametrize("lr, gamma",
                         [(0.1, 0.0), (0.05, 0.5), (0.01, 0.9), (0.1, 0.9), (0.5, 0.3)])
def test_stationary_variance_formula(lr, gamma):
    ns = chapter_namespace(CHAPTER)
    v = ns["stationary_variance"](lr, gamma, 1.0, 1.0)
    assert v == pytest.approx(stationary_by_lyapunov(lr, gamma, 1.0, 1.0), rel=1e-9)
    # Eq. (variance-effective)
    eff = lr / (1 - gamma)
    assert v == pytest.approx(eff / 2 / (1 - eff * (1 - gamma) / (2 * (1 + gamma))), rel=1e-12)


def test_measured_variances(g):
    for tag in ("sgd", "eff5", "eff9", "fix9"):
        assert g[f"var_{tag}"] == pytest.approx(g[f"var_{tag}_pred"], rel=0.03), tag
    assert g["var_max_rel_error"] < 0.03
    assert g["var_ratio_fix9"] == pytest.approx(g["var_fix9_pred"] / g["var_sgd_pred"])
    # at a fixed effective rate the variance barely moves; at a fixed rate it grows about tenfold
    assert abs(g["var_eff9_pred"] / g["var_sgd_pred"] - 1) < 0.06
    assert 9 < g["var_ratio_fix9"] < 11


def test_noisy_ill_conditioned_quadratic(g):
    lam_i = np.array(Quadratic(0.1, 10.0).eigenvalues)
    assert g["m100_eff"] == pytest.approx(1 / np.sqrt(lam_i.prod())) == g["m100_eff_formula"]
    assert g["gd100_lr"] == pytest.approx(2 / lam_i.sum())
    assert g["floor_gd_measured"] == pytest.approx(g["floor_gd"], rel=0.1)
    assert g["floor_m_measured"] == pytest.approx(g["floor_m"], rel=0.1)
    assert g["floor_m"] > 4 * g["floor_gd"]
    assert g["reach_m"] * 3 < g["reach_gd"]
    assert g["peak_m"] > g["loss0"] == g["peak_gd"] == 2000


def test_exercises(g):
    assert g["ex2_gamma_c"] == pytest.approx(0.49) and g["ex2_rho"] == pytest.approx(0.7)
    assert (g["ex2_steps"], g["ex2_steps_gd"]) == (39, 147)
    xs = np.abs(gdlib.run(gdlib.Momentum(0.09, gamma=0.49), lambda x: x, 1.0, 200).xs)
    assert int(np.argmax(xs < 1e-6)) == g["ex2_steps_run"] > g["ex2_steps"]
    assert g["ex3_exact"] == pytest.approx(stationary_by_lyapunov(0.01, 0.9, 1.0, 1.0), rel=1e-9)
    assert g["ex3_approx"] == pytest.approx(0.05)
    r = 99 / 101
    steps = lambda bound: next(t for t in range(1, 10**5) if bound(t) <= 1e-6)
    assert g["ex4_steps_r"] == steps(lambda t: r**t)
    assert g["ex4_steps_cheb"] == steps(lambda t: 2 * r**t / (1 + r ** (2 * t)))
    assert g["ex4_steps_m"] == steps(lambda t: (1 + (1 + r) * t) * r**t)
    assert g["ex4_steps_cheb"] - g["ex4_steps_r"] == pytest.approx(g["ex4_factor2"], abs=1)
    assert g["ex4_steps_gd"] == rates.steps_to_tolerance(9999 / 10001, 1e-6)
    assert g["ex4_steps_r"] < g["ex4_steps_cheb"] < g["ex4_steps_m"] < g["ex4_steps_gd"] / 50


def test_chebyshev_for_one_and_two_steps(g):
    """Confusion 20: C_1 and C_2 worked out. p*_1 is one step of gradient descent at its
    best rate 2 / (lambda_min + lambda_max); p*_2 is two steps of gradient descent at the
    reciprocals of its roots; their maxima are 2r/(1 + r^2) and 2r^2/(1 + r^4)."""
    from numpy.polynomial import Chebyshev
    r, z0 = g["r"], g["cheb_z0"]
    assert z0 == pytest.approx(101 / 99)
    best = rates.gd_optimal(0.01, 1.0)
    assert g["cheb1_lr"] == pytest.approx(best.lr)
    assert g["cheb1_max"] == pytest.approx(best.rate, rel=1e-9)
    assert g["cheb1_max"] == pytest.approx(g["cheb1_formula"], rel=1e-9)
    assert g["cheb1_formula"] == pytest.approx(1 / Chebyshev.basis(1)(z0))
    assert g["cheb2_max"] == pytest.approx(1 / Chebyshev.basis(2)(z0), rel=1e-9)
    assert g["cheb2_max"] == pytest.approx(g["cheb2_formula"], rel=1e-9)
    assert g["cheb2_gap"] < 1e-12
    # the two rates are the reciprocals of the roots of C_2(z(lambda)): z = -+1/sqrt(2)
    for lr in (g["cheb2_lr_a"], g["cheb2_lr_b"]):
        z = (1.01 - 2 / lr) / 0.99
        assert Chebyshev.basis(2)(z) == pytest.approx(0, abs=1e-12)
    # two Chebyshev steps beat two steps at the best constant rate
    assert g["gd2_max"] == pytest.approx(best.rate**2)
    assert g["cheb2_max"] < g["gd2_max"]


def test_adaptive_methods_keep_the_zero_pattern_on_nesterovs_quadratic(g):
    """Confusion 19: AdaGrad, RMSProp and Adam are not in the span of past gradients, but
    on Nesterov's quadratic from 0 their coordinates beyond t are still 0 after t steps,
    so the bound r^t holds for them there too."""
    assert g["adaptive_leaks"] == 0
    assert g["adaptive_ratio"] >= 1
    assert g["adaptive_best"] > 1e6 * g["r_120"]
    assert g["r_120"] == pytest.approx(g["r"] ** 120)
    # recomputed here for Adam at one rate: the support grows by one coordinate per step
    ns = chapter_namespace(CHAPTER)
    xs = gdlib.run(gdlib.Adam(0.05), ns["tridiagonal_grad"], np.zeros(400), 30).xs
    touched = [int(np.flatnonzero(x).max()) + 1 if x.any() else 0 for x in xs]
    assert touched == list(range(31))
