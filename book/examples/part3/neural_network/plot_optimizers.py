"""
Four optimizers train a small network
=====================================

A perceptron with one hidden layer of 32 units learns scikit-learn's
handwritten digits. SGD, momentum, Adam and AdamW each get the best rate of a
small grid, chosen on a validation set, and train from three random seeds
with minibatches of 32 examples. The curves are the mean over the seeds, the
bands the range from the best to the worst seed.
"""

# %%
# The data and the network
# ------------------------
# 1797 images of 8 by 8 pixels, gray levels 0 to 16 scaled to [0, 1]. A fixed
# random split keeps 1000 images for training, 300 for validation (to choose
# the rate) and 497 for testing.
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits

import gdlib
from gdlib.functions import MLP, split
from gdlib.plotting import OPTIMIZER_LOOKS, use_book_style

use_book_style()
X, y = load_digits(return_X_y=True)
X = X / 16
train, valid, test = split(len(y), [1000, 300, 497], seed=0)
net = MLP(X[train], y[train], hidden=32)
valid_net, test_net = net.on(X[valid], y[valid]), net.on(X[test], y[test])

# %%
# A rate grid, three seeds at once
# --------------------------------
# One :func:`gdlib.run_many` call per optimizer runs four rates, a factor of
# about 3 apart, for each of three seeds: 300 steps of 32 examples, almost
# ten epochs. Seed ``s`` sets the initial point and the order of the
# minibatches; all rates of one seed start from the same point and see the
# same batches. The rate with the lowest validation loss at the end, averaged
# over the seeds, wins.
OPTIMIZERS = {
    "SGD": (gdlib.GD, [0.1, 0.3, 1.0, 3.0]),
    "Momentum": (lambda lr: gdlib.Momentum(lr, gamma=0.9), [0.03, 0.1, 0.3, 1.0]),
    "Adam": (gdlib.Adam, [0.001, 0.003, 0.01, 0.03]),
    "AdamW": (lambda lr: gdlib.AdamW(lr, weight_decay=0.01), [0.001, 0.003, 0.01, 0.03]),
}
SEEDS, BATCH, STEPS, EVERY = range(3), 32, 300, 10


def seeded_gradient(rates):
    """A stochastic gradient for the stacked runs: the rows of seed s, one per rate,
    take their minibatches from the sampler of seed s (one minibatch per row)."""
    samplers = [net.sampler(BATCH, seed=s) for s in SEEDS]
    return lambda W: net.batch_grad(
        W, np.repeat([sampler.next_batch() for sampler in samplers], len(rates), axis=0))


curves = {}
for name, (make, rates) in OPTIMIZERS.items():
    x0 = np.repeat(np.stack([net.init(seed=s) for s in SEEDS]), len(rates), axis=0)
    runs = gdlib.run_many(make(np.tile(rates, len(SEEDS))), seeded_gradient(rates), x0, STEPS)
    xs = runs.xs[::EVERY].reshape(-1, len(SEEDS), len(rates), net.dim)
    best = np.argmin(valid_net.value(xs[-1]).mean(axis=0))  # one step: the trained weights
    curves[name] = (rates[best], net.value(xs[:, :, best]), test_net.accuracy(xs[:, :, best]))
    print(f"{name:9s} rates {rates}: best {rates[best]}, test accuracy "
          f"{curves[name][2][-1].mean():.3f}")

# %%
# Training loss and test accuracy
# -------------------------------
# Left, the loss on the 1000 training images (log scale); right, the fraction
# of the 497 test images classified correctly.
# Adam and AdamW nearly coincide: Adam is drawn first and wider, so that it shows
# around the others.
steps = np.arange(0, STEPS + 1, EVERY)
WIDTHS = {"Adam": 4.5, "AdamW": 1.5}
fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 4.2))
for name in ("Adam", "AdamW", "Momentum", "SGD"):
    rate, loss, accuracy = curves[name]
    color, ls, _ = OPTIMIZER_LOOKS["GD" if name == "SGD" else name]
    for ax, values in ((ax_loss, loss), (ax_acc, accuracy)):
        ax.plot(steps, values.mean(axis=1), color=color, ls=ls, lw=WIDTHS.get(name, 2), label=f"{name}, η = {rate:g}")
        ax.fill_between(steps, values.min(axis=1), values.max(axis=1), color=color, alpha=0.2, lw=0)
ax_loss.set_yscale("log")
ax_loss.set_ylabel("training loss $f(x^{(t)})$")
ax_acc.set_ylim(0.8, 1.0)
ax_acc.set_ylabel("test accuracy")
for ax in (ax_loss, ax_acc):
    ax.set_xlabel("step $t$ (minibatches of 32)")
ax_acc.legend(loc="lower right")
plt.show()

# sphinx_gallery_alt_text_1 = "Two panels against 300 steps. Left, the training loss on a log scale falls from about 2.3 to about 0.05 for all four optimizers, SGD, momentum, Adam and AdamW, with narrow bands over the seeds and the curves close together. Right, the test accuracy rises above 0.9 within about 50 steps and ends near 0.97 for all four."
