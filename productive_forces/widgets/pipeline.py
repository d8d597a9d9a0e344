"""Widget: split an innovation budget across basic research, applied research and industrial use."""

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import LogLocator

from ..i18n import _
from ..models.pipeline import DEFAULT_PARAMETERS, best_split, long_run_innovations, pipeline_path, split
from ..validation import require_between
from .base import ILLUSTRATIVE, PLAIN_NUMBERS, SLIDER_STYLE, FigureWidget, Layer, N_, TEXT_POINTS, control_layout

YEARS = np.arange(-5, 31)
GRID = np.linspace(0, 1, 201)
CHINA_BASIC_SHARE_2023 = 0.0677  # basic research / R&D spending, NBS/MOST/MOF bulletin for 2023
FLOOR = 0.2  # bottom of the log axis for innovations a year
LEVELS = (0, 25, 50, 75, 90, 97, 100)
SHARE_CONTROLS = ("basic", "applied")
PATH, BEST_PATH, START = "#4c72b0", "#55a868", "#8c8c8c"
# Where each stage's new budget starts to show in the flow, marked on the path's axis.
STAGE_MARKS = (N_("use"), N_("applied"), N_("basic"))


class InnovationPipelineExplorer(FigureWidget):
    """Choose the budget split and the strength of collaboration; see innovations reaching industry."""

    params = DEFAULT_PARAMETERS

    def __init__(self, basic=0.10, applied=0.20, collaboration=0.3):
        start_split = split(basic, applied)  # rejects shares outside [0, 1] or adding to more than 100%
        collaboration = float(require_between("collaboration", collaboration, 0.0, 1.0))
        self._start = (start_split, collaboration)
        percent = {"min": 0.0, "max": 1.0, "step": 0.01, "readout_format": ".0%"}
        controls = {
            "basic": widgets.FloatSlider(value=basic, description=_("Basic research"), **percent,
                                         style=SLIDER_STYLE, layout=control_layout()),
            "applied": widgets.FloatSlider(value=applied, description=_("Applied research"), **percent,
                                           style=SLIDER_STYLE, layout=control_layout()),
            "collaboration": widgets.FloatSlider(
                value=collaboration, min=0.0, max=1.0, step=0.05, description=_("Collaboration"),
                style=SLIDER_STYLE, layout=control_layout(), readout_format=".2f",
            ),
        }
        p = self.params
        super().__init__(
            height=7.0,
            description=_('Two charts: long-run innovations for every split of the budget, shaded, then innovations reaching industry each year after the budget moves.'),
            controls=controls,
            caption=_(
                "<small>{illustrative}: a pipeline model built for this course. Returns to each stage's budget "
                "{basic}, {applied} and {use}; a share {low} to {high} of results passes to the next stage as "
                "collaboration goes from 0 to 1; lags {lag_basic} and {lag_applied} years. Industrial use gets "
                "what basic and applied research leave; a slider that would take the two past 100% stops at the "
                "limit. Dotted line: basic research was 6.77% of China's R&D spending in 2023 (NBS, MOST and "
                "MOF, 2023 statistical bulletin on investment in science and technology), shown for scale "
                "only.</small>"
            ).format(
                illustrative=_(ILLUSTRATIVE), basic=p.exponents[0], applied=p.exponents[1], use=p.exponents[2],
                low=p.transfer_low, high=p.transfer_high, lag_basic=p.lag_basic, lag_applied=p.lag_applied,
            ),
        )
        self._texts = {
            "stopped": _("Stopped at {cap:.0%}:\nsplit cannot\npass 100%"),
            "split": _("Split {basic:.0%} / {applied:.0%} / {use:.0%}: {share:.0%} of best"),
            "flow": _("Now {now:.1f} a year, in the long run {long_run:.1f}"),
        }
        self._note = ""
        self._syncing = False
        self._build_artists()
        self.start()

    def _on_change(self, name):
        if self._syncing:  # the slider was just capped below; the outer call redraws
            return
        self._note = ""
        if name in SHARE_CONTROLS:
            other = "applied" if name == "basic" else "basic"
            cap = round(1.0 - self.controls[other].value, 2)
            if self.controls[name].value > cap:
                self._syncing = True
                try:
                    self.controls[name].value = cap
                finally:
                    self._syncing = False
                self._note = self._texts["stopped"].format(cap=cap)
        super()._on_change(name)

    def _shares(self):
        basic, applied = self.controls["basic"].value, self.controls["applied"].value
        return split(basic, min(applied, 1.0 - basic))

    def _path(self, shares, collaboration):
        start_shares, start_collaboration = self._start
        return pipeline_path(shares, collaboration, YEARS, start_shares, start_collaboration, self.params).innovations

    def _build_artists(self):
        self.split_axes, self.path_axes = self.figure.subplots(2, 1)
        best = best_split(self.params)
        axes = self.split_axes
        basic, applied = np.meshgrid(GRID, GRID)
        inside = basic + applied <= 1 + 1e-9
        shares = np.stack([basic[inside], applied[inside], np.clip(1 - basic[inside] - applied[inside], 0, None)], axis=-1)
        percent = np.full(basic.shape, np.nan)
        percent[inside] = 100 * long_run_innovations(shares, 0.5, self.params) / long_run_innovations(best, 0.5, self.params)
        filled = axes.contourf(100 * GRID, 100 * GRID, percent, levels=LEVELS, cmap="Blues")
        axes.contour(100 * GRID, 100 * GRID, percent, levels=LEVELS[1:-1], colors="white", linewidths=0.6)
        axes.plot([100 * best[0]], [100 * best[1]], marker="*", markersize=12, color="#dd8452", linestyle="none",
                  label=_("Best split"))
        axes.axvline(100 * CHINA_BASIC_SHARE_2023, color="black", linestyle=":", linewidth=1,
                     label=_("6.77% (China, 2023)"))
        (self.split_marker,) = axes.plot([0], [0], marker="o", color="black", markerfacecolor="white",
                                         linestyle="none", label=_("Your split"))
        axes.set_xlim(0, 100)
        axes.set_ylim(0, 100)
        axes.set_xlabel(_("Basic research, % of budget"))
        axes.set_ylabel(_("Applied research, % of budget"))
        axes.legend(loc="upper right", fontsize=TEXT_POINTS, framealpha=0.9)
        # In the empty corner above the diagonal, right-aligned so it never leaves the axes.
        self.note_text = axes.text(0.97, 0.62, "", transform=axes.transAxes, ha="right", va="top",
                                   fontsize=TEXT_POINTS, color="#c44e52")
        self.figure.colorbar(filled, ax=axes, label=_("Long-run output, % of best"), shrink=0.9)

        axes = self.path_axes
        start_level = self._path(*self._start)[0]
        axes.axhline(start_level, color=START, linestyle=":", linewidth=1, label=_("Starting level"))
        (self.best_line,) = axes.plot(YEARS, np.zeros(YEARS.size), color=BEST_PATH, linestyle="--",
                                      drawstyle="steps-post", label=_("Best split"))
        (self.path_line,) = axes.plot(YEARS, np.zeros(YEARS.size), color=PATH, drawstyle="steps-post",
                                      label=_("Your split"))
        lags = (0, self.params.lag_applied, self.params.lag_applied + self.params.lag_basic)
        for year, stage in zip(lags, STAGE_MARKS):
            axes.axvline(year, color="black", linewidth=0.5, alpha=0.4)
            axes.text(year + 0.3, 0.03, _(stage), transform=axes.get_xaxis_transform(), fontsize=TEXT_POINTS, alpha=0.7,
                      rotation=90, va="bottom")
        axes.set_xlim(YEARS[0], YEARS[-1])
        # Log scale: equal steps are equal percentage changes, whatever the level collaboration sets.
        axes.set_yscale("log")
        axes.set_ylim(FLOOR, 1.3 * self._ceiling())
        axes.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
        axes.yaxis.set_major_formatter(PLAIN_NUMBERS)
        axes.set_xlabel(_("Years after the change"))
        axes.set_ylabel(_("Innovations reaching industry a year (log)"))
        axes.legend(loc="upper left", fontsize=TEXT_POINTS, framealpha=0.9)
        self.layers = [
            Layer(self.split_axes, [self.split_marker, self.note_text, self.split_axes.title], ("basic", "applied", "collaboration")),
            Layer(self.path_axes, [self.best_line, self.path_line, self.path_axes.title], ("basic", "applied", "collaboration")),
        ]

    def _ceiling(self):
        """The highest yearly flow any slider setting can reach, so the axis never has to move.

        A year's flow uses the new budget of industrial use (from year 0), of applied research (from
        lag_applied) and of basic research (from lag_basic + lag_applied), and is highest with full
        collaboration. So the highest flows come from all money to industrial use, from the best
        split between applied research and use, or from the best split of all three.
        """
        beta = np.asarray(self.params.exponents)
        applied_and_use = np.array([0.0, beta[1], beta[2]]) / (beta[1] + beta[2])
        candidates = (np.array([0.0, 0.0, 1.0]), applied_and_use, best_split(self.params))
        return max(self._path(shares, 1.0).max() for shares in (*candidates, self._start[0]))

    def update(self):
        shares = self._shares()
        collaboration = self.controls["collaboration"].value
        best = best_split(self.params)
        share_of_best = long_run_innovations(shares, collaboration, self.params) / long_run_innovations(
            best, collaboration, self.params
        )
        self.split_marker.set_data([100 * shares[0]], [100 * shares[1]])
        self.note_text.set_text(self._note)
        self.split_axes.set_title(
            self._texts["split"].format(basic=shares[0], applied=shares[1], use=shares[2], share=share_of_best),
            fontsize=TEXT_POINTS,
        )
        path = self._path(shares, collaboration)
        self.path_line.set_ydata(np.maximum(path, FLOOR))  # a stage with no budget: zero, drawn on the floor
        self.best_line.set_ydata(self._path(best, collaboration))
        self.path_axes.set_title(
            self._texts["flow"].format(now=path[YEARS == 0][0], long_run=path[-1]), fontsize=TEXT_POINTS
        )
        return False
