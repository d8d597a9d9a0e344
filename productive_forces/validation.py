"""Argument checks shared by the models: each raises ValueError naming the parameter and its range.

The messages are translated when the error is raised (see :mod:`productive_forces.i18n`); the
parameter's name stays its Python name in every language, so that a reader can find it in the call.
"""

import numpy as np

from .i18n import _


def as_array(name, value):
    """Return value as a float array, rejecting NaN and infinity."""
    array = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(array)):
        raise ValueError(_("{name} must be a finite number, got {value!r}").format(name=name, value=value))
    return array


def require_open_unit(name, value):
    """Require every element of value to lie strictly between 0 and 1."""
    array = as_array(name, value)
    if np.any((array <= 0) | (array >= 1)):
        raise ValueError(_("{name} must lie strictly between 0 and 1, got {value!r}").format(name=name, value=value))
    return array


def require_positive(name, value):
    """Require every element of value to be greater than 0."""
    array = as_array(name, value)
    if np.any(array <= 0):
        raise ValueError(_("{name} must be greater than 0, got {value!r}").format(name=name, value=value))
    return array


def require_non_negative(name, value):
    """Require every element of value to be 0 or more."""
    array = as_array(name, value)
    if np.any(array < 0):
        raise ValueError(_("{name} must be 0 or more, got {value!r}").format(name=name, value=value))
    return array


def require_between(name, value, low, high):
    """Require every element of value to lie in the closed interval [low, high]."""
    array = as_array(name, value)
    if np.any((array < low) | (array > high)):
        raise ValueError(
            _("{name} must lie between {low} and {high}, got {value!r}").format(name=name, low=low, high=high, value=value)
        )
    return array
