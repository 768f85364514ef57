"""What every optimizer shares: the learning-rate argument and the calling protocol.

An optimizer is a small object that holds hyperparameters only. A run asks it
for a fresh state with :meth:`Optimizer.init` and then calls
:meth:`Optimizer.update` once per step, so one optimizer object can drive any
number of independent runs.
"""

import functools
from numbers import Real

import numpy as np

from .. import _checks
from ..schedules import Schedule

__all__ = ["Optimizer", "learning_rate", "divide"]


def learning_rate(name, value):
    """Validate a learning rate: a finite real > 0 (a 0-d array counts), a
    :class:`~gdlib.schedules.Schedule`, or a 1-D array of such reals (one per run,
    for :func:`gdlib.run_many`)."""
    if isinstance(value, Schedule):
        return value
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        value = value.item()
    if isinstance(value, Real) or isinstance(value, (bool, np.bool_, str, bytes)) or value is None:
        return _checks.positive(name, value)
    array = np.asarray(value)
    if array.dtype.kind not in "iuf" or array.ndim != 1:
        raise TypeError(f"{name} must be a real number, a Schedule or a 1-D array of "
                        f"per-run rates, got {value!r}")
    array = array.astype(np.float64)
    if array.size == 0 or not np.all(np.isfinite(array)) or np.any(array <= 0):
        raise ValueError(f"{name} must hold finite reals > 0, got {value!r}")
    return array


def divide(num, den, eps):
    """``num / den``: the step of the adaptive methods.

    Their denominator is a root plus (or under) ``eps``, so it is
    positive when ``eps > 0``. With ``eps = 0`` a coordinate whose
    gradients have all been zero has a zero denominator, and it must
    not move: 0/0 is read as 0.
    """
    if eps:
        return num / den
    out = np.zeros(np.broadcast_shapes(np.shape(num), np.shape(den)))
    return np.divide(num, den, out=out, where=den != 0)


class Optimizer:
    """Base class of gdlib's optimizers.

    Subclasses define

    - ``init(x)``: the state before the first step (a small named tuple);
    - ``update(x, g, state, lr)``: one step from ``x`` with gradient ``g`` and
      learning rate ``lr``, returning ``(new_x, new_state)``. It is pure, as in
      optax: it never modifies its arguments, so the same call twice gives the
      same answer.

    Every optimizer takes ``lr`` first and its other hyperparameters as
    keyword-only arguments, checks them, and is then frozen: they cannot be
    changed into values it never checked (make a new optimizer instead). A state's array fields are shaped like ``x``, or
    like its leading axes when they hold one entry per point (the line
    search's counts); :func:`gdlib.run_many` selects their rows when a run
    diverges.
    """

    def __init_subclass__(cls, **kwargs):
        """Freeze every instance once its outermost ``__init__`` returns."""
        super().__init_subclass__(**kwargs)
        if "__init__" in cls.__dict__:
            init = cls.__dict__["__init__"]

            @functools.wraps(init)
            def init_then_freeze(self, *args, **kw):
                init(self, *args, **kw)
                if type(self).__init__ is init_then_freeze:  # not a subclass's super().__init__
                    object.__setattr__(self, "_frozen", True)

            cls.__init__ = init_then_freeze

    def __setattr__(self, name, value):
        if getattr(self, "_frozen", False):
            raise AttributeError(
                f"{type(self).__name__} cannot change {name} (to {value!r}): an optimizer's "
                f"hyperparameters are checked when it is made; make a new one with "
                f"optimizer.replace({name}=...)")
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        raise AttributeError(f"{type(self).__name__} cannot delete {name}: make a new optimizer")

    def init(self, x):
        raise NotImplementedError

    def update(self, x, g, state, lr):
        raise NotImplementedError

    def replace(self, **changes):
        """A new optimizer of the same kind, with ``changes`` to its hyperparameters (checked
        again): ``gdlib.Adam(0.1).replace(lr=0.01)``."""
        fields = {k: v for k, v in vars(self).items() if not k.startswith("_")}
        unknown = sorted(set(changes) - set(fields))
        if unknown:
            raise TypeError(f"{type(self).__name__} has no hyperparameter {', '.join(unknown)}; "
                            f"it has {', '.join(fields)}")
        return type(self)(**{**fields, **changes})

    def lr_at(self, t):
        """The learning rate of step ``t`` (from 1): ``lr`` itself, or the schedule's rate at
        ``t``. For a loop written by hand: ``opt.update(x, g, state, opt.lr_at(t))``."""
        return self.lr(t) if isinstance(self.lr, Schedule) else self.lr

    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in vars(self).items() if not k.startswith("_"))
        return f"{type(self).__name__}({fields})"


class _Wrapper(Optimizer):
    """An optimizer that wraps another: its ``init`` and ``lr`` are the wrapped one's.

    The clipping wrappers change the gradient before the wrapped ``update``;
    :class:`~gdlib.ProjectToBox` changes the iterate after it.
    """

    def __init__(self, optimizer):
        if not isinstance(optimizer, Optimizer):
            raise TypeError(f"optimizer must be a gdlib optimizer such as gdlib.Adam(0.01), "
                            f"got {optimizer!r}")
        self.optimizer = optimizer

    @property
    def lr(self):
        """The wrapped optimizer's learning rate."""
        return self.optimizer.lr

    def init(self, x):
        return self.optimizer.init(x)
