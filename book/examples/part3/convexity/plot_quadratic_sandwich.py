"""
The logistic loss between two quadratics
========================================

The L2-regularized logistic regression of the SGD chapter (breast-cancer data,
penalty :math:`\\mu = 10^{-3}`) is :math:`\\ell`-strongly convex with
:math:`\\ell = \\mu` and :math:`L`-smooth with
:math:`L = \\lambda_{\\max}(A^\\top A)/(4n) + \\mu`. Around its minimizer
:math:`x^\\star`, where the gradient vanishes, the loss therefore lies between the
two parabolas :math:`\\tfrac{\\ell}{2}\\lVert x - x^\\star\\rVert^2` and
:math:`\\tfrac{L}{2}\\lVert x - x^\\star\\rVert^2`. We check this along two rays
from :math:`x^\\star`: towards the start :math:`x^{(0)} = 0` of the SGD runs, and
away from it, and draw the three curves on log-log axes.
"""

# %%
# The problem and its two constants
# ---------------------------------
# Every Hessian is :math:`\frac1n\sum_i p_i(1-p_i)\,a_i a_i^\top + \mu I` with
# :math:`0 \le p_i(1 - p_i) \le 1/4`: it is at least :math:`\mu I` and at most
# :math:`\frac{1}{4n}A^\top A + \mu I`.
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer

from gdlib.functions import LogisticRegression
from gdlib.plotting import COLORS, use_book_style

use_book_style()
features, labels = load_breast_cancer(return_X_y=True)
features = (features - features.mean(axis=0)) / features.std(axis=0)
A = np.hstack([features, np.ones((len(features), 1))])
mu = 1e-3
problem = LogisticRegression(A, labels, l2=mu)
x_star = problem.minimizers[0]
f_star = problem.value(x_star)
ell = mu
L = np.linalg.eigvalsh(A.T @ A / (4 * problem.n)).max() + mu
print(f"ell = {ell:g}, L = {L:.4f}, L / ell = {L / ell:.0f}")

# %%
# The loss along two rays
# -----------------------
# :math:`\varphi(s) = f(x^\star + s\,u) - f^\star` with :math:`u` the unit vector
# from :math:`x^\star` to :math:`x^{(0)} = 0` (:math:`s > 0`), and
# the same along :math:`-u`. Near :math:`x^\star` the loss is close to a parabola. Towards
# and past :math:`x^{(0)}` the model misclassifies more and more examples and the
# data term grows linearly. Away from :math:`x^{(0)}` the model only grows more
# confident: the data term barely changes and the loss follows the lower
# parabola, the penalty :math:`\tfrac{\mu}{2}\lVert x\rVert^2`.
R = np.linalg.norm(x_star)
u = -x_star / R
s = np.logspace(-2, 4, 300)
gap = {sign: problem.value(x_star + sign * s[:, None] * u) - f_star
       for sign in (1, -1)}
assert all(np.all((ell / 2 * s**2 <= g) & (g <= L / 2 * s**2)) for g in gap.values())

fig, ax = plt.subplots(figsize=(7.0, 4.8))
ax.loglog(s, L / 2 * s**2, color=COLORS[1], ls="--", lw=2,
          label=r"$\frac{L}{2}\tau^2$ (smoothness)")
ax.loglog(s, gap[1], color=COLORS[0], lw=4.5,
          label=r"$f(x^\star + \tau u) - f^\star$, towards $x^{(0)}$")
ax.loglog(s, gap[-1], color="0.2", lw=1.6,
          label=r"$f(x^\star - \tau u) - f^\star$, away from $x^{(0)}$")
ax.loglog(s, ell / 2 * s**2, color=COLORS[2], ls="--", lw=2,
          label=r"$\frac{\ell}{2}\tau^2$ (strong convexity, $\ell = \mu$)")
ax.axvline(R, color="0.5", lw=1, ls=":")
ax.annotate(r"$\tau = \Vert x^{(0)} - x^\star\Vert$", xy=(R, 1e-6), xytext=(5, 0),
            textcoords="offset points", fontsize=10, color="0.3")
ax.set_ylim(1e-8, 1e9)
ax.set_xlabel(r"distance $\tau$ from $x^\star$")
ax.set_ylabel(r"loss $f - f^\star$")
ax.set_title("logistic regression")
fig.legend(loc="outside lower center", ncols=2, fontsize=9.5)
plt.show()

# sphinx_gallery_alt_text_1 = "Log-log plot of the logistic loss above its minimum against the distance from the minimizer, along two opposite rays, between two dashed parabolas, a steep one above and a flat one below. Near the minimizer both curves rise like a parabola. Along the ray towards the start of the SGD runs the loss then rises steeply and grows linearly; along the opposite ray it stays just above the lower parabola."
