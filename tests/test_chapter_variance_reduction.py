"""Numbers and claims of chapter 17, "Variance reduction" (book/part4/variance_reduction.md)."""

import numpy as np
import pytest

import gdlib

from chapter_glue import chapter_cpu_seconds, chapter_namespace, glued

CHAPTER = "part4/variance_reduction"


@pytest.fixture(scope="module")
def g():
    return glued(CHAPTER)


@pytest.fixture(scope="module")
def ns():
    return chapter_namespace(CHAPTER)


def test_the_variance_reduced_methods_beat_the_noise_ball(g):
    assert g["saga_gap"] < 1e-8 and g["sag_gap"] < 1e-5 and g["svrg_gap"] < 1e-5
    for name in ("sag", "saga", "svrg"):
        assert g[f"{name}_gap"] < g["sgd_ball_min"] / 10
    assert g["decay_gap"] < g["sgd_gap"] and g["decay_gap"] > g["svrg_gap"]
    assert 0.1 < g["saga_factor"] < 0.7  # linear: a constant factor per epoch
    assert g["gap_orders"] > 5 and np.isclose(
        10 ** g["gap_orders"], g["sgd_ball"] / g["saga_gap"])


def test_every_run_spends_the_same_budget(g):
    budget = g["epochs"] * g["n"]
    for name in ("sag", "saga", "svrg", "sgd", "decay"):
        assert budget - 2 <= g[f"{name}_evals"] <= budget
    assert g["sag_steps"] == g["saga_steps"] == budget - g["n"]
    # SVRG: n per snapshot every n steps, plus 2 a step.
    n, t = g["n"], g["svrg_steps"]
    assert g["svrg_evals"] == n * (1 + (t - 1) // n) + 2 * t


def test_the_costs_read_from_the_states(g):
    assert g["table_numbers"] == g["n"] * g["d"] and g["svrg_numbers"] == 2 * g["d"]
    assert g["sag_per_step"] == g["saga_per_step"] == 1 and g["init_evals"] == g["n"]
    assert abs(g["svrg_per_step"] - 3) < 0.01


def test_the_variance_vanishes_and_saga_is_unbiased(g, ns):
    assert abs(g["sgd_var19"] - g["sigma2_star"]) < 0.2 * g["sigma2_star"]
    for name in ("saga", "svrg"):
        assert g[f"{name}_var19"] < 1e-5 * g[f"{name}_var2"]
        assert g[f"{name}_bias19"] < 1e-12 and g[f"{name}_bias2"] < 1e-12
    assert g["sag_bias2"] > 0.1 and g["sag_bias19"] < g["sag_bias2"] / 100
    # Recompute SAGA's variance at epoch 19 by sampling its own batches: the same number.
    problem, state = ns["problem"], ns["runs"]["saga"][2][19]
    x = ns["runs"]["saga"][0][state.t]
    saga = gdlib.SAGA(ns["ETA"], problem=problem)
    steps = np.array([saga.update(x, None, state, 1.0, batch=np.array([j]))[0]
                      for j in range(problem.n)])
    directions = x - steps  # eta = 1: the step is the direction
    assert np.allclose(directions.mean(axis=0), problem.grad(x), atol=1e-12)
    variance = np.mean(np.sum((directions - directions.mean(axis=0)) ** 2, axis=1))
    assert np.isclose(variance, g["saga_var19"], rtol=1e-6)


def test_sigma2_is_the_mean_square_gradient_at_the_minimizer(g, ns):
    problem = ns["problem"]
    grads = problem.example_grads(problem.minimizers[0])
    assert np.allclose(grads.mean(axis=0), 0, atol=1e-10)
    assert np.isclose(np.mean(np.sum(grads**2, axis=1)), g["sigma2_star"])


def test_scikit_learn_agrees(g):
    assert g["sk_distance"] < 1e-8 and g["sk_saga_distance"] < 1e-3
    assert np.isclose(g["sk_C"], 1 / (g["n"] * g["mu"]))


def test_exercises(g):
    assert g["ex2_diff"] < 1e-15
    assert g["ex1_kappa"] > 100 * g["n"] and g["ex1_gap"] > 100 * g["saga_gap"]


def test_the_chapter_cells_fit_their_budget():
    assert chapter_cpu_seconds(CHAPTER) < 5.0
