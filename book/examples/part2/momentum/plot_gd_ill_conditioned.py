"""
Gradient descent on an ill-conditioned quadratic
================================================

On :math:`f(x) = 0.1x_1^2 + 2x_2^2` the curvature along :math:`x_2` is 20
times the curvature along :math:`x_1`. A learning rate small enough for the
steep direction crawls along the gentle one (:math:`\\eta = 0.4`); a rate
large enough to make progress along :math:`x_1` overshoots more and more along
:math:`x_2` and diverges (:math:`\\eta = 0.6`). No single rate serves both.
"""

# %%
# Twenty steps at each rate
# -------------------------
# From :math:`x^{(0)} = (-5, -2)`, with :data:`gdlib.functions.quadratic`.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import quadratic
from gdlib.plotting import COLORS, plot_contour, plot_path, use_book_style

use_book_style()
x0 = np.array([-5.0, -2.0])
runs = {eta: gdlib.run(gdlib.GD(eta), quadratic.grad, x0, 20) for eta in (0.4, 0.6)}
for eta, traj in runs.items():
    print(f"eta = {eta}: x_20 = {traj.final}")

# %%
# The two paths
# -------------
# At :math:`\eta = 0.4` the steep coordinate is multiplied by
# :math:`1 - 0.4 \cdot 4 = -0.6` per step and dies out fast, the gentle one by
# :math:`1 - 0.4 \cdot 0.2 = 0.92` and barely moves. At :math:`\eta = 0.6` the
# steep factor is :math:`-1.4`: the zigzag grows and leaves the picture.
fig, axes = plt.subplots(1, 2, figsize=(10, 4.2))
for ax, color, (eta, traj) in zip(axes, COLORS[: len(runs)], runs.items(), strict=True):
    plot_contour(ax, quadratic, levels=15)
    inside = np.all(np.abs(traj.xs) < 6, axis=1)
    plot_path(ax, traj.xs[inside], color=color, label=rf"GD, $\eta = {eta}$")
    x1, x2 = traj.final
    ax.set_title(rf"$\eta = {eta}$: $x^{{(20)}} = ({x1:.6f},\ {x2:.6f})$")
    ax.legend(loc="upper right")
fig.suptitle(r"Gradient descent on $f(x) = 0.1x_1^2 + 2x_2^2$ from $x^{(0)} = (-5, -2)$")
plt.show()

# sphinx_gallery_alt_text_1 = "Two contour plots of an elongated elliptical bowl. Left, a path that zigzags in the vertical direction and then creeps slowly to the right, stopping short of the centre. Right, a path that zigzags with growing amplitude and leaves the picture."
