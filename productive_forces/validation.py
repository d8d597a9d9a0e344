"""Argument checks shared by the models: each raises ValueError naming the parameter and its range."""

import numpy as np


def as_array(name, value):
    """Return value as a float array, rejecting NaN and infinity."""
    array = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return array


def require_open_unit(name, value):
    """Require every element of value to lie strictly between 0 and 1."""
    array = as_array(name, value)
    if np.any((array <= 0) | (array >= 1)):
        raise ValueError(f"{name} must lie strictly between 0 and 1, got {value!r}")
    return array


def require_positive(name, value):
    """Require every element of value to be greater than 0."""
    array = as_array(name, value)
    if np.any(array <= 0):
        raise ValueError(f"{name} must be greater than 0, got {value!r}")
    return array


def require_non_negative(name, value):
    """Require every element of value to be 0 or more."""
    array = as_array(name, value)
    if np.any(array < 0):
        raise ValueError(f"{name} must be 0 or more, got {value!r}")
    return array


def require_between(name, value, low, high):
    """Require every element of value to lie in the closed interval [low, high]."""
    array = as_array(name, value)
    if np.any((array < low) | (array > high)):
        raise ValueError(f"{name} must lie between {low} and {high}, got {value!r}")
    return array
