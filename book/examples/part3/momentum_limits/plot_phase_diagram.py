"""
The phase diagram of momentum
=============================

One eigen-direction of a quadratic feels momentum only through two numbers, the
product :math:`\\eta\\lambda` and the momentum :math:`\\gamma`. On the left, the
:math:`(\\eta\\lambda, \\gamma)` plane is cut into the four behaviours of the
recurrence :math:`x^{(t)} = (1 + \\gamma - \\eta\\lambda)\\,x^{(t-1)} - \\gamma\\,x^{(t-2)}`,
with contours of its rate. A quadratic with eigenvalues in
:math:`[\\lambda_{\\min}, \\lambda_{\\max}]` puts a horizontal segment into this plane,
from :math:`\\eta\\lambda_{\\min}` to :math:`\\eta\\lambda_{\\max}`; its slower end sets
the rate. On the right, the predicted rate on :math:`f(x) = 0.1x_1^2 + 2x_2^2`
(:math:`\\lambda = 0.2` and :math:`4`) is checked against gdlib runs, one
``run_many`` call per momentum, all learning rates at once.
"""

# %%
# The regions of one eigenvalue
# -----------------------------
# Writing :math:`a = \eta\lambda`: real positive roots (the iterate creeps, no
# oscillation) for :math:`a < (1 - \sqrt\gamma)^2`; complex roots of modulus
# :math:`\sqrt\gamma` (it spirals) up to :math:`(1 + \sqrt\gamma)^2`; real negative
# roots (it flips sign every step) up to :math:`2(1 + \gamma)`; divergence beyond.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib import rates
from gdlib.functions import quadratic
from gdlib.plotting import COLORS, use_book_style

use_book_style()


def radius(a, gamma):
    s = 1 + gamma - a
    disc = s**2 - 4 * gamma
    return np.where(disc < 0, np.sqrt(gamma), (np.abs(s) + np.sqrt(np.abs(disc))) / 2)


a, gamma = np.meshgrid(np.linspace(0, 4.2, 421), np.linspace(0, 0.99, 199))
region = np.select([a < (1 - np.sqrt(gamma)) ** 2, a < (1 + np.sqrt(gamma)) ** 2,
                    a < 2 * (1 + gamma)], [0, 1, 2], 3)
rho = radius(a, gamma)
lam_min, lam_max = quadratic.eigenvalues
best = rates.momentum_optimal(lam_min, lam_max)

# %%
# Measured rates along three horizontal cuts
# ------------------------------------------
# :class:`gdlib.Momentum` takes one learning rate per run but one momentum for all,
# so we loop over the three momenta. The rate is the growth of the envelope of
# :math:`|x^{(t)}|` from steps 80–100 to steps 180–200.
etas = np.linspace(0.02, 1.0, 30)
cuts = [(0.0, COLORS[0]), (best.gamma, COLORS[1]), (0.8, COLORS[2])]
x0 = np.tile([-5.0, -2.0], (len(etas), 1))
measured = {}
for g, _ in cuts:
    xs = np.abs(gdlib.run_many(gdlib.Momentum(etas, gamma=g), quadratic.grad, x0, 200).xs)
    envelope = xs.max(axis=2)
    measured[g] = (envelope[180:].max(axis=0) / envelope[80:100].max(axis=0)) ** (1 / 100)
fine = np.linspace(0.005, 1.0, 600)

# %%
# The figure
# ----------
fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.8))
left.contourf(a, gamma, region, levels=[-0.5, 0.5, 1.5, 2.5, 3.5],
              colors=["#dbe9f6", "#fde0c5", "#e5d5ec", "#eeeeee"])
lines = left.contour(a, gamma, rho, levels=[0.2, 0.4, 0.6, 0.8, 0.9], colors="0.35",
                     linewidths=0.8)
# each rate contour labelled once, where it crosses the spiralling region
left.clabel(lines, fmt="%.1f", fontsize=8,
            manual=[(1.3, 0.04), (1.8, 0.16), (2.2, 0.36), (2.8, 0.64), (3.1, 0.81)])
g_line = np.linspace(0, 0.99, 200)
left.plot((1 - np.sqrt(g_line)) ** 2, g_line, color="black", lw=2)
box = dict(facecolor="white", alpha=0.8, edgecolor="none", pad=1)
for text, x, y in [("creeps", 0.32, 0.05), ("spirals", 1.9, 0.5), ("diverges", 3.6, 0.45)]:
    left.text(x, y, text, fontsize=11, ha="center", weight="bold", color="0.2", bbox=box)
left.annotate("flips sign", xy=(1.75, 0.06), xytext=(2.9, 0.12), fontsize=11, weight="bold",
              color="0.2", ha="center", arrowprops=dict(arrowstyle="->", color="0.2"), bbox=box)
left.text(0.12, 0.75, "critical\ndamping", fontsize=9, ha="left", bbox=box)
left.plot([best.lr * lam_min, best.lr * lam_max], [best.gamma] * 2, color=COLORS[1], lw=3,
          marker="o", ms=6)
left.text(1.4, best.gamma + 0.035, "optimum for $\\lambda \\in [0.2, 4]$", fontsize=9,
          color=COLORS[1], ha="center")
left.set_xlim(0, 4.2)
left.set_xlabel(r"$\eta\lambda$")
left.set_ylabel(r"momentum $\gamma$")
left.set_title("one eigenvalue")
left.grid(False)

for g, color in cuts:
    predicted = np.maximum(radius(fine * lam_min, g), radius(fine * lam_max, g))
    right.plot(fine, predicted, color=color, lw=1.6, label=rf"$\gamma = {g:.2f}$, theory")
    right.plot(etas, measured[g], "o", color=color, mec="black", ms=5)
right.plot([], [], "o", color="white", mec="black", label="measured (dots)")
right.axhline(1, color="0.4", ls=":", lw=1.2)
right.set_ylim(0.5, 1.5)
right.set_xlabel(r"learning rate $\eta$")
right.set_ylabel(r"rate $\rho$ (above 1: diverges)")
right.set_title(r"$f(x) = 0.1x_1^2 + 2x_2^2$")
right.legend(loc="upper left", fontsize=9)
plt.show()

# sphinx_gallery_alt_text_1 = "Left, the plane of the product of learning rate and eigenvalue against the momentum, divided into four coloured regions labelled creeps, spirals, flips sign and diverges, with rate contours and a black critical-damping curve; a short horizontal segment marks the optimal setting for the eigenvalues 0.2 to 4, spanning exactly the spiralling region. Right, the rate against the learning rate for three momenta, each a curve with measured dots on it, rising above one where the runs diverge."
