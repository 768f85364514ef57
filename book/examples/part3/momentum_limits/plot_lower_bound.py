"""
The polynomial of a first-order method, and a quadratic where none does better
==============================================================================

On a quadratic with Hessian :math:`H`, any method whose step lies in the span of
the gradients seen so far leaves the error :math:`x^{(t)} - x^\\star = p_t(H)(x^{(0)} - x^\\star)`,
with :math:`p_t` a polynomial of degree at most :math:`t` and :math:`p_t(0) = 1`.
On the left we draw :math:`|p_t(\\lambda)|` after :math:`t = 25` steps over the
eigenvalue range :math:`[\\lambda_{\\min}, \\lambda_{\\max}] = [0.01, 1]`
(:math:`\\kappa = 100`) for gradient descent, for momentum (both at their best
settings) and for the scaled Chebyshev polynomial, the smallest possible on the
whole range. On the right, gdlib runs both methods on Nesterov's tridiagonal
quadratic, where no first-order method can beat the rate
:math:`((\\sqrt\\kappa - 1)/(\\sqrt\\kappa + 1))^t`.
"""

# %%
# Three polynomials
# -----------------
# Momentum's polynomial follows its two-step recurrence
# :math:`p_t = (1 + \gamma - \eta\lambda)\,p_{t-1} - \gamma\,p_{t-2}`, with
# :math:`p_0 = 1` and :math:`p_1 = 1 - \eta\lambda`; gradient descent's is
# :math:`(1 - \eta\lambda)^t`.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib import rates
from gdlib.plotting import COLORS, OPTIMIZER_LOOKS, use_book_style

use_book_style()
lam_min, lam_max, t = 0.01, 1.0, 25
kappa = lam_max / lam_min
r = (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)
gd = rates.gd_optimal(lam_min, lam_max)
heavy = rates.momentum_optimal(lam_min, lam_max)
lam = np.linspace(lam_min, lam_max, 3001)


def momentum_polynomial(lr, gamma, lam, t):
    before, now = np.ones_like(lam), 1 - lr * lam
    for _ in range(t - 1):
        before, now = now, (1 + gamma - lr * lam) * now - gamma * before
    return now


def chebyshev(t, z):
    """C_t(z) = cos(t arccos z) on [-1, 1], cosh(t arccosh z) for z > 1."""
    inside = np.cos(t * np.arccos(np.clip(z, -1, 1)))
    return np.where(np.abs(z) <= 1, inside, np.cosh(t * np.arccosh(np.maximum(z, 1))))


spread = lam_max - lam_min
best = (chebyshev(t, (lam_max + lam_min - 2 * lam) / spread)
        / chebyshev(t, (lam_max + lam_min) / spread))
curves = [("GD", (1 - gd.lr * lam) ** t, "gradient descent"),
          ("Momentum", momentum_polynomial(heavy.lr, heavy.gamma, lam, t), "momentum"),
          (None, best, "Chebyshev (best possible)")]

# %%
# Nesterov's worst quadratic
# --------------------------
# :math:`H = \lambda_{\min} I + \tfrac{\lambda_{\max} - \lambda_{\min}}{4}\,\mathrm{tridiag}(-1, 2, -1)`
# and :math:`b = \tfrac{\lambda_{\max} - \lambda_{\min}}{4}\,(1, 0, 0, \dots)`, in 400
# dimensions, from :math:`x^{(0)} = 0`. Its minimizer has the coordinates
# :math:`x^\star_i = \rho^i` with :math:`\rho = (\sqrt\kappa - 1)/(\sqrt\kappa + 1)`, and after
# :math:`t` steps a first-order method has
# touched only the first :math:`t` coordinates.
d, steps = 400, 120
c = spread / 4
b = np.zeros(d)
b[0] = c


def grad(x):
    """H x - b, with H applied as a band (no matrix)."""
    tri = 2 * x
    tri[..., 1:] -= x[..., :-1]
    tri[..., :-1] -= x[..., 1:]
    return lam_min * x + c * tri - b


x_star = r ** np.arange(1, d + 1)  # the minimizer, up to a tail below 1e-30
steps_axis = np.arange(steps + 1)
errors = {}
for name, opt in (("GD", gdlib.GD(gd.lr)),
                  ("Momentum", gdlib.Momentum(heavy.lr, gamma=heavy.gamma))):
    xs = gdlib.run(opt, grad, np.zeros(d), steps).xs
    errors[name] = np.linalg.norm(xs - x_star, axis=1) / np.linalg.norm(x_star)

# %%
# The figure
# ----------
# Left: the worst value of :math:`|p_t|` on the range is what a method can guarantee.
# Right: momentum runs exactly on the lower bound (the wide grey band).
fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.6))
for key, values, label in curves:
    color, style = (OPTIMIZER_LOOKS[key][:2] if key else (COLORS[2], "-"))
    left.semilogy(lam, np.maximum(np.abs(values), 1e-7), color=color, ls=style, lw=1.6,
                  label=rf"{label}, max {np.abs(values).max():.2g}")
left.set_ylim(1e-5, 3)
left.set_xlabel(r"eigenvalue $\lambda$")
left.set_ylabel(rf"$|p_{{{t}}}(\lambda)|$")
left.set_title(rf"$t = {t}$, $\kappa = {kappa:g}$")
left.legend(loc="upper center", fontsize=9, ncols=1, bbox_to_anchor=(0.5, -0.2))

right.semilogy(steps_axis, r**steps_axis, color="0.75", lw=7,
               label=rf"lower bound $\rho^t$, $\rho = {r:.4f}$")
for name, label in (("GD", rf"GD, $\eta = {gd.lr:.3f}$"),
                    ("Momentum",
                     rf"momentum, $\eta = {heavy.lr:.3f}$, $\gamma = {heavy.gamma:.3f}$")):
    color, style, _ = OPTIMIZER_LOOKS[name]
    right.semilogy(steps_axis, errors[name], color=color, ls=style, lw=1.8, label=label)
right.set_xlabel("step $t$")
right.set_ylabel(r"$\Vert x^{(t)} - x^\star\Vert / \Vert x^{(0)} - x^\star\Vert$")
right.set_title(f"Nesterov's quadratic, $d = {d}$")
right.legend(loc="upper center", fontsize=9, bbox_to_anchor=(0.5, -0.2))
plt.show()

# sphinx_gallery_alt_text_1 = "Left, three curves of the size of a polynomial over the eigenvalue range on a log scale: gradient descent's is near one at both ends, momentum's oscillates and rises towards the right end, and the Chebyshev polynomial oscillates between equal small peaks. Right, the relative error against the step on a log scale: gradient descent descends slowly, while momentum follows the grey band of the lower bound exactly."
