"""gdlib.rates: the rates and step counts the chapters quote, against real runs."""

import numpy as np
import pytest

import gdlib
from gdlib import rates
from gdlib.functions import Quadratic


@pytest.mark.parametrize("rate", [0.1, 0.5, -0.7, 0.9, 19 / 21, 0.95, 0.9999])
@pytest.mark.parametrize("tol", [0.5, 1e-2, 1e-6, 1e-12])
def test_steps_is_the_first_whole_step_below_the_tolerance(rate, tol):
    steps = rates.steps_to_tolerance(rate, tol)
    # independent: multiply step by step until the error is below tol
    error, t = 1.0, 0
    while error > tol * (1 + 1e-12):
        error *= abs(rate)
        t += 1
    assert steps == t


def test_steps_match_a_gradient_descent_run_on_a_one_dimensional_quadratic():
    # each step multiplies x by 1 - eta lambda exactly, so the run reaches tol at the predicted step
    for factor in (0.7, -0.7, 0.3):
        xs = gdlib.run(gdlib.GD(lr=(1 - factor) / 2.0), lambda x: 2.0 * x, 1.0, steps=200).xs
        first = int(np.argmax(np.abs(xs) <= 1e-6))
        assert first == rates.steps_to_tolerance(factor, 1e-6)


def test_rounding_is_up_not_to_nearest():
    # ln(1e-6) / ln(19/21) = 138.04: the 139th step is the first below the tolerance
    assert rates.steps_to_tolerance(19 / 21, 1e-6) == 139


def test_steps_edge_cases():
    assert rates.steps_to_tolerance(0.5, 1.0) == 0
    assert rates.steps_to_tolerance(0.0, 1e-6) == 1
    for bad in (1.0, -1.0, 1.5):
        with pytest.raises(ValueError, match="rate"):
            rates.steps_to_tolerance(bad, 1e-6)
    with pytest.raises(ValueError, match="tol"):
        rates.steps_to_tolerance(0.5, 0.0)
    with pytest.raises(TypeError, match="rate"):
        rates.steps_to_tolerance("0.5", 1e-6)


def test_gd_optimal_is_the_minimum_of_gd_rate_and_is_measured_by_a_run():
    problem = Quadratic(0.1, 2.0)
    lam_min, lam_max = problem.eigenvalues
    best = rates.gd_optimal(lam_min, lam_max)
    etas = np.linspace(0.01, 0.49, 4801)
    radii = np.array([rates.gd_rate(eta, [lam_min, lam_max]) for eta in etas])
    assert etas[radii.argmin()] == pytest.approx(best.lr, abs=1e-4)
    assert radii.min() == pytest.approx(best.rate, abs=1e-4)
    traj = gdlib.run(gdlib.GD(lr=best.lr), problem.grad, np.array([-5.0, -2.0]), steps=30)
    np.testing.assert_allclose(np.abs(traj.xs[-1] / traj.xs[-2]), best.rate, rtol=1e-10)


def test_momentum_optimal_rate_is_the_spectral_radius_of_the_momentum_map():
    lam_min, lam_max = 0.2, 4.0
    best = rates.momentum_optimal(lam_min, lam_max)
    assert best.rate == pytest.approx(np.sqrt(best.gamma))
    for lam in (lam_min, 1.0, lam_max):
        a = best.lr * lam
        radius = np.abs(np.linalg.eigvals([[best.gamma, a], [-best.gamma, 1 - a]])).max()
        assert radius == pytest.approx(best.rate, rel=1e-6)
    # and a gdlib run at these parameters converges at about that rate
    problem = Quadratic(0.1, 2.0)
    traj = gdlib.run(gdlib.Momentum(best.lr, gamma=best.gamma), problem.grad,
                     np.array([-5.0, -2.0]), steps=400)
    norms = np.linalg.norm(traj.xs, axis=1)
    measured = (norms[400] / norms[200]) ** (1 / 200)
    assert measured == pytest.approx(best.rate, rel=0.02)


def test_momentum_rate_is_what_a_momentum_run_measures():
    """On f = lambda x^2 / 2 the error of gdlib.Momentum shrinks by momentum_rate per step,
    for under-, critically and over-damped settings, and diverges above 1."""
    for lr, gamma, lam in ((0.1, 0.5, 2.0), (0.5, 0.09, 1.0), (0.3, 0.9, 4.0), (1.0, 0.5, 3.05)):
        rate = rates.momentum_rate(lr, gamma, [lam])
        xs = gdlib.run(gdlib.Momentum(lr, gamma=gamma), lambda x: lam * x, 1.0, 400).xs
        envelope = [np.abs(xs[t:t + 25]).max() for t in (200, 300)]  # over an oscillation's period
        assert (envelope[1] / envelope[0]) ** (1 / 100) == pytest.approx(rate, rel=0.02)
    assert rates.momentum_rate(0.25, 0.0, [0.2, 4.0]) == rates.gd_rate(0.25, [0.2, 4.0])  # gamma = 0
    with pytest.raises(ValueError, match="gamma"):
        rates.momentum_rate(0.1, 1.0, [1.0])


def test_bad_eigenvalues_are_refused_by_name():
    with pytest.raises(ValueError, match="lam_min"):
        rates.gd_optimal(4.0, 0.2)
    with pytest.raises(ValueError, match="lam_max"):
        rates.momentum_optimal(0.2, -1.0)
    with pytest.raises(ValueError, match="eigenvalues"):
        rates.gd_rate(0.1, [])
