"""
How each variant's step answers a change in the gradient's scale
================================================================

Adam and its variants differ in what they divide the first moment by, and the
difference shows when the gradient's size changes. This example feeds every
optimizer the same gradient of one coordinate: 1 for 200 steps, then 10 for 100
steps, then 1 again, and plots the step it takes, in units of the learning
rate. Every optimizer uses its default :math:`\\beta_1, \\beta_2, \\epsilon`.
"""

import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.plotting import COLORS, OPTIMIZER_LOOKS, use_book_style

use_book_style()

# %%
# The gradient does not depend on :math:`x`: it is read from a list, one value per step.
T = 1000
t = np.arange(1, T + 1)
g = np.where((t > 200) & (t <= 300), 10.0, 1.0)
lr = 1e-3


def steps(optimizer):
    """|x^(t) - x^(t-1)| / eta for the gradient sequence g."""
    values = iter(g)
    xs = gdlib.run(optimizer, lambda x: next(values), 0.0, T).xs
    return np.abs(np.diff(xs)) / lr


LOOKS = {"Adam": OPTIMIZER_LOOKS["Adam"][:2], "AMSGrad": (COLORS[1], "--"),
         "AdaMax": (COLORS[2], "-"), "Yogi": (COLORS[0], "-."), "NAdam": (COLORS[4], ":"),
         "Lion": ("black", "-")}
result = {name: steps(getattr(gdlib, name)(lr)) for name in LOOKS}

# %%
# Two panels, so that no curve hides another: Adam and the two methods that
# change its denominator's memory (AMSGrad, AdaMax) on the left; Yogi, NAdam and
# Lion, with Adam again for reference, on the right.
fig, axes = plt.subplots(1, 2, figsize=(9.5, 4.0), sharey=True)
for ax, names in zip(axes, (("Adam", "AMSGrad", "AdaMax"), ("Adam", "Yogi", "NAdam", "Lion")),
                     strict=True):
    ax.axvspan(200, 300, color="0.92", lw=0, label="gradient 10")
    for name in names:
        color, style = LOOKS[name]
        ax.plot(t, result[name], color=color, ls=style, label=name,
                lw=4.5 if name == "Adam" else 2.0, zorder=1.8 if name == "Adam" else 2)
    ax.set(yscale="log", xlabel="step $t$")
    ax.legend(loc="upper right", ncols=2, fontsize=9)
axes[0].set(ylabel=r"step $|\Delta x^{(t)}| / \eta$", ylim=(0.05, 60))
plt.show()

# sphinx_gallery_alt_text_1 = "Two panels of the step divided by the learning rate over 1000 steps, log scale, with steps 200 to 300 shaded where the gradient is 10 instead of 1. Left: Adam's step is 1, rises to about 3 in the shaded band and falls to about 0.2 after it, recovering slowly; AMSGrad's falls the same way and recovers more slowly still; AdaMax's dips to 0.2 when the gradient jumps, returns to 1 and falls to 0.1 after the band, recovering slowly. Right: Yogi's step starts near 3, rises to about 6 and falls slowly, jumps back to about 6 in the band and falls to about 0.3 after it; NAdam follows Adam but jumps higher at the start of the band; Lion's step is exactly 1 throughout."
