"""Gradient clipping: wrappers that clip the gradient, then hand it to any optimizer.

A wrapper is an optimizer itself: its ``init`` and its ``lr`` are the wrapped
optimizer's, and its ``update`` calls the wrapped ``update`` with the clipped
gradient. So ``ClipByNorm(Adam(0.01), max_norm=1.0)`` runs under
:func:`gdlib.run` and :func:`gdlib.run_many` like ``Adam(0.01)``.
"""

import numpy as np

from .. import _checks
from .base import _Wrapper
from .points import batch_shape, check_point_ndim, point_norm

__all__ = ["ClipByNorm", "ClipByValue"]

TORCH_NORM_EPS = 1e-6  # torch.nn.utils.clip_grad_norm_ divides by norm + 1e-6


class _Clip(_Wrapper):
    """What both clipping wrappers share: the wrapped optimizer sees the clipped gradient."""

    def __init__(self, optimizer):
        super().__init__(optimizer)
        inner = optimizer
        while inner is not None:  # SAG, SAGA, SVRG never see a gradient they are given
            if getattr(inner, "evaluates_gradients", False):
                raise TypeError(f"{type(self).__name__} clips the gradient it is given, but "
                                f"{type(inner).__name__} evaluates its own gradients and does not "
                                f"use it: there is nothing to clip")
            inner = getattr(inner, "optimizer", None)

    def update(self, x, g, state, lr):
        return self.optimizer.update(x, self.clip(g), state, lr)

    def clip(self, g):
        """The clipped gradient."""
        raise NotImplementedError


class ClipByNorm(_Clip):
    r"""Scale each point's gradient down to norm ``max_norm`` at most, then step with ``optimizer``.

    Parameters
    ----------
    optimizer : Optimizer
        The optimizer that receives the clipped gradient, for example ``gdlib.Adam(0.01)``.
    max_norm : float
        :math:`c > 0`, the largest Euclidean norm a gradient keeps.
    point_ndim : int, default 1
        The number of trailing axes of ``x`` that make one point, whose norm is
        taken: 1 for a vector (leading axes are runs, so that under
        :func:`gdlib.run_many` each run is clipped by its own norm), 0 for a
        function of one number, 2 for a matrix (its Frobenius norm).

    Notes
    -----
    .. math::
        \tilde g_t = \min\Bigl(1,\, \frac{c}{\lVert g_t \rVert + 10^{-6}}\Bigr)\, g_t,

    and the wrapped optimizer's update runs with :math:`\tilde g_t` in place of
    :math:`g_t`. The direction is kept; only the length is capped. This is the
    formula of ``torch.nn.utils.clip_grad_norm_(params, max_norm)`` (with its
    default 2-norm, all of one point's coordinates as its parameters),
    including its :math:`10^{-6}`, which scales a gradient of norm just below
    :math:`c` by slightly less than one.

    Examples
    --------
    A gradient of norm 50 is cut to norm 1 before gradient descent sees it:

    >>> import gdlib
    >>> opt = gdlib.ClipByNorm(gdlib.GD(0.1), max_norm=1.0)
    >>> gdlib.run(opt, lambda x: [30.0, 40.0], x0=[0.0, 0.0], steps=1).final.round(6)
    array([-0.06, -0.08])
    """

    def __init__(self, optimizer, *, max_norm, point_ndim=1):
        super().__init__(optimizer)
        self.max_norm = _checks.positive("max_norm", max_norm)
        self.point_ndim = check_point_ndim(point_ndim)

    def init(self, x):
        batch_shape(x, self.point_ndim)
        return super().init(x)

    def clip(self, g):
        norm = point_norm(g, self.point_ndim)  # ||g_t||, one per point.
        scale = np.minimum(1.0, self.max_norm / (norm + TORCH_NORM_EPS))  # Clipping factor.
        return g * scale


class ClipByValue(_Clip):
    r"""Clip every coordinate of the gradient to :math:`[-c, c]`, then step with ``optimizer``.

    Parameters
    ----------
    optimizer : Optimizer
        The optimizer that receives the clipped gradient.
    max_value : float
        :math:`c > 0`, the largest absolute value a coordinate keeps.

    Notes
    -----
    .. math:: \tilde g_{t,i} = \max\bigl(-c,\, \min(c,\, g_{t,i})\bigr),

    coordinate by coordinate; the wrapped optimizer's update runs with
    :math:`\tilde g_t`. Unlike :class:`ClipByNorm` it can turn the direction.
    This is ``torch.nn.utils.clip_grad_value_(params, clip_value)``.

    Examples
    --------
    >>> import gdlib
    >>> opt = gdlib.ClipByValue(gdlib.GD(0.1), max_value=1.0)
    >>> gdlib.run(opt, lambda x: [30.0, -0.5], x0=[0.0, 0.0], steps=1).final
    array([-0.1 ,  0.05])
    """

    def __init__(self, optimizer, *, max_value):
        super().__init__(optimizer)
        self.max_value = _checks.positive("max_value", max_value)

    def clip(self, g):
        return np.clip(g, -self.max_value, self.max_value)  # Each coordinate into [-c, c].
