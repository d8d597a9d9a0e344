"""Widget: growth accounting for a PWT economy, and a projection under a chosen TFP growth rate."""

import ipywidgets as widgets
import numpy as np

from ..data import country_name, load_pwt, pwt_countries
from ..i18n import _
from ..models import account_for_growth, doubling_time, project
from ..models.growth_accounting import period_capital_share, pwt_tfp_growth
from ..validation import require_between
from .base import PLAIN_NUMBERS, SLIDER_STYLE, FigureWidget, Layer, N_, TEXT_POINTS, control_layout

# TRANSLATORS: TFP (total factor productivity) and PWT (Penn World Table) may stay as abbreviations.
COMPONENTS = (
    ("capital_deepening", N_("Capital per worker"), "#4c72b0"),
    ("human_capital", N_("Human capital"), "#55a868"),
    ("tfp", N_("TFP (residual)"), "#dd8452"),
)
ALPHA_RANGE = (0.2, 0.7)
TFP_GROWTH_RANGE = (0.0, 5.0)  # % a year
PROJECTION_YEARS = 50
LAST_YEAR = 2019


class TfpExplorer(FigureWidget):
    """Contributions to output-per-worker growth, and output per worker projected forward."""

    live_control = "tfp_growth"

    def live_positions(self):
        """TFP growth from 0% to 5% a year in steps of half a point."""
        return [(f"{rate:.1f}", rate) for rate in np.round(np.arange(0.0, TFP_GROWTH_RANGE[1] + 0.01, 0.5), 1)]

    def __init__(self, country="CHN", start=1978, end=2019, tfp_growth=0.02):
        series = load_pwt(country)
        account_for_growth(series.code, start, end)  # rejects an impossible period before any widget exists
        tfp_growth = float(require_between("tfp_growth", tfp_growth, 0.0, TFP_GROWTH_RANGE[1] / 100))
        controls = {
            "country": widgets.Dropdown(
                options=[(country_name(code), code) for code in pwt_countries()],
                value=series.code, description=_("Economy"), style=SLIDER_STYLE, layout=control_layout(),
            ),
            "period": widgets.IntRangeSlider(
                value=(start, end), min=int(series.year[0]), max=LAST_YEAR, description=_("Period"),
                style=SLIDER_STYLE, layout=control_layout(), continuous_update=False,
            ),
            "alpha": widgets.FloatSlider(
                value=self._data_alpha(series.code, start, end), min=ALPHA_RANGE[0], max=ALPHA_RANGE[1],
                step=0.01, description=_("Capital share α"), style=SLIDER_STYLE, layout=control_layout(),
            ),
            "tfp_growth": widgets.FloatSlider(
                value=tfp_growth * 100, min=TFP_GROWTH_RANGE[0], max=TFP_GROWTH_RANGE[1], step=0.1,
                description=_("TFP growth, % a year"), style=SLIDER_STYLE, layout=control_layout(),
                readout_format=".1f",
            ),
        }
        super().__init__(
            height=7.0,
            description=_('Two charts: bars for the sources of growth of output per worker over the chosen period, then output per worker in the data and projected 50 years ahead with TFP growth alone.'),
            controls=controls,
            caption=_(
                "<small>Data: Penn World Table 10.01 (Feenstra, Inklaar &amp; Timmer 2015), CC BY 4.0. "
                "α starts at one minus the period's mean labour share. The projection's TFP growth "
                "rate is a choice for illustration, not a forecast.</small>"
            ),
        )
        self._texts = {
            "readout": _(
                "<b>{economy}, {start}–{end}</b>, α = {alpha:.2f}: output per worker grew {total:.1f}% a "
                "year, of which capital per worker gave {capital:.1f} points, human capital {human:.1f} and "
                "TFP {tfp:.1f} ({share:.0%} of the total).{own_index} <b>Projection</b>: with TFP growing "
                "{rate:.1%} a year, {doubling}."
            ),
            "own_index": _(" PWT's own TFP index grew {pwt:.1f}% a year."),
            "doubles": _("output per worker doubles every {years:.0f} years"),
            "never": _("it never doubles"),
        }
        self._build_artists()
        self._names = {code: label for label, code in controls["country"].options}
        self._economy = None
        self._syncing = False
        self.start()
        self._keep_every_economy()

    def background_key(self):
        return self._economy, self.bars_axes.get_ylim()

    def _keep_every_economy(self):
        """Draw each economy's axes once now, so that choosing it later redraws in milliseconds."""
        for code in self._names:
            if code != self._economy:
                series = load_pwt(code)
                self._fit_economy(series, series.rgdpna / series.emp / 1000)
                self.bars_axes.set_ylim(self._bar_limits)
                self._economy = code
                self.render(full=True)
        self._economy = None
        self.update()
        self.render(full=True)

    @staticmethod
    def _data_alpha(code, start, end):
        return round(period_capital_share(load_pwt(code), start, end), 2)

    def _period(self):
        start, end = self.controls["period"].value
        if end == start:  # the range slider allows a zero-length period; growth needs at least a year
            return (start, end + 1) if end < LAST_YEAR else (start - 1, end)
        return start, end

    def _on_change(self, name):
        if self._syncing:  # a control set below, in step with the economy or period
            return
        if name in ("country", "period"):
            self._syncing = True
            try:
                series = load_pwt(self.controls["country"].value)
                self.controls["period"].min = int(series.year[0])  # clamps the period into the data
                self.controls["alpha"].value = self._data_alpha(series.code, *self._period())
            finally:
                self._syncing = False
        super()._on_change(name)

    def _build_artists(self):
        self.bars_axes, self.path_axes = self.figure.subplots(2, 1)
        axes = self.bars_axes
        self.component_bars = {
            key: axes.bar([0], [0], width=0.6, color=color, label=_(label))[0] for key, label, color in COMPONENTS
        }
        self.total_bar = axes.bar([1], [0], width=0.6, color="#8c8c8c", label=_("Output per worker"))[0]
        (self.pwt_marker,) = axes.plot([0], [0], marker="D", color="black", linestyle="none", label=_("PWT's TFP index"))
        axes.axhline(0, color="black", linewidth=0.8)
        axes.set_xticks([0, 1], [_("Contributions"), _("Total")])
        axes.set_xlim(-0.6, 1.6)
        axes.set_ylabel(_("% a year (average log growth)"))
        axes.legend(loc="upper right", fontsize=TEXT_POINTS, framealpha=0.9)
        axes.set_title(_("Growth of output per worker and its sources"), fontsize=TEXT_POINTS)

        axes = self.path_axes
        (self.history_line,) = axes.plot([], [], color="#4c72b0", label=_("Data (PWT 10.01)"))
        (self.projection_line,) = axes.plot([], [], color="#dd8452", linestyle="--", label=_("Projection, TFP only"))
        axes.set_yscale("log")
        axes.yaxis.set_major_formatter(PLAIN_NUMBERS)
        axes.set_ylabel(_("Output per worker, thousand 2017 US$"))
        axes.set_title(_("Output per worker: data and projection"), fontsize=TEXT_POINTS)
        axes.legend(loc="upper left", fontsize=TEXT_POINTS)
        bar_artists = [*self.component_bars.values(), self.total_bar, self.pwt_marker]
        self.layers = [
            Layer(self.bars_axes, bar_artists, ("country", "period", "alpha")),
            Layer(self.path_axes, [self.projection_line], ("country", "period", "tfp_growth")),
        ]

    def update(self):
        code = self.controls["country"].value
        start, end = self._period()
        alpha = self.controls["alpha"].value
        rate = self.controls["tfp_growth"].value / 100
        series = load_pwt(code)
        accounts = account_for_growth(code, start, end, alpha=alpha)

        up = down = 0.0
        for key, bar in self.component_bars.items():
            value = 100 * getattr(accounts, key)
            bar.set_y(up if value >= 0 else down)
            bar.set_height(value)
            up, down = (up + value, down) if value >= 0 else (up, down + value)
        total = 100 * accounts.output_per_worker
        pwt = 100 * _pwt_growth_or_nan(series, start, end)
        self.total_bar.set_height(total)
        self.pwt_marker.set_ydata([pwt])

        output_per_worker = series.rgdpna / series.emp / 1000
        start_level = output_per_worker[series.year == end][0]
        self.projection_line.set_data(
            np.arange(end, end + PROJECTION_YEARS + 1), project(start_level, rate, PROJECTION_YEARS)
        )
        texts = self._texts
        own_index = "" if np.isnan(pwt) else texts["own_index"].format(pwt=pwt)
        doubling = texts["doubles"].format(years=doubling_time(rate)) if rate > 0 else texts["never"]
        self.readout.value = texts["readout"].format(
            economy=self._names[code], start=start, end=end, alpha=alpha, total=total,
            capital=100 * accounts.capital_deepening, human=100 * accounts.human_capital, tfp=100 * accounts.tfp,
            share=accounts.tfp_share, own_index=own_index, rate=rate, doubling=doubling,
        )

        redraw = False
        if code != self._economy:
            self._economy = code
            self._fit_economy(series, output_per_worker)
            redraw = True
        low, high = np.nanmin([down, total, pwt, 0.0]), np.nanmax([up, total, pwt, 0.0])
        limits = self._bar_limits
        if low < limits[0] or high > limits[1]:  # a short period with extreme growth: widen for it
            limits = _padded(min(low, limits[0]), max(high, limits[1]))
        if limits != self.bars_axes.get_ylim():
            self.bars_axes.set_ylim(limits)
            redraw = True
        return redraw

    def _fit_economy(self, series, output_per_worker):
        """Limits that fit every period of ten years or more at any α, so sliders never move the axes."""
        self.history_line.set_data(series.year, output_per_worker)
        top = np.nanmax(output_per_worker) * (1 + TFP_GROWTH_RANGE[1] / 100) ** PROJECTION_YEARS
        self.path_axes.set_xlim(series.year[0], LAST_YEAR + PROJECTION_YEARS)
        self.path_axes.set_ylim(np.nanmin(output_per_worker) * 0.8, top * 1.2)
        self._bar_limits = _padded(*_bar_range(series))


def _pwt_growth_or_nan(series, start, end):
    """PWT's TFP growth, or NaN (nothing drawn) for years before its index begins."""
    if np.isnan(series.at(start)["rtfpna"]) or np.isnan(series.at(end)["rtfpna"]):
        return np.nan
    return pwt_tfp_growth(series, start, end)


def _padded(low, high):
    """Axis limits around [low, high] with room above for the legend."""
    return (low - 0.1 * (high - low), high + 0.6 * (high - low))


def _bar_range(series, shortest=10):
    """Lowest and highest bar ends over all periods of at least `shortest` years and α on the slider."""
    logs = np.log(np.column_stack([
        series.rgdpna / series.emp, series.rnna / series.emp, series.hc, series.rtfpna,
    ]))
    start, end = np.triu_indices(len(series.year), k=shortest)
    growth = 100 * (logs[end] - logs[start]) / (series.year[end] - series.year[start])[:, None]
    g_y, g_k, g_h, g_pwt = growth.T
    ends = [g_y, g_pwt, np.zeros_like(g_y)]
    for alpha in ALPHA_RANGE:
        parts = np.column_stack([alpha * g_k, (1 - alpha) * g_h, g_y - alpha * g_k - (1 - alpha) * g_h])
        ends += [np.where(parts > 0, parts, 0).sum(axis=1), np.where(parts < 0, parts, 0).sum(axis=1)]
    ends = np.concatenate(ends)
    return float(np.nanmin(ends)), float(np.nanmax(ends))
