"""
The convergence factor of gradient descent on a quadratic
=========================================================

On :math:`f(x) = \\tfrac{\\lambda}{2}x^2` one step of gradient descent
multiplies the distance to the minimizer by :math:`1 - \\eta\\lambda`. Its
size :math:`|1 - \\eta\\lambda|` depends only on the product
:math:`\\eta\\lambda`, and decides everything: below 1 the error shrinks,
above 1 it grows; a negative factor flips the sign every step. The figure
plots the factor against :math:`\\eta\\lambda` and names the four regimes.
"""

# %%
# The factor, measured from one step of gdlib
# -------------------------------------------
# We do not just draw the formula: one gradient-descent step from
# :math:`x^{(0)} = 1` with each rate gives :math:`x^{(1)} = 1 - \eta\lambda` directly.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.plotting import COLORS, use_book_style

use_book_style()
lam = 2.0
eta_lam = np.linspace(0.005, 2.5, 500)
one_step = gdlib.run_many(gdlib.GD(lr=eta_lam / lam), lambda x: lam * x, np.ones(500), 1)
factor = one_step.final  # x_1 / x_0 with x_0 = 1

# %%
# The regimes
# -----------
# Slow and monotone for :math:`0 < \eta\lambda < 1`, one step for
# :math:`\eta\lambda = 1`, oscillating but converging for
# :math:`1 < \eta\lambda < 2`, divergent beyond 2. The markers are the four
# rates of the next example.
fig, ax = plt.subplots()
regions = [(0, 1, "monotone\n(slow near 0)", COLORS[2]), (1, 2, "oscillating", COLORS[4]),
           (2, 2.5, "divergent", COLORS[1])]
for lo, hi, name, color in regions:
    ax.axvspan(lo, hi, color=color, alpha=0.13)
    ax.text((lo + hi) / 2, 1.45, name, ha="center", va="top", fontsize=10)
ax.plot(eta_lam, np.abs(factor), color=COLORS[0], label=r"$|1 - \eta\lambda|$")
ax.axhline(1.0, color="0.4", lw=1, ls=":")
ax.annotate("fastest: one step\nat $\\eta\\lambda = 1$", (1.0, 0.0), xytext=(1.0, 0.72),
            arrowprops=dict(arrowstyle="->"), ha="center")
marks = np.array([0.3, 1.0, 1.7, 2.1])
ax.plot(marks, np.abs(1 - marks), "o", ms=8, color=COLORS[3], mec="black", mew=0.6, ls="none",
        label=r"$\eta\lambda = 0.3, 1, 1.7, 2.1$ (next example)")
ax.set_xlim(0, 2.5)
ax.set_ylim(0, 1.5)
ax.set_xlabel(r"$\eta\lambda$ (learning rate times curvature)")
ax.set_ylabel(r"factor per step $|x^{(t)} / x^{(t-1)}|$")
ax.set_title(r"GD on $\frac{\lambda}{2}x^2$")
ax.legend(loc="lower right")
plt.show()

# sphinx_gallery_alt_text_1 = "A V-shaped line showing the absolute factor |1 - eta lambda| against eta lambda from 0 to 2.5. It falls from 1 at eta lambda = 0 to 0 at eta lambda = 1, then rises, crossing 1 at eta lambda = 2. Shaded regions are labelled monotone (0 to 1), oscillating (1 to 2) and divergent (above 2). Four dots mark eta lambda = 0.3, 1, 1.7 and 2.1."
