"""
The Newton step: to the vertex of the local parabola
=====================================================

Newton's method replaces :math:`f(x) = x\\cos(\\pi x)` near the iterate by its
second-order Taylor parabola and steps to the parabola's vertex. Where
:math:`f'' > 0` the vertex is a minimum and the step lands close to the
minimizer. Where :math:`f'' < 0` the parabola opens downwards, its vertex is a
maximum, and the step goes uphill.
"""

# %%
# The model at two points
# -----------------------
# The parabola :math:`f(x) + f'(x)\,h + \tfrac12 f''(x)\,h^2` at the iterate
# :math:`x`, and one step of ``gdlib.Newton`` from there.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import xcos
from gdlib.plotting import COLORS, plot_curve, use_book_style

use_book_style()
newton = gdlib.Newton(hessian=xcos.hessian, point_ndim=0)
fig, axes = plt.subplots(1, 2, figsize=(9.5, 4.4), sharey=True, layout="constrained")
for ax, x0 in zip(axes, (1.3, 0.5), strict=True):
    x1 = float(gdlib.run(newton, xcos.grad, x0, 1).final)
    h = np.linspace(-0.9, 0.9, 200)
    model = xcos.value(x0) + xcos.grad(x0) * h + 0.5 * xcos.hessian(x0) * h**2
    plot_curve(ax, xcos, label=r"$f(x) = x\cos(\pi x)$")
    ax.plot(x0 + h, model, "--", color=COLORS[0], label="model parabola at $x^{(0)}$")
    ax.plot([x0], [xcos.value(x0)], "o", color=COLORS[0], ms=8, label="iterate $x^{(0)}$")
    x1_model = xcos.value(x0) + xcos.grad(x0) * (x1 - x0) + 0.5 * xcos.hessian(x0) * (x1 - x0) ** 2
    ax.plot([x1], [x1_model], "D", color=COLORS[1], ms=8, label="vertex $x^{(1)}$")
    ax.axvline(x1, color=COLORS[1], lw=1, ls=":")
    # the sign of f'' says whether the vertex is a minimum (> 0) or a maximum (< 0)
    curvature = xcos.hessian(x0)
    ax.set_title(f"$x^{{(0)}} = {x0}$, $f'' = {curvature:.2f} {'>' if curvature > 0 else '<'} 0$, "
                 f"$x^{{(1)}} = {x1:.3f}$", fontsize=11)
    ax.set_xlabel("$x$")
    ax.set_ylim(-2.2, 1.8)
axes[0].set_ylabel("$f(x)$")
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncol=4, fontsize=10)
plt.show()

# sphinx_gallery_alt_text_1 = "Two panels, each with the curve x cos(pi x) and a dashed parabola touching it at one point. Left, at x = 1.3 the parabola opens upwards and its lowest point lies next to the minimum of the curve near 1.09. Right, at x = 0.5 the parabola opens downwards and its highest point, at 0.25, lies next to the local maximum of the curve near 0.27."
