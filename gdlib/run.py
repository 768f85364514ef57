"""Running an optimizer: one trajectory (:func:`run`) or many at once (:func:`run_many`).

Both share one loop, checked at every step:

- the gradient is called once per step, on finite points only, on a read-only
  view of the iterate, and what it returns is checked (real, finite numbers,
  shaped like ``x``); an optimizer that evaluates its own gradients (SAG,
  SAGA, SVRG) runs with ``grad=None``;
- a run stops where it meets a non-finite number: a gradient that is not finite
  (the step is not taken), or an update that leaves the finite numbers
  (overflow, NaN); nothing is evaluated at a non-finite point, the trajectory
  says which happened (``stop``), and no numpy warning escapes;
- ``losses[t]`` is ``loss(xs[t])``: one call per iterate, or one call on all
  iterates when the loss declares itself vectorized (:func:`vectorized`).

``run_many(...)[i]`` is ``run(...)`` from ``x0[i]``: exactly when ``grad`` computes
each row of a batch as it computes one point (every elementwise objective does), up
to rounding otherwise (a matrix product of a batch is not the same sum as that of
one row). A case it cannot run row by row, it refuses with an error.
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
GRADIENT, ITERATE = "non-finite gradient", "non-finite iterate"  # why a run stopped early


@dataclass(frozen=True, eq=False)
class Trajectory:
    """The iterates of one run, and why it stopped if it stopped early.

    Attributes
    ----------
    xs : numpy.ndarray, shape (n_steps + 1,) + shape(x0)
        :math:`x^{(0)}, x^{(1)}, \\dots, x^{(n)}`; ``n == steps`` unless the run stopped
        early, at a non-finite number.
    stop : str or None
        None when the run took every step. ``"non-finite gradient"``: the gradient
        at ``xs[-1]`` had an infinite or NaN value (a bug in ``grad``, or an
        overflow inside it), and that step was not taken. ``"non-finite
        iterate"``: the update from ``xs[-1]`` produced an infinite or NaN value,
        an overflow (the iterates blew up) or an undefined operation such as
        0/0.
    losses : numpy.ndarray or None, shape (n_steps + 1,)
        :math:`f(x^{(0)}), \\dots, f(x^{(n)})` when a loss function was given.
    """

    xs: np.ndarray
    stop: str | None = None
    losses: np.ndarray | None = None

    @property
    def stopped(self):
        """Whether the run stopped early, at a non-finite number (``stop`` says which).
        A run whose loss grows without overflowing is not stopped: compare its losses."""
        return self.stop is not None

    @property
    def n_steps(self):
        """Number of updates taken (``steps`` unless the run stopped early)."""
        return len(self.xs) - 1

    @property
    def final(self):
        """The last (finite) iterate."""
        return self.xs[-1]

    def last_epoch_mean(self, per_epoch, loss=None):
        """The mean loss over the last ``per_epoch`` iterates: the final value of a stochastic run.

        With minibatch gradients the last iterate depends on the last minibatch
        alone (a smaller one when the batch size does not divide the number of
        examples), so its loss jumps from step to step. This is the mean of
        :math:`f(x^{(t)})` over the iterates the last epoch produced,
        ``xs[-per_epoch:]``. ``loss`` defaults to the recorded ``losses``.

        >>> import gdlib
        >>> traj = gdlib.run(gdlib.GD(0.1), lambda x: 2 * x, 1.0, 4, loss=lambda x: x**2)
        >>> traj.losses[-2:], round(float(traj.last_epoch_mean(2)), 6)
        (array([0.262144  , 0.16777216]), 0.214958)
        """
        return _last_epoch_mean(self.xs[:, None], None if self.losses is None
                                else self.losses[:, None], per_epoch, loss)[0]


@dataclass(frozen=True, eq=False)
class Trajectories:
    """The iterates of many independent runs, advanced together.

    Attributes
    ----------
    xs : numpy.ndarray, shape (steps + 1, runs) + shape(one run)
        ``xs[t, i]`` is run ``i`` after ``t`` steps; rows after a run stopped are NaN.
    stop : tuple of (str or None), one per run
        Why each run stopped early, as :attr:`Trajectory.stop`.
    n_steps : numpy.ndarray of int, shape (runs,)
        Number of updates per run (``steps`` unless it stopped early).
    losses : numpy.ndarray or None, shape (steps + 1, runs)
        NaN after a run stopped.
    """

    xs: np.ndarray
    stop: tuple
    n_steps: np.ndarray
    losses: np.ndarray | None = None

    @property
    def stopped(self):
        """Per run, whether it stopped early at a non-finite number (see :attr:`Trajectory.stop`)."""
        return np.array([reason is not None for reason in self.stop], dtype=bool)

    @property
    def final(self):
        """The last finite iterate of each run, shape (runs,) + shape(one run)."""
        return self.xs[self.n_steps, np.arange(len(self.n_steps))]

    def last_epoch_mean(self, per_epoch, loss=None):
        """Per run, the mean loss over its last ``per_epoch`` iterates, shape (runs,).

        The final value of a stochastic run (see :meth:`Trajectory.last_epoch_mean`):
        the mean of ``loss`` (default: the recorded ``losses``) at
        ``xs[-per_epoch:]``. A run that stopped early gets NaN.
        """
        return _last_epoch_mean(self.xs, self.losses, per_epoch, loss)

    def __len__(self):
        return len(self.n_steps)

    def __getitem__(self, i):
        """Run ``i`` as a :class:`Trajectory` (its finite part)."""
        if not isinstance(i, (int, np.integer)) or isinstance(i, bool):
            raise TypeError(f"Trajectories[i] is one run, i an int; got {i!r} (the iterates of "
                            f"several runs are Trajectories.xs[:, i])")
        n = self.n_steps[i]
        losses = None if self.losses is None else self.losses[: n + 1, i]
        return Trajectory(self.xs[: n + 1, i], self.stop[i], losses)


def run(optimizer, grad, x0, steps, loss=None):
    """Run ``optimizer`` for ``steps`` steps from ``x0``.

    Parameters
    ----------
    optimizer : gdlib.optimizers.Optimizer
        For example ``gdlib.Adam(lr=0.1)``. It is not modified, so it can be reused.
    grad : callable or None
        Maps an array shaped like ``x0`` to the gradient: real numbers of the
        same shape. It is called once per step, and never at a non-finite point.
        None for an optimizer that evaluates its own gradients
        (:class:`gdlib.SAG`, :class:`gdlib.SAGA`, :class:`gdlib.SVRG`), and only for
        those.
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
        If a gradient or an update was not finite, the run stops there: ``xs``
        ends with the last finite iterate, and ``stop`` says which. ``grad`` was
        then called ``n_steps + 1`` times (the last call returned the bad
        gradient, or led to the bad step).

    Examples
    --------
    >>> import gdlib
    >>> from gdlib.functions import xcos
    >>> traj = gdlib.run(gdlib.GD(lr=0.1), xcos.grad, x0=0.5, steps=5, loss=xcos.value)
    >>> traj.xs.shape, traj.stop
    ((6,), None)
    """
    x, steps, rates = _check_arguments(optimizer, grad, x0, steps, loss)
    if isinstance(optimizer.lr, np.ndarray):
        raise ValueError(f"an array of learning rates is one per run: use run_many, "
                         f"got lr={optimizer.lr!r}")
    xs, n_steps, stop = _advance(optimizer, grad, x, steps, rates, optimizer.lr, batched=False)
    xs = xs[: n_steps[0] + 1]
    if n_steps[0] < steps:
        xs = xs.copy()  # not a view that keeps the whole buffer alive
    losses = None if loss is None else _losses(loss, xs, np.ones(len(xs), dtype=bool))
    return Trajectory(xs, stop[0], losses)


def run_many(optimizer, grad, x0, steps, loss=None):
    """Run ``optimizer`` from many starting points at once, all updates vectorized.

    Parameters
    ----------
    optimizer : gdlib.optimizers.Optimizer
        Its ``lr`` may be a 1-D array with one learning rate per run.
    grad : callable or None
        Maps an array of shape ``(k, ...)`` holding ``k`` runs' points to their
        gradients, same shape (every function in :mod:`gdlib.functions` does).
        Once a run stopped it is left out: ``k`` counts the runs still going.
        None for an optimizer that evaluates its own gradients, as in :func:`run`.
    x0 : array_like, shape (runs, ...)
        One starting point per row.
    steps : int
        Number of updates per run.
    loss : callable, optional
        As in :func:`run`, applied to every finite iterate of every run.

    Returns
    -------
    Trajectories
        ``run_many(...)[i]`` equals ``run(...)`` from ``x0[i]`` (with ``lr[i]``):
        exactly when ``grad`` computes each row as it computes one point, up to
        rounding otherwise.

    Examples
    --------
    Four learning rates on :math:`f(x) = x^2`, whose gradient descent diverges past
    :math:`\\eta = 1`:

    >>> import numpy as np, gdlib
    >>> runs = gdlib.run_many(gdlib.GD(lr=np.array([0.1, 0.5, 0.9, 1.1])),
    ...                       lambda x: 2 * x, x0=np.ones(4), steps=5000)
    >>> runs.stopped, runs.stop[3]
    (array([False, False, False,  True]), 'non-finite iterate')
    """
    x, steps, rates = _check_arguments(optimizer, grad, x0, steps, loss)
    if x.ndim == 0:
        raise ValueError(f"x0 must have a leading axis of runs, got a scalar {x0!r}")
    for point_ndim, adjustable in _point_ndims(optimizer):
        if point_ndim > x.ndim - 1:
            fix = (f"Give it point_ndim={x.ndim - 1}" if adjustable else
                   f"Its points have {point_ndim} axes: give x0 shape (runs, ...) with them")
            raise ValueError(
                f"point_ndim={point_ndim} says a point has {point_ndim} axes, but each run of x0 "
                f"(shape {x.shape}, runs on axis 0) has {x.ndim - 1}: the optimizer would treat "
                f"several runs as one point. {fix}")
    runs = x.shape[0]
    lr = optimizer.lr
    if isinstance(lr, np.ndarray):
        if lr.shape != (runs,):
            raise ValueError(f"lr holds {lr.size} rates for {runs} runs (x0 has shape {x.shape})")
        lr = lr.reshape((runs,) + (1,) * (x.ndim - 1))
    xs, n_steps, stop = _advance(optimizer, grad, x, steps, rates, lr, batched=True)
    losses = None
    if loss is not None:
        finite = np.arange(steps + 1)[:, None] <= n_steps  # (steps + 1, runs)
        losses = _losses(loss, xs, finite)
    return Trajectories(xs, tuple(stop), n_steps, losses)


def _point_ndims(optimizer):
    """The ``point_ndim`` of ``optimizer`` and of every optimizer it wraps, each with whether
    it is a hyperparameter (SAG, SAGA and SVRG have a fixed one: a point is a vector)."""
    while optimizer is not None:
        if hasattr(optimizer, "point_ndim"):
            yield optimizer.point_ndim, "point_ndim" in vars(optimizer)
        optimizer = getattr(optimizer, "optimizer", None)


def _check_arguments(optimizer, grad, x0, steps, loss):
    """Validate the arguments; return ``x0`` as a float64 array, ``steps`` and the
    schedule's rates (None for a constant rate)."""
    if not isinstance(optimizer, Optimizer):
        raise TypeError(f"optimizer must be a gdlib optimizer such as gdlib.GD(lr=0.1), "
                        f"got {optimizer!r}")
    sampler = _evaluating_gradients(optimizer)
    if sampler is not None:
        if grad is not None:
            raise TypeError(f"{type(sampler).__name__} evaluates the gradients it needs from its "
                            f"problem, so a grad would be evaluated and ignored: pass grad=None, "
                            f"got {brief(grad)}")
    elif not callable(grad):
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


def _evaluating_gradients(optimizer):
    """The optimizer, or one it wraps, that evaluates its own gradients (SAG, SAGA,
    SVRG: run with ``grad=None``); None when there is none."""
    while optimizer is not None:
        if getattr(optimizer, "evaluates_gradients", False):
            return optimizer
        optimizer = getattr(optimizer, "optimizer", None)
    return None


def _no_gradient(x):
    """What ``update`` receives as ``g`` when ``grad`` is None: zeros, which it does not use."""
    return np.zeros_like(x)


def _advance(optimizer, grad, x, steps, rates, lr, batched):
    """The loop shared by :func:`run` and :func:`run_many`.

    ``x`` holds one point (``batched=False``) or a leading axis of runs. Return
    the iterates, shape ``(steps + 1,) + x.shape`` (NaN after a run stopped),
    the number of updates of each run, and why each stopped early (None: it did not).
    """
    runs = len(x) if batched else 1
    if grad is None:
        grad = _no_gradient  # the optimizer evaluates its own gradients
    xs = np.empty((steps + 1,) + x.shape)
    xs[0] = x
    n_steps = np.full(runs, steps)
    stop = [None] * runs
    alive = np.arange(runs)  # the runs still going, in the order of x's rows
    if not runs:
        return xs, n_steps, stop  # no run: xs holds no value, grad is never called
    # grad sees each iterate as a read-only view of its row of xs: it cannot change the
    # point the update steps from (or the record of it).
    readonly = xs.view()
    readonly.flags.writeable = False
    number = not x.shape  # one run of one number: run's fastest path
    if number:
        x = x[()]  # numpy's scalar arithmetic is much faster than 0-d arrays'
    else:
        x = readonly[0]
        small = x.ndim == 1 and x.size <= 32  # a few numbers: Python's sums, row views
        all_finite = _both_finite_vectors if small else _both_finite
    isfinite = math.isfinite
    state = optimizer.init(x)
    if batched and not isinstance(state, (tuple, np.ndarray)):
        raise TypeError(f"run_many needs the state of {type(optimizer).__name__} to be a tuple (or "
                        f"named tuple) of per-run arrays, to keep the rows of the runs still going; "
                        f"init returned {brief(state)}")
    update = optimizer.update
    rates = itertools.repeat(None) if rates is None else rates.tolist()
    with np.errstate(all="ignore"):
        for t, rate in zip(range(1, steps + 1), rates):
            g = grad(x)
            if not (type(g) is type(x) and (type(g) is np.float64 or
                                            (g.dtype is _FLOAT64 and g.shape == x.shape))):
                g = _checked_gradient(g, x, grad, t)  # the usual case needs three comparisons
            x, state = update(x, g, state, lr if rate is None else rate)
            # One check of both g and the new x, the usual case.
            if number:
                if isfinite(g) and isfinite(x):
                    xs[t] = x
                    continue
            elif all_finite(g, x):
                if len(alive) == runs:
                    xs[t] = x
                    if small:
                        x = readonly[t]  # cheaper than setflags for a few numbers
                        continue
                else:
                    xs[t, alive] = x
                x.setflags(write=False)
                continue
            # A run whose gradient is not finite stops before its step (the step made
            # with it is dropped); one whose step is not finite stops after it.
            bad_gradient = _nonfinite_rows(g, batched, len(alive))
            bad = bad_gradient | _nonfinite_rows(x, batched, len(alive))
            for k, gradient in zip(alive[bad], bad_gradient[bad]):
                stop[k] = GRADIENT if gradient else ITERATE
            n_steps[alive[bad]] = t - 1
            if not batched:
                break
            xs[t:, alive[bad]] = np.nan
            keep = ~bad
            alive, x = alive[keep], x[keep]
            x.setflags(write=False)
            state = _state_rows(state, keep)
            lr = _rows(lr, keep)
            if not len(alive):
                break
            xs[t, alive] = x
    return xs, n_steps, stop


def _nonfinite_rows(values, batched, runs):
    """Which runs' rows of ``values`` hold a non-finite number (one run: one entry)."""
    if not batched:
        return np.array([not np.isfinite(values).all()])
    return ~np.isfinite(values.reshape(runs, -1)).all(axis=1)


def _state_rows(state, keep):
    """The rows ``keep`` of a state: a named tuple, a plain tuple or an array of per-run values;
    a tuple inside (the state of a wrapped optimizer) has its rows selected too."""
    if not isinstance(state, tuple):
        return _rows(state, keep)
    fields = [_state_rows(field, keep) for field in state]
    return state._make(fields) if hasattr(state, "_make") else type(state)(fields)


def _both_finite(g, x):
    """Whether every value of the arrays ``g`` and ``x`` is finite.

    A sum is NaN or infinite when a value is; it can also overflow when none is,
    and only then are the values looked at one by one. For a few numbers Python's
    own sum costs a fraction of a numpy call.
    """
    if x.size <= 32:
        total = sum(g.ravel().tolist()) + sum(x.ravel().tolist())
    else:
        total = g.sum() + x.sum()
    return math.isfinite(total) or bool(np.isfinite(g).all() and np.isfinite(x).all())


def _both_finite_vectors(g, x):
    """``_both_finite`` for two short 1-D arrays: Python's sums of their values."""
    return math.isfinite(sum(g.tolist()) + sum(x.tolist())) or bool(np.isfinite(g).all() and np.isfinite(x).all())



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


def _last_epoch_mean(xs, losses, per_epoch, loss):
    """Mean over the last ``per_epoch`` rows of ``loss(xs)`` (or ``losses``), per run (axis 1)."""
    per_epoch = _checks.integer("per_epoch", per_epoch, minimum=1)
    if per_epoch > len(xs) - 1:
        raise ValueError(f"per_epoch must be <= the number of steps, {len(xs) - 1}; got {per_epoch}")
    if loss is None:
        if losses is None:
            raise ValueError("this run recorded no losses: pass loss=")
        values = losses[-per_epoch:]
    else:
        tail = xs[-per_epoch:]
        points = tail.reshape((-1,) + tail.shape[2:])
        finite = np.isfinite(points.reshape(len(points), -1)).all(axis=1)
        values = _losses(loss, points, finite).reshape(tail.shape[:2])
    return values.mean(axis=0)


def _losses(loss, xs, finite):
    """``loss`` at every iterate ``xs[finite]``, NaN elsewhere; shape ``finite.shape``."""
    out = np.full(finite.shape, np.nan)
    out[finite] = loss_values(loss, xs[finite])
    return out
