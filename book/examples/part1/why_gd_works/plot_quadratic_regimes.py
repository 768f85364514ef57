"""
Four learning rates on a parabola: slow, fast, oscillating, divergent
=====================================================================

Gradient descent on :math:`f(x) = \\tfrac{\\lambda}{2}x^2` from :math:`x^{(0)} = 1`,
with four learning rates chosen by the product :math:`\\eta\\lambda`: 0.3
(small steps, slow), 1.0 (straight to the minimum), 1.7 (overshoots and
bounces, but settles) and 2.1 (overshoots more each time, and escapes). Each
panel draws the iterates on the parabola.
"""

# %%
# One vectorized call, one learning rate per run
# ----------------------------------------------
# :func:`gdlib.run_many` accepts an array of learning rates, one per run.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.plotting import COLORS, plot_curve, plot_iterates, use_book_style

use_book_style()
lam, steps = 2.0, 10
eta_lam = np.array([0.3, 1.0, 1.7, 2.1])
runs = gdlib.run_many(gdlib.GD(lr=eta_lam / lam), lambda x: lam * x, np.ones(4), steps)
print("x_10 =", runs.final)


def parabola(x):
    return 0.5 * lam * x**2


# %%
# The iterates on the parabola
# ----------------------------
# Notice that :math:`\eta\lambda = 0.3` and :math:`1.7` shrink the error by the
# same factor 0.7 per step: one from the same side, the other by jumping across.
# The divergent panel has a wider range of :math:`x` than the other three.
fig, axes = plt.subplots(2, 2, figsize=(9, 6.4))
names = ["slow", "fastest", "oscillating", "divergent"]
for ax, c, name, color, i in zip(axes.flat, eta_lam, names, COLORS[:4], range(4), strict=True):
    reach = max(1.25, 1.08 * np.abs(runs.xs[:, i]).max())
    plot_curve(ax, parabola, box=(-reach, reach), label=r"$f(x) = \frac{\lambda}{2}x^2$")
    plot_iterates(ax, parabola, runs.xs[:, i], color=color,
                  label=f"$\\eta = {c / lam:g}$, $x^{{(10)}} = {runs.final[i]:.3g}$")
    ax.set_ylim(-0.05 * parabola(reach), 1.35 * parabola(reach))
    ax.set_title(f"$\\eta\\lambda = {c:g}$: {name}, factor $1 - \\eta\\lambda = {1 - c:.1f}$")
    ax.legend(loc="upper center", fontsize=9)
fig.suptitle(rf"Gradient descent on $\frac{{\lambda}}{{2}}x^2$, $\lambda = {lam:g}$, "
             rf"$x^{{(0)}} = 1$, {steps} steps")
plt.show()

# sphinx_gallery_alt_text_1 = "Four panels, each a parabola with the iterates of gradient descent from x0 = 1. Top left, eta lambda = 0.3, points creep down the right branch to the bottom. Top right, eta lambda = 1, one jump to the bottom. Bottom left, eta lambda = 1.7, points zigzag across the bottom with shrinking amplitude. Bottom right, eta lambda = 2.1, points zigzag outwards and climb the parabola."
