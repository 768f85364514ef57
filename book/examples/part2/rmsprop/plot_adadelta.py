"""
AdaDelta: no learning rate, and a slow start
============================================

AdaDelta replaces RMSProp's learning rate by the root-mean-square of its own
recent steps. Its first steps therefore have nothing to go on but
:math:`\\epsilon`: each coordinate moves by about
:math:`\\sqrt{\\epsilon}/\\sqrt{1-\\gamma}`, whatever the gradient. The steps then
grow, each one feeding the average that sets the next, until a coordinate is
nearly solved: once its gradient is below :math:`\\sqrt{\\epsilon}`,
:math:`\\epsilon` outweighs both averages and AdaDelta is gradient descent with
the learning rate 1. This example runs
AdaDelta (:math:`\\gamma = 0.9`) on :math:`f(x) = 0.1x_1^2 + 2x_2^2` from
:math:`(-5, -2)` with :math:`\\epsilon = 10^{-6}` (the default) and
:math:`\\epsilon = 10^{-4}`, and plots the paths and the step sizes.
"""

import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import quadratic
from gdlib.plotting import COLORS, plot_contour, plot_path, use_book_style

use_book_style()

# %%
# Two runs of 400 steps. AdaDelta has no learning rate to set.
x0, steps, rho = np.array([-5.0, -2.0]), 400, 0.9
runs = {eps: gdlib.run(gdlib.AdaDelta(rho=rho, eps=eps), quadratic.grad, x0, steps)
        for eps in (1e-6, 1e-4)}

# %%
# Left: the paths. Right: the step taken along :math:`x_1`,
# :math:`|x^{(t)}_1 - x^{(t-1)}_1|`, on logarithmic axes, with the predicted size of
# the first step, :math:`\sqrt{\epsilon / (1-\gamma)}`, as a dotted line.
fig, (ax, ax_step) = plt.subplots(1, 2, figsize=(10.0, 4.2))
plot_contour(ax, quadratic)
t = np.arange(1, steps + 1)
# the two paths run along one curve: the first, shorter one is drawn wider, around the second
for color, lw, (eps, traj) in zip(COLORS[: len(runs)], (4.5, 1.4), runs.items(), strict=True):
    label = f"AdaDelta, γ = {rho:g}, ε = {eps:.0e}"
    plot_path(ax, traj.xs, color=color, label=label, marker=None, lw=lw)
    ax_step.loglog(t, np.abs(np.diff(traj.xs[:, 0])), color=color, label=label)
    ax_step.axhline(np.sqrt(eps / (1 - rho)), color=color, ls=":", lw=1.2)
ax.set_title(f"{steps} steps from (−5, −2)")
ax.legend(loc="upper right", fontsize=9)
ax_step.set(xlabel="step $t$", ylabel=r"$|\Delta x^{(t)}_1|$", ylim=(1e-4, 0.3))
ax_step.set_title(r"Step along $x_1$ (dotted: $\sqrt{\epsilon/(1-\gamma)}$)")
ax_step.legend(loc="lower center", fontsize=9)
fig.suptitle(f"AdaDelta on $f(x) = {quadratic.latex}$")
plt.show()

# sphinx_gallery_alt_text_1 = "Left, contour plot of the quadratic with two AdaDelta paths from (-5, -2) over 400 steps; with epsilon 1e-6 the path stops near (-3, -0.5), with epsilon 1e-4 it reaches the neighbourhood of the minimum. Right, log-log plot of the step along x1; each run starts at its dotted predicted level, 3e-3 and 3e-2. The step of the 1e-6 run grows slowly; that of the 1e-4 run stays near its level for about 70 steps, then falls, slowly at first and after about 200 steps steeply, out through the bottom of the plot."
