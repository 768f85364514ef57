r"""Finite sums :math:`f(x) = \frac1n \sum_{i=1}^n f_i(x)`: the losses that stochastic gradients estimate.

Two problems on a data matrix :math:`A` (argument ``X``: n examples by d
features, rows :math:`a_i`) and targets ``y``:
least squares and logistic regression. Both give the full gradient, the
gradient of any subset of examples, per-example gradients, and a seeded
:class:`MinibatchGradient` that plays the role of ``grad`` in :func:`gdlib.run`.
Parameters ``w`` may carry leading axes (many runs at once): shape ``(..., d)``.
"""

import numpy as np

from .. import _checks
from .base import Objective

__all__ = ["FiniteSum", "LeastSquares", "LogisticRegression", "MinibatchGradient"]


def _sigmoid(z):
    """The logistic function, without overflow for large :math:`|z|`."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


class FiniteSum(Objective):
    """Base of the finite-sum problems: subclasses give the loss and gradient of a batch."""

    def __init__(self, X, y):
        X = _checks.finite_array("X", X)
        y = _checks.finite_array("y", y)
        if X.ndim != 2 or y.shape != X.shape[:1]:
            raise ValueError(f"X must be 2-D (examples, features) and y 1-D with one entry per "
                             f"example, got X of shape {X.shape} and y of shape {y.shape}")
        if len(y) == 0:
            raise ValueError("X and y must hold at least one example")
        self.X, self.y = X, y
        self.n, self.dim = X.shape

    def batch_value(self, w, idx):
        """Mean loss of the examples ``idx``."""
        raise NotImplementedError

    def batch_grad(self, w, idx):
        r"""Mean gradient of the examples ``idx``: :math:`\frac{1}{|B|}\sum_{i\in B}\nabla f_i(x)`."""
        raise NotImplementedError

    vectorized = True  # value takes many points at once

    def value(self, w):
        return self.batch_value(w, slice(None))

    def grad(self, w):
        return self.batch_grad(w, slice(None))

    def example_grads(self, w):
        r"""Every :math:`\nabla f_i(x)`, shape ``(n, d)``, for one point ``w`` of shape ``(d,)``."""
        w = np.asarray(w, dtype=np.float64)
        return self._weights(w, slice(None))[:, None] * self.X

    def sampler(self, batch_size=1, seed=0, replace=False):
        """A fresh stochastic gradient; see :class:`MinibatchGradient`."""
        return MinibatchGradient(self, batch_size, seed, replace)

    def _weights(self, w, idx):
        """Per-example factor ``c_i`` with :math:`\\nabla f_i(x) = c_i a_i`."""
        raise NotImplementedError

    def _margin(self, w, idx):
        w = np.asarray(w, dtype=np.float64)
        if w.shape[-1:] != (self.dim,):
            raise ValueError(f"w must have shape (..., {self.dim}), got {w.shape}")
        return w @ self.X[idx].T  # shape (..., batch)


class LeastSquares(FiniteSum):
    r"""Linear least squares, :math:`f(x) = \frac{1}{2n}\sum_i (a_i^\top x - y_i)^2`.

    .. math:: \nabla f_i(x) = (a_i^\top x - y_i)\, a_i, \qquad \nabla^2 f = A^\top A / n.
    """

    name = "least squares"
    latex = r"\frac{1}{2n}\lVert Ax - y\rVert^2"

    def batch_value(self, w, idx):
        residual = self._margin(w, idx) - self.y[idx]
        return 0.5 * np.mean(residual**2, axis=-1)

    def batch_grad(self, w, idx):
        residual = self._margin(w, idx) - self.y[idx]
        return residual @ self.X[idx] / residual.shape[-1]

    def _weights(self, w, idx):
        return self._margin(w, idx) - self.y[idx]

    def hessian(self, w=None):
        """:math:`X^\\top X / n`, the same at every point; one copy per point of ``w``'s leading axes."""
        H = self.X.T @ self.X / self.n
        return H if w is None else np.broadcast_to(H, np.shape(w)[:-1] + H.shape)

    @property
    def minimizers(self):
        return np.linalg.lstsq(self.X, self.y, rcond=None)[0][None]


class LogisticRegression(FiniteSum):
    r"""Logistic regression with labels :math:`y_i \in \{0, 1\}` and an optional L2 penalty.

    With :math:`s_i = 2y_i - 1 \in \{-1, 1\}` and :math:`z_i = a_i^\top x`,

    .. math::
        f(x) = \frac1n \sum_i \log\bigl(1 + e^{-s_i z_i}\bigr) + \frac{\mu}{2}\lVert x\rVert^2,

        \nabla f_i(x) = \bigl(\sigma(z_i) - y_i\bigr) a_i + \mu x.

    Parameters
    ----------
    X : array_like, shape (n, d)
        Features (add a column of ones for an intercept).
    y : array_like, shape (n,)
        Labels, 0 or 1.
    l2 : float, default 0
        The penalty :math:`\mu \ge 0`.
    """

    name = "logistic regression"
    latex = r"\frac1n\sum_i \log(1 + e^{-s_i a_i^\top x})"

    def __init__(self, X, y, l2=0.0):
        super().__init__(X, y)
        if not np.all((self.y == 0) | (self.y == 1)):
            raise ValueError(f"y must hold labels 0 and 1, got values {np.unique(self.y)!r}")
        self.l2 = _checks.nonnegative("l2", l2)

    def batch_value(self, w, idx):
        signs = 2 * self.y[idx] - 1
        data = np.mean(np.logaddexp(0.0, -signs * self._margin(w, idx)), axis=-1)
        return data + 0.5 * self.l2 * np.sum(np.asarray(w) ** 2, axis=-1)

    def batch_grad(self, w, idx):
        error = self._weights(w, idx)
        return error @ self.X[idx] / error.shape[-1] + self.l2 * np.asarray(w)

    def example_grads(self, w):
        return super().example_grads(w) + self.l2 * np.asarray(w, dtype=np.float64)

    def _weights(self, w, idx):
        return _sigmoid(self._margin(w, idx)) - self.y[idx]

    def hessian(self, w):
        p = _sigmoid(self._margin(w, slice(None)))
        curvature = p * (1 - p) / self.n
        return np.einsum("...i,ij,ik->...jk", curvature, self.X, self.X) + self.l2 * np.eye(self.dim)

    def accuracy(self, w):
        """Fraction of examples whose label the sign of :math:`x_i^\\top w` predicts."""
        return np.mean((self._margin(w, slice(None)) > 0) == (self.y == 1), axis=-1)

    @property
    def minimizers(self):
        """The minimizer, by Newton's method (needs ``l2 > 0`` or data that are not separable)."""
        w = np.zeros(self.dim)
        for _ in range(100):
            step = np.linalg.solve(self.hessian(w), self.grad(w))
            w = w - step
            if np.max(np.abs(step)) <= 1e-12 * max(1.0, np.max(np.abs(w))):
                return w[None]
        raise ArithmeticError("Newton's method did not converge: the classes may be separable; "
                              "use l2 > 0")


class MinibatchGradient:
    r"""A stochastic gradient: each call returns the mean gradient of the next minibatch.

    Without replacement (the default) the examples are shuffled at the start
    of every epoch and dealt out in batches of ``batch_size``; the last batch of
    an epoch is smaller when ``batch_size`` does not divide ``n``. With
    replacement every batch is drawn afresh. The generator is
    ``numpy.random.default_rng(seed)``, so a new sampler with the same seed
    replays the same batches; one sampler used twice continues its sequence.

    Attributes
    ----------
    examples_seen : int
        Examples used so far (the cost, in units of one :math:`\nabla f_i`).
    last_batch : numpy.ndarray of int or None
        The indices of the batch the last call drew (None before the first): the batch
        whose loss :meth:`loss` gives.
    """

    def __init__(self, problem, batch_size=1, seed=0, replace=False):
        self.problem = problem
        self.batch_size = _checks.integer("batch_size", batch_size, minimum=1)
        if self.batch_size > problem.n:
            raise ValueError(f"batch_size must be <= n = {problem.n}, got {batch_size!r}")
        if not isinstance(replace, (bool, np.bool_)):
            raise TypeError(f"replace must be True or False, got {replace!r}")
        self.replace = bool(replace)
        self.rng = np.random.default_rng(seed)
        self._order = np.empty(0, dtype=np.intp)
        self._position = 0
        self.examples_seen = 0
        self.last_batch = None

    def next_batch(self):
        """Indices of the next minibatch."""
        n, b = self.problem.n, self.batch_size
        if self.replace:
            batch = self.rng.integers(0, n, size=b)
        else:
            if self._position >= len(self._order):
                self._order, self._position = self.rng.permutation(n), 0
            batch = self._order[self._position: self._position + b]
            self._position += len(batch)
        self.examples_seen += len(batch)
        return batch

    def __call__(self, w):
        self.last_batch = self.next_batch()
        return self.problem.batch_grad(w, self.last_batch)

    def loss(self, w):
        r"""The mean loss :math:`f_B(w)` of the batch :math:`B` the last call drew.

        The loss that matches the last stochastic gradient, for the stochastic
        Polyak step: ``gdlib.Polyak(loss=sampler.loss, ...)`` run with
        ``grad=sampler`` evaluates :math:`f_B` and :math:`\nabla f_B` on the
        same batch at every step (see :class:`gdlib.Polyak`). It draws no batch
        and counts no example. It is not the objective: to record the losses of
        a run, give :func:`gdlib.run` the problem's ``value``.
        """
        if self.last_batch is None:
            raise RuntimeError("MinibatchGradient.loss is the loss of the batch of the last "
                               "gradient, and no gradient was drawn yet: call the sampler first")
        return self.problem.batch_value(w, self.last_batch)

    loss.vectorized = True  # batch_value takes many points at once
