"""China's official real-GDP growth (National Bureau of Statistics), as published, for whole periods.

`nbs_gdp_growth.csv` beside this module holds each figure as the NBS printed it: either an index
of GDP at comparable prices (start year = 100) or an average annual growth rate in per cent over
a period. Rows with role "chain" join end to end and give the growth between their years; rows
with role "check" are further published averages that the chain must agree with. SOURCES.md
says where every figure comes from.
"""

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..i18n import _

OFFICIAL_FILE = "nbs_gdp_growth.csv"
PUBLISHED_AS = ("index", "average_growth")
ROLES = ("chain", "check")


@dataclass(frozen=True)
class PublishedGrowth:
    """One published figure for real GDP between two years."""

    start: int
    end: int
    published_as: str  # "index" (start = 100) or "average_growth" (% a year)
    value: float
    role: str  # "chain" or "check"
    source: str

    @property
    def ratio(self):
        """Real GDP in the end year divided by real GDP in the start year."""
        if self.published_as == "index":
            return self.value / 100
        return (1 + self.value / 100) ** (self.end - self.start)


@cache
def load_official_gdp():
    """Every published figure in the file, in its order."""
    with resources.files(__package__).joinpath(OFFICIAL_FILE).open(encoding="utf-8", newline="") as handle:
        return parse_published(csv.DictReader(handle))


def parse_published(rows):
    """The figures of CSV rows (dicts keyed by the file's header); a malformed row raises ValueError."""
    figures = []
    for row in rows:
        figure = PublishedGrowth(
            start=int(row["start_year"]), end=int(row["end_year"]), published_as=row["published_as"],
            value=float(row["value"]), role=row["role"], source=row["source"],
        )  # fmt: skip
        for name, value, choices in (("published_as", figure.published_as, PUBLISHED_AS), ("role", figure.role, ROLES)):
            if value not in choices:
                raise ValueError(
                    _("{name} must be one of {choices}; got {value!r}").format(name=name, choices=", ".join(choices), value=value)
                )
        if figure.start >= figure.end:
            raise ValueError(
                _("start must be earlier than end, got start={start} and end={end}").format(start=figure.start, end=figure.end)
            )
        figures.append(figure)
    return tuple(figures)


def official_gdp_links(start, end):
    """The chain figures that join `start` to `end`, in order; ValueError if none do."""

    def path(year):
        if year == end:
            return ()
        for figure in load_official_gdp():
            if figure.role == "chain" and figure.start == year and figure.end <= end:
                rest = path(figure.end)
                if rest is not None:
                    return (figure, *rest)
        return None

    links = path(start) if start < end else None
    if not links:
        periods = sorted({(figure.start, figure.end) for figure in load_official_gdp() if figure.role == "chain"})
        raise ValueError(
            _("the official figures do not join {start} to {end}; they cover {periods}, joined end to end").format(
                start=start, end=end, periods=", ".join(f"{first}–{last}" for first, last in periods)
            )
        )
    return links


def official_gdp_ratio(start, end):
    """Official real GDP in `end` divided by that in `start`, chained from the published figures."""
    ratio = 1.0
    for figure in official_gdp_links(start, end):
        ratio *= figure.ratio
    return ratio
