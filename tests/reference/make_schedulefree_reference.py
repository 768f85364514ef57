"""Record the ``schedulefree`` package's optimizers on the cases of tests/test_schedule_free.py, in float64.

Run it when a case is added or changed, from the repository's root, in an
environment with PyTorch and ``schedulefree`` (this record: torch 2.13.0, CPU
build, and schedulefree 1.4.1; neither is a dependency of gdlib)::

    python -m venv /tmp/ref && /tmp/ref/bin/pip install numpy torch==2.13.0 schedulefree==1.4.1
    PYTHONPATH=. /tmp/ref/bin/python tests/reference/make_schedulefree_reference.py

It writes ``schedulefree_reference.json`` beside itself: the versions, the
hyperparameters of the two optimizers with their defaults, every case as defined below and, for each, what the package computed. The tests
compare gdlib with that file, so they need neither PyTorch nor the package;
when both are installed the same tests also run them live (``run_schedulefree``).

A case is plain data:

- ``objective``, ``x0``, ``steps``: the problem (an objective of
  :mod:`gdlib.functions`, whose gradient both sides are fed at the package's
  parameters);
- ``gdlib``: ``{"optimizer": <class in gdlib>, "kwargs": {...}}``;
- ``schedulefree``: ``{"optimizer": <class in schedulefree>, "kwargs": {...}}``.

For each step the record holds three points (``steps + 1`` rows each, the first
``x0``): ``y``, the parameters in the package's ``train()`` mode, where the
gradient is taken (gdlib's iterates); ``x``, the parameters that ``eval()``
would put in their place (the average, computed on a copy as ``eval()`` does,
so that the run itself is not disturbed); and ``z``, the package's ``state["z"]``.
"""

import json
import re
import sys
from pathlib import Path

import numpy as np

OUTPUT = Path(__file__).with_name("schedulefree_reference.json")

ROSENBROCK = {"objective": "rosenbrock", "x0": [-1.2, 1.0], "steps": 200}
QUADRATIC = {"objective": "quadratic", "x0": [-5.0, -2.0], "steps": 100}


def _case(name, gdlib_optimizer, gdlib_kwargs, package_optimizer, package_kwargs, problem):
    return {"name": name, **problem,
            "gdlib": {"optimizer": gdlib_optimizer, "kwargs": gdlib_kwargs},
            "schedulefree": {"optimizer": package_optimizer, "kwargs": package_kwargs}}


def _sgd(name, kwargs, problem):
    return _case(name, "ScheduleFreeSGD", kwargs, "SGDScheduleFree", kwargs, problem)


def _adamw(name, kwargs, problem):
    package = dict(kwargs)  # gdlib's beta1 and beta2 are the package's betas
    if "beta1" in kwargs or "beta2" in kwargs:
        package["betas"] = [package.pop("beta1", 0.9), package.pop("beta2", 0.999)]
    return _case(name, "ScheduleFreeAdamW", kwargs, "AdamWScheduleFree", package, problem)


CASES = [
    _sgd("SGD", {"lr": 1e-3}, ROSENBROCK),
    _sgd("SGD, warm-up, weight decay", {"lr": 1e-3, "momentum": 0.8, "warmup_steps": 20,
                                        "weight_decay": 0.05}, ROSENBROCK),
    _sgd("SGD, quadratic", {"lr": 0.2}, QUADRATIC),
    _sgd("SGD, quadratic, warm-up, weight decay, r, power",
         {"lr": 0.3, "momentum": 0.5, "warmup_steps": 10, "weight_decay": 0.1, "r": 1.0,
          "weight_lr_power": 1.0}, QUADRATIC),
    _adamw("AdamW", {"lr": 0.01}, ROSENBROCK),
    _adamw("AdamW, warm-up, weight decay", {"lr": 0.02, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6,
                                            "warmup_steps": 30, "weight_decay": 0.01}, ROSENBROCK),
    _adamw("AdamW, quadratic", {"lr": 0.1}, QUADRATIC),
    _adamw("AdamW, quadratic, warm-up, weight decay, r, power",
           {"lr": 0.2, "beta1": 0.95, "beta2": 0.9, "eps": 1e-3, "warmup_steps": 15,
            "weight_decay": 0.1, "r": 0.5, "weight_lr_power": 0.0}, QUADRATIC),
]


def objective(case):
    import gdlib.functions

    return getattr(gdlib.functions, case["objective"])


def run_schedulefree(case):
    """What the package computes for ``case``: ``{"y": ..., "x": ..., "z": ...}``, each
    an array of ``steps + 1`` rows, in float64."""
    import torch

    default = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        return _run_schedulefree(torch, case)
    finally:
        torch.set_default_dtype(default)


def _run_schedulefree(torch, case):
    import schedulefree

    grad = objective(case).grad
    param = torch.tensor(case["x0"], dtype=torch.float64, requires_grad=True)
    spec = case["schedulefree"]
    kwargs = {k: tuple(v) if isinstance(v, list) else v for k, v in spec["kwargs"].items()}
    optimizer = getattr(schedulefree, spec["optimizer"])([param], **kwargs)
    optimizer.train()  # the package steps only in train mode
    group = optimizer.param_groups[0]
    beta = group["betas"][0] if "betas" in group else group["momentum"]
    start = param.detach().numpy().copy()
    ys, xs, zs = [start], [start], [start]
    for _ in range(case["steps"]):
        optimizer.zero_grad()
        param.grad = torch.from_numpy(grad(param.detach().numpy().copy()))
        optimizer.step()
        z = optimizer.state[param]["z"]
        # What eval() puts in the parameters, on a copy: x = lerp(y, z, 1 - 1/beta).
        x = param.detach().clone().lerp_(end=z, weight=1 - 1 / beta)
        ys.append(param.detach().numpy().copy())
        xs.append(x.numpy().copy())
        zs.append(z.detach().numpy().copy())
    return {"y": np.array(ys), "x": np.array(xs), "z": np.array(zs)}


def defaults():
    """The hyperparameters of the package's two optimizers and their defaults, from their
    signatures (less ``params`` and ``foreach``, which say how to compute, not what)."""
    import inspect

    import schedulefree

    return {name: {p.name: p.default for p in inspect.signature(getattr(schedulefree, name)).parameters.values()
                   if p.name not in ("params", "foreach")}
            for name in ("SGDScheduleFree", "AdamWScheduleFree")}


def _one_line_per_row(text):
    """Innermost lists of numbers on one line each: an iterate per line, not a number per line."""
    numbers = re.compile(r"\[\n\s*([-+0-9.eE, \n]+?)\n\s*\]")
    return numbers.sub(lambda m: "[" + ", ".join(s.strip() for s in m.group(1).split(",")) + "]", text)


def main():
    from importlib.metadata import version

    import torch

    cases = [{**case, "result": {k: v.tolist() for k, v in run_schedulefree(case).items()}}
             for case in CASES]
    record = {"schedulefree_version": version("schedulefree"), "torch_version": torch.__version__,
              "dtype": "float64", "defaults": defaults(), "cases": cases}
    OUTPUT.write_text(_one_line_per_row(json.dumps(record, indent=1)) + "\n")
    print(f"{OUTPUT}: {len(cases)} cases, schedulefree {record['schedulefree_version']}, "
          f"torch {torch.__version__}", file=sys.stderr)


if __name__ == "__main__":
    main()
