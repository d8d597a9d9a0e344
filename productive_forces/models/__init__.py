"""Pure model functions over numpy arrays: no widgets, no plotting, no file access beyond the data loader."""

from .allocation import (
    aggregate_output,
    aggregate_tfp,
    efficient_capital,
    firm_output,
    marginal_product_of_capital,
)
from .growth import doubling_time, project
from .growth_accounting import GrowthAccounts, account_for_growth, decompose_growth
from .production import cobb_douglas, human_capital_index

__all__ = [
    "GrowthAccounts",
    "account_for_growth",
    "aggregate_output",
    "aggregate_tfp",
    "cobb_douglas",
    "decompose_growth",
    "doubling_time",
    "efficient_capital",
    "firm_output",
    "human_capital_index",
    "marginal_product_of_capital",
    "project",
]
