"""
Under-, critically and over-damped momentum on one eigenvalue
=============================================================

Along one eigenvector of a quadratic, momentum is the two-step recurrence
:math:`x^{(t)} = (1 + \\gamma - \\eta\\lambda)\\,x^{(t-1)} - \\gamma\\,x^{(t-2)}`.
For :math:`\\eta\\lambda = 0.04` we run it with three momenta: below, at and above
the critical value :math:`\\gamma_c = (1 - \\sqrt{\\eta\\lambda})^2 = 0.64`. Below it
the iterate creeps towards 0, above it the iterate swings through 0, and at it the
iterate converges fastest. The right panel measures the rate of 19 gdlib runs
against the spectral radius of the recurrence.
"""

# %%
# Three runs on :math:`f(x) = x^2/2` with :math:`\eta = 0.04`
# -----------------------------------------------------------
# With :math:`\lambda = 1` the gradient is :math:`x` and :math:`\eta\lambda = \eta`.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.plotting import COLORS, use_book_style

use_book_style()
a = 0.04  # eta * lambda
critical = (1 - np.sqrt(a)) ** 2
settings = [(0.3, "over-damped", COLORS[0], "-"), (critical, "critically damped", COLORS[1], "-"),
            (0.9, "under-damped", COLORS[2], "--")]
steps = 60
runs = {gamma: gdlib.run(gdlib.Momentum(a, gamma=gamma), lambda x: x, 1.0, steps).xs
        for gamma, *_ in settings}


# %%
# The spectral radius of the companion matrix
# -------------------------------------------
# The roots of :math:`z^2 - (1 + \gamma - \eta\lambda)z + \gamma` are complex above
# :math:`\gamma_c`, with modulus :math:`\sqrt\gamma`, and real below it.
def radius(a, gamma):
    s = 1 + gamma - a
    disc = s**2 - 4 * gamma
    return np.where(disc < 0, np.sqrt(gamma), (np.abs(s) + np.sqrt(np.abs(disc))) / 2)


grid = np.linspace(0, 0.98, 400)
measured_gamma = np.linspace(0.05, 0.95, 19)
measured = []
for gamma in measured_gamma:
    xs = np.abs(gdlib.run(gdlib.Momentum(a, gamma=gamma), lambda x: x, 1.0, 400).xs)
    # the envelope of |x| over two windows, 200 steps apart
    measured.append((xs[380:].max() / xs[180:200].max()) ** (1 / 200))

# %%
# The figure
# ----------
fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.2))
t = np.arange(steps + 1)
left.axhline(0, color="0.5", lw=0.8)
for gamma, label, color, style in settings:
    left.plot(t, runs[gamma], color=color, ls=style, marker="o", ms=3,
              label=rf"{label}, $\gamma = {gamma:.2f}$")
left.set_xlabel("step $t$")
left.set_ylabel("$x^{(t)}$")
left.set_title(r"$\eta\lambda = 0.04$, from $x^{(0)} = 1$")
left.legend(loc="upper right")

right.plot(grid, radius(a, grid), color="black", lw=1.6, label="spectral radius (theory)")
right.plot(measured_gamma, measured, "o", color=COLORS[4], mec="black",
           label="gdlib runs")
right.axvline(critical, color=COLORS[1], ls=":", lw=1.5,
              label=rf"critical $\gamma_c = (1 - \sqrt{{\eta\lambda}})^2 = {critical:.2f}$")
right.set_ylim(0.75, 1.0)
right.set_xlabel(r"momentum $\gamma$")
right.set_ylabel(r"rate $\rho$")
# The roots of the characteristic polynomial: real left of the dotted line, complex right of it.
right.text(critical - 0.02, 0.99, "real roots", ha="right", va="top", fontsize=10)
right.text(critical + 0.02, 0.99, "complex roots", ha="left", va="top", fontsize=10)
right.legend(loc="lower left", fontsize=9)
plt.show()

# sphinx_gallery_alt_text_1 = "Left, three sequences of iterates against the step: the over-damped one decreases slowly without crossing zero, the critically damped one falls to zero fastest without crossing it, the under-damped one swings below and above zero with shrinking amplitude. Right, the convergence rate against the momentum: it falls to a minimum at the critical momentum 0.64 and rises along a square-root curve after it, with measured dots on the curve."
