"""Numbers quoted in the chapters "AdaGrad", "RMSProp" and "Adam" (book/part2/{adagrad,rmsprop,adam}.md).

Each test recomputes a quoted number from gdlib and checks it against the value
printed in the chapter (or in Dive into Deep Learning), or checks a hand
computation the chapter makes.
"""

import numpy as np
import pytest

import gdlib
from gdlib.functions import LeastSquares, Quadratic, quadratic, rosenbrock
from gdlib.optimizers.adam import AdamState

from chapter_glue import glued
from test_published import D2L_PRINTED

D2L = {name: printed for name, _, _, printed in D2L_PRINTED}

X0 = np.array([-5.0, -2.0])


def sparse_problem(fraction=0.02):
    """The least-squares problem with a rare feature of the AdaGrad chapter."""
    rng = np.random.default_rng(0)
    n = 1000
    X = np.column_stack([rng.normal(size=(n, 2)), rng.random(n) < fraction])
    y = X @ np.array([1.0, -1.0, 2.0]) + 0.1 * rng.normal(size=n)
    return X, LeastSquares(X, y)


# --- AdaGrad -------------------------------------------------------------------------


@pytest.mark.parametrize("chapter, tag, printed", [
    ("part2/adagrad", "ada_slow", "adagrad, eta 0.4"), ("part2/adagrad", "ada_fast", "adagrad, eta 2"),
    ("part2/rmsprop", "rms", "rmsprop, eta 0.4, gamma 0.9"),
    ("part2/rmsprop", "ada", "adagrad, eta 0.4")])
def test_the_chapters_print_what_d2l_prints(chapter, tag, printed):
    """The pages quote D2L's printed x_20 (test_published checks gdlib; this checks the page)."""
    g = glued(chapter)
    page = [f"{g[f'{tag}_x1']:.6f}", f"{g[f'{tag}_x2']:.6f}"]
    assert page == [f"{v:.6f}" for v in D2L[printed]]


def test_adagrad_first_step_is_eta_times_sign():
    for lr in (0.4, 2.0, 5.0):
        step = gdlib.run(gdlib.AdaGrad(lr), quadratic.grad, X0, 1).final - X0
        np.testing.assert_allclose(step, -lr * np.sign(quadratic.grad(X0)), rtol=1e-6)
    # eta = 2 lands on the x1 axis; eta = 5 solves x1 and overshoots x2 to 3.
    assert abs(gdlib.run(gdlib.AdaGrad(2.0), quadratic.grad, X0, 1).final[1]) < 1e-7
    xs = gdlib.run(gdlib.AdaGrad(5.0), quadratic.grad, X0, 20).xs
    assert abs(xs[1, 0]) < 1e-5 and xs[1, 1] == pytest.approx(3.0, abs=1e-6)
    assert abs(xs[-1, 1]) < 2e-9  # exercise 1: converges after the overshoot
    # the rate of x2 after step 2, from gdlib's own state, is below 2 / lambda_2 = 0.5
    first_two = gdlib.run(gdlib.AdaGrad(5.0), quadratic.grad, X0, 2).xs[:2]
    s2 = np.sum(quadratic.grad(first_two) ** 2, axis=0)
    assert 5.0 / np.sqrt(s2[1] + 1e-6) < 0.5


def test_adagrad_quadratic_facts():
    """The page's limit 2/lambda_2 and the flat coordinate's factor there, measured by a run."""
    g = glued("part2/adagrad")
    np.testing.assert_allclose([g["lam1"], g["lam2"]], quadratic.eigenvalues)
    at_limit = gdlib.run(gdlib.GD(g["gd_limit"]), quadratic.grad, X0, 3).xs
    np.testing.assert_allclose(at_limit[1:, 1], -at_limit[:-1, 1])  # x2 bounces: the limit
    np.testing.assert_allclose(at_limit[1:, 0] / at_limit[:-1, 0], g["gd_x1_factor"])
    for i, name in ((0, "newton1"), (1, "newton2")):  # one step at 1/lambda_i solves x_i
        assert gdlib.run(gdlib.GD(g[name]), quadratic.grad, X0, 1).final[i] == 0


def test_adagrad_effective_rates():
    rates = {}
    for lr in (0.4, 2.0):
        xs = gdlib.run(gdlib.AdaGrad(lr), quadratic.grad, X0, 200).xs
        rates[lr] = lr / np.sqrt(np.cumsum(quadratic.grad(xs[:-1]) ** 2, axis=0) + 1e-6)
        assert np.all(np.diff(rates[lr], axis=0) <= 0)  # they only fall
    np.testing.assert_allclose(rates[0.4][-1], [0.105, 0.0262], atol=5e-4)
    np.testing.assert_allclose(rates[2.0][-1], [1.56, 0.25], atol=5e-3)
    assert rates[2.0][-1, 1] == pytest.approx(1 / quadratic.eigenvalues[1], rel=1e-6)
    assert round(5 / rates[0.4][-1, 0]) == 47


def test_adagrad_stalls_from_far():
    rel = {}
    for start in (X0, 10 * X0):
        for name, opt in (("gd", gdlib.GD(0.4)), ("ada", gdlib.AdaGrad(0.4))):
            traj = gdlib.run(opt, quadratic.grad, start, 200, loss=quadratic.value)
            rel[name, start[0]] = traj.losses[-1] / traj.losses[0]
            if name == "ada" and start[0] == -50:
                moved = traj.final[0] + 50
    assert rel["gd", -5.0] == pytest.approx(rel["gd", -50.0], rel=1e-9)
    assert rel["gd", -5.0] == pytest.approx(7.8e-16, rel=0.01)
    assert rel["ada", -5.0] == pytest.approx(2.1e-5, rel=0.03)
    assert rel["ada", -50.0] == pytest.approx(0.36, abs=0.005)
    g = glued("part2/adagrad")
    assert g["stall_moved"] == pytest.approx(moved) == pytest.approx(10.30, abs=0.005)
    # eq-adagrad-distance: the page's bound holds for the run, and is the sum it bounds
    assert moved <= g["stall_bound"]
    assert 0.4 * np.sum(1 / np.sqrt(np.arange(1, 201))) <= g["stall_bound"]


def test_adagrad_step_bound_with_monotone_gradients():
    """If |g| never grows, each AdaGrad step is at most eta / sqrt(t)."""
    xs = gdlib.run(gdlib.AdaGrad(0.4, eps=0.0), quadratic.grad, 10 * X0, 200).xs
    steps = np.abs(np.diff(xs[:, 0]))
    assert np.all(steps <= 0.4 / np.sqrt(np.arange(1, 201)) + 1e-12)


def test_sparse_features():
    X, problem = sparse_problem()
    w_star = problem.minimizers[0]
    hess = problem.hessian()
    assert X[:, 2].sum() == 18
    assert hess[2, 2] == pytest.approx(0.018)
    assert 0.95 < min(hess[0, 0], hess[1, 1]) and max(hess[0, 0], hess[1, 1]) < 1.05
    gd = gdlib.run(gdlib.GD(1.0), problem.grad, np.zeros(3), 100).final
    ada_traj = gdlib.run(gdlib.AdaGrad(0.5), problem.grad, np.zeros(3), 100)
    assert abs(gd[2] - w_star[2]) == pytest.approx(0.33, abs=0.005)
    assert np.abs(gd[:2] - w_star[:2]).max() == pytest.approx(1.8e-3, abs=5e-5)
    assert np.abs(ada_traj.final - w_star).max() < 1e-7
    s = np.cumsum(problem.grad(ada_traj.xs[:-1]) ** 2, axis=0)[-1]
    rate = 0.5 / np.sqrt(s + 1e-6)
    assert rate[2] == pytest.approx(9.48, abs=0.005)
    assert rate[:2].max() == pytest.approx(0.43, abs=0.005)
    assert rate[2] / rate[:2].max() == pytest.approx(22, abs=0.5)


def test_sparse_features_exercise():
    X, problem = sparse_problem(0.005)
    w_star = problem.minimizers[0]
    p = X[:, 2].mean()
    predicted = abs(w_star[2]) * (1 - p) ** 100
    gd = gdlib.run(gdlib.GD(1.0), problem.grad, np.zeros(3), 100).final
    assert X[:, 2].sum() == 3
    assert abs(gd[2] - w_star[2]) == pytest.approx(predicted, rel=0.01)
    assert abs(gd[2] - w_star[2]) == pytest.approx(1.52, abs=0.005)


def test_adagrad_scale_invariance():
    base = gdlib.run(gdlib.AdaGrad(0.4, eps=0.0), quadratic.grad, X0, 50).xs
    scaled = gdlib.run(gdlib.AdaGrad(0.4, eps=0.0), lambda x: 1e3 * quadratic.grad(x), X0, 50).xs
    np.testing.assert_allclose(scaled, base, atol=1e-13)


# --- RMSProp and AdaDelta --------------------------------------------------------------


def test_rmsprop_state_is_gdlib_ema():
    g = np.random.default_rng(1).normal(size=(30, 2))
    s = gdlib.ema(g**2, 0.9)
    state = gdlib.RMSProp(0.1, gamma=0.9).init(np.zeros(2))
    opt = gdlib.RMSProp(0.1, gamma=0.9)
    for gt, st in zip(g, s):
        _, state = opt.update(np.zeros(2), gt, state, 0.1)
        np.testing.assert_allclose(state.s, st, rtol=1e-12)


def test_rmsprop_effective_rate_signal():
    g = np.concatenate([np.full(100, 1.0), np.full(150, 0.1), np.full(150, 1.0)])
    lr, eps = 0.01, 1e-6
    ada = lr * g / np.sqrt(np.cumsum(g**2) + eps) / lr
    r90 = lr * g / np.sqrt(gdlib.ema(g**2, 0.9) + eps) / lr
    r99 = lr * g / np.sqrt(gdlib.ema(g**2, 0.99) + eps) / lr
    assert ada[99] == pytest.approx(0.10, abs=0.005)
    assert ada[249] == pytest.approx(0.010, abs=0.0005)
    assert r90[249] == pytest.approx(1.00, abs=0.005)
    assert r99[249] == pytest.approx(0.26, abs=0.005)
    assert r90[0] == pytest.approx(1 / np.sqrt(0.1), rel=1e-5)
    assert r90[0] == pytest.approx(3.16, abs=0.005)
    assert r99[0] == pytest.approx(10.0, abs=0.05)


def test_rmsprop_exercises():
    xs = gdlib.run(gdlib.RMSProp(0.4, gamma=0.99), quadratic.grad, X0, 20).xs
    np.testing.assert_allclose(xs[1], (-1.0002, 2.0000), atol=5e-5)
    assert np.abs(xs[-1]).max() < 2e-7
    # gamma = 0, eps = 0 is sign descent: x^2 from 1 with eta = 0.3.
    signs = gdlib.run(gdlib.RMSProp(0.3, gamma=0.0, eps=0.0), lambda x: 2 * x, 1.0, 6).xs
    np.testing.assert_allclose(signs, [1.0, 0.7, 0.4, 0.1, -0.2, 0.1, -0.2], atol=1e-12)


def test_adadelta_slow_start():
    rho = 0.9
    for eps, first in ((1e-6, 0.00316), (1e-4, 0.0316)):
        traj = gdlib.run(gdlib.AdaDelta(rho=rho, eps=eps), quadratic.grad, X0, 400)
        step = abs(traj.xs[1, 0] - X0[0])
        assert step == pytest.approx(np.sqrt(eps / (1 - rho)), rel=1e-3)
        assert step == pytest.approx(first, rel=2e-3)
    np.testing.assert_allclose(gdlib.run(gdlib.AdaDelta(), quadratic.grad, X0, 20).final,
                               (-4.930, -1.931), atol=5e-4)
    np.testing.assert_allclose(gdlib.run(gdlib.AdaDelta(), quadratic.grad, X0, 400).final,
                               (-3.08, -0.46), atol=5e-3)
    final4 = gdlib.run(gdlib.AdaDelta(eps=1e-4), quadratic.grad, X0, 400).final
    assert abs(final4[0]) < 1e-16 and abs(final4[1]) == pytest.approx(0.06, abs=0.005)


def test_adadelta_steps_grow_like_sqrt_t_for_a_constant_gradient():
    rho, eps = 0.9, 1e-6
    xs = gdlib.run(gdlib.AdaDelta(rho=rho, eps=eps), np.ones_like, 0.0, 1000).xs
    step = -np.diff(xs)
    assert np.all(np.diff(step) > 0)
    assert step[-1] == pytest.approx(np.sqrt(eps * (1 + (1 - rho) * 1000)), rel=0.1)


def test_adadelta_two_cycle_grows_on_a_steep_coordinate():
    xs = gdlib.run(gdlib.AdaDelta(eps=1e-4), quadratic.grad, X0, 6000).xs
    amplitude = np.abs(xs[[1000, 3000, 6000], 1])
    np.testing.assert_allclose(amplitude, (0.123, 0.229, 0.330), atol=5e-4)
    assert abs(xs[-1, 0]) < 1e-300
    # The cycle's step exceeds 2a exactly when the curvature exceeds 2.
    a, eps = 0.1, 1e-4
    for lam, grows in ((4.0, True), (0.2, False)):
        step = lam * a * np.sqrt(4 * a**2 + eps) / np.sqrt(lam**2 * a**2 + eps)
        assert (step > 2 * a) == grows


# --- Adam and AdamW --------------------------------------------------------------------


def test_ema_weights_sum_to_one_minus_beta_t():
    for beta in (0.9, 0.99, 0.999):
        for t in (1, 2, 10, 100):
            weights = (1 - beta) * beta ** (t - np.arange(1, t + 1))  # i = 1 .. t
            assert weights.sum() == pytest.approx(1 - beta**t, rel=1e-12)
            assert gdlib.ema(np.ones(t), beta)[-1] == pytest.approx(1 - beta**t, rel=1e-12)
            assert gdlib.ema(np.ones(t), beta, bias_correction=True)[-1] == pytest.approx(1.0)


def test_ema_unrolled_formula():
    x = np.random.default_rng(2).normal(size=12)
    beta, t = 0.9, len(x)
    unrolled = (1 - beta) * np.sum(beta ** (t - np.arange(1, t + 1)) * x)
    assert gdlib.ema(x, beta)[-1] == pytest.approx(unrolled, rel=1e-12)


def test_adam_first_step_is_eta_times_sign():
    for beta1, beta2 in ((0.9, 0.999), (0.5, 0.9), (0.0, 0.99)):
        opt = gdlib.Adam(0.1, beta1=beta1, beta2=beta2, eps=0.0)
        step = gdlib.run(opt, quadratic.grad, X0, 1).final - X0
        np.testing.assert_allclose(step, -0.1 * np.sign(quadratic.grad(X0)), rtol=1e-13)


class UncorrectedAdam(gdlib.Adam):
    def update(self, x, g, state, lr):
        v = gdlib.update_moment(state.v, g, self.beta1)
        s = gdlib.update_moment(state.s, g * g, self.beta2)
        return x - lr * v / (np.sqrt(s) + self.eps), AdamState(state.t + 1, v, s)


def test_uncorrected_adam_factor():
    factor = (1 - 0.9) / np.sqrt(1 - 0.999)
    assert factor == pytest.approx(3.16, abs=0.005)
    t = np.arange(1, 5001)
    ratio = (1 - 0.9**t) / np.sqrt(1 - 0.999**t)
    assert ratio.max() == pytest.approx(6.57, abs=0.005) and t[ratio.argmax()] == 12
    assert ratio[999] == pytest.approx(1.26, abs=0.005)
    assert ((1 - 0.9**t) / np.sqrt(1 - 0.9999**t)).max() == pytest.approx(20.7, abs=0.05)
    measured = np.abs(np.diff(gdlib.run(UncorrectedAdam(0.01), np.ones_like, 0.0, 5000).xs)) / 0.01
    np.testing.assert_allclose(measured, ratio, rtol=1e-6)
    corrected = np.abs(np.diff(gdlib.run(gdlib.Adam(0.01), np.ones_like, 0.0, 5000).xs)) / 0.01
    np.testing.assert_allclose(corrected, 1.0, rtol=1e-6)


def test_adam_scale_invariance():
    base = gdlib.run(gdlib.Adam(0.1, eps=0.0), quadratic.grad, X0, 80).xs
    gap = max(np.abs(gdlib.run(gdlib.Adam(0.1, eps=0.0), lambda x, c=c: c * quadratic.grad(x),
                               X0, 80).xs - base).max() for c in (1000.0, 0.001))
    assert gap < 1e-14
    assert gap == pytest.approx(8.9e-16, rel=0.05)


def test_adam_comparison_losses():
    def loss(f, x0, steps, opt):
        return gdlib.run(opt, f.grad, np.array(x0), steps, loss=f.value).losses[-1]

    q = {"mom": loss(quadratic, X0, 40, gdlib.Momentum(0.4, gamma=0.5)),
         "rms": loss(quadratic, X0, 40, gdlib.RMSProp(0.4, gamma=0.9)),
         "adam": loss(quadratic, X0, 40, gdlib.Adam(0.5))}
    assert q["rms"] < q["mom"] < q["adam"]
    assert q["adam"] == pytest.approx(5e-2, rel=0.1)
    r = {"mom": loss(rosenbrock, [-1.5, 2.0], 1000, gdlib.Momentum(0.001, gamma=0.9)),
         "rms": loss(rosenbrock, [-1.5, 2.0], 1000, gdlib.RMSProp(0.01, gamma=0.9)),
         "adam": loss(rosenbrock, [-1.5, 2.0], 1000, gdlib.Adam(0.05))}
    assert r["mom"] < r["adam"] < r["rms"]
    assert r["mom"] == pytest.approx(5.7e-5, rel=0.02)
    assert r["adam"] == pytest.approx(3.3e-4, rel=0.02)
    assert r["rms"] == pytest.approx(5.2e-2, rel=0.02)
    xs = gdlib.run(gdlib.Adam(0.5), quadratic.grad, X0, 40).xs
    assert xs[:, 0].max() == pytest.approx(1.37, abs=0.005)


def noisy_gradient(sigma, seed=0):
    rng = np.random.default_rng(seed)
    return lambda x: sigma * rng.normal(size=x.shape)


@pytest.mark.parametrize("sigma, l2_expected", [((0.01, 10.0), (0.021, 0.83)),
                                                ((1.0, 1.0), (0.190, 0.193))])
def test_adamw_against_l2(sigma, l2_expected):
    sigma = np.array(sigma)
    lr, lam, steps = 1e-3, 1.0, 2000
    x0 = np.ones((20, 2))
    noise = noisy_gradient(sigma)
    l2 = gdlib.run_many(gdlib.Adam(lr), lambda x: noise(x) + lam * x, x0, steps).final.mean(0)
    w = gdlib.run_many(gdlib.AdamW(lr, weight_decay=lam), noisy_gradient(sigma), x0,
                       steps).final.mean(0)
    np.testing.assert_allclose(l2, l2_expected, atol=0.006)
    decay = (1 - lr * lam) ** steps
    assert decay == pytest.approx(0.135, abs=5e-4)
    np.testing.assert_allclose(w, decay, atol=0.006)  # AdamW: uniform decay
    np.testing.assert_allclose(w, (0.135, 0.139), atol=5e-4)


def test_adamw_without_gradient_is_pure_decay():
    """With a zero loss gradient AdamW's iterates are exactly (1 - eta lambda)^t x0."""
    xs = gdlib.run(gdlib.AdamW(0.01, weight_decay=0.5), np.zeros_like, np.array([1.0, -2.0]),
                   50).xs
    np.testing.assert_allclose(xs, (1 - 0.005) ** np.arange(51)[:, None] * [1.0, -2.0],
                               rtol=1e-12)


def test_l2_equals_weight_decay_for_gd():
    lam, lr = 0.3, 0.1
    grad = quadratic.grad
    l2 = gdlib.run(gdlib.GD(lr), lambda x: grad(x) + lam * x, X0, 30).xs
    x, xs = X0.copy(), [X0.copy()]
    for _ in range(30):
        x = (1 - lr * lam) * x - lr * grad(x)
        xs.append(x)
    np.testing.assert_allclose(l2, xs, rtol=1e-12)


# --- Chapter text against its figures and runs -------------------------------------------

import re  # noqa: E402

import chapter_glue  # noqa: E402

FIGURE = re.compile(r"```\{figure\} \.\./auto_examples/(\S+)/images/sphx_glr_(\w+?)_(\d{3})\.png\n"
                    r":alt: (.*)\n")


def alt_text_mismatches(chapter_text):
    """The gallery figures of a chapter whose :alt: differs from their script's description."""
    wrong = []
    for folder, name, number, alt in FIGURE.findall(chapter_text):
        script = (chapter_glue.BOOK / "examples" / folder / f"{name}.py").read_text()
        described = dict(re.findall(r'^# sphinx_gallery_alt_text_(\d+) = "(.*)"$', script, re.M))
        if described.get(str(int(number))) != alt:
            wrong.append(f"{name} {number}")
    return wrong


@pytest.mark.parametrize("chapter", ["momentum", "adagrad", "rmsprop", "adam"])
def test_chapter_alt_texts_are_their_scripts(chapter):
    """A figure is described once: the chapter's :alt: is the gallery script's description
    (the Adam chapter's copy of Fig. 8.5's once wrote lambda for the script's mu)."""
    text = (chapter_glue.BOOK / "part2" / f"{chapter}.md").read_text()
    assert FIGURE.findall(text)
    assert alt_text_mismatches(text) == []


def figure_caption(chapter, name):
    text = (chapter_glue.BOOK / f"{chapter}.md").read_text()
    return re.search(rf":name: {name}\n.*?\n```", text, re.S).group(0)


def test_adadelta_eps_takes_over_once_x1_is_nearly_solved():
    """Fig. 7.3 with eps = 1e-4: the step along x1 stays near its first size, then collapses
    at the factor 1 - lambda_1 of gradient descent with rate 1, where sqrt(delta + eps) /
    sqrt(s + eps) -> 1. AdaDelta is written out here, line by line of eq-adadelta."""
    g = glued("part2/rmsprop")
    rho, eps = 0.9, 1e-4
    x, s, delta = X0.copy(), np.zeros(2), np.zeros(2)
    xs, factor = [x.copy()], []
    for _ in range(400):
        grad = quadratic.grad(x)
        s = rho * s + (1 - rho) * grad**2
        dx = np.sqrt(delta + eps) / np.sqrt(s + eps) * grad
        factor.append(np.sqrt(delta + eps)[0] / np.sqrt(s + eps)[0])
        delta = rho * delta + (1 - rho) * dx**2
        x = x - dx
        xs.append(x.copy())
    xs = np.array(xs)
    np.testing.assert_allclose(gdlib.run(gdlib.AdaDelta(rho=rho, eps=eps), quadratic.grad, X0,
                                         400).xs, xs, rtol=1e-12, atol=1e-300)
    step = np.abs(np.diff(xs[:, 0]))
    t = np.arange(1, 401)
    assert np.all(step[t <= g["dd4_near_t"]] >= 0.9 * step[0])
    assert step[g["dd4_near_t"]] < 0.9 * step[0]
    assert t[step < step[0] / 2][0] == g["dd4_half_t"]
    assert t[step < step[0] / 10][0] == g["dd4_tenth_t"]
    assert np.all(np.diff(step[g["dd4_half_t"]:]) < 0)  # from there on it only shrinks
    small = quadratic.grad(xs[:-1])[:, 0] ** 2 < eps
    assert not small[: g["dd4_small_t"] - 1].any() and small[g["dd4_small_t"] - 1:].all()
    assert g["dd4_half_t"] < g["dd4_small_t"] < g["dd4_tenth_t"]
    assert abs(factor[-1] - 1) < 1e-6  # gradient descent with the learning rate 1 ...
    assert g["dd_gd_factor"] == pytest.approx(1 - quadratic.eigenvalues[0])  # ... whose factor
    assert g["dd4_tail_factor"] == pytest.approx(g["dd_gd_factor"], abs=1e-4)
    # the caption says so with these numbers, no longer that the step "grows slowly"
    caption = figure_caption("part2/rmsprop", "fig-adadelta")
    for key in ("dd4_near_t", "dd4_half_t", "dd4_tenth_t", "dd4_tail_factor"):
        assert f"`{key}" in caption
    assert step[-1] < 1e-15 * step[0]


def test_adadelta_is_not_unit_consistent_but_newton_is():
    """x measured in units ten times smaller: f(x'/10) = 0.001 x1'^2 + 0.02 x2'^2."""
    g = glued("part2/rmsprop")
    smaller = Quadratic(0.001, 0.02)
    xs = gdlib.run(gdlib.AdaDelta(rho=0.9, eps=1e-6), smaller.grad, 10 * X0, 400).xs / 10
    assert g["dd_units_first"] == pytest.approx(abs(xs[1, 0] - X0[0]), rel=1e-9)
    assert g["dd_units_first"] == pytest.approx(g["dd_first_6"] / 10, rel=1e-3)
    np.testing.assert_allclose([g["dd_units_x1"], g["dd_units_x2"]], xs[-1], rtol=1e-9)
    assert abs(g["dd_units_x1"] - g["dd400_x1_6"]) > 1  # another run altogether
    newton = [gdlib.run(gdlib.Newton(0.5, hessian=q.hessian), q.grad, c * X0, 5).xs / c
              for q, c in ((quadratic, 1), (smaller, 10))]
    np.testing.assert_allclose(newton[1], newton[0], rtol=1e-12)


def test_adam_overshoots_where_momentum_does_not():
    """Sec. 8.5: Adam passes the minimum along the flat x1 (and x2); momentum only across
    the valley, since eta lambda_1 is in the real-root range of eq-momentum-charpoly."""
    g = glued("part2/adam")
    adam = gdlib.run(gdlib.Adam(0.5), quadratic.grad, X0, 40).xs
    momentum = gdlib.run(gdlib.Momentum(0.4, gamma=0.5), quadratic.grad, X0, 40).xs
    cross = g["adam_q_cross_t"]
    assert adam[cross - 1, 0] < 0 < adam[cross, 0]
    assert g["adam_q_cross_step"] == pytest.approx(adam[cross, 0] - adam[cross - 1, 0])
    assert np.all(np.diff(adam[cross - 1: g["adam_q_turn_t"] + 1, 0]) > 0)  # still moving on
    assert adam[g["adam_q_turn_t"] + 1, 0] < adam[g["adam_q_turn_t"], 0] == g["adam_q_max_x1"]
    assert g["adam_q_max_x2"] == adam[:, 1].max() > 0.8  # from -2, past 0 to about 0.9
    assert g["mom_q_max_x1"] == momentum[:, 0].max() < 0  # x1 never passes 0
    assert np.any(np.diff(np.sign(momentum[:, 1])) != 0)  # x2 does
    for lam, real in ((quadratic.eigenvalues[0], True), (quadratic.eigenvalues[1], False)):
        roots = np.roots([1, -(1 + 0.5 - 0.4 * lam), 0.5])  # eq-momentum-charpoly
        assert np.all(np.isreal(roots)) == real
    assert g["mom_q_lr_lam1"] < g["mom_q_edge"] == pytest.approx((1 - np.sqrt(0.5)) ** 2)
