"""A chronology of the industrial revolutions: dated events by category and country.

The events are in `revolutions.csv` beside this module; SOURCES.md says where they come from
(common knowledge, dates checked against standard references in the course's research notes).
"""

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..i18n import N_, _


REVOLUTIONS_FILE = "revolutions.csv"
# Codes in the CSV file, and English words a reader sees: show them through `_` (or `category_name`).
CATEGORIES = (N_("energy"), N_("industry"), N_("transport"), N_("information"))
COUNTRY_NAMES = {
    "GB": N_("Britain"),
    "US": N_("United States"),
    "DE": N_("Germany"),
    "FR": N_("France"),
    "IT": N_("Italy"),
    "CH": N_("Switzerland (CERN)"),
    "CN": N_("China"),
}
# The conventional grouping of each event, as the CSV file writes it.
REVOLUTIONS = (N_("1st (precursor)"), N_("1st"), N_("2nd"), N_("3rd"), N_("3rd/4th"), N_("4th"))
# The events of the CSV file, in its order, so that their English text reaches the catalogue;
# a test keeps this list in step with the file.
EVENTS = (
    N_("Newcomen's atmospheric steam engine (Dudley Castle)"),
    N_("John Kay's flying shuttle"),
    N_("Hargreaves' spinning jenny (c. 1764; patented 1770)"),
    N_("Watt's separate-condenser steam engine patent (5 Jan 1769)"),
    N_("Arkwright's water frame patent"),
    N_("Boulton & Watt partnership; first commercial Watt engines 1776"),
    N_("Crompton's spinning mule"),
    N_("Cort's puddling process for iron"),
    N_("Cartwright's power loom (patent)"),
    N_("Trevithick's Penydarren locomotive, first steam railway journey"),
    N_("Stockton & Darlington Railway opens (27 Sep)"),
    N_("Liverpool & Manchester Railway opens (15 Sep), first inter-city steam railway"),
    N_("Cooke & Wheatstone electric telegraph patent"),
    N_("Morse's Washington–Baltimore telegraph line (24 May)"),
    N_("Bessemer converter process for cheap steel"),
    N_("Drake's oil well, Titusville, Pennsylvania (27 Aug)"),
    N_("Siemens–Martin open-hearth steelmaking"),
    N_("First durable transatlantic telegraph cable"),
    N_("Bell's telephone patent (7 Mar)"),
    N_("Otto's four-stroke internal-combustion engine"),
    N_("Edison's practical incandescent lamp (Oct)"),
    N_("Edison's Pearl Street Station, New York, first central power station (4 Sep)"),
    N_("Benz Patent-Motorwagen, DRP No. 37435 (29 Jan)"),
    N_("Tesla's AC induction motor patents"),
    N_("Diesel's engine patent (filed 1892, granted 1893)"),
    N_("Marconi's radio patent (1896/97); transatlantic signal 1901"),
    N_("Wright brothers' first powered flight (17 Dec)"),
    N_("Ford Model T launched (1 Oct)"),
    N_("Ford moving assembly line, Highland Park"),
    N_("First Haber–Bosch ammonia plant, Oppau (BASF)"),
    N_("ENIAC unveiled (Feb; completed late 1945)"),
    N_("Point-contact transistor, Bell Labs (Dec)"),
    N_("Kilby's integrated circuit demonstrated (12 Sep), Texas Instruments"),
    N_("Unimate, first industrial robot, at GM"),
    N_("First ARPANET message (29 Oct)"),
    N_("Intel 4004 microprocessor (Nov)"),
    N_("ARPANET switches to TCP/IP (1 Jan)"),
    N_("World Wide Web at CERN: proposal (Mar 1989), first server and browser (Dec 1990), public (Aug 1991)"),
    N_("Apple iPhone (smartphone era)"),
    N_("Beijing–Tianjin intercity railway opens (1 Aug), China's first line built for 350 km/h"),
    N_("Tianhe-1A supercomputer tops the TOP500 list (Nov), with processors from US companies"),
    N_('"Industrie 4.0" term launched at Hannover Messe'),
    N_("Sunway TaihuLight supercomputer tops the TOP500 list (Jun), built on Chinese-designed processors"),
    N_("Fuxing trains, designed in China to its own standard, enter service on the Beijing–Shanghai line (26 Jun)"),
    N_("Commercial 5G licences issued to four operators (6 Jun)"),
    N_("BeiDou global satellite navigation system of the third generation commissioned (31 Jul)"),
    N_("Hualong One, a Chinese-designed nuclear reactor, enters commercial operation at Fuqing (30 Jan)"),
    N_("ChatGPT released (30 Nov)"),
)


@dataclass(frozen=True)
class Event:
    """One dated event; `end_year` equals `year` unless the event spans several years."""

    year: int
    end_year: int
    event: str
    countries: tuple  # ISO two-letter codes, e.g. ("GB", "US") for a joint achievement
    category: str
    revolution: str  # the conventional grouping: "1st", "2nd", "3rd", "4th", or e.g. "3rd/4th"

    def label(self):
        """The event's description in the reader's language."""
        return _(self.event)

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
        raise ValueError(
            _("{file} line {line}: category must be one of {choices}").format(
                file=REVOLUTIONS_FILE, line=line, choices=", ".join(CATEGORIES)
            )
        )
    if end_year < year:
        raise ValueError(_("{file} line {line}: end_year must not be before year").format(file=REVOLUTIONS_FILE, line=line))
    unknown = [code for code in countries if code not in COUNTRY_NAMES]
    if unknown:
        raise ValueError(
            _("{file} line {line}: country codes must be among {choices}").format(
                file=REVOLUTIONS_FILE, line=line, choices=", ".join(COUNTRY_NAMES)
            )
        )
    return Event(year, end_year, row["event"], countries, row["category"], row["revolution"])


def country_label(code):
    """A chronology country's name in the reader's language, from its two-letter code."""
    return _(COUNTRY_NAMES[code])


def category_label(category):
    """A category's name in the reader's language, lower case as in running text ("energy")."""
    return _(category)


def revolution_label(revolution):
    """The conventional grouping of an event ("1st", "3rd/4th") in the reader's language."""
    return _(revolution)
