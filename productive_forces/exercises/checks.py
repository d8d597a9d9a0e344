"""Check an answer against the registry and say, in one deterministic line, whether it is right.

    >>> check("Q3.2", 0.2)          # in a check cell
    Q3.2 not yet right — 0/1 points. Hint: ...

`verdict` is the pure part, also used by the grader outside the student's kernel. Every line is in
the language current when the check runs (:func:`productive_forces.i18n.use_language`); the hints
in the registry are English source text, translated here when shown.
"""

import math
from dataclasses import dataclass
from numbers import Real

import numpy as np

from ..i18n import _
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


def _headline(status):
    """The verdict line without its detail, as a format string."""
    return {
        CORRECT: _("{question} correct — {points}/{max_points} points"),
        WRONG: _("{question} not yet right — {points}/{max_points} points"),
        ERROR: _("{question} raised an error — {points}/{max_points} points"),
        MISSING: _("{question} not answered yet — {points}/{max_points} points"),
    }[status]


def _line(question, status, points, max_points, detail=""):
    text = _headline(status).format(question=question, points=points, max_points=max_points)
    if detail:
        # TRANSLATORS: the verdict line, then a hint or an explanation (a full stop between the two).
        text = _("{verdict}. {detail}").format(verdict=text, detail=detail)
    return Verdict(question, status, points, max_points, text)


def translated_hint(question):
    """The hint of `question` in the current language (the registry holds the English source)."""
    spec = QUESTIONS[question]
    return _(spec.hint) if spec.hint else ""


def _hint(spec):
    """"Hint: ..." for a question's entry, in the current language."""
    return _("Hint: {hint}").format(hint=_(spec.hint) if spec.hint else "")


def _kind(answer):
    """The Python type of an answer, as a message names it (a code name: never translated)."""
    return type(answer).__name__


def _as_number(answer):
    if isinstance(answer, bool) or not isinstance(answer, (Real, np.ndarray, np.generic)):
        return None
    array = np.asarray(answer, dtype=float)
    return float(array) if array.size == 1 and math.isfinite(float(array.reshape(-1)[0])) else None


def verdict(question, answer):
    """Compare an answer with the registry entry for `question`; never raises on a bad answer."""
    if question not in QUESTIONS:
        raise ValueError(_("question must be one of {questions}; got {question!r}").format(
            questions=", ".join(QUESTIONS), question=question
        ))
    spec = QUESTIONS[question]
    if answer is None or answer is Ellipsis:
        return _line(question, MISSING, 0, spec.points, _("Replace ... with your answer and run the cell again."))
    if isinstance(spec, FunctionQuestion):
        return _function_verdict(question, spec, answer)
    if isinstance(spec, MappingQuestion):
        return _mapping_verdict(question, spec, answer)
    value = _as_number(answer)
    if value is None:
        return _line(question, WRONG, 0, spec.points, _("Expected one number, got {kind}.").format(kind=_kind(answer)))
    expected = spec.expected()
    if abs(value - expected) <= spec.tolerance:
        return _line(question, CORRECT, spec.points, spec.points)
    if expected and abs(value / 100 - expected) <= spec.tolerance:
        return _line(question, WRONG, 0, spec.points, _("This looks like a percentage: give a decimal (0.02 for 2%)."))
    return _line(question, WRONG, 0, spec.points, _hint(spec))


def _function_verdict(question, spec, answer):
    if not callable(answer):
        return _line(question, WRONG, 0, spec.points, _("Expected a function, got {kind}.").format(kind=_kind(answer)))
    for case in spec.cases:
        try:
            value = _as_number(answer(*case))
        except Exception as error:  # the student's function failed: report it, do not crash the check
            detail = _("Calling it raised {error}.").format(error=type(error).__name__)
            return _line(question, ERROR, 0, spec.points, detail)
        if value is None or abs(value - float(spec.reference(*case))) > spec.tolerance:
            return _line(question, WRONG, 0, spec.points, _hint(spec))
    return _line(question, CORRECT, spec.points, spec.points)


def _mapping_verdict(question, spec, answer):
    """Compare a dict of labels item by item; say how many items are right, never which."""
    try:
        return _mapping_line(question, spec, answer)
    except Exception:  # an object that only looks like a dict: report it, never crash the check
        return _line(question, WRONG, 0, spec.points, _("Could not read your answer as a dictionary of labels."))


def _mapping_line(question, spec, answer):
    choices = ", ".join(repr(category) for category in spec.categories)

    def wrong(detail, status=WRONG):
        return _line(question, status, 0, spec.points, detail)

    if not isinstance(answer, dict):
        return wrong(_("Expected a dictionary, got {kind}.").format(kind=_kind(answer)))
    expected = spec.expected()
    unknown = [key for key in answer if not (isinstance(key, str) and key in expected)]
    if unknown:
        return wrong(_("Not in the list: {keys}. Keep the keys exactly as given.").format(keys=_shown(unknown)))
    missing = [key for key in expected if key not in answer]
    if missing:
        return wrong(_("Missing from your dictionary: {keys}.").format(keys=_shown(missing)))
    blank = [key for key in expected if _blank(answer[key])]
    if len(blank) == len(expected):
        return wrong(_("Give each item one of {choices} and run the cell again.").format(choices=choices), MISSING)
    if blank:
        return wrong(_("{count} of {total} items have no label yet.").format(count=len(blank), total=len(expected)))
    invalid = [key for key in expected if not (isinstance(answer[key], str) and answer[key] in spec.categories)]
    if invalid:
        return wrong(
            _("Each label must be exactly one of {choices}; {count} of {total} are not.").format(
                choices=choices, count=len(invalid), total=len(expected)
            )
        )
    right = sum(answer[key] == label for key, label in expected.items())
    if right == len(expected):
        return _line(question, CORRECT, spec.points, spec.points)
    return wrong(_("{count} of {total} items are right. {hint}").format(count=right, total=len(expected), hint=_hint(spec)))


def _blank(label):
    return label is None or label is Ellipsis or (isinstance(label, str) and not label.strip())


def _shown(keys, limit=3):
    """A few keys for a message, each shortened, so that a huge answer gives a short line."""
    shown = ", ".join(repr(key)[:60] for key in keys[:limit])
    if len(keys) <= limit:
        return shown
    return _("{keys} and {count} more").format(keys=shown, count=len(keys) - limit)


def check(question, answer):
    """Print the verdict line for an answer (the call a check cell makes)."""
    print(verdict(question, answer))
