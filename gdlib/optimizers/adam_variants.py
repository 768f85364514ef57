"""Adam's descendants: AMSGrad, NAdam, AdaMax and Yogi.

Each keeps Adam's two moments, :math:`v_t` of the gradient and :math:`s_t` of
its square, and changes one line: AMSGrad divides by the largest :math:`s` seen
so far, NAdam takes a Nesterov look-ahead of :math:`v`, AdaMax replaces the
root of :math:`s` by a decaying maximum of :math:`|g|`, and Yogi lets :math:`s`
move by an additive step whose sign follows :math:`g_t^2 - s_{t-1}`.
"""

from typing import NamedTuple

import numpy as np

from .. import _checks
from ..ema import update_moment
from .adam import _TwoMoments
from .base import divide

__all__ = ["AMSGrad", "NAdam", "AdaMax", "Yogi", "AMSGradState", "NAdamState", "AdaMaxState",
           "YogiState"]


class AMSGradState(NamedTuple):
    """State of :class:`AMSGrad`: step count, Adam's two moments and the largest :math:`s` so far."""

    t: int
    v: np.ndarray
    s: np.ndarray
    s_max: np.ndarray


class NAdamState(NamedTuple):
    """State of :class:`NAdam`: step count, product :math:`\\prod_{i \\le t} \\mu_i`, the two moments."""

    t: int
    mu_product: float
    v: np.ndarray
    s: np.ndarray


class AdaMaxState(NamedTuple):
    """State of :class:`AdaMax`: step count, first moment and the decaying maximum :math:`u`."""

    t: int
    v: np.ndarray
    u: np.ndarray


class YogiState(NamedTuple):
    """State of :class:`Yogi`: the two moments."""

    v: np.ndarray
    s: np.ndarray


class AMSGrad(_TwoMoments):
    r"""AMSGrad: Adam that divides by the largest second moment seen so far.

    Parameters
    ----------
    lr, beta1, beta2, eps
        As in :class:`Adam`, with the same defaults.

    Notes
    -----
    .. math::
        v_t &= \beta_1 v_{t-1} + (1-\beta_1)\, g_t, \\
        s_t &= \beta_2 s_{t-1} + (1-\beta_2)\, g_t \odot g_t, \\
        s^{\max}_t &= \max\bigl(s^{\max}_{t-1},\, s_t\bigr), \\
        x^{(t)} &= x^{(t-1)} - \frac{\eta\, v_t / (1-\beta_1^t)}
                  {\sqrt{s^{\max}_t / (1-\beta_2^t)} + \epsilon},
        \qquad v_0 = s_0 = s^{\max}_0 = 0.

    Adam's denominator can shrink when large gradients leave its average, and
    then a rare large gradient in the right direction is outweighed by
    frequent small ones in the wrong one: Reddi, Kale & Kumar's counterexample,
    on which Adam converges to the worst point. The running maximum makes every
    coordinate's effective rate non-increasing.

    The same iterates as ``torch.optim.Adam(params, lr, amsgrad=True)``, which
    takes the maximum of the uncorrected :math:`s_t` and divides it by the
    current :math:`1-\beta_2^t`, as here. The paper's algorithm has no bias
    correction (:math:`x^{(t)} = x^{(t-1)} - \eta_t v_t / \sqrt{s^{\max}_t}`)
    and no :math:`\epsilon`, and its analysis uses :math:`\eta_t = \eta/\sqrt t`.

    Examples
    --------
    The first step is Adam's, of size :math:`\eta` (up to :math:`\epsilon`):

    >>> import gdlib
    >>> gdlib.run(gdlib.AMSGrad(0.1), lambda x: 2 * x, x0=1.0, steps=3).xs.round(4)
    array([1.    , 0.9   , 0.8004, 0.7016])
    """

    def init(self, x):
        return AMSGradState(t=0, v=np.zeros_like(x), s=np.zeros_like(x), s_max=np.zeros_like(x))

    def update(self, x, g, state, lr):
        t = state.t + 1
        v = update_moment(state.v, g, self.beta1)  # First moment estimate.
        s = update_moment(state.s, g * g, self.beta2)  # Second moment.
        s_max = np.maximum(state.s_max, s)  # Largest second moment so far.
        v_hat = v / (1 - self.beta1**t)  # Bias corrections.
        s_hat = s_max / (1 - self.beta2**t)
        x = x - lr * divide(v_hat, np.sqrt(s_hat) + self.eps, self.eps)
        return x, AMSGradState(t, v, s, s_max)


class NAdam(_TwoMoments):
    r"""NAdam: Adam with a Nesterov look-ahead on the first moment.

    Parameters
    ----------
    lr : float, array or Schedule
        Learning rate :math:`\eta > 0`.
    beta1 : float, default 0.9
        :math:`\beta_1 \in [0, 1)`: the decay of the first moment, and the limit
        of the momentum schedule :math:`\mu_t`.
    beta2 : float, default 0.999
        Decay :math:`\beta_2 \in [0, 1)` of the second moment.
    eps : float, default 1e-8
        :math:`\epsilon \ge 0`, added outside the square root.
    momentum_decay : float, default 0.004
        :math:`\psi \ge 0` in the momentum schedule below; ``0`` makes
        :math:`\mu_t = \beta_1/2` at every step.

    Notes
    -----
    .. math::
        \mu_t &= \beta_1 \bigl(1 - \tfrac12\, 0.96^{\,t\psi}\bigr), \\
        v_t &= \beta_1 v_{t-1} + (1-\beta_1)\, g_t, \\
        s_t &= \beta_2 s_{t-1} + (1-\beta_2)\, g_t \odot g_t, \\
        \hat s_t &= \frac{s_t}{1-\beta_2^t}, \\
        x^{(t)} &= x^{(t-1)}
            - \frac{\eta\,(1-\mu_t)}{1-\prod_{i=1}^{t}\mu_i}\,
              \frac{g_t}{\sqrt{\hat s_t} + \epsilon} \\
        &\quad - \frac{\eta\,\mu_{t+1}}{1-\prod_{i=1}^{t+1}\mu_i}\,
              \frac{v_t}{\sqrt{\hat s_t} + \epsilon},
        \qquad v_0 = s_0 = 0.

    The last two terms are Nesterov's look-ahead: the current gradient with
    this step's weight :math:`1-\mu_t` and the momentum with the next step's
    weight :math:`\mu_{t+1}`, each bias-corrected by the product of the
    :math:`\mu`'s it has seen. The state carries that product.

    The same iterates as ``torch.optim.NAdam(params, lr, betas=(beta1, beta2),
    eps, momentum_decay)``. Dozat's paper uses the same schedule
    (:math:`\psi = 0.004` is his :math:`0.96^{t/250}`), but averages the first
    moment with the varying :math:`\mu_t` instead of the fixed :math:`\beta_1`;
    gdlib follows PyTorch. PyTorch's default rate is 0.002.

    Examples
    --------
    >>> import gdlib
    >>> gdlib.run(gdlib.NAdam(0.1), lambda x: 2 * x, x0=1.0, steps=3).xs.round(4)
    array([1.    , 0.8944, 0.82  , 0.7527])
    """

    def __init__(self, lr, *, beta1=0.9, beta2=0.999, eps=1e-8, momentum_decay=0.004):
        super().__init__(lr, beta1=beta1, beta2=beta2, eps=eps)
        self.momentum_decay = _checks.nonnegative("momentum_decay", momentum_decay)

    def init(self, x):
        return NAdamState(t=0, mu_product=1.0, v=np.zeros_like(x), s=np.zeros_like(x))

    def mu(self, t):
        r"""The momentum schedule :math:`\mu_t = \beta_1 (1 - \frac12\, 0.96^{t\psi})`."""
        return self.beta1 * (1 - 0.5 * 0.96 ** (t * self.momentum_decay))

    def update(self, x, g, state, lr):
        t = state.t + 1
        mu, mu_next = self.mu(t), self.mu(t + 1)  # mu_t and mu_{t+1}.
        mu_product = state.mu_product * mu  # Product of the mu's so far.
        v = update_moment(state.v, g, self.beta1)  # First moment estimate.
        s = update_moment(state.s, g * g, self.beta2)  # Second moment.
        root = np.sqrt(s / (1 - self.beta2**t)) + self.eps  # Corrected root.
        g_scaled = divide(g, root, self.eps)
        v_scaled = divide(v, root, self.eps)
        # The gradient with this step's weight, the momentum with the next's.
        x = (x - lr * (1 - mu) / (1 - mu_product) * g_scaled
             - lr * mu_next / (1 - mu_product * mu_next) * v_scaled)
        return x, NAdamState(t, mu_product, v, s)


class AdaMax(_TwoMoments):
    r"""AdaMax: Adam with the root of the second moment replaced by a decaying maximum of :math:`|g|`.

    Parameters
    ----------
    lr, beta1
        As in :class:`Adam`: the rate :math:`\eta > 0` and the decay :math:`\beta_1`
        of the first moment, default 0.9.
    beta2 : float, default 0.999
        Decay :math:`\beta_2 \in [0, 1)` of the maximum.
    eps : float, default 1e-8
        :math:`\epsilon \ge 0`, added to :math:`|g_t|` inside the maximum.

    Notes
    -----
    .. math::
        v_t &= \beta_1 v_{t-1} + (1-\beta_1)\, g_t, \\
        u_t &= \max\bigl(\beta_2\, u_{t-1},\; |g_t| + \epsilon\bigr), \\
        x^{(t)} &= x^{(t-1)} - \frac{\eta}{1-\beta_1^t}\, \frac{v_t}{u_t},
        \qquad v_0 = u_0 = 0.

    Kingma & Ba derive it from Adam with the :math:`L^p` norm of past
    gradients in place of the :math:`L^2` norm, as :math:`p \to \infty`:
    :math:`u_t` is that infinity norm, with old gradients discounted by
    :math:`\beta_2^{t-i}`. :math:`u_t` needs no bias correction, and no root.

    The same iterates as ``torch.optim.Adamax(params, lr, betas=(beta1, beta2),
    eps)``, which adds :math:`\epsilon` to :math:`|g_t|` inside the maximum, as
    here. The paper has no :math:`\epsilon` (:math:`u_t = \max(\beta_2
    u_{t-1}, |g_t|)`); its default rate, and PyTorch's, is 0.002.

    Examples
    --------
    >>> import gdlib
    >>> gdlib.run(gdlib.AdaMax(0.1), lambda x: 2 * x, x0=1.0, steps=3).xs.round(4)
    array([1.    , 0.9   , 0.8052, 0.7155])
    """

    def init(self, x):
        return AdaMaxState(t=0, v=np.zeros_like(x), u=np.zeros_like(x))

    def update(self, x, g, state, lr):
        t = state.t + 1
        v = update_moment(state.v, g, self.beta1)  # First moment estimate.
        # Decaying maximum of |g|, then the bias-corrected step.
        u = np.maximum(self.beta2 * state.u, np.abs(g) + self.eps)
        x = x - lr / (1 - self.beta1**t) * divide(v, u, self.eps)
        return x, AdaMaxState(t, v, u)


class Yogi(_TwoMoments):
    r"""Yogi: Adam whose second moment moves by an additive step towards :math:`g_t^2`.

    Parameters
    ----------
    lr, beta1
        As in :class:`Adam`: the rate :math:`\eta > 0` and the decay :math:`\beta_1`
        of the first moment, default 0.9.
    beta2 : float, default 0.999
        :math:`\beta_2 \in [0, 1)`: :math:`s` moves by :math:`(1-\beta_2)\, g_t^2` per step.
    eps : float, default 1e-3
        :math:`\epsilon \ge 0`, added outside the square root (the paper's default).

    Notes
    -----
    .. math::
        v_t &= \beta_1 v_{t-1} + (1-\beta_1)\, g_t, \\
        s_t &= s_{t-1} - (1-\beta_2)\, \operatorname{sign}\bigl(s_{t-1} - g_t \odot g_t\bigr)
               \odot g_t \odot g_t, \\
        x^{(t)} &= x^{(t-1)} - \frac{\eta\, v_t}{\sqrt{s_t} + \epsilon},
        \qquad v_0 = s_0 = 0.

    Adam's :math:`s_t - s_{t-1} = (1-\beta_2)(g_t^2 - s_{t-1})` is proportional
    to :math:`s_{t-1}`: once :math:`s` is large it falls fast, and the effective
    rate :math:`\eta/\sqrt{s_t}` jumps up. Yogi keeps the direction of that
    change, towards :math:`g_t^2`, but moves by :math:`(1-\beta_2) g_t^2`
    whatever :math:`s_{t-1}` is, so the rate grows more gently (Zaheer et al.).
    From :math:`s_0 = 0`, :math:`s_t` stays :math:`\ge 0`.

    This is Algorithm 2 of the paper, from :math:`v_0 = s_0 = 0` and without
    bias correction. gdlib starts from zero as the paper's algorithm does, so
    that :math:`s_1 = (1-\beta_2) g_1^2` is Adam's uncorrected second moment
    and the two methods differ only by the sign rule and the correction. The
    first step is then :math:`\eta (1-\beta_1) g_1 / (\sqrt{1-\beta_2}\,
    |g_1| + \epsilon)`: with the defaults, about :math:`3.16\,\eta` per
    coordinate where :math:`|g_1|` is well above
    :math:`\epsilon/\sqrt{1-\beta_2} \approx 0.03` (Adam's first step is
    :math:`\eta`). Several implementations start :math:`s` at a small constant
    such as :math:`10^{-6}` instead, and some add Adam's bias correction: their
    iterates differ from these. The default :math:`\epsilon = 10^{-3}` is the
    paper's.

    Examples
    --------
    >>> import gdlib
    >>> gdlib.run(gdlib.Yogi(0.01), lambda x: 2 * x, x0=1.0, steps=3).xs.round(4)
    array([1.    , 0.9689, 0.9269, 0.878 ])
    """

    def __init__(self, lr, *, beta1=0.9, beta2=0.999, eps=1e-3):
        super().__init__(lr, beta1=beta1, beta2=beta2, eps=eps)

    def init(self, x):
        return YogiState(v=np.zeros_like(x), s=np.zeros_like(x))

    def update(self, x, g, state, lr):
        g2 = g * g
        v = update_moment(state.v, g, self.beta1)  # First moment estimate.
        # Additive second moment: a step of (1 - beta2) g^2 towards g^2.
        s = state.s - (1 - self.beta2) * np.sign(state.s - g2) * g2
        x = x - lr * divide(v, np.sqrt(s) + self.eps, self.eps)
        return x, YogiState(v, s)
