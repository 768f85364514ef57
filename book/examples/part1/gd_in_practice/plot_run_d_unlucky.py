"""
Run D: a slightly larger rate, and no landing
=============================================

The article's last experiment changes run C's learning rate by half a percent,
to :math:`\\eta = 1.0055`, and keeps everything else: :math:`x^{(0)} = -1`, 20
steps, the article's derivative :math:`\\cos(\\pi x) - x\\sin(\\pi x)`. The
oscillation grows faster, the iterates are thrown around both valleys, and the
20th lands far from the bottom of either. A large learning rate moves fast, but
where it ends is not under control. The chapter's section :ref:`sec-erratum`
shows how sensitive this outcome is to :math:`\\eta`.
"""

# %%
# Run the article's experiment
# ----------------------------
# Run C with :math:`\eta = 1.0055` instead of :math:`1.000542`.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import xcos
from gdlib.plotting import COLORS, plot_curve, plot_iterates, use_book_style

use_book_style()
x0, lr, steps = -1.0, 1.0055, 20
traj = gdlib.run(gdlib.GD(lr=lr), xcos.article_grad, x0=x0, steps=steps)
print("iterates:", np.round(traj.xs, 3))

# %%
# Draw the run on the curve and against time
# ------------------------------------------
# The oscillation breaks loose about six steps earlier than in run C; after
# that the iterates wander over the whole interval.
label = f"$x^{{(0)}} = {x0:g}$, $\\eta = {lr}$"
fig, (ax, ax_t) = plt.subplots(1, 2, figsize=(8.0, 3.6), width_ratios=[3, 2])
plot_curve(ax, xcos, box=(-1.0, 2.1))
plot_iterates(ax, xcos.value, traj.xs, color=COLORS[3], label=label)
ax.legend(loc="upper center")
ax.set_title("On the curve")
ax_t.plot(traj.xs, "o-", color=COLORS[3], ms=4.5, lw=1.2)
ax_t.axhline(xcos.minimizers[1], color="0.4", ls="--", lw=1.2, label="minimizer of $f$")
ax_t.set_xlabel("step $t$")
ax_t.set_ylabel("$x^{(t)}$")
ax_t.legend(loc="upper left")
ax_t.set_title("Against time")
fig.suptitle(f"Run D, $\\eta = {lr}$, {steps} steps")
plt.show()

# sphinx_gallery_alt_text_1 = "Run D, 20 steps of gradient descent with the article's derivative and learning rate 1.0055 from x0 = -1. Left, the curve f(x) = x cos(pi x) with pink segments crossing the whole interval many times, ending with a star at x = 0.44 near the hilltop between the valleys. Right, the iterates alternate between -1 and 0 for about ten steps, then wander between -0.7 and 2."
