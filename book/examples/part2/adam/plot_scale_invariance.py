"""
Adam does not see the scale of the gradient
===========================================

Multiply the loss by a constant :math:`c > 0` and every gradient is multiplied
by :math:`c`. Adam's step :math:`\\eta\\,\\hat m_t/\\sqrt{\\hat s_t}` divides a
multiple of :math:`c` by the root of a multiple of :math:`c^2`, so with
:math:`\\epsilon = 0` the constant cancels and the iterates do not change at all.
Gradient descent, whose step is proportional to the gradient, would take steps
a thousand times larger on :math:`1000 f`. This example runs Adam
(:math:`\\eta = 0.1`, ``eps=0``) on :math:`f(x) = 0.1x_1^2 + 2x_2^2`, on
:math:`1000 f` and on :math:`f/1000`, from :math:`(-5, -2)`.
"""

import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import quadratic
from gdlib.plotting import COLORS, plot_contour, plot_path, use_book_style

use_book_style()

# %%
# Three runs of 80 steps; only the scale of the gradient differs.
x0, lr, steps = np.array([-5.0, -2.0]), 0.1, 80
scales = {"f": 1.0, "1000 f": 1000.0, "f / 1000": 0.001}
runs = {name: gdlib.run(gdlib.Adam(lr=lr, eps=0.0), lambda x, c=c: c * quadratic.grad(x), x0,
                        steps) for name, c in scales.items()}
gap = max(np.abs(traj.xs - runs["f"].xs).max() for traj in runs.values())
print(f"largest difference between the iterates: {gap:.1e}")

# %%
# Left: the three paths, drawn with decreasing marker sizes and line widths
# so that all stay visible. Right: the step of each coordinate in units of :math:`\eta`.
fig, (ax, ax_step) = plt.subplots(1, 2, figsize=(10.0, 4.2))
plot_contour(ax, quadratic)
t = np.arange(1, steps + 1)
# The three runs coincide: each is drawn narrower (lines, dots and end stars) than
# the one under it, so that all three show, nested.
sizes = zip(COLORS[:3], (9, 5, 2), (4.5, 2.6, 1.0), (19, 13.5, 9), runs.items(), strict=True)
for color, ms, lw, end_ms, (name, traj) in sizes:
    plot_path(ax, traj.xs, color=color, ms=ms, lw=lw, end_ms=end_ms, label=f"Adam on {name}")
    step = np.abs(np.diff(traj.xs, axis=0)) / lr
    ax_step.plot(t, step[:, 0], "-", color=color, lw=lw, label=f"{name}, $x_1$")
    ax_step.plot(t, step[:, 1], "--", color=color, lw=lw, label=f"{name}, $x_2$")
ax.set_title(f"Paths (largest gap {gap:.0e})")
ax.legend(loc="upper right", fontsize=9)
ax_step.set(xlabel="step $t$", ylabel=r"$|\Delta x^{(t)}_i| / \eta$",
            ylim=(-0.03, 1.25))  # headroom for the legend
ax_step.set_title("Step per coordinate")
ax_step.legend(fontsize=8.5, ncols=3, loc="upper right")
fig.suptitle(f"Adam, $\\eta = {lr:g}$, $\\epsilon = 0$")
plt.show()

# sphinx_gallery_alt_text_1 = "Left, three identical Adam paths on the quadratic's contours, drawn with decreasing marker sizes. Right, the step of each coordinate in units of the learning rate; it starts at 1 for both coordinates and the three runs' curves coincide."
