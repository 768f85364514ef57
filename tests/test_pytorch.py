"""gdlib against ``torch.optim``, the implementation most readers will compare with.

The docstrings say how each gdlib optimizer maps onto PyTorch's parameterisation
(momentum's velocity, eps inside or outside the root, RMSProp's ``alpha``, AdamW's
decay). Here both libraries run the same problem in float64 and the claims are
checked step by step: the same iterates where the docstring says "the same", a
difference where it says they differ. PyTorch is a test dependency only.
"""

import numpy as np
import pytest
import torch

import gdlib
from gdlib.functions import rosenbrock

X0 = np.array([-1.2, 1.0])  # Rosenbrock's classic start: gradients of very different sizes
STEPS = 200


def torch_run(make_optimizer, grad, x0, steps, make_scheduler=None):
    """Iterates of a ``torch.optim`` optimizer fed the gradients of ``grad``, float64."""
    param = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    optimizer = make_optimizer([param])
    scheduler = make_scheduler(optimizer) if make_scheduler else None
    xs = [param.detach().numpy().copy()]
    for _ in range(steps):
        optimizer.zero_grad()
        param.grad = torch.from_numpy(grad(param.detach().numpy().copy()))
        optimizer.step()
        if scheduler:
            scheduler.step()
        xs.append(param.detach().numpy().copy())
    return np.array(xs)


def gdlib_run(optimizer, steps=STEPS):
    return gdlib.run(optimizer, rosenbrock.grad, X0, steps).xs


SAME_ITERATES = {
    "GD": (gdlib.GD(lr=1e-3), lambda p: torch.optim.SGD(p, lr=1e-3)),
    "Momentum": (gdlib.Momentum(lr=1e-3, gamma=0.9), lambda p: torch.optim.SGD(p, lr=1e-3, momentum=0.9)),
    "Nesterov": (gdlib.Nesterov(lr=1e-3, gamma=0.9),
                 lambda p: torch.optim.SGD(p, lr=1e-3, momentum=0.9, nesterov=True)),
    # eps=0: the one setting in which eps inside and eps outside the root agree.
    "AdaGrad": (gdlib.AdaGrad(lr=0.1, eps=0.0), lambda p: torch.optim.Adagrad(p, lr=0.1, eps=0.0)),
    "RMSProp": (gdlib.RMSProp(lr=0.01, gamma=0.9, eps=0.0),
                lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, eps=0.0)),
    "AdaDelta": (gdlib.AdaDelta(rho=0.9, eps=1e-6), lambda p: torch.optim.Adadelta(p, lr=1.0, rho=0.9, eps=1e-6)),
    # PyTorch forms sqrt(delta + eps) / sqrt(s + eps) first and gdlib g / sqrt(s + eps), so
    # they agree to rounding, not to the bit; on a run that zigzags across Rosenbrock's
    # valley (rho=0.95, eps=1e-4 here) that rounding doubles every step or so and the two
    # part after about 180 steps, like any two implementations would.
    "AdaDelta, lr": (gdlib.AdaDelta(rho=0.9, eps=1e-4, lr=0.5),
                     lambda p: torch.optim.Adadelta(p, lr=0.5, rho=0.9, eps=1e-4)),
    "Adam": (gdlib.Adam(lr=0.01), lambda p: torch.optim.Adam(p, lr=0.01)),
    "Adam, eps": (gdlib.Adam(lr=0.01, beta1=0.8, beta2=0.99, eps=1e-3),
                  lambda p: torch.optim.Adam(p, lr=0.01, betas=(0.8, 0.99), eps=1e-3)),
    "AdamW": (gdlib.AdamW(lr=0.01, weight_decay=0.1),
              lambda p: torch.optim.AdamW(p, lr=0.01, weight_decay=0.1)),
}


@pytest.mark.parametrize("name", SAME_ITERATES)
def test_same_iterates_as_pytorch(name):
    ours, theirs = SAME_ITERATES[name]
    xs = gdlib_run(ours)
    assert np.abs(xs[-1] - X0).max() > 0.05  # the runs go somewhere
    np.testing.assert_allclose(xs, torch_run(theirs, rosenbrock.grad, X0, STEPS), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("ours, theirs, first_s", [
    (gdlib.AdaGrad(lr=0.1, eps=1e-2), lambda p: torch.optim.Adagrad(p, lr=0.1, eps=1e-2), lambda g: g**2),
    (gdlib.RMSProp(lr=0.1, gamma=0.9, eps=1e-2), lambda p: torch.optim.RMSprop(p, lr=0.1, alpha=0.9, eps=1e-2),
     lambda g: 0.1 * g**2),
], ids=["AdaGrad", "RMSProp"])
def test_eps_inside_the_root_is_not_pytorchs_eps(ours, theirs, first_s):
    """The docstrings warn that PyTorch adds eps outside the root. The first step, by hand:
    gdlib's is eta g / sqrt(s_1 + eps), PyTorch's eta g / (sqrt(s_1) + eps)."""
    g, eps = rosenbrock.grad(X0), 1e-2
    ours_x1, theirs_x1 = gdlib_run(ours, steps=1)[1], torch_run(theirs, rosenbrock.grad, X0, 1)[1]
    np.testing.assert_allclose(ours_x1, X0 - 0.1 * g / np.sqrt(first_s(g) + eps), rtol=1e-14)
    np.testing.assert_allclose(theirs_x1, X0 - 0.1 * g / (np.sqrt(first_s(g)) + eps), rtol=1e-14)
    assert np.all(np.abs(ours_x1 - theirs_x1) > 1e-8)


SCHEDULES = {
    "StepDecay": (gdlib.schedules.StepDecay(0.1, step_size=7, factor=0.5),
                  lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=7, gamma=0.5)),
    "MultiStep": (gdlib.schedules.MultiStep(0.1, milestones=(10, 25), factor=0.3),
                  lambda o: torch.optim.lr_scheduler.MultiStepLR(o, milestones=[10, 25], gamma=0.3)),
    "Exponential": (gdlib.schedules.Exponential(0.1, decay=0.95),
                    lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.95)),
    "Cosine": (gdlib.schedules.Cosine(0.1, total_steps=40, min_lr=0.01),
               lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=40, eta_min=0.01)),
    "Warmup": (gdlib.schedules.Warmup(0.1, warmup_steps=8),
               lambda o: torch.optim.lr_scheduler.LinearLR(o, start_factor=1 / 8, end_factor=1.0, total_iters=7)),
}


@pytest.mark.parametrize("name", SCHEDULES)
def test_schedules_match_pytorchs_schedulers(name):
    """Step t of gdlib (t = 1, 2, ...) uses the rate PyTorch's scheduler gives its
    optimizer before the t-th ``optimizer.step()``, when ``scheduler.step()`` follows each."""
    schedule, make_scheduler = SCHEDULES[name]
    optimizer = torch.optim.SGD([torch.zeros(1, dtype=torch.float64, requires_grad=True)], lr=0.1)
    scheduler, theirs = make_scheduler(optimizer), []
    for _ in range(41):  # cosine: up to T_max, after which PyTorch's restarts and gdlib's stays at min_lr
        theirs.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    np.testing.assert_allclose(schedule(np.arange(1, 42)), theirs, rtol=1e-12)


def test_sgd_with_schedule_same_iterates_as_pytorch():
    ours = gdlib.GD(lr=gdlib.schedules.Cosine(2e-3, total_steps=STEPS))
    theirs = torch_run(lambda p: torch.optim.SGD(p, lr=2e-3), rosenbrock.grad, X0, STEPS,
                       lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=STEPS))
    np.testing.assert_allclose(gdlib_run(ours), theirs, rtol=1e-10, atol=1e-12)


def test_momentum_with_a_schedule_differs_from_pytorch_as_documented():
    """Momentum's docstring: with a constant rate gdlib's v = eta b; with a schedule the two
    differ, because gdlib scales each gradient by the rate of its own step while PyTorch
    scales the whole velocity by the current rate. Both are checked against that algebra."""
    schedule = gdlib.schedules.StepDecay(1e-3, step_size=50, factor=0.1)
    ours = gdlib_run(gdlib.Momentum(lr=schedule, gamma=0.9))
    theirs = torch_run(lambda p: torch.optim.SGD(p, lr=1e-3, momentum=0.9), rosenbrock.grad, X0, STEPS,
                       lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=50, gamma=0.1))
    np.testing.assert_allclose(ours[:51], theirs[:51], rtol=1e-10, atol=1e-12)  # constant rate so far
    assert np.abs(ours[52] - theirs[52]).max() > 1e-6  # the rate dropped after step 50

    def pytorch_form(x, steps):  # b_t = gamma b_{t-1} + g_t, x_t = x_{t-1} - eta_t b_t
        b, xs = np.zeros_like(x), [x]
        for t in range(1, steps + 1):
            b = 0.9 * b + rosenbrock.grad(xs[-1])
            xs.append(xs[-1] - schedule(t) * b)
        return np.array(xs)

    np.testing.assert_allclose(theirs, pytorch_form(X0, STEPS), rtol=1e-10, atol=1e-12)
