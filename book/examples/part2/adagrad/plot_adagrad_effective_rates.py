"""
AdaGrad's effective learning rates
==================================

AdaGrad divides the learning rate of coordinate :math:`i` by
:math:`\\sqrt{s_{t,i} + \\epsilon}`, where :math:`s_{t,i}` sums every squared
gradient seen so far. This example plots that effective rate
:math:`\\eta / \\sqrt{s_{t,i} + \\epsilon}` along the runs on
:math:`f(x) = 0.1x_1^2 + 2x_2^2` from :math:`(-5, -2)`. The rates only ever
fall: fast while the gradients are large, then they freeze at whatever value
they had reached when the gradients became small. Nothing lets them grow back.
"""

import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import quadratic
from gdlib.plotting import COLORS, use_book_style

use_book_style()

# %%
# The state :math:`s_t` is not returned by :func:`gdlib.run`, but it is a
# plain sum: recompute it from the iterates, :math:`s_t = \sum_{k \le t} g_k \odot g_k`
# with :math:`g_k = \nabla f(x_{k-1})`.
x0, steps, eps = np.array([-5.0, -2.0]), 200, 1e-6
t = np.arange(1, steps + 1)
rates = {}
for lr in (0.4, 2.0):
    xs = gdlib.run(gdlib.AdaGrad(lr=lr, eps=eps), quadratic.grad, x0, steps).xs
    s = np.cumsum(quadratic.grad(xs[:-1]) ** 2, axis=0)
    rates[lr] = lr / np.sqrt(s + eps)

# %%
# Both axes are logarithmic. Colour is the learning rate, line style the
# coordinate; the grey dotted line has slope :math:`-1/2`, the decay
# :math:`\eta / (|g| \sqrt{t})` of a gradient of constant size. The thin grey
# lines mark :math:`1/\lambda_i`, the rate that would solve coordinate
# :math:`i` (curvature :math:`\lambda_i`) in a single step.
fig, ax = plt.subplots(figsize=(7.0, 4.4))
for color, (lr, rate) in zip(COLORS[: len(rates)], rates.items(), strict=True):
    ax.loglog(t, rate[:, 0], "-", color=color, label=f"η = {lr:g}, coordinate $x_1$")
    ax.loglog(t, rate[:, 1], "--", color=color, label=f"η = {lr:g}, coordinate $x_2$")
ax.loglog(t, 0.4 / np.sqrt(t), ":", color="0.4", lw=1.5, label=r"$0.4/\sqrt{t}$")
for i, lam in enumerate(quadratic.eigenvalues, start=1):
    # a wide pale band under the curves: a rate that sits on it (η = 2 along x_2) shows
    ax.axhline(1 / lam, color="0.82", lw=5, zorder=1)
    ax.text(steps, 1.12 / lam, f"$1/\\lambda_{i} = {1 / lam:g}$", color="0.35", fontsize=9,
            ha="right")
ax.set_xlabel("step $t$")
ax.set_ylabel(r"effective rate $\eta / \sqrt{s_{t,i} + \epsilon}$")
ax.set_title("AdaGrad's rates $\\eta/\\sqrt{s_{t,i} + \\epsilon}$ on $0.1\\,x_1^2 + 2\\,x_2^2$")
ax.set_ylim(2e-3, 12)
ax.legend(ncols=3, fontsize=8.5, loc="lower left")
plt.show()

# sphinx_gallery_alt_text_1 = "Log-log plot of the effective rate of each coordinate over 200 steps for learning rates 0.4 and 2. All four curves decrease and flatten into plateaus; a dotted reference line falls with slope minus one half; horizontal lines mark 5 and 0.25."
