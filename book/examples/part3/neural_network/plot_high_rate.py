"""
A too-high rate, rescued by warm-up or by clipping
==================================================

SGD at twice its tuned rate, :math:`\\eta = 2`, throws the network into a
state it does not leave: the loss jumps far above its starting value and
stays high. Two small changes rescue the same rate: a linear warm-up over the
first 150 steps, and clipping every gradient to norm 1.
"""

# %%
# Three ways to run SGD at :math:`\eta = 2`
# -----------------------------------------
# Three seeds each; within one seed, the three variants start from the same
# point and see the same minibatches of 32. :class:`gdlib.schedules.Warmup`
# scales the rate by :math:`\min(1, t/W)`; :class:`gdlib.ClipByNorm` scales a
# gradient of norm above :math:`c` down to norm :math:`c`.
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits

import gdlib
from gdlib.functions import MLP, split
from gdlib.plotting import COLORS, use_book_style
from gdlib.schedules import Warmup

use_book_style()
X, y = load_digits(return_X_y=True)
train, valid, test = split(len(y), [1000, 300, 497], seed=0)
net = MLP(X[train] / 16, y[train], hidden=32)
test_net = net.on(X[test] / 16, y[test])
SEEDS, STEPS, EVERY = range(3), 300, 5
VARIANTS = {
    "SGD, η = 2": gdlib.GD(2.0),
    "warm-up, $t_{\\mathrm{w}} = 150$": gdlib.GD(Warmup(2.0, warmup_steps=150)),
    "clipped, $G = 1$": gdlib.ClipByNorm(gdlib.GD(2.0), max_norm=1.0),
}
x0 = net.init(seed=0, runs=len(SEEDS))  # one row per seed


def seeded_gradient():
    """One minibatch per row: row s uses the sampler of seed s."""
    samplers = [net.sampler(32, seed=s) for s in SEEDS]
    return lambda W: net.batch_grad(W, np.array([sampler.next_batch() for sampler in samplers]))


losses = {}
epoch = -(-net.n // 32)  # steps per epoch
for name, optimizer in VARIANTS.items():
    runs = gdlib.run_many(optimizer, seeded_gradient(), x0, STEPS)
    losses[name] = net.value(runs.xs[::EVERY])
    trained = runs.xs[-1]  # one step: the trained weights
    print(f"{name:18s} last epoch's mean loss {runs.last_epoch_mean(epoch, loss=net.value).round(3)}, "
          f"test accuracy {test_net.accuracy(trained).round(3)}")

# %%
# The training loss
# -----------------
# Log scale; lines are the mean over the seeds, bands the range.
steps = np.arange(0, STEPS + 1, EVERY)
fig, ax = plt.subplots(figsize=(8, 4.2))
for (name, loss), color in zip(losses.items(), COLORS[:len(losses)], strict=True):
    ax.plot(steps, loss.mean(axis=1), color=color, lw=2, label=name)
    ax.fill_between(steps, loss.min(axis=1), loss.max(axis=1), color=color, alpha=0.2, lw=0)
ax.axhline(np.log(10), color="0.5", ls=":", lw=1.2)
ax.set_yscale("log")
ax.set_xlabel("step $t$ (minibatches of 32)")
ax.set_ylabel("training loss $f(x^{(t)})$")
fig.legend(loc="outside right upper")
plt.show()

# sphinx_gallery_alt_text_1 = "The training loss on a log scale against 300 steps for three runs of SGD at learning rate 2. Plain SGD jumps from about 2.3 to above 10 within the first 50 steps and stays between about 5 and 40. With warm-up the loss falls at first, rises for a while as the rate grows, then falls below 0.1. With clipping it falls steadily below 0.1."
