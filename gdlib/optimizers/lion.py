"""Lion: a step of the same size in every coordinate, in the direction of a momentum's sign."""

from typing import NamedTuple

import numpy as np

from .. import _checks
from ..ema import update_moment
from .base import Optimizer, learning_rate

__all__ = ["Lion", "LionState"]


class LionState(NamedTuple):
    """State of :class:`Lion`: the momentum :math:`v`."""

    v: np.ndarray


class Lion(Optimizer):
    r"""Lion (EvoLved Sign Momentum): the sign of an interpolated momentum, with decoupled weight decay.

    Parameters
    ----------
    lr : float, array or Schedule
        Learning rate :math:`\eta > 0`: the size of every coordinate's step.
    beta1 : float, default 0.9
        :math:`\beta_1 \in [0, 1)`: the weight of the momentum in the step's direction.
    beta2 : float, default 0.99
        Decay :math:`\beta_2 \in [0, 1)` of the momentum.
    weight_decay : float, default 0.0
        :math:`\lambda \ge 0`, applied to :math:`x` directly as in :class:`AdamW`.

    Notes
    -----
    .. math::
        c_t &= \beta_1 v_{t-1} + (1-\beta_1)\, g_t, \\
        x^{(t)} &= x^{(t-1)} - \eta\, \bigl(\operatorname{sign}(c_t) + \lambda\, x^{(t-1)}\bigr), \\
        v_t &= \beta_2 v_{t-1} + (1-\beta_2)\, g_t, \qquad v_0 = 0.

    The direction mixes the momentum and the current gradient with one weight,
    :math:`\beta_1`; the momentum itself is kept with another, :math:`\beta_2`.
    The sign makes every coordinate move by exactly :math:`\eta` (or not at all
    where :math:`c_t = 0`), so the step is larger than Adam's for the same
    :math:`\eta`: Chen et al. found Lion's best rate 3 to 10 times smaller than
    AdamW's, and its best :math:`\lambda` as many times larger. The update is
    the paper's Algorithm 2 (Chen et al., 2023, who found the method by a
    program search), and :math:`\beta_1 = 0.9`, :math:`\beta_2 = 0.99` are
    its defaults.

    Examples
    --------
    Every step has size :math:`\eta`, so on :math:`f(x) = x^2` Lion steps
    past the minimum and then back:

    >>> import gdlib
    >>> gdlib.run(gdlib.Lion(0.3), lambda x: 2 * x, x0=1.0, steps=5).xs.round(2)
    array([ 1. ,  0.7,  0.4,  0.1, -0.2,  0.1])
    """

    def __init__(self, lr, *, beta1=0.9, beta2=0.99, weight_decay=0.0):
        self.lr = learning_rate("lr", lr)
        self.beta1 = _checks.unit_interval("beta1", beta1)
        self.beta2 = _checks.unit_interval("beta2", beta2)
        self.weight_decay = _checks.nonnegative("weight_decay", weight_decay)

    def init(self, x):
        return LionState(v=np.zeros_like(x))

    def update(self, x, g, state, lr):
        c = update_moment(state.v, g, self.beta1)  # Momentum and gradient.
        # The sign step, with decoupled weight decay.
        x = x - lr * (np.sign(c) + self.weight_decay * x)
        v = update_moment(state.v, g, self.beta2)  # Momentum.
        return x, LionState(v)
