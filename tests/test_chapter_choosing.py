"""Pin the numbers that chapter 9, "Choosing an optimizer" (book/part2/choosing.md), quotes.

The chapter computes every number in hidden code cells and glues it into the
prose. These tests run the same cells (tests/chapter_glue.py reads them from the
chapter itself, so the two cannot drift apart), collect what they glue, and compare it with the
values the prose was written around: the tuned learning rates, when each run
settled or escaped, the final losses, the state sizes, and the orderings that
the text states in words.
"""

import numpy as np
import pytest

import chapter_glue
import gdlib
from gdlib.functions import rosenbrock, saddle


@pytest.fixture(scope="module")
def glued():
    """The chapter's glued values (tests/chapter_glue.py runs its code cells)."""
    return chapter_glue.glued("part2/choosing")


TUNED = {  # (function, optimizer): (rate, step at which the gap stays <= 1e-6, or None)
    ("quadratic", "gd"): (0.422, 84), ("quadratic", "momentum"): (0.0316, 149),
    ("quadratic", "nesterov"): (0.316, 80), ("quadratic", "adagrad"): (7.5, 8),
    ("quadratic", "rmsprop"): (0.00562, None), ("quadratic", "adam"): (0.316, 146),
    ("quadratic", "adamw"): (10.0, 88), ("quadratic", "adadelta"): (1.33, None),
    ("rosenbrock", "gd"): (0.00237, None), ("rosenbrock", "momentum"): (0.00316, 394),
    ("rosenbrock", "nesterov"): (0.00133, None), ("rosenbrock", "adagrad"): (1.78, None),
    ("rosenbrock", "rmsprop"): (0.00562, None), ("rosenbrock", "adam"): (0.562, 599),
    ("rosenbrock", "adamw"): (0.1, None), ("rosenbrock", "adadelta"): (0.422, None),
    ("beale", "gd"): (0.0316, 527), ("beale", "momentum"): (0.0075, 292),
    ("beale", "nesterov"): (0.00316, 335), ("beale", "adagrad"): (2.37, 373),
    ("beale", "rmsprop"): (0.00316, None), ("beale", "adam"): (0.562, 164),
    ("beale", "adamw"): (0.422, None), ("beale", "adadelta"): (0.562, None),
}


@pytest.mark.parametrize("key", sorted(TUNED))
def test_tuned_rates_and_settling_steps(glued, key):
    rate, settle = TUNED[key]
    name = "_".join(key)
    assert glued[f"lr_{name}"] == pytest.approx(rate, rel=5e-3)
    if settle is None:
        assert glued[f"settle_{name}"] == 1001  # never within 1e-6 for good
        assert glued[f"gap_{name}"] > 1e-6
    else:
        assert glued[f"settle_{name}"] == settle


def test_claims_about_the_test_functions(glued):
    assert glued["gap_rosenbrock_gd"] == pytest.approx(0.0398, rel=1e-2)
    assert (glued["adamw_rosen_x"], glued["adamw_rosen_y"]) == pytest.approx((0.920, 0.847),
                                                                             abs=1e-3)
    assert glued["settle_quadratic_gd"] < glued["settle_quadratic_momentum"]
    assert glued["settle_beale_adam"] < glued["settle_beale_momentum"] < glued["settle_beale_gd"]
    assert glued["sqrt_gamma"] > glued["gd_best_factor"]  # why GD beats gamma=0.9 at kappa=20
    assert glued["gamma_opt"] == pytest.approx(0.4, abs=0.01)
    assert glued["mom_eff_lr"] == pytest.approx(0.316, rel=2e-3)
    # Momentum and Adam are the only methods that settle on all three functions.
    settles_everywhere = {name for name in ("gd", "momentum", "nesterov", "adagrad", "rmsprop",
                                            "adam", "adamw", "adadelta")
                          if all(TUNED[f, name][1] for f in ("quadratic", "rosenbrock", "beale"))}
    assert settles_everywhere == {"momentum", "adam"}


ESCAPES = {"gd": 73, "momentum": 27, "nesterov": 24, "adagrad": 57, "rmsprop": 9, "adam": 20,
           "adamw": 20, "adadelta": 31}


def test_saddle_escape_steps(glued):
    assert {k: glued[f"escape_{k}"] for k in ESCAPES} == ESCAPES
    assert glued["gd_escape_formula"] == pytest.approx(72.4766, abs=1e-4)
    assert glued["escape_gd"] == int(np.ceil(glued["gd_escape_formula"]))
    assert glued["rms_boost"] == pytest.approx(np.sqrt(10))
    assert (glued["ex3_gd_6"], glued["ex3_gd_12"]) == pytest.approx((144.95, 289.91), abs=0.01)
    assert glued["ex3_per_decade"] == pytest.approx(24.16, abs=0.01)
    assert (glued["ex3_adam_6"], glued["ex3_adam_12"]) == (20, 22)


def test_exercise_1_rmsprop_and_adadelta_cycle_the_others_converge(glued):
    """Exercise 1's solution (review error 5): on x1^2 RMSProp at eta = 0.05 ends in a 2-cycle
    +-sqrt(eta^2 - eps)/2, AdaDelta in a neutral 2-cycle near 1e-30, the rest converge."""
    assert glued["ex1_rmsprop_x1"] == pytest.approx(glued["ex1_rmsprop_a"], rel=1e-9)
    assert glued["ex1_rmsprop_a"] == pytest.approx(0.05 / 2, rel=1e-3)
    assert 1e-31 < glued["ex1_adadelta_x1"] < 1e-29
    assert glued["ex1_others_x1"] < 1e-4
    for optimizer in (gdlib.RMSProp(0.05), gdlib.AdaDelta()):
        x1 = gdlib.run(optimizer, saddle.grad, (1.0, 0.0), glued["ex1_steps"] + 2).xs[-4:, 0]
        np.testing.assert_allclose(x1[1:], -x1[:-1], rtol=1e-12)  # a 2-cycle, to rounding


def test_saddle_stable_manifold_exercise():
    """Exercise 1: started on x2 = 0, no method ever leaves the line."""
    for optimizer in (gdlib.GD(0.05), gdlib.Momentum(0.05), gdlib.Adam(0.05), gdlib.AdaGrad(0.05),
                      gdlib.RMSProp(0.05), gdlib.AdaDelta()):
        xs = gdlib.run(optimizer, saddle.grad, (1.0, 0.0), 200).xs
        assert np.all(xs[:, 1] == 0)


def test_adamw_without_decay_is_adam():
    """Exercise 2: weight_decay=0 gives Adam's iterates exactly."""
    x0 = np.array([-1.2, 1.0])
    adam = gdlib.run(gdlib.Adam(0.562), rosenbrock.grad, x0, 300).xs
    adamw = gdlib.run(gdlib.AdamW(0.562, weight_decay=0.0), rosenbrock.grad, x0, 300).xs
    np.testing.assert_array_equal(adam, adamw)


LOGREG_RATES = {"gd": 1.0, "momentum": 0.215, "nesterov": 0.215, "adagrad": 0.464,
                "rmsprop": 0.0215, "adam": 0.0464, "adamw": 0.0464, "adadelta": 10.0}


def test_logistic_regression(glued):
    assert (glued["n_train"], glued["n_test"], glued["dim"]) == (456, 113, 31)
    assert (glued["per_epoch"], glued["T"]) == (15, 300)
    # 456 examples in batches of 32: 14 full batches and a last one of 8 (review error 4)
    assert (glued["batch"], glued["batches_full"], glued["batch_last"]) == (32, 14, 8)
    assert glued["batches_full"] * glued["batch"] + glued["batch_last"] == glued["n_train"]
    assert glued["f_star"] == pytest.approx(0.062293, abs=1e-6)
    assert glued["acc_star_test"] == pytest.approx(111 / 113)
    assert glued["kappa_logreg"] == pytest.approx(117.5, rel=1e-2)
    for name, rate in LOGREG_RATES.items():
        assert glued[f"lr_logreg_{name}"] == pytest.approx(rate, rel=5e-3)
    # Final gaps are means over the last epoch (review error 4): the last step alone, with
    # its batch of 8, made GD look worst (3.43e-3) and the spread 4.6.
    assert (glued["logreg_best"], glued["logreg_worst"]) == ("Nesterov", "AdaDelta")
    assert glued["logreg_best_gap"] == pytest.approx(9.54e-4, rel=2e-2)
    assert glued["logreg_worst_gap"] == pytest.approx(2.59e-3, rel=2e-2)
    assert glued["logreg_ratio"] == pytest.approx(2.72, rel=2e-2)
    assert glued["gd_last_step_gap"] == pytest.approx(3.43e-3, rel=2e-2)
    assert glued["gd_epoch_gap"] == pytest.approx(2.16e-3, rel=2e-2)
    assert glued["spread_adam"] < glued["spread_momentum"] < glued["spread_gd"]


def test_schedules(glued):
    for n in ("sgd", "adam"):
        cosines = min(glued[f"sched_{n}_cosine"], glued[f"sched_{n}_warmup_cosine"])
        assert cosines == min(v for k, v in glued.items() if k.startswith(f"sched_{n}_"))
        assert glued[f"ex4_cosine_{n}"] > glued[f"sched_{n}_constant"]  # exercise 4
        for label in ("step", "1t"):  # the decays the text says lose to the constant rate
            assert glued[f"sched_{n}_{label}"] > glued[f"sched_{n}_constant"]
    assert glued["cosine_gain_sgd"] == pytest.approx(2.14, rel=2e-2)
    assert glued["cosine_gain_adam"] == pytest.approx(2.10, rel=2e-2)
    # Warm-up costs Adam: its s-hat (beta2 = 0.999) remembers the large early gradients.
    assert glued["warmup_cost_adam"] == pytest.approx(2.12, rel=2e-2)
    assert glued["warmup_root_s_ratio"] == pytest.approx(1.61, rel=2e-2)
    assert 1 < glued["warmup_cost_adam_short"] < glued["warmup_cost_adam"] / 1.5
    assert glued["sched_sgd_warmup_cosine"] == pytest.approx(glued["sched_sgd_cosine"], rel=0.05)
    assert glued["sched_adam_warmup_cosine"] > glued["sched_adam_cosine"]
    assert glued["sched_adam_exponential"] > glued["sched_adam_constant"]  # "with Adam they lose"


def test_state_sizes(glued):
    """The summary table's memory column, in units of d (the number of parameters)."""
    expected = {"gd": 0, "momentum": 1, "nesterov": 1, "adagrad": 1, "rmsprop": 1, "adam": 2,
                "adamw": 2, "adadelta": 2}
    assert {k: glued[f"state_{k}"] for k in expected} == expected
    assert "(2$d$ + a step counter)" in glued["tbl_summary"].data


def test_seed_spread_claim(glued):
    """The seeds of one method differ by up to seed_ratio_max (Momentum), less than the methods."""
    rows = {line.split("|")[1].strip(): line for line in glued["tbl_logreg"].data.splitlines()}
    ratios = {}
    for name in ("GD", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam", "AdamW", "AdaDelta"):
        low, high = (float(v) for v in rows[name].split("|")[4].split("–"))
        ratios[name] = high / low
    assert glued["seed_ratio_argmax"] == "Momentum"  # the table rounds to 2 digits:
    assert glued["seed_ratio_max"] == pytest.approx(max(ratios.values()), rel=0.1)
    assert glued["seed_ratio_max"] < glued["logreg_ratio"]
