"""
Constant versus decaying learning rate: the noise ball
======================================================

With a constant learning rate, SGD approaches the minimizer :math:`x^\\star`
and then stops improving: the noise of the sampled gradients keeps it moving
inside a ball around :math:`x^\\star` whose radius shrinks with :math:`\\eta`.
A learning rate that decays like :math:`1/t` (sum infinite, sum of squares
finite: the Robbins-Monro conditions) keeps shrinking that ball, and the
distance keeps falling. We average the squared distance over 100 independent
runs, all advanced together by :func:`gdlib.run_many`.
"""

# %%
# The problem, and independent samples for every run
# --------------------------------------------------
# :func:`gdlib.run_many` advances all runs in one array. So that each run draws
# its own example at each step, the gradient function samples one index per
# row of ``w`` (one run's parameters :math:`x`) and returns
# :math:`(a_i^\top x - y_i)\,a_i` row by row, :math:`a_i` the example's features.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import LeastSquares
from gdlib.plotting import COLORS, use_book_style
from gdlib.schedules import InversePower, InverseSqrt

use_book_style()
rng = np.random.default_rng(0)
n = 200
X = rng.normal(size=(n, 2)) @ np.array([[1.0, 0.0], [0.6, 0.5]])
y = X @ np.array([1.0, -1.0]) + 0.5 * rng.normal(size=n)
x_star = LeastSquares(X, y).minimizers[0]
sampling = np.random.default_rng(1)


def one_example_per_run(w):
    i = sampling.integers(n, size=len(w))  # one example for each run
    return (np.sum(X[i] * w, axis=1) - y[i])[:, None] * X[i]


# %%
# Four learning rates, 100 runs each
# ----------------------------------
# Two constant rates and two schedules that start at :math:`\eta = 0.1`, hold it
# for about :math:`t_0 = 100` steps and then decay.
runs, steps = 100, 5000
x0 = np.tile([-2.0, 3.0], (runs, 1))
rates = {r"constant $\eta = 0.1$": 0.1,
         r"constant $\eta = 0.02$": 0.02,
         r"$\eta_t = 0.1\,\sqrt{t_0/(t_0 + t - 1)}$": InverseSqrt(0.1, t0=100),
         r"$\eta_t = 0.1\,t_0/(t_0 + t - 1)$": InversePower(0.1, power=1, t0=100)}
distance = {label: np.sqrt(np.mean(np.sum(
    (gdlib.run_many(gdlib.GD(eta), one_example_per_run, x0, steps).xs - x_star) ** 2,
    axis=-1), axis=1)) for label, eta in rates.items()}

# %%
# Distance to the minimizer against the step, on log axes
# -------------------------------------------------------
# The constant rates flatten out: the smaller rate is slower to get there but
# settles closer. The :math:`1/t` schedule keeps descending, along a line of
# slope :math:`-1/2` (the distance falls like :math:`1/\sqrt{t}`).
fig, ax = plt.subplots()
t = np.arange(steps + 1)
# a curve that another one follows closely is drawn wide, so the thin one shows inside it
widths = {label: 4.5 if label.startswith("constant") else 1.6 for label in distance}
widths[list(distance)[0]] = 1.6
for color, (label, d) in zip(COLORS[: len(distance)], distance.items(), strict=True):
    ax.loglog(t[1:], d[1:], color=color, lw=widths[label], label=label)
late = t[500:]
ax.loglog(late, 1.3 * d[-1] * np.sqrt(steps / late), "k--", lw=1.2, label=r"slope $-1/2$")
ax.set_xlabel("step $t$")
ax.set_ylabel(r"$\sqrt{\mathrm{mean}\ \Vert x^{(t)} - x^\star\Vert^2}$ over 100 runs")
ax.set_title("SGD, $b = 1$")
ax.legend(loc="lower left")
plt.show()

# sphinx_gallery_alt_text_1 = "Log-log plot of the distance to the minimizer against the step for four learning-rate choices. The two constant rates flatten into plateaus, the higher one for the larger rate; the two decaying schedules keep decreasing, the 1/t one along a straight line of slope minus one half."
