"""Numbers quoted in the chapter "Stochastic gradient descent" (book/part2/sgd.md)."""

import numpy as np
import pytest

import gdlib
from chapter_glue import glued
from gdlib.functions import LeastSquares
from gdlib.schedules import InversePower



@pytest.fixture(scope="module")
def least_squares():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 2)) @ np.array([[1.0, 0.0], [0.6, 0.5]])
    y = X @ np.array([1.0, -1.0]) + 0.5 * rng.normal(size=200)
    return LeastSquares(X, y)


def per_run_sgd(problem, seed):
    """One example per run and per step, as in the chapter's gallery scripts."""
    rng = np.random.default_rng(seed)

    def grad(w):
        i = rng.integers(problem.n, size=len(w))
        return (np.sum(problem.X[i] * w, axis=1) - problem.y[i])[:, None] * problem.X[i]

    return grad


def test_running_example(least_squares):
    x_star = least_squares.minimizers[0]
    np.testing.assert_allclose(x_star, [0.975, -0.851], atol=5e-4)
    np.testing.assert_allclose(least_squares.grad(x_star), 0, atol=1e-12)
    lam = np.linalg.eigvalsh(least_squares.hessian())
    assert lam[1] / lam[0] == pytest.approx(8.97, abs=0.01)


def test_unbiased(least_squares):
    x = np.array([-1.0, 1.0])
    mean = least_squares.example_grads(x).mean(axis=0)
    np.testing.assert_allclose(mean, least_squares.grad(x), atol=1e-13)


def test_noise_ball_scales_like_sqrt_eta(least_squares):
    x_star = least_squares.minimizers[0]
    x0 = np.tile([-2.0, 3.0], (100, 1))

    def plateau(lr):
        xs = gdlib.run_many(gdlib.GD(lr), per_run_sgd(least_squares, 1), x0, 5000).xs
        return np.sqrt(np.mean(np.sum((xs[-1000:] - x_star) ** 2, axis=-1)))

    big, small = plateau(0.1), plateau(0.02)
    assert big == pytest.approx(0.173, abs=0.005)
    assert small == pytest.approx(0.0726, abs=0.003)
    assert big / small == pytest.approx(np.sqrt(5), rel=0.1)
    decaying = gdlib.run_many(gdlib.GD(InversePower(0.1, power=1, t0=100)),
                              per_run_sgd(least_squares, 1), x0, 5000).xs[-1]
    assert np.sqrt(np.mean(np.sum((decaying - x_star) ** 2, axis=-1))) < 0.5 * small


def test_breast_cancer_problem(breast_cancer):
    assert (breast_cancer.n, breast_cancer.dim) == (569, 31)
    assert int(np.sum(breast_cancer.y == 0)) == 212
    w_star = breast_cancer.minimizers[0]
    assert breast_cancer.value(w_star) == pytest.approx(0.05983, abs=1e-5)
    assert 100 * breast_cancer.accuracy(w_star) == pytest.approx(98.8, abs=0.05)


def test_minibatch_variance_law(breast_cancer):
    n = breast_cancer.n
    grads = breast_cancer.example_grads(breast_cancer.minimizers[0])
    np.testing.assert_allclose(grads.mean(axis=0), 0, atol=1e-10)
    sigma2 = np.mean(np.sum(grads**2, axis=1))
    assert sigma2 == pytest.approx(0.1784, abs=1e-4)
    rng = np.random.default_rng(0)
    b, K = 64, 2000
    first_b = np.argpartition(rng.random((K, n)), b - 1, axis=1)[:, :b]
    measured = np.mean(np.sum(grads[first_b].mean(axis=1) ** 2, axis=1))
    predicted = sigma2 / b * (n - b) / (n - 1)
    assert measured / predicted == pytest.approx(1.014, abs=1e-3)  # the quoted ratio
    assert measured / predicted == pytest.approx(1, abs=0.05)
    # With replacement, the plain 1/b law.
    counts = rng.multinomial(b, np.full(n, 1 / n), size=K)
    with_replacement = np.mean(np.sum((counts @ grads / b) ** 2, axis=1))
    assert with_replacement / (sigma2 / b) == pytest.approx(1, abs=0.07)


def test_examples_missed_in_one_epoch(breast_cancer):
    n = breast_cancer.n
    sampler = breast_cancer.sampler(batch_size=1, seed=0, replace=True)
    seen = np.unique(np.concatenate([sampler.next_batch() for _ in range(n)]))
    assert 100 * (1 - len(seen) / n) == pytest.approx(36.4, abs=0.05)
    assert glued("part2/sgd")["unseen_theory"] == pytest.approx(100 * (1 - 1 / n) ** n)
    assert glued("part2/sgd")["unseen_measured"] == pytest.approx(100 * (1 - len(seen) / n))
    shuffled = breast_cancer.sampler(batch_size=1, seed=0)
    assert len(np.unique(np.concatenate([shuffled.next_batch() for _ in range(n)]))) == n


def test_spread_after_one_epoch(least_squares):
    n, x_star = least_squares.n, least_squares.minimizers[0]

    def spread(replace, seeds=400):
        orders = np.random.default_rng(1)
        if replace:
            index = orders.integers(n, size=(seeds, n))
        else:
            index = orders.permuted(np.tile(np.arange(n), (seeds, 1)), axis=1)
        columns = iter(index.T)

        def grad(w):
            i = next(columns)
            return (np.sum(least_squares.X[i] * w, axis=1) - least_squares.y[i])[:, None] \
                * least_squares.X[i]

        final = gdlib.run_many(gdlib.GD(0.01), grad, np.tile(x_star, (seeds, 1)), n).final
        return np.sqrt(np.mean(np.sum((final - x_star) ** 2, axis=-1)))

    with_, without = spread(True), spread(False)
    page = glued("part2/sgd")  # the page's numbers are these, computed the chapter's way
    assert (page["spread_with"], page["spread_without"]) == pytest.approx((with_, without), rel=1e-12)
    assert with_ == pytest.approx(0.0445, abs=5e-4)
    assert without == pytest.approx(0.0238, abs=5e-4)
    assert without < with_
