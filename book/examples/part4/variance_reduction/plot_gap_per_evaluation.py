"""
SGD stalls, SAG, SAGA and SVRG converge
=======================================

Logistic regression on scikit-learn's breast-cancer data, with the L2 penalty
:math:`\\mu = 0.1`, so that :math:`f` is strongly convex. Every method gets
the same learning rate :math:`\\eta = 1/L` and the same budget of 20 epochs of
example gradients :math:`\\nabla f_i`. SGD with a constant rate stalls in its
noise ball; a decaying rate creeps lower; the variance-reduced methods
converge linearly, a straight line on the log scale.
"""

# %%
# The problem and the rate
# ------------------------
# :math:`L = \max_i \lVert a_i\rVert^2/4 + \mu` bounds the curvature of every
# :math:`f_i`.
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer

import gdlib
from gdlib.functions import LogisticRegression
from gdlib.plotting import COLORS, use_book_style
from gdlib.schedules import InversePower

use_book_style()
features, labels = load_breast_cancer(return_X_y=True)
features = (features - features.mean(axis=0)) / features.std(axis=0)
A = np.hstack([features, np.ones((len(features), 1))])
mu = 0.1
problem = LogisticRegression(A, labels, l2=mu)
n, x0 = problem.n, np.zeros(problem.dim)
f_star = problem.value(problem.minimizers[0])
eta = 1 / (np.max(np.sum(A**2, axis=1)) / 4 + mu)
budget = 20 * n

# %%
# Runs, counted in gradient evaluations
# -------------------------------------
# SAG, SAGA and SVRG count the example gradients they evaluate in their state
# (``state.evaluations``); we step them by hand until the budget is spent.
# SGD evaluates one example gradient a step. The gap is drawn at every fifth step.


def evaluated(optimizer):
    """Gradient evaluations and gap after each step, within the budget."""
    x, state = x0, optimizer.init(x0)
    xs, counts = [x], [state.evaluations]
    while True:
        x, state = optimizer.update(x, None, state, optimizer.lr)
        if state.evaluations > budget:
            return np.array(counts[::5]) / n, problem.value(np.array(xs[::5])) - f_star
        xs.append(x)
        counts.append(state.evaluations)


curves = {"SAG": evaluated(gdlib.SAG(eta, problem=problem)),
          "SAGA": evaluated(gdlib.SAGA(eta, problem=problem)),
          "SVRG": evaluated(gdlib.SVRG(eta, problem=problem))}
for name, lr in (("SGD", eta), ("SGD, decaying", InversePower(eta, power=1.0, t0=n))):
    xs = gdlib.run(gdlib.GD(lr), problem.sampler(1, seed=0, replace=True), x0, budget).xs
    curves[name] = np.arange(0, budget + 1, 5) / n, problem.value(xs[::5]) - f_star

# %%
# The gap against epochs of gradient evaluations
# ----------------------------------------------
# One epoch is :math:`n` example gradients. SVRG's curve has steps: each
# snapshot spends :math:`n` evaluations on a full gradient without moving.
fig, ax = plt.subplots(figsize=(8, 4.8))
looks = {"SGD": (COLORS[7], "-"), "SGD, decaying": (COLORS[3], ":"), "SAG": (COLORS[2], "-."),
         "SAGA": (COLORS[0], "-"), "SVRG": (COLORS[1], (0, (4, 1.5)))}
for name, (epochs, gap) in curves.items():
    color, style = looks[name]
    ax.semilogy(epochs, gap, color=color, ls=style, lw=1.4, label=name)
ax.set_xlabel(r"gradient evaluations / $n$")
ax.set_ylabel(r"$f(x^{(t)}) - f^\star$")
ax.set_ylim(1e-11, 10)
ax.legend(loc="lower left", ncol=2)
plt.show()

# sphinx_gallery_alt_text_1 = "Log-scale plot of the gap to the minimum against 20 epochs of gradient evaluations. SGD with a constant rate drops fast in the first epoch, then fluctuates around 1e-3; SGD with a decaying rate ends near 1e-4. SAG, SAGA and SVRG fall along roughly straight lines; SAGA ends lowest, near 1e-10, SVRG's line has flat steps at its snapshots."
