"""Choosing a learning rate fairly: a grid search, all rates run at once with :func:`gdlib.run_many`."""

from typing import NamedTuple

import numpy as np

from . import _checks
from .run import Trajectories, run_many

__all__ = ["tune_lr", "Tuning"]


class Tuning(NamedTuple):
    """Result of :func:`tune_lr`.

    Attributes
    ----------
    lr : float
        The chosen learning rate.
    index : int
        Its position in ``rates``.
    runs : Trajectories
        Every run of the grid (``runs[index]`` is the chosen one).
    gaps : numpy.ndarray, shape (steps + 1, len(rates))
        :math:`f(x^{(t)}) - f^\\star` per step and rate; ``inf`` once a run stopped.
    settle : numpy.ndarray of int, shape (len(rates),)
        For each rate, the first step from which the gap stays <= ``tol``;
        ``steps + 1`` when it never does.
    """

    lr: float
    index: int
    runs: Trajectories
    gaps: np.ndarray
    settle: np.ndarray

    @property
    def settled(self):
        """Whether the chosen run reached the tolerance for good."""
        return bool(self.settle[self.index] < len(self.gaps))


def tune_lr(make_optimizer, grad, x0, steps, rates, loss, f_star=0.0, tol=1e-6):
    r"""Pick the learning rate that reaches :math:`f - f^\star \le` ``tol`` for good soonest.

    Every rate starts from the same ``x0`` with the same step budget and all
    other hyperparameters left as ``make_optimizer`` sets them. Runs that
    stop early (at a non-finite number) are excluded; when every run stops,
    there is no rate to pick, and it raises. Among the rest, the rate whose gap
    :math:`f(x^{(t)}) - f^\star` stays below ``tol`` from the earliest step wins;
    ties (including "never") go to the lowest final gap.

    Parameters
    ----------
    make_optimizer : callable
        Called as ``make_optimizer(lr=rates)``; for example ``gdlib.Adam``.
    grad, loss : callable
        Gradient and objective, vectorized over a leading axis of runs.
    x0 : array_like
        The common starting point (one run's shape).
    steps : int
        Step budget.
    rates : array_like
        Candidate learning rates, 1-D (typically ``numpy.geomspace``).
    f_star : float, default 0
        The optimal value :math:`f^\star`.
    tol : float, default 1e-6
        Target gap.

    Returns
    -------
    Tuning

    Examples
    --------
    >>> import numpy as np, gdlib
    >>> from gdlib.functions import quadratic
    >>> best = gdlib.tune_lr(gdlib.GD, quadratic.grad, [-5.0, -2.0], 200,
    ...                      np.geomspace(1e-3, 1, 31), quadratic.value)
    >>> round(best.lr, 3), int(best.settle[best.index])
    (0.398, 89)
    """
    if not callable(make_optimizer):
        raise TypeError(f"make_optimizer must be callable, got {make_optimizer!r}")
    rates = np.asarray(rates, dtype=np.float64)
    if rates.ndim != 1 or rates.size == 0:
        raise ValueError(f"rates must be a non-empty 1-D array, got {rates!r}")
    x0 = _checks.finite_array("x0", x0)
    f_star = _checks.real("f_star", f_star)
    tol = _checks.nonnegative("tol", tol)
    starts = np.broadcast_to(x0, (rates.size,) + x0.shape)
    runs = run_many(make_optimizer(lr=rates), grad, starts, steps, loss=loss)
    gaps = np.where(np.isnan(runs.losses), np.inf, runs.losses - f_star)
    gaps[:, runs.stopped] = np.inf
    if runs.stopped.all():
        raise ValueError(f"every rate of the grid stopped at a non-finite number before {steps} steps: "
                         f"rates {np.array2string(rates, precision=4, separator=', ')} ({set(runs.stop)}); "
                         f"try smaller ones")
    above = gaps > tol
    # The last step above tol, plus one; 0 when the gap was never above it.
    last_above = np.where(above.any(axis=0), steps - np.argmax(above[::-1], axis=0), -1)
    settle = last_above + 1
    index = int(np.lexsort((gaps[-1], settle))[0])
    return Tuning(float(rates[index]), index, runs, gaps, settle)
