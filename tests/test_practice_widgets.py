"""Chapter 5's widgets show the models' numbers and redraw only what changes."""

import itertools

import numpy as np
import pytest

from productive_forces.models.chains import chain_output, improvement_gains
from productive_forces.models.pipeline import best_split, long_run_innovations, pipeline_path, split
from productive_forces.widgets.pipeline import YEARS, InnovationPipelineExplorer
from productive_forces.widgets.weakest_link import COMPONENTS, STEP, WeakestLinkExplorer

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_weakest_link_explorer_shows_the_chain_of_the_model():
    explorer = WeakestLinkExplorer()
    q = [explorer.controls[name].value for name in COMPONENTS]
    assert [bar.get_height() for bar in explorer.quality_bars] == pytest.approx(q)
    # By hand: 0.9 * 0.8 * 0.6 * 0.75 * 0.95 = 0.3078; the weakest is 0.6.
    assert explorer.product_line.get_ydata()[0] == pytest.approx(0.3078)
    assert explorer.min_line.get_ydata()[0] == pytest.approx(0.6)
    assert [bar.get_height() for bar in explorer.gain_bars] == pytest.approx(improvement_gains(q, STEP))
    # Raising the chips (0.6) by 0.05 adds 0.3078 * 0.05 / 0.6 = 0.02565, the most of the five.
    assert explorer.gain_axes.get_title() == "Best step: Chips, +0.026"
    assert bytes(explorer.image.value).startswith(PNG_SIGNATURE)


def test_weakest_link_explorer_follows_the_sliders_and_the_rule():
    explorer = WeakestLinkExplorer()
    explorer.controls["Chips"].value = 0.9
    q = [explorer.controls[name].value for name in COMPONENTS]
    assert explorer.product_line.get_ydata()[0] == pytest.approx(chain_output(q))
    # Y = 0.9 * 0.8 * 0.9 * 0.75 * 0.95 = 0.4617; raising software (0.75) adds 0.4617 * 0.05 / 0.75 = 0.0308.
    assert explorer.gain_axes.get_title().endswith("Software, +0.031")
    explorer.controls["rule"].value = "min"
    # Software (0.75) is now the one weakest component: +0.05 lifts the minimum to 0.8.
    assert [bar.get_height() for bar in explorer.gain_bars] == pytest.approx([0, 0, 0, 0.05, 0])
    explorer.controls["Parts"].value = 0.75
    assert explorer.gain_axes.get_title() == "Tied weakest: no single step helps"


def test_pipeline_explorer_shows_the_split_and_path_of_the_model():
    explorer = InnovationPipelineExplorer(basic=0.1, applied=0.2, collaboration=0.3)
    explorer.controls["basic"].value = 0.3
    shares = split(0.3, 0.2)
    assert explorer.split_marker.get_xdata()[0] == pytest.approx(30)
    share_of_best = long_run_innovations(shares, 0.3) / long_run_innovations(best_split(), 0.3)
    assert f"{share_of_best:.0%} of best" in explorer.split_axes.get_title()
    expected = pipeline_path(shares, 0.3, YEARS, previous_shares=split(0.1, 0.2), previous_collaboration=0.3)
    assert explorer.path_line.get_ydata() == pytest.approx(expected.innovations)


def test_pipeline_explorer_stops_a_share_that_would_pass_100_percent():
    explorer = InnovationPipelineExplorer(basic=0.5, applied=0.2)
    explorer.controls["applied"].value = 0.7
    assert explorer.controls["applied"].value == pytest.approx(0.5)
    assert "Stopped at 50%" in explorer.note_text.get_text()
    assert explorer.split_axes.get_title().startswith("Split 50% / 50% / 0%")
    explorer.controls["collaboration"].value = 0.6
    assert explorer.note_text.get_text() == ""


def test_pipeline_path_never_leaves_the_fixed_axis():
    explorer = InnovationPipelineExplorer()
    top = explorer.path_axes.get_ylim()[1]
    best = best_split()
    step = 0.05
    splits = [split(b, a) for b, a in itertools.product(np.arange(0, 1 + step / 2, step), repeat=2) if b + a <= 1 + 1e-9]
    highest = max(explorer._path(shares, 1.0).max() for shares in [*splits, best, np.array([0, 0.25 / 0.65, 0.4 / 0.65])])
    assert highest <= top
    assert highest >= top / 1.3 - 1e-9  # the ceiling is reached, so the axis is not needlessly tall


def test_captions_say_what_is_illustrative_and_cite_the_data():
    assert "Illustrative" in WeakestLinkExplorer().caption.value
    caption = InnovationPipelineExplorer().caption.value
    assert "Illustrative" in caption and "6.77%" in caption and "NBS" in caption


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: WeakestLinkExplorer(qualities=(0.9, 0.8, 0.0, 0.75, 0.95)), "qualities must lie between 0.05 and 1.0"),
        (lambda: WeakestLinkExplorer(qualities=(0.9, 0.8)), "qualities must give one value for each of the 5 components"),
        (lambda: WeakestLinkExplorer(rule="mean"), "rule must be one of product, min"),
        (lambda: InnovationPipelineExplorer(basic=0.7, applied=0.4), r"basic \+ applied must be at most 1"),
        (lambda: InnovationPipelineExplorer(basic=1.5), "basic must lie between 0.0 and 1.0"),
        (lambda: InnovationPipelineExplorer(collaboration=2.0), "collaboration must lie between 0.0 and 1.0"),
    ],
)
def test_widgets_reject_impossible_settings(make, message):
    with pytest.raises(ValueError, match=message):
        make()
