"""
Batch size and learning rate for Adam
=====================================

The same measurement as for SGD, with Adam (default constants): for each
batch size :math:`b` from 1 to 256, the learning rate that reaches the gap
:math:`f(x^{(t)}) - f^\\star \\le 0.02` in the fewest steps, on logistic
regression on scikit-learn's breast-cancer data. Adam's best rate grows with
:math:`b` much more slowly than SGD's: compare it with the square-root rule
and with the linear rule.
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
    best, steps = batch_sweep(gdlib.Adam, np.geomspace(0.01, 0.64, 13))

# %%
# Best rate against the batch size
# --------------------------------
# Both rules start from the best rate at :math:`b = 1`: the square-root rule
# :math:`\sqrt{b}\,\eta(1)` and the linear rule :math:`b\,\eta(1)`.
fig, ax = plt.subplots()
b = np.geomspace(1, SIZES[-1], 200)
ax.loglog(SIZES, best, "o", color=COLORS[0], ms=7, label="best $\\eta$ (Adam)")
ax.loglog(b, best[0] * np.sqrt(b), "--", color=COLORS[1], lw=1.6, label=r"$\sqrt{b}\,\eta(1)$")
ax.loglog(b, best[0] * b, ":", color=COLORS[2], lw=2, label=r"$b\,\eta(1)$")
ax.set_ylim(best.min() / 2, 20 * best.max())
ax.set_xlabel("batch size $b$")
ax.set_ylabel(r"best learning rate $\eta$")
ax.set_title(f"Adam, breast cancer, $n = {n}$")
ax.legend(loc="upper left")
plt.show()

# sphinx_gallery_alt_text_1 = "A log-log plot of Adam's best learning rate against the batch size, with a dashed line of slope one half and a dotted line of slope one, both from the rate at batch size one. The measured rates rise more slowly than both lines."
