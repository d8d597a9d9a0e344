"""Widget: a timeline of the industrial revolutions, filterable, above GDP per capita since 1700."""

import html

import ipywidgets as widgets
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D

from ..data import load_maddison
from ..data.revolutions import CATEGORIES, COUNTRY_NAMES, load_revolutions
from ..models.longrun import interpolate_log
from ..validation import require_between
from .base import PLAIN_NUMBERS, SLIDER_STYLE, FigureWidget, Layer, control_layout

YEARS = (1700, 2022)  # the Maddison extract ends in 2022, and so does the chronology
ECONOMIES = (("GBR", "Britain", "#c44e52"), ("USA", "United States", "#4c72b0"), ("CHN", "China", "#dd8452"))
COUNTRY_COLOURS = {"GB": "#c44e52", "US": "#4c72b0", "DE": "#b8860b"}
OTHER_COLOUR = "#55a868"
# The conventional grouping of the revolutions (course research notes): 1st about 1760-1840,
# 2nd 1870-1914, 3rd the 1950s to the 2000s, 4th from the 2010s.
ERAS = (("1st", 1760, 1840), ("2nd", 1870, 1914), ("3rd", 1950, 2009), ("4th", 2010, YEARS[1]))
GDP_LIMITS = (500, 100_000)
RECENT = 5  # events listed under the figure
FUTURE = to_rgba("white", 1.0)
FUTURE_EDGE = to_rgba("#b0b0b0", 1.0)
HIDDEN = to_rgba("white", 0.0)
ALL = "all"


class RevolutionTimeline(FigureWidget):
    """Events 1700-2022 by category and country, a year cursor, and GDP per capita on a log scale."""

    def __init__(self, year=1913, category=ALL, country=ALL):
        year = int(require_between("year", year, *YEARS))
        events = load_revolutions()
        countries = sorted({code for event in events for code in event.countries}, key=list(COUNTRY_NAMES).index)
        if category != ALL and category not in CATEGORIES:
            raise ValueError(f"category must be one of {ALL}, {', '.join(CATEGORIES)}; got {category!r}")
        if country != ALL and country not in countries:
            raise ValueError(f"country must be one of {ALL}, {', '.join(countries)}; got {country!r}")
        controls = {
            "category": widgets.Dropdown(
                options=[("All categories", ALL), *[(name.capitalize(), name) for name in CATEGORIES]],
                value=category, description="Category", style=SLIDER_STYLE, layout=control_layout(),
            ),
            "country": widgets.Dropdown(
                options=[("All countries", ALL), *[(COUNTRY_NAMES[code], code) for code in countries]],
                value=country, description="Country", style=SLIDER_STYLE, layout=control_layout(),
            ),
            "year": widgets.IntSlider(
                value=year, min=YEARS[0], max=YEARS[1], description="Year", style=SLIDER_STYLE,
                layout=control_layout(),
            ),
        }
        super().__init__(
            figsize=(9, 4.8),
            controls=controls,
            caption=(
                "<small>Events: a chronology of common knowledge, dates checked against standard references "
                "(course research notes); the eras shaded are the conventional grouping. GDP per capita in "
                "2011 international dollars: Bolt &amp; van Zanden (2024), Maddison Project Database 2023, via "
                "Our World in Data, CC BY 4.0. Dots mark the years observed; the lines between them, and values "
                "marked *, are interpolated (log-linear) for display only.</small>"
            ),
        )
        self.events = events
        self.gdp = {code: load_maddison(code) for code, _name, _colour in ECONOMIES}
        self._build_artists()
        self.start()

    def _build_artists(self):
        self.events_axes, self.gdp_axes = self.figure.subplots(2, 1, sharex=True, height_ratios=(1.1, 1))
        for axes in (self.events_axes, self.gdp_axes):
            for index, (label, start, end) in enumerate(ERAS):
                axes.axvspan(start, end, color=("#e6e6e6", "#f1e9da")[index % 2], zorder=0, linewidth=0)
        axes = self.events_axes
        for label, start, end in ERAS:
            axes.text((start + end) / 2, 3.8, f"{label} revolution" if label != "4th" else "4th",
                      ha="center", va="center", fontsize="x-small", color="#555555")
        positions = _event_positions(self.events)
        self._years = np.array([event.year for event in self.events])
        self._colours = np.array([to_rgba(_colour(event.countries[0])) for event in self.events])
        self.event_points = axes.scatter(
            self._years, positions, s=36, marker="o", facecolors=self._colours, edgecolors=self._colours,
            linewidths=1.2, zorder=3,
        )
        spans = [(index, event) for index, event in enumerate(self.events) if event.end_year > event.year]
        self._span_index = np.array([index for index, _event in spans], dtype=int)
        self.event_spans = LineCollection(
            [[(event.year, positions[index]), (event.end_year, positions[index])] for index, event in spans],
            linewidths=3, colors=self._colours[self._span_index], zorder=2,
        )
        axes.add_collection(self.event_spans)
        self.events_cursor = axes.axvline(YEARS[0], color="black", linewidth=1)
        axes.set_yticks(range(len(CATEGORIES)), [name.capitalize() for name in CATEGORIES])
        axes.set_ylim(-0.6, 4.1)
        axes.set_xlim(YEARS[0], YEARS[1] + 3)
        axes.tick_params(axis="x", labelbottom=False)
        axes.legend(
            handles=[
                *[Line2D([], [], marker="o", linestyle="none", color=colour, label=COUNTRY_NAMES[code])
                  for code, colour in COUNTRY_COLOURS.items()],
                Line2D([], [], marker="o", linestyle="none", color=OTHER_COLOUR, label="Other"),
                Line2D([], [], marker="o", linestyle="none", markerfacecolor="white",
                       markeredgecolor=FUTURE_EDGE, label="Not yet"),
            ],
            loc="lower right", fontsize="x-small", ncols=3, framealpha=0.9,
        )

        axes = self.gdp_axes
        self.cursor_dots = {}
        for code, name, colour in ECONOMIES:
            years, gdppc = self.gdp[code]
            axes.plot(years, gdppc, color=colour, linewidth=1.3, marker="o", markersize=2, label=name)
            (self.cursor_dots[code],) = axes.plot([YEARS[0]], [1000], marker="o", markersize=7, color=colour,
                                                  markeredgecolor="black", linestyle="none")
        self.gdp_cursor = axes.axvline(YEARS[0], color="black", linewidth=1)
        axes.set_yscale("log")
        axes.set_ylim(*GDP_LIMITS)
        axes.yaxis.set_major_formatter(PLAIN_NUMBERS)
        axes.set_ylabel("GDP per capita,\n2011 int. $ (log scale)")
        axes.set_xlabel("Year")
        axes.legend(loc="upper left", fontsize="x-small")
        self.layers = [
            Layer(self.events_axes, [self.event_spans, self.event_points, self.events_cursor],
                  ("category", "country", "year")),
            Layer(self.gdp_axes, [self.gdp_cursor, *self.cursor_dots.values()], ("year",)),
        ]

    def shown(self):
        """Boolean mask of the events that pass the category and country filters."""
        category, country = self.controls["category"].value, self.controls["country"].value
        return np.array([
            (category == ALL or event.category == category) and (country == ALL or event.involves(country))
            for event in self.events
        ])

    def update(self):
        year = self.controls["year"].value
        shown = self.shown()
        happened = shown & (self._years <= year)
        faces = np.where(happened[:, None], self._colours, np.where(shown[:, None], FUTURE, HIDDEN))
        edges = np.where(happened[:, None], self._colours, np.where(shown[:, None], FUTURE_EDGE, HIDDEN))
        self.event_points.set_facecolors(faces)
        self.event_points.set_edgecolors(edges)
        self.event_spans.set_colors(edges[self._span_index])
        self.events_cursor.set_xdata([year, year])
        self.gdp_cursor.set_xdata([year, year])

        readings = []
        for code, name, _colour in ECONOMIES:
            value, observed = interpolate_log(*self.gdp[code], year)
            self.cursor_dots[code].set_data([year], [value])
            self.cursor_dots[code].set_markerfacecolor(self.cursor_dots[code].get_color() if observed else "white")
            readings.append((name, value, observed))
        self.readout.value = self._status_html(year, shown, happened, readings)
        return False

    def _status_html(self, year, shown, happened, readings):
        """The numbers behind the cursor, as text under the figure (text in the image is slow to redraw)."""
        gdp = " · ".join(f"{name} {value:,.0f}{'' if observed else '*'}" for name, value, observed in readings)
        note = " (* interpolated between observed years, for display only)" if not all(o for *_, o in readings) else ""
        recent = [event for event, done in zip(self.events, happened) if done][-RECENT:]
        items = "".join(
            f"<li>{event.year}{'–' + str(event.end_year) if event.end_year > event.year else ''}: "
            f"{html.escape(event.event)} ({', '.join(COUNTRY_NAMES[code] for code in event.countries)}; "
            f"{event.category}; {event.revolution})</li>"
            for event in reversed(recent)
        )
        events = (f"Latest of them:<ul style='margin:0'>{items}</ul>" if recent else "")
        return (
            f"<small><b>By {year}, {happened.sum()} of the {shown.sum()} events shown had happened</b> "
            f"(the chronology holds {len(self.events)}). {events}"
            f"<b>GDP per capita in {year}</b>, 2011 int. $: {gdp}{note}.</small>"
        )


def _colour(country):
    return COUNTRY_COLOURS.get(country, OTHER_COLOUR)


def _event_positions(events, gap=5, offset=0.22):
    """Row of each event's category, nudged up and down where events in a row lie close together."""
    positions = np.zeros(len(events))
    last_year = {}
    flip = {}
    for index, event in enumerate(events):
        row = CATEGORIES.index(event.category)
        if event.year - last_year.get(row, -np.inf) < gap:
            flip[row] = -flip.get(row, -1)
            positions[index] = row + offset * flip[row]
        else:
            flip[row] = -1
            positions[index] = row
        last_year[row] = event.year
    return positions

