"""Widget: two firms share a fixed capital stock; aggregate TFP peaks where marginal products are equal."""

import ipywidgets as widgets
import numpy as np

from ..i18n import _
from ..models import aggregate_tfp, efficient_capital, marginal_product_of_capital
from ..validation import require_between
from .base import ILLUSTRATIVE, PLAIN_NUMBERS, SLIDER_STYLE, FigureWidget, Layer, TEXT_POINTS, control_layout

LABOUR = np.array([1.0, 1.0])
TOTAL_CAPITAL = 2.0
SHARES = np.linspace(0.01, 0.99, 197)
RANGES = {"share_to_b": (0.01, 0.99), "tfp_b": (1.0, 3.0), "alpha": (0.2, 0.6)}


class AllocationExplorer(FigureWidget):
    """Slide capital from firm A to the more productive firm B and watch aggregate TFP."""

    def __init__(self, share_to_b=0.5, tfp_b=1.5, alpha=0.33):
        values = {"share_to_b": share_to_b, "tfp_b": tfp_b, "alpha": alpha}
        for name, value in values.items():
            values[name] = float(require_between(name, value, *RANGES[name]))
        descriptions = {"share_to_b": _("Capital in firm B"), "tfp_b": _("TFP of B (A = 1)"), "alpha": _("Capital share α")}
        controls = {
            name: widgets.FloatSlider(
                value=values[name], min=RANGES[name][0], max=RANGES[name][1], step=0.01,
                description=descriptions[name], style=SLIDER_STYLE, layout=control_layout(),
                readout_format=".0%" if name == "share_to_b" else ".2f",
            )
            for name in values
        }
        super().__init__(
            height=7.4,
            description=_("Two charts: aggregate TFP as capital moves from firm A to firm B, then both firms' marginal products of capital."),
            controls=controls,
            caption=_(
                "<small>{illustrative}: two firms with one unit of labour each share two units of "
                "capital; firm A's TFP is 1.</small>"
            ).format(illustrative=_(ILLUSTRATIVE)),
        )
        self._readout = _(
            "Aggregate TFP is <b>{current:.3f}</b>, {ratio:.1%} of the best possible {best:.3f}, which needs "
            "{share:.0%} of the capital in firm B: there the two marginal products are equal."
        )
        self._build_artists()
        self.start()

    def _build_artists(self):
        self.tfp_axes, self.mpk_axes = self.figure.subplots(2, 1)
        axes = self.tfp_axes
        (self.tfp_curve,) = axes.plot(SHARES * 100, np.ones_like(SHARES), color="#4c72b0")
        self.efficient_line = axes.axvline(50, color="#55a868", linestyle="--", label=_("Equal marginal products"))
        (self.tfp_point,) = axes.plot([50], [1], marker="o", color="#dd8452", label=_("Current allocation"))
        axes.set_xlabel(_("Share of capital in firm B, %"))
        axes.set_ylabel(_("Aggregate TFP, % of its best level"))
        axes.set_ylim(60, 101)
        axes.set_title(_("Aggregate TFP"), fontsize=TEXT_POINTS)
        axes.legend(loc="lower center", fontsize=TEXT_POINTS)

        axes = self.mpk_axes
        (self.mpk_a_curve,) = axes.plot(SHARES * 100, np.ones_like(SHARES), color="#8c8c8c", label=_("Firm A"))
        (self.mpk_b_curve,) = axes.plot(SHARES * 100, np.ones_like(SHARES), color="#dd8452", label=_("Firm B"))
        self.mpk_cursor = axes.axvline(50, color="black", linewidth=0.8)
        axes.set_xlabel(_("Share of capital in firm B, %"))
        axes.set_ylabel(_("Marginal product of capital"))
        axes.set_yscale("log")
        axes.set_ylim(0.1, 20)
        axes.set_title(_("Marginal products of capital"), fontsize=TEXT_POINTS)
        axes.yaxis.set_major_formatter(PLAIN_NUMBERS)
        axes.legend(loc="upper center", fontsize=TEXT_POINTS)
        every_control = tuple(RANGES)
        self.layers = [
            Layer(self.tfp_axes, [self.tfp_curve, self.efficient_line, self.tfp_point], every_control),
            Layer(self.mpk_axes, [self.mpk_a_curve, self.mpk_b_curve, self.mpk_cursor], every_control),
        ]

    def update(self):
        share = self.controls["share_to_b"].value
        tfp = np.array([1.0, self.controls["tfp_b"].value])
        alpha = self.controls["alpha"].value
        capital = TOTAL_CAPITAL * np.column_stack([1 - SHARES, SHARES])
        best_capital = efficient_capital(tfp, LABOUR, TOTAL_CAPITAL, alpha)
        best = aggregate_tfp(tfp, best_capital, LABOUR, alpha)
        current = aggregate_tfp(tfp, TOTAL_CAPITAL * np.array([1 - share, share]), LABOUR, alpha)
        efficient_share = best_capital[1] / TOTAL_CAPITAL

        self.tfp_curve.set_ydata(100 * aggregate_tfp(tfp, capital, LABOUR, alpha) / best)
        self.tfp_point.set_data([100 * share], [100 * current / best])
        self.efficient_line.set_xdata([100 * efficient_share] * 2)

        mpk = marginal_product_of_capital(tfp, capital, LABOUR, alpha)
        self.mpk_a_curve.set_ydata(mpk[:, 0])
        self.mpk_b_curve.set_ydata(mpk[:, 1])
        self.mpk_cursor.set_xdata([100 * share] * 2)
        self.readout.value = self._readout.format(
            current=current, ratio=current / best, best=best, share=efficient_share
        )
        return False
