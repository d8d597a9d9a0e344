"""Chapter 3 (total factor productivity): growth accounting tables (PWT and official GDP), doubling times and allocation."""

import numpy as np

from ..data import load_pwt
from ..data.official import official_gdp_ratio
from ..i18n import _
from ..models import account_for_growth, aggregate_output, doubling_time, efficient_capital
from ..models.growth_accounting import pwt_tfp_growth
from .tables import data_name, html_table

ECONOMIES = ("CHN", "USA", "GBR", "JPN", "DEU", "IND", "KOR")
# Bosworth & Collins (2008), Table 1: China 1978-2004, official data, % a year.
BOSWORTH_COLLINS = {"output_per_worker": 7.3, "capital": 3.2, "education": 0.3, "tfp": 3.6}
CAPITAL_SHARES = (0.30, 0.35, 0.40, 0.45, 0.50)
# Periods for which the NBS's published figures join end to end (productive_forces.data.official).
OFFICIAL_PERIODS = ((1978, 2019), (1978, 2012), (2012, 2019))
TFP_GROWTH_RATES = (0.005, 0.01, 0.02, 0.03)


def accounting_table(start, end):
    """One row per economy: growth of output per worker and its parts, % a year (log growth)."""
    rows = []
    for code in ECONOMIES:
        series = load_pwt(code)
        acc = account_for_growth(code, start, end)
        own = pwt_tfp_growth(series, start, end)
        rows.append([
            data_name(series.name), f"{acc.alpha:.2f}", f"{100 * acc.output_per_worker:.1f}",
            f"{100 * acc.capital_deepening:.1f}", f"{100 * acc.human_capital:.1f}",
            f"{100 * acc.tfp:.1f}", f"{acc.tfp_share:.0%}", f"{100 * own:.1f}",
        ])  # fmt: skip
    return html_table(
        _("{start}–{end}: average annual growth, % (Penn World Table 10.01)").format(start=start, end=end),
        [_("Economy"), "α", _("Output per worker"), _("Capital deepening"), _("Human capital"),
         _("TFP residual"), _("TFP share"), _("PWT's own TFP index")],
        rows,
    )  # fmt: skip


def official_accounts(start, end):
    """China's accounts with the official GDP index (NBS) and PWT's capital, employment and schooling."""
    return account_for_growth("CHN", start, end, output=(1.0, official_gdp_ratio(start, end)))


def two_series_table():
    """China, period by period: the same inputs with PWT's GDP and with the official GDP (log growth)."""
    china = load_pwt("CHN")
    rows = []
    for start, end in OFFICIAL_PERIODS:
        pwt_gdp = np.log(china.at(end)["rgdpna"] / china.at(start)["rgdpna"]) / (end - start)
        official_gdp = np.log(official_gdp_ratio(start, end)) / (end - start)
        for name, gdp, acc in (
            (_("PWT 10.01"), pwt_gdp, account_for_growth("CHN", start, end)),
            (_("Official (NBS)"), official_gdp, official_accounts(start, end)),
        ):
            rows.append([
                name, f"{start}–{end}", f"{100 * gdp:.1f}", f"{100 * acc.output_per_worker:.1f}",
                f"{100 * acc.capital_deepening:.1f}", f"{100 * acc.human_capital:.1f}", f"{100 * acc.tfp:.1f}",
                f"{acc.tfp_share:.0%}",
            ])  # fmt: skip
    return html_table(
        _("China: the same capital, workers and schooling with two GDP series (average annual log growth, %)"),
        [_("GDP series"), _("Period"), _("GDP growth"), _("Output per worker"), _("Capital deepening"), _("Human capital"),
         _("TFP residual"), _("TFP share")],
        rows,
    )  # fmt: skip


def bosworth_collins_table():
    """China 1978-2004: our accounts on PWT's GDP and on official GDP beside Bosworth and Collins's."""
    bc = BOSWORTH_COLLINS
    ours = [
        (_("PWT 10.01 (alternative GDP series), our calculation"), account_for_growth("CHN", 1978, 2004)),
        (_("Official GDP (NBS) with PWT's inputs, our calculation"), official_accounts(1978, 2004)),
    ]
    return html_table(
        _("China, 1978–2004: contributions to growth of output per worker, % a year"),
        [_("Source"), _("Output per worker"), _("Physical capital"), _("Human capital / education"), _("TFP"),
         _("TFP share")],
        [
            *([name, f"{100 * acc.output_per_worker:.1f}", f"{100 * acc.capital_deepening:.1f}",
               f"{100 * acc.human_capital:.1f}", f"{100 * acc.tfp:.1f}", f"{acc.tfp_share:.0%}"] for name, acc in ours),
            [_("Bosworth & Collins (2008), official data"), f"{bc['output_per_worker']:.1f}", f"{bc['capital']:.1f}",
             f"{bc['education']:.1f}", f"{bc['tfp']:.1f}", f"{bc['tfp'] / bc['output_per_worker']:.0%}"],
        ],
    )  # fmt: skip


def alpha_sensitivity_table():
    """China 1978-2019: how the contributions change with the capital share alpha."""
    rows = []
    for alpha in CAPITAL_SHARES:
        acc = account_for_growth("CHN", 1978, 2019, alpha=alpha)
        rows.append([
            f"{alpha:.2f}", f"{100 * acc.capital_deepening:.1f}", f"{100 * acc.human_capital:.1f}",
            f"{100 * acc.tfp:.1f}", f"{acc.tfp_share:.0%}",
        ])  # fmt: skip
    return html_table(
        _("China, 1978–2019 (PWT 10.01): contributions in % a year for different capital shares α"),
        ["α", _("Capital deepening"), _("Human capital"), _("TFP residual"), _("TFP share")],
        rows,
    )


def doubling_lines():
    """How many years TFP takes to double at a few growth rates."""
    return "\n".join(
        _("TFP growth {rate:.1%} a year: doubles in {years:.0f} years").format(rate=rate, years=float(doubling_time(rate)))
        for rate in TFP_GROWTH_RATES
    )


def allocation_example():
    """Two firms, A twice as productive as B: capital split equally versus efficiently (illustrative)."""
    tfp, labour, alpha = np.array([1.0, 2.0]), np.array([1.0, 1.0]), 0.5
    best = efficient_capital(tfp, labour, total_capital=1.0, alpha=alpha)
    equal = aggregate_output(tfp, np.array([0.5, 0.5]), labour, alpha)
    efficient = aggregate_output(tfp, best, labour, alpha)
    return "\n".join([
        _("Efficient capital shares: A {first:.0%}, B {second:.0%}").format(first=best[0], second=best[1]),
        _("Output: equal split {equal:.3f}, efficient split {efficient:.3f}, gain {gain:.1%}").format(
            equal=equal, efficient=efficient, gain=efficient / equal - 1
        ),
    ])
