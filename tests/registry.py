"""One registry of gdlib's optimizers for the tests: every kind, with the settings that
matter (``eps = 0``, weight decay, second-order, wrappers), and the bowl they run on."""

import numpy as np

import gdlib


@gdlib.vectorized
def bowl(x):
    """f(x) = sum(x^2 + x^4 / 4), in any dimension, many points at once."""
    return np.sum(x**2 + 0.25 * x**4, axis=-1)


def bowl_hessian(x):
    """diag(2 + 3 x^2), shape x.shape + (d,)."""
    return (2 + 3 * x**2)[..., None] * np.eye(np.shape(x)[-1])


def bowl_grad(x):
    """The gradient of ``bowl``: 2 x + x^3."""
    return 2 * x + x**3


OPTIMIZERS = [gdlib.GD(0.1), gdlib.Momentum(0.1, gamma=0.5), gdlib.Nesterov(0.1, gamma=0.5),
              gdlib.AdaGrad(0.5), gdlib.RMSProp(0.1), gdlib.AdaDelta(), gdlib.Adam(0.1),
              gdlib.AdamW(0.1, weight_decay=0.1), gdlib.AdaGrad(0.5, eps=0.0),
              gdlib.RMSProp(0.1, eps=0.0), gdlib.Adam(0.1, eps=0.0),
              gdlib.AMSGrad(0.1), gdlib.NAdam(0.1), gdlib.AdaMax(0.1), gdlib.Yogi(0.1),
              gdlib.Lion(0.01, weight_decay=0.1), gdlib.AMSGrad(0.1, eps=0.0),
              gdlib.NAdam(0.1, eps=0.0), gdlib.AdaMax(0.1, eps=0.0), gdlib.Yogi(0.1, eps=0.0),
              gdlib.Newton(0.5, hessian=bowl_hessian), gdlib.Backtracking(0.1, loss=bowl),
              gdlib.ClipByNorm(gdlib.Adam(0.1), max_norm=1.0),
              gdlib.ClipByValue(gdlib.Momentum(0.1, gamma=0.5), max_value=1.0),
              gdlib.ProjectToBox(gdlib.Adam(0.1), lower=-2.0, upper=2.0),
              gdlib.Polyak(0.5, loss=bowl, max_lr=1.0), gdlib.ScheduleFreeSGD(0.1),
              gdlib.ScheduleFreeAdamW(0.1, warmup_steps=3, weight_decay=0.1, eps=0.0),
              gdlib.Averaged(gdlib.Adam(0.1)), gdlib.Averaged(gdlib.ScheduleFreeSGD(0.1), kind="ema",
                                                               gamma=0.9, start=2),
              gdlib.ConjugateGradient(hessian=bowl_hessian),
              gdlib.ConjugateGradient(0.5, beta="fletcher-reeves", loss=bowl, grad=bowl_grad),
              gdlib.BFGS(loss=bowl, grad=bowl_grad), gdlib.LBFGS(0.5, history_size=3),
              gdlib.LBFGS(loss=bowl, grad=bowl_grad, line_search_fn="strong_wolfe")]


def small_logistic():
    """A strongly convex logistic regression of 20 examples and 3 parameters (as many as
    the points of tests/test_contract.py), for the optimizers that evaluate their own
    gradients on a finite sum and run with grad=None."""
    rng = np.random.default_rng(0)
    return gdlib.functions.LogisticRegression(rng.normal(size=(20, 3)), rng.integers(0, 2, 20),
                                              l2=0.1)


LOGISTIC = small_logistic()
FINITE_SUM_OPTIMIZERS = [gdlib.SAG(0.2, problem=LOGISTIC), gdlib.SAGA(0.2, problem=LOGISTIC, batch_size=2),
                         gdlib.SVRG(0.2, problem=LOGISTIC, inner_steps=5)]
