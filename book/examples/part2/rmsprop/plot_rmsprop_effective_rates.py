"""
Effective rates: RMSProp forgets, AdaGrad does not
==================================================

Feed AdaGrad and RMSProp the same gradient signal, one coordinate whose
gradient has size 1 for 100 steps, drops to 0.1 for 150 steps (the iterate has
reached a flat region) and returns to 1. AdaGrad's sum :math:`s_t` never forgets
the early large gradients, so its effective rate :math:`\\eta/\\sqrt{s_t + \\epsilon}`
keeps falling and its steps shrink tenfold in the flat region. RMSProp's moving
average forgets them on a time scale of :math:`1/(1-\\gamma)` steps: its rate
rises to match the smaller gradients and its steps recover their size,
quickly for :math:`\\gamma = 0.9`, slowly for :math:`\\gamma = 0.99`.
"""

import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.plotting import COLORS, use_book_style

use_book_style()

# %%
# The signal and the two states. AdaGrad's :math:`s_t` is a cumulative sum;
# RMSProp's is exactly the exponential moving average :func:`gdlib.ema` of
# :math:`g_t^2`, started at 0 and without bias correction.
g = np.concatenate([np.full(100, 1.0), np.full(150, 0.1), np.full(150, 1.0)])
t = np.arange(1, len(g) + 1)
lr, eps = 0.01, 1e-6
states = {"AdaGrad": np.cumsum(g**2),
          "RMSProp, γ = 0.9": gdlib.ema(g**2, 0.9),
          "RMSProp, γ = 0.99": gdlib.ema(g**2, 0.99)}
rates = {label: lr / np.sqrt(s + eps) for label, s in states.items()}

# %%
# Top: the gradient's size. Middle: the effective rate. Bottom: the size of the
# step actually taken, :math:`\eta |g_t| / \sqrt{s_t + \epsilon}`, against the
# learning rate :math:`\eta = 0.01` (a grey band, wide so that the step of
# RMSProp shows on it). One legend, below the panels, serves all three.
fig, axes = plt.subplots(3, 1, figsize=(7.0, 7.0), sharex=True)
axes[0].semilogy(t, g, color="0.3")
axes[0].set_ylabel("$|g_t|$")
for color, (label, rate) in zip(COLORS[: len(rates)], rates.items(), strict=True):
    axes[1].semilogy(t, rate, color=color, label=label)
    axes[2].semilogy(t, rate * g, color=color, label=label)
axes[1].set_ylabel(r"$\eta / \sqrt{s_t + \epsilon}$")
axes[2].axhline(lr, color="0.75", lw=6, zorder=1.5, label="η = 0.01")
axes[2].set_ylabel(r"step $|\Delta x^{(t)}|$")
axes[2].set_xlabel("step $t$")
handles, labels = axes[2].get_legend_handles_labels()
fig.legend(handles, labels, loc="outside lower center", fontsize=9, ncols=4)
for ax in axes:
    ax.axvspan(100, 250, color="0.92", zorder=0)
plt.show()

# sphinx_gallery_alt_text_1 = "Three stacked panels over 400 steps. Top, the gradient size, 1 then 0.1 then 1. Middle, the effective rates on a log scale; AdaGrad's falls steadily, RMSProp's with gamma 0.9 rises tenfold during the flat stretch, RMSProp's with gamma 0.99 rises slowly. Bottom, the step sizes; RMSProp with gamma 0.9 returns to 0.01, AdaGrad's drops to 1e-4."
