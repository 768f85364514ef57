"""
An EMA tracking a noisy signal
==============================

An exponential moving average smooths a noisy sequence. A larger decay
:math:`\\gamma` averages over more values (about :math:`1/(1-\\gamma)`), so the
result is smoother but reacts later when the signal changes. This is the
trade-off behind momentum's :math:`\\gamma`, RMSProp's :math:`\\gamma` and
Adam's :math:`\\beta_1, \\beta_2`.
"""

# %%
# A signal with a jump, plus noise
# --------------------------------
# The underlying value is 1 for 100 steps, then 3.
import matplotlib.pyplot as plt
import numpy as np

from gdlib import ema
from gdlib.plotting import COLORS, use_book_style

use_book_style()
rng = np.random.default_rng(0)
t = np.arange(1, 201)
clean = np.where(t <= 100, 1.0, 3.0)
signal = clean + rng.normal(scale=0.8, size=t.size)

# %%
# Three averages
# --------------
# :func:`gdlib.ema` with ``bias_correction=True`` divides by :math:`1-\gamma^t`,
# so no curve starts near zero (the Adam chapter explains why).
fig, ax = plt.subplots()
ax.plot(t, signal, ".", color="0.6", ms=4, label="noisy values $u_t$")
# a wide pale band under the dots and curves: an EMA that follows it closely still shows
ax.plot(t, clean, color="0.8", lw=6, zorder=1.5, label="underlying value")
for color, gamma in zip(COLORS[:3], (0.5, 0.9, 0.98), strict=True):
    ax.plot(t, ema(signal, gamma, bias_correction=True), color=color,
            label=rf"EMA, $\gamma = {gamma}$ (about {1 / (1 - gamma):.0f} values)")
ax.set_xlabel("step $t$")
ax.set_ylabel("value")
ax.set_title(r"bias-corrected EMAs of $u_t$")
ax.legend(loc="upper left", fontsize=9)
plt.show()

# sphinx_gallery_alt_text_1 = "A noisy signal that jumps from 1 to 3 at step 100, with three moving averages; the one with momentum 0.5 follows the noise closely, the one with 0.9 is smoother and catches up within about ten steps, the one with 0.98 is smoothest but still well below 3 fifty steps after the jump."
