"""
A learning-rate explorer
========================

Scrub the slider under the animation to change the learning rate :math:`\\eta`
of gradient descent on :math:`f(x) = x\\cos(\\pi x)`, with the true derivative,
from :math:`x^{(0)} = 0.5` (run A's start) for 50 steps. Each frame is one rate, from
0.02 to 0.32. Watch the regimes go by: below :math:`1/f''(x^\\star)` the iterates
creep monotonically towards the minimizer :math:`x^\\star`; between
:math:`1/f''(x^\\star)` and :math:`2/f''(x^\\star)` they overshoot and zigzag in;
above :math:`2/f''(x^\\star)` they no longer converge to :math:`x^\\star` but bounce
around it, and from a rate near 0.28 on they cross the hill into the other valley. The title names where each
run ends up in the long run, after 3000 steps: a cycle and its period, chaos, or the
left valley.
"""

# %%
# Forty runs, one per frame
# -------------------------
# One :func:`gdlib.run_many` call with one learning rate per run, for the 50 steps the
# animation shows and on to 3000, where each run has settled on its long-run behaviour.
# A run has period :math:`p` if its last 128 iterates repeat every :math:`p` steps; it is
# chaotic if it has no period up to 64 and nearby orbits separate: its Lyapunov exponent,
# the mean of :math:`\log|1 - \eta f''(x^{(t)})|` over the last 1000 steps, is positive.
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.animation import FuncAnimation

import gdlib
from gdlib.functions import xcos
from gdlib.plotting import COLORS, plot_curve, use_book_style

use_book_style()
rates, x0, steps = np.linspace(0.02, 0.32, 40), 0.5, 50
long = gdlib.run_many(gdlib.GD(lr=rates), xcos.grad, np.full(rates.size, x0), 3000).xs
runs = long[: steps + 1]
x_star = xcos.minimizers[1]
curvature = xcos.hessian(x_star)  # f''(x*), about 12.09
hilltop = xcos.critical_points(-1.0, 2.0)[0][1]  # the maximizer 0.2739 between the valleys

tail = long[-128:]
period = np.zeros(rates.size, dtype=int)
for p in range(64, 0, -1):  # the smallest period wins
    period[np.all(np.abs(tail[p:] - tail[:-p]) < 1e-9, axis=0)] = p
chi = np.log(np.abs(1 - rates * xcos.hessian(long[-1000:]))).mean(axis=0)
left = np.all(long[-100:] < hilltop, axis=0)  # ends in the left valley
crossing = np.argmax(long < hilltop, axis=0)  # the step at which it crosses the hilltop
# What the description below says: every run that ends in the left valley has crossed
# within the 50 steps shown, and those are exactly the rates above 0.28.
assert np.all(crossing[left] <= steps) and np.array_equal(left, rates > 0.28)
assert np.all((period > 0) | (chi > 0) | left)  # each run is periodic, chaotic or left

# %%
# Animate: the run on the curve (top) and against time (bottom)
# -------------------------------------------------------------
# The title gives the rate and where the run ends up; the dashed lines mark both minimizers.
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


def regime(k):
    if rates[k] < 1 / curvature:
        return "monotone approach"
    if rates[k] < 2 / curvature:
        return "zigzag, converges"
    if left[k]:
        return f"left valley from $t = {crossing[k]}$"
    return f"period {period[k]}" if period[k] else "chaotic"


def draw(k):
    xs = runs[:, k]
    path.set_data(xs, xcos.value(xs))
    end.set_data(xs[-1:], xcos.value(xs[-1:]))
    series.set_data(np.arange(len(xs)), xs)
    title.set_text(f"$\\eta = {rates[k]:.3f}$: {regime(k)}")
    return path, end, series, title


draw(len(rates) - 1)
anim = FuncAnimation(fig, draw, frames=len(rates), interval=400)
fig.canvas.draw()  # lays the figure out (on the last frame) and starts the animation
fig.set_layout_engine("none")  # keep that layout: none is computed per frame
plt.show()

# sphinx_gallery_alt_text_1 = "Animation in 40 frames, one per learning rate from 0.02 to 0.32, of 50 steps of gradient descent with the true derivative on f(x) = x cos(pi x) from x0 = 0.5. Top, the curve with the run's iterates joined by lines and a star at the last one; bottom, the iterates against the step number, with dashed lines at both minimizers; the title gives the rate and where the run ends up after 3000 steps. Up to a rate of about 0.08 the iterates creep monotonically to the minimizer 1.09; up to 0.165 they overshoot and zigzag in to it. From 0.166 to 0.274 they keep bouncing around the right valley, and the title names the period of the cycle they settle on or says that the orbit is chaotic. From 0.282 on every run crosses the hill into the left valley, near -0.3, at a step between 6 and 42 that the title gives."

# %%
# The same regimes as still figures
# ---------------------------------
# The same regimes on a quadratic, one learning rate per panel, are :numref:`fig-quadratic-regimes`;
# where gradient descent on :math:`x\cos(\pi x)` ends after 100 steps, for every rate and
# every start (the explorer's runs are its column :math:`x^{(0)} = 0.5`), is :numref:`fig-basin`.
