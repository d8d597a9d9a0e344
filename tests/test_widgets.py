"""Widgets are thin views: they show the models' numbers and redraw existing artists."""

import numpy as np
import pytest

from productive_forces.models import account_for_growth, efficient_capital
from productive_forces.widgets import AllocationExplorer, TfpExplorer

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_tfp_explorer_shows_the_growth_accounts_of_the_model():
    explorer = TfpExplorer(country="IND", start=1980, end=2010)
    accounts = account_for_growth("IND", 1980, 2010, alpha=explorer.controls["alpha"].value)
    heights = [bar.get_height() for bar in explorer.component_bars.values()]
    assert heights == pytest.approx(
        [100 * accounts.capital_deepening, 100 * accounts.human_capital, 100 * accounts.tfp]
    )
    assert explorer.total_bar.get_height() == pytest.approx(100 * accounts.output_per_worker)
    assert bytes(explorer.image.value).startswith(PNG_SIGNATURE)


def test_capital_share_starts_at_the_period_value_and_resets_with_the_economy():
    explorer = TfpExplorer()
    assert explorer.controls["alpha"].value == pytest.approx(account_for_growth("CHN", 1978, 2019).alpha, abs=0.005)
    explorer.controls["alpha"].value = 0.6
    explorer.controls["country"].value = "USA"
    assert explorer.controls["alpha"].value == pytest.approx(account_for_growth("USA", 1978, 2019).alpha, abs=0.005)


def test_projection_follows_the_tfp_growth_slider():
    explorer = TfpExplorer()
    explorer.controls["tfp_growth"].value = 3.0
    path = explorer.projection_line.get_ydata()
    assert path[10] / path[0] == pytest.approx(1.03**10)
    assert "with TFP growing 3.0% a year, output per worker doubles every 23 years" in explorer.readout.value


def test_a_zero_length_period_is_read_as_one_year():
    explorer = TfpExplorer()
    explorer.controls["period"].value = (2000, 2000)
    assert explorer.readout.value.startswith("<b>China, 2000–2001</b>")


def test_allocation_explorer_marks_the_efficient_share_of_the_model():
    explorer = AllocationExplorer(tfp_b=2.0, alpha=0.5)
    share = efficient_capital([1.0, 2.0], [1.0, 1.0], 2.0, 0.5)[1] / 2.0
    assert explorer.efficient_line.get_xdata()[0] == pytest.approx(100 * share)  # 80%: by hand, 4 / (1 + 4)
    curve = explorer.tfp_curve.get_ydata()
    assert curve.max() == pytest.approx(100, abs=0.05)
    assert 100 * share == pytest.approx(explorer.tfp_curve.get_xdata()[np.argmax(curve)], abs=0.5)


def test_allocation_explorer_reports_the_gap_to_the_best():
    explorer = AllocationExplorer(share_to_b=0.5, tfp_b=2.0, alpha=0.5)
    # Capital 2 split 1 and 1: output 1 + 2 = 3; best sqrt(2 * 5) = sqrt(10); ratio 3 / sqrt(10).
    # TFP divides by K**0.5 * L**0.5 = 2: the best is sqrt(10) / 2.
    assert f"{3 / np.sqrt(10):.1%} of the best possible {np.sqrt(10) / 2:.3f}" in explorer.readout.value


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: TfpExplorer(country="Atlantis"), "country must be one of"),
        (lambda: TfpExplorer(start=2010, end=2000), "start must be earlier than end"),
        (lambda: TfpExplorer(end=2025), "end must be a year between"),
        (lambda: TfpExplorer(tfp_growth=0.2), "tfp_growth must lie between 0.0 and 0.05"),
        (lambda: AllocationExplorer(alpha=0.9), "alpha must lie between 0.2 and 0.6"),
        (lambda: AllocationExplorer(share_to_b=1.0), "share_to_b must lie between 0.01 and 0.99"),
        (lambda: AllocationExplorer(tfp_b=0.5), "tfp_b must lie between 1.0 and 3.0"),
    ],
)
def test_widgets_reject_impossible_settings(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_period_slider_follows_the_economy_data():
    explorer = TfpExplorer()
    explorer.controls["period"].value = (1952, 1970)
    explorer.controls["country"].value = "KOR"  # Korea's series start in 1953
    assert explorer.controls["period"].min == 1953
    assert explorer.controls["period"].value == (1953, 1970)


def test_periods_before_pwt_tfp_index_show_no_diamond_instead_of_failing():
    explorer = TfpExplorer()
    explorer.controls["period"].value = (1952, 1970)  # China's rtfpna starts in 1956
    assert np.isnan(explorer.pwt_marker.get_ydata()[0])
    assert explorer.readout.value.startswith("<b>China, 1952–1970</b>")
    assert "PWT's own TFP index" not in explorer.readout.value
