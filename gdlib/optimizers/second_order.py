"""Newton's method and gradient descent with a backtracking line search.

Both need more than the gradient: Newton's method the Hessian, the line search
the loss. Each optimizer holds that function, so both run under
:func:`gdlib.run` and :func:`gdlib.run_many` like any other. Both work point by
point, so each takes ``point_ndim``, the number of trailing axes of ``x`` that
make up one point (see ``gdlib/optimizers/points.py``).
"""

from typing import NamedTuple

import numpy as np

from .. import _checks
from ..losses import brief, loss_values
from .base import Optimizer, learning_rate
from .points import batch_shape, check_point_ndim

__all__ = ["Newton", "Backtracking", "BacktrackingState"]


class BacktrackingState(NamedTuple):
    """State of :class:`Backtracking`, one entry per point.

    Attributes
    ----------
    evaluations : numpy.ndarray of int
        Loss evaluations so far, the cost that the gradient count does not show.
    rate : numpy.ndarray
        The rate :math:`\\eta_t` the last step accepted (0 when no trial passed).
    value : numpy.ndarray
        :math:`f` at the current point, as the last step's accepted trial found it
        (NaN before the first step: not yet evaluated), so that the next step does
        not evaluate it again.
    """

    evaluations: np.ndarray
    rate: np.ndarray
    value: np.ndarray


def _callable(name, value):
    if not callable(value):
        raise TypeError(f"{name} must be callable, got {brief(value)}")
    return value


class Newton(Optimizer):
    r"""Newton's method: step to the critical point of the local quadratic model.

    Parameters
    ----------
    lr : float, array or Schedule, default 1.0
        Step multiplier :math:`\eta > 0`: 1 is Newton's method, :math:`\eta < 1`
        damped Newton.
    hessian : callable
        Maps ``x`` to the Hessian :math:`\nabla^2 f(x)`: shape ``x.shape + (d,)``
        (``(..., d, d)``) for ``point_ndim=1``, shape ``x.shape`` (the second
        derivative of each number) for ``point_ndim=0``. The objectives of
        :mod:`gdlib.functions` have one (``hessian=rosenbrock.hessian``).
    point_ndim : {1, 0}, default 1
        The number of trailing axes of ``x`` that make one point: 1 for a
        vector (leading axes are runs, as in :func:`gdlib.run_many`), 0 for a
        function of one number, every entry of ``x`` its own point.

    Notes
    -----
    .. math::
        \nabla^2 f\bigl(x^{(t-1)}\bigr)\, d_t = g_t, \qquad
        x^{(t)} = x^{(t-1)} - \eta\, d_t.

    With :math:`\eta = 1`, :math:`x^{(t)}` is the critical point of the
    second-order Taylor model
    :math:`f(x) + g^\top (y - x) + \frac12 (y - x)^\top \nabla^2 f(x)\, (y - x)`.
    Near a minimizer with a positive definite Hessian the error squares at
    every step (quadratic convergence).

    Nothing here checks that the Hessian is positive definite. Where it is
    not, the model's critical point is a maximum or a saddle, and the step
    goes there: Newton's method is attracted to the nearest critical point of
    :math:`f`, maxima included. Where the Hessian is singular the step is
    undefined; it is NaN, and :func:`gdlib.run` stops the run there
    (``stop == "non-finite iterate"``). A point of a batch whose Hessian is singular does not stop
    the others.

    Each step costs one gradient, one Hessian and one linear solve per point.

    Examples
    --------
    On a quadratic one step is enough, and on the saddle :math:`x_1^2 - x_2^2`
    the step goes to the saddle point:

    >>> import gdlib
    >>> from gdlib.functions import quadratic, saddle
    >>> gdlib.run(gdlib.Newton(hessian=quadratic.hessian), quadratic.grad, [-5.0, -2.0], 1).xs
    array([[-5., -2.],
           [ 0.,  0.]])
    >>> gdlib.run(gdlib.Newton(hessian=saddle.hessian), saddle.grad, [0.5, 0.3], 1).final
    array([0., 0.])
    """

    def __init__(self, lr=1.0, *, hessian, point_ndim=1):
        self.lr = learning_rate("lr", lr)
        self.hessian = _callable("hessian", hessian)
        self.point_ndim = check_point_ndim(point_ndim)
        if self.point_ndim > 1:
            raise ValueError(f"point_ndim must be 0 (one number) or 1 (a vector) for Newton, "
                             f"got {point_ndim!r}")

    def init(self, x):
        batch_shape(x, self.point_ndim)
        return ()

    def update(self, x, g, state, lr):
        H = self._hessian_at(x)  # Hessian at x^{(t-1)}.
        with np.errstate(all="ignore"):  # Newton direction: H d = g.
            d = g / H if self.point_ndim == 0 else _solve(H, g)
        return x - lr * d, state

    def _hessian_at(self, x):
        return _hessian_at(self.hessian, x, self.point_ndim)


def _hessian_at(hessian, x, point_ndim):
    """The Hessian at ``x``, checked: real numbers of the shape ``point_ndim`` implies."""
    H = hessian(x)
    expected = np.shape(x) + np.shape(x)[np.ndim(x) - point_ndim:]  # (..., d, d) or (...)
    array = None if isinstance(H, (str, bytes)) else np.asarray(H)
    if array is None or array.dtype.kind not in "iuf" or array.shape != expected:
        hint = ("" if point_ndim == 0 else
                "; for a function of one number, with its second derivative, use point_ndim=0")
        raise ValueError(f"hessian returned {brief(H)} of shape {np.shape(H)} for x of shape "
                         f"{np.shape(x)}: with point_ndim={point_ndim} it must return "
                         f"real numbers of shape {expected}{hint}")
    return array.astype(np.float64, copy=False)[()]


def _solve(H, g):
    """Solve ``H d = g`` for each point of a batch; NaN for a point whose ``H`` is singular."""
    try:
        return np.linalg.solve(H, g[..., None])[..., 0]
    except np.linalg.LinAlgError:  # at least one singular Hessian: solve point by point
        d = np.full(g.shape, np.nan)
        for i in np.ndindex(g.shape[:-1]):
            try:
                d[i] = np.linalg.solve(H[i], g[i])
            except np.linalg.LinAlgError:
                pass  # no Newton step: the NaN stops this run
        return d


class Backtracking(Optimizer):
    r"""Gradient descent whose rate is found by a backtracking line search (Armijo's rule).

    Parameters
    ----------
    lr : float, array or Schedule, default 1.0
        The trial rate :math:`\bar\eta > 0` that every step tries first.
    loss : callable
        The objective :math:`f`, used by the search. Declared vectorized (as
        the objectives of :mod:`gdlib.functions` are; see :func:`gdlib.vectorized`)
        it is called once on all the trial points of a step; otherwise once
        per point.
    c : float, default 1e-4
        Armijo's constant :math:`c \in (0, 1)`: the fraction of the decrease
        predicted by the gradient that a step must achieve.
    shrink : float, default 0.5
        :math:`\rho \in (0, 1)`, the factor the trial rate is multiplied by
        after each failed trial.
    max_shrinks : int, default 40
        :math:`K \ge 0`, the most shrinks per step.
    hessian : callable, optional
        Maps ``x`` to the Hessian :math:`\nabla^2 f(x)`, as for :class:`Newton`.
        Given, the search runs along Newton's direction wherever the Hessian is
        positive definite, and along the gradient elsewhere (see Notes). Needs
        ``point_ndim`` 0 or 1.
    point_ndim : int, default 1
        The number of trailing axes of ``x`` that make one point: 1 for a
        vector (leading axes are runs, as in :func:`gdlib.run_many`), 0 for a
        function of one number. Each point has its own search, its own rate
        and its own count.

    Notes
    -----
    Each step tries :math:`\eta = \bar\eta, \rho\bar\eta, \rho^2\bar\eta,
    \dots, \rho^K\bar\eta` and takes the first that passes Armijo's
    sufficient-decrease test:

    .. math::
        f\bigl(x^{(t-1)} - \eta\, g_t\bigr) \le f\bigl(x^{(t-1)}\bigr) - c\, \eta\, \lVert g_t \rVert^2,
        \qquad x^{(t)} = x^{(t-1)} - \eta_t\, g_t.

    A descent direction passes for every small enough :math:`\eta`, so the
    search ends when :math:`f` is smooth. If no trial passes (rounding, or a
    loss that is NaN around :math:`x`), :math:`\eta_t = 0`: the point stays,
    and :math:`f` never increases from one iterate to the next.

    With ``hessian``, the direction :math:`d_t` is Newton's where
    :math:`H_t = \nabla^2 f(x^{(t-1)})` is positive definite, the gradient
    elsewhere, and the test uses the slope along it:

    .. math::
        d_t = \begin{cases} H_t^{-1} g_t & H_t \succ 0 \\ g_t & \text{otherwise,} \end{cases}

        f\bigl(x^{(t-1)} - \eta\, d_t\bigr) \le f\bigl(x^{(t-1)}\bigr) - c\, \eta\, g_t^\top d_t,
        \qquad x^{(t)} = x^{(t-1)} - \eta_t\, d_t.

    Both are descent directions (:math:`g_t^\top d_t > 0` unless
    :math:`g_t = 0`), so the search still ends, :math:`f` still never
    increases, and, unlike :class:`Newton`, the iterates are not drawn to
    maxima or saddle points. Near a minimizer with a positive definite
    Hessian the trial :math:`\bar\eta = 1` passes and the steps are
    Newton's, with their quadratic convergence.

    The gradient count understates the cost: a step with :math:`k` failed
    trials evaluates :math:`f` :math:`k + 1` times, once at each trial point.
    :math:`f(x^{(t-1)})` is not evaluated again: the previous step's accepted
    trial found it, and the state keeps it (``state.value``); only the first
    step evaluates :math:`f(x^{(0)})`. The state counts the evaluations of each
    point (``state.evaluations``), and the rate each step accepted
    (``state.rate``).

    Examples
    --------
    One step on the ill-conditioned quadratic: the trial rate :math:`\eta = 1`
    fails, :math:`\eta = 1/2` passes, and :math:`f` was evaluated three times:

    >>> import gdlib
    >>> from gdlib.functions import quadratic
    >>> opt = gdlib.Backtracking(1.0, loss=quadratic.value)
    >>> x = [-5.0, -2.0]
    >>> x1, state = opt.update(x, quadratic.grad(x), opt.init(x), opt.lr)
    >>> x1, float(state.rate), int(state.evaluations)
    (array([-4.5,  2. ]), 0.5, 3)

    With the Hessian, from the local maximum's side of :math:`x\cos(\pi x)`,
    where :class:`Newton` climbs to the maximum near 0.27, the search goes
    downhill to the minimizer near 1.09:

    >>> from gdlib.functions import xcos
    >>> opt = gdlib.Backtracking(loss=xcos.value, hessian=xcos.hessian, point_ndim=0)
    >>> round(float(gdlib.run(opt, xcos.grad, 0.5, 8).final), 6)
    1.090408
    """

    def __init__(self, lr=1.0, *, loss, c=1e-4, shrink=0.5, max_shrinks=40, hessian=None,
                 point_ndim=1):
        self.lr = learning_rate("lr", lr)
        self.loss = _callable("loss", loss)
        self.c = _checks.open_unit_interval("c", c)
        self.shrink = _checks.open_unit_interval("shrink", shrink)
        self.max_shrinks = _checks.integer("max_shrinks", max_shrinks)
        self.hessian = None if hessian is None else _callable("hessian", hessian)
        self.point_ndim = check_point_ndim(point_ndim)
        if hessian is not None and self.point_ndim > 1:
            raise ValueError(f"point_ndim must be 0 (one number) or 1 (a vector) for Backtracking "
                             f"with a hessian, got {point_ndim!r}")

    def init(self, x):
        shape = batch_shape(x, self.point_ndim)
        return BacktrackingState(evaluations=np.zeros(shape, dtype=np.int64), rate=np.zeros(shape),
                                 value=np.full(shape, np.nan))

    def update(self, x, g, state, lr):
        x = np.asarray(x, dtype=np.float64)
        g = np.asarray(g, dtype=np.float64)
        shape = batch_shape(x, self.point_ndim)
        axes = tuple(range(len(shape), x.ndim))  # the axes of one point
        # The direction d_t: the gradient, or Newton's where H_t > 0.
        d = g if self.hessian is None else self._newton_or_gradient(x, g)
        # f(x^{(t-1)}), one per point: the last step's accepted trial
        # found it; only the first step evaluates it.
        f0 = np.array(np.broadcast_to(state.value, shape))
        evaluations = np.array(state.evaluations)
        unknown = np.isnan(f0)
        if unknown.any():
            at = x[unknown] if shape else x
            f0[unknown] = self._values(at).reshape(-1)
            evaluations[unknown] += 1
        slope = np.sum(g * d, axis=axes)  # g_t . d_t (||g_t||^2 for GD)
        # The trial rate, one per point.
        first = (...,) + (0,) * len(axes)  # the first coordinate of each point
        eta = np.array(np.broadcast_to(lr, x.shape)[first])
        value = np.array(f0)  # f at the new point (f0 if it stays)
        searching = np.ones(shape, dtype=bool)  # points not yet accepted
        for k in range(self.max_shrinks + 1):
            if k:
                eta[searching] *= self.shrink  # the rates still searching
            rate = _expand(eta[searching], axes)
            trial = x[searching] - rate * d[searching]
            evaluations[searching] += 1
            decrease = self.c * eta[searching] * slope[searching]
            f_trial = self._values(trial)
            armijo = f_trial <= f0[searching] - decrease
            accepted = searching.copy()
            accepted[searching] = armijo
            value[accepted] = f_trial[armijo]
            searching[searching] = ~armijo  # sufficient decrease: done
            if not searching.any():
                break
        eta[searching] = 0.0  # no trial passed: stay
        x = x - _expand(eta, axes) * d  # step with the accepted rate
        return x[()], BacktrackingState(evaluations, eta, value)

    def _newton_or_gradient(self, x, g):
        """Newton's direction where the Hessian is positive definite,
        the gradient elsewhere."""
        H = _hessian_at(self.hessian, x, self.point_ndim)
        with np.errstate(all="ignore"):
            if self.point_ndim == 0:
                convex = H > 0  # f'' > 0
                return np.where(convex, g / np.where(convex, H, 1.0), g)
            H = H.reshape((-1,) + H.shape[-2:])  # one row per point
            g = g.reshape(-1, g.shape[-1])
            convex = np.all(np.isfinite(H), axis=(-2, -1))
            # positive definite: the lowest eigenvalue is positive
            convex[convex] = np.linalg.eigvalsh(H[convex])[:, 0] > 0
            d = np.array(g)
            solved = np.linalg.solve(H[convex], g[convex][..., None])
            d[convex] = solved[..., 0]
        return d.reshape(x.shape)

    def _values(self, points):
        """The loss at each point of ``points`` (any leading axes), checked, as a flat array."""
        point_shape = points.shape[points.ndim - self.point_ndim:]
        return loss_values(self.loss, points.reshape((-1,) + point_shape))


def _expand(rates, point_axes):
    """Per-point rates shaped to broadcast against the points' coordinates."""
    return rates.reshape(rates.shape + (1,) * len(point_axes))
