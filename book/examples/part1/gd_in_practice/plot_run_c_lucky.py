"""
Run C: a large learning rate, and a lucky landing
=================================================

The article's third experiment starts at :math:`x^{(0)} = -1` again, but with a
learning rate ten times larger, :math:`\\eta = 1.000542`, for 20 steps (with
the article's derivative :math:`\\cos(\\pi x) - x\\sin(\\pi x)`). The iterates
jump back and forth between the two ends of the left valley, the swings slowly
grow, and the last step lands close to :math:`x = 1`, near the bottom of the
deep valley. The article's author reports that finding this rate took long
tuning. The chapter explains why such a rate is pure luck
(:ref:`sec-erratum`).
"""

# %%
# Run the article's experiment
# ----------------------------
# The same update as in runs A and B; only the learning rate has changed.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import xcos
from gdlib.plotting import COLORS, plot_curve, plot_iterates, use_book_style

use_book_style()
x0, lr, steps = -1.0, 1.000542, 20
traj = gdlib.run(gdlib.GD(lr=lr), xcos.article_grad, x0=x0, steps=steps)
print("iterates:", np.round(traj.xs, 3))

# %%
# Draw the run on the curve and against time
# ------------------------------------------
# On the curve the path is a tangle of long jumps; against time (right) it
# reads as a growing oscillation that breaks loose in the last few steps.
label = f"$x^{{(0)}} = {x0:g}$, $\\eta = {lr}$"
fig, (ax, ax_t) = plt.subplots(1, 2, figsize=(8.0, 3.6), width_ratios=[3, 2])
plot_curve(ax, xcos, box=(-1.0, 2.0))
plot_iterates(ax, xcos.value, traj.xs, color=COLORS[2], label=label)
ax.legend(loc="upper center")
ax.set_title("On the curve")
ax_t.plot(traj.xs, "o-", color=COLORS[2], ms=4.5, lw=1.2)
ax_t.axhline(xcos.minimizers[1], color="0.4", ls="--", lw=1.2, label="minimizer of $f$")
ax_t.set_ylim(-1.25, 1.75)  # the minimizer's line inside the frame, not on its edge
ax_t.set_xlabel("step $t$")
ax_t.set_ylabel("$x^{(t)}$")
ax_t.legend(loc="upper left")
ax_t.set_title("Against time")
fig.suptitle(f"Run C, $\\eta = {lr}$, {steps} steps")
plt.show()

# sphinx_gallery_alt_text_1 = "Run C, 20 steps of gradient descent with the article's derivative and learning rate 1.000542 from x0 = -1. Left, the curve f(x) = x cos(pi x) with green segments zigzagging between x = -1 and x = 0, then a few points moving right and a star at x = 1 near the bottom of the right valley. Right, the iterates against the step number alternate between -1 and 0 for about fifteen steps, then climb to 1."
