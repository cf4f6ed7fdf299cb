"""pdsa-desk: a desktop workbench for sales teams that improve by experiment."""

__version__ = "0.1.0"
