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

from gdlib.functions import xcos
from gdlib.plotting import COLORS, plot_curve, use_book_style

use_book_style()
lo, hi = -1.0, 2.0
points, kinds = xcos.critical_points(lo, hi)
for x, kind in zip(points, kinds):
    print(f"{kind} at x = {x:+.6f}: f(x) = {xcos.value(x):+.6f}, f''(x) = {xcos.hessian(x):+.4f}")

# %%
# Draw the curve and mark the critical points
# -------------------------------------------
# Minima are filled dots, the maximum a hollow one. The lower minimum is the
# global minimum on :math:`[-1, 2]`: the curve is higher everywhere else,
# including at both ends, :math:`f(-1) = 1` and :math:`f(2) = 2`. On a wider
# interval this would fail (see the next example).
fig, ax = plt.subplots()
plot_curve(ax, xcos, box=(lo, hi), label=r"$f(x) = x\cos(\pi x)$")
minima = points[[kind == "min" for kind in kinds]]
best = minima[xcos.value(minima).argmin()]
styles = {"min": dict(marker="o", ms=10), "max": dict(marker="o", ms=10, mfc="white", mew=2)}
names = {"min": "local minimum", "max": "local maximum"}
for x, kind, color in zip(points, kinds, [COLORS[1], COLORS[0], COLORS[2]]):
    name = "global minimum on $[-1, 2]$" if x == best else names[kind]
    ax.plot(x, xcos.value(x), ls="none", color=color, mec=color, **styles[kind],
            label=f"{name}, $x \\approx {x:.4f}$")
    ax.vlines(x, -1.25, xcos.value(x), color=color, lw=1, ls=":")
ax.set_ylim(-1.25, 2.1)
ax.set_title(r"$f(x) = x\cos(\pi x)$ on $[-1, 2]$: two valleys and a hill between them")
ax.legend(loc="upper center")
plt.show()

# sphinx_gallery_alt_text_1 = "The curve f(x) = x cos(pi x) on the interval from -1 to 2. It falls to a shallow valley near x = -0.27, rises to a small hill near x = 0.27, falls to a deep valley near x = 1.09 and rises steeply to f(2) = 2. The bottoms of both valleys are marked as filled dots and the hilltop as a hollow dot."
