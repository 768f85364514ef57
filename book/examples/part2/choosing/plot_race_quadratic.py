"""
Animation: the race on the ill-conditioned quadratic
====================================================

The eight optimizers of the book, each at its tuned learning rate, start from
:math:`(-5, -2)` on :math:`f(x_1, x_2) = 0.1x_1^2 + 2x_2^2`, which curves twenty
times more steeply along :math:`x_2` than along :math:`x_1`. Tuned for speed,
the methods that share one rate across coordinates zigzag across the steep
direction; the per-coordinate methods take bold first steps.
"""

# %%
# Tune, then run
# --------------
# The same rule as in the static comparison: 41 rates from :math:`10^{-4}`
# to 10, 1000 steps, the rate that keeps :math:`f - f^\star \le 10^{-6}`
# soonest wins, else the lowest final loss; diverged runs are out.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import quadratic as f
from gdlib.plotting import OPTIMIZER_LOOKS, animate_trajectories, use_book_style

use_book_style()
OPTIMIZERS = {"GD": gdlib.GD, "Momentum": gdlib.Momentum, "Nesterov": gdlib.Nesterov,
              "AdaGrad": gdlib.AdaGrad, "RMSProp": gdlib.RMSProp, "Adam": gdlib.Adam,
              "AdamW": gdlib.AdamW, "AdaDelta": lambda lr: gdlib.AdaDelta(lr=lr)}
RATES, STEPS, TOL = np.geomspace(1e-4, 10, 41), 1000, 1e-6
x0 = np.array([-5.0, -2.0])

paths = {}
for name, make in OPTIMIZERS.items():
    best = gdlib.tune_lr(make, f.grad, x0, STEPS, RATES, f.value,
                         f_star=f.value(f.minimizers[0]), tol=TOL)
    paths[f"{name}, η = {best.lr:.3g}"] = best.runs[best.index].xs[:121]  # the race is short

# Each optimizer in its look from the chapter (colour, line style); the runs that
# others follow closely here are drawn wide, so that those show inside them.
WIDE = {"RMSProp": 4.2}
looks = {label: (*OPTIMIZER_LOOKS[name][:2], WIDE.get(name, 1.6))
         for label, name in zip(paths, OPTIMIZERS, strict=True)}

# %%
# Animate
# -------
# Thirty frames cover the first 120 steps, by which time most runs are done,
# on a small figure drawn at 100 dpi (JPEG frames) so that the page stays light.
# AdaGrad and AdamW chose rates at the top of the grid, and leave the picture
# before coming back: on this function the origin is the minimum, so AdamW's
# weight decay helps it, and AdaGrad's growing sum of squared gradients tames
# its huge first steps.
# Runs that reach the end of the race stop there, and their markers pile up on one point.
plt.rcParams["savefig.dpi"] = 100
anim = animate_trajectories(f, paths, log=False, frames=30, interval=150,
                            title=r"quadratic, tuned $\eta$",
                            looks=looks)
fig = plt.gcf()
fig.set_size_inches(6.4, 3.9)
fig.axes[0].legend(loc="center left", bbox_to_anchor=(1.02, 0.5), fontsize=8)
plt.show()

# sphinx_gallery_alt_text_1 = "Animation in 30 frames of the first 120 steps of the eight optimizers, each at its tuned learning rate, on the contour map of the ill-conditioned quadratic 0.1 x1 squared plus 2 x2 squared, from (-5, -2); a dot marks each optimizer's current iterate and a counter gives the step. GD, Momentum and Nesterov zigzag across the narrow direction of the valley while moving along it to the minimum at the origin; Adam swings in along a smooth arc; AdaGrad and AdamW take huge first steps out of the picture and come back to the minimum; RMSProp and AdaDelta move slowly and are still near the start at step 120. The same paths are drawn as a still figure in the chapter Choosing an optimizer, which compares the eight optimizers on four test functions."

# %%
# The same race as still figures
# ------------------------------
# These paths are drawn whole in :numref:`fig-choosing-paths`, beside the other test functions,
# and the gap :math:`f(x^{(t)}) - f^\star` of each run against the step in :numref:`fig-choosing-losses`.
