"""
Batch size against examples processed, on a real data set
=========================================================

Which batch size gets furthest for the same amount of work? We count work in
examples processed (gradients :math:`\\nabla f_i` computed) and train logistic
regression on scikit-learn's breast-cancer data with batch sizes from
:math:`b = 1` to the full data set :math:`b = n`, all with the same learning
rate. Small batches take many cheap steps and make fast early progress; the
full gradient takes one expensive step per epoch but does not stall in a noise
ball. The vertical axis is the gap :math:`f(x^{(t)}) - f^\\star` to the minimum.
"""

# %%
# The problem
# -----------
# Standardized features plus an intercept column; L2 penalty
# :math:`\mu = 10^{-3}`, so that the minimizer exists and
# :attr:`~gdlib.functions.LogisticRegression.minimizers` finds it (by Newton's
# method), which gives :math:`f^\star`.
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer

import gdlib
from gdlib.functions import LogisticRegression
from gdlib.plotting import COLORS, use_book_style

use_book_style()
features, labels = load_breast_cancer(return_X_y=True)
features = (features - features.mean(axis=0)) / features.std(axis=0)
X = np.hstack([features, np.ones((len(features), 1))])
problem = LogisticRegression(X, labels, l2=1e-3)
n = problem.n
f_star = problem.value(problem.minimizers[0])

# %%
# One run per batch size, 30 epochs each
# --------------------------------------
# An epoch is :math:`n` examples, so a run with batch size :math:`b` takes
# :math:`30\,n/b` steps. We evaluate the loss on about 300 of its iterates,
# spaced evenly on a log scale.
eta, epochs = 0.5, 30
sizes = [1, 10, 100, n]
curves = {}
for b in sizes:
    steps = epochs * n // b
    traj = gdlib.run(gdlib.GD(eta), problem.sampler(b, seed=0), np.zeros(problem.dim), steps)
    keep = np.unique(np.geomspace(1, steps, 300).astype(int))
    curves[b] = keep * b / n, problem.value(traj.xs[keep]) - f_star

# %%
# The gap to the minimum against epochs
# -------------------------------------
# Both axes are logarithmic. Read the curves left to right: within the first
# epoch the small batches are far ahead (the full gradient has not yet taken a
# single step); later :math:`b = 1` is stuck in its noise ball while larger
# batches keep going down.
fig, ax = plt.subplots()
styles = ["-", "--", "-.", ":"]  # colour and line style tell the runs apart
for color, style, (b, (epoch, gap)) in zip(COLORS[: len(curves)], styles, curves.items(), strict=True):
    label = f"$b = n = {n}$ (full gradient)" if b == n else f"$b = {b}$"
    ax.loglog(epoch, gap, color=color, ls=style, label=label, lw=1.6)
ax.set_xlabel(f"examples processed / $n$ (epochs), $n = {n}$")
ax.set_ylabel(r"$f(x^{(t)}) - f^\star$")
ax.set_title(rf"breast cancer, $\eta = {eta}$")
ax.legend(loc="lower left")
plt.show()

# sphinx_gallery_alt_text_1 = "Log-log plot of the loss gap against epochs for four batch sizes. Batch size 10 reaches the lowest loss; batch size 1 drops fastest at first but then fluctuates around a high level; batch size 100 and the full gradient descend steadily but more slowly."
