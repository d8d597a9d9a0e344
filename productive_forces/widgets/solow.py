"""Widget: two growth paths in the Solow model, one from saving more, one from TFP growth."""

from functools import cache

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import FixedLocator, NullLocator

from ..i18n import _
from ..models.solow import YEARS, balanced_growth_rate, growth_paths, steady_state_output
from ..validation import require_between
from .base import ILLUSTRATIVE, PLAIN_NUMBERS, SLIDER_STYLE, FigureWidget, Layer, N_, TEXT_POINTS, control_layout

BASELINE_SAVING = 0.20  # both economies start in the steady state of this saving rate (illustrative)
REPORT_YEAR = 50  # the year whose growth rate the title reports
RANGES = {
    "saving": (0.10, 0.45),
    "alpha": (0.20, 0.50),
    "depreciation": (0.02, 0.08),
    "labour_growth": (0.0, 0.03),
    "tfp_growth": (0.0, 0.03),
}
STEPS = {"saving": 0.01, "alpha": 0.01, "depreciation": 0.005, "labour_growth": 0.001, "tfp_growth": 0.001}
DESCRIPTIONS = {
    "saving": N_("Saving rate (factor path)"),
    "alpha": N_("Capital share α"),
    "depreciation": N_("Depreciation δ"),
    "labour_growth": N_("Labour growth n"),
    "tfp_growth": N_("TFP growth g"),
}
FORMATS = {"saving": ".0%", "alpha": ".2f", "depreciation": ".1%", "labour_growth": ".1%", "tfp_growth": ".1%"}
LEVEL_TICKS = (0.25, 0.5, 1, 2, 4, 8, 16, 32)
FACTOR_COLOUR, INNOVATION_COLOUR = "#4c72b0", "#dd8452"


@cache
def axis_limits():
    """(level limits, growth limits in %) that hold every path the sliders can produce.

    The extremes lie at the edges of the slider ranges (the first year's growth, the steady state
    and the balanced growth rate all move one way with each parameter): simulate a grid of four
    values per slider, 1,024 economies at once, and pad the result.
    """
    corners = np.meshgrid(*(np.linspace(*RANGES[name], 4) for name in RANGES), indexing="ij")
    saving, alpha, depreciation, labour_growth, tfp_growth = (c.ravel() for c in corners)
    paths = growth_paths(saving, alpha, depreciation, labour_growth, tfp_growth, BASELINE_SAVING)
    levels = np.concatenate([path.output / path.output[0] for path in paths])
    growth = 100 * np.concatenate([path.growth for path in paths])
    low, high = np.log(levels.min()), np.log(levels.max())
    pad = 0.08 * (high - low)
    spread = growth.max() - growth.min()
    return (float(np.exp(low - pad)), float(np.exp(high + pad))), (
        float(growth.min() - 0.08 * spread), float(growth.max() + 0.35 * spread)
    )


class GrowthPathsExplorer(FigureWidget):
    """Output per worker and its growth over 60 years: saving more versus productivity growth."""

    def __init__(self, saving=0.40, alpha=0.33, depreciation=0.05, labour_growth=0.01, tfp_growth=0.01):
        values = {
            "saving": saving, "alpha": alpha, "depreciation": depreciation,
            "labour_growth": labour_growth, "tfp_growth": tfp_growth,
        }  # fmt: skip
        for name, value in values.items():
            values[name] = float(require_between(name, value, *RANGES[name]))
        controls = {
            name: widgets.FloatSlider(
                value=values[name], min=RANGES[name][0], max=RANGES[name][1], step=STEPS[name],
                description=_(DESCRIPTIONS[name]), style=SLIDER_STYLE, layout=control_layout(),
                readout_format=FORMATS[name],
            )
            for name in RANGES
        }
        super().__init__(
            height=7.4,
            description=_('Two charts, one above the other: output per worker of a factor-driven and an innovation-driven economy over 60 years on a log scale, then their growth rates.'),
            controls=controls,
            caption=_(
                "<small>{illustrative}: a Solow model in which both economies start in the steady state of "
                "saving {saving:.0%} of output with TFP = 1. The factor-driven economy (blue) saves at the "
                "slider's rate from year 0, with no TFP growth; the innovation-driven economy (orange) keeps "
                "saving {saving:.0%} and its TFP grows at g a year. Output per worker is shown relative to "
                "year 0, on a log scale.</small>"
            ).format(illustrative=_(ILLUSTRATIVE), saving=BASELINE_SAVING),
        )
        self._readout = _(
            "After {years} years output per worker is <b>×{factor:.2f}</b> its starting level on the "
            "factor-driven path and <b>×{innovation:.2f}</b> on the innovation-driven path (steady state of "
            "the factor path: ×{ceiling:.2f}). Growth in year {year}: <b>{factor_growth:.2f}%</b> against "
            "<b>{innovation_growth:.2f}%</b> a year (balanced growth rate {balanced:.2f}%)."
        )
        self._build_artists()
        self.start()

    def _build_artists(self):
        self.level_axes, self.growth_axes = self.figure.subplots(2, 1)
        level_limits, growth_limits = axis_limits()
        years = np.arange(YEARS + 1)
        axes = self.level_axes
        (self.factor_level,) = axes.plot(years, np.ones_like(years, dtype=float), color=FACTOR_COLOUR, label=_("Factor-driven: save more"))
        (self.innovation_level,) = axes.plot(years, np.ones_like(years, dtype=float), color=INNOVATION_COLOUR, label=_("Innovation-driven: TFP grows"))
        self.ceiling = axes.axhline(1.0, color=FACTOR_COLOUR, linestyle=":", linewidth=1, label=_("Factor path's steady state"))
        axes.set_yscale("log")
        axes.set_ylim(level_limits)
        axes.yaxis.set_major_locator(FixedLocator(LEVEL_TICKS))
        axes.yaxis.set_minor_locator(NullLocator())
        axes.yaxis.set_major_formatter(PLAIN_NUMBERS)
        axes.set_xlim(0, YEARS)
        axes.set_xlabel(_("Years"))
        axes.set_ylabel(_("Output per worker (year 0 = 1)"))
        axes.set_title(_("Output per worker, log scale"), fontsize=TEXT_POINTS)
        axes.legend(loc="upper left", fontsize=TEXT_POINTS)

        axes = self.growth_axes
        (self.factor_growth,) = axes.plot(years[1:], np.zeros(YEARS), color=FACTOR_COLOUR, label=_("Factor-driven"))
        (self.innovation_growth,) = axes.plot(years[1:], np.zeros(YEARS), color=INNOVATION_COLOUR, label=_("Innovation-driven"))
        self.balanced = axes.axhline(0.0, color=INNOVATION_COLOUR, linestyle=":", linewidth=1, label=_("Balanced growth rate"))
        axes.axhline(0, color="black", linewidth=0.8)
        axes.axvline(REPORT_YEAR, color="#8c8c8c", linewidth=0.8, linestyle="--")
        axes.set_ylim(growth_limits)
        axes.set_xlim(0, YEARS)
        axes.set_xlabel(_("Years"))
        axes.set_ylabel(_("Growth of output per worker, % a year"))
        axes.set_title(_("Its growth rate"), fontsize=TEXT_POINTS)
        axes.legend(loc="upper right", fontsize=TEXT_POINTS)
        every_control = tuple(RANGES)
        self.layers = [
            Layer(self.level_axes, [self.factor_level, self.innovation_level, self.ceiling], every_control),
            Layer(self.growth_axes, [self.factor_growth, self.innovation_growth, self.balanced], every_control),
        ]

    def parameters(self):
        """The sliders' values as keyword arguments of the model functions."""
        return {name: control.value for name, control in self.controls.items()}

    def update(self):
        p = self.parameters()
        factor, innovation = growth_paths(
            p["saving"], p["alpha"], p["depreciation"], p["labour_growth"], p["tfp_growth"], BASELINE_SAVING
        )
        factor_level = factor.output / factor.output[0]
        innovation_level = innovation.output / innovation.output[0]
        self.factor_level.set_ydata(factor_level)
        self.innovation_level.set_ydata(innovation_level)
        ceiling = steady_state_output(p["saving"], p["alpha"], p["depreciation"], p["labour_growth"]) / steady_state_output(
            BASELINE_SAVING, p["alpha"], p["depreciation"], p["labour_growth"]
        )
        self.ceiling.set_ydata([ceiling] * 2)
        self.factor_growth.set_ydata(100 * factor.growth)
        self.innovation_growth.set_ydata(100 * innovation.growth)
        balanced = balanced_growth_rate(p["tfp_growth"], p["alpha"])
        self.balanced.set_ydata([100 * balanced] * 2)
        year = REPORT_YEAR - 1  # growth[t - 1] is the growth from year t - 1 to year t
        self.readout.value = self._readout.format(
            years=YEARS, factor=factor_level[-1], innovation=innovation_level[-1], ceiling=ceiling,
            year=REPORT_YEAR, factor_growth=100 * factor.growth[year],
            innovation_growth=100 * innovation.growth[year], balanced=100 * balanced,
        )
        return False
