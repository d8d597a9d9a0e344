"""Widget: the three elements of productive forces and how much each adds to output per worker."""

import ipywidgets as widgets
import numpy as np

from ..data import country_name, load_pwt
from ..i18n import _, ngettext
from ..models import human_capital_index
from ..models.elements import INSTRUMENT_GENERATIONS, element_contributions, years_of_schooling
from ..validation import require_between
from .base import ILLUSTRATIVE, SLIDER_STYLE, FigureWidget, Layer, N_, TEXT_POINTS, control_layout

SCHOOLING_RANGE = (0.0, 16.0)
LAST_GENERATION = len(INSTRUMENT_GENERATIONS) - 1
RANGES = {"alpha": (0.2, 0.6), "equipment_step": (1.0, 4.0), "relative_productivity": (1.0, 10.0)}
BASELINE = (0.0, 0, 0.0)  # no schooling, hand tools, nobody in the new sectors
PARTS = (
    ("labourers", N_("Labourers:\nschooling"), "#55a868"),
    ("means_of_labour", N_("Means of\nlabour:\ninstruments"), "#4c72b0"),
    ("subjects_of_labour", N_("Subjects of\nlabour: new\nsectors"), "#dd8452"),
)
# Short: a slider readout is narrow.
READOUTS = (N_("hand tools"), N_("steam"), N_("electric"), N_("digital"), N_("intelligent"))
DATA_ECONOMIES = (("CHN", "#c44e52", 2.0), ("USA", "#8c8c8c", 1.2))


class ThreeElementsExplorer(FigureWidget):
    """Schooling, instrument generation and the new-sector share, and each one's part in output per worker."""

    def __init__(
        self, schooling=9.0, generation=3, new_share=0.25, *, alpha=1 / 3, equipment_step=2.0,
        relative_productivity=3.0,
    ):
        schooling = float(require_between("schooling", schooling, *SCHOOLING_RANGE))
        generation = require_between("generation", generation, 0, LAST_GENERATION)
        if generation != int(generation):
            raise ValueError(
                _("{name} must be a whole number from {low} to {high}, got {value!r}").format(
                    name="generation", low=0, high=LAST_GENERATION, value=generation
                )
            )
        new_share = float(require_between("new_share", new_share, 0.0, 1.0))
        self.settings = {
            "alpha": float(require_between("alpha", alpha, *RANGES["alpha"])),
            "equipment_step": float(require_between("equipment_step", equipment_step, *RANGES["equipment_step"])),
            "relative_productivity": float(
                require_between("relative_productivity", relative_productivity, *RANGES["relative_productivity"])
            ),
        }
        controls = {
            "schooling": widgets.FloatSlider(
                value=schooling, min=SCHOOLING_RANGE[0], max=SCHOOLING_RANGE[1], step=0.5,
                description=_("Schooling, years"), style=SLIDER_STYLE, layout=control_layout(), readout_format=".1f",
            ),
            "generation": widgets.SelectionSlider(
                options=[(_(label), i) for i, label in enumerate(READOUTS)],
                value=int(generation), description=_("Instruments"), style=SLIDER_STYLE, layout=control_layout(),
            ),
            "new_share": widgets.FloatSlider(
                value=new_share, min=0.0, max=1.0, step=0.01, description=_("Workers in new sectors"),
                style=SLIDER_STYLE, layout=control_layout(), readout_format=".0%",
            ),
        }
        s = self.settings
        super().__init__(
            height=7.6,
            description=_("Two charts: bars for what schooling, instruments and new sectors each add to output per worker, then the human-capital index of China and the United States since 1950 with the slider's schooling as a dashed line."),
            controls=controls,
            caption=_(
                "<small>Left: {illustrative}. Capital share α = {alpha:.2f}; capital per worker held fixed; "
                "each instrument generation ({generations}) multiplies the productivity of equipment by "
                "{step:g}; the new sectors produce {relative:g} times as much per worker as the traditional "
                "ones. Baseline: no schooling, hand tools, every worker in the traditional sector. Schooling "
                "enters through the Penn World Table's human-capital index (returns of 13.4%, 10.1% and 6.8% "
                "a year). Right: human-capital index from Penn World Table 10.01 (Feenstra, Inklaar &amp; "
                "Timmer 2015), CC BY 4.0; years of schooling implied by inverting the index.</small>"
            ).format(
                illustrative=_(ILLUSTRATIVE).lower(), alpha=s["alpha"], step=s["equipment_step"],
                relative=s["relative_productivity"],
                generations=_(", ").join(f"{i} {_(name)}" for i, name in enumerate(INSTRUMENT_GENERATIONS)),
            ),
        )
        self._texts = {
            # The title over the data panel, by whether the slider's schooling is 1 year or not.
            "title": (
                ngettext("{years:g} year: h = {h:.2f}, {china}", "{years:g} years: h = {h:.2f}, {china}", 1),
                ngettext("{years:g} year: h = {h:.2f}, {china}", "{years:g} years: h = {h:.2f}, {china}", 2),
            ),
            "above": _("above {economy}'s {year} level"),
            "below": _("below {economy}'s {year} level"),
            "reached": _("{economy}'s level in {year}"),
            "china": country_name("CHN"),
        }
        self._build_artists()
        self.start()

    def _contributions(self, schooling, generation, new_share):
        return element_contributions(schooling, generation, new_share, baseline=BASELINE, **self.settings)

    def _build_artists(self):
        self.bars_axes, self.data_axes = self.figure.subplots(2, 1)
        axes = self.bars_axes
        self.part_bars, self.part_labels = {}, {}
        for i, (key, _label, color) in enumerate(PARTS):
            self.part_bars[key] = axes.bar([i], [0], width=0.62, color=color)[0]
            self.part_labels[key] = axes.text(i, 0, "", ha="center", va="bottom", fontsize=TEXT_POINTS)
        self.total_bar = axes.bar([3], [0], width=0.62, color="#8c8c8c")[0]
        self.total_label = axes.text(3, 0, "", ha="center", va="bottom", fontsize=TEXT_POINTS, fontweight="bold")
        self.steps = [axes.plot([], [], color="black", linewidth=0.7, linestyle=":")[0] for _part in PARTS]
        axes.axhline(0, color="black", linewidth=0.8)
        axes.set_xticks(range(4), [_(label) for _key, label, _color in PARTS] + [_("Output\nper worker")], fontsize=TEXT_POINTS)
        axes.set_xlim(-0.55, 3.55)
        low, high = self._bar_range()
        powers = np.arange(np.floor(low / np.log(2)), np.ceil(high / np.log(2)) + 1)
        axes.set_yticks(powers * np.log(2), [f"×{2.0 ** p:g}" for p in powers])
        axes.set_ylim(low - 0.05 * (high - low), high + 0.12 * (high - low))
        axes.set_ylabel(_("Multiple of the baseline (log scale)"))
        axes.set_title(_("Output per worker: what each element adds"), fontsize=TEXT_POINTS)

        axes = self.data_axes
        years = np.arange(1950, 2020)
        for code, color, width in DATA_ECONOMIES:
            series = load_pwt(code)
            axes.plot(series.year, series.hc, color=color, linewidth=width,
                      label=_("{economy} (PWT 10.01)").format(economy=country_name(code)))
        self.level_line = axes.axhline(1.0, color="#55a868", linestyle="--", linewidth=1.5, label=_("Slider's schooling"))
        axes.set_xlim(years[0], years[-1])
        top = float(human_capital_index(SCHOOLING_RANGE[1]))
        axes.set_ylim(1.0, top * 1.04)
        axes.set_xlabel(_("Year"))
        axes.set_ylabel(_("Human-capital index h"))
        axes.legend(loc="lower right", fontsize=TEXT_POINTS)
        implied = axes.secondary_yaxis(
            "right",
            functions=(
                lambda h: years_of_schooling(np.clip(h, 1.0, None)),
                lambda s: human_capital_index(np.clip(s, 0.0, None)),
            ),
        )
        implied.set_yticks([0, 2, 4, 6, 8, 10, 12, 14, 16])
        implied.set_ylabel(_("Implied years of schooling"))

        bar_artists = [
            *self.part_bars.values(), *self.part_labels.values(), self.total_bar, self.total_label, *self.steps,
        ]
        self.layers = [
            Layer(self.bars_axes, bar_artists, tuple(self.controls)),
            Layer(self.data_axes, [self.level_line, self.data_axes.title], ("schooling",)),
        ]

    def _bar_range(self):
        """Lowest and highest bar ends over the whole range of every slider, so the axes never move."""
        low = high = 0.0
        ends = (SCHOOLING_RANGE, (0, LAST_GENERATION), (0.0, 1.0))
        for i, (key, _label, _color) in enumerate(PARTS):
            values = []
            for end in (0, 1):
                point = [BASELINE[0], BASELINE[1], BASELINE[2]]
                point[i] = ends[i][end]
                values.append(getattr(self._contributions(*point), key))
            low, high = low + min(0.0, *values), high + max(0.0, *values)
        return low, high

    def update(self):
        schooling = self.controls["schooling"].value
        generation = self.controls["generation"].value
        new_share = self.controls["new_share"].value
        parts = self._contributions(schooling, generation, new_share)

        level = 0.0
        for i, (key, _label, _color) in enumerate(PARTS):
            value = getattr(parts, key)
            bar = self.part_bars[key]
            bar.set_y(level)
            bar.set_height(value)
            self.part_labels[key].set_position((i, max(level, level + value)))
            self.part_labels[key].set_text(f"×{np.exp(value):.2f}")
            level += value
            self.steps[i].set_data([i + 0.31, i + 0.69], [level, level])
        self.total_bar.set_height(parts.total)
        self.total_label.set_position((3, max(0.0, parts.total)))
        self.total_label.set_text(f"×{parts.multiple:.2f}")

        h = float(human_capital_index(schooling))
        self.level_line.set_ydata([h, h])
        title = self._texts["title"][schooling != 1]
        self.data_axes.set_title(
            title.format(years=schooling, h=h, china=self._when_china_reached(h)), fontsize=TEXT_POINTS
        )
        return False

    def _when_china_reached(self, h):
        """Where h stands against China's PWT index: the first year China reached it, in a few words."""
        china = load_pwt("CHN")
        texts = self._texts
        reached = np.flatnonzero(china.hc >= h)
        if reached.size == 0:
            return texts["above"].format(economy=texts["china"], year=china.year[-1])
        if reached[0] == 0:
            return texts["below"].format(economy=texts["china"], year=china.year[0])
        return texts["reached"].format(economy=texts["china"], year=china.year[reached[0]])
