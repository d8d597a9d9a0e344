"""The value-chain widget draws the model's decomposition and redraws existing artists only."""

import pytest

from productive_forces.widgets.value_chain import BAR_LIMITS, LEVEL_LIMITS, RANGE, ValueChainExplorer

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def bar_top(bar):
    return bar.get_y() + bar.get_height()


def test_bars_show_the_decomposition_by_hand():
    # T = 2, E = 1.5, q = 1.2: contributions 100 ln 2 = 69.31, 100 ln 1.5 = 40.55, 100 ln 1.2 = 18.23;
    # they stack to 100 ln 3.6 = 128.09, where the total marker sits.
    explorer = ValueChainExplorer(technology=2.0, efficiency=1.5, quality=1.2)
    heights = [explorer.stage_bars[stage].get_height() for stage in ("input", "process", "output")]
    assert heights == pytest.approx([69.3147, 40.5465, 18.2322], abs=1e-4)
    assert bar_top(explorer.stacked_bars["output"]) == pytest.approx(128.0934, abs=1e-4)
    assert explorer.total_marker.get_ydata()[0] == pytest.approx(128.0934, abs=1e-4)
    # Value after each stage: basic inputs 1, then 2, 3 and 3.6.
    assert [bar_top(bar) for bar in explorer.level_bars] == pytest.approx([1.0, 2.0, 3.0, 3.6])
    assert "×3.600" in explorer.readout.value and "+128.1" in explorer.readout.value
    assert bytes(explorer.image.value).startswith(PNG_SIGNATURE)


def test_a_falling_stage_stacks_below_zero():
    # Efficiency halved: -69.31 below zero; technology doubled and quality 1.5 above.
    explorer = ValueChainExplorer(technology=2.0, efficiency=0.5, quality=1.5)
    process = explorer.stacked_bars["process"]
    assert (process.get_y(), process.get_height()) == pytest.approx((0.0, -69.3147), abs=1e-4)
    assert bar_top(explorer.stacked_bars["output"]) == pytest.approx(69.3147 + 40.5465, abs=1e-4)
    assert explorer.total_marker.get_ydata()[0] == pytest.approx(40.5465, abs=1e-4)  # 100 ln 1.5


@pytest.mark.parametrize("corner", [RANGE[0], RANGE[1]])
def test_fixed_axis_limits_hold_the_extreme_settings(corner):
    explorer = ValueChainExplorer(corner, corner, corner)
    tops = [bar_top(bar) for bar in explorer.level_bars]
    assert LEVEL_LIMITS[0] < min(tops) and max(tops) < LEVEL_LIMITS[1]
    ends = [bar_top(bar) for bar in explorer.stacked_bars.values()] + [bar.get_y() for bar in explorer.stacked_bars.values()]
    assert BAR_LIMITS[0] < min(ends) and max(ends) < BAR_LIMITS[1]


def test_caption_says_the_parameters_are_illustrative():
    assert "Illustrative parameters" in ValueChainExplorer().caption.value


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"technology": 3.0}, "technology must lie between 0.5 and 2.0"),
        ({"efficiency": 0.0}, "efficiency must lie between 0.5 and 2.0"),
        ({"quality": float("nan")}, "quality must be a finite number"),
    ],
)
def test_impossible_settings_are_rejected(kwargs, message):
    with pytest.raises(ValueError, match=message):
        ValueChainExplorer(**kwargs)
