"""What every optimizer shares: the learning-rate argument and the calling protocol.

An optimizer is a small object that holds hyperparameters only. A run asks it
for a fresh state with :meth:`Optimizer.init` and then calls
:meth:`Optimizer.update` once per step, so one optimizer object can drive any
number of independent runs.
"""

from numbers import Real

import numpy as np

from .. import _checks
from ..schedules import Schedule

__all__ = ["Optimizer", "learning_rate", "divide"]


def learning_rate(name, value):
    """Validate a learning rate: a finite real > 0, a :class:`~gdlib.schedules.Schedule`,
    or a 1-D array of such reals (one per run, for :func:`gdlib.run_many`)."""
    if isinstance(value, Schedule):
        return value
    if isinstance(value, Real) or isinstance(value, (bool, np.bool_, str, bytes)):
        return _checks.positive(name, value)
    array = np.asarray(value)
    if array.dtype == np.bool_ or not np.issubdtype(array.dtype, np.number) or array.ndim != 1:
        raise TypeError(f"{name} must be a real number, a Schedule or a 1-D array of "
                        f"per-run rates, got {value!r}")
    array = array.astype(np.float64)
    if array.size == 0 or not np.all(np.isfinite(array)) or np.any(array <= 0):
        raise ValueError(f"{name} must hold finite reals > 0, got {value!r}")
    return array


def divide(numerator, denominator):
    """``numerator / denominator`` with 0/0 read as 0.

    Only needed when ``eps=0``: a coordinate whose gradients have all been zero
    has a zero denominator and must not move.
    """
    out = np.zeros(np.broadcast_shapes(np.shape(numerator), np.shape(denominator)))
    return np.divide(numerator, denominator, out=out, where=denominator != 0)


class Optimizer:
    """Base class of gdlib's optimizers.

    Subclasses define

    - ``init(x)``: the state before the first step (a small named tuple);
    - ``update(x, g, state, lr)``: one step from ``x`` with gradient ``g`` and
      learning rate ``lr``, returning ``(new_x, new_state)``. It may reuse the
      state's arrays in place but never modifies ``x`` or ``g``.
    """

    def init(self, x):
        raise NotImplementedError

    def update(self, x, g, state, lr):
        raise NotImplementedError

    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{type(self).__name__}({fields})"
