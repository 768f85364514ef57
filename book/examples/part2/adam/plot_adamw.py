"""
Weight decay in Adam: L2 penalty versus AdamW
=============================================

Two weights that the loss leaves free: their true gradient is zero, but each
minibatch gives a noisy estimate, with standard deviation :math:`\\sigma_1 = 0.01`
for :math:`x_1` and :math:`\\sigma_2 = 10` for :math:`x_2`. Weight decay should
pull both towards zero at the same pace. Adding the L2 term :math:`\\mu x`
to the gradient does not do that under Adam: the term is divided by
:math:`\\sqrt{\\hat s_t}`, which the noise makes a thousand times larger for
:math:`x_2`. So :math:`x_1` collapses and :math:`x_2` barely moves. AdamW
shrinks the weights directly, by the factor :math:`1 - \\eta\\mu` per step,
and both follow :math:`(1-\\eta\\mu)^t`.
"""

import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.plotting import COLORS, use_book_style

use_book_style()

# %%
# Twenty runs at once (:func:`gdlib.run_many`), all from :math:`x^{(0)} = (1, 1)`,
# :math:`\eta = 10^{-3}`, :math:`\mu = 1`. Both optimizers see the same
# seeded noise.
sigma, lr, mu, steps, runs = np.array([0.01, 10.0]), 1e-3, 1.0, 2000, 20
x0 = np.ones((runs, 2))


def noisy_gradient(seed=0):
    rng = np.random.default_rng(seed)
    return lambda x: sigma * rng.normal(size=x.shape)


noise = noisy_gradient()
adam_l2 = gdlib.run_many(gdlib.Adam(lr=lr), lambda x: noise(x) + mu * x, x0, steps)
adamw = gdlib.run_many(gdlib.AdamW(lr=lr, weight_decay=mu), noisy_gradient(), x0, steps)

# %%
# The mean over the runs (line) and its spread of one standard deviation
# (band), for each weight; the dotted line is :math:`(1-\eta\mu)^t`.
t = np.arange(steps + 1)
fig, axes = plt.subplots(1, 2, figsize=(10.0, 4.2), sharey=True)
panels = {f"Adam + L2 penalty μ = {mu:g}": adam_l2, f"AdamW, weight decay μ = {mu:g}": adamw}
for ax, (title, result) in zip(axes, panels.items(), strict=True):
    # Under AdamW the three curves coincide: each is drawn narrower than the one
    # under it, so that all three show (a band, a line in it, a dotted line on top).
    for i, (color, lw) in enumerate(zip(COLORS[:2], (5.0, 2.8), strict=True)):
        mean, std = result.xs[:, :, i].mean(axis=1), result.xs[:, :, i].std(axis=1)
        ax.plot(t, mean, color=color, lw=lw, label=f"$x_{i + 1}$ (σ = {sigma[i]:g})")
        ax.fill_between(t, mean - std, mean + std, color=color, alpha=0.25, lw=0)
    ax.plot(t, (1 - lr * mu) ** t, ":", color="black", lw=1.3, label=r"$(1-\eta\mu)^t$")
    ax.set(xlabel="step $t$", title=title)
    ax.legend(loc="lower left")
axes[0].set_ylabel("weight $x^{(t)}_i$ (mean of 20 runs)")
fig.suptitle(f"Adam + L2 and AdamW, η = {lr:g}, σ = ({sigma[0]:g}, {sigma[1]:g})")
plt.show()

# sphinx_gallery_alt_text_1 = "Two panels of weights over 2000 steps. Left, Adam with an L2 penalty; x1 falls to about 0.02, faster than the dotted curve (1 - eta mu)^t, while x2 stays above 0.8. Right, AdamW; both weights follow the dotted curve down to about 0.14."
