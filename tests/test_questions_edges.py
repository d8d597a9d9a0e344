"""Every computed expected answer of the registry, recomputed by hand without the course's models.

The registry computes its expected values from the tested models (questions/*.py). Here each one is
worked out another way, from the data files read with the csv module and from the exercise's
stated numbers, as a student with pencil and numpy would: a slip in the registry's wiring (the
wrong year, a missing argument, a ratio turned upside down) makes a right answer fail. Each hand
value must earn full points, and agree with the registry far inside the tolerance.
"""

import csv
import math
from pathlib import Path

import numpy as np
import pytest

from productive_forces.exercises import verdict
from productive_forces.exercises.questions import QUESTIONS

DATA = Path(__file__).resolve().parents[1] / "productive_forces" / "data"


def pwt_rows(code):
    with open(DATA / "pwt_extract.csv", encoding="utf-8") as file:
        return {int(row["year"]): row for row in csv.DictReader(file) if row["country_code"] == code}


def solow_growth_in_year_50(saving, tfp_growth):
    """y_50 / y_49 - 1 from the steady state of saving 0.20, alpha 1/3, delta 0.05, n 0.01."""
    alpha, delta, n = 1 / 3, 0.05, 0.01
    k = (0.20 / (n + delta)) ** (1 / (1 - alpha))
    outputs = []
    for year in range(51):
        y = (1 + tfp_growth) ** year * k**alpha
        outputs.append(y)
        k = (saving * y + (1 - delta) * k) / (1 + n)
    return outputs[50] / outputs[49] - 1


def korea_growth_accounts():
    rows = pwt_rows("KOR")

    def per_year(column, per=None):
        level = lambda year: float(rows[year][column]) / (float(rows[year][per]) if per else 1.0)  # noqa: E731
        return math.log(level(2019) / level(1990)) / 29

    alpha = 1 - sum(float(rows[year]["labsh"]) for year in range(1990, 2020)) / 30
    growth = per_year("rgdpna", "emp")
    residual = growth - alpha * per_year("rnna", "emp") - (1 - alpha) * per_year("hc")
    return residual, residual / growth


def china_schooling_2019():
    log_index = math.log(float(pwt_rows("CHN")[2019]["hc"]))
    return 4 + 4 + (log_index - 4 * 0.134 - 4 * 0.101) / 0.068  # China is past the first two bands


def efficient_split():
    """Firm B's capital and the gain over an equal split, by a grid search (TFP 1 and 2, K = 10)."""
    grid = np.linspace(0, 10, 200001)
    output = (10 - grid) ** (1 / 3) + 2 * grid ** (1 / 3)
    return grid[output.argmax()], output.max() / (2 * 5 ** (1 / 3) + 5 ** (1 / 3)) - 1


def best_chain_component():
    qualities, steps = [0.9, 0.7, 0.95, 0.6, 0.8], [0.1, 0.05, 0.02, 0.03, 0.1]
    gains = []
    for i in range(5):
        raised = list(qualities)
        raised[i] = min(1.0, raised[i] + steps[i])
        gains.append(math.prod(raised) - math.prod(qualities))
    return gains.index(max(gains))


def pipeline_gain():
    """Long-run innovations at shares beta / sum(beta) against the starting split (0.1, 0.3, 0.6)."""
    beta = (0.3, 0.2, 0.25)
    best = [b / sum(beta) for b in beta]
    ratio = math.prod((s / t) ** b for s, t, b in zip(best, (0.1, 0.3, 0.6), beta))  # the rest cancels
    return ratio - 1


HAND_VALUES = {
    "Q1.2": lambda: solow_growth_in_year_50(0.30, 0.0),
    "Q1.3": lambda: solow_growth_in_year_50(0.20, 0.02),
    "Q2.2": china_schooling_2019,
    "Q2.3a": lambda: 0.5 * 1.2 + 0.5 * 3.3,
    "Q2.3b": lambda: (0.5 - 0.8) * 1.0 + (0.5 - 0.2) * 3.0,
    "Q3.1": lambda: korea_growth_accounts()[0],
    "Q3.2": lambda: korea_growth_accounts()[1],
    "Q3.3a": lambda: efficient_split()[0],
    "Q3.3b": lambda: efficient_split()[1],
    "Q5.1": lambda: 0.9 * 0.7 * 0.95 * 0.6 * 0.8,
    "Q5.2": best_chain_component,
    "Q5.3a": lambda: 0.3 / 0.75,
    "Q5.3b": lambda: 0.2 / 0.75,
    "Q5.4": pipeline_gain,
}


@pytest.mark.parametrize("question", sorted(HAND_VALUES))
def test_the_answer_worked_out_by_hand_earns_full_points(question):
    hand = HAND_VALUES[question]()
    result = verdict(question, hand)
    assert (result.status, result.points) == ("correct", QUESTIONS[question].points), result.message


@pytest.mark.parametrize("question", sorted(HAND_VALUES))
def test_the_registry_agrees_with_the_hand_value_far_inside_the_tolerance(question):
    spec = QUESTIONS[question]
    grid_search = question in ("Q3.3a", "Q3.3b")  # the grid's step (5e-5) limits the hand value
    assert abs(spec.expected() - HAND_VALUES[question]()) <= (spec.tolerance / 10 if not grid_search else 1e-4)
