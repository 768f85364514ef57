"""Which axes of ``x`` are one point: the ``point_ndim`` of the optimizers that need to know.

Most optimizers work coordinate by coordinate, so they never ask where one
point ends: :func:`gdlib.run_many` simply hands them an array with a leading
axis of runs. Newton's method (a linear solve), the line search of
:class:`~gdlib.Backtracking` (one loss value per point) and clipping by norm
(one norm per point) do ask. They take ``point_ndim``, the number of trailing
axes of ``x`` that make up one point, and treat every leading axis as a batch
of independent points:

- ``point_ndim=1`` (the default): a point is a vector, shape ``(d,)``. ``x`` of
  shape ``(d,)`` is one point (:func:`gdlib.run`); ``(runs, d)`` is one point
  per run (:func:`gdlib.run_many`).
- ``point_ndim=0``: a point is one number, as for :data:`gdlib.functions.xcos`;
  ``x`` of shape ``(runs,)`` holds one number per run.
- ``point_ndim=2`` and more: a point is a matrix or a larger array (clipping only).
"""

import numpy as np

from .. import _checks

__all__ = ["check_point_ndim", "batch_shape", "point_norm"]


def check_point_ndim(value):
    """Validate ``point_ndim``: an int >= 0."""
    return _checks.integer("point_ndim", value, minimum=0)


def batch_shape(x, point_ndim):
    """The leading axes of ``x`` that index points; an error when ``x`` is smaller than one point."""
    if np.ndim(x) < point_ndim:
        raise ValueError(f"point_ndim={point_ndim} says a point has {point_ndim} axes, but x has "
                         f"shape {np.shape(x)}; use point_ndim=0 for a function of one number")
    return np.shape(x)[: np.ndim(x) - point_ndim]


def point_norm(g, point_ndim):
    """The Euclidean norm of each point of ``g``, shaped to broadcast against ``g``."""
    axes = tuple(range(np.ndim(g) - point_ndim, np.ndim(g)))
    return np.sqrt(np.sum(g * g, axis=axes, keepdims=True))
