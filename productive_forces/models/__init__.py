"""Pure model functions over numpy arrays: no widgets, no plotting, no file access beyond the data loader.

One module per topic, in the order the chapters use them.
"""

# Chapter 1: the Solow model and the input-process-output chain.
from .solow import (
    balanced_growth_rate,
    convergence_rate,
    growth_paths,
    steady_state_capital,
    steady_state_effective_capital,
    steady_state_output,
)
from .solow import simulate as simulate_solow
from .value_chain import chain_values, decompose_value, output_value

# Chapter 2: the three elements and structural change.
from .elements import element_contributions, equipment_quality, labour_productivity, years_of_schooling
from .production import cobb_douglas, human_capital_index
from .structure import ShiftShare, aggregate_productivity, shift_share, two_sector_productivity

# Chapter 3: growth accounting, allocation, compound growth.
from .allocation import (
    aggregate_output,
    aggregate_tfp,
    efficient_capital,
    firm_output,
    marginal_product_of_capital,
)
from .growth import doubling_time, project
from .growth_accounting import GrowthAccounts, account_for_growth, decompose_growth

# Chapter 4: technology diffusion and long-run growth.
from .diffusion import (
    fit_logistic,
    growth_rates,
    logistic,
    productivity_growth,
    steady_equivalent,
    takeover_time,
    wave_midpoints,
    wave_productivity,
    year_reaching,
)
from .longrun import average_growth, first_year_ahead, interpolate_log, observed_value, year_lead_holds_from

# Chapter 5: weakest-link chains and the innovation pipeline.
from .chains import best_component, chain_output, improvement_gains, marginal_products
from .pipeline import (
    PipelineParameters,
    best_split,
    long_run_innovations,
    pipeline_path,
    stage_capacity,
    transfer_rate,
)

__all__ = [
    "GrowthAccounts",
    "PipelineParameters",
    "ShiftShare",
    "account_for_growth",
    "aggregate_output",
    "aggregate_productivity",
    "aggregate_tfp",
    "average_growth",
    "balanced_growth_rate",
    "best_component",
    "best_split",
    "chain_output",
    "chain_values",
    "cobb_douglas",
    "convergence_rate",
    "decompose_growth",
    "decompose_value",
    "doubling_time",
    "efficient_capital",
    "element_contributions",
    "equipment_quality",
    "firm_output",
    "first_year_ahead",
    "fit_logistic",
    "growth_paths",
    "growth_rates",
    "human_capital_index",
    "improvement_gains",
    "interpolate_log",
    "labour_productivity",
    "logistic",
    "long_run_innovations",
    "marginal_product_of_capital",
    "marginal_products",
    "observed_value",
    "output_value",
    "pipeline_path",
    "productivity_growth",
    "project",
    "shift_share",
    "simulate_solow",
    "stage_capacity",
    "steady_equivalent",
    "steady_state_capital",
    "steady_state_effective_capital",
    "steady_state_output",
    "takeover_time",
    "transfer_rate",
    "two_sector_productivity",
    "wave_midpoints",
    "wave_productivity",
    "year_lead_holds_from",
    "year_reaching",
    "years_of_schooling",
]
