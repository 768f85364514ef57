"""Validation of user input, shared by every public entry point.

Each check either returns the value converted to the type gdlib works with, or
raises ``TypeError`` / ``ValueError`` with a message that names the parameter
and repeats the value received.
"""

from numbers import Integral, Real

import numpy as np

__all__ = ["real", "positive", "unit_interval", "open_unit_interval", "decay_factor",
           "nonnegative", "integer", "finite_array"]


def real(name, value):
    """Return ``value`` as a finite Python float; refuse booleans, strings, NaN and infinities."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a real number, got {value!r} of type {type(value).__name__}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return value


def positive(name, value):
    """A finite real number > 0."""
    value = real(name, value)
    if value <= 0:
        raise ValueError(f"{name} must be > 0, got {value!r}")
    return value


def nonnegative(name, value):
    """A finite real number >= 0."""
    value = real(name, value)
    if value < 0:
        raise ValueError(f"{name} must be >= 0, got {value!r}")
    return value


def unit_interval(name, value):
    """A decay factor: a real number in [0, 1)."""
    value = real(name, value)
    if not 0 <= value < 1:
        raise ValueError(f"{name} must lie in [0, 1), got {value!r}")
    return value


def open_unit_interval(name, value):
    """A fraction strictly between 0 and 1, such as a line search's constants."""
    value = real(name, value)
    if not 0 < value < 1:
        raise ValueError(f"{name} must lie in (0, 1), got {value!r}")
    return value


def decay_factor(name, value):
    """A schedule's decay factor: a real number in (0, 1]."""
    value = real(name, value)
    if not 0 < value <= 1:
        raise ValueError(f"{name} must lie in (0, 1] (a factor that shrinks the rate), "
                         f"got {value!r}")
    return value


def integer(name, value, minimum=0):
    """A Python int >= ``minimum``; refuse booleans and floats (even integral ones)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be an integer, got {value!r} of type {type(value).__name__}")
    value = int(value)
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value!r}")
    return value


def finite_array(name, value):
    """Return a new float64 array holding ``value``; refuse non-numeric or non-finite input."""
    try:
        raw = np.asarray(value)
    except ValueError as error:  # ragged nested sequences
        raise TypeError(f"{name} must be numeric, got {value!r}") from error
    if raw.dtype.kind not in "iuf":  # booleans, strings, objects and complex numbers are refused
        raise TypeError(f"{name} must be real numbers, got {value!r}")
    array = raw.astype(np.float64)  # always a copy: the caller's data is never touched
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return array
