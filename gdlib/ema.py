"""Exponential moving averages: the building block of momentum, RMSProp and Adam.

An exponential moving average (EMA) with decay :math:`\\gamma \\in [0, 1)` is

.. math:: \\bar u_t = \\gamma\\, \\bar u_{t-1} + (1 - \\gamma)\\, u_t, \\qquad \\bar u_0 = 0.

Unrolled, :math:`\\bar u_t = (1-\\gamma) \\sum_{i=1}^{t} \\gamma^{t-i} u_i`: the weights
sum to :math:`1 - \\gamma^t`, not 1, so early averages are biased towards zero.
Dividing by :math:`1 - \\gamma^t` removes that bias (Adam's bias correction).
"""

import numpy as np

from . import _checks

__all__ = ["ema", "update_moment"]


def update_moment(average, value, decay):
    """One step of an exponential moving average.

    Returns ``decay * average + (1 - decay) * value``, a new array; it
    modifies nothing. Every moving average that gdlib's optimizers keep
    (of the gradients, or of their squares) is computed by this function.
    """
    return decay * average + (1 - decay) * value


def ema(values, gamma, bias_correction=False):
    """Exponential moving average of a sequence, along its first axis.

    Parameters
    ----------
    values : array_like, shape (T, ...)
        The signal :math:`u_1, \\dots, u_T`; trailing axes are averaged independently.
    gamma : float
        Decay :math:`\\gamma \\in [0, 1)`; the average spans roughly the last
        :math:`1/(1-\\gamma)` values.
    bias_correction : bool, default False
        Divide :math:`\\bar u_t` by :math:`1-\\gamma^t`, as Adam does.

    Returns
    -------
    numpy.ndarray, shape (T, ...)
        :math:`\\bar u_1, \\dots, \\bar u_T` (float64).

    Notes
    -----
    .. math::
        \\bar u_t = \\gamma\\, \\bar u_{t-1} + (1-\\gamma)\\, u_t,\\quad \\bar u_0 = 0,
        \\qquad \\hat u_t = \\frac{\\bar u_t}{1-\\gamma^t}.

    Examples
    --------
    An EMA of a constant signal starts far below it; the corrected one does not.

    >>> import numpy as np
    >>> from gdlib import ema
    >>> ema(np.ones(3), 0.9).round(3)
    array([0.1  , 0.19 , 0.271])
    >>> ema(np.ones(3), 0.9, bias_correction=True)
    array([1., 1., 1.])
    """
    gamma = _checks.unit_interval("gamma", gamma)
    if not isinstance(bias_correction, (bool, np.bool_)):
        raise TypeError(f"bias_correction must be True or False, got {bias_correction!r}")
    values = _checks.finite_array("values", values)
    if values.ndim == 0:
        raise ValueError(f"values must have at least one axis (time), got a scalar {values!r}")
    out = np.empty_like(values)
    average = np.zeros_like(values[0])
    for t, value in enumerate(values, start=1):
        average = update_moment(average, value, gamma)
        out[t - 1] = average / (1 - gamma**t) if bias_correction else average  # Adam's correction
    return out
