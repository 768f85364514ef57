"""Nonlinear conjugate gradients: Fletcher–Reeves and Polak–Ribière.

Each step goes along a direction that mixes the new gradient with the last
direction, with a step length chosen along it: the exact minimizer of the local
quadratic model when the Hessian is given (on a quadratic, an exact line search,
and the method is linear conjugate gradients), or a strong-Wolfe line search
when the loss and the gradient are.
"""

from typing import NamedTuple

import numpy as np

from .. import _checks
from .base import Optimizer, learning_rate
from .quasi_newton import _first_trial, _point_ndim, _point_shapes, _search
from .second_order import _callable, _hessian_at
from .wolfe import each_point

__all__ = ["ConjugateGradient", "ConjugateGradientState"]

BETAS = ("polak-ribiere", "fletcher-reeves")


class ConjugateGradientState(NamedTuple):
    """State of :class:`ConjugateGradient`, one entry per point.

    Attributes
    ----------
    since_restart : numpy.ndarray of int
        Steps since the last restart; 0: the next direction is :math:`-g`.
    direction : numpy.ndarray
        The last direction :math:`d_{t-1}`.
    previous_grad : numpy.ndarray
        The gradient :math:`g_{t-1}` of the last step.
    decrease : numpy.ndarray
        :math:`\\alpha_{t-1}\\, g_{t-1}^\\top d_{t-1}`, the decrease the last step's
        slope predicted, from which the line search's next trial follows (NaN
        before the first step).
    value : numpy.ndarray
        With the line search, :math:`f` at the current point (NaN before the first
        step); always NaN with ``hessian``.
    evaluations : numpy.ndarray of int
        With the line search, the loss evaluations so far (each with a gradient
        evaluation at the same point), :math:`f(x^{(0)})` included; always 0 with
        ``hessian``.
    """

    since_restart: np.ndarray
    direction: np.ndarray
    previous_grad: np.ndarray
    decrease: np.ndarray
    value: np.ndarray
    evaluations: np.ndarray


class ConjugateGradient(Optimizer):
    r"""Nonlinear conjugate gradients (Fletcher and Reeves, 1964; Polak and Ribière, 1969).

    Parameters
    ----------
    lr : float, array or Schedule, default 1.0
        With ``hessian``, a multiplier :math:`\eta` of the exact step (1:
        conjugate gradients; below 1 the directions are no longer conjugate).
        With the line search, the scale :math:`\eta` of its first trial (see
        Notes).
    beta : {"polak-ribiere", "fletcher-reeves"}, default "polak-ribiere"
        The formula for :math:`\beta_t`; Polak–Ribière's is PR+, clipped at 0.
    hessian : callable, optional
        Maps ``x`` to :math:`\nabla^2 f(x)`, as for :class:`~gdlib.Newton`: the
        step is then the minimizer of the quadratic model along :math:`d_t`.
    loss, grad : callable, optional
        The objective and its gradient, for a strong-Wolfe line search instead
        (``grad`` must be the gradient that drives the run). Give either
        ``hessian`` or both of these.
    restart : int, optional
        Restart (:math:`d_t = -g_t`) every ``restart`` steps; default: every
        :math:`d` steps, :math:`d` the dimension of a point.
    point_ndim : {1, 0}, default 1
        The number of trailing axes of ``x`` that make one point: 1 for a
        vector (leading axes are runs), 0 for a function of one number.

    Notes
    -----
    .. math::
        d_t = -g_t + \beta_t\, d_{t-1}, \qquad x^{(t)} = x^{(t-1)} + \alpha_t d_t,

        \beta_t^{\mathrm{FR}} = \frac{g_t^\top g_t}{g_{t-1}^\top g_{t-1}}, \qquad
        \beta_t^{\mathrm{PR+}} = \max\Bigl(0,\ \frac{g_t^\top (g_t - g_{t-1})}{g_{t-1}^\top g_{t-1}}\Bigr).

    Polak–Ribière's :math:`\beta` is clipped at 0 (PR+, Powell's safeguard): a
    negative :math:`\beta` is a restart, and with it the method converges on
    smooth functions where plain Polak–Ribière can cycle.

    Restarts: :math:`d_t = -g_t` at the first step, every ``restart`` steps,
    and whenever the formula's :math:`d_t` is not a descent direction
    (:math:`g_t^\top d_t \ge 0`, possible with an inexact step). Where
    :math:`g_t = 0` the point stays.

    The step length. With ``hessian`` it is the exact minimizer of the
    second-order model along :math:`d_t`,

    .. math::
        \alpha_t = \eta\, \frac{-g_t^\top d_t}{d_t^\top \nabla^2 f(x^{(t-1)})\, d_t},

    one Hessian per step and no loss evaluation. On a quadratic
    :math:`\frac12 x^\top A x - b^\top x` with :math:`A \succ 0` it is the
    exact line search, both formulas give the same :math:`\beta_t`, and the
    iterates are those of linear conjugate gradients: :math:`x^{(t)}`
    minimizes :math:`f` over :math:`x^{(0)} + \mathrm{span}\{g_1, A g_1, \dots,
    A^{t-1} g_1\}`, so :math:`x^{(d)}` is the minimizer (in exact arithmetic).
    Where the model's curvature :math:`d_t^\top \nabla^2 f\, d_t` is not
    positive it has no minimizer along :math:`d_t`: the step is NaN, and
    :func:`gdlib.run` stops there (``stop == "non-finite iterate"``); use the
    line search on such functions.

    This design asks for what gdlib's objectives already have (``hessian``)
    and keeps the protocol's one gradient per step; the line search is for
    functions without a Hessian. It is :class:`~gdlib.LBFGS`'s strong-Wolfe
    search with :math:`c_2 = 0.1` (Nocedal and Wright's advice for conjugate
    gradients: with :math:`c_2 < 1/2` Fletcher–Reeves' directions are descent
    directions), whose first trial is :math:`\eta\, \alpha_{t-1} g_{t-1}^\top
    d_{t-1} / g_t^\top d_t` (the step that repeats the last step's predicted
    decrease, Nocedal and Wright eq. 3.60), and :class:`~gdlib.LBFGS`'s first
    trial :math:`\eta \min(1, 1/\lVert g_t\rVert_1)` at the first step and
    after a search that found no step (:math:`\alpha_{t-1} = 0`).

    Examples
    --------
    Two steps reach the minimizer of a two-dimensional quadratic (the first
    is the exact step along :math:`-g_1`):

    >>> import gdlib
    >>> from gdlib.functions import quadratic
    >>> opt = gdlib.ConjugateGradient(hessian=quadratic.hessian)
    >>> gdlib.run(opt, quadratic.grad, [-5.0, -2.0], 2).xs.round(8) + 0.0
    array([[-5.        , -2.        ],
           [-4.74629196,  0.02966432],
           [ 0.        ,  0.        ]])
    """

    def __init__(self, lr=1.0, *, beta="polak-ribiere", hessian=None, loss=None, grad=None,
                 restart=None, point_ndim=1):
        self.lr = learning_rate("lr", lr)
        if beta not in BETAS:
            raise ValueError(f"beta must be 'polak-ribiere' or 'fletcher-reeves', got {beta!r}")
        self.beta = beta
        if hessian is not None:
            if loss is not None or grad is not None:
                raise ValueError("give either hessian (the exact step of the quadratic model) or "
                                 "loss and grad (a line search), not both")
            hessian = _callable("hessian", hessian)
        elif loss is None or grad is None:
            raise TypeError("ConjugateGradient needs hessian= (the exact step of the quadratic "
                            "model) or both loss= and grad= (a line search)")
        else:
            loss, grad = _callable("loss", loss), _callable("grad", grad)
        self.hessian, self.loss, self.grad = hessian, loss, grad
        self.restart = None if restart is None else _checks.integer("restart", restart, minimum=1)
        self.point_ndim = _point_ndim("ConjugateGradient", point_ndim)

    def init(self, x):
        shape, d = _point_shapes(x, self.point_ndim)
        return ConjugateGradientState(
            since_restart=np.zeros(shape, dtype=np.int64), direction=np.zeros(shape + (d,)),
            previous_grad=np.zeros(shape + (d,)), decrease=np.full(shape, np.nan),
            value=np.full(shape, np.nan), evaluations=np.zeros(shape, dtype=np.int64))

    def update(self, x, g, state, lr):
        with np.errstate(all="ignore"):
            return each_point(self._step, x, g, state, lr, self.point_ndim)

    def _step(self, x, g, lr, state):
        gg = g @ g
        if not gg > 0:
            return x, state  # a stationary point: stay
        since = int(state.since_restart)
        d = -g
        if since:
            g_prev = state.previous_grad
            if self.beta == "fletcher-reeves":
                beta = gg / (g_prev @ g_prev)
            else:
                beta = max(0.0, (g @ (g - g_prev)) / (g_prev @ g_prev))
            d = -g + beta * state.direction
            if not g @ d < 0:  # not a descent direction: restart
                d, since = -g, 0
        slope = g @ d
        if self.hessian is not None:
            point = x.reshape(() if self.point_ndim == 0 else x.shape)[()]
            H = _hessian_at(self.hessian, point, self.point_ndim)
            H = H.reshape(len(x), len(x))
            # d scaled exactly, by a power of two, to about 1: d^T H d
            # would underflow to 0 near the minimizer (1e-160 squared)
            exponent = np.frexp(np.max(np.abs(d)))[1]
            scaled = np.ldexp(d, -exponent)
            curvature = scaled @ H @ scaled
            if curvature > 0:
                alpha = lr * (-(g @ scaled) / curvature)
                alpha = np.ldexp(alpha, -exponent)
            else:
                alpha = np.nan
        else:
            t = lr * float(state.decrease) / slope
            if not 0 < t < np.inf:  # first step, or a search found none
                t = _first_trial(g, lr)
            _, _, alpha, state = _search(self, x, g, d, t, slope, state,
                                         c2=0.1)
        since += 1
        every = self.restart or len(x)
        state = state._replace(since_restart=0 if since >= every else since,
                               direction=d, previous_grad=g,
                               decrease=alpha * slope)
        return x + alpha * d, state
