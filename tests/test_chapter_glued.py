"""The numbers on the page: every value a chapter glues, checked where the book derives it.

``chapter_glue.glued`` runs a chapter's code cells as the build does and returns what
they glue. Each test below reads those values and recomputes them another way: with
gdlib's runs, with gdlib.rates, or from a formula the text states. A chapter that
prints a wrong number, or a number from a different rule, fails here by name.
"""

import numpy as np
import pytest

import gdlib
from book_notebooks import notebook_pages
from chapter_glue import glue_names_in_text, glued
from gdlib import rates
from gdlib.functions import Quadratic, quadratic, xcos

@pytest.mark.parametrize("chapter", notebook_pages())  # the preface and every chapter
def test_every_glued_name_in_the_text_is_computed(chapter):
    missing = glue_names_in_text(chapter) - set(glued(chapter))
    assert not missing, f"book/{chapter}.md prints {sorted(missing)}, which no cell glues"


def test_chapter_2_step_counts_follow_one_rule():
    g = glued("part1/why_gd_works")
    # the run's first step below 1e-6 is the rule's count, for both the slow and the oscillating run
    assert g["steps_slow"] == g["steps_osc"] == g["steps_formula_slow"] == np.ceil(g["log_ratio_slow"])
    assert g["q_steps_star"] == rates.steps_to_tolerance(g["q_rate_star"], 1e-6)
    assert g["q_steps_safe"] == rates.steps_to_tolerance(g["q_rate_safe"], 1e-6)
    run = gdlib.run(gdlib.GD(lr=g["q_eta_star"]), quadratic.grad, np.array([-5.0, -2.0]), 200)
    shrink = np.abs(run.xs / run.xs[0]).max(axis=1)  # both coordinates shrink by the same factor
    assert int(np.argmax(shrink <= 1e-6 * (1 + 1e-9))) == g["q_steps_star"]


def test_chapter_2_figure_2_3_runs_end_on_the_same_side():
    g = glued("part1/why_gd_works")
    assert g["x10_slow"] == pytest.approx(g["x10_osc"], rel=1e-12) and g["x10_osc"] > 0


def test_chapter_2_exercise_1_edge_of_stability():
    g = glued("part1/why_gd_works")
    for tag, eta_lam in (("05", 0.5), ("15", 1.5), ("20", 2.0), ("199", 1.99)):
        assert g[f"ex1_x10_{tag}"] == pytest.approx((1 - eta_lam) ** 10, rel=1e-12)


def test_chapter_3_explorer_large_rates_end_in_the_left_valley():
    g = glued("part1/gd_in_practice")
    lo = g["explorer_left_from"]
    assert g["limit_global"] < lo < g["limit_local"]
    local = xcos.minimizers[0]
    for lr, converges in ((lo + 0.001, True), (0.29, True), (0.32, False)):
        xs = gdlib.run(gdlib.GD(lr=lr), xcos.grad, 0.5, 400).xs[-100:]
        assert np.all(xs < 0.2739)  # in the left valley, converging below its limit or not
        assert (abs(xs[-1] - local) < 1e-6) == converges == (lr < g["limit_local"])
    cycle = gdlib.run(gdlib.GD(lr=lo - 0.001), xcos.grad, 0.5, 400).xs[-100:]
    assert np.all(cycle > 0.2739)


def test_chapter_4_noise_ball_and_shuffling():
    g = glued("part2/sgd")
    assert g["ball_ratio"] == pytest.approx(np.sqrt(5), rel=0.1)  # eq-noise-ball
    assert g["eta2_limit"] == pytest.approx(1 / (g["n_ls"] * g["lam_max_ls"]))
    assert g["spread_ratio"] == pytest.approx(g["spread_without"] / g["spread_with"])
    # inside the eta^2 regime shuffling helps far more than at eta = 0.01
    assert g["spread_ratio_small"] < 0.2 * g["spread_ratio"]
    assert g["epoch_contraction"] > 1 > 0.01 * g["n_ls"] * g["lam_max_ls"] / 10


def test_chapter_4_noise_ball_schedules_use_the_stated_t0():
    from pathlib import Path
    script = (Path(__file__).parents[1] / "book/examples/part2/sgd/plot_noise_ball.py").read_text()
    t0 = glued("part2/sgd")["noise_t0"]
    assert script.count(f"t0={t0})") == 2


def test_chapter_4_exercise_1():
    g = glued("part2/sgd")
    assert g["ex1_e_steps"] == pytest.approx(1 / (0.005 * g["ex1_lam_min"]))
    assert g["ex1_plateau_ratio"] == pytest.approx(np.sqrt(20))


def test_chapter_5_theory_and_runs():
    g = glued("part2/momentum")
    for k in (20, 100):
        lam = Quadratic(0.1, 0.1 * k).eigenvalues
        assert g[f"theory_gd_{k}"] == rates.steps_to_tolerance(rates.gd_optimal(*lam).rate, 1e-6)
        assert g[f"steps_gd_{k}"] == g[f"theory_gd_{k}"]  # "matches its rate to the step"
        assert g[f"theory_m_{k}"] < g[f"steps_m_{k}"]  # "needs somewhat more steps"


def test_chapter_5_ratios_signed_and_absolute():
    g = glued("part2/momentum")
    # signed: about 1/(1 - gamma) = 2 on both coordinates; absolute: 2 where gradients agree
    assert g["signed_ratio_x1"] == pytest.approx(2, abs=0.02)
    assert g["signed_ratio_x2"] == pytest.approx(2, abs=0.02)
    assert g["agree_ratio"] == pytest.approx(g["signed_ratio_x1"])  # one sign: the same sums
    assert g["alternate_ratio"] < 1


def test_chapter_5_ema_figures():
    g = glued("part2/momentum")
    for gamma in (0.5, 0.9, 0.98):
        tag = round(100 * gamma)
        assert g[f"noisy_y1_{tag}"] == pytest.approx((1 - gamma) * g["noisy_u1"])
        assert g[f"noisy_y1_corrected_{tag}"] == pytest.approx(g["noisy_u1"])
    for gamma in (0.8, 0.9, 0.95):
        assert g[f"cut_weight_{round(100 * gamma)}"] < g["inv_e"]  # the dot below the circle


def test_chapter_5_exercises_2_and_4():
    g = glued("part2/momentum")
    weights = gdlib.ema(np.ones(200), 0.9)  # the sum of the weights after t steps
    assert g["ex2_steps"] == 1 + int(np.argmax(weights >= 0.99 * (1 - 1e-12))) == 44
    assert g["ex4_steps_gd"] / g["ex4_steps_m"] == pytest.approx(100, rel=0.01)
    assert g["ex4_rate_m"] == pytest.approx(99 / 101)


def test_chapter_7_recovery_and_adadelta_growth():
    g = glued("part2/rmsprop")
    for gamma, tag in ((0.9, "90"), (0.99, "99")):
        s = gamma ** np.arange(2000)  # s_t after the drop, relative to its start
        assert g[f"recover_{tag}"] == int(np.argmax(s <= 0.01 * (1 + 1e-12)))
    # the measured growth over 400 steps stays below the steady-gradient formula, which is ~2
    assert 1 < g["dd_growth_6"] < g["dd_steady_growth"] < g["dd_constant_growth"] < 2.5
    # eq-adadelta-growth approximates a constant-gradient run to within its stated head start
    assert g["dd_constant_400"] == pytest.approx(g["dd_steady_400"], rel=0.15)
    assert g["dd_steady_400"] == pytest.approx(np.sqrt(1e-6 * (1 + 0.1 * 399)))


def test_chapter_9_escape_and_schedules():
    g = glued("part2/choosing")
    assert g["gd_escape_steps"] == g["escape_gd"]
    assert g["ex3_gd_steps_6"] == np.ceil(g["ex3_gd_6"]) and g["ex3_gd_steps_12"] == np.ceil(g["ex3_gd_12"])
    assert g["n_all"] == g["n_train"] + g["n_test"]
    table = g["tbl_sched"].data
    for n in ("sgd", "adam"):
        column = 2 if n == "sgd" else 4
        means = {row.split(" | ")[0].strip("| "): float(row.split(" | ")[column].strip("| "))
                 for row in table.splitlines()[2:]}
        for label in ("step", "exponential", "1/t"):
            side = "better" if means[label] < means["constant"] else "worse"
            assert label in g[f"decays_{side}_{n}"].data, (n, label)
            # the Chinese edition's sentence pastes the same list, in Chinese
            zh = {"step": "阶梯衰减", "exponential": "指数衰减", "1/t": "1/t 衰减"}[label]
            assert zh in g[f"decays_{side}_{n}_zh"].data, (n, label)


def test_chapter_3_exercise_1_two_cycle():
    g = glued("part1/gd_in_practice")
    lo, hi = g["ex_cycle_lo"], g["ex_cycle_hi"]
    step = gdlib.run(gdlib.GD(lr=0.2), xcos.grad, lo, 2).xs  # lo -> hi -> lo
    np.testing.assert_allclose(step, [lo, hi, lo], atol=1e-5)  # the page prints 4 decimals
    assert g["ex_cycle_product"] == pytest.approx((1 - 0.2 * xcos.hessian(lo)) * (1 - 0.2 * xcos.hessian(hi)))
    assert abs(g["ex_cycle_product"]) < 1 < abs(g["ex_factor"])


def test_chapter_3_exercise_4_step_21():
    g = glued("part1/gd_in_practice")
    xs = gdlib.run(gdlib.GD(lr=1.000542), xcos.article_grad, -1.0, 21).xs
    assert g["c_21"] == xs[21] and g["c_art"] == xs[20]


def test_chapter_8_exercises_1_and_3():
    g = glued("part2/adam")
    assert g["ex1_uncorrected"] == pytest.approx(1 - 0.99**100)  # eq-adam-weights
    # equal noise: both weights decay alike, and more slowly than AdamW's uniform decay
    assert g["ex3_l2_x1"] == pytest.approx(g["ex3_l2_x2"], rel=0.05)
    assert min(g["ex3_l2_x1"], g["ex3_l2_x2"]) > g["decay_T"]
    assert g["decay_T"] == pytest.approx((1 - 1e-3 * 1.0) ** 2000)
