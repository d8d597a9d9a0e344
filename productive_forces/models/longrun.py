"""Long-run GDP per capita from sparse historical series: growth between observed years, overtaking.

Historical series such as the Maddison Project's are observed only in some years before 1950.
These functions use observations only; `interpolate_log` fills gaps for display and says so.
"""

import numpy as np

from ..i18n import _
from ..validation import as_array, require_positive


def _series(years, values, suffix=""):
    """The series as arrays; errors name its arguments (years_a, values_a with suffix "_a")."""
    years = as_array("years" + suffix, years)
    values = require_positive("values" + suffix, values)
    if years.shape != values.shape or years.ndim != 1 or years.size == 0:
        raise ValueError(
            _("years and values must be 1-D arrays of the same length, got {years} and {values}").format(
                years=years.shape, values=values.shape
            )
        )
    if np.any(np.diff(years) <= 0):
        raise ValueError(_("{name} must be strictly increasing").format(name="years" + suffix))
    return years, values


def observed_value(years, values, year):
    """The value observed in `year`; a ValueError naming the nearest observed years if there is none."""
    years, values = _series(years, values)
    match = np.flatnonzero(years == year)
    if match.size:
        return float(values[match[0]])
    before, after = years[years < year], years[years > year]
    nearest = ", ".join(str(int(y)) for y in (*before[-1:], *after[:1]))
    raise ValueError(
        _(
            "year {year!r} is not observed in this series (nearest observed years: {nearest}); "
            "growth rates use observed years only"
        ).format(year=year, nearest=nearest)
    )


def average_growth(years, values, start, end):
    """Compound average annual growth between two observed years: (v_end / v_start) ** (1 / n) - 1.

    n = end - start. Both years must be observations; nothing is interpolated.
    """
    if not end > start:
        raise ValueError(_("start must be earlier than end, got start={start!r}, end={end!r}").format(start=start, end=end))
    first, last = observed_value(years, values, start), observed_value(years, values, end)
    return (last / first) ** (1.0 / (end - start)) - 1.0


def _common(years_a, values_a, years_b, values_b):
    years_a, values_a = _series(years_a, values_a, "_a")
    years_b, values_b = _series(years_b, values_b, "_b")
    common, in_a, in_b = np.intersect1d(years_a, years_b, assume_unique=True, return_indices=True)
    return common, values_a[in_a], values_b[in_b]


def first_year_ahead(years_a, values_a, years_b, values_b):
    """The first year observed in both series in which series a is higher than b; None if never."""
    common, a, b = _common(years_a, values_a, years_b, values_b)
    ahead = np.flatnonzero(a > b)
    return int(common[ahead[0]]) if ahead.size else None


def year_lead_holds_from(years_a, values_a, years_b, values_b):
    """The first common year from which a is higher than b in every later common year; None if a ends behind."""
    common, a, b = _common(years_a, values_a, years_b, values_b)
    not_ahead = np.flatnonzero(a <= b)
    start = not_ahead[-1] + 1 if not_ahead.size else 0
    return int(common[start]) if start < common.size else None


def interpolate_log(years, values, year):
    """(value, observed) at `year`: the observation if there is one, else log-linear between neighbours.

    For display between sparse observations only: never use the interpolated value as data.
    """
    years, values = _series(years, values)
    year = float(as_array("year", year))
    if not years[0] <= year <= years[-1]:
        raise ValueError(
            _("{name} must lie between {low} and {high}, got {value!r}").format(
                name="year", low=int(years[0]), high=int(years[-1]), value=year
            )
        )
    observed = bool(np.any(years == year))
    return float(np.exp(np.interp(year, years, np.log(values)))), observed
