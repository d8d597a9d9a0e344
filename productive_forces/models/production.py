"""The aggregate production function and the Penn World Table's human-capital index."""

import numpy as np

from ..validation import require_non_negative, require_open_unit, require_positive

# Returns to a year of schooling used by PWT (after Psacharopoulos 1994): 13.4% for each of the
# first four years, 10.1% for the next four, 6.8% for every year beyond eight.
SCHOOLING_RETURNS = ((4.0, 0.134), (4.0, 0.101), (np.inf, 0.068))


def cobb_douglas(tfp, capital, labour, alpha, human_capital=1.0):
    """Output Y = A * K**alpha * (h * L)**(1 - alpha); arrays broadcast."""
    tfp = require_non_negative("tfp", tfp)
    capital = require_non_negative("capital", capital)
    labour = require_non_negative("labour", labour)
    alpha = require_open_unit("alpha", alpha)
    human_capital = require_positive("human_capital", human_capital)
    return tfp * capital**alpha * (human_capital * labour) ** (1 - alpha)


def human_capital_index(years_of_schooling):
    """PWT's index h = exp(phi(s)) with piecewise-linear returns to schooling s (in years)."""
    remaining = require_non_negative("years_of_schooling", years_of_schooling)
    phi = np.zeros_like(remaining)
    for span, rate in SCHOOLING_RETURNS:
        years_in_band = np.minimum(remaining, span)
        phi = phi + rate * years_in_band
        remaining = remaining - years_in_band
    return np.exp(phi)
