"""
Bias correction of a moving average
===================================

An exponential moving average started at zero,
:math:`\\bar u_t = \\beta \\bar u_{t-1} + (1-\\beta) u_t` with :math:`\\bar u_0 = 0`, gives its
inputs weights that sum to :math:`1-\\beta^t`, not 1. Early on it is therefore
biased towards zero: for a constant signal :math:`u_t = 1` it equals
:math:`1-\\beta^t` exactly. Dividing by :math:`1-\\beta^t` (Adam's bias
correction) removes the bias. The example averages a constant signal and a
noisy one around the same value, for :math:`\\beta = 0.9` (Adam's
:math:`\\beta_1`) and :math:`\\beta = 0.999` (its :math:`\\beta_2`), with and
without the correction.
"""

import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.plotting import COLORS, use_book_style

use_book_style()

# %%
# Two signals of 2000 steps: the constant 1, and 1 plus Gaussian noise of
# standard deviation 0.5 (seeded).
T = 2000
t = np.arange(1, T + 1)
constant = np.ones(T)
noisy = 1.0 + 0.5 * np.random.default_rng(0).normal(size=T)

# %%
# :func:`gdlib.ema` computes the average, with ``bias_correction=True`` for the
# corrected one. The step axis is logarithmic: for :math:`\beta = 0.999` the
# uncorrected average needs thousands of steps to approach 1.
fig, axes = plt.subplots(1, 2, figsize=(10.0, 4.8), sharey=True)
for ax, beta in zip(axes, (0.9, 0.999), strict=True):
    ax.semilogx(t, noisy, color="0.8", lw=0.5, label="noisy signal $u_t$")
    # Where curves meet (once the correction has faded, or where the noise no longer
    # shows), each is drawn narrower than the ones under it, so that all of them show.
    # Blues uncorrected, oranges corrected; the noisy signal's averages in the lighter shade.
    widths = {False: (4.5, 2.6), True: (1.0, 1.0)}  # (noisy, constant) for each kind
    light = {False: COLORS[5], True: COLORS[4]}
    for color, corrected in zip(COLORS[:2], (False, True), strict=True):
        name = r"corrected $\bar u_t / (1-\beta^t)$" if corrected else r"uncorrected $\bar u_t$"
        lw_noisy, lw_constant = widths[corrected]
        ax.semilogx(t, gdlib.ema(noisy, beta, bias_correction=corrected), color=light[corrected],
                    lw=lw_noisy, label=f"{name}, noisy signal")
        # The corrected average of the constant is exactly 1, and the corrected average
        # of the noisy signal hovers on it: the caption says so (the figure checks'
        # opt-out for a coincidence the figure explains).
        ax.semilogx(t, gdlib.ema(constant, beta, bias_correction=corrected), "--", color=color,
                    lw=lw_constant, label=f"{name}, constant 1",
                    gid="overlap-ok: the caption says the noisy corrected average hovers on 1"
                    if corrected else None)
    ax.set(xlabel="step $t$", title=f"β = {beta:g}", ylim=(-0.1, 2.6))
axes[0].set_ylabel("moving average")
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=3, fontsize=9)
plt.show()

# sphinx_gallery_alt_text_1 = "Two panels with a log step axis, for beta 0.9 and 0.999. The uncorrected averages of a constant 1 and of a noisy signal around 1 start near 0 and climb slowly, over about 30 steps for 0.9 and over thousands for 0.999. The corrected averages sit at 1 from the first step, the noisy one fluctuating around it."
