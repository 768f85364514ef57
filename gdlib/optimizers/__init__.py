"""The optimizers: each a small class holding hyperparameters, with ``init`` and ``update``."""

from .adam import Adam, AdamW
from .adam_variants import AdaMax, AMSGrad, NAdam, Yogi
from .adaptive import AdaDelta, AdaGrad, RMSProp
from .averaging import Averaged
from .base import Optimizer
from .clipping import ClipByNorm, ClipByValue
from .conjugate_gradient import ConjugateGradient
from .gd import GD, Momentum, Nesterov
from .lion import Lion
from .polyak import Polyak
from .projection import ProjectToBox
from .quasi_newton import BFGS, LBFGS
from .schedule_free import ScheduleFreeAdamW, ScheduleFreeSGD
from .second_order import Backtracking, Newton
from .variance_reduction import SAG, SAGA, SVRG

__all__ = ["Optimizer", "GD", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "AdaDelta",
           "Adam", "AdamW", "AMSGrad", "NAdam", "AdaMax", "Yogi", "Lion", "Newton",
           "Backtracking", "ConjugateGradient", "BFGS", "LBFGS", "Polyak", "SAG", "SAGA", "SVRG",
           "ScheduleFreeSGD", "ScheduleFreeAdamW", "ClipByNorm", "ClipByValue", "ProjectToBox", "Averaged"]
