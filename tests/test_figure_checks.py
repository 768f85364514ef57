"""The figure checks of the gallery scraper (book/_ext/figure_checks.py), on synthetic figures.

Each check must catch the fault it names, and leave a clean figure alone.
"""

import re
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

sys.path.insert(0, str(Path(__file__).parents[1] / "book" / "_ext"))
import figure_checks  # noqa: E402
from figure_checks import densify, figure_problems, hidden_problems, legend_problems  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _axes(**kwargs):
    fig, ax = plt.subplots(figsize=(6, 4), dpi=100, **kwargs)
    return fig, ax


# -- densify ------------------------------------------------------------------------


def test_densify_spreads_points_evenly_along_the_drawn_length_and_breaks_at_nans():
    points = densify(np.array([[0.0, 0.0], [10.0, 0.0], [np.nan, np.nan],
                               [20.0, 0.0], [20.0, 3.0]]))
    gaps = np.hypot(*np.diff(points, axis=0).T)
    assert len(points) == 21 + 7  # 0..10 in halves, then 0 .. 3 in halves
    assert gaps[:20].max() <= 0.5 + 1e-12
    assert not ((points[:, 0] > 10) & (points[:, 0] < 20)).any()  # nothing across the gap
    # a thousand vertices crowded into one pixel weigh as much as that pixel, no more
    crowded = np.column_stack([np.r_[np.linspace(0, 10, 3), np.linspace(10, 11, 1000)],
                               np.zeros(1003)])
    assert len(densify(crowded)) == 23


# -- legends --------------------------------------------------------------------------


def test_legend_over_a_curve_is_caught_and_names_it():
    fig, ax = _axes()
    x = np.linspace(0, 1, 200)
    ax.plot(x, np.ones_like(x), label="flat at the top")
    ax.plot(x, x, label="diagonal")
    ax.set_ylim(0, 1.05)
    ax.set_title("panel")
    ax.legend(loc="upper right")
    problems = legend_problems(fig)
    assert any("'flat at the top'" in p and "axes 'panel'" in p for p in problems), problems


def test_a_long_straight_segment_under_the_legend_counts():
    """Two vertices only, far outside the legend; the segment between them crosses it."""
    fig, ax = _axes()
    ax.plot([0, 1], [0.9, 0.9], label="two vertices")
    ax.plot([0, 1], [0, 0.1], label="low")
    ax.set_ylim(0, 1)
    ax.legend(loc="upper center")
    problems = legend_problems(fig)
    assert any("'two vertices'" in p for p in problems), problems
    assert not any("'low'" in p for p in problems)


def test_markers_and_scatter_offsets_under_a_legend_are_caught():
    fig, ax = _axes()
    ax.plot([0.9], [0.9], "o", label="one marker")
    ax.scatter([0.92, 0.1], [0.92, 0.1], label="scatter")
    ax.plot([0, 1], [0, 0.05], label="low line")
    ax.set(xlim=(0, 1), ylim=(0, 1))
    ax.legend(loc="upper right")
    problems = legend_problems(fig)
    assert any("'one marker'" in p for p in problems), problems
    assert any("'scatter'" in p for p in problems), problems


def test_a_figure_legend_over_an_axes_is_caught():
    fig, ax = _axes()
    x = np.linspace(0, 1, 100)
    ax.plot(x, x, label="a")
    ax.plot(x, 1 - x, label="b")
    fig.legend(loc="center")  # in the middle of the figure, where both lines cross
    problems = legend_problems(fig)
    assert problems and all("figure legend" in p for p in problems), problems


def test_legend_outside_the_axes_and_images_under_a_legend_pass():
    fig, ax = _axes()
    x = np.linspace(0, 1, 200)
    ax.imshow(np.random.default_rng(0).random((10, 10)), extent=(0, 1, 0, 1), aspect="auto")
    ax.contour(*np.meshgrid(x, x), np.add.outer(x, x), levels=8)
    ax.plot(x, x**2, label="parabola")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1))
    assert legend_problems(fig) == []


def test_a_legend_in_an_empty_corner_passes():
    fig, ax = _axes()
    x = np.linspace(0, 1, 200)
    ax.plot(x, x**3, label="cubic")
    ax.plot(x, x**4, label="quartic")
    ax.legend(loc="upper left")
    assert legend_problems(fig) == []


def test_legend_over_a_log_scale_curve_is_measured_on_the_log_scale():
    fig, ax = _axes()
    t = np.arange(1, 101)
    ax.semilogy(t, 10.0 ** (-t / 10), label="decay")  # a straight line on log scale
    ax.legend(loc="center")
    assert any("'decay'" in p for p in legend_problems(fig))


# -- hidden artists --------------------------------------------------------------------


def test_a_curve_under_another_is_caught():
    fig, ax = _axes()
    x = np.linspace(0, 1, 100)
    ax.plot(x, np.sin(3 * x), ":", lw=1.5, label="run D")
    ax.plot(x, np.sin(3 * x) + 1e-4, "-", lw=2, label="run C")
    problems = hidden_problems(fig)
    assert any("'run D'" in p and "under 'run C'" in p for p in problems), problems


def test_a_curve_drawn_over_another_hides_the_lower_one_by_zorder():
    fig, ax = _axes()
    x = np.linspace(0, 1, 100)
    ax.plot(x, x, label="first, on top", zorder=5)
    ax.plot(x, x, label="second, below", zorder=1)
    problems = hidden_problems(fig)
    assert any("'second, below'" in p and "under 'first, on top'" in p for p in problems), problems


def test_curves_apart_by_a_few_pixels_or_sharing_only_a_start_pass():
    fig, ax = _axes()
    x = np.linspace(0, 1, 100)
    ax.plot(x, x, lw=1.5, label="a")
    ax.plot(x, x + 0.03, lw=1.5, label="b")  # about 8 pixels above
    ax.plot(x, np.where(x < 0.2, x, 0.2 + (x - 0.2) * 0.2), label="shares a fifth")
    assert hidden_problems(fig) == []


def test_a_marker_under_a_larger_marker_is_caught_and_a_small_one_on_top_passes():
    fig, ax = _axes()
    ax.plot([0.5], [0.5], "*", ms=13, label="end star")
    ax.plot([0.5], [0.5], "P", ms=12, color="white", mec="black", label="minimizer")
    ax.plot([0.2], [0.2], "*", ms=13, label="visible star")
    ax.plot([0.2], [0.2], "+", ms=4, label="small cross on top")
    ax.set(xlim=(0, 1), ylim=(0, 1))
    problems = hidden_problems(fig)
    assert any("'end star'" in p and "'minimizer'" in p for p in problems), problems
    assert not any("'visible star'" in p for p in problems)


def test_a_heavy_unfilled_cross_hides_a_star_and_a_thin_large_one_does_not():
    fig, ax = _axes()
    ax.plot([0.3], [0.5], "*", ms=13, label="under a heavy x")
    ax.plot([0.3], [0.5], "x", ms=10, mew=2, color="black", label="heavy x")
    ax.plot([0.7], [0.5], "*", ms=13, label="under a thin plus")
    ax.plot([0.7], [0.5], "+", ms=28, mew=1, color="black", label="thin plus")
    ax.set(xlim=(0, 1), ylim=(0, 1))
    problems = hidden_problems(fig)
    assert any("'under a heavy x'" in p for p in problems), problems
    assert not any("'under a thin plus'" in p for p in problems)


def test_stacked_end_stars_are_caught_unless_nested_and_shared_hollow_starts_pass():
    fig, ax = _axes()
    for color in ("C0", "C1"):  # two runs that both end at (0.5, 0.5), equal stars
        ax.plot([0.5], [0.5], "*", ms=13, color=color, label=f"end {color}")
    for color, ms in (("C2", 19), ("C3", 11)):  # nested: the lower star is larger
        ax.plot([0.2], [0.2], "*", ms=ms, color=color, label=f"nested {color}")
    for color in ("C4", "C5"):  # a common start: identical hollow circles
        ax.plot([0.8], [0.8], "o", ms=9, mfc="white", mec=color, mew=2, label=f"start {color}")
    ax.set(xlim=(0, 1), ylim=(0, 1))
    problems = hidden_problems(fig)
    assert any("'end C0'" in p and "'end C1'" in p for p in problems), problems
    assert not any("nested" in p or "start" in p for p in problems), problems


def test_markevery_is_honoured_and_markers_of_one_run_under_its_own_star_pass():
    fig, ax = _axes()
    x = np.linspace(0, 1, 50)
    ax.plot(x, x, "-o", ms=5, markevery=(0.0, 0.2), label="a")
    ax.plot(x, x + 0.3, "-s", ms=5, markevery=(0.0, 0.2), label="b")
    ax.plot(x, 0.05 * np.ones_like(x), "-o", ms=4, color="C2", label="iterates")
    ax.plot([1.0], [0.05], "*", ms=14, color="C2", mec="black", label="its end")
    assert hidden_problems(fig) == []


def test_a_wider_curve_under_a_thin_one_shows_as_a_halo_and_passes():
    fig, ax = _axes()
    x = np.linspace(0, 1, 100)
    ax.plot(x, x**2, lw=4.5, label="wide, below")
    ax.plot(x, x**2, ":", lw=1.3, color="black", label="thin, on top")
    assert hidden_problems(fig) == []


def test_a_line_along_the_edge_of_the_axes_is_caught():
    fig, ax = _axes()
    x = np.linspace(-1, 1, 100)
    ax.plot(x, x**2, label="parabola")
    ax.axhline(1.0, color="k", label="minimizer line")
    ax.set_ylim(0, 1.0)
    problems = hidden_problems(fig)
    assert any("'minimizer line'" in p and "edge" in p for p in problems), problems


def test_opting_out_silences_a_coincidence_the_figure_explains():
    fig, ax = _axes()
    x = np.linspace(0, 1, 100)
    ax.plot(x, x, label="Adam")
    ax.plot(x, x, label="AdamW", gid=f"{figure_checks.OPT_OUT}: the caption says they coincide")
    assert hidden_problems(fig) == []


def test_a_clean_figure_passes_every_check():
    # constrained: without a layout engine an "outside" legend lands on the tick labels
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.5), dpi=100, layout="constrained")
    x = np.linspace(0, 2, 300)
    for k, ax in enumerate((left, right)):
        ax.plot(x, np.cos(3 * x + k), label="cos")
        ax.plot(x, np.sin(3 * x + k) + 2.5, label="sin, shifted")
        ax.plot(x[::30], np.cos(3 * x[::30] + k), "o", ms=4, color="C0")
        ax.set_ylim(-1.2, 3.7)
    fig.legend(*left.get_legend_handles_labels(), loc="outside lower center", ncol=2)
    assert figure_problems(fig) == []


# -- the chapters' figures are the gallery's ------------------------------------------

BOOK = Path(__file__).parents[1] / "book"
CHAPTERS = sorted(BOOK.glob("part*/*.md")) + [BOOK / "index.md", BOOK / "preface.md"]


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.name)
def test_chapter_figures_come_from_the_checked_gallery(chapter):
    """The scraper checks every gallery figure; a chapter figure is one of those, and no
    chapter draws a figure of its own (which would escape the checks)."""
    text = chapter.read_text()
    figures = re.findall(r"^```\{(?:figure|image)\} *(\S+)", text, re.M)
    assert all(f.startswith("../auto_examples/") and "/images/sphx_glr_" in f
               for f in figures), figures
    assert not re.search(r"import matplotlib|from matplotlib|glue:figure|\bplt\.", text)


# -- curves drawn alike (issue 20, item 4b) ------------------------------------------------


def test_two_named_curves_in_near_colours_and_one_dash_kind_are_caught():
    """The race animations once drew Momentum (#CC3311, "--") and AdamW (#EE7733, a dash
    pattern of its own): two shades of orange, both dashed, ΔE 24 apart."""
    fig, ax = _axes()
    x = np.linspace(0, 1, 50)
    ax.plot(x, x, "--", color="#CC3311", label="Momentum")
    ax.plot(x, 1 - x, ls=(0, (3, 1.5)), color="#EE7733", label="AdamW")
    problems = figure_checks.lookalike_problems(fig)
    assert len(problems) == 1 and "'Momentum' and 'AdamW'" in problems[0], problems


def test_curves_told_apart_by_colour_or_style_or_marker_pass():
    fig, ax = _axes()
    x = np.linspace(0, 1, 50)
    ax.plot(x, x, "--", color="#CC3311", label="red dashed")
    ax.plot(x, x + 1, "-", color="#EE7733", label="orange solid")  # another kind of line
    ax.plot(x, x + 2, "--", color="#EE7733", marker="o", markevery=10, label="orange dashed, dots")
    ax.plot(x, x + 3, "--", color="#009988", label="teal dashed")  # another colour
    ax.plot(x, x + 4, "--", color="#CC3311", label="_nolegend_")  # not named: a reference
    ax.plot(x, x + 5, "--", color="#CC3311", label="red dashed")  # the same series again
    assert figure_checks.lookalike_problems(fig) == []


def test_a_lookalike_pair_opts_out_with_a_gid():
    fig, ax = _axes()
    x = np.linspace(0, 1, 50)
    ax.plot(x, x, color="C0", label="a")
    ax.plot(x, 1 - x, color="C0", label="b", gid=f"{figure_checks.OPT_OUT}: the caption names both")
    assert figure_checks.lookalike_problems(fig) == []


def test_colour_distance_is_cie76():
    assert figure_checks.colour_distance("white", "black") == pytest.approx(100, abs=0.1)
    assert figure_checks.colour_distance("#CC3311", "#EE7733") == pytest.approx(24, abs=1)


def test_the_optimizers_looks_are_distinct_colours():
    """One colour per optimizer across the book's comparisons (gdlib.plotting.OPTIMIZER_LOOKS),
    each pair at least as far apart as the figure check asks of curves drawn alike."""
    from gdlib.plotting import OPTIMIZER_LOOKS

    close = [(a, b, round(figure_checks.colour_distance(OPTIMIZER_LOOKS[a][0], OPTIMIZER_LOOKS[b][0])))
             for i, a in enumerate(OPTIMIZER_LOOKS) for b in list(OPTIMIZER_LOOKS)[i + 1:]
             if figure_checks.colour_distance(OPTIMIZER_LOOKS[a][0], OPTIMIZER_LOOKS[b][0])
             < figure_checks.MIN_COLOUR_DISTANCE]
    assert close == []


# -- curves the others cover ---------------------------------------------------------------


def test_a_curve_hidden_by_several_curves_together_is_caught():
    """Each of four curves covers a quarter of the one under it (no pair counts as hidden),
    together they hide all of it: what Fig. 9.2's quadratic panel did to GD with five
    curves."""
    fig, ax = _axes()
    x = np.linspace(0, 1, 401)
    ax.plot(x, x**2, lw=2, color="black", label="under")
    for k in range(4):
        part = slice(100 * k, 100 * k + 101)
        ax.plot(x[part], x[part] ** 2, lw=2.5, label=f"quarter {k}")
    assert figure_checks.hidden_problems(fig) == []  # no pair is close enough to count
    problems = figure_checks.covered_problems(fig)
    assert len(problems) == 1 and "'under'" in problems[0] and "shows only 0%" in problems[0], problems


def test_a_halo_and_curves_apart_show_enough_and_pass():
    fig, (left, right) = plt.subplots(1, 2, figsize=(8, 3.5), dpi=100, layout="constrained")
    x = np.linspace(0, 1, 100)
    left.plot(x, x**2, lw=4.5, label="wide, below")
    left.plot(x, x**2, ":", lw=1.3, color="black", label="thin, on top")
    for k in range(4):
        right.plot(x, x + 0.3 * k, label=f"apart {k}")
    figure_checks._drawn(fig)  # the layout settled, as the build draws it
    assert figure_checks.covered_problems(fig) == []


def test_a_covered_curve_opts_out_with_a_gid():
    fig, ax = _axes()
    x = np.linspace(0, 1, 100)
    ax.plot(x, x, label="under")
    ax.plot(x, x, lw=3, label="over", gid=f"{figure_checks.OPT_OUT}: the caption says they coincide")
    assert figure_checks.covered_problems(fig) == []


# -- text over text (issue 20, item 4c) -----------------------------------------------------


def test_text_over_text_is_caught_on_the_settled_layout():
    """Fig. 1.4 once: a 3-D axes' z label over the y label of the axes beside it, as saved:
    after the layout engine's second drawing (the first had them further apart)."""
    fig = plt.figure(figsize=(9.5, 4.5), dpi=100, layout="constrained")
    ax3 = fig.add_subplot(1, 2, 1, projection="3d")
    ax3.set(xlabel="$x_1$", ylabel="$x_2$", zlabel="$f(x_1, x_2)$")
    ax3.view_init(elev=28, azim=-55)
    ax3.set_box_aspect(None, zoom=1.15)
    ax = fig.add_subplot(1, 2, 2)
    ax.set_ylabel("$x_2$")
    ax.set_aspect("equal")
    ax.plot([0, 1], [0, 1])
    problems = figure_problems(fig)
    assert any("'$f(x_1, x_2)$' overlaps the text '$x_2$'" in p for p in problems), problems


def test_an_annotation_on_a_tick_label_is_caught_and_apart_passes():
    fig, ax = _axes()
    ax.plot([0, 1], [0, 1])
    ax.set(xlim=(0, 1), ylim=(0, 1), xticks=[0, 0.5, 1])
    ax.annotate("a note", xy=(0.5, 0), xytext=(0.5, -0.04), ha="center", va="top",
                annotation_clip=False)  # on the tick label 0.5
    assert any("'a note'" in p for p in figure_problems(fig))
    fig, ax = _axes()
    ax.plot([0, 1], [0, 1])
    ax.set(xlim=(0, 1), ylim=(0, 1), title="a title", xlabel="x", ylabel="y")
    ax.text(0.1, 0.8, "a note")
    assert figure_problems(fig) == []


def test_only_drawn_texts_count():
    """Tick labels outside the view, empty and hidden texts are never drawn: they overlap nothing."""
    fig, ax = _axes()
    ax.plot([0, 1], [0, 1])
    ax.text(0.5, 0.5, "shown")
    ax.text(0.5, 0.5, "hidden", visible=False)
    ax.text(0.5, 0.5, "")
    texts = []
    figure_checks._drawn(fig, texts)
    drawn = [t.get_text() for t in texts]
    assert "shown" in drawn and "hidden" not in drawn and "" not in drawn
    assert figure_problems(fig) == []


def test_a_sentence_in_a_figure_is_caught_wherever_it_is_drawn():
    """Issue 21, item 3: Fig. 3.2's title once read 'Where gradient descent on $x\\cos(\\pi x)$
    is after 100 steps', a sentence the Chinese edition could not translate."""
    fig, ax = _axes()
    ax.plot([0, 1], [0, 1], label="SGD with a constant and with a decaying rate")
    ax.legend(loc="upper left")
    ax.set_title(r"Where gradient descent on $x\cos(\pi x)$ is after 100 steps")
    ax.annotate("steps that lower the loss", xy=(0.5, 0.2))
    problems = figure_problems(fig)
    for text in ("SGD with a constant", "Where gradient descent", "steps that lower"):
        assert any(text in p and "a sentence belongs in the caption" in p for p in problems), (text, problems)


def test_symbols_numbers_math_and_short_labels_pass_and_a_long_name_opts_out():
    fig, ax = _axes()
    ax.plot([0, 1], [0, 1], label=r"warm-up (30 steps) + cosine")
    ax.plot([0, 1], [1, 0], label=r"$\eta = 0.5$, $b = 1$, $f(x) = 0.1x_1^2 + 2x_2^2$ (×10⁻³)")
    ax.legend(loc="center left", bbox_to_anchor=(1, 0.5))
    ax.set(title="Rosenbrock", xlabel="step $t$", ylabel="processor time (s)")
    ax.text(0.1, 0.9, "Adaptive Moment Estimation with decoupled decay", gid="words-ok: the method's name")
    assert [p for p in figure_problems(fig) if "words" in p] == []
    assert figure_checks.words(r"f at $x \cos(\pi x)$, 2 % of it") == ["at", "of", "it"]


def test_a_text_of_several_lines_counts_whole():
    """matplotlib draws it line by line without naming the Text (mtext=None): Fig. 12.4's
    second title line, 'not settled in 1000 steps', once passed unseen."""
    fig, ax = _axes()
    ax.plot([0, 1], [0, 1])
    ax.set_title("RMSProp, $\\eta = 0.1$\nnot settled in 1000 steps, the run went on")
    assert any("not settled" in p and "a sentence" in p for p in figure_problems(fig))
