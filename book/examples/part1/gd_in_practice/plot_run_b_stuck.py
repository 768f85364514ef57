"""
Run B: a small learning rate gets trapped
=========================================

The article's second experiment starts on the other side, at
:math:`x^{(0)} = -1`, with the same small rate :math:`\\eta = 0.1`, for 20 steps,
again with the article's derivative :math:`\\cos(\\pi x) - x\\sin(\\pi x)`. The
iterates slide into the left-hand valley and stop there: near the bottom of a
valley the slope is nearly zero, so the steps shrink to nothing, and the deeper
valley on the right is never found. Notice on the right panel that the run
settles a little to the left of the valley's true bottom; the chapter's section
:ref:`sec-erratum` explains why.
"""

# %%
# Run the article's experiment
# ----------------------------
# Twenty steps of :math:`x^{(t)} = x^{(t-1)} - \eta\, g_t`, with :math:`g_t` the
# article's derivative at :math:`x^{(t-1)}`.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import xcos
from gdlib.plotting import COLORS, plot_curve, plot_iterates, use_book_style

use_book_style()
x0, lr, steps = -1.0, 0.1, 20
traj = gdlib.run(gdlib.GD(lr=lr), xcos.article_grad, x0=x0, steps=steps)
print("last iterates:", np.round(traj.xs[-3:], 4))

# %%
# Draw the run on the curve and against time
# ------------------------------------------
# The steps shrink as the slope flattens. The dashed line on the right marks
# the bottom of the left valley, the local minimizer of :math:`f`.
label = f"$x^{{(0)}} = {x0:g}$, $\\eta = {lr}$"
fig, (ax, ax_t) = plt.subplots(1, 2, figsize=(8.0, 3.6), width_ratios=[3, 2])
plot_curve(ax, xcos, box=(-1.0, 2.0))
plot_iterates(ax, xcos.value, traj.xs, color=COLORS[0], label=label)
ax.legend(loc="upper center")
ax.set_title("On the curve")
ax_t.plot(traj.xs, "o-", color=COLORS[0], ms=4.5, lw=1.2)
ax_t.axhline(xcos.minimizers[0], color="0.4", ls="--", lw=1.2, label="local minimizer of $f$")
ax_t.set_xlabel("step $t$")
ax_t.set_ylabel("$x^{(t)}$")
ax_t.legend(loc="lower right")
ax_t.set_title("Against time")
fig.suptitle(f"Run B, $\\eta = {lr}$, {steps} steps")
plt.show()

# sphinx_gallery_alt_text_1 = "Run B, 20 steps of gradient descent with the article's derivative and learning rate 0.1 from x0 = -1. Left, the curve f(x) = x cos(pi x) with blue dots sliding from x = -1 into the left valley and bunching up near x = -0.38. Right, the iterates against the step number, levelling off at about -0.38, below a dashed line at -0.27 marking the local minimizer."
