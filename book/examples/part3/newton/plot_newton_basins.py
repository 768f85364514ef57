"""
Where Newton's method lands, start by start
===========================================

From 601 evenly spaced starts on :math:`[-1, 2]`, four methods run on
:math:`f(x) = x\\cos(\\pi x)`: gradient descent, Newton's method, damped Newton
(:math:`\\eta = 1/2`) and Newton's method with a backtracking line search
(``gdlib.Backtracking`` with ``hessian``). Each start is coloured by where its
run ends: at one of the two minima inside :math:`[-1, 2]`, at the maximum
inside it, at a maximum or a minimum outside it, or nowhere. Newton's method and
its damped version end at maxima from large parts of the interval; the line
search never does.
"""

# %%
# The runs, all starts at once
# ----------------------------
# ``gdlib.run_many`` with ``point_ndim=0`` treats every number of the array of
# starts as its own run. A run has *settled* at a critical point when its last
# step moved less than :math:`10^{-9}` and :math:`|f'| < 10^{-8}` there; the
# sign of :math:`f''` says whether it is a minimum or a maximum.
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

import gdlib
from gdlib.functions import xcos
from gdlib.plotting import COLORS, plot_curve, use_book_style

use_book_style()
starts = np.linspace(-1.0, 2.0, 601)
methods = {
    r"gradient descent, $\eta = 0.1$": (gdlib.GD(0.1), 300),
    "Newton": (gdlib.Newton(hessian=xcos.hessian, point_ndim=0), 40),
    r"damped Newton, $\eta = 1/2$": (gdlib.Newton(0.5, hessian=xcos.hessian, point_ndim=0), 60),
    "Newton with line search": (
        gdlib.Backtracking(loss=xcos.value, hessian=xcos.hessian, point_ndim=0), 40),
}
(x_left, x_right) = xcos.minimizers  # the minima near -0.27 and 1.09 in [-1, 2]
x_top = xcos.critical_points()[0][1]  # the maximum near 0.27, the only one in [-1, 2]


def destination(optimizer, steps):
    """0, 1: the left or right minimum of [-1, 2]; 2: the maximum of [-1, 2];
    3: a maximum outside [-1, 2]; 4: a minimum outside it; 5: none."""
    runs = gdlib.run_many(optimizer, xcos.grad, starts, steps)
    end, before = runs.xs[-1], runs.xs[-2]
    with np.errstate(invalid="ignore"):
        settled = ~runs.stopped & (np.abs(end - before) < 1e-9) & (np.abs(xcos.grad(end)) < 1e-8)
        is_min = xcos.hessian(end) > 0
    inside = (end >= -1) & (end <= 2)
    code = np.full(starts.shape, 5)
    code[settled & ~is_min & inside] = 2
    code[settled & ~is_min & ~inside] = 3
    code[settled & is_min & ~inside] = 4
    code[settled & (np.abs(end - x_left) < 1e-6)] = 0
    code[settled & (np.abs(end - x_right) < 1e-6)] = 1
    return code


codes = np.array([destination(*spec) for spec in methods.values()])

# %%
# The landscape and the four strips
# ---------------------------------
names = [f"minimum near {x_left:.2f}", f"minimum near {x_right:.2f}",
         f"maximum near {x_top:.2f}", "a maximum outside [-1, 2]",
         "a minimum outside [-1, 2]", "did not settle"]
colors = [COLORS[0], COLORS[2], "#CC3311", COLORS[3], "#BBBBBB", "#000000"]
fig, (top, bottom) = plt.subplots(2, 1, figsize=(9.0, 6.0), sharex=True, layout="constrained",
                                  height_ratios=[1.2, 1.0])
plot_curve(top, xcos)
top.set_xlabel("")
points, kinds = xcos.critical_points()
for point, kind in zip(points, kinds, strict=True):
    top.plot(point, xcos.value(point), "o" if kind == "min" else "^", ms=8,
             color=colors[0 if point < 0 and kind == "min" else 1 if kind == "min" else 2])
top.set_ylabel("$f(x)$")
top.set_title(r"$f(x) = x\cos(\pi x)$")
bottom.imshow(codes, aspect="auto", cmap=ListedColormap(colors), vmin=-0.5, vmax=5.5,
              extent=(starts[0], starts[-1], len(methods) - 0.5, -0.5), interpolation="nearest")
bottom.set_yticks(range(len(methods)), list(methods))
bottom.grid(False)
bottom.set_xlabel("starting point $x^{(0)}$")
bottom.set_title("end point")
handles = [plt.Rectangle((0, 0), 1, 1, color=color) for color in colors]
fig.legend(handles, names, loc="outside lower center", ncol=3, fontsize=10)
plt.show()

# sphinx_gallery_alt_text_1 = "Top, the curve x cos(pi x) on the interval from -1 to 2 with its two minima and its maximum marked. Below, four horizontal colour strips, one per method, coloured by where a run from each starting point ends. The gradient-descent strip has only the two colours of the two minima. The Newton and damped Newton strips are broken into many pieces: large red parts for the maximum inside the interval, pink parts for maxima outside it, grey parts for minima outside it. The strip of Newton's method with a line search has no red and no pink, only minima."
