"""The registry of checks: what each check cell compares an answer with, and its points.

Expected values are computed from the tested models and data, never typed in, so a correction to
a model or to the data flows into every check. Each chapter keeps its checks in its own module;
an entry's key is the check's id, which is also the `question` in the check cell's metadata.
"""

from . import ch1, ch2, ch3, ch4, ch5
from .kinds import FunctionQuestion, ValueQuestion

QUESTIONS = {**ch1.QUESTIONS, **ch2.QUESTIONS, **ch3.QUESTIONS, **ch4.QUESTIONS, **ch5.QUESTIONS}

__all__ = ["QUESTIONS", "FunctionQuestion", "ValueQuestion"]
