"""
Preconditioned gradient descent, along the axes and turned
==========================================================

Gradient descent :math:`x^{(t)} = x^{(t-1)} - \\eta P \\nabla f(x^{(t-1)})` on
:math:`f(x) = 0.1x_1^2 + 2x_2^2` (left) and on the same function turned by 45
degrees (right), each at its best learning rate, with three preconditioners:
none (:math:`P = I`), the diagonal of the Hessian inverted (Jacobi) and the whole
Hessian inverted. Along the axes the diagonal is the whole Hessian and one step
lands on the minimizer. Turned, the diagonal is the same number twice, Jacobi is
plain gradient descent again, and only the full inverse still jumps there.
"""

# %%
# The three preconditioners
# -------------------------
# Preconditioned GD is GD on the direction :math:`P\nabla f`: gdlib's
# :class:`gdlib.GD`, given that direction as its gradient. The best rate is
# :math:`2/(\lambda_{\min} + \lambda_{\max})` of :math:`P^{1/2} H P^{1/2}`
# (:func:`gdlib.rates.gd_optimal`).
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib import rates
from gdlib.functions import quadratic
from gdlib.plotting import COLORS, plot_contour, plot_path, use_book_style

use_book_style()
x0 = np.array([-5.0, -2.0])
preconditioners = {"none": lambda H: np.eye(2),
                   "Jacobi: diag(H)$^{-1}$": lambda H: np.diag(1 / np.diag(H)),
                   "full: $H^{-1}$": np.linalg.inv}
looks = [(COLORS[0], "-", "o", 3.5), (COLORS[1], "--", "s", 1.6), (COLORS[2], "-", "D", 1.6)]


def best_rate(P, H):
    w, V = np.linalg.eigh(P)
    S = V @ np.diag(np.sqrt(w)) @ V.T  # P^{1/2}
    lam_min, lam_max = np.linalg.eigvalsh(S @ H @ S)
    return rates.gd_optimal(lam_min, lam_max).lr, lam_max / lam_min


# %%
# Twenty steps from the same start, turned with the function
# ----------------------------------------------------------
fig, axes = plt.subplots(1, 2, figsize=(8.6, 5.8), sharey=True)
for ax, degrees in zip(axes, (0, 45), strict=True):
    c, s = np.cos(np.radians(degrees)), np.sin(np.radians(degrees))
    R = np.array([[c, -s], [s, c]])
    H = R @ np.diag(quadratic.eigenvalues) @ R.T
    plot_contour(ax, lambda x: 0.5 * np.sum((x @ H) * x, axis=-1), ((-6, 3), (-6, 3)),
                 levels=np.geomspace(0.05, 40, 12))
    for (label, make), (color, ls, marker, lw) in zip(preconditioners.items(), looks, strict=True):
        P = make(H)
        lr, kappa = best_rate(P, H)
        xs = gdlib.run(gdlib.GD(lr), lambda x: (x @ H) @ P, R @ x0, 20).xs
        plot_path(ax, xs, color=color, ls=ls, marker=marker, lw=lw, end_ms=11 + 2 * lw,
                  label=f"{label} ($\\kappa$ = {kappa:.3g})" if degrees == 45 else None)
        if label.startswith("Jacobi"):  # on another path by design, as the caption says
            for line in ax.lines[-3:]:
                line.set_gid("overlap-ok: Jacobi coincides with Newton at 0° and with GD at 45°")
    ax.set_aspect("equal")
    ax.set_title(f"turned by {degrees}°")
axes[1].set_ylabel("")
fig.legend(loc="outside lower center", ncols=3)
plt.show()

# sphinx_gallery_alt_text_1 = "Two contour plots of an elongated valley, along the horizontal axis on the left and turned by 45 degrees on the right. On the left, plain gradient descent zigzags across the valley towards the centre while the Jacobi and the full preconditioner both jump to the centre in one straight step. On the right, plain gradient descent zigzags along the turned valley, the Jacobi path lies exactly on top of it, and only the full preconditioner jumps to the centre in one step."
