"""Country series from the Penn World Table 10.01 and the Maddison Project Database 2023.

The CSV files beside this module are extracts of the public datasets; SOURCES.md says where
every figure came from, what was checked and what to be careful about.
"""

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from ..i18n import N_, _


PWT_FILE = "pwt_extract.csv"
MADDISON_FILE = "maddison_extract.csv"
PWT_COLUMNS = ("rgdpna", "rnna", "emp", "hc", "labsh", "rtfpna", "pop")
# The English names of the CSV files, marked for translation; `country_name` shows them to readers.
ECONOMY_NAMES = {
    "CHN": N_("China"),
    "DEU": N_("Germany"),
    "GBR": N_("United Kingdom"),
    "IND": N_("India"),
    "JPN": N_("Japan"),
    "KOR": N_("Republic of Korea"),
    "USA": N_("United States"),
}


@dataclass(frozen=True)
class CountrySeries:
    """One economy's annual PWT series; missing values are NaN."""

    code: str
    name: str
    year: np.ndarray
    rgdpna: np.ndarray  # real GDP, millions of 2017 US$ at constant national prices
    rnna: np.ndarray  # capital stock, millions of 2017 US$ at constant national prices
    emp: np.ndarray  # persons engaged, millions
    hc: np.ndarray  # human-capital index
    labsh: np.ndarray  # labour share of GDP
    rtfpna: np.ndarray  # TFP at constant national prices, 2017 = 1
    pop: np.ndarray  # population, millions

    def at(self, year):
        """The row for one year as a dict of floats."""
        index = np.flatnonzero(self.year == year)
        if index.size == 0:
            raise ValueError(
                _("{name} must lie between {low} and {high} for {economy}, got {value!r}").format(
                    name="year", low=self.year[0], high=self.year[-1], economy=country_name(self.code), value=year
                )
            )
        return {column: float(getattr(self, column)[index[0]]) for column in PWT_COLUMNS}


@cache
def _rows_by_country(filename):
    """The rows of a bundled CSV file grouped by country code, each group sorted by year."""
    with resources.files(__name__).joinpath(filename).open(encoding="utf-8", newline="") as handle:
        table = {}
        for row in csv.DictReader(handle):
            table.setdefault(row["country_code"], []).append(row)
    return {code: sorted(rows, key=lambda row: int(row["year"])) for code, rows in table.items()}


def _countries(filename):
    return {code: rows[0]["country"] for code, rows in _rows_by_country(filename).items()}


def _frozen(values):
    array = np.array(values)
    array.flags.writeable = False
    return array


def country_name(code):
    """An economy's name in the reader's language, from its ISO code ("CHN") or English name."""
    english = ECONOMY_NAMES.get(code) or {**maddison_countries(), **pwt_countries()}.get(code, code)
    return _(english)


def pwt_countries():
    """PWT country codes available, mapped to country names."""
    return _countries(PWT_FILE)


def maddison_countries():
    """Maddison country codes available, mapped to country names."""
    return _countries(MADDISON_FILE)


def load_pwt(country):
    """Annual PWT 10.01 series for one economy, by ISO code (e.g. "CHN") or English name."""
    return _load_pwt_code(_resolve_country(country, pwt_countries()))


@cache
def _load_pwt_code(code):
    rows = _rows_by_country(PWT_FILE)[code]
    columns = {
        column: _frozen([float(row[column]) if row[column] else np.nan for row in rows]) for column in PWT_COLUMNS
    }
    year = _frozen([int(row["year"]) for row in rows])
    return CountrySeries(code=code, name=rows[0]["country"], year=year, **columns)


def load_maddison(country):
    """(years, GDP per capita in 2011 international dollars) for one economy, 1700-2022, sparse before 1950."""
    rows = _rows_by_country(MADDISON_FILE)[_resolve_country(country, maddison_countries())]
    return _frozen([int(row["year"]) for row in rows]), _frozen([float(row["gdppc"]) for row in rows])


def _resolve_country(country, available):
    for code, name in available.items():
        if str(country).upper() == code or str(country).casefold() in (name.casefold(), _(name).casefold()):
            return code
    choices = ", ".join(f"{code} ({_(name)})" for code, name in available.items())
    raise ValueError(_("{name} must be one of {choices}; got {value!r}").format(name="country", choices=choices, value=country))
