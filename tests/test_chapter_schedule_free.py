"""Numbers and claims of chapter 18, "Step sizes without a schedule" (book/part4/schedule_free.md)."""

import math

import numpy as np
import pytest

import gdlib
from gdlib.functions import quadratic

from chapter_glue import chapter_namespace, glue_names_in_text, glued

CHAPTER = "part4/schedule_free"


@pytest.fixture(scope="module")
def g():
    return glued(CHAPTER)


@pytest.fixture(scope="module")
def ns():
    return chapter_namespace(CHAPTER)


def test_every_number_the_text_prints_is_glued(g):
    assert glue_names_in_text(CHAPTER) <= set(g)


def test_the_polyak_steps_on_the_quadratic_by_hand(g):
    """Equation (eq-polyak) written out, without gdlib.Polyak. The steps bounce across the
    valley, and rounding differences grow: the count to the tolerance agrees within a few."""
    x = np.array([-5.0, -2.0])
    for step in range(1, 300):
        grad = quadratic.grad(x)
        x = x - quadratic.value(x) / (grad @ grad) * grad
        if quadratic.value(x) <= g["quad_tol"]:
            break
    assert abs(step - g["quad_polyak_steps"]) <= 5
    assert g["quad_polyak_steps"] < g["quad_gd_steps"] / 1.5


def test_polyak_needs_the_exact_optimal_value(g):
    assert g["logreg_polyak_steps"] < g["logreg_gd_steps"] / 2
    assert g["logreg_zero_best"] > 1e3 * g["logreg_tol"]
    assert g["logreg_zero_final"] > g["logreg_zero_best"]


def test_sps_max_is_sgd_at_its_cap(g):
    for tag in ("reg", "sep"):
        assert g[f"sps_{tag}_capped"] > 0.9
        assert math.isclose(g[f"sps_{tag}_gap"], g[f"sps_{tag}_sgd_gap"], rel_tol=0.05)
    assert g["sps_reg_worst"] > 5 * g["sps_reg_gap"]  # a bad cap costs as much as a bad rate


def test_averages_and_schedules_rank_as_the_text_says(g):
    assert g["gap_tail"] < g["gap_constant"] and g["gap_ema"] < g["gap_constant"]
    assert g["gap_uniform"] > g["gap_tail"]
    assert g["gap_cosine"] < g["gap_tail"] and g["gap_cosine"] < g["gap_wsd"] < g["gap_constant"]
    assert g["sf_over_cosine"] > 1.5 and g["sf_wins"] == g["n_seeds"]
    assert math.isclose(g["cosine_over_constant"], g["gap_constant"] / g["gap_cosine"])


def test_schedule_free_sgd_by_hand(g, ns):
    """Equation (eq-schedule-free) written out on seed 0's batches, against gdlib's state.x."""
    problem, lr = ns["problem"], g["lr_sf"]
    sampler_a, sampler_b = problem.sampler(g["batch"], seed=0), problem.sampler(g["batch"], seed=0)
    optimizer = gdlib.ScheduleFreeSGD(lr)
    x = np.zeros(problem.dim)
    state = optimizer.init(x)
    z = average = y = np.zeros(problem.dim)
    for t in range(1, g["T"] + 1):
        x, state = optimizer.update(x, sampler_a(x), state, lr)
        z = z - lr * sampler_b(y)
        average = (1 - 1 / t) * average + z / t
        y = 0.9 * average + 0.1 * z
    np.testing.assert_allclose(state.x, average, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(x, y, rtol=1e-10, atol=1e-12)


def test_the_wsd_schedule(g, ns):
    wsd = ns["WarmupStableDecay"](2.0, g["T"], g["warmup"], g["decay"])
    t = np.arange(1, g["T"] + 1)
    rates = wsd(t)
    assert rates[0] == 2.0 / g["warmup"] and rates[g["warmup"] - 1] == 2.0
    assert np.all(rates[g["warmup"] - 1: g["T"] - g["decay"] + 1] == 2.0)
    assert rates[-1] == 2.0 / g["decay"] and np.all(np.diff(rates[-g["decay"]:]) < 0)


def test_exercises(g):
    assert g["ex1_x1"] == 0.5 and g["ex1_x3"] == 0.125
    assert g["ex2_diff"] < 1e-12 and g["ex2_gap"] > 5 * g["gap_sf"]
