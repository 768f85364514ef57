"""
Learning-rate schedules
=======================

A schedule makes the learning rate a function of the step, :math:`\\eta_t`.
This example draws the common shapes that :mod:`gdlib.schedules` provides,
each starting from the same peak rate :math:`\\eta` and spread over the same
300 steps (20 epochs of the logistic-regression example): the constant rate,
a step decay at 50 % and 75 % of training, an exponential decay to
:math:`\\eta/100`, an inverse-power :math:`1/t` decay, cosine annealing, and a
linear warm-up of two epochs in front of the cosine.
"""

# %%
# The schedules
# -------------
# Every schedule is a callable: ``schedule(t)`` returns :math:`\eta_t` for
# steps :math:`t = 1, 2, \dots`, and any optimizer accepts it in place of a
# constant rate.
import matplotlib.pyplot as plt
import numpy as np

from gdlib import schedules
from gdlib.plotting import COLORS, use_book_style

use_book_style()
T, eta = 300, 1.0
SCHEDULES = {
    "constant": schedules.Constant(eta),
    "step (×0.1 at 50 %, 75 %)": schedules.MultiStep(eta, milestones=(T // 2, 3 * T // 4)),
    "exponential (to η/100)": schedules.Exponential(eta, decay=0.01 ** (1 / (T - 1))),
    "inverse power 1/t (t₀ = 15)": schedules.InversePower(eta, power=1.0, t0=15),
    "cosine": schedules.Cosine(eta, total_steps=T),
    "warm-up (30 steps) + cosine": schedules.Warmup(schedules.Cosine(eta, total_steps=T), 30),
}

# %%
# Their shapes
# ------------
# A linear scale (left) shows where the rate spends its time; a log scale
# (right) shows how far each decays by the end.
t = np.arange(1, T + 1)
fig, axes = plt.subplots(1, 2, figsize=(10, 4.8))
for color, (name, schedule) in zip(COLORS[: len(SCHEDULES)], SCHEDULES.items(), strict=True):
    for ax in axes:  # warm-up dashed and thin: after step 30 it runs inside the wide cosine
        warm = "warm" in name
        ax.plot(t, schedule(t) / eta, color=color, label=name, ls="--" if warm else "-",
                lw=1.6 if warm else (4.5 if name == "cosine" else 2.0))
axes[1].set_yscale("log")
for ax in axes:
    ax.set_xlabel("step $t$")
    ax.set_ylabel(r"$\eta_t / \eta$")
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncol=3)
plt.show()

# sphinx_gallery_alt_text_1 = "Two panels of the learning rate as a fraction of the peak rate over 300 steps, on a linear and on a log scale, for six schedules. The constant stays at 1; step decay drops to 0.1 at step 150 and to 0.01 at step 225; the exponential decay falls smoothly to 0.01; the 1/t decay falls fast at first and then slowly, to about 0.05; cosine falls along a half wave to zero; warm-up rises linearly from near zero to 1 over 30 steps and then follows the cosine."
