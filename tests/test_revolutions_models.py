"""Chapter 4's models against hand calculations and the published figures: diffusion, long-run growth, events."""

import re

import numpy as np
import pytest

from productive_forces.data import load_maddison
from productive_forces.data.revolutions import CATEGORIES, Event, _event, load_revolutions
from productive_forces.models.diffusion import (
    fit_logistic,
    growth_rates,
    logistic,
    productivity_growth,
    steady_equivalent,
    takeover_time,
    wave_midpoints,
    wave_productivity,
    year_reaching,
)
from productive_forces.models.longrun import (
    average_growth,
    first_year_ahead,
    interpolate_log,
    observed_value,
    year_lead_holds_from,
)
from tests.notebooks import read

# --- diffusion ------------------------------------------------------------------------------


def test_logistic_by_hand():
    # At the midpoint the exponent is 0: 1 / (1 + 1) = 1/2 of the ceiling.
    assert logistic(1900, 1900, 0.2) == pytest.approx(0.5)
    assert logistic(1900, 1900, 0.2, ceiling=80) == pytest.approx(40)
    # ln(3) / 0.2 years later: exp(-ln 3) = 1/3, so 1 / (1 + 1/3) = 3/4; with ceiling 2, 1.5.
    assert logistic(1900 + np.log(3) / 0.2, 1900, 0.2, ceiling=2) == pytest.approx(1.5)
    # Symmetry: as far below a half as above it, ln(3) / 0.2 years earlier: 1 / (1 + 3) = 1/4.
    assert logistic(1900 - np.log(3) / 0.2, 1900, 0.2) == pytest.approx(0.25)


def test_logistic_is_finite_far_from_its_midpoint():
    shares = logistic(np.array([-1e6, 1e6]), 0.0, 5.0)
    assert shares == pytest.approx([0.0, 1.0])
    assert np.all(np.isfinite(shares))


def test_year_reaching_share_by_hand():
    # t = midpoint + ln(p / (1 - p)) / speed. p = 0.9: ln 9 = 2.197225, / 0.15 = 14.648 years.
    assert year_reaching(0.9, 1925, 0.15) == pytest.approx(1939.648, abs=1e-3)
    # Half adoption is the midpoint itself, whatever the speed.
    assert year_reaching(0.5, 1925, 0.15) == pytest.approx(1925)
    # p = 0.1: ln(1/9) = -2.197225, / 0.1 = -21.972 years before the midpoint.
    assert year_reaching(0.1, 2000, 0.1) == pytest.approx(1978.028, abs=1e-3)


def test_year_reaching_inverts_logistic():
    shares = np.array([0.01, 0.2, 0.5, 0.77, 0.99])
    assert logistic(year_reaching(shares, 1950, 0.08), 1950, 0.08) == pytest.approx(shares)


def test_takeover_time_by_hand():
    # From 10% to 90%: 2 ln 9 / speed = 4.394449 / 0.1 = 43.944 years.
    assert takeover_time(0.1) == pytest.approx(43.944, abs=1e-3)
    # From 1% to 99%: 2 ln 99 / speed = 9.190 / 0.5 = 18.380 years.
    assert takeover_time(0.5, 0.01, 0.99) == pytest.approx(18.380, abs=1e-3)


def test_fit_logistic_by_hand():
    # 20% in 1915 and 60% in 1925: log-odds ln(0.25) = -1.386294 and ln(1.5) = 0.405465.
    # speed = (0.405465 + 1.386294) / 10 = 0.1791759; midpoint = 1915 + 1.386294 / 0.1791759 = 1922.737.
    midpoint, speed = fit_logistic(1915, 0.2, 1925, 0.6)
    assert speed == pytest.approx(0.1791759, abs=1e-6)
    assert midpoint == pytest.approx(1922.737, abs=1e-3)
    # The fitted curve passes through both points, and the order of the points does not matter.
    assert logistic([1915, 1925], midpoint, speed) == pytest.approx([0.2, 0.6])
    assert fit_logistic(1925, 0.6, 1915, 0.2) == pytest.approx((midpoint, speed))


def test_wave_midpoints_by_hand():
    assert wave_midpoints(50, 40, 4) == pytest.approx([50, 90, 130, 170])


def test_wave_productivity_by_hand():
    midpoints = wave_midpoints(100, 50, 3)
    # Long before any wave productivity is 1; long after, every wave has doubled it: 2**3 = 8.
    assert wave_productivity([-1e4, 1e4], midpoints, 0.2, 1.0) == pytest.approx([1.0, 8.0])
    # At the middle wave's midpoint, waves 1, 2, 3 are (almost exactly) 1, 1/2, 0 adopted: 1.5**1.5.
    assert wave_productivity(150, midpoints, 0.5, 0.5) == pytest.approx(1.5**1.5, rel=1e-6)
    # No gain, no change.
    assert wave_productivity([0, 150, 300], midpoints, 0.2, 0.0) == pytest.approx([1, 1, 1])


def test_growth_peaks_at_a_quarter_of_speed_times_log_gain():
    # One wave: d ln P / dt = ln(1 + g) * s * p * (1 - p), at p = 1/2: ln 2 * 0.2 / 4 = 0.034657.
    assert productivity_growth(1900, [1900], 0.2, 1.0) == pytest.approx(0.034657, abs=1e-6)
    t = np.linspace(1800, 2000, 2001)
    assert t[np.argmax(productivity_growth(t, [1900], 0.2, 1.0))] == pytest.approx(1900)


def test_growth_rates_by_hand_and_against_the_derivative():
    # Log steps of 0.02 and 0.03 over one year each.
    assert growth_rates([0, 1, 2], np.exp([0.0, 0.02, 0.05])) == pytest.approx([0.02, 0.03])
    # Over half a year a log step of 0.01 is 0.02 a year.
    assert growth_rates([0, 0.5], np.exp([0.0, 0.01])) == pytest.approx([0.02])
    t = np.arange(0.0, 301.0)
    midpoints = wave_midpoints(50, 30, 4)
    numeric = growth_rates(t, wave_productivity(t, midpoints, 0.15, 1.0))
    exact = productivity_growth((t[1:] + t[:-1]) / 2, midpoints, 0.15, 1.0)
    # A yearly log difference is the mean of the derivative over the year; it differs from the
    # derivative at mid-year by about (1 year)**2 / 24 times its curvature: ~1e-5 here, 0.04% of the peak.
    assert numeric == pytest.approx(exact, abs=3e-5)


def test_steady_equivalent_by_hand():
    # ln 99 / 0.15 = 4.59512 / 0.15 = 30.634 years from 1% (or 99%) to the midpoint.
    # Span: 50 - 30.634 = 19.366 to 200 + 30.634 = 230.634, i.e. 211.268 years.
    # Rate: 4 waves * ln 2 = 2.772589, / 211.268 = 0.0131236 a year.
    start, end, rate = steady_equivalent([50, 100, 150, 200], 0.15, 1.0)
    assert (start, end) == (pytest.approx(19.366, abs=1e-3), pytest.approx(230.634, abs=1e-3))
    assert rate == pytest.approx(0.0131236, abs=1e-7)
    # Over its span the steady path gains as much as the waves: 2**4 = 16.
    assert np.exp(rate * (end - start)) == pytest.approx(16)
    with pytest.raises(ValueError, match="coverage must lie strictly between 0.5 and 1"):
        steady_equivalent([50], 0.15, 1.0, coverage=0.4)


def test_widely_spaced_waves_grow_in_leaps_and_close_ones_smoothly():
    t = np.arange(0.0, 301.0)
    inside = (t[1:] > 50) & (t[:-1] < 200)
    far = growth_rates(t, wave_productivity(t, wave_midpoints(50, 50, 4), 0.3, 1.0))[inside]
    close = growth_rates(t, wave_productivity(t, wave_midpoints(50, 50, 4), 0.05, 1.0))[inside]
    assert far.min() < 0.1 * far.max()  # almost no growth between fast, distant waves
    assert close.min() > 0.7 * close.max()  # slow waves overlap into nearly steady growth


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: logistic(0, 0, 0.0), "speed must be greater than 0"),
        (lambda: logistic(0, 0, 0.1, ceiling=-1), "ceiling must be greater than 0"),
        (lambda: logistic(0, np.nan, 0.1), "midpoint must be a finite number"),
        (lambda: year_reaching(1.0, 0, 0.1), "share must lie strictly between 0 and 1"),
        (lambda: year_reaching(0.5, 0, -0.1), "speed must be greater than 0"),
        (lambda: takeover_time(0.1, 0.9, 0.1), "low must be smaller than high"),
        (lambda: fit_logistic(1900, 0.5, 1900, 0.6), "t1 and t2 must be different years"),
        (lambda: fit_logistic(1900, 0.6, 1910, 0.5), "share2 must be larger than share1"),
        (lambda: fit_logistic(1900, 0.0, 1910, 0.5), "share1 must lie strictly between 0 and 1"),
        (lambda: wave_midpoints(0, 0, 3), "spacing must be greater than 0"),
        (lambda: wave_midpoints(0, 10, 0), "count must be a whole number of 1 or more"),
        (lambda: wave_productivity(0, [0], 0.1, -0.5), "gain must be 0 or more"),
        (lambda: growth_rates([0, 0], [1, 2]), "t must be strictly increasing"),
        (lambda: growth_rates([0, 1], [1, 0]), "level must be greater than 0"),
        (lambda: growth_rates([0, 1, 2], [1, 2]), "same length"),
    ],
)
def test_diffusion_rejects_impossible_parameters(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# --- long-run growth ------------------------------------------------------------------------


def test_average_growth_by_hand():
    # 100 to 121 in two years: (121 / 100) ** (1 / 2) - 1 = 1.1 - 1 = 0.1.
    assert average_growth([1900, 1901, 1902], [100, 110, 121], 1900, 1902) == pytest.approx(0.1)


def test_average_growth_of_britain_matches_the_published_levels():
    # Maddison 2023 (facts.md table): Britain 3,306 in 1820 and 5,829 in 1870.
    # ln(5829 / 3306) = 0.567106; / 50 = 0.0113421; exp(.) - 1 = 0.011407.
    assert average_growth(*load_maddison("GBR"), 1820, 1870) == pytest.approx(0.011407, abs=1e-6)
    # China 799 in 1950 and 19,238.18 in 2022: ratio 24.07782, ln = 3.181291, / 72 = 0.0441846,
    # exp(.) - 1 = 0.045175.
    assert average_growth(*load_maddison("CHN"), 1950, 2022) == pytest.approx(0.045175, abs=1e-6)


def test_growth_between_unobserved_years_is_refused_not_interpolated():
    with pytest.raises(ValueError, match=r"year 1945 is not observed .*nearest observed years: 1938, 1950"):
        average_growth(*load_maddison("CHN"), 1945, 2000)
    with pytest.raises(ValueError, match="start must be earlier than end"):
        average_growth(*load_maddison("GBR"), 1870, 1820)


def test_observed_value_reads_the_data():
    assert observed_value(*load_maddison("USA"), 1913) == pytest.approx(10107.97)


def test_overtaking_by_hand():
    years = [1, 2, 3, 4, 5]
    a, b = [1, 3, 2, 5, 6], [2, 2, 3, 4, 4]
    assert first_year_ahead(years, a, years, b) == 2  # first year with a > b
    assert year_lead_holds_from(years, a, years, b) == 4  # a falls back in year 3, leads from 4 on
    assert first_year_ahead(years, b, years, a) == 1
    assert year_lead_holds_from(years, b, years, a) is None  # b ends behind
    # Only years observed in both series count: here the only common years are 2 and 4.
    assert first_year_ahead([1, 2, 4], [9, 1, 5], [2, 3, 4], [2, 9, 4]) == 4


def test_united_states_overtakes_britain_in_the_maddison_extract():
    # Extract values: 1870 GBR 5,829 > USA 4,803; 1880 GBR 5,997 < USA 6,255.73;
    # 1890 GBR 6,845 > USA 6,664.55 (Britain back in front); 1900 GBR 7,594 < USA 8,037.57, and after.
    usa, gbr = load_maddison("USA"), load_maddison("GBR")
    assert first_year_ahead(*usa, *gbr) == 1880
    assert year_lead_holds_from(*usa, *gbr) == 1900


def test_log_interpolation_for_display_by_hand():
    # Halfway between 100 and 400 on a log scale is the geometric mean, 200.
    assert interpolate_log([1900, 1910], [100, 400], 1905) == (pytest.approx(200), False)
    assert interpolate_log([1900, 1910], [100, 400], 1910) == (pytest.approx(400), True)
    # Britain 1855: between 4,332 (1850) and 5,086 (1860): sqrt(4332 * 5086) = 4693.9.
    assert interpolate_log(*load_maddison("GBR"), 1855)[0] == pytest.approx(4693.9, abs=0.1)
    with pytest.raises(ValueError, match="year must lie between 1900 and 1910"):
        interpolate_log([1900, 1910], [100, 400], 1920)


# --- the chronology of events ---------------------------------------------------------------


def test_chronology_holds_the_48_events_of_the_research_notes_and_sources_in_order():
    events = load_revolutions()
    assert len(events) == 48  # 41 from the research notes, 7 Chinese milestones sourced in SOURCES.md
    assert [event.year for event in events] == sorted(event.year for event in events)
    assert (events[0].year, events[0].category, events[0].countries) == (1712, "energy", ("GB",))
    assert events[0].event.startswith("Newcomen")
    assert (events[-1].year, events[-1].countries, events[-1].revolution) == (2022, ("US",), "4th")
    assert {event.category for event in events} == set(CATEGORIES)


def test_ranges_and_joint_events_are_read_as_such():
    events = load_revolutions()
    spans = {(event.year, event.end_year) for event in events if event.end_year != event.year}
    assert spans == {(1896, 1901), (1989, 1991)}
    cable = next(event for event in events if event.year == 1866)
    assert cable.involves("GB") and cable.involves("US") and not cable.involves("DE")
    # By revolution: the first (with its precursor) is British but for Morse's line in 1844.
    first = [event for event in events if event.revolution.startswith("1st")]
    assert len(first) == 14
    assert [event.year for event in first if not event.involves("GB")] == [1844]


def test_chinas_milestones_are_dated_and_filed_by_the_period_they_fall_in():
    chinese = [(event.year, event.category, event.revolution) for event in load_revolutions() if event.involves("CN")]
    # SOURCES.md: events before 2010 are filed under the 3rd revolution, from 2010 on under the 4th.
    assert chinese == [
        (2008, "transport", "3rd"),  # Beijing-Tianjin intercity railway, 1 Aug 2008 (Xinhua)
        (2010, "information", "4th"),  # Tianhe-1A, TOP500 list of Nov 2010
        (2016, "information", "4th"),  # Sunway TaihuLight, TOP500 list of Jun 2016
        (2017, "transport", "4th"),  # Fuxing on the Beijing-Shanghai line, 26 Jun 2017
        (2019, "information", "4th"),  # 5G licences, 6 Jun 2019
        (2020, "information", "4th"),  # BeiDou-3 commissioned, 31 Jul 2020
        (2021, "energy", "4th"),  # Hualong One at Fuqing, 30 Jan 2021
    ]
    assert all(len(event.countries) == 1 for event in load_revolutions() if event.involves("CN"))


def test_information_begins_in_the_first_revolution_as_the_chapter_says():
    information = [event for event in load_revolutions() if event.category == "information"]
    assert (information[0].year, information[0].revolution) == (1837, "1st")  # Cooke & Wheatstone's telegraph
    assert {event.revolution.split("/")[0] for event in information} == {"1st", "2nd", "3rd", "4th"}
    text = " ".join(cell.source for cell in read("book/ch4_revolutions.ipynb").cells if cell.cell_type == "markdown")
    sentence = re.search(r"a fourth\s+one, information[^.]*\.", text).group(0)
    assert re.search(r"first\s+revolution", sentence) and "second and third" not in sentence, sentence


def test_a_bad_row_is_reported_with_its_line():
    row = {"year": "1900", "end_year": "", "event": "x", "country": "GB", "category": "food", "revolution": "2nd"}
    with pytest.raises(ValueError, match="line 7: category must be one of energy"):
        _event(row, 7)
    with pytest.raises(ValueError, match="end_year must not be before year"):
        _event({**row, "category": "energy", "end_year": "1890"}, 3)
    assert _event({**row, "category": "energy"}, 2) == Event(1900, 1900, "x", ("GB",), "energy", "2nd")


def test_figures_quoted_in_the_chapter_text_match_the_data():
    # Chapter 4 quotes these rounded values in its prose; a change in the data must show up here.
    def growth(code, start, end):
        return round(100 * average_growth(*load_maddison(code), start, end), 2)

    assert (growth("USA", 1870, 1913), growth("GBR", 1870, 1913)) == (1.75, 0.80)
    assert round(growth("CHN", 1950, 2022), 1) == 4.5
    assert growth("CHN", 1978, 2022) > growth("CHN", 1950, 2022)  # "faster still after 1978"
    chn = dict(zip(*load_maddison("CHN")))
    assert (round(chn[1700], -1), chn[1950]) == (1540, 799)
    assert round(chn[2022] / observed_value(*load_maddison("USA"), 2022), 2) == 0.33  # "about a third"
    # Germany "grew about twice as fast as Britain's from 1870 to 1913" and "was still only about 70% of
    # Britain's in 1913": 1.61% against 0.80% a year; 5,815 / 8,212 = 0.708.
    assert growth("DEU", 1870, 1913) == 1.61 and round(growth("DEU", 1870, 1913) / growth("GBR", 1870, 1913)) == 2
    assert round(observed_value(*load_maddison("DEU"), 1913) / observed_value(*load_maddison("GBR"), 1913), 1) == 0.7
    others = ("GBR", "USA", "DEU", "JPN")
    assert all(growth("CHN", 1950, 2022) > growth(code, 1950, 2022) for code in others)
