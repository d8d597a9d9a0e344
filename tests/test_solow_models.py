"""The discrete-time Solow model against hand calculations and its own closed forms."""

import numpy as np
import pytest

from productive_forces.models.solow import (
    balanced_growth_rate,
    convergence_rate,
    growth_paths,
    simulate,
    steady_state_capital,
    steady_state_effective_capital,
    steady_state_output,
)


def test_steady_state_capital_and_output_by_hand():
    # s = 0.2, A = 1, alpha = 0.5, n = 0, delta = 0.1: k* = (0.2 / 0.1)**2 = 4, y* = sqrt(4) = 2.
    assert steady_state_capital(0.2, 0.5, 0.1, 0.0) == pytest.approx(4.0)
    assert steady_state_output(0.2, 0.5, 0.1, 0.0) == pytest.approx(2.0)
    # s = 0.25, alpha = 1/3, delta = 0.05, n = 0.01: s / (n + delta) = 25/6 = 4.1667, to the power 1.5:
    # 4.1667 * 2.04124 = 8.50517; y* = (25/6)**0.5 = 2.04124.
    assert steady_state_capital(0.25, 1 / 3, 0.05, 0.01) == pytest.approx(8.50517, abs=1e-5)
    assert steady_state_output(0.25, 1 / 3, 0.05, 0.01) == pytest.approx(2.04124, abs=1e-5)
    # TFP enters as s * A: with A = 2 and alpha = 0.5, k* = (0.2 * 2 / 0.1)**2 = 16 and y* = 2 * 4 = 8.
    assert steady_state_capital(0.2, 0.5, 0.1, 0.0, tfp=2.0) == pytest.approx(16.0)
    assert steady_state_output(0.2, 0.5, 0.1, 0.0, tfp=2.0) == pytest.approx(8.0)


def test_one_year_of_the_recursion_by_hand():
    # k0 = 1, A0 = 1, s = 0.2, alpha = 0.5, delta = 0.1: y0 = 1, k1 = (0.2 * 1 + 0.9 * 1) / (1 + n).
    path = simulate(0.2, 0.5, 0.1, 0.0, years=1, initial_capital=1.0)
    assert path.capital[1] == pytest.approx(1.1)
    assert path.output[1] == pytest.approx(np.sqrt(1.1))  # 1.04881
    # Workforce growth of 10% spreads the same 1.1 of capital over 1.1 times the workers: k1 = 1.
    assert simulate(0.2, 0.5, 0.1, 0.1, years=1, initial_capital=1.0).capital[1] == pytest.approx(1.0)
    # TFP growth of 10% raises next year's output directly: y1 = 1.1 * sqrt(1.1).
    grown = simulate(0.2, 0.5, 0.1, 0.0, tfp_growth=0.1, years=1, initial_capital=1.0)
    assert grown.tfp[1] == pytest.approx(1.1)
    assert grown.output[1] == pytest.approx(1.1 * np.sqrt(1.1))
    assert grown.growth[0] == pytest.approx(1.1 * np.sqrt(1.1) - 1)


def test_the_steady_state_is_a_fixed_point():
    path = simulate(0.3, 0.4, 0.06, 0.02)  # starts at k* by default
    assert path.capital == pytest.approx(np.full(61, steady_state_capital(0.3, 0.4, 0.06, 0.02)), rel=1e-12)
    assert np.abs(path.growth).max() < 1e-12


def test_saving_more_without_tfp_growth_raises_the_level_but_growth_dies_out():
    factor, _ = growth_paths(0.3, 1 / 3, 0.05, 0.01, 0.0, baseline_saving=0.2)
    growth = factor.growth
    # From k0 = k*(0.2): k1 / k0 = 1 + (0.3 / 0.2 - 1) * (n + delta) / (1 + n) = 1 + 0.5 * 0.06 / 1.01
    # = 1.029703, so the first year's growth is 1.029703**(1/3) - 1 = 0.0098045.
    assert growth[0] == pytest.approx(0.0098045, abs=1e-7)
    assert np.all(np.diff(growth) < 0)  # falls every year
    assert growth[-1] < 0.001  # less than 0.1% a year after 60 years
    # The level tends to y*(0.3) / y*(0.2) = 1.5**(alpha / (1 - alpha)) = 1.5**0.5 = 1.224745.
    long_run = simulate(0.3, 1 / 3, 0.05, 0.01, years=600, initial_capital=factor.capital[0])
    assert long_run.output[-1] / long_run.output[0] == pytest.approx(1.224745, abs=1e-6)
    assert long_run.capital[-1] == pytest.approx(steady_state_capital(0.3, 1 / 3, 0.05, 0.01), rel=1e-9)


def test_balanced_growth_rate_by_hand():
    # (1.02)**1.5 - 1 = 1.02 * sqrt(1.02) - 1 = 1.02 * 1.0099505 - 1 = 0.0301495.
    assert balanced_growth_rate(0.02, 1 / 3) == pytest.approx(0.0301495, abs=1e-7)
    # alpha = 0.5 doubles the exponent: 1.01**2 - 1 = 0.0201.
    assert balanced_growth_rate(0.01, 0.5) == pytest.approx(0.0201)
    assert balanced_growth_rate(0.0, 0.4) == 0.0


def test_on_the_balanced_path_output_per_worker_grows_at_the_closed_form_rate():
    s, alpha, delta, n, g = 0.25, 0.35, 0.05, 0.01, 0.02
    start = steady_state_effective_capital(s, alpha, delta, n, g)  # with A0 = 1, k0 = x*
    path = simulate(s, alpha, delta, n, tfp_growth=g, initial_capital=start)
    assert path.growth == pytest.approx(np.full(60, balanced_growth_rate(g, alpha)), abs=1e-12)
    # Capital per effective worker stays put.
    effective = path.capital / path.tfp ** (1 / (1 - alpha))
    assert effective == pytest.approx(np.full(61, start), rel=1e-12)


def test_effective_capital_reduces_to_the_steady_state_without_tfp_growth():
    assert steady_state_effective_capital(0.25, 1 / 3, 0.05, 0.01, 0.0) == pytest.approx(
        steady_state_capital(0.25, 1 / 3, 0.05, 0.01)
    )


def test_innovation_path_starts_at_g_and_converges_to_the_balanced_rate():
    _, innovation = growth_paths(0.3, 1 / 3, 0.05, 0.01, 0.02, baseline_saving=0.2)
    # From the old steady state k1 = k0, so the first year's growth is TFP growth alone.
    assert innovation.growth[0] == pytest.approx(0.02, abs=1e-12)
    assert np.all(np.diff(innovation.growth) > 0)
    long_run = simulate(0.2, 1 / 3, 0.05, 0.01, tfp_growth=0.02, years=600, initial_capital=innovation.capital[0])
    assert long_run.growth[-1] == pytest.approx(balanced_growth_rate(0.02, 1 / 3), abs=1e-9)


def test_convergence_rate_by_hand_and_in_simulation():
    # (1 - alpha) * (n + delta) / (1 + n) = (2/3) * 0.06 / 1.01 = 0.039604.
    assert convergence_rate(1 / 3, 0.05, 0.01) == pytest.approx(0.039604, abs=1e-6)
    # A 0.1% gap to k* closes by that share in one year (the linearisation is exact to first order).
    k_star = steady_state_capital(0.25, 1 / 3, 0.05, 0.01)
    path = simulate(0.25, 1 / 3, 0.05, 0.01, years=1, initial_capital=k_star * 1.001)
    closed = 1 - (path.capital[1] - k_star) / (path.capital[0] - k_star)
    assert closed == pytest.approx(0.039604, abs=1e-4)


def test_parameters_broadcast_like_separate_runs():
    both = simulate(np.array([0.2, 0.3]), 0.4, 0.05, 0.01, years=10, initial_capital=2.0)
    assert both.output.shape == (11, 2)
    for i, s in enumerate((0.2, 0.3)):
        assert both.output[:, i] == pytest.approx(simulate(s, 0.4, 0.05, 0.01, years=10, initial_capital=2.0).output)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: steady_state_capital(1.2, 0.3, 0.05, 0.01), "saving must lie strictly between 0 and 1"),
        (lambda: steady_state_capital(0.2, 1.0, 0.05, 0.01), "alpha must lie strictly between 0 and 1"),
        (lambda: steady_state_capital(0.2, 0.3, -0.1, 0.01), "depreciation must lie between 0.0 and 1.0"),
        (lambda: steady_state_capital(0.2, 0.3, 0.05, 0.9), "labour_growth must lie between -0.5 and 0.5"),
        (lambda: steady_state_capital(0.2, 0.3, 0.0, 0.0), "labour_growth \\+ depreciation must be greater than 0"),
        (lambda: steady_state_capital(0.2, 0.3, 0.05, 0.01, tfp=0), "tfp must be greater than 0"),
        (lambda: balanced_growth_rate(-0.01, 0.3), "tfp_growth must lie between 0.0 and 0.5"),
        (lambda: simulate(0.2, 0.3, 0.05, 0.01, years=0), "years must be a whole number between 1 and 1000"),
        (lambda: simulate(0.2, 0.3, 0.05, 0.01, years=2.5), "years must be a whole number"),
        (lambda: simulate(0.2, 0.3, 0.05, 0.01, initial_capital=0.0), "initial_capital must be greater than 0"),
        (lambda: simulate(float("nan"), 0.3, 0.05, 0.01), "saving must be a finite number"),
    ],
)
def test_impossible_parameters_are_rejected_by_name(call, message):
    with pytest.raises(ValueError, match=message):
        call()
