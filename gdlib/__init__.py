"""gdlib: gradient descent and its descendants, in small and exact numpy.

The engine of the book *Gradient Descent, Line by Line*: every figure and every
number in it is computed with this package.

>>> import gdlib
>>> from gdlib.functions import xcos
>>> traj = gdlib.run(gdlib.GD(lr=0.1), xcos.grad, x0=0.5, steps=5, loss=xcos.value)
>>> round(float(traj.final), 4)
1.0899
"""

from . import functions, schedules
from . import rates
from .ema import ema, update_moment
from .gradcheck import GradCheck, check_grad
from .optimizers import (BFGS, GD, LBFGS, SAG, SAGA, SVRG, AdaDelta, AdaGrad, Adam, AdaMax, AdamW,
                         AMSGrad, Averaged, Backtracking, ClipByNorm, ClipByValue, ConjugateGradient,
                         Lion, Momentum, NAdam, Nesterov, Newton, Optimizer, Polyak, ProjectToBox,
                         RMSProp, ScheduleFreeAdamW, ScheduleFreeSGD, Yogi)
from .run import Trajectories, Trajectory, is_vectorized, run, run_many, vectorized
from .tuning import Tuning, tune_lr

__version__ = "0.1.0"

__all__ = ["GD", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "AdaDelta", "Adam", "AdamW",
           "AMSGrad", "NAdam", "AdaMax", "Yogi", "Lion", "Newton", "Backtracking", "ConjugateGradient",
           "BFGS", "LBFGS", "Polyak", "SAG", "SAGA", "SVRG", "ScheduleFreeSGD", "ScheduleFreeAdamW",
           "ClipByNorm", "ClipByValue", "ProjectToBox", "Averaged", "Optimizer", "run", "run_many",
           "Trajectory", "Trajectories", "vectorized",
           "is_vectorized", "check_grad", "GradCheck", "tune_lr", "Tuning", "ema", "update_moment",
           "functions", "schedules", "rates"]
