"""
Animation: the race on Rosenbrock's banana
==========================================

The eight optimizers of the book, each at its tuned learning rate, start from
:math:`(-1.2, 1)` on :math:`f(x_1, x_2) = (1 - x_1)^2 + 100(x_2 - x_1^2)^2`.
Finding the curved valley is easy; following its nearly flat floor to the
minimum at :math:`(1, 1)` is the hard part, and that is where the methods part ways.
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
from gdlib.functions import rosenbrock as f
from gdlib.plotting import OPTIMIZER_LOOKS, animate_trajectories, use_book_style

use_book_style()
OPTIMIZERS = {"GD": gdlib.GD, "Momentum": gdlib.Momentum, "Nesterov": gdlib.Nesterov,
              "AdaGrad": gdlib.AdaGrad, "RMSProp": gdlib.RMSProp, "Adam": gdlib.Adam,
              "AdamW": gdlib.AdamW, "AdaDelta": lambda lr: gdlib.AdaDelta(lr=lr)}
RATES, STEPS, TOL = np.geomspace(1e-4, 10, 41), 1000, 1e-6
x0 = np.array([-1.2, 1.0])

paths = {}
for name, make in OPTIMIZERS.items():
    best = gdlib.tune_lr(make, f.grad, x0, STEPS, RATES, f.value,
                         f_star=f.value(f.minimizers[0]), tol=TOL)
    paths[f"{name}, η = {best.lr:.3g}"] = best.runs[best.index].xs

# Each optimizer in its look from the chapter (colour, line style). All paths
# share the valley floor, where they overlap by nature: the text below says so.
WIDE = {"RMSProp": 4.2, "Adam": 4.2}
SHARED = "overlap-ok: the page says that the paths share the valley floor"
looks = {label: (*OPTIMIZER_LOOKS[name][:2], WIDE.get(name, 1.6), SHARED)
         for label, name in zip(paths, OPTIMIZERS, strict=True)}

# %%
# Animate
# -------
# Thirty frames cover the 1000 steps, on a small figure drawn at 100 dpi (JPEG frames) so
# that the page stays light. Watch GD crawl along the valley floor,
# Momentum and Adam overshoot and then settle, and AdamW stop short: its
# weight decay pulls towards the origin, away from :math:`(1, 1)`. Every path
# follows the same valley floor, so in the last frame they lie on one another
# there; the order of events is what the animation shows. Runs that reach the
# minimum stop on it, and their markers pile up there.
plt.rcParams["savefig.dpi"] = 100
anim = animate_trajectories(f, paths, log=True, frames=30, interval=150,
                            title=r"Rosenbrock, tuned $\eta$",
                            looks=looks)
fig = plt.gcf()
fig.set_size_inches(6.4, 3.9)
fig.axes[0].legend(loc="center left", bbox_to_anchor=(1.02, 0.5), fontsize=8)
plt.show()

# sphinx_gallery_alt_text_1 = "Animation in 30 frames of the 1000 steps of the eight optimizers, each at its tuned learning rate, on the contour map of Rosenbrock's banana-shaped valley, from (-1.2, 1); a dot marks each optimizer's current iterate and a counter gives the step. Every method reaches the curved valley floor within a few frames; Momentum and Adam zigzag along it, AdaGrad jumps far above the valley and comes back, and by the last frame most dots lie on the valley floor close to the minimum at (1, 1), AdaDelta furthest behind near (0.7, 0.5). The same paths are drawn as a still figure in the chapter Choosing an optimizer, which compares the eight optimizers on four test functions."

# %%
# The same race as still figures
# ------------------------------
# These paths are drawn whole in :numref:`fig-choosing-paths`, beside the other test functions,
# and the gap :math:`f(x^{(t)}) - f^\star` of each run against the step in :numref:`fig-choosing-losses`.
