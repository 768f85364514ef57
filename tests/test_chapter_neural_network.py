"""Numbers quoted in the chapter "Training a neural network" (book/part3/neural_network.md)."""

import numpy as np
import pytest
from sklearn.datasets import load_digits

import gdlib
from chapter_glue import glued
from gdlib.functions import MLP, split

CHAPTER = "part3/neural_network"


@pytest.fixture(scope="module")
def g():
    return glued(CHAPTER)


@pytest.fixture(scope="module")
def net():
    X, y = load_digits(return_X_y=True)
    train = split(len(y), [1000, 300, 497], seed=0)[0]
    return MLP(X[train] / 16, y[train], hidden=32)


def test_data_and_model(g, net):
    assert (g["n_images"], g["n_train"], g["n_valid"], g["n_test"]) == (1797, 1000, 300, 497)
    assert g["d"] == net.dim == 32 * 64 + 32 + 10 * 32 + 10
    assert g["log10"] == pytest.approx(np.log(10))
    # A network that gives every class the same probability has loss log 10.
    assert net.value(net.init(scale=0.0)) == pytest.approx(np.log(10))


def test_gradient_check(g):
    assert g["check_ok"] is True
    assert g["check_err"] < 1e-7 and g["check_rel"] < 1e-6


def test_the_grid_brackets_each_optimum(g, net):
    """The text: no tuned rate is the largest of its grid; SGD at eta = 3 fails."""
    grids = {"sgd": [0.1, 0.3, 1.0, 3.0], "momentum": [0.03, 0.1, 0.3, 1.0],
             "adam": [0.001, 0.003, 0.01, 0.03], "adamw": [0.001, 0.003, 0.01, 0.03]}
    for tag, rates in grids.items():
        assert g[f"{tag}_lr"] in rates[:-1], tag
    assert g["sgd_fail_loss"] > np.log(10)


def test_the_gallery_scripts_use_the_chapters_rates(g):
    from pathlib import Path
    folder = Path(__file__).parents[1] / "book" / "examples" / "part3" / "neural_network"
    small_init = (folder / "plot_small_init.py").read_text()
    assert g["sgd_lr"] == 1.0 and "gdlib.GD(1.0)" in small_init
    assert f"gdlib.Adam({g['adam_lr']:g})" in small_init
    assert f"gdlib.Adam({g['adam_lr']:g})" in (folder / "plot_early_stopping.py").read_text()
    assert "gdlib.GD(2.0)" in (folder / "plot_high_rate.py").read_text()  # between 1 and 3


def test_four_optimizers_end_close_together(g):
    tags = ["sgd", "momentum", "adam", "adamw"]
    means = [g[f"{t}_test"] for t in tags]
    assert min(means) > 0.95 and max(g[f"{t}_train"] for t in tags) < 0.1
    assert g["all_test_min"] == min(means)
    spread_between = max(means) - min(means)
    spread_within = max(g[f"{t}_test_max"] - g[f"{t}_test_min"] for t in ("adam", "momentum"))
    assert spread_within > spread_between  # "the seeds spread these accuracies more"
    assert g["one_image"] == pytest.approx(1 / 497)
    assert g["adamw_shrink"] == pytest.approx((1 - 1e-4) ** 300)
    assert g["adamw_gap"] < 0.05
    assert abs(g["adam_test"] - g["adamw_test"]) < 0.005


def test_plateau(g):
    assert 0 < g["plateau_sgd_1"] < g["plateau_sgd_0001"]
    assert g["plateau_sgd_decade"] == pytest.approx((g["plateau_sgd_0001"] - g["plateau_sgd_1"]) / 3)
    assert g["plateau_sgd_decade"] > 10
    # "Adam hardly notices"
    assert 0 < g["plateau_adam_1"] and g["plateau_adam_0001"] - g["plateau_adam_1"] < 15
    # the first layer's gradient scales like the weights (with the other layer's weights)
    assert g["gW1_1"] / g["gW1_0001"] == pytest.approx(1000, rel=0.1)


def test_high_rate(g):
    assert g["plain_peak"] > 10 and g["plain_loss"] > np.log(10) and g["plain_test"] < 0.5
    assert g["plain_saturated"] > 0.9 and g["init_saturated"] < 0.01
    assert g["clip_saturated"] < 0.3
    assert g["warmup_loss"] < 0.2 and g["warmup_test"] > 0.9
    # clipping is "the best of the three"
    assert g["clip_loss"] < g["warmup_loss"] and g["clip_test"] > g["warmup_test"]
    assert g["clip_first_norm"] < 1 < g["clip_max_norm"]
    assert g["clip_first20"] > 0.5 > g["clip_active"]
    assert 0 < g["clip_factor20"] < 1


def test_clipping_caps_the_step():
    opt = gdlib.ClipByNorm(gdlib.GD(2.0), max_norm=1.0)
    step = gdlib.run(opt, lambda x: np.full(4, 10.0), np.zeros(4), 1).final
    assert np.linalg.norm(step) == pytest.approx(2.0, rel=1e-5)


def test_early_stopping(g):
    assert g["es_step_max"] <= 150 and g["es_step_min"] > 0
    assert g["es_train_end"] < 0.1 * g["es_train_stop"]
    assert g["es_valid_end"] > 1.1 * g["es_valid_stop"]
    # the accuracy does not turn down with the loss
    assert g["es_vacc_end"] >= g["es_vacc_stop"] - 0.01
    assert g["es_test_end"] >= g["es_test_stop"] - 0.01
    # "the climb comes from the images the network gets wrong": more than all of it
    assert 0 < g["es_wrong"] < 0.2 and g["es_fall_right"] > 0
    assert g["es_rise_wrong"] > g["es_rise"] > 0
    assert g["es_rise"] == pytest.approx(g["es_rise_wrong"] - g["es_fall_right"])
    assert g["es_rise"] == pytest.approx(g["es_valid_end"] - g["es_valid_stop"])


def test_exercises(g, net):
    assert g["ex1_d64"] == 64 * 75 + 10 and g["d"] == 32 * 75 + 10
    assert g["ex1_linear"] == 10 * 64 + 10
    assert g["ex2_weights"] == 0
    frequencies = np.bincount(net.labels) / net.n
    assert g["ex2_entropy"] == pytest.approx(-np.sum(frequencies * np.log(frequencies)))
    assert abs(g["ex2_loss"] - g["ex2_entropy"]) < 0.02 and g["ex2_entropy"] < np.log(10)
    assert g["ex3_sum"] < 1e-12 and g["ex3_max_norm"] < np.sqrt(2)
    # Exercise 2: equal weights keep the hidden units identical.
    W1, b1, W2, b2 = net.unpack(net.init(seed=0))
    same = net.pack(np.tile(W1[:1], (32, 1)), b1, np.tile(W2[:, :1], (1, 32)), b2)
    end = gdlib.run(gdlib.GD(1.0), net.grad, same, 20).final
    W1_end = net.unpack(end)[0]
    np.testing.assert_allclose(W1_end, np.tile(W1_end[:1], (32, 1)), rtol=1e-12, atol=1e-14)


def test_the_critical_point_at_zero_weights(g, net):
    """Error 23 of the review: W1 = W2 = 0 is a critical point exactly when b2 is fitted
    to the class frequencies (softmax(b2) = n_c / n), whatever b1; and it is a saddle."""
    assert g["crit_grad_fitted"] < 1e-12 and g["crit_grad_fitted_b1"] < 1e-12
    frequencies = np.bincount(net.labels, minlength=10) / net.n
    # at x = 0 (b2 = 0) only b2's gradient is not zero: uniform minus the frequencies
    assert g["crit_grad_zero"] == pytest.approx(np.linalg.norm(0.1 - frequencies), rel=1e-9)
    assert g["crit_grad_zero"] > 1e-3
    # with b1 != 0 and b2 = 0, W2's gradient is not zero either
    assert g["crit_gW2_b1"] > 1e-3
    # recomputed here: at b1 = random, b2 = log(frequencies) + 3, every gradient vanishes
    W1, b1, W2, b2 = net.unpack(np.zeros(net.dim))
    b1 = np.random.default_rng(5).normal(size=net.hidden)
    point = net.pack(W1, b1, W2, np.log(frequencies) + 3.0)
    assert np.abs(net.grad(point)).max() < 1e-12
    # the loss there is the entropy of the frequencies
    assert g["crit_loss"] == pytest.approx(g["ex2_entropy"])
    # a saddle: f rises along b2, falls along a direction that grows W1 and W2 together
    assert g["crit_rise_b2"] > 0 and g["crit_fall"] < 0
    # the fall is about -sigma t^2 with sigma the top singular value of G
    assert g["crit_fall"] == pytest.approx(-g["crit_sigma"] * g["crit_t"] ** 2, rel=0.05)
