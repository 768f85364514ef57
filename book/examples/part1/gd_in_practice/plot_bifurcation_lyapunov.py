"""
The article's map is chaotic near its lucky learning rate
=========================================================

With the article's derivative, one step of "gradient descent" is the map

.. math:: x \\mapsto \\Phi_\\eta(x) = x - \\eta\\,(\\cos(\\pi x) - x\\sin(\\pi x)).

Top: for 2000 learning rates :math:`\\eta` from 0.1 to 1.4, we run the map from
:math:`x^{(0)} = -1` for 600 steps, drop the first 500, and plot the last 100
iterates above their :math:`\\eta` (an *orbit diagram*). One dot per
:math:`\\eta` means the run converged to a fixed point; two, four, ... dots a
cycle; a smear, chaos. Bottom: the largest Lyapunov exponent of each orbit,

.. math:: \\chi(\\eta) \\approx \\frac{1}{n}\\sum_{t} \\log\\lvert \\Phi_\\eta'(x^{(t)})\\rvert, \\qquad
   \\Phi_\\eta'(x) = 1 + \\eta\\,((\\pi + 1)\\sin(\\pi x) + \\pi x\\cos(\\pi x)),

the average rate at which two nearby runs separate. Positive :math:`\\chi`
means chaos: the rates of runs C and D sit in the middle of a chaotic range.
"""

# %%
# All the orbits in one call
# --------------------------
# The derivative :math:`\Phi_\eta'` of the map, checked against finite differences
# first; then 2000 runs of 600 steps, one per learning rate, in one call.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import xcos
from gdlib.plotting import COLORS, use_book_style

use_book_style()


def map_slope(x, lr=0.7):
    """m'(x) = 1 - lr * (derivative of the article's expression)."""
    px = np.pi * x
    return 1 - lr * (-np.pi * np.sin(px) - np.sin(px) - px * np.cos(px))


def one_step(x, lr=0.7):
    """The map m(x) = x - lr * a(x), to check map_slope against finite differences."""
    return x - lr * xcos.article_grad(x)


print("m' passes the gradient check:", bool(gdlib.check_grad(one_step, map_slope, 0.3)))
rates = np.linspace(0.1, 1.4, 2000)
orbits = gdlib.run_many(gdlib.GD(lr=rates), xcos.article_grad, np.full(rates.size, -1.0), 600).xs
tail = orbits[-100:]
lyapunov = np.log(np.abs(map_slope(orbits[100:], rates))).mean(axis=0)

# %%
# Orbit diagram over the Lyapunov exponent
# ----------------------------------------
# A dashed vertical line marks runs C and D: their rates are 0.005 apart,
# too close to draw apart at this scale. Where :math:`\chi` dips below zero inside
# the chaotic range, a periodic window opens (a few dots again).
fig, (top, bottom) = plt.subplots(2, 1, figsize=(7.5, 7.2), sharex=True, height_ratios=[3, 2])
top.plot(np.broadcast_to(rates, tail.shape).ravel(), tail.ravel(), ",", color="0.1", alpha=0.35)
top.set_ylim(-2.0, 3.5)
top.set_ylabel("last 100 iterates $x^{(t)}$")
top.set_title("orbit diagram, $x^{(0)} = -1$")
bottom.plot(rates, lyapunov, lw=1.2, color=COLORS[0])
bottom.axhline(0, color="black", lw=1)
bottom.fill_between(rates, 0, lyapunov, where=lyapunov > 0, color=COLORS[1], alpha=0.3,
                    label="$\\chi > 0$: chaos")
bottom.set_ylim(-3, 3)
bottom.set_xlabel("learning rate $\\eta$")
bottom.set_ylabel("Lyapunov exponent $\\chi$")
for ax in (top, bottom):
    ax.axvline(1.000542, color=COLORS[2], lw=1.5, ls="--",
               label="runs C and D ($\\eta = 1.000542$, $1.0055$)")
bottom.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncols=2, fontsize=9)
plt.show()

# sphinx_gallery_alt_text_1 = "Top, an orbit diagram of the article's map for eta from 0.1 to 1.4, one curve up to about 0.47, splitting into two, then four branches, then dense grey clouds from about 0.72 on, with white periodic windows; one dashed vertical line marks runs C and D, which lie too close together near eta = 1 to be told apart. Bottom, the Lyapunov exponent against eta, negative with cusps touching zero at the period doublings, then mostly positive and shaded from about 0.72, with dips below zero at the windows."
