"""Numbers quoted in the chapters "Optimization and its obstacles" and "Why gradient
descent works" (book/part1/optimization.md, book/part1/why_gd_works.md).

Each is computed with gdlib, as the chapters do, and where possible checked again
against an independent computation: hand-written derivatives and Newton's method,
closed forms, or scipy when it is installed.
"""

from pathlib import Path

import numpy as np
import pytest

import chapter_glue
import gdlib
from chapter_glue import chapter_namespace
from gdlib import rates
from gdlib.functions import LeastSquares, cubic, quadratic, roots, saddle, xcos

PI = np.pi


def f(x):
    return x * np.cos(PI * x)


def df(x):  # written out by hand, independently of gdlib
    return np.cos(PI * x) - PI * x * np.sin(PI * x)


def d2f(x):
    return -2 * PI * np.sin(PI * x) - PI**2 * x * np.cos(PI * x)


def d3f(x):
    return -3 * PI**2 * np.cos(PI * x) + PI**3 * x * np.sin(PI * x)


def newton_critical(x, steps=50):
    """Newton's method on f' = 0, from a starting guess."""
    for _ in range(steps):
        x = x - df(x) / d2f(x)
    return x


# --- Chapter "Optimization and its obstacles" -------------------------------------------

def test_critical_points_on_the_book_interval():
    points, kinds = xcos.critical_points(-1.0, 2.0)
    assert kinds == ["min", "max", "min"]
    np.testing.assert_allclose(points, [-0.273853, 0.273853, 1.090408], atol=5e-7)
    np.testing.assert_allclose(xcos.value(points), [-0.178603, 0.178603, -1.046721], atol=5e-7)
    np.testing.assert_allclose(xcos.hessian(points), [6.526, -6.526, 12.091], atol=5e-4)
    # independent: Newton's method on the hand-written derivatives
    newton = newton_critical(np.array([-0.3, 0.3, 1.1]))
    np.testing.assert_allclose(points, newton, atol=1e-12)
    np.testing.assert_allclose(d2f(newton), xcos.hessian(points), rtol=1e-10)


def test_critical_points_agree_with_scipy():
    from scipy import optimize  # locked: scikit-learn needs it
    for guess, bracket in [(-0.27, (-0.5, 0.0)), (0.27, (0.0, 0.5)), (1.09, (0.8, 1.4))]:
        root = optimize.brentq(df, *bracket, xtol=1e-14)
        assert abs(root - newton_critical(guess)) < 1e-12
    result = optimize.minimize_scalar(f, bounds=(-1.0, 2.0), method="bounded",
                                      options={"xatol": 1e-10})
    assert abs(result.x - 1.090408) < 1e-6  # the global minimizer on [-1, 2]


def test_global_minimum_depends_on_the_interval():
    # on [-1, 2]: the deep valley beats the other minimum and both ends
    grid = np.linspace(-1.0, 2.0, 300001)
    assert abs(grid[f(grid).argmin()] - 1.090408) < 2e-5
    assert xcos.value(-1.0) == 1.0 and xcos.value(2.0) == 2.0
    # on [-2, 2]: four critical points, and the left end is lower than all of them
    points, kinds = xcos.critical_points(-2.0, 2.0)
    assert kinds == ["max", "min", "max", "min"]
    np.testing.assert_allclose(points[0], -1.090408, atol=5e-7)
    assert xcos.value(-2.0) == -2.0 < xcos.value(points).min()
    grid = np.linspace(-2.0, 2.0, 400001)
    assert grid[f(grid).argmin()] == -2.0
    # on the real line: unbounded below, f(2k+1) = -(2k+1) and f(-2k) = -2k
    k = np.arange(1, 50)
    np.testing.assert_allclose(xcos.value(2 * k + 1), -(2 * k + 1), rtol=1e-12)
    np.testing.assert_allclose(xcos.value(-2 * k), -2 * k, rtol=1e-12)


def test_a_local_minimum_pulls_gradient_descent_back():
    x_loc = xcos.critical_points(-1.0, 2.0)[0][0]
    assert abs(abs(xcos.grad(x_loc + 0.05)) - 0.31) < 0.005
    factor = 1 - 0.1 * xcos.hessian(x_loc)
    assert abs(factor - 0.347) < 5e-4
    # a run started near the local minimum stays there and contracts by that factor
    traj = gdlib.run(gdlib.GD(lr=0.1), xcos.grad, x_loc + 1e-3, steps=3)
    ratios = (traj.xs[1:] - x_loc) / (traj.xs[:-1] - x_loc)
    np.testing.assert_allclose(ratios, factor, atol=5e-3)


def test_least_squares_gradient_descent_reaches_the_normal_equations():
    rng = np.random.default_rng(0)
    A = rng.normal(size=(50, 3))
    b = A @ np.array([1.0, -2.0, 0.5]) + 0.1 * rng.normal(size=50)
    x_closed = np.linalg.solve(A.T @ A, A.T @ b)
    np.testing.assert_allclose(x_closed, np.linalg.lstsq(A, b, rcond=None)[0], atol=1e-12)
    ls = LeastSquares(A, b)
    lr = 1 / np.linalg.eigvalsh(ls.hessian()).max()
    traj = gdlib.run(gdlib.GD(lr=lr), ls.grad, np.zeros(3), steps=100)
    assert abs(np.linalg.norm(traj.xs[10] - x_closed) - 1.2e-3) < 0.05e-3
    assert np.linalg.norm(traj.final - x_closed) < 1e-12


def test_gradient_descent_crawls_near_the_flat_point_of_the_cubic():
    runs = gdlib.run_many(gdlib.GD(lr=0.1), cubic.grad, np.array([1.0, -0.1]), 30)
    # independent: the same recursion by hand
    x = np.array([1.0, -0.1])
    hand = [x]
    for _ in range(30):
        x = x - 0.1 * 3 * x**2
        hand.append(x)
    np.testing.assert_allclose(runs.xs, np.array(hand), rtol=1e-12)
    assert abs(runs.final[0] - 0.093) < 5e-4
    assert abs(runs.xs[15, 1] - (-0.176)) < 5e-4
    assert abs(runs.final[1] - (-0.649)) < 5e-4
    assert cubic.grad(0.0) == 0 and cubic.hessian(0.0) == 0


def test_second_order_test_with_gdlib_hessians():
    origin = np.zeros(2)
    assert np.linalg.norm(saddle.grad(origin)) == 0
    np.testing.assert_array_equal(np.linalg.eigvalsh(saddle.hessian(origin)), [-2.0, 2.0])
    # the saddle's Hessian against finite differences of its gradient
    h = 1e-6
    fd = np.stack([(saddle.grad(origin + h * e) - saddle.grad(origin - h * e)) / (2 * h)
                   for e in np.eye(2)], axis=-1)
    np.testing.assert_allclose(fd, saddle.hessian(origin), atol=1e-8)
    # exercise 2: x1^2 + 3 x1 x2 + x2^2 is a saddle despite its positive diagonal,
    # by the chapter's own classify() on a finite-difference Hessian of that function
    classify = chapter_namespace("part1/optimization")["classify"]
    grad = lambda x: np.array([2 * x[0] + 3 * x[1], 3 * x[0] + 2 * x[1]])
    fd = np.stack([(grad(origin + h * e) - grad(origin - h * e)) / (2 * h) for e in np.eye(2)])
    assert classify(fd) == "eigenvalues [-1.  5.] -> saddle point"
    # xcos's Hessian against finite differences, at the critical points
    points, _ = xcos.critical_points(-1.0, 2.0)
    np.testing.assert_allclose((df(points + h) - df(points - h)) / (2 * h), xcos.hessian(points),
                               rtol=1e-6)


# --- Chapter "Why gradient descent works" ----------------------------------------------

def test_one_step_from_one_half():
    x = 0.5
    assert abs(xcos.grad(x) - (-PI / 2)) < 1e-12
    assert abs(xcos.hessian(x) - (-2 * PI)) < 1e-12
    x_glob = xcos.critical_points(-1.0, 2.0)[0][-1]
    eta_best = (x_glob - x) / (PI / 2)
    assert abs(eta_best - 0.376) < 5e-4
    eta = np.linspace(0.0, 0.8, 800001)
    after = xcos.value(x - eta * xcos.grad(x))
    assert abs(eta[after.argmin()] - eta_best) < 1e-5
    # the loss comes back to f(0.5) = 0 when the step lands on x = 1.5: eta = 2 / pi
    back = roots(lambda e: xcos.value(x - e * xcos.grad(x)) - xcos.value(x), 0.1, 0.8)
    np.testing.assert_allclose(back, [2 / PI], atol=1e-12)
    page = chapter_glue.glued("part1/why_gd_works")  # the numbers the chapter prints
    assert page["eta_back_a"] == pytest.approx(2 / PI, abs=1e-12)
    assert page["eta_best_a"] == pytest.approx(eta_best, abs=1e-12)
    # f'' < 0 at 0.5: at first the loss falls faster than its first-order model
    small = eta[1:1000]
    model = xcos.value(x) - small * xcos.grad(x) ** 2
    assert np.all(xcos.value(x - small * xcos.grad(x)) < model)


def test_smoothness_constant_on_the_book_interval():
    grid = np.linspace(-1.0, 2.0, 30001)
    L = np.abs(xcos.hessian(grid)).max()
    assert abs(L - 2 * PI**2) < 1e-9  # attained at x = 2, where f'' = -2 pi^2
    assert abs(L - 19.74) < 5e-3 and abs(2 / L - 0.101) < 5e-4
    assert abs(2 / xcos.hessian(1.090408) - 0.165) < 5e-4
    # |f'''| is bounded on the interval, so the grid maximum is within (spacing) * max|f'''|
    assert np.abs(d3f(grid)).max() * (grid[1] - grid[0]) < 0.05


def test_descent_lemma_holds_on_the_book_interval():
    L = 2 * PI**2
    rng = np.random.default_rng(1)
    x = rng.uniform(-1.0, 2.0, 20000)
    eta = rng.uniform(0.0, 2 / L, 20000)
    y = x - eta * xcos.grad(x)
    inside = (y >= -1.0) & (y <= 2.0)
    bound = xcos.value(x) - eta * (1 - L * eta / 2) * xcos.grad(x) ** 2
    assert inside.mean() > 0.9
    assert np.all(xcos.value(y[inside]) <= bound[inside] + 1e-12)


def test_quadratic_regimes():
    lam = 2.0
    eta_lam = np.array([0.3, 1.0, 1.7, 2.1])
    runs = gdlib.run_many(gdlib.GD(lr=eta_lam / lam), lambda x: lam * x, np.ones(4), 60)
    np.testing.assert_allclose(runs.xs[1] / runs.xs[0], 1 - eta_lam, atol=1e-15)
    np.testing.assert_allclose(runs.xs[1], [0.7, 0.0, -0.7, -1.1], atol=1e-15)
    # the closed form (1 - eta lambda)^t
    t = np.arange(61)[:, None]
    np.testing.assert_allclose(runs.xs, (1 - eta_lam) ** t, rtol=1e-12, atol=1e-300)
    below = np.abs(runs.xs) <= 1e-6
    assert below[:, 0].argmax() == below[:, 2].argmax() == 39 == rates.steps_to_tolerance(0.7, 1e-6)
    assert below[:, 1].argmax() == 1 and not below[:, 3].any()
    assert abs(runs.xs[10, 0] - 0.0282) < 5e-5 and abs(runs.xs[10, 2] - 0.0282) < 5e-5
    assert abs(runs.xs[10, 3] - 2.594) < 5e-4


def test_two_variable_quadratic_rates():
    lam_min, lam_max = np.linalg.eigvalsh(quadratic.hessian(np.zeros(2)))
    np.testing.assert_allclose([lam_min, lam_max], quadratic.eigenvalues)
    assert (lam_min, lam_max) == pytest.approx((0.2, 4.0))
    kappa = lam_max / lam_min
    assert kappa == pytest.approx(20.0) == quadratic.condition_number
    page = chapter_glue.glued("part1/why_gd_works")
    eta_star, rate, rate_safe = page["q_eta_star"], page["q_rate_star"], page["q_rate_safe"]
    assert eta_star == pytest.approx(2 / (lam_min + lam_max)) and rate == pytest.approx(19 / 21)
    assert page["q_steps_star"] == rates.steps_to_tolerance(rate, 1e-6)
    assert page["q_steps_safe"] == rates.steps_to_tolerance(rate_safe, 1e-6) > page["q_steps_star"]
    # the cautious rate 1 / lam_max, measured: the slow coordinate shrinks by rate_safe per step
    slow = gdlib.run(gdlib.GD(lr=1 / lam_max), quadratic.grad, np.array([-5.0, -2.0]), steps=3).xs
    np.testing.assert_allclose(slow[1:, 0] / slow[:-1, 0], rate_safe, rtol=1e-12)
    # measured by gdlib: both coordinates shrink by rate per step, one flipping sign
    traj = gdlib.run(gdlib.GD(lr=eta_star), quadratic.grad, np.array([-5.0, -2.0]), steps=50)
    np.testing.assert_allclose(traj.xs[-1] / traj.xs[-2], [rate, -rate], rtol=1e-10)
    # rho(eta) is minimized at eta_star, and 2 / lam_max = 0.5 is the divergence threshold
    etas = np.linspace(0.01, 0.6, 5901)
    rho = np.maximum(np.abs(1 - etas * lam_min), np.abs(1 - etas * lam_max))
    assert abs(etas[rho.argmin()] - eta_star) < 1e-4
    assert np.all((rho < 1) == (etas < 0.5))
    # exercise 3: factors at eta = 0.4 and 0.49
    for lr, factors in [(0.4, [0.92, -0.6]), (0.49, [0.902, -0.96])]:
        traj = gdlib.run(gdlib.GD(lr=lr), quadratic.grad, np.array([-5.0, -2.0]), steps=5)
        np.testing.assert_allclose(traj.xs[-1] / traj.xs[-2], factors, rtol=1e-10)


# --- Figures of the chapter "Optimization and its obstacles" ------------------------------

def _script_figures(path, monkeypatch):
    """Run a gallery script in this process and return the figures it shows."""
    import runpy

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shown = []
    monkeypatch.setattr(plt, "show", lambda *a, **k: shown.extend(
        plt.figure(n) for n in plt.get_fignums() if plt.figure(n) not in shown))
    monkeypatch.chdir(path.parent)
    runpy.run_path(str(path), run_name="__main__")
    return shown


def _text_boxes(fig, monkeypatch):
    """Every non-empty text the figure draws when saved, with its panel's index and its box.

    The panel is the index of the axes the text belongs to (its title, labels, ticks,
    legend), None for the figure's own texts. The figure is drawn twice first: the
    constrained layout moves panels on each of the first draws, as it does in the build.
    """
    import io

    from matplotlib.text import Text

    owner = {id(text): k for k, ax in enumerate(fig.axes) for text in ax.findobj(Text)}
    for _ in range(2):
        fig.canvas.draw()
    drawn = []
    draw = Text.draw

    def recording_draw(self, renderer):
        draw(self, renderer)
        if self.get_visible() and self.get_text().strip():
            drawn.append((owner.get(id(self)), self.get_text(), self.get_window_extent(renderer)))

    with monkeypatch.context() as patch:
        patch.setattr(Text, "draw", recording_draw)
        fig.savefig(io.BytesIO(), format="png")
    return drawn


def test_saddle_figure_labels_do_not_overlap(monkeypatch):
    """Fig. 1.4: no text of one panel lies on a text of the other (review, error 19)."""
    import matplotlib.pyplot as plt

    script = Path(__file__).parents[1] / "book/examples/part1/obstacles/plot_saddle_surface.py"
    (fig,) = _script_figures(script, monkeypatch)
    try:
        boxes = _text_boxes(fig, monkeypatch)
        assert {k for k, _, _ in boxes} == {0, 1, None}
        clashes = [(a, b) for i, (ax_a, a, box_a) in enumerate(boxes)
                   for ax_b, b, box_b in boxes[i + 1:]
                   if ax_a is not ax_b and box_a.overlaps(box_b)]  # another panel's, or the title's
        assert clashes == []
        width, height = fig.canvas.get_width_height()
        for _, text, box in boxes:  # every text inside the figure
            assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= width and box.y1 <= height, text
        for ax in fig.axes:  # readable: axis labels at least 9 points
            for label in (ax.xaxis.label, ax.yaxis.label, getattr(ax, "zaxis", ax.yaxis).label):
                assert label.get_fontsize() >= 9
    finally:
        plt.close("all")
