"""Claims of the chapter "Convexity and the convergence of SGD" (book/part3/convexity.md)."""

import numpy as np
import pytest

import gdlib
from chapter_glue import chapter_namespace, glued
from gdlib.functions import rosenbrock, xcos
from gdlib.schedules import InverseSqrt

CHAPTER = "part3/convexity"


@pytest.fixture(scope="module")
def g():
    return glued(CHAPTER)


@pytest.fixture(scope="module")
def ns():
    return chapter_namespace(CHAPTER)


@pytest.fixture(scope="module")
def problem(breast_cancer):
    return breast_cancer


def test_xcos_is_not_convex(g):
    points, kinds = xcos.critical_points(-1.0, 2.0)
    assert kinds == ["min", "max", "min"]
    np.testing.assert_allclose([g["x_loc"], g["x_max"], g["x_glob"]], points)
    assert g["fpp_max"] == pytest.approx(float(xcos.hessian(points[1]))) and g["fpp_max"] < 0
    # The chord between the minima: f rises above it by the glued excess, at the glued point.
    theta = np.linspace(0, 1, 100_001)
    x = (1 - theta) * points[0] + theta * points[2]
    excess = xcos.value(x) - ((1 - theta) * xcos.value(points[0]) + theta * xcos.value(points[2]))
    assert excess.max() == pytest.approx(g["chord_excess"], abs=1e-5)
    assert x[excess.argmax()] == pytest.approx(g["chord_excess_at"], abs=5e-3)
    # The green chord on [0.8, 1.5] lies above the curve, where f'' > 0.
    x = (1 - theta) * 0.8 + theta * 1.5
    assert np.all(xcos.hessian(x) > 0)
    assert np.all(xcos.value(x) <= (1 - theta) * xcos.value(0.8) + theta * xcos.value(1.5) + 1e-12)


def test_logistic_loss_is_convex_strongly_convex_and_smooth(g, problem):
    """Chord inequality, the sandwich (eq-sandwich) and the Hessian's eigenvalues in
    [ell, L] at random points (exercise 1 and the section on strong convexity)."""
    rng = np.random.default_rng(1)
    mu, L = g["ell"], g["L"]
    assert mu == problem.l2 == g["mu"]
    H = problem.X.T @ problem.X / (4 * problem.n)
    assert L == pytest.approx(np.linalg.eigvalsh(H).max() + mu)
    x, x2 = 3 * rng.normal(size=(2, 200, problem.dim))
    theta = rng.random((200, 1))
    chord_ok = (problem.value(theta * x + (1 - theta) * x2)
                <= theta[:, 0] * problem.value(x) + (1 - theta[:, 0]) * problem.value(x2) + 1e-12)
    assert chord_ok.all()
    linear = problem.value(x) + np.sum(problem.grad(x) * (x2 - x), axis=1)
    dist2 = np.sum((x2 - x) ** 2, axis=1)
    excess = problem.value(x2) - linear
    assert np.all(mu / 2 * dist2 <= excess + 1e-12) and np.all(excess <= L / 2 * dist2 + 1e-12)
    for point in x[:20]:
        eig = np.linalg.eigvalsh(problem.hessian(point))
        assert eig.min() >= mu - 1e-12 and eig.max() <= L + 1e-12
    eig = np.linalg.eigvalsh(problem.hessian(problem.minimizers[0]))
    assert (g["hess_min"], g["hess_max"]) == pytest.approx((eig[0], eig[-1]))
    assert g["fstar"] == pytest.approx(0.05983, abs=1e-5)  # the SGD chapter's f*


def test_sandwich_figure_rays(g, problem):
    """The gallery figure's claim, also asserted in its script: both rays lie between
    the parabolas, and away from x^(0) the loss is close to the lower one."""
    x_star = problem.minimizers[0]
    u = -x_star / np.linalg.norm(x_star)
    s = np.logspace(-2, 4, 50)
    for sign in (1, -1):
        gap = problem.value(x_star + sign * s[:, None] * u) - problem.value(x_star)
        assert np.all(g["ell"] / 2 * s**2 <= gap) and np.all(gap <= g["L"] / 2 * s**2)
    away = problem.value(x_star - 1e3 * u) - problem.value(x_star)
    assert away < 2 * g["ell"] / 2 * 1e6


def test_inverse_sqrt_is_eta_over_sqrt_t():
    t = np.arange(1, 50)
    np.testing.assert_allclose(InverseSqrt(1.0).rate(t), 1 / np.sqrt(t))


def test_measured_rate_and_bound(g, ns, problem):
    assert (g["runs"], g["T"], g["eta"]) == (10, 10_000, 1.0)
    assert -0.6 < g["slope_average"] < -0.45 and -0.62 < g["slope_last"] < -0.45
    assert g["gap_last_T"] < g["gap_average_T"]  # "here the last iterate is better"
    xs = ns["xs"]
    x_star = problem.minimizers[0]
    average = xs[:-1].mean(axis=0)
    assert problem.value(average).mean() - problem.value(x_star) == pytest.approx(g["gap_average_T"])
    # The constants.
    assert g["R"] == pytest.approx(np.linalg.norm(x_star))
    assert g["mean_norm2"] == pytest.approx(31.0)
    assert g["radius"] == pytest.approx(np.linalg.norm(xs, axis=-1).max())
    # G^2 bounds E||g||^2 at the iterates the runs visit.
    for x in xs[::997].reshape(-1, xs.shape[-1]):
        assert np.mean(np.sum(problem.example_grads(x) ** 2, axis=1)) <= g["G2"]
    # The bound, from its formula, holds and is loose by the glued factors.
    T, eta, R, G2 = g["T"], g["eta"], g["R"], g["G2"]
    bound = ((R**2 + eta**2 * G2 * (1 + np.log(T))) / (2 * eta) + eta * G2) / np.sqrt(T)
    assert bound == pytest.approx(g["bound_T"])
    assert g["ratio_T"] == pytest.approx(bound / g["gap_average_T"])
    assert 10 < g["ratio_min"] <= g["ratio_T"] <= g["ratio_max"] < 1000  # "two orders of magnitude"
    assert 15 < g["prior_factor"] < 25  # the a-priori G^2 gives a bound about twenty times larger
    # The step keeps ||x|| <= max ||a_i|| / mu, since eta_t mu <= 1.
    assert np.linalg.norm(xs, axis=-1).max() <= g["radius_prior"]


def test_eta_minimizing_the_decaying_bound(g):
    T, R, G2 = g["T"], g["R"], g["G2"]
    etas = np.linspace(0.05, 1.0, 2000)
    bounds = ((R**2 + etas**2 * G2 * (1 + np.log(T))) / (2 * etas) + etas * G2) / np.sqrt(T)
    assert etas[bounds.argmin()] == pytest.approx(g["eta_best_decaying"], abs=1e-3)
    assert bounds.min() == pytest.approx(g["bound_best_decaying"], rel=1e-5)


def test_exercise_2_rosenbrock(g):
    H = rosenbrock.hessian(np.array([0.0, 1.0]))
    assert np.linalg.eigvalsh(H).min() == g["rosen_h11"] == -398.0
    left, mid, right = (rosenbrock.value(np.array([x1, 1.0])) for x1 in (-0.5, 0.0, 0.5))
    assert (left, mid, right) == (g["rosen_left"], g["rosen_mid"], g["rosen_right"])
    assert (left + right) / 2 == g["rosen_chord"] < mid


def test_exercise_3_halving(g):
    T, eta, R, G2 = g["T"], g["eta"], g["R"], g["G2"]

    def bound(steps):
        return ((R**2 + eta**2 * G2 * (1 + np.log(steps))) / (2 * eta) + eta * G2) / np.sqrt(steps)

    halved = round(g["halve_factor"] * T)
    assert bound(halved) <= bound(T) / 2 < bound(halved - 1)
    assert g["halve_factor"] > 4
    assert g["halve_measured"] == pytest.approx(2 ** (-1 / g["slope_average"]))


def test_exercise_4_constant_rate_has_the_better_bound_and_the_worse_run(g, ns, problem):
    assert g["bound_const"] < g["bound_best_decaying"] < g["bound_T"]
    assert g["bound_best_decaying"] / g["bound_const"] == pytest.approx(np.sqrt(3 + np.log(g["T"])))
    T = g["T"]
    sampling = np.random.default_rng(0)
    A, labels = problem.X, problem.y

    def one_example_per_run(x):
        i = sampling.integers(len(A), size=len(x))
        p = 0.5 * (1 + np.tanh(np.sum(A[i] * x, axis=1) / 2))
        return (p - labels[i])[:, None] * A[i] + 1e-3 * x

    xs = gdlib.run_many(gdlib.GD(g["eta_const"]), one_example_per_run, np.zeros((10, A.shape[1])), T).xs
    gap = problem.value(xs[:-1].mean(axis=0)).mean() - problem.value(problem.minimizers[0])
    assert gap <= g["bound_const"]  # the bound holds
    assert gap > 1.5 * g["gap_average_T"]  # "well above that of the decaying run"


def test_exercise_1_writes_gdlibs_loss_with_the_books_labels(g, problem):
    """Error 15: the loss of exercise 1 is written with the labels y_i in {0, 1} that the book
    and gdlib use (no undefined s_i), and it is gdlib's LogisticRegression to rounding."""
    from chapter_glue import BOOK

    text = (BOOK / f"{CHAPTER}.md").read_text()
    exercise = text[text.index("**Sums and the logistic loss.**"):text.index("**Unique, yet not convex.**")]
    assert "s_i" not in exercise and "y_i" in exercise
    assert set(np.unique(problem.y)) == {0, 1}
    rng = np.random.default_rng(2)
    x = rng.normal(size=(5, problem.dim))
    z = x @ problem.X.T  # a_i^T x for every point and example
    written = np.mean(np.log1p(np.exp(z)) - problem.y * z, axis=1) + problem.l2 / 2 * np.sum(x**2, 1)
    np.testing.assert_allclose(written, problem.value(x), rtol=1e-12)
    assert g["ex1_loss_gap"] < 1e-12
