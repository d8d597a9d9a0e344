"""Structural change: aggregate labour productivity in an economy of several sectors.

Output per worker of the whole economy is the employment-weighted mean of the sectors' output per
worker, P = sum_i s_i * p_i, where s_i is sector i's share of workers and p_i its output per
worker. Between two dates the change splits exactly into three parts (a shift-share
decomposition):

    P1 - P0 = sum_i s_i0 * (p_i1 - p_i0)            within sectors, at the old shares
            + sum_i (s_i1 - s_i0) * p_i0            between sectors: workers move, old productivities
            + sum_i (s_i1 - s_i0) * (p_i1 - p_i0)   interaction: workers move into sectors that improve
"""

from dataclasses import dataclass

import numpy as np

from ..i18n import _
from ..validation import require_between, require_positive

SHARE_TOLERANCE = 1e-9


def _shares(name, shares):
    shares = require_between(name, shares, 0.0, 1.0)
    if shares.ndim == 0:
        raise ValueError(_("{name} must list one share of workers per sector, got {value!r}").format(name=name, value=shares))
    totals = shares.sum(axis=-1)
    if np.any(np.abs(totals - 1.0) > SHARE_TOLERANCE):
        raise ValueError(_("{name} must add up to 1 across sectors, got totals {value!r}").format(name=name, value=totals))
    return shares


def _sector_arrays(shares, productivity, share_name="shares", productivity_name="productivity"):
    shares = _shares(share_name, shares)
    productivity = require_positive(productivity_name, productivity)
    if productivity.shape[-1:] != shares.shape[-1:]:
        raise ValueError(
            _("{shares} and {productivity} must give one value per sector; got shapes {shares_shape} and {productivity_shape}").format(
                shares=share_name, productivity=productivity_name, shares_shape=shares.shape,
                productivity_shape=productivity.shape,
            )
        )
    return shares, productivity


def aggregate_productivity(shares, productivity):
    """Output per worker of the economy: sum of sector shares of workers times sector output per worker.

    Both arguments list one value per sector along the last axis; shares must add up to 1.
    """
    shares, productivity = _sector_arrays(shares, productivity)
    return (shares * productivity).sum(axis=-1)


def two_sector_productivity(new_share, traditional, new):
    """Aggregate output per worker when a share `new_share` (0 to 1) of workers is in the new sector."""
    new_share = require_between("new_share", new_share, 0.0, 1.0)
    traditional = require_positive("traditional", traditional)
    new = require_positive("new", new)
    return (1.0 - new_share) * traditional + new_share * new


@dataclass(frozen=True)
class ShiftShare:
    """The change in aggregate output per worker and its three parts (same units as productivity)."""

    within: float
    between: float
    interaction: float
    start: float
    end: float

    @property
    def total(self):
        """End level minus start level; equals within + between + interaction."""
        return self.end - self.start

    @property
    def reallocation(self):
        """Everything due to workers changing sector: the between and interaction terms together."""
        return self.between + self.interaction


def shift_share(shares_start, productivity_start, shares_end, productivity_end):
    """Split the change in aggregate output per worker into within, between and interaction terms."""
    s0, p0 = _sector_arrays(shares_start, productivity_start, "shares_start", "productivity_start")
    s1, p1 = _sector_arrays(shares_end, productivity_end, "shares_end", "productivity_end")
    if s0.ndim != 1 or s0.shape != s1.shape:
        raise ValueError(
            _("shares_start and shares_end must list the same sectors; got shapes {start} and {end}").format(
                start=s0.shape, end=s1.shape
            )
        )
    return ShiftShare(
        within=float(np.sum(s0 * (p1 - p0))),
        between=float(np.sum((s1 - s0) * p0)),
        interaction=float(np.sum((s1 - s0) * (p1 - p0))),
        start=float(np.sum(s0 * p0)),
        end=float(np.sum(s1 * p1)),
    )
