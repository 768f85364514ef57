"""
The race on randomly rotated quadratics
=======================================

Chapter 9's race on :math:`f(x) = 0.1x_1^2 + 2x_2^2`, repeated on 40 copies of the
function turned by random angles, the start :math:`x^{(0)} = (-5, -2)` turned with it.
Every method gets its best learning rate for every angle, chosen as in chapter 9.
GD and momentum take the same number of steps at every angle. AdaGrad, a handful of
steps when the valley lies along an axis, needs more than ten times as many when it
lies along a diagonal. Adam hardly changes: its momentum, not its scaling, limits it
here. (RMSProp, which never settles at a constant rate, is left out.)
"""

# %%
# All rates and all angles in one vectorized run per method
# ---------------------------------------------------------
# A run of :func:`gdlib.run_many` holds one learning rate and every angle: its
# iterate has shape (angles, 2). The rate that keeps :math:`f - f^\star \le 10^{-6}`
# from the earliest step wins, the rule of :func:`gdlib.tune_lr`.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import quadratic
from gdlib.plotting import OPTIMIZER_LOOKS, use_book_style

use_book_style()
X0 = np.array([-5.0, -2.0])
RATES, STEPS, TOL = np.geomspace(1e-4, 10, 41), 1000, 1e-6
angles = np.concatenate([[0.0], np.random.default_rng(0).uniform(0, 2 * np.pi, 40)])
c, s = np.cos(angles), np.sin(angles)
R = np.moveaxis(np.array([[c, -s], [s, c]]), (0, 1), (-2, -1))  # (angles, 2, 2)
H = R @ np.diag(quadratic.eigenvalues) @ np.swapaxes(R, 1, 2)
starts = np.broadcast_to(R @ X0, (len(RATES), len(angles), 2))


def settle_steps(make):
    """For each angle, the settling step of the best rate (STEPS + 1: never)."""
    runs = gdlib.run_many(make(lr=RATES), lambda X: np.einsum("aij,kaj->kai", H, X),
                          starts, STEPS)
    gaps = np.nan_to_num(0.5 * np.einsum("tkai,aij,tkaj->tka", runs.xs, H, runs.xs), nan=np.inf)
    above = gaps > TOL
    settle = np.where(above.any(axis=0), STEPS - np.argmax(above[::-1], axis=0), -1) + 1
    return np.array([settle[np.lexsort((gaps[-1, :, a], settle[:, a]))[0], a]
                     for a in range(len(angles))])


methods = {"GD": gdlib.GD, "Momentum": gdlib.Momentum, "AdaGrad": gdlib.AdaGrad,
           "Adam": gdlib.Adam}
settled = {name: settle_steps(make) for name, make in methods.items()}
aligned = {name: counts[0] for name, counts in settled.items()}  # angle 0: chapter 9's race
steps = {name: counts[1:] for name, counts in settled.items()}
angles = angles[1:]

# %%
# Steps against the angle, and their distribution
# -----------------------------------------------
# Left, each random rotation at its angle (a turn by 90 degrees only swaps the axes,
# so the picture repeats every 90 degrees). Right, the same numbers per method:
# a dot per rotation, a bar at the median, a diamond at the axis-aligned race.
fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.4), width_ratios=[1.3, 1])
for name, counts in steps.items():
    color, _, marker = OPTIMIZER_LOOKS[name]
    order = np.argsort(np.degrees(angles) % 180)
    left.plot((np.degrees(angles) % 180)[order], counts[order], marker=marker, color=color,
              ls="none", ms=5, label=name)
left.set_xticks([0, 45, 90, 135, 180])
left.set_xlabel("rotation angle (mod 180°)")
left.set_ylabel("steps until $f - f^\\star$ stays $\\leq 10^{-6}$")
left.set_ylim(0, 175)
left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=4, fontsize=10)
jitter = np.random.default_rng(1).uniform(-0.15, 0.15, len(angles))
for row, (name, counts) in enumerate(steps.items()):
    color, _, marker = OPTIMIZER_LOOKS[name]
    right.plot([np.median(counts)] * 2, [row - 0.3, row + 0.3], color="0.4", lw=1.5)
    right.plot(counts, row + jitter, marker=marker, color=color, ls="none", ms=4, alpha=0.7)
    right.plot(aligned[name], row + 0.42, "D", mfc="white", mec="black", ms=7)
right.set_yticks(range(len(steps)), list(steps))
right.set_ylim(len(steps) - 0.4, -0.6)
right.set_xlim(0, 175)
right.set_xlabel("steps")
fig.suptitle(f"$0.1x_1^2 + 2x_2^2$, {len(angles)} random angles")
plt.show()

# sphinx_gallery_alt_text_1 = "Left, the number of steps each method needs against the rotation angle: flat lines for GD near 84 and for momentum near 149, a band for Adam between about 140 and 150, and for AdaGrad an arch that rises from under 10 steps near 0 and 90 degrees to about 110 steps near 45 and 135 degrees. Right, the same numbers as one row of dots per method, with a bar at the median and a diamond at the axis-aligned result; AdaGrad's dots are spread from 7 to 111 and its diamond sits at 8, far left of its median."
