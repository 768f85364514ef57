"""
RMSProp and AdaGrad on the ill-conditioned quadratic
====================================================

RMSProp and AdaGrad at the same learning rate :math:`\\eta = 0.4`, 20 steps
from :math:`(-5, -2)` on :math:`f(x) = 0.1x_1^2 + 2x_2^2`. The only difference
is the state :math:`s_t`: AdaGrad sums every squared gradient, RMSProp keeps
a moving average with :math:`\\gamma = 0.9` that forgets old ones. AdaGrad's
steps shrink and it stops well short of the minimum; RMSProp's stay about
:math:`\\eta` long and it arrives.
"""

import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import quadratic
from gdlib.plotting import COLORS, plot_contour, plot_path, use_book_style

use_book_style()

# %%
# Same start, same rate, same :math:`\epsilon = 10^{-6}` under the root.
x0 = np.array([-5.0, -2.0])
runs = {"AdaGrad, η = 0.4": gdlib.AdaGrad(lr=0.4),
        "RMSProp, η = 0.4, γ = 0.9": gdlib.RMSProp(lr=0.4, gamma=0.9)}
runs = {label: gdlib.run(opt, quadratic.grad, x0, steps=20) for label, opt in runs.items()}

# %%
# One panel per optimizer, with the final iterate in the title.
fig, axes = plt.subplots(1, 2, figsize=(9.5, 4.0), sharey=True)
for ax, color, (label, traj) in zip(axes, COLORS[: len(runs)], runs.items(), strict=True):
    plot_contour(ax, quadratic)
    plot_path(ax, traj.xs, color=color, label=label)
    x1, x2 = traj.final
    ax.set_title(f"$x^{{(20)}}$ = ({x1:.3f}, {x2:.3f})")
    ax.legend(loc="upper right")
axes[1].set_ylabel("")
fig.suptitle(f"$f(x) = {quadratic.latex}$, 20 steps from $(-5, -2)$")
plt.show()

# sphinx_gallery_alt_text_1 = "Two contour plots of the quadratic. Left, AdaGrad at rate 0.4 takes 20 shrinking steps and stops near (-2.4, -0.16). Right, RMSProp at rate 0.4 and gamma 0.9 takes longer steps, reaches the x1 axis within a few steps and ends next to the minimum."
