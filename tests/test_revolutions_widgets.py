"""Chapter 4's widgets show the models' numbers and the data, and redraw existing artists only."""

import numpy as np
import pytest
from matplotlib.colors import to_rgba

from productive_forces.data import load_maddison
from productive_forces.data.revolutions import load_revolutions
from productive_forces.models.diffusion import logistic, wave_midpoints
from productive_forces.widgets.timeline import RevolutionTimeline
from productive_forces.widgets.waves import TechnologyWavesExplorer

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# --- the timeline ---------------------------------------------------------------------------


def test_timeline_counts_the_events_by_the_cursor_year():
    timeline = RevolutionTimeline(year=1913)
    by_1913 = sum(event.year <= 1913 for event in load_revolutions())
    assert by_1913 == 30  # 14 events of the first revolution and 16 of the second, 1913 included
    assert "By 1913, 30 of the 48 events shown had happened" in timeline.readout.value
    assert bytes(timeline.image.value).startswith(PNG_SIGNATURE)


def test_timeline_filters_hide_events_of_other_categories_and_countries():
    timeline = RevolutionTimeline(year=1900, category="transport", country="US")
    # US transport events: the Wright brothers (1903) and the Model T (1908); neither by 1900.
    assert timeline.shown().sum() == 2
    assert "By 1900, 0 of the 2 events shown had happened" in timeline.readout.value
    assert "Latest" not in timeline.readout.value
    alphas = timeline.event_points.get_facecolors()[:, 3]
    assert (alphas > 0).sum() == 2
    timeline.controls["year"].value = 1910
    assert "1908: Ford Model T launched" in timeline.readout.value


def test_joint_events_count_for_each_country():
    timeline = RevolutionTimeline(year=2022, country="IT")
    assert timeline.shown().sum() == 1  # Marconi's radio, Britain and Italy
    assert "1896–1901" in timeline.readout.value


def test_chinas_milestones_show_in_chinas_colour_when_their_year_comes():
    timeline = RevolutionTimeline(year=2016, country="CN")
    assert timeline.shown().sum() == 7
    # By 2016: the Beijing-Tianjin line (2008), Tianhe-1A (2010) and Sunway TaihuLight (2016).
    assert "By 2016, 3 of the 7 events shown had happened" in timeline.readout.value
    assert "2016: Sunway TaihuLight supercomputer tops the TOP500 list" in timeline.readout.value
    faces = timeline.event_points.get_facecolors()
    chinese = [index for index, event in enumerate(timeline.events) if event.involves("CN")]
    filled = [index for index in chinese if timeline.events[index].year <= 2016]
    assert np.allclose(faces[filled], to_rgba("#dd8452"))  # the colour of China's line in the lower panel
    assert np.allclose(faces[[index for index in chinese if index not in filled]], to_rgba("white"))
    timeline.controls["year"].value = 2022
    assert "By 2022, 7 of the 7 events shown had happened" in timeline.readout.value


def test_timeline_reads_gdp_from_the_data_and_marks_interpolation():
    timeline = RevolutionTimeline(year=1913)  # a year observed for all three economies
    text = timeline.readout.value
    assert "Britain 8,212 · United States 10,108 · China 985." in text and "*" not in text
    assert timeline.cursor_dots["USA"].get_ydata()[0] == pytest.approx(10107.97)
    timeline.controls["year"].value = 1855  # between Britain's 1850 (4,332) and 1860 (5,086)
    text = timeline.readout.value
    assert f"Britain {np.sqrt(4332 * 5086):,.0f}*" in text and "interpolated between observed years" in text
    assert timeline.cursor_dots["GBR"].get_markerfacecolor() == "white"


def test_timeline_draws_every_observation_as_a_dot():
    timeline = RevolutionTimeline()
    lines = {line.get_label(): line for line in timeline.gdp_axes.get_lines()}
    years, gdppc = load_maddison("CHN")
    assert np.array_equal(lines["China"].get_xdata(), years)
    assert lines["China"].get_marker() == "o"


# --- the waves ------------------------------------------------------------------------------


def test_waves_follow_the_logistic_model():
    explorer = TechnologyWavesExplorer(spacing=40, speed=0.2, gain=1.0)
    midpoints = wave_midpoints(50, 40, 4)
    for line, midpoint in zip(explorer.adoption_lines, midpoints):
        assert line.get_ydata() == pytest.approx(logistic(line.get_xdata(), midpoint, 0.2))
    # Four doublings: productivity ends at 2**4 = 16 (the last wave, at 170, is complete by 300).
    assert explorer.level_line.get_ydata()[-1] == pytest.approx(16, rel=1e-6)


def test_wave_status_reports_takeover_time_and_growth_range():
    explorer = TechnologyWavesExplorer(spacing=50, speed=0.15, gain=1.0)
    # 10% to 90%: 2 ln 9 / 0.15 = 29.3 years.
    assert "each takes 29 years" in explorer.readout.value
    # Peak growth of a lone wave: ln 2 * 0.15 / 4 = 2.6% a year; the steady rate: see below.
    assert "to 2.6% a year" in explorer.readout.value
    assert "would be 1.3% a year for 211 years" in explorer.readout.value


def test_steady_benchmark_has_the_same_total_gain():
    explorer = TechnologyWavesExplorer(spacing=50, speed=0.15, gain=1.0)
    # Span: from 1% of wave 1 to 99% of wave 4 = 150 + 2 ln 99 / 0.15 = 211.27 years;
    # rate = 4 ln 2 / 211.27 = 1.312% a year.
    assert max(explorer.growth_smooth.get_ydata()) == pytest.approx(1.312, abs=1e-3)
    assert explorer.level_smooth.get_ydata()[-1] == pytest.approx(16, rel=1e-9)


def test_growth_axis_fits_every_slider_setting():
    explorer = TechnologyWavesExplorer()
    limits = explorer.growth_axes.get_ylim()
    for spacing, speed, gain in [(10, 0.3, 1.0), (70, 0.3, 1.0), (10, 0.05, 1.0), (35, 0.17, 0.6)]:
        explorer.controls["spacing"].value = spacing
        explorer.controls["speed"].value = speed
        explorer.controls["gain"].value = gain
        assert explorer.growth_line.get_ydata().max() <= limits[1]
        assert explorer.growth_axes.get_ylim() == limits


# --- both -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: RevolutionTimeline(year=1600), "year must lie between 1700 and 2022"),
        (lambda: RevolutionTimeline(category="food"), "category must be one of all, energy"),
        (lambda: RevolutionTimeline(country="JP"), "country must be one of all, GB, US, DE, FR, IT, CH, CN"),
        (lambda: TechnologyWavesExplorer(spacing=5), "spacing must lie between 10.0 and 70.0"),
        (lambda: TechnologyWavesExplorer(speed=0), "speed must lie between 0.05 and 0.3"),
        (lambda: TechnologyWavesExplorer(gain=3), "gain must lie between 0.2 and 1.0"),
    ],
)
def test_widgets_reject_impossible_settings(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_captions_cite_the_data_and_label_illustrations():
    assert "Maddison Project Database 2023" in RevolutionTimeline().caption.value
    assert "CC BY 4.0" in RevolutionTimeline().caption.value
    assert "Illustrative parameters" in TechnologyWavesExplorer().caption.value
