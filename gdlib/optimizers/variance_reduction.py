r"""Variance-reduced stochastic gradients on a finite sum: SAG, SAGA and SVRG.

On a finite sum :math:`f(x) = \frac1n \sum_{i=1}^n f_i(x)`
(:class:`~gdlib.functions.FiniteSum`: :class:`~gdlib.functions.LeastSquares`,
:class:`~gdlib.functions.LogisticRegression`, :class:`~gdlib.functions.MLP`),
SGD steps along :math:`\nabla f_j(x)` for a random example :math:`j`. That
estimate of :math:`\nabla f(x)` keeps its variance at the minimizer, so with a
constant rate SGD stalls in a noise ball. These three methods subtract from
:math:`\nabla f_j(x)` a remembered gradient of the same example and add back the
mean of the remembered ones: the correction's variance vanishes as the iterates
converge, and a constant rate converges linearly on a strongly convex problem.

Where their gradients come from. Each holds the problem (``problem=``, as
:class:`~gdlib.Backtracking` holds its ``loss=``) and evaluates every gradient
it uses itself: the gradient of each example it samples (``problem.batch_grad``
of that one example), all of them at the start (``problem.example_grads``), and
for SVRG the full gradient ``problem.grad`` at its snapshots. It samples the
examples itself, with its own seeded generator, because it must know which
examples a gradient came from: SAG and SAGA replace those entries of their
table, SVRG evaluates the same examples at its snapshot. A stochastic gradient
from ``run``'s ``grad`` (a :class:`~gdlib.functions.MinibatchGradient`) does
not say which examples it used, and the full gradient, n example gradients a
step, is the cost these methods avoid. So they take no gradient from the run:
run them with ``grad=None``, as in
``gdlib.run(gdlib.SAGA(0.05, problem=problem), None, x0, steps)``;
``update``'s ``g`` is not used (:func:`gdlib.run` passes zeros; by hand, pass
``None``). ``run`` refuses a ``grad`` for them: it would be evaluated and
ignored.

Sampling. Step :math:`t` uses the examples ``batch(t)``: ``batch_size`` indices
drawn uniformly with replacement (as ``MinibatchGradient(replace=True)``), a
pure function of ``seed`` and :math:`t`. The steps are reproducible, ``update``
stays pure, and the runs of :func:`gdlib.run_many` see the same examples at
each step. ``update(..., batch=...)`` takes other indices instead, for instance
every example in turn to compute an expectation exactly.

Cost. Each state counts ``evaluations``: example gradients :math:`\nabla f_i`
evaluated so far, a full gradient counting n (the unit of
``MinibatchGradient.examples_seen``), so SGD, gradient descent and these methods
can be compared per gradient evaluation. Each method starts with one full pass
at :math:`x^{(0)}` (n evaluations, made by ``init``). A step then costs
:math:`b` evaluations for SAG and SAGA, :math:`2b` for SVRG plus n at each
snapshot (:math:`b` = ``batch_size``).

``update`` is pure: SAG and SAGA copy their table at every step, arithmetic
of order :math:`nd` that evaluates no gradient (an implementation that
overwrites the table in place does order :math:`bd`). The table's mean, of the
same order, is then summed anew after each replacement rather than updated, so
no rounding error accumulates in it over the steps.
"""

import math
from typing import NamedTuple

import numpy as np

from .. import _checks
from ..functions.finite_sum import FiniteSum
from .base import Optimizer, learning_rate

__all__ = ["SAG", "SAGA", "SVRG", "SAGState", "SVRGState"]

BLOCK = 1024  # batches drawn at once: one generator per BLOCK steps


class SAGState(NamedTuple):
    r"""State of :class:`SAG` and :class:`SAGA`.

    Attributes
    ----------
    t : int
        Steps taken.
    table : numpy.ndarray, shape (..., n, d)
        :math:`\phi_i`, the last gradient evaluated of each example :math:`i`
        (row :math:`i`), for each point of ``x``'s leading axes.
    mean : numpy.ndarray, shape (..., d)
        :math:`\bar\phi = \frac1n \sum_i \phi_i`, the mean of the table.
    evaluations : int
        Example gradients evaluated so far by one run: n for the table at
        :math:`x^{(0)}`, then ``batch_size`` a step.
    """

    t: int
    table: np.ndarray
    mean: np.ndarray
    evaluations: int


class SVRGState(NamedTuple):
    r"""State of :class:`SVRG`.

    Attributes
    ----------
    t : int
        Steps taken.
    snapshot : numpy.ndarray, shape like ``x``
        :math:`\tilde x`, the iterate of the last snapshot.
    full : numpy.ndarray, shape like ``x``
        :math:`\nabla f(\tilde x)`, its full gradient.
    evaluations : int
        Example gradients evaluated so far by one run: n per snapshot (the
        first at :math:`x^{(0)}`), plus ``2 * batch_size`` a step.
    """

    t: int
    snapshot: np.ndarray
    full: np.ndarray
    evaluations: int


class _Sampling(Optimizer):
    """What SAG, SAGA and SVRG share: the problem, the batch size, the seeded batches."""

    # run and run_many call no gradient for these optimizers: they are run with grad=None.
    evaluates_gradients = True
    # A point is a vector of d parameters; leading axes are runs (run_many checks x0).
    point_ndim = 1

    def __init__(self, lr, *, problem, batch_size=1, seed=0):
        self.lr = learning_rate("lr", lr)
        if not isinstance(problem, FiniteSum):
            raise TypeError(f"problem must be a finite sum of gdlib.functions, such as "
                            f"LogisticRegression(X, y) or LeastSquares(X, y), got {problem!r}")
        self.problem = problem
        self.batch_size = _checks.integer("batch_size", batch_size, minimum=1)
        if self.batch_size > problem.n:
            raise ValueError(f"batch_size must be <= n = {problem.n}, the number of examples, "
                             f"got {batch_size!r}")
        self.seed = _checks.integer("seed", seed)
        self._blocks = {}  # the last block of batches drawn: {block number: batches}

    def batch(self, t):
        r"""The indices of the examples step ``t`` (from 1) uses, shape ``(batch_size,)``.

        Row :math:`(t - 1) \bmod 1024` of
        ``numpy.random.default_rng((seed, (t - 1) // 1024)).integers(0, n, size=(1024, batch_size))``:
        uniform with replacement, the same for the same ``seed`` and ``t``.
        """
        t = _checks.integer("t", t, minimum=1)
        block, row = divmod(t - 1, BLOCK)
        batches = self._blocks.get(block)
        if batches is None:
            rng = np.random.default_rng((self.seed, block))
            batches = rng.integers(0, self.problem.n, size=(BLOCK, self.batch_size))
            batches.flags.writeable = False
            self._blocks.clear()  # a run moves forward: keep only the current block
            self._blocks[block] = batches
        return batches[row]

    def _point(self, x):
        """``x`` as float64, checked: shape ``(..., d)`` for the problem's d parameters."""
        x = np.asarray(x, dtype=np.float64)
        if x.shape[-1:] != (self.problem.dim,):
            raise ValueError(f"x must have shape (..., {self.problem.dim}) for this problem "
                             f"({self.problem.dim} parameters), got shape {x.shape}")
        return x

    def _batch_at(self, t, batch):
        """The examples of step ``t``: ``batch(t)``, or the given ``batch`` checked."""
        if batch is None:
            return self.batch(t)
        indices = np.asarray(batch)
        if (indices.dtype.kind not in "iu" or indices.ndim != 1 or not indices.size
                or indices.min() < 0 or indices.max() >= self.problem.n):
            raise ValueError(f"batch must be a non-empty 1-D array of example indices in "
                             f"[0, {self.problem.n}), got {batch!r}")
        return indices

    def _example_grads(self, x, batch):
        r""":math:`\nabla f_j(x)` for each index :math:`j` of ``batch``: shape ``x.shape[:-1] + (b, d)``."""
        if len(batch) == 1:
            return self.problem.batch_grad(x, batch)[..., None, :]
        return np.stack([self.problem.batch_grad(x, batch[k:k + 1]) for k in range(len(batch))],
                        axis=-2)

    def _initial_table(self, x):
        r"""Every :math:`\nabla f_i(x)` for every point of ``x``: shape ``x.shape[:-1] + (n, d)``."""
        points = x.reshape(-1, self.problem.dim)
        table = np.stack([self.problem.example_grads(point) for point in points])
        return table.reshape(x.shape[:-1] + table.shape[1:])


class _Table(_Sampling):
    """SAG and SAGA: a table of the last gradient of each example."""

    def init(self, x):
        x = self._point(x)
        table = self._initial_table(x)
        return SAGState(t=0, table=table, mean=np.sum(table, axis=-2) / self.problem.n,
                        evaluations=self.problem.n)

    def update(self, x, g, state, lr, *, batch=None):
        x = self._point(x)
        t = state.t + 1
        batch = self._batch_at(t, batch)
        fresh = self._example_grads(x, batch)  # grad f_j(x^{(t-1)}), j in B_t
        table = np.array(state.table)  # a copy: the update is pure
        table[..., batch, :] = fresh  # phi_j <- grad f_j(x^{(t-1)})
        # summed anew, so that no rounding error builds up
        mean = np.sum(table, axis=-2) / self.problem.n
        old = state.table[..., batch, :]
        step = self._direction(fresh, old, state.mean, mean)
        evaluations = state.evaluations + len(batch)
        return x - lr * step, SAGState(t, table, mean, evaluations)

    def _direction(self, fresh, old, old_mean, new_mean):
        """The step direction from the fresh and the replaced gradients and the table's means."""
        raise NotImplementedError


class SAG(_Table):
    r"""Stochastic average gradient (SAG): step along the mean of a table of example gradients.

    Parameters
    ----------
    lr : float, array or Schedule
        Learning rate :math:`\eta > 0`. Schmidt, Le Roux and Bach prove linear
        convergence for :math:`\eta = 1/(16 L)`, :math:`L` the largest
        Lipschitz constant of the :math:`\nabla f_i`; :math:`1/L` often works.
    problem : gdlib.functions.FiniteSum
        The finite sum :math:`f = \frac1n \sum_i f_i`, for example
        ``LogisticRegression(X, y, l2=1e-3)``.
    batch_size : int, default 1
        :math:`b`, the examples per step (drawn with replacement).
    seed : int, default 0
        Seeds the examples drawn (see :meth:`batch`).

    Notes
    -----
    The table holds one gradient :math:`\phi_i` per example, set to
    :math:`\nabla f_i(x^{(0)})` by ``init``. Step :math:`t` evaluates the
    examples :math:`j \in B_t` at :math:`x^{(t-1)}`, puts their gradients in the
    table and steps along the table's mean:

    .. math::
        \phi_j \leftarrow \nabla f_j\bigl(x^{(t-1)}\bigr) \quad (j \in B_t), \qquad
        x^{(t)} = x^{(t-1)} - \frac{\eta}{n} \sum_{i=1}^n \phi_i.

    The direction is biased: for :math:`b = 1` its expectation over
    :math:`j` is :math:`\frac1n \nabla f(x^{(t-1)}) + (1 - \frac1n)\bar\phi`, mostly
    the old mean :math:`\bar\phi`, which is also why its variance is small
    (:class:`SAGA` removes the bias).

    Memory: the table, :math:`n \times d` numbers (``state.table``, one table
    per run under :func:`gdlib.run_many`). For a linear model
    (:math:`\nabla f_i(x) = c_i a_i + \mu x`) n scalars :math:`c_i` would do, as
    scikit-learn's SAG stores; gdlib stores the gradients themselves, so
    that the method runs on every :class:`~gdlib.functions.FiniteSum`, the
    :class:`~gdlib.functions.MLP` included, and the state shows the table as the
    formula writes it. Cost: :math:`n` example gradients in ``init``, then
    :math:`b` a step (``state.evaluations``). ``g`` is not used: run it
    with ``grad=None`` (see the module's docstring).

    Examples
    --------
    >>> import numpy as np, gdlib
    >>> from gdlib.functions import LeastSquares
    >>> rng = np.random.default_rng(0)
    >>> problem = LeastSquares(rng.normal(size=(20, 3)), rng.normal(size=20))
    >>> opt = gdlib.SAG(0.05, problem=problem)
    >>> traj = gdlib.run(opt, None, np.zeros(3), 2000)
    >>> bool(np.allclose(traj.final, problem.minimizers[0]))
    True
    """

    def _direction(self, fresh, old, old_mean, new_mean):
        return new_mean


class SAGA(_Table):
    r"""SAGA: an unbiased variance-reduced gradient from a table of example gradients.

    Parameters
    ----------
    lr : float, array or Schedule
        Learning rate :math:`\eta > 0`. Defazio, Bach and Lacoste-Julien prove
        linear convergence for :math:`\eta = 1/(3L)` on a strongly convex
        :math:`f`, :math:`L` the largest Lipschitz constant of the
        :math:`\nabla f_i` (for logistic regression :math:`\max_i \lVert a_i
        \rVert^2 / 4 + \mu`).
    problem : gdlib.functions.FiniteSum
        The finite sum :math:`f = \frac1n \sum_i f_i`, for example
        ``LogisticRegression(X, y, l2=1e-3)``.
    batch_size : int, default 1
        :math:`b`, the examples per step (drawn with replacement).
    seed : int, default 0
        Seeds the examples drawn (see :meth:`batch`).

    Notes
    -----
    The table holds one gradient :math:`\phi_i` per example, set to
    :math:`\nabla f_i(x^{(0)})` by ``init``, and its mean :math:`\bar\phi`. Step
    :math:`t` evaluates the examples :math:`j \in B_t` at :math:`x^{(t-1)}`,
    corrects their gradients with the table, then puts them in it:

    .. math::
        v_t &= \frac1b \sum_{j \in B_t} \Bigl(\nabla f_j\bigl(x^{(t-1)}\bigr) - \phi_j\Bigr)
        + \bar\phi, \qquad x^{(t)} = x^{(t-1)} - \eta\, v_t,\\
        \phi_j &\leftarrow \nabla f_j\bigl(x^{(t-1)}\bigr) \quad (j \in B_t).

    :math:`v_t` is unbiased: each :math:`j` is uniform, so
    :math:`\mathbb{E}[\nabla f_j(x) - \phi_j] = \nabla f(x) - \bar\phi` and
    :math:`\mathbb{E}[v_t] = \nabla f(x^{(t-1)})`. As the iterates approach the
    minimizer :math:`x^\star`, every :math:`\phi_i` approaches
    :math:`\nabla f_i(x^\star)`, and the variance of :math:`v_t` vanishes.

    Memory: the table, :math:`n \times d` numbers (``state.table``, one table
    per run under :func:`gdlib.run_many`), and its mean. For a linear model
    (:math:`\nabla f_i(x) = c_i a_i + \mu x`) n scalars :math:`c_i` would do, as
    scikit-learn's SAGA stores; gdlib stores the gradients themselves, so
    that the method runs on every :class:`~gdlib.functions.FiniteSum`, the
    :class:`~gdlib.functions.MLP` included, and the state shows the table as the
    formula writes it. Cost: :math:`n` example gradients in ``init``, then
    :math:`b` a step (``state.evaluations``). ``g`` is not used: run it
    with ``grad=None`` (see the module's docstring).

    Examples
    --------
    >>> import numpy as np, gdlib
    >>> from gdlib.functions import LeastSquares
    >>> rng = np.random.default_rng(0)
    >>> problem = LeastSquares(rng.normal(size=(20, 3)), rng.normal(size=20))
    >>> opt = gdlib.SAGA(0.05, problem=problem)
    >>> traj = gdlib.run(opt, None, np.zeros(3), 2000)
    >>> bool(np.allclose(traj.final, problem.minimizers[0]))
    True
    """

    def _direction(self, fresh, old, old_mean, new_mean):
        return np.sum(fresh - old, axis=-2) / fresh.shape[-2] + old_mean


class SVRG(_Sampling):
    r"""Stochastic variance-reduced gradient (SVRG): correct each step with a snapshot's gradient.

    Parameters
    ----------
    lr : float, array or Schedule
        Learning rate :math:`\eta > 0`. Johnson and Zhang's analysis gives, for
        instance, with :math:`\eta = 0.1/L` and :math:`m = 50 L/\mu` a
        contraction of :math:`f - f^\star` by 1/2 per snapshot in expectation
        (:math:`L` the largest Lipschitz constant of the :math:`\nabla f_i`,
        :math:`\mu` the strong convexity of :math:`f`).
    problem : gdlib.functions.FiniteSum
        The finite sum :math:`f = \frac1n \sum_i f_i`, for example
        ``LogisticRegression(X, y, l2=1e-3)``.
    batch_size : int, default 1
        :math:`b`, the examples per step (drawn with replacement).
    inner_steps : int, optional
        :math:`m \ge 1`, the steps between two snapshots. The default,
        :math:`\lceil n / b \rceil` (:math:`n` for :math:`b = 1`), makes the
        steps between snapshots draw about one epoch of examples.
    seed : int, default 0
        Seeds the examples drawn (see :meth:`batch`).

    Notes
    -----
    A snapshot :math:`\tilde x` and its full gradient :math:`\nabla f(\tilde x)`
    are taken by ``init`` at :math:`x^{(0)}`, then at the start of steps
    :math:`m + 1, 2m + 1, \dots` at the current iterate. Step :math:`t`
    evaluates the examples :math:`j \in B_t` at the iterate and at the snapshot,
    with :math:`\nabla f_B = \frac1b \sum_{j \in B_t} \nabla f_j`:

    .. math::
        v_t = \nabla f_B\bigl(x^{(t-1)}\bigr) - \nabla f_B(\tilde x) + \nabla f(\tilde x),
        \qquad x^{(t)} = x^{(t-1)} - \eta\, v_t.

    :math:`v_t` is unbiased (:math:`\mathbb{E}[\nabla f_B(y)] = \nabla f(y)` for
    every :math:`y`), and its variance vanishes as the iterate and the
    snapshot approach the minimizer together. The new snapshot is the last
    iterate, option I of Johnson and Zhang (their proof takes a random iterate
    of the inner loop, option II). The first step after a
    snapshot is a full gradient step (:math:`x^{(t-1)} = \tilde x`, the two
    batch gradients cancel exactly); its :math:`2b` evaluations are made and
    counted all the same, as the algorithm is written.

    Memory: two vectors (``state.snapshot``, ``state.full``), no table. Cost:
    :math:`n` example gradients per snapshot, the first in ``init``, and
    :math:`2b` a step (``state.evaluations``): after :math:`t` steps,
    :math:`n (1 + \lfloor (t-1)/m \rfloor) + 2bt`. ``g`` is not used: run it
    with ``grad=None`` (see the module's docstring).

    Examples
    --------
    >>> import numpy as np, gdlib
    >>> from gdlib.functions import LeastSquares
    >>> rng = np.random.default_rng(0)
    >>> problem = LeastSquares(rng.normal(size=(20, 3)), rng.normal(size=20))
    >>> opt = gdlib.SVRG(0.05, problem=problem)
    >>> traj = gdlib.run(opt, None, np.zeros(3), 2000)
    >>> bool(np.allclose(traj.final, problem.minimizers[0]))
    True
    """

    def __init__(self, lr, *, problem, batch_size=1, inner_steps=None, seed=0):
        super().__init__(lr, problem=problem, batch_size=batch_size, seed=seed)
        self.inner_steps = (None if inner_steps is None
                            else _checks.integer("inner_steps", inner_steps, minimum=1))

    @property
    def steps_per_snapshot(self):
        r""":math:`m`: ``inner_steps``, or :math:`\lceil n / b \rceil` when it is None."""
        if self.inner_steps is None:
            return math.ceil(self.problem.n / self.batch_size)
        return self.inner_steps

    def init(self, x):
        x = self._point(x)
        return SVRGState(t=0, snapshot=np.array(x), full=self.problem.grad(x),
                         evaluations=self.problem.n)

    def update(self, x, g, state, lr, *, batch=None):
        x = self._point(x)
        t = state.t + 1
        snapshot, full = state.snapshot, state.full
        evaluations = state.evaluations
        if t > 1 and (t - 1) % self.steps_per_snapshot == 0:
            # a new snapshot: x^{(t-1)}
            snapshot, full = np.array(x), self.problem.grad(x)
            evaluations += self.problem.n
        batch = self._batch_at(t, batch)
        grad_at = self.problem.batch_grad
        v = grad_at(x, batch) - grad_at(snapshot, batch) + full
        evaluations += 2 * len(batch)
        return x - lr * v, SVRGState(t, snapshot, full, evaluations)
