"""Checking an analytic gradient against central finite differences."""

from typing import NamedTuple

import numpy as np

from . import _checks

__all__ = ["check_grad", "GradCheck"]


class GradCheck(NamedTuple):
    """Result of :func:`check_grad`; true in a boolean context when the gradients agree."""

    ok: bool
    max_error: float
    analytic: np.ndarray
    numeric: np.ndarray

    def __bool__(self):
        return bool(self.ok)


def check_grad(f, grad, x, h=None, rtol=1e-5, atol=1e-7):
    r"""Compare ``grad(x)`` with central finite differences of ``f`` at ``x``.

    Parameters
    ----------
    f : callable
        The function, mapping a point shaped like ``x`` to a scalar.
    grad : callable
        Its claimed gradient, mapping a point to an array shaped like ``x``.
    x : float or array_like
        The point at which to compare.
    h : float, optional
        Step; by default :math:`\epsilon_{\text{mach}}^{1/3} \max(1, |x_i|)`
        per coordinate, which balances truncation and rounding error.
    rtol, atol : float
        The check passes when :math:`|a_i - n_i| \le \text{atol} + \text{rtol}\,|n_i|`
        for every coordinate.

    Returns
    -------
    GradCheck
        ``ok``, the largest absolute difference, and both gradients.

    Notes
    -----
    .. math:: \frac{\partial f}{\partial x_i} \approx \frac{f(x + h e_i) - f(x - h e_i)}{2h},

    with an error of order :math:`h^2 f'''` plus rounding of order
    :math:`\epsilon_{\text{mach}} |f| / h`.

    Examples
    --------
    The derivative used by the source article misses a factor :math:`\pi`:

    >>> import numpy as np
    >>> from gdlib import check_grad
    >>> from gdlib.functions import xcos
    >>> bool(check_grad(xcos.value, xcos.grad, 0.5))
    True
    >>> bool(check_grad(xcos.value, xcos.article_grad, 0.5))
    False
    """
    if not callable(f) or not callable(grad):
        raise TypeError(f"f and grad must be callable, got f={f!r}, grad={grad!r}")
    x = _checks.finite_array("x", x)
    rtol = _checks.nonnegative("rtol", rtol)
    atol = _checks.nonnegative("atol", atol)
    if h is None:
        steps = np.finfo(np.float64).eps ** (1 / 3) * np.maximum(1.0, np.abs(x))
    else:
        steps = np.full(x.shape, _checks.positive("h", h))
    numeric = np.empty_like(x)
    for i in np.ndindex(x.shape):
        forward, backward = x.copy(), x.copy()
        forward[i] += steps[i]
        backward[i] -= steps[i]
        numeric[i] = (float(f(forward)) - float(f(backward))) / (forward[i] - backward[i])
    analytic = np.asarray(grad(x.copy()), dtype=np.float64)
    if analytic.shape != x.shape:
        raise ValueError(f"grad returned shape {analytic.shape} for x of shape {x.shape}")
    error = np.abs(analytic - numeric)
    ok = bool(np.all(error <= atol + rtol * np.abs(numeric)))
    return GradCheck(ok, float(error.max(initial=0.0)), analytic, numeric)
