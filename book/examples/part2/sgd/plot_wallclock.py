"""
Batch size against processor time
==================================

The same training runs as in the batch-size example, now against the processor
time they take on the machine that built this page. A gradient over a batch of
:math:`b` examples is one vectorized matrix product, so it costs far less than
:math:`b` single-example gradients: the per-step overhead of Python and numpy
is paid once per batch. In seconds, large batches therefore look much better
than they do in examples processed. The exact times change from one build to
the next (and from one computer to another); with the timing of Newton's method
in Part III, this is one of the book's two figures that are not reproducible to
the byte.
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
# We time a step of each batch size in processor time, which other programs
# running on the computer do not inflate, as the best of fifteen runs of 300
# steps, the batch sizes taking turns; then we place the iterates of a 30-epoch
# run on a time axis at that pace.
eta, epochs = 0.5, 30
sizes = [1, 10, 100, n]
seconds_per_step = dict.fromkeys(sizes, np.inf)
for repeat in range(15):
    for b in sizes:
        start = time.process_time()
        gdlib.run(gdlib.GD(eta), problem.sampler(b, seed=repeat), np.zeros(problem.dim), 300)
        seconds_per_step[b] = min(seconds_per_step[b], (time.process_time() - start) / 300)
curves = {}
for b in sizes:
    steps = epochs * n // b
    traj = gdlib.run(gdlib.GD(eta), problem.sampler(b, seed=0), np.zeros(problem.dim), steps)
    keep = np.unique(np.geomspace(1, steps, 300).astype(int))
    curves[b] = keep * seconds_per_step[b], problem.value(traj.xs[keep]) - f_star

# %%
# The gap to the minimum against seconds
# --------------------------------------
# Each curve ends when its 30 epochs are done: the full-gradient run finishes
# first, the single-example run last, although all processed the same number
# of examples.
fig, ax = plt.subplots()
styles = ["-", "--", "-.", ":"]  # colour and line style tell the runs apart
for color, style, (b, (seconds, gap)) in zip(COLORS[: len(curves)], styles, curves.items(), strict=True):
    label = f"$b = n = {n}$ (full gradient)" if b == n else f"$b = {b}$"
    ax.loglog(seconds, gap, color=color, ls=style, label=label, lw=1.6)
ax.set_xlabel("processor time (s)")
ax.set_ylabel(r"$f(x^{(t)}) - f^\star$")
ax.set_title(rf"$\eta = {eta}$, 30 epochs")
ax.legend(loc="lower left")
plt.show()

# sphinx_gallery_alt_text_1 = "Log-log plot of the loss gap against processor seconds for the same four batch sizes. The runs with large batches finish their 30 epochs much sooner than the run with batch size 1."
