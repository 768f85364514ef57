"""
Sampling with and without replacement: the spread after one epoch
=================================================================

:class:`~gdlib.functions.MinibatchGradient` draws examples either with
replacement (each step picks any example) or without (each epoch shuffles the
data and visits every example once). To isolate the noise we start SGD *at*
the minimizer :math:`x^\\star` and run exactly one epoch: any distance from
:math:`x^\\star` at the end is due to sampling. Without replacement, the epoch
uses every :math:`\\nabla f_i(x^\\star)` once and these sum to zero, so the noise
cancels to first order: for small :math:`\\eta` the spread grows like
:math:`\\eta^2` instead of :math:`\\eta`.
"""

# %%
# The problem and the index sequences
# -----------------------------------
# 400 independent epochs per learning rate, for ten rates, all advanced at
# once by :func:`gdlib.run_many` (one learning rate per run). Each run gets its
# own order of examples: integers drawn with replacement, or a permutation.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import LeastSquares
from gdlib.plotting import COLORS, use_book_style

use_book_style()
rng = np.random.default_rng(0)
n = 200
X = rng.normal(size=(n, 2)) @ np.array([[1.0, 0.0], [0.6, 0.5]])
y = X @ np.array([1.0, -1.0]) + 0.5 * rng.normal(size=n)
x_star = LeastSquares(X, y).minimizers[0]
seeds, etas = 400, np.geomspace(1e-4, 1e-1, 10)
lr = np.repeat(etas, seeds)
orders = np.random.default_rng(1)
finals = {}
for replace in (True, False):
    if replace:
        index = orders.integers(n, size=(len(lr), n))
    else:
        index = orders.permuted(np.tile(np.arange(n), (len(lr), 1)), axis=1)
    columns = iter(index.T)  # step t uses column t: one example per run

    def one_example_per_run(w):
        i = next(columns)
        return (np.sum(X[i] * w, axis=1) - y[i])[:, None] * X[i]

    runs = gdlib.run_many(gdlib.GD(lr), one_example_per_run, np.tile(x_star, (len(lr), 1)), n)
    finals[replace] = runs.final.reshape(len(etas), seeds, 2)

# %%
# Where one epoch ends, and how far on average
# --------------------------------------------
# Left: the end points of the 400 epochs at :math:`\eta = 0.01`. Right: their
# root-mean-square distance to :math:`x^\star` for every rate, with reference
# lines of slope :math:`1` and :math:`2` through the smallest rate. At larger
# rates the runs forget their start within the epoch and both curves bend.
fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.4))
k = int(np.argmin(np.abs(etas - 0.01)))
names = {True: "with replacement", False: "without replacement (shuffled epoch)"}
for color, replace in zip(COLORS[:2], (True, False), strict=True):
    left.scatter(*(finals[replace][k] - x_star).T, s=8, alpha=0.6, color=color,
                 label=names[replace])
    rms = np.sqrt(np.mean(np.sum((finals[replace] - x_star) ** 2, axis=-1), axis=1))
    right.loglog(etas, rms, "o-", color=color, label=names[replace])
    power = 1 if replace else 2
    right.loglog(etas, rms[0] * (etas / etas[0]) ** power, ":", color=color,
                 label=rf"$\propto \eta^{{{power:g}}}$")
left.set_xlabel(r"$x_{1} - x_1^\star$ after one epoch")
left.set_ylabel(r"$x_{2} - x_2^\star$")
left.set_title(rf"Start at $x^\star$, one epoch, $\eta = {etas[k]:g}$")
left.legend(loc="upper left", fontsize=9)
left.set_aspect("equal", adjustable="datalim")
right.set_xlabel(r"learning rate $\eta$")
right.set_ylabel(r"rms $\Vert x^{(n)} - x^\star\Vert$ over 400 epochs")
right.set_title("Spread after one epoch")
right.legend(loc="lower right", fontsize=9)
fig.suptitle(f"SGD, $b = 1$, least squares, $n = {n}$")
plt.show()

# sphinx_gallery_alt_text_1 = "Left, a scatter of end points after one epoch started at the minimizer; the points sampled without replacement form a much tighter cloud than those sampled with replacement. Right, a log-log plot of the spread against the learning rate; with replacement the spread grows with slope one, without replacement with slope two."
