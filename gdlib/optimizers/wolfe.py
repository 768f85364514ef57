"""The strong-Wolfe line search of :class:`~gdlib.LBFGS`, :class:`~gdlib.BFGS` and
:class:`~gdlib.ConjugateGradient`, and how these optimizers step point by point.

The search is ``torch.optim.LBFGS``'s (itself a port of minFunc's
``lswolfe``), line by line in numpy: a bracketing phase that grows the
step by cubic interpolation until an interval holds an acceptable step, then a
zoom phase that shrinks the interval, again by cubic interpolation, with a
safeguard that keeps the trials away from its ends. It evaluates the loss and the
gradient together at each trial point.

Its control flow depends on the values it meets, so the points of a batch
(:func:`gdlib.run_many`) are searched one after another: :func:`each_point`
runs an optimizer's step for one point on each point of ``x`` in turn, which is
also why ``run_many(...)[i]`` is ``run(...)`` exactly for these optimizers.
"""

import math

import numpy as np

from ..losses import brief, loss_values
from .points import batch_shape

__all__ = ["strong_wolfe", "cubic_minimizer", "each_point", "Evaluator"]


def cubic_minimizer(t1, f1, s1, t2, f2, s2, bounds=None):
    """The minimizer of the cubic through two points with values ``f`` and slopes ``s``.

    It is clipped to ``bounds`` (default: the interval between ``t1`` and
    ``t2``); when the cubic has no minimizer (its discriminant is negative),
    the middle of the bounds. The formula, for :math:`t_1 \\le t_2`:

    .. math::
        d_1 = s_1 + s_2 - 3\\frac{f_1 - f_2}{t_1 - t_2}, \\quad
        d_2 = \\sqrt{d_1^2 - s_1 s_2}, \\quad
        t = t_2 - (t_2 - t_1)\\,\\frac{s_2 + d_2 - d_1}{s_2 - s_1 + 2 d_2}.
    """
    # numpy's floats, silent: a division by 0 is infinite, and the bounds clip it
    # (a straight line, s1 = s2, puts the minimizer at infinity: the upper bound).
    t1, f1, s1, t2, f2, s2 = (np.float64(v) for v in (t1, f1, s1, t2, f2, s2))
    low, high = bounds if bounds is not None else ((t1, t2) if t1 <= t2 else (t2, t1))
    with np.errstate(divide="ignore", invalid="ignore"):
        d1 = s1 + s2 - 3 * (f1 - f2) / (t1 - t2)
        d2_square = d1**2 - s1 * s2
        if d2_square >= 0:
            d2 = math.sqrt(d2_square)
            if t1 <= t2:
                t = t2 - (t2 - t1) * ((s2 + d2 - d1) / (s2 - s1 + 2 * d2))
            else:
                t = t1 - (t1 - t2) * ((s1 + d2 - d1) / (s1 - s2 + 2 * d2))
            return min(max(t, low), high)
    return (low + high) / 2.0


def strong_wolfe(evaluate, t, d, f, g, slope, c1=1e-4, c2=0.9, tolerance_change=1e-9,
                 max_trials=25):
    """Search along ``d`` for a step ``t`` that satisfies the strong Wolfe conditions.

    Parameters
    ----------
    evaluate : callable
        ``evaluate(t)`` returns ``(f(x + t d), grad f(x + t d))``.
    t : float
        The first trial step.
    d : numpy.ndarray
        The direction, a descent direction: ``slope = g . d < 0``.
    f, g, slope : float, numpy.ndarray, float
        :math:`f(x)`, :math:`\\nabla f(x)` and :math:`\\nabla f(x)^\\top d`.
    c1, c2 : float
        The constants of the conditions, :math:`0 < c_1 < c_2 < 1`:

        .. math::
            f(x + t d) \\le f(x) + c_1 t\\, \\nabla f(x)^\\top d, \\qquad
            \\bigl|\\nabla f(x + t d)^\\top d\\bigr| \\le -c_2\\, \\nabla f(x)^\\top d.
    tolerance_change : float
        The search stops when its interval is shorter than this (times
        :math:`\\max_i |d_i|`).
    max_trials : int
        The most trials after the first (torch's ``max_ls``): at most
        ``max_trials + 1`` evaluations.

    Returns
    -------
    f_new, g_new, t, trials : float, numpy.ndarray, float, int
        The step found (the best one met if none satisfied both conditions;
        0 if none decreased :math:`f`), :math:`f` and :math:`\\nabla f` there,
        and the number of evaluations.
    """
    d_norm = np.max(np.abs(d))
    f_new, g_new = evaluate(t)
    trials = 1
    slope_new = g_new @ d
    # Bracketing: grow the step until an interval holds a point that satisfies both.
    t_prev, f_prev, g_prev, slope_prev = 0, f, g, slope
    done = False
    k = 0
    while k < max_trials:
        if f_new > f + c1 * t * slope or (k > 1 and f_new >= f_prev):
            bracket, bracket_f = [t_prev, t], [f_prev, f_new]
            bracket_g, bracket_slope = [g_prev, g_new], [slope_prev, slope_new]
            break
        if abs(slope_new) <= -c2 * slope:
            bracket, bracket_f, bracket_g = [t], [f_new], [g_new]
            done = True
            break
        if slope_new >= 0:
            bracket, bracket_f = [t_prev, t], [f_prev, f_new]
            bracket_g, bracket_slope = [g_prev, g_new], [slope_prev, slope_new]
            break
        # Extrapolate: the cubic's minimizer, between 1.01 t - 0.01 t_prev and 10 t.
        t_next = cubic_minimizer(t_prev, f_prev, slope_prev, t, f_new, slope_new,
                                 bounds=(t + 0.01 * (t - t_prev), t * 10))
        t_prev, f_prev, g_prev, slope_prev = t, f_new, g_new, slope_new
        t = t_next
        f_new, g_new = evaluate(t)
        trials += 1
        slope_new = g_new @ d
        k += 1
    if k == max_trials:  # out of trials: the better of 0 and the last step
        bracket, bracket_f, bracket_g = [0, t], [f, f_new], [g, g_new]
    # Zoom: shrink the bracket until a point satisfies both conditions.
    stuck = False
    low, high = (0, 1) if bracket_f[0] <= bracket_f[-1] else (1, 0)
    while not done and k < max_trials:
        if abs(bracket[1] - bracket[0]) * d_norm < tolerance_change:
            break
        t = cubic_minimizer(bracket[0], bracket_f[0], bracket_slope[0],
                            bracket[1], bracket_f[1], bracket_slope[1])
        # Safeguard: a trial within 10% of the bracket's length from an end is moved
        # there, at once if it is on the end, at the second time in a row otherwise.
        eps = 0.1 * (max(bracket) - min(bracket))
        if min(max(bracket) - t, t - min(bracket)) < eps:
            if stuck or t >= max(bracket) or t <= min(bracket):
                t = max(bracket) - eps if abs(t - max(bracket)) < abs(t - min(bracket)) \
                    else min(bracket) + eps
                stuck = False
            else:
                stuck = True
        else:
            stuck = False
        f_new, g_new = evaluate(t)
        trials += 1
        slope_new = g_new @ d
        k += 1
        if f_new > f + c1 * t * slope or f_new >= bracket_f[low]:
            # No sufficient decrease, or not below the low end: the new high end.
            bracket[high], bracket_f[high] = t, f_new
            bracket_g[high], bracket_slope[high] = g_new, slope_new
            low, high = (0, 1) if bracket_f[0] <= bracket_f[1] else (1, 0)
        else:
            if abs(slope_new) <= -c2 * slope:
                done = True
            elif slope_new * (bracket[high] - bracket[low]) >= 0:
                # The old low end becomes the high end.
                bracket[high], bracket_f[high] = bracket[low], bracket_f[low]
                bracket_g[high], bracket_slope[high] = bracket_g[low], bracket_slope[low]
            bracket[low], bracket_f[low] = t, f_new
            bracket_g[low], bracket_slope[low] = g_new, slope_new
    return bracket_f[low], bracket_g[low], bracket[low], trials


class Evaluator:
    """The loss and the gradient at one point, checked; for a line search.

    ``point_shape`` is the shape ``loss`` and ``grad`` expect of one point:
    ``()`` for a function of one number, ``(d,)`` for a vector.
    """

    def __init__(self, loss, grad, point_shape):
        self.loss, self.grad, self.point_shape = loss, grad, point_shape

    def value(self, x):
        """``loss`` at the flat point ``x``, a float."""
        return float(loss_values(self.loss, x.reshape((1,) + self.point_shape))[0])

    def gradient(self, x):
        """``grad`` at the flat point ``x``, a flat float64 array."""
        point = x.reshape(self.point_shape)[()]
        g = self.grad(point)
        array = None if isinstance(g, (str, bytes)) else np.asarray(g)
        if array is None or array.dtype.kind not in "iuf" or array.shape != self.point_shape:
            name = getattr(self.grad, "__name__", type(self.grad).__name__)
            raise ValueError(f"grad {name!r} returned {brief(g)} of shape {np.shape(g)} at a point "
                             f"of shape {self.point_shape}: it must return real numbers shaped "
                             f"like the point")
        return array.astype(np.float64).reshape(-1)

    def along(self, x, d):
        """``evaluate(t)`` for :func:`strong_wolfe`: ``loss`` and ``grad`` at ``x + t d``."""
        def evaluate(t):
            trial = x + t * d
            return self.value(trial), self.gradient(trial)
        return evaluate


def each_point(step, x, g, state, lr, point_ndim):
    """Apply ``step(x, g, lr, state)`` (one point: flat ``x`` and ``g``, a float ``lr``,
    ``state`` the point's entries) to each point of ``x`` in turn.

    Returns ``(new_x, new_state)``; the state's fields are new arrays, the
    arguments are left untouched.
    """
    x = np.asarray(x, dtype=np.float64)
    g = np.asarray(g, dtype=np.float64)
    shape = batch_shape(x, point_ndim)
    n = math.prod(shape)
    dim = x.shape[-1] if point_ndim else 1
    points, grads = x.reshape(n, dim), g.reshape(n, dim)
    rates = np.broadcast_to(lr, x.shape).reshape(n, dim)[:, 0].tolist()
    fields = [np.array(field).reshape((n,) + np.shape(field)[len(shape):]) for field in state]
    new_points = np.empty_like(points)
    for i in range(n):
        new_points[i], entries = step(points[i], grads[i], rates[i],
                                      state._make(field[i] for field in fields))
        for field, entry in zip(fields, entries, strict=True):
            field[i] = entry
    new_state = state._make(field.reshape(shape + field.shape[1:]) for field in fields)
    return new_points.reshape(x.shape)[()], new_state
