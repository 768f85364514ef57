"""Each optimizer's first two steps against arithmetic done by hand, and its input checks."""

import math

import numpy as np
import pytest

import gdlib


def grad(x):
    """Gradient of f(x) = x^2 + x (so g = 2x + 1): not symmetric, so signs matter."""
    return 2 * x + 1


def two_steps(optimizer, x0=1.0):
    return gdlib.run(optimizer, grad, x0, 2).xs


def test_gd_by_hand():
    x1 = 1.0 - 0.1 * 3.0
    x2 = x1 - 0.1 * (2 * x1 + 1)
    np.testing.assert_allclose(two_steps(gdlib.GD(0.1)), [1.0, x1, x2], rtol=0, atol=1e-15)


def test_momentum_by_hand():
    v1 = 0.1 * 3.0
    x1 = 1.0 - v1
    v2 = 0.9 * v1 + 0.1 * (2 * x1 + 1)
    x2 = x1 - v2
    np.testing.assert_allclose(two_steps(gdlib.Momentum(0.1, gamma=0.9)), [1, x1, x2], atol=1e-15)


def test_nesterov_by_hand_and_lookahead_form():
    # The form gdlib implements ...
    v1 = 0.1 * 3.0
    x1 = 1.0 - (0.9 * v1 + 0.1 * 3.0)
    v2 = 0.9 * v1 + 0.1 * (2 * x1 + 1)
    x2 = x1 - (0.9 * v2 + 0.1 * (2 * x1 + 1))
    np.testing.assert_allclose(two_steps(gdlib.Nesterov(0.1, gamma=0.9)), [1, x1, x2], atol=1e-15)
    # ... equals the textbook look-ahead form, tracked at y_t - gamma v_t.
    y, v = 1.0, 0.0
    for _ in range(2):
        v = 0.9 * v + 0.1 * grad(y - 0.9 * v)
        y = y - v
    assert math.isclose(y - 0.9 * v, x2, abs_tol=1e-15)


def test_adagrad_by_hand():
    s1 = 9.0
    x1 = 1.0 - 0.5 / math.sqrt(s1 + 1e-6) * 3.0
    g2 = 2 * x1 + 1
    s2 = s1 + g2**2
    x2 = x1 - 0.5 / math.sqrt(s2 + 1e-6) * g2
    np.testing.assert_allclose(two_steps(gdlib.AdaGrad(0.5)), [1, x1, x2], atol=1e-15)


def test_rmsprop_by_hand():
    s1 = 0.1 * 9.0
    x1 = 1.0 - 0.01 / math.sqrt(s1 + 1e-6) * 3.0
    g2 = 2 * x1 + 1
    s2 = 0.9 * s1 + 0.1 * g2**2
    x2 = x1 - 0.01 / math.sqrt(s2 + 1e-6) * g2
    np.testing.assert_allclose(two_steps(gdlib.RMSProp(0.01)), [1, x1, x2], atol=1e-15)


def test_adadelta_by_hand():
    rho, eps = 0.9, 1e-6
    s1 = (1 - rho) * 9.0
    dx1 = math.sqrt(0 + eps) / math.sqrt(s1 + eps) * 3.0
    d1 = (1 - rho) * dx1**2
    x1 = 1.0 - dx1
    g2 = 2 * x1 + 1
    s2 = rho * s1 + (1 - rho) * g2**2
    dx2 = math.sqrt(d1 + eps) / math.sqrt(s2 + eps) * g2
    x2 = x1 - dx2
    np.testing.assert_allclose(two_steps(gdlib.AdaDelta()), [1, x1, x2], atol=1e-15)


def adam_by_hand(lr, x, steps, weight_decay=0.0, b1=0.9, b2=0.999, eps=1e-8):
    xs, v, s = [x], 0.0, 0.0
    for t in range(1, steps + 1):
        g = grad(x)
        x = x * (1 - lr * weight_decay)
        v = b1 * v + (1 - b1) * g
        s = b2 * s + (1 - b2) * g * g
        v_hat, s_hat = v / (1 - b1**t), s / (1 - b2**t)
        x = x - lr * v_hat / (math.sqrt(s_hat) + eps)
        xs.append(x)
    return xs


def test_adam_by_hand():
    # First step: v_hat = g and s_hat = g^2, so the step is lr * sign(g) (up to eps).
    xs = two_steps(gdlib.Adam(0.1))
    assert math.isclose(xs[1], 1.0 - 0.1 * 3.0 / (3.0 + 1e-8), abs_tol=1e-15)
    np.testing.assert_allclose(xs, adam_by_hand(0.1, 1.0, 2), atol=1e-15)


def test_adamw_by_hand():
    xs = two_steps(gdlib.AdamW(0.1, weight_decay=0.5))
    decayed = 1.0 * (1 - 0.1 * 0.5)
    assert math.isclose(xs[1], decayed - 0.1 * 3.0 / (3.0 + 1e-8), abs_tol=1e-15)
    np.testing.assert_allclose(xs, adam_by_hand(0.1, 1.0, 2, weight_decay=0.5), atol=1e-15)


def test_adamw_without_decay_is_adam():
    a = gdlib.run(gdlib.Adam(0.05), grad, [1.0, -2.0], 50).xs
    b = gdlib.run(gdlib.AdamW(0.05, weight_decay=0.0), grad, [1.0, -2.0], 50).xs
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("optimizer", [gdlib.AdaGrad(0.1, eps=0), gdlib.RMSProp(0.1, eps=0),
                                       gdlib.Adam(0.1, eps=0), gdlib.AdaDelta(eps=0)])
def test_eps_zero_leaves_zero_gradient_coordinates_still(optimizer):
    """With eps = 0 a coordinate whose gradient is always 0 gives 0/0: it must stay put."""
    traj = gdlib.run(optimizer, lambda x: x * np.array([2.0, 0.0]), [1.0, 5.0], 10)
    assert not traj.stopped
    assert np.all(traj.xs[:, 1] == 5.0)


ALL = [gdlib.GD, gdlib.Momentum, gdlib.Nesterov, gdlib.AdaGrad, gdlib.RMSProp, gdlib.Adam,
       gdlib.AdamW]


@pytest.mark.parametrize("cls", ALL)
@pytest.mark.parametrize("lr", [0, -0.1, float("nan"), float("inf"), True, "0.1", None, [0.1, -1]])
def test_bad_learning_rate_is_refused_by_name(cls, lr):
    with pytest.raises((TypeError, ValueError), match="lr"):
        cls(lr)


@pytest.mark.parametrize("cls, name", [(gdlib.Momentum, "gamma"), (gdlib.Nesterov, "gamma"),
                                       (gdlib.RMSProp, "gamma"), (gdlib.Adam, "beta1"),
                                       (gdlib.Adam, "beta2"), (gdlib.AdamW, "beta1")])
@pytest.mark.parametrize("value", [1.0, -0.1, 1.5, float("nan"), False, "0.9"])
def test_bad_decay_is_refused_by_name(cls, name, value):
    with pytest.raises((TypeError, ValueError), match=name) as error:
        cls(0.1, **{name: value})
    assert repr(value) in str(error.value) or type(value).__name__ in str(error.value)


@pytest.mark.parametrize("value", [1.0, -0.5, True])
def test_bad_rho_is_refused(value):
    with pytest.raises((TypeError, ValueError), match="rho"):
        gdlib.AdaDelta(rho=value)


@pytest.mark.parametrize("cls", [gdlib.AdaGrad, gdlib.RMSProp, gdlib.Adam, gdlib.AdamW])
@pytest.mark.parametrize("eps", [-1e-8, float("inf"), float("nan"), True, "1e-8"])
def test_bad_eps_is_refused(cls, eps):
    with pytest.raises((TypeError, ValueError), match="eps"):
        cls(0.1, eps=eps)


@pytest.mark.parametrize("wd", [-0.01, float("inf"), None, True])
def test_bad_weight_decay_is_refused(wd):
    with pytest.raises((TypeError, ValueError), match="weight_decay"):
        gdlib.AdamW(0.1, weight_decay=wd)


def test_boundary_values_are_accepted():
    gdlib.Momentum(0.1, gamma=0.0)
    gdlib.Adam(1e-300, beta1=0.0, beta2=0.0, eps=0.0)
    gdlib.AdamW(0.1, weight_decay=0.0)
    gdlib.GD(np.float32(0.5))
    gdlib.GD(2)


def test_repr_names_the_hyperparameters():
    assert repr(gdlib.Adam(0.1)) == "Adam(lr=0.1, beta1=0.9, beta2=0.999, eps=1e-08)"


# -- Adam's descendants and Lion: the first steps by hand, with scripted gradients ------------


def steps(optimizer, gradients, x0=1.0, lr=0.1):
    """The iterates of ``optimizer.update`` fed the given gradients in turn."""
    x, state, xs = x0, optimizer.init(np.asarray(x0)), [x0]
    for g in gradients:
        x, state = optimizer.update(x, g, state, lr)
        xs.append(x)
    return xs


def test_amsgrad_by_hand_divides_by_the_largest_second_moment():
    b1, b2, eps = 0.9, 0.999, 1e-8
    v1, s1 = 0.1 * 3.0, 0.001 * 9.0
    x1 = 1.0 - 0.1 * (v1 / (1 - b1)) / (math.sqrt(s1 / (1 - b2)) + eps)
    v2, s2 = b1 * v1 + 0.1 * 0.01, b2 * s1 + 0.001 * 0.01**2
    assert s2 < s1  # the small gradient lowers Adam's s; AMSGrad keeps s1
    x2 = x1 - 0.1 * (v2 / (1 - b1**2)) / (math.sqrt(s1 / (1 - b2**2)) + eps)
    np.testing.assert_allclose(steps(gdlib.AMSGrad(0.1), [3.0, 0.01]), [1.0, x1, x2], rtol=0, atol=1e-15)
    adam = steps(gdlib.Adam(0.1), [3.0, 0.01])
    assert adam[1] == x1 and abs(adam[2] - x2) > 1e-6


def test_nadam_by_hand():
    b1, b2, eps, psi = 0.9, 0.999, 1e-8, 0.004
    mu = [b1 * (1 - 0.5 * 0.96 ** (t * psi)) for t in range(4)]  # mu[t] is mu_t
    v1, s1 = 0.1 * 3.0, 0.001 * 9.0
    d1 = math.sqrt(s1 / (1 - b2)) + eps
    x1 = 1.0 - 0.1 * (1 - mu[1]) / (1 - mu[1]) * 3.0 / d1 - 0.1 * mu[2] / (1 - mu[1] * mu[2]) * v1 / d1
    v2, s2 = b1 * v1 + 0.1 * (-1.0), b2 * s1 + 0.001 * 1.0
    d2 = math.sqrt(s2 / (1 - b2**2)) + eps
    x2 = (x1 - 0.1 * (1 - mu[2]) / (1 - mu[1] * mu[2]) * (-1.0) / d2
          - 0.1 * mu[3] / (1 - mu[1] * mu[2] * mu[3]) * v2 / d2)
    np.testing.assert_allclose(steps(gdlib.NAdam(0.1), [3.0, -1.0]), [1.0, x1, x2], rtol=0, atol=1e-15)


def test_adamax_by_hand_adds_eps_inside_the_maximum():
    b1, b2, eps = 0.9, 0.999, 1e-3
    v1, u1 = 0.1 * 3.0, 3.0 + eps
    x1 = 1.0 - 0.1 / (1 - b1) * v1 / u1
    v2, u2 = b1 * v1 + 0.1 * 0.5, max(b2 * u1, 0.5 + eps)
    assert u2 == b2 * u1  # the old maximum, decayed, still rules
    x2 = x1 - 0.1 / (1 - b1**2) * v2 / u2
    np.testing.assert_allclose(steps(gdlib.AdaMax(0.1, eps=eps), [3.0, 0.5]), [1.0, x1, x2],
                               rtol=0, atol=1e-15)


def test_yogi_by_hand_moves_s_by_a_step_of_fixed_size_either_way():
    b1, b2, eps = 0.9, 0.999, 1e-3
    v1 = 0.1 * 3.0
    s1 = 0.0 + (1 - b2) * 9.0  # s_0 = 0 < g^2: s rises by (1 - beta2) g^2
    x1 = 1.0 - 0.1 * v1 / (math.sqrt(s1) + eps)
    v2 = b1 * v1 + 0.1 * 0.05
    s2 = s1 - (1 - b2) * 0.05**2  # s_1 > g^2: s falls by (1 - beta2) g^2, not by (1 - beta2)(s - g^2)
    x2 = x1 - 0.1 * v2 / (math.sqrt(s2) + eps)
    v3 = b1 * v2 + 0.1 * (-2.0)
    s3 = s2 + (1 - b2) * 4.0
    x3 = x2 - 0.1 * v3 / (math.sqrt(s3) + eps)
    np.testing.assert_allclose(steps(gdlib.Yogi(0.1), [3.0, 0.05, -2.0]), [1.0, x1, x2, x3],
                               rtol=0, atol=1e-15)


def test_yogi_second_moment_equals_the_gradient_square_stays():
    opt = gdlib.Yogi(0.1)
    state = opt.init(np.zeros(1))._replace(s=np.array([4.0]))
    assert opt.update(np.zeros(1), np.array([2.0]), state, 0.1)[1].s[0] == 4.0  # sign(0) = 0


def test_lion_by_hand_the_momentum_can_outvote_the_gradient():
    lr, wd = 0.1, 0.1
    x1 = 1.0 - lr * (1 + wd * 1.0)  # c_1 = 0.1 * 3 > 0
    m1 = 0.01 * 3.0
    c2 = 0.9 * m1 + 0.1 * (-0.5)  # -0.023: the gradient wins
    x2 = x1 - lr * (math.copysign(1, c2) + wd * x1)
    m2 = 0.99 * m1 + 0.01 * (-0.5)
    c3 = 0.9 * m2 + 0.1 * (-0.2)  # +0.00223: the momentum wins against g_3 < 0
    assert c2 < 0 < c3
    x3 = x2 - lr * (1 + wd * x2)
    xs = steps(gdlib.Lion(lr, weight_decay=wd), [3.0, -0.5, -0.2], lr=lr)
    np.testing.assert_allclose(xs, [1.0, x1, x2, x3], rtol=0, atol=1e-15)


def test_lion_does_not_move_where_the_direction_is_zero():
    x, _ = gdlib.Lion(0.1).update(np.array([1.0, 2.0]), np.array([0.0, 1.0]),
                                  gdlib.Lion(0.1).init(np.zeros(2)), 0.1)
    np.testing.assert_array_equal(x, [1.0, 1.9])


@pytest.mark.parametrize("optimizer", [gdlib.AMSGrad(0.1, eps=0), gdlib.AdaMax(0.1, eps=0),
                                       gdlib.NAdam(0.1, eps=0), gdlib.Yogi(0.1, eps=0)])
def test_eps_zero_leaves_zero_gradient_coordinates_still_in_adams_descendants(optimizer):
    traj = gdlib.run(optimizer, lambda x: x * np.array([2.0, 0.0]), [1.0, 5.0], 10)
    assert not traj.stopped and np.all(traj.xs[:, 1] == 5.0)


# -- every hyperparameter is checked, and the error names it -----------------------------


def bowl_hessian(x):
    return np.broadcast_to(2 * np.eye(np.shape(x)[-1]), np.shape(x) + np.shape(x)[-1:])


@pytest.mark.parametrize("make, name", [
    (lambda: gdlib.AMSGrad(0.1, beta1=1.0), "beta1"), (lambda: gdlib.AMSGrad(0.1, eps=-1), "eps"),
    (lambda: gdlib.NAdam(0.1, beta2=1.5), "beta2"), (lambda: gdlib.NAdam(0.0), "lr"),
    (lambda: gdlib.NAdam(0.1, momentum_decay=-0.1), "momentum_decay"),
    (lambda: gdlib.AdaMax(0.1, beta2=-0.1), "beta2"), (lambda: gdlib.AdaMax("0.1"), "lr"),
    (lambda: gdlib.Yogi(0.1, eps=float("nan")), "eps"), (lambda: gdlib.Yogi(0.1, beta1=True), "beta1"),
    (lambda: gdlib.Lion(0.1, weight_decay=-1.0), "weight_decay"), (lambda: gdlib.Lion(-0.1), "lr"),
    (lambda: gdlib.Lion(0.1, beta2=1.0), "beta2"),
    (lambda: gdlib.Newton(hessian=None), "hessian"), (lambda: gdlib.Newton(0.0, hessian=bowl_hessian), "lr"),
    (lambda: gdlib.Newton(hessian=bowl_hessian, point_ndim=2), "point_ndim"),
    (lambda: gdlib.Newton(hessian=bowl_hessian, point_ndim=-1), "point_ndim"),
    (lambda: gdlib.Backtracking(loss=3.0), "loss"), (lambda: gdlib.Backtracking(loss=abs, c=1.0), "c"),
    (lambda: gdlib.Backtracking(loss=abs, c=0.0), "c"), (lambda: gdlib.Backtracking(loss=abs, shrink=1.0), "shrink"),
    (lambda: gdlib.Backtracking(loss=abs, max_shrinks=2.0), "max_shrinks"),
    (lambda: gdlib.Backtracking(loss=abs, max_shrinks=-1), "max_shrinks"),
    (lambda: gdlib.Backtracking(loss=abs, point_ndim=1.0), "point_ndim"),
    (lambda: gdlib.ClipByNorm(gdlib.GD(0.1), max_norm=0.0), "max_norm"),
    (lambda: gdlib.ClipByNorm(gdlib.GD(0.1), max_norm=1.0, point_ndim=None), "point_ndim"),
    (lambda: gdlib.ClipByNorm(0.1, max_norm=1.0), "optimizer"),
    (lambda: gdlib.ClipByValue(gdlib.GD(0.1), max_value=-1.0), "max_value"),
    (lambda: gdlib.ClipByValue(gdlib.GD, max_value=1.0), "optimizer"),
])
def test_bad_hyperparameters_are_refused_by_name(make, name):
    with pytest.raises((TypeError, ValueError), match=rf"\b{name}\b"):
        make()


def test_required_functions_and_norms_are_keyword_only():
    with pytest.raises(TypeError):
        gdlib.Newton(1.0, bowl_hessian)
    with pytest.raises(TypeError):
        gdlib.Backtracking(1.0, abs)
    with pytest.raises(TypeError):
        gdlib.ClipByNorm(gdlib.GD(0.1), 1.0)
