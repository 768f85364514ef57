"""
Why the running example lives on [-1, 2]
========================================

"Global minimum" only means something relative to a domain. On :math:`[-1, 2]`
the lowest point of :math:`f(x) = x\\cos(\\pi x)` is the bottom of the right
valley, near :math:`x = 1.09`. Widen the interval to :math:`[-2, 2]` and the
lowest value sits at the edge, :math:`f(-2) = -2`, which is no critical point
at all. On the whole real line there is no lowest value: the valleys get
deeper without end, because :math:`f(2k+1) = -(2k+1)` and :math:`f(-2k) = -2k`.
"""

# %%
# The candidates for the smallest value
# -------------------------------------
# On a closed interval the smallest value is at a critical point or at one of
# the two ends. On :math:`[-2, 2]` the interior minima are the roots of
# :math:`f'` with :math:`f'' > 0`, and the left end is lower than both. On the
# real line, since :math:`|\cos(\pi x)| \le 1`, the curve stays between the
# lines :math:`\pm x`; it touches :math:`-|x|` at the odd positive and the even
# negative integers.
import matplotlib.pyplot as plt
import numpy as np

from gdlib.functions import xcos
from gdlib.plotting import COLORS, plot_curve, use_book_style

use_book_style()
points, kinds = xcos.critical_points(-2.0, 2.0)
minima = points[[kind == "min" for kind in kinds]]
print("interior minima:", np.round(minima, 6), "values:", np.round(xcos.value(minima), 6))
print("value at the left end: f(-2) =", xcos.value(-2.0))
k = np.arange(-8, 9)
floor = k[(k != 0) & (xcos.value(k) == -np.abs(k))]
print("f(x) = -|x| at x =", floor)

# %%
# Draw both ranges
# ----------------
# Left, :math:`[-2, 2]`: the edge wins. Right, :math:`[-8, 8]`: every second
# valley touches the descending line, so the valleys sink without limit in
# both directions.
fig, (left, right) = plt.subplots(1, 2, figsize=(9, 5.0))
plot_curve(left, xcos, box=(-2.0, 2.0))
left.axvspan(-1.0, 2.0, color=COLORS[5], alpha=0.12, label="the book's interval $[-1, 2]$")
left.plot(minima, xcos.value(minima), "o", ms=9, color=COLORS[2], label="interior local minima")
left.plot(-2.0, xcos.value(-2.0), "s", ms=10, color=COLORS[1], clip_on=False,
          label="smallest value on $[-2, 2]$: $f(-2) = -2$")
left.set_title("$[-2, 2]$")
left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=9)
plot_curve(right, xcos, box=(-8.0, 8.0), n=1600)
ends = np.array([-8.0, 8.0])
right.plot(ends, ends, "--", color=COLORS[0], lw=1.2, label="$+x$")
right.plot(ends, -ends, "--", color=COLORS[3], lw=1.2, label="$-x$")
right.plot(floor, xcos.value(floor), "o", ms=6, color=COLORS[1],
           label=r"$f(x) = -|x|$ at $x = \dots, -4, -2, 1, 3, \dots$")
right.set_title(r"$[-8, 8]$")
right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=9)
fig.suptitle(r"$f(x) = x\cos(\pi x)$ on wider intervals")
plt.show()

# sphinx_gallery_alt_text_1 = "Two panels. Left, the curve x cos(pi x) on the interval from -2 to 2, with the sub-interval from -1 to 2 shaded, the two interior valley bottoms marked, and a square marker at the left end x = -2 where the curve reaches -2, below both valleys. Right, the curve on the interval from -8 to 8 oscillating between the dashed lines y = x and y = -x with growing amplitude, with dots where it touches y = -|x|."
