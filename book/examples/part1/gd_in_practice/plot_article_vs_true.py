"""
The four runs with the article's derivative and with the true one
=================================================================

The article's derivative of :math:`f(x) = x\\cos(\\pi x)`,
:math:`\\cos(\\pi x) - x\\sin(\\pi x)`, misses the factor :math:`\\pi` that the
chain rule puts in front of :math:`x\\sin(\\pi x)`. Here each of the article's
runs A to D is done twice: with the article's expression (left column) and with
the true derivative :math:`f'(x) = \\cos(\\pi x) - \\pi x\\sin(\\pi x)` (right
column). With the true derivative, A ends next to the minimizer, B stops
exactly at the bottom of the left valley, and C and D are thrown out of the
interval: a learning rate near 1 is far too large for gradient descent on this
function.
"""

# %%
# Run A to D with both derivatives
# --------------------------------
# Eight calls of :func:`gdlib.run`; a run is cut where it first leaves the
# plotted interval, and the panel says how far it went.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import xcos
from gdlib.plotting import COLORS, plot_curve, plot_iterates, use_book_style

use_book_style()
runs = {"A": (0.5, 0.1, 5), "B": (-1.0, 0.1, 20),
        "C": (-1.0, 1.000542, 20), "D": (-1.0, 1.0055, 20)}  # x0, eta, steps
grads = {"$a$": xcos.article_grad, "$f'$": xcos.grad}  # the article's derivative, the true one
box = (-1.0, 2.1)
fig, axes = plt.subplots(4, 2, figsize=(8.0, 10.0), sharex=True, sharey=True)
colored_runs = zip(COLORS[: len(runs)], runs.items(), strict=True)
for row, (color, (name, (x0, lr, steps))) in zip(axes, colored_runs, strict=True):
    for ax, (which, grad) in zip(row, grads.items(), strict=True):
        xs = gdlib.run(gdlib.GD(lr=lr), grad, x0=x0, steps=steps).xs
        outside = np.flatnonzero((xs < box[0]) | (xs > box[1]))
        shown = xs if outside.size == 0 else xs[: outside[0]]
        plot_curve(ax, xcos, box=box)
        plot_iterates(ax, xcos.value, shown, color=color, annotate_ends=outside.size == 0)
        if outside.size:
            ax.plot(xs[0], xcos.value(xs[0]), "o", ms=10, mfc="none", mec=color, mew=2)
            ax.text(0.5, 0.97, f"leaves at $t = {outside[0]}$\n"
                    f"$\\max_t |x^{{(t)}}|$ = {np.abs(xs).max():,.0f}", transform=ax.transAxes,
                    ha="center", va="top", fontsize=10, bbox=dict(fc="white", ec=color))
        else:
            ax.text(0.5, 0.97, f"$x^{{({steps})}} = {xs[-1]:.4f}$", transform=ax.transAxes,
                    ha="center", va="top", fontsize=10, bbox=dict(fc="white", ec=color))
        ax.set_title(f"Run {name}, $\\eta = {lr}$, {which}", fontsize=10)
        ax.label_outer()
plt.show()

# %%
# How far C and D go
# ------------------
# The distance :math:`|x^{(t)}|` from the origin on a logarithmic axis. With the
# article's derivative both runs stay in the plotted interval; with the true
# derivative they reach hundreds (C) and hundreds of thousands (D), and the last step
# throws both back towards the origin (the chapter explains why).
fig, ax = plt.subplots(figsize=(7.0, 3.8))
for color, name in zip(COLORS[2:4], "CD", strict=True):
    x0, lr, steps = runs[name]
    for (which, grad), style in zip(grads.items(), ["--", "-"], strict=True):
        xs = gdlib.run(gdlib.GD(lr=lr), grad, x0=x0, steps=steps).xs
        ax.semilogy(np.abs(xs), style, marker="o", ms=3.5, color=color,
                    label=f"run {name}, $\\eta = {lr}$, {which}")
ax.set_xlabel("step $t$")
ax.set_ylabel("$|x^{(t)}|$")
ax.legend(loc="upper left", fontsize=9, handlelength=3.5)
ax.set_title("Runs C and D, $a$ and $f'$")
plt.show()

# sphinx_gallery_alt_text_1 = "A grid of eight panels, four rows for runs A to D and two columns, the article's derivative on the left and the true derivative on the right, each showing the curve with the run's iterates. With the true derivative, A ends at the bottom of the right valley, B at the bottom of the left valley, and C and D leave the plot after a few steps, with boxes reporting how far they went."
# sphinx_gallery_alt_text_2 = "A log-scale plot of |x_t| against the step t for runs C and D. With the article's derivative (dashed) both stay below about 2. With the true derivative (solid) run C grows to about 300 and run D to about 200000 by step 19, and at step 20 both fall back, C to about 6 and D to about 37000."
