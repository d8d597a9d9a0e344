"""Model functions against hand calculations and published figures."""

import numpy as np
import pytest

from productive_forces.data import load_pwt
from productive_forces.models import (
    account_for_growth,
    aggregate_output,
    aggregate_tfp,
    cobb_douglas,
    decompose_growth,
    doubling_time,
    efficient_capital,
    human_capital_index,
    marginal_product_of_capital,
    project,
)
from productive_forces.models.growth_accounting import period_capital_share, pwt_tfp_growth


def test_cobb_douglas_by_hand():
    # 2 * 8**(1/3) * (1 * 1)**(2/3) = 2 * 2 = 4
    assert cobb_douglas(2.0, 8.0, 1.0, 1 / 3) == pytest.approx(4.0)
    # human capital multiplies labour: 1 * 1**0.5 * (4 * 1)**0.5 = 2
    assert cobb_douglas(1.0, 1.0, 1.0, 0.5, human_capital=4.0) == pytest.approx(2.0)


def test_cobb_douglas_broadcasts_over_arrays():
    assert cobb_douglas(1.0, np.array([1.0, 8.0]), 1.0, 1 / 3) == pytest.approx([1.0, 2.0])


def test_human_capital_index_uses_pwt_piecewise_returns():
    # phi(4) = 4 * 0.134; phi(8) = phi(4) + 4 * 0.101; phi(12) = phi(8) + 4 * 0.068
    expected = np.exp([0.0, 0.536, 0.94, 1.212, 0.134 * 2])
    assert human_capital_index([0, 4, 8, 12, 2]) == pytest.approx(expected)


def test_growth_decomposition_by_hand():
    # Over 10 years: y grows 0.3 in logs, k 0.5, h 0.1; alpha = 0.4.
    accounts = decompose_growth(
        output=[100, 100 * np.exp(0.3)],
        capital=[200, 200 * np.exp(0.5)],
        employment=[10, 10],
        human_capital=[2, 2 * np.exp(0.1)],
        years=10,
        alpha=0.4,
    )
    assert accounts.output_per_worker == pytest.approx(0.03)
    assert accounts.capital_deepening == pytest.approx(0.02)
    assert accounts.human_capital == pytest.approx(0.006)
    assert accounts.tfp == pytest.approx(0.004)
    assert accounts.tfp_share == pytest.approx(0.004 / 0.03)


def test_china_1978_2019_matches_the_figures_in_the_sources_file():
    # SOURCES.md: output per worker 4.9% a year; capital 3.6, human capital 0.7, residual 0.6
    # points with alpha = 0.42; PWT's own rtfpna grows 0.4% a year.
    accounts = account_for_growth("CHN", 1978, 2019)
    assert accounts.alpha == pytest.approx(0.42, abs=0.005)
    assert 100 * accounts.output_per_worker == pytest.approx(4.9, abs=0.05)
    assert 100 * accounts.capital_deepening == pytest.approx(3.6, abs=0.05)
    assert 100 * accounts.human_capital == pytest.approx(0.7, abs=0.05)
    assert 100 * accounts.tfp == pytest.approx(0.6, abs=0.05)
    assert 100 * pwt_tfp_growth(load_pwt("CHN"), 1978, 2019) == pytest.approx(0.4, abs=0.05)


def test_default_alpha_is_one_minus_mean_labour_share_of_the_period():
    korea = load_pwt("KOR")
    window = (korea.year >= 1990) & (korea.year <= 2019)
    assert period_capital_share(korea, 1990, 2019) == pytest.approx(1 - korea.labsh[window].mean())
    assert account_for_growth("KOR", 1990, 2019).alpha == pytest.approx(1 - korea.labsh[window].mean())


def test_residual_tracks_pwt_tfp_index_for_the_united_states():
    # Different capital measure and weights, but the same economy: within half a point a year.
    ours = account_for_growth("USA", 1954, 2019).tfp
    assert ours == pytest.approx(pwt_tfp_growth(load_pwt("USA"), 1954, 2019), abs=0.005)


def test_contributions_add_up_for_any_alpha():
    for alpha in (0.2, 0.35, 0.6):
        a = account_for_growth("IND", 1980, 2010, alpha=alpha)
        assert a.capital_deepening + a.human_capital + a.tfp == pytest.approx(a.output_per_worker)


def test_two_firm_allocation_by_hand():
    # A = (1, 2), L = (1, 1), alpha = 1/2, K = 1: K_i proportional to A_i**2 -> (0.2, 0.8),
    # output sqrt(0.2) + 2 sqrt(0.8) = sqrt(5); an equal split gives 3 sqrt(0.5).
    best = efficient_capital([1, 2], [1, 1], 1.0, 0.5)
    assert best == pytest.approx([0.2, 0.8])
    assert aggregate_output([1, 2], best, [1, 1], 0.5) == pytest.approx(np.sqrt(5))
    equal = aggregate_tfp([1, 2], [0.5, 0.5], [1, 1], 0.5)
    assert aggregate_tfp([1, 2], best, [1, 1], 0.5) / equal - 1 == pytest.approx(np.sqrt(5) / (3 * np.sqrt(0.5)) - 1)


def test_efficient_allocation_equalises_marginal_products_and_maximises_output():
    tfp, labour, alpha = np.array([1.0, 1.7, 0.8]), np.array([2.0, 1.0, 3.0]), 0.35
    best = efficient_capital(tfp, labour, 6.0, alpha)
    assert best.sum() == pytest.approx(6.0)
    mpk = marginal_product_of_capital(tfp, best, labour, alpha)
    assert mpk == pytest.approx(np.full(3, mpk[0]))
    rng = np.random.default_rng(0)
    others = rng.dirichlet(np.ones(3), size=2000) * 6.0
    assert aggregate_output(tfp, others, labour, alpha).max() <= aggregate_output(tfp, best, labour, alpha)


def test_aggregate_functions_take_one_allocation_per_row():
    capital = np.array([[1.0, 1.0], [0.5, 1.5]])
    rows = aggregate_output([1.0, 2.0], capital, [1.0, 1.0], 0.5)
    assert rows == pytest.approx([1 + 2, np.sqrt(0.5) + 2 * np.sqrt(1.5)])


def test_doubling_time_by_hand():
    assert doubling_time(0.02) == pytest.approx(35.0028, abs=1e-4)  # ln 2 / ln 1.02
    assert doubling_time(1.0) == pytest.approx(1.0)
    assert doubling_time(np.array([0.07])) == pytest.approx([10.2448], abs=1e-4)


def test_projection_compounds_annually():
    assert project(100.0, 0.1, 2) == pytest.approx([100.0, 110.0, 121.0])
    assert project(5.0, 0.0, 3) == pytest.approx([5.0] * 4)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: cobb_douglas(1, 1, 1, 1.2), "alpha must lie strictly between 0 and 1"),
        (lambda: cobb_douglas(1, -1, 1, 0.3), "capital must be 0 or more"),
        (lambda: cobb_douglas(1, 1, 1, 0.3, human_capital=0), "human_capital must be greater than 0"),
        (lambda: cobb_douglas(np.nan, 1, 1, 0.3), "tfp must be a finite number"),
        (lambda: human_capital_index(-1), "years_of_schooling must be 0 or more"),
        (lambda: doubling_time(0), "rate must be greater than 0"),
        (lambda: project(1, -1.5, 3), "rate must be greater than -1"),
        (lambda: project(1, 0.1, -3), "years must be 0 or more"),
        (lambda: account_for_growth("XYZ", 1990, 2000), "country must be one of"),
        (lambda: account_for_growth("CHN", 1940, 2000), "start must be a year between 1952 and 2019"),
        (lambda: account_for_growth("CHN", 1990, 2030), "end must be a year between 1952 and 2019"),
        (lambda: account_for_growth("CHN", 2000, 1990), "start must be earlier than end"),
        (lambda: account_for_growth("CHN", 1990, 2000, alpha=0), "alpha must lie strictly between 0 and 1"),
        (lambda: decompose_growth([1, 2, 3], [1, 2], [1, 1], [1, 1], 10, 0.3), "output must be a pair"),
        (lambda: efficient_capital([1, 2], [1, 1], 0, 0.3), "total_capital must be greater than 0"),
        (lambda: efficient_capital([1, 2], [1, 1, 1], 1, 0.3), "one value per firm"),
        (lambda: aggregate_output([1, -2], [1, 1], [1, 1], 0.3), "tfp must be greater than 0"),
    ],
)
def test_impossible_input_is_rejected_with_the_parameter_and_its_range(call, message):
    with pytest.raises(ValueError, match=message):
        call()
