"""
Batch size and learning rate: linear scaling and the critical batch size
========================================================================

How should the learning rate change with the batch size :math:`b`? For each
:math:`b` from 1 to 256 we train logistic regression on scikit-learn's
breast-cancer data with SGD and a grid of learning rates, and count the steps
until the gap :math:`f(x^{(t)}) - f^\\star` first falls to 0.02. The best rate
grows in proportion to :math:`b` (the linear scaling rule) up to a critical
batch size, and then stops growing; so does the saving in steps.
"""

# %%
# The problem, and a minibatch for every run
# ------------------------------------------
# :func:`gdlib.run_many` advances all runs in one array: every run (a row of
# ``w``) draws its own :math:`b` examples, with replacement, at every step. The
# linear algebra runs on one thread (``threadpoolctl``, installed with
# scikit-learn): the arrays are small.
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer
from threadpoolctl import threadpool_limits

import gdlib
from gdlib.functions import LogisticRegression
from gdlib.plotting import COLORS, use_book_style

use_book_style()
features, labels = load_breast_cancer(return_X_y=True)
features = (features - features.mean(axis=0)) / features.std(axis=0)
X = np.hstack([features, np.ones((len(features), 1))])
problem = LogisticRegression(X, labels, l2=1e-3)
n = problem.n
f_star = problem.value(problem.minimizers[0])
TARGET, SIZES, SEEDS = 0.02, 2 ** np.arange(9), 16


def minibatch_per_run(b, seed):
    draws = np.random.default_rng(seed)

    def grad(w):
        i = draws.integers(n, size=(len(w), b))
        a = X[i]  # shape (runs, b, d)
        error = 0.5 * (1 + np.tanh(0.5 * np.einsum("rbd,rd->rb", a, w))) - labels[i]
        return np.einsum("rb,rbd->rd", error, a) / b + problem.l2 * w

    return grad


# %%
# For each batch size, the best of 13 rates
# -----------------------------------------
# A rate's steps are the median over 16 seeds of the first checked step at
# which the gap is at most the target. The best rate is the vertex of a
# parabola through the grid's best three, in log-log coordinates.
def batch_sweep(make_optimizer, rates):
    best, steps = [], []
    for b in SIZES:
        horizon = 20 + 800 // b
        xs = gdlib.run_many(make_optimizer(np.repeat(rates, SEEDS)), minibatch_per_run(b, b),
                            np.zeros((len(rates) * SEEDS, problem.dim)), horizon).xs
        checks = np.unique(np.geomspace(1, horizon, 80).astype(int))
        gap = problem.value(xs[checks]).reshape(len(checks), len(rates), SEEDS) - f_star
        reached = gap <= TARGET
        first = np.where(reached.any(axis=0), checks[np.argmax(reached, axis=0)], np.inf)
        s = np.median(first, axis=1)
        k = int(np.argmin(s))
        log_rate = np.log(rates[k])
        if 0 < k < len(rates) - 1 and np.isfinite(s[k - 1:k + 2]).all():
            c2, c1, _ = np.polyfit(np.log(rates[k - 1:k + 2]), np.log(s[k - 1:k + 2]), 2)
            if c2 > 0:
                log_rate = np.clip(-c1 / (2 * c2), np.log(rates[k - 1]), np.log(rates[k + 1]))
        best.append(float(np.exp(log_rate)))
        steps.append(float(s[k]))
    return np.array(best), np.array(steps)


with threadpool_limits(limits=1):
    best, steps = batch_sweep(gdlib.GD, np.geomspace(1 / 16, 4, 13))

# %%
# The critical batch size
# -----------------------
# McCandlish et al.'s model :math:`T(b) = T_{\min}(1 + b_{\mathrm{crit}}/b)`,
# fitted to the steps in relative error.
design = np.column_stack([np.ones(len(SIZES)), 1 / SIZES]) / steps[:, None]
t_min, e_min = np.linalg.lstsq(design, np.ones(len(SIZES)), rcond=None)[0]
b_crit = e_min / t_min

# %%
# Best rate and steps against the batch size
# ------------------------------------------
# Left: below the critical batch size the best rate follows the linear rule
# :math:`\eta(b) = b\,\eta(1)`; above it, it levels off. Right: the steps fall
# like :math:`1/b` and then level off at :math:`T_{\min}`.
fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.2))
b = np.geomspace(1, SIZES[-1], 200)
left.loglog(SIZES, best, "o", color=COLORS[0], ms=7, label="best $\\eta$")
left.loglog(b, best[0] * b, "--", color=COLORS[1], lw=1.6, label=r"$b\,\eta(1)$")
left.set_ylim(best.min() / 2, 4 * best.max())
left.set_xlabel("batch size $b$")
left.set_ylabel(r"best learning rate $\eta$")
left.legend(loc="upper left")
right.loglog(SIZES, steps, "s", color=COLORS[0], ms=7, label="measured $T(b)$")
right.loglog(b, t_min * (1 + b_crit / b), "-", color=COLORS[2], lw=1.6,
             label=rf"$T_{{\min}}(1 + b_{{\mathrm{{crit}}}}/b)$, $b_{{\mathrm{{crit}}}} = {b_crit:.0f}$")
right.axvline(b_crit, color="k", ls=":", lw=1.2)
right.set_ylim(steps.min() / 10, 3 * steps.max())
right.set_xlabel("batch size $b$")
right.set_ylabel(f"steps $T$ to $f - f^\\star \\leq {TARGET}$")
right.legend(loc="lower left")
fig.suptitle(f"SGD, breast cancer, $n = {n}$")
plt.show()

# sphinx_gallery_alt_text_1 = "Two log-log panels against the batch size. Left, the best learning rate of SGD rises along the dashed line of the linear rule for small batches and then levels off. Right, the steps to reach the target fall like one over the batch size for small batches and then level off, following the fitted curve, with a dotted vertical line at the critical batch size."
