"""gdlib.functions.MLP: the small neural network of chapter 15, and gdlib.functions.split."""

import numpy as np
import pytest

import gdlib
from gdlib.functions import MLP, MinibatchGradient, split

RNG = np.random.default_rng(0)
X = RNG.normal(size=(30, 5))
Y = RNG.integers(0, 4, size=30)


def loop_loss(net, w):
    """The cross-entropy by a plain loop over examples, from the formulas of the docstring."""
    W1, b1, W2, b2 = net.unpack(w)
    total = 0.0
    for a, label in zip(net.X, net.labels, strict=True):
        r = W1 @ a + b1
        o = np.tanh(r) if net.activation == "tanh" else np.maximum(r, 0)
        logits = W2 @ o + b2
        total += np.log(np.sum(np.exp(logits))) - logits[label]
    return total / net.n


@pytest.mark.parametrize("activation", ["tanh", "relu"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_gradient_matches_finite_differences(activation, seed):
    net = MLP(X, Y, hidden=6, activation=activation)
    point = net.init(seed=seed, scale=2.0) + 0.1 * np.random.default_rng(seed).normal(size=net.dim)
    check = gdlib.check_grad(net.value, net.grad, point)
    assert check, check.max_error


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_value_matches_a_loop(activation):
    net = MLP(X, Y, hidden=6, activation=activation)
    for seed in range(3):
        w = net.init(seed=seed, scale=3.0)
        assert net.value(w) == pytest.approx(loop_loss(net, w), rel=1e-12)


def test_large_logits_do_not_overflow():
    net = MLP(X, Y, hidden=6)
    w = 1e3 * net.init(seed=0)
    assert np.isfinite(net.value(w)) and np.all(np.isfinite(net.grad(w)))


def test_shapes_and_layout():
    net = MLP(X, Y, hidden=6, classes=5)
    assert net.dim == 6 * 5 + 6 + 5 * 6 + 5
    W1, b1, W2, b2 = net.unpack(np.arange(net.dim, dtype=float))
    assert (W1.shape, b1.shape, W2.shape, b2.shape) == ((6, 5), (6,), (5, 6), (5,))
    assert W1[0, 1] == 1 and b1[0] == 30 and W2[0, 0] == 36 and b2[-1] == net.dim - 1
    w = net.init(seed=0, runs=3)
    assert w.shape == (3, net.dim)
    np.testing.assert_array_equal(net.pack(*net.unpack(w)), w)
    assert net.value(w).shape == (3,) and net.grad(w).shape == (3, net.dim)
    assert net.accuracy(w).shape == (3,) and net.predict(w).shape == (3, 30)
    r, o, logits = net.forward(w)
    assert r.shape == o.shape == (3, 30, 6) and logits.shape == (3, 30, 5)


def test_runs_are_independent_rows():
    net = MLP(X, Y, hidden=6)
    w = net.init(seed=4, runs=3)
    for i in range(3):
        assert net.value(w)[i] == pytest.approx(net.value(w[i]), rel=1e-14)
        np.testing.assert_allclose(net.grad(w)[i], net.grad(w[i]), rtol=1e-13, atol=1e-15)
    idx = np.array([[0, 1, 2], [3, 4, 5], [6, 7, 8]])  # one minibatch per run
    for i in range(3):
        np.testing.assert_allclose(net.batch_grad(w, idx)[i], net.batch_grad(w[i], idx[i]),
                                   rtol=1e-13, atol=1e-15)
        assert net.batch_value(w, idx)[i] == pytest.approx(net.batch_value(w[i], idx[i]))


def test_example_grads_average_to_the_gradient():
    net = MLP(X, Y, hidden=6)
    w = net.init(seed=5)
    per_example = net.example_grads(w)
    assert per_example.shape == (30, net.dim)
    np.testing.assert_allclose(per_example.mean(axis=0), net.grad(w), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(per_example[7], net.batch_grad(w, [7]), rtol=1e-12, atol=1e-15)


def test_init_is_deterministic_and_scaled():
    net = MLP(X, Y, hidden=6)
    np.testing.assert_array_equal(net.init(seed=3), net.init(seed=3))
    assert not np.array_equal(net.init(seed=3), net.init(seed=4))
    np.testing.assert_allclose(net.init(seed=3, scale=0.01), 0.01 * net.init(seed=3), rtol=1e-14)
    assert not np.any(net.init(scale=0.0))
    W1, b1, W2, b2 = net.unpack(net.init(seed=0, scale=1.0, runs=2000))
    assert W1.std() == pytest.approx(1 / np.sqrt(5), rel=0.02)
    assert W2.std() == pytest.approx(1 / np.sqrt(6), rel=0.02)
    assert not np.any(b1) and not np.any(b2)


def test_zero_is_stationary_for_the_weights():
    net = MLP(X, Y, hidden=6)
    W1, b1, W2, b2 = net.unpack(net.grad(net.init(scale=0.0)))
    assert not np.any(W1) and not np.any(b1) and not np.any(W2) and np.any(b2)


def test_sampler_is_a_minibatch_gradient_and_trains():
    net = MLP(X, Y, hidden=6)
    sampler = net.sampler(8, seed=0)
    assert isinstance(sampler, MinibatchGradient)
    runs = gdlib.run_many(gdlib.Adam(0.05), sampler, net.init(seed=0, runs=2), 200)
    assert np.all(net.value(runs.final) < 0.5 * net.value(runs.xs[0]))


def test_on_keeps_the_layout():
    net = MLP(X, Y, hidden=6, classes=5, activation="relu")
    other = net.on(X[:10], Y[:10])
    assert (other.dim, other.classes, other.activation) == (net.dim, 5, "relu")
    w = net.init(seed=0)
    assert other.value(w) == pytest.approx(net.batch_value(w, np.arange(10)))


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(y=Y + 0.5), ValueError, "y must hold integer labels"),
    (dict(y=Y - 1), ValueError, "y must hold integer labels"),
    (dict(classes=3), ValueError, "classes must exceed"),
    (dict(classes=1), ValueError, "classes must be >= 2"),
    (dict(hidden=0), ValueError, "hidden must be >= 1"),
    (dict(hidden=2.0), TypeError, "hidden must be an integer"),
    (dict(activation="sigmoid"), ValueError, "activation must be one of"),
])
def test_bad_input_names_the_parameter(kwargs, error, message):
    arguments = dict(X=X, y=Y) | kwargs
    with pytest.raises(error, match=message):
        MLP(**arguments)


def test_bad_points_name_the_parameter():
    net = MLP(X, Y, hidden=6)
    with pytest.raises(ValueError, match=r"w must have shape \(\.\.\., 64\)"):
        net.value(np.zeros(63))
    with pytest.raises(ValueError, match="W2 must have shape"):
        net.pack(np.zeros((6, 5)), np.zeros(6), np.zeros((6, 4)), np.zeros(4))
    with pytest.raises(ValueError, match="scale must be >= 0"):
        net.init(scale=-1.0)
    with pytest.raises(TypeError, match="seed must be an integer"):
        net.init(seed=0.5)


def test_split():
    parts = split(20, [10, 5, 3], seed=1)
    assert [len(p) for p in parts] == [10, 5, 3]
    assert len(np.unique(np.concatenate(parts))) == 18
    assert all(np.all(np.diff(p) > 0) for p in parts)
    for a, b in zip(parts, split(20, [10, 5, 3], seed=1), strict=True):
        np.testing.assert_array_equal(a, b)
    with pytest.raises(ValueError, match="sizes must sum to at most n = 20"):
        split(20, [15, 6])
    with pytest.raises(ValueError, match="sizes must be >= 1"):
        split(20, [0])
