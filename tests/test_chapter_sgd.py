"""Numbers quoted in the chapter "Stochastic gradient descent" (book/part2/sgd.md)."""

from pathlib import Path

import numpy as np
import pytest

import gdlib
from chapter_glue import chapter_namespace, glued
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


CHAPTER_TEXT = (Path(__file__).parents[1] / "book" / "part2" / "sgd.md").read_text()


def test_noise_ball_arrival_times_are_measured_not_guessed(least_squares):
    """Error 20 of the 2026-12-07 review: "arriving ten times later" was typed, and wrong."""
    x_star = least_squares.minimizers[0]
    x0 = np.tile([-2.0, 3.0], (100, 1))

    def arrival(lr):  # first step within 20 % of the plateau of the RMS distance
        xs = gdlib.run_many(gdlib.GD(lr), per_run_sgd(least_squares, 1), x0, 5000).xs
        rms = np.sqrt(np.mean(np.sum((xs - x_star) ** 2, axis=-1), axis=1))
        plateau = np.sqrt(np.mean(rms[-1000:] ** 2))
        return int(np.argmax(rms <= 1.2 * plateau))

    big, small = arrival(0.1), arrival(0.02)
    page = glued("part2/sgd")
    assert (page["arrive_big"], page["arrive_small"]) == (big, small)
    assert page["arrive_ratio"] == pytest.approx(small / big)
    assert 4 < small / big < 8  # the time constant 1/(eta lambda) is 5 times longer
    assert "ten times later" not in CHAPTER_TEXT
    assert "{glue:text}`arrive_ratio" in CHAPTER_TEXT


def test_logistic_loss_as_the_chapter_writes_it(breast_cancer):
    """Confusion 5: the chapter writes f_i with labels y_i in {0, 1}; it is gdlib's loss."""
    assert r"f_i(x) = \log\bigl(1 + \mathrm{e}^{a_i^\top x}\bigr) - y_i\, a_i^\top x" in CHAPTER_TEXT
    rng = np.random.default_rng(3)
    A, y, mu = breast_cancer.X, breast_cancer.y, breast_cancer.l2
    assert set(np.unique(y)) == {0, 1}
    for x in [np.zeros(breast_cancer.dim), breast_cancer.minimizers[0], rng.normal(size=breast_cancer.dim)]:
        z = A @ x
        f_i = np.log1p(np.exp(z)) - y * z + mu / 2 * x @ x  # the chapter's formula
        cross_entropy = -y * np.log(1 / (1 + np.exp(-z))) - (1 - y) * np.log(1 - 1 / (1 + np.exp(-z)))
        np.testing.assert_allclose(f_i, cross_entropy + mu / 2 * x @ x, rtol=1e-9, atol=1e-12)
        assert np.mean(f_i) == pytest.approx(breast_cancer.value(x), rel=1e-12)
        grad_i = (1 / (1 + np.exp(-z)) - y)[:, None] * A + mu * x
        np.testing.assert_allclose(grad_i, breast_cancer.example_grads(x), rtol=1e-9, atol=1e-12)


def test_the_noise_ball_depends_on_eta_over_b(least_squares):
    """eq-noise-ball-batch: the same eta / b, the same ball; the same eta and a larger b, a smaller one."""
    x_star, n = least_squares.minimizers[0], least_squares.n
    x0 = np.tile(x_star, (200, 1))

    def ball(lr, b):
        rng = np.random.default_rng(5)

        def grad(w):
            i = rng.integers(n, size=(len(w), b))
            a = least_squares.X[i]
            return np.einsum("rb,rbd->rd", np.einsum("rbd,rd->rb", a, w) - least_squares.y[i], a) / b

        xs = gdlib.run_many(gdlib.GD(lr), grad, x0, 3000).xs[1000:]
        return np.sqrt(np.mean(np.sum((xs - x_star) ** 2, axis=-1)))

    base, scaled, bigger_batch = ball(0.02, 1), ball(0.1, 5), ball(0.02, 5)
    assert scaled == pytest.approx(base, rel=0.15)
    assert bigger_batch == pytest.approx(base / np.sqrt(5), rel=0.15)


def test_batch_size_and_learning_rate():
    """The new section's numbers: linear scaling up to a critical batch size, Adam slower."""
    page, chapter = glued("part2/sgd"), chapter_namespace("part2/sgd")
    sizes, sgd_steps = chapter["SIZES"], chapter["sgd_steps"]
    assert list(sizes) == [1, 2, 4, 8, 16, 32, 64, 128, 256]
    # Plain Python numbers: MyST-NB cannot format the repr of a numpy scalar.
    section = [k for k in page if k.startswith(("bs_", "sgd_", "adam_", "bnoise_", "arrive_"))]
    assert all(type(page[k]) in (int, float) for k in section), \
        {k: type(page[k]).__name__ for k in section if type(page[k]) not in (int, float)}
    # SGD: the best rate grows about like b up to b = 16, then stays within a factor 1.5.
    assert 0.6 < page["sgd_exponent"] < 1.3
    flat = chapter["sgd_best"][sizes >= 32]
    assert flat.max() / flat.min() < 1.5
    assert page["sgd_eta16"] / page["sgd_eta1"] > 8
    # The steps: the fitted model T_min (1 + b_crit / b) within 35 % at every b ...
    model = page["sgd_tmin"] * (1 + page["sgd_bcrit"] / sizes)
    np.testing.assert_allclose(sgd_steps, model, rtol=0.35)
    # ... the same fit as a least-squares fit in relative error by another route.
    from scipy.optimize import least_squares as fit
    t_min, b_crit = fit(lambda p: p[0] * (1 + p[1] / sizes) / sgd_steps - 1, [1.0, 1.0]).x
    assert (t_min, b_crit) == pytest.approx((page["sgd_tmin"], page["sgd_bcrit"]), rel=1e-6)
    # Examples b T(b): roughly constant below b_crit, several times more at b = 256.
    examples = sizes * sgd_steps
    assert examples[sizes <= 32].max() / examples[sizes <= 32].min() < 1.5
    assert page["sgd_examples_bmax"] > 4 * page["sgd_examples_low"]
    # Adam's best rate grows more slowly than SGD's, below the square-root rule's exponent.
    assert 0 < page["adam_exponent"] < 0.5 < page["sgd_exponent"]
    assert page["adam_ratio16"] < 4


def test_gradient_noise_scale(breast_cancer):
    """b_noise = tr(Sigma) / |grad f|^2, with the covariance computed by numpy, along GD's path."""
    page = glued("part2/sgd")
    x0 = np.zeros(breast_cancer.dim)

    def noise_scale(x):
        covariance = np.cov(breast_cancer.example_grads(x).T, bias=True)
        g = breast_cancer.grad(x)
        return np.trace(covariance) / (g @ g)

    assert page["bnoise_start"] == pytest.approx(noise_scale(x0), rel=1e-9)
    path = gdlib.run(gdlib.GD(0.5), breast_cancer.grad, x0, 100).xs
    gap = breast_cancer.value(path) - breast_cancer.value(breast_cancer.minimizers[0])
    at = lambda level: noise_scale(path[np.argmax(gap <= level)])  # noqa: E731
    assert page["bnoise_early"] == pytest.approx(at(0.1), rel=1e-9)
    assert page["bnoise_target"] == pytest.approx(at(page["bs_target"]), rel=1e-9)
    # The noise scale grows as the loss falls, and the critical batch size lies in its range.
    assert page["bnoise_start"] < page["bnoise_early"] < page["bnoise_target"]
    assert page["bnoise_early"] / 3 < page["sgd_bcrit"] < page["bnoise_target"]
    assert 0.02 < page["bnoise_crossing_gap"] < 0.1
