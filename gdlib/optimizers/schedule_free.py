"""Schedule-free SGD and AdamW (Defazio et al., 2024): averaging in place of a rate schedule.

Three sequences run together: :math:`z`, the base method's iterates (SGD's
or Adam's steps); :math:`x`, a running average of the :math:`z`'s, the point
to evaluate and to keep; and :math:`y`, a point between the two, where the
gradient is taken:

.. math::
    z_t = z_{t-1} - \\eta_t\\, d_t, \\qquad
    x_t = (1 - c_t)\\, x_{t-1} + c_t\\, z_t, \\qquad
    y_t = \\beta\\, x_t + (1 - \\beta)\\, z_t,

with :math:`d_t` the (preconditioned) gradient at :math:`y_{t-1}` and
:math:`x_0 = y_0 = z_0`. gdlib's iterates are the :math:`y_t`, the points
where the gradient is evaluated: :func:`gdlib.run` records them. The state
holds :math:`z_t` and :math:`x_t` (``state.z``, ``state.x``).

The ``schedulefree`` package keeps one tensor per parameter and moves it
between two of these points: ``optimizer.train()`` puts :math:`y` in it (the
gradient's point, where ``step()`` must be called) and ``optimizer.eval()``
puts :math:`x` (the point to evaluate and to save). In gdlib nothing moves:
the iterate is always :math:`y` (train mode), and the eval-mode point is
``state.x``.
"""

from typing import NamedTuple

import numpy as np

from .. import _checks
from ..ema import update_moment
from .base import Optimizer, divide, learning_rate

__all__ = ["ScheduleFreeSGD", "ScheduleFreeAdamW", "ScheduleFreeState", "ScheduleFreeAdamWState"]


class ScheduleFreeState(NamedTuple):
    """State of :class:`ScheduleFreeSGD`.

    Attributes
    ----------
    t : int
        Steps taken.
    z : numpy.ndarray
        :math:`z_t`, the SGD sequence.
    x : numpy.ndarray
        :math:`x_t`, the weighted average of :math:`z_1, \\dots, z_t`: the point to evaluate
        (the ``schedulefree`` package's parameters after ``eval()``).
    lr_max : float or numpy.ndarray
        The largest rate :math:`\\eta_i` so far (0 before the first step).
    weight_sum : float or numpy.ndarray
        :math:`\\sum_{i \\le t} w_i`, the sum of the averaging weights.
    """

    t: int
    z: np.ndarray
    x: np.ndarray
    lr_max: float | np.ndarray
    weight_sum: float | np.ndarray


class ScheduleFreeAdamWState(NamedTuple):
    """State of :class:`ScheduleFreeAdamW`: that of :class:`ScheduleFreeSGD` and the second
    moment :math:`s_t` (``exp_avg_sq`` in the ``schedulefree`` package)."""

    t: int
    z: np.ndarray
    x: np.ndarray
    s: np.ndarray
    lr_max: float | np.ndarray
    weight_sum: float | np.ndarray


class _ScheduleFree(Optimizer):
    """What both schedule-free methods share: the warm-up, the averaging weights and the
    three sequences."""

    def __init__(self, lr, *, weight_decay, warmup_steps, r, weight_lr_power):
        self.lr = learning_rate("lr", lr)
        self.weight_decay = _checks.nonnegative("weight_decay", weight_decay)
        self.warmup_steps = _checks.integer("warmup_steps", warmup_steps)
        self.r = _checks.nonnegative("r", r)
        self.weight_lr_power = _checks.nonnegative("weight_lr_power", weight_lr_power)

    def _rate_and_weight(self, state, lr):
        """Step ``t``'s rate (warmed up), the largest rate so far, the weight sum and
        :math:`c_t`."""
        t = state.t + 1
        if t <= self.warmup_steps:
            lr = lr * (t / self.warmup_steps)  # Linear warm-up.
        lr_max = np.maximum(lr, state.lr_max)
        weight = t**self.r * lr_max**self.weight_lr_power  # w_t
        weight_sum = state.weight_sum + weight
        # c_t = w_t / sum of w_i; 0 while every weight is 0 (rates of 0 from a schedule).
        c = divide(weight, weight_sum, 0.0)
        return t, lr, lr_max, weight_sum, c

    def _sequences(self, y, d, state, lr, beta, c):
        """``z``, ``x`` and ``y`` after a step along ``d``, with weight decay at ``y``."""
        if self.weight_decay:
            d = d + self.weight_decay * y  # Weight decay, computed at y.
        z = state.z - lr * d  # The base method's step.
        x = (1 - c) * state.x + c * z  # The average.
        y = beta * x + (1 - beta) * z  # Where the next gradient is taken.
        return y, z, x


class ScheduleFreeSGD(_ScheduleFree):
    r"""Schedule-free SGD: SGD's steps, averaged, with the gradient taken between the average
    and the last step.

    Parameters
    ----------
    lr : float, array or Schedule, default 1.0
        Learning rate :math:`\eta > 0`. No schedule is needed (that is the point),
        but one may be given; the warm-up multiplies it.
    momentum : float, default 0.9
        :math:`\beta \in [0, 1)`, the weight of the average :math:`x` in :math:`y`.
    weight_decay : float, default 0.0
        :math:`\mu \ge 0`, an L2 penalty: :math:`\mu y` is added to the gradient.
    warmup_steps : int, default 0
        :math:`T_w \ge 0`, the steps of a linear warm-up of the rate.
    r : float, default 0.0
        :math:`r \ge 0`: the averaging weights grow as :math:`t^r`.
    weight_lr_power : float, default 2.0
        :math:`p \ge 0`: the averaging weights grow as the largest rate so far to
        the power :math:`p`, which lowers the weight of the warm-up's steps.

    Notes
    -----
    .. math::
        \eta_t &= \eta \min(1,\, t / T_w), \qquad
        w_t = t^r \bigl(\max_{i \le t} \eta_i\bigr)^p, \qquad
        c_t = \frac{w_t}{\sum_{i=1}^t w_i}, \\
        z_t &= z_{t-1} - \eta_t \bigl(g_t + \mu\, y_{t-1}\bigr), \\
        x_t &= (1 - c_t)\, x_{t-1} + c_t\, z_t, \\
        y_t &= \beta\, x_t + (1 - \beta)\, z_t,
        \qquad x_0 = y_0 = z_0,

    where :math:`g_t` is the gradient at :math:`y_{t-1}`. The iterates of
    :func:`gdlib.run` are the :math:`y_t`; :math:`x_t` and :math:`z_t` are
    ``state.x`` and ``state.z``. Without warm-up and with :math:`r = 0` the
    weights are equal, :math:`c_t = 1/t`, and :math:`x_t` is the plain mean of
    :math:`z_1, \dots, z_t`. With :math:`\beta = 0` the gradient is taken at
    :math:`z`, and :math:`x` is the Polyak–Ruppert average of SGD's iterates;
    with :math:`\beta` near 1 it is taken near the average, a form of momentum.
    Defazio, Yang, Mehta, Mishchenko, Khaled & Cutkosky (2024), "The Road Less
    Scheduled", show that the average then does as well as a tuned schedule,
    without knowing the number of steps in advance.

    These are the steps of ``schedulefree.SGDScheduleFree``, with its
    hyperparameters' names and defaults: its ``train()`` mode holds
    :math:`y_t`, gdlib's iterate, and its ``eval()`` mode :math:`x_t`,
    ``state.x``. The package requires :math:`\beta > 0` (it recovers
    :math:`x` from :math:`y` and :math:`z`, dividing by :math:`\beta`); gdlib
    keeps :math:`x` and allows :math:`\beta = 0`.

    Examples
    --------
    On :math:`f(x) = x^2` from 1, with :math:`\eta = 0.1`: :math:`z_1 = 1 - 0.2 = 0.8`,
    :math:`c_1 = 1`, so :math:`x_1 = 0.8` and :math:`y_1 = 0.8`; then
    :math:`z_2 = 0.8 - 0.16 = 0.64`, :math:`x_2 = (0.8 + 0.64)/2 = 0.72` and
    :math:`y_2 = 0.9 \cdot 0.72 + 0.1 \cdot 0.64 = 0.712`:

    >>> import gdlib
    >>> opt = gdlib.ScheduleFreeSGD(0.1)
    >>> x, state = 1.0, opt.init(1.0)
    >>> for t in range(2):
    ...     x, state = opt.update(x, 2 * x, state, opt.lr)
    >>> round(float(x), 12), round(float(state.x), 12), round(float(state.z), 12)
    (0.712, 0.72, 0.64)
    """

    def __init__(self, lr=1.0, *, momentum=0.9, weight_decay=0.0, warmup_steps=0, r=0.0,
                 weight_lr_power=2.0):
        super().__init__(lr, weight_decay=weight_decay, warmup_steps=warmup_steps, r=r,
                         weight_lr_power=weight_lr_power)
        self.momentum = _checks.unit_interval("momentum", momentum)

    def init(self, x):
        x = np.array(x, dtype=np.float64)
        return ScheduleFreeState(t=0, z=x, x=x, lr_max=0.0, weight_sum=0.0)

    def update(self, x, g, state, lr):
        t, lr, lr_max, weight_sum, c = self._rate_and_weight(state, lr)
        y, z, average = self._sequences(x, g, state, lr, self.momentum, c)
        return y, ScheduleFreeState(t, z, average, lr_max, weight_sum)


class ScheduleFreeAdamW(_ScheduleFree):
    r"""Schedule-free AdamW: the steps of Adam without its first moment, averaged as in
    :class:`ScheduleFreeSGD`.

    Parameters
    ----------
    lr : float, array or Schedule, default 0.0025
        Learning rate :math:`\eta > 0`.
    beta1 : float, default 0.9
        :math:`\beta_1 \in [0, 1)`, the weight of the average :math:`x` in :math:`y`
        (it replaces Adam's first moment).
    beta2 : float, default 0.999
        Decay :math:`\beta_2 \in [0, 1)` of the second moment.
    eps : float, default 1e-8
        :math:`\epsilon \ge 0`, added outside the square root.
    weight_decay : float, default 0.0
        :math:`\mu \ge 0`: :math:`\mu y` is added to the preconditioned gradient,
        decoupled from it as in :class:`AdamW`.
    warmup_steps, r, weight_lr_power
        As in :class:`ScheduleFreeSGD`.

    Notes
    -----
    With :math:`\eta_t`, :math:`c_t` as in :class:`ScheduleFreeSGD`,

    .. math::
        s_t &= \beta_2 s_{t-1} + (1-\beta_2)\, g_t \odot g_t, \\
        d_t &= \frac{g_t}{\sqrt{s_t / (1 - \beta_2^t)} + \epsilon} + \mu\, y_{t-1}, \\
        z_t &= z_{t-1} - \eta_t\, d_t, \qquad
        x_t = (1 - c_t)\, x_{t-1} + c_t\, z_t, \\
        y_t &= \beta_1 x_t + (1 - \beta_1)\, z_t,

    from :math:`s_0 = 0` and :math:`x_0 = y_0 = z_0`. The iterates of
    :func:`gdlib.run` are the :math:`y_t`; ``state.x`` is the average
    :math:`x_t`, the point to evaluate. There is no first moment: the
    interpolation between :math:`x` and :math:`z` plays its part, and only the
    second moment is bias-corrected.

    These are the steps of ``schedulefree.AdamWScheduleFree``, with its
    defaults; its ``betas=(beta1, beta2)`` are two arguments here, as for
    :class:`Adam`. Its ``train()`` mode holds :math:`y_t`, gdlib's iterate,
    and its ``eval()`` mode :math:`x_t`, ``state.x``. As there, the default
    rate is that of warmed-up training of networks; for the small problems
    of this book a larger one is usual.

    Examples
    --------
    The first step's preconditioned gradient is its sign (up to :math:`\epsilon`), so
    :math:`z_1 = x_0 - \eta` for a positive gradient:

    >>> import gdlib
    >>> opt = gdlib.ScheduleFreeAdamW(0.1)
    >>> x, state = opt.update(1.0, 2.0, opt.init(1.0), opt.lr)
    >>> round(float(state.z), 6), round(float(x), 6)
    (0.9, 0.9)
    """

    def __init__(self, lr=0.0025, *, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0,
                 warmup_steps=0, r=0.0, weight_lr_power=2.0):
        super().__init__(lr, weight_decay=weight_decay, warmup_steps=warmup_steps, r=r,
                         weight_lr_power=weight_lr_power)
        self.beta1 = _checks.unit_interval("beta1", beta1)
        self.beta2 = _checks.unit_interval("beta2", beta2)
        self.eps = _checks.nonnegative("eps", eps)

    def init(self, x):
        x = np.array(x, dtype=np.float64)
        return ScheduleFreeAdamWState(t=0, z=x, x=x, s=np.zeros_like(x), lr_max=0.0,
                                      weight_sum=0.0)

    def update(self, x, g, state, lr):
        t, lr, lr_max, weight_sum, c = self._rate_and_weight(state, lr)
        s = update_moment(state.s, g * g, self.beta2)  # Second moment.
        s_hat = s / (1 - self.beta2**t)  # Its bias correction.
        d = divide(g, np.sqrt(s_hat) + self.eps, self.eps)  # Adam's step without momentum.
        y, z, average = self._sequences(x, d, state, lr, self.beta1, c)
        return y, ScheduleFreeAdamWState(t, z, average, s, lr_max, weight_sum)
