"""
What a schedule does to minibatch training
==========================================

With a constant learning rate, minibatch SGD and Adam stop improving once the
gradient noise balances the pull towards the minimum: they hover in a noise
ball. Lowering the rate shrinks the ball. This example trains the
logistic regression of the breast cancer example with each schedule of
:mod:`gdlib.schedules`, each with its own tuned peak rate, and compares the
final :math:`f - f^\\star`, averaged over the last epoch, over five seeds.
"""

# %%
# The problem and the tuned constant rates
# ----------------------------------------
# The same data, split, penalty, batches and tuning grid as in the
# logistic-regression example. A decaying schedule spends most steps below
# its peak, so it can afford a higher one: each schedule's peak :math:`\eta`
# is the best of the tuned constant rate times 1, :math:`\sqrt{10}` and 10
# (lowest final :math:`f - f^\star`, averaged over the seeds). A run's final gap
# is its mean over the last epoch: the last step alone depends on the last,
# smaller batch (456 examples make 14 batches of 32 and one of 8).
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer

import gdlib
from gdlib import schedules
from gdlib.functions import LogisticRegression
from gdlib.plotting import COLORS, use_book_style

use_book_style()
X, y = load_breast_cancer(return_X_y=True)
order = np.random.default_rng(0).permutation(len(y))
test, train = order[: len(y) // 5], order[len(y) // 5:]
X = np.column_stack([np.ones(len(y)), (X - X[train].mean(0)) / X[train].std(0)])
problem = LogisticRegression(X[train], y[train], l2=1e-3)
f_star = problem.value(problem.minimizers[0])
RATES, SEEDS, BATCH, EPOCHS = np.geomspace(1e-3, 1e2, 16), range(5), 32, 20
per_epoch = -(-problem.n // BATCH)  # 15 batches, the last one smaller
T = EPOCHS * per_epoch


def final_gaps(optimizer, per_seed):
    """f - f* of every run, averaged over its last epoch; rows of W use the sampler of their seed."""
    samplers = [problem.sampler(BATCH, seed=s) for s in SEEDS]
    grad = lambda W: np.concatenate(
        [s(w) for s, w in zip(samplers, np.split(W, len(SEEDS)), strict=True)])
    runs = gdlib.run_many(optimizer, grad, np.zeros((len(SEEDS) * per_seed, problem.dim)), T)
    gaps = runs.last_epoch_mean(per_epoch, loss=problem.value) - f_star
    return gaps.reshape(len(SEEDS), per_seed)


def plan(eta):
    """The six schedules with peak rate eta, over T steps."""
    return {"constant": schedules.Constant(eta),
            "step": schedules.MultiStep(eta, milestones=(T // 2, 3 * T // 4)),
            "exponential": schedules.Exponential(eta, decay=0.01 ** (1 / (T - 1))),
            "1/t": schedules.InversePower(eta, power=1.0, t0=15),
            "cosine": schedules.Cosine(eta, total_steps=T),
            "warm-up + cosine": schedules.Warmup(schedules.Cosine(eta, total_steps=T), 30)}


# %%
# Every schedule, both optimizers
# -------------------------------
fig, ax = plt.subplots(figsize=(8.5, 4.6))
for k, (name, make) in enumerate({"SGD": gdlib.GD, "Adam": gdlib.Adam}.items()):
    gaps = np.nan_to_num(final_gaps(make(np.tile(RATES, len(SEEDS))), len(RATES)), nan=np.inf)
    peaks = RATES[np.argmin(gaps.mean(axis=0))] * np.sqrt(10) ** np.arange(3)
    trials = [{label: final_gaps(make(s), 1).ravel() for label, s in plan(p).items()}
              for p in peaks]
    for j, label in enumerate(plan(1.0)):
        i = np.argmin([np.mean(trial[label]) for trial in trials])  # the best peak
        gap, x = trials[i][label], j + (k - 0.5) * 0.3
        ax.plot(np.full(len(gap), x), gap, "o", color=COLORS[k], alpha=0.5, ms=5)
        ax.plot(x, gap.mean(), "_", color=COLORS[k], ms=22, mew=3,
                label=name if j == 0 else None)
        ax.annotate(f"{peaks[i]:.2g}", (x, gap.max()), xytext=(0, 6), textcoords="offset points",
                    ha="center", fontsize=8, color=COLORS[k])
ax.set_xticks(range(6), list(plan(1.0)))
ax.set_yscale("log")
ax.set_ylabel(r"$f - f^\star$, last-epoch mean")
ax.legend(fontsize=9)
ax.set_title(r"20 epochs; numbers: tuned peak $\eta$")
plt.show()

# sphinx_gallery_alt_text_1 = "A log-scale strip plot of the training loss gap averaged over the last of 20 epochs for six schedules, with one dot per seed and a bar at the mean of five seeds, SGD in blue and Adam in orange, and the tuned peak rate written above each group. Cosine and warm-up plus cosine give the lowest losses for SGD, near 1e-3; with Adam, cosine is lowest and the constant rate second; step and 1/t decay do no better than the constant rate."
