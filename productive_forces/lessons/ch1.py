"""Chapter 1 (the features of new quality productive forces): the worked numbers and tables.

The Solow examples use illustrative parameters; the growth accounting for China uses the Penn
World Table 10.01 (alternative GDP series, as in chapter 3).
"""

import numpy as np

from ..i18n import _
from ..models import account_for_growth
from ..models.solow import (
    balanced_growth_rate,
    convergence_rate,
    growth_paths,
    steady_state_capital,
    steady_state_output,
)
from ..models.value_chain import STAGES, decompose_value, output_value
from .tables import html_table

# The worked examples (illustrative values): alpha 1/3 (the book writes the capital share as 1/3 throughout),
# depreciation 5%, labour growth 1%.
ALPHA, DEPRECIATION, LABOUR_GROWTH = 1 / 3, 0.05, 0.01
TABLE_YEARS = (1, 5, 10, 20, 30, 40, 50, 60)
TFP_GROWTH_RATES = (0.01, 0.02, 0.03)
# The value-chain example: input, process and output each multiply value by these factors.
CHAIN_FACTORS = (1.4, 1.25, 1.3)


def steady_state_example():
    """The steady state of the worked example, and how much a higher saving rate raises it."""
    k_star = steady_state_capital(0.25, ALPHA, DEPRECIATION, LABOUR_GROWTH)
    y_star = steady_state_output(0.25, ALPHA, DEPRECIATION, LABOUR_GROWTH)
    high, low = 0.30, 0.20
    gain = steady_state_output(high, ALPHA, DEPRECIATION, LABOUR_GROWTH) / steady_state_output(
        low, ALPHA, DEPRECIATION, LABOUR_GROWTH
    )
    return "\n".join([
        _("k* = {capital:.2f}, y* = {output:.2f}").format(capital=float(k_star), output=float(y_star)),
        _("Saving {high:.0%} instead of {low:.0%} raises steady-state output per worker by {gain:.1%}").format(
            high=high, low=low, gain=float(gain) - 1
        ),
    ])


def saving_table():
    """Output per worker after saving rises from 20% to 40%, with no TFP growth (illustrative)."""
    factor, _unused = growth_paths(
        saving=0.40, alpha=ALPHA, depreciation=DEPRECIATION, labour_growth=LABOUR_GROWTH, tfp_growth=0.0
    )
    level = factor.output / factor.output[0]
    rows = [[year, f"{level[year]:.3f}", f"{100 * factor.growth[year - 1]:.2f}"] for year in TABLE_YEARS]
    return html_table(
        _("Saving raised from 20% to 40% in year 0, no TFP growth (illustrative parameters)"),
        [_("Year"), _("Output per worker (year 0 = 1)"), _("Growth that year, %")],
        rows,
    )


def convergence_line():
    """How fast the worked example closes its gap to the steady state."""
    rate = float(convergence_rate(ALPHA, DEPRECIATION, LABOUR_GROWTH))
    half_life = np.log(2) / -np.log(1 - rate)
    return _("Share of the gap closed each year: {rate:.1%}; half of the gap closes in {years:.0f} years").format(
        rate=rate, years=half_life
    )


def balanced_growth_lines():
    """Growth of output per worker on the balanced growth path, for a few TFP growth rates."""
    return "\n".join(
        _("TFP growth {tfp:.0%} a year, alpha = 1/3: output per worker grows {growth:.2%} a year").format(
            tfp=rate, growth=float(balanced_growth_rate(rate, ALPHA))
        )
        for rate in TFP_GROWTH_RATES
    )


def stage_names():
    """The three stages of production, as shown to the reader, keyed by the models' names."""
    names = {"input": _("input"), "process": _("process"), "output": _("output")}
    return {stage: names[stage] for stage in STAGES}


def value_chain_example():
    """The value of output in the value-chain example, and each stage's part of the change."""
    parts = decompose_value(*CHAIN_FACTORS)
    lines = [_("Value of output: x{value:.3f} the baseline").format(value=float(output_value(*CHAIN_FACTORS)))]
    for stage, name in stage_names().items():
        part = float(getattr(parts, stage))
        lines.append(
            _("{stage:>8}: {points:5.1f} log points, {share:.0%} of the change").format(
                stage=name, points=part, share=part / float(parts.total)
            )
        )
    lines.append(_("{stage:>8}: {points:5.1f} log points").format(stage=_("total"), points=float(parts.total)))
    return "\n".join(lines)


def china_accounts():
    """Growth accounting for China, 1978-2019, in two sentences."""
    accounts = account_for_growth("CHN", 1978, 2019)
    return _(
        "China 1978-2019 (PWT 10.01, alternative GDP series): output per worker grew {growth:.1f}% a year;\n"
        "capital deepening contributed {capital:.1f} points ({capital_share:.0%} of the total), human capital "
        "{human:.1f} and the TFP residual {tfp:.1f}."
    ).format(
        growth=100 * accounts.output_per_worker,
        capital=100 * accounts.capital_deepening,
        capital_share=accounts.capital_deepening / accounts.output_per_worker,
        human=100 * accounts.human_capital,
        tfp=100 * accounts.tfp,
    )
