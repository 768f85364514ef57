"""
One example's gradient is a noisy, unbiased estimate
====================================================

A finite sum :math:`f(x) = \\frac1n\\sum_i f_i(x)` has one gradient
:math:`\\nabla f_i(x)` per example. At a fixed point :math:`x` we draw all of
them: they scatter widely, yet their average is exactly the full gradient
:math:`\\nabla f(x)`. Averaging a random minibatch of :math:`b` of them gives
estimates that still centre on :math:`\\nabla f(x)` but scatter much less. This
is the whole trade of stochastic gradient descent in one picture.
"""

# %%
# A least-squares problem with two parameters
# -------------------------------------------
# Synthetic data: :math:`n = 200` examples with two correlated features and
# noisy targets. :class:`~gdlib.functions.LeastSquares` gives every per-example
# gradient at once with :meth:`~gdlib.functions.FiniteSum.example_grads`.
import matplotlib.pyplot as plt
import numpy as np

from gdlib.functions import LeastSquares
from gdlib.plotting import COLORS, use_book_style

use_book_style()
rng = np.random.default_rng(0)
n = 200
X = rng.normal(size=(n, 2)) @ np.array([[1.0, 0.0], [0.6, 0.5]])
y = X @ np.array([1.0, -1.0]) + 0.5 * rng.normal(size=n)
problem = LeastSquares(X, y)
x = np.array([-1.0, 1.0])
per_example = problem.example_grads(x)  # shape (n, 2)
print("mean of the n example gradients:", per_example.mean(axis=0))
print("full gradient:                  ", problem.grad(x))

# %%
# Minibatch averages
# ------------------
# 300 random minibatches of :math:`b = 10` examples each, drawn without
# replacement by :class:`~gdlib.functions.MinibatchGradient`.
b = 10
sampler = problem.sampler(batch_size=b, seed=1)
batches = np.array([sampler(x) for _ in range(300)])

# %%
# Draw the three clouds
# ---------------------
# Grey dots: single examples (what SGD with :math:`b = 1` steps along). Blue
# dots: minibatch means. Black star: the full gradient, at the centre of both.
fig, ax = plt.subplots(figsize=(6.4, 4.8))
ax.scatter(*per_example.T, s=12, color="0.6", label=r"$\nabla f_i(x)$, one example")
ax.scatter(*batches.T, s=12, color=COLORS[0], alpha=0.7,
           label=rf"minibatch mean, $b = {b}$")
ax.plot(*problem.grad(x), "*", ms=18, color="black", mec="white",
        label=r"full gradient $\nabla f(x)$")
ax.set_xlabel(r"first component, $\partial/\partial x_1$")
ax.set_ylabel(r"second component, $\partial/\partial x_2$")
ax.set_title(rf"$x = ({x[0]:g}, {x[1]:g})$, $b = {b}$")
ax.legend(loc="upper left")
plt.show()

# sphinx_gallery_alt_text_1 = "A scatter plot of 200 grey points, the per-example gradients at one point, spread over a wide area, with a tighter blue cloud of minibatch means and a black star for the full gradient at the centre of both."
