"""The kinds of check: a number within a tolerance, a function called on cases, or labels compared exactly.

A question's `hint` is English source text marked with :func:`N_`; checks translate it when they show it.
The exercise states each numeric question's tolerance in its text (a test keeps the two in step).
"""

from dataclasses import dataclass, field
from typing import Callable


@dataclass(frozen=True)
class ValueQuestion:
    """An answer that is one number, compared with the expected value within an absolute tolerance."""

    points: int
    expected: Callable[[], float]
    tolerance: float
    hint: str


@dataclass(frozen=True)
class FunctionQuestion:
    """An answer that is a function, called on each case and compared with a reference function.

    `signature` is the call the exercise asks for, as the student's stub writes it
    (``years_to_double(rate)``); a function that cannot be called on the cases is told it.
    """

    points: int
    reference: Callable[..., float]
    cases: tuple = field(default_factory=tuple)
    tolerance: float = 1e-6
    hint: str = ""
    signature: str = ""


@dataclass(frozen=True)
class MappingQuestion:
    """An answer that is a dict giving each listed item one of a few labels, compared exactly.

    The answer must have exactly the keys of `expected()` (the exercise lists them), each with one
    of `categories`. A wrong answer is told how many items are right, never which. With `partial`
    (the default) it earns points in proportion to the items labelled right, rounded down to the
    half point (a key not in the list counts as one more item, a wrong one); without, only a fully
    right answer earns any.
    """

    points: int
    expected: Callable[[], dict]
    categories: tuple
    hint: str
    partial: bool = True
