"""
The plateau of a too-small initialization
=========================================

The same network, started from random weights scaled down by factors of 10.
With plain SGD the loss sits at :math:`\\log 10` for longer with every factor
of 10: the gradients of tiny weights are tiny. Adam, which divides each
gradient by its own running size, barely notices the scale.
"""

# %%
# Runs from four scales, three seeds each
# ---------------------------------------
# ``net.init(seed, scale)`` draws every weight with a standard deviation
# proportional to ``scale``; the biases start at zero. SGD runs at
# :math:`\eta = 1` and Adam at :math:`\eta = 0.01`, the rates tuned in the
# chapter. All runs of one seed see the same minibatches of 32.
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits

import gdlib
from gdlib.functions import MLP, split
from gdlib.plotting import OPTIMIZER_LOOKS, use_book_style

use_book_style()
X, y = load_digits(return_X_y=True)
train, valid, test = split(len(y), [1000, 300, 497], seed=0)
net = MLP(X[train] / 16, y[train], hidden=32)
SCALES, SEEDS, STEPS, EVERY = [1.0, 0.1, 0.01, 0.001], range(3), 150, 5
x0 = np.stack([net.init(seed=s, scale=c) for s in SEEDS for c in SCALES])


def seeded_gradient():
    """One minibatch per row: the rows of seed s use the sampler of seed s."""
    samplers = [net.sampler(32, seed=s) for s in SEEDS]
    return lambda W: net.batch_grad(
        W, np.repeat([sampler.next_batch() for sampler in samplers], len(SCALES), axis=0))


OPTIMIZERS = {"SGD": gdlib.GD(1.0), "Adam": gdlib.Adam(0.01)}
losses = {}
for name, optimizer in OPTIMIZERS.items():
    xs = gdlib.run_many(optimizer, seeded_gradient(), x0, STEPS).xs[::EVERY]
    losses[name] = net.value(xs).reshape(-1, len(SEEDS), len(SCALES))
    reach = np.argmax(losses[name] < 1.0, axis=0) * EVERY
    print(f"{name}: steps until the loss is below 1, mean over seeds:",
          ", ".join(f"scale {c:g}: {r:.1f}" for c, r in zip(SCALES, reach.mean(axis=0),
                                                           strict=True)))

# %%
# The loss during the first 150 steps
# -----------------------------------
# Each colour is one scale, the line the mean over the seeds. The dotted line
# is :math:`\log 10`, the loss of a network that gives every class the same
# probability.
steps = np.arange(0, STEPS + 1, EVERY)
colors = plt.get_cmap("viridis")(np.linspace(0, 0.85, len(SCALES)))
fig, axes = plt.subplots(1, 2, figsize=(10, 4.6), sharey=True)
for ax, (name, loss) in zip(axes, losses.items(), strict=True):
    for j, (scale, color) in enumerate(zip(SCALES, colors, strict=True)):
        ax.plot(steps, loss[:, :, j].mean(axis=1), color=color, lw=2,
                ls=OPTIMIZER_LOOKS["GD" if name == "SGD" else name][1], label=f"scale {scale:g}",
                gid="overlap-ok: the text says Adam's curves coincide" if name == "Adam" else None)
    ax.axhline(np.log(10), color="0.5", ls=":", lw=1.2)
    ax.set_title(f"{name}, η = {OPTIMIZERS[name].lr:g}")
    ax.set_xlabel("step $t$")
axes[0].set_ylabel("training loss $f(x^{(t)})$")
axes[0].set_ylim(0, 2.6)
handles, labels = axes[0].get_legend_handles_labels()
fig.legend(handles, labels, loc="outside lower center", ncols=len(SCALES),
           title="initial weights")
plt.show()

# sphinx_gallery_alt_text_1 = "Two panels of the training loss against 150 steps for initial weight scales 1, 0.1, 0.01 and 0.001. Left, SGD: every curve starts at about 2.3, and the smaller the scale the longer it stays there before falling, the curve for 0.001 leaving the plateau last. Right, Adam: the four curves fall almost together within about 30 steps."
