"""
Eight optimizers train a logistic regression
============================================

The same optimizers now fit a classifier to real data: the Wisconsin breast
cancer set that scikit-learn ships (569 tumours, 30 features). Each uses
minibatches of 32 examples, a learning rate tuned by one rule, and five
random seeds. The curves show the mean of :math:`f - f^\\star` over the seeds
and, shaded, the band between the best and the worst seed.
"""

# %%
# The problem
# -----------
# A fixed random fifth of the examples is held out for testing. Features are
# standardized with the training statistics and a column of ones gives an
# intercept. The loss has an L2 penalty :math:`\lambda = 10^{-3}`, so it has a
# unique minimizer :math:`x^\star`, found by Newton's method.
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer

import gdlib
from gdlib.functions import LogisticRegression
from gdlib.plotting import OPTIMIZER_LOOKS, use_book_style

use_book_style()
X, y = load_breast_cancer(return_X_y=True)
order = np.random.default_rng(0).permutation(len(y))
test, train = order[: len(y) // 5], order[len(y) // 5:]
X = np.column_stack([np.ones(len(y)), (X - X[train].mean(0)) / X[train].std(0)])
problem = LogisticRegression(X[train], y[train], l2=1e-3)
f_star = problem.value(problem.minimizers[0])

# %%
# Tune on a grid, five seeds at once
# ----------------------------------
# One :func:`gdlib.run_many` call per optimizer runs 16 rates from
# :math:`10^{-3}` to :math:`10^2` for each of five seeds, for 20 epochs. Each
# seed has its own minibatch sampler; all rates of one seed see the same
# batches. The rate with the lowest final :math:`f - f^\star`, averaged over
# the seeds, wins; a run's final gap is its mean over the last epoch, since the
# last step alone depends on one minibatch (the last of an epoch has 8 examples).
OPTIMIZERS = {"GD": gdlib.GD, "Momentum": gdlib.Momentum, "Nesterov": gdlib.Nesterov,
              "AdaGrad": gdlib.AdaGrad, "RMSProp": gdlib.RMSProp, "Adam": gdlib.Adam,
              "AdamW": gdlib.AdamW, "AdaDelta": lambda lr: gdlib.AdaDelta(lr=lr)}
RATES, SEEDS, BATCH, EPOCHS = np.geomspace(1e-3, 1e2, 16), range(5), 32, 20
per_epoch = -(-problem.n // BATCH)  # batches per epoch, the last one smaller


def seeded_gradient():
    """A gradient for stacked runs: block k of rows uses the sampler of seed k."""
    samplers = [problem.sampler(BATCH, seed=s) for s in SEEDS]
    return lambda W: np.concatenate(
        [s(w) for s, w in zip(samplers, np.split(W, len(SEEDS)), strict=True)])


# Each optimizer in its look from the chapter's comparison on four functions.
LOOKS = {name: look[:2] for name, look in OPTIMIZER_LOOKS.items()}
WIDTHS = {"GD": 4.5, "Adam": 3.0, "AdamW": 1.2}
fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), sharey=True)
for k, (name, make) in enumerate(OPTIMIZERS.items()):
    runs = gdlib.run_many(make(np.tile(RATES, len(SEEDS))), seeded_gradient(),
                          np.zeros((len(SEEDS) * len(RATES), problem.dim)), EPOCHS * per_epoch)
    xs = runs.xs.reshape(len(runs.xs), len(SEEDS), len(RATES), problem.dim)
    final = np.nan_to_num(runs.last_epoch_mean(per_epoch, loss=problem.value) - f_star,
                          nan=np.inf).reshape(len(SEEDS), len(RATES)).mean(axis=0)
    best = np.argmin(final)
    gap = problem.value(xs[:, :, best]) - f_star  # shape (steps + 1, seeds)
    epochs = np.arange(len(gap)) / per_epoch
    for ax in axes if name == "GD" else [axes[0] if k < 3 else axes[1]]:
        # GD and Adam run close to RMSProp and AdamW: drawn wider, they show around them
        color, ls = LOOKS[name]
        ax.semilogy(epochs, gap.mean(axis=1), color=color, ls=ls, lw=WIDTHS.get(name, 1.6),
                    label=f"{name}, η = {RATES[best]:.3g}")
        ax.fill_between(epochs, gap.min(axis=1), gap.max(axis=1), color=color, alpha=0.15, lw=0)


# Loss against epochs. Left, the methods with one rate for all coordinates; right, the adaptive
# ones, with GD repeated as a reference.
for ax, title in zip(axes, ["GD and momentum", "Adaptive methods"], strict=True):
    ax.set_xlabel("epoch")
    ax.set_title(title)
    ax.legend(fontsize=9)
axes[0].set_ylabel(r"$f(x^{(t)}) - f^\star$ (training)")
plt.show()

# sphinx_gallery_alt_text_1 = "Two log-scale panels of the training loss gap against 20 epochs of logistic regression on the breast-cancer data, each curve the mean over five seeds with a shaded band from the best to the worst seed. Left, GD, Momentum and Nesterov fall from about 0.5 to between 1e-3 and 3e-3, Nesterov lowest most of the time. Right, the adaptive methods with GD repeated; all end between 1e-3 and 3e-3, AdaGrad lowest and AdaDelta highest for most of the run."
