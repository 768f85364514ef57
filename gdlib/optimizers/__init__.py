"""The optimizers: each a small class holding hyperparameters, with ``init`` and ``update``."""

from .adam import Adam, AdamW
from .adaptive import AdaDelta, AdaGrad, RMSProp
from .base import Optimizer
from .gd import GD, Momentum, Nesterov

__all__ = ["Optimizer", "GD", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "AdaDelta",
           "Adam", "AdamW"]
