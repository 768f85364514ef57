"""Running an optimizer: one trajectory (:func:`run`) or many at once (:func:`run_many`).

Both record every iterate in a float64 array whose first axis is time, and stop
a run at the first non-finite iterate (overflow, NaN) without letting a numpy
warning escape.
"""

import itertools
from dataclasses import dataclass

import numpy as np

from . import _checks
from .optimizers import Optimizer
from .schedules import Schedule

__all__ = ["Trajectory", "Trajectories", "run", "run_many"]

_CHECK_EVERY = 64  # steps between two checks for non-finite iterates


@dataclass(frozen=True, eq=False)
class Trajectory:
    """The iterates of one run.

    Attributes
    ----------
    xs : numpy.ndarray, shape (n + 1,) + shape(x0)
        :math:`x_0, x_1, \\dots, x_n`; ``n == steps`` unless the run diverged.
    diverged : bool
        True when an update produced a non-finite value; ``xs`` then ends with
        the last finite iterate.
    losses : numpy.ndarray or None, shape (n + 1,)
        :math:`f(x_0), \\dots, f(x_n)` when a loss function was given.
    """

    xs: np.ndarray
    diverged: bool
    losses: np.ndarray | None = None

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
        Maps an array shaped like ``x0`` to the gradient, an array of the same shape.
    x0 : float or array_like
        Starting point, any shape; copied to float64, never modified.
    steps : int
        Number of updates, >= 0.
    loss : callable, optional
        The objective; when given, ``losses`` records it at every iterate. It
        is called once on the whole ``xs`` array if it accepts leading axes,
        else once per iterate.

    Returns
    -------
    Trajectory

    Examples
    --------
    >>> import gdlib
    >>> from gdlib.functions import xcos
    >>> traj = gdlib.run(gdlib.GD(lr=0.1), xcos.grad, x0=0.5, steps=5, loss=xcos.value)
    >>> traj.xs.shape, bool(traj.diverged)
    ((6,), False)
    """
    optimizer, grad, x, steps = _check_arguments(optimizer, grad, x0, steps, loss)
    lr = optimizer.lr
    if isinstance(lr, np.ndarray):
        raise ValueError(f"an array of learning rates is one per run: use run_many, got lr={lr!r}")
    xs = np.empty((steps + 1,) + x.shape)
    first_bad = []

    def stop_at_nonfinite(lo, hi):
        bad = _first_nonfinite_row(xs, lo, hi)
        if bad is not None:
            first_bad.append(bad)
        return bad is not None

    last = _iterate(optimizer, grad, x, _rates(lr, steps), xs, stop_at_nonfinite,
                    refusal_means_divergence=True)
    xs = xs[: first_bad[0] if first_bad else last + 1]
    return Trajectory(xs, bool(first_bad), _losses(loss, xs, xs.shape[:1]))


def run_many(optimizer, grad, x0, steps, loss=None):
    """Run ``optimizer`` from many starting points at once, all updates vectorized.

    Parameters
    ----------
    optimizer : gdlib.optimizers.Optimizer
        Its ``lr`` may be a 1-D array with one learning rate per run.
    grad : callable
        Maps an array of shape ``(runs, ...)`` to the gradients of every run,
        same shape (every function in :mod:`gdlib.functions` does).
    x0 : array_like, shape (runs, ...)
        One starting point per row.
    steps : int
        Number of updates per run.
    loss : callable, optional
        As in :func:`run`, applied to every run.

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
    optimizer, grad, x, steps = _check_arguments(optimizer, grad, x0, steps, loss)
    if x.ndim == 0:
        raise ValueError(f"x0 must have a leading axis of runs, got a scalar {x0!r}")
    runs = x.shape[0]
    lr = optimizer.lr
    if isinstance(lr, np.ndarray):
        if lr.shape != (runs,):
            raise ValueError(f"lr holds {lr.size} rates for {runs} runs (x0 has shape {x.shape})")
        lr = lr.reshape((runs,) + (1,) * (x.ndim - 1))
    xs = np.empty((steps + 1,) + x.shape)
    n_steps = np.full(runs, steps)

    def mark_diverged(lo, hi):
        _mark_diverged(xs, lo, hi, n_steps)
        return bool(np.all(n_steps < steps))

    last = _iterate(optimizer, grad, x, _rates(lr, steps), xs, mark_diverged,
                    refusal_means_divergence=False)
    xs[last + 1:] = np.nan  # every run diverged before the last step
    return Trajectories(xs, n_steps < steps, n_steps, _losses(loss, xs, xs.shape[:2]))


def _check_arguments(optimizer, grad, x0, steps, loss):
    if not isinstance(optimizer, Optimizer):
        raise TypeError(f"optimizer must be a gdlib optimizer such as gdlib.GD(lr=0.1), "
                        f"got {optimizer!r}")
    if not callable(grad):
        raise TypeError(f"grad must be callable, got {grad!r}")
    if loss is not None and not callable(loss):
        raise TypeError(f"loss must be callable or None, got {loss!r}")
    return optimizer, grad, _checks.finite_array("x0", x0), _checks.integer("steps", steps)


def _rates(lr, steps):
    """An iterator over the learning rate of each step."""
    if isinstance(lr, Schedule):
        return iter(np.atleast_1d(lr(np.arange(1, steps + 1))).tolist())
    return itertools.repeat(lr)


def _as_gradient(g, x):
    """Convert what a gradient function returned to an array shaped like ``x``, or refuse it."""
    g = np.asarray(g, dtype=np.float64)
    if g.shape != x.shape:
        raise ValueError(f"grad returned an array of shape {g.shape} for x of shape {x.shape}")
    return g


def _iterate(optimizer, grad, x, rates, xs, check, refusal_means_divergence):
    """Write the iterates into ``xs`` and return the index of the last row written.

    Looking for non-finite values after every step would cost more than a small
    update, so ``check(lo, hi)`` inspects rows ``lo..hi-1`` every few steps and
    at the end; the loop stops early when it returns True. A gradient function
    that raises on a non-finite point ends a single run as diverged.
    """
    steps = len(xs) - 1
    xs[0] = x
    state = optimizer.init(x)
    checked, t = 0, 0
    update, every = optimizer.update, _CHECK_EVERY
    with np.errstate(all="ignore"):
        for t, lr in zip(range(1, steps + 1), rates):
            try:
                g = grad(x)
            except (ValueError, ArithmeticError):
                if not refusal_means_divergence or np.all(np.isfinite(x)):
                    raise
                t -= 1
                break
            if type(g) is not np.ndarray or g.shape != x.shape:
                g = _as_gradient(g, x)
            x, state = update(x, g, state, lr)
            xs[t] = x
            if t % every == 0:
                if check(checked + 1, t + 1):
                    return t
                checked = t
    check(checked + 1, t + 1)
    return t


def _first_nonfinite_row(xs, lo, hi):
    """Index of the first row in ``xs[lo:hi]`` holding a non-finite value, or None."""
    if hi <= lo:
        return None
    block = xs[lo:hi].reshape(hi - lo, -1)
    suspects = np.flatnonzero(~np.isfinite(block.sum(axis=1)))  # one cheap pass; may overflow
    for row in suspects:
        if not np.all(np.isfinite(block[row])):
            return lo + int(row)
    return None


def _mark_diverged(xs, lo, hi, n_steps):
    """Record runs with a non-finite value in rows ``lo..hi-1`` and NaN-fill them from there."""
    if hi <= lo:
        return
    block = xs[lo:hi].reshape(hi - lo, xs.shape[1], -1)  # a view: writes reach xs
    steps = xs.shape[0] - 1
    alive = n_steps == steps
    block[:, ~alive] = np.nan  # keep diverged runs NaN, whatever their gradient returns
    suspects = np.flatnonzero(alive & ~np.isfinite(block.sum(axis=(0, 2))))
    for run in suspects:
        finite_rows = np.all(np.isfinite(block[:, run]), axis=1)
        if finite_rows.all():
            continue  # the sum overflowed but every value is finite
        first = int(np.argmin(finite_rows))
        n_steps[run] = lo + first - 1
        block[first:, run] = np.nan


def _losses(loss, xs, leading):
    """``loss`` at every iterate, shape ``leading``: one call on all of ``xs`` when ``loss``
    accepts leading axes, else one call per point."""
    if loss is None:
        return None
    with np.errstate(all="ignore"):
        try:
            values = np.asarray(loss(xs), dtype=np.float64)
        except (ValueError, TypeError, IndexError):
            values = None
        if values is None or values.shape != leading:
            points = xs.reshape((-1,) + xs.shape[len(leading):])
            values = np.array([float(loss(point)) for point in points]).reshape(leading)
    return values
