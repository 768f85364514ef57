"""
Gradient descent and SGD on the same contours
=============================================

Full gradient descent and stochastic gradient descent minimize the same
least-squares loss from the same start with the same learning rate. Gradient
descent follows a smooth path; SGD, which uses one random example per step,
wanders. Both reach the neighbourhood of the minimizer :math:`x^\\star`, but SGD
pays :math:`n = 200` times less per step and never quite settles.
"""

# %%
# The problem and the two runs
# ----------------------------
# The gradient function of SGD is a :class:`~gdlib.functions.MinibatchGradient`:
# each call returns the gradient of the next randomly chosen example.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import LeastSquares
from gdlib.plotting import COLORS, plot_contour, plot_path, use_book_style

use_book_style()
rng = np.random.default_rng(0)
n = 200
X = rng.normal(size=(n, 2)) @ np.array([[1.0, 0.0], [0.6, 0.5]])
y = X @ np.array([1.0, -1.0]) + 0.5 * rng.normal(size=n)
problem = LeastSquares(X, y)
x_star = problem.minimizers[0]
x0, eta, steps = np.array([-2.0, 3.0]), 0.2, 200
runs = {
    "GD, full gradient": gdlib.run(gdlib.GD(eta), problem.grad, x0, steps),
    "SGD, $b = 1$": gdlib.run(gdlib.GD(eta), problem.sampler(1, seed=0), x0, steps),
    "minibatch SGD, $b = 10$": gdlib.run(gdlib.GD(eta), problem.sampler(10, seed=0), x0, steps),
}

# %%
# Draw them
# ---------
# The right panel zooms on the minimizer: after 200 steps gradient descent is
# almost there, while the stochastic runs keep jittering around it.
fig, axes = plt.subplots(1, 2, figsize=(10, 4.4))
for ax, box in zip(axes, [((-2.5, 2.5), (-2.0, 3.5)), ((0.4, 1.6), (-1.4, -0.3))], strict=True):
    plot_contour(ax, problem.value, box=box, n=150, levels=30, log=True)
    # GD's path is drawn wide, so that the minibatch runs that follow it show inside it;
    # the minimizer is a thin cross, over them but too thin to hide anything.
    for k, (color, (label, traj)) in enumerate(zip(COLORS[: len(runs)], runs.items(),
                                                   strict=True)):
        plot_path(ax, traj.xs, color=color, label=label, ms=2.5 if k else 5,
                  lw=1.4 if k else 4.5)
    ax.plot(*x_star, "+", ms=26, mew=1.2, color="black", zorder=5, label=r"$x^\star$")
axes[0].set_title(rf"{steps} steps from $x^{{(0)}} = (-2, 3)$, $\eta = {eta}$")
axes[1].set_title("Zoom on the minimizer")
axes[0].legend(loc="lower left")
fig.suptitle(r"Least squares, $f(x) = \frac{1}{2n}\Vert Ax - y\Vert^2$ with $n = 200$")
plt.show()

# sphinx_gallery_alt_text_1 = "Two contour plots of an elongated elliptical bowl. A smooth blue path (gradient descent) and two jagged paths (SGD with batch size 1 in orange, minibatch SGD with batch size 10 in green) go from the upper left to the minimum; the zoomed right panel shows the orange path jumping around the minimum while the blue one ends on it."
