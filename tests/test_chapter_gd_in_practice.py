"""The numbers quoted in the chapter "Gradient descent in practice" (book/part1/gd_in_practice.md).

The chapter glues every number from code; these tests pin them, to the precision the
chapter prints, so that a change in gdlib that alters the story fails here by name.
"""

import numpy as np
import pytest

import gdlib
from gdlib.functions import roots, xcos

from chapter_glue import glued

# The source article's four runs: start, learning rate, steps.
RUNS = {"A": (0.5, 0.1, 5), "B": (-1.0, 0.1, 20), "C": (-1.0, 1.000542, 20),
        "D": (-1.0, 1.0055, 20)}


def run(name, grad):
    x0, lr, steps = RUNS[name]
    return gdlib.run(gdlib.GD(lr=lr), grad, x0=x0, steps=steps)


def article_grad_slope(x):
    """a'(x) for the article's expression a(x) = cos(pi x) - x sin(pi x)."""
    px = np.pi * x
    return -np.pi * np.sin(px) - np.sin(px) - px * np.cos(px)


def lyapunov(lr, steps=1100, transient=100):
    """Average of log|1 - lr a'(x_t)| along the article's orbit from x0 = -1."""
    xs = gdlib.run(gdlib.GD(lr=lr), xcos.article_grad, x0=-1.0, steps=steps).xs
    return float(np.mean(np.log(np.abs(1 - lr * article_grad_slope(xs[transient:])))))


@pytest.mark.parametrize("name, expected, decimals",
                         [("A", 0.9609, 4), ("B", -0.3835, 4), ("C", 0.999, 3), ("D", 0.44, 2)])
def test_the_page_prints_the_article_runs(name, expected, decimals):
    """gdlib reproduces the article (test_published); the page prints the same numbers."""
    assert round(glued("part1/gd_in_practice")[f"{name.lower()}_art"], decimals) == expected


@pytest.mark.parametrize("name, expected", [("A", 1.0899), ("B", -0.2739)])
def test_the_page_prints_the_true_runs(name, expected):
    assert round(glued("part1/gd_in_practice")[f"{name.lower()}_true"], 4) == expected


def test_true_run_a_ends_near_the_global_minimizer():
    assert abs(float(run("A", xcos.grad).final) - xcos.minimizers[1]) < 1e-3


@pytest.mark.parametrize("name, bound, first_step", [("C", 100, 18), ("D", 1000, 14)])
def test_true_runs_c_and_d_escape(name, bound, first_step):
    xs = run(name, xcos.grad).xs
    assert len(xs) == 21  # finite throughout: the iterates escape, they do not overflow
    assert np.abs(xs).max() > bound
    assert int(np.argmax(np.abs(xs) > bound)) == first_step


def test_true_runs_c_and_d_largest_excursions():
    assert round(float(np.abs(run("C", xcos.grad).xs).max())) == 312
    assert round(float(np.abs(run("D", xcos.grad).xs).max())) == 209306


def test_gradient_check_catches_the_missing_pi():
    assert gdlib.check_grad(xcos.value, xcos.grad, 0.5)
    check = gdlib.check_grad(xcos.value, xcos.article_grad, 0.5)
    assert not check
    assert check.max_error == pytest.approx((np.pi - 1) * 0.5, rel=1e-6)


def test_gradient_check_at_an_integer_misses_the_bug():
    assert gdlib.check_grad(xcos.value, xcos.article_grad, -1.0)


def test_zeros_of_the_article_derivative_are_not_critical_points():
    zeros = roots(xcos.article_grad, -2.0, 2.0)
    np.testing.assert_allclose(zeros, [-1.2187, -0.3834, 0.3834, 1.2187], atol=5e-5)
    critical = roots(xcos.grad, -2.0, 2.0)
    np.testing.assert_allclose(critical, [-1.0904, -0.2739, 0.2739, 1.0904], atol=5e-5)
    assert round(float(xcos.grad(run("B", xcos.article_grad).final)), 3) == -0.767


def test_article_iteration_is_gradient_descent_on_another_function():
    def potential(x):
        return x * np.cos(np.pi * x) / np.pi + (1 / np.pi - 1 / np.pi**2) * np.sin(np.pi * x)

    for x in (-0.7, 0.3, 1.4):
        assert gdlib.check_grad(potential, xcos.article_grad, x)


def test_stability_limits():
    local, best = xcos.minimizers
    assert round(float(xcos.hessian(best)), 2) == 12.09
    assert round(float(2 / xcos.hessian(best)), 3) == 0.165
    assert round(float(2 / xcos.hessian(local)), 3) == 0.306
    zeros = roots(xcos.article_grad, -2.0, 2.0)
    slopes = article_grad_slope(zeros)
    assert gdlib.check_grad(xcos.article_grad, article_grad_slope, 0.3)
    assert round(float(2 / slopes[1]), 3) == 0.465  # the root -0.3834 of a
    assert round(float(2 / slopes[3]), 3) == 0.358  # the root 1.2187 of a
    assert slopes[0] < 0 and slopes[2] < 0  # the other two roots never attract


def test_run_many_with_per_run_rates_equals_separate_runs():
    rates = np.array([0.1, 0.5, 1.000542, 1.0055])
    for grad in (xcos.article_grad, xcos.grad):
        many = gdlib.run_many(gdlib.GD(lr=rates), grad, np.full(rates.size, -1.0), 20)
        for i, lr in enumerate(rates):
            one = gdlib.run(gdlib.GD(lr=lr), grad, x0=-1.0, steps=20)
            np.testing.assert_array_equal(many[i].xs, one.xs)


def test_sensitive_dependence_on_the_learning_rate():
    final = gdlib.run_many(gdlib.GD(lr=np.array([1.000542, 1.000543])), xcos.article_grad,
                           np.full(2, -1.0), 20).final
    assert round(float(final[1]), 4) == 1.1999
    assert round(float(abs(final[1] - final[0])), 3) == 0.201


def test_lucky_rates_are_rare():
    rates = np.linspace(0.96, 1.04, 4001)
    final = gdlib.run_many(gdlib.GD(lr=rates), xcos.article_grad, np.full(rates.size, -1.0),
                           20).final
    assert round(float(np.mean(np.abs(final - xcos.minimizers[1]) < 0.05)), 3) == 0.018


@pytest.mark.parametrize("lr, sign", [(0.1, -1), (0.98, -1), (1.000542, 1), (1.0055, 1)])
def test_lyapunov_exponent_sign(lr, sign):
    assert np.sign(lyapunov(lr)) == sign


def test_lyapunov_exponent_values():
    assert round(lyapunov(0.1), 2) == -0.56
    assert round(lyapunov(1.000542), 2) == 0.81
    assert round(lyapunov(1.0055), 2) == 0.97


def test_unstable_two_cycle_at_rate_one():
    step = gdlib.run(gdlib.GD(lr=1.0), xcos.article_grad, x0=-1.0, steps=2).xs
    np.testing.assert_allclose(step, [-1.0, 0.0, -1.0], atol=1e-12)
