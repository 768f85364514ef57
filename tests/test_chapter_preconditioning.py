"""Numbers and claims of chapter 12, "Preconditioning and rotation" (book/part3/preconditioning.md).

tests/chapter_glue.py runs the chapter's own code cells; these tests check what they
glue against independent computations with gdlib: gdlib.tune_lr for the chapter's
vectorized tuning, plain runs for rotation invariance, eigenvalues for the
preconditioners and the exercises.
"""

import numpy as np
import pytest

import gdlib
from gdlib import rates

from chapter_glue import chapter_namespace, glued

CHAPTER = "part3/preconditioning"
X0 = np.array([-5.0, -2.0])


def turned(degrees):
    c, s = np.cos(np.radians(degrees)), np.sin(np.radians(degrees))
    R = np.array([[c, -s], [s, c]])
    return R, R @ np.diag([0.2, 4.0]) @ R.T


@pytest.fixture(scope="module")
def g():
    return glued(CHAPTER)


def test_preconditioner_table(g):
    for angle in (0, 45):
        assert g[f"pre_{angle}_none_kappa"] == pytest.approx(20)
        assert g[f"pre_{angle}_full_kappa"] == pytest.approx(1)
        assert g[f"pre_{angle}_full_measured"] == 1
        assert g[f"pre_{angle}_none_measured"] == g[f"pre_{angle}_none_theory"] == glued("part1/why_gd_works")["q_steps_star"]
    assert g["pre_0_jacobi_kappa"] == pytest.approx(1)
    assert g["pre_0_jacobi_measured"] == 1
    # Turned by 45 degrees, Jacobi is GD again.
    assert g["pre_45_jacobi_kappa"] == pytest.approx(20)
    assert g["pre_45_jacobi_measured"] == g["pre_45_none_measured"]
    assert (g["h45_diag"], g["h45_off"]) == pytest.approx((2.1, 1.9))


def test_one_newton_step_from_the_visible_cell():
    ns = chapter_namespace(CHAPTER)
    np.testing.assert_allclose(ns["traj"].xs[1], 0, atol=1e-12)


def test_preconditioned_gd_is_gd_in_other_variables():
    """x = P^{1/2} w: GD on f(P^{1/2} w) maps to preconditioned GD on f, step by step."""
    _, H = turned(30)
    P = np.array([[2.0, 0.5], [0.5, 1.0]])
    w, V = np.linalg.eigh(P)
    S = V @ np.diag(np.sqrt(w)) @ V.T
    ns = chapter_namespace(CHAPTER)
    xs = gdlib.run(gdlib.GD(0.1), ns["preconditioned"](lambda x: x @ H, P), X0, 30).xs
    ws = gdlib.run(gdlib.GD(0.1), lambda w: S @ H @ S @ w, np.linalg.solve(S, X0), 30).xs
    np.testing.assert_allclose(ws @ S, xs, atol=1e-12)


@pytest.mark.parametrize("name", ["GD", "Momentum", "AdaGrad", "RMSProp", "Adam"])
@pytest.mark.parametrize("degrees", [0, 45])
def test_the_vectorized_race_is_tune_lr(g, name, degrees):
    """The chapter tunes all angles at once; gdlib.tune_lr, one angle at a time, agrees."""
    R, H = turned(degrees)
    best = gdlib.tune_lr(getattr(gdlib, name), lambda x: x @ H, R @ X0, 1000,
                         np.geomspace(1e-4, 10, 41), lambda x: 0.5 * np.sum((x @ H) * x, -1))
    key = f"{name.lower()}_{degrees}"
    assert g[f"lr_{key}"] == pytest.approx(best.lr)
    assert g[f"settle_{key}"] == best.settle[best.index]


def test_race_claims(g):
    # Chapter 9's axis-aligned race, reproduced.
    assert (g["settle_gd_0"], g["settle_momentum_0"], g["settle_adagrad_0"],
            g["settle_adam_0"]) == (84, 149, 8, 146)
    assert g["settle_rmsprop_0"] == g["settle_rmsprop_45"] == 1001  # never
    # Rotation invariance of GD and momentum, measured.
    for name in ("gd", "momentum"):
        assert g[f"min_{name}"] == g[f"max_{name}"] == g[f"settle_{name}_0"] == g[f"settle_{name}_45"]
        assert g[f"copy_{name}"] < 1e-13
    for name in ("adagrad", "rmsprop", "adam"):
        assert g[f"copy_{name}"] > 0.5
    # AdaGrad loses its advantage: slower than GD at 45 degrees, median well above 8.
    assert g["settle_adagrad_45"] > g["settle_gd_0"]
    assert g["max_adagrad"] == g["settle_adagrad_45"] == 111
    assert g["settle_adagrad_0"] < 10 < g["median_adagrad"]
    assert 0 < g["adagrad_beats_gd"] < g["n_random"]
    assert g["adagrad_beats_within"] < g["adagrad_loses_beyond"] < 45
    assert abs(g["adagrad_worst_angle"] - 45) < 5
    # Adam: a narrow band, at Momentum's pace.
    assert g["max_adam"] - g["min_adam"] <= 10
    assert abs(g["settle_adam_0"] - g["settle_momentum_0"]) < 10
    assert g["adam_ratio_0"] > 3 and abs(g["adam_ratio_45"] - 1) < 0.02
    assert g["gapmin_rmsprop"] > 1e-6


def test_the_spiral_of_beta1_sets_a_rate_and_an_envelope_not_a_floor(g):
    """Error 6: the count of about 154 steps is an estimate that runs beat, not a floor.

    Momentum (gamma = 0.9) at its tuned rate spirals in both coordinates, so each coordinate
    is A_i 0.9^(t/2) cos(theta_i t + phi_i) and the gap stays below C 0.9^t, with C from the
    amplitudes (here from the eigenvectors of the iteration matrix, not the chapter's formula).
    """
    lam, gamma, lr = np.array([0.2, 4.0]), 0.9, g["lr_momentum_0"]
    assert rates.momentum_rate(lr, gamma, lam) == pytest.approx(np.sqrt(gamma))
    C = 0.0
    for i, l in enumerate(lam):
        M = np.array([[1 + gamma - lr * l, -gamma], [1.0, 0.0]])  # (x_t, x_{t-1}) -> (x_{t+1}, x_t)
        z, V = np.linalg.eig(M)
        assert np.all(np.abs(z.imag) > 0) and np.allclose(np.abs(z), np.sqrt(gamma))
        x1 = (1 - lr * l) * X0[i]
        c = np.linalg.solve(V, [x1, X0[i]])  # (x_1, x_0) in the eigenvectors
        amplitude = 2 * abs(c[0] * V[1, 0])  # x_t = 2 Re(V[1,0] c_0 z_0^t): conjugate terms
        C += 0.5 * l * amplitude**2
    assert g["env_c"] == pytest.approx(C, rel=1e-9)
    assert g["env_c"] > g["f0"] == pytest.approx(10.5)
    run = gdlib.run(gdlib.Momentum(lr), lambda x: x * lam, X0, 400)
    gaps = 0.5 * np.sum(lam * run.xs**2, axis=1)
    envelope = g["env_c"] * gamma ** np.arange(len(gaps))
    assert np.all(gaps <= envelope * (1 + 1e-9))
    assert np.max(gaps / envelope) > 0.9  # the envelope is nearly reached: it is not loose
    assert g["env_steps"] == rates.steps_to_tolerance(np.sqrt(gamma), np.sqrt(1e-6 / C))
    assert g["estimate_steps"] == rates.steps_to_tolerance(np.sqrt(gamma), np.sqrt(1e-6 / 10.5))
    # The estimate is beaten, and the envelope is a deadline that the runs meet early.
    assert g["settle_adam_0"] < g["settle_momentum_0"] < g["estimate_steps"] < g["env_steps"]
    assert (g["settle_momentum_0"], g["estimate_steps"], g["env_steps"]) == (149, 154, 155)
    assert g["max_adam"] <= g["env_steps"]


def test_random_angles_match_the_gallery_script():
    """The gallery figure draws the same random angles as the chapter."""
    ns = chapter_namespace(CHAPTER)
    np.testing.assert_array_equal(ns["ANGLES"][2:],
                                  np.random.default_rng(0).uniform(0, 2 * np.pi, 40))


def test_exercises(g):
    # 1: half preconditioner = momentum's best rate; full = one step.
    kappa = g["ex1_kappa"]
    assert g["ex1_rate"] == pytest.approx(rates.momentum_optimal(1.0, kappa).rate)
    assert g["ex1_steps_half"] == g["ex1_theory_half"] == rates.steps_to_tolerance(g["ex1_rate"], 1e-6)
    assert g["ex1_steps_full"] == 1
    # 3: Jacobi's worst angle is 45 degrees, where it gives kappa back; the formula in r.
    assert g["ex3_worst_angle"] == 45 and g["ex3_worst_kappa"] == pytest.approx(20)
    for degrees in (10, 30, 45, 60):
        _, H = turned(degrees)
        D = np.diag(1 / np.sqrt(np.diag(H)))
        lam = np.linalg.eigvalsh(D @ H @ D)
        u = np.sin(np.radians(2 * degrees)) ** 2 / 4
        r2 = 3.8**2 * u / (0.8 + 3.8**2 * u)
        assert lam[1] / lam[0] == pytest.approx((1 + np.sqrt(r2)) / (1 - np.sqrt(r2)))
    # 4: no diagonal beats the identity at 45 degrees.
    assert g["ex4_best_ratio"] == pytest.approx(1) and g["ex4_best_kappa"] == pytest.approx(20)
    _, H = turned(45)
    for p in (0.3, 0.9, 1.1, 5.0):
        lam = np.linalg.eigvalsh(np.diag(np.sqrt([p, 1])) @ H @ np.diag(np.sqrt([p, 1])))
        assert lam[1] / lam[0] > 20
    assert abs(g["ex4_adam_ratio"] - 1) < 0.01
    assert abs(g["ex4_adam_steps"] - g["settle_momentum_0"]) < 15


def test_exercise_2_adagrad_is_not_rotation_invariant():
    R, H = turned(45)
    _, H0 = turned(0)
    for opt in (gdlib.GD(0.3), gdlib.Momentum(0.05), gdlib.AdaGrad(1.0)):
        a = gdlib.run(opt, lambda x: x @ H0, X0, 50).xs
        b = gdlib.run(opt, lambda x: x @ H, R @ X0, 50).xs @ R
        same = np.allclose(a, b, atol=1e-12)
        assert same == (not isinstance(opt, gdlib.AdaGrad))



def stray_dollars(text):
    """Text that MyST's parser leaves holding a literal "$", directives' bodies included.

    A display formula ``$$ ... $$`` that starts inside a paragraph is not a block:
    dollarmath pairs the dollars inline instead, shifted by one, and text and math
    swap places (the reader's error 3, in exercise 3's dropdown).
    """
    import ast
    from pathlib import Path

    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    conf = ast.parse((Path(__file__).parents[1] / "conf.py").read_text())
    extensions = next(ast.literal_eval(node.value) for node in conf.body
                      if isinstance(node, ast.Assign)
                      and getattr(node.targets[0], "id", None) == "myst_enable_extensions")
    parser = create_md_parser(MdParserConfig(enable_extensions=set(extensions)), RendererHTML)
    found = []

    def walk(token):
        if token.type in ("colon_fence", "fence") and token.info.startswith("{") \
                and "code-cell" not in token.info:  # a directive: MyST parses its body
            body = "\n".join(line for line in token.content.splitlines()
                             if not line.startswith(":"))
            for inner in parser.parse(body):
                walk(inner)
        if token.type == "text" and "$" in token.content:
            found.append(token.content)
        for child in token.children or []:
            walk(child)

    for token in parser.parse(text):
        walk(token)
    return found


def test_the_stray_dollar_check_catches_a_display_inside_a_paragraph():
    assert stray_dollars("so\n$$\nr^2 = u,\n$$\nwith $u = 1$, which.\n")
    assert not stray_dollars("so\n\n$$\nr^2 = u,\n$$\n\nwith $u = 1$, which.\n")
    assert stray_dollars(":::{dropdown} S\nso\n$$\nr^2 = u,\n$$\nwith $u$.\n:::\n")


@pytest.mark.parametrize("chapter", ["part3/convexity", "part3/newton", "part3/preconditioning"])
def test_no_math_is_left_as_text(chapter):
    from chapter_glue import BOOK

    assert stray_dollars((BOOK / f"{chapter}.md").read_text()) == []
