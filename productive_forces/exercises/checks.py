"""Check an answer against the registry and say, in one deterministic line, whether it is right.

    >>> check("Q3.2", 0.2)          # in a check cell
    Q3.2 not yet right — 0/1 points. Hint: ...

`verdict` is the pure part, also used by the grader outside the student's kernel; it never raises
on an answer, so a check cell shows one line and never a traceback from the course's code. Every
line is in the language current when the check runs (:func:`productive_forces.i18n.use_language`);
the hints in the registry are English source text, translated here when shown.

An answer is read as students write it: a number may be an int, a float, a numpy scalar, or a
0-d or one-element numeric array (what a boolean mask leaves), whether it is the answer itself or
what an answer function returns. The statuses:

- ``correct``: within the tolerance (all points);
- ``partial``: a labelling question with some items right (points in proportion, by half points);
- ``close``: a number within ten times the tolerance (no points; "check your rounding or units");
- ``wrong``: anything else that could be read, with a hint or an explanation;
- ``error``: the student's function raised;
- ``missing``: the placeholder is still there (``...``, None, every label blank, a function whose
  body is still the stub); no hint.
"""

import dis
import inspect
import math
import types
from dataclasses import dataclass
from numbers import Real

import numpy as np

from ..i18n import N_, _
from .questions import QUESTIONS, FunctionQuestion
from .questions.kinds import MappingQuestion

CORRECT, PARTIAL, CLOSE, WRONG, ERROR, MISSING = "correct", "partial", "close", "wrong", "error", "missing"
STATUSES = (CORRECT, PARTIAL, CLOSE, WRONG, ERROR, MISSING)
#: A number this many tolerances away from the expected value, or closer, is "close".
CLOSE_FACTOR = 10
#: A verdict line's first part, by status (the grader uses the same messages for its own lines).
HEADLINES = {
    CORRECT: N_("{question} correct — {points}/{max_points} points"),
    PARTIAL: N_("{question} partly right — {points}/{max_points} points"),
    CLOSE: N_("{question} close — {points}/{max_points} points"),
    WRONG: N_("{question} not yet right — {points}/{max_points} points"),
    ERROR: N_("{question} raised an error — {points}/{max_points} points"),
    MISSING: N_("{question} not answered yet — {points}/{max_points} points"),
}


@dataclass(frozen=True)
class Verdict:
    """The outcome of one check: status, points earned (whole or half) and the line shown to the student."""

    question: str
    status: str
    points: float
    max_points: int
    message: str

    def __str__(self):
        return self.message


def points_text(points):
    """Points as a line shows them: 2, 1.5, 0 (never 2.0)."""
    return f"{points:g}"


def tolerance_text(tolerance):
    """A tolerance written out as a decimal: 0.0001, not 1e-04."""
    return np.format_float_positional(tolerance, trim="-")


def headline(question, status, points, max_points, headlines=HEADLINES):
    """The verdict line's first part, in the current language."""
    return _(headlines[status]).format(question=question, points=points_text(points), max_points=max_points)


def with_detail(line, detail):
    """A verdict line followed by its hint or explanation."""
    # TRANSLATORS: the verdict line, then a hint or an explanation (a full stop between the two).
    return _("{verdict}. {detail}").format(verdict=line, detail=detail) if detail else line


def _line(question, status, points, max_points, detail=""):
    text = with_detail(headline(question, status, points, max_points), detail)
    return Verdict(question, status, points, max_points, text)


def translated_hint(question):
    """The hint of `question` in the current language (the registry holds the English source)."""
    spec = QUESTIONS[question]
    return _(spec.hint) if spec.hint else ""


def _hint(spec):
    """"Hint: ..." for a question's entry, in the current language."""
    return _("Hint: {hint}").format(hint=_(spec.hint) if spec.hint else "")


def _kind(answer):
    """What an answer is, as a message names it: a code name (never translated), or the size of an array."""
    if isinstance(answer, np.ndarray) and answer.dtype.kind in "iuf":
        return _("an array of {count} numbers").format(count=answer.size)
    return type(answer).__name__


def as_number(answer):
    """The answer as one float when it is one number, else None.

    Ints, floats, numpy scalars and 0-d or one-element numeric arrays count; booleans and
    anything else do not. NaN and infinity come back as they are, for the caller to explain.
    """
    if isinstance(answer, (bool, np.bool_)):
        return None
    try:
        if isinstance(answer, np.ndarray):
            return float(answer.reshape(-1)[0]) if answer.size == 1 and answer.dtype.kind in "iuf" else None
        if isinstance(answer, np.generic):
            return float(answer) if answer.dtype.kind in "iuf" else None
        return float(answer) if isinstance(answer, Real) else None
    except Exception:  # an object that only claims to be a number
        return None


_STUB_STEPS = (
    [("LOAD_CONST", None), ("RETURN_VALUE", None)],
    [("LOAD_CONST", Ellipsis), ("RETURN_VALUE", None)],
    [("RETURN_CONST", None)],
    [("RETURN_CONST", Ellipsis)],
)


def is_stub(function):
    """Whether a function's body is still a stub: nothing but ``...``, ``pass`` or a docstring."""
    try:
        code = function.__code__
        if not isinstance(code, types.CodeType):
            return False
        steps = [(step.opname, step.argval) for step in dis.get_instructions(code) if step.opname not in ("RESUME", "NOP", "CACHE")]
    except Exception:  # not a plain Python function
        return False
    return any(
        len(steps) == len(stub) and all(name == want and value is constant for (name, value), (want, constant) in zip(steps, stub))
        for stub in _STUB_STEPS
    )


def parameters_text(signature):
    """A signature's parameters as a message shows them: (rate), (*args), (x, y, **options)."""
    marks = {inspect.Parameter.VAR_POSITIONAL: "*", inspect.Parameter.VAR_KEYWORD: "**"}
    return "(" + ", ".join(marks.get(p.kind, "") + p.name for p in signature.parameters.values()) + ")"


def verdict(question, answer):
    """Compare an answer with the registry entry for `question`; never raises on an answer."""
    if question not in QUESTIONS:
        raise ValueError(_("question must be one of {questions}; got {question!r}").format(
            questions=", ".join(QUESTIONS), question=question
        ))
    spec = QUESTIONS[question]
    try:
        return _verdict(question, spec, answer)
    except Exception as error:  # an answer built to break the check: say so in one line
        detail = _("The check could not read your answer ({error}).").format(error=type(error).__name__)
        return _line(question, ERROR, 0, spec.points, detail)


def _verdict(question, spec, answer):
    if answer is None or answer is Ellipsis:
        return _line(question, MISSING, 0, spec.points, _("Replace ... with your answer and run the cell again."))
    if isinstance(spec, FunctionQuestion):
        return _function_verdict(question, spec, answer)
    if isinstance(spec, MappingQuestion):
        return _mapping_line(question, spec, answer)
    value = as_number(answer)
    if value is None:
        return _line(question, WRONG, 0, spec.points, _("Expected one number, got {kind}.").format(kind=_kind(answer)))
    if not math.isfinite(value):
        detail = _(
            "Your answer is {value}, not a number the check can compare: look for a division by zero "
            "or the logarithm of zero or of a negative number."
        ).format(value=value)
        return _line(question, WRONG, 0, spec.points, detail)
    expected = float(spec.expected())
    return _compared(question, spec, abs(value - expected), abs(value / 100 - expected) if expected else None)


def _compared(question, spec, off, off_as_percentage=None):
    """The verdict for an answer `off` away from the expected value (the largest miss, for a function)."""
    if off <= spec.tolerance:
        return _line(question, CORRECT, spec.points, spec.points)
    if off <= CLOSE_FACTOR * spec.tolerance:
        detail = _("Check your rounding or your units: the check accepts answers within {tolerance}.").format(
            tolerance=tolerance_text(spec.tolerance)
        )
        return _line(question, CLOSE, 0, spec.points, detail)
    if off_as_percentage is not None and off_as_percentage <= CLOSE_FACTOR * spec.tolerance:
        return _line(question, WRONG, 0, spec.points, _("This looks like a percentage: give a decimal (0.02 for 2%)."))
    return _line(question, WRONG, 0, spec.points, _hint(spec))


def _signature_problem(spec, answer):
    """Why the answer cannot be called on the question's cases, or None (also when it cannot tell)."""
    try:
        signature = inspect.signature(answer)
    except Exception:  # a builtin or an object without a readable signature: just call it
        return None
    for case in spec.cases:
        try:
            signature.bind(*case)
        except TypeError:
            return _("Your function's parameters are {theirs}, but the check calls it as {expected}.").format(
                theirs=parameters_text(signature), expected=spec.signature
            )
    return None


def _function_verdict(question, spec, answer):
    if not callable(answer):
        return _line(question, WRONG, 0, spec.points, _("Expected a function, got {kind}.").format(kind=_kind(answer)))
    if is_stub(answer):
        detail = _("Write the body of your function in place of ... and run the cell again.")
        return _line(question, MISSING, 0, spec.points, detail)
    problem = _signature_problem(spec, answer)
    if problem:
        return _line(question, WRONG, 0, spec.points, problem)
    largest_miss = 0.0
    for case in spec.cases:
        try:
            result = answer(*case)
        except Exception as error:  # the student's function failed: report it, do not crash the check
            return _line(question, ERROR, 0, spec.points, _("Your function raised {error}.").format(error=type(error).__name__))
        value = as_number(result)
        if value is None and result is None:
            detail = _("Your function returned None: does it end with a return line?")
            return _line(question, WRONG, 0, spec.points, detail)
        if value is None:
            detail = _("Your function returned {kind}, which is not one number.").format(kind=_kind(result))
            return _line(question, WRONG, 0, spec.points, detail)
        if not math.isfinite(value):
            detail = _(
                "Your function returned {value}, not a number the check can compare: look for a division "
                "by zero or the logarithm of zero or of a negative number."
            ).format(value=value)
            return _line(question, WRONG, 0, spec.points, detail)
        largest_miss = max(largest_miss, abs(value - float(spec.reference(*case))))
    return _compared(question, spec, largest_miss)


def _mapping_line(question, spec, answer):
    """Compare a dict of labels item by item; say how many items are right, never which."""
    choices = ", ".join(repr(category) for category in spec.categories)
    if not isinstance(answer, dict):
        return _line(question, WRONG, 0, spec.points, _("Expected a dictionary, got {kind}.").format(kind=_kind(answer)))
    expected = spec.expected()
    keys = list(dict.keys(answer))  # read as the grader's capture reads a dict, whatever a subclass overrides
    given = {key: label for key, label in dict.items(answer) if isinstance(key, str) and key in expected}
    right = sum(1 for key, label in expected.items() if isinstance(given.get(key), str) and str.__eq__(given[key], label) is True)
    total = len(expected)
    unknown = [key for key in keys if not (isinstance(key, str) and key in expected)]
    if right == total and not unknown:
        return _line(question, CORRECT, spec.points, spec.points)
    # A key not in the list counts as one more item, and a wrong one: it never earns full points.
    points = math.floor(2 * spec.points * right / (total + len(unknown))) / 2 if spec.partial else 0
    status = PARTIAL if points > 0 else WRONG

    def line(detail):
        return _line(question, status, points, spec.points, detail)

    if unknown:
        return line(_("Not in the list: {keys}. Keep the keys exactly as given.").format(keys=_shown(unknown)))
    missing = [key for key in expected if key not in given]
    if missing:
        return line(_("Missing from your dictionary: {keys}.").format(keys=_shown(missing)))
    blank = [key for key in expected if _blank(given[key])]
    if len(blank) == total:
        detail = _("Give each item one of {choices} and run the cell again.").format(choices=choices)
        return _line(question, MISSING, 0, spec.points, detail)
    if blank:
        return line(_("{count} of {total} items have no label yet.").format(count=len(blank), total=total))
    invalid = [key for key in expected if not (isinstance(given[key], str) and given[key] in spec.categories)]
    if invalid:
        return line(
            _("Each label must be exactly one of {choices}; {count} of {total} are not.").format(
                choices=choices, count=len(invalid), total=total
            )
        )
    return line(_("{count} of {total} items are right. {hint}").format(count=right, total=total, hint=_hint(spec)))


def _blank(label):
    return label is None or label is Ellipsis or (isinstance(label, str) and not label.strip())


def _shown(keys, limit=3):
    """A few keys for a message, each shortened, so that a huge answer gives a short line."""
    shown = ", ".join(repr(key)[:60] for key in keys[:limit])
    if len(keys) <= limit:
        return shown
    return _("{keys} and {count} more").format(keys=shown, count=len(keys) - limit)


def check(question, answer):
    """Print the verdict line for an answer (the call a check cell makes): one line, never a traceback."""
    if question not in QUESTIONS:
        print(_("question must be one of {questions}; got {question!r}").format(questions=", ".join(QUESTIONS), question=question))
        return
    try:
        line = verdict(question, answer)
    except KeyboardInterrupt:  # the student stopped a function that ran too long
        line = _line(question, ERROR, 0, QUESTIONS[question].points, _("The check was interrupted before it finished."))
    print(line)
