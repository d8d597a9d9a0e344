"""Chapter 5 (putting it into practice): weakest links in a chain, and an innovation pipeline's budget."""

import numpy as np

from ..i18n import _, ngettext
from ..models.chains import best_component, chain_output, improvement_gains
from ..models.pipeline import DEFAULT_PARAMETERS, best_split, long_run_innovations, pipeline_path, split, transfer_rate
from . import N_
from .tables import listing

# How output falls with the number of parts when each works with the same probability (illustrative).
PART_QUALITIES = (0.99, 0.95, 0.90)
PART_COUNTS = (1, 5, 10, 20)
# The O-ring example (illustrative): five components, their qualities, and two ways effort lifts them.
COMPONENTS = (N_("materials"), N_("parts"), N_("chips"), N_("software"), N_("assembly"))
QUALITIES = (0.9, 0.8, 0.6, 0.75, 0.95)
EFFORT_CASES = (
    (N_("equal steps of 0.05"), 0.05),
    (N_("chips move only 0.02"), (0.05, 0.05, 0.02, 0.05, 0.05)),
)
# The pipeline example: the chapter's default parameters, a starting split of 10/20/70 and collaboration 0.3.
COLLABORATION = 0.3


def complexity_lines():
    """The output of a chain of 1 to 20 parts, for a few probabilities that each part works."""
    lines = []
    for quality in PART_QUALITIES:
        values = listing(
            ngettext("{count} part {output:.2f}", "{count} parts {output:.2f}", count).format(
                count=count, output=float(chain_output([quality] * count))
            )
            for count in PART_COUNTS
        )
        lines.append(_("Each part works with probability {quality:.2f}: output with {values}").format(
            quality=quality, values=values
        ))
    return "\n".join(lines)


def oring_example():
    """The chain's output under the O-ring and bottleneck rules, and what one step of effort buys where."""
    lines = [
        _("O-ring output {oring:.4f}; bottleneck output {bottleneck:.2f}").format(
            oring=float(chain_output(QUALITIES)), bottleneck=float(chain_output(QUALITIES, rule="min"))
        )
    ]
    names = [_(name) for name in COMPONENTS]
    for label, steps in EFFORT_CASES:
        gains = improvement_gains(QUALITIES, steps)
        best = best_component(QUALITIES, steps)
        listed = listing(
            _("{component} +{gain:.4f}").format(component=name, gain=gain) for name, gain in zip(names, gains)
        )
        lines.append(_("{case}: {gains}; best: {best}").format(case=_(label), gains=listed, best=names[best]))
    return "\n".join(lines)


def pipeline_numbers():
    """The best budget split, a 10/20/70 split beside it, more collaboration, and a cut to basic research."""
    params = DEFAULT_PARAMETERS
    best = best_split(params)
    start = split(0.10, 0.20)
    at_start = long_run_innovations(start, COLLABORATION, params)
    share_of_best = at_start / long_run_innovations(best, COLLABORATION, params)
    ratio = (transfer_rate(0.6, params) / transfer_rate(COLLABORATION, params)) ** 2
    cut = split(0.02, 0.20)  # eight points of the budget moved from basic research to industrial use
    path = pipeline_path(cut, COLLABORATION, np.arange(0, 12), previous_shares=start, params=params).innovations
    return "\n".join([
        _("Best split: basic {basic:.2%}, applied {applied:.2%}, industrial use {use:.2%}").format(
            basic=best[0], applied=best[1], use=best[2]
        ),
        _("Split 10/20/70 with collaboration 0.3: {innovations:.2f} innovations a year, {share:.0%} of the best split's").format(
            innovations=at_start, share=share_of_best
        ),
        _("Collaboration 0.3 -> 0.6: long-run innovations x {ratio:.2f}").format(ratio=ratio),
        _("Moving 8 points from basic research to use: {early:+.0%} in years 0-7, {late:+.0%} from year 8 on").format(
            early=path[0] / at_start - 1, late=path[-1] / at_start - 1
        ),
    ])
