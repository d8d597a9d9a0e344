"""China's official real-GDP figures (NBS) load as published, agree with the NBS's own averages,
and give growth accounts that a hand calculation reproduces, beside PWT's on the same inputs."""

import math
import re

import pytest

from productive_forces.data import load_pwt
from productive_forces.data.official import load_official_gdp, official_gdp_links, official_gdp_ratio, parse_published
from productive_forces.models import account_for_growth


def published(start, end):
    (figure,) = [figure for figure in load_official_gdp() if (figure.start, figure.end) == (start, end)]
    return figure


def compound_range(figures):
    """The lowest and highest average annual growth the chained figures allow, given their rounding
    to one decimal (a printed 9.9 may be anything from 9.85 to 9.95)."""
    years = figures[-1].end - figures[0].start
    low = high = 0.0
    for figure in figures:
        if figure.published_as == "index":
            low += math.log((figure.value - 0.05) / 100)
            high += math.log((figure.value + 0.05) / 100)
        else:
            n = figure.end - figure.start
            low += n * math.log(1 + (figure.value - 0.05) / 100)
            high += n * math.log(1 + (figure.value + 0.05) / 100)
    return 100 * math.expm1(low / years), 100 * math.expm1(high / years)


def test_the_figures_load_as_printed():
    assert published(1978, 2004).published_as == "index" and published(1978, 2004).value == 1087.4
    assert published(1978, 2012).value == 9.9 and published(2012, 2018).value == 7.0
    assert published(2018, 2019).value == 6.0
    assert all(figure.source for figure in load_official_gdp())


def test_the_chain_covers_1978_to_2019_without_gaps():
    links = official_gdp_links(1978, 2019)
    assert [(link.start, link.end) for link in links] == [(1978, 2012), (2012, 2018), (2018, 2019)]
    assert all(first.end == second.start for first, second in zip(links, links[1:]))


def test_an_index_and_an_average_become_ratios_by_hand():
    assert published(1978, 2004).ratio == pytest.approx(10.874)
    assert published(2012, 2018).ratio == pytest.approx(1.07**6)
    assert official_gdp_ratio(1978, 2019) == pytest.approx(1.099**34 * 1.07**6 * 1.06)


def test_the_chain_agrees_with_the_nbs_own_average_for_1979_to_2018_within_rounding():
    """The NBS printed 9.4% a year for 1979-2018; 9.9% (1979-2012) then 7.0% (2013-2018) allow that."""
    check = published(1978, 2018)
    assert check.role == "check"
    low, high = compound_range(official_gdp_links(1978, 2018))
    assert low <= check.value + 0.05 and check.value - 0.05 <= high


def test_compound_growth_1978_to_2019_is_the_published_rate_of_about_nine_and_a_half_per_cent():
    low, high = compound_range(official_gdp_links(1978, 2019))
    assert 9.3 < low < high < 9.45
    rate = 100 * (official_gdp_ratio(1978, 2019) ** (1 / 41) - 1)
    assert rate == pytest.approx(9.37, abs=0.01)


def test_a_period_the_figures_do_not_join_is_refused_by_name():
    with pytest.raises(ValueError, match="do not join 1990 to 2019; they cover 1978–2004, 1978–2012"):
        official_gdp_ratio(1990, 2019)
    with pytest.raises(ValueError, match="do not join 2019 to 1978"):
        official_gdp_ratio(2019, 1978)


def test_official_tfp_growth_1978_to_2019_matches_a_hand_calculation():
    # PWT 10.01, China: capital stock (rnna), persons engaged (emp), human capital (hc).
    k78, k19, l78, l19, h78, h19 = 1748916.25, 99608664.0, 454.203, 798.808, 1.684, 2.699
    alpha = 0.41854761904761917  # 1 - mean labour share 1978-2019
    output = 1.099**34 * 1.07**6 * 1.06
    g_y = (math.log(output) - math.log(l19 / l78)) / 41
    g_k = math.log((k19 / l19) / (k78 / l78)) / 41
    g_h = math.log(h19 / h78) / 41
    by_hand = g_y - alpha * g_k - (1 - alpha) * g_h

    official = account_for_growth("CHN", 1978, 2019, output=(1.0, official_gdp_ratio(1978, 2019)))
    assert official.alpha == pytest.approx(alpha)
    assert official.tfp == pytest.approx(by_hand)
    assert round(100 * official.tfp, 1) == 3.4 and round(100 * official.output_per_worker, 1) == 7.6


@pytest.mark.parametrize(("start", "end"), [(1978, 2019), (1978, 2012), (2012, 2019), (1978, 2004)])
def test_the_two_gdp_series_differ_only_in_output_so_the_whole_gap_lands_in_the_residual(start, end):
    china = load_pwt("CHN")
    pwt = account_for_growth("CHN", start, end)
    official = account_for_growth("CHN", start, end, output=(1.0, official_gdp_ratio(start, end)))
    assert official.capital_deepening == pwt.capital_deepening and official.human_capital == pwt.human_capital
    gdp_gap = (math.log(official_gdp_ratio(start, end)) - math.log(china.at(end)["rgdpna"] / china.at(start)["rgdpna"])) / (end - start)
    assert official.tfp - pwt.tfp == pytest.approx(gdp_gap)
    assert gdp_gap > 0.02  # the official series grows more than two points a year faster in every period


def test_official_data_for_1978_to_2004_come_close_to_bosworth_and_collins():
    """Their Table 1 (official data): output per worker 7.3% a year, TFP 3.6 points."""
    official = account_for_growth("CHN", 1978, 2004, output=(1.0, official_gdp_ratio(1978, 2004)))
    assert 100 * official.output_per_worker == pytest.approx(7.3, abs=0.15)
    assert 100 * official.tfp == pytest.approx(3.6, abs=0.2)


def test_output_must_be_a_pair_of_positive_levels():
    with pytest.raises(ValueError, match="output must be greater than 0"):
        account_for_growth("CHN", 1978, 2019, output=(0.0, 39.4))
    with pytest.raises(ValueError, match=r"output must be a pair \(start, end\)"):
        account_for_growth("CHN", 1978, 2019, output=(1.0, 2.0, 3.0))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"role": "guess"}, "role must be one of chain, check; got 'guess'"),
        ({"published_as": "level"}, "published_as must be one of index, average_growth; got 'level'"),
        ({"start_year": "2019"}, "start must be earlier than end, got start=2019 and end=2019"),
    ],
)
def test_a_malformed_row_is_refused_by_name(change, message):
    row = {"start_year": "2018", "end_year": "2019", "published_as": "average_growth", "value": "6.0", "role": "chain", "source": "NBS"}
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_published([{**row, **change}])


def test_the_chapter_table_shows_both_series_for_each_period_in_both_languages():
    from productive_forces.i18n import use_language
    from productive_forces.lessons import ch3

    html = ch3.two_series_table().data
    cells = re.findall(r"<td[^>]*>(.*?)</td>", html)
    rows = [cells[i : i + 8] for i in range(0, len(cells), 8)]
    assert [row[:2] for row in rows[:2]] == [["PWT 10.01", "1978–2019"], ["Official (NBS)", "1978–2019"]]
    assert rows[1][2:] == ["9.0", "7.6", "3.6", "0.7", "3.4", "44%"]  # same inputs as PWT's row ...
    assert rows[0][2:] == ["6.2", "4.9", "3.6", "0.7", "0.6", "13%"]  # ... only output and TFP differ
    assert rows[4][6] == "-0.7" and rows[5][6] == "1.8"  # 2012-2019: negative on one series, positive on the other
    use_language("zh_CN")
    try:
        assert "官方（国家统计局）" in ch3.two_series_table().data
    finally:
        use_language("en")
