"""Chapter 5's models against hand calculations: weakest-link chains and the innovation pipeline."""

import itertools

import numpy as np
import pytest

from productive_forces.models.chains import best_component, chain_output, improvement_gains, marginal_products
from productive_forces.models.pipeline import (
    DEFAULT_PARAMETERS,
    PipelineParameters,
    best_split,
    long_run_innovations,
    pipeline_path,
    split,
    stage_capacity,
    transfer_rate,
)

# Weakest-link chains


def test_chain_output_by_hand():
    # 0.9 * 0.8 * 0.5 = 0.36; the weakest of the three is 0.5
    assert chain_output([0.9, 0.8, 0.5]) == pytest.approx(0.36)
    assert chain_output([0.9, 0.8, 0.5], rule="min") == pytest.approx(0.5)


def test_kremers_examples():
    # Ten tasks each done right 95% of the time: 0.95**10 = 0.5987, about 60% of a flawless chain.
    assert chain_output([0.95] * 10) == pytest.approx(0.598737, abs=1e-6)
    # Nine flawless tasks and one done right half the time: output halves under either rule.
    chain = [1.0] * 9 + [0.5]
    assert chain_output(chain) == pytest.approx(0.5)
    assert chain_output(chain, rule="min") == pytest.approx(0.5)


def test_chain_output_works_on_many_chains_at_once():
    chains = np.array([[0.5, 0.5], [1.0, 0.2]])
    assert chain_output(chains) == pytest.approx([0.25, 0.2])
    assert chain_output(chains, rule="min") == pytest.approx([0.5, 0.2])


def test_marginal_products_are_output_over_quality():
    # Y = 0.5 * 0.8 = 0.4: dY/dq_1 = 0.8 (= 0.4 / 0.5), dY/dq_2 = 0.5 (= 0.4 / 0.8)
    assert marginal_products([0.5, 0.8]) == pytest.approx([0.8, 0.5])


def test_marginal_products_match_a_numerical_derivative():
    q = np.array([0.9, 0.7, 0.95, 0.6, 0.8])
    h = 1e-6
    numerical = [(chain_output(q + h * e) - chain_output(q - h * e)) / (2 * h) for e in np.eye(5)]
    assert marginal_products(q) == pytest.approx(numerical, rel=1e-6)


def test_improvement_gains_for_the_product_rule_by_hand():
    # Y = 0.5 * 0.8 = 0.4. Raise the first to 0.6: 0.48, gain 0.08 (= 0.4 * 0.1 / 0.5).
    # Raise the second to 0.9: 0.45, gain 0.05 (= 0.4 * 0.1 / 0.8).
    assert improvement_gains([0.5, 0.8], 0.1) == pytest.approx([0.08, 0.05])


def test_improvement_stops_at_quality_one():
    # Y = 0.95 * 0.5 = 0.475. The first can rise only to 1: 0.5, gain 0.025. The second to 0.6: 0.57, gain 0.095.
    assert improvement_gains([0.95, 0.5], 0.1) == pytest.approx([0.025, 0.095])


def test_improving_a_component_is_worth_more_when_the_others_are_good():
    # Raising 0.5 to 0.6 beside a 0.5 adds 0.05; beside a perfect component it adds 0.1.
    assert improvement_gains([0.5, 0.5], 0.1)[0] == pytest.approx(0.05)
    assert improvement_gains([0.5, 1.0], 0.1)[0] == pytest.approx(0.1)


def test_under_the_min_rule_only_the_weakest_component_pays():
    # Weakest 0.5 rises to 0.6, but then 0.55 is the weakest: output 0.5 -> 0.55, gain 0.05.
    assert improvement_gains([0.5, 0.8, 0.55], 0.1, rule="min") == pytest.approx([0.05, 0.0, 0.0])
    # Two equally weak components: raising either alone changes nothing.
    assert improvement_gains([0.5, 0.5, 0.9], 0.1, rule="min") == pytest.approx([0.0, 0.0, 0.0])


def test_best_component_is_the_weakest_when_every_step_is_equal():
    assert best_component([0.9, 0.7, 0.95, 0.6, 0.8], 0.05) == 3
    assert best_component([0.9, 0.7, 0.95, 0.6, 0.8], 0.05, rule="min") == 3


def test_best_component_need_not_be_the_weakest_when_effort_moves_components_unequally():
    # Y = 0.9 * 0.6 = 0.54. Effort lifts the first to 1.0: 0.6, gain 0.06; the second only to 0.62:
    # 0.9 * 0.62 = 0.558, gain 0.018. The stronger component is the better buy.
    assert improvement_gains([0.9, 0.6], [0.1, 0.02]) == pytest.approx([0.06, 0.018])
    assert best_component([0.9, 0.6], [0.1, 0.02]) == 0


def test_best_component_breaks_ties_by_the_lowest_index():
    assert best_component([0.7, 0.7, 0.7], 0.1) == 0


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: chain_output([0.5, 0.0]), r"qualities must lie above 0 and at most 1, i.e. in \(0, 1\]"),
        (lambda: chain_output([0.5, 1.2]), r"qualities must lie above 0 and at most 1"),
        (lambda: chain_output([0.5, np.nan]), "qualities must be a finite number"),
        (lambda: chain_output([]), "qualities must list at least one component"),
        (lambda: chain_output([0.5], rule="average"), "rule must be one of product, min"),
        (lambda: improvement_gains([0.5, 0.6], 0.0), "step must be greater than 0"),
        (lambda: improvement_gains([0.5, 0.6], [0.1, 0.1, 0.1]), r"step must be one number or one per component \(2\)"),
        (lambda: best_component([[0.5, 0.6]], 0.1), "qualities must be one chain"),
    ],
)
def test_chain_models_reject_impossible_arguments(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# The innovation pipeline

HALVES = PipelineParameters(exponents=(0.5, 0.5, 0.5), budget=64.0)


def test_split_gives_industrial_use_the_rest():
    assert split(0.2, 0.3) == pytest.approx([0.2, 0.3, 0.5])
    assert split(0.4, 0.6) == pytest.approx([0.4, 0.6, 0.0])


def test_transfer_rate_rises_linearly_with_collaboration():
    # Default: 0.2 with no collaboration, 0.8 with the strongest, halfway at 0.5.
    assert transfer_rate([0.0, 0.5, 1.0]) == pytest.approx([0.2, 0.5, 0.8])


def test_stage_capacity_by_hand():
    # Budget 64 split 25/25/50 gives 16, 16 and 32; square roots 4, 4 and sqrt(32) = 5.657.
    assert stage_capacity([0.25, 0.25, 0.5], HALVES) == pytest.approx([4.0, 4.0, np.sqrt(32)])


def test_long_run_innovations_by_hand():
    # tau(0.5) = 0.5, so 0.5**2 * 4 * 4 * sqrt(32) = 4 * sqrt(32) = 22.627.
    assert long_run_innovations([0.25, 0.25, 0.5], 0.5, HALVES) == pytest.approx(4 * np.sqrt(32))
    # Collaboration enters squared (two hand-overs): from c = 0 to c = 1, (0.8 / 0.2)**2 = 16 times more.
    ratio = long_run_innovations([0.25, 0.25, 0.5], 1.0) / long_run_innovations([0.25, 0.25, 0.5], 0.0)
    assert ratio == pytest.approx(16.0)


def test_a_stage_with_no_budget_stops_the_pipeline():
    assert long_run_innovations([0.0, 0.5, 0.5], 1.0) == 0.0


def test_best_split_is_proportional_to_the_exponents():
    # Default exponents 0.15, 0.25, 0.40 add to 0.8: shares 0.1875, 0.3125, 0.5.
    assert best_split() == pytest.approx([0.1875, 0.3125, 0.5])


@pytest.mark.parametrize("exponents", [(0.15, 0.25, 0.40), (0.3, 0.2, 0.25), (0.6, 0.1, 0.3)])
@pytest.mark.parametrize("collaboration", [0.0, 0.7])
def test_best_split_beats_every_split_on_a_fine_grid(exponents, collaboration):
    params = PipelineParameters(exponents=exponents)
    step = 0.0025
    grid = np.array([(b, a, 1 - b - a) for b, a in itertools.product(np.arange(0, 1 + step / 2, step), repeat=2)
                     if b + a <= 1 + 1e-12])
    grid = np.clip(grid, 0, None)
    grid /= grid.sum(axis=1, keepdims=True)
    values = long_run_innovations(grid, collaboration, params)
    best = best_split(params)
    assert np.abs(grid[values.argmax()] - best).max() <= step
    assert values.max() <= long_run_innovations(best, collaboration, params) * (1 + 1e-12)


def test_a_constant_split_gives_a_flat_path_at_the_long_run_level():
    path = pipeline_path([0.1, 0.2, 0.7], 0.3, np.arange(-5, 20))
    assert path.innovations == pytest.approx(np.full(25, long_run_innovations([0.1, 0.2, 0.7], 0.3)))


def test_a_change_of_split_reaches_industry_stage_by_stage():
    # Budget 64, square-root returns, tau = 0.5. Before: 25/25/50, capacities 4, 4, sqrt(32),
    # innovations 0.25 * 16 * sqrt(32) = 22.627. At year 0 money moves from industrial use to basic
    # research (50/25/25). Use falls to 4 at once: 0.25 * 4 * 4 * 4 = 16 from year 0. Applied is
    # unchanged, so nothing moves at year 3. The extra discoveries arrive after 5 + 3 = 8 years:
    # 0.25 * sqrt(32) * 4 * 4 = 22.627 again.
    path = pipeline_path([0.5, 0.25, 0.25], 0.5, np.arange(-2, 12), previous_shares=[0.25, 0.25, 0.5], params=HALVES)
    before, dip = 4 * np.sqrt(32), 16.0
    assert path.innovations == pytest.approx([before] * 2 + [dip] * 8 + [before] * 4)
    # Discoveries jump at year 0: sqrt(32) instead of 4.
    assert path.discoveries == pytest.approx([4.0] * 2 + [np.sqrt(32)] * 12)


def test_a_change_of_collaboration_works_through_both_hand_overs():
    # tau goes from 0.2 to 0.8 at year 0. Innovations in year t use tau(t) * tau(t - 3):
    # 0.04 before, 0.8 * 0.2 = 0.16 in years 0-2, 0.64 from year 3. Capacities: 4 * 4 * sqrt(32).
    path = pipeline_path([0.25, 0.25, 0.5], 1.0, np.arange(-1, 5), previous_collaboration=0.0, params=HALVES)
    assert path.innovations / (16 * np.sqrt(32)) == pytest.approx([0.04, 0.16, 0.16, 0.16, 0.64, 0.64])
    # Technologies use one hand-over: 0.2 before, 0.8 from year 0.
    assert path.technologies / 16 == pytest.approx([0.2, 0.8, 0.8, 0.8, 0.8, 0.8])


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: split(0.7, 0.4), r"basic \+ applied must be at most 1 \(100% of the budget\)"),
        (lambda: split(-0.1, 0.4), "basic must lie between 0.0 and 1.0"),
        (lambda: long_run_innovations([0.2, 0.3, 0.4], 0.5), "shares must add up to 1"),
        (lambda: long_run_innovations([20, 30, 50], 0.5), "shares must add up to 1"),
        (lambda: long_run_innovations([0.5, 0.5], 0.5), "shares must give one share for each of the 3 stages"),
        (lambda: long_run_innovations([-0.2, 0.6, 0.6], 0.5), "shares must be 0 or more"),
        (lambda: long_run_innovations([0.2, 0.3, 0.5], 1.5), "collaboration must lie between 0.0 and 1.0"),
        (lambda: pipeline_path([0.2, 0.3, 0.5], 0.5, [0, 0.5]), "years must be a list of whole years"),
        (lambda: pipeline_path([0.2, 0.3, 0.5], 0.5, [0, 1], previous_shares=[1, 1, 1]), "previous_shares must add up to 1"),
        (lambda: PipelineParameters(exponents=(0.5, 1.0, 0.5)), "exponents must lie strictly between 0 and 1"),
        (lambda: PipelineParameters(exponents=(0.5, 0.5)), "exponents must give one number for each of the 3 stages"),
        (lambda: PipelineParameters(budget=0.0), "budget must be greater than 0"),
        (lambda: PipelineParameters(transfer_low=0.5, transfer_high=0.4), "transfer_high must lie between 0.5 and 1.0"),
        (lambda: PipelineParameters(lag_basic=-1), "lag_basic must be a whole number of years"),
        (lambda: PipelineParameters(lag_applied=2.5), "lag_applied must be a whole number of years"),
    ],
)
def test_pipeline_models_reject_impossible_arguments(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_default_parameters_are_the_documented_ones():
    assert DEFAULT_PARAMETERS.exponents == (0.15, 0.25, 0.40)
    assert (DEFAULT_PARAMETERS.lag_basic, DEFAULT_PARAMETERS.lag_applied) == (5, 3)
