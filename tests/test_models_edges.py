"""The models at their edges: bad input names the parameter, its range and the value; limits hold.

Every numeric parameter of every public model function is given NaN once, and the error must name
that parameter (a student who passes a NaN saving rate must read "saving", not "alpha"). Then each
range check is tried at its boundary, where an off-by-one (``<`` for ``<=``) changes what a reader
is allowed to do, and a few results are compared with hand calculations on inputs the other model
tests do not reach (several rows at once, labour that is not 1, an economy without a TFP index).
"""

import re
import warnings

import numpy as np
import pytest

from productive_forces import models as M
from productive_forces.data import load_pwt
from productive_forces.models.growth_accounting import pwt_tfp_growth
from productive_forces.models.pipeline import PipelineParameters, split

#: One valid call per public function, every parameter named.
GOOD_CALLS = {
    "logistic": dict(t=2000, midpoint=1990, speed=0.1, ceiling=1.0),
    "year_reaching": dict(share=0.5, midpoint=1990, speed=0.1),
    "takeover_time": dict(speed=0.1, low=0.1, high=0.9),
    "fit_logistic": dict(t1=1915, share1=0.2, t2=1925, share2=0.6),
    "wave_midpoints": dict(first=1800, spacing=50, count=3),
    "wave_productivity": dict(t=1900, midpoints=[1800, 1850], speed=0.1, gain=0.5),
    "productivity_growth": dict(t=1900, midpoints=[1800, 1850], speed=0.1, gain=0.5),
    "steady_equivalent": dict(midpoints=[1800, 1850], speed=0.1, gain=0.5, coverage=0.99),
    "growth_rates": dict(t=[1, 2, 3], level=[1, 2, 4]),
    "two_sector_productivity": dict(new_share=0.3, traditional=1.0, new=2.0),
    "aggregate_productivity": dict(shares=[0.4, 0.6], productivity=[1.0, 2.0]),
    "shift_share": dict(
        shares_start=[0.8, 0.2], productivity_start=[1.0, 3.0], shares_end=[0.5, 0.5], productivity_end=[1.2, 3.3]
    ),
    "chain_values": dict(technology=1.1, efficiency=1.2, quality=1.3, base_inputs=2.0, quality_premium=1.5, base_price=3.0),
    "output_value": dict(technology=1.1, efficiency=1.2, quality=1.3, base_inputs=2.0, quality_premium=1.5, base_price=3.0),
    "decompose_value": dict(technology=1.2, efficiency=1.1, quality=1.3, baseline=(1.0, 1.0, 1.0), quality_premium=1.5),
    "doubling_time": dict(rate=0.02),
    "project": dict(start_value=100.0, rate=0.02, years=10),
    "steady_state_capital": dict(saving=0.2, alpha=1 / 3, depreciation=0.05, labour_growth=0.01, tfp=1.0),
    "steady_state_output": dict(saving=0.2, alpha=1 / 3, depreciation=0.05, labour_growth=0.01, tfp=1.0),
    "balanced_growth_rate": dict(tfp_growth=0.02, alpha=1 / 3),
    "steady_state_effective_capital": dict(saving=0.2, alpha=1 / 3, depreciation=0.05, labour_growth=0.01, tfp_growth=0.02),
    "convergence_rate": dict(alpha=1 / 3, depreciation=0.05, labour_growth=0.01),
    "simulate_solow": dict(
        saving=0.2, alpha=1 / 3, depreciation=0.05, labour_growth=0.01, tfp_growth=0.02, years=5,
        initial_capital=2.0, initial_tfp=1.0,
    ),
    "growth_paths": dict(
        saving=0.3, alpha=1 / 3, depreciation=0.05, labour_growth=0.01, tfp_growth=0.02, baseline_saving=0.2, years=5
    ),
    "cobb_douglas": dict(tfp=1.0, capital=2.0, labour=3.0, alpha=0.3, human_capital=1.5),
    "human_capital_index": dict(years_of_schooling=10.0),
    "years_of_schooling": dict(human_capital=2.0),
    "equipment_quality": dict(generation=2, equipment_step=1.5),
    "labour_productivity": dict(
        schooling=10.0, generation=1, new_share=0.3, alpha=0.3, equipment_step=1.5, relative_productivity=2.0,
        capital_per_worker=1.0, tfp=1.0,
    ),
    "element_contributions": dict(
        schooling=10.0, generation=1, new_share=0.3, alpha=0.3, equipment_step=1.5, relative_productivity=2.0
    ),
    "firm_output": dict(tfp=[1.0, 2.0], capital=[5.0, 5.0], labour=[1.0, 1.0], alpha=1 / 3),
    "aggregate_output": dict(tfp=[1.0, 2.0], capital=[5.0, 5.0], labour=[1.0, 1.0], alpha=1 / 3),
    "aggregate_tfp": dict(tfp=[1.0, 2.0], capital=[5.0, 5.0], labour=[1.0, 1.0], alpha=1 / 3),
    "marginal_product_of_capital": dict(tfp=[1.0, 2.0], capital=[5.0, 5.0], labour=[1.0, 1.0], alpha=1 / 3),
    "efficient_capital": dict(tfp=[1.0, 2.0], labour=[1.0, 1.0], total_capital=10.0, alpha=1 / 3),
    "chain_output": dict(qualities=[0.5, 0.9]),
    "marginal_products": dict(qualities=[0.5, 0.9]),
    "improvement_gains": dict(qualities=[0.5, 0.9], step=0.1),
    "best_component": dict(qualities=[0.5, 0.9], step=0.1),
    "observed_value": dict(years=[1, 2, 4], values=[1.0, 2.0, 3.0], year=2),
    "average_growth": dict(years=[1, 2, 4], values=[1.0, 2.0, 3.0], start=1, end=4),
    "first_year_ahead": dict(years_a=[1, 2], values_a=[1.0, 3.0], years_b=[1, 2], values_b=[2.0, 2.0]),
    "year_lead_holds_from": dict(years_a=[1, 2], values_a=[1.0, 3.0], years_b=[1, 2], values_b=[2.0, 2.0]),
    "interpolate_log": dict(years=[1, 2, 4], values=[1.0, 2.0, 3.0], year=3),
    "stage_capacity": dict(shares=[0.2, 0.3, 0.5]),
    "transfer_rate": dict(collaboration=0.5),
    "long_run_innovations": dict(shares=[0.2, 0.3, 0.5], collaboration=0.5),
    "pipeline_path": dict(
        shares=[0.2, 0.3, 0.5], collaboration=0.5, years=[-1, 0, 1], previous_shares=[0.3, 0.3, 0.4],
        previous_collaboration=0.2,
    ),
    "decompose_growth": dict(
        output=[1.0, 2.0], capital=[1.0, 3.0], employment=[1.0, 1.5], human_capital=[1.0, 1.2], years=10, alpha=0.3
    ),
}

#: Parameters for which NaN rightly fails a check other than "finite": the message still names them.
OTHER_CHECK = {
    ("simulate_solow", "years"): "years must be a whole number between 1 and 1000, got nan",
    ("growth_paths", "years"): "years must be a whole number between 1 and 1000, got nan",
    ("best_component", "qualities"): "qualities must be one chain (a flat list), got shape ()",
    ("average_growth", "start"): "start must be earlier than end, got start=nan, end=4",
    ("average_growth", "end"): "start must be earlier than end, got start=1, end=nan",
    ("observed_value", "year"): "year nan is not observed in this series",
}


def nan_cases():
    for name, call in GOOD_CALLS.items():
        for parameter in call:
            yield pytest.param(name, parameter, id=f"{name}-{parameter}")


def call(name, **changes):
    return getattr(M, name)(**{**GOOD_CALLS[name], **changes})


def raises(message, function, *args, **kwargs):
    """Assert that the call fails with a ValueError whose whole message matches the pattern."""
    with pytest.raises(ValueError) as error:
        function(*args, **kwargs)
    assert re.fullmatch(message, str(error.value)), str(error.value)


def test_every_public_model_function_has_a_valid_call_here():
    functions = {name for name in M.__all__ if callable(getattr(M, name)) and name[0].islower()}
    assert functions - {"account_for_growth", "best_split"} == set(GOOD_CALLS)
    for name in GOOD_CALLS:
        call(name)


@pytest.mark.parametrize("name, parameter", list(nan_cases()))
def test_a_nan_argument_is_refused_with_its_own_name(name, parameter):
    with pytest.raises(ValueError) as error:
        call(name, **{parameter: float("nan")})
    expected = OTHER_CHECK.get((name, parameter), f"{parameter} must be a finite number, got nan")
    assert str(error.value).startswith(expected), str(error.value)


@pytest.mark.parametrize(
    "name, parameter, value, message",
    [
        ("logistic", "speed", 0, "speed must be greater than 0, got 0"),
        ("logistic", "ceiling", -1, "ceiling must be greater than 0, got -1"),
        ("year_reaching", "share", 1, "share must lie strictly between 0 and 1, got 1"),
        ("takeover_time", "speed", -0.1, "speed must be greater than 0, got -0.1"),
        ("takeover_time", "low", 0, "low must lie strictly between 0 and 1, got 0"),
        ("takeover_time", "high", 1, "high must lie strictly between 0 and 1, got 1"),
        ("fit_logistic", "share1", 0, "share1 must lie strictly between 0 and 1, got 0"),
        ("fit_logistic", "share2", 1.5, "share2 must lie strictly between 0 and 1, got 1.5"),
        ("wave_midpoints", "spacing", 0, "spacing must be greater than 0, got 0"),
        ("wave_midpoints", "count", 0, "count must be a whole number of 1 or more, got 0"),
        ("wave_midpoints", "count", 2.5, "count must be a whole number of 1 or more, got 2.5"),
        ("wave_productivity", "gain", -0.1, "gain must be 0 or more, got -0.1"),
        ("productivity_growth", "gain", -0.1, "gain must be 0 or more, got -0.1"),
        ("steady_equivalent", "gain", -1, "gain must be 0 or more, got -1"),
        ("steady_equivalent", "coverage", 0.5, "coverage must lie strictly between 0.5 and 1, got 0.5"),
        ("steady_equivalent", "coverage", 1, "coverage must lie strictly between 0.5 and 1, got 1"),
        ("steady_equivalent", "coverage", 1.5, "coverage must lie strictly between 0.5 and 1, got 1.5"),
        ("growth_rates", "level", [1, 0, 2], r"level must be greater than 0, got \[1, 0, 2\]"),
        ("two_sector_productivity", "new_share", 1.5, "new_share must lie between 0.0 and 1.0, got 1.5"),
        ("two_sector_productivity", "traditional", 0, "traditional must be greater than 0, got 0"),
        ("two_sector_productivity", "new", 0, "new must be greater than 0, got 0"),
        ("chain_values", "technology", 0, "technology must be greater than 0, got 0"),
        ("chain_values", "base_inputs", 0, "base_inputs must be greater than 0, got 0"),
        ("chain_values", "quality_premium", 0, "quality_premium must be greater than 0, got 0"),
        ("chain_values", "base_price", -2, "base_price must be greater than 0, got -2"),
        ("decompose_value", "quality", 0, "quality must be greater than 0, got 0"),
        ("decompose_value", "baseline", (1, 0, 1), r"baseline must be greater than 0, got \(1, 0, 1\)"),
        ("decompose_value", "baseline", (1, 1), r"baseline must be three numbers \(technology, efficiency, quality\), got \(1, 1\)"),
        ("doubling_time", "rate", 0, "rate must be greater than 0, got 0"),
        ("project", "start_value", 0, "start_value must be greater than 0, got 0"),
        ("project", "rate", -1, r"rate must be greater than -1 \(a fall of 100%\), got .*-1\..*"),
        ("project", "years", -1, "years must be 0 or more, got -1"),
        ("steady_state_capital", "saving", 1, "saving must lie strictly between 0 and 1, got 1"),
        ("steady_state_capital", "alpha", 0, "alpha must lie strictly between 0 and 1, got 0"),
        ("steady_state_capital", "depreciation", 1.5, "depreciation must lie between 0.0 and 1.0, got 1.5"),
        ("steady_state_capital", "labour_growth", 0.6, "labour_growth must lie between -0.5 and 0.5, got 0.6"),
        ("steady_state_capital", "tfp", 0, "tfp must be greater than 0, got 0"),
        ("balanced_growth_rate", "tfp_growth", 0.6, "tfp_growth must lie between 0.0 and 0.5, got 0.6"),
        ("balanced_growth_rate", "alpha", 1, "alpha must lie strictly between 0 and 1, got 1"),
        ("simulate_solow", "initial_tfp", 0, "initial_tfp must be greater than 0, got 0"),
        ("simulate_solow", "initial_capital", -1, "initial_capital must be greater than 0, got -1"),
        ("simulate_solow", "years", 0, "years must be a whole number between 1 and 1000, got 0"),
        ("simulate_solow", "years", 1001, "years must be a whole number between 1 and 1000, got 1001"),
        ("simulate_solow", "years", 2.5, "years must be a whole number between 1 and 1000, got 2.5"),
        ("simulate_solow", "years", True, "years must be a whole number between 1 and 1000, got True"),
        ("cobb_douglas", "labour", -1, "labour must be 0 or more, got -1"),
        ("cobb_douglas", "human_capital", 0, "human_capital must be greater than 0, got 0"),
        ("years_of_schooling", "human_capital", 0.5, r"human_capital must be 1 or more \(1 is the index for no schooling\), got .*0\.5.*"),
        ("equipment_quality", "generation", -1, "generation must be 0 or more, got -1"),
        ("labour_productivity", "new_share", -0.1, "new_share must lie between 0.0 and 1.0, got -0.1"),
        ("labour_productivity", "relative_productivity", 0, "relative_productivity must be greater than 0, got 0"),
        ("labour_productivity", "capital_per_worker", 0, "capital_per_worker must be greater than 0, got 0"),
        ("element_contributions", "alpha", 1.2, "alpha must lie strictly between 0 and 1, got 1.2"),
        ("element_contributions", "baseline", (0, 0), r"baseline must be \(schooling, generation, new_share\), got \(0, 0\)"),
        ("firm_output", "capital", [-1.0, 5.0], r"capital must be 0 or more, got \[-1.0, 5.0\]"),
        ("firm_output", "labour", [0.0, 1.0], r"labour must be greater than 0, got \[0.0, 1.0\]"),
        ("firm_output", "alpha", [0.3, 0.3], r"alpha must be a single number between 0 and 1, got .*0\.3, 0\.3.*"),
        ("firm_output", "capital", [1.0, 2.0, 3.0], r"tfp, capital and labour must give one value per firm; got shapes \(2,\), \(3,\) and \(2,\)"),
        ("efficient_capital", "total_capital", 0, "total_capital must be greater than 0, got 0"),
        ("chain_output", "qualities", [], r"qualities must list at least one component, got \[\]"),
        ("chain_output", "qualities", [0.5, 1.2], r"qualities must lie above 0 and at most 1, i.e. in \(0, 1\], got \[0.5, 1.2\]"),
        ("chain_output", "rule", "max", "rule must be one of product, min, got 'max'"),
        ("improvement_gains", "step", 0, r"step must be greater than 0, got .*0\..*"),
        ("improvement_gains", "step", [0.1, 0.1, 0.1], r"step must be one number or one per component \(2\), got 3"),
        ("improvement_gains", "step", [[0.1, 0.1]], r"step must be one number or one per component \(2\), got 2"),
        ("best_component", "qualities", [[0.5, 0.9]], r"qualities must be one chain \(a flat list\), got shape \(1, 2\)"),
        ("observed_value", "values", [1.0, 0.0, 3.0], r"values must be greater than 0, got \[1.0, 0.0, 3.0\]"),
        ("observed_value", "year", 3, r"year 3 is not observed in this series \(nearest observed years: 2, 4\); growth rates use observed years only"),
        ("observed_value", "year", 0, r"year 0 is not observed in this series \(nearest observed years: 1\); growth rates use observed years only"),
        ("observed_value", "years", [1, 2], r"years and values must be 1-D arrays of the same length, got \(2,\) and \(3,\)"),
        ("observed_value", "years", [1, 1, 4], "years must be strictly increasing"),
        ("average_growth", "end", 1, "start must be earlier than end, got start=1, end=1"),
        ("interpolate_log", "year", 0.5, "year must lie between 1 and 4, got 0.5"),
        ("interpolate_log", "year", 4.5, "year must lie between 1 and 4, got 4.5"),
        ("stage_capacity", "shares", [0.5, 0.5], r"shares must give one share for each of the 3 stages, got \[0.5, 0.5\]"),
        ("stage_capacity", "shares", [0.5, 0.6, 0.1], r"shares must add up to 1 \(the whole budget\), got \[0.5, 0.6, 0.1\]"),
        ("stage_capacity", "shares", [1.2, -0.1, -0.1], r"shares must be 0 or more, got \[1.2, -0.1, -0.1\]"),
        ("transfer_rate", "collaboration", 1.5, "collaboration must lie between 0.0 and 1.0, got 1.5"),
        ("pipeline_path", "years", [0.5, 1], r"years must be a list of whole years, got \[0.5, 1\]"),
        ("pipeline_path", "years", [[0, 1]], r"years must be a list of whole years, got \[\[0, 1\]\]"),
        ("pipeline_path", "previous_shares", [0.5, 0.6, 0.1], r"previous_shares must add up to 1 \(the whole budget\), got \[0.5, 0.6, 0.1\]"),
        ("decompose_growth", "years", 0, "years must be greater than 0, got 0"),
        ("decompose_growth", "alpha", 1, "alpha must lie strictly between 0 and 1, got 1"),
        ("decompose_growth", "output", [1.0, 0.0], r"output must be greater than 0, got \[1.0, 0.0\]"),
        ("decompose_growth", "human_capital", [1.0, 2.0, 3.0], r"human_capital must be a pair \(start, end\) of levels, got .*1\., 2\., 3\..*"),
    ],
)
def test_a_value_out_of_range_is_refused_naming_the_parameter_its_range_and_the_value(name, parameter, value, message):
    raises(message, call, name, **{parameter: value})


# -- boundaries a reader is allowed to reach, and the ones just past them ----------------------


def test_logistic_curves_refuse_a_takeover_that_does_not_rise():
    raises(r"low must be smaller than high, got low=.*0\.5.*, high=.*0\.5.*", M.takeover_time, 0.1, 0.5, 0.5)
    raises(r"low must be smaller than high, got low=.*0\.6.*, high=.*0\.5.*", M.takeover_time, 0.1, 0.6, 0.5)
    raises(r"t1 and t2 must be different years, got 2000\.0 twice", M.fit_logistic, 2000, 0.2, 2000, 0.5)
    flat = (
        r"share2 must be larger than share1 when t2 is later than t1 \(adoption only rises\), "
        r"got share1=0\.5 at t1=2000\.0 and share2={share2} at t2=2010\.0"
    )
    raises(flat.format(share2=r"0\.5"), M.fit_logistic, 2000, 0.5, 2010, 0.5)
    raises(flat.format(share2=r"0\.4"), M.fit_logistic, 2000, 0.5, 2010, 0.4)


def test_one_wave_is_a_wave():
    assert M.wave_midpoints(1800, 50, 1).tolist() == [1800.0]
    assert M.wave_midpoints(1800, 50, 3).tolist() == [1800.0, 1850.0, 1900.0]


def test_growth_rates_need_two_points_on_one_line():
    raises(r"t and level must be 1-D arrays of the same length, at least 2, got \(1,\) and \(1,\)", M.growth_rates, [1], [1])
    raises(r"t and level must be 1-D arrays of the same length, at least 2, got \(2,\) and \(3,\)", M.growth_rates, [1, 2], [1, 2, 3])
    raises(
        r"t and level must be 1-D arrays of the same length, at least 2, got \(1, 2\) and \(1, 2\)",
        M.growth_rates, [[1, 2]], [[1, 2]],
    )
    raises("t must be strictly increasing", M.growth_rates, [1, 1], [1, 2])
    assert M.growth_rates([0, 2], [1, np.e**2]).tolist() == pytest.approx([1.0])


def test_sector_shares_and_productivities_must_line_up():
    raises(
        r"shares and productivity must give one value per sector; got shapes \(2,\) and \(3,\)",
        M.aggregate_productivity, [0.5, 0.5], [1, 2, 3],
    )
    raises(r"shares must add up to 1 across sectors, got totals .*1\.1.*", M.aggregate_productivity, [0.5, 0.6], [1, 2])
    raises(r"shares must list one share of workers per sector, got .*1\..*", M.aggregate_productivity, 1.0, 1.0)
    raises(
        r"shares_start and shares_end must list the same sectors; got shapes \(2,\) and \(1,\)",
        M.shift_share, [0.5, 0.5], [1, 2], [1.0], [1],
    )
    raises(
        r"shares_end and productivity_end must give one value per sector; got shapes \(2,\) and \(1,\)",
        M.shift_share, [0.5, 0.5], [1, 2], [0.5, 0.5], [1],
    )
    # One row of sector productivities per year, with the same shares: a value per row.
    assert M.aggregate_productivity([0.5, 0.5], [[1.0, 3.0], [2.0, 4.0]]).tolist() == [2.0, 3.0]


def test_a_fall_of_everything_is_refused_and_a_fall_of_almost_everything_is_not():
    raises(r"rate must be greater than -1 \(a fall of 100%\), got .*-1\..*", M.project, 100.0, -1.0, 3)
    assert M.project(100.0, -0.5, 2).tolist() == [100.0, 50.0, 25.0]


def test_solow_labour_growth_and_depreciation_must_leave_capital_a_steady_state():
    settles = (
        r"labour_growth \+ depreciation must be greater than 0 \(else capital per worker never settles\), "
        r"got .*{n}.* \+ .*{delta}.*"
    )
    raises(settles.format(n=r"-0\.02", delta=r"0\.01"), M.steady_state_capital, 0.2, 1 / 3, 0.01, -0.02)
    raises(settles.format(n="0", delta="0"), M.steady_state_capital, 0.2, 1 / 3, 0.0, 0.0)


def test_a_thousand_years_can_be_simulated_and_years_are_counted_from_zero():
    path = M.simulate_solow(0.2, 1 / 3, 0.05, 0.01, years=1000)
    assert path.year.tolist() == list(range(1001))
    assert path.output.shape == (1001,)


def test_a_simulation_from_the_default_start_of_a_richer_economy_stays_at_its_steady_state():
    path = M.simulate_solow(0.2, 1 / 3, 0.05, 0.01, years=10, initial_tfp=2.0)
    k_star = (0.2 * 2.0 / 0.06) ** 1.5  # (s A / (n + delta))**(1 / (1 - alpha)) by hand
    assert path.capital == pytest.approx(np.full(11, k_star))
    assert path.output == pytest.approx(np.full(11, 2.0 * k_star ** (1 / 3)))


def test_growth_paths_start_both_economies_at_the_baseline_steady_state_for_the_years_asked():
    factor, innovation = M.growth_paths(0.3, 1 / 3, 0.05, 0.01, 0.02, years=7)
    k_start = (0.2 / 0.06) ** 1.5  # the default baseline saving is 20%
    assert factor.capital[0] == pytest.approx(k_start) and innovation.capital[0] == pytest.approx(k_start)
    assert factor.year.tolist() == innovation.year.tolist() == list(range(8))
    assert factor.tfp.tolist() == [1.0] * 8
    assert innovation.tfp == pytest.approx(1.02 ** np.arange(8))


def test_schooling_from_an_index_is_a_plain_number_array():
    years = M.years_of_schooling([1.0, np.exp(0.536), np.exp(0.536 + 0.404 + 0.068)])
    assert years.dtype == np.float64 and np.all(np.isfinite(years))
    assert years.tolist() == pytest.approx([0.0, 4.0, 9.0])


def test_aggregate_tfp_divides_by_the_whole_economys_inputs():
    tfp, capital, labour, alpha = [1.0, 2.0], [4.0, 6.0], [2.0, 3.0], 0.5
    output = 1.0 * 4**0.5 * 2**0.5 + 2.0 * 6**0.5 * 3**0.5
    assert M.aggregate_tfp(tfp, capital, labour, alpha) == pytest.approx(output / (10**0.5 * 5**0.5))
    rows = M.aggregate_tfp(tfp, [[4.0, 6.0], [5.0, 5.0]], labour, alpha)
    assert rows[0] == pytest.approx(output / (10**0.5 * 5**0.5))
    assert rows[1] == pytest.approx((5**0.5 * 2**0.5 + 2 * 5**0.5 * 3**0.5) / (10**0.5 * 5**0.5))


def test_a_firm_without_capital_has_an_infinite_marginal_product_and_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        product = M.marginal_product_of_capital([1.0, 2.0], [0.0, 8.0], [1.0, 1.0], 1 / 3)
    assert product[0] == np.inf
    assert product[1] == pytest.approx(1 / 3 * 2.0 * (1 / 8) ** (2 / 3))


def test_human_capital_multiplies_labour_in_cobb_douglas():
    assert M.cobb_douglas(2.0, 8.0, 3.0, 1 / 3, human_capital=1.5) == pytest.approx(2.0 * 2.0 * 4.5 ** (2 / 3))


def test_chains_of_several_rows_are_computed_row_by_row():
    qualities = [[0.5, 0.8], [0.9, 0.4]]
    assert M.marginal_products(qualities) == pytest.approx(np.array([[0.8, 0.5], [0.4, 0.9]]))
    assert M.chain_output(qualities, rule="min").tolist() == [0.5, 0.4]


def test_the_best_component_follows_the_rule_asked_for():
    # Product rule: raising the 0.2 component by 0.1 gains most (x1.5); under the min rule only the
    # weakest link counts, and the second component (0.1) is now the weakest.
    qualities, steps = [0.2, 0.1, 0.9], [0.1, 0.01, 0.1]
    assert M.best_component(qualities, steps) == 0
    assert M.best_component(qualities, steps, rule="min") == 1


def test_series_must_be_one_line_of_increasing_years_and_one_observation_is_enough():
    raises(r"years and values must be 1-D arrays of the same length, got \(1, 2\) and \(1, 2\)", M.observed_value, [[1, 2]], [[1, 2]], 1)
    raises(r"years and values must be 1-D arrays of the same length, got \(0,\) and \(0,\)", M.observed_value, [], [], 1)
    raises("years must be strictly increasing", M.observed_value, [1, 2, 2], [1, 2, 3], 1)
    raises("years must be strictly increasing", M.observed_value, [1, 3, 2], [1, 2, 3], 1)
    assert M.observed_value([2000], [5.0], 2000) == 5.0
    raises(
        r"year 3 is not observed in this series \(nearest observed years: 2, 4\); growth rates use observed years only",
        M.observed_value, [1, 2, 4, 5], [1.0, 2.0, 3.0, 4.0], 3,
    )


def test_overtaking_needs_a_strict_lead():
    years = [1, 2, 3, 4]
    # level in year 2, ahead from year 3 on
    assert M.first_year_ahead(years, [1.0, 2.0, 3.0, 4.0], years, [2.0, 2.0, 2.0, 2.0]) == 3
    assert M.year_lead_holds_from(years, [1.0, 2.0, 3.0, 4.0], years, [2.0, 2.0, 2.0, 2.0]) == 3
    # never ahead, and level at the end: no lead
    assert M.first_year_ahead(years, [1.0, 1.0, 1.0, 1.0], years, [2.0, 2.0, 2.0, 2.0]) is None
    assert M.year_lead_holds_from(years, [3.0, 3.0, 3.0, 2.0], years, [2.0, 2.0, 2.0, 2.0]) is None
    # ahead in every common year: the lead holds from the first of them
    assert M.year_lead_holds_from(years, [3.0, 3.0, 3.0, 3.0], years, [2.0, 2.0, 2.0, 2.0]) == 1


def test_interpolation_reaches_the_first_and_last_observations():
    assert M.interpolate_log([1, 2, 4], [1.0, 2.0, 3.0], 1) == (1.0, True)
    assert M.interpolate_log([1, 2, 4], [1.0, 2.0, 3.0], 4) == (pytest.approx(3.0), True)
    value, observed = M.interpolate_log([1, 3], [1.0, 4.0], 2)
    assert (value, observed) == (pytest.approx(2.0), False)


def test_pipeline_parameters_name_what_is_wrong():
    raises(
        r"exponents must give one number for each of the 3 stages, got \(0\.1, 0\.2\)", PipelineParameters, exponents=(0.1, 0.2)
    )
    raises(r"productivity must give one number for each of the 3 stages, got \(1, 1\)", PipelineParameters, productivity=(1, 1))
    raises(r"productivity must be greater than 0, got \(1, 0, 1\)", PipelineParameters, productivity=(1, 0, 1))
    raises("transfer_low must lie between 0.0 and 1.0, got 1.5", PipelineParameters, transfer_low=1.5, transfer_high=1.0)
    raises("transfer_high must lie between 0.5 and 1.0, got 0.4", PipelineParameters, transfer_low=0.5, transfer_high=0.4)
    raises("transfer_high must be greater than 0, got 0.0", PipelineParameters, transfer_low=0.0, transfer_high=0.0)
    for value in (-1, 1.5, True):
        raises(f"lag_basic must be a whole number of years, 0 or more, got {value}", PipelineParameters, lag_basic=value)
    raises("lag_applied must be a whole number of years, 0 or more, got -2", PipelineParameters, lag_applied=-2)
    assert PipelineParameters(lag_basic=0, lag_applied=0).lag_basic == 0


def test_a_split_may_use_the_whole_budget_and_no_more():
    raises(r"basic \+ applied must be at most 1 \(100% of the budget\), got 0\.6 \+ 0\.5 = 1\.1", split, 0.6, 0.5)
    raises("applied must lie between 0.0 and 1.0, got 1.2", split, 0.0, 1.2)
    assert split(0.5, 0.5).tolist() == [0.5, 0.5, 0.0]
    assert split(0.2, 0.3).tolist() == pytest.approx([0.2, 0.3, 0.5])


PARAMS = PipelineParameters(
    exponents=(0.3, 0.2, 0.25), productivity=(2.0, 1.0, 0.5), budget=50.0, transfer_low=0.1, transfer_high=0.5,
    lag_basic=2, lag_applied=1,
)


def capacities(shares):
    return [a * (s * 50.0) ** b for a, s, b in zip((2.0, 1.0, 0.5), shares, (0.3, 0.2, 0.25))]


def test_long_run_innovations_use_the_pipelines_own_transfer_rates():
    tau = 0.1 + 0.4 * 0.5
    assert M.long_run_innovations([0.2, 0.3, 0.5], 0.5, PARAMS) == pytest.approx(tau**2 * np.prod(capacities([0.2, 0.3, 0.5])))


def test_a_pipeline_path_passes_each_change_on_after_its_lags():
    new, old = [0.2, 0.3, 0.5], [0.4, 0.4, 0.2]
    path = M.pipeline_path(new, 1.0, range(-1, 5), previous_shares=old, previous_collaboration=0.0, params=PARAMS)
    assert path.year.dtype.kind == "i" and path.year.tolist() == [-1, 0, 1, 2, 3, 4]
    (db, da, du), (nb, na, nu) = capacities(old), capacities(new)
    low, high = 0.1, 0.5
    for t, d, tech, innovation in zip(path.year, path.discoveries, path.technologies, path.innovations):
        cap_b = lambda year: db if year < 0 else nb  # noqa: E731 -- the stage's budget in that year
        cap_a = lambda year: da if year < 0 else na  # noqa: E731
        tau = lambda year: low if year < 0 else high  # noqa: E731
        assert d == pytest.approx(cap_b(t))
        assert tech == pytest.approx(tau(t) * cap_b(t - 2) * cap_a(t))
        assert innovation == pytest.approx(tau(t) * tau(t - 1) * cap_b(t - 3) * cap_a(t - 1) * (du if t < 0 else nu))


def test_pwt_tfp_growth_says_when_the_index_is_missing():
    china = load_pwt("CHN")  # PWT has no rtfpna for China in its first years
    raises(r"PWT has no TFP index \(rtfpna\) for China in 1952 or 2019", pwt_tfp_growth, china, 1952, 2019)
    first, last = china.at(1990)["rtfpna"], china.at(2019)["rtfpna"]
    assert pwt_tfp_growth(china, 1990, 2019) == pytest.approx(np.log(last / first) / 29)


def test_growth_accounts_take_any_year_pwt_covers_and_name_the_economy_otherwise():
    assert M.account_for_growth("KOR", 1953, 2019).output_per_worker > 0
    for year, which in ((1940, "start"), (1990.0, "start")):
        raises(
            rf"{which} must be a year between 1953 and 2019 for Republic of Korea, got {year}",
            M.account_for_growth, "KOR", year, 2019,
        )
    raises("end must be a year between 1953 and 2019 for Republic of Korea, got 2050", M.account_for_growth, "KOR", 1990, 2050)
    raises("start must be earlier than end, got start=2000 and end=2000", M.account_for_growth, "KOR", 2000, 2000)
    raises("start must be earlier than end, got start=2019 and end=1990", M.account_for_growth, "KOR", 2019, 1990)


def test_growth_accounts_can_take_another_measure_of_output():
    """An official index in place of PWT's real GDP: only output per worker and the residual move."""
    korea = load_pwt("KOR")
    pwt = M.account_for_growth("KOR", 1990, 2019)
    official = M.account_for_growth("KOR", 1990, 2019, output=(100.0, 300.0))
    employment = korea.at(2019)["emp"] / korea.at(1990)["emp"]
    assert official.output_per_worker == pytest.approx(np.log(3.0 / employment) / 29)
    assert (official.capital_deepening, official.human_capital) == (pwt.capital_deepening, pwt.human_capital)
    assert official.tfp == pytest.approx(official.output_per_worker - pwt.capital_deepening - pwt.human_capital)
