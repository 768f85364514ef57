"""Learning-rate schedules: the learning rate :math:`\\eta_t` as a function of the step :math:`t`.

Every optimizer that takes ``lr`` also accepts a schedule in its place, for
example ``gdlib.GD(lr=gdlib.schedules.Cosine(0.1, total_steps=100))``. A schedule
is a callable that maps a step number :math:`t = 1, 2, \\dots` (an int or an
integer array) to the learning rate used by that step.
"""

import numpy as np

from . import _checks

__all__ = ["Schedule", "Constant", "StepDecay", "MultiStep", "Exponential", "InversePower",
           "InverseSqrt", "Cosine", "Warmup"]


class Schedule:
    """Base class: subclasses implement ``rate(t)`` for a float array of steps >= 1."""

    def __call__(self, t):
        t = np.asarray(t)
        if t.dtype == np.bool_ or not np.issubdtype(t.dtype, np.integer):
            raise TypeError(f"t must be an integer step number (or array of them), got {t!r}")
        if np.any(t < 1):
            raise ValueError(f"t counts steps from 1, got {t!r}")
        rate = np.asarray(self.rate(t.astype(np.float64)))
        if rate.dtype.kind not in "iuf" or rate.shape not in {(), t.shape}:
            raise TypeError(f"{type(self).__name__}.rate must return real numbers shaped like t "
                            f"({t.shape}), got {rate!r}")
        rate = np.broadcast_to(rate.astype(np.float64), t.shape)
        return float(rate) if rate.ndim == 0 else np.array(rate)

    def rate(self, t):
        """The learning rate at steps ``t``: a float64 array of step numbers >= 1, already checked."""
        raise NotImplementedError

    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{type(self).__name__}({fields})"

    # A schedule is not a number: used as one (an update driven by hand with
    # ``optimizer.lr``), it says which number to use instead.
    __array_ufunc__ = None  # numpy defers to the methods below

    def _not_a_number(self, *_):
        raise TypeError(f"{self!r} is a schedule, not a learning rate: the rate of step t is "
                        f"schedule(t), or optimizer.lr_at(t) for an optimizer's lr")

    __mul__ = __rmul__ = __truediv__ = __rtruediv__ = __add__ = __radd__ = _not_a_number
    __sub__ = __rsub__ = __neg__ = __pow__ = __rpow__ = _not_a_number


class Constant(Schedule):
    r"""The same rate at every step: :math:`\eta_t = \eta`."""

    def __init__(self, lr):
        self.lr = _checks.positive("lr", lr)

    def rate(self, t):
        return np.full_like(t, self.lr)


class StepDecay(Schedule):
    r"""Multiply the rate by ``factor`` every ``step_size`` steps.

    .. math:: \eta_t = \eta\, \text{factor}^{\lfloor (t-1)/\text{step\_size} \rfloor}
    """

    def __init__(self, lr, step_size, factor=0.1):
        self.lr = _checks.positive("lr", lr)
        self.step_size = _checks.integer("step_size", step_size, minimum=1)
        self.factor = _checks.decay_factor("factor", factor)

    def rate(self, t):
        return self.lr * self.factor ** np.floor((t - 1) / self.step_size)


class MultiStep(Schedule):
    r"""Multiply the rate by ``factor`` once each milestone has passed.

    .. math:: \eta_t = \eta\, \text{factor}^{\#\{m \in \text{milestones} : m < t\}}

    With ``milestones=(100, 150)`` steps 1-100 use :math:`\eta`, steps 101-150
    use :math:`\eta\,\text{factor}` and later steps :math:`\eta\,\text{factor}^2`.
    """

    def __init__(self, lr, milestones, factor=0.1):
        self.lr = _checks.positive("lr", lr)
        if isinstance(milestones, (str, bytes)) or not np.iterable(milestones):
            raise TypeError(f"milestones must be a sequence of step numbers such as (100, 150), "
                            f"got {milestones!r}")
        milestones = tuple(_checks.integer("milestones", m, minimum=1) for m in milestones)
        if list(milestones) != sorted(set(milestones)):
            raise ValueError(f"milestones must be strictly increasing, got {milestones!r}")
        self.milestones = milestones
        self.factor = _checks.decay_factor("factor", factor)

    def rate(self, t):
        passed = np.searchsorted(np.asarray(self.milestones, dtype=np.float64), t, side="left")
        return self.lr * self.factor**passed


class Exponential(Schedule):
    r"""Geometric decay: :math:`\eta_t = \eta\, \text{decay}^{\,t-1}`."""

    def __init__(self, lr, decay):
        self.lr = _checks.positive("lr", lr)
        self.decay = _checks.decay_factor("decay", decay)

    def rate(self, t):
        return self.lr * self.decay ** (t - 1)


class InversePower(Schedule):
    r"""Inverse-power decay :math:`\eta_t = \eta\, \bigl(t_0 / (t_0 + t - 1)\bigr)^{p}`.

    With ``power`` :math:`p \in (1/2, 1]` the rates satisfy the Robbins-Monro
    conditions :math:`\sum_t \eta_t = \infty`, :math:`\sum_t \eta_t^2 < \infty`
    under which SGD converges; :math:`p = 1` is the classic :math:`1/t` decay and
    :math:`p = 1/2` the inverse square root (:class:`InverseSqrt`). ``t0`` sets
    how long the rate stays near :math:`\eta` before it decays.

    Not the "polynomial decay" of PyTorch and optax, which reaches a final rate
    after a fixed number of steps: this one decays for ever.
    """

    def __init__(self, lr, power=1.0, t0=1.0):
        self.lr = _checks.positive("lr", lr)
        self.power = _checks.positive("power", power)
        self.t0 = _checks.positive("t0", t0)

    def rate(self, t):
        return self.lr * (self.t0 / (self.t0 + t - 1)) ** self.power


class InverseSqrt(InversePower):
    r"""Inverse square root decay :math:`\eta_t = \eta \sqrt{t_0 / (t_0 + t - 1)}`."""

    def __init__(self, lr, t0=1.0):
        super().__init__(lr, power=0.5, t0=t0)


class Cosine(Schedule):
    r"""Cosine annealing from ``lr`` to ``min_lr`` over ``total_steps`` steps.

    .. math::
        \eta_t = \eta_{\min} + \tfrac12 (\eta - \eta_{\min})
        \Bigl(1 + \cos \frac{\pi \min(t-1, T)}{T}\Bigr)

    Steps after :math:`T` keep :math:`\eta_{\min}`.
    """

    def __init__(self, lr, total_steps, min_lr=0.0):
        self.lr = _checks.positive("lr", lr)
        self.total_steps = _checks.integer("total_steps", total_steps, minimum=1)
        self.min_lr = _checks.nonnegative("min_lr", min_lr)
        if self.min_lr > self.lr:
            raise ValueError(f"min_lr must not exceed lr, got min_lr={min_lr!r} > lr={lr!r}")

    def rate(self, t):
        progress = np.minimum(t - 1, self.total_steps) / self.total_steps
        return self.min_lr + 0.5 * (self.lr - self.min_lr) * (1 + np.cos(np.pi * progress))


class Warmup(Schedule):
    r"""Linear warm-up that multiplies another schedule: a ramp over its first ``warmup_steps``.

    .. math:: \eta_t = \min\Bigl(1, \frac{t}{W}\Bigr)\, \eta^{\text{after}}_t

    where :math:`W` is ``warmup_steps`` and :math:`\eta^{\text{after}}` the
    wrapped schedule (or a constant rate). The wrapped schedule is not delayed:
    it runs from step 1, so a decaying one has already decayed a little when
    the ramp ends, and its peak :math:`\eta^{\text{after}}_1` is not reached:
    chapter 9's 30-step ramp on a 300-step cosine peaks at 0.977 of it. To start the wrapped schedule
    after the warm-up instead, as ``optax.warmup_cosine_decay_schedule`` and
    ``torch.optim.lr_scheduler.SequentialLR`` do, give it ``total_steps`` that end
    ``W`` steps later and read it at ``t - W``.
    """

    def __init__(self, after, warmup_steps):
        if not isinstance(after, Schedule):
            after = Constant(after)
        self.after = after
        self.warmup_steps = _checks.integer("warmup_steps", warmup_steps, minimum=1)

    def rate(self, t):
        return np.minimum(1.0, t / self.warmup_steps) * self.after.rate(t)
