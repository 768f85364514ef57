"""Record ``torch.optim`` on the cases of tests/test_pytorch.py, in float64.

Run it when a case is added or changed (it needs PyTorch: ``pip install -e '.[torch]'``)::

    python tests/reference/make_torch_reference.py

It writes ``torch_reference.json`` beside itself: PyTorch's version, every case
as defined below and, for each, what PyTorch computed. The default test suite
compares gdlib with that file, so it needs no PyTorch; when PyTorch is
installed, the same tests also run it live (``run_torch``).

A case is plain data, so that adding an optimizer is adding an entry:

- ``kind``: ``"iterates"`` (run both optimizers on ``objective`` from ``x0``
  for ``steps`` steps, feeding PyTorch gdlib's gradients) or ``"rates"``
  (the learning rate of each of ``steps`` steps under a schedule);
- ``gdlib``: ``{"optimizer": <class in gdlib>, "kwargs": {...}}``;
- ``torch``: ``{"optimizer": <class in torch.optim>, "kwargs": {...}}``;
- ``schedule`` (optional): ``{"gdlib": {"name": <class in gdlib.schedules>,
  "kwargs": {...}}, "torch": {"name": <class in torch.optim.lr_scheduler>,
  "kwargs": {...}}}``; with an optimizer, gdlib's ``lr`` is the schedule and
  PyTorch's scheduler steps after each ``optimizer.step()``;
- ``clip`` (optional): ``{"gdlib": {"name": <wrapper class in gdlib>, "kwargs":
  {...}}, "torch": {"name": <function in torch.nn.utils>, "kwargs": {...}}}``;
  gdlib wraps its optimizer, PyTorch clips ``param.grad`` before each step;
- ``agree``: the number of steps through which gdlib and PyTorch give the same
  iterates (rtol 1e-10, atol 1e-12), after which they must differ; ``None``
  when they agree all along.
"""

import json
import re
import sys
from pathlib import Path

import numpy as np

OUTPUT = Path(__file__).with_name("torch_reference.json")

ROSENBROCK = {"objective": "rosenbrock", "x0": [-1.2, 1.0], "steps": 200}  # gradients of unlike sizes
QUADRATIC = {"objective": "quadratic", "x0": [-5.0, -2.0], "steps": 100}  # ill-conditioned, kappa = 20


def _iterates(name, gdlib_optimizer, gdlib_kwargs, torch_optimizer, torch_kwargs,
              schedule=None, agree=None, clip=None, **problem):
    case = {"name": name, "kind": "iterates", **ROSENBROCK, **problem,
            "gdlib": {"optimizer": gdlib_optimizer, "kwargs": gdlib_kwargs},
            "torch": {"optimizer": torch_optimizer, "kwargs": torch_kwargs},
            "agree": agree}
    if schedule:
        case["schedule"] = schedule
    if clip:
        case["clip"] = clip
    return case


def _clip(gdlib_name, gdlib_kwargs, torch_name, torch_kwargs):
    return {"gdlib": {"name": gdlib_name, "kwargs": gdlib_kwargs},
            "torch": {"name": torch_name, "kwargs": torch_kwargs}}


def _schedule(gdlib_name, gdlib_kwargs, torch_name, torch_kwargs):
    return {"gdlib": {"name": gdlib_name, "kwargs": gdlib_kwargs},
            "torch": {"name": torch_name, "kwargs": torch_kwargs}}


def _rates(name, schedule, steps=41):
    # 41 steps: up to the cosine's T_max, after which PyTorch's restarts and gdlib's stays at min_lr.
    return {"name": name, "kind": "rates", "steps": steps, "schedule": schedule}


CASES = [
    _iterates("GD", "GD", {"lr": 1e-3}, "SGD", {"lr": 1e-3}),
    _iterates("Momentum", "Momentum", {"lr": 1e-3, "gamma": 0.9}, "SGD", {"lr": 1e-3, "momentum": 0.9}),
    _iterates("Nesterov", "Nesterov", {"lr": 1e-3, "gamma": 0.9},
              "SGD", {"lr": 1e-3, "momentum": 0.9, "nesterov": True}),
    # eps=0: the one setting in which eps inside and eps outside the root agree.
    _iterates("AdaGrad", "AdaGrad", {"lr": 0.1, "eps": 0.0}, "Adagrad", {"lr": 0.1, "eps": 0.0}),
    _iterates("RMSProp", "RMSProp", {"lr": 0.01, "gamma": 0.9, "eps": 0.0},
              "RMSprop", {"lr": 0.01, "alpha": 0.9, "eps": 0.0}),
    _iterates("AdaDelta", "AdaDelta", {"rho": 0.9, "eps": 1e-6}, "Adadelta", {"lr": 1.0, "rho": 0.9, "eps": 1e-6}),
    # PyTorch forms sqrt(delta + eps) / sqrt(s + eps) first and gdlib g / sqrt(s + eps), so
    # they agree to rounding, not to the bit; on a run that zigzags across Rosenbrock's
    # valley (rho=0.95, eps=1e-4) that rounding doubles every step or so and the two
    # part after about 180 steps, like any two implementations would.
    _iterates("AdaDelta, lr", "AdaDelta", {"lr": 0.5, "rho": 0.9, "eps": 1e-4},
              "Adadelta", {"lr": 0.5, "rho": 0.9, "eps": 1e-4}),
    _iterates("Adam", "Adam", {"lr": 0.01}, "Adam", {"lr": 0.01}),
    _iterates("Adam, eps", "Adam", {"lr": 0.01, "beta1": 0.8, "beta2": 0.99, "eps": 1e-3},
              "Adam", {"lr": 0.01, "betas": [0.8, 0.99], "eps": 1e-3}),
    _iterates("AdamW", "AdamW", {"lr": 0.01, "weight_decay": 0.1}, "AdamW", {"lr": 0.01, "weight_decay": 0.1}),
    # Adam's descendants, with default and with other hyperparameters, on two problems.
    _iterates("AMSGrad", "AMSGrad", {"lr": 0.01}, "Adam", {"lr": 0.01, "amsgrad": True}),
    _iterates("AMSGrad, quadratic", "AMSGrad", {"lr": 0.1, "beta1": 0.8, "beta2": 0.99, "eps": 1e-3},
              "Adam", {"lr": 0.1, "betas": [0.8, 0.99], "eps": 1e-3, "amsgrad": True}, **QUADRATIC),
    _iterates("NAdam", "NAdam", {"lr": 0.01}, "NAdam", {"lr": 0.01}),
    _iterates("NAdam, quadratic", "NAdam",
              {"lr": 0.1, "beta1": 0.8, "beta2": 0.99, "eps": 1e-3, "momentum_decay": 0.02},
              "NAdam", {"lr": 0.1, "betas": [0.8, 0.99], "eps": 1e-3, "momentum_decay": 0.02}, **QUADRATIC),
    _iterates("AdaMax", "AdaMax", {"lr": 0.01}, "Adamax", {"lr": 0.01}),
    _iterates("AdaMax, quadratic", "AdaMax", {"lr": 0.1, "beta1": 0.8, "beta2": 0.99, "eps": 1e-3},
              "Adamax", {"lr": 0.1, "betas": [0.8, 0.99], "eps": 1e-3}, **QUADRATIC),
    # Clipping wraps any optimizer; Rosenbrock's gradients start near norm 230 and end small,
    # so the clip acts on the first steps and not on the last.
    _iterates("GD, ClipByNorm", "GD", {"lr": 1e-3}, "SGD", {"lr": 1e-3},
              clip=_clip("ClipByNorm", {"max_norm": 50.0}, "clip_grad_norm_", {"max_norm": 50.0})),
    _iterates("Adam, ClipByNorm, quadratic", "Adam", {"lr": 0.1}, "Adam", {"lr": 0.1}, **QUADRATIC,
              clip=_clip("ClipByNorm", {"max_norm": 1.0}, "clip_grad_norm_", {"max_norm": 1.0})),
    _iterates("Momentum, ClipByValue", "Momentum", {"lr": 1e-3, "gamma": 0.9},
              "SGD", {"lr": 1e-3, "momentum": 0.9},
              clip=_clip("ClipByValue", {"max_value": 20.0}, "clip_grad_value_", {"clip_value": 20.0})),
    # The docstrings warn that PyTorch adds eps outside the root: the first step already differs.
    _iterates("AdaGrad, eps outside the root", "AdaGrad", {"lr": 0.1, "eps": 1e-2},
              "Adagrad", {"lr": 0.1, "eps": 1e-2}, agree=0, steps=1),
    _iterates("RMSProp, eps outside the root", "RMSProp", {"lr": 0.1, "gamma": 0.9, "eps": 1e-2},
              "RMSprop", {"lr": 0.1, "alpha": 0.9, "eps": 1e-2}, agree=0, steps=1),
    _iterates("GD, Cosine", "GD", {}, "SGD", {"lr": 2e-3},
              schedule=_schedule("Cosine", {"lr": 2e-3, "total_steps": 200},
                                 "CosineAnnealingLR", {"T_max": 200})),
    # Momentum's docstring: with a schedule gdlib scales each gradient by the rate of its
    # own step, PyTorch the whole velocity by the current rate; they part when it drops.
    _iterates("Momentum, StepDecay", "Momentum", {"gamma": 0.9}, "SGD", {"lr": 1e-3, "momentum": 0.9},
              schedule=_schedule("StepDecay", {"lr": 1e-3, "step_size": 50, "factor": 0.1},
                                 "StepLR", {"step_size": 50, "gamma": 0.1}), agree=50),
    _rates("StepDecay", _schedule("StepDecay", {"lr": 0.1, "step_size": 7, "factor": 0.5},
                                  "StepLR", {"step_size": 7, "gamma": 0.5})),
    _rates("MultiStep", _schedule("MultiStep", {"lr": 0.1, "milestones": [10, 25], "factor": 0.3},
                                  "MultiStepLR", {"milestones": [10, 25], "gamma": 0.3})),
    _rates("Exponential", _schedule("Exponential", {"lr": 0.1, "decay": 0.95}, "ExponentialLR", {"gamma": 0.95})),
    _rates("Cosine", _schedule("Cosine", {"lr": 0.1, "total_steps": 40, "min_lr": 0.01},
                               "CosineAnnealingLR", {"T_max": 40, "eta_min": 0.01})),
    _rates("Warmup", _schedule("Warmup", {"after": 0.1, "warmup_steps": 8},
                               "LinearLR", {"start_factor": 1 / 8, "end_factor": 1.0, "total_iters": 7})),
]
TORCH_LR = 0.1  # the optimizer a "rates" case schedules starts at this rate


def objective(case):
    import gdlib.functions

    return getattr(gdlib.functions, case["objective"])


def _torch_kwargs(kwargs):
    return {k: tuple(v) if isinstance(v, list) else v for k, v in kwargs.items()}  # betas=(0.8, 0.99)


def _scheduler(torch, case, optimizer):
    spec = case.get("schedule")
    if spec is None:
        return None
    return getattr(torch.optim.lr_scheduler, spec["torch"]["name"])(optimizer, **spec["torch"]["kwargs"])


def run_torch(case):
    """What PyTorch computes for ``case``: its iterates (steps + 1 rows) or its rates (steps).

    In float64 throughout: PyTorch keeps some scalars of an optimizer's state (NAdam's
    product of momenta, the step counts) in its default dtype, float32 unless told.
    """
    import torch

    default = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        return _run_torch(torch, case)
    finally:
        torch.set_default_dtype(default)


def _run_torch(torch, case):
    if case["kind"] == "rates":
        param = torch.zeros(1, dtype=torch.float64, requires_grad=True)
        optimizer = torch.optim.SGD([param], lr=TORCH_LR)
        scheduler, rates = _scheduler(torch, case, optimizer), []
        for _ in range(case["steps"]):
            rates.append(optimizer.param_groups[0]["lr"])
            optimizer.step()
            scheduler.step()
        return np.array(rates)

    grad = objective(case).grad
    param = torch.tensor(case["x0"], dtype=torch.float64, requires_grad=True)
    spec = case["torch"]
    optimizer = getattr(torch.optim, spec["optimizer"])([param], **_torch_kwargs(spec["kwargs"]))
    scheduler = _scheduler(torch, case, optimizer)
    xs = [param.detach().numpy().copy()]
    for _ in range(case["steps"]):
        optimizer.zero_grad()
        param.grad = torch.from_numpy(grad(param.detach().numpy().copy()))
        if "clip" in case:
            getattr(torch.nn.utils, case["clip"]["torch"]["name"])([param], **case["clip"]["torch"]["kwargs"])
        optimizer.step()
        if scheduler:
            scheduler.step()
        xs.append(param.detach().numpy().copy())
    return np.array(xs)


def _one_line_per_row(text):
    """Innermost lists of numbers on one line each: an iterate per line, not a number per line."""
    numbers = re.compile(r"\[\n\s*([-+0-9.eE, \n]+?)\n\s*\]")
    return numbers.sub(lambda m: "[" + ", ".join(s.strip() for s in m.group(1).split(",")) + "]", text)


def main():
    import torch

    cases = [{**case, "result": run_torch(case).tolist()} for case in CASES]
    record = {"torch_version": torch.__version__, "dtype": "float64", "cases": cases}
    OUTPUT.write_text(_one_line_per_row(json.dumps(record, indent=1)) + "\n")
    print(f"{OUTPUT}: {len(cases)} cases, torch {torch.__version__}", file=sys.stderr)


if __name__ == "__main__":
    main()
