"""
The variance of the step direction goes to zero
===============================================

SGD steps along :math:`\\nabla f_j(x)` for a random example :math:`j`; SAGA
and SVRG correct that gradient with a remembered one. At the end of every
epoch of gradient evaluations we compute, over all :math:`n` choices of
:math:`j`, the mean square distance of each method's direction from its mean:
its variance. SGD's stays near :math:`\\sigma^2`, the variance at the
minimizer (about 0.55); SAGA's and SVRG's fall with the gap, towards zero.
"""

# %%
# The problem of the chapter
# --------------------------
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer

import gdlib
from gdlib.functions import LogisticRegression
from gdlib.plotting import COLORS, use_book_style

use_book_style()
features, labels = load_breast_cancer(return_X_y=True)
features = (features - features.mean(axis=0)) / features.std(axis=0)
A = np.hstack([features, np.ones((len(features), 1))])
mu = 0.1
problem = LogisticRegression(A, labels, l2=mu)
n, x0 = problem.n, np.zeros(problem.dim)
eta = 1 / (np.max(np.sum(A**2, axis=1)) / 4 + mu)
budget = 20 * n


def variance(directions):
    """Mean over the rows j of the squared distance of direction j from their mean."""
    return np.mean(np.sum((directions - directions.mean(axis=0)) ** 2, axis=1))


# %%
# Every direction, at every epoch
# -------------------------------
# SAGA's direction for example :math:`j` is
# :math:`\nabla f_j(x) - \hat g_j + \bar g` (its table and the table's mean);
# SVRG's is :math:`\nabla f_j(x) - \nabla f_j(x^{(k)}) + \nabla f(x^{(k)})`
# (its snapshot).


def directions(name, x, state):
    grads = problem.example_grads(x)
    if name == "SAGA":
        return grads - state.table + state.mean
    if name == "SVRG":
        return grads - problem.example_grads(state.snapshot) + state.full
    return grads  # SGD


def measured(name, optimizer):
    """(epoch, variance) at the first step of each epoch of gradient evaluations."""
    x, state = x0, optimizer.init(x0)
    points = []
    while state.evaluations <= budget:
        epoch = state.evaluations // n
        if epoch >= 2 and (not points or epoch > points[-1][0]):
            points.append((epoch, variance(directions(name, x, state))))
        x, state = optimizer.update(x, None, state, optimizer.lr)
    return np.array(points).T


curves = {name: measured(name, cls(eta, problem=problem))
          for name, cls in (("SAGA", gdlib.SAGA), ("SVRG", gdlib.SVRG))}
sgd = gdlib.run(gdlib.GD(eta), problem.sampler(1, seed=0, replace=True), x0, budget).xs
epochs = np.arange(2, 21)
# the direction's variance at the first step of each epoch, as for SAGA and SVRG
curves["SGD"] = epochs, [variance(directions("SGD", sgd[e * n], None)) for e in epochs]  # one step

# %%
# Variance against epochs
# -----------------------
# From epoch 2 on (at epoch 1, the start, SAGA's and SVRG's directions are the
# full gradient, with no variance). SVRG's variance is smallest just after a
# snapshot, where the iterate is the snapshot.
fig, ax = plt.subplots(figsize=(8, 4.6))
looks = {"SAGA": (COLORS[0], "-", "o"), "SVRG": (COLORS[1], "--", "s"), "SGD": (COLORS[7], "-", "^")}
for name, (epoch, values) in curves.items():
    color, style, marker = looks[name]
    ax.semilogy(epoch, values, color=color, ls=style, marker=marker, ms=4, lw=1.4, label=name)
ax.set_xlabel(r"gradient evaluations / $n$")
ax.set_ylabel("variance")
ax.legend(loc="lower left", ncol=2)
plt.show()

# sphinx_gallery_alt_text_1 = "Log-scale plot of the variance of the step direction against 20 epochs of gradient evaluations. SGD's variance stays flat near 0.55. SAGA's and SVRG's fall by many orders of magnitude, SVRG's fastest, dropping below 1e-10."
