"""
Where the article's run ends, for thousands of learning rates
=============================================================

Runs C and D differ only in the learning rate, by half a percent, yet one lands
near the deep valley's bottom and the other does not. How much luck was that?
Here the article's iteration :math:`x^{(t)} = x^{(t-1)} - \\eta\\,(\\cos(\\pi x^{(t-1)})
- x^{(t-1)}\\sin(\\pi x^{(t-1)}))` is run from :math:`x^{(0)} = -1` for 20 steps for
thousands of learning rates around :math:`\\eta = 1`, all at once, and the final
iterate :math:`x^{(20)}` is plotted against :math:`\\eta`. The outcome looks like
noise; only a zoom a thousand times closer shows that it is a
continuous, but wildly oscillating, function of :math:`\\eta`.
"""

# %%
# Thousands of runs in one call
# -----------------------------
# :func:`gdlib.run_many` advances all runs together; ``GD(lr=array)`` gives
# each run its own learning rate.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import xcos
from gdlib.plotting import COLORS, use_book_style

use_book_style()
lr_c, lr_d, steps = 1.000542, 1.0055, 20


def final_points(rates):
    runs = gdlib.run_many(gdlib.GD(lr=rates), xcos.article_grad, np.full(rates.size, -1.0), steps)
    return runs.final


wide = np.linspace(0.96, 1.04, 4001)
zoom = np.linspace(lr_c - 4e-5, lr_c + 4e-5, 2001)
x_wide, x_zoom = final_points(wide), final_points(zoom)
hit = np.abs(x_wide - xcos.minimizers[1]) < 0.05
print(f"{hit.mean():.1%} of the rates end within 0.05 of the minimizer")

# %%
# Plot the final iterate against the learning rate
# ------------------------------------------------
# Top: the whole window, one dot per run, with runs C and D marked and the
# minimizer of :math:`f` dashed (the few runs that end above 3.5 are off the
# top). Bottom: :math:`\pm 4 \times 10^{-5}` around run C's rate, one curve.
fig, (top, bottom) = plt.subplots(2, 1, figsize=(7.5, 6.4))
top.plot(wide, x_wide, ".", ms=1.5, color=COLORS[0], alpha=0.6)
bottom.plot((zoom - lr_c) * 1e6, x_zoom, "-", lw=1, color=COLORS[0])
x_c, x_d = final_points(np.array([lr_c, lr_d]))
for ax, at_c in ((top, lr_c), (bottom, 0.0)):
    ax.axhline(xcos.minimizers[1], color="0.3", ls="--", lw=1, label="minimizer of $f$")
    ax.plot(at_c, x_c, "*", ms=15, color=COLORS[2], mec="black", label=f"run C, $\\eta = {lr_c}$")
    ax.set_ylabel(f"$x^{{({steps})}}$")
top.plot(lr_d, x_d, "D", ms=8, color=COLORS[3], mec="black", label=f"run D, $\\eta = {lr_d}$")
top.set_ylim(-1.5, 3.5)
top.set_xlabel("learning rate $\\eta$")
fig.legend(*top.get_legend_handles_labels(), loc="outside upper center", ncols=3, fontsize=9)
top.set_title(f"article's map, $x^{{(0)}} = -1$, {wide.size} rates")
bottom.set_xlabel(f"$(\\eta - {lr_c}) \\times 10^6$")
bottom.set_title("zoom: $\\pm 4 \\times 10^{-5}$ around run C")
plt.show()

# sphinx_gallery_alt_text_1 = "Top, a cloud of 4001 dots, x_20 against eta from 0.96 to 1.04, spread between -1 and 2 with no visible pattern, run C marked with a star at 1.0 and run D with a diamond at 0.44. Bottom, a zoom to within 4e-5 of eta = 1.000542 where x_20 is a smooth wave ranging from -1 to 2.1; run C's star sits on a steep rising part of it, crossing the dashed minimizer line."
