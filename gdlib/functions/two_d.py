"""Objectives of two variables: a saddle, an ill-conditioned quadratic, Rosenbrock and Beale.

Each takes points of shape ``(..., 2)`` and returns values of shape ``(...)``,
gradients of shape ``(..., 2)`` and Hessians of shape ``(..., 2, 2)``.
"""

import numpy as np

from .. import _checks
from .base import Objective

__all__ = ["Saddle", "Quadratic", "Rosenbrock", "Beale", "saddle", "quadratic", "rosenbrock",
           "beale"]


def _split(x):
    x = np.asarray(x, dtype=np.float64)
    if x.shape[-1:] != (2,):
        raise ValueError(f"expected points of shape (..., 2), got an array of shape {x.shape}")
    return x[..., 0], x[..., 1]


def _matrix(a, b, c, d):
    """Stack four arrays into 2 x 2 matrices along two new trailing axes."""
    a, b, c, d = np.broadcast_arrays(a, b, c, d)
    return np.stack([np.stack([a, b], -1), np.stack([c, d], -1)], -2)


class Saddle(Objective):
    r"""The saddle :math:`f(x) = x_1^2 - x_2^2`: a minimum along :math:`x_1`, a maximum along :math:`x_2`.

    .. math:: \nabla f = (2x, -2y), \qquad \nabla^2 f = \operatorname{diag}(2, -2).
    """

    name = "saddle"
    latex = r"x_1^2 - x_2^2"
    dim = 2
    box = ((-1.0, 1.0), (-1.0, 1.0))

    vectorized = True  # value takes many points at once

    def value(self, x):
        x1, x2 = _split(x)
        return x1**2 - x2**2

    def grad(self, x):
        x1, x2 = _split(x)
        return np.stack([2 * x1, -2 * x2], axis=-1)

    def hessian(self, x):
        x1, _ = _split(x)
        zero = np.zeros_like(x1)
        return _matrix(zero + 2, zero, zero, zero - 2)

    @property
    def minimizers(self):
        return np.empty((0, 2))


class Quadratic(Objective):
    r"""An axis-aligned quadratic :math:`f(x_1, x_2) = a x_1^2 + b x_2^2`.

    The default :math:`0.1 x_1^2 + 2 x_2^2` curves 20 times more steeply along
    :math:`x_2` than along :math:`x_1`: the book's ill-conditioned example.

    .. math::
        \nabla f = (2a x_1, 2b x_2), \qquad \nabla^2 f = \operatorname{diag}(2a, 2b).

    Parameters
    ----------
    a, b : float
        Positive curvature coefficients.
    """

    dim = 2
    box = ((-5.5, 1.5), (-3.0, 3.0))

    def __init__(self, a=0.1, b=2.0):
        self.a = _checks.positive("a", a)
        self.b = _checks.positive("b", b)
        self.name = f"{self.a:g} x1^2 + {self.b:g} x2^2"
        self.latex = rf"{self.a:g}\,x_1^2 + {self.b:g}\,x_2^2"

    @property
    def eigenvalues(self):
        """The Hessian's eigenvalues :math:`(2a, 2b)`."""
        return np.array([2 * self.a, 2 * self.b])

    @property
    def condition_number(self):
        r""":math:`\kappa = \max(a, b) / \min(a, b)`."""
        return max(self.a, self.b) / min(self.a, self.b)

    vectorized = True  # value takes many points at once

    def value(self, x):
        x1, x2 = _split(x)
        return self.a * x1**2 + self.b * x2**2

    def grad(self, x):
        x1, x2 = _split(x)
        return np.stack([2 * self.a * x1, 2 * self.b * x2], axis=-1)

    def hessian(self, x):
        x1, _ = _split(x)
        zero = np.zeros_like(x1)
        return _matrix(zero + 2 * self.a, zero, zero, zero + 2 * self.b)

    @property
    def minimizers(self):
        return np.zeros((1, 2))


class Rosenbrock(Objective):
    r"""Rosenbrock's banana :math:`f(x) = (a - x_1)^2 + b\,(x_2 - x_1^2)^2`, minimum at :math:`(a, a^2)`.

    .. math::
        \nabla f = \bigl(-2(a - x_1) - 4b\,x_1\,(x_2 - x_1^2),\; 2b\,(x_2 - x_1^2)\bigr).

    The minimum sits in a long, curved, flat-bottomed valley: easy to find, slow to follow.
    """

    dim = 2
    box = ((-2.0, 2.0), (-1.0, 3.0))

    def __init__(self, a=1.0, b=100.0):
        self.a = _checks.real("a", a)
        self.b = _checks.positive("b", b)
        self.name = "Rosenbrock"
        self.latex = rf"({self.a:g} - x_1)^2 + {self.b:g}\,(x_2 - x_1^2)^2"

    vectorized = True  # value takes many points at once

    def value(self, x):
        x1, x2 = _split(x)
        return (self.a - x1) ** 2 + self.b * (x2 - x1**2) ** 2

    def grad(self, x):
        x1, x2 = _split(x)
        valley = x2 - x1**2
        return np.stack([-2 * (self.a - x1) - 4 * self.b * x1 * valley, 2 * self.b * valley], -1)

    def hessian(self, x):
        x1, x2 = _split(x)
        off = -4 * self.b * x1
        return _matrix(2 - 4 * self.b * (x2 - x1**2) + 8 * self.b * x1**2, off, off,
                       np.full_like(x1, 2 * self.b))

    @property
    def minimizers(self):
        return np.array([[self.a, self.a**2]])


class Beale(Objective):
    r"""Beale's function, minimum :math:`0` at :math:`(3, 0.5)`.

    .. math::
        f(x) = (1.5 - x_1 + x_1x_2)^2 + (2.25 - x_1 + x_1x_2^2)^2 + (2.625 - x_1 + x_1x_2^3)^2.

    Sharp ridges and flat plateaus, with values spanning five orders of magnitude
    on :attr:`box`.
    """

    name = "Beale"
    latex = r"(1.5 - x_1 + x_1x_2)^2 + (2.25 - x_1 + x_1x_2^2)^2 + (2.625 - x_1 + x_1x_2^3)^2"
    dim = 2
    box = ((-4.5, 4.5), (-4.5, 4.5))
    _c = (1.5, 2.25, 2.625)

    def _terms(self, x):
        x1, x2 = _split(x)
        return x1, x2, [c - x1 + x1 * x2**k for k, c in enumerate(self._c, start=1)]

    vectorized = True  # value takes many points at once

    def value(self, x):
        _, _, terms = self._terms(x)
        return sum(r**2 for r in terms)

    def grad(self, x):
        x1, x2, terms = self._terms(x)
        dx = sum(2 * r * (x2**k - 1) for k, r in enumerate(terms, start=1))
        dy = sum(2 * r * k * x1 * x2 ** (k - 1) for k, r in enumerate(terms, start=1))
        return np.stack([dx, dy], axis=-1)

    def hessian(self, x):
        x1, x2, terms = self._terms(x)
        dxx = dxy = dyy = 0.0
        for k, r in enumerate(terms, start=1):
            r_x = x2**k - 1  # d r / dx
            r_y = k * x1 * x2 ** (k - 1)  # d r / dy
            r_xy = k * x2 ** (k - 1)
            r_yy = k * (k - 1) * x1 * x2 ** (k - 2) if k > 1 else 0.0
            dxx = dxx + 2 * r_x**2
            dxy = dxy + 2 * (r_x * r_y + r * r_xy)
            dyy = dyy + 2 * (r_y**2 + r * r_yy)
        return _matrix(dxx, dxy, dxy, dyy)

    @property
    def minimizers(self):
        return np.array([[3.0, 0.5]])


saddle = Saddle()
quadratic = Quadratic()
rosenbrock = Rosenbrock()
beale = Beale()
