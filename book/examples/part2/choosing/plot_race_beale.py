"""
Animation: the race on Beale's function
=======================================

The eight optimizers of the book, each at its tuned learning rate, start from
:math:`(1, 1.5)` on Beale's function, whose minimum :math:`(3, 0.5)` lies at
the end of a narrow, gently sloping valley between steep walls. Gradients
differ by orders of magnitude from place to place, which favours methods that
rescale them.
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
from gdlib.functions import beale as f
from gdlib.plotting import OPTIMIZER_LOOKS, animate_trajectories, use_book_style

use_book_style()
OPTIMIZERS = {"GD": gdlib.GD, "Momentum": gdlib.Momentum, "Nesterov": gdlib.Nesterov,
              "AdaGrad": gdlib.AdaGrad, "RMSProp": gdlib.RMSProp, "Adam": gdlib.Adam,
              "AdamW": gdlib.AdamW, "AdaDelta": lambda lr: gdlib.AdaDelta(lr=lr)}
RATES, STEPS, TOL = np.geomspace(1e-4, 10, 41), 1000, 1e-6
x0 = np.array([1.0, 1.5])

paths = {}
for name, make in OPTIMIZERS.items():
    best = gdlib.tune_lr(make, f.grad, x0, STEPS, RATES, f.value,
                         f_star=f.value(f.minimizers[0]), tol=TOL)
    paths[f"{name}, η = {best.lr:.3g}"] = best.runs[best.index].xs[:401]

# Each optimizer in its look from the chapter (colour, line style); the runs that
# others follow closely here are drawn wide, so that those show inside them.
WIDE = {"RMSProp": 4.2, "Adam": 4.2}
looks = {label: (*OPTIMIZER_LOOKS[name][:2], WIDE.get(name, 1.6))
         for label, name in zip(paths, OPTIMIZERS, strict=True)}

# %%
# Animate
# -------
# Thirty frames cover the first 400 steps, on a small figure drawn at 100 dpi (JPEG frames) so
# that the page stays light. Most methods first dive towards the lower
# left, then find the valley that leads to :math:`(3, 0.5)`; Adam gets
# there first, while RMSProp, AdaDelta and AdamW are still on their way.
# Runs that reach the end of the race stop there, and their markers pile up on one point.
plt.rcParams["savefig.dpi"] = 100
anim = animate_trajectories(f, paths, box=((-0.5, 4.0), (-1.5, 2.0)), log=True, frames=30,
                            interval=150, title=r"Beale, tuned $\eta$",
                            looks=looks)
fig = plt.gcf()
fig.set_size_inches(6.4, 3.9)
fig.axes[0].legend(loc="center left", bbox_to_anchor=(1.02, 0.5), fontsize=8)
plt.show()

# sphinx_gallery_alt_text_1 = "Animation in 30 frames of the first 400 steps of the eight optimizers, each at its tuned learning rate, on the contour map of Beale's function, from the start (1, 1.5); a dot marks each optimizer's current iterate and a counter gives the step. Most paths first dive down to the lower left and loop back below the valley before following it to the minimum at (3, 0.5); by step 400 Adam has reached it, AdamW is close, Momentum zigzags just beyond it, RMSProp and AdaDelta are still far away, and AdaGrad's path has left the picture on the left. The same paths are drawn as a still figure in the chapter Choosing an optimizer, which compares the eight optimizers on four test functions."

# %%
# The same race as still figures
# ------------------------------
# These paths are drawn whole in :numref:`fig-choosing-paths`, beside the other test functions,
# and the gap :math:`f(x^{(t)}) - f^\star` of each run against the step in :numref:`fig-choosing-losses`.
