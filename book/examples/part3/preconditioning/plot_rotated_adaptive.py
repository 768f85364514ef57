"""
AdaGrad, RMSProp and Adam on the axis-aligned and the rotated quadratic
=======================================================================

The same valley twice: :math:`f(x) = 0.1x_1^2 + 2x_2^2` from :math:`x^{(0)} = (-5, -2)`,
and the same function and start turned by 45 degrees. Each method runs at its best
learning rate for each orientation, tuned as in chapter 9. Along the axes the
per-coordinate scaling of the adaptive methods can undo the valley's shape; along
the diagonal it cannot, and the paths lose their shortcut.
"""

# %%
# The quadratic turned by an angle
# --------------------------------
# :math:`f(x) = \tfrac12 x^\top H x` with :math:`H = U\,\mathrm{diag}(0.2, 4)\,U^\top`,
# :math:`U` the rotation by the angle; the start is turned by :math:`U` too.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import Objective, quadratic
from gdlib.plotting import OPTIMIZER_LOOKS, plot_contour, plot_path, use_book_style


class TurnedQuadratic(Objective):
    dim = 2
    box = ((-6.0, 4.0), (-6.0, 6.0))

    def __init__(self, degrees):
        c, s = np.cos(np.radians(degrees)), np.sin(np.radians(degrees))
        self.R = np.array([[c, -s], [s, c]])
        self.H = self.R @ np.diag(quadratic.eigenvalues) @ self.R.T

    def value(self, x):
        return 0.5 * np.sum((x @ self.H) * x, axis=-1)

    def grad(self, x):
        return x @ self.H


use_book_style()
RATES, STEPS, TOL = np.geomspace(1e-4, 10, 41), 1000, 1e-6
methods = {"AdaGrad": gdlib.AdaGrad, "RMSProp": gdlib.RMSProp, "Adam": gdlib.Adam}


def tuned_run(make, f):
    """Chapter 9's tuning; the best run, cut where it settles (or after STEPS)."""
    x0 = f.R @ np.array([-5.0, -2.0])
    best = gdlib.tune_lr(make, f.grad, x0, STEPS, RATES, f.value, tol=TOL)
    settle = int(best.settle[best.index])
    return best.lr, settle, best.runs[best.index].xs[: min(settle, STEPS) + 1]


# %%
# Two rows, three methods
# -----------------------
# Top: the valley along the axes. Bottom: turned by 45 degrees. Each panel gives the
# tuned rate and the step from which :math:`f - f^\star \le 10^{-6}` for good.
fig, axes = plt.subplots(2, 3, figsize=(10, 8.4), sharex=True, sharey=True)
for row, degrees in enumerate((0, 45)):
    f = TurnedQuadratic(degrees)
    for ax, (name, make) in zip(axes[row], methods.items(), strict=True):
        lr, settle, xs = tuned_run(make, f)
        plot_contour(ax, f, levels=np.geomspace(0.05, 60, 12))
        color, ls, marker = OPTIMIZER_LOOKS[name]
        plot_path(ax, xs, color=color, ls=ls, marker=marker, ms=3, label=name)
        when = f"settles at $t = {settle}$" if settle <= STEPS else f"not settled by $t = {STEPS}$"
        ax.set_title(f"{name}, $\\eta$ = {lr:.3g}\n{when}", fontsize=11)
        ax.set_aspect("equal")
        if row == 0:
            ax.set_xlabel("")
        ax.set_ylabel(f"turned by {degrees}°\n$x_2$" if ax is axes[row, 0] else "")
plt.show()

# sphinx_gallery_alt_text_1 = "Six contour plots of the same elliptical valley, three on top with the valley along the horizontal axis and three below with the valley turned by 45 degrees, one column each for AdaGrad, RMSProp and Adam at their tuned learning rates. On top, AdaGrad jumps far to the upper right in its first step and lands near the centre in a few more, RMSProp walks in straight diagonal steps onto the valley floor and then along it, and Adam curves in. Below, AdaGrad's first step goes across the valley, and it needs many zigzags to settle, RMSProp walks across the valley and then down its middle, and Adam swings across the valley twice before settling."
