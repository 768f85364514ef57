"""
Animation: escaping the saddle
==============================

Every optimizer starts at :math:`(1, 10^{-3})` on :math:`f(x_1, x_2) = x_1^2 - x_2^2`,
a hair off the line :math:`x_2 = 0` along which the iterates would slide
straight into the saddle point at the origin. The tiny :math:`x_2` component
grows by a factor :math:`1 + 2\\eta` per step of gradient descent: escape takes
a while. Momentum builds up speed along the escape direction, and the
adaptive methods rescale the tiny gradient component to a full-size step.
"""

# %%
# One learning rate for all
# -------------------------
# The saddle has no minimum to tune for, so every method uses
# :math:`\eta = 0.05` (AdaDelta, which has no learning rate, its defaults) for
# 80 steps. Each path stops once :math:`|x_2| \ge 1`: the run has escaped.
import matplotlib.pyplot as plt
import numpy as np

import gdlib
from gdlib.functions import saddle
from gdlib.plotting import OPTIMIZER_LOOKS, animate_trajectories, use_book_style

use_book_style()
OPTIMIZERS = {"GD": gdlib.GD, "Momentum": gdlib.Momentum, "Nesterov": gdlib.Nesterov,
              "AdaGrad": gdlib.AdaGrad, "RMSProp": gdlib.RMSProp, "Adam": gdlib.Adam,
              "AdamW": gdlib.AdamW, "AdaDelta": lambda lr: gdlib.AdaDelta()}
paths = {}
for name, make in OPTIMIZERS.items():
    xs = gdlib.run(make(0.05), saddle.grad, (1.0, 1e-3), 80).xs
    escape = np.argmax(np.abs(xs[:, 1]) >= 1)  # first step with |x2| >= 1
    paths[f"{name}: out at step {escape}"] = xs[: escape + 1]

# Each optimizer in its look from the chapter (colour, line style); the runs that
# others follow closely here are drawn wide, so that those show inside them.
WIDE = {"GD": 4.2, "Adam": 4.2}
looks = {label: (*OPTIMIZER_LOOKS[name][:2], WIDE.get(name, 1.6))
         for label, name in zip(paths, OPTIMIZERS, strict=True)}

# %%
# Animate
# -------
# Thirty frames cover the 80 steps, on a small figure drawn at 100 dpi (JPEG frames) so
# that the page stays light. Every run first slides towards the saddle point
# along :math:`x_1`, the direction of positive curvature; what differs is how
# soon the :math:`x_2` component takes over.
# Runs that reach the end of the race stop there, and their markers pile up on one point.
plt.rcParams["savefig.dpi"] = 100
anim = animate_trajectories(saddle, paths, box=((-0.5, 1.2), (-0.3, 1.3)), frames=30,
                            interval=150, title=r"Saddle $x_1^2 - x_2^2$, $\eta = 0.05$",
                            looks=looks)
fig = plt.gcf()
fig.set_size_inches(6.4, 3.9)
fig.axes[0].legend(loc="center left", bbox_to_anchor=(1.02, 0.5), fontsize=8)
plt.show()

# sphinx_gallery_alt_text_1 = "Animation in 30 frames of 80 steps of the eight optimizers, all with learning rate 0.05 (AdaDelta with its defaults), on the contour map of the saddle x1 squared minus x2 squared, from (1, 0.001), a hair above the line that leads straight into the saddle point at the origin; each path stops once the absolute value of x2 reaches 1, and the legend gives the step at which each escapes. RMSProp escapes first, at step 9, along a straight diagonal line, followed by Adam and AdamW at step 20; AdaDelta climbs almost vertically from x1 = 1; Nesterov and Momentum first slide along the x1 axis past the saddle point and then turn upwards; AdaGrad escapes at step 57 and GD, last, at step 73. The same escape is drawn as a still figure in the chapter Choosing an optimizer, which compares the eight optimizers on four test functions."

# %%
# The same escape as still figures
# --------------------------------
# These paths are drawn whole in :numref:`fig-choosing-paths` (bottom right), and the size
# :math:`|x_{2,t}|` of each run's second coordinate against the step in
# :numref:`fig-choosing-losses`.
