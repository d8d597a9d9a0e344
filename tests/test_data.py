"""The bundled PWT and Maddison extracts load as published."""

import numpy as np
import pytest

from productive_forces.data import load_maddison, load_pwt, pwt_countries


def test_every_economy_has_tfp_index_one_in_reference_year_2017():
    for code in pwt_countries():
        assert load_pwt(code).at(2017)["rtfpna"] == 1.0


def test_china_1978_values_match_pwt_1001():
    row = load_pwt("CHN").at(1978)
    assert row["hc"] == 1.684
    assert row["emp"] == 454.203
    assert row["rtfpna"] == 0.834


def test_country_may_be_named_in_english_or_by_code():
    assert load_pwt("china") is load_pwt("CHN")


def test_missing_values_are_nan_not_zero():
    china = load_pwt("CHN")
    assert np.isnan(china.rtfpna[china.year == 1952][0])


def test_series_cannot_be_changed_by_accident():
    with pytest.raises(ValueError):
        load_pwt("USA").rgdpna[0] = 0


def test_unknown_country_names_the_choices():
    with pytest.raises(ValueError, match=r"country must be one of .*CHN \(China\)"):
        load_pwt("Atlantis")


def test_year_outside_the_data_names_the_range():
    with pytest.raises(ValueError, match="year must lie between 1950 and 2019"):
        load_pwt("USA").at(1900)


def test_maddison_extract_matches_published_values():
    years, gdppc = load_maddison("GBR")
    assert gdppc[years == 1700][0] == 2412
    years, gdppc = load_maddison("United States")
    assert gdppc[years == 2022][0] == pytest.approx(58487.465)
    assert np.all(np.diff(years) > 0)
