"""The three elements of productive forces in the language of a production function.

Output per worker in the traditional sector is y = A * (q * k)**alpha * h**(1 - alpha):

- labourers: schooling s raises the human-capital index h = human_capital_index(s);
- means of labour: each instrument generation multiplies the productivity of a unit of equipment
  by `equipment_step`, so its quality is q = equipment_step**generation (an illustrative mapping);
- subjects of labour: a share of workers moves to new sectors whose output per worker is
  `relative_productivity` times the traditional sector's.

Because the three act as factors of a product, their contributions add up in logs.
"""

from dataclasses import dataclass

import numpy as np

from ..i18n import N_, _
from ..validation import as_array, require_between, require_non_negative, require_open_unit, require_positive
from .production import SCHOOLING_RETURNS, cobb_douglas, human_capital_index
from .structure import two_sector_productivity


ELEMENTS = ("labourers", "means of labour", "subjects of labour")
# English names, marked for translation: widgets show them through `_` when they are drawn.
INSTRUMENT_GENERATIONS = (
    N_("hand tools"), N_("steam engine"), N_("electric motor"), N_("digital tools"), N_("intelligent tools"),
)


def years_of_schooling(human_capital):
    """Years of schooling s that give human_capital_index(s) == human_capital (the inverse; h >= 1)."""
    human_capital = as_array("human_capital", human_capital)
    if np.any(human_capital < 1):
        raise ValueError(
            _("{name} must be 1 or more (1 is the index for no schooling), got {value!r}").format(
                name="human_capital", value=human_capital
            )
        )
    log_index = np.log(human_capital)
    years = np.zeros_like(log_index)
    for span, rate in SCHOOLING_RETURNS:
        years_in_band = np.minimum(log_index / rate, span)
        years = years + years_in_band
        log_index = log_index - rate * years_in_band
    return years


def equipment_quality(generation, equipment_step):
    """Productivity of a unit of equipment relative to generation 0: equipment_step**generation."""
    generation = require_non_negative("generation", generation)
    equipment_step = require_positive("equipment_step", equipment_step)
    return equipment_step**generation


def labour_productivity(
    schooling, generation, new_share, *, alpha, equipment_step, relative_productivity,
    capital_per_worker=1.0, tfp=1.0,
):
    """Output per worker of the whole economy for given schooling, instrument generation and new-sector share."""
    schooling = require_non_negative("schooling", schooling)
    new_share = require_between("new_share", new_share, 0.0, 1.0)
    relative_productivity = require_positive("relative_productivity", relative_productivity)
    capital_per_worker = require_positive("capital_per_worker", capital_per_worker)
    quality = equipment_quality(generation, equipment_step)
    traditional = cobb_douglas(
        tfp, quality * capital_per_worker, 1.0, alpha, human_capital=human_capital_index(schooling)
    )
    return two_sector_productivity(new_share, traditional, relative_productivity * traditional)


@dataclass(frozen=True)
class ElementContributions:
    """Log differences from a baseline economy: each element's part and the total (0.69 is a doubling)."""

    labourers: float
    means_of_labour: float
    subjects_of_labour: float
    total: float

    @property
    def multiple(self):
        """Output per worker as a multiple of the baseline's."""
        return float(np.exp(self.total))


def element_contributions(
    schooling, generation, new_share, *, alpha, equipment_step, relative_productivity,
    baseline=(0.0, 0.0, 0.0),
):
    """Each element's contribution to log output per worker relative to `baseline`.

    `baseline` is (schooling, generation, new_share) of the economy compared with. The parts are
    (1 - alpha) * change in log h, alpha * change in generation * log equipment_step, and the change
    in log(1 + new_share * (relative_productivity - 1)); `total` is computed from the levels.
    """
    alpha = float(require_open_unit("alpha", alpha))
    schooling = require_non_negative("schooling", schooling)
    if len(baseline) != 3:
        raise ValueError(_("baseline must be (schooling, generation, new_share), got {value!r}").format(value=baseline))
    parameters = {"alpha": alpha, "equipment_step": equipment_step, "relative_productivity": relative_productivity}
    now = labour_productivity(schooling, generation, new_share, **parameters)
    before = labour_productivity(*baseline, **parameters)
    base_schooling, base_generation, base_share = baseline
    relative = float(relative_productivity)
    return ElementContributions(
        labourers=float((1 - alpha) * np.log(human_capital_index(schooling) / human_capital_index(base_schooling))),
        means_of_labour=float(alpha * (generation - base_generation) * np.log(equipment_step)),
        subjects_of_labour=float(
            np.log((1 + new_share * (relative - 1)) / (1 + base_share * (relative - 1)))
        ),
        total=float(np.log(now / before)),
    )
