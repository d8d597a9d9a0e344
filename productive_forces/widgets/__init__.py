"""Thin interactive views over the models: ipywidgets controls and a matplotlib figure."""

from .allocation import AllocationExplorer
from .elements import ThreeElementsExplorer
from .pipeline import InnovationPipelineExplorer
from .solow import GrowthPathsExplorer
from .tfp import TfpExplorer
from .timeline import RevolutionTimeline
from .value_chain import ValueChainExplorer
from .waves import TechnologyWavesExplorer
from .weakest_link import WeakestLinkExplorer

# In chapter order.
__all__ = [
    "GrowthPathsExplorer",
    "ValueChainExplorer",
    "ThreeElementsExplorer",
    "TfpExplorer",
    "AllocationExplorer",
    "RevolutionTimeline",
    "TechnologyWavesExplorer",
    "WeakestLinkExplorer",
    "InnovationPipelineExplorer",
]
