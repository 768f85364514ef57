"""
Run A: a small learning rate descends smoothly
==============================================

The source article's first experiment: gradient descent on
:math:`f(x) = x\\cos(\\pi x)` from :math:`x^{(0)} = 0.5` with learning rate
:math:`\\eta = 0.1`, for 5 steps. We run it exactly as the article did, with
the article's derivative :meth:`~gdlib.functions.XCosPiX.article_grad`,
:math:`\\cos(\\pi x) - x\\sin(\\pi x)`. The iterates walk steadily downhill into
the right-hand valley, each step a little longer than the last. (That
derivative misses a factor :math:`\\pi`; the chapter's section
:ref:`sec-erratum` redoes every run with the true one.)
"""

# %%
# Run the article's experiment
# ----------------------------
# :func:`gdlib.run` records every iterate :math:`x^{(0)}, \dots, x^{(5)}` of the update
# :math:`x^{(t)} = x^{(t-1)} - \eta\, g_t`, where :math:`g_t` is the article's
# derivative evaluated at :math:`x^{(t-1)}`.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import xcos
from gdlib.plotting import COLORS, plot_curve, plot_iterates, use_book_style

use_book_style()
x0, lr, steps = 0.5, 0.1, 5
traj = gdlib.run(gdlib.GD(lr=lr), xcos.article_grad, x0=x0, steps=steps)
print("iterates:", np.round(traj.xs, 4))

# %%
# Draw the run on the curve and against time
# ------------------------------------------
# Left: the iterates on the curve of :math:`f` (hollow circle: start; star: end).
# Right: :math:`x^{(t)}` against the step :math:`t`, with the minimizer of
# :math:`f` in the right-hand valley as a dashed line.
label = f"$x^{{(0)}} = {x0}$, $\\eta = {lr}$"
fig, (ax, ax_t) = plt.subplots(1, 2, figsize=(8.0, 3.6), width_ratios=[3, 2])
plot_curve(ax, xcos, box=(-1.0, 2.0))
plot_iterates(ax, xcos.value, traj.xs, color=COLORS[1], label=label)
ax.legend(loc="upper center")
ax.set_title("On the curve")
ax_t.plot(traj.xs, "o-", color=COLORS[1], ms=4.5, lw=1.2)
ax_t.axhline(xcos.minimizers[1], color="0.4", ls="--", lw=1.2, label="minimizer of $f$")
ax_t.set_xlabel("step $t$")
ax_t.set_ylabel("$x^{(t)}$")
ax_t.legend(loc="lower right")
ax_t.set_title("Against time")
fig.suptitle(f"Run A, $\\eta = {lr}$, {steps} steps")
plt.show()

# sphinx_gallery_alt_text_1 = "Run A, five steps of gradient descent with the article's derivative and learning rate 0.1 from x0 = 0.5. Left, the curve f(x) = x cos(pi x) on [-1, 2] with six orange dots going down the right valley from x = 0.5 to about x = 0.96. Right, the same iterates against the step number, rising steadily towards a dashed line at the minimizer 1.09."
