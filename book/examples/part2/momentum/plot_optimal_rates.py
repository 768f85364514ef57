"""
Gradient descent against momentum at their best settings
========================================================

With its best learning rate, gradient descent on a quadratic with condition
number :math:`\\kappa` shrinks the error by :math:`(\\kappa-1)/(\\kappa+1)` per
step. Momentum with its best :math:`(\\eta, \\gamma)` shrinks it by
:math:`(\\sqrt\\kappa-1)/(\\sqrt\\kappa+1)`: the square root of the condition
number takes the place of the condition number. We run both with gdlib on
:math:`0.1x_1^2 + b\\,x_2^2` for :math:`\\kappa = 20` and :math:`\\kappa = 100`
and draw the theoretical rates beside the measured errors.
"""

# %%
# Optimal settings for a given :math:`\kappa`
# -------------------------------------------
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import Quadratic
from gdlib.plotting import COLORS, use_book_style

use_book_style()


def best_settings(lam_min, lam_max):
    kappa = lam_max / lam_min
    gd = 2 / (lam_min + lam_max), (kappa - 1) / (kappa + 1)
    eta = 4 / (np.sqrt(lam_max) + np.sqrt(lam_min)) ** 2
    rate = (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)
    return gd, (eta, rate**2, rate)


# %%
# Runs and theory on two quadratics
# ---------------------------------
# Solid: :math:`\Vert x^{(t)} - x^\star\Vert / \Vert x^{(0)} - x^\star\Vert` of a gdlib run
# from :math:`x^{(0)} = (-5, -2)`. Dotted: :math:`\rho^t`. Momentum's error carries an
# extra factor that grows like :math:`t` (its two eigenvalues coincide at the
# optimum), so it runs parallel to its line, slightly above it.
x0 = np.array([-5.0, -2.0])
fig, axes = plt.subplots(1, 2, figsize=(10, 4.2))
for ax, kappa, steps in zip(axes, (20, 100), (60, 150), strict=True):
    problem = Quadratic(0.1, 0.1 * kappa)
    (eta_gd, rho_gd), (eta, gamma, rho) = best_settings(*problem.eigenvalues)
    t = np.arange(steps + 1)
    # each run is a wide band; its prediction rho^t is dotted, in a dark shade of the band's
    # colour (inside GD's band, just below momentum's), so the two dotted lines differ too
    for color, dark, opt, r, label in [
            (COLORS[0], "#00304D", gdlib.GD(eta_gd), rho_gd, rf"GD, $\eta = {eta_gd:.3f}$"),
            (COLORS[1], "#5C2800", gdlib.Momentum(eta, gamma=gamma), rho,
             rf"momentum, $\eta = {eta:.3f}$, $\gamma = {gamma:.3f}$")]:
        xs = gdlib.run(opt, problem.grad, x0, steps).xs
        ax.semilogy(t, np.linalg.norm(xs, axis=1) / np.linalg.norm(x0), color=color, lw=4.5,
                    label=label)
        ax.semilogy(t, r**t, ":", color=dark, lw=1.5, label=rf"$\rho^t$, $\rho = {r:.4f}$")
    ax.set_title(rf"$f(x) = 0.1x_1^2 + {0.1 * kappa:g}x_2^2$, $\kappa = {kappa}$")
    ax.set_xlabel("step $t$")
    ax.set_ylabel(r"$\Vert x^{(t)} - x^\star\Vert / \Vert x^{(0)} - x^\star\Vert$")
    ax.legend(loc="lower left", fontsize=9)
fig.suptitle(r"optimal $\eta$, $\gamma$")
plt.show()

# sphinx_gallery_alt_text_1 = "Two semi-log plots of the relative error against the step. In each, gradient descent descends along a shallow straight line and momentum along a much steeper one, each next to a dotted line of the theoretical rate."
