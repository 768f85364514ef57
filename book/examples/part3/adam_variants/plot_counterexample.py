"""
Reddi, Kale and Kumar's counterexample: Adam drifts to the worst point
=======================================================================

An online problem on :math:`[-1, 1]`: at step :math:`t` the loss is
:math:`f_t(x) = c x` when :math:`t \\bmod 3 = 1` and :math:`-x` otherwise, with
:math:`c = 3`. Over each period of three steps the losses add up to
:math:`(c - 2)\\, x`, so the best fixed point is :math:`x = -1`. With
:math:`\\beta_1 = 0`, :math:`\\beta_2 = 1/(1 + c^2)` and the rate
:math:`\\eta/\\sqrt t`, the setting of the paper's Theorem 1, projected Adam
drifts to :math:`x = +1` and its average regret stays away from zero;
projected AMSGrad goes to :math:`-1`. The projection is
:class:`gdlib.ProjectToBox`.
"""

import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.plotting import COLORS, use_book_style

use_book_style()


# %%
# The losses change with the step, so the gradient is a small object that counts
# its calls: :func:`gdlib.run` calls it exactly once per step.
class OnlineLinear:
    """The gradient of f_t(x) = C x when t mod period = 1, -x otherwise."""

    def __init__(self, C, period=3):
        self.C, self.period, self.t = C, period, 0

    def __call__(self, x):
        self.t += 1
        return np.full_like(x, self.C if self.t % self.period == 1 else -1.0)


C, T, eta, x0 = 3.0, 3000, 0.5, 0.0
beta2 = 1 / (1 + C**2)
t = np.arange(1, T + 1)
f_coef = np.where(t % 3 == 1, C, -1.0)  # f_t(x) = f_coef[t - 1] * x

runs = {}
for name, make in (("Adam", gdlib.Adam), ("AMSGrad", gdlib.AMSGrad)):
    opt = make(gdlib.schedules.InverseSqrt(eta), beta1=0.0, beta2=beta2, eps=0.0)
    runs[name] = gdlib.run(gdlib.ProjectToBox(opt, lower=-1.0, upper=1.0), OnlineLinear(C),
                           x0, T).xs

# %%
# The regret after :math:`T` steps compares the losses paid, each at the point
# held when the loss arrived, with those of the best fixed point :math:`x = -1`:
# :math:`\mathcal{R}_T = \sum_{t \le T} f_t(x^{(t-1)}) - f_t(-1)`.
fig, (ax_x, ax_r) = plt.subplots(1, 2, figsize=(9.0, 3.8))
for color, (name, xs) in zip(COLORS[:2], runs.items(), strict=True):
    regret = np.cumsum(f_coef * (xs[:-1] + 1)) / t
    ax_x.semilogx(t, xs[1:], color=color, label=name)
    # Adam's regret runs along the dashed line: drawn wide, it shows on both sides.
    ax_r.loglog(t, regret, color=color, label=name, lw=3.5 if name == "Adam" else 2.0)
ax_r.axhline(2 * (C - 2) / 3, color="black", ls="--", lw=1.0, zorder=3,
             label="regret of $x = +1$")
ax_x.set(xlabel="step $t$", ylabel="$x^{(t)}$", ylim=(-1.1, 1.1),
         title="the iterate")
ax_r.set(xlabel="step $T$", ylabel=r"$\mathcal{R}_T / T$", title="average regret")
ax_x.legend(loc="center right")
ax_r.legend(loc="lower left")
plt.show()

# sphinx_gallery_alt_text_1 = "Two panels over 3000 steps with a log step axis. Left, the iterate: from 0, Adam first steps down with AMSGrad, then climbs to the upper bound 1 and stays there; AMSGrad falls to the lower bound minus 1. Right, the average regret on log axes: Adam's levels off on the dashed line at two thirds, the regret of always playing plus 1; AMSGrad's falls steadily towards zero."

# %%
# Why: with :math:`\beta_1 = 0` the step is :math:`\eta_t\, g_t / \sqrt{\hat s_t}`.
# Adam's :math:`\hat s_t` jumps up at every large gradient and decays over the
# next two steps, so the multiplier :math:`\eta_t/\sqrt{\hat s_t}` of the two
# small gradients is large; AMSGrad's maximum never falls.
g = f_coef
s_hat = gdlib.ema(g * g, beta2, bias_correction=True)
s_max = np.maximum.accumulate(gdlib.ema(g * g, beta2)) / (1 - beta2**t)
rate = gdlib.schedules.InverseSqrt(eta)(t)
shown = slice(0, 15)
fig, ax = plt.subplots(figsize=(7.0, 3.6))
ax.plot(t[shown], (rate / np.sqrt(s_hat))[shown], "o-", color=COLORS[0], label="Adam")
ax.plot(t[shown], (rate / np.sqrt(s_max))[shown], "s-", color=COLORS[1], label="AMSGrad")
big = t[shown][g[shown] > 0]
for i, b in enumerate(big):
    ax.axvline(b, ymax=0.8, color="0.6", lw=1, ls=":", label="gradient $c$" if i == 0 else None)
ax.set(xlabel="step $t$", ylabel=r"$\eta_t / \sqrt{\hat s_t}$", yscale="log",
       title="the multiplier")
ax.legend(loc="upper right", ncols=3)
plt.show()

# sphinx_gallery_alt_text_2 = "The multiplier of the gradient, on a log scale, for the first 15 steps. Adam's drops at each step with the large gradient, marked by dotted lines every third step, and jumps back up about twofold at the two steps after it, a sawtooth. AMSGrad's drops at the first large gradient and then only decreases slowly."
