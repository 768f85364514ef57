"""Record ``torch.optim.LBFGS`` on the cases of tests/test_quasi_newton.py, in float64.

Run it when a case is added or changed (it needs PyTorch; recorded with torch 2.13.0
(CPU) and numpy 2.4, gdlib from this repository on the path)::

    PYTHONPATH=. python tests/reference/make_lbfgs_reference.py

It writes ``lbfgs_reference.json`` beside itself: PyTorch's version, every case
as defined below and, for each, PyTorch's iterates and its count of function
evaluations after each step. The tests compare :class:`gdlib.LBFGS` with that
file, so they need no PyTorch; when PyTorch is installed they also run it live.

The cases do not fit ``make_torch_reference.py``'s "iterates" kind: L-BFGS asks
for the loss as well as the gradient, several times per step, through a
closure. Here the closure evaluates gdlib's own objective (value and gradient,
in numpy) at PyTorch's parameter, so both libraries see the same numbers and
differ only in the optimizer's arithmetic.

One gdlib step is one L-BFGS iteration: PyTorch runs with ``max_iter=1`` and
``max_eval=26``. Its default ``max_eval`` is ``max_iter * 5 // 4``, 1 for
``max_iter=1``; its strong-Wolfe search gets ``max_eval`` minus the one
evaluation the step starts with as its most trials after the first, so with the
default it would get none: the step would be the first trial if that lowers f
and 0 otherwise (0 at every step on Rosenbrock from (-1.2, 1)). With 26 the
search keeps 25 trials after its first (``max_ls=25``, its own default).

A case is plain data:

- ``problem``: ``{"objective": "rosenbrock"}`` (:data:`gdlib.functions.rosenbrock`;
  ``"beale"`` likewise),
  ``{"objective": "bump"}`` (:class:`Bump`, for one branch of the line search)
  or ``{"objective": "logistic", "X": [...], "y": [...], "l2": ...}``
  (:class:`gdlib.functions.LogisticRegression` on the data given);
- ``x0``, ``steps``;
- ``kwargs``: the hyperparameters, the same names in both libraries (torch's
  ``max_iter`` and ``max_eval`` added as above);
- ``agree``: the number of steps through which gdlib's iterates equal PyTorch's to
  rtol 1e-10 (``None``: all of them). The two agree to rounding, not to the bit:
  PyTorch's dot products (BLAS) and its step ``p.add_(d, alpha=t)`` use fused
  multiply-adds, numpy's ``x + t * d`` rounds twice. Some runs amplify those
  last-bit differences (with a short history, or without a line search, the
  steps are sensitive to the directions), and they part after ``agree`` steps,
  as any two implementations would; the tests then compare where they end.
"""

import json
import sys
from pathlib import Path

import numpy as np

OUTPUT = Path(__file__).with_name("lbfgs_reference.json")


def _logistic_data(n=80, seed=0):
    """A small seeded classification problem, not separable (noisy labels) and badly
    conditioned (features of scales 0.1 to 10, two of them correlated), with a column
    of ones for the intercept; rounded to 6 decimals and stored in the record."""
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(n, 4))
    features = np.column_stack([10 * z[:, 0], z[:, 1], z[:, 1] + 0.1 * z[:, 2], 0.1 * z[:, 3]])
    X = np.round(np.column_stack([features, np.ones(n)]), 6)
    w = np.array([0.2, -1.0, 1.0, 5.0, 0.3])
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-X @ w))).astype(float)
    return {"objective": "logistic", "X": X.tolist(), "y": y.tolist(), "l2": 1e-4}


class Bump:
    """f(x) = -x + x^2 / 1000 + 9.4 exp(-(x - 10)^2 / 0.18), x a vector of one number.

    A line search from 0 with the first trial 1 extrapolates to 10, the top of the
    bump: higher than at 1, yet low enough for sufficient decrease, and still going
    down. It is the case where the search does not yet compare with the previous
    trial (it does from its third trial on) and goes on extrapolating.
    """

    minimizers = np.array([[500.0]])

    def value(self, x):
        x = np.asarray(x)[..., 0]
        return -x + x**2 / 1000 + 9.4 * np.exp(-((x - 10) ** 2) / 0.18)

    def grad(self, x):
        x = np.asarray(x)
        return -1 + x / 500 - 9.4 * (x - 10) / 0.09 * np.exp(-((x - 10) ** 2) / 0.18)


ROSENBROCK = {"objective": "rosenbrock"}
LOGISTIC = _logistic_data()
WOLFE = {"line_search_fn": "strong_wolfe"}


def _case(name, problem, x0, steps, agree=None, **kwargs):
    return {"name": name, "problem": problem, "x0": x0, "steps": steps, "kwargs": kwargs,
            "agree": agree}


CASES = [
    _case("Rosenbrock, strong Wolfe", ROSENBROCK, [-1.2, 1.0], 40, **WOLFE),
    _case("Rosenbrock, strong Wolfe, history 1", ROSENBROCK, [-1.2, 1.0], 40, agree=15,
          history_size=1, **WOLFE),
    _case("Rosenbrock, strong Wolfe, history 3, lr 0.5", ROSENBROCK, [-1.2, 1.0], 60, agree=22,
          history_size=3, lr=0.5, **WOLFE),
    _case("Rosenbrock, no line search", ROSENBROCK, [-1.2, 1.0], 100, agree=23),
    _case("Rosenbrock, no line search, history 5, lr 0.5", ROSENBROCK, [-1.2, 1.0], 60, agree=21,
          history_size=5, lr=0.5),
    _case("bump, strong Wolfe", {"objective": "bump"}, [0.0], 8, **WOLFE),
    # A first trial far too long: the zoom's safeguard moves trials off the bracket's ends.
    _case("Beale, strong Wolfe, history 1, lr 100", {"objective": "beale"}, [1.0, 1.0], 40,
          history_size=1, lr=100.0, **WOLFE),
    _case("logistic, strong Wolfe", LOGISTIC, [0.0] * 5, 30, **WOLFE),
    _case("logistic, strong Wolfe, history 5", LOGISTIC, [0.0] * 5, 50, agree=26,
          history_size=5, **WOLFE),
    _case("logistic, no line search, lr 0.5", LOGISTIC, [0.0] * 5, 60, lr=0.5),
    _case("logistic, no line search, history 5, lr 0.5", LOGISTIC, [0.0] * 5, 100, agree=53,
          history_size=5, lr=0.5),
]


def objective(problem):
    """The gdlib objective a case's ``problem`` describes."""
    from gdlib import functions

    if problem["objective"] in ("rosenbrock", "beale"):
        return getattr(functions, problem["objective"])
    if problem["objective"] == "bump":
        return Bump()
    return functions.LogisticRegression(np.array(problem["X"]), np.array(problem["y"]),
                                        l2=problem["l2"])


def run_torch(case):
    """PyTorch's iterates (steps + 1 rows) and its function evaluations after each step."""
    import torch

    f = objective(case["problem"])
    param = torch.tensor(case["x0"], dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.LBFGS([param], max_iter=1, max_eval=26, **case["kwargs"])

    def closure():
        x = param.detach().numpy().copy()
        param.grad = torch.from_numpy(np.asarray(f.grad(x), dtype=np.float64))
        return torch.tensor(float(f.value(x)), dtype=torch.float64)

    xs, evaluations = [param.detach().numpy().copy()], []
    for _ in range(case["steps"]):
        optimizer.step(closure)
        xs.append(param.detach().numpy().copy())
        evaluations.append(optimizer.state[param]["func_evals"])
    return np.array(xs), evaluations


def main():
    import torch

    cases = []
    for case in CASES:
        xs, evaluations = run_torch(case)
        cases.append({**case, "result": xs.tolist(), "func_evals": evaluations})
    record = {"torch_version": torch.__version__, "numpy_version": np.__version__,
              "dtype": "float64", "cases": cases}
    OUTPUT.write_text(json.dumps(record) + "\n")
    print(f"{OUTPUT}: {len(cases)} cases, torch {torch.__version__}", file=sys.stderr)


if __name__ == "__main__":
    main()
