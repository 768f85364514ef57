"""
Adam, RMSProp and momentum on two test functions
================================================

Adam is RMSProp with momentum's averaged gradient in the numerator. This example
puts the three side by side on the ill-conditioned quadratic
:math:`f(x) = 0.1x_1^2 + 2x_2^2` (40 steps from :math:`(-5, -2)`) and on
Rosenbrock's banana-shaped valley (1000 steps from :math:`(-1.5, 2)`). The
learning rates were picked by hand so that each method makes visible progress;
the chapter on choosing an optimizer compares them with a fair tuning.
"""

import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import quadratic, rosenbrock
from gdlib.plotting import COLORS, plot_contour, plot_path, use_book_style

use_book_style()

# %%
# One set of optimizers per problem: ``(objective, start, steps, optimizers)``.
problems = {
    "quadratic": (quadratic, [-5.0, -2.0], 40,
                  {"Momentum, η = 0.4, γ = 0.5": gdlib.Momentum(lr=0.4, gamma=0.5),
                   "RMSProp, η = 0.4, γ = 0.9": gdlib.RMSProp(lr=0.4, gamma=0.9),
                   "Adam, η = 0.5": gdlib.Adam(lr=0.5)}),
    "Rosenbrock": (rosenbrock, [-1.5, 2.0], 1000,
                   {"Momentum, η = 0.001, γ = 0.9": gdlib.Momentum(lr=0.001, gamma=0.9),
                    "RMSProp, η = 0.01, γ = 0.9": gdlib.RMSProp(lr=0.01, gamma=0.9),
                    "Adam, η = 0.05": gdlib.Adam(lr=0.05)}),
}

# %%
# Each panel: the contours (logarithmically spaced for Rosenbrock), the paths,
# and each run's final loss in the legend. The black cross is the minimizer.
fig, axes = plt.subplots(1, 2, figsize=(9.5, 5.4))
for ax, (name, (f, x0, steps, optimizers)) in zip(axes, problems.items(), strict=True):
    plot_contour(ax, f, log=f is rosenbrock, levels=25)
    # Where paths run together, or end at the same point, the earlier ones are drawn
    # wider and with larger stars: each shows as a halo around the next.
    widths, stars = (5.0, 3.0, 1.2) if f is rosenbrock else (1.4, 1.4, 1.4), (19, 13.5, 9)
    dots = (6.0, 4.2, 3.0)
    for color, lw, end_ms, ms, (label, opt) in zip(COLORS[: len(optimizers)], widths, stars,
                                                   dots, optimizers.items(), strict=True):
        traj = gdlib.run(opt, f.grad, np.array(x0), steps, loss=f.value)
        plot_path(ax, traj.xs, color=color, marker="o" if steps <= 50 else None, lw=lw,
                  end_ms=end_ms, ms=ms, label=f"{label}: $f$ = {traj.losses[-1]:.1e}")
    ax.plot(*f.minimizers[0], "+", color="black", ms=28, mew=1.0, zorder=1.9)  # the minimizer
    ax.set_title(f"{name}, {steps} steps")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=9)
fig.suptitle("Momentum, RMSProp and Adam")
plt.show()

# sphinx_gallery_alt_text_1 = "Left, the quadratic with three 40-step paths from (-5,-2); momentum zig-zags across the valley, RMSProp runs straight to the axis and along it, Adam swings past the minimum to x1 about 1.4 and curls back. Right, Rosenbrock's valley with three 1000-step paths from (-1.5, 2) that follow the valley towards (1, 1)."
