"""
The saddle x₁² − x₂²: a surface and its map
===========================================

The function :math:`f(x_1, x_2) = x_1^2 - x_2^2` has zero gradient at the
origin, which is a minimum along :math:`x_1` and a maximum along :math:`x_2`:
a saddle point, shaped like a horse's saddle or a mountain pass. The left
panel shows the surface in 3-D; the right panel shows its contour map with the
direction gradient descent moves, :math:`-\\nabla f = (-2x_1, 2x_2)`, and one
run of gradient descent that slides in along :math:`x_1`, slows down near the
saddle, and leaves along :math:`x_2`.
"""

# %%
# The surface, the descent directions, and one run
# ------------------------------------------------
# :meth:`~gdlib.functions.Saddle.grid` gives the points of the plotting box
# :math:`[-1, 1]^2`. On a coarser grid we evaluate :math:`-\nabla f`, the
# direction gradient descent moves. The run uses :math:`\eta = 0.1` from
# :math:`(1, 0.01)`: each step shrinks :math:`x_1` by the factor 0.8 and grows
# :math:`x_2` by 1.2.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import saddle
from gdlib.plotting import COLORS, plot_contour, plot_path, use_book_style

use_book_style()
X, Y, points = saddle.grid(61)
Z = saddle(points)
Xa, Ya, pa = saddle.grid(9)
descent = -saddle.grad(pa)
lr, x0 = 0.1, np.array([1.0, 0.01])
traj = gdlib.run(gdlib.GD(lr=lr), saddle.grad, x0, steps=25)
print("after 25 steps:", traj.final)

# %%
# Surface and contour map, side by side
# -------------------------------------
# Left, the surface with its two axis curves: up along :math:`x_1`, down along
# :math:`x_2`; a muted colormap keeps the shape, not the colours, in front.
# Right, the contour map, the arrows of :math:`-\nabla f` (their length is
# the slope) and the run, which slides in along :math:`x_1`, slows near the
# saddle point, and leaves along :math:`x_2`.
fig = plt.figure(figsize=(10.0, 4.6))
fig.get_layout_engine().set(wspace=0.12)  # room between the 3-D box and the map
ax3d = fig.add_subplot(1, 2, 1, projection="3d", computed_zorder=False)
ax3d.plot_surface(X, Y, Z, cmap="cividis", rstride=2, cstride=2,
                  linewidth=0.2, edgecolor="0.3", alpha=0.85)
t = np.linspace(-1, 1, 101)
ax3d.plot(t, 0 * t, t**2, color=COLORS[0], lw=2.5, label="along $x_1$: $x_1^2$")
ax3d.plot(0 * t, t, -(t**2), color=COLORS[1], lw=2.5, label="along $x_2$: $-x_2^2$")
ax3d.scatter([0], [0], [0], color=COLORS[2], edgecolor="black", s=70, marker="X",
             depthshade=False)
ax3d.legend(loc="upper left", fontsize=9)
ax3d.set_xlabel("$x_1$")
ax3d.set_ylabel("$x_2$")
ax3d.set_zlabel("$f$", labelpad=2)
ax3d.view_init(elev=28, azim=-55)
ax3d.set_box_aspect(None, zoom=1.15)
ax3d.set_title("surface")
ax = fig.add_subplot(1, 2, 2)
plot_contour(ax, saddle, levels=np.linspace(-1, 1, 11))
ax.quiver(Xa, Ya, descent[..., 0], descent[..., 1], color="0.25", angles="xy", width=0.004)
plot_path(ax, traj.xs, color=COLORS[1], label=f"GD, $\\eta = {lr:g}$, $x^{{(0)}} = (1, 0.01)$")
ax.plot(0, 0, "X", ms=11, color=COLORS[2], mec="black", label="saddle point $(0, 0)$")
ax.set_aspect("equal")
ax.set_xticks(np.linspace(-1, 1, 5))
ax.set_yticks(np.linspace(-1, 1, 5))
ax.set_title(r"contours and $-\nabla f$")
ax.legend(loc="lower left", fontsize=9)
fig.suptitle(r"$f(x_1, x_2) = x_1^2 - x_2^2$")
plt.show()

# sphinx_gallery_alt_text_1 = "Two panels. Left, a 3-D surface shaped like a saddle, rising along the x1 axis and falling along the x2 axis, with both axis curves drawn on it and the origin marked. Right, its contour map of hyperbolas, with arrows of the negative gradient pointing towards the x2 axis and away from the x1 axis, and a gradient-descent path that comes in along the x1 axis, bends near the origin and leaves upwards along x2."
