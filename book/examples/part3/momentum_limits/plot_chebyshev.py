"""
Chebyshev polynomials, and the best polynomial of a first-order method
======================================================================

The Chebyshev polynomial :math:`C_t` of degree :math:`t` is
:math:`\\cos(t \\arccos z)` on :math:`[-1, 1]`: it stays between :math:`-1` and
:math:`1` there and touches them :math:`t + 1` times, and outside it grows
fast. :math:`C_1(z) = z`, :math:`C_2(z) = 2z^2 - 1`, and
:math:`C_{t+1}(z) = 2z\\,C_t(z) - C_{t-1}(z)`. On the left we draw the first
four. On the right, the interval of eigenvalues
:math:`[\\lambda_{\\min}, \\lambda_{\\max}] = [0.1, 1]` (:math:`\\kappa = 10`) is
mapped onto :math:`[-1, 1]` and :math:`C_t` is divided by its value at
:math:`\\lambda = 0`: the result is the polynomial with :math:`p(0) = 1` that
is smallest on the whole interval, the best a first-order method can guarantee
after :math:`t` steps.
"""

# %%
# The polynomials
# ---------------
# numpy's own Chebyshev basis gives :math:`C_t`; the map
# :math:`z(\lambda) = (\lambda_{\max} + \lambda_{\min} - 2\lambda)/(\lambda_{\max} - \lambda_{\min})`
# sends :math:`\lambda_{\min}` to 1, :math:`\lambda_{\max}` to :math:`-1` and
# :math:`\lambda = 0` to :math:`(\kappa + 1)/(\kappa - 1) > 1`.
import matplotlib.pyplot as plt
import numpy as np
from numpy.polynomial import Chebyshev

from gdlib.plotting import COLORS, use_book_style

use_book_style()
lam_min, lam_max = 0.1, 1.0
z = np.linspace(-1, 1.12, 1001)
lam = np.linspace(0, 1.05, 1001)


def z_of(lam):
    return (lam_max + lam_min - 2 * lam) / (lam_max - lam_min)


STYLES = ["-", "--", "-.", ":"]

# %%
# The figure
# ----------
# Left: :math:`C_t` for :math:`t = 1, \dots, 4`, with :math:`z > 1` shaded.
# Right: :math:`p^\star_t(\lambda) = C_t(z(\lambda)) / C_t(z(0))` for
# :math:`t = 1, 2, 3`; the eigenvalue interval is shaded, and every curve passes
# through :math:`p(0) = 1` (the black dot).
fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.6))
left.axvspan(1, z[-1], color="0.9", lw=0)
left.axhline(1, color="0.6", lw=0.8, ls=":")
left.axhline(-1, color="0.6", lw=0.8, ls=":")
for t in range(1, 5):
    left.plot(z, Chebyshev.basis(t)(z), color=COLORS[t - 1], ls=STYLES[t - 1], lw=1.8,
              label=rf"$C_{t}$")
left.set_ylim(-1.6, 4.2)
left.set_xlabel("$z$")
left.set_ylabel("$C_t(z)$")
left.legend(loc="upper center", ncols=4, fontsize=10, bbox_to_anchor=(0.5, -0.16))

right.axvspan(lam_min, lam_max, color="0.9", lw=0)
right.axhline(0, color="0.6", lw=0.8)
for t in range(1, 4):
    C = Chebyshev.basis(t)
    peak = 1 / C(z_of(0))
    right.plot(lam, C(z_of(lam)) / C(z_of(0)), color=COLORS[t - 1], ls=STYLES[t - 1], lw=1.8,
               label=rf"$p^\star_{t}$, max {peak:.3f}")
right.plot([0], [1], "o", color="k", ms=7, zorder=3)
right.set_xlabel(r"eigenvalue $\lambda$")
right.set_ylabel(r"$p^\star_t(\lambda)$")
right.set_title(r"$\kappa = 10$")
right.legend(loc="upper center", ncols=3, fontsize=10, bbox_to_anchor=(0.5, -0.16))
plt.show()

# sphinx_gallery_alt_text_1 = "Left, four Chebyshev polynomials of degrees one to four against z from minus one to 1.12; inside the interval from minus one to one each oscillates between minus one and one, touching them one more time than its degree, and to the right of one, in a shaded band, each rises steeply, the higher the degree the faster. Right, the rescaled polynomials of degrees one to three against the eigenvalue from 0 to 1.05; all start at one at eigenvalue zero, and on the shaded interval from 0.1 to 1 they oscillate between equal peaks that shrink from 0.818 to 0.503 to 0.275 as the degree grows."
