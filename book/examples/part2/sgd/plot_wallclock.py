"""
Batch size against wall-clock time
==================================

The same training runs as in the batch-size example, now against the time
they take on the machine that built this page. A gradient over a batch of
:math:`b` examples is one vectorized matrix product, so it costs far less than
:math:`b` single-example gradients: the per-step overhead of Python and numpy
is paid once per batch. In seconds, large batches therefore look much better
than they do in examples processed. The exact times change from one build to
the next (and from one computer to another); this is the book's only figure
that is not reproducible to the byte.
"""

# %%
# The problem
# -----------
# Logistic regression on the standardized breast-cancer data, as before.
import time

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer

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

# %%
# The time of one step, and the runs
# ----------------------------------
# A loaded computer makes single steps jittery, so we time a step of each batch
# size as the best of five short runs of 100 steps, then place the iterates of
# a 30-epoch run on a time axis at that pace.
eta, epochs = 0.5, 30
curves = {}
for b in [1, 10, 100, n]:
    seconds_per_step = np.inf
    for repeat in range(5):
        start = time.perf_counter()
        gdlib.run(gdlib.GD(eta), problem.sampler(b, seed=repeat), np.zeros(problem.dim), 100)
        seconds_per_step = min(seconds_per_step, (time.perf_counter() - start) / 100)
    steps = epochs * n // b
    traj = gdlib.run(gdlib.GD(eta), problem.sampler(b, seed=0), np.zeros(problem.dim), steps)
    keep = np.unique(np.geomspace(1, steps, 300).astype(int))
    curves[b] = keep * seconds_per_step, problem.value(traj.xs[keep]) - f_star

# %%
# The gap to the minimum against seconds
# --------------------------------------
# Each curve ends when its 30 epochs are done: the full-gradient run finishes
# first, the single-example run last, although all processed the same number
# of examples.
fig, ax = plt.subplots()
for color, (b, (seconds, gap)) in zip(COLORS[: len(curves)], curves.items(), strict=True):
    label = f"$b = n = {n}$ (full gradient)" if b == n else f"$b = {b}$"
    ax.loglog(seconds, gap, color=color, label=label, lw=1.6)
ax.set_xlabel("wall-clock time (seconds, this build)")
ax.set_ylabel(r"$f(x^{(t)}) - f^\star$")
ax.set_title(rf"The same runs against time ($\eta = {eta}$, 30 epochs each)")
ax.legend(loc="lower left")
plt.show()

# sphinx_gallery_alt_text_1 = "Log-log plot of the loss gap against wall-clock seconds for the same four batch sizes. The runs with large batches finish their 30 epochs much sooner than the run with batch size 1."
