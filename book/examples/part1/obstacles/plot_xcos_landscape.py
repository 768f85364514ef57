"""
The running example and its two valleys
=======================================

The book's running example is :math:`f(x) = x\\cos(\\pi x)` on the interval
:math:`[-1, 2]`. It has two valleys: a shallow one on the left, whose bottom is
a *local* minimum, and a deeper one on the right, whose bottom is the *global*
minimum on this interval. Between them sits a local maximum. We find all three
points numerically, as the roots of :math:`f'`, classify them by the sign of
:math:`f''`, and mark them on the curve.
"""

# %%
# Find and classify the critical points
# -------------------------------------
# :meth:`~gdlib.functions.XCosPiX.critical_points` brackets the roots of
# :math:`f'(x) = \cos(\pi x) - \pi x \sin(\pi x)` on a grid, refines them by
# bisection, and classifies each by the sign of :math:`f''` there.
import matplotlib.pyplot as plt
import numpy as np

from gdlib.functions import xcos
from gdlib.plotting import COLORS, plot_curve, use_book_style

use_book_style()
lo, hi = -1.0, 2.0
points, kinds = xcos.critical_points(lo, hi)
for x, kind in zip(points, kinds, strict=True):
    print(f"{kind} at x = {x:+.6f}: f(x) = {xcos.value(x):+.6f}, f''(x) = {xcos.hessian(x):+.4f}")

# %%
# Draw the curve and mark the critical points
# -------------------------------------------
# Minima are filled dots, maxima hollow ones. The global minimum on the interval
# is the lowest of the candidates: the interior minima and the two ends. Here
# it is the right valley's bottom, since both ends are higher, :math:`f(-1) = 1`
# and :math:`f(2) = 2`. On a wider interval an end can win (see the next
# example); the script marks it then with a square.
fig, ax = plt.subplots(figsize=(7.0, 5.0))
plot_curve(ax, xcos, box=(lo, hi), label=r"$f(x) = x\cos(\pi x)$")
minima = points[[kind == "min" for kind in kinds]]
candidates = np.concatenate([minima, [lo, hi]])
best = candidates[xcos.value(candidates).argmin()]
interval = f"$[{lo:g}, {hi:g}]$"
bottom = xcos.value(np.linspace(lo, hi, 400)).min() - 0.2
styles = {"min": dict(marker="o", ms=10), "max": dict(marker="o", ms=10, mfc="white", mew=2)}
names = {"min": "local minimum", "max": "local maximum"}
colors = {"min": COLORS[1], "max": COLORS[0], "global": COLORS[2]}
for x, kind in zip(points, kinds, strict=True):
    role = "global" if x == best else kind
    name = f"global minimum on {interval}" if x == best else names[kind]
    ax.plot(x, xcos.value(x), ls="none", color=colors[role], mec=colors[role], **styles[kind],
            label=f"{name}, $x \\approx {x:.4f}$")
    ax.vlines(x, bottom, xcos.value(x), color=colors[role], lw=1, ls=":")
if best not in points:  # the minimum is at an end of the interval
    ax.plot(best, xcos.value(best), "s", ms=10, color=colors["global"], clip_on=False,
            label=f"global minimum on {interval}: the end $x = {best:g}$")
ax.set_ylim(bottom, xcos.value(np.linspace(lo, hi, 400)).max() + 0.1)
ax.set_title(f"$f(x) = x\\cos(\\pi x)$ on {interval}")
fig.legend(loc="outside lower center", ncols=2, fontsize=9)
plt.show()

# sphinx_gallery_alt_text_1 = "The curve f(x) = x cos(pi x) on the interval from -1 to 2. It falls to a shallow valley near x = -0.27, rises to a small hill near x = 0.27, falls to a deep valley near x = 1.09 and rises steeply to f(2) = 2. The bottoms of both valleys are marked as filled dots and the hilltop as a hollow dot."
