"""Property tests (hypothesis): descent on convex quadratics, invariances, vectorization."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import gdlib

FLOATS = dict(allow_nan=False, allow_infinity=False)


@st.composite
def convex_quadratics(draw, dim=3):
    """A random positive definite H (eigenvalues in [0.1, 10]) and a start point."""
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(rng.normal(size=(dim, dim)))
    eigenvalues = draw(st.lists(st.floats(0.1, 10.0), min_size=dim, max_size=dim))
    H = q @ np.diag(eigenvalues) @ q.T
    # Start at least 1 away from the minimizer in every coordinate: the adaptive methods take
    # steps of a fixed size (about lr, or sqrt(eps) for AdaDelta) that can overshoot a closer start.
    sizes = np.array(draw(st.lists(st.floats(1, 10), min_size=dim, max_size=dim)))
    x0 = sizes * np.array(draw(st.lists(st.sampled_from([-1.0, 1.0]), min_size=dim, max_size=dim)))
    return H, x0, max(eigenvalues)


def safe_optimizers(L, H, loss):
    """Hyperparameters under which each method provably or reliably descends on an L-smooth
    quadratic: every optimizer of gdlib, the wrappers around one of them."""
    return [gdlib.GD(1 / L), gdlib.Momentum(0.5 / L, gamma=0.5), gdlib.Nesterov(0.5 / L, gamma=0.5),
            gdlib.AdaGrad(0.5), gdlib.RMSProp(0.1), gdlib.AdaDelta(), gdlib.Adam(0.1),
            gdlib.AdamW(0.1, weight_decay=0.01), gdlib.AMSGrad(0.1), gdlib.NAdam(0.1),
            gdlib.AdaMax(0.1), gdlib.Yogi(0.1), gdlib.Lion(0.1),
            gdlib.Newton(1.0, hessian=lambda x: H), gdlib.Backtracking(1.0, loss=loss),
            gdlib.ClipByNorm(gdlib.GD(1 / L), max_norm=1.0), gdlib.ClipByValue(gdlib.Adam(0.1), max_value=1.0),
            gdlib.ProjectToBox(gdlib.GD(1 / L), lower=-20.0, upper=20.0),
            gdlib.ConjugateGradient(hessian=lambda x: H),
            gdlib.BFGS(loss=loss, grad=lambda x: H @ x),
            gdlib.LBFGS(loss=loss, grad=lambda x: H @ x, line_search_fn="strong_wolfe")]


@settings(max_examples=40, deadline=None)
@given(convex_quadratics())
def test_every_optimizer_decreases_a_convex_quadratic(problem):
    """Each at least halves the loss in 300 steps (the minimum is 0), but AdaDelta, whose
    first steps are of size about sqrt(eps) (its slow start, chapter 7): it only decreases."""
    H, x0, L = problem
    def loss(x): return 0.5 * np.einsum("...i,ij,...j->...", x, H, x)
    for opt in safe_optimizers(L, H, loss):
        traj = gdlib.run(opt, lambda x: H @ x, x0, 300, loss=loss)
        assert not traj.stopped
        assert traj.losses[-1] < (1.0 if isinstance(opt, gdlib.AdaDelta) else 0.5) * traj.losses[0], opt


@settings(max_examples=50, deadline=None)
@given(st.floats(1e-3, 1e3), st.lists(st.floats(-5, 5, **FLOATS), min_size=2, max_size=2))
def test_adam_is_invariant_to_gradient_scale(scale, x0):
    def grad(x): return np.array([0.2, 4.0]) * x + 1.0
    a = gdlib.run(gdlib.Adam(0.05, eps=0), grad, x0, 100).xs
    b = gdlib.run(gdlib.Adam(0.05, eps=0), lambda x: scale * grad(x), x0, 100).xs
    np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12)


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["AdaGrad", "RMSProp", "Adam", "AdaDelta"]),
       st.lists(st.floats(0.05, 20.0), min_size=3, max_size=3),
       st.lists(st.floats(-5, 5, **FLOATS), min_size=3, max_size=3))
def test_adaptive_methods_act_per_coordinate(name, curvatures, x0):
    """On a separable function, each coordinate of a joint run equals a run of that coordinate alone."""
    make = {"AdaGrad": lambda: gdlib.AdaGrad(0.3), "RMSProp": lambda: gdlib.RMSProp(0.05),
            "Adam": lambda: gdlib.Adam(0.05), "AdaDelta": lambda: gdlib.AdaDelta()}[name]
    c = np.array(curvatures)
    # x * x * x, not x**3: numpy's power of an array and of a number may round differently
    # (a vectorized pow), while a product is rounded the same way in both.
    joint = gdlib.run(make(), lambda x: c * (x * x * x) + x, x0, 60).xs
    for i in range(3):
        alone = gdlib.run(make(), lambda x: c[i] * (x * x * x) + x, x0[i], 60).xs
        np.testing.assert_array_equal(joint[:, i], alone)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(0.01, 1.5), min_size=1, max_size=6), st.integers(0, 2**31),
       st.sampled_from(["GD", "Momentum", "Nesterov", "Adam", "RMSProp"]))
def test_run_many_equals_a_loop_of_single_runs(rates, seed, name):
    rng = np.random.default_rng(seed)
    x0 = rng.uniform(-3, 3, size=(len(rates), 2))
    rates = np.array(rates)
    cls = getattr(gdlib, name)
    f = gdlib.functions.Quadratic(0.5, 2.0)
    many = gdlib.run_many(cls(rates), f.grad, x0, 200, loss=f.value)
    for i, lr in enumerate(rates):
        one = gdlib.run(cls(float(lr)), f.grad, x0[i], 200, loss=f.value)
        np.testing.assert_array_equal(many[i].xs, one.xs)
        assert many.stopped[i] == one.stopped
