"""A chronology of the industrial revolutions: dated events by category and country.

The events are in `revolutions.csv` beside this module; SOURCES.md says where they come from
(common knowledge, dates checked against standard references in the course's research notes).
"""

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

REVOLUTIONS_FILE = "revolutions.csv"
CATEGORIES = ("energy", "industry", "transport", "information")
COUNTRY_NAMES = {
    "GB": "Britain",
    "US": "United States",
    "DE": "Germany",
    "FR": "France",
    "IT": "Italy",
    "CH": "Switzerland (CERN)",
}


@dataclass(frozen=True)
class Event:
    """One dated event; `end_year` equals `year` unless the event spans several years."""

    year: int
    end_year: int
    event: str
    countries: tuple  # ISO two-letter codes, e.g. ("GB", "US") for a joint achievement
    category: str
    revolution: str  # the conventional grouping: "1st", "2nd", "3rd", "4th", or e.g. "3rd/4th"

    def involves(self, country):
        """True if `country` (a two-letter code) took part in the event."""
        return country in self.countries


@cache
def load_revolutions():
    """The events of the chronology as a tuple of `Event`, sorted by year."""
    with resources.files("productive_forces.data").joinpath(REVOLUTIONS_FILE).open(
        encoding="utf-8", newline=""
    ) as handle:
        events = tuple(_event(row, line) for line, row in enumerate(csv.DictReader(handle), start=2))
    return tuple(sorted(events, key=lambda event: event.year))


def _event(row, line):
    year = int(row["year"])
    end_year = int(row["end_year"]) if row["end_year"] else year
    countries = tuple(row["country"].split("/"))
    if row["category"] not in CATEGORIES:
        raise ValueError(f"{REVOLUTIONS_FILE} line {line}: category must be one of {', '.join(CATEGORIES)}")
    if end_year < year:
        raise ValueError(f"{REVOLUTIONS_FILE} line {line}: end_year must not be before year")
    unknown = [code for code in countries if code not in COUNTRY_NAMES]
    if unknown:
        raise ValueError(f"{REVOLUTIONS_FILE} line {line}: country codes must be among {', '.join(COUNTRY_NAMES)}")
    return Event(year, end_year, row["event"], countries, row["category"], row["revolution"])
