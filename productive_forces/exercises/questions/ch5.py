"""Checks for chapter 5's exercise: a weakest-link chain and the budget split of an innovation pipeline.

The inputs below are the illustrative numbers the exercise states; the expected answers are computed
from them with the tested models. Question Q5.5 is a written answer graded by hand, so it has no
entry here (the grader marks it "manual").
"""

from ...i18n import N_
from ...models.chains import best_component, chain_output
from ...models.pipeline import PipelineParameters, best_split, long_run_innovations
from .kinds import ValueQuestion

# Q5.1 and Q5.2: five components of a hypothetical chain, and how far one unit of effort lifts each.
COMPONENTS = ("materials", "precision parts", "chips", "control software", "assembly")
QUALITIES = (0.9, 0.7, 0.95, 0.6, 0.8)
EFFORT_STEPS = (0.1, 0.05, 0.02, 0.03, 0.1)

# Q5.3 and Q5.4: a pipeline whose stages have these returns, compared with a given starting split.
EXERCISE_PIPELINE = PipelineParameters(exponents=(0.3, 0.2, 0.25))
STARTING_SPLIT = (0.1, 0.3, 0.6)
COLLABORATION = 0.5


def _gain_from_best_split():
    best = long_run_innovations(best_split(EXERCISE_PIPELINE), COLLABORATION, EXERCISE_PIPELINE)
    start = long_run_innovations(STARTING_SPLIT, COLLABORATION, EXERCISE_PIPELINE)
    return float(best / start - 1)


QUESTIONS = {
    "Q5.1": ValueQuestion(
        points=2,
        expected=lambda: float(chain_output(QUALITIES)),
        tolerance=1e-4,
        hint=N_("Under the O-ring rule every component has to work, so combine the five qualities by multiplying."),
    ),
    "Q5.2": ValueQuestion(
        points=2,
        expected=lambda: best_component(QUALITIES, EFFORT_STEPS),
        tolerance=1e-9,
        hint=N_(
            "For each component in turn, raise only that one by its own step (never above 1), recompute the "
            "chain's output and note the rise. The weakest component is not always the best buy. Give the "
            "position in the list counting from 0."
        ),
    ),
    "Q5.3a": ValueQuestion(
        points=1,
        expected=lambda: float(best_split(EXERCISE_PIPELINE)[0]),
        tolerance=5e-3,
        hint=N_(
            "Long-run output is a Cobb-Douglas function of the three budgets. Either use the chapter's rule "
            "for the best split, or evaluate long_run_innovations on a fine grid of splits that add up to 1."
        ),
    ),
    "Q5.3b": ValueQuestion(
        points=1,
        expected=lambda: float(best_split(EXERCISE_PIPELINE)[1]),
        tolerance=5e-3,
        hint=N_("The same rule or search as in (a); read off the applied-research share, as a decimal."),
    ),
    "Q5.4": ValueQuestion(
        points=2,
        expected=_gain_from_best_split,
        tolerance=1e-3,
        hint=N_(
            "Compute long-run innovations at the best split and at the starting split (0.1, 0.3, 0.6), with "
            "the same parameters and collaboration; divide one by the other and subtract 1."
        ),
    ),
}
