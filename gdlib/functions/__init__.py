"""Objectives: value, gradient, Hessian, known minimizers and a plotting box for each.

One variable: :data:`xcos` (:math:`x\\cos(\\pi x)`, the running example) and
:data:`cubic` (:math:`x^3`). Two variables: :data:`saddle` (:math:`x_1^2 - x_2^2`),
:data:`quadratic` (:math:`0.1x_1^2 + 2x_2^2`; :class:`Quadratic` for others),
:data:`rosenbrock` and :data:`beale`. Finite sums for stochastic gradients:
:class:`LeastSquares`, :class:`LogisticRegression` and a small neural network,
:class:`MLP` (with :func:`split` for training and test sets).
"""

from .base import Objective, roots
from .finite_sum import FiniteSum, LeastSquares, LogisticRegression, MinibatchGradient
from .mlp import MLP, split
from .one_d import Cubic, XCosPiX, cubic, xcos
from .two_d import Beale, Quadratic, Rosenbrock, Saddle, beale, quadratic, rosenbrock, saddle

__all__ = ["Objective", "roots", "XCosPiX", "Cubic", "Saddle", "Quadratic", "Rosenbrock", "Beale",
           "FiniteSum", "LeastSquares", "LogisticRegression", "MinibatchGradient", "MLP", "split",
           "xcos", "cubic", "saddle", "quadratic", "rosenbrock", "beale"]
