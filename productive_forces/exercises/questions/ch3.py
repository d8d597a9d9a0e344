"""Checks for chapter 3's exercise: growth accounting, allocation and doubling time.

Question Q3.5 is a written answer graded by hand, so it has no entry here (the grader marks it "manual").
"""

from ...i18n import N_
from ...models import account_for_growth, aggregate_tfp, doubling_time, efficient_capital
from .kinds import FunctionQuestion, ValueQuestion


def _korea_accounts():
    return account_for_growth("KOR", 1990, 2019)


def _allocation_gain():
    tfp, labour, alpha, capital = (1.0, 2.0), (1.0, 1.0), 1 / 3, 10.0
    best = aggregate_tfp(tfp, efficient_capital(tfp, labour, capital, alpha), labour, alpha)
    equal = aggregate_tfp(tfp, (capital / 2, capital / 2), labour, alpha)
    return float(best / equal - 1)


QUESTIONS = {
    "Q3.1": ValueQuestion(
        points=3,
        expected=lambda: _korea_accounts().tfp,
        tolerance=1e-4,
        hint=N_(
            "Work in logs of output per worker (rgdpna / emp) and capital per worker (rnna / emp), "
            "divide each change by the number of years, and take alpha as one minus the mean "
            "labour share over 1990-2019, both end years included."
        ),
    ),
    "Q3.2": ValueQuestion(
        points=1,
        expected=lambda: _korea_accounts().tfp_share,
        tolerance=2e-3,
        hint=N_("Divide the residual by the growth rate of output per worker, both as decimals."),
    ),
    "Q3.3a": ValueQuestion(
        points=2,
        expected=lambda: float(efficient_capital((1.0, 2.0), (1.0, 1.0), 10.0, 1 / 3)[1]),
        tolerance=1e-3,
        hint=N_("At the efficient allocation both firms have the same marginal product of capital."),
    ),
    "Q3.3b": ValueQuestion(
        points=2,
        expected=_allocation_gain,
        tolerance=1e-3,
        hint=N_(
            "Compare total output at the efficient allocation with total output at an equal split; "
            "the inputs are the same, so the ratio of outputs is the ratio of TFPs."
        ),
    ),
    "Q3.4": FunctionQuestion(
        points=1,
        reference=doubling_time,
        signature="years_to_double(rate)",
        cases=((0.02,),),
        tolerance=1e-4,  # the rule of 70 misses by 0.0028 years at 2%: wrong, not "close"
        hint=N_("Solve (1 + rate)**t = 2 for t: take logs of both sides."),
    ),
    "Q3.4-hidden": FunctionQuestion(
        points=1,
        reference=doubling_time,
        signature="years_to_double(rate)",
        cases=((0.001,), (0.07,), (0.5,), (1.0,)),
        tolerance=1e-4,
        hint=N_("Your function should work for any positive growth rate, small or large, not only 2%."),
    ),
}
