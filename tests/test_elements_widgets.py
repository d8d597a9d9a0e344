"""The three-elements explorer shows the model's contributions and redraws only what moves."""

import numpy as np
import pytest

from productive_forces.data import load_pwt
from productive_forces.models import human_capital_index
from productive_forces.models.elements import element_contributions
from productive_forces.widgets.elements import ThreeElementsExplorer

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_bars_are_the_model_contributions_stacked_in_logs():
    explorer = ThreeElementsExplorer(schooling=12, generation=2, new_share=0.4)
    parts = element_contributions(12, 2, 0.4, alpha=1 / 3, equipment_step=2.0, relative_productivity=3.0)
    bars = explorer.part_bars
    assert [bars[key].get_height() for key in ("labourers", "means_of_labour", "subjects_of_labour")] == pytest.approx(
        [parts.labourers, parts.means_of_labour, parts.subjects_of_labour]
    )
    # a waterfall: each bar starts where the previous one ended, and the last ends at the total
    assert bars["means_of_labour"].get_y() == pytest.approx(parts.labourers)
    assert bars["subjects_of_labour"].get_y() == pytest.approx(parts.labourers + parts.means_of_labour)
    assert explorer.total_bar.get_height() == pytest.approx(parts.total)
    # By hand: h(12) = exp(1.212), so labourers give exp((2/3) * 1.212) = 2.24; two generations at
    # factor 2 give 4**(1/3) = 1.59; 40% of workers at 3 times the output give 0.6 + 1.2 = 1.8.
    assert explorer.part_labels["labourers"].get_text() == "×2.24"
    assert explorer.part_labels["means_of_labour"].get_text() == "×1.59"
    assert explorer.part_labels["subjects_of_labour"].get_text() == "×1.80"
    assert explorer.total_label.get_text() == f"×{np.exp(2 / 3 * 1.212) * 4 ** (1 / 3) * 1.8:.2f}"
    assert bytes(explorer.image.value).startswith(PNG_SIGNATURE)


def test_parameters_given_to_the_constructor_reach_the_model_and_the_caption():
    explorer = ThreeElementsExplorer(schooling=0, generation=3, new_share=0.5, alpha=0.5, equipment_step=4.0,
                                     relative_productivity=5.0)
    # means of labour: 0.5 * 3 * ln 4 = 3 ln 2, a factor of 8; subjects: 0.5 + 0.5 * 5 = 3
    assert explorer.part_bars["means_of_labour"].get_height() == pytest.approx(3 * np.log(2))
    assert explorer.part_bars["subjects_of_labour"].get_height() == pytest.approx(np.log(3))
    assert explorer.part_bars["labourers"].get_height() == pytest.approx(0.0)
    assert "by 4;" in explorer.caption.value and "5 times as much" in explorer.caption.value
    assert "Illustrative parameters" in explorer.caption.value or "illustrative parameters" in explorer.caption.value
    assert "Feenstra, Inklaar" in explorer.caption.value


def test_schooling_is_placed_against_china_data():
    explorer = ThreeElementsExplorer(schooling=6.5)
    h = float(human_capital_index(6.5))  # exp(4 * 0.134 + 2.5 * 0.101) = exp(0.7885) = 2.2001
    assert h == pytest.approx(2.2001, abs=1e-4)
    assert explorer.level_line.get_ydata()[0] == pytest.approx(h)
    china = load_pwt("CHN")
    assert china.at(1996)["hc"] < h <= china.at(1997)["hc"]
    assert explorer.data_axes.get_title() == "6.5 years: h = 2.20, China's level in 1997"
    explorer.controls["schooling"].value = 9.0  # h = exp(1.008) = 2.74, above China's 2.699 of 2019
    assert explorer.data_axes.get_title() == "9 years: h = 2.74, above China's 2019 level"
    explorer.controls["schooling"].value = 0.5  # h = exp(0.067) = 1.07, below China's 1.117 of 1952
    assert explorer.data_axes.get_title() == "0.5 years: h = 1.07, below China's 1952 level"


def test_fixed_axes_fit_every_slider_setting():
    explorer = ThreeElementsExplorer(equipment_step=4.0, relative_productivity=10.0)
    limits = explorer.bars_axes.get_ylim()
    for schooling, generation, share in [(16.0, 4, 1.0), (0.0, 0, 0.0), (16.0, 0, 1.0)]:
        explorer.controls["schooling"].value = schooling
        explorer.controls["generation"].value = generation
        explorer.controls["new_share"].value = share
        assert explorer.update() is False
        assert limits[0] <= 0 and explorer.total_bar.get_height() <= limits[1]
    assert explorer.bars_axes.get_ylim() == limits


@pytest.mark.parametrize(
    "settings, message",
    [
        (dict(schooling=20), "schooling must lie between 0.0 and 16.0"),
        (dict(generation=5), "generation must lie between 0 and 4"),
        (dict(generation=1.5), "generation must be a whole number from 0 to 4"),
        (dict(new_share=-0.1), "new_share must lie between 0.0 and 1.0"),
        (dict(alpha=0.9), "alpha must lie between 0.2 and 0.6"),
        (dict(equipment_step=0.5), "equipment_step must lie between 1.0 and 4.0"),
        (dict(relative_productivity=20), "relative_productivity must lie between 1.0 and 10.0"),
    ],
)
def test_impossible_settings_are_rejected(settings, message):
    with pytest.raises(ValueError, match=message):
        ThreeElementsExplorer(**settings)
