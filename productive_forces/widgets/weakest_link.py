"""Widget: a chain of core components, its output, and where one more step of effort pays most."""

import ipywidgets as widgets
import numpy as np

from ..i18n import _
from ..models.chains import RULES, best_component, chain_output, improvement_gains
from ..validation import require_between
from .base import ILLUSTRATIVE, SLIDER_STYLE, FigureWidget, Layer, N_, TEXT_POINTS, control_layout

# The components' English names are also the names of their sliders in `controls`.
COMPONENTS = (N_("Materials"), N_("Parts"), N_("Chips"), N_("Software"), N_("Assembly"))
DEFAULT_QUALITIES = (0.9, 0.8, 0.6, 0.75, 0.95)
QUALITY_RANGE = (0.05, 1.0)
STEP = 0.05  # how far one step of effort raises a component's quality
RULE_LABELS = {"product": N_("O-ring: product"), "min": N_("Strict bottleneck: min")}
BAR, BEST, PRODUCT_LINE, MIN_LINE = "#4c72b0", "#dd8452", "#c44e52", "#8172b3"


class WeakestLinkExplorer(FigureWidget):
    """Set the quality of five core components; see the chain's output and the best next step."""

    def __init__(self, qualities=DEFAULT_QUALITIES, rule="product"):
        if np.shape(qualities) != (len(COMPONENTS),):
            raise ValueError(
                _("{name} must give one value for each of the {count} components, got {value!r}").format(
                    name="qualities", count=len(COMPONENTS), value=qualities
                )
            )
        values = [float(require_between("qualities", q, *QUALITY_RANGE)) for q in qualities]
        if rule not in RULES:
            raise ValueError(
                _("{name} must be one of {choices}, got {value!r}").format(name="rule", choices=", ".join(RULES), value=rule)
            )
        controls = {
            name: widgets.FloatSlider(
                value=value, min=QUALITY_RANGE[0], max=QUALITY_RANGE[1], step=0.01, description=_(name),
                style=SLIDER_STYLE, layout=control_layout(), readout_format=".2f",
            )
            for name, value in zip(COMPONENTS, values)
        }
        controls["rule"] = widgets.Dropdown(
            options=[(_(label), key) for key, label in RULE_LABELS.items()], value=rule,
            description=_("Rule for the gains"), style=SLIDER_STYLE, layout=control_layout(),
        )
        super().__init__(
            height=6.8,
            description=_("Two bar charts: the quality of five components with the chain's output as lines, then the rise in output from improving each component."),
            controls=controls,
            caption=_(
                "<small>{illustrative}: a hypothetical chain of five core components. A quality of 1 means the "
                "component always works, or its supply is always secure. Chain output is the product of the "
                "qualities (the O-ring rule of Kremer 1993) or their minimum. Each step of effort raises one "
                "component by {step}.</small>"
            ).format(illustrative=_(ILLUSTRATIVE), step=STEP),
        )
        self._texts = {
            "components": [_(name) for name in COMPONENTS],
            "output": _("Output: O-ring {product:.2f}, bottleneck {weakest:.2f}"),
            "best": _("Best step: {component}, +{gain:.3f}"),
            "perfect": _("All perfect: nothing to gain"),
            "tied": _("Tied weakest: no single step helps"),
        }
        self._build_artists()
        self.start()

    def _qualities(self):
        return np.array([self.controls[name].value for name in COMPONENTS])

    def _build_artists(self):
        self.chain_axes, self.gain_axes = self.figure.subplots(2, 1)
        positions = np.arange(len(COMPONENTS))
        axes = self.chain_axes
        self.quality_bars = list(axes.bar(positions, np.ones(len(COMPONENTS)), width=0.6, color=BAR))
        self.product_line = axes.axhline(1, color=PRODUCT_LINE, linewidth=2, label=_("Output, O-ring (product)"))
        self.min_line = axes.axhline(1, color=MIN_LINE, linewidth=2, linestyle="--", label=_("Output, bottleneck (min)"))
        axes.set_xticks(positions, self._texts["components"], fontsize=TEXT_POINTS)
        axes.set_xlim(-0.6, len(COMPONENTS) - 0.4)
        axes.set_ylim(0, 1.05)
        axes.set_ylabel(_("Quality (1 = always works)"))
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, fontsize=TEXT_POINTS, frameon=False)

        axes = self.gain_axes
        self.gain_bars = list(axes.bar(positions, np.zeros(len(COMPONENTS)), width=0.6, color=BAR))
        axes.set_xticks(positions, self._texts["components"], fontsize=TEXT_POINTS)
        axes.set_xlim(-0.6, len(COMPONENTS) - 0.4)
        # A step raises output by at most step * (product of the other qualities) <= step.
        axes.set_ylim(0, STEP * 1.05)
        axes.set_ylabel(_("Rise in chain output from +{step}").format(step=STEP))
        qualities = tuple(COMPONENTS)
        self.layers = [
            Layer(self.chain_axes, [*self.quality_bars, self.product_line, self.min_line, self.chain_axes.title], qualities),
            Layer(self.gain_axes, [*self.gain_bars, self.gain_axes.title], (*qualities, "rule")),
        ]

    def update(self):
        q = self._qualities()
        rule = self.controls["rule"].value
        product, weakest = float(chain_output(q)), float(chain_output(q, rule="min"))
        for bar, value in zip(self.quality_bars, q):
            bar.set_height(value)
        self.product_line.set_ydata([product] * 2)
        self.min_line.set_ydata([weakest] * 2)
        texts = self._texts
        self.chain_axes.set_title(texts["output"].format(product=product, weakest=weakest), fontsize=TEXT_POINTS)

        gains = improvement_gains(q, STEP, rule)
        best = best_component(q, STEP, rule)
        for i, (bar, gain) in enumerate(zip(self.gain_bars, gains)):
            bar.set_height(gain)
            bar.set_color(BEST if i == best and gain > 0 else BAR)
        if gains[best] > 0:
            title = texts["best"].format(component=texts["components"][best], gain=gains[best])  # short titles draw faster
        elif np.all(q >= 1):
            title = texts["perfect"]
        else:
            title = texts["tied"]
        self.gain_axes.set_title(title, fontsize=TEXT_POINTS)
        return False
