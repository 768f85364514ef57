"""
Sensitive dependence: two learning rates a millionth apart
==========================================================

Chaos has a practical meaning: a tiny change now becomes a large change a few
steps later. Here the article's run C (:math:`x^{(0)} = -1`,
:math:`\\eta = 1.000542`, its derivative :math:`a(x) = \\cos(\\pi x) - x\\sin(\\pi x)`)
is repeated with :math:`\\eta' = 1.000543`. After the first step the two runs are
one millionth apart; after 20 steps the gap is as wide as a valley. The growth
is predicted by linearizing the map :math:`\\Phi_\\eta(x) = x - \\eta\\, a(x)`: the
gap :math:`h_t = x'^{(t)} - x^{(t)}` obeys
:math:`h_t \\approx \\Phi_\\eta'(x^{(t-1)})\\,h_{t-1} - (\\eta' - \\eta)\\, a(x^{(t-1)})`,
so it is multiplied by :math:`|\\Phi_\\eta'(x^{(t)})|` at every step, by :math:`e^{\\chi}`
on average, where :math:`\\chi` is the Lyapunov exponent. This is why the
author's "lucky" rate had to be tuned to six digits.
"""

# %%
# Two runs, and the linearized gap
# --------------------------------
# :math:`\Phi_\eta'(x) = 1 - \eta\, a'(x)` with
# :math:`a'(x) = -(\pi + 1)\sin(\pi x) - \pi x\cos(\pi x)`.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import xcos
from gdlib.plotting import COLORS, use_book_style

use_book_style()
rates, steps = np.array([1.000542, 1.000543]), 20
runs = gdlib.run_many(gdlib.GD(lr=rates), xcos.article_grad, np.full(2, -1.0), steps)
xs = runs.xs[:, 0]
gap = np.abs(runs.xs[:, 1] - xs)
px = np.pi * xs
slope = 1 + rates[0] * ((np.pi + 1) * np.sin(px) + px * np.cos(px))  # m'(x_t)
linear = np.zeros(steps + 1)
for t in range(1, steps + 1):
    linear[t] = slope[t - 1] * linear[t - 1] - (rates[1] - rates[0]) * xcos.article_grad(xs[t - 1])
print(f"x_20 = {runs.final[0]:.4f} and {runs.final[1]:.4f}")

# %%
# Plot both runs and the gap between them
# ---------------------------------------
# Top: the runs are indistinguishable for 15 steps, then part. Bottom: the gap
# on a logarithmic axis and its linearized prediction, which holds until the
# gap is no longer small.
fig, (top, bottom) = plt.subplots(2, 1, figsize=(7.0, 6.0), sharex=True)
# The runs agree for 15 steps: the first is drawn wide under the second, so that
# both show (a band around a dashed line) where they coincide.
for i, (color, style, ms, lw) in enumerate(zip(COLORS[2:5:2], ["o-", "s--"], [9, 4.5], [4, 1.2],
                                               strict=True)):
    top.plot(runs[i].xs, style, color=color, ms=ms, lw=lw, label=f"$\\eta = {rates[i]}$")
top.set_ylabel("$x^{(t)}$")
top.legend(loc="upper left")
top.set_title("run C and $\\eta + 10^{-6}$, article's $a$")
t = np.arange(1, steps + 1)
bottom.semilogy(t, gap[1:], "o-", color=COLORS[5], ms=9, lw=4, label="gap $|x'^{(t)} - x^{(t)}|$")
bottom.semilogy(t, np.abs(linear[1:]), "x--", color="black", ms=6, lw=1.2,
                label="linearized prediction $|h_t|$")
bottom.set_xlabel("step $t$")
bottom.set_ylabel("gap")
bottom.legend(loc="upper left")
plt.show()

# sphinx_gallery_alt_text_1 = "Top, two runs against the step number, eta = 1.000542 and 1.000543, on top of each other for 17 steps and then parting, ending at 1.0 and 1.2. Bottom, their gap on a log scale, growing from 1e-6 at step 1 to 0.2 at step 20, matched point for point by crosses showing the linearized prediction."
