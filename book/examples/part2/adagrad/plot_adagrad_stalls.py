"""
When AdaGrad's rates shrink too early
=====================================

AdaGrad's step in each coordinate is at most :math:`\\eta`, and while the
gradients keep roughly the same size it shrinks like :math:`\\eta/\\sqrt{t}`.
From a far start the rates have decayed long before the iterate arrives.
This example runs gradient descent and AdaGrad, both at :math:`\\eta = 0.4`,
on :math:`f(x) = 0.1x_1^2 + 2x_2^2` from :math:`(-5, -2)` and from ten times
farther, :math:`(-50, -20)`, and plots the loss relative to its starting value.
On a quadratic, gradient descent's relative progress does not depend on where
it starts; AdaGrad's does.
"""

import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import quadratic
from gdlib.plotting import COLORS, use_book_style

use_book_style()

# %%
# Four runs of 200 steps: two optimizers, two starting points.
steps = 200
starts = {"(−5, −2)": np.array([-5.0, -2.0]), "(−50, −20)": np.array([-50.0, -20.0])}
optimizers = {"GD": gdlib.GD(lr=0.4), "AdaGrad": gdlib.AdaGrad(lr=0.4)}
runs = {(name, start): gdlib.run(opt, quadratic.grad, x0, steps, loss=quadratic.value)
        for name, opt in optimizers.items() for start, x0 in starts.items()}

# %%
# The relative loss :math:`f(x^{(t)})/f(x^{(0)})` on a logarithmic axis. Colour is the
# optimizer, line style the start. The two gradient-descent curves coincide
# (the far start's circles sit on the near start's line).
fig, ax = plt.subplots(figsize=(7.0, 4.2))
for (name, start), traj in runs.items():
    color = COLORS[list(optimizers).index(name)]
    # GD's two curves coincide (its ratio does not depend on the start): the near
    # start is drawn wide, the far one thin and dashed on top of it, so both show.
    style, lw = ("-", 4.5) if start == "(−5, −2)" else ("--o", 1.5)
    ax.semilogy(traj.losses / traj.losses[0], style, color=color, lw=lw, markevery=20,
                mfc="white", label=f"{name}, η = 0.4, $x^{{(0)}}$ = {start}")
ax.set_xlabel("step $t$")
ax.set_ylabel("$f(x^{(t)}) / f(x^{(0)})$")
ax.set_title("GD and AdaGrad on $f(x) = 0.1x_1^2 + 2x_2^2$")
ax.legend(loc="lower left")
plt.show()

# sphinx_gallery_alt_text_1 = "Relative loss on a log scale over 200 steps. Gradient descent falls in a straight line to about 1e-15 from both starts; AdaGrad from (-5,-2) falls to about 1e-5, and from (-50,-20) it stays above 0.3."
