"""
Early stopping: training and validation part ways
=================================================

Trained on only 200 images, the network drives its training loss towards
zero, while its loss on 300 held-out validation images reaches a minimum
early and then climbs. The validation accuracy does not follow the loss up:
the climb comes from ever more confident predictions on the images the
network gets wrong.
"""

# %%
# Full-batch Adam on a small training set
# ---------------------------------------
# 200 training images, Adam at :math:`\eta = 0.01` (the rate tuned in the
# chapter), the full training gradient at every step, 600 steps, three
# seeds for the initial weights. The validation set is the one the chapter
# uses to tune the rates; the test set stays untouched.
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits

import gdlib
from gdlib.functions import MLP, split
from gdlib.plotting import COLORS, use_book_style

use_book_style()
X, y = load_digits(return_X_y=True)
X = X / 16
train, valid, test = split(len(y), [1000, 300, 497], seed=0)
small = train[:200]
net = MLP(X[small], y[small], hidden=32)
valid_net = net.on(X[valid], y[valid])
STEPS, EVERY = 600, 10
xs = gdlib.run_many(gdlib.Adam(0.01), net.grad, net.init(seed=0, runs=3), STEPS).xs[::EVERY]
train_loss, valid_loss = net.value(xs), valid_net.value(xs)
valid_accuracy = valid_net.accuracy(xs)
best = np.argmin(valid_loss, axis=0)  # the checkpoint early stopping keeps, per seed
print("lowest validation loss at steps", best * EVERY)

# %%
# Loss and accuracy
# -----------------
# Left, the training and validation losses (log scale); the dots mark the
# lowest validation loss of each seed. Right, the validation accuracy, with
# the same checkpoints marked.
steps = np.arange(0, STEPS + 1, EVERY)
fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 4.6))
for name, loss, color in (("training", train_loss, COLORS[0]),
                          ("validation", valid_loss, COLORS[1])):
    ax_loss.plot(steps, loss.mean(axis=1), color=color, lw=2, label=f"{name} loss")
    ax_loss.fill_between(steps, loss.min(axis=1), loss.max(axis=1), color=color, alpha=0.2, lw=0)
ax_loss.plot(best * EVERY, valid_loss[best, range(3)], "o", color="k", ms=6,
             label="lowest validation loss")
ax_loss.set_yscale("log")
ax_loss.set_ylabel("loss")
ax_acc.plot(steps, valid_accuracy.mean(axis=1), color=COLORS[1], lw=2)
ax_acc.fill_between(steps, valid_accuracy.min(axis=1), valid_accuracy.max(axis=1),
                    color=COLORS[1], alpha=0.2, lw=0)
ax_acc.set_ylim(0.6, 1.0)
ax_acc.set_ylabel("validation accuracy")
ax_acc.plot(best * EVERY, valid_accuracy[best, range(3)], "o", color="k", ms=6)
for ax in (ax_loss, ax_acc):
    ax.set_xlabel("step $t$ (full batch)")
fig.legend(loc="outside lower center", ncols=3)
plt.show()

# sphinx_gallery_alt_text_1 = "Two panels against 600 steps of Adam on 200 training images. Left, on a log scale, the training loss falls steadily from about 2.3 to below 0.001, while the validation loss falls to about 0.4 between steps 50 and 80, where dots mark its minimum, and then rises slowly to about 0.55. Right, the validation accuracy rises to about 0.88 by the same steps and then stays level."
