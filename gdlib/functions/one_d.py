"""Objectives of one variable: the running example :math:`x\\cos(\\pi x)` and the cubic :math:`x^3`."""

import functools

import numpy as np

from .base import Objective, roots

__all__ = ["XCosPiX", "Cubic", "xcos", "cubic"]


class Objective1D(Objective):
    """An objective of one variable, with its critical points found numerically."""

    def critical_points(self, lo=None, hi=None):
        """Roots of the derivative in ``[lo, hi]`` (default: :attr:`box`), classified.

        Returns
        -------
        points : numpy.ndarray
            The critical points, in increasing order.
        kinds : list of str
            ``"min"``, ``"max"`` or ``"flat"`` for each, by the sign of :math:`f''`
            (``"flat"`` when :math:`f'' = 0` and the second-order test is silent).
        """
        lo = self.box[0] if lo is None else lo
        hi = self.box[1] if hi is None else hi
        points = roots(self.grad, lo, hi)
        curvature = self.hessian(points)
        kinds = ["min" if c > 0 else "max" if c < 0 else "flat" for c in curvature]
        return points, kinds

    @functools.cached_property
    def minimizers(self):
        """The local minimizers in :attr:`box` (found once, on the first use)."""
        points, kinds = self.critical_points()
        return points[[kind == "min" for kind in kinds]]


class XCosPiX(Objective1D):
    r"""The book's running example, :math:`f(x) = x\cos(\pi x)`.

    .. math::
        f'(x) = \cos(\pi x) - \pi x \sin(\pi x), \qquad
        f''(x) = -2\pi \sin(\pi x) - \pi^2 x \cos(\pi x).

    :math:`f` is odd and unbounded below on the real line; on :attr:`box`
    :math:`[-1, 2]` it has a local minimum near :math:`-0.27` and the global one
    near :math:`1.09`.
    """

    name = "x cos(pi x)"
    latex = r"x\cos(\pi x)"
    box = (-1.0, 2.0)

    vectorized = True  # value takes many points at once

    def value(self, x):
        return x * np.cos(np.pi * x)

    def grad(self, x):
        px = np.pi * x
        return np.cos(px) - px * np.sin(px)

    def article_grad(self, x):
        r"""The source article's derivative, :math:`\cos(\pi x) - x\sin(\pi x)`.

        It drops the factor :math:`\pi` that the chain rule puts in front of
        :math:`x\sin(\pi x)`, so it is *not* the derivative of :math:`f`.
        """
        return np.cos(np.pi * x) - x * np.sin(np.pi * x)

    def hessian(self, x):
        px = np.pi * x
        return -2 * np.pi * np.sin(px) - np.pi * px * np.cos(px)


class Cubic(Objective1D):
    r""":math:`f(x) = x^3`: zero gradient at :math:`x = 0`, which is no minimum.

    .. math:: f'(x) = 3x^2, \qquad f''(x) = 6x.
    """

    name = "x^3"
    latex = r"x^3"
    box = (-2.0, 2.0)

    vectorized = True  # value takes many points at once

    def value(self, x):
        return x**3

    def grad(self, x):
        return 3 * x**2

    def hessian(self, x):
        return 6 * x

    def critical_points(self, lo=None, hi=None):
        """The one critical point, :math:`x = 0`, where :math:`f''` vanishes too."""
        lo = self.box[0] if lo is None else lo
        hi = self.box[1] if hi is None else hi
        points = np.array([0.0]) if lo <= 0 <= hi else np.array([])
        return points, ["flat"] * len(points)


xcos = XCosPiX()
cubic = Cubic()
