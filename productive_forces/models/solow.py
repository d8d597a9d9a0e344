"""The Solow growth model in discrete time, per worker, with TFP A_t multiplying output.

Time runs in years t = 0, 1, 2, ... Output is Y_t = A_t * K_t**alpha * L_t**(1 - alpha), so output
per worker is y_t = A_t * k_t**alpha with k_t = K_t / L_t. Each year the economy saves a share s of
output, capital wears out at rate delta, the workforce grows at rate n and TFP at rate g:

    K_{t+1} = s * Y_t + (1 - delta) * K_t,    L_{t+1} = (1 + n) * L_t,    A_{t+1} = (1 + g) * A_t,

so capital per worker follows

    (1 + n) * k_{t+1} = s * y_t + (1 - delta) * k_t.

Saving in year t uses year t's output and adds to the next year's capital. Closed forms:

* with g = 0 capital per worker settles at k* = (s * A / (n + delta))**(1 / (1 - alpha)), and
  output per worker at y* = A * (k*)**alpha: growth from saving alone dies out;
* with g > 0 output and capital per worker grow, once on the balanced path, at the gross rate
  (1 + g)**(1 / (1 - alpha)) each year; capital per *effective* worker k / A**(1 / (1 - alpha))
  settles at (s / ((1 + n) * (1 + g)**(1 / (1 - alpha)) - (1 - delta)))**(1 / (1 - alpha)).

All functions take numpy arrays and broadcast them; none draws or reads files.
"""

from typing import NamedTuple

import numpy as np

from ..i18n import _
from ..validation import as_array, require_between, require_open_unit, require_positive

YEARS = 60  # the horizon the course's figures use


class SolowPath(NamedTuple):
    """A simulated path: year has shape (years + 1,), the others (years + 1, *parameter shape)."""

    year: np.ndarray
    tfp: np.ndarray
    capital: np.ndarray  # capital per worker k_t
    output: np.ndarray  # output per worker y_t

    @property
    def growth(self):
        """Growth of output per worker from year t - 1 to t, y_t / y_{t-1} - 1, for t = 1..years."""
        return self.output[1:] / self.output[:-1] - 1


def _parameters(saving, alpha, depreciation, labour_growth):
    saving = require_open_unit("saving", saving)
    alpha = require_open_unit("alpha", alpha)
    depreciation = require_between("depreciation", depreciation, 0.0, 1.0)
    labour_growth = require_between("labour_growth", labour_growth, -0.5, 0.5)
    if np.any(labour_growth + depreciation <= 0):
        raise ValueError(
            _(
                "labour_growth + depreciation must be greater than 0 (else capital per worker never settles), "
                "got {labour_growth!r} + {depreciation!r}"
            ).format(labour_growth=labour_growth, depreciation=depreciation)
        )
    return saving, alpha, depreciation, labour_growth


def _tfp_growth(tfp_growth):
    return require_between("tfp_growth", tfp_growth, 0.0, 0.5)


def steady_state_capital(saving, alpha, depreciation, labour_growth, tfp=1.0):
    """Capital per worker at which saving just offsets wear and dilution, with no TFP growth.

    k* = (s * A / (n + delta))**(1 / (1 - alpha)), from (n + delta) * k = s * A * k**alpha.
    """
    saving, alpha, depreciation, labour_growth = _parameters(saving, alpha, depreciation, labour_growth)
    tfp = require_positive("tfp", tfp)
    return (saving * tfp / (labour_growth + depreciation)) ** (1 / (1 - alpha))


def steady_state_output(saving, alpha, depreciation, labour_growth, tfp=1.0):
    """Output per worker in the steady state without TFP growth: y* = A * (k*)**alpha."""
    capital = steady_state_capital(saving, alpha, depreciation, labour_growth, tfp)
    return require_positive("tfp", tfp) * capital ** as_array("alpha", alpha)


def balanced_growth_rate(tfp_growth, alpha):
    """Growth of output (and capital) per worker on the balanced path: (1 + g)**(1 / (1 - alpha)) - 1.

    TFP growth g raises output directly and, through the extra saving it brings, capital too;
    the 1 / (1 - alpha) multiplies it by that second round.
    """
    tfp_growth = _tfp_growth(tfp_growth)
    alpha = require_open_unit("alpha", alpha)
    return (1 + tfp_growth) ** (1 / (1 - alpha)) - 1


def steady_state_effective_capital(saving, alpha, depreciation, labour_growth, tfp_growth):
    """Capital per effective worker k / A**(1 / (1 - alpha)) on the balanced growth path.

    From (1 + n) * G * x = s * x**alpha + (1 - delta) * x with G = (1 + g)**(1 / (1 - alpha)):
    x* = (s / ((1 + n) * G - (1 - delta)))**(1 / (1 - alpha)). With g = 0 it equals k* at A = 1.
    """
    saving, alpha, depreciation, labour_growth = _parameters(saving, alpha, depreciation, labour_growth)
    gross = 1 + balanced_growth_rate(tfp_growth, alpha)
    return (saving / ((1 + labour_growth) * gross - (1 - depreciation))) ** (1 / (1 - alpha))


def convergence_rate(alpha, depreciation, labour_growth):
    """Share of the gap to the steady state closed each year near it, with no TFP growth.

    Linearising k_{t+1} = (s * A * k_t**alpha + (1 - delta) * k_t) / (1 + n) at k* gives a slope
    lambda = (alpha * (n + delta) + 1 - delta) / (1 + n), so the gap shrinks by
    1 - lambda = (1 - alpha) * (n + delta) / (1 + n) a year, whatever the saving rate.
    """
    _saving, alpha, depreciation, labour_growth = _parameters(0.5, alpha, depreciation, labour_growth)
    return (1 - alpha) * (labour_growth + depreciation) / (1 + labour_growth)


def simulate(saving, alpha, depreciation, labour_growth, tfp_growth=0.0, years=YEARS, initial_capital=None, initial_tfp=1.0):
    """Simulate the model for `years` years from capital per worker k_0 (default: k* with g = 0).

    Year t's saving adds to year t + 1's capital; the saving rate applies from year 0, so a path
    started at the steady state of a lower saving rate shows the effect of raising it in year 0.
    Parameters broadcast: pass arrays to simulate many economies at once.
    """
    saving, alpha, depreciation, labour_growth = _parameters(saving, alpha, depreciation, labour_growth)
    tfp_growth = _tfp_growth(tfp_growth)
    initial_tfp = require_positive("initial_tfp", initial_tfp)
    if isinstance(years, bool) or not float(years).is_integer() or not 1 <= years <= 1000:
        raise ValueError(
            _("{name} must be a whole number between {low} and {high}, got {value!r}").format(
                name="years", low=1, high=1000, value=years
            )
        )
    years = int(years)
    if initial_capital is None:
        initial_capital = steady_state_capital(saving, alpha, depreciation, labour_growth, initial_tfp)
    initial_capital = require_positive("initial_capital", initial_capital)
    shape = np.broadcast_shapes(
        *(np.shape(x) for x in (saving, alpha, depreciation, labour_growth, tfp_growth, initial_capital, initial_tfp))
    )
    year = np.arange(years + 1)
    tfp = initial_tfp * (1 + tfp_growth) ** year.reshape((-1,) + (1,) * len(shape))
    tfp = np.broadcast_to(tfp, (years + 1,) + shape)
    capital = np.empty((years + 1,) + shape)
    capital[0] = initial_capital
    for t in range(years):
        output = tfp[t] * capital[t] ** alpha
        capital[t + 1] = (saving * output + (1 - depreciation) * capital[t]) / (1 + labour_growth)
    return SolowPath(year, tfp, capital, tfp * capital**alpha)


def growth_paths(saving, alpha, depreciation, labour_growth, tfp_growth, baseline_saving=0.2, years=YEARS):
    """The two paths the course compares, both from the steady state of `baseline_saving` with A = 1.

    Factor-driven: the saving rate rises to `saving` in year 0 and TFP stays put.
    Innovation-driven: saving stays at `baseline_saving` and TFP grows at `tfp_growth` a year.
    Returns (factor, innovation), two SolowPath.
    """
    baseline_saving = float(require_open_unit("baseline_saving", baseline_saving))
    start = steady_state_capital(baseline_saving, alpha, depreciation, labour_growth)
    factor = simulate(saving, alpha, depreciation, labour_growth, 0.0, years, initial_capital=start)
    innovation = simulate(baseline_saving, alpha, depreciation, labour_growth, tfp_growth, years, initial_capital=start)
    return factor, innovation
