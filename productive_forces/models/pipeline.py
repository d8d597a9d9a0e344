"""An innovation pipeline: basic research feeds applied research, which feeds industrial use.

A simple discrete-time model built for this course; its parameters are illustrative. Stage j
(basic, applied, industrial use) gets a share s_j of a yearly budget B and turns it into a capacity
A_j * (s_j * B)**beta_j, with diminishing returns (0 < beta_j < 1). Results pass to the next stage
after a lag, and only a fraction tau of them is taken up there; tau rises with the strength of
collaboration c between firms, universities and institutes, from tau_low at c = 0 to tau_high at
c = 1:

    discoveries    D_t = A_b (s_b B)**beta_b
    technologies   T_t = tau(c) * D_{t - L1} * A_a (s_a B)**beta_a
    innovations    I_t = tau(c) * T_{t - L2} * A_u (s_u B)**beta_u   (reaching industry in year t)

With a split held constant, I = tau(c)**2 * prod_j A_j (s_j B)**beta_j in the long run: a
Cobb-Douglas function of the three budgets. Over splits that add up to 1 it is highest at
s_j = beta_j / (beta_b + beta_a + beta_u), whatever B, the A_j and c are.
"""

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from ..i18n import _
from ..validation import as_array, require_between, require_non_negative, require_open_unit, require_positive

STAGES = ("basic research", "applied research", "industrial use")


@dataclass(frozen=True)
class PipelineParameters:
    """Illustrative parameters of the pipeline (see the module docstring for the equations)."""

    exponents: tuple = (0.15, 0.25, 0.40)  # beta_j: returns to each stage's budget
    productivity: tuple = (1.0, 1.0, 1.0)  # A_j
    budget: float = 100.0  # B, in budget units a year
    transfer_low: float = 0.2  # share of results taken up by the next stage with no collaboration
    transfer_high: float = 0.8  # ... and with the strongest collaboration
    lag_basic: int = 5  # L1: years from a discovery to applied work on it
    lag_applied: int = 3  # L2: years from a technology to its use in industry

    def __post_init__(self):
        for name, size in (("exponents", 3), ("productivity", 3)):
            if np.shape(getattr(self, name)) != (size,):
                raise ValueError(
                    _("{name} must give one number for each of the 3 stages, got {value!r}").format(
                        name=name, value=getattr(self, name)
                    )
                )
        require_open_unit("exponents", self.exponents)
        require_positive("productivity", self.productivity)
        require_positive("budget", self.budget)
        require_between("transfer_low", self.transfer_low, 0.0, 1.0)
        require_between("transfer_high", self.transfer_high, self.transfer_low, 1.0)
        if self.transfer_high <= 0:
            raise ValueError(_("{name} must be greater than 0, got {value!r}").format(name="transfer_high", value=self.transfer_high))
        for name in ("lag_basic", "lag_applied"):
            lag = getattr(self, name)
            if isinstance(lag, bool) or not isinstance(lag, (int, np.integer)) or lag < 0:
                raise ValueError(_("{name} must be a whole number of years, 0 or more, got {value!r}").format(name=name, value=lag))


DEFAULT_PARAMETERS = PipelineParameters()


class PipelinePath(NamedTuple):
    """Flows in each year of a path: discoveries, technologies and innovations reaching industry."""

    year: np.ndarray
    discoveries: np.ndarray
    technologies: np.ndarray
    innovations: np.ndarray


def split(basic, applied):
    """The three shares (basic, applied, industrial use) when industrial use gets what is left."""
    basic = float(require_between("basic", basic, 0.0, 1.0))
    applied = float(require_between("applied", applied, 0.0, 1.0))
    if basic + applied > 1 + 1e-9:
        raise ValueError(
            _("basic + applied must be at most 1 (100% of the budget), got {basic} + {applied} = {total}").format(
                basic=basic, applied=applied, total=basic + applied
            )
        )
    return np.array([basic, applied, max(0.0, 1.0 - basic - applied)])


def _shares(shares, name="shares"):
    s = require_non_negative(name, shares)
    if s.ndim == 0 or s.shape[-1] != 3:
        raise ValueError(_("{name} must give one share for each of the 3 stages, got {value!r}").format(name=name, value=shares))
    if np.any(np.abs(s.sum(axis=-1) - 1) > 1e-6):
        raise ValueError(_("{name} must add up to 1 (the whole budget), got {value!r}").format(name=name, value=shares))
    return s


def transfer_rate(collaboration, params=DEFAULT_PARAMETERS, name="collaboration"):
    """tau(c): the share of one stage's results taken up by the next, for collaboration c in [0, 1]
    (`name` is what an error calls c)."""
    c = require_between(name, collaboration, 0.0, 1.0)
    return params.transfer_low + (params.transfer_high - params.transfer_low) * c


def stage_capacity(shares, params=DEFAULT_PARAMETERS):
    """A_j * (s_j * B)**beta_j for each stage (last axis), given the shares of the budget."""
    s = _shares(shares)
    return np.asarray(params.productivity) * (s * params.budget) ** np.asarray(params.exponents)


def long_run_innovations(shares, collaboration, params=DEFAULT_PARAMETERS):
    """Innovations reaching industry per year once a constant split has worked through every lag."""
    return transfer_rate(collaboration, params) ** 2 * stage_capacity(shares, params).prod(axis=-1)


def best_split(params=DEFAULT_PARAMETERS):
    """The split that maximises long-run innovations: shares proportional to the exponents."""
    beta = np.asarray(params.exponents, dtype=float)
    return beta / beta.sum()


def pipeline_path(shares, collaboration, years, previous_shares=None, previous_collaboration=None,
                  params=DEFAULT_PARAMETERS):
    """Yearly flows when the split and collaboration change at year 0 from long-held previous values.

    `years` are whole years counted from the change (negative years are before it). Before year 0
    every stage ran with `previous_shares` and `previous_collaboration` (by default the new values,
    which gives a flat path); from year 0 on, each stage works with its new budget on what reaches
    it, so a change to basic research reaches industry only after lag_basic + lag_applied years.
    """
    year = as_array("years", years)
    if year.ndim != 1 or np.any(year != np.round(year)):
        raise ValueError(_("{name} must be a list of whole years, got {value!r}").format(name="years", value=years))
    year = year.astype(int)
    new_capacity = stage_capacity(shares, params)
    old_capacity = new_capacity if previous_shares is None else stage_capacity(_shares(previous_shares, "previous_shares"), params)
    new_tau = transfer_rate(collaboration, params)
    old_tau = new_tau if previous_collaboration is None else transfer_rate(previous_collaboration, params, "previous_collaboration")

    def capacity(stage, t):
        return np.where(t < 0, old_capacity[stage], new_capacity[stage])

    def tau(t):
        return np.where(t < 0, old_tau, new_tau)

    lag1, lag2 = params.lag_basic, params.lag_applied
    discoveries = capacity(0, year)
    technologies = tau(year) * capacity(0, year - lag1) * capacity(1, year)
    innovations = tau(year) * tau(year - lag2) * capacity(0, year - lag1 - lag2) * capacity(1, year - lag2) * capacity(2, year)
    return PipelinePath(year, discoveries.astype(float), technologies.astype(float), innovations.astype(float))
