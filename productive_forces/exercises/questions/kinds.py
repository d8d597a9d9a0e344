"""The kinds of check: a number within a tolerance, a function called on cases, or labels compared exactly.

A question's `hint` is English source text marked with :func:`N_`; checks translate it when they show it.
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
    """An answer that is a function, called on each case and compared with a reference function."""

    points: int
    reference: Callable[..., float]
    cases: tuple = field(default_factory=tuple)
    tolerance: float = 1e-6
    hint: str = ""


@dataclass(frozen=True)
class MappingQuestion:
    """An answer that is a dict giving each listed item one of a few labels, compared exactly.

    The answer must have exactly the keys of `expected()` (the exercise lists them), each with one
    of `categories`. A wrong answer is told how many items are right, never which.
    """

    points: int
    expected: Callable[[], dict]
    categories: tuple
    hint: str
