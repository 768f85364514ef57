"""
Backtracking line search against the best fixed rate
====================================================

Gradient descent with Armijo's backtracking line search (``gdlib.Backtracking``,
trial rate 1, :math:`c_1 = 10^{-4}`, halving) against gradient descent at its
best fixed rate, found by a grid search with ``gdlib.tune_lr``, on the
ill-conditioned quadratic :math:`0.1x_1^2 + 2x_2^2` and on Rosenbrock's
function. Newton's method with the same line search
(``Backtracking(..., hessian=...)``) is drawn for comparison. The bottom row
shows the rate each backtracking step accepted.
"""

# %%
# The runs
# --------
# The rate a step accepted is the length of the step over the length of the
# gradient, :math:`\eta_t = \lVert x^{(t-1)} - x^{(t)}\rVert / \lVert g_t\rVert`.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import quadratic, rosenbrock
from gdlib.plotting import COLORS, OPTIMIZER_LOOKS, use_book_style

use_book_style()
problems = {"quadratic": (quadratic, [-5.0, -2.0], 1e-10, 100, np.geomspace(0.05, 0.6, 41), 130),
            "Rosenbrock": (rosenbrock, [-1.2, 1.0], 1e-3, 900, np.geomspace(1e-3, 3e-3, 9), 3500)}
results = {}
for name, (problem, x0, tol, steps, grid, gd_steps) in problems.items():
    search = gdlib.run(gdlib.Backtracking(loss=problem.value), problem.grad, x0, steps,
                       loss=problem.value)
    taken = np.linalg.norm(np.diff(search.xs, axis=0), axis=1)
    accepted = taken / np.linalg.norm(problem.grad(search.xs[:-1]), axis=1)
    best = gdlib.tune_lr(gdlib.GD, problem.grad, x0, gd_steps, grid, problem.value, tol=tol)
    newton = gdlib.run(gdlib.Backtracking(loss=problem.value, hessian=problem.hessian),
                       problem.grad, x0, 30, loss=problem.value)
    results[name] = search.losses, accepted, best, newton.losses, tol

# %%
# The gap per step, and the accepted rates
# ----------------------------------------
# The losses of both problems have the minimum :math:`f^\star = 0`; a run is
# drawn until its gap reaches :math:`10^{-16}`. The dotted line is the tolerance
# of the chapter's step counts. Rosenbrock's step axis is linear up to 20, then
# logarithmic, so that Newton's few steps and GD's thousands both show.
fig, axes = plt.subplots(2, 2, figsize=(9.5, 6.4), sharex="col", layout="constrained")
gd_color = OPTIMIZER_LOOKS["GD"][0]
for column, (name, (losses, accepted, best, newton, tol)) in enumerate(results.items()):
    top, bottom = axes[0, column], axes[1, column]
    gd_losses = best.runs.losses[:, best.index]
    for values, color, label in [
            (gd_losses, gd_color, r"GD, best fixed $\eta$"),
            (losses, COLORS[0], "GD with backtracking"),
            (newton, COLORS[1], "Newton with backtracking")]:
        shown = values[: int(np.argmax(values < 1e-16)) or len(values)]
        top.semilogy(shown, color=color, label=label)
    top.axhline(tol, color="0.5", lw=1, ls=":")
    top.set_title(rf"{name}: gap (best fixed $\eta = {best.lr:.3g}$)", fontsize=11)
    top.set_ylabel(r"$f(x^{(t)}) - f^\star$")
    bottom.semilogy(np.arange(1, len(accepted) + 1), accepted, ".", ms=3, color=COLORS[0],
                    label=r"accepted rate $\eta_t$")
    bottom.axhline(best.lr, color=gd_color, ls="--", lw=1.2, label="best fixed rate")
    bottom.set_ylim(accepted.min() / 3, 3)
    bottom.set_title(rf"{name}: accepted $\eta_t$", fontsize=11)
    bottom.set_xlabel("step $t$")
    bottom.set_ylabel(r"$\eta_t$")
axes[0, 0].set_xlim(0, 130)
axes[0, 1].set_xscale("symlog", linthresh=20, linscale=1.5)  # linear to 20 steps, then log
axes[0, 1].set_xlim(0, 4000)
handles, labels = axes[0, 0].get_legend_handles_labels()
fig.legend(handles, labels, loc="outside lower center", ncol=3, fontsize=10)
axes[1, 0].legend(loc="lower right", fontsize=9)
plt.show()

# sphinx_gallery_alt_text_1 = "Four panels. Top row, the gap to the minimum on a log scale against the step for the quadratic and for Rosenbrock's function, with gradient descent at its best fixed rate, gradient descent with backtracking, and Newton's method with backtracking; Newton's curve drops to the bottom within a few steps. Bottom row, the rate accepted at each step by backtracking, jumping between a few powers of one half, with the best fixed rate as a horizontal line."
