"""
The Polyak step against the best fixed rate
===========================================

Gradient descent with Polyak's step size
:math:`\\eta_t = (f(x^{(t-1)}) - f^\\star)/\\lVert g_t\\rVert^2` (``gdlib.Polyak``)
against gradient descent at its best fixed rate (a grid search with
``gdlib.tune_lr``), on the ill-conditioned quadratic :math:`0.1x_1^2 + 2x_2^2`
and on the full-batch logistic regression of chapter 9 (the breast-cancer
data, with an L2 penalty). On the logistic regression, the Polyak step is also
run with the lower bound 0 in place of :math:`f^\\star`.
"""

# %%
# The runs
# --------
# The optimal value of the logistic regression comes from Newton's method
# (``problem.minimizers``).
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer

import gdlib
from gdlib.functions import LogisticRegression, quadratic
from gdlib.plotting import COLORS, OPTIMIZER_LOOKS, use_book_style

use_book_style()
X, y = load_breast_cancer(return_X_y=True)
order = np.random.default_rng(0).permutation(len(y))
train = order[len(y) // 5:]
X = np.column_stack([np.ones(len(y)), (X - X[train].mean(0)) / X[train].std(0)])
problem = LogisticRegression(X[train], y[train], l2=1e-3)
f_star = problem.value(problem.minimizers[0])

panels = {}
for name, (f, x0, low, grid, steps) in {
        "quadratic": (quadratic, [-5.0, -2.0], 0.0, np.geomspace(0.05, 0.6, 41), 150),
        "logistic regression": (problem, np.zeros(problem.dim), f_star,
                                np.geomspace(0.1, 30, 25), 300)}.items():
    polyak = gdlib.run(gdlib.Polyak(loss=f.value, f_star=low), f.grad, x0, steps, loss=f.value)
    best = gdlib.tune_lr(gdlib.GD, f.grad, x0, steps, grid, f.value, f_star=low, tol=1e-10)
    curves = {r"Polyak, exact $f^\star$": polyak.losses - low,
              rf"GD, best $\eta = {best.lr:.3g}$": best.runs.losses[:, best.index] - low}
    if low:
        zero = gdlib.run(gdlib.Polyak(loss=f.value), f.grad, x0, steps, loss=f.value)
        curves[r"Polyak, $f^\star \to 0$"] = zero.losses - low
    panels[name] = curves

# %%
# The gap per step
# ----------------
# A curve stops where its gap reaches :math:`10^{-15}`, the rounding error of
# :math:`f`.
fig, axes = plt.subplots(1, 2, figsize=(9.5, 3.8), layout="constrained")
looks = [(COLORS[0], "-"), (OPTIMIZER_LOOKS["GD"][0], "--"), (COLORS[1], ":")]
for ax, (name, curves) in zip(axes, panels.items(), strict=True):
    # (one panel has no run with f* set to 0: the first looks, in the same order)
    for (label, gap), (color, style) in zip(curves.items(), looks[:len(curves)], strict=True):
        shown = gap[: int(np.argmax(gap < 1e-15)) or len(gap)]
        ax.semilogy(shown, color=color, ls=style, label=label)
    ax.set_title(name)
    ax.set_xlabel("step $t$")
    ax.set_ylabel(r"$f(x^{(t)}) - f^\star$")
    ax.legend(loc="lower left", fontsize=9)
plt.show()

# sphinx_gallery_alt_text_1 = "Two panels of the gap to the minimum on a log scale against the step. Left, the quadratic: the Polyak step falls below 1e-10 in about 60 steps, gradient descent at its best fixed rate in about 120. Right, the logistic regression: the Polyak step with the exact optimal value falls fastest; with the optimal value replaced by 0 it never settles, jumping between about 1e-2 and 1; gradient descent at its best fixed rate falls steadily."
