"""Compound growth: projections and doubling times."""

import numpy as np

from ..i18n import _
from ..validation import as_array, require_non_negative, require_positive


def doubling_time(rate):
    """Years for a quantity growing at `rate` a year (compounded annually, e.g. 0.02) to double."""
    rate = require_positive("rate", rate)
    return np.log(2.0) / np.log1p(rate)


def project(start_value, rate, years):
    """Values start_value * (1 + rate)**t for t in 0..years (an array of years + 1 values)."""
    start_value = require_positive("start_value", start_value)
    rate = as_array("rate", rate)
    if np.any(rate <= -1):
        raise ValueError(_("{name} must be greater than -1 (a fall of 100%), got {value!r}").format(name="rate", value=rate))
    years = int(require_non_negative("years", years))
    return start_value * (1.0 + rate) ** np.arange(years + 1)
