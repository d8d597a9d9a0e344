"""Chapter 1's exercise: the checks tell right answers from wrong ones, and mapping answers never crash."""

import json

import pytest

from productive_forces.exercises import verdict
from productive_forces.exercises.questions import QUESTIONS
from productive_forces.exercises.questions.ch1 import MEASURES
from tests.notebooks import execute, read, replace_sources

EXERCISE = "exercises/ch1_features.ipynb"
CHECKS = ["q1-1-check", "q1-2-check", "q1-3-check", "q1-4-check"]


def stages_source(labels):
    body = "".join(f"    {measure!r}: {label!r},\n" for measure, label in labels.items())
    return "stages = {\n" + body + "}"


# -- the notebook, run as a student would ---------------------------------------------------------


def test_wrong_answers_fail_their_checks():
    swapped = dict(MEASURES)
    swapped["use less energy for each tonne of product"] = "output"  # a process measure
    wrong = replace_sources(read(EXERCISE), {
        # Forgets that new workers dilute capital: n left out of the denominator.
        "q1-1-answer": "def steady_state_capital(saving, alpha, depreciation, labour_growth, tfp):\n"
                       "    return (saving * tfp / depreciation) ** (1 / (1 - alpha))",
        # One year too late: the growth from year 50 to 51.
        "q1-2-answer": "alpha, depreciation, labour_growth = 1 / 3, 0.05, 0.01\n"
                       "k = (0.20 / 0.06) ** 1.5\nys = []\n"
                       "for t in range(52):\n    ys.append(k ** alpha)\n    k = (0.30 * ys[-1] + 0.95 * k) / 1.01\n"
                       "growth_factor_path = ys[51] / ys[50] - 1",
        # The balanced growth rate is the destination, not year 50's growth.
        "q1-3-answer": "growth_innovation_path = 1.02 ** 1.5 - 1",
        "q1-4-answer": stages_source(swapped),
    })
    outputs = execute(wrong)
    for cell_id in CHECKS:
        if cell_id == "q1-4-check":  # one measure misplaced: seven of eight earn their share
            assert outputs[cell_id].startswith("Q1.4 partly right — 1.5/2 points. 7 of 8 items are right."), outputs[cell_id]
        else:
            assert "not yet right" in outputs[cell_id], outputs[cell_id]


def test_right_answers_computed_another_way_pass():
    other_way = replace_sources(read(EXERCISE), {
        # Iterate the recursion to its fixed point instead of using the closed form.
        "q1-1-answer": "def steady_state_capital(saving, alpha, depreciation, labour_growth, tfp):\n"
                       "    k = 1.0\n"
                       "    for _ in range(20000):\n"
                       "        k = (saving * tfp * k ** alpha + (1 - depreciation) * k) / (1 + labour_growth)\n"
                       "    return k",
        # By hand, none of the course's functions: the old steady state (0.20 / 0.06) ** 1.5, then the
        # recursion 1.01 * k_next = 0.30 * y + 0.95 * k, and log growth instead of the ratio (tiny gap here).
        "q1-2-answer": "k = (0.20 / 0.06) ** 1.5\noutput = []\n"
                       "for year in range(51):\n"
                       "    output.append(k ** (1 / 3))\n"
                       "    k = (0.30 * output[-1] + 0.95 * k) / 1.01\n"
                       "growth_factor_path = float(np.log(output[50] / output[49]))",
        # Work in capital per effective worker x = k / A**1.5, which obeys its own recursion.
        "q1-3-answer": "x = (0.20 / 0.06) ** 1.5\nlevels = []\n"
                       "for t in range(51):\n"
                       "    levels.append(1.02 ** (1.5 * t) * x ** (1 / 3))\n"
                       "    x = (0.20 * x ** (1 / 3) + 0.95 * x) / (1.01 * 1.02 ** 1.5)\n"
                       "growth_innovation_path = levels[50] / levels[49] - 1",
        "q1-4-answer": "inputs = ['train workers to program and maintain industrial robots',\n"
                       "          'install more advanced machines: computer-controlled lathes instead of manual ones',\n"
                       "          'buy a stronger, lighter new alloy as raw material']\n"
                       "outputs = ['make the finished product last twice as long in use',\n"
                       "           'certify the goods sold to a stricter international safety standard']\n"
                       "stages = {m: 'process' for m in [\n"
                       "    'use less energy for each tonne of product',\n"
                       "    'make the same output with fewer worker-hours',\n"
                       "    'cut the time machines stand idle between production steps']}\n"
                       "stages.update({m: 'input' for m in inputs})\nstages.update({m: 'output' for m in outputs})",
    })
    outputs = execute(other_way)
    for cell_id in CHECKS:
        assert " correct — " in outputs[cell_id], outputs[cell_id]


def test_function_fitted_to_the_visible_case_fails_the_hidden_check():
    master = replace_sources(read("solutions/ch1_features.ipynb"), {
        # Right for A = 1 only: TFP ignored.
        "q1-1-answer": "def steady_state_capital(saving, alpha, depreciation, labour_growth, tfp):\n"
                       "    return (saving / (labour_growth + depreciation)) ** (1 / (1 - alpha))",
    })
    outputs = execute(master)
    assert outputs["q1-1-check"] == "Q1.1 correct — 2/2 points\n"
    assert "Q1.1-hidden not yet right — 0/1 points" in outputs["q1-1-hidden-check"]


# -- the mapping check on its own ------------------------------------------------------------------


def test_the_right_mapping_passes_after_a_json_round_trip():
    # The grader captures answers as JSON: a dict of strings survives it unchanged.
    assert verdict("Q1.4", json.loads(json.dumps(dict(MEASURES)))).status == "correct"


def test_a_wrong_mapping_says_how_many_are_right_but_not_which():
    answer = dict(MEASURES)
    wrongly_placed = [measure for measure, stage in MEASURES.items() if stage == "output"]
    for measure in wrongly_placed:
        answer[measure] = "input"
    result = verdict("Q1.4", answer)
    assert (result.status, result.points) == ("partial", 1.5)  # 6 of 8 of 2 points is 1.5
    assert result.message.startswith("Q1.4 partly right — 1.5/2 points. 6 of 8 items are right. Hint: ")
    assert not any(measure in result.message for measure in MEASURES)
    assert verdict("Q1.4", {measure: "process" for measure in MEASURES}).message == verdict(
        "Q1.4", {measure: "process" for measure in reversed(list(MEASURES))}
    ).message  # deterministic, whatever order the student wrote


@pytest.mark.parametrize(
    "answer, status, points, detail",
    [
        (None, "missing", 0, "not answered yet"),
        (Ellipsis, "missing", 0, "not answered yet"),
        ({measure: "" for measure in MEASURES}, "missing", 0, "Give each item one of 'input', 'process', 'output'"),
        ({**{measure: "" for measure in MEASURES}, next(iter(MEASURES)): "input"}, "wrong", 0, "7 of 8 items have no label yet"),
        ({measure: "Input" for measure in MEASURES}, "wrong", 0, "must be exactly one of 'input', 'process', 'output'; 8 of 8"),
        ({measure: 1 for measure in MEASURES}, "wrong", 0, "must be exactly one of"),
        # Every listed item right, but a key added: it counts as a ninth item, a wrong one (8 of 9).
        ({**MEASURES, "hire more workers": "input"}, "partial", 1.5, "Not in the list: 'hire more workers'"),
        ({**MEASURES, 3: "input"}, "partial", 1.5, "Not in the list: 3"),
        # Two items left out: the six given, all right, earn 6/8 of 2 points.
        (dict(list(MEASURES.items())[:6]), "partial", 1.5, "Missing from your dictionary"),
        ("input", "wrong", 0, "Expected a dictionary, got str"),
        ([["a", "input"]], "wrong", 0, "Expected a dictionary, got list"),
        (0.5, "wrong", 0, "Expected a dictionary, got float"),
    ],
)
def test_mapping_verdict_explains_what_is_wrong(answer, status, points, detail):
    result = verdict("Q1.4", answer)
    assert (result.status, result.points, result.max_points) == (status, points, 2)
    assert detail in result.message and "Hint" not in result.message


def test_mapping_verdict_never_raises_on_strange_answers():
    import numpy as np

    class Hostile(dict):
        def __iter__(self):
            raise RuntimeError("no")

    strange = [
        {measure: np.array(["input", "output"]) for measure in MEASURES},  # arrays compare elementwise
        {measure: {"nested": "input"} for measure in MEASURES},
        {measure: None for measure in MEASURES},
        Hostile({measure: "nothing" for measure in MEASURES}),
        {"x" * 10_000: "input"},
    ]
    for answer in strange:
        result = verdict("Q1.4", answer)
        assert result.status in ("wrong", "missing") and result.points == 0
        assert len(result.message) < 400
    # A dict is read by its contents, as the grader's capture reads it, whatever its class overrides.
    assert verdict("Q1.4", Hostile(MEASURES)).status == "correct"


def test_registry_points_add_up_to_ten():
    """The points checked by the computer; the written Q1.5 adds two marked by hand (test_exercises_written)."""
    assert sum(spec.points for key, spec in QUESTIONS.items() if key.startswith("Q1.")) == 10
