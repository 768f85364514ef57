r"""A small neural network as a finite sum: one hidden layer, softmax cross-entropy.

:class:`MLP` is a multilayer perceptron with one hidden layer whose parameters
are one flat vector :math:`x`, so that every optimizer of gdlib, :func:`gdlib.run`
and :func:`gdlib.run_many` train it unchanged. It is a :class:`FiniteSum`: its
:meth:`~FiniteSum.sampler` is the same :class:`MinibatchGradient` as for
logistic regression. :func:`split` cuts a data set into training, validation and
test parts.
"""

import numpy as np

from .. import _checks
from .finite_sum import FiniteSum

__all__ = ["MLP", "split"]

ACTIVATIONS = ("tanh", "relu")


class MLP(FiniteSum):
    r"""A one-hidden-layer perceptron with softmax cross-entropy, parameters in one vector.

    With inputs :math:`a_i \in \mathbb{R}^m` (the rows of ``X``), labels
    :math:`y_i \in \{0, \dots, K-1\}`, ``hidden`` units :math:`k` and the
    activation :math:`\tanh` (or :math:`\max(0, \cdot)`), the forward pass of
    example :math:`i` is

    .. math::
        r_i = W_1 a_i + b_1, \quad o_i = \tanh(r_i), \quad
        \ell_i = W_2 o_i + b_2, \quad
        \hat y_i = \operatorname{softmax}(\ell_i),

    with :math:`W_1 \in \mathbb{R}^{k \times m}`, :math:`b_1 \in \mathbb{R}^k`,
    :math:`W_2 \in \mathbb{R}^{K \times k}`, :math:`b_2 \in \mathbb{R}^K`, and the
    loss is the mean cross-entropy

    .. math::
        f(x) = \frac1n \sum_{i=1}^n f_i(x), \qquad
        f_i(x) = -\log \hat y_{i, y_i} = \log \sum_{c} e^{\ell_{i,c}} - \ell_{i, y_i}.

    The parameter vector :math:`x` holds :math:`W_1` (row by row), :math:`b_1`,
    :math:`W_2` (row by row) and :math:`b_2`, in that order: :math:`d = km + k + Kk + K`
    numbers (:meth:`unpack`, :meth:`pack`). Backpropagation, with
    :math:`\mathbb{1}_{y_i}` the one-hot vector of the label:

    .. math::
        \frac{\partial f_i}{\partial \ell_i} = \hat y_i - \mathbb{1}_{y_i}, \quad
        \frac{\partial f_i}{\partial W_2} = \frac{\partial f_i}{\partial \ell_i} o_i^\top, \quad
        \frac{\partial f_i}{\partial b_2} = \frac{\partial f_i}{\partial \ell_i},

        \frac{\partial f_i}{\partial r_i} = (1 - o_i \odot o_i) \odot
        W_2^\top \frac{\partial f_i}{\partial \ell_i}, \quad
        \frac{\partial f_i}{\partial W_1} = \frac{\partial f_i}{\partial r_i} a_i^\top, \quad
        \frac{\partial f_i}{\partial b_1} = \frac{\partial f_i}{\partial r_i}

    (for the ReLU, :math:`1 - o_i \odot o_i` becomes the indicator of :math:`r_i > 0`).
    Every method takes ``w`` of shape ``(..., d)``: leading axes are runs.

    Parameters
    ----------
    X : array_like, shape (n, m)
        Inputs, one example per row.
    y : array_like, shape (n,)
        Integer labels in ``0, ..., classes - 1``.
    hidden : int, default 32
        :math:`k`, the number of hidden units.
    classes : int, optional
        :math:`K`; by default one more than the largest label.
    activation : {"tanh", "relu"}, default "tanh"

    Examples
    --------
    >>> import numpy as np, gdlib
    >>> from gdlib.functions import MLP
    >>> rng = np.random.default_rng(0)
    >>> net = MLP(rng.normal(size=(20, 3)), rng.integers(0, 2, size=20), hidden=4)
    >>> net.dim  # 4 * 3 + 4 + 2 * 4 + 2
    26
    >>> bool(gdlib.check_grad(net.value, net.grad, net.init(seed=1)))
    True
    """

    name = "MLP"
    latex = r"\frac1n\sum_i -\log \operatorname{softmax}(W_2 \tanh(W_1 a_i + b_1) + b_2)_{y_i}"
    vectorized = True

    def __init__(self, X, y, hidden=32, classes=None, activation="tanh"):
        super().__init__(X, y)
        if not np.all(self.y == np.round(self.y)) or np.any(self.y < 0):
            raise ValueError(f"y must hold integer labels >= 0, got values {np.unique(self.y)!r}")
        labels = self.y.astype(np.intp)
        self.features = self.X.shape[1]
        self.hidden = _checks.integer("hidden", hidden, minimum=1)
        if classes is None:
            classes = max(int(labels.max()) + 1, 2)
        self.classes = _checks.integer("classes", classes, minimum=2)
        if labels.max() >= self.classes:
            raise ValueError(f"classes must exceed the largest label {labels.max()}, "
                             f"got {classes!r}")
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}, got {activation!r}")
        self.activation = activation
        self.labels = labels
        self.onehot = np.eye(self.classes)[labels]  # row i is 1_{y_i}
        k, m, K = self.hidden, self.features, self.classes
        self.shapes = ((k, m), (k,), (K, k), (K,))
        self.dim = k * m + k + K * k + K

    def on(self, X, y):
        """The same network (same parameter layout) on other data, e.g. a test set."""
        return MLP(X, y, hidden=self.hidden, classes=self.classes, activation=self.activation)

    # -- parameters ---------------------------------------------------------------------
    def unpack(self, w):
        """Views ``(W1, b1, W2, b2)`` of the flat parameters, with ``w``'s leading axes."""
        w = np.asarray(w, dtype=np.float64)
        if w.shape[-1:] != (self.dim,):
            raise ValueError(f"w must have shape (..., {self.dim}) for this network "
                             f"({self.hidden} hidden units), got {w.shape}")
        parts, start = [], 0
        for shape in self.shapes:
            size = int(np.prod(shape))
            parts.append(w[..., start:start + size].reshape(w.shape[:-1] + shape))
            start += size
        return tuple(parts)

    def pack(self, W1, b1, W2, b2):
        """The flat vector of ``(W1, b1, W2, b2)``; the inverse of :meth:`unpack`."""
        parts = [np.asarray(p, dtype=np.float64) for p in (W1, b1, W2, b2)]
        lead = parts[0].shape[:-2]
        for name, part, shape in zip(("W1", "b1", "W2", "b2"), parts, self.shapes, strict=True):
            if part.shape != lead + shape:
                raise ValueError(f"{name} must have shape {lead + shape}, got {part.shape}")
        return np.concatenate([p.reshape(lead + (-1,)) for p in parts], axis=-1)

    def init(self, seed=0, scale=1.0, runs=None):
        r"""Random initial parameters: :math:`W_1 \sim \mathcal N(0, s^2/m)`, :math:`W_2 \sim
        \mathcal N(0, s^2/k)` entry by entry, biases zero.

        Parameters
        ----------
        seed : int
            Seed of ``numpy.random.default_rng``; the same seed gives the same point.
        scale : float, default 1
            :math:`s \ge 0`. With :math:`s = 1` a unit's input has about the variance
            of one input feature; :math:`s = 0` is the zero initialization.
        runs : int, optional
            If given, ``runs`` independent points, shape ``(runs, d)``; else shape ``(d,)``.
        """
        seed = _checks.integer("seed", seed)
        scale = _checks.nonnegative("scale", scale)
        lead = () if runs is None else (_checks.integer("runs", runs, minimum=1),)
        rng = np.random.default_rng(seed)
        k, m, K = self.hidden, self.features, self.classes
        W1 = rng.normal(scale=scale / np.sqrt(m), size=lead + (k, m))
        W2 = rng.normal(scale=scale / np.sqrt(k), size=lead + (K, k))
        return self.pack(W1, np.zeros(lead + (k,)), W2, np.zeros(lead + (K,)))

    # -- forward and backward -----------------------------------------------------------
    def forward(self, w, idx=slice(None)):
        r"""The forward pass on the examples ``idx``: ``(r, o, logits)``, each of shape
        ``(..., batch, units)``: :math:`r_i`, :math:`o_i` and :math:`\ell_i` for every example."""
        W1, b1, W2, b2 = self.unpack(w)
        A = self.X[idx]
        r = A @ np.swapaxes(W1, -1, -2) + b1[..., None, :]  # r_i = W1 a_i + b1
        o = np.tanh(r) if self.activation == "tanh" else np.maximum(r, 0.0)  # o_i
        logits = o @ np.swapaxes(W2, -1, -2) + b2[..., None, :]  # l_i = W2 o_i + b2
        return r, o, logits

    def batch_value(self, w, idx):
        """Mean cross-entropy of the examples ``idx`` (shared, or one minibatch per run
        as in :meth:`batch_grad`)."""
        logits = self.forward(w, idx)[2]
        top = logits.max(axis=-1, keepdims=True)
        logsumexp = top[..., 0] + np.log(np.exp(logits - top).sum(axis=-1))
        picked = np.sum(logits * self.onehot[idx], axis=-1)  # l_{i, y_i}
        return np.mean(logsumexp - picked, axis=-1)

    def batch_grad(self, w, idx):
        r"""Mean gradient of the examples ``idx``, by backpropagation,
        shaped like ``w``.

        ``idx`` is a slice or an index array of shape ``(batch,)`` shared
        by every run, or of shape ``w.shape[:-1] + (batch,)``: one
        minibatch per run.
        """
        o, d_l, d_r = self._backprop(w, idx)
        A = self.X[idx]
        n = A.shape[-2]  # the batch size
        g_W1 = np.swapaxes(d_r, -1, -2) @ A / n  # mean of df_i/dr_i a_i^T
        g_b1 = d_r.mean(axis=-2)
        g_W2 = np.swapaxes(d_l, -1, -2) @ o / n  # mean of df_i/dl_i o_i^T
        g_b2 = d_l.mean(axis=-2)
        return self.pack(g_W1, g_b1, g_W2, g_b2)

    def example_grads(self, w):
        r"""Every :math:`\nabla f_i(x)`, shape ``(n, d)``, for one point ``w`` of shape ``(d,)``."""
        w = np.asarray(w, dtype=np.float64)
        if w.shape != (self.dim,):
            raise ValueError(f"w must have shape ({self.dim},), got {w.shape}")
        o, d_l, d_r = self._backprop(w, slice(None))
        outer = lambda u, v: (u[:, :, None] * v[:, None, :]).reshape(self.n, -1)
        return np.concatenate([outer(d_r, self.X), d_r, outer(d_l, o), d_l], axis=-1)

    def _backprop(self, w, idx):
        """The hidden outputs and the loss's derivatives by the logits
        and by the hidden pre-activations, for every example of ``idx``."""
        W2 = self.unpack(w)[2]
        r, o, logits = self.forward(w, idx)
        p = np.exp(logits - logits.max(axis=-1, keepdims=True))
        p /= p.sum(axis=-1, keepdims=True)  # y_hat_i = softmax(l_i)
        d_l = p - self.onehot[idx]  # df_i/dl_i = y_hat_i - 1_{y_i}
        d_o = d_l @ W2  # df_i/do_i = W2^T df_i/dl_i
        if self.activation == "tanh":
            d_r = d_o * (1.0 - o * o)  # (1 - o_i^2) * df_i/do_i
        else:
            d_r = d_o * (r > 0)  # ReLU: the indicator of r_i > 0
        return o, d_l, d_r

    def predict(self, w):
        """The predicted class of every example: the largest logit; shape ``(..., n)``."""
        return np.argmax(self.forward(w)[2], axis=-1)

    def accuracy(self, w):
        """Fraction of the examples whose label the network predicts; shape ``w.shape[:-1]``."""
        return np.mean(self.predict(w) == self.labels, axis=-1)

    def _weights(self, w, idx):
        raise NotImplementedError("an MLP's example gradients are not multiples of a_i; "
                                  "example_grads computes them")

    def hessian(self, w):
        raise NotImplementedError("the MLP has no Hessian method; use finite differences of grad")


def split(n, sizes, seed=0):
    """Random disjoint index sets of ``range(n)``, of the given sizes, for training and testing.

    Parameters
    ----------
    n : int
        Number of examples.
    sizes : sequence of int
        Size of each part; their sum must be at most ``n``. Examples left over
        belong to no part.
    seed : int
        Seed of the permutation (``numpy.random.default_rng``).

    Returns
    -------
    tuple of numpy.ndarray
        One sorted index array per part.

    Examples
    --------
    >>> train, test = split(10, [6, 4], seed=0)
    >>> len(train), len(test), len(set(train) | set(test))
    (6, 4, 10)
    """
    n = _checks.integer("n", n, minimum=1)
    sizes = [_checks.integer("sizes", s, minimum=1) for s in sizes]
    if sum(sizes) > n:
        raise ValueError(f"sizes must sum to at most n = {n}, got {sizes} (sum {sum(sizes)})")
    order = np.random.default_rng(_checks.integer("seed", seed)).permutation(n)
    cuts = np.cumsum([0] + sizes)
    return tuple(np.sort(order[lo:hi]) for lo, hi in zip(cuts[:-1], cuts[1:], strict=True))
