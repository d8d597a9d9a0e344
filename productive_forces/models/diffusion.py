"""Technology diffusion as S-curves (logistic), and productivity driven by successive waves of them.

A new general-purpose technology spreads slowly at first, then fast, then slowly again as few
non-users are left: the share of users follows a logistic curve. If a technology, once fully
adopted, multiplies productivity by (1 + gain), then productivity at any date is the product of
(1 + gain) ** share over all waves, and its growth rate peaks while a wave spreads fastest.
"""

import numpy as np

from ..i18n import _
from ..validation import as_array, require_non_negative, require_open_unit, require_positive


def logistic(t, midpoint, speed, ceiling=1.0):
    """Adoption at time t: ceiling / (1 + exp(-speed * (t - midpoint))).

    `midpoint` is when half the ceiling is reached and `speed` (per year, > 0) the steepness.
    """
    t = as_array("t", t)
    midpoint = as_array("midpoint", midpoint)
    speed = require_positive("speed", speed)
    ceiling = require_positive("ceiling", ceiling)
    # 1 / (1 + e^-x) = (1 + tanh(x / 2)) / 2, which never overflows for distant years.
    return ceiling * 0.5 * (1.0 + np.tanh(0.5 * speed * (t - midpoint)))


def year_reaching(share, midpoint, speed):
    """The time at which a logistic curve reaches `share` of its ceiling (0 < share < 1).

    Solving share = 1 / (1 + exp(-speed * (t - midpoint))) for t gives
    t = midpoint + ln(share / (1 - share)) / speed.
    """
    share = require_open_unit("share", share)
    midpoint = as_array("midpoint", midpoint)
    speed = require_positive("speed", speed)
    return midpoint + np.log(share / (1.0 - share)) / speed


def takeover_time(speed, low=0.1, high=0.9):
    """Years a logistic curve takes to rise from `low` to `high` of its ceiling (10% to 90% by default)."""
    speed = require_positive("speed", speed)
    low, high = require_open_unit("low", low), require_open_unit("high", high)
    if np.any(low >= high):
        raise ValueError(_("low must be smaller than high, got low={low!r}, high={high!r}").format(low=low, high=high))
    return year_reaching(high, 0.0, speed) - year_reaching(low, 0.0, speed)


def fit_logistic(t1, share1, t2, share2):
    """(midpoint, speed) of the logistic curve (ceiling 1) through two observed adoption shares.

    The log-odds ln(p / (1 - p)) of a logistic curve rise in a straight line, speed * (t - midpoint),
    so two points fix the line: speed is its slope and midpoint the year where it crosses zero.
    """
    t1, t2 = float(as_array("t1", t1)), float(as_array("t2", t2))
    share1, share2 = float(require_open_unit("share1", share1)), float(require_open_unit("share2", share2))
    if t1 == t2:
        raise ValueError(_("t1 and t2 must be different years, got {value!r} twice").format(value=t1))
    odds1, odds2 = np.log(share1 / (1 - share1)), np.log(share2 / (1 - share2))
    speed = (odds2 - odds1) / (t2 - t1)
    if speed <= 0:
        raise ValueError(
            _(
                "share2 must be larger than share1 when t2 is later than t1 (adoption only rises), "
                "got share1={share1!r} at t1={t1!r} and share2={share2!r} at t2={t2!r}"
            ).format(share1=share1, t1=t1, share2=share2, t2=t2)
        )
    return t1 - odds1 / speed, speed


def wave_midpoints(first, spacing, count):
    """Midpoints of `count` waves, the first at `first` and each `spacing` years after the last."""
    first = float(as_array("first", first))
    spacing = float(require_positive("spacing", spacing))
    if not np.isfinite(as_array("count", count)) or int(count) != count or count < 1:
        raise ValueError(_("{name} must be a whole number of 1 or more, got {value!r}").format(name="count", value=count))
    return first + spacing * np.arange(int(count))


def wave_productivity(t, midpoints, speed, gain):
    """Productivity at times t (1 before any wave): the product of (1 + gain) ** share over the waves.

    `midpoints` holds one midpoint per wave; every wave spreads at `speed` and, fully adopted,
    raises productivity by the fraction `gain` (1.0 doubles it).
    """
    t = as_array("t", t)
    midpoints = as_array("midpoints", midpoints)
    gain = require_non_negative("gain", gain)
    shares = logistic(t[..., None], midpoints, speed)  # one column per wave
    return np.exp(np.log1p(gain) * shares.sum(axis=-1))


def productivity_growth(t, midpoints, speed, gain):
    """Instantaneous growth rate of aggregate productivity (per year, as a decimal) at times t.

    The derivative of ln(productivity) is the sum over waves of ln(1 + gain) * speed * s * (1 - s),
    with s each wave's adoption share: it peaks, at ln(1 + gain) * speed / 4, when a wave is half adopted.
    """
    t = as_array("t", t)
    midpoints = as_array("midpoints", midpoints)
    gain = require_non_negative("gain", gain)
    shares = logistic(t[..., None], midpoints, speed)
    return np.log1p(gain) * speed * (shares * (1.0 - shares)).sum(axis=-1)


def steady_equivalent(midpoints, speed, gain, coverage=0.99):
    """(start, end, rate): steady growth giving the waves' total gain over their span.

    The span runs from the year the first wave reaches 1 - coverage of adoption to the year the
    last reaches coverage; the rate is the total log gain, waves times ln(1 + gain), over its length.
    """
    midpoints = np.sort(as_array("midpoints", midpoints).ravel())
    gain = float(require_non_negative("gain", gain))
    if not 0.5 < float(as_array("coverage", coverage)) < 1:
        raise ValueError(
            _("{name} must lie strictly between {low} and {high}, got {value!r}").format(
                name="coverage", low=0.5, high=1, value=coverage
            )
        )
    start = float(year_reaching(1 - coverage, midpoints[0], speed))
    end = float(year_reaching(coverage, midpoints[-1], speed))
    return start, end, midpoints.size * float(np.log1p(gain)) / (end - start)


def growth_rates(t, level):
    """Average log growth per year between consecutive points of a series (one value fewer than t)."""
    t = as_array("t", t)
    level = require_positive("level", level)
    if t.shape != level.shape or t.ndim != 1 or t.size < 2:
        raise ValueError(
            _("t and level must be 1-D arrays of the same length, at least 2, got {t} and {level}").format(
                t=t.shape, level=level.shape
            )
        )
    steps = np.diff(t)
    if np.any(steps <= 0):
        raise ValueError(_("{name} must be strictly increasing").format(name="t"))
    return np.diff(np.log(level)) / steps
