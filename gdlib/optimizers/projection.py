"""Projection: a wrapper that keeps any optimizer's iterates inside a box.

Like the clipping wrappers, :class:`ProjectToBox` is an optimizer itself: its
``init`` and its ``lr`` are the wrapped optimizer's, and its ``update`` calls
the wrapped ``update``, then projects the new iterate. So
``ProjectToBox(Adam(0.1), lower=-1.0, upper=1.0)`` runs under :func:`gdlib.run`
and :func:`gdlib.run_many` like ``Adam(0.1)``.
"""

import numpy as np

from .. import _checks
from .base import _Wrapper

__all__ = ["ProjectToBox"]


class ProjectToBox(_Wrapper):
    r"""Step with ``optimizer``, then project every coordinate onto :math:`[a, b]`.

    Parameters
    ----------
    optimizer : Optimizer
        The optimizer whose steps are projected, for example ``gdlib.Adam(0.1)``.
    lower, upper : float
        The box's bounds :math:`a < b`, the same for every coordinate.

    Notes
    -----
    .. math::
        x^{(t)} = \Pi_{[a,b]}\bigl(y^{(t)}\bigr),
        \qquad \Pi_{[a,b]}(y)_i = \min\bigl(b,\, \max(a,\, y_i)\bigr),

    where :math:`y^{(t)}` is the wrapped optimizer's step from
    :math:`x^{(t-1)}`, computed with its own state. This is projected
    (sub)gradient descent when the wrapped optimizer is :class:`GD`, and the
    projected Adam and AMSGrad of online convex optimization (Reddi, Kale &
    Kumar) when it is :class:`Adam` or :class:`AMSGrad`. Their analysis projects
    in the norm weighted by :math:`\sqrt{\hat s_t}`; for a box, whose
    coordinates are independent, that projection is the same coordinate-wise
    clip. The state is not projected: the moments keep the gradients that
    were seen.

    Examples
    --------
    Gradient descent on :math:`f(x) = (x - 3)^2` restricted to :math:`[-1, 1]`
    stops at the boundary point nearest the minimum:

    >>> import gdlib
    >>> opt = gdlib.ProjectToBox(gdlib.GD(0.4), lower=-1.0, upper=1.0)
    >>> gdlib.run(opt, lambda x: 2 * (x - 3), x0=0.0, steps=3).xs
    array([0., 1., 1., 1.])
    """

    def __init__(self, optimizer, *, lower, upper):
        super().__init__(optimizer)
        self.lower = _checks.real("lower", lower)
        self.upper = _checks.real("upper", upper)
        if not self.lower < self.upper:
            raise ValueError(f"lower must be < upper, got lower={lower!r}, upper={upper!r}")

    def init(self, x):
        """The wrapped optimizer's state; a start outside the box is refused (the gradient
        would be evaluated where the problem may not be defined)."""
        outside = (np.asarray(x) < self.lower) | (np.asarray(x) > self.upper)
        if np.any(outside):
            raise ValueError(f"x0 lies outside the box [{self.lower:g}, {self.upper:g}] of ProjectToBox "
                             f"(at {np.asarray(x)[outside][:3].tolist()}): start inside it, "
                             f"for example at numpy.clip(x0, lower, upper)")
        return self.optimizer.init(x)

    def update(self, x, g, state, lr):
        y, state = self.optimizer.update(x, g, state, lr)  # The wrapped step.
        return np.clip(y, self.lower, self.upper), state  # Back into the box.
