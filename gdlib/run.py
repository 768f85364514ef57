"""Running an optimizer: one trajectory (:func:`run`) or many at once (:func:`run_many`).

Both share one loop, checked at every step:

- the gradient is called once per step, on finite points only, and what it
  returns is checked (real numbers, shaped like ``x``);
- a run stops at its first non-finite iterate (overflow, NaN), exactly, and
  nothing is evaluated there; no numpy warning escapes;
- ``losses[t]`` is ``loss(xs[t])``: one call per iterate, or one call on all
  iterates when the loss declares itself vectorized (:func:`vectorized`).

``run_many(...)[i]`` is ``run(...)`` from ``x0[i]``, in every case.
"""

import itertools
import math
from dataclasses import dataclass

import numpy as np

from . import _checks
from .losses import brief, is_vectorized, loss_values, vectorized
from .optimizers import Optimizer
from .schedules import Schedule

__all__ = ["Trajectory", "Trajectories", "run", "run_many", "vectorized", "is_vectorized"]

_FLOAT64 = np.dtype(np.float64)


@dataclass(frozen=True, eq=False)
class Trajectory:
    """The iterates of one run.

    Attributes
    ----------
    xs : numpy.ndarray, shape (n_steps + 1,) + shape(x0)
        :math:`x^{(0)}, x^{(1)}, \\dots, x^{(n)}`; ``n == steps`` unless the run diverged.
    diverged : bool
        True when an update produced a non-finite value; ``xs`` then ends with
        the last finite iterate.
    losses : numpy.ndarray or None, shape (n_steps + 1,)
        :math:`f(x^{(0)}), \\dots, f(x^{(n)})` when a loss function was given.
    """

    xs: np.ndarray
    diverged: bool
    losses: np.ndarray | None = None

    @property
    def n_steps(self):
        """Number of finite updates (``steps`` unless the run diverged)."""
        return len(self.xs) - 1

    @property
    def final(self):
        """The last (finite) iterate."""
        return self.xs[-1]


@dataclass(frozen=True, eq=False)
class Trajectories:
    """The iterates of many independent runs, advanced together.

    Attributes
    ----------
    xs : numpy.ndarray, shape (steps + 1, runs) + shape(one run)
        ``xs[t, i]`` is run ``i`` after ``t`` steps; rows after a run diverged are NaN.
    diverged : numpy.ndarray of bool, shape (runs,)
    n_steps : numpy.ndarray of int, shape (runs,)
        Number of finite updates per run (``steps`` unless it diverged).
    losses : numpy.ndarray or None, shape (steps + 1, runs)
        NaN after a run diverged.
    """

    xs: np.ndarray
    diverged: np.ndarray
    n_steps: np.ndarray
    losses: np.ndarray | None = None

    @property
    def final(self):
        """The last finite iterate of each run, shape (runs,) + shape(one run)."""
        return self.xs[self.n_steps, np.arange(len(self.n_steps))]

    def __len__(self):
        return len(self.n_steps)

    def __getitem__(self, i):
        """Run ``i`` as a :class:`Trajectory` (its finite part)."""
        n = self.n_steps[i]
        losses = None if self.losses is None else self.losses[: n + 1, i]
        return Trajectory(self.xs[: n + 1, i], bool(self.diverged[i]), losses)


def run(optimizer, grad, x0, steps, loss=None):
    """Run ``optimizer`` for ``steps`` steps from ``x0``.

    Parameters
    ----------
    optimizer : gdlib.optimizers.Optimizer
        For example ``gdlib.Adam(lr=0.1)``. It is not modified, so it can be reused.
    grad : callable
        Maps an array shaped like ``x0`` to the gradient: real numbers of the
        same shape. It is called once per step, and never at a non-finite point.
    x0 : float or array_like
        Starting point, any shape; copied to float64, never modified.
    steps : int
        Number of updates, >= 0.
    loss : callable, optional
        The objective; ``losses[t]`` is ``loss(xs[t])``, a real number. It is
        called once per iterate, or once on all of them if it is declared
        :func:`vectorized`.

    Returns
    -------
    Trajectory
        If an update produced a non-finite value, the run stops there: ``xs``
        ends with the last finite iterate and ``diverged`` is True. ``grad`` was
        then called ``n_steps + 1`` times (the last call led to the bad step).

    Examples
    --------
    >>> import gdlib
    >>> from gdlib.functions import xcos
    >>> traj = gdlib.run(gdlib.GD(lr=0.1), xcos.grad, x0=0.5, steps=5, loss=xcos.value)
    >>> traj.xs.shape, bool(traj.diverged)
    ((6,), False)
    """
    x, steps, rates = _check_arguments(optimizer, grad, x0, steps, loss)
    if isinstance(optimizer.lr, np.ndarray):
        raise ValueError(f"an array of learning rates is one per run: use run_many, "
                         f"got lr={optimizer.lr!r}")
    xs, n_steps = _advance(optimizer, grad, x, steps, rates, optimizer.lr, batched=False)
    xs = xs[: n_steps[0] + 1]
    losses = None if loss is None else _losses(loss, xs, np.ones(len(xs), dtype=bool))
    return Trajectory(xs, bool(n_steps[0] < steps), losses)


def run_many(optimizer, grad, x0, steps, loss=None):
    """Run ``optimizer`` from many starting points at once, all updates vectorized.

    Parameters
    ----------
    optimizer : gdlib.optimizers.Optimizer
        Its ``lr`` may be a 1-D array with one learning rate per run.
    grad : callable
        Maps an array of shape ``(k, ...)`` holding ``k`` runs' points to their
        gradients, same shape (every function in :mod:`gdlib.functions` does).
        Once a run diverged it is left out: ``k`` counts the runs still going.
    x0 : array_like, shape (runs, ...)
        One starting point per row.
    steps : int
        Number of updates per run.
    loss : callable, optional
        As in :func:`run`, applied to every finite iterate of every run.

    Returns
    -------
    Trajectories
        ``run_many(...)[i]`` equals ``run(...)`` from ``x0[i]`` (with ``lr[i]``).

    Examples
    --------
    Four learning rates on :math:`f(x) = x^2`, whose gradient descent diverges past
    :math:`\\eta = 1`:

    >>> import numpy as np, gdlib
    >>> runs = gdlib.run_many(gdlib.GD(lr=np.array([0.1, 0.5, 0.9, 1.1])),
    ...                       lambda x: 2 * x, x0=np.ones(4), steps=5000)
    >>> runs.diverged
    array([False, False, False,  True])
    """
    x, steps, rates = _check_arguments(optimizer, grad, x0, steps, loss)
    if x.ndim == 0:
        raise ValueError(f"x0 must have a leading axis of runs, got a scalar {x0!r}")
    runs = x.shape[0]
    lr = optimizer.lr
    if isinstance(lr, np.ndarray):
        if lr.shape != (runs,):
            raise ValueError(f"lr holds {lr.size} rates for {runs} runs (x0 has shape {x.shape})")
        lr = lr.reshape((runs,) + (1,) * (x.ndim - 1))
    xs, n_steps = _advance(optimizer, grad, x, steps, rates, lr, batched=True)
    losses = None
    if loss is not None:
        finite = np.arange(steps + 1)[:, None] <= n_steps  # (steps + 1, runs)
        losses = _losses(loss, xs, finite)
    return Trajectories(xs, n_steps < steps, n_steps, losses)


def _check_arguments(optimizer, grad, x0, steps, loss):
    """Validate the arguments; return ``x0`` as a float64 array, ``steps`` and the
    schedule's rates (None for a constant rate)."""
    if not isinstance(optimizer, Optimizer):
        raise TypeError(f"optimizer must be a gdlib optimizer such as gdlib.GD(lr=0.1), "
                        f"got {optimizer!r}")
    if not callable(grad):
        raise TypeError(f"grad must be callable, got {grad!r}")
    if loss is not None and not callable(loss):
        raise TypeError(f"loss must be callable or None, got {loss!r}")
    x = _checks.finite_array("x0", x0)
    steps = _checks.integer("steps", steps)
    rates = None
    if isinstance(optimizer.lr, Schedule):
        rates = np.atleast_1d(optimizer.lr(np.arange(1, steps + 1)))
        bad = np.flatnonzero(~(np.isfinite(rates) & (rates >= 0)))
        if bad.size:
            raise ValueError(f"the schedule {optimizer.lr!r} gives the rate {rates[bad[0]]!r} at "
                             f"step {bad[0] + 1}: rates must be finite and >= 0")
    return x, steps, rates


def _advance(optimizer, grad, x, steps, rates, lr, batched):
    """The loop shared by :func:`run` and :func:`run_many`.

    ``x`` holds one point (``batched=False``) or a leading axis of runs. Return
    the iterates, shape ``(steps + 1,) + x.shape`` (NaN after a run diverged),
    and the number of finite updates of each run.
    """
    runs = len(x) if batched else 1
    xs = np.empty((steps + 1,) + x.shape)
    xs[0] = x
    n_steps = np.full(runs, steps)
    alive = np.arange(runs)  # the runs still going, in the order of x's rows
    if not runs:
        return xs, n_steps  # no run: xs holds no value, grad is never called
    if not x.shape:
        x = x[()]  # one number: numpy's scalar arithmetic is much faster than 0-d arrays'
    all_finite = math.isfinite if not x.shape else _all_finite
    state = optimizer.init(x)
    update = optimizer.update
    rates = itertools.repeat(None) if rates is None else rates.tolist()
    with np.errstate(all="ignore"):
        for t, rate in zip(range(1, steps + 1), rates):
            g = grad(x)
            if not (type(g) is type(x) and (type(g) is np.float64 or
                                            (g.dtype is _FLOAT64 and g.shape == x.shape))):
                g = _checked_gradient(g, x, grad, t)  # the usual case needs three comparisons
            x, state = update(x, g, state, lr if rate is None else rate)
            if all_finite(x):
                if len(alive) == runs:
                    xs[t] = x
                else:
                    xs[t, alive] = x
                continue
            if not batched:
                n_steps[0] = t - 1
                break
            finite = np.isfinite(x.reshape(len(alive), -1)).all(axis=1)
            n_steps[alive[~finite]] = t - 1
            xs[t:, alive[~finite]] = np.nan
            alive = alive[finite]
            x = x[finite]
            state = type(state)(*(_rows(field, finite) for field in state))
            lr = _rows(lr, finite)
            if not len(alive):
                break
            xs[t, alive] = x
    return xs, n_steps


def _all_finite(x):
    """Whether every value of the array ``x`` is finite.

    A sum is NaN or infinite when a value is; it can also overflow when none is,
    and only then are the values looked at one by one. For a few numbers Python's
    own sum costs a fraction of a numpy call.
    """
    total = sum(x.ravel().tolist()) if x.size <= 64 else x.sum()
    return math.isfinite(total) or bool(np.isfinite(x).all())


def _rows(value, keep):
    """The rows ``keep`` of a per-run array (state or rates); anything else unchanged."""
    return value[keep] if isinstance(value, np.ndarray) and value.ndim else value


def _checked_gradient(g, x, grad, t):
    """``g`` as float64 numbers shaped like ``x``, or an error naming ``grad`` and step ``t``."""
    name = getattr(grad, "__name__", type(grad).__name__)
    array = None if isinstance(g, (str, bytes)) else np.asarray(g)
    if array is None or array.dtype.kind not in "iuf":
        raise TypeError(f"grad {name!r} at step {t} returned {brief(g)}: a gradient must be "
                        f"real numbers shaped like x, here {np.shape(x)}")
    if array.shape != np.shape(x):
        raise ValueError(f"grad {name!r} at step {t} returned an array of shape {array.shape} "
                         f"for x of shape {np.shape(x)}")
    array = array.astype(np.float64, copy=False)
    return array[()] if not array.shape else array


def _losses(loss, xs, finite):
    """``loss`` at every iterate ``xs[finite]``, NaN elsewhere; shape ``finite.shape``."""
    out = np.full(finite.shape, np.nan)
    out[finite] = loss_values(loss, xs[finite])
    return out
