"""Evaluating a loss at many points: once for all of them, or once per point.

A loss written for one point, ``f(x) -> float``, is called once per point. A
loss declared :func:`vectorized` maps an array of points to their values in one
call. :func:`gdlib.run`, :func:`gdlib.run_many` and the line search of
:class:`gdlib.Backtracking` all evaluate losses through :func:`loss_values`, so
every value is checked the same way.
"""

import functools

import numpy as np

__all__ = ["vectorized", "is_vectorized", "loss_values", "brief"]


def vectorized(loss):
    """Declare that ``loss`` accepts many points at once.

    A vectorized loss maps an array of points, shape ``(k,) + shape(x)``, to
    their ``k`` values. Returns a callable that calls ``loss`` (``loss`` itself is
    not changed). :func:`run` and :func:`run_many` then call it once on all
    iterates instead of once per iterate. The objectives in
    :mod:`gdlib.functions` are declared already.

    Examples
    --------
    >>> import numpy as np, gdlib
    >>> loss = gdlib.vectorized(lambda points: np.sum(points**2, axis=-1))
    >>> gdlib.run(gdlib.GD(lr=0.25), lambda x: 2 * x, [1.0, 2.0], 2, loss=loss).losses
    array([5.    , 1.25  , 0.3125])
    """
    if not callable(loss):
        raise TypeError(f"vectorized expects a callable, got {loss!r}")
    return loss if is_vectorized(loss) else _Vectorized(loss)


class _Vectorized:
    """A loss declared vectorized: it calls ``loss`` and leaves it as it was (a method, a
    builtin or a numpy function stays undeclared everywhere else)."""

    vectorized = True

    def __init__(self, loss):
        functools.update_wrapper(self, loss)  # its name and docstring, for messages

    def __call__(self, points):
        return self.__wrapped__(points)

    def __repr__(self):
        return f"gdlib.vectorized({self.__wrapped__!r})"


def is_vectorized(loss):
    """Whether ``loss`` was declared vectorized (see :func:`vectorized`)."""
    return getattr(loss, "vectorized", False) is True


def loss_values(loss, points):
    """``loss`` at each of ``points`` (shape ``(k,) + shape(x)``): ``k`` float64 values.

    One call when ``loss`` is declared vectorized, ``k`` calls otherwise; a value
    that is not one real number per point is an error naming the loss.
    """
    name = getattr(loss, "__name__", type(loss).__name__)
    with np.errstate(all="ignore"):
        if is_vectorized(loss):
            values = np.asarray(loss(points))
            if values.shape != (len(points),) or values.dtype.kind not in "iuf":
                raise ValueError(f"loss {name!r} is declared vectorized: for {len(points)} points "
                                 f"it must return {len(points)} real numbers, got {brief(values)}")
            return values.astype(np.float64, copy=False)
        return np.array([_checked_loss(loss(p), name, p) for p in points], dtype=np.float64)


def brief(value):
    """A one-line description of ``value`` for an error message."""
    text = " ".join(repr(value).split())
    return text if len(text) <= 60 else f"{text[:57]}..."


def _checked_loss(value, name, point):
    """One loss value as a Python float, or an error naming the loss."""
    if isinstance(value, str) or np.ndim(value) != 0 or np.asarray(value).dtype.kind not in "iuf":
        raise TypeError(f"loss {name!r} returned {brief(value)} at x = {brief(point)}: a loss must be one "
                        f"real number per point (use gdlib.vectorized for a loss of many points)")
    return float(value)
