"""Growth accounting: output per worker split into capital deepening, human capital and TFP.

With y = Y/L = A * k**alpha * h**(1 - alpha) and k = K/L, average annual log growth satisfies

    g_y = alpha * g_k + (1 - alpha) * g_h + g_A,

and g_A, the part that measured inputs leave unexplained, is the Solow residual.
"""

from dataclasses import dataclass

import numpy as np

from ..data import country_name, load_pwt
from ..i18n import _
from ..validation import require_open_unit, require_positive


@dataclass(frozen=True)
class GrowthAccounts:
    """Average annual log growth rates over a period (0.02 means 2% a year)."""

    output_per_worker: float
    capital_deepening: float
    human_capital: float
    tfp: float
    alpha: float

    @property
    def tfp_share(self):
        """The fraction of output-per-worker growth that the residual accounts for."""
        return self.tfp / self.output_per_worker


def decompose_growth(output, capital, employment, human_capital, years, alpha):
    """Split growth between two observations, each argument a pair (start, end) of levels.

    `years` is the length of the period; `alpha` is capital's share of income.
    """
    alpha = float(require_open_unit("alpha", alpha))
    years = float(require_positive("years", years))
    levels = {
        "output": output,
        "capital": capital,
        "employment": employment,
        "human_capital": human_capital,
    }
    start, end = {}, {}
    for name, pair in levels.items():
        pair = require_positive(name, pair)
        if pair.shape != (2,):
            raise ValueError(_("{name} must be a pair (start, end) of levels, got {value!r}").format(name=name, value=pair))
        start[name], end[name] = pair

    def rate(numerator, denominator=None):
        ratio_end = end[numerator] / (end[denominator] if denominator else 1.0)
        ratio_start = start[numerator] / (start[denominator] if denominator else 1.0)
        return float(np.log(ratio_end / ratio_start) / years)

    g_y = rate("output", "employment")
    capital_deepening = alpha * rate("capital", "employment")
    human = (1 - alpha) * rate("human_capital")
    return GrowthAccounts(
        output_per_worker=g_y,
        capital_deepening=capital_deepening,
        human_capital=human,
        tfp=g_y - capital_deepening - human,
        alpha=alpha,
    )


def period_capital_share(series, start, end):
    """One minus the mean PWT labour share over the years start..end inclusive."""
    window = (series.year >= start) & (series.year <= end)
    return 1.0 - float(np.nanmean(series.labsh[window]))


def pwt_tfp_growth(series, start, end):
    """Average annual log growth of PWT's own TFP index (rtfpna) between two years."""
    first, last = series.at(start)["rtfpna"], series.at(end)["rtfpna"]
    if np.isnan(first) or np.isnan(last):
        raise ValueError(
            _("PWT has no TFP index (rtfpna) for {economy} in {start} or {end}").format(
                economy=country_name(series.code), start=start, end=end
            )
        )
    return float(np.log(last / first) / (end - start))


def account_for_growth(country, start, end, alpha=None, output=None):
    """Growth accounts for a PWT economy between two years.

    alpha defaults to one minus the period's mean labour share. `output`, a pair (start, end) of
    real-GDP levels in any one unit, replaces PWT's GDP (rgdpna): for example an official index.
    """
    series = load_pwt(country)
    first, last = int(series.year[0]), int(series.year[-1])
    for name, year in (("start", start), ("end", end)):
        if not isinstance(year, (int, np.integer)) or not first <= year <= last:
            raise ValueError(
                _("{name} must be a year between {first} and {last} for {economy}, got {value!r}").format(
                    name=name, first=first, last=last, economy=country_name(series.code), value=year
                )
            )
    if start >= end:
        raise ValueError(_("start must be earlier than end, got start={start} and end={end}").format(start=start, end=end))
    if alpha is None:
        alpha = period_capital_share(series, start, end)
    rows = series.at(start), series.at(end)
    return decompose_growth(
        output=[row["rgdpna"] for row in rows] if output is None else output,
        capital=[row["rnna"] for row in rows],
        employment=[row["emp"] for row in rows],
        human_capital=[row["hc"] for row in rows],
        years=end - start,
        alpha=alpha,
    )
