"""Checks for chapter 2's exercise: the human-capital index, structural change and the three elements.

Question Q2.5 is a written answer graded by hand, so it has no entry here (the grader marks it "manual").
"""

from ...data import load_pwt
from ...i18n import N_
from ...models import human_capital_index
from ...models.elements import ELEMENTS, years_of_schooling
from ...models.structure import aggregate_productivity, shift_share
from .kinds import FunctionQuestion, MappingQuestion, ValueQuestion

# Question 2.3 (illustrative numbers): traditional and new sector, before and after the shift.
SHARES_START, PRODUCTIVITY_START = (0.8, 0.2), (1.0, 3.0)
SHARES_END, PRODUCTIVITY_END = (0.5, 0.5), (1.2, 3.3)

# Question 2.4: examples of the three elements (Cai, section II), each with its element.
LABOURERS, MEANS, SUBJECTS = ELEMENTS
ELEMENT_EXAMPLES = {
    "a nationwide programme of vocational skills training": LABOURERS,
    "engineers trained at university to design chips": LABOURERS,
    "industrial robots installed on an assembly line": MEANS,
    "electric motors driving the machines of a factory": MEANS,
    "cotton that a mill spins into yarn": SUBJECTS,
    "new industries and fields opened up by the digital economy": SUBJECTS,
}


def _china_schooling_2019():
    return float(years_of_schooling(load_pwt("CHN").at(2019)["hc"]))


QUESTIONS = {
    "Q2.1": FunctionQuestion(
        points=2,
        reference=human_capital_index,
        signature="human_capital(years)",
        cases=((10.0,),),
        tolerance=1e-4,
        hint=N_(
            "Build the exponent band by band: years up to 4 earn 0.134 each, years 4 to 8 earn 0.101 "
            "each and every year after 8 earns 0.068; the index is e raised to that sum."
        ),
    ),
    "Q2.1-hidden": FunctionQuestion(
        points=1,
        reference=human_capital_index,
        signature="human_capital(years)",
        cases=((0.0,), (2.5,), (4.0,), (6.0,), (8.0,), (13.5,)),
        tolerance=1e-4,
        hint=N_("Your function should work for any number of years, fewer than 4 and between 4 and 8 included."),
    ),
    "Q2.2": ValueQuestion(
        points=2,
        expected=_china_schooling_2019,
        tolerance=0.01,
        hint=N_(
            "Take the natural logarithm of the index, then see how much of it the first band (4 years at "
            "0.134) and the second band (4 years at 0.101) use up; divide what is left by 0.068."
        ),
    ),
    "Q2.3a": ValueQuestion(
        points=1,
        expected=lambda: float(aggregate_productivity(SHARES_END, PRODUCTIVITY_END)),
        tolerance=1e-4,
        hint=N_("Weight each sector's output per worker by its share of workers after the shift, and add."),
    ),
    "Q2.3b": ValueQuestion(
        points=2,
        expected=lambda: shift_share(SHARES_START, PRODUCTIVITY_START, SHARES_END, PRODUCTIVITY_END).between,
        tolerance=1e-4,
        hint=N_(
            "For each sector multiply the change in its share of workers by its output per worker "
            "before the shift, then add over the sectors."
        ),
    ),
    "Q2.4": MappingQuestion(
        points=2,
        expected=lambda: dict(ELEMENT_EXAMPLES),
        categories=ELEMENTS,
        hint=N_(
            "Ask of each example: is it the people who work, what they work with (tools, machines, "
            "equipment), or what their work is applied to (materials, industries, fields)?"
        ),
    ),
}
