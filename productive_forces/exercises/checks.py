"""Check an answer against the registry and say, in one deterministic line, whether it is right.

    >>> check("Q3.2", 0.2)          # in a check cell
    Q3.2 not yet right — 0/1 points. Hint: ...

`verdict` is the pure part, also used by the grader outside the student's kernel.
"""

import math
from dataclasses import dataclass
from numbers import Real

import numpy as np

from .questions import QUESTIONS, FunctionQuestion

CORRECT, WRONG, ERROR, MISSING = "correct", "wrong", "error", "missing"


@dataclass(frozen=True)
class Verdict:
    """The outcome of one check: status, points earned and the line shown to the student."""

    question: str
    status: str
    points: int
    max_points: int
    message: str

    def __str__(self):
        return self.message


def _line(question, status, points, max_points, detail=""):
    headline = {
        CORRECT: "correct",
        WRONG: "not yet right",
        ERROR: "raised an error",
        MISSING: "not answered yet",
    }[status]
    text = f"{question} {headline} — {points}/{max_points} points"
    return Verdict(question, status, points, max_points, f"{text}. {detail}" if detail else text)


def _as_number(answer):
    if isinstance(answer, bool) or not isinstance(answer, (Real, np.ndarray, np.generic)):
        return None
    array = np.asarray(answer, dtype=float)
    return float(array) if array.size == 1 and math.isfinite(float(array.reshape(-1)[0])) else None


def verdict(question, answer):
    """Compare an answer with the registry entry for `question`; never raises on a bad answer."""
    if question not in QUESTIONS:
        raise ValueError(f"question must be one of {', '.join(QUESTIONS)}; got {question!r}")
    spec = QUESTIONS[question]
    if answer is None or answer is Ellipsis:
        return _line(question, MISSING, 0, spec.points, "Replace ... with your answer and run the cell again.")
    if isinstance(spec, FunctionQuestion):
        return _function_verdict(question, spec, answer)
    value = _as_number(answer)
    if value is None:
        return _line(question, WRONG, 0, spec.points, f"Expected one number, got {type(answer).__name__}.")
    expected = spec.expected()
    if abs(value - expected) <= spec.tolerance:
        return _line(question, CORRECT, spec.points, spec.points)
    if expected and abs(value / 100 - expected) <= spec.tolerance:
        return _line(question, WRONG, 0, spec.points, "This looks like a percentage: give a decimal (0.02 for 2%).")
    return _line(question, WRONG, 0, spec.points, f"Hint: {spec.hint}")


def _function_verdict(question, spec, answer):
    if not callable(answer):
        return _line(question, WRONG, 0, spec.points, f"Expected a function, got {type(answer).__name__}.")
    for case in spec.cases:
        try:
            value = _as_number(answer(*case))
        except Exception as error:  # the student's function failed: report it, do not crash the check
            return _line(question, ERROR, 0, spec.points, f"Calling it raised {type(error).__name__}.")
        if value is None or abs(value - float(spec.reference(*case))) > spec.tolerance:
            return _line(question, WRONG, 0, spec.points, f"Hint: {spec.hint}")
    return _line(question, CORRECT, spec.points, spec.points)


def check(question, answer):
    """Print the verdict line for an answer (the call a check cell makes)."""
    print(verdict(question, answer))
