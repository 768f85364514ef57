"""
Chords of the running example: why x cos(πx) is not convex
===========================================================

A function is convex when every chord, the straight segment between two points
of its graph, lies on or above the graph. The book's running example
:math:`f(x) = x\\cos(\\pi x)` passes this test on some intervals and fails it on
others. We draw one chord of each kind, and shade the intervals where the
curvature :math:`f''` is negative: there, and only there, the curve bends down.
"""

# %%
# Where the curve bends down
# --------------------------
# The second derivative is :math:`f''(x) = -2\pi\sin(\pi x) - \pi^2 x\cos(\pi x)`
# (``xcos.hessian``). We find its roots on
# :math:`[-1, 2]` and print the sign of :math:`f''` between them.
import matplotlib.pyplot as plt
import numpy as np

from gdlib.functions import roots, xcos
from gdlib.plotting import COLORS, plot_curve, use_book_style

use_book_style()
lo, hi = -1.0, 2.0
edges = np.concatenate([[lo], roots(xcos.hessian, lo, hi), [hi]])
concave = []
for a, b in zip(edges[:-1], edges[1:], strict=True):
    sign = np.sign(xcos.hessian((a + b) / 2))
    print(f"[{a:+.4f}, {b:+.4f}]: f'' {'>' if sign > 0 else '<'} 0")
    if sign < 0:
        concave.append((a, b))

# %%
# Two chords
# ----------
# The first joins two points of the right valley, where :math:`f'' > 0`: it lies
# above the curve. The second joins the bottoms of the two valleys, the local
# minimum and the global one: it passes *below* the hill between them. At the
# point where the curve rises highest above it, the chord inequality
# :math:`f(\theta u + (1-\theta) u') \le \theta f(u) + (1-\theta) f(u')` fails by
# the gap printed here.
(x_loc, x_max, x_glob), _ = xcos.critical_points(lo, hi)
good = (0.8, 1.5)
bad = (x_loc, x_glob)


def chord(ends, x):
    (a, b), (fa, fb) = ends, xcos.value(np.array(ends))
    return fa + (fb - fa) * (x - a) / (b - a)


inside = np.linspace(*bad, 401)
excess = xcos.value(inside) - chord(bad, inside)
worst = inside[excess.argmax()]
print(f"largest excess of f over the chord: {excess.max():.4f} at x = {worst:.4f}")

fig, ax = plt.subplots(figsize=(7.0, 4.8))
for k, (a, b) in enumerate(concave):
    label = "$f'' < 0$" if k == 0 else None
    ax.axvspan(a, b, color="0.9", lw=0, label=label)
plot_curve(ax, xcos, box=(lo, hi), label=r"$f(x) = x\cos(\pi x)$")
for ends, color, style, name in ((good, COLORS[2], "-", "chord above the curve"),
                                 (bad, COLORS[1], "--", "chord below the hill")):
    x = np.linspace(*ends, 50)
    ax.plot(x, chord(ends, x), color=color, ls=style, lw=2.2, label=name)
    ax.plot(ends, xcos.value(np.array(ends)), "o", color=color, ms=7)
ax.annotate("", xy=(worst, xcos.value(worst)), xytext=(worst, chord(bad, worst)),
            arrowprops=dict(arrowstyle="<->", color=COLORS[1], lw=1.5))
ax.set_xlim(lo, hi)
ax.set_xlabel("$x$")
ax.set_ylabel("$f(x)$")
fig.legend(loc="outside lower center", ncols=2, fontsize=10)
plt.show()

# sphinx_gallery_alt_text_1 = "The curve x cos(pi x) from -1 to 2, with grey bands where it bends down. A green chord joins two points of the right valley and lies above the curve. A dashed orange chord joins the bottoms of the two valleys and passes below the hill between them; a double arrow marks the gap between the hilltop and the chord."
