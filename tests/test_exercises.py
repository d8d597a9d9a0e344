"""Exercises are generated from solutions, and their checks tell right answers from wrong ones."""

import re

import nbformat
import numpy as np
import pytest

from productive_forces.exercises import verdict
from productive_forces.exercises.assign import exercise_text, make_exercise, strip_solutions
from productive_forces.exercises.contract import (
    ANSWER_TAG,
    BEGIN_SOLUTION,
    CHECK_TAG,
    HIDDEN_CHECK_TAG,
    WRITTEN_TAG,
    grading,
    tags,
)
from productive_forces.exercises.questions import QUESTIONS
from tests.notebooks import ROOT, cell_text, errors, execute, read, replace_sources, run

SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
CHECK_CALL = re.compile(r'^check\("([^"]+)", \w+\)$')


def test_every_solution_has_an_exercise_and_back():
    assert SOLUTIONS, "no solution notebooks found"
    assert [p.name for p in SOLUTIONS] == sorted(p.name for p in (ROOT / "exercises").glob("*.ipynb"))


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_exercise_is_in_sync_with_its_solution(solution):
    assert (ROOT / "exercises" / solution.name).read_text(encoding="utf-8") == exercise_text(solution)


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_exercise_gives_away_no_solution_code_or_hidden_check(solution):
    master = nbformat.read(solution, as_version=4)
    exercise = make_exercise(master)
    text = "\n".join(cell.source for cell in exercise.cells)
    assert BEGIN_SOLUTION not in text
    assert not [cell for cell in exercise.cells if HIDDEN_CHECK_TAG in tags(cell)]
    assert all(not cell.get("outputs") for cell in exercise.cells)
    for cell in master.cells:
        if ANSWER_TAG in tags(cell):
            block = re.search(r"BEGIN SOLUTION\n(.*?)# END SOLUTION", cell.source, re.DOTALL).group(1).splitlines()
            stubs = {line.strip().removeprefix("# STUB ") for line in block if line.strip().startswith("# STUB")}
            for line in block:
                if line.strip() and not line.strip().startswith("# STUB") and line.strip() not in stubs:
                    assert line not in text, f"solution line leaked into the exercise: {line!r}"
        if WRITTEN_TAG in tags(cell):  # a written answer's model answer is a solution too
            block = re.search(r"<!-- BEGIN SOLUTION -->\n(.*?)<!-- END SOLUTION -->", cell.source, re.DOTALL).group(1)
            for line in block.splitlines():
                assert len(line.strip()) < 12 or line.strip() not in text, f"model answer leaked: {line!r}"


def test_some_exercise_has_a_written_answer_for_the_leak_test_to_look_at():
    written = [cell for path in SOLUTIONS for cell in nbformat.read(path, as_version=4).cells if WRITTEN_TAG in tags(cell)]
    assert written and all("<!-- BEGIN SOLUTION -->" in cell.source for cell in written)


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_check_cells_carry_the_registry_points_and_stable_ids(solution):
    master = nbformat.read(solution, as_version=4)
    ids = [cell.id for cell in master.cells]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9-]+", cell_id) for cell_id in ids)
    checks = [cell for cell in master.cells if tags(cell) & {CHECK_TAG, HIDDEN_CHECK_TAG}]
    assert checks
    for cell in checks:
        question = grading(cell)["question"]
        assert CHECK_CALL.match(cell.source).group(1) == question
        assert grading(cell)["points"] == QUESTIONS[question].points


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_solution_reference_outputs_say_every_check_is_correct(solution):
    for cell in nbformat.read(solution, as_version=4).cells:
        if tags(cell) & {CHECK_TAG, HIDDEN_CHECK_TAG}:
            text = "".join(output.get("text", "") for output in cell.outputs)
            points = grading(cell)["points"]
            assert text == f"{grading(cell)['question']} correct — {points}/{points} points\n"


def test_strip_solutions_keeps_stubs_and_indentation():
    source = "x = 1\n    # BEGIN SOLUTION\n    y = 2\n    # STUB y = ...\n    # END SOLUTION\nprint(y)"
    assert strip_solutions(source, "# Your code here") == "x = 1\n    y = ...\nprint(y)"
    assert strip_solutions("# BEGIN SOLUTION\nz = 3\n# END SOLUTION", "# Your code here") == "# Your code here"
    markdown = "Answer:\n<!-- BEGIN SOLUTION -->\nBecause.\n<!-- END SOLUTION -->"
    assert strip_solutions(markdown, "*Write your answer here.*") == "Answer:\n*Write your answer here.*"


def test_unclosed_solution_block_is_an_error():
    with pytest.raises(ValueError, match="without a matching END SOLUTION"):
        strip_solutions("# BEGIN SOLUTION\nz = 3", "# Your code here")


@pytest.mark.parametrize(
    "answer, status, detail",
    [
        (None, "missing", "not answered yet"),
        (Ellipsis, "missing", "not answered yet"),
        ("0.2", "wrong", "Expected one number, got str"),
        (True, "wrong", "Expected one number, got bool"),
        (float("nan"), "wrong", "Your answer is nan, not a number the check can compare"),
        (float("-inf"), "wrong", "Your answer is -inf, not a number the check can compare"),
        (np.array([0.2, 0.3]), "wrong", "Expected one number, got an array of 2 numbers."),
        (np.array([True]), "wrong", "Expected one number, got ndarray."),
        (20.19, "wrong", "looks like a percentage"),
        (0.3, "wrong", "Hint: Divide the residual"),
    ],
)
def test_verdict_explains_what_is_wrong(answer, status, detail):
    result = verdict("Q3.2", answer)
    assert (result.status, result.points, result.max_points) == (status, 0, 1)
    assert detail in result.message


def test_verdict_accepts_answers_within_the_tolerance_only():
    expected = QUESTIONS["Q3.2"].expected()
    assert verdict("Q3.2", expected + 0.0019).status == "correct"
    assert verdict("Q3.2", expected + 0.0021).status == "close"
    assert verdict("Q3.2", expected + 0.0201).status == "wrong"


def test_verdict_of_a_function_that_raises_is_an_error_not_a_crash():
    result = verdict("Q3.4", lambda rate: 1 / 0)
    assert (result.status, result.message) == ("error", "Q3.4 raised an error — 0/1 points. Your function raised ZeroDivisionError.")


def test_unknown_question_is_rejected():
    with pytest.raises(ValueError, match=r"question must be one of .*Q3\.1, Q3\.2"):
        verdict("Q9.9", 1.0)


# The rest execute chapter 3's exercise in a kernel, as a student would.

EXERCISE = "exercises/ch3_tfp.ipynb"
CHECKS = ["q3-1-check", "q3-2-check", "q3-3a-check", "q3-3b-check", "q3-4-check"]


def test_wrong_answers_fail_their_checks():
    wrong = replace_sources(read(EXERCISE), {
        # Growth of total output, not output per worker, and no inputs subtracted.
        "q3-1-answer": 'korea = load_pwt("KOR")\nresidual = np.log(korea.at(2019)["rgdpna"] / korea.at(1990)["rgdpna"]) / 29',
        "q3-2-answer": "tfp_share = 0.5",
        "q3-3a-answer": "capital_b = 5.0",  # the equal split is not efficient
        "q3-3b-answer": "tfp_gain = 0.0",
        "q3-4-answer": "def years_to_double(rate):\n    return 70 / (100 * rate)",  # the rule of 70
    })
    outputs = execute(wrong)
    for cell_id in CHECKS:
        assert "not yet right" in outputs[cell_id], outputs[cell_id]


def test_answer_fitted_to_the_visible_case_passes_it_but_fails_the_hidden_check():
    master = replace_sources(read("solutions/ch3_tfp.ipynb"), {
        "q3-4-answer": "def years_to_double(rate):\n    return 35.0028",
    })
    outputs = execute(master)
    assert outputs["q3-4-check"] == "Q3.4 correct — 1/1 points\n"
    assert "Q3.4-hidden not yet right — 0/1 points" in outputs["q3-4-hidden-check"]


def test_right_answers_computed_another_way_pass():
    other_way = replace_sources(read(EXERCISE), {
        # By hand from the rows of the data file, with the csv module: none of the course's functions.
        "q3-1-answer": "import csv, math\n"
                       "from productive_forces.data import __file__ as data_init\n"
                       "path = data_init.replace('__init__.py', 'pwt_extract.csv')\n"
                       "rows = {int(r['year']): r for r in csv.DictReader(open(path)) if r['country_code'] == 'KOR'}\n"
                       "def per_year(column, per=None):\n"
                       "    level = lambda year: float(rows[year][column]) / (float(rows[year][per]) if per else 1.0)\n"
                       "    return math.log(level(2019) / level(1990)) / 29\n"
                       "alpha = 1 - sum(float(rows[year]['labsh']) for year in range(1990, 2020)) / 30\n"
                       "growth = per_year('rgdpna', 'emp')\n"
                       "residual = growth - alpha * per_year('rnna', 'emp') - (1 - alpha) * per_year('hc')",
        "q3-2-answer": "tfp_share = residual / growth",
        # Search a fine grid instead of using the closed form.
        "q3-3a-answer": "grid = np.linspace(0, 10, 200001)\n"
                        "output = (10 - grid) ** (1 / 3) + 2 * grid ** (1 / 3)\ncapital_b = grid[output.argmax()]",
        "q3-3b-answer": "tfp_gain = output.max() / (5 ** (1 / 3) * 3) - 1",
        "q3-4-answer": "import math\n\ndef years_to_double(rate):\n    return math.log(2, 1 + rate)",
    })
    outputs = execute(other_way)
    for cell_id in CHECKS:
        assert " correct — " in outputs[cell_id], outputs[cell_id]


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_untouched_exercise_runs_without_an_error_and_earns_no_points(solution):
    """A student who opens the notebook and runs every cell sees verdicts, not tracebacks, and no free points."""
    notebook = run(read(f"exercises/{solution.name}"))
    assert errors(notebook) == {}
    checks = [cell for cell in notebook.cells if CHECK_TAG in tags(cell)]
    assert checks
    for cell in checks:
        assert re.search(r" — 0/\d+ points", cell_text(cell)), cell_text(cell)
