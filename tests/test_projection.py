"""gdlib.ProjectToBox: the wrapped step, then a clip onto the box; validation names the parameter."""

import numpy as np
import pytest

import gdlib
from gdlib.functions import rosenbrock


def test_a_step_is_the_wrapped_step_clipped_and_the_state_is_the_wrapped_state():
    inner = gdlib.AMSGrad(0.3)
    opt = gdlib.ProjectToBox(inner, lower=-1.0, upper=0.5)
    x, g = np.array([0.4, -0.9, 0.0]), np.array([-2.0, 5.0, 0.1])
    state = opt.init(x)
    y, inner_state = inner.update(x, g, inner.init(x), 0.3)
    projected, new_state = opt.update(x, g, state, 0.3)
    np.testing.assert_array_equal(projected, np.clip(y, -1.0, 0.5))
    for a, b in zip(new_state, inner_state, strict=True):
        np.testing.assert_array_equal(a, b)
    assert opt.lr == 0.3


def test_iterates_stay_in_the_box_and_run_many_row_equals_run():
    opt = gdlib.ProjectToBox(gdlib.Adam(np.array([0.05, 0.5])), lower=-0.5, upper=0.8)
    many = gdlib.run_many(opt, rosenbrock.grad, [[-0.4, 0.7], [0.2, 0.2]], 200)
    assert np.all((many.xs >= -0.5) & (many.xs <= 0.8))
    for i, (lr, x0) in enumerate(zip((0.05, 0.5), ([-0.4, 0.7], [0.2, 0.2]), strict=True)):
        one = gdlib.run(gdlib.ProjectToBox(gdlib.Adam(lr), lower=-0.5, upper=0.8),
                        rosenbrock.grad, x0, 200)
        np.testing.assert_array_equal(many[i].xs, one.xs)


def test_projected_gd_stops_at_the_boundary_nearest_an_outside_minimum():
    opt = gdlib.ProjectToBox(gdlib.GD(0.1), lower=-1.0, upper=1.0)
    assert gdlib.run(opt, lambda x: 2 * (x - 3), 0.0, 50).final == 1.0


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(lower=1.0, upper=1.0), ValueError, "lower must be < upper"),
    (dict(lower=2.0, upper=-1.0), ValueError, "lower must be < upper"),
    (dict(lower="0", upper=1.0), TypeError, "lower"),
    (dict(lower=0.0, upper=np.inf), ValueError, "upper"),
])
def test_bad_bounds_are_refused_naming_the_parameter(kwargs, error, match):
    with pytest.raises(error, match=match):
        gdlib.ProjectToBox(gdlib.GD(0.1), **kwargs)


def test_the_wrapped_optimizer_must_be_an_optimizer():
    with pytest.raises(TypeError, match="optimizer"):
        gdlib.ProjectToBox(0.1, lower=-1.0, upper=1.0)
