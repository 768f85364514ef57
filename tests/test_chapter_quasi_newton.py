"""Numbers and claims of the chapter "Conjugate gradients and quasi-Newton methods"
(book/part4/quasi_newton.md)."""

import json
from pathlib import Path

import numpy as np
import pytest

import gdlib
from gdlib.functions import quadratic

from chapter_glue import chapter_namespace, glue_names_in_text, glued

CHAPTER = "part4/quasi_newton"


@pytest.fixture(scope="module")
def g():
    return glued(CHAPTER)


@pytest.fixture(scope="module")
def ns():
    return chapter_namespace(CHAPTER)


def test_every_glued_name_in_the_text_is_computed(g):
    assert glue_names_in_text(CHAPTER) <= set(g)


def hestenes_stiefel(A, b, x, steps):
    """Linear conjugate gradients as Hestenes and Stiefel wrote them (residual form)."""
    r = b - A @ x
    p = r.copy()
    xs = [x.copy()]
    for _ in range(steps):
        if r @ r == 0:
            xs.append(x.copy())
            continue
        Ap = A @ p
        alpha = (r @ r) / (p @ Ap)
        x = x + alpha * p
        r_new = r - alpha * Ap
        p = r_new + (r_new @ r_new) / (r @ r) * p
        r = r_new
        xs.append(x.copy())
    return np.array(xs)


def test_two_steps_on_the_books_quadratic(g):
    A = np.diag(quadratic.eigenvalues)  # f = x^T A x / 2
    xs = hestenes_stiefel(A, np.zeros(2), np.array([-5.0, -2.0]), 2)
    assert np.abs(xs[2]).max() < 1e-14 and np.abs(xs[1]).max() > 1
    assert g["q2_cg_steps"] == 2 and g["q2_x2_err"] < 1e-14
    assert g["q2_cg_steps"] < g["q2_m_steps"] < g["q2_gd_steps"]


def test_cg_is_optimal_over_the_krylov_subspace(ns):
    """gdlib's iterate t minimizes f over x0 + K_t: solve that least-squares problem directly."""
    A, x0 = ns["A"], ns["x0"]
    xs = gdlib.run(gdlib.ConjugateGradient(hessian=ns["big_hessian"]), ns["big_grad"], x0, 12).xs
    g1 = A @ x0
    for t in (1, 3, 6, 12):
        K = np.column_stack([np.linalg.matrix_power(A, k) @ g1 for k in range(t)])
        K, _ = np.linalg.qr(K)
        # minimize (x0 + K c)^T A (x0 + K c) / 2: (K^T A K) c = -K^T A x0
        c = np.linalg.solve(K.T @ A @ K, -K.T @ A @ x0)
        best = x0 + K @ c
        np.testing.assert_allclose(xs[t], best, atol=1e-9 * np.linalg.norm(x0))


def test_the_measured_counts_on_the_large_quadratic(g, ns):
    assert g["big_cg_steps"] < g["big_m_steps"] < g["big_gd_steps"]
    assert g["big_cg_steps"] <= g["big_cg_bound"] and g["big_cg_max_over_bound"] < 1
    # Not d steps in floating point, with or without restarts
    assert g["big_cg_steps"] > g["big_d"] and g["big_cgnr_steps"] > g["big_d"] and g["big_cg_at_d"] > 1e-6
    # Hestenes and Stiefel's own recursion (no restarts) needs about as many steps
    A, x0 = ns["A"], ns["x0"]
    xs = hestenes_stiefel(A, np.zeros(len(x0)), x0, 200)
    err = np.sqrt(np.einsum("ti,ij,tj->t", xs, A, xs) / (x0 @ A @ x0))
    assert abs(int(np.argmax(err < 1e-6)) - g["big_cgnr_steps"]) <= 3
    # Momentum's count is above its worst-case estimate, gradient descent's below it
    assert g["big_m_steps"] > g["big_m_bound"] and g["big_gd_steps"] < g["big_gd_bound"]
    assert g["five_err5"] < 1e-6 < g["five_err4"]


def test_the_tridiagonal_quadratic_holds_cg_to_the_bound(g):
    assert g["tri_m_steps"] == g["tri_bound_steps"]
    assert g["tri_bound_steps"] - 2 <= g["tri_cg_steps"] <= g["tri_bound_steps"] + 5


def test_quasi_newton_claims(g):
    for tag in ("rosen", "lr"):
        names = ("fr", "pr", "bfgs", "lbfgs1", "lbfgs3", "lbfgs10", "lbfgs100")
        steps = [g[f"{tag}_{n}_steps"] for n in names]
        assert g[f"{tag}_fewest_steps"] == min(steps) and g[f"{tag}_most_steps"] == max(steps)
        assert g[f"{tag}_lbfgs100_per_step"] < g[f"{tag}_pr_per_step"]
    # L-BFGS beats BFGS on the logistic regression, and more memory means fewer steps there
    assert g["lr_bfgs_steps"] > 3 * g["lr_lbfgs100_steps"]
    assert (g["lr_lbfgs1_steps"] > g["lr_lbfgs3_steps"] > g["lr_lbfgs10_steps"]
            > g["lr_lbfgs100_steps"])
    assert g["lr_lbfgs100_steps"] < 100  # the run never drops a pair
    assert g["rosen_lbfgs1_steps"] == g["rosen_fewest_steps"]
    assert g["lr_bfgs_eig24"] < g["lr_inv_min"] / 10 < g["lr_lbfgs_gamma24"]
    # SciPy's BFGS and L-BFGS-B show the same gap
    assert g["scipy_bfgs_steps"] > 2 * g["scipy_lbfgs_steps"]
    assert abs(g["scipy_lbfgs_steps"] - g["lr_lbfgs10_steps"]) <= 10


def test_the_evaluation_counts_are_the_calls(ns):
    """state.evaluations counts the calls of the loss the line search made, f(x0) included."""
    problem, start, _ = ns["PROBLEMS"]["rosen"]
    calls = []

    def loss(x):
        calls.append(1)
        return problem.value(x)

    for optimizer in (gdlib.BFGS(loss=loss, grad=problem.grad),
                      gdlib.LBFGS(loss=loss, grad=problem.grad, line_search_fn="strong_wolfe"),
                      gdlib.ConjugateGradient(loss=loss, grad=problem.grad)):
        calls.clear()
        x, state = start, optimizer.init(start)
        for _ in range(20):
            x, state = optimizer.update(x, problem.grad(x), state, optimizer.lr)
        assert int(state.evaluations) == len(calls)


def test_the_torch_record(g):
    record = json.loads((Path(__file__).parent / "reference" / "lbfgs_reference.json").read_text())
    agree = [case["agree"] for case in record["cases"]]
    assert g["torch_cases"] == len(agree) == g["torch_whole"] + g["torch_parted"]
    assert g["torch_parted"] == sum(a is not None for a in agree) > 0
    assert all(g["torch_agree_min"] <= a <= g["torch_agree_max"] for a in agree if a is not None)
    assert all(a < case["steps"] for a, case in zip(agree, record["cases"], strict=True) if a is not None)
