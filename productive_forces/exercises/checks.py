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
from .questions.kinds import MappingQuestion

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
    if isinstance(spec, MappingQuestion):
        return _mapping_verdict(question, spec, answer)
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


def _mapping_verdict(question, spec, answer):
    """Compare a dict of labels item by item; say how many items are right, never which."""
    try:
        return _mapping_line(question, spec, answer)
    except Exception:  # an object that only looks like a dict: report it, never crash the check
        return _line(question, WRONG, 0, spec.points, "Could not read your answer as a dictionary of labels.")


def _mapping_line(question, spec, answer):
    choices = ", ".join(repr(category) for category in spec.categories)
    if not isinstance(answer, dict):
        return _line(question, WRONG, 0, spec.points, f"Expected a dictionary, got {type(answer).__name__}.")
    expected = spec.expected()
    unknown = [key for key in answer if not (isinstance(key, str) and key in expected)]
    if unknown:
        return _line(question, WRONG, 0, spec.points, f"Not in the list: {_shown(unknown)}. Keep the keys exactly as given.")
    missing = [key for key in expected if key not in answer]
    if missing:
        return _line(question, WRONG, 0, spec.points, f"Missing from your dictionary: {_shown(missing)}.")
    blank = [key for key in expected if _blank(answer[key])]
    if len(blank) == len(expected):
        return _line(question, MISSING, 0, spec.points, f"Give each item one of {choices} and run the cell again.")
    if blank:
        return _line(question, WRONG, 0, spec.points, f"{len(blank)} of {len(expected)} items have no label yet.")
    invalid = [key for key in expected if not (isinstance(answer[key], str) and answer[key] in spec.categories)]
    if invalid:
        return _line(
            question, WRONG, 0, spec.points,
            f"Each label must be exactly one of {choices}; {len(invalid)} of {len(expected)} are not.",
        )  # fmt: skip
    right = sum(answer[key] == label for key, label in expected.items())
    if right == len(expected):
        return _line(question, CORRECT, spec.points, spec.points)
    return _line(question, WRONG, 0, spec.points, f"{right} of {len(expected)} items are right. Hint: {spec.hint}")


def _blank(label):
    return label is None or label is Ellipsis or (isinstance(label, str) and not label.strip())


def _shown(keys, limit=3):
    """A few keys for a message, each shortened, so that a huge answer gives a short line."""
    shown = ", ".join(repr(key)[:60] for key in keys[:limit])
    return shown + (f" and {len(keys) - limit} more" if len(keys) > limit else "")


def check(question, answer):
    """Print the verdict line for an answer (the call a check cell makes)."""
    print(verdict(question, answer))
