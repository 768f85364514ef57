"""The optimizers: each a small class holding hyperparameters, with ``init`` and ``update``."""

from .adam import Adam, AdamW
from .adam_variants import AdaMax, AMSGrad, NAdam, Yogi
from .adaptive import AdaDelta, AdaGrad, RMSProp
from .base import Optimizer
from .clipping import ClipByNorm, ClipByValue
from .conjugate_gradient import ConjugateGradient
from .gd import GD, Momentum, Nesterov
from .lion import Lion
from .projection import ProjectToBox
from .quasi_newton import BFGS, LBFGS
from .second_order import Backtracking, Newton

__all__ = ["Optimizer", "GD", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "AdaDelta",
           "Adam", "AdamW", "AMSGrad", "NAdam", "AdaMax", "Yogi", "Lion", "Newton",
           "Backtracking", "ConjugateGradient", "BFGS", "LBFGS", "ClipByNorm", "ClipByValue", "ProjectToBox"]
