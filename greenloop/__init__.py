"""greenloop: a provincial green, low-carbon, circular economy platform."""

__version__ = "0.1.0"
