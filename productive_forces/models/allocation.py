"""Allocation of a fixed capital stock across firms that differ in TFP.

Firm i produces Y_i = A_i * K_i**alpha * L_i**(1 - alpha) with its own workforce L_i. The
economy's capital K = sum(K_i) is fixed; moving it between firms changes aggregate output, and
so measured aggregate TFP, without any firm's technology changing.
"""

import numpy as np

from ..i18n import _
from ..validation import require_non_negative, require_open_unit, require_positive


def _firm_arrays(tfp, capital, labour, alpha):
    tfp = require_positive("tfp", tfp)
    capital = require_non_negative("capital", capital)
    labour = require_positive("labour", labour)
    alpha = require_open_unit("alpha", alpha)
    if alpha.ndim:
        raise ValueError(_("{name} must be a single number between 0 and 1, got {value!r}").format(name="alpha", value=alpha))
    if not tfp.shape == capital.shape[-tfp.ndim :] == labour.shape:
        raise ValueError(
            _("tfp, capital and labour must give one value per firm; got shapes {tfp}, {capital} and {labour}").format(
                tfp=tfp.shape, capital=capital.shape, labour=labour.shape
            )
        )
    return tfp, capital, labour, float(alpha)


def firm_output(tfp, capital, labour, alpha):
    """Output of each firm; capital may carry leading axes (one allocation per row)."""
    tfp, capital, labour, alpha = _firm_arrays(tfp, capital, labour, alpha)
    return tfp * capital**alpha * labour ** (1 - alpha)


def aggregate_output(tfp, capital, labour, alpha):
    """Total output of all firms for each allocation of capital (sum over the last axis)."""
    return firm_output(tfp, capital, labour, alpha).sum(axis=-1)


def aggregate_tfp(tfp, capital, labour, alpha):
    """Measured aggregate TFP: total output divided by K**alpha * L**(1 - alpha) for the whole economy."""
    tfp, capital, labour, alpha = _firm_arrays(tfp, capital, labour, alpha)
    inputs = capital.sum(axis=-1) ** alpha * labour.sum() ** (1 - alpha)
    return aggregate_output(tfp, capital, labour, alpha) / inputs


def marginal_product_of_capital(tfp, capital, labour, alpha):
    """dY_i/dK_i = alpha * A_i * (L_i / K_i)**(1 - alpha) for each firm (infinite at K_i = 0)."""
    tfp, capital, labour, alpha = _firm_arrays(tfp, capital, labour, alpha)
    with np.errstate(divide="ignore"):
        return alpha * tfp * (labour / capital) ** (1 - alpha)


def efficient_capital(tfp, labour, total_capital, alpha):
    """The allocation that equalises marginal products: K_i proportional to A_i**(1/(1-alpha)) * L_i."""
    total_capital = require_positive("total_capital", total_capital)
    tfp, _ones, labour, alpha = _firm_arrays(tfp, np.ones_like(np.asarray(tfp, dtype=float)), labour, alpha)
    weight = tfp ** (1 / (1 - alpha)) * labour
    return total_capital * weight / weight.sum()
