"""A three-stage chain of production: input, process, output.

Each stage multiplies the value passing through it, relative to a baseline chain where all three
multipliers are 1:

* input (high technology): basic inputs X become effective inputs T * X, where T is the
  technology embodied in workers' skills, equipment and materials;
* process (high efficiency): effective inputs become output quantity Q = E * T * X, where E is
  the efficiency of conversion (output per unit of effective input);
* output (high quality): each unit sells at price p(q) = p0 * q**theta, where q is quality and
  theta the premium buyers pay for it (theta = 1: price proportional to quality).

The value of output is V = p0 * q**theta * E * T * X. Because the stages multiply, their
contributions add in logarithms:

    ln(V1 / V0) = ln(T1 / T0) + ln(E1 / E0) + theta * ln(q1 / q0),

so a change can be split exactly into the part each stage brings. The numbers are a device for
thinking, not estimates.
"""

from typing import NamedTuple

import numpy as np

from ..i18n import _
from ..validation import require_positive

STAGES = ("input", "process", "output")
FEATURES = {"input": "high technology", "process": "high efficiency", "output": "high quality"}


class ChainValues(NamedTuple):
    """The value after each stage: effective inputs, output quantity and value of output."""

    effective_inputs: np.ndarray
    output_quantity: np.ndarray
    output_value: np.ndarray


class Contributions(NamedTuple):
    """Log change of output value, 100 * ln(V1 / V0) in log points, split by stage."""

    input: np.ndarray
    process: np.ndarray
    output: np.ndarray
    total: np.ndarray


def chain_values(technology, efficiency, quality, base_inputs=1.0, quality_premium=1.0, base_price=1.0):
    """Effective inputs T * X, output Q = E * T * X and value V = p0 * q**theta * Q; arrays broadcast."""
    technology = require_positive("technology", technology)
    efficiency = require_positive("efficiency", efficiency)
    quality = require_positive("quality", quality)
    base_inputs = require_positive("base_inputs", base_inputs)
    quality_premium = require_positive("quality_premium", quality_premium)
    base_price = require_positive("base_price", base_price)
    effective_inputs = technology * base_inputs
    output_quantity = efficiency * effective_inputs
    return ChainValues(effective_inputs, output_quantity, base_price * quality**quality_premium * output_quantity)


def output_value(technology, efficiency, quality, base_inputs=1.0, quality_premium=1.0, base_price=1.0):
    """The value of output V = p0 * q**theta * E * T * X."""
    return chain_values(technology, efficiency, quality, base_inputs, quality_premium, base_price).output_value


def decompose_value(technology, efficiency, quality, baseline=(1.0, 1.0, 1.0), quality_premium=1.0):
    """Each stage's contribution, in log points, to the change in value from the baseline chain.

    `baseline` is (technology, efficiency, quality) of the chain compared with; basic inputs and
    the base price are the same in both, so they cancel. input + process + output == total.
    """
    technology = require_positive("technology", technology)
    efficiency = require_positive("efficiency", efficiency)
    quality = require_positive("quality", quality)
    quality_premium = require_positive("quality_premium", quality_premium)
    start = require_positive("baseline", baseline)
    if start.shape != (3,):
        raise ValueError(
            _("baseline must be three numbers (technology, efficiency, quality), got {value!r}").format(value=baseline)
        )
    parts = (
        100 * np.log(technology / start[0]),
        100 * np.log(efficiency / start[1]),
        100 * quality_premium * np.log(quality / start[2]),
    )
    total = 100 * np.log(
        output_value(technology, efficiency, quality, quality_premium=quality_premium)
        / output_value(*start, quality_premium=quality_premium)
    )
    return Contributions(*parts, total)
