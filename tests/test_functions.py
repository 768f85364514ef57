"""Objectives: analytic gradients and Hessians against finite differences, minimizers, samplers."""

import numpy as np
import pytest

import gdlib
from gdlib import functions as fn

RNG = np.random.default_rng(20261129)
TWO_D = [fn.saddle, fn.quadratic, fn.Quadratic(3.0, 0.5), fn.rosenbrock, fn.Rosenbrock(-0.5, 10.0),
         fn.beale]
ONE_D = [fn.xcos, fn.cubic]


def random_points(f, count=25):
    if f.dim == 1:
        return RNG.uniform(*f.box, size=count)
    (x_lo, x_hi), (y_lo, y_hi) = f.box
    return np.column_stack([RNG.uniform(x_lo, x_hi, count), RNG.uniform(y_lo, y_hi, count)])


@pytest.mark.parametrize("f", ONE_D + TWO_D, ids=repr)
def test_gradient_matches_finite_differences(f):
    for x in random_points(f):
        result = gdlib.check_grad(f.value, f.grad, x, rtol=1e-6, atol=1e-6)
        assert result, (x, result.max_error)


@pytest.mark.parametrize("f", ONE_D + TWO_D, ids=repr)
def test_hessian_matches_finite_differences_of_the_gradient(f):
    for x in random_points(f, 10):
        if f.dim == 1:
            assert gdlib.check_grad(f.grad, f.hessian, x, rtol=1e-6, atol=1e-5)
        else:
            for i in range(2):
                row = gdlib.check_grad(lambda p: f.grad(p)[i], lambda p: f.hessian(p)[i], x,
                                       rtol=1e-6, atol=1e-5)
                assert row, (x, i, row.max_error)


@pytest.mark.parametrize("f", ONE_D + TWO_D, ids=repr)
def test_vectorized_over_leading_axes(f):
    points = random_points(f, 12)
    grid = points.reshape((3, 4) + points.shape[1:])
    np.testing.assert_allclose(f.value(grid).ravel(), [f.value(p) for p in points])
    np.testing.assert_allclose(f.grad(grid).reshape(points.shape), [f.grad(p) for p in points])
    hess = f.hessian(grid)
    assert hess.shape == (3, 4) + (() if f.dim == 1 else (2, 2))


def test_article_derivative_is_flagged():
    result = gdlib.check_grad(fn.xcos.value, fn.xcos.article_grad, 0.5)
    assert not result
    # At x = 0.5 the two expressions differ by (pi - 1) * 0.5 * sin(pi / 2).
    np.testing.assert_allclose(result.max_error, (np.pi - 1) * 0.5, rtol=1e-6)


@pytest.mark.parametrize("f", [fn.quadratic, fn.rosenbrock, fn.beale, fn.xcos], ids=repr)
def test_minimizers_have_zero_gradient_and_positive_curvature(f):
    for x in f.minimizers:
        np.testing.assert_allclose(f.grad(x), 0, atol=1e-9)
        assert np.all(np.linalg.eigvalsh(np.atleast_2d(f.hessian(x))) > 0)


def test_saddle_and_cubic_have_no_minimizer():
    assert fn.saddle.minimizers.shape == (0, 2)
    eigenvalues = np.linalg.eigvalsh(fn.saddle.hessian(np.zeros(2)))
    np.testing.assert_array_equal(eigenvalues, [-2.0, 2.0])
    points, kinds = fn.cubic.critical_points()
    assert points.tolist() == [0.0] and kinds == ["flat"] and fn.cubic.minimizers.size == 0


def test_quadratic_properties_and_checks():
    assert fn.quadratic.condition_number == pytest.approx(20.0)
    np.testing.assert_allclose(fn.quadratic.eigenvalues, [0.2, 4.0])
    with pytest.raises(ValueError, match="a must be > 0"):
        fn.Quadratic(a=-1.0)
    with pytest.raises(ValueError, match=r"shape \(\.\.\., 2\)"):
        fn.quadratic.value(np.ones(3))


def test_roots_finds_simple_roots():
    np.testing.assert_allclose(fn.roots(np.sin, -1, 7), [0, np.pi, 2 * np.pi], atol=1e-12)
    with pytest.raises(ValueError, match="lo < hi"):
        fn.roots(np.sin, 1, 0)


def make_data(n=200, d=3, seed=0):
    rng = np.random.default_rng(seed)
    X = np.column_stack([rng.normal(size=(n, d - 1)), np.ones(n)])
    w = rng.normal(size=d)
    return X, X @ w + 0.3 * rng.normal(size=n), (X @ w + rng.normal(size=n) > 0).astype(float)


@pytest.mark.parametrize("kind", ["least squares", "logistic"])
def test_finite_sum_gradients(kind):
    X, y_real, y_label = make_data()
    problem = fn.LeastSquares(X, y_real) if kind == "least squares" else \
        fn.LogisticRegression(X, y_label, l2=0.01)
    for w in RNG.normal(size=(5, 3)):
        assert gdlib.check_grad(problem.value, problem.grad, w, rtol=1e-6, atol=1e-8)
        np.testing.assert_allclose(problem.example_grads(w).mean(axis=0), problem.grad(w))
        batch = np.array([3, 17, 42])
        np.testing.assert_allclose(problem.batch_grad(w, batch),
                                   problem.example_grads(w)[batch].mean(axis=0))
        hess = problem.hessian(w)
        for i in range(3):
            assert gdlib.check_grad(lambda p: problem.grad(p)[i], lambda p: hess[i], w,
                                    rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(problem.grad(problem.minimizers[0]), 0, atol=1e-10)
    many = RNG.normal(size=(4, 3))
    np.testing.assert_allclose(problem.value(many), [problem.value(w) for w in many])


def test_sampler_without_replacement_covers_each_epoch_once():
    X, y, _ = make_data(n=10)
    sampler = fn.LeastSquares(X, y).sampler(batch_size=4, seed=3)
    batches = [sampler.next_batch() for _ in range(6)]
    assert [len(b) for b in batches] == [4, 4, 2, 4, 4, 2]
    for epoch in (batches[:3], batches[3:]):
        assert sorted(np.concatenate(epoch).tolist()) == list(range(10))
    assert sampler.examples_seen == 20
    replay = fn.LeastSquares(X, y).sampler(batch_size=4, seed=3)
    np.testing.assert_array_equal(replay.next_batch(), batches[0])


def test_sampler_with_replacement_and_bad_input():
    X, y, labels = make_data(n=10)
    problem = fn.LeastSquares(X, y)
    assert len(problem.sampler(batch_size=7, replace=True).next_batch()) == 7
    with pytest.raises(ValueError, match="batch_size"):
        problem.sampler(batch_size=11)
    with pytest.raises(TypeError, match="replace"):
        problem.sampler(replace="yes")
    with pytest.raises(ValueError, match="labels 0 and 1"):
        fn.LogisticRegression(X, y)
    with pytest.raises(ValueError, match="one entry per example"):
        fn.LeastSquares(X, y[:-1])


def test_stochastic_gradient_is_unbiased():
    """Any one draw of the sampler is an unbiased estimate: the first minibatch of many
    seeds averages to the full gradient (within four standard errors), and each epoch uses
    every example once (so an epoch's mean is the full gradient exactly)."""
    X, y, _ = make_data(n=50)
    problem = fn.LeastSquares(X, y)
    w = np.array([0.5, -1.0, 2.0])
    first = np.array([problem.sampler(batch_size=5, seed=seed)(w) for seed in range(3000)])
    error = np.abs(first.mean(axis=0) - problem.grad(w))
    assert np.all(error < 4 * first.std(axis=0) / np.sqrt(len(first)))
    sampler = problem.sampler(batch_size=5, seed=0)
    epoch = np.array([sampler(w) for _ in range(10)])
    np.testing.assert_allclose(epoch.mean(axis=0), problem.grad(w), atol=1e-12)
