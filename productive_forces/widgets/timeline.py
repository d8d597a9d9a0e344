"""Widget: a timeline of the industrial revolutions, filterable, above GDP per capita since 1700."""

import html

import ipywidgets as widgets
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D

from ..data import load_maddison
from ..data.revolutions import CATEGORIES, COUNTRY_NAMES, category_label, country_label, load_revolutions, revolution_label
from ..i18n import _, ngettext
from ..models.longrun import interpolate_log
from ..validation import require_between
from .base import PLAIN_NUMBERS, SLIDER_STYLE, FigureWidget, Layer, N_, TEXT_POINTS, control_layout

YEARS = (1700, 2022)  # the Maddison extract ends in 2022, and so does the chronology
ECONOMIES = (("GBR", N_("Britain"), "#c44e52"), ("USA", N_("United States"), "#4c72b0"), ("CHN", N_("China"), "#dd8452"))
COUNTRY_COLOURS = {"GB": "#c44e52", "US": "#4c72b0", "DE": "#b8860b", "CN": "#dd8452"}
OTHER_COLOUR = "#55a868"
# The conventional grouping of the revolutions (course research notes): 1st about 1760-1840,
# 2nd 1870-1914, 3rd the 1950s to the 2000s, 4th from the 2010s.
ERAS = (("1st", 1760, 1840), ("2nd", 1870, 1914), ("3rd", 1950, 2009), ("4th", 2010, YEARS[1]))
ERA_LABELS = {"1st": N_("1st"), "2nd": N_("2nd"), "3rd": N_("3rd"), "4th": N_("4th")}
GDP_LIMITS = (500, 100_000)
LIVE_YEARS = (1700, 1760, 1800, 1830, 1840, 1870, 1900, 1913, 1950, 1970, 1978, 1990, 2000, 2010, 2022)
RECENT = 5  # events listed under the figure
FUTURE = to_rgba("white", 1.0)
FUTURE_EDGE = to_rgba("#b0b0b0", 1.0)
HIDDEN = to_rgba("white", 0.0)
ALL = "all"


class RevolutionTimeline(FigureWidget):
    """Events 1700-2022 by category and country, a year cursor, and GDP per capita on a log scale."""

    live_control = "year"

    def live_positions(self):
        """The first and last years, the eras' edges and the years the chapter asks readers to look at."""
        return [(str(year), year) for year in LIVE_YEARS]

    def __init__(self, year=1913, category=ALL, country=ALL):
        year = int(require_between("year", year, *YEARS))
        events = load_revolutions()
        countries = sorted({code for event in events for code in event.countries}, key=list(COUNTRY_NAMES).index)
        if category != ALL and category not in CATEGORIES:
            raise ValueError(
                _("{name} must be one of {choices}; got {value!r}").format(
                    name="category", choices=", ".join((ALL, *CATEGORIES)), value=category
                )
            )
        if country != ALL and country not in countries:
            raise ValueError(
                _("{name} must be one of {choices}; got {value!r}").format(
                    name="country", choices=", ".join((ALL, *countries)), value=country
                )
            )
        controls = {
            "category": widgets.Dropdown(
                options=[(_("All categories"), ALL), *[(category_label(name).capitalize(), name) for name in CATEGORIES]],
                value=category, description=_("Category"), style=SLIDER_STYLE, layout=control_layout(),
            ),
            "country": widgets.Dropdown(
                options=[(_("All countries"), ALL), *[(country_label(code), code) for code in countries]],
                value=country, description=_("Country"), style=SLIDER_STYLE, layout=control_layout(),
            ),
            "year": widgets.IntSlider(
                value=year, min=YEARS[0], max=YEARS[1], description=_("Year"), style=SLIDER_STYLE,
                layout=control_layout(),
            ),
        }
        super().__init__(
            height=7.2,
            description=_('Two charts over 1700–2022: dated events of the industrial revolutions by category, filled up to the chosen year, then GDP per capita of Britain, the United States and China on a log scale.'),
            controls=controls,
            caption=_(
                "<small>Events: a chronology of common knowledge, dates checked against standard references "
                "(course research notes); China's milestones from official and news reports, listed with their "
                "sources in chapter 4. The eras shaded are the conventional grouping. GDP per capita in "
                "2011 international dollars: Bolt &amp; van Zanden (2024), Maddison Project Database 2023, via "
                "Our World in Data, CC BY 4.0. Dots mark the years observed; the lines between them, and values "
                "marked *, are interpolated (log-linear) for display only.</small>"
            ),
        )
        self.events = events
        self._texts = self._translated_texts(events)
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
            axes.text((start + end) / 2, 3.8, _(ERA_LABELS[label]),
                      ha="center", va="center", fontsize=TEXT_POINTS, color="#555555")
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
        axes.set_yticks(range(len(CATEGORIES)), [category_label(name).capitalize() for name in CATEGORIES])
        axes.set_ylim(-0.6, 4.1)
        axes.set_xlim(YEARS[0], YEARS[1] + 3)
        axes.tick_params(axis="x", labelbottom=False)
        axes.legend(
            handles=[
                *[Line2D([], [], marker="o", linestyle="none", color=colour, label=country_label(code))
                  for code, colour in COUNTRY_COLOURS.items()],
                Line2D([], [], marker="o", linestyle="none", color=OTHER_COLOUR, label=_("Other")),
                Line2D([], [], marker="o", linestyle="none", markerfacecolor="white",
                       markeredgecolor=FUTURE_EDGE, label=_("Not yet")),
            ],
            loc="lower center", bbox_to_anchor=(0.5, 1.0), fontsize=TEXT_POINTS, ncols=3, frameon=False,
        )

        axes = self.gdp_axes
        self.cursor_dots = {}
        for code, name, colour in ECONOMIES:
            years, gdppc = self.gdp[code]
            axes.plot(years, gdppc, color=colour, linewidth=1.3, marker="o", markersize=2, label=_(name))
            (self.cursor_dots[code],) = axes.plot([YEARS[0]], [1000], marker="o", markersize=7, color=colour,
                                                  markeredgecolor="black", linestyle="none")
        self.gdp_cursor = axes.axvline(YEARS[0], color="black", linewidth=1)
        axes.set_yscale("log")
        axes.set_ylim(*GDP_LIMITS)
        axes.yaxis.set_major_formatter(PLAIN_NUMBERS)
        axes.set_ylabel(_("GDP per capita,\n2011 int. $ (log scale)"))
        axes.set_xlabel(_("Year"))
        axes.legend(loc="upper left", fontsize=TEXT_POINTS)
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
            readings.append((self._texts["economies"][code], value, observed))
        self.readout.value = self._status_html(year, shown, happened, readings)
        return False

    @staticmethod
    def _translated_texts(events):
        """Everything the readout says, in the current language, looked up once when the widget is built."""
        item = _("{years}: {event} ({countries}; {category}; {revolution})")
        separator = _(", ")
        return {
            "economies": {code: _(name) for code, name, _colour in ECONOMIES},
            # One list item per event, ready for the readout.
            "items": [
                item.format(
                    years=f"{event.year}{'–' + str(event.end_year) if event.end_year > event.year else ''}",
                    event=html.escape(event.label()),
                    countries=separator.join(country_label(code) for code in event.countries),
                    category=category_label(event.category),
                    revolution=revolution_label(event.revolution),
                )
                for event in events
            ],
            "shown": [
                ngettext(
                    "By {year}, {happened} of the {shown} event shown had happened",
                    "By {year}, {happened} of the {shown} events shown had happened",
                    count,
                )
                for count in range(len(events) + 1)
            ],
            "holds": _("the chronology holds {count}").format(count=len(events)),
            "note": _(" (* interpolated between observed years, for display only)"),
            "latest": _("Latest of them:{items}"),
            "status": _(
                "<small><b>{shown}</b> ({holds}). {events}<b>GDP per capita in {year}</b>, 2011 int. $: "
                "{gdp}{note}.</small>"
            ),
        }

    def _status_html(self, year, shown, happened, readings):
        """The numbers behind the cursor, as text under the figure (text in the image is slow to redraw)."""
        texts = self._texts
        gdp = " · ".join(f"{name} {value:,.0f}{'' if observed else '*'}" for name, value, observed in readings)
        note = texts["note"] if not all(observed for *_rest, observed in readings) else ""
        recent = np.flatnonzero(happened)[-RECENT:]
        items = "".join(f"<li>{texts['items'][index]}</li>" for index in reversed(recent))
        events = texts["latest"].format(items=f"<ul style='margin:0'>{items}</ul>") if recent.size else ""
        count = int(shown.sum())
        return texts["status"].format(
            shown=texts["shown"][count].format(year=year, happened=happened.sum(), shown=count),
            holds=texts["holds"], events=events, year=year, gdp=gdp, note=note,
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

