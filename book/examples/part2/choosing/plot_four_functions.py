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
from gdlib.plotting import COLORS, plot_contour, plot_path, use_book_style

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
# Paths on the contours
# ---------------------
fig, axes = plt.subplots(2, 2, figsize=(10, 8.6))
for ax, (p, (f, x0, box, log)) in zip(axes.flat, problems.items(), strict=True):
    plot_contour(ax, f, box=box, log=log, levels=25 if log else 15)
    for color, name in zip(COLORS, OPTIMIZERS):
        xs = runs[p, name][1].xs
        xs = xs[: np.argmax(np.abs(xs[:, 1]) >= 1) + 1] if p == "saddle" else xs
        plot_path(ax, xs, color=color, label=name, marker=None)
    ax.plot(*f.minimizers.T, "P", color="white", mec="black", ms=12)
    ax.set_title(f"{p}: ${f.latex}$" if p != "Beale" else "Beale")
fig.legend(*axes[0, 0].get_legend_handles_labels(), loc="outside lower center", ncol=8)
fig.suptitle("Each optimizer at its tuned learning rate")

# %%
# Distance to the minimum against the step
# ----------------------------------------
# A log scale shows the rate of convergence as a slope. On the saddle the
# panel shows :math:`|x_2|` instead, which must grow for the run to escape.
fig, axes = plt.subplots(2, 2, figsize=(10, 7.6))
for ax, (p, (f, _, _, _)) in zip(axes.flat, problems.items(), strict=True):
    for color, name in zip(COLORS, OPTIMIZERS):
        lr, run = runs[p, name]
        y = np.abs(run.xs[:, 1]) if p == "saddle" else run.losses - f.value(f.minimizers[0])
        ax.semilogy(y, color=color, lw=1.6, label=f"{name}, η = {lr:.3g}")
    if p == "saddle":
        ax.axhline(1.0, color="0.3", ls="--", lw=1)  # escaped above this line
        ax.set_ylim(5e-4, 1e2)
    else:
        ax.set_ylim(1e-16, 1e4)  # below 1e-16: float64 rounding noise
    ax.set_xlabel("step $t$")
    ax.set_ylabel(r"$|x_{2,t}|$" if p == "saddle" else r"$f(x_t) - f^\star$")
    ax.set_title(p)
    ax.legend(fontsize=8, ncol=2)
fig.suptitle("Convergence at the tuned rates (saddle: escape)")
plt.show()
