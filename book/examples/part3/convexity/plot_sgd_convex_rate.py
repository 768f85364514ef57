"""
SGD on a convex problem: the 1/√T rate and its bound
====================================================

Stochastic gradient descent with the decaying rate :math:`\\eta_t = \\eta/\\sqrt{t}`
on the L2-regularized logistic regression of the SGD chapter, one example per
step drawn with replacement, 10 independent runs from :math:`x^{(0)} = 0`. We
plot the gap :math:`f - f^\\star`, averaged over the runs, of the average iterate
:math:`\\hat x^{(T)} = \\frac1T\\sum_{t=1}^{T} x^{(t-1)}` and of the last iterate
:math:`x^{(T)}` against :math:`T`, together with the convergence theorem's bound
and a line of slope :math:`-1/2`.
"""

# %%
# The problem, and one example per run and per step
# -------------------------------------------------
# The theorem needs gradients that are unbiased given the past: each run draws
# its own index :math:`i_t` uniformly, with replacement, at every step, and gets
# :math:`\nabla f_{i_t}(x) = (\sigma(a_{i_t}^\top x) - y_{i_t})\,a_{i_t} + \mu x`.
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer

import gdlib
from gdlib.functions import LogisticRegression
from gdlib.plotting import COLORS, use_book_style
from gdlib.schedules import InverseSqrt

use_book_style()
features, labels = load_breast_cancer(return_X_y=True)
features = (features - features.mean(axis=0)) / features.std(axis=0)
A = np.hstack([features, np.ones((len(features), 1))])
mu = 1e-3
problem = LogisticRegression(A, labels, l2=mu)
n, d = A.shape
x_star = problem.minimizers[0]
f_star = problem.value(x_star)
sampling = np.random.default_rng(0)


def one_example_per_run(x):
    i = sampling.integers(n, size=len(x))  # one example for each run
    p = 0.5 * (1 + np.tanh(np.sum(A[i] * x, axis=1) / 2))  # sigmoid, no overflow
    return (p - labels[i])[:, None] * A[i] + mu * x


# %%
# Ten runs of 10 000 steps, advanced together
# -------------------------------------------
# :class:`~gdlib.schedules.InverseSqrt` with its default :math:`t_0 = 1` is
# :math:`\eta_t = \eta/\sqrt{t}`. A cumulative sum gives every average iterate at once.
runs, T, eta = 10, 10_000, 1.0
xs = gdlib.run_many(gdlib.GD(InverseSqrt(eta)), one_example_per_run,
                    np.zeros((runs, d)), T).xs
Ts = np.unique(np.round(np.logspace(0, 4, 33)).astype(int))
averages = np.cumsum(xs, axis=0)[Ts - 1] / Ts[:, None, None]
gap_average = np.array([problem.value(x).mean() for x in averages]) - f_star
gap_last = np.array([problem.value(x).mean() for x in xs[Ts]]) - f_star

# %%
# The bound
# ---------
# :math:`R = \lVert x^{(0)} - x^\star\rVert`, and :math:`G^2` bounds
# :math:`\mathbb{E}\lVert g_t\rVert^2`: every example gradient at a point
# :math:`x` has norm at most :math:`\lVert a_i\rVert + \mu\lVert x\rVert`, and the
# runs never go farther from 0 than the largest :math:`\lVert x^{(t)}\rVert` we
# measure. With them, the theorem says
# :math:`\mathbb{E}f(\hat x^{(T)}) - f^\star \le
# \bigl[(R^2 + \eta^2G^2(1 + \ln T))/(2\eta) + \eta G^2\bigr]/\sqrt{T}`.
R = np.linalg.norm(x_star)
radius = np.linalg.norm(xs, axis=-1).max()
G2 = np.mean((np.linalg.norm(A, axis=1) + mu * radius) ** 2)
B = R**2 + eta**2 * G2 * (1 + np.log(Ts))
bound = (B / (2 * eta) + eta * G2) / np.sqrt(Ts)
fit = Ts >= 100
slope = np.polyfit(np.log(Ts[fit]), np.log(gap_average[fit]), 1)[0]
ratio = bound / gap_average
print(f"R = {R:.3f}, G^2 = {G2:.3f}")
print(f"slope of the average's gap over T >= 100: {slope:.3f}")
print(f"bound / measured gap: from {ratio.min():.0f} to {ratio.max():.0f}")

fig, ax = plt.subplots(figsize=(7.0, 4.8))
ax.loglog(Ts, bound, color="0.2", lw=2, label="bound")
ax.loglog(Ts, gap_average, "o-", color=COLORS[0], lw=2, ms=5,
          label=r"average iterate $\hat x^{(T)}$")
ax.loglog(Ts, gap_last, "s-", color=COLORS[1], lw=1.5, ms=4,
          label=r"last iterate $x^{(T)}$")
ax.loglog(Ts[fit], 2 * gap_average[-1] * np.sqrt(T / Ts[fit]), "k:", lw=1.5,
          label=r"slope $-1/2$")
ax.set_xlabel("steps $T$")
ax.set_ylabel(r"$f - f^\star$, mean over 10 runs")
ax.set_title(r"SGD, $\eta_t = 1/\sqrt{t}$, logistic regression")
fig.legend(loc="outside lower center", ncols=2, fontsize=10)
plt.show()

# sphinx_gallery_alt_text_1 = "Log-log plot of the loss gap against the number of steps. The average iterate and the last iterate both fall roughly along a dotted line of slope minus one half, the last iterate a little lower. A dark curve, the theorem's bound, stays one to two orders of magnitude above them and falls a little more slowly."
