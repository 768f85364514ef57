"""
A flat point that is no minimum: x³ at 0
========================================

At :math:`x = 0` the cubic :math:`f(x) = x^3` has a horizontal tangent,
:math:`f'(0) = 0`, yet it is neither a minimum nor a maximum: the curve keeps
falling to the left. Its second derivative vanishes there too, so the
second-order test is silent. Gradient descent feels the flatness: coming from
the right it crawls towards 0 ever more slowly, and started just left of 0 it
takes many steps to get going before it runs away downhill.
"""

# %%
# Two runs of gradient descent
# ----------------------------
# Both use :math:`\eta = 0.1`, one from :math:`x^{(0)} = 1` and one from
# :math:`x^{(0)} = -0.1`, run together with :func:`gdlib.run_many`.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import cubic
from gdlib.plotting import COLORS, plot_curve, plot_iterates, use_book_style

use_book_style()
lr, steps = 0.1, 30
x0 = np.array([1.0, -0.1])
runs = gdlib.run_many(gdlib.GD(lr=lr), cubic.grad, x0, steps)
print("after", steps, "steps:", runs.final)

# %%
# The curve with its flat point, and the iterates over time
# ---------------------------------------------------------
# Left: the iterates on the curve; the dotted line is the horizontal tangent
# at 0. Right: :math:`x^{(t)}` against the step :math:`t`. Both runs spend most of
# their steps near the flat point.
fig, (left, right) = plt.subplots(1, 2, figsize=(9, 4.0))
plot_curve(left, cubic, box=(-1.0, 1.1), label="$f(x) = x^3$")
left.axhline(0.0, color="0.4", lw=1, ls=":", label="tangent at $x = 0$: $f'(0) = 0$")
for i, color in zip(range(len(x0)), COLORS[1 : len(x0) + 1], strict=True):
    label = f"$x^{{(0)}} = {x0[i]:g}$, $\\eta = {lr:g}$"
    plot_iterates(left, cubic, runs.xs[:, i], color=color, label=label)
    right.plot(np.arange(steps + 1), runs.xs[:, i], "-o", ms=3.5, color=color, label=label)
left.plot(0.0, 0.0, "o", ms=10, mfc="white", mec="black", mew=2, label="flat point $x = 0$")
left.set_title("$f(x) = x^3$")
left.legend(loc="upper left", fontsize=9)
right.axhline(0.0, color="0.4", lw=1, ls=":")
right.set_xlabel("step $t$")
right.set_ylabel("$x^{(t)}$")
right.set_title(r"$x^{(t)}$, $\eta = 0.1$")
right.legend(loc="lower left", fontsize=9)
plt.show()

# sphinx_gallery_alt_text_1 = "Two panels. Left, the curve x cubed with a dotted horizontal tangent at the origin and the iterates of two gradient-descent runs; the run from x0 = 1 bunches up just right of 0, the run from x0 = -0.1 creeps left and then speeds down the curve. Right, the iterates plotted against the step number; one curve decays slowly towards 0, the other stays near -0.1 for about 15 steps and then drops steeply."
