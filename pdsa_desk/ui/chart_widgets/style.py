"""Colours, number and date texts and the percent axis shared by the chart widgets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pyqtgraph as pg
from PySide6.QtGui import QColor

from pdsa_desk.ui import formatting, plotting
from pdsa_desk.ui.plotting import OKABE_ITO

#: Stage colours for flow and funnel charts (Okabe-Ito without vermillion, kept for signals).
STAGE_COLOURS = [OKABE_ITO[k] for k in ("sky", "blue", "green", "orange", "purple", "yellow", "black")]


def with_alpha(hex_code: str, alpha: int = 255) -> QColor:
    c = QColor(hex_code)
    c.setAlpha(alpha)
    return c


def date_text(ts: Any) -> str:
    """A day in the one short date style (see :mod:`pdsa_desk.ui.formatting`)."""
    return formatting.date_short(ts)


def month_text(ts: Any) -> str:
    """A month and its year: ``December 2026``."""
    return formatting.month_year(ts)


def count_text(value: int) -> str:
    return formatting.count(value)


class PercentAxis(pg.AxisItem):
    """A value axis for proportions, labelled 0%..100%: a range may reach a little beyond, so that points at
    0% and 100% are drawn whole, but no tick names a rate below 0% or above 100%."""

    def __init__(self, orientation: str, **kwargs: Any) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values: Sequence[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        decimals = 0 if spacing * 100 >= 1 else 1
        return [formatting.pct(v, decimals) if -1e-9 <= v <= 1 + 1e-9 else "" for v in values]


def style_axis(ax: pg.AxisItem) -> None:
    fg = plotting.text_colour()
    ax.setPen(pg.mkPen(fg))
    ax.setTextPen(pg.mkPen(fg))
