"""The two-growth-paths widget draws the Solow model's numbers and redraws existing artists only."""

import numpy as np
import pytest

from productive_forces.models.solow import balanced_growth_rate, growth_paths
from productive_forces.widgets.solow import BASELINE_SAVING, RANGES, GrowthPathsExplorer, axis_limits

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_lines_are_the_model_paths():
    explorer = GrowthPathsExplorer(saving=0.3, alpha=0.4, depreciation=0.06, labour_growth=0.02, tfp_growth=0.02)
    factor, innovation = growth_paths(0.3, 0.4, 0.06, 0.02, 0.02, BASELINE_SAVING)
    assert explorer.factor_level.get_ydata() == pytest.approx(factor.output / factor.output[0])
    assert explorer.innovation_level.get_ydata() == pytest.approx(innovation.output / innovation.output[0])
    assert explorer.factor_growth.get_ydata() == pytest.approx(100 * factor.growth)
    assert explorer.innovation_growth.get_ydata() == pytest.approx(100 * innovation.growth)
    assert bytes(explorer.image.value).startswith(PNG_SIGNATURE)


def test_reference_lines_by_hand():
    # Saving 0.4 against the baseline 0.2 with alpha = 0.5: y* rises by (0.4 / 0.2)**(0.5 / 0.5) = 2.
    # TFP growth 1% with alpha = 0.5: balanced growth 1.01**2 - 1 = 2.01%.
    explorer = GrowthPathsExplorer(saving=0.4, alpha=0.5, tfp_growth=0.01)
    assert explorer.ceiling.get_ydata()[0] == pytest.approx(2.0)
    assert explorer.balanced.get_ydata()[0] == pytest.approx(2.01)
    assert "balanced growth rate 2.01%" in explorer.readout.value


def test_readout_reports_the_growth_in_year_50_of_each_path():
    explorer = GrowthPathsExplorer()
    factor, innovation = growth_paths(*explorer.parameters().values(), BASELINE_SAVING)
    # growth[49] is the change from year 49 to year 50.
    assert f"{100 * factor.growth[49]:.2f}%</b> against <b>{100 * innovation.growth[49]:.2f}%" in explorer.readout.value


def test_moving_the_tfp_slider_changes_only_the_innovation_path():
    explorer = GrowthPathsExplorer()
    factor_before = explorer.factor_level.get_ydata().copy()
    explorer.controls["tfp_growth"].value = 0.025
    assert explorer.factor_level.get_ydata() == pytest.approx(factor_before)
    assert explorer.balanced.get_ydata()[0] == pytest.approx(100 * balanced_growth_rate(0.025, explorer.controls["alpha"].value))


def test_fixed_axis_limits_hold_every_path_the_sliders_allow():
    rng = np.random.default_rng(2)
    draws = [rng.uniform(*RANGES[name], size=5000) for name in RANGES]
    for name, i in (("saving", 0), ("alpha", 1), ("tfp_growth", 4)):  # include the edges themselves
        draws[i][:2] = RANGES[name]
    factor, innovation = growth_paths(*draws, BASELINE_SAVING)
    (level_low, level_high), (growth_low, growth_high) = axis_limits()
    for path in (factor, innovation):
        level = path.output / path.output[0]
        assert level_low < level.min() and level.max() < level_high
        assert growth_low < 100 * path.growth.min() and 100 * path.growth.max() < growth_high


def test_caption_says_the_parameters_are_illustrative():
    assert "Illustrative parameters" in GrowthPathsExplorer().caption.value


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"saving": 0.9}, "saving must lie between 0.1 and 0.45"),
        ({"alpha": 0.7}, "alpha must lie between 0.2 and 0.5"),
        ({"depreciation": 0.2}, "depreciation must lie between 0.02 and 0.08"),
        ({"labour_growth": -0.01}, "labour_growth must lie between 0.0 and 0.03"),
        ({"tfp_growth": 0.05}, "tfp_growth must lie between 0.0 and 0.03"),
    ],
)
def test_impossible_settings_are_rejected(kwargs, message):
    with pytest.raises(ValueError, match=message):
        GrowthPathsExplorer(**kwargs)
