"""Published results: Dive into Deep Learning's printed 2-D runs and the source article's four runs.

Dive into Deep Learning (chapter "Optimization Algorithms", PyTorch edition) prints the
iterate after 20 steps from (-5, -2) to six decimals; its momentum code keeps
v = beta v + g and steps x -= eta v, which equals gdlib's v = gamma v + eta g for a
constant eta. The article's numbers are from ../shared/BOOK.md, section 4.
"""

import numpy as np
import pytest

import gdlib
from gdlib.functions import Quadratic, quadratic, xcos

START = [-5.0, -2.0]

D2L_PRINTED = [
    ("gd, x1^2 + 2 x2^2", gdlib.GD(0.1), Quadratic(1.0, 2.0), (-0.057646, -0.000073)),
    ("gd, eta 0.4", gdlib.GD(0.4), quadratic, (-0.943467, -0.000073)),
    ("gd, eta 0.6", gdlib.GD(0.6), quadratic, (-0.387814, -1673.365109)),
    ("momentum, eta 0.6, beta 0.5", gdlib.Momentum(0.6, gamma=0.5), quadratic, (0.007188, 0.002553)),
    ("momentum, eta 0.6, beta 0.25", gdlib.Momentum(0.6, gamma=0.25), quadratic, (-0.126340, -0.186632)),
    ("adagrad, eta 0.4", gdlib.AdaGrad(0.4), quadratic, (-2.382563, -0.158591)),
    ("adagrad, eta 2", gdlib.AdaGrad(2.0), quadratic, (-0.002295, -0.000000)),
    ("rmsprop, eta 0.4, gamma 0.9", gdlib.RMSProp(0.4, gamma=0.9), quadratic, (-0.010599, 0.000000)),
]


@pytest.mark.parametrize("name, optimizer, f, printed", D2L_PRINTED, ids=[c[0] for c in D2L_PRINTED])
def test_dive_into_deep_learning_printed_results(name, optimizer, f, printed):
    final = gdlib.run(optimizer, f.grad, START, 20).final
    assert [f"{v:.6f}" for v in final] == [f"{v:.6f}" for v in printed]


ARTICLE_RUNS = {"A": (0.5, 0.1, 5), "B": (-1.0, 0.1, 20), "C": (-1.0, 1.000542, 20),
                "D": (-1.0, 1.0055, 20)}


@pytest.mark.parametrize("run, expected", [("A", 0.9609), ("B", -0.3835), ("C", 0.999), ("D", 0.44)])
def test_article_runs_with_the_article_derivative(run, expected):
    x0, lr, steps = ARTICLE_RUNS[run]
    final = gdlib.run(gdlib.GD(lr), xcos.article_grad, x0, steps).final
    decimals = len(str(expected).split(".")[1])
    assert round(float(final), decimals) == expected


def test_article_runs_with_the_true_derivative():
    def final(run):
        x0, lr, steps = ARTICLE_RUNS[run]
        return gdlib.run(gdlib.GD(lr), xcos.grad, x0, steps)

    assert round(float(final("A").final), 4) == 1.0899
    assert round(float(final("B").final), 4) == -0.2739
    # C and D leave the plotted interval: |x| reaches hundreds and thousands.
    assert 100 < np.abs(final("C").xs).max() < 1000
    assert 1000 < np.abs(final("D").xs).max()


def test_the_article_derivative_vanishes_elsewhere():
    zeros = gdlib.functions.roots(xcos.article_grad, -2, 2)
    np.testing.assert_allclose(zeros, [-1.2187, -0.3834, 0.3834, 1.2187], atol=1e-4)


def test_critical_points_of_x_cos_pi_x():
    points, kinds = xcos.critical_points(-2, 2)
    np.testing.assert_allclose(points, [-1.090408, -0.273853, 0.273853, 1.090408], atol=1e-6)
    assert kinds == ["max", "min", "max", "min"]
    np.testing.assert_allclose(xcos.value(points[[1, 3]]), [-0.178603, -1.046721], atol=1e-6)
    assert round(float(xcos.hessian(points[3])), 2) == 12.09
    assert round(2 / float(xcos.hessian(points[3])), 3) == 0.165
