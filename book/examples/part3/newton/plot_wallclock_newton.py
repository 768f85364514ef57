"""
The time of a Newton step against a gradient step
=================================================

One ``update`` of ``gdlib.GD`` costs :math:`O(d)` operations in :math:`d`
dimensions; one ``update`` of ``gdlib.Newton`` solves a :math:`d \\times d`
linear system, :math:`O(d^3)`. This example times both, side by side, for
:math:`d` from 10 to 1000, with the gradient and the Hessian given (their own
cost comes on top). The values depend on the computer and the moment the page
was built; the growth does not.
"""

# %%
# Timing one update
# -----------------
# Each update is timed as the best of a few repeats: the best time is the one
# least disturbed by whatever else the computer was doing. The linear algebra
# runs on one thread (``threadpoolctl``, installed with scikit-learn), like
# gradient descent's update, so that the two are compared core for core.
import time

import matplotlib.pyplot as plt
import numpy as np
from threadpoolctl import threadpool_limits

import gdlib
from gdlib.plotting import COLORS, OPTIMIZER_LOOKS, use_book_style

use_book_style()
rng = np.random.default_rng(0)


def seconds_per_update(optimizer, x, g, repeats):
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        optimizer.update(x, g, (), optimizer.lr)
        best = min(best, time.perf_counter() - start)
    return best


dims = np.array([10, 30, 100, 300, 1000])
times = {"GD": [], "Newton": []}
with threadpool_limits(limits=1):
    for d in dims:
        B = rng.uniform(-1.0, 1.0, size=(d, d))
        H = (B + B.T) / 2 + d * np.eye(d)  # symmetric, diagonally dominant: positive definite
        x, g = rng.normal(size=d), rng.normal(size=d)
        repeats = 20 if d <= 100 else 3
        times["GD"].append(seconds_per_update(gdlib.GD(0.1), x, g, repeats))
        times["Newton"].append(seconds_per_update(gdlib.Newton(hessian=lambda x, H=H: H), x, g, repeats))
times = {name: np.array(values) for name, values in times.items()}

# %%
# Time per update, and the ratio
# ------------------------------
fig, (left, right) = plt.subplots(1, 2, figsize=(9.5, 4.0), layout="constrained")
for (name, values), color in zip(times.items(), (OPTIMIZER_LOOKS["GD"][0], COLORS[1]),
                                 strict=True):
    left.loglog(dims, values * 1e6, "o-", color=color, label=f"gdlib.{name}.update")
left.set_xlabel("dimension $d$")
left.set_ylabel(r"time per update ($\mu$s)")
left.legend(loc="upper left")
right.loglog(dims, times["Newton"] / times["GD"], "o-", color=COLORS[0])
right.set_xlabel("dimension $d$")
right.set_ylabel("Newton time / GD time")
plt.show()

# sphinx_gallery_alt_text_1 = "Left, a log-log plot of the time of one update against the dimension, for gradient descent and for Newton's method; gradient descent stays nearly flat, Newton's method rises steeply at large dimensions. Right, the ratio of the two times on a log-log scale, rising with the dimension."
