"""The colours every view shares, in a module of their own: the Board uses them without importing pyqtgraph
(which costs more than half a second on the first view's path)."""

from __future__ import annotations

__all__ = ["OKABE_ITO"]

# Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
