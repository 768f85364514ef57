"""
Heavy-ball momentum against Nesterov's momentum
===============================================

With a large momentum, :math:`\\gamma = 0.9`, heavy-ball momentum overshoots and
swings back and forth across the steep direction of
:math:`f(x) = 0.1x_1^2 + 2x_2^2` for a long time. Nesterov's variant evaluates
the gradient where the velocity is about to carry the iterate, so it brakes
before overshooting: with the same :math:`\\eta` and :math:`\\gamma` its swings
along :math:`x_2` die out much sooner.
"""

# %%
# Two runs with the same hyperparameters
# --------------------------------------
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import quadratic
from gdlib.plotting import COLORS, plot_contour, plot_path, use_book_style

use_book_style()
x0, eta, gamma, steps = np.array([-5.0, -2.0]), 0.1, 0.9, 60
runs = {"heavy ball (gdlib.Momentum)":
        gdlib.run(gdlib.Momentum(eta, gamma=gamma), quadratic.grad, x0, steps),
        "Nesterov (gdlib.Nesterov)":
        gdlib.run(gdlib.Nesterov(eta, gamma=gamma), quadratic.grad, x0, steps)}

# %%
# Paths, and the distance to the minimizer
# ----------------------------------------
# Left: the paths on the contours. Right: :math:`\Vert x^{(t)} - x^\star\Vert` on a
# log scale; both runs still oscillate along the gentle direction, where the
# two methods behave alike.
fig, (left, right) = plt.subplots(1, 2, figsize=(9.5, 4.2))
plot_contour(left, quadratic, box=((-5.5, 2.5), (-3.0, 3.0)), levels=15)
for color, end_ms, (label, traj) in zip(COLORS[: len(runs)], (19, 11), runs.items(),
                                        strict=True):
    # both end near the minimizer: the first end star is larger, so both show
    plot_path(left, traj.xs, color=color, label=label, ms=2.5, end_ms=end_ms)
    right.semilogy(np.linalg.norm(traj.xs, axis=1), color=color, label=label)
left.legend(loc="lower right", fontsize=9)
left.set_title(rf"{steps} steps, $\eta = {eta}$, $\gamma = {gamma}$")
right.set_xlabel("step $t$")
right.set_ylabel(r"$\Vert x^{(t)} - x^\star\Vert$")
right.set_title("Distance to the minimizer $x^\\star = 0$")
right.legend(loc="upper right", fontsize=9)
fig.suptitle(r"Momentum and Nesterov on $f(x) = 0.1x_1^2 + 2x_2^2$")
plt.show()

# sphinx_gallery_alt_text_1 = "Left, a contour plot with two paths from the lower left; the heavy-ball path swings up and down across the valley several times, the Nesterov path settles onto the valley axis after one swing. Right, the distance to the minimizer on a log scale for both, with Nesterov below heavy ball at every step after the start."
