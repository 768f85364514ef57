"""Numbers and claims of the chapter "Newton's method and line search" (book/part3/newton.md)."""

import math

import numpy as np
import pytest

import gdlib
from gdlib.functions import Quadratic, quadratic, xcos

from chapter_glue import glued

CHAPTER = "part3/newton"


@pytest.fixture(scope="module")
def g():
    return glued(CHAPTER)


def test_the_third_derivative_is_right():
    x, h = np.linspace(-1, 2, 7), 1e-5
    finite = (xcos.hessian(x + h) - xcos.hessian(x - h)) / (2 * h)
    third = -3 * np.pi**2 * np.cos(np.pi * x) + np.pi**3 * x * np.sin(np.pi * x)
    np.testing.assert_allclose(third, finite, rtol=1e-6, atol=1e-6)


def test_digits_double_and_the_ratio_is_the_predicted_constant(g):
    digits = [g[f"nt_digits{t}"] for t in range(4)]
    assert all(2 * a - 0.6 < b < 2 * a + 0.6 for a, b in zip(digits[1:-1], digits[2:], strict=True))
    assert math.isclose(g["nt_ratio3"], g["C"], rel_tol=1e-3)
    assert g["nt_e4"] <= g["eps64"] and g["nt_e3"] < 1e-9
    # Gradient descent gains the factor |1 - eta f''(x*)| per step, less than a digit.
    assert math.isclose(g["gd_e4"] / g["gd_e3"], g["gd_factor"], rel_tol=0.05)
    assert g["gd_factor"] > 0.1


def test_newton_climbs_from_one_half_to_the_maximum(g):
    assert g["up_x1"] == 0.25
    assert math.isclose(g["f1_half"], -np.pi / 2) and math.isclose(g["f2_half"], -2 * np.pi)
    assert abs(g["up_final"] - g["x_max"]) < 1e-12 and g["up_f2_final"] < 0
    assert g["up_f_final"] > g["up_f0"] + 0.17


def test_basins(g):
    n = g["n_starts"]
    assert g["gd_to_min"] == n and g["gd_to_max"] == g["gd_outside"] == 0
    for name in ("newton", "damped", "gd", "search"):
        assert g[f"{name}_to_min"] + g[f"{name}_to_max"] + g[f"{name}_none"] == n
    assert g["newton_to_max"] > 0.4 * n and g["damped_to_max"] >= g["newton_to_max"]
    assert g["newton_max_from_concave"] < g["newton_to_max"]  # some from near an inflection point
    assert g["search_to_max"] == 0 and g["search_to_min"] == n and g["search_outside"] > 0


OUTCOMES = ("min_in", "max_in", "max_out", "min_out", "none")


def test_the_outcome_table_adds_up(g):
    """Error 7: each run in exactly one row, rows that add up to the starts, counted anew."""
    starts = np.linspace(-1.0, 2.0, g["n_starts"])
    newton = gdlib.Newton(hessian=xcos.hessian, point_ndim=0)
    ends = np.array([gdlib.run(newton, xcos.grad, x0, 40).final for x0 in starts])
    with np.errstate(invalid="ignore"):
        critical = np.isfinite(ends) & (np.abs(xcos.grad(ends)) < 1e-8)
        is_min = xcos.hessian(ends) > 0
    inside = (ends >= -1) & (ends <= 2)
    recount = {"min_in": critical & is_min & inside, "max_in": critical & ~is_min & inside,
               "max_out": critical & ~is_min & ~inside, "min_out": critical & is_min & ~inside,
               "none": ~critical}
    assert {k: int(v.sum()) for k, v in recount.items()} == {k: g[f"newton_{k}"] for k in OUTCOMES}
    assert [g[f"newton_{k}"] for k in OUTCOMES] == [274, 128, 149, 49, 1]
    for name in ("gd", "newton", "damped", "search"):
        assert sum(g[f"{name}_{k}"] for k in OUTCOMES) == g["n_starts"]
        assert g[f"{name}_max_in"] + g[f"{name}_max_out"] == g[f"{name}_to_max"]
        assert g[f"{name}_min_in"] + g[f"{name}_min_out"] == g[f"{name}_to_min"]
    # The only maximum inside [-1, 2] is the one near 0.27.
    assert np.allclose(ends[recount["max_in"]], g["x_max"])
    # The start that does not settle: f'' = 0 there, and the step divides by zero.
    assert starts[recount["none"]].tolist() == [g["newton_none_at"]] == [0.0]
    assert xcos.hessian(0.0) == 0
    assert g["x_loc"] == pytest.approx(-0.2739, abs=1e-4)


def test_damping_on_the_convex_bowl(g):
    # The Newton map of sqrt(1 + x^2) is x -> -x^3; damped by 1/2, x -> x (1 - x^2) / 2.
    x = 1.1
    for _ in range(4):
        x = -x**3
    assert math.isclose(g["bowl_full_x4"], x, rel_tol=1e-9)
    assert abs(g["bowl_half_x40"]) < 1e-11 and math.isclose(g["bowl_half_ratio"], 0.5, rel_tol=1e-6)
    assert abs(g["bowl_half_far_x4"]) > 1e6  # from 2 > sqrt(3) the damped run diverges too
    assert 0 < g["bowl_search_steps"] <= 30


def test_line_search_on_the_quadratic(g):
    assert g["quad_ls_steps"] > 0 and g["quad_ls_steps"] < g["quad_gd_steps"]
    assert g["quad_rate_count_half"] + g["quad_rate_count_quarter"] + g["quad_rate_count_one"] == g["quad_ls_steps"]
    assert g["quad_halves_before"] and g["quad_ones_after"]
    assert g["quad_x2_after"] == 0.0 and abs(g["quad_x2_before"]) == 2.0
    assert g["quad_quarter_step"] == g["quad_rate_count_half"] + 1
    assert abs(g["quad_gd_lr"] - g["quad_gd_optimal"]) < 0.02
    assert g["quad_newton_steps"] == 1 and g["quad_newton_evals"] == 2


def test_line_search_on_rosenbrock(g):
    assert 0 < g["rosen_ls_steps"] < g["rosen_gd_steps"]
    assert g["rosen_ls_per_step"] > 9
    assert g["rosen_rate_mode"] == 2.0 ** -g["rosen_halvings"] and g["rosen_halvings"] == 9 and g["rosen_rate_mode_share"] > 0.5
    assert abs(g["rosen_rate_mode"] - g["rosen_gd_lr"]) / g["rosen_gd_lr"] < 0.05
    assert 0 < g["rosen_newton_steps"] < 30 and g["rosen_newton_full_rates"] > g["rosen_newton_steps"] / 2
    assert g["rosen_plain_peak"] > 50 * g["rosen_f0"] and g["rosen_plain_steps"] < g["rosen_newton_steps"]


def test_armijo_guaranteed_rate_on_a_smooth_function():
    """Every eta <= 2 (1 - c1) / L passes, so the accepted rate is at least half of that."""
    for problem in (quadratic, Quadratic(0.5, 3.0)):
        L = problem.eigenvalues.max()
        opt = gdlib.Backtracking(loss=problem.value)
        x = np.array([-5.0, -2.0])
        for _ in range(30):
            x, state = opt.update(x, problem.grad(x), opt.init(x), opt.lr)
            assert state.rate >= min(1.0, (1 - opt.c) / L)


def test_the_fixed_newton_on_the_running_example_is_descent():
    opt = gdlib.Backtracking(loss=xcos.value, hessian=xcos.hessian, point_ndim=0)
    runs = gdlib.run_many(opt, xcos.grad, np.linspace(-1, 2, 61), 40, loss=xcos.value)
    assert np.all(np.diff(runs.losses, axis=0) <= 0)
    # Near the minimizer the steps are Newton's: the same iterates, quadratic convergence.
    near = gdlib.run(opt, xcos.grad, 1.3, 4).xs
    np.testing.assert_allclose(near, gdlib.run(gdlib.Newton(hessian=xcos.hessian, point_ndim=0),
                                               xcos.grad, 1.3, 4).xs, rtol=1e-15)


def test_exercises(g):
    assert g["ex1_error"] < 1e-10 and math.isclose(g["ex1_kappa"], 1e6, rel_tol=1e-6)
    assert math.isclose(g["ex2_ratio"], 2 / 3, rel_tol=1e-12)
    assert g["ex2_steps"] == math.ceil(math.log(1e-6) / math.log(2 / 3))
    assert g["ex3_rate"] == 0.25 and g["ex3_x1"] == 0.0 and g["ex3_evals"] == 4
    assert 0.25 <= g["ex3_bound"] < 0.5
    assert g["ex4_root_13"] == pytest.approx(1.5, abs=1e-12) and xcos.value(1.5) == pytest.approx(0)
    assert g["ex4_min_13"] == pytest.approx(g["x_star"], abs=1e-12)
    assert g["ex4_root_05"] == 0.5


def test_the_figure_colours_the_table_rows(g, monkeypatch):
    """Fig. 11.2's strips use the table's categories: its colour codes, counted per method,
    are the glued rows (both minima inside, the maximum inside, maxima outside, minima
    outside, none)."""
    import runpy
    from pathlib import Path

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    monkeypatch.setattr(plt, "show", lambda *a, **k: None)
    script = Path(__file__).parents[1] / "book/examples/part3/newton/plot_newton_basins.py"
    codes = runpy.run_path(str(script))["codes"]
    plt.close("all")
    for row, name in zip(codes, ("gd", "newton", "damped", "search"), strict=True):
        counts = np.bincount(row, minlength=6)
        assert [counts[0] + counts[1], *counts[2:]] == [
            g[f"{name}_{k}"] for k in ("min_in", "max_in", "max_out", "min_out", "none")]
