"""Adam (momentum plus RMSProp, with bias correction) and AdamW (decoupled weight decay)."""

from typing import NamedTuple

import numpy as np

from .. import _checks
from ..ema import update_moment
from .base import Optimizer, divide, learning_rate

__all__ = ["Adam", "AdamW", "AdamState"]


class AdamState(NamedTuple):
    """State of :class:`Adam` and :class:`AdamW`: step count and the two moment estimates."""

    t: int
    v: np.ndarray
    s: np.ndarray


class _TwoMoments(Optimizer):
    """The hyperparameters Adam and its variants (AMSGrad, NAdam, AdaMax, Yogi) share, with
    Adam's defaults."""

    def __init__(self, lr, *, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = learning_rate("lr", lr)
        self.beta1 = _checks.unit_interval("beta1", beta1)
        self.beta2 = _checks.unit_interval("beta2", beta2)
        self.eps = _checks.nonnegative("eps", eps)


class Adam(_TwoMoments):
    r"""Adam: a moving average of the gradient, scaled by one of its square.

    Parameters
    ----------
    lr : float, array or Schedule
        Learning rate :math:`\eta > 0`.
    beta1 : float, default 0.9
        Decay :math:`\beta_1 \in [0, 1)` of the first moment (the gradient).
    beta2 : float, default 0.999
        Decay :math:`\beta_2 \in [0, 1)` of the second moment (the squared gradient).
    eps : float, default 1e-8
        :math:`\epsilon \ge 0`, added outside the square root.

    Notes
    -----
    .. math::
        v_t &= \beta_1 v_{t-1} + (1-\beta_1)\, g_t, \\
        s_t &= \beta_2 s_{t-1} + (1-\beta_2)\, g_t \odot g_t, \\
        \hat v_t &= \frac{v_t}{1-\beta_1^t}, \qquad
        \hat s_t = \frac{s_t}{1-\beta_2^t}, \\
        x^{(t)} &= x^{(t-1)} - \frac{\eta\, \hat v_t}{\sqrt{\hat s_t} + \epsilon},
        \qquad v_0 = s_0 = 0.

    Same parameterisation and defaults as ``torch.optim.Adam``.
    """

    def init(self, x):
        return AdamState(t=0, v=np.zeros_like(x), s=np.zeros_like(x))

    def update(self, x, g, state, lr):
        t = state.t + 1
        v = update_moment(state.v, g, self.beta1)  # First moment.
        s = update_moment(state.s, g * g, self.beta2)  # Second moment.
        v_hat = v / (1 - self.beta1**t)  # Bias corrections.
        s_hat = s / (1 - self.beta2**t)
        x = x - lr * divide(v_hat, np.sqrt(s_hat) + self.eps, self.eps)
        return x, AdamState(t, v, s)


class AdamW(Adam):
    r"""AdamW: Adam with weight decay applied to :math:`x` directly, not through the gradient.

    Parameters
    ----------
    lr, beta1, beta2, eps
        As in :class:`Adam`.
    weight_decay : float, default 0.01
        :math:`\mu \ge 0`.

    Notes
    -----
    .. math::
        x'^{(t-1)} = (1 - \eta\mu)\, x^{(t-1)}, \qquad
        x^{(t)} = x'^{(t-1)} - \frac{\eta\, \hat v_t}{\sqrt{\hat s_t} + \epsilon},

    with :math:`v, s, \hat v, \hat s` as in :class:`Adam`, computed from the
    gradient of the loss alone. Adding :math:`\mu x` to the gradient instead
    (L2 regularisation) would let the adaptive denominator shrink the decay of
    coordinates with large gradients; decoupling keeps it uniform. Same
    parameterisation as ``torch.optim.AdamW``.
    """

    def __init__(self, lr, *, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
        super().__init__(lr, beta1=beta1, beta2=beta2, eps=eps)
        self.weight_decay = _checks.nonnegative("weight_decay", weight_decay)

    def update(self, x, g, state, lr):
        decayed = x * (1 - lr * self.weight_decay)  # Decoupled weight decay.
        return super().update(decayed, g, state, lr)
