"""Chapter 5's exercise, run in a kernel as a student would: blank earns nothing, wrong fails, right passes."""

import nbformat
import pytest

from productive_forces.exercises.assign import MARKDOWN_PLACEHOLDER, make_exercise
from productive_forces.exercises.contract import BEGIN_SOLUTION, WRITTEN_TAG, grading, tags
from productive_forces.exercises.questions import QUESTIONS
from tests.notebooks import ROOT, execute, read, replace_sources

EXERCISE = "exercises/ch5_practice.ipynb"
SOLUTION = "solutions/ch5_practice.ipynb"
CHECKS = ["q5-1-check", "q5-2-check", "q5-3a-check", "q5-3b-check", "q5-4-check"]


def test_registry_answers_match_hand_calculations():
    # 0.9 * 0.7 = 0.63; * 0.95 = 0.5985; * 0.6 = 0.3591; * 0.8 = 0.28728.
    assert QUESTIONS["Q5.1"].expected() == pytest.approx(0.28728)
    # Rises Y * min(step, 1 - q) / q: 0.03192, 0.02052, 0.00605, 0.01436, 0.03591; assembly (4) wins,
    # not the weakest component (control software, 3).
    assert QUESTIONS["Q5.2"].expected() == 4
    # Exponents 0.3, 0.2, 0.25 add up to 0.75: shares 0.4 and 0.2667 (and 0.3333 for industrial use).
    assert QUESTIONS["Q5.3a"].expected() == pytest.approx(0.4)
    assert QUESTIONS["Q5.3b"].expected() == pytest.approx(0.26667, abs=1e-5)
    # (0.4/0.1)**0.3 * (0.2667/0.3)**0.2 * (0.3333/0.6)**0.25 = 1.5157 * 0.9767 * 0.8633 = 1.2781.
    assert QUESTIONS["Q5.4"].expected() == pytest.approx(0.2781, abs=1e-4)


def test_written_answer_survives_generation_with_its_placeholder_and_metadata():
    master = read(SOLUTION)
    exercise = read(EXERCISE)
    assert [cell.id for cell in exercise.cells] == [cell.id for cell in make_exercise(master).cells]
    [solved] = [cell for cell in master.cells if WRITTEN_TAG in tags(cell)]
    [blank] = [cell for cell in exercise.cells if WRITTEN_TAG in tags(cell)]
    assert solved.id == blank.id == "q5-5-answer"
    assert blank.cell_type == "markdown"
    assert grading(blank) == grading(solved) == {"question": "Q5.5", "points": 2}
    assert "Model answer" in solved.source and BEGIN_SOLUTION in solved.source
    assert blank.source == f"**Your answer:**\n\n{MARKDOWN_PLACEHOLDER}"
    # Graded by hand: no registry entry and no check cell.
    assert "Q5.5" not in QUESTIONS
    assert not [cell for cell in master.cells if cell.cell_type == "code" and "Q5.5" in cell.source]


def test_exercise_points_add_up_to_ten():
    notebook = nbformat.read(ROOT / SOLUTION, as_version=4)
    assert sum(grading(cell)["points"] for cell in notebook.cells if grading(cell)) == 10


def test_wrong_answers_fail_their_checks():
    wrong = replace_sources(read(EXERCISE), {
        # The average quality, as if components could make up for one another.
        "q5-1-answer": "qualities = np.array([0.9, 0.7, 0.95, 0.6, 0.8])\nchain_value = qualities.mean()",
        # The weakest component, ignoring how far effort moves each one.
        "q5-2-answer": "steps = np.array([0.1, 0.05, 0.02, 0.03, 0.1])\nbest_index = int(np.argmin(qualities))",
        # The exponents themselves, not normalised to add up to 1.
        "q5-3a-answer": "params = PipelineParameters(exponents=(0.3, 0.2, 0.25))\nbest_basic = 0.3",
        "q5-3b-answer": "best_applied = 0.2",
        # The ratio of outputs without subtracting 1.
        "q5-4-answer": (
            "starting_split = np.array([0.1, 0.3, 0.6])\ncollaboration = 0.5\n"
            "best = np.array([0.4, 0.8 / 3, 1 / 3])\n"
            "gain = long_run_innovations(best, 0.5, params) / long_run_innovations(starting_split, 0.5, params)"
        ),
    })
    outputs = execute(wrong)
    for cell_id in CHECKS:
        assert "not yet right" in outputs[cell_id], outputs[cell_id]


def test_right_answers_computed_another_way_pass():
    other_way = replace_sources(read(EXERCISE), {
        # Add logs instead of multiplying.
        "q5-1-answer": "qualities = np.array([0.9, 0.7, 0.95, 0.6, 0.8])\nchain_value = float(np.exp(np.log(qualities).sum()))",
        # The closed form for each rise: Y * min(step, 1 - q) / q.
        "q5-2-answer": (
            "steps = np.array([0.1, 0.05, 0.02, 0.03, 0.1])\n"
            "rises = chain_value * np.minimum(steps, 1 - qualities) / qualities\n"
            "best_index = int(rises.argmax())"
        ),
        # A brute-force search over splits on a grid of 0.001 of the Cobb-Douglas product itself, not the
        # course's model: budget, productivity and collaboration only scale it, so they do not move the best.
        "q5-3a-answer": (
            "b, a = np.meshgrid(np.arange(0, 1.0005, 0.001), np.arange(0, 1.0005, 0.001))\n"
            "keep = b + a <= 1\n"
            "splits = np.stack([b[keep], a[keep], np.clip(1 - b[keep] - a[keep], 0, None)], axis=-1)\n"
            "values = np.prod(splits ** np.array([0.3, 0.2, 0.25]), axis=1)\n"
            "best_basic = splits[values.argmax(), 0]"
        ),
        "q5-3b-answer": "best_applied = splits[values.argmax(), 1]",
        # The ratio of the Cobb-Douglas terms: budget, productivity and collaboration cancel.
        "q5-4-answer": (
            "starting_split = np.array([0.1, 0.3, 0.6])\ncollaboration = 0.5\n"
            "best = splits[values.argmax()]\n"
            "gain = float(np.prod((best / starting_split) ** np.array([0.3, 0.2, 0.25])) - 1)"
        ),
    })
    outputs = execute(other_way)
    for cell_id in CHECKS:
        assert " correct — " in outputs[cell_id], outputs[cell_id]
