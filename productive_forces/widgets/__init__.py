"""Thin interactive views over the models: ipywidgets controls and a matplotlib figure."""

from .allocation import AllocationExplorer
from .tfp import TfpExplorer

__all__ = ["AllocationExplorer", "TfpExplorer"]
