"""The two kinds of check: a number compared within a tolerance, or a function called on cases."""

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
