"""Models, data, widgets and exercise tooling for the course on new quality productive forces."""

__version__ = "0.1.0"
