"""
A learning-rate explorer
========================

Scrub the slider under the animation to change the learning rate :math:`\\eta`
of gradient descent on :math:`f(x) = x\\cos(\\pi x)`, with the true derivative,
from :math:`x^{(0)} = 0.5` (run A's start) for 25 steps. Each frame is one rate, from
0.02 to 0.32. Watch the regimes go by: below :math:`1/f''(x^\\star)` the iterates
creep monotonically towards the minimizer :math:`x^\\star`; between
:math:`1/f''(x^\\star)` and :math:`2/f''(x^\\star)` they overshoot and zigzag in;
above :math:`2/f''(x^\\star)` they never settle, and near the top of the range
they are thrown into the other valley.
"""

# %%
# Forty runs, one per frame
# -------------------------
# One :func:`gdlib.run_many` call with one learning rate per run.
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.animation import FuncAnimation

import gdlib
from gdlib.functions import xcos
from gdlib.plotting import COLORS, plot_curve, use_book_style

use_book_style()
rates, x0, steps = np.linspace(0.02, 0.32, 40), 0.5, 25
runs = gdlib.run_many(gdlib.GD(lr=rates), xcos.grad, np.full(rates.size, x0), steps)
x_star = xcos.minimizers[1]
curvature = xcos.hessian(x_star)  # f''(x*), about 12.09

# %%
# Animate: the run on the curve (top) and against time (bottom)
# -------------------------------------------------------------
# The title gives the rate and its regime; the dashed lines mark both minimizers.
# The frames are saved at 80 dpi so that the page stays light.
plt.rcParams["savefig.dpi"] = 80
fig, (ax, ax_t) = plt.subplots(2, 1, figsize=(6.4, 4.8), height_ratios=[3, 2])
plot_curve(ax, xcos, box=(-1.0, 2.0))
(path,) = ax.plot([], [], "-o", color=COLORS[1], lw=1.0, ms=4, alpha=0.85)
(end,) = ax.plot([], [], "*", ms=14, color=COLORS[1], mec="black", mew=0.6)
ax.plot(x0, xcos.value(x0), "o", ms=10, mfc="none", mec=COLORS[1], mew=2)
(series,) = ax_t.plot([], [], "o-", color=COLORS[1], ms=3.5, lw=1.2)
for m in xcos.minimizers:
    ax_t.axhline(m, color="0.4", ls="--", lw=1)
ax_t.set(xlim=(0, steps), ylim=(-1.0, 2.0), xlabel="step $t$", ylabel="$x^{(t)}$")
title = ax.set_title("")


def regime(lr):
    if lr < 1 / curvature:
        return "monotone approach"
    return "zigzag, converges" if lr < 2 / curvature else "no convergence to $x^\\star$"


def draw(k):
    xs = runs[k].xs
    path.set_data(xs, xcos.value(xs))
    end.set_data(xs[-1:], xcos.value(xs[-1:]))
    series.set_data(np.arange(len(xs)), xs)
    title.set_text(f"$\\eta = {rates[k]:.3f}$: {regime(rates[k])}")
    return path, end, series, title


draw(len(rates) - 1)
anim = FuncAnimation(fig, draw, frames=len(rates), interval=400)
fig.canvas.draw()  # lays the figure out (on the last frame) and starts the animation
fig.set_layout_engine("none")  # keep that layout: none is computed per frame
plt.show()

# sphinx_gallery_alt_text_1 = "Animation in 40 frames, one per learning rate from 0.02 to 0.32, of 25 steps of gradient descent with the true derivative on f(x) = x cos(pi x) from x0 = 0.5. Top, the curve with the run's iterates joined by lines and a star at the last one; bottom, the iterates against the step number, with dashed lines at both minimizers; the title gives the rate and its regime. Up to a rate of about 0.08 the iterates creep monotonically to the minimizer 1.09; up to 0.165 they overshoot and zigzag in to it; above 0.165 they keep bouncing around the right valley without settling, and from about 0.29 on some runs are thrown over the hill into the left valley, near -0.3. The same regimes are drawn as still figures in the chapters Why gradient descent works (gradient descent on a quadratic at four rates) and Gradient descent in practice (where gradient descent ends after 100 steps, for every rate and start)."

# %%
# The same regimes as still figures
# ---------------------------------
# The same regimes on a quadratic, one learning rate per panel, are :numref:`fig-quadratic-regimes`;
# where gradient descent on :math:`x\cos(\pi x)` ends after 100 steps, for every rate and
# every start (the explorer's runs are its column :math:`x^{(0)} = 0.5`), is :numref:`fig-basin`.
