"""
AdaGrad on the ill-conditioned quadratic
========================================

AdaGrad started at :math:`(-5, -2)` on :math:`f(x) = 0.1x_1^2 + 2x_2^2` for 20
steps, at the learning rates :math:`\\eta = 0.4` and :math:`\\eta = 2`. Each
coordinate gets its own step size, so the steep coordinate :math:`x_2` no longer
forces a small rate on the flat coordinate :math:`x_1`. At :math:`\\eta = 0.4`
the accumulated squared gradients shrink both steps so quickly that :math:`x_1`
is still far from 0 after 20 steps; at :math:`\\eta = 2` the same shrinking
leaves steps that are just the right size.
"""

import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import quadratic
from gdlib.plotting import COLORS, plot_contour, plot_path, use_book_style

use_book_style()

# %%
# Two runs of 20 steps from the same start. ``eps`` is AdaGrad's default,
# :math:`\epsilon = 10^{-6}`, added under the square root.
x0 = np.array([-5.0, -2.0])
runs = {lr: gdlib.run(gdlib.AdaGrad(lr=lr), quadratic.grad, x0, steps=20) for lr in (0.4, 2.0)}

# %%
# Each panel draws one run on the contours of :math:`f`; the hollow circle is
# the start and the star the iterate after 20 steps.
fig, axes = plt.subplots(1, 2, figsize=(9.5, 4.0), sharey=True)
for ax, color, (lr, traj) in zip(axes, COLORS[: len(runs)], runs.items(), strict=True):
    plot_contour(ax, quadratic)
    plot_path(ax, traj.xs, color=color, label=f"AdaGrad, η = {lr:g}")
    x1, x2 = traj.final
    ax.set_title(f"η = {lr:g}: $x^{{(20)}}$ = ({x1:.3f}, {x2:.3f})")
    ax.legend(loc="upper right")
axes[1].set_ylabel("")
fig.suptitle(f"AdaGrad on $f(x) = {quadratic.latex}$, 20 steps from (−5, −2)")
plt.show()

# sphinx_gallery_alt_text_1 = "Two contour plots of the quadratic. Left, AdaGrad at learning rate 0.4 takes 20 ever shorter steps from (-5, -2) and stops near (-2.4, -0.16). Right, at learning rate 2 its first step lands on the x1 axis at (-3, 0) and it then walks along the axis to the minimum."
