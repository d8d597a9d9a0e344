"""Chapter 2 (the concept and its three elements): human capital and structural change in numbers."""

from ..data import load_pwt
from ..i18n import _
from ..models.elements import years_of_schooling
from ..models.structure import shift_share
from .tables import data_name, html_table

CHINA_YEARS = (1952, 1965, 1978, 1990, 2000, 2010, 2019)
ECONOMIES = ("CHN", "IND", "JPN", "DEU", "USA", "KOR", "GBR")
# The shift-share example (illustrative): shares of workers and output per worker in a traditional
# and a new sector, before and after workers move.
SHARES_START, PRODUCTIVITY_START = (0.9, 0.1), (1.0, 4.0)
SHARES_END, PRODUCTIVITY_END = (0.7, 0.3), (1.1, 4.4)


def china_human_capital_table():
    """China's PWT human-capital index in benchmark years, and the schooling it implies."""
    china = load_pwt("CHN")
    rows = []
    for year in CHINA_YEARS:
        h = china.at(year)["hc"]
        rows.append([str(year), f"{h:.3f}", f"{float(years_of_schooling(h)):.1f}"])
    return html_table(
        _("China: PWT human-capital index and the schooling it implies (Penn World Table 10.01)"),
        [_("Year"), _("Human-capital index h"), _("Implied average years of schooling")],
        rows,
    )


def human_capital_comparison():
    """The human-capital index and implied schooling of several economies, first year of data and 2019."""
    rows = []
    for code in ECONOMIES:
        series = load_pwt(code)
        first, last = series.hc[0], series.hc[-1]
        rows.append([
            data_name(series.name),
            _("{value:.2f} ({year})").format(value=first, year=series.year[0]),
            f"{last:.2f}",
            f"{float(years_of_schooling(first)):.1f}",
            f"{float(years_of_schooling(last)):.1f}",
        ])
    return html_table(
        _("Human-capital index and implied years of schooling, first year of data and 2019 (Penn World Table 10.01)"),
        [_("Economy"), _("h, first year"), _("h, 2019"), _("Years, first year"), _("Years, 2019")],
        rows,
    )


def shift_share_example():
    """The change in output per worker of the example split into within, between and interaction."""
    parts = shift_share(SHARES_START, PRODUCTIVITY_START, SHARES_END, PRODUCTIVITY_END)
    return "\n".join([
        _("Output per worker: {start:.2f} -> {end:.2f}, a change of {change:.2f}").format(
            start=parts.start, end=parts.end, change=parts.total
        ),
        _("within {within:.2f} + between {between:.2f} + interaction {interaction:.2f} = {total:.2f}").format(
            within=parts.within,
            between=parts.between,
            interaction=parts.interaction,
            total=parts.within + parts.between + parts.interaction,
        ),
        _("Share of the change due to workers moving: {share:.0%}").format(share=parts.reallocation / parts.total),
    ])
