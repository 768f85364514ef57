"""
The weights of an exponential moving average
============================================

An exponential moving average :math:`\\bar u_t = \\gamma \\bar u_{t-1} + (1-\\gamma)u_t`
gives the value seen :math:`k` steps ago the weight :math:`(1-\\gamma)\\gamma^k`.
The weights decay geometrically; by :math:`k = 1/(1-\\gamma)` they have fallen
to about :math:`1/e \\approx 0.37` of the newest weight. That cut-off is why an
EMA with decay :math:`\\gamma` is said to average "the last
:math:`1/(1-\\gamma)` values".
"""

# %%
# Weights for three decays
# ------------------------
# For each :math:`\gamma` we mark :math:`k = 1/(1-\gamma)` (dashed) and the
# weight :math:`(1-\gamma)/e` it would have if the decay were exactly
# :math:`e^{-k(1-\gamma)}` (hollow circle); the true weight (filled) sits just
# below it.
import matplotlib.pyplot as plt
import numpy as np

from gdlib.plotting import COLORS, use_book_style

use_book_style()
k = np.arange(0, 61)
fig, ax = plt.subplots()
for color, gamma in zip(COLORS[:3], (0.8, 0.9, 0.95), strict=True):
    weights = (1 - gamma) * gamma**k
    cut = round(1 / (1 - gamma))
    ax.plot(k, weights, "-", color=color, label=rf"$\gamma = {gamma}$: $(1-\gamma)\gamma^k$")
    ax.axvline(cut, color=color, ls="--", lw=1)
    ax.plot(cut, (1 - gamma) / np.e, "o", ms=9, mfc="white", mec=color, mew=2)
    ax.plot(cut, weights[cut], "o", ms=5, color=color)
    ax.annotate(rf"$k = 1/(1-\gamma) = {cut}$", (cut, (1 - gamma) * 0.55), xytext=(5, 0),
                textcoords="offset points", color=color, fontsize=10)


# Labels. Everything to the right of a dashed line together still carries a weight of
# :math:`\gamma^{1/(1-\gamma)} \approx 1/e`: the cut-off is a convention, not a
# hard window.
ax.set_xlabel("age $k$ (steps ago)")
ax.set_ylabel(r"weight $(1-\gamma)\,\gamma^k$")
ax.set_title(r"EMA weights, $1/e$ cut-off")
ax.legend(loc="upper right")
plt.show()

# sphinx_gallery_alt_text_1 = "Three decaying curves of weights against age for momentum 0.8, 0.9 and 0.95, each with a dashed vertical line at 5, 10 and 20 steps and a circle marking where the weight has fallen to about one over e of its first value."
