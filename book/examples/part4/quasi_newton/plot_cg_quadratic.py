"""
Conjugate gradients, momentum and gradient descent on a quadratic
=================================================================

A quadratic in :math:`d = 100` dimensions with eigenvalues spread on a log
scale from :math:`10^{-3}` to 1 (:math:`\\kappa = 1000`), rotated at random.
Gradient descent runs at its best fixed rate, momentum at its optimal
:math:`(\\eta, \\gamma)`, and conjugate gradients (``gdlib.ConjugateGradient``
with the Hessian) need no parameter at all. The dashed line is the bound
:math:`2\\rho^t` with :math:`\\rho = (\\sqrt\\kappa - 1)/(\\sqrt\\kappa + 1)`.
"""

# %%
# The quadratic and the runs
# --------------------------
# The error is measured in the norm of the Hessian,
# :math:`\lVert e\rVert_H = \sqrt{e^\top H e}`, the norm in which conjugate
# gradients are optimal; the minimizer is 0.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib import rates
from gdlib.plotting import COLORS, OPTIMIZER_LOOKS, use_book_style

use_book_style()
d, kappa = 100, 1e3
lam = np.geomspace(1 / kappa, 1.0, d)
Q = np.linalg.qr(np.random.default_rng(0).normal(size=(d, d)))[0]
A = Q @ np.diag(lam) @ Q.T
x0 = Q @ np.ones(d)
gd = rates.gd_optimal(lam[0], lam[-1])
heavy = rates.momentum_optimal(lam[0], lam[-1])
steps = 400
runs = {"GD": gdlib.GD(gd.lr),
        "Momentum": gdlib.Momentum(heavy.lr, gamma=heavy.gamma),
        "CG": gdlib.ConjugateGradient(hessian=lambda x: np.broadcast_to(A, x.shape + (d,)))}
errors = {}
for name, optimizer in runs.items():
    e = gdlib.run(optimizer, lambda x: x @ A, x0, steps).xs
    errors[name] = np.sqrt(np.einsum("ti,ij,tj->t", e, A, e) / (x0 @ A @ x0))

# %%
# The error per step
# ------------------
# Conjugate gradients stop at the floor of rounding; the curve is drawn until then.
rho = (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)
t = np.arange(steps + 1)
fig, ax = plt.subplots(figsize=(7, 4.2), layout="constrained")
looks = {"GD": OPTIMIZER_LOOKS["GD"][:2], "Momentum": OPTIMIZER_LOOKS["Momentum"][:2],
         "CG": (COLORS[0], "-")}
for name, values in errors.items():
    shown = values[: int(np.argmax(values < 1e-14)) or len(values)]
    ax.semilogy(t[: len(shown)], shown, color=looks[name][0], ls=looks[name][1], lw=1.8, label=name)
ax.semilogy(t, 2 * rho**t, color="0.45", ls=(0, (5, 3)), lw=1.2, label=r"$2\rho^t$")
ax.axvline(d, color="0.6", ls=":", lw=1)
ax.axhline(1e-6, color="0.6", ls=":", lw=1)
ax.text(d + 4, 3e-14, "$t = d$", color="0.35", fontsize=10)
ax.set_ylim(1e-14, 3)
ax.set_xlim(0, steps)
ax.set_xlabel("step $t$")
ax.set_ylabel(r"$\|x^{(t)} - x^\star\|_H \,/\, \|x^{(0)} - x^\star\|_H$")
ax.legend(loc="lower left", fontsize=10)
plt.show()

# sphinx_gallery_alt_text_1 = "A log-scale plot of the relative error in the H-norm against the step, up to 400 steps, for gradient descent, momentum and conjugate gradients on a 100-dimensional quadratic with condition number 1000. Gradient descent falls slowly, momentum falls steadily with ripples, conjugate gradients fall fastest and reach 1e-6 first. A dashed line shows the bound 2 rho to the t, above the conjugate gradient curve; a dotted vertical line marks t = d."
