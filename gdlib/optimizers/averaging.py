"""Averaging the iterates: a wrapper that keeps an average of any optimizer's iterates.

:class:`Averaged` is an optimizer itself, like the clipping wrappers: its ``lr``
is the wrapped optimizer's, and its ``update`` calls the wrapped ``update``,
whose iterate it returns unchanged. Its state holds the wrapped optimizer's
state and the average, so ``Averaged(GD(0.1), kind="uniform")`` runs under
:func:`gdlib.run` and :func:`gdlib.run_many` like ``GD(0.1)``, with the same
iterates.
"""

from typing import NamedTuple

import numpy as np

from .. import _checks
from ..ema import update_moment
from .base import _Wrapper

__all__ = ["Averaged", "AveragedState"]

KINDS = ("uniform", "ema")


class AveragedState(NamedTuple):
    """State of :class:`Averaged`.

    Attributes
    ----------
    wrapped : tuple
        The wrapped optimizer's state.
    average : numpy.ndarray
        :math:`\\bar x^{(t)}`, shaped like the iterate: the average of the iterates
        from ``start`` on (the iterate itself until then).
    t : int
        Steps taken.
    """

    wrapped: tuple
    average: np.ndarray
    t: int


class Averaged(_Wrapper):
    r"""Step with ``optimizer`` and keep an average of its iterates in the state: Polyak–Ruppert
    (uniform, as in SWA) or exponential (EMA).

    Parameters
    ----------
    optimizer : Optimizer
        The optimizer whose iterates are averaged, for example ``gdlib.GD(0.1)``.
    kind : {"uniform", "ema"}, default "uniform"
        ``"uniform"``: the mean of the iterates since ``start`` (Polyak–Ruppert
        averaging; with ``start > 0``, the tail average of stochastic weight
        averaging, SWA). ``"ema"``: their exponential moving average, with decay
        ``gamma``.
    gamma : float, optional
        The decay :math:`\gamma \in [0, 1)` of the EMA, which spans roughly the
        last :math:`1/(1-\gamma)` iterates; required for ``kind="ema"``, refused
        for ``"uniform"``.
    start : int, default 0
        :math:`s \ge 0`, the first iterate averaged: 0 includes the starting point
        :math:`x^{(0)}`. Until step :math:`s` the average is the iterate itself.

    Notes
    -----
    The iterates :math:`x^{(t)}` are the wrapped optimizer's, unchanged;
    the state's ``average`` is, for :math:`t \ge s`,

    .. math::
        \text{uniform:}\quad \bar x^{(t)} &= \bar x^{(t-1)} + \frac{x^{(t)} - \bar x^{(t-1)}}{t - s + 1}
        = \frac{1}{t - s + 1} \sum_{i=s}^{t} x^{(i)}, \\
        \text{ema:}\quad \bar x^{(t)} &= \gamma\, \bar x^{(t-1)} + (1 - \gamma)\, x^{(t)},
        \qquad \bar x^{(s)} = x^{(s)}.

    The EMA starts at the iterate :math:`x^{(s)}`, not at 0, so it needs no
    bias correction (as ``torch.optim.swa_utils.AveragedModel``, whose first
    average is a copy of the weights). The update of the uniform mean is that
    of ``torch.optim.swa_utils.AveragedModel`` as well.

    With a stochastic gradient and a constant rate the iterates do not
    converge: they keep moving in a region around the minimizer whose size
    the rate sets. Their average moves much less: averaging removes much of
    the noise that a decreasing rate would otherwise have to remove
    (Polyak & Juditsky, 1992; Ruppert, 1988). The average is not where the
    gradient is evaluated, so it does not change the run; :func:`gdlib.run`
    records the iterates, and the average is in the state of a run driven
    by hand.

    Examples
    --------
    Gradient descent on :math:`f(x) = x^2` halves :math:`x` at every step; the mean of
    :math:`1, 0.5, 0.25` is :math:`7/12`:

    >>> import gdlib
    >>> opt = gdlib.Averaged(gdlib.GD(0.25))
    >>> x, state = 1.0, opt.init(1.0)
    >>> for t in range(2):
    ...     x, state = opt.update(x, 2 * x, state, opt.lr)
    >>> float(x), round(float(state.average), 12)
    (0.25, 0.583333333333)
    """

    def __init__(self, optimizer, *, kind="uniform", gamma=None, start=0):
        super().__init__(optimizer)
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(map(repr, KINDS))}, got {kind!r}")
        self.kind = kind
        if kind == "ema":
            if gamma is None:
                raise TypeError("kind='ema' needs gamma, the decay of the average, in [0, 1): "
                                "for example gamma=0.9")
            self.gamma = _checks.unit_interval("gamma", gamma)
        else:
            if gamma is not None:
                raise ValueError(f"gamma is the decay of kind='ema'; a uniform average has "
                                 f"none, got gamma={gamma!r}")
            self.gamma = None
        self.start = _checks.integer("start", start)

    def init(self, x):
        return AveragedState(wrapped=self.optimizer.init(x),
                             average=np.array(x, dtype=np.float64), t=0)

    def update(self, x, g, state, lr):
        x, inner = self.optimizer.update(x, g, state.wrapped, lr)  # The wrapped step.
        t = state.t + 1
        if t <= self.start:
            average = np.array(x, dtype=np.float64)  # Not yet averaging: the iterate.
        elif self.kind == "uniform":
            average = state.average + (x - state.average) / (t - self.start + 1)  # Mean.
        else:
            average = update_moment(state.average, x, self.gamma)  # EMA.
        return x, AveragedState(inner, average, t)
