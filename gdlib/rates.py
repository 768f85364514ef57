r"""Convergence rates on quadratics, and the number of steps a rate implies.

The book quotes these numbers in several chapters; they all come from here, so that
two chapters never round the same quantity differently.

A method that multiplies the error by a factor of size :math:`\rho < 1` per step
reaches a fraction ``tol`` of the initial error after

.. math:: t = \min\{t \in \mathbb{N} : \rho^t \le \text{tol}\}
    = \Bigl\lceil \frac{\ln \text{tol}}{\ln \rho} \Bigr\rceil

steps: a count of whole steps, rounded up, since a run that has not yet reached the
tolerance needs one more step.

>>> from gdlib import rates
>>> best = rates.gd_optimal(0.2, 4.0)
>>> round(best.lr, 4), round(best.rate, 4)
(0.4762, 0.9048)
>>> rates.steps_to_tolerance(best.rate, 1e-6)
139
"""

from collections import namedtuple

import numpy as np

from . import _checks

__all__ = ["gd_rate", "momentum_rate", "gd_optimal", "momentum_optimal", "steps_to_tolerance"]

GDOptimum = namedtuple("GDOptimum", ["lr", "rate"])
MomentumOptimum = namedtuple("MomentumOptimum", ["lr", "gamma", "rate"])


def _eigenvalue_range(lam_min, lam_max):
    lam_min = _checks.positive("lam_min", lam_min)
    lam_max = _checks.positive("lam_max", lam_max)
    if lam_min > lam_max:
        raise ValueError(f"lam_min must be <= lam_max, got lam_min={lam_min!r} > "
                         f"lam_max={lam_max!r}")
    return lam_min, lam_max


def gd_rate(lr, eigenvalues):
    r"""Factor by which gradient descent shrinks the error per step on a quadratic.

    Parameters
    ----------
    lr : float
        The learning rate :math:`\eta > 0`.
    eigenvalues : array_like
        The Hessian's eigenvalues :math:`\lambda_i` (any sign).

    Returns
    -------
    float
        :math:`\rho(\eta) = \max_i |1 - \eta\lambda_i|`; the run converges iff it is below 1.

    Examples
    --------
    >>> round(gd_rate(0.25, [0.2, 4.0]), 4)
    0.95
    """
    lr = _checks.positive("lr", lr)
    lam = _checks.finite_array("eigenvalues", eigenvalues)
    if lam.size == 0:
        raise ValueError("eigenvalues must not be empty")
    return float(np.abs(1 - lr * lam).max())


def momentum_rate(lr, gamma, eigenvalues):
    r"""Factor by which heavy-ball momentum shrinks the error per step on a quadratic, in the long run.

    :class:`gdlib.Momentum` updates :math:`v \leftarrow \gamma v + \eta g` and
    :math:`x \leftarrow x - v`. Along an eigenvector of the Hessian, with eigenvalue
    :math:`\lambda`, the pair :math:`(v, x)` is multiplied at every step by

    .. math:: M(\lambda) = \begin{pmatrix} \gamma & \eta\lambda \\ -\gamma & 1 - \eta\lambda \end{pmatrix},

    and the error shrinks, in the long run, by the largest spectral radius of these
    matrices.

    Parameters
    ----------
    lr : float
        The learning rate :math:`\eta > 0`.
    gamma : float
        The momentum :math:`0 \le \gamma < 1`.
    eigenvalues : array_like
        The Hessian's eigenvalues :math:`\lambda_i` (any sign).

    Returns
    -------
    float
        :math:`\max_i \rho\bigl(M(\lambda_i)\bigr)`; the run converges iff it is below 1.

    Examples
    --------
    >>> best = momentum_optimal(0.2, 4.0)
    >>> rate = momentum_rate(best.lr, best.gamma, [0.2, 1.0, 4.0])
    >>> round(rate, 4), round(best.rate, 4)
    (0.6345, 0.6345)
    """
    lr = _checks.positive("lr", lr)
    gamma = _checks.unit_interval("gamma", gamma)
    lam = _checks.finite_array("eigenvalues", eigenvalues)
    if lam.size == 0:
        raise ValueError("eigenvalues must not be empty")
    a = lr * np.ravel(lam)
    # the eigenvalues of M: roots of mu^2 - (1 + gamma - a) mu + gamma = 0
    trace = 1 + gamma - a
    root = np.sqrt((trace**2 - 4 * gamma).astype(complex))
    return float(np.maximum(np.abs((trace + root) / 2), np.abs((trace - root) / 2)).max())


def gd_optimal(lam_min, lam_max):
    r"""The best constant learning rate of gradient descent on a quadratic, and its rate.

    Parameters
    ----------
    lam_min, lam_max : float
        The smallest and largest Hessian eigenvalues, :math:`0 < \lambda_{\min} \le \lambda_{\max}`.

    Returns
    -------
    GDOptimum
        ``lr`` :math:`= 2/(\lambda_{\min} + \lambda_{\max})` and
        ``rate`` :math:`= (\kappa - 1)/(\kappa + 1)`, with
        :math:`\kappa = \lambda_{\max}/\lambda_{\min}`.

    Examples
    --------
    >>> best = gd_optimal(0.2, 4.0)
    >>> round(best.rate, 6) == round(19 / 21, 6)
    True
    """
    lam_min, lam_max = _eigenvalue_range(lam_min, lam_max)
    kappa = lam_max / lam_min
    return GDOptimum(2 / (lam_min + lam_max), (kappa - 1) / (kappa + 1))


def momentum_optimal(lam_min, lam_max):
    r"""The best learning rate and momentum of heavy-ball momentum on a quadratic.

    Parameters
    ----------
    lam_min, lam_max : float
        The smallest and largest Hessian eigenvalues, :math:`0 < \lambda_{\min} \le \lambda_{\max}`.

    Returns
    -------
    MomentumOptimum
        ``lr`` :math:`= 4/(\sqrt{\lambda_{\max}} + \sqrt{\lambda_{\min}})^2`,
        ``gamma`` :math:`= \bigl((\sqrt\kappa - 1)/(\sqrt\kappa + 1)\bigr)^2` and
        ``rate`` :math:`= \sqrt{\gamma} = (\sqrt\kappa - 1)/(\sqrt\kappa + 1)`.

    Examples
    --------
    >>> best = momentum_optimal(0.2, 4.0)
    >>> round(best.lr, 4), round(best.gamma, 4), round(best.rate, 4)
    (0.6679, 0.4026, 0.6345)
    """
    lam_min, lam_max = _eigenvalue_range(lam_min, lam_max)
    root = np.sqrt(lam_max / lam_min)
    rate = float((root - 1) / (root + 1))
    return MomentumOptimum(float(4 / (np.sqrt(lam_max) + np.sqrt(lam_min)) ** 2), rate**2, rate)


def steps_to_tolerance(rate, tol):
    r"""Whole steps until an error that shrinks by ``rate`` per step is below ``tol`` of its start.

    Parameters
    ----------
    rate : float
        The factor per step; only its size :math:`|\rho| < 1` matters.
    tol : float
        The target fraction of the initial error, :math:`0 < \text{tol}`.

    Returns
    -------
    int
        The smallest :math:`t \ge 0` with :math:`|\rho|^t \le \text{tol}`, that is
        :math:`\lceil \ln \text{tol} / \ln |\rho| \rceil` (0 when ``tol >= 1``).
        Powers that equal ``tol`` up to rounding (a relative :math:`10^{-12}`) count
        as reaching it.

    Raises
    ------
    ValueError
        If :math:`|\rho| \ge 1` (the error never shrinks) or ``tol <= 0``.

    Examples
    --------
    >>> steps_to_tolerance(0.1, 1e-6)
    6
    >>> steps_to_tolerance(-0.7, 1e-6)
    39
    >>> steps_to_tolerance(0.9, 0.01)   # ln(0.01) / ln(0.9) = 43.7
    44
    """
    size = abs(_checks.real("rate", rate))
    if size >= 1:
        raise ValueError(f"rate must have size < 1 for the error to shrink, got {rate!r}")
    tol = _checks.positive("tol", tol)
    if tol >= 1:
        return 0
    if size == 0:
        return 1
    slack = tol * (1 + 1e-12)
    steps = max(int(np.ceil(np.log(tol) / np.log(size))), 1)
    while steps > 1 and size ** (steps - 1) <= slack:
        steps -= 1
    while size**steps > slack:
        steps += 1
    return steps
