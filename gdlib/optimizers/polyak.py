"""Polyak's step size, and its stochastic version SPS: the rate that the loss's height gives.

If the optimal value :math:`f^\\star` is known, the distance to go down is
known too, and the rate follows from it: :math:`\\eta_t = (f(x) - f^\\star) /
\\lVert \\nabla f(x) \\rVert^2`. The optimizer holds the loss, as
:class:`~gdlib.Backtracking` does, and evaluates it once per step.

The stochastic Polyak step (SPS) is not a class of its own: it is
:class:`Polyak` with the loss of the minibatch whose gradient the step
receives, ``Polyak(loss=sampler.loss, c=0.5, max_lr=...)`` with a
:class:`~gdlib.functions.MinibatchGradient` ``sampler`` as the gradient. The
sampler remembers the batch its last call drew, and ``sampler.loss`` is the
loss of that very batch, so that :math:`f_i` and :math:`\\nabla f_i` are
evaluated on the same examples, as SPS needs.
"""

from typing import NamedTuple

import numpy as np

from .. import _checks
from ..losses import loss_values
from .base import Optimizer, learning_rate
from .points import batch_shape, check_point_ndim
from .second_order import _callable, _expand

__all__ = ["Polyak", "PolyakState"]


class PolyakState(NamedTuple):
    """State of :class:`Polyak`, one entry per point.

    Attributes
    ----------
    evaluations : numpy.ndarray of int
        Loss evaluations so far (one per step), the cost that the gradient count does not show.
    rate : numpy.ndarray
        The Polyak rate :math:`\\eta_t` of the last step (0 before the first, and where
        the step was none; see :class:`Polyak`).
    """

    evaluations: np.ndarray
    rate: np.ndarray


class Polyak(Optimizer):
    r"""Gradient descent with Polyak's step size, optionally capped: SPS with a minibatch loss.

    Parameters
    ----------
    lr : float, array or Schedule, default 1.0
        A multiplier :math:`\gamma > 0` of every step; 1 is Polyak's method.
    loss : callable
        The objective :math:`f`, evaluated once per step at the current point.
        Declared vectorized (as the objectives of :mod:`gdlib.functions` are; see
        :func:`gdlib.vectorized`) it is called once on all the points of a batch
        of runs; otherwise once per point. For SPS, the loss of the gradient's
        minibatch: ``sampler.loss`` of a :class:`~gdlib.functions.MinibatchGradient`.
    f_star : float, default 0.0
        :math:`f^\star`, the optimal value, or a lower bound of it: 0 for every
        nonnegative loss (least squares, logistic regression).
    c : float, default 1.0
        :math:`c > 0`, which divides the rate; SPS's theory takes :math:`c = 1/2`.
    max_lr : float, optional
        :math:`\eta_{\max} > 0`, a cap on the rate (SPS\ :sub:`max`'s
        :math:`\gamma_b`); None (the default) caps nothing.
    point_ndim : int, default 1
        The number of trailing axes of ``x`` that make one point: 1 for a vector
        (leading axes are runs, as in :func:`gdlib.run_many`), 0 for a function
        of one number. Each point has its own rate.

    Notes
    -----
    .. math::
        \eta_t = \min\Bigl(\frac{\bigl(f(x^{(t-1)}) - f^\star\bigr)_+}{c\, \lVert g_t \rVert^2},\;
        \eta_{\max}\Bigr), \qquad
        x^{(t)} = x^{(t-1)} - \gamma\, \eta_t\, g_t,

    with :math:`(u)_+ = \max(u, 0)`. With :math:`c = 1` and no cap, the step
    goes to where the linear model :math:`f(x) - \eta \lVert g_t \rVert^2`
    reaches :math:`f^\star` (Polyak, 1987). On a convex :math:`f` with the exact
    :math:`f^\star` no rate has to be tuned; a lower bound below :math:`f^\star`
    makes the steps too long near the minimum, and a cap keeps them bounded.

    Two readings make every step defined: where :math:`g_t = 0` the point does
    not move and :math:`\eta_t = 0` (at a minimizer, where
    :math:`f = f^\star`, the formula is 0/0); and where :math:`f <
    f^\star` (the given :math:`f^\star` was too high) the rate is 0 rather than
    negative, a step uphill.

    **SPS.** The stochastic Polyak step of Loizou, Vaswani, Hadj Laradji &
    Lacoste-Julien (2021), SPS\ :sub:`max`, is this update with :math:`f` and
    :math:`g_t` the loss and the gradient of one minibatch :math:`B`:
    :math:`\eta_t = \min\bigl((f_B(x) - f_B^\star)/(c\,\lVert \nabla f_B(x)
    \rVert^2),\, \gamma_b\bigr)`. Both must come from the same batch. A
    :class:`~gdlib.functions.MinibatchGradient` draws a batch on each call and
    keeps it; its method ``loss`` is the loss of that batch, and :func:`gdlib.run`
    calls the gradient before the update of each step. So
    ``Polyak(loss=sampler.loss, c=0.5, max_lr=gamma_b)`` run with
    ``grad=sampler`` is SPS\ :sub:`max`. The paper's :math:`f_i^\star` is the
    minimum of each :math:`f_i`; ``f_star`` is one number for every batch,
    which is exact for models that interpolate their data (every
    :math:`f_i^\star = 0`) and a lower bound for the others.

    Examples
    --------
    On :math:`f(x) = x^2`, with :math:`f^\star = 0`, the rate is :math:`x^2 / (2x)^2 = 1/4`,
    and each step halves :math:`x`:

    >>> import gdlib
    >>> opt = gdlib.Polyak(loss=lambda x: x**2, point_ndim=0)
    >>> gdlib.run(opt, lambda x: 2 * x, x0=1.0, steps=3).xs
    array([1.   , 0.5  , 0.25 , 0.125])
    """

    def __init__(self, lr=1.0, *, loss, f_star=0.0, c=1.0, max_lr=None, point_ndim=1):
        self.lr = learning_rate("lr", lr)
        self.loss = _callable("loss", loss)
        self.f_star = _checks.real("f_star", f_star)
        self.c = _checks.positive("c", c)
        self.max_lr = None if max_lr is None else _checks.positive("max_lr", max_lr)
        self.point_ndim = check_point_ndim(point_ndim)

    def init(self, x):
        shape = batch_shape(x, self.point_ndim)
        return PolyakState(evaluations=np.zeros(shape, dtype=np.int64), rate=np.zeros(shape))

    def update(self, x, g, state, lr):
        x = np.asarray(x, dtype=np.float64)
        g = np.asarray(g, dtype=np.float64)
        shape = batch_shape(x, self.point_ndim)
        axes = tuple(range(len(shape), x.ndim))  # the axes of one point
        point_shape = x.shape[len(shape):]
        points = x.reshape((-1,) + point_shape)
        f = loss_values(self.loss, points).reshape(shape)  # f(x^{(t-1)})
        gap = np.maximum(f - self.f_star, 0.0)  # (f - f*)_+
        squared_norm = np.sum(g * g, axis=axes)  # ||g_t||^2, one per point
        # The Polyak rate; 0 where g_t = 0 (0/0 at a minimizer: stay).
        eta = np.zeros(shape)
        with np.errstate(all="ignore"):
            np.divide(gap, self.c * squared_norm, out=eta,
                      where=squared_norm != 0)
        if self.max_lr is not None:
            eta = np.minimum(eta, self.max_lr)  # SPS_max's cap
        x = x - lr * _expand(eta, axes) * g
        return x[()], PolyakState(state.evaluations + 1, eta)
