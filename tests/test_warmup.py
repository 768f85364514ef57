"""Pin the numbers of "Why Adam needs warm-up" (book/part3/neural_network.md, section
sec-adam-warmup): the spread of Adam's early adaptive factor over minibatch orders, the
sharpness at the start and at the end, and Adam with and without warm-up at large rates."""

import numpy as np
import pytest

import chapter_glue
import gdlib
from gdlib.functions import LogisticRegression


@pytest.fixture(scope="module")
def glued():
    return chapter_glue.glued("part3/neural_network")


def test_the_early_adaptive_factor_spreads_and_then_settles(glued):
    spreads = [glued[f"aw_spread_{t}"] for t in (1, 2, 10, 50)]
    assert spreads == sorted(spreads, reverse=True)  # the spread shrinks as t grows
    assert spreads[0] == pytest.approx(11.0, rel=0.05)  # "within a factor of ten"
    assert spreads[-1] == pytest.approx(1.23, rel=0.05)
    assert glued["aw_live"] == 1864 and glued["aw_orders"] == 64


def test_the_first_adam_step_is_eta_times_the_sign():
    """At t = 1, s_hat_1 = g1 * g1: the step is eta * sign(g1) on every coordinate (up to eps)."""
    rng = np.random.default_rng(1)
    problem = LogisticRegression(rng.standard_normal((40, 5)), (rng.random(40) > 0.5) * 1.0)
    x0 = rng.standard_normal(5)
    step = gdlib.run(gdlib.Adam(0.1), problem.sampler(4, seed=0), x0, 1).xs[1] - x0
    g = problem.sampler(4, seed=0)(x0)
    np.testing.assert_allclose(step, -0.1 * np.sign(g), rtol=1e-6)


def test_the_loss_is_sharpest_at_the_start(glued):
    assert glued["aw_sharp_start"] == pytest.approx(2.15, rel=0.02)
    assert glued["aw_sharp_end"] == pytest.approx(1.01, rel=0.02)
    assert glued["aw_sharp_start"] > 2 * glued["aw_sharp_end"]


def test_warm_up_removes_the_spike_not_the_cost_of_a_large_rate(glued):
    for eta in (1, 3):
        assert glued[f"aw_plain_{eta}_peak"] > glued["aw_start_loss"] + 0.4
        assert glued[f"aw_warm_{eta}_peak"] == pytest.approx(glued["aw_start_loss"], abs=1e-12)
        assert glued[f"aw_warm_{eta}_final"] > glued[f"aw_plain_{eta}_final"]  # "does not improve"
    assert glued["aw_plain_3_peak"] == pytest.approx(6.82, rel=0.02)
    assert glued["aw_plain_1_final"] == pytest.approx(0.178, rel=0.02)
    assert glued["aw_warm_3_final"] == pytest.approx(1.74, rel=0.02)
    assert glued["aw_per_epoch"] == 32
