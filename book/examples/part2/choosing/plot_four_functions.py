"""
Eight optimizers on four test functions
=======================================

Every optimizer of the book runs on the ill-conditioned quadratic
:math:`0.1x_1^2 + 2x_2^2`, on Rosenbrock's banana, on Beale's function and on
the saddle :math:`x_1^2 - x_2^2`. Each gets its own learning rate, tuned by
the same rule on a log-spaced grid, so that the comparison is between methods
and not between lucky and unlucky rates. The first figure draws the paths on
the contours; the second the distance to the minimum against the step.
"""

# %%
# Tune every optimizer the same way
# ---------------------------------
# For each optimizer and function, one vectorized :func:`gdlib.run_many` call
# runs 41 learning rates (eight per decade, from :math:`10^{-4}` to 10) from
# the same start for the same 1000 steps. The winner is the rate after which
# :math:`f - f^\star` stays below :math:`10^{-6}` soonest; if none gets
# there, the lowest final :math:`f - f^\star`. Runs that diverge are out.
# Every other hyperparameter keeps its default.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import beale, quadratic, rosenbrock, saddle
from gdlib.plotting import OPTIMIZER_LOOKS, plot_contour, use_book_style

use_book_style()
OPTIMIZERS = {"GD": gdlib.GD, "Momentum": gdlib.Momentum, "Nesterov": gdlib.Nesterov,
              "AdaGrad": gdlib.AdaGrad, "RMSProp": gdlib.RMSProp, "Adam": gdlib.Adam,
              "AdamW": gdlib.AdamW, "AdaDelta": lambda lr: gdlib.AdaDelta(lr=lr)}
RATES, STEPS, TOL = np.geomspace(1e-4, 10, 41), 1000, 1e-6


def tune(make, f, x0):
    """The best rate on the grid and its run."""
    best = gdlib.tune_lr(make, f.grad, x0, STEPS, RATES, f.value,
                         f_star=f.value(f.minimizers[0]), tol=TOL)
    return best.lr, best.runs[best.index]


problems = {"quadratic": (quadratic, (-5.0, -2.0), quadratic.box, False),
            "Rosenbrock": (rosenbrock, (-1.2, 1.0), rosenbrock.box, True),
            "Beale": (beale, (1.0, 1.5), ((-0.5, 4.0), (-1.5, 2.0)), True)}
runs = {(p, name): tune(make, f, np.array(x0))
        for p, (f, x0, _, _) in problems.items() for name, make in OPTIMIZERS.items()}

# %%
# The saddle: one common rate
# ---------------------------
# :math:`x_1^2 - x_2^2` has no minimum, so "lowest loss" would only reward the
# rate that throws the iterate away fastest. Every method instead uses
# :math:`\eta = 0.05` (AdaDelta, which has no learning rate, its defaults),
# from :math:`(1, 10^{-3})`, a hair off the stable manifold :math:`x_2 = 0`.
# A run has escaped once :math:`|x_2| \ge 1`.
for name, make in OPTIMIZERS.items():
    run = gdlib.run(make(1.0) if name == "AdaDelta" else make(0.05), saddle.grad, (1.0, 1e-3), 80)
    runs["saddle", name] = (1.0 if name == "AdaDelta" else 0.05, run)
problems["saddle"] = (saddle, (1.0, 1e-3), ((-0.5, 1.2), (-0.3, 1.3)), False)

# %%
# One look per optimizer
# ----------------------
# Eight paths on one map need eight colours that differ in hue or lightness and
# stand out on the pale contours, and, for readers who cannot tell some colours
# apart, eight line styles and eight markers as well. Where paths run together,
# the ones drawn first are wider, so that the ones on top show inside them.
LOOKS = OPTIMIZER_LOOKS  # colour, line style, marker
PATH_WIDTHS = {"GD": 1.4, "Momentum": 1.6, "Nesterov": 1.6, "AdaGrad": 1.6, "RMSProp": 5.5,
               "Adam": 4.2, "AdamW": 1.6, "AdaDelta": 2.2}
TITLES = {"quadratic": r"quadratic: $0.1\,x_1^2 + 2\,x_2^2$",
          "Rosenbrock": r"Rosenbrock: $(1 - x_1)^2 + 100\,(x_2 - x_1^2)^2$",
          "Beale": "Beale", "saddle": r"saddle: $x_1^2 - x_2^2$"}
END_SIZES = {"Adam": 16, "AdamW": 10}  # AdamW's end inside Adam's where they meet
# markers of paths that coincide must not land on each other: each starts a little later
MARKEVERY = {name: (0.012 * k, 0.12) for k, name in enumerate(LOOKS)}

# %%
# Paths on the contours
# ---------------------
# Every path starts at the black circle. The end of each is marked with its
# optimizer's marker; the runs that reach the minimum end under its thin cross,
# where their markers pile up (the next figure tells them apart).
fig, axes = plt.subplots(2, 2, figsize=(10, 9.4))
for ax, (p, (f, x0, box, log)) in zip(axes.flat, problems.items(), strict=True):
    plot_contour(ax, f, box=box, log=log, levels=25 if log else 15)
    # On Rosenbrock every path follows the one valley floor: they overlap there by
    # nature, and the caption says so (the next figure tells them apart).
    shared = "overlap-ok: the caption says that the paths share the valley floor"
    for name in OPTIMIZERS:
        color, ls, marker = LOOKS[name]
        xs = runs[p, name][1].xs
        xs = xs[: np.argmax(np.abs(xs[:, 1]) >= 1) + 1] if p == "saddle" else xs
        ax.plot(xs[:, 0], xs[:, 1], ls=ls, lw=PATH_WIDTHS[name], color=color, marker=marker,
                ms=6, markevery=MARKEVERY[name], mec="black", mew=0.5, label=name,
                gid=shared if p == "Rosenbrock" else None)
        at_minimum = any(np.abs(xs[-1] - m).max() < 0.05 for m in f.minimizers)
        ax.plot(*xs[-1], marker, ms=END_SIZES.get(name, 11), color=color, mec="black", mew=0.8,
                gid="overlap-ok: runs ending at the minimum pile up under its cross (caption)"
                if at_minimum else None)
    ax.plot(*x0, "o", ms=10, mfc="white", mec="black", mew=2)
    ax.plot(*f.minimizers.T, "+", color="black", ms=30, mew=1.2)
    ax.set_title(TITLES[p])
fig.legend(*axes[0, 0].get_legend_handles_labels(), loc="outside lower center", ncols=4,
           fontsize=10, handlelength=3.5)

# %%
# Distance to the minimum against the step
# ----------------------------------------
# A log scale shows the rate of convergence as a slope. On the saddle the
# panel shows :math:`|x_2|` instead, which must grow for the run to escape.
# Eight curves on one panel run together wherever the methods converge alike
# (on the quadratic, most of them fall side by side from :math:`10^0` to
# :math:`10^{-15}`), so each optimizer gets a row of its own: small multiples,
# one panel per optimizer and function, each with plain GD as a wide grey
# reference underneath. Where a method follows GD, the grey shows on both sides
# of its curve. The tuned rates are in the chapter's table.
REFERENCE = dict(color="0.72", lw=4.0, ls="-")  # GD, under every other curve
OTHERS = [name for name in OPTIMIZERS if name != "GD"]
COLUMNS = {"quadratic": r"quadratic: $f - f^\star$", "Rosenbrock": r"Rosenbrock: $f - f^\star$",
           "Beale": r"Beale: $f - f^\star$", "saddle": r"saddle: $|x_2|$"}
# The quadratic's column shows the steps until the last run that gets there falls below
# 1e-16, the floor of the panels (rounded up to 50 steps): the rest is empty.
floor = [np.argmax(run.losses < 1e-16) for (p, _), (_, run) in runs.items()
         if p == "quadratic" and (run.losses < 1e-16).any()]
QUADRATIC_STEPS = 50 * int(np.ceil(max(floor) / 50))
fig, axes = plt.subplots(len(OTHERS), len(problems), figsize=(10, 12.5), sharex="col", sharey="col")
for column, (p, (f, _, _, _)) in enumerate(problems.items()):
    def gap(name, p=p, f=f):
        run = runs[p, name][1]
        return np.abs(run.xs[:, 1]) if p == "saddle" else run.losses - f.value(f.minimizers[0])

    for row, name in enumerate(OTHERS):
        ax = axes[row, column]
        color, ls, marker = LOOKS[name]
        ax.semilogy(gap("GD"), label="GD", **REFERENCE,
                    gid="overlap-ok: the grey GD reference; a curve on it follows GD (caption)")
        y = gap(name)
        shown = QUADRATIC_STEPS if p == "quadratic" else len(y)  # markers over the steps shown
        ax.semilogy(y, color=color, ls=ls, lw=1.8, marker=marker, markevery=(shown // 20, shown // 5),
                    ms=6, mec="black", mew=0.5, label=name)
        if p == "saddle":
            ax.axhline(1.0, color="0.3", ls=":", lw=1)  # escaped above this line
            ax.set_ylim(5e-4, 1e2)
            ax.set_yticks([1e-3, 1e-1, 1e1])
        else:
            ax.set_ylim(1e-16, 1e4)  # below 1e-16: float64 rounding noise
            ax.set_yticks([1e-15, 1e-10, 1e-5, 1e0])
        if p == "quadratic":
            ax.set_xlim(-0.025 * QUADRATIC_STEPS, QUADRATIC_STEPS)
        ax.tick_params(labelsize=9)
        ax.minorticks_off()
        if column == 0:
            ax.set_ylabel(name, color="black", fontsize=11)
        if row == 0:
            ax.set_title(COLUMNS[p], fontsize=11)
    axes[-1, column].set_xlabel("step $t$")
handles = [axes[0, 0].get_lines()[0]] + [axes[row, 0].get_lines()[1] for row in range(len(OTHERS))]
fig.legend(handles, [h.get_label() for h in handles], loc="outside lower center", ncols=4,
           fontsize=10, handlelength=3.5)
plt.show()

# sphinx_gallery_alt_text_1 = "Four contour maps, one per test function, each with the paths of the eight optimizers at their tuned learning rates from a common start (circle) to their last iterate, drawn in its own colour, line style and marker; the minimum is a thin black cross. On the ill-conditioned quadratic, GD, Momentum and Nesterov zigzag across the narrow valley on their way to the minimum, AdaDelta glides in along a smooth curve, and AdaGrad and AdamW take huge first steps that leave the picture. On Rosenbrock's curved valley every method reaches the valley floor, Momentum and Adam zigzagging; most end near the minimum at (1, 1), AdaDelta further back along the floor. On Beale's function most paths first dive to the lower left and loop round before ending near the minimum at (3, 0.5). On the saddle all paths start at (1, 0) and end near x2 = 1; Momentum and Nesterov first run along the x1 axis past the saddle point, the adaptive methods turn upwards at once."
# sphinx_gallery_alt_text_2 = "Small multiples: seven rows, one per optimizer (Momentum, Nesterov, AdaGrad, RMSProp, Adam, AdamW, AdaDelta), and four columns, one per test function; each panel plots, on a log scale against the step, that optimizer's gap to the minimum at its tuned learning rate over a wide grey curve for plain GD. Quadratic: AdaGrad drops to the floor almost at once; Nesterov and AdamW zigzag down inside the grey GD curve; Momentum and Adam descend more slowly than GD; RMSProp and AdaDelta descend slowly. Rosenbrock: Momentum and Adam fall far below GD, Nesterov to about 1e-6, AdaGrad and AdamW end below GD, RMSProp and AdaDelta close to it. Beale: Adam and Momentum fall fastest, Nesterov and AdaGrad end below GD, RMSProp, AdamW and AdaDelta stay far above it. Saddle: the size of the second coordinate grows from 1e-3; every other method passes the dotted escape level at 1 before GD, Nesterov and Momentum shooting up steeply, the adaptive methods rising fast at first and then slowly."
