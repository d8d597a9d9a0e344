"""Widget: successive waves of technology, each an S-curve of adoption, and the productivity they add up to."""

from functools import cache

import ipywidgets as widgets
import numpy as np

from ..i18n import _
from ..models.diffusion import (
    growth_rates,
    logistic,
    steady_equivalent,
    takeover_time,
    wave_midpoints,
    wave_productivity,
)
from ..validation import require_between
from .base import ILLUSTRATIVE, PLAIN_NUMBERS, SLIDER_STYLE, FigureWidget, Layer, TEXT_POINTS, control_layout

WAVES = 4
FIRST_MIDPOINT = 50.0  # years after the start of the chart
HORIZON = 300.0
YEARS = np.arange(0.0, HORIZON + 1.0)  # yearly points: growth rates are year-on-year
RANGES = {"spacing": (10.0, 70.0), "speed": (0.05, 0.3), "gain": (0.2, 1.0)}
STEPS = {"spacing": 5.0, "speed": 0.01, "gain": 0.1}
COLOURS = ("#4c72b0", "#dd8452", "#55a868", "#c44e52")


class TechnologyWavesExplorer(FigureWidget):
    """Four logistic waves of adoption; spacing, speed and gain set whether growth comes in leaps."""

    def __init__(self, spacing=50.0, speed=0.15, gain=1.0):
        values = {"spacing": spacing, "speed": speed, "gain": gain}
        for name, value in values.items():
            values[name] = float(require_between(name, value, *RANGES[name]))
        descriptions = {
            "spacing": _("Years between waves"),
            "speed": _("Speed of diffusion"),
            "gain": _("Gain per wave"),
        }
        formats = {"spacing": ".0f", "speed": ".2f", "gain": ".0%"}
        controls = {
            name: widgets.FloatSlider(
                value=values[name], min=RANGES[name][0], max=RANGES[name][1], step=STEPS[name],
                description=descriptions[name], style=SLIDER_STYLE, layout=control_layout(),
                readout_format=formats[name],
            )
            for name in values
        }
        super().__init__(
            height=9.6,
            description=_('Three charts: the adoption of four technologies along S-curves, productivity on a log scale, and productivity growth, each against the years of the chart.'),
            controls=controls,
            caption=_(
                "<small>{illustrative}: four technologies spread along logistic S-curves, the first half "
                "adopted in year 50 of the chart; once fully adopted, each raises productivity by the gain per "
                "wave. Speed is the steepness of each curve (per year): it takes 4.4 / speed years to go from 10% "
                "to 90% adoption. The dashed lines show steady growth with the same total gain, spread evenly from "
                "1% adoption of the first technology to 99% of the last.</small>"
            ).format(illustrative=_(ILLUSTRATIVE)),
        )
        # Text under the figure rather than in it: text in the image is slow to redraw.
        self._readout = _(
            "<small>Waves {spacing:.0f} years apart; each takes {takeover:.0f} years to go from 10% to 90% "
            "adoption and raises productivity by {gain:.0%}. <b>From the first wave's midpoint to the last, "
            "growth ranges from {low:.1f}% to {high:.1f}% a year</b>; steady growth with the same total gain "
            "would be {steady:.1f}% a year for {span:.0f} years.</small>"
        )
        self._build_artists()
        self.start()

    def _build_artists(self):
        panels = self.figure.subplot_mosaic([["adoption"], ["level"], ["growth"]])
        self.adoption_axes, self.level_axes, self.growth_axes = panels["adoption"], panels["level"], panels["growth"]

        axes = self.adoption_axes
        self.adoption_lines = [
            axes.plot(YEARS, np.zeros_like(YEARS), color=colour, label=_("Technology {number}").format(number=i + 1))[0]
            for i, colour in enumerate(COLOURS)
        ]
        axes.set_xlim(0, HORIZON)
        axes.set_ylim(-0.03, 1.03)
        axes.set_yticks([0, 0.5, 1], ["0%", "50%", "100%"])
        axes.set_ylabel(_("Adoption"))
        axes.legend(loc="lower right", fontsize=TEXT_POINTS, ncols=2)

        axes = self.level_axes
        (self.level_line,) = axes.plot(YEARS, np.ones_like(YEARS), color="black", label=_("Waves"))
        (self.level_smooth,) = axes.plot(YEARS, np.ones_like(YEARS), color="#8c8c8c", linestyle="--", label=_("Steady"))
        axes.set_yscale("log")
        axes.set_xlim(0, HORIZON)
        axes.set_ylim(0.8, (1 + RANGES["gain"][1]) ** WAVES * 1.6)
        axes.yaxis.set_major_formatter(PLAIN_NUMBERS)
        axes.set_ylabel(_("Productivity (log scale)"))
        axes.set_xlabel(_("Year of the chart"))
        axes.legend(loc="upper left", fontsize=TEXT_POINTS)

        axes = self.growth_axes
        middle = (YEARS[1:] + YEARS[:-1]) / 2
        (self.growth_line,) = axes.plot(middle, np.zeros_like(middle), color="black")
        (self.growth_smooth,) = axes.plot([0, HORIZON], [0, 0], color="#8c8c8c", linestyle="--")
        axes.set_xlim(0, HORIZON)
        axes.set_ylim(0, 100 * _highest_growth() * 1.1)
        axes.set_ylabel(_("Productivity growth, % a year"))
        axes.set_xlabel(_("Year of the chart"))
        every_control = tuple(RANGES)
        self.layers = [
            Layer(self.adoption_axes, self.adoption_lines, every_control),
            Layer(self.level_axes, [self.level_line, self.level_smooth], every_control),
            Layer(self.growth_axes, [self.growth_line, self.growth_smooth], every_control),
        ]

    def update(self):
        spacing = self.controls["spacing"].value
        speed = self.controls["speed"].value
        gain = self.controls["gain"].value
        midpoints = wave_midpoints(FIRST_MIDPOINT, spacing, WAVES)
        for line, midpoint in zip(self.adoption_lines, midpoints):
            line.set_ydata(logistic(YEARS, midpoint, speed))
        level = wave_productivity(YEARS, midpoints, speed, gain)
        growth = growth_rates(YEARS, level)
        start, end, steady_rate = steady_equivalent(midpoints, speed, gain)
        self.level_line.set_ydata(level)
        self.level_smooth.set_ydata(np.exp(steady_rate * (np.clip(YEARS, start, end) - start)))
        self.growth_line.set_ydata(100 * growth)
        self.growth_smooth.set_data(
            [0, start, start, end, end, HORIZON], 100 * steady_rate * np.array([0, 0, 1, 1, 0, 0])
        )
        inside = (YEARS[1:] > midpoints[0]) & (YEARS[:-1] < midpoints[-1])
        low, high = 100 * growth[inside].min(), 100 * growth[inside].max()
        self.readout.value = self._readout.format(
            spacing=spacing, takeover=float(takeover_time(speed)), gain=gain, low=low, high=high,
            steady=100 * steady_rate, span=end - start,
        )
        return False


@cache
def _highest_growth():
    """The fastest year-on-year growth any slider setting can show, so the axis never has to move."""
    spacings = np.arange(RANGES["spacing"][0], RANGES["spacing"][1] + STEPS["spacing"] / 2, STEPS["spacing"])
    speeds = np.arange(RANGES["speed"][0], RANGES["speed"][1] + STEPS["speed"] / 2, STEPS["speed"])
    highest = 0.0
    for spacing in spacings:
        midpoints = wave_midpoints(FIRST_MIDPOINT, spacing, WAVES)
        shares = logistic(YEARS[None, :, None], midpoints, speeds[:, None, None])  # speed, year, wave
        log_level = np.log1p(RANGES["gain"][1]) * shares.sum(axis=-1)
        highest = max(highest, float(np.diff(log_level, axis=1).max()))
    return highest
