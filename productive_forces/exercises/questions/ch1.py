"""Checks for chapter 1's exercise: the Solow steady state, two growth paths, and the three stages.

Question Q1.5 is a written answer graded by hand, so it has no entry here (the grader marks it "manual").
"""

from ...i18n import N_
from ...models.solow import growth_paths, steady_state_capital
from ...models.value_chain import STAGES
from .kinds import FunctionQuestion, MappingQuestion, ValueQuestion

# Questions 1.2 and 1.3 (illustrative numbers): both economies start in the steady state of saving
# 20% with TFP 1; one then saves 30% with no TFP growth, the other keeps 20% and TFP grows 2% a year.
ALPHA, DEPRECIATION, LABOUR_GROWTH = 1 / 3, 0.05, 0.01
BASELINE_SAVING, RAISED_SAVING, TFP_GROWTH = 0.20, 0.30, 0.02
REPORT_YEAR = 50

# Question 1.4: which side of production each measure works on (Cai, section I: high technology on
# the input side, high efficiency in the process, high quality on the output side). Each label says
# what the factory changes, so its side follows from the label alone: new machines, skills or
# materials are inputs; how much comes out of what goes in is the process; the product is the output.
MEASURES = {
    "train workers to program and maintain industrial robots": "input",
    "install more advanced machines: computer-controlled lathes instead of manual ones": "input",
    "buy a stronger, lighter new alloy as raw material": "input",
    "cut the time machines stand idle between production steps": "process",
    "use less energy for each tonne of product": "process",
    "make the same output with fewer worker-hours": "process",
    "make the finished product last twice as long in use": "output",
    "certify the goods sold to a stricter international safety standard": "output",
}


def _growth_in_report_year(path_index):
    paths = growth_paths(RAISED_SAVING, ALPHA, DEPRECIATION, LABOUR_GROWTH, TFP_GROWTH, BASELINE_SAVING)
    return float(paths[path_index].growth[REPORT_YEAR - 1])  # growth[t - 1]: from year t - 1 to year t


QUESTIONS = {
    "Q1.1": FunctionQuestion(
        points=2,
        reference=steady_state_capital,
        signature="steady_state_capital(saving, alpha, depreciation, labour_growth, tfp)",
        cases=((0.25, 1 / 3, 0.05, 0.01, 1.0),),
        tolerance=1e-4,
        hint=N_(
            "In the steady state the capital saved each year, s * A * k**alpha, just covers wear (delta * k) "
            "and the new workers (n * k). Solve that equation for k."
        ),
    ),
    "Q1.1-hidden": FunctionQuestion(
        points=1,
        reference=steady_state_capital,
        signature="steady_state_capital(saving, alpha, depreciation, labour_growth, tfp)",
        cases=((0.2, 0.5, 0.1, 0.0, 1.0), (0.3, 0.4, 0.06, 0.02, 2.0), (0.1, 0.25, 0.03, 0.0, 1.5)),
        tolerance=1e-4,
        hint=N_("Your function should use every argument, TFP included, not only the values of the visible case."),
    ),
    "Q1.2": ValueQuestion(
        points=3,
        expected=lambda: _growth_in_report_year(0),
        tolerance=1e-6,  # year 51's growth is 4e-5 away: closer than ten tolerances would call it "close"
        hint=N_(
            "Start from k at the steady state of saving 0.20, then apply (1 + n) * k_next = s * y + "
            "(1 - delta) * k with s = 0.30 once a year, keeping every y_t; the answer is y_50 / y_49 - 1."
        ),
    ),
    "Q1.3": ValueQuestion(
        points=2,
        expected=lambda: _growth_in_report_year(1),
        tolerance=1e-6,  # as in Q1.2: an off-by-one year is 4.5e-5 away, and must not read as "close"
        hint=N_(
            "Simulate again from the same start with saving 0.20 and A_t = 1.02**t in y_t = A_t * k_t**alpha. "
            "The balanced growth rate is where growth is heading, not where it is in year 50."
        ),
    ),
    "Q1.4": MappingQuestion(
        points=2,
        expected=lambda: dict(MEASURES),
        categories=STAGES,
        hint=N_(
            "Ask of each measure whether it improves what goes into production (skills, machines, "
            "materials), how much comes out for each unit that goes in, or the product the buyer receives."
        ),
    ),
}
