"""
The convergence rate of momentum over the plane of learning rate and momentum
=============================================================================

On a quadratic, one step of momentum along an eigenvector with eigenvalue
:math:`\\lambda` is a linear map of the pair (velocity, coordinate):

.. math::
    \\begin{pmatrix} v_t \\\\ x^{(t)} \\end{pmatrix} =
    \\begin{pmatrix} \\gamma & \\eta\\lambda \\\\ -\\gamma & 1 - \\eta\\lambda \\end{pmatrix}
    \\begin{pmatrix} v_{t-1} \\\\ x^{(t-1)} \\end{pmatrix}.

The error shrinks per step by the spectral radius :math:`\\rho` of that matrix
(its largest eigenvalue in modulus), and on
:math:`f(x) = 0.1x_1^2 + 2x_2^2` the slower of the two eigen-directions
(:math:`\\lambda = 0.2` and :math:`\\lambda = 4`) sets the rate. We map that rate
over a grid of learning rates and momenta and mark the best pair.
"""

# %%
# The spectral radius on a grid
# -----------------------------
# ``np.linalg.eigvals`` works on a whole stack of 2 x 2 matrices at once.
import matplotlib.pyplot as plt
import numpy as np

from gdlib.functions import quadratic
from gdlib.plotting import COLORS, use_book_style

use_book_style()
eta, gamma = np.meshgrid(np.linspace(0.005, 1.2, 240), np.linspace(0.0, 0.99, 200))


def spectral_radius(eta, gamma, lam):
    a = eta * lam
    maps = np.stack([np.stack([gamma, a], -1), np.stack([-gamma, 1 - a], -1)], -2)
    return np.abs(np.linalg.eigvals(maps)).max(axis=-1)


rho = np.maximum(*(spectral_radius(eta, gamma, lam) for lam in quadratic.eigenvalues))

# %%
# The optimum from theory
# -----------------------
# With :math:`\kappa = \lambda_{\max}/\lambda_{\min}`, the best momentum run has
# :math:`\eta^\star = 4/(\sqrt{\lambda_{\max}} + \sqrt{\lambda_{\min}})^2`,
# :math:`\gamma^\star = ((\sqrt\kappa - 1)/(\sqrt\kappa + 1))^2`; the best plain
# gradient descent (the bottom edge, :math:`\gamma = 0`) has
# :math:`\eta = 2/(\lambda_{\min} + \lambda_{\max})`.
lam_min, lam_max = quadratic.eigenvalues
kappa = lam_max / lam_min
eta_star = 4 / (np.sqrt(lam_max) + np.sqrt(lam_min)) ** 2
gamma_star = ((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)) ** 2
eta_gd = 2 / (lam_min + lam_max)

# %%
# The map
# -------
# White: :math:`\rho \ge 1`, the runs diverge. Contours every 0.1.
fig, ax = plt.subplots(figsize=(7.0, 4.6))
shown = np.ma.masked_where(rho >= 1, rho)
mesh = ax.pcolormesh(eta, gamma, shown, cmap="viridis", vmin=0.5, vmax=1, shading="auto")
levels = ax.contour(eta, gamma, rho, levels=np.arange(0.7, 1.0, 0.1), colors="white",
                    linewidths=0.8)
# each contour line labelled with its rate, once, on its upper edge
ax.clabel(levels, fmt="%.1f", fontsize=9, manual=[(0.3, 0.81), (0.45, 0.64), (0.6, 0.49)])
fig.colorbar(mesh, ax=ax, label=r"rate $\rho$ (spectral radius)")
ax.plot(eta_star, gamma_star, "*", ms=18, color=COLORS[4], mec="black",
        label=rf"momentum optimum $\eta = {eta_star:.3f}$, $\gamma = {gamma_star:.3f}$")
ax.plot(eta_gd, 0, "o", ms=10, color=COLORS[1], mec="black", clip_on=False,
        label=rf"GD optimum $\eta = {eta_gd:.3f}$, $\gamma = 0$")
ax.set_xlabel(r"learning rate $\eta$")
ax.set_ylabel(r"momentum $\gamma$")
ax.set_title(r"Momentum's rate $\rho$ on $0.1x_1^2 + 2x_2^2$ ($\kappa = 20$)")
ax.legend(loc="upper right", fontsize=9)
ax.grid(False)
plt.show()

# sphinx_gallery_alt_text_1 = "A heat map of the convergence rate over learning rate and momentum, with a white divergent region to the right of a slanted line, nested triangular contour lines, a star at the momentum optimum near learning rate 0.67 and momentum 0.4, and a dot at the gradient-descent optimum on the bottom edge near learning rate 0.48."
