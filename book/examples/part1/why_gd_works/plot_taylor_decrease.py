"""
A step against the slope: the loss and its first-order model
============================================================

Take one gradient-descent step of size :math:`\\eta` from :math:`x = 0.5` on
:math:`f(x) = x\\cos(\\pi x)` and record the new loss
:math:`f(x - \\eta f'(x))` as a function of :math:`\\eta`. Taylor's theorem
says that, for small :math:`\\eta`, it follows the straight line
:math:`f(x) - \\eta f'(x)^2`. The figure shows how close the two are near
:math:`\\eta = 0`, where they part ways, and that a step that is too long
makes the loss go back up.
"""

# %%
# The loss after one step, for every step size
# --------------------------------------------
# ``x - eta * f'(x)`` for a whole array of ``eta`` is one vectorized line.
import matplotlib.pyplot as plt
import numpy as np

from gdlib.functions import xcos
from gdlib.plotting import COLORS, use_book_style

use_book_style()
x, slope = 0.5, xcos.grad(0.5)
eta = np.linspace(0.0, 0.8, 401)
after = xcos.value(x - eta * slope)
model = xcos.value(x) - eta * slope**2
best = eta[after.argmin()]
back_up = eta[1:][after[1:] >= xcos.value(x)].min()
print(f"f'(0.5) = {slope:.4f}; best step eta = {best:.3f}; no decrease from eta = {back_up:.3f}")

# %%
# Compare them
# ------------
# The shaded band marks the step sizes that lower the loss at all. The
# first-order model promises more decrease for every larger step; the true
# loss bottoms out where the step lands in the valley at :math:`x \approx 1.09`.
fig, ax = plt.subplots(figsize=(7.0, 5.2))
ax.axvspan(0.0, back_up, color=COLORS[5], alpha=0.12, label=r"$f(x - \eta f'(x)) < f(x)$")
ax.plot(eta, model, "--", color=COLORS[0], label=r"first-order model $f(x) - \eta f'(x)^2$")
ax.plot(eta, after, color=COLORS[1], label=r"true loss $f(x - \eta f'(x))$")
ax.axhline(xcos.value(x), color="0.4", lw=1, ls=":", label="$f(x)$, before the step")
ax.plot(best, after.min(), "o", ms=8, color=COLORS[1])
ax.annotate(f"best step, $\\eta \\approx {best:.3f}$", (best, after.min()),
            xytext=(0.05, -1.22), arrowprops=dict(arrowstyle="->"))
ax.set_ylim(-1.35, 0.5)
ax.set_xlim(0.0, 0.8)
ax.set_xlabel(r"learning rate $\eta$")
ax.set_ylabel("loss after one step")
ax.set_title(rf"$x = {x:g}$, $f(x) = x\cos(\pi x)$, $f'(x) = {slope:.3f}$")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncols=2, fontsize=9)
plt.show()

# sphinx_gallery_alt_text_1 = "Loss after one gradient step from x = 0.5 plotted against the learning rate eta from 0 to 0.8. A dashed straight line, the first-order model, falls steadily. The true loss follows it near eta = 0, dips slightly below it, reaches a minimum of about -1.05 near eta = 0.376, then rises and crosses the starting loss near eta = 0.637. A shaded band marks the learning rates that lower the loss."
