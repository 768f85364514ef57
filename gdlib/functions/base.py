"""The common shape of gdlib's objectives, and a root finder for one-dimensional ones."""

import numpy as np

from .. import _checks

__all__ = ["Objective", "roots"]


class Objective:
    """A differentiable function with everything the book needs to draw and analyse it.

    Subclasses set the class attributes and implement ``value``, ``grad`` and
    ``hessian``. gdlib's own vectorize each over leading axes: one-dimensional
    objectives work element-wise on any array; ``dim``-dimensional ones take
    arrays of shape ``(..., dim)``. A subclass whose ``value`` does so says it
    with ``vectorized = True`` in its class body; without it, :func:`gdlib.run`
    calls ``value`` once per point.

    Attributes
    ----------
    name : str
        Short name, used in legends.
    latex : str
        The formula, in LaTeX.
    dim : int
        Number of variables.
    box : tuple
        A plotting box that shows the interesting features: ``(lo, hi)`` for a
        one-dimensional objective, ``((x_lo, x_hi), (y_lo, y_hi))`` for two.
    """

    name = ""
    latex = ""
    dim = 1
    box = ()
    # Whether value (and calling the objective) accepts many points at once
    # (gdlib.vectorized). A class says so where it defines value; gdlib's own do.
    vectorized = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "value" in cls.__dict__ and cls.__dict__.get("vectorized") is True:
            cls.value.vectorized = True

    def __call__(self, x):
        return self.value(x)

    def value(self, x):
        raise NotImplementedError

    def grad(self, x):
        raise NotImplementedError

    def hessian(self, x):
        raise NotImplementedError

    @property
    def minimizers(self):
        """Known local minimizers, shape ``(k,)`` (one variable) or ``(k, dim)``."""
        raise NotImplementedError

    def grid(self, n=201):
        """A grid over :attr:`box`: ``x`` for one variable, ``(X, Y, points)`` for two,
        where ``points[..., 0] = X`` and ``points[..., 1] = Y``."""
        n = _checks.integer("n", n, minimum=2)
        if self.dim == 1:
            return np.linspace(*self.box, n)
        (x_lo, x_hi), (y_lo, y_hi) = self.box
        X, Y = np.meshgrid(np.linspace(x_lo, x_hi, n), np.linspace(y_lo, y_hi, n))
        return X, Y, np.stack([X, Y], axis=-1)

    def __repr__(self):
        return f"<{type(self).__name__} {self.name}: {self.latex}>"


def roots(fn, lo, hi, n=20001):
    """All roots of a continuous function of one variable in ``[lo, hi]``.

    Sign changes on a grid of ``n`` points bracket the simple roots; bisection
    (vectorized, to machine precision) refines them. Roots closer together
    than the grid spacing, and roots of even multiplicity, can be missed.

    Parameters
    ----------
    fn : callable
        Vectorized function of one variable.
    lo, hi : float
        The interval.
    n : int
        Grid size.

    Returns
    -------
    numpy.ndarray
        The roots, in increasing order.
    """
    lo, hi = _checks.real("lo", lo), _checks.real("hi", hi)
    if not lo < hi:
        raise ValueError(f"need lo < hi, got lo={lo!r}, hi={hi!r}")
    x = np.linspace(lo, hi, _checks.integer("n", n, minimum=3))
    y = fn(x)
    exact = x[y == 0]
    brackets = np.flatnonzero(np.sign(y[:-1]) * np.sign(y[1:]) < 0)
    a, b = x[brackets], x[brackets + 1]
    fa = y[brackets]
    for _ in range(200):
        mid = 0.5 * (a + b)
        if not np.any((mid > a) & (mid < b)):
            break
        fm = fn(mid)
        left = np.sign(fm) == np.sign(fa)
        a, fa = np.where(left, mid, a), np.where(left, fm, fa)
        b = np.where(left, b, mid)
    return np.sort(np.concatenate([exact, 0.5 * (a + b)]))
