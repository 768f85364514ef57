"""
Momentum with noisy gradients
=============================

With gradients :math:`g_t = \\lambda x^{(t-1)} + \\zeta_t`, where the noise
:math:`\\zeta_t` has variance :math:`\\sigma^2`, the iterates of
:math:`f(x) = \\lambda x^2/2` never settle: they fluctuate around 0 with a
stationary variance. On the left we measure that variance over 500 seeds and
compare it with the closed form of the chapter, first with the effective learning
rate :math:`\\eta/(1-\\gamma)` held at 0.1, then with :math:`\\eta` held at 0.1. On
the right, the same noise on the ill-conditioned quadratic
:math:`0.1x_1^2 + 10x_2^2` (:math:`\\kappa = 100`): momentum at its best
deterministic setting reaches its noise floor long before gradient descent, but
its floor is higher.
"""

# %%
# The stationary variance on one eigenvalue
# -----------------------------------------
# Every run starts at the minimizer; after a burn-in of 300 steps we pool the
# squares of the next 300 iterates of all 500 runs.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib import rates
from gdlib.functions import Quadratic
from gdlib.plotting import COLORS, OPTIMIZER_LOOKS, use_book_style

use_book_style()
lam, sigma, seeds = 1.0, 1.0, 500


def stationary_variance(lr, gamma, lam, sigma):
    """The closed form of the chapter, for a = lr * lam inside the convergence region."""
    a = lr * lam
    return (1 + gamma) * lr**2 * sigma**2 / ((1 - gamma) * a * (2 + 2 * gamma - a))


def noisy(grad, sigma, seed):
    rng = np.random.default_rng(seed)
    return lambda x: grad(x) + sigma * rng.standard_normal(x.shape)


gammas = np.array([0.0, 0.3, 0.5, 0.7, 0.8, 0.9])
line = np.linspace(0, 0.92, 200)
series = [("effective rate $\\eta/(1-\\gamma) = 0.1$", lambda g: 0.1 * (1 - g), COLORS[0]),
          ("learning rate $\\eta = 0.1$", lambda g: 0.1 + 0 * g, COLORS[1])]
measured = {}
for label, lr_of, _ in series:
    measured[label] = []
    for seed, g in enumerate(gammas):
        if g == 0 and measured.get(series[0][0]):  # gamma = 0: both series are the same run
            continue
        runs = gdlib.run_many(gdlib.Momentum(lr_of(g), gamma=g),
                              noisy(lambda x: lam * x, sigma, seed), np.zeros(seeds), 600)
        measured[label].append(np.mean(runs.xs[300:] ** 2))

# %%
# Noise on an ill-conditioned quadratic
# -------------------------------------
# The expected loss at stationarity is the sum over the eigen-directions of
# :math:`\lambda_i/2` times the variance along them.
problem = Quadratic(0.1, 10.0)
lam_i = np.array(problem.eigenvalues)
gd = rates.gd_optimal(*lam_i)
heavy = rates.momentum_optimal(*lam_i)
x0 = np.tile([-100.0, -10.0], (200, 1))
curves = []
for name, opt, gamma in (("GD", gdlib.GD(gd.lr), 0.0),
                         ("Momentum", gdlib.Momentum(heavy.lr, gamma=heavy.gamma), heavy.gamma)):
    runs = gdlib.run_many(opt, noisy(problem.grad, sigma, 7), x0, 400)
    mean_loss = problem.value(runs.xs.reshape(-1, 2)).reshape(401, -1).mean(axis=1)
    floor = float(np.sum(lam_i / 2 * stationary_variance(opt.lr, gamma, lam_i, sigma)))
    curves.append((name, mean_loss, floor))

# %%
# The figure
# ----------
fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.4))
for label, lr_of, color in series:
    left.plot(line, stationary_variance(lr_of(line), line, lam, sigma), color=color, lw=1.6,
              label=f"{label}, theory")
    left.plot(gammas[-len(measured[label]):], measured[label], "o", color=color, mec="black", ms=6)
left.plot([], [], "o", color="white", mec="black", label="measured, 500 seeds")
left.set_ylim(0, None)
left.set_xlabel(r"momentum $\gamma$")
left.set_ylabel(r"stationary variance of $x^{(t)}$")
left.set_title(r"$f(x) = x^2/2$, noise $\sigma = 1$")
left.legend(loc="upper left", fontsize=9)

for name, mean_loss, floor in curves:
    color, style, _ = OPTIMIZER_LOOKS[name]
    label = "GD" if name == "GD" else "momentum"
    right.semilogy(mean_loss, color=color, ls=style, lw=1.8, label=f"{label}, mean loss")
    right.axhline(floor, color=color, ls=":", lw=1.3, label=f"{label}, predicted floor {floor:.2f}")
right.set_xlabel("step $t$")
right.set_ylabel("loss, mean over 200 seeds")
right.set_title(r"$0.1x_1^2 + 10x_2^2$, noise $\sigma = 1$")
right.legend(loc="upper right", fontsize=9)
plt.show()

# sphinx_gallery_alt_text_1 = "Left, the stationary variance against the momentum flat near 0.05 when the effective learning rate is held fixed, rising tenfold when the learning rate is held fixed, with measured dots on both curves. Right, the mean loss against the step on a log scale: momentum falls to its floor within about thirty steps and stays there, gradient descent falls slowly, crosses below momentum's floor and settles on a floor about five times lower."
