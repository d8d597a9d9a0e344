"""Checks for chapter 4's exercise: overtaking and growth in the Maddison data, and diffusion curves.

Question Q4.5 is a written answer graded by hand, so it has no entry here (the grader marks it "manual").
"""

from ...data import load_maddison
from ...i18n import N_
from ...models.diffusion import fit_logistic, year_reaching
from ...models.longrun import average_growth, first_year_ahead, year_lead_holds_from
from .kinds import FunctionQuestion, ValueQuestion

# Illustrative adoption shares for Q4.4: 20% of firms in 1915, 60% in 1925.
OBSERVED_ADOPTION = (1915, 0.2, 1925, 0.6)


def maddison_growth(code, start, end):
    """Compound average annual growth of GDP per capita between two observed years (the reference)."""
    return average_growth(*load_maddison(code), start, end)


QUESTIONS = {
    "Q4.1a": ValueQuestion(
        points=2,
        expected=lambda: first_year_ahead(*load_maddison("USA"), *load_maddison("GBR")),
        tolerance=0,
        hint=N_(
            "Compare only years that appear in both series (numpy's intersect1d finds them), and look for "
            "the earliest of them in which the United States value is the larger."
        ),
    ),
    "Q4.1b": ValueQuestion(
        points=1,
        expected=lambda: year_lead_holds_from(*load_maddison("USA"), *load_maddison("GBR")),
        tolerance=0,
        hint=N_(
            "Look at every common year, not only the first crossing: find the last common year in which "
            "Britain was level or ahead; the answer is the next common year."
        ),
    ),
    "Q4.2": FunctionQuestion(
        points=2,
        reference=maddison_growth,
        signature="growth_rate(code, start, end)",
        cases=(("GBR", 1820, 1870),),
        tolerance=1e-6,
        hint=N_(
            "Look the two values up by year, not by position (before 1950 the years are unevenly spaced); "
            "divide the later by the earlier, take the (end - start)-th root and subtract 1."
        ),
    ),
    "Q4.2-hidden": FunctionQuestion(
        points=1,
        reference=maddison_growth,
        signature="growth_rate(code, start, end)",
        cases=(("USA", 1870, 1913), ("CHN", 1950, 2022), ("CHN", 1820, 1870), ("JPN", 1870, 1913), ("DEU", 1913, 1950)),
        tolerance=1e-6,
        hint=N_("Your function should work for any economy in the extract and any two observed years."),
    ),
    "Q4.3": FunctionQuestion(
        points=1,
        reference=year_reaching,
        signature="adoption_year(share, midpoint, speed)",
        cases=((0.9, 1925, 0.15),),
        tolerance=1e-6,
        hint=N_(
            "Write share = 1 / (1 + exp(-speed * (t - midpoint))), rearrange it to "
            "exp(-speed * (t - midpoint)) = (1 - share) / share, take logs and solve for t."
        ),
    ),
    "Q4.3-hidden": FunctionQuestion(
        points=1,
        reference=year_reaching,
        signature="adoption_year(share, midpoint, speed)",
        cases=((0.5, 1960, 0.3), (0.1, 2000, 0.08), (0.99, 1900, 0.5), (0.25, 1850, 0.05)),
        tolerance=1e-6,
        hint=N_("Your function should work for any share between 0 and 1, shares below a half included."),
    ),
    "Q4.4": ValueQuestion(
        points=2,
        expected=lambda: fit_logistic(*OBSERVED_ADOPTION)[0],
        tolerance=0.01,
        hint=N_(
            "A straight line between the two shares is not a logistic curve. Use the log-odds "
            "ln(p / (1 - p)), which a logistic curve makes rise in a straight line over time."
        ),
    ),
}
