"""
Where true gradient descent ends, for every start and every rate
================================================================

A basin map: gradient descent with the *true* derivative
:math:`f'(x) = \\cos(\\pi x) - \\pi x\\sin(\\pi x)` of :math:`f(x) = x\\cos(\\pi x)`
is run for 100 steps from 400 starting points :math:`x^{(0)} \\in [-1, 2]` and 300
learning rates :math:`\\eta \\in (0, 0.7]`, 120 000 runs in one vectorized call,
and each pixel is coloured by where its run ends. Below the line
:math:`\\eta = 2/f''(x^\\star)` of a minimizer :math:`x^\\star`, that minimizer
attracts every start in its valley; above it, the minimizer repels, and the runs
that would have gone there bounce around or escape.
"""

# %%
# 120 000 runs at once
# --------------------
# ``x0`` and ``lr`` are flattened grids: run :math:`i` starts at ``x0[i]`` with
# rate ``lr[i]``. A run "ends at" a minimizer if its last 10 iterates are all
# within 0.01 of it (a chaotic run may pass close to it for a step or two).
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.patches import Patch

import gdlib
from gdlib.functions import xcos
from gdlib.plotting import COLORS, use_book_style

use_book_style()
starts, rates = np.linspace(-1.0, 2.0, 400), np.linspace(0.7 / 300, 0.7, 300)
X0, LR = np.meshgrid(starts, rates)
runs = gdlib.run_many(gdlib.GD(lr=LR.ravel()), xcos.grad, X0.ravel(), 100)
final, farthest = runs.final, np.nanmax(np.abs(runs.xs), axis=0)
last = runs.xs[-10:]
local, best = xcos.minimizers  # -0.2739 and 1.0904
outcome = np.full(final.shape, 2)  # still moving inside the box
outcome[np.all(np.abs(last - local) < 0.01, axis=0)] = 0
outcome[np.all(np.abs(last - best) < 0.01, axis=0)] = 1
outcome[(outcome == 2) & ((final < -1) | (final > 2))] = 3
outcome[runs.stopped | (farthest > 100)] = 4
print("share of each outcome:", np.round(np.bincount(outcome, minlength=5) / outcome.size, 3))

# %%
# Draw the map
# ------------
# The black lines are the stability limits :math:`\eta = 2/f''(x^\star)` of the
# two minimizers; the markers are the article's runs A and B.
names = [f"local minimizer $x \\approx {local:.4f}$", f"global minimizer $x \\approx {best:.4f}$",
         "still moving in $[-1, 2]$", "ends outside $[-1, 2]$",
         "escapes: $|x^{(t)}| > 100$"]
colors = [COLORS[0], COLORS[4], "0.82", COLORS[3], "0.15"]
fig, ax = plt.subplots(figsize=(7.5, 5.6))
ax.pcolormesh(starts, rates, outcome.reshape(LR.shape), cmap=ListedColormap(colors),
              norm=BoundaryNorm(np.arange(-0.5, 5), 5), rasterized=True)
for x_star, ls in ((local, "--"), (best, "-")):
    limit = 2 / xcos.hessian(x_star)
    ax.axhline(limit, color="black", ls=ls, lw=1.8)
    ax.text(1.97, limit + 0.008, f"$\\eta = 2/f''({x_star:.3f}) = {limit:.3f}$", ha="right",
            va="bottom", fontsize=10, bbox=dict(fc="white", ec="none", alpha=0.85, pad=1.5))
ax.plot([0.5, -1.0], [0.1, 0.1], "o", ms=8, mfc="white", mec="black", clip_on=False)
for name, x0 in (("run A", 0.5), ("run B", -1.0)):
    ax.annotate(name, (x0, 0.1), xytext=(7, 4), textcoords="offset points", fontsize=10,
                bbox=dict(fc="white", ec="none", alpha=0.85, pad=1.5))
ax.grid(False)
ax.set_xlabel("starting point $x^{(0)}$")
ax.set_ylabel("learning rate $\\eta$")
ax.set_title("$f(x) = x\\cos(\\pi x)$, 100 steps")
fig.legend(handles=[Patch(color=c, label=n) for c, n in zip(colors, names, strict=True)],
           loc="outside lower center", ncols=2, fontsize=9)
plt.show()

# sphinx_gallery_alt_text_1 = "A map with the starting point x0 from -1 to 2 on the horizontal axis and the learning rate eta from 0 to 0.7 on the vertical. Below eta = 0.165 the left part (x0 below 0.27) is blue (local minimizer) and the right part orange (global minimizer). Between 0.165 and 0.306 the left part stays blue and the right part is grey (still moving), with a blue band near 0.3. Above 0.306 everything is grey, and above about 0.53 mostly black (escaped) with pink specks (ended outside the interval). Runs A and B are marked at eta = 0.1."
