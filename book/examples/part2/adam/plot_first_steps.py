"""
Adam's first steps, with and without bias correction
====================================================

For a gradient of constant size, Adam's bias-corrected step is exactly
:math:`\\eta` from the very first step. Without the correction the step would be
:math:`\\eta\\,(1-\\beta_1^t)/\\sqrt{1-\\beta_2^t}`: at :math:`t = 1` that is
:math:`(1-\\beta_1)/\\sqrt{1-\\beta_2} \\approx 3.16` times :math:`\\eta` for the
default :math:`\\beta_1 = 0.9, \\beta_2 = 0.999`, and it grows larger still before
it slowly settles to :math:`\\eta`. This example measures the steps of real runs,
with gdlib's :class:`~gdlib.Adam` and with a copy whose correction is removed,
on :math:`f(x) = x` (gradient 1 everywhere).
"""

import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.optimizers.adam import AdamState
from gdlib.plotting import COLORS, use_book_style

use_book_style()


# %%
# Adam without bias correction: the same update with :math:`\hat m_t, \hat s_t`
# replaced by :math:`m_t, s_t`.
class UncorrectedAdam(gdlib.Adam):
    def update(self, x, g, state, lr):
        v = gdlib.update_moment(state.v, g, self.beta1)
        s = gdlib.update_moment(state.s, g * g, self.beta2)
        return x - lr * v / (np.sqrt(s) + self.eps), AdamState(state.t + 1, v, s)


# %%
# Runs of 5000 steps at :math:`\eta = 0.01` with :math:`\beta_1 = 0.9` and three
# values of :math:`\beta_2`; the effective step is :math:`|x^{(t)} - x^{(t-1)}|/\eta`.
lr, steps = 0.01, 5000
t = np.arange(1, steps + 1)
ones = np.ones_like  # the gradient of f(x) = x


def effective_step(optimizer):
    return np.abs(np.diff(gdlib.run(optimizer, ones, 0.0, steps).xs)) / lr


fig, ax = plt.subplots(figsize=(7.0, 4.2))
for color, beta2 in zip(COLORS[:3], (0.99, 0.999, 0.9999), strict=True):
    ax.semilogx(t, effective_step(UncorrectedAdam(lr, beta2=beta2)), color=color,
                label=f"uncorrected, β₂ = {beta2:g}")
# A wide pale band under the other curves: the uncorrected steps that settle on it show.
ax.semilogx(t, effective_step(gdlib.Adam(lr)), color="0.75", lw=6, zorder=1.5,
            label="corrected (any β₂)")


# Dots: the formula :math:`(1-\beta_1^t)/\sqrt{1-\beta_2^t}` for
# :math:`\beta_2 = 0.999`, which the measured steps follow.
marks = np.unique(np.geomspace(1, steps, 25).astype(int))
ax.semilogx(marks, (1 - 0.9**marks) / np.sqrt(1 - 0.999**marks), "o", color=COLORS[1],
            mfc="white", ms=5, label=r"$(1-\beta_1^t)/\sqrt{1-\beta_2^t}$, β₂ = 0.999")
ax.set(xlabel="step $t$", ylabel=r"$|\Delta x^{(t)}| / \eta$")
ax.set_title(r"Adam, $f(x) = x$, $\beta_1 = 0.9$")
ax.legend(fontsize=9)
plt.show()

# sphinx_gallery_alt_text_1 = "Step size divided by the learning rate over 5000 steps, log step axis. The corrected Adam is flat at 1. Uncorrected runs start at 1, 3.2 and 10 for beta2 equal to 0.99, 0.999 and 0.9999, peak near step 12 at about 2, 6.6 and 21, and decay towards 1; open circles of the formula lie on the 0.999 curve."
