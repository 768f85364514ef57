"""Gradient descent and its momentum variants."""

from typing import NamedTuple

import numpy as np

from .. import _checks
from .base import Optimizer, learning_rate

__all__ = ["GD", "Momentum", "Nesterov", "VelocityState"]


class VelocityState(NamedTuple):
    """State of :class:`Momentum` and :class:`Nesterov`: the velocity :math:`v`."""

    v: np.ndarray


class GD(Optimizer):
    r"""Gradient descent.

    Parameters
    ----------
    lr : float, array or Schedule
        Learning rate :math:`\eta > 0`.

    Notes
    -----
    .. math:: x^{(t)} = x^{(t-1)} - \eta\, g_t, \qquad g_t = \nabla f(x^{(t-1)}).

    Identical to ``torch.optim.SGD(params, lr)``. Called "stochastic" gradient
    descent when :math:`g_t` is a random estimate of the gradient; the update is
    the same.

    Examples
    --------
    >>> import gdlib
    >>> gdlib.run(gdlib.GD(lr=0.25), lambda x: 2 * x, x0=1.0, steps=2).xs
    array([1.  , 0.5 , 0.25])
    """

    def __init__(self, lr):
        self.lr = learning_rate("lr", lr)

    def init(self, x):
        return ()

    def update(self, x, g, state, lr):
        return x - lr * g, state


class Momentum(Optimizer):
    r"""Gradient descent with (heavy-ball) momentum.

    Parameters
    ----------
    lr : float, array or Schedule
        Learning rate :math:`\eta > 0`.
    gamma : float, default 0.9
        Momentum :math:`\gamma \in [0, 1)`; ``gamma=0`` is plain gradient descent.

    Notes
    -----
    .. math::
        v_t = \gamma\, v_{t-1} + \eta\, g_t, \qquad x^{(t)} = x^{(t-1)} - v_t, \qquad v_0 = 0.

    The velocity is an exponential moving average of :math:`\eta g_t / (1-\gamma)`.
    PyTorch (``torch.optim.SGD(params, lr, momentum=gamma)``) keeps
    :math:`\tilde v_t = \gamma \tilde v_{t-1} + g_t` and steps :math:`x^{(t)} = x^{(t-1)} - \eta \tilde v_t`;
    for a constant :math:`\eta` the two are the same iterates with :math:`v = \eta \tilde v`.
    With a schedule they differ: here a new rate applies to new gradients only.
    """

    def __init__(self, lr, *, gamma=0.9):
        self.lr = learning_rate("lr", lr)
        self.gamma = _checks.unit_interval("gamma", gamma)

    def init(self, x):
        return VelocityState(v=np.zeros_like(x))

    def update(self, x, g, state, lr):
        v = self.gamma * state.v + lr * g  # Velocity.
        return x - v, VelocityState(v)


class Nesterov(Momentum):
    r"""Nesterov's accelerated gradient, in the form that needs the gradient at :math:`x` only.

    Parameters
    ----------
    lr : float, array or Schedule
        Learning rate :math:`\eta > 0`.
    gamma : float, default 0.9
        Momentum :math:`\gamma \in [0, 1)`.

    Notes
    -----
    .. math::
        v_t = \gamma\, v_{t-1} + \eta\, g_t, \qquad
        x^{(t)} = x^{(t-1)} - (\gamma\, v_t + \eta\, g_t), \qquad v_0 = 0.

    The textbook form evaluates the gradient at a look-ahead point:
    :math:`v_t = \gamma v_{t-1} + \eta \nabla f(\tilde x^{(t-1)} - \gamma v_{t-1})`,
    :math:`\tilde x^{(t)} = \tilde x^{(t-1)} - v_t`. Tracking
    :math:`x^{(t)} = \tilde x^{(t)} - \gamma v_t` (the point
    where the next gradient is taken) turns it into the update above. It matches
    ``torch.optim.SGD(params, lr, momentum=gamma, nesterov=True)`` with :math:`v = \eta \tilde v`.
    """

    def update(self, x, g, state, lr):
        v = self.gamma * state.v + lr * g  # Velocity, as in Momentum.
        return x - (self.gamma * v + lr * g), VelocityState(v)
