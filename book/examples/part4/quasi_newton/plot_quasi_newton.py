"""
Nonlinear conjugate gradients, BFGS and L-BFGS, by loss evaluations
===================================================================

Four methods with a strong-Wolfe line search, on Rosenbrock's function from
:math:`(-1.2, 1)` and on the logistic regression of the breast-cancer data
from :math:`x = 0`: Fletcher–Reeves and Polak–Ribière (PR+) conjugate
gradients, BFGS, and L-BFGS with a memory of :math:`S = 100` pairs. The line
search evaluates the loss and the gradient at each trial point, so the
horizontal axis counts those evaluations, not steps. The right panel varies
L-BFGS's memory ``history_size`` on the logistic regression.
"""

# %%
# The problems and the runs
# -------------------------
# Each optimizer's state counts the evaluations of its line search
# (``state.evaluations``); the loop reads it after every step.
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer

import gdlib
from gdlib.functions import LogisticRegression, rosenbrock
from gdlib.plotting import COLORS, use_book_style

use_book_style()
features, labels = load_breast_cancer(return_X_y=True)
features = (features - features.mean(axis=0)) / features.std(axis=0)
cancer = LogisticRegression(np.hstack([features, np.ones((len(features), 1))]), labels, l2=1e-3)
problems = {"Rosenbrock": (rosenbrock, np.array([-1.2, 1.0]), 0.0),
            "logistic": (cancer, np.zeros(cancer.dim), float(cancer.value(cancer.minimizers[0])))}


def optimizers(p):
    return {"FR": gdlib.ConjugateGradient(beta="fletcher-reeves", loss=p.value, grad=p.grad),
            "PR+": gdlib.ConjugateGradient(loss=p.value, grad=p.grad),
            "BFGS": gdlib.BFGS(loss=p.value, grad=p.grad),
            "L-BFGS": gdlib.LBFGS(loss=p.value, grad=p.grad, line_search_fn="strong_wolfe")}


def drive(optimizer, problem, x, f_star, steps=300):
    """The gap f - f* and the evaluations so far, after each step."""
    state = optimizer.init(x)
    gaps, evaluations = [problem.value(x) - f_star], [1]
    for _ in range(steps):
        x, state = optimizer.update(x, problem.grad(x), state, optimizer.lr)
        gaps.append(problem.value(x) - f_star)
        evaluations.append(int(state.evaluations))
        if gaps[-1] < 1e-12:
            break
    return np.array(evaluations), np.array(gaps)


curves = {name: {label: drive(opt, p, x0, f_star) for label, opt in optimizers(p).items()}
          for name, (p, x0, f_star) in problems.items()}
memories = {m: drive(gdlib.LBFGS(history_size=m, loss=cancer.value, grad=cancer.grad,
                                 line_search_fn="strong_wolfe"), *problems["logistic"])
            for m in (1, 3, 10, 100)}

# %%
# The gap against the evaluations
# -------------------------------
fig, axes = plt.subplots(1, 3, figsize=(11, 3.8), layout="constrained")
styles = ["-", "--", "-.", (0, (1, 1.2))]
for ax, (name, runs) in zip(axes[:2], curves.items(), strict=True):
    for (label, (evaluations, gaps)), color, ls in zip(runs.items(), COLORS[:4], styles, strict=True):
        gid = "overlap-ok: the caption says FR and PR+ nearly coincide" if label == "FR" else None
        ax.semilogy(evaluations, np.maximum(gaps, 1e-16), color=color, ls=ls, lw=1.6, label=label,
                    gid=gid)
    ax.set_title(name, fontsize=11)
memory_colors = [COLORS[4], COLORS[5], "0.45", COLORS[7]]
for (m, (evaluations, gaps)), color, ls in zip(memories.items(), memory_colors, styles, strict=True):
    axes[2].semilogy(evaluations, gaps, color=color, ls=ls, lw=1.6, label=f"$S = {m}$")
axes[2].set_title("L-BFGS, logistic", fontsize=11)
for ax in axes:
    ax.axhline(1e-6, color="0.6", ls=":", lw=1)
    ax.set_xlabel("evaluations")
    ax.set_ylim(1e-13, None)
axes[0].legend(loc="lower left", fontsize=9)  # the same four methods in the middle panel
axes[2].legend(loc="upper right", fontsize=9)
axes[0].set_ylabel(r"$f - f^\star$")
plt.show()

# sphinx_gallery_alt_text_1 = "Three log-scale panels of the gap to the minimum against the number of loss evaluations. Left, Rosenbrock's function; middle, the logistic regression on the breast-cancer data; each with Fletcher-Reeves, Polak-Ribiere, BFGS and L-BFGS. Right, L-BFGS on the logistic regression with memories of 1, 3, 10 and 100 pairs; the larger memories reach the bottom with fewer evaluations."
