"""Quasi-Newton methods: BFGS, which keeps a dense approximation of the inverse Hessian,
and L-BFGS, which keeps only the last few steps and gradient changes.

Both learn the curvature from what the gradients do: after a step
:math:`s = x^{(t)} - x^{(t-1)}` the gradient changed by :math:`y = g_{t+1} - g_t`,
and the new approximation :math:`H` of :math:`(\\nabla^2 f)^{-1}` is asked to
map :math:`y` to :math:`s` (the secant equation :math:`H y = s`). Both search
along :math:`-H g` with the strong-Wolfe line search of ``gdlib/optimizers/wolfe.py``
(for L-BFGS optionally, as in ``torch.optim.LBFGS``), which needs the loss and
the gradient at its trial points: they take them as ``loss=`` and ``grad=``.
"""

from typing import NamedTuple

import numpy as np

from .. import _checks
from .base import Optimizer, learning_rate
from .points import batch_shape, check_point_ndim
from .second_order import _callable
from .wolfe import Evaluator, each_point, strong_wolfe

__all__ = ["LBFGS", "LBFGSState", "BFGS", "BFGSState"]

CURVATURE = 1e-10  # a pair (s, y) is used when s . y exceeds this (torch.optim.LBFGS's test)


def _point_ndim(name, value):
    """``point_ndim`` of a quasi-Newton method: 1 (a vector) or 0 (one number)."""
    value = check_point_ndim(value)
    if value > 1:
        raise ValueError(f"point_ndim must be 0 (one number) or 1 (a vector) for {name}, "
                         f"got {value!r}")
    return value


def _point_shapes(x, point_ndim):
    """The batch shape and the size ``d`` of one point of ``x``."""
    shape = batch_shape(x, point_ndim)
    return shape, (np.shape(x)[-1] if point_ndim else 1)


def _first_trial(g, lr):
    """The first step's trial :math:`\\min(1, 1/\\lVert g\\rVert_1)\\,\\eta`, as torch's."""
    return min(1.0, 1.0 / np.sum(np.abs(g))) * lr


class LBFGSState(NamedTuple):
    """State of :class:`LBFGS`, one entry per point (as ``torch.optim.LBFGS``'s state).

    Attributes
    ----------
    iteration : numpy.ndarray of int
        Iterations so far (torch's ``n_iter``): the steps, and the steps refused
        because the direction was not downhill enough (see :class:`LBFGS`).
    direction : numpy.ndarray
        The last direction :math:`d`.
    step : numpy.ndarray
        Its step length :math:`\\alpha`: the last step was :math:`s = \\alpha d`.
    s : numpy.ndarray, shape (..., history_size, d)
        The stored steps, oldest first; the first ``pairs`` rows are in use.
    y : numpy.ndarray, shape (..., history_size, d)
        The stored changes of the gradient, paired with ``s``.
    rho : numpy.ndarray, shape (..., history_size)
        :math:`1 / s^\\top y` of each pair.
    pairs : numpy.ndarray of int
        The number of stored pairs.
    scale : numpy.ndarray
        :math:`\\gamma`, the initial matrix :math:`H^0 = \\gamma I` (torch's ``H_diag``).
    previous_grad : numpy.ndarray
        The gradient at the start of the last step.
    value : numpy.ndarray
        :math:`f` at the current point, as the line search found it (NaN before the
        first step, and always without a line search).
    evaluations : numpy.ndarray of int
        Loss evaluations by the line search (each one with a gradient evaluation
        at the same point), plus that of :math:`f(x^{(0)})`; 0 without a line search.
        torch's ``func_evals`` counts instead the closure call each of its steps
        starts with (the first one is :math:`f(x^{(0)})`): after :math:`t` steps it
        is ``evaluations`` :math:`+\\, t - 1` with the line search, :math:`t` without.
    """

    iteration: np.ndarray
    direction: np.ndarray
    step: np.ndarray
    s: np.ndarray
    y: np.ndarray
    rho: np.ndarray
    pairs: np.ndarray
    scale: np.ndarray
    previous_grad: np.ndarray
    value: np.ndarray
    evaluations: np.ndarray


class LBFGS(Optimizer):
    r"""L-BFGS: a quasi-Newton method that keeps the last ``history_size`` steps (Nocedal, 1980).

    One step is one iteration of ``torch.optim.LBFGS`` (its ``max_iter=1``),
    with its hyperparameters, defaults and arithmetic.

    Parameters
    ----------
    lr : float, array or Schedule, default 1.0
        The trial step :math:`\eta` (torch's ``lr``): the step length along
        :math:`d_t` after the first step, the first trial of the line search.
    history_size : int, default 100
        :math:`m \ge 1`, the most pairs :math:`(s, y)` kept.
    line_search_fn : {None, "strong_wolfe"}, default None
        None: step :math:`\eta\, d_t` without a search. ``"strong_wolfe"``:
        search along :math:`d_t` for a step that satisfies the strong Wolfe
        conditions, with :math:`c_1 = 10^{-4}`, :math:`c_2 = 0.9` and at most 26
        evaluations, the first trial and 25 more (the search of ``torch.optim.LBFGS``).
    loss, grad : callable, optional
        The objective :math:`f` and its gradient, which the line search
        evaluates at its trial points (``grad`` must be the gradient that drives
        the run). Required with ``"strong_wolfe"``, refused without it.
    tolerance_grad : float, default 1e-7
        No step where :math:`\max_i |g_i| \le` ``tolerance_grad``.
    tolerance_change : float, default 1e-9
        No step where the slope :math:`g_t^\top d_t > -` ``tolerance_change``.
    point_ndim : {1, 0}, default 1
        The number of trailing axes of ``x`` that make one point: 1 for a
        vector (leading axes are runs), 0 for a function of one number.

    Notes
    -----
    The direction is :math:`d_t = -H_t g_t`, computed from the stored pairs
    :math:`s_i = x^{(i)} - x^{(i-1)}`, :math:`y_i = g_{i+1} - g_i`,
    :math:`\rho_i = 1/s_i^\top y_i` by the two-loop recursion, newest pair first
    and then oldest first:

    .. math::
        q &\leftarrow -g_t,\quad a_i = \rho_i\, s_i^\top q,\quad q \leftarrow q - a_i y_i;\\
        r &\leftarrow \gamma q,\quad b_i = \rho_i\, y_i^\top r,\quad
        r \leftarrow r + (a_i - b_i)\, s_i;\\
        d_t &= r,

    which is BFGS's update of :math:`H^0 = \gamma I` by the stored pairs, without
    forming a matrix. A new pair is stored when :math:`s^\top y > 10^{-10}`
    (the curvature condition, which keeps :math:`H_t` positive definite; a
    pair that fails it is dropped, and the oldest when ``history_size`` are
    kept), and then :math:`\gamma = s^\top y / y^\top y`, the newest pair's
    curvature along its step (torch's ``H_diag``). The step is

    .. math::
        x^{(t)} = x^{(t-1)} + \alpha_t d_t, \qquad
        \alpha_t = \begin{cases} \min(1, 1/\lVert g_1\rVert_1)\,\eta & t = 1 \\
        \eta & t > 1 \end{cases}

    without a line search; with ``"strong_wolfe"`` that :math:`\alpha_t` is
    the search's first trial. The first step is thus a gradient step of length
    at most :math:`\eta`.

    As in torch, there is no step, and the point stays, where
    :math:`\max_i|g_i| \le` ``tolerance_grad`` (a stationary point), or where
    :math:`g_t^\top d_t > -` ``tolerance_change``: that iteration still counts
    (``state.iteration``) and keeps :math:`d_t`, but the next one, from the same
    point, has :math:`y = 0` and stores no pair. The search's own tolerance on
    the length of its interval is :math:`10^{-9}` whatever ``tolerance_change``
    is, as in torch (which does not pass its ``tolerance_change`` on).

    ``torch.optim.LBFGS(params, lr, max_iter=1, max_eval=26, ...)`` takes the
    same steps: with ``max_iter=1`` one of its ``step(closure)`` calls is one
    iteration, and ``max_eval=26`` leaves its search 25 trials after the first. (torch's
    default ``max_eval`` is ``max_iter * 5 // 4``, 1 here, which leaves the
    search its first trial only: the step is that trial if it lowers :math:`f`,
    0 otherwise, and from :math:`(-1.2, 1)` on Rosenbrock's function every step
    is 0.) Points of a batch are searched one after another.

    Examples
    --------
    On Rosenbrock's function from :math:`(-1.2, 1)`, with the line search; the
    run stops moving after 34 steps, where :math:`f \approx 4\cdot 10^{-10}` and
    the slope :math:`g^\top d \approx -2 f` is above ``-tolerance_change``:

    >>> import gdlib
    >>> from gdlib.functions import rosenbrock
    >>> opt = gdlib.LBFGS(loss=rosenbrock.value, grad=rosenbrock.grad,
    ...                   line_search_fn="strong_wolfe")
    >>> traj = gdlib.run(opt, rosenbrock.grad, [-1.2, 1.0], 40, loss=rosenbrock.value)
    >>> traj.final.round(4), float(traj.losses[-1]) < 1e-9
    (array([1., 1.]), True)
    """

    def __init__(self, lr=1.0, *, history_size=100, line_search_fn=None, loss=None, grad=None,
                 tolerance_grad=1e-7, tolerance_change=1e-9, point_ndim=1):
        self.lr = learning_rate("lr", lr)
        self.history_size = _checks.integer("history_size", history_size, minimum=1)
        if line_search_fn not in (None, "strong_wolfe"):
            raise ValueError(f"line_search_fn must be None or 'strong_wolfe', got {line_search_fn!r}")
        self.line_search_fn = line_search_fn
        if line_search_fn is None:
            for name, value in (("loss", loss), ("grad", grad)):
                if value is not None:
                    raise ValueError(f"{name} is evaluated only by the line search: give "
                                     f"line_search_fn='strong_wolfe', or leave {name} out")
        else:
            loss, grad = _callable("loss", loss), _callable("grad", grad)
        self.loss, self.grad = loss, grad
        self.tolerance_grad = _checks.nonnegative("tolerance_grad", tolerance_grad)
        self.tolerance_change = _checks.nonnegative("tolerance_change", tolerance_change)
        self.point_ndim = _point_ndim("LBFGS", point_ndim)

    def init(self, x):
        shape, d = _point_shapes(x, self.point_ndim)
        m = self.history_size
        return LBFGSState(iteration=np.zeros(shape, dtype=np.int64),
                          direction=np.zeros(shape + (d,)), step=np.zeros(shape),
                          s=np.zeros(shape + (m, d)), y=np.zeros(shape + (m, d)),
                          rho=np.zeros(shape + (m,)), pairs=np.zeros(shape, dtype=np.int64),
                          scale=np.ones(shape), previous_grad=np.zeros(shape + (d,)),
                          value=np.full(shape, np.nan),
                          evaluations=np.zeros(shape, dtype=np.int64))

    def update(self, x, g, state, lr):
        with np.errstate(all="ignore"):
            return each_point(self._step, x, g, state, lr, self.point_ndim)

    def _step(self, x, g, lr, state):
        """One iteration of ``torch.optim.LBFGS`` from the point ``x`` (flat)."""
        if np.max(np.abs(g)) <= self.tolerance_grad:
            return x, state  # a stationary point: no iteration
        iteration = state.iteration + 1
        S, Y, rho, pairs, scale = state.s, state.y, state.rho, int(state.pairs), state.scale
        if iteration == 1:
            d = -g
        else:
            y = g - state.previous_grad
            s = state.direction * state.step
            ys = y @ s
            if ys > CURVATURE:
                S, Y, rho = S.copy(), Y.copy(), rho.copy()
                if pairs == self.history_size:  # forget the oldest pair
                    S[:-1], Y[:-1], rho[:-1] = S[1:].copy(), Y[1:].copy(), rho[1:].copy()
                    pairs -= 1
                S[pairs], Y[pairs], rho[pairs] = s, y, 1.0 / ys
                pairs += 1
                scale = ys / (y @ y)
            d = _two_loop(g, S[:pairs], Y[:pairs], rho[:pairs], scale)
        t = _first_trial(g, lr) if iteration == 1 else lr
        state = state._replace(iteration=iteration, direction=d, step=t, s=S, y=Y, rho=rho,
                               pairs=pairs, scale=scale, previous_grad=g)
        slope = g @ d
        if slope > -self.tolerance_change:
            return x, state  # not downhill enough: no step
        if self.line_search_fn is not None:
            _, _, t, state = _search(self, x, g, d, t, slope, state, c2=0.9)
            state = state._replace(step=t)
        return x + t * d, state


def _two_loop(g, S, Y, rho, scale):
    """:math:`-H g` for :math:`H` the BFGS update of :math:`\\gamma I`
    by the pairs, oldest first (torch's loop, operation for operation)."""
    q = -g
    a = np.empty(len(rho))
    for i in range(len(rho) - 1, -1, -1):
        a[i] = (S[i] @ q) * rho[i]
        q = q + (-a[i]) * Y[i]
    r = q * scale
    for i in range(len(rho)):
        b = (Y[i] @ r) * rho[i]
        r = r + (a[i] - b) * S[i]
    return r


def _search(optimizer, x, g, d, t, slope, state, c2):
    """The strong-Wolfe search from ``x`` along ``d``; returns ``f``, ``grad f`` and the
    step found, and ``state`` with its new ``value`` and ``evaluations``."""
    point_shape = () if optimizer.point_ndim == 0 else x.shape
    evaluator = Evaluator(optimizer.loss, optimizer.grad, point_shape)
    f0, evaluations = float(state.value), int(state.evaluations)
    if np.isnan(f0):  # the first step: f(x^{(0)}) is not known yet
        f0 = evaluator.value(x)
        evaluations += 1
    f, g_new, t, trials = strong_wolfe(evaluator.along(x, d), t, d, f0, g, slope, c2=c2)
    return f, g_new, t, state._replace(value=f, evaluations=evaluations + trials)


class BFGSState(NamedTuple):
    """State of :class:`BFGS`, one entry per point.

    Attributes
    ----------
    iteration : numpy.ndarray of int
        Iterations so far (as :attr:`LBFGSState.iteration`).
    inverse_hessian : numpy.ndarray, shape (..., d, d)
        :math:`H_t`, the approximation of :math:`(\\nabla^2 f)^{-1}`.
    updates : numpy.ndarray of int
        The updates of :math:`H` so far (a pair that fails the curvature test
        is not one).
    s : numpy.ndarray
        The last step :math:`x^{(t)} - x^{(t-1)}`.
    previous_grad : numpy.ndarray
        The gradient at the start of the last step.
    value : numpy.ndarray
        :math:`f` at the current point, as the line search found it (NaN before
        the first step).
    evaluations : numpy.ndarray of int
        Loss evaluations by the line search, as :attr:`LBFGSState.evaluations`.
    """

    iteration: np.ndarray
    inverse_hessian: np.ndarray
    updates: np.ndarray
    s: np.ndarray
    previous_grad: np.ndarray
    value: np.ndarray
    evaluations: np.ndarray


class BFGS(Optimizer):
    r"""BFGS: a quasi-Newton method with a dense approximation of the inverse Hessian.

    Parameters
    ----------
    lr : float, array or Schedule, default 1.0
        The line search's first trial step :math:`\eta` along :math:`d_t`
        (scaled at the first step, as :class:`LBFGS`'s).
    loss, grad : callable
        The objective :math:`f` and its gradient, which the line search
        evaluates at its trial points (``grad`` must be the gradient that drives
        the run).
    tolerance_grad, tolerance_change : float, default 1e-7, 1e-9
        As :class:`LBFGS`'s: no step at a stationary point or along a direction
        that is not downhill enough.
    point_ndim : {1, 0}, default 1
        The number of trailing axes of ``x`` that make one point: 1 for a
        vector (leading axes are runs), 0 for a function of one number.

    Notes
    -----
    Each step searches along :math:`d_t = -H_t g_t` with :class:`LBFGS`'s
    strong-Wolfe search (:math:`c_1 = 10^{-4}`, :math:`c_2 = 0.9`, at most 26
    evaluations), from the trial :math:`\min(1, 1/\lVert g_1\rVert_1)\,\eta` at the
    first step and :math:`\eta` after it, and steps :math:`x^{(t)} = x^{(t-1)} +
    \alpha_t d_t`. :math:`H_1 = I`, so the first step is a gradient step. With
    :math:`s = x^{(t)} - x^{(t-1)}`, :math:`y = g_{t+1} - g_t` and
    :math:`\rho = 1/s^\top y`, the update is

    .. math::
        H_{t+1} = (I - \rho\, s y^\top)\, H_t\, (I - \rho\, y s^\top) + \rho\, s s^\top,

    the matrix closest to :math:`H_t` (in a weighted norm) that is symmetric
    and satisfies the secant equation :math:`H_{t+1} y = s`. Before the first
    update :math:`H_t = I` is replaced by :math:`(s^\top y / y^\top y)\, I`
    (Nocedal and Wright, eq. 6.20), a step length of the right size.

    The update needs the curvature condition :math:`s^\top y > 0`, which
    keeps :math:`H` positive definite (the Wolfe conditions guarantee it);
    a pair with :math:`s^\top y \le 10^{-10}`, :class:`LBFGS`'s test, leaves
    :math:`H` as it is (``state.updates`` counts the updates made).

    With these choices the first two steps are those of :class:`LBFGS` with
    ``line_search_fn="strong_wolfe"`` (the same :math:`H`: :math:`I`, then
    :math:`\gamma I` updated by one pair); after that L-BFGS rescales its
    :math:`H^0 = \gamma I` with the newest pair at every step while BFGS keeps
    all its history, so they part, even when ``history_size`` exceeds the
    number of steps. Points of a batch are searched one after another.

    Examples
    --------
    >>> import gdlib
    >>> from gdlib.functions import rosenbrock
    >>> opt = gdlib.BFGS(loss=rosenbrock.value, grad=rosenbrock.grad)
    >>> gdlib.run(opt, rosenbrock.grad, [-1.2, 1.0], 40).final.round(5)
    array([1., 1.])
    """

    def __init__(self, lr=1.0, *, loss, grad, tolerance_grad=1e-7, tolerance_change=1e-9,
                 point_ndim=1):
        self.lr = learning_rate("lr", lr)
        self.loss, self.grad = _callable("loss", loss), _callable("grad", grad)
        self.tolerance_grad = _checks.nonnegative("tolerance_grad", tolerance_grad)
        self.tolerance_change = _checks.nonnegative("tolerance_change", tolerance_change)
        self.point_ndim = _point_ndim("BFGS", point_ndim)

    def init(self, x):
        shape, d = _point_shapes(x, self.point_ndim)
        return BFGSState(iteration=np.zeros(shape, dtype=np.int64),
                         inverse_hessian=np.broadcast_to(np.eye(d), shape + (d, d)).copy(),
                         updates=np.zeros(shape, dtype=np.int64), s=np.zeros(shape + (d,)),
                         previous_grad=np.zeros(shape + (d,)), value=np.full(shape, np.nan),
                         evaluations=np.zeros(shape, dtype=np.int64))

    def update(self, x, g, state, lr):
        with np.errstate(all="ignore"):
            return each_point(self._step, x, g, state, lr, self.point_ndim)

    def _step(self, x, g, lr, state):
        if np.max(np.abs(g)) <= self.tolerance_grad:
            return x, state  # a stationary point: no iteration
        iteration = state.iteration + 1
        H, updates = state.inverse_hessian, int(state.updates)
        if iteration > 1:
            s, y = state.s, g - state.previous_grad
            ys = y @ s
            if ys > CURVATURE:
                if updates == 0:  # H = I: scale it first
                    H = (ys / (y @ y)) * np.eye(len(g))
                H = bfgs_update(H, s, y)
                updates += 1
        d = -(H @ g)
        t = _first_trial(g, lr) if iteration == 1 else lr
        state = state._replace(iteration=iteration, inverse_hessian=H, updates=updates,
                               s=np.zeros_like(x), previous_grad=g)
        slope = g @ d
        if slope > -self.tolerance_change:
            return x, state  # not downhill enough: no step
        _, _, t, state = _search(self, x, g, d, t, slope, state, c2=0.9)
        s = t * d
        return x + s, state._replace(s=s)


def bfgs_update(H, s, y):
    """BFGS's update of the inverse-Hessian approximation ``H`` by the pair ``(s, y)``:
    :math:`(I - \\rho s y^\\top) H (I - \\rho y s^\\top) + \\rho s s^\\top`, :math:`\\rho = 1/s^\\top y`."""
    rho = 1.0 / (y @ s)
    V = np.eye(len(s)) - rho * np.outer(s, y)
    return V @ H @ V.T + rho * np.outer(s, s)
