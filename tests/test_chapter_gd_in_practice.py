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


# --- Section "A learning-rate explorer" (review, errors 1 and 2) ---------------------------

HILLTOP = 0.273853  # the maximizer of f between the two valleys


def period_of(lr, steps=4000, max_period=64):
    """The period of the cycle a run from 0.5 settles on, by iterating it one run at a time."""
    xs = gdlib.run(gdlib.GD(lr=lr), xcos.grad, x0=0.5, steps=steps).xs[-200:]
    for p in range(1, max_period + 1):
        if np.allclose(xs[p:], xs[:-p], rtol=0, atol=1e-9):
            return p
    return 0


def true_lyapunov(lr, steps=4000):
    xs = gdlib.run(gdlib.GD(lr=lr), xcos.grad, x0=0.5, steps=steps).xs[-2000:]
    return float(np.mean(np.log(np.abs(1 - lr * xcos.hessian(xs)))))


@pytest.mark.parametrize("p", [2, 4, 8])
def test_explorer_period_doublings(p):
    """The run from 0.5 ends on a p-cycle up to the glued rate, and on a 2p-cycle a little above."""
    g = glued("part1/gd_in_practice")
    top = g[f"explorer_p{p}_to"]
    assert period_of(top) == p
    assert period_of(top + 0.0005) == 2 * p
    # the p-cycle attracts: a round trip multiplies a deviation by less than 1 in size
    cycle = gdlib.run(gdlib.GD(lr=top), xcos.grad, x0=0.5, steps=4000).xs[-p:]
    assert abs(np.prod(1 - top * xcos.hessian(cycle))) < 1


def test_explorer_two_cycle_ends_long_before_the_left_valley():
    """The book once said the two-cycle lasts up to the rate where runs cross the hill."""
    g = glued("part1/gd_in_practice")
    assert round(g["explorer_p2_to"], 3) == 0.209 and round(g["explorer_p4_to"], 3) == 0.219
    assert round(g["explorer_chaos_from"], 3) == 0.222 and round(g["explorer_left_from"], 3) == 0.276
    assert g["limit_global"] < g["explorer_p2_to"] < g["explorer_p4_to"] < g["explorer_p8_to"] \
        < g["explorer_chaos_from"] < g["explorer_left_from"] < g["limit_local"]


def test_explorer_chaos_and_its_widest_window():
    g = glued("part1/gd_in_practice")
    for lr in (0.235, 0.243, 0.258, 0.266, 0.274):  # chaotic frames of the animation
        assert period_of(lr) == 0 and true_lyapunov(lr) > 0
    lo, hi = g["explorer_window_lo"], g["explorer_window_hi"]
    assert (round(lo, 3), round(hi, 3), g["explorer_window_period"]) == (0.248, 0.252, 3)
    assert period_of(lo) == 3 and true_lyapunov(lo) < 0 and true_lyapunov(hi) < 0
    assert period_of(hi) == 12  # doubled twice near the window's end
    assert true_lyapunov(lo - 0.0002) > 0 and true_lyapunov(hi + 0.0002) > 0  # chaos either side
    assert 0.8 < g["explorer_chaos_share"] < 0.9


def test_explorer_crisis_sends_runs_into_the_left_valley():
    g = glued("part1/gd_in_practice")
    lo = g["explorer_left_from"]
    below = gdlib.run(gdlib.GD(lr=lo - 1e-4), xcos.grad, x0=0.5, steps=20000).xs
    assert np.all(below > HILLTOP)  # 20000 steps in the right valley
    above = gdlib.run(gdlib.GD(lr=lo), xcos.grad, x0=0.5, steps=3000).xs
    crossed = int(np.argmax(above < HILLTOP))
    assert crossed > 0 and np.all(above[crossed:] < HILLTOP)
    assert g["explorer_cross_near"] > 2 * g["explorer_cross_far"]


def test_explorer_animation_shows_what_the_text_and_its_description_say(monkeypatch):
    """Every frame the text puts in the left valley crosses the hill within the frames' steps,
    at the glued step (the animation once stopped at step 25, before two of them crossed)."""
    import runpy
    from pathlib import Path

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    g = glued("part1/gd_in_practice")
    script = Path(__file__).parents[1] / "book/examples/part1/gd_in_practice/plot_lr_explorer.py"
    monkeypatch.setattr(plt, "show", lambda *a, **k: None)
    monkeypatch.chdir(script.parent)
    try:
        ns = runpy.run_path(str(script), run_name="__main__")
    finally:
        plt.close("all")
    rates, steps = ns["rates"], ns["steps"]
    np.testing.assert_array_equal(rates, np.linspace(0.02, 0.32, 40))
    left = rates > g["explorer_left_from"]
    assert ", ".join(f"{lr:.3f}" for lr in rates[left]) == g["explorer_frames_left"].data
    assert "、".join(f"{lr:.3f}" for lr in rates[left]) == g["explorer_frames_left_zh"].data
    crossings = []
    for lr in rates[left]:
        xs = gdlib.run(gdlib.GD(lr=lr), xcos.grad, x0=0.5, steps=3000).xs
        crossing = int(np.argmax(xs < HILLTOP))
        assert np.all(xs[crossing:] < HILLTOP) and crossing <= steps
        crossings.append(crossing)
    assert ", ".join(map(str, crossings)) == g["explorer_frames_cross"].data
    assert "、".join(map(str, crossings)) == g["explorer_frames_cross_zh"].data
    assert crossings[0] == g["explorer_first_cross"] == max(crossings)
    for lr in rates[~left]:
        assert np.all(gdlib.run(gdlib.GD(lr=lr), xcos.grad, x0=0.5, steps=3000).xs > HILLTOP)
    description = script.read_text()
    assert f"From {rates[left][0]:.3f} on every run crosses" in description
    assert f"at a step between {min(crossings)} and {max(crossings)}" in description


# --- Fig. 3.6: the last step of the true runs C and D (review, error 22) --------------------

@pytest.mark.parametrize("name", ["c", "d"])
def test_true_runs_fall_back_at_the_last_step(name):
    """Far out, one step multiplies x by about 1 + eta pi sin(pi x); at step 19 of C and D
    sin(pi x) is near -1/(eta pi), so step 20 throws the run back towards the origin."""
    g = glued("part1/gd_in_practice")
    xs = run(name.upper(), xcos.grad).xs
    lr = RUNS[name.upper()][1]
    assert g[f"{name}_true_19"] == abs(xs[19]) and g[f"{name}_true_20"] == abs(xs[20])
    assert abs(xs[20]) < abs(xs[19]) / 5  # the fall the caption of Fig. 3.6 once ignored
    predicted = abs(xs[19] * (1 + lr * np.pi * np.sin(np.pi * xs[19])))
    assert predicted == pytest.approx(abs(xs[20]), rel=0.2)
    ratios = np.abs(xs[12:20] / xs[11:19])
    assert ratios.max() <= g[f"{name}_outward"] * 1.01
    assert round(g["c_true_20"], 2) == 6.48 and round(g["d_true_20"]) == 37487


# --- Terms defined where a reader first meets them (review, error 18, confusions 1 and 3) ---

def _prose_paragraphs(chapter):
    """The chapter's paragraphs of prose, in order, each joined into one line: not code
    cells, displayed formulas, or the opening box that lists what the chapter teaches."""
    import re
    from pathlib import Path

    text = (Path(__file__).parents[1] / "book" / f"{chapter}.md").read_text()
    text = re.sub(r"(?ms)^```\{code-cell\}.*?^```$", "", text)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    return [p for p in paragraphs if not p.startswith(("$$", "**Assumes:**"))]


@pytest.mark.parametrize("chapter, term, definition", [
    ("part1/optimization", "Hessian", "*Hessian*"),
    ("part1/gd_in_practice", "periodic window", "*periodic windows*"),
    ("part1/gd_in_practice", "\\log", "natural logarithm"),
])
def test_a_term_is_defined_where_it_first_appears(chapter, term, definition):
    first = next(p for p in _prose_paragraphs(chapter) if term in p)
    assert definition in first, first[:200]


def test_chapter_2_says_to_what_fraction_the_error_shrinks():
    """'shrink the error by 10^-6' reads as a factor 10^-6 (review, error 26)."""
    text = " ".join(_prose_paragraphs("part1/why_gd_works"))
    assert "error by $10^{-6}$" not in text and "to $10^{-6}$ of its start" in text
