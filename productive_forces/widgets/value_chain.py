"""Widget: input, process and output as a chain; where the rise in the value of output comes from."""

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import FixedLocator, NullLocator

from ..i18n import _
from ..models.value_chain import STAGES, chain_values, decompose_value
from ..validation import require_between
from .base import ILLUSTRATIVE, PLAIN_NUMBERS, SLIDER_STYLE, FigureWidget, Layer, N_, TEXT_POINTS, control_layout

RANGE = (0.5, 2.0)  # each multiplier, relative to a baseline chain at 1
CONTROLS = {  # slider name: (description, stage it acts on)
    "technology": (N_("Input technology T"), "input"),
    "efficiency": (N_("Conversion efficiency E"), "process"),
    "quality": (N_("Output quality q"), "output"),
}
# The stages as the readout names them, and as the bars' ticks do.
STAGE_NAMES = {"input": N_("input"), "process": N_("process"), "output": N_("output")}
STAGE_TICKS = {"input": N_("Input"), "process": N_("Process"), "output": N_("Output")}
COLOURS = {"input": "#4c72b0", "process": "#55a868", "output": "#dd8452"}
CHAIN_LABELS = (
    N_("Basic\ninputs →"), N_("Input:\nhigh\ntechnology →"), N_("Process:\nhigh\nefficiency →"),
    N_("Output:\nhigh\nquality"),
)
TOTAL_X = 3.3
# With each multiplier between 0.5 and 2, value after any stage lies between 0.5**3 and 2**3, and a
# stage's contribution between -69.3 and 69.3 log points (at most three of them stacked).
LEVEL_LIMITS = (RANGE[0] ** 3 / 1.3, RANGE[1] ** 3 * 1.3)
LEVEL_TICKS = (0.125, 0.25, 0.5, 1, 2, 4, 8)
STACK = 3 * 100 * np.log(RANGE[1])
BAR_LIMITS = (-1.08 * STACK, 1.3 * STACK)


class ValueChainExplorer(FigureWidget):
    """Three multipliers along the chain of production and each stage's part in the change in value."""

    def __init__(self, technology=1.4, efficiency=1.25, quality=1.3):
        values = {"technology": technology, "efficiency": efficiency, "quality": quality}
        for name, value in values.items():
            values[name] = float(require_between(name, value, *RANGE))
        controls = {
            name: widgets.FloatSlider(
                value=values[name], min=RANGE[0], max=RANGE[1], step=0.05, description=_(CONTROLS[name][0]),
                style=SLIDER_STYLE, layout=control_layout(), readout_format=".2f",
            )
            for name in CONTROLS
        }
        super().__init__(
            height=7.6,
            description=_("Two bar charts: the value reached after each stage of the chain on a log scale, then each stage's contribution to the change in value, in log points."),
            controls=controls,
            caption=_(
                "<small>{illustrative}: each slider multiplies the value passing through one stage, relative "
                "to a baseline chain where all three are 1 (value of output = price × efficiency × technology × "
                "basic inputs, with the price proportional to quality). Contributions are in log points (100 × "
                "the natural log of the ratio), which add up exactly to the total.</small>"
            ).format(illustrative=_(ILLUSTRATIVE)),
        )
        self._texts = {
            "stages": {stage: _(name) for stage, name in STAGE_NAMES.items()},
            "share": _(", {share:.0%} of the total"),
            "part": _("{stage} {part:+.1f}{share}"),
            "separator": _("; "),
            "readout": _("Value of output: <b>×{value:.3f}</b> the baseline ({change:+.1%}), <b>{total:+.1f}</b> log points: {parts}."),
        }
        self._build_artists()
        self.start()

    def _build_artists(self):
        self.chain_axes, self.bar_axes = self.figure.subplots(2, 1)
        axes = self.chain_axes
        colours = ["#8c8c8c", *(COLOURS[stage] for stage in STAGES)]
        self.level_bars = axes.bar(range(4), np.ones(4), bottom=LEVEL_LIMITS[0], width=0.6, color=colours)
        axes.axhline(1, color="black", linewidth=0.8, linestyle=":")
        axes.set_yscale("log")
        axes.set_ylim(LEVEL_LIMITS)
        axes.yaxis.set_major_locator(FixedLocator(LEVEL_TICKS))
        axes.yaxis.set_minor_locator(NullLocator())
        axes.yaxis.set_major_formatter(PLAIN_NUMBERS)
        axes.set_xticks(range(4), [_(label) for label in CHAIN_LABELS], fontsize=TEXT_POINTS)
        axes.set_xlim(-0.6, 3.6)
        axes.set_ylabel(_("Value after each stage (baseline = 1)"))
        axes.set_title(_("Value built up along the chain, left to right"), fontsize=TEXT_POINTS)

        axes = self.bar_axes
        self.stage_bars = {
            stage: axes.bar([i], [0], width=0.7, color=COLOURS[stage])[0] for i, stage in enumerate(STAGES)
        }
        self.stacked_bars = {
            stage: axes.bar([TOTAL_X], [0], width=0.7, color=COLOURS[stage], alpha=0.75)[0] for stage in STAGES
        }
        (self.total_marker,) = axes.plot(
            [TOTAL_X - 0.45, TOTAL_X + 0.45], [0, 0], color="black", linewidth=2.5, label=_("Total change")
        )
        axes.axhline(0, color="black", linewidth=0.8)
        axes.set_xticks([0, 1, 2, TOTAL_X], [*(_(STAGE_TICKS[stage]) for stage in STAGES), _("Total")])
        axes.set_xlim(-0.6, TOTAL_X + 0.6)
        axes.set_ylim(BAR_LIMITS)
        axes.set_ylabel(_("Change in value of output, log points"))
        axes.set_title(_("Where the change in value comes from"), fontsize=TEXT_POINTS)
        axes.legend(loc="upper left", fontsize=TEXT_POINTS)
        every_control = tuple(CONTROLS)
        self.layers = [
            Layer(self.chain_axes, list(self.level_bars), every_control),
            Layer(self.bar_axes, [*self.stage_bars.values(), *self.stacked_bars.values(), self.total_marker], every_control),
        ]

    def multipliers(self):
        """The sliders' values by stage: {"input": T, "process": E, "output": q}."""
        return {CONTROLS[name][1]: control.value for name, control in self.controls.items()}

    def update(self):
        multipliers = self.multipliers()
        technology, efficiency, quality = (multipliers[stage] for stage in STAGES)
        levels = chain_values(technology, efficiency, quality)
        contributions = decompose_value(technology, efficiency, quality)
        for bar, level in zip(self.level_bars, (1.0, *levels)):
            bar.set_height(float(level) - LEVEL_LIMITS[0])

        total = float(contributions.total)
        up = down = 0.0
        parts = []
        texts = self._texts
        for stage in STAGES:
            part = float(getattr(contributions, stage))
            self.stage_bars[stage].set_height(part)
            self.stacked_bars[stage].set_y(up if part >= 0 else down)
            self.stacked_bars[stage].set_height(part)
            up, down = (up + part, down) if part >= 0 else (up, down + part)
            share = texts["share"].format(share=part / total) if abs(total) >= 0.05 else ""
            parts.append(texts["part"].format(stage=texts["stages"][stage], part=part, share=share))
        self.total_marker.set_ydata([total, total])
        value = float(levels.output_value)
        self.readout.value = texts["readout"].format(
            value=value, change=value - 1, total=total, parts=texts["separator"].join(parts)
        )
        return False
