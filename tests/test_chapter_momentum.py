"""Numbers quoted in the chapter "Momentum" (book/part2/momentum.md)."""

import numpy as np
import pytest

import gdlib
from gdlib import rates
from gdlib.functions import Quadratic, quadratic

from chapter_glue import glued
from test_published import D2L_PRINTED

D2L = {name: printed for name, _, _, printed in D2L_PRINTED}

X0 = np.array([-5.0, -2.0])


@pytest.mark.parametrize("tag, printed", [("gd04", "gd, eta 0.4"), ("gd06", "gd, eta 0.6"),
                                           ("mom0605", "momentum, eta 0.6, beta 0.5"),
                                           ("mom06025", "momentum, eta 0.6, beta 0.25")])
def test_the_chapter_prints_what_d2l_prints(tag, printed):
    """The chapter says its x_20 are "the values printed by Dive into Deep Learning";
    test_published checks gdlib against those; this checks the page."""
    g = glued("part2/momentum")
    page = [f"{g[f'{tag}_x1']:.6f}", f"{g[f'{tag}_x2']:.6f}"]
    assert page == [f"{v:.6f}" for v in D2L[printed]]


def test_momentum_0405_is_printed_to_six_decimals():
    g = glued("part2/momentum")
    final = gdlib.run(gdlib.Momentum(0.4, gamma=0.5), quadratic.grad, X0, 20).final
    np.testing.assert_allclose([g["mom0405_x1"], g["mom0405_x2"]], final, rtol=0, atol=0)
    np.testing.assert_allclose(final, (-0.062843, 0.001202), atol=5e-7)


def test_pytorch_form_is_equivalent():
    """v = gamma v + g, x -= eta v gives the same iterates for a constant eta."""
    lr, gamma = 0.4, 0.5
    x, b = X0.copy(), np.zeros(2)
    xs = [x.copy()]
    for _ in range(20):
        b = gamma * b + quadratic.grad(x)
        x = x - lr * b
        xs.append(x.copy())
    np.testing.assert_allclose(gdlib.run(gdlib.Momentum(lr, gamma=gamma), quadratic.grad, X0, 20).xs,
                               xs, rtol=1e-12, atol=1e-14)


def test_gd_factors():
    """The page's per-coordinate factors are what a gdlib run measures."""
    g = glued("part2/momentum")
    assert (g["lam_min"], g["lam_max"], g["kappa"]) == (0.2, 4.0, 20.0)
    for tag, lr in (("04", 0.4), ("06", 0.6)):
        xs = gdlib.run(gdlib.GD(lr), quadratic.grad, X0, 3).xs
        np.testing.assert_allclose(xs[1:] / xs[:-1], [[g[f"gd{tag}_f1"], g[f"gd{tag}_f2"]]] * 3)
    assert g["eta_limit"] == 2 / g["lam_max"]


def test_ema_weights_sum_to_one_minus_gamma_t():
    # The weights of the unrolled EMA sum to 1 - gamma^t, as gdlib.ema shows on ones.
    t = np.arange(1, 51)
    np.testing.assert_allclose(gdlib.ema(np.ones(50), 0.9), 1 - 0.9**t)


def test_momentum_is_an_ema_of_scaled_gradients():
    rng = np.random.default_rng(0)
    g = rng.normal(size=(30, 2))
    lr, gamma = 0.3, 0.8
    velocity = gdlib.ema(lr * g / (1 - gamma), gamma)
    xs = gdlib.run(gdlib.Momentum(lr, gamma=gamma), lambda x, it=iter(g): next(it), np.zeros(2), 30).xs
    np.testing.assert_allclose(xs[:-1] - xs[1:], velocity, rtol=1e-12, atol=1e-14)


def test_agreeing_and_alternating():
    traj = gdlib.run(gdlib.Momentum(0.4, gamma=0.5), quadratic.grad, X0, 20)
    taken = np.abs(traj.xs[:-1] - traj.xs[1:]).sum(axis=0)
    gradient = np.abs(0.4 * quadratic.grad(traj.xs[:-1])).sum(axis=0)
    np.testing.assert_allclose(taken / gradient, [1.99, 0.75], atol=5e-3)
    gd = gdlib.run(gdlib.GD(0.4), quadratic.grad, X0, 20).final
    assert abs(gd[0] / traj.final[0]) == pytest.approx(15, abs=0.05)


@pytest.mark.parametrize("kappa", [20, 100, 1e4])
def test_optimal_rates_match_spectral_radii(kappa):
    lam_min, lam_max = 0.2, 0.2 * kappa
    gd, momentum = rates.gd_optimal(lam_min, lam_max), rates.momentum_optimal(lam_min, lam_max)
    assert rates.gd_rate(gd.lr, [lam_min, lam_max]) == pytest.approx((kappa - 1) / (kappa + 1))
    # Double roots at the optimum: the rate is the same for every eigenvalue in between.
    for lam in np.linspace(lam_min, lam_max, 7):
        assert rates.momentum_rate(momentum.lr, momentum.gamma, [lam]) == pytest.approx(momentum.rate, abs=1e-6)
    # No other (lr, gamma) on a grid does better.
    grid_lr, grid_gamma = np.meshgrid(np.linspace(0.5, 1.5, 41) * momentum.lr, np.linspace(0, 0.99, 100))
    best = min(rates.momentum_rate(a, g, [lam_min, lam_max]) for a, g in zip(grid_lr.ravel(), grid_gamma.ravel()))
    assert best >= momentum.rate - 1e-6


@pytest.mark.parametrize("kappa", [20, 100])
def test_steps_to_one_millionth(kappa):
    """Gradient descent matches its rate to the step; momentum takes a few steps more than
    its rate says (its error is not a pure power of the rate), and far fewer than GD."""
    problem = Quadratic(0.1, 0.1 * kappa)
    lam_min, lam_max = problem.eigenvalues
    gd, momentum = rates.gd_optimal(lam_min, lam_max), rates.momentum_optimal(lam_min, lam_max)

    def steps(optimizer):
        xs = gdlib.run(optimizer, problem.grad, X0, 2000).xs
        return int(np.argmax(np.linalg.norm(xs, axis=1) / np.linalg.norm(X0) < 1e-6))

    gd_steps, momentum_steps = steps(gdlib.GD(gd.lr)), steps(gdlib.Momentum(momentum.lr, gamma=momentum.gamma))
    assert gd_steps == rates.steps_to_tolerance(gd.rate, 1e-6)
    theory_m = rates.steps_to_tolerance(momentum.rate, 1e-6)
    assert theory_m < momentum_steps < 1.5 * theory_m and momentum_steps < gd_steps / 3


def test_convergence_region_edge():
    """Momentum converges for eta lambda < 2 (1 + gamma), as the chapter says, in gdlib's runs."""
    for gamma in (0.0, 0.5, 0.9):
        for factor, converges in ((0.999, True), (1.001, False)):
            lam = 2 * (1 + gamma) * factor
            assert (rates.momentum_rate(1.0, gamma, [lam]) < 1) == converges
            end = gdlib.run(gdlib.Momentum(1.0, gamma=gamma), lambda x: lam * x, 1.0, 20_000).xs[-1]
            assert (abs(end) < 1e-3) == converges


def test_nesterov_change_of_variables():
    """gdlib.Nesterov equals the look-ahead form with x = y - gamma v."""
    lr, gamma = 0.1, 0.9
    y, v = X0.copy(), np.zeros(2)
    xs = [X0.copy()]
    for _ in range(30):
        v = gamma * v + lr * quadratic.grad(y - gamma * v)
        y = y - v
        xs.append(y - gamma * v)
    np.testing.assert_allclose(gdlib.run(gdlib.Nesterov(lr, gamma=gamma), quadratic.grad, X0, 30).xs,
                               xs, rtol=1e-12, atol=1e-14)


def test_nesterov_steep_direction_rates():
    """The page's contraction factors along the steep direction, measured on gdlib runs."""
    g = glued("part2/momentum")
    steep = lambda x: 4.0 * x  # the steep direction of the quadratic, lambda = 4
    for name, optimizer in (("hb_steep", gdlib.Momentum(0.1, gamma=0.9)),
                            ("nag_steep", gdlib.Nesterov(0.1, gamma=0.9))):
        xs = np.abs(gdlib.run(optimizer, steep, 1.0, 400).xs)
        # the envelope of |x_t| shrinks by the spectral radius per step
        measured = (xs[300:400].max() / xs[200:300].max()) ** (1 / 100)
        assert measured == pytest.approx(g[name], rel=5e-3), name
    assert g["hb_steep"] == pytest.approx(np.sqrt(0.9))  # complex roots: sqrt(gamma)


def test_nesterov_figure_plots_the_look_ahead_points():
    """Fig. fig-nesterov draws gdlib.Nesterov's iterates, the points x where the gradients
    are taken; the page says how far the textbook sequence x~ = x + gamma v runs ahead."""
    g = glued("part2/momentum")
    lr, gamma = 0.1, 0.9
    x_tilde, v = X0.copy(), np.zeros(2)
    ahead = []
    for _ in range(60):  # the look-ahead form, eq-nesterov-lookahead, written out
        v = gamma * v + lr * quadratic.grad(x_tilde - gamma * v)
        x_tilde = x_tilde - v
        ahead.append(np.linalg.norm(gamma * v))
    assert g["nag_ahead_max"] == pytest.approx(max(ahead), rel=1e-12)
    assert g["nag_ahead_max_t"] == 1 + int(np.argmax(ahead))
    assert g["nag_ahead_60"] == pytest.approx(ahead[-1], rel=1e-9)
    assert g["nag_ahead_60"] < 0.03 * g["nag_ahead_max"]  # they converge together


def test_nesterov_figure_swings_across_the_steep_direction():
    """The caption's swings of |x_2|: the largest |x_2| between two sign changes."""
    g = glued("part2/momentum")
    for name, optimizer in (("hb", gdlib.Momentum(0.1, gamma=0.9)),
                            ("nag", gdlib.Nesterov(0.1, gamma=0.9))):
        x2 = gdlib.run(optimizer, quadratic.grad, X0, 60).xs[:, 1]
        x2 = x2[np.abs(x2) > 1e-12]  # an exact zero belongs to no swing
        swings = [np.abs(part).max() for part in np.split(x2, np.flatnonzero(np.diff(np.sign(x2))) + 1)]
        # the first part is the start, -2, before the first crossing
        assert [g[f"{name}_swing1"], g[f"{name}_swing2"]] == pytest.approx(swings[1:3], rel=1e-12)
    assert g["nag_swing2"] / g["nag_swing1"] < 0.25 < 0.75 < g["hb_swing2"] / g["hb_swing1"]


def test_nesterov_is_closer_than_heavy_ball_at_every_step():
    """Fig. 5.7's description: Nesterov's distance to the minimizer lies below heavy ball's
    at every step after the start."""
    distance = {name: np.linalg.norm(gdlib.run(opt, quadratic.grad, X0, 60).xs, axis=1)
                for name, opt in (("hb", gdlib.Momentum(0.1, gamma=0.9)),
                                  ("nag", gdlib.Nesterov(0.1, gamma=0.9)))}
    assert distance["nag"][0] == distance["hb"][0]
    assert np.all(distance["nag"][1:] < distance["hb"][1:])
