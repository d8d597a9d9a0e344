"""Chapter 2's models: structural change, the inverse schooling index and the three elements, by hand."""

import numpy as np
import pytest

from productive_forces.data import load_pwt
from productive_forces.models import cobb_douglas, human_capital_index
from productive_forces.models.elements import (
    element_contributions,
    equipment_quality,
    labour_productivity,
    years_of_schooling,
)
from productive_forces.models.structure import (
    aggregate_productivity,
    shift_share,
    two_sector_productivity,
)

# The two-sector case used below and in the exercise: 80% of workers in the traditional sector
# (output per worker 1.0) and 20% in the new one (3.0); later 50/50, with productivities 1.2 and 3.3.
START_SHARES, START_PRODUCTIVITY = [0.8, 0.2], [1.0, 3.0]
END_SHARES, END_PRODUCTIVITY = [0.5, 0.5], [1.2, 3.3]


def test_aggregate_productivity_is_the_share_weighted_mean_by_hand():
    # 0.8 * 1.0 + 0.2 * 3.0 = 1.4 and 0.5 * 1.2 + 0.5 * 3.3 = 2.25
    assert aggregate_productivity(START_SHARES, START_PRODUCTIVITY) == pytest.approx(1.4)
    assert aggregate_productivity(END_SHARES, END_PRODUCTIVITY) == pytest.approx(2.25)
    # one row per economy: 0.5 * 2 + 0.25 * 4 + 0.25 * 8 = 4; all workers in sector 3 gives 8
    rows = aggregate_productivity([[0.5, 0.25, 0.25], [0.0, 0.0, 1.0]], [2.0, 4.0, 8.0])
    assert rows == pytest.approx([4.0, 8.0])


def test_two_sector_productivity_moves_in_a_straight_line_with_the_share():
    # (1 - 0.25) * 2 + 0.25 * 6 = 1.5 + 1.5 = 3
    assert two_sector_productivity(0.25, 2.0, 6.0) == pytest.approx(3.0)
    assert two_sector_productivity(np.array([0.0, 1.0]), 2.0, 6.0) == pytest.approx([2.0, 6.0])
    assert two_sector_productivity(0.2, 1.0, 3.0) == pytest.approx(aggregate_productivity(START_SHARES, START_PRODUCTIVITY))


def test_shift_share_terms_by_hand_add_up_to_the_change():
    parts = shift_share(START_SHARES, START_PRODUCTIVITY, END_SHARES, END_PRODUCTIVITY)
    # within:      0.8 * (1.2 - 1.0) + 0.2 * (3.3 - 3.0) = 0.16 + 0.06 = 0.22
    # between:     (0.5 - 0.8) * 1.0 + (0.5 - 0.2) * 3.0 = -0.3 + 0.9 = 0.60
    # interaction: (0.5 - 0.8) * 0.2 + (0.5 - 0.2) * 0.3 = -0.06 + 0.09 = 0.03
    # total:       2.25 - 1.4 = 0.85 = 0.22 + 0.60 + 0.03
    assert (parts.within, parts.between, parts.interaction) == pytest.approx((0.22, 0.60, 0.03))
    assert (parts.start, parts.end, parts.total) == pytest.approx((1.4, 2.25, 0.85))
    assert parts.reallocation == pytest.approx(0.63)


def test_shift_share_isolates_pure_reallocation_and_pure_within_growth():
    # Nobody moves, every sector 10% better: all of the change is within sectors.
    still = shift_share([0.3, 0.7], [1.0, 2.0], [0.3, 0.7], [1.1, 2.2])
    assert (still.within, still.between, still.interaction) == pytest.approx((0.17, 0.0, 0.0))  # 0.3*0.1 + 0.7*0.2
    # Productivities frozen, a fifth of workers move from 1.0 to 4.0: all of it is between, 0.2 * 3 = 0.6.
    moved = shift_share([0.6, 0.4], [1.0, 4.0], [0.4, 0.6], [1.0, 4.0])
    assert (moved.within, moved.between, moved.interaction) == pytest.approx((0.0, 0.6, 0.0))


def test_shift_share_terms_always_add_up():
    rng = np.random.default_rng(2)
    for _ in range(50):
        s0, s1 = rng.dirichlet(np.ones(4), size=2)
        p0, p1 = rng.uniform(0.5, 5.0, size=(2, 4))
        parts = shift_share(s0, p0, s1, p1)
        assert parts.within + parts.between + parts.interaction == pytest.approx(parts.total)
        assert parts.total == pytest.approx(aggregate_productivity(s1, p1) - aggregate_productivity(s0, p0))


def test_years_of_schooling_inverts_the_index_band_by_band():
    # exp(0.2) lies in the first band: 0.2 / 0.134 years; exp(0.536) is exactly 4 years;
    # exp(0.536 + 0.202) is 4 + 0.202 / 0.101 = 6 years; exp(0.94 + 0.136) is 8 + 0.136 / 0.068 = 10 years.
    h = np.exp([0.0, 0.2, 0.536, 0.738, 1.076])
    assert years_of_schooling(h) == pytest.approx([0.0, 0.2 / 0.134, 4.0, 6.0, 10.0])
    grid = np.linspace(0, 20, 81)
    assert years_of_schooling(human_capital_index(grid)) == pytest.approx(grid)


def test_schooling_implied_by_china_pwt_index():
    # China's hc in 2019 is 2.699 (PWT 10.01): ln 2.699 = 0.99288, beyond the 0.94 of eight years,
    # so 8 + (0.99288 - 0.94) / 0.068 = 8.778 years. In 1978 hc = 1.684: ln = 0.52117 < 0.536, so
    # 0.52117 / 0.134 = 3.889 years.
    china = load_pwt("CHN")
    assert years_of_schooling(china.at(2019)["hc"]) == pytest.approx(8.778, abs=1e-3)
    assert years_of_schooling(china.at(1978)["hc"]) == pytest.approx(3.889, abs=1e-3)


def test_equipment_quality_compounds_per_generation():
    assert equipment_quality([0, 1, 3], 2.0) == pytest.approx([1.0, 2.0, 8.0])
    assert equipment_quality(2.5, 4.0) == pytest.approx(32.0)  # 4**2.5 = 2**5


def test_labour_productivity_by_hand():
    # s = 4: h = exp(0.536); generation 1 at step 4: equipment quality 4; alpha = 0.5; k = 1.
    # Traditional sector: (4 * 1)**0.5 * exp(0.536)**0.5 = 2 * exp(0.268) = 2.61469.
    # Half the workers in a sector three times as productive: 0.5 * 1 + 0.5 * 3 = 2 times that, 5.22939.
    y = labour_productivity(4, 1, 0.5, alpha=0.5, equipment_step=4.0, relative_productivity=3.0)
    assert y == pytest.approx(4 * np.exp(0.268))
    assert y == pytest.approx(5.22939, abs=1e-5)
    # It is the tested Cobb-Douglas with quality-adjusted capital, scaled by the sector mix.
    base = cobb_douglas(1.5, 4.0 * 2.0, 1.0, 0.5, human_capital=human_capital_index(4))
    assert labour_productivity(4, 1, 0.5, alpha=0.5, equipment_step=4.0, relative_productivity=3.0,
                               capital_per_worker=2.0, tfp=1.5) == pytest.approx(2 * base)


def test_element_contributions_by_hand_and_they_add_up():
    parts = element_contributions(4, 1, 0.5, alpha=0.5, equipment_step=4.0, relative_productivity=3.0)
    # labourers 0.5 * 0.536 = 0.268; means of labour 0.5 * ln 4 = ln 2; subjects ln(0.5 + 0.5 * 3) = ln 2.
    assert parts.labourers == pytest.approx(0.268)
    assert parts.means_of_labour == pytest.approx(np.log(2))
    assert parts.subjects_of_labour == pytest.approx(np.log(2))
    # total from the levels: ln(4 * exp(0.268) / 1) = ln 4 + 0.268, the sum of the three parts
    assert parts.total == pytest.approx(np.log(4) + 0.268)
    assert parts.labourers + parts.means_of_labour + parts.subjects_of_labour == pytest.approx(parts.total)
    assert parts.multiple == pytest.approx(4 * np.exp(0.268))


def test_element_contributions_relative_to_another_baseline():
    settings = dict(alpha=1 / 3, equipment_step=2.0, relative_productivity=3.0)
    parts = element_contributions(12, 3, 0.4, baseline=(8, 1, 0.1), **settings)
    # labourers: (2/3) * 4 * 0.068; means: (1/3) * 2 * ln 2; subjects: ln(1.8 / 1.2) = ln 1.5
    assert parts.labourers == pytest.approx(2 / 3 * 0.272)
    assert parts.means_of_labour == pytest.approx(2 / 3 * np.log(2))
    assert parts.subjects_of_labour == pytest.approx(np.log(1.5))
    levels = [labour_productivity(*point, **settings) for point in ((12, 3, 0.4), (8, 1, 0.1))]
    assert parts.total == pytest.approx(np.log(levels[0] / levels[1]))
    assert parts.labourers + parts.means_of_labour + parts.subjects_of_labour == pytest.approx(parts.total)
    # going back to the baseline reverses every sign
    back = element_contributions(8, 1, 0.1, baseline=(12, 3, 0.4), **settings)
    assert back.total == pytest.approx(-parts.total)


SETTINGS = dict(alpha=0.3, equipment_step=2.0, relative_productivity=3.0)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: aggregate_productivity([0.5, 0.6], [1, 2]), "shares must add up to 1"),
        (lambda: aggregate_productivity([1.2, -0.2], [1, 2]), "shares must lie between 0.0 and 1.0"),
        (lambda: aggregate_productivity([0.5, 0.5], [1, 0]), "productivity must be greater than 0"),
        (lambda: aggregate_productivity([0.5, 0.5], [1, 2, 3]), "one value per sector"),
        (lambda: aggregate_productivity(1.0, 2.0), "shares must list one share of workers per sector"),
        (lambda: two_sector_productivity(1.5, 1, 2), "new_share must lie between 0.0 and 1.0"),
        (lambda: two_sector_productivity(0.5, -1, 2), "traditional must be greater than 0"),
        (lambda: shift_share([0.5, 0.5], [1, 2], [0.2, 0.3, 0.5], [1, 2, 3]), "must list the same sectors"),
        (lambda: shift_share([0.5, 0.5], [1, 2], [0.7, 0.7], [1, 2]), "shares_end must add up to 1"),
        (lambda: shift_share([0.5, 0.5], [np.nan, 2], [0.5, 0.5], [1, 2]), "productivity_start must be a finite number"),
        (lambda: years_of_schooling(0.9), "human_capital must be 1 or more"),
        (lambda: years_of_schooling(np.inf), "human_capital must be a finite number"),
        (lambda: equipment_quality(-1, 2.0), "generation must be 0 or more"),
        (lambda: equipment_quality(1, 0.0), "equipment_step must be greater than 0"),
        (lambda: labour_productivity(-2, 0, 0, **SETTINGS), "^schooling must be 0 or more"),
        (lambda: labour_productivity(8, 0, 1.1, **SETTINGS), "new_share must lie between 0.0 and 1.0"),
        (lambda: labour_productivity(8, 0, 0.5, alpha=1.0, equipment_step=2, relative_productivity=3),
         "alpha must lie strictly between 0 and 1"),
        (lambda: labour_productivity(8, 0, 0.5, alpha=0.3, equipment_step=2, relative_productivity=0),
         "relative_productivity must be greater than 0"),
        (lambda: element_contributions(8, 1, 0.5, baseline=(0, 0), **SETTINGS), "baseline must be"),
    ],
)
def test_impossible_input_is_rejected_with_the_parameter_and_its_range(call, message):
    with pytest.raises(ValueError, match=message):
        call()
