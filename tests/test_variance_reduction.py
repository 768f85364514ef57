"""SAG, SAGA and SVRG (issue 22): by hand, in expectation, to the minimizer, against scikit-learn.

Each optimizer evaluates its own gradients on a finite sum and runs with ``grad=None``;
they are not in the registry's OPTIMIZERS (which run on Rosenbrock's gradient), so the
contract tests of tests/test_contract.py and tests/test_schedules_ema.py are repeated here
for them (registry.FINITE_SUM_OPTIMIZERS).
"""

import inspect
import warnings
from fractions import Fraction as F

import numpy as np
import pytest

import gdlib
from gdlib import schedules
from gdlib.functions import MLP, LeastSquares, LogisticRegression, quadratic
from registry import FINITE_SUM_OPTIMIZERS, LOGISTIC

CLASSES = [gdlib.SAG, gdlib.SAGA, gdlib.SVRG]

# Three examples, two parameters: grad f_i(x) = (a_i . x - y_i) a_i.
A = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]])
Y = np.array([1.0, 2.0, 0.0])
TINY = LeastSquares(A, Y)


def synthetic_logistic(n=100, d=5, l2=0.1, seed=1):
    """A strongly convex logistic regression whose labels are drawn from a logistic model
    (the classes overlap), and L, the largest Lipschitz constant of the example gradients."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    y = (rng.random(n) < 1 / (1 + np.exp(-X @ rng.normal(size=d)))).astype(float)
    return LogisticRegression(X, y, l2=l2), np.max(np.sum(X**2, axis=1)) / 4 + l2


def by_hand_run(optimizer, x0, batches, lr):
    """Iterates and states of ``optimizer`` driven by hand with the given batches."""
    x, state = np.asarray(x0, dtype=float), optimizer.init(x0)
    xs, states = [x], [state]
    for batch in batches:
        x, state = optimizer.update(x, None, state, lr, batch=np.array(batch))
        xs.append(x)
        states.append(state)
    return np.array(xs), states


# -- the first steps, by hand ----------------------------------------------------------------
#
# At x0 = 0: grad f_0 = (-1, 0), grad f_1 = (0, -4), grad f_2 = (0, 0), mean (-1/3, -4/3); lr 1/2,
# examples 1, 2, 0.
# SAGA: step 1 corrects grad f_1(x0) with itself: x1 = -(1/2)(-1/3, -4/3) = (1/6, 2/3).
#   Step 2: grad f_2(x1) = (5/6)(1, 1), v = (5/6, 5/6) - 0 + (-1/3, -4/3) = (1/2, -1/2),
#   x2 = (-1/12, 11/12); the table's mean becomes ((-1, 0) + (0, -4) + (5/6, 5/6)) / 3 = (-1/18, -19/18).
#   Step 3: grad f_0(x2) = (-13/12, 0), v = (-1/12, 0) + (-1/18, -19/18) = (-5/36, -19/18),
#   x3 = (-1/72, 13/9); mean ((-13/12, 0) + (0, -4) + (5/6, 5/6)) / 3 = (-1/12, -19/18).
# SAG steps along the new mean: x1 = (1/6, 2/3), x2 = x1 - (1/2)(-1/18, -19/18) = (7/36, 43/36),
#   then phi_0 = (7/36 - 1)(1, 0), mean (1/108, -19/18), x3 = (41/216, 31/18).
# SVRG, m = 2: steps 1 and 2 as SAGA's (the snapshot x0 holds the gradients the table held);
#   step 3 takes the snapshot x2, grad f(x2) = ((-13/12, 0) + (0, -1/3) + (5/6, 5/6)) / 3 = (-1/12, 1/6),
#   and the batch gradients cancel: x3 = x2 - (1/2)(-1/12, 1/6) = (-1/24, 5/6).
BY_HAND = {
    "SAGA": [(0, 0), (F(1, 6), F(2, 3)), (F(-1, 12), F(11, 12)), (F(-1, 72), F(13, 9))],
    "SAG": [(0, 0), (F(1, 6), F(2, 3)), (F(7, 36), F(43, 36)), (F(41, 216), F(31, 18))],
    "SVRG": [(0, 0), (F(1, 6), F(2, 3)), (F(-1, 12), F(11, 12)), (F(-1, 24), F(5, 6))],
}
EVALUATIONS = {"SAGA": [3, 4, 5, 6], "SAG": [3, 4, 5, 6], "SVRG": [3, 5, 7, 12]}  # SVRG: 3 at step 3


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_first_three_steps_by_hand(cls):
    kwargs = {"inner_steps": 2} if cls is gdlib.SVRG else {}
    xs, states = by_hand_run(cls(0.5, problem=TINY, **kwargs), [0.0, 0.0], [[1], [2], [0]], 0.5)
    expected = np.array([[float(v) for v in x] for x in BY_HAND[cls.__name__]])
    np.testing.assert_allclose(xs, expected, rtol=0, atol=1e-15)
    assert [s.evaluations for s in states] == EVALUATIONS[cls.__name__]
    assert [s.t for s in states] == [0, 1, 2, 3]
    if cls is gdlib.SAGA:
        np.testing.assert_allclose(states[2].mean, [-1 / 18, -19 / 18], rtol=0, atol=1e-15)
        np.testing.assert_allclose(states[3].mean, [-1 / 12, -19 / 18], rtol=0, atol=1e-15)
        np.testing.assert_allclose(states[3].table, [[-13 / 12, 0], [0, -4], [5 / 6, 5 / 6]],
                                   rtol=0, atol=1e-15)
    if cls is gdlib.SVRG:
        np.testing.assert_array_equal(states[2].snapshot, [0.0, 0.0])
        np.testing.assert_allclose(states[3].snapshot, [-1 / 12, 11 / 12], rtol=0, atol=1e-15)
        np.testing.assert_allclose(states[3].full, [-1 / 12, 1 / 6], rtol=0, atol=1e-15)


def test_the_table_starts_with_every_example_gradient_checked_by_finite_differences():
    problem, _ = synthetic_logistic(n=8, d=3)
    x0 = np.array([0.3, -0.2, 0.5])
    state = gdlib.SAGA(0.1, problem=problem).init(x0)
    h = 1e-6
    for i in range(problem.n):
        for k in range(problem.dim):
            e = h * np.eye(problem.dim)[k]
            slope = (problem.batch_value(x0 + e, [i]) - problem.batch_value(x0 - e, [i])) / (2 * h)
            assert abs(state.table[i, k] - slope) < 1e-8
    np.testing.assert_allclose(state.mean, problem.grad(x0), rtol=1e-14, atol=1e-16)
    svrg = gdlib.SVRG(0.1, problem=problem).init(x0)
    np.testing.assert_array_equal(svrg.snapshot, x0)
    np.testing.assert_allclose(svrg.full, problem.grad(x0), rtol=1e-14, atol=1e-16)


# -- the seeded batches ----------------------------------------------------------------------


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_each_step_draws_the_seeded_batch_and_a_run_replays_by_hand(cls):
    problem, _ = synthetic_logistic(n=30, d=3)
    opt = cls(0.05, problem=problem, batch_size=3, seed=7)
    for t in (1, 2, 1024, 1025, 3000):
        block = np.random.default_rng((7, (t - 1) // 1024)).integers(0, 30, size=(1024, 3))
        np.testing.assert_array_equal(opt.batch(t), block[(t - 1) % 1024])
    traj = gdlib.run(opt, None, np.zeros(3), 40)
    xs, _ = by_hand_run(opt, np.zeros(3), [opt.batch(t) for t in range(1, 41)], 0.05)
    np.testing.assert_array_equal(traj.xs, xs)
    np.testing.assert_array_equal(gdlib.run(opt, None, np.zeros(3), 40).xs, traj.xs)  # replayed
    other = gdlib.run(opt.replace(seed=8), None, np.zeros(3), 40).xs
    assert not np.array_equal(other, traj.xs)


# -- in expectation over the sampled example -------------------------------------------------


def estimates(optimizer, x, state):
    """The step direction for each example j alone, from ``x`` with ``state``: shape (n, d)."""
    lr = 1.0
    return np.array([(x - optimizer.update(x, None, state, lr, batch=np.array([j]))[0]) / lr
                     for j in range(optimizer.problem.n)])


def mid_run(optimizer, steps):
    """An iterate and a state after ``steps`` seeded steps (a table that is not all at x0)."""
    x, state = np.zeros(optimizer.problem.dim), optimizer.init(np.zeros(optimizer.problem.dim))
    for t in range(1, steps + 1):
        x, state = optimizer.update(x, None, state, optimizer.lr)
    return x, state


@pytest.mark.parametrize("cls", [gdlib.SAGA, gdlib.SVRG], ids=lambda c: c.__name__)
def test_saga_and_svrg_estimates_are_unbiased(cls):
    """The mean over all n examples of the one-example estimate is the full gradient,
    though no single estimate is (the variance is not zero)."""
    problem, L = synthetic_logistic(n=12, d=3)
    opt = cls(0.5 / L, problem=problem, **({"inner_steps": 10} if cls is gdlib.SVRG else {}))
    x, state = mid_run(opt, 15)  # SVRG: 4 steps after its second snapshot
    v = estimates(opt, x, state)
    np.testing.assert_allclose(v.mean(axis=0), problem.grad(x), rtol=1e-12, atol=1e-15)
    assert np.min(np.linalg.norm(v - problem.grad(x), axis=1)) > 1e-4


def test_sag_estimate_is_biased_toward_the_old_mean():
    """E[direction] = grad f(x) / n + (1 - 1/n) * mean of the table: not grad f(x)."""
    problem, L = synthetic_logistic(n=12, d=3)
    opt = gdlib.SAG(0.5 / L, problem=problem)
    x, state = mid_run(opt, 15)
    v = estimates(opt, x, state)
    n = problem.n
    np.testing.assert_allclose(v.mean(axis=0), problem.grad(x) / n + (1 - 1 / n) * state.mean,
                               rtol=1e-12, atol=1e-15)
    assert np.linalg.norm(v.mean(axis=0) - problem.grad(x)) > 1e-3


def test_saga_variance_vanishes_at_the_minimizer():
    """With the table at x*, every one-example estimate at x* is grad f(x*) = 0; SGD's is not."""
    problem, L = synthetic_logistic(n=12, d=3)
    x_star = problem.minimizers[0]
    opt = gdlib.SAGA(0.5 / L, problem=problem)
    v = estimates(opt, x_star, opt.init(x_star))
    assert np.max(np.abs(v)) < 1e-14
    assert np.max(np.abs(problem.example_grads(x_star))) > 1e-2


# -- the evaluation counts -------------------------------------------------------------------


class Counted(LogisticRegression):
    """A logistic regression that counts the example gradients it is asked for."""

    def __init__(self, X, y, l2):
        super().__init__(X, y, l2=l2)
        self.count = 0

    def batch_grad(self, w, idx):
        self.count += len(np.arange(self.n)[idx])
        return super().batch_grad(w, idx)

    def example_grads(self, w):
        self.count += self.n
        return super().example_grads(w)


@pytest.mark.parametrize("cls, batch_size", [(gdlib.SAG, 1), (gdlib.SAGA, 4), (gdlib.SVRG, 1),
                                             (gdlib.SVRG, 3)],
                         ids=["SAG-b1", "SAGA-b4", "SVRG-b1", "SVRG-b3"])
def test_evaluations_count_every_example_gradient(cls, batch_size):
    base, _ = synthetic_logistic(n=10, d=3)
    problem = Counted(base.X, base.y, l2=base.l2)
    opt = cls(0.05, problem=problem, batch_size=batch_size)
    x, state = np.zeros(3), opt.init(np.zeros(3))
    for t in range(1, 26):
        x, state = opt.update(x, None, state, 0.05)
        assert state.evaluations == problem.count
    if cls is gdlib.SVRG:
        m = -(-10 // batch_size)  # the default inner_steps: ceil(n / b)
        assert opt.steps_per_snapshot == m
        assert state.evaluations == 10 * (1 + (25 - 1) // m) + 2 * batch_size * 25
    else:
        assert state.evaluations == 10 + batch_size * 25


# -- linear convergence where SGD stalls -----------------------------------------------------


@pytest.mark.parametrize("cls, rate", [(gdlib.SAGA, 1 / 3), (gdlib.SAG, 1 / 16), (gdlib.SVRG, 0.1)],
                         ids=lambda v: getattr(v, "__name__", str(v)))
def test_linear_convergence_to_the_minimizer_where_sgd_stalls(cls, rate):
    """With the rates of their papers (1/(3L), 1/(16L), 0.1/L), 60 epochs bring each to within
    1e-10 of the minimizer, the error under an envelope that falls by 0.7 an epoch; SGD with
    SAGA's rate stays in its noise ball, its error above 1e-2 through its last epoch."""
    problem, L = synthetic_logistic()
    n, steps = problem.n, 6000
    x_star = problem.minimizers[0]
    traj = gdlib.run(cls(rate / L, problem=problem), None, np.zeros(problem.dim), steps)
    error = np.linalg.norm(traj.xs - x_star, axis=1)
    assert error[-1] < 1e-10
    envelope = 10 * error[0] * 0.7 ** (np.arange(steps + 1) / n)
    assert np.all(error <= np.maximum(envelope, 1e-12))
    sgd = gdlib.run(gdlib.GD(1 / (3 * L)), problem.sampler(1, seed=0, replace=True),
                    np.zeros(problem.dim), steps)
    assert np.min(np.linalg.norm(sgd.xs[-n:] - x_star, axis=1)) > 1e-2


# -- agreement with scikit-learn -------------------------------------------------------------


def test_saga_reaches_scikit_learns_saga_solution_and_the_exact_minimizer():
    """gdlib's f = mean log-loss + (l2/2)|x|^2 is scikit-learn's C * sum log-loss + |x|^2 / 2
    divided by n C, so C = 1 / (n l2), without intercept (labels 0/1 in both)."""
    from sklearn.datasets import load_breast_cancer
    from sklearn.linear_model import LogisticRegression as SklearnLogisticRegression

    features, labels = load_breast_cancer(return_X_y=True)
    X, y = features[::3], labels[::3]  # 190 examples, both classes
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    l2 = 1.0
    problem = LogisticRegression(X, y, l2=l2)
    n = problem.n
    theirs = SklearnLogisticRegression(C=1 / (n * l2), fit_intercept=False, solver="saga",
                                       tol=1e-12, max_iter=10_000).fit(X, y)
    assert theirs.n_iter_[0] < 10_000  # converged by its own test
    L = np.max(np.sum(X**2, axis=1)) / 4 + l2
    ours = gdlib.run(gdlib.SAGA(1 / (3 * L), problem=problem), None, np.zeros(problem.dim), 40 * n)
    x_star = problem.minimizers[0]
    np.testing.assert_allclose(theirs.coef_[0], x_star, rtol=0, atol=1e-10)
    np.testing.assert_allclose(ours.final, x_star, rtol=0, atol=1e-10)
    np.testing.assert_allclose(ours.final, theirs.coef_[0], rtol=0, atol=1e-10)


# -- on a neural network ---------------------------------------------------------------------


def test_saga_and_svrg_train_the_mlp_whose_example_gradients_are_no_multiples_of_a_row():
    X = np.random.default_rng(0).normal(size=(24, 2))
    net = MLP(X, (X[:, 0] + X[:, 1] > 0).astype(int), hidden=3)  # two classes a line separates
    x0 = net.init(seed=1)
    saga = gdlib.SAGA(0.2, problem=net, batch_size=2)
    x, state = x0, saga.init(x0)
    for t in range(1, 4):
        batch = saga.batch(t)
        x_next, state = saga.update(x, None, state, 0.2)
        for j in batch:  # the table holds the examples' gradients at the point they were drawn
            np.testing.assert_allclose(state.table[j], net.batch_grad(x, [j]), rtol=1e-13, atol=1e-15)
        x = x_next
    for opt in (saga, gdlib.SVRG(0.2, problem=net)):
        traj = gdlib.run(opt, None, x0, 24 * 10, loss=net.value)  # from 0.56 to under 0.02
        assert traj.losses[-1] < 0.05 * traj.losses[0]


# -- the optimizer contract (as tests/test_contract.py for the other optimizers) ---------------


@pytest.mark.parametrize("optimizer", FINITE_SUM_OPTIMIZERS, ids=lambda opt: type(opt).__name__)
def test_update_is_pure(optimizer):
    x = np.array([1.0, -2.0, 0.0])
    state = optimizer.update(x, None, optimizer.init(x), 0.1)[1]
    state = optimizer.update(x, None, state, 0.1)[1]
    before = [np.copy(f) for f in state]
    x_copy = x.copy()
    first = optimizer.update(x, None, state, 0.1)
    second = optimizer.update(x, None, state, 0.1)
    np.testing.assert_array_equal(first[0], second[0])
    for a, b in zip(first[1], second[1], strict=True):
        np.testing.assert_array_equal(a, b)
    for field, copy in zip(state, before, strict=True):
        np.testing.assert_array_equal(field, copy)
    np.testing.assert_array_equal(x, x_copy)


@pytest.mark.parametrize("optimizer", FINITE_SUM_OPTIMIZERS, ids=lambda opt: type(opt).__name__)
def test_run_many_of_one_equals_run_converging_or_diverging(optimizer):
    x0 = np.array([0.5, -1.0, 2.0])
    for factor in (1.0, 1e5):  # lr 2e4: the l2 term alone (mu = 0.1) overflows x within 300 steps
        opt = optimizer.replace(lr=optimizer.lr * factor)
        one = gdlib.run(opt, None, x0, 300, loss=LOGISTIC.value)
        many = gdlib.run_many(opt, None, [x0, np.zeros(3)], 300, loss=LOGISTIC.value)
        np.testing.assert_allclose(many[0].xs, one.xs, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(many[0].losses, one.losses, rtol=1e-12)
        assert many[0].stopped == one.stopped == (factor > 1) and many[0].n_steps == one.n_steps


@pytest.mark.parametrize("optimizer", FINITE_SUM_OPTIMIZERS, ids=lambda opt: type(opt).__name__)
def test_run_many_gives_each_run_its_rate_and_drops_a_diverged_run(optimizer):
    x0 = np.array([0.5, -1.0, 2.0])
    rates = np.array([optimizer.lr, 2e4, optimizer.lr / 2])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        many = gdlib.run_many(optimizer.replace(lr=rates), None, np.tile(x0, (3, 1)), 300)
    assert many.stopped.tolist() == [False, True, False]
    for i in (0, 2):
        one = gdlib.run(optimizer.replace(lr=float(rates[i])), None, x0, 300).xs
        np.testing.assert_allclose(many[i].xs, one, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("optimizer", FINITE_SUM_OPTIMIZERS, ids=lambda opt: type(opt).__name__)
def test_every_step_uses_its_scheduled_rate(optimizer):
    x0, lr = np.array([1.5, -0.5, 0.2]), optimizer.lr
    fixed = gdlib.run(optimizer, None, x0, 6).xs
    np.testing.assert_array_equal(
        gdlib.run(optimizer.replace(lr=schedules.Constant(lr)), None, x0, 6).xs, fixed)
    halved = optimizer.replace(lr=schedules.StepDecay(lr, step_size=1, factor=0.5))
    decayed = gdlib.run(halved, None, x0, 6).xs
    np.testing.assert_array_equal(decayed[:2], fixed[:2])
    assert not np.array_equal(decayed[2:], fixed[2:])
    x, state, by_hand = x0, halved.init(x0), [x0]
    for t in range(1, 7):
        x, state = halved.update(x, None, state, halved.lr_at(t))
        by_hand.append(x)
    np.testing.assert_array_equal(np.array(by_hand), decayed)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_lr_first_and_every_other_hyperparameter_keyword_only(cls):
    params = list(inspect.signature(cls).parameters.values())
    assert params[0].name == "lr"
    assert all(p.kind is p.KEYWORD_ONLY for p in params[1:])
    opt = cls(0.1, problem=TINY)
    with pytest.raises(AttributeError, match="batch_size"):
        opt.batch_size = 2


# -- errors that name the culprit ------------------------------------------------------------


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@pytest.mark.parametrize("kwargs, culprit, error", [
    ({"problem": quadratic}, "problem", TypeError),
    ({"problem": TINY, "batch_size": 0}, "batch_size", ValueError),
    ({"problem": TINY, "batch_size": 4}, "batch_size", ValueError),
    ({"problem": TINY, "batch_size": 1.0}, "batch_size", TypeError),
    ({"problem": TINY, "seed": -1}, "seed", ValueError),
    ({"problem": TINY, "seed": 0.5}, "seed", TypeError),
    ({"problem": TINY, "lr": 0.0}, "lr", ValueError),
])
def test_bad_hyperparameters_are_refused_by_name(cls, kwargs, culprit, error):
    with pytest.raises(error, match=culprit):
        cls(**{"lr": 0.1, **kwargs})


@pytest.mark.parametrize("inner_steps, error", [(0, ValueError), (2.0, TypeError), (True, TypeError)])
def test_bad_inner_steps_are_refused_by_name(inner_steps, error):
    with pytest.raises(error, match="inner_steps"):
        gdlib.SVRG(0.1, problem=TINY, inner_steps=inner_steps)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_bad_points_and_batches_are_refused_by_name(cls):
    opt = cls(0.1, problem=TINY)
    for x in (1.0, [1.0, 2.0, 3.0], np.zeros((2, 3))):
        with pytest.raises(ValueError, match=r"x must have shape \(\.\.\., 2\)"):
            opt.init(x)
    state = opt.init([0.0, 0.0])
    for batch in ([], [3], [-1], [[0]], [0.5]):
        with pytest.raises(ValueError, match="batch"):
            opt.update(np.zeros(2), None, state, 0.1, batch=batch)
    with pytest.raises(ValueError, match="t must be >= 1"):
        opt.batch(0)


def test_run_refuses_a_grad_they_would_ignore_and_none_for_the_others():
    with pytest.raises(TypeError, match="SAGA evaluates the gradients .* pass grad=None"):
        gdlib.run(gdlib.SAGA(0.1, problem=TINY), TINY.grad, np.zeros(2), 3)
    with pytest.raises(TypeError, match="SVRG evaluates"):
        gdlib.run_many(gdlib.ProjectToBox(gdlib.SVRG(0.1, problem=TINY), lower=-1.0, upper=1.0),
                       TINY.sampler(), np.zeros((2, 2)), 3)
    with pytest.raises(TypeError, match="grad must be callable"):
        gdlib.run(gdlib.GD(0.1), None, np.zeros(2), 3)


def test_run_many_refuses_a_vector_of_runs_of_one_number():
    with pytest.raises(ValueError, match=r"give x0 shape \(runs, \.\.\.\)"):
        gdlib.run_many(gdlib.SAGA(0.1, problem=TINY), None, np.zeros(2), 3)


def test_a_wrapper_that_projects_runs_with_grad_none():
    box = gdlib.ProjectToBox(gdlib.SAGA(0.5, problem=TINY), lower=-0.1, upper=0.1)
    traj = gdlib.run(box, None, np.zeros(2), 50)
    assert np.all(np.abs(traj.xs) <= 0.1) and np.any(np.abs(traj.final) == 0.1)


@pytest.mark.parametrize("wrap", [
    lambda opt: gdlib.ClipByNorm(opt, max_norm=1.0), lambda opt: gdlib.ClipByValue(opt, max_value=1.0),
    lambda opt: gdlib.ClipByNorm(gdlib.ProjectToBox(opt, lower=-1.0, upper=1.0), max_norm=1.0),
], ids=["ClipByNorm", "ClipByValue", "ClipByNorm-ProjectToBox"])
def test_clipping_a_gradient_they_never_use_is_refused(wrap):
    with pytest.raises(TypeError, match="evaluates its own gradients"):
        wrap(gdlib.SAGA(0.1, problem=TINY))
