"""Per-coordinate learning rates: AdaGrad, RMSProp and AdaDelta.

Each divides the gradient, coordinate by coordinate, by the root of an
accumulated squared gradient :math:`s`. AdaGrad accumulates a running sum;
RMSProp replaces the sum by the exponential moving average that momentum uses;
AdaDelta also keeps an average of squared steps and so needs no learning rate.
"""

from typing import NamedTuple

import numpy as np

from .. import _checks
from ..ema import update_moment
from .base import Optimizer, divide, learning_rate

__all__ = ["AdaGrad", "RMSProp", "AdaDelta", "SquaredGradState", "AdaDeltaState"]


class SquaredGradState(NamedTuple):
    """State of :class:`AdaGrad` and :class:`RMSProp`: the accumulated :math:`g \\odot g`."""

    s: np.ndarray


class AdaDeltaState(NamedTuple):
    """State of :class:`AdaDelta`: averages of squared gradients and of squared steps."""

    s: np.ndarray
    delta: np.ndarray


class AdaGrad(Optimizer):
    r"""AdaGrad: every coordinate's rate shrinks with its own gradient history.

    Parameters
    ----------
    lr : float, array or Schedule
        Learning rate :math:`\eta > 0`.
    eps : float, default 1e-6
        :math:`\epsilon \ge 0`, added under the square root for stability.

    Notes
    -----
    .. math::
        s_t = s_{t-1} + g_t \odot g_t, \qquad
        x^{(t)} = x^{(t-1)} - \frac{\eta}{\sqrt{s_t + \epsilon}} \odot g_t, \qquad s_0 = 0.

    PyTorch's ``torch.optim.Adagrad`` adds its ``eps`` (default 1e-10) outside
    the root, :math:`\eta g / (\sqrt{s} + \epsilon)`, and starts :math:`s` at
    ``initial_accumulator_value``.
    """

    def __init__(self, lr, *, eps=1e-6):
        self.lr = learning_rate("lr", lr)
        self.eps = _checks.nonnegative("eps", eps)

    def init(self, x):
        return SquaredGradState(s=np.zeros_like(x))

    def update(self, x, g, state, lr):
        s = state.s + g * g  # Sum of squared gradients.
        x = x - lr * divide(g, np.sqrt(s + self.eps), self.eps)
        return x, SquaredGradState(s)


class RMSProp(Optimizer):
    r"""RMSProp: AdaGrad with the running sum replaced by a moving average.

    Parameters
    ----------
    lr : float, array or Schedule
        Learning rate :math:`\eta > 0`.
    gamma : float, default 0.9
        Decay :math:`\gamma \in [0, 1)` of the average of squared gradients.
    eps : float, default 1e-6
        :math:`\epsilon \ge 0`, added under the square root.

    Notes
    -----
    .. math::
        s_t = \gamma\, s_{t-1} + (1-\gamma)\, g_t \odot g_t, \qquad
        x^{(t)} = x^{(t-1)} - \frac{\eta}{\sqrt{s_t + \epsilon}} \odot g_t, \qquad s_0 = 0.

    ``torch.optim.RMSprop`` calls :math:`\gamma` ``alpha`` (default 0.99) and adds
    its ``eps`` (default 1e-8) outside the root.
    """

    def __init__(self, lr, *, gamma=0.9, eps=1e-6):
        self.lr = learning_rate("lr", lr)
        self.gamma = _checks.unit_interval("gamma", gamma)
        self.eps = _checks.nonnegative("eps", eps)

    def init(self, x):
        return SquaredGradState(s=np.zeros_like(x))

    def update(self, x, g, state, lr):
        s = update_moment(state.s, g * g, self.gamma)  # EMA of g * g.
        x = x - lr * divide(g, np.sqrt(s + self.eps), self.eps)
        return x, SquaredGradState(s)


class AdaDelta(Optimizer):
    r"""AdaDelta: RMSProp whose learning rate is replaced by the RMS of recent steps.

    Parameters
    ----------
    lr : float, array or Schedule, default 1.0
        A multiplier on the step. Zeiler's algorithm has none (``lr=1``);
        PyTorch's ``torch.optim.Adadelta`` has the same argument.
    rho : float, default 0.9
        Decay :math:`\gamma \in [0, 1)` of both moving averages (the book's :math:`\gamma`;
        Zeiler and PyTorch call it :math:`\rho`).
    eps : float, default 1e-6
        :math:`\epsilon \ge 0`. It also sets the size of the first steps,
        about :math:`\sqrt{\epsilon}`; with ``eps=0`` nothing ever moves.

    Notes
    -----
    .. math::
        s_t &= \gamma\, s_{t-1} + (1-\gamma)\, g_t \odot g_t, \\
        \Delta x^{(t)} &= \frac{\sqrt{\delta_{t-1} + \epsilon}}{\sqrt{s_t + \epsilon}} \odot g_t, \\
        \delta_t &= \gamma\, \delta_{t-1} + (1-\gamma)\, \Delta x^{(t)} \odot \Delta x^{(t)}, \\
        x^{(t)} &= x^{(t-1)} - \eta\, \Delta x^{(t)}, \qquad s_0 = \delta_0 = 0.

    The ratio of two root-mean-squares has the units of :math:`x`, which is
    Zeiler's argument for dropping the learning rate.
    """

    def __init__(self, lr=1.0, *, rho=0.9, eps=1e-6):
        self.lr = learning_rate("lr", lr)
        self.rho = _checks.unit_interval("rho", rho)
        self.eps = _checks.nonnegative("eps", eps)

    def init(self, x):
        return AdaDeltaState(s=np.zeros_like(x), delta=np.zeros_like(x))

    def update(self, x, g, state, lr):
        s = update_moment(state.s, g * g, self.rho)  # EMA of g * g.
        rms_step = np.sqrt(state.delta + self.eps)  # RMS of past steps.
        dx = rms_step * divide(g, np.sqrt(s + self.eps), self.eps)
        delta = update_moment(state.delta, dx * dx, self.rho)  # EMA of dx * dx.
        return x - lr * dx, AdaDeltaState(s, delta)
