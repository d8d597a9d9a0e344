"""Every numeric question's tolerance, at its edges: 0.9 of it inside passes; 1.1 of it outside is
"close" (no points, no method hint); 10.5 of it outside is wrong, with the hint.

The tolerances are stated here, once more, on purpose: a test that read them from the registry
would move with a tolerance widened by mistake. A question added to the registry without a line
here fails the first test. A tolerance of 0 (a year) is tested with the value itself and one year
either side, which is plainly wrong (there is no "close" band around an exact answer).
"""

import pytest

from productive_forces.exercises import verdict
from productive_forces.exercises.questions import QUESTIONS, FunctionQuestion, ValueQuestion
from productive_forces.exercises.questions.kinds import MappingQuestion

VALUE_QUESTIONS = sorted(q for q, spec in QUESTIONS.items() if isinstance(spec, ValueQuestion))
FUNCTION_QUESTIONS = sorted(q for q, spec in QUESTIONS.items() if isinstance(spec, FunctionQuestion))


#: The tolerance each numeric question is meant to have (absolute, in the answer's own unit).
TOLERANCES = {
    "Q1.1": 1e-4, "Q1.1-hidden": 1e-4, "Q1.2": 1e-6, "Q1.3": 1e-6,
    "Q2.1": 1e-4, "Q2.1-hidden": 1e-4, "Q2.2": 0.01, "Q2.3a": 1e-4, "Q2.3b": 1e-4,
    "Q3.1": 1e-4, "Q3.2": 2e-3, "Q3.3a": 1e-3, "Q3.3b": 1e-3, "Q3.4": 1e-4, "Q3.4-hidden": 1e-4,
    "Q4.1a": 0, "Q4.1b": 0, "Q4.2": 1e-6, "Q4.2-hidden": 1e-6, "Q4.3": 1e-6, "Q4.3-hidden": 1e-6, "Q4.4": 0.01,
    "Q5.1": 1e-4, "Q5.2": 1e-9, "Q5.3a": 5e-3, "Q5.3b": 5e-3, "Q5.4": 1e-3,
}  # fmt: skip


def offsets(tolerance):
    """(inside, close, outside) offsets from the expected value for a tolerance."""
    if tolerance == 0:
        return (0.0,), (), (-1.0, 1.0)
    return (-0.9 * tolerance, 0.9 * tolerance), (-1.1 * tolerance, 1.1 * tolerance, 9.9 * tolerance), (-10.5 * tolerance, 10.5 * tolerance)


def assert_verdicts(question, answer_at, inside, close, outside):
    spec = QUESTIONS[question]
    for offset in inside:
        result = verdict(question, answer_at(offset))
        assert (result.status, result.points) == ("correct", spec.points), (offset, result.message)
    for offset in close:
        result = verdict(question, answer_at(offset))
        assert (result.status, result.points) == ("close", 0), (offset, result.message)
        assert "Check your rounding or your units" in result.message and "Hint" not in result.message
    for offset in outside:
        result = verdict(question, answer_at(offset))
        assert (result.status, result.points) == ("wrong", 0), (offset, result.message)
        assert "Hint: " in result.message or "percentage" in result.message, result.message


def test_every_numeric_question_has_its_tolerance_stated_here():
    kinds = (ValueQuestion, FunctionQuestion, MappingQuestion)
    assert all(isinstance(spec, kinds) for spec in QUESTIONS.values())
    assert sorted(TOLERANCES) == sorted(VALUE_QUESTIONS + FUNCTION_QUESTIONS)


@pytest.mark.parametrize("question", VALUE_QUESTIONS)
def test_value_question_accepts_inside_and_refuses_outside_its_tolerance(question):
    expected = float(QUESTIONS[question].expected())
    assert_verdicts(question, lambda offset: expected + offset, *offsets(TOLERANCES[question]))


@pytest.mark.parametrize("question", FUNCTION_QUESTIONS)
def test_function_question_accepts_inside_and_refuses_outside_its_tolerance(question):
    spec = QUESTIONS[question]

    def answer_at(offset):
        return lambda *case: float(spec.reference(*case)) + offset

    assert_verdicts(question, answer_at, *offsets(TOLERANCES[question]))


@pytest.mark.parametrize("question", FUNCTION_QUESTIONS)
def test_function_question_refuses_an_answer_off_in_its_last_case_only(question):
    """Every case is compared, not only the first: an answer wrong only in the last case fails."""
    spec = QUESTIONS[question]
    last = spec.cases[-1]

    def answer_off_by(miss):
        return lambda *case: float(spec.reference(*case)) + (miss if case == last else 0.0)

    assert verdict(question, answer_off_by(2 * TOLERANCES[question] + 1e-6)).status == "close"
    assert verdict(question, answer_off_by(11 * TOLERANCES[question] + 1e-6)).status == "wrong"
