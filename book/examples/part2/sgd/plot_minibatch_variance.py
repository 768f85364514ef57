"""
The variance of a minibatch gradient against the batch size
===========================================================

A minibatch gradient averages :math:`b` example gradients. Its variance (the
mean squared distance to the full gradient) falls like :math:`\\sigma^2/b`
when the examples are drawn with replacement, and a little faster,
:math:`\\frac{\\sigma^2}{b}\\frac{n-b}{n-1}`, when they are drawn without
replacement, reaching zero at :math:`b = n`. We measure both on a real data
set, over 2000 random batches per batch size, at the minimizer :math:`x^\\star`,
where the full gradient is zero and all that is left is noise.
"""

# %%
# The breast-cancer data and the logistic loss
# --------------------------------------------
# 569 tumours, 30 standardized measurements plus an intercept column; labels
# benign or malignant. The small L2 penalty makes the minimizer unique.
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer

from gdlib.functions import LogisticRegression
from gdlib.plotting import COLORS, use_book_style

use_book_style()
features, labels = load_breast_cancer(return_X_y=True)
features = (features - features.mean(axis=0)) / features.std(axis=0)
X = np.hstack([features, np.ones((len(features), 1))])
problem = LogisticRegression(X, labels, l2=1e-3)
n = problem.n
grads = problem.example_grads(problem.minimizers[0])  # (n, d); their mean is 0
sigma2 = np.mean(np.sum((grads - grads.mean(axis=0)) ** 2, axis=1))

# %%
# Many batches at once
# --------------------
# A batch is a row of a :math:`K \times n` matrix that counts how often each
# example is in it; the batch means are that matrix times the gradients,
# divided by :math:`b`. Without replacement the counts are 0 or 1 (the first
# :math:`b` of a random ordering); with replacement they are
# multinomial.
rng = np.random.default_rng(0)
K = 2000
sizes = np.unique(np.geomspace(1, n, 11).round().astype(int))
measured = {True: [], False: []}
for b in sizes:
    first_b = np.argpartition(rng.random((K, n)), b - 1, axis=1)[:, :b]
    without = np.zeros((K, n))
    np.put_along_axis(without, first_b, 1.0, axis=1)
    with_ = rng.multinomial(b, np.full(n, 1 / n), size=K)
    for replace, counts in [(False, without), (True, with_)]:
        means = counts @ grads / b
        measured[replace].append(np.mean(np.sum(means**2, axis=1)))

# %%
# Measurement against the two laws
# --------------------------------
# On log axes :math:`\sigma^2/b` is a straight line of slope :math:`-1`; the
# finite-population factor :math:`(n-b)/(n-1)` bends the curve down to zero
# at :math:`b = n` (the last point, off the bottom of the log scale).
b = np.arange(1, n)
fig, ax = plt.subplots()
# the two laws agree for small b: the first is drawn wide, the second inside it
ax.loglog(b, sigma2 / b, color=COLORS[0], lw=4.5, label=r"$\sigma^2/b$")
ax.loglog(b, sigma2 / b * (n - b) / (n - 1), color=COLORS[1], lw=1.6,
          label=r"$(\sigma^2/b)\,(n-b)/(n-1)$")
ax.loglog(sizes, measured[True], "o", color=COLORS[0], mfc="white", mew=2,
          label="measured, with replacement")
ax.loglog(sizes[:-1], measured[False][:-1], "s", color=COLORS[1],
          label="measured, without replacement")
ax.set_xlabel("batch size $b$")
ax.set_ylabel(r"mean $\Vert g_{\mathcal{B}} - \nabla f(x^\star)\Vert^2$")
ax.set_ylim(sigma2 / n / 20, 2 * sigma2)
ax.set_title(f"$n = {n}$, {K} batches per $b$")
ax.legend(loc="lower left")
plt.show()

# sphinx_gallery_alt_text_1 = "Log-log plot of the variance of the minibatch gradient against the batch size. Measured points with replacement follow a straight line of slope minus one; measured points without replacement follow a curve that bends down towards zero as the batch size approaches 569."
