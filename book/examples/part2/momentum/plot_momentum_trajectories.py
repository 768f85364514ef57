"""
Momentum on the ill-conditioned quadratic
=========================================

The same problem, :math:`f(x) = 0.1x_1^2 + 2x_2^2` from :math:`x^{(0)} = (-5, -2)`,
now with momentum. At :math:`\\eta = 0.4`, :math:`\\gamma = 0.5` the run moves
much faster along the gentle direction :math:`x_1`. At :math:`\\eta = 0.6`,
where plain gradient descent diverged, momentum :math:`\\gamma = 0.5` converges:
the alternating gradients along :math:`x_2` cancel in the velocity. A smaller
momentum, :math:`\\gamma = 0.25`, leaves the run slower.
"""

# %%
# Three runs of 20 steps
# ----------------------
# :class:`gdlib.Momentum` keeps the velocity :math:`v_t = \gamma v_{t-1} + \eta g_t`
# and steps :math:`x^{(t)} = x^{(t-1)} - v_t`.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import quadratic
from gdlib.plotting import COLORS, plot_contour, plot_path, use_book_style

use_book_style()
x0 = np.array([-5.0, -2.0])
settings = [(0.4, 0.5), (0.6, 0.5), (0.6, 0.25)]
runs = {(eta, gamma): gdlib.run(gdlib.Momentum(eta, gamma=gamma), quadratic.grad, x0, 20)
        for eta, gamma in settings}
gd = gdlib.run(gdlib.GD(0.4), quadratic.grad, x0, 20)

# %%
# Draw each run with gradient descent at :math:`\eta = 0.4` for reference
# -----------------------------------------------------------------------
# One panel per setting: add a setting to the list above and a panel appears.
# The title of each panel gives the final iterate after 20 steps.
fig, axes = plt.subplots(1, len(runs), figsize=(3.4 * len(runs), 4.3), sharey=True,
                         squeeze=False)
colors = COLORS[1 : len(runs) + 1]
for ax, color, ((eta, gamma), traj) in zip(axes[0], colors, runs.items(), strict=True):
    plot_contour(ax, quadratic, levels=15)
    plot_path(ax, gd.xs, color=COLORS[0], label=r"GD, $\eta = 0.4$", ms=2.5)
    plot_path(ax, traj.xs, color=color, label=rf"momentum, $\eta = {eta}$, $\gamma = {gamma}$")
    x1, x2 = traj.final
    ax.set_title(rf"$x^{{(20)}} = ({x1:.6f},\ {x2:.6f})$", fontsize=11)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), fontsize=9)
for ax in axes[0, 1:]:
    ax.set_ylabel("")
fig.suptitle(r"Momentum on $f(x) = 0.1x_1^2 + 2x_2^2$, 20 steps from $x^{(0)} = (-5, -2)$")
plt.show()

# sphinx_gallery_alt_text_1 = "Three contour plots, each with a gradient-descent path for reference and a momentum path. With learning rate 0.4 and momentum 0.5 the path reaches the centre. With learning rate 0.6 and momentum 0.5 it also reaches the centre after a few wide swings. With learning rate 0.6 and momentum 0.25 it zigzags with slowly shrinking swings."
