"""Colours, number and date texts and the percent axis shared by the chart widgets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QColor

from pdsa_desk.ui import plotting
from pdsa_desk.ui.plotting import OKABE_ITO

#: Stage colours for flow and funnel charts (Okabe-Ito without vermillion, kept for signals).
STAGE_COLOURS = [OKABE_ITO[k] for k in ("sky", "blue", "green", "orange", "purple", "yellow", "black")]


def with_alpha(hex_code: str, alpha: int = 255) -> QColor:
    c = QColor(hex_code)
    c.setAlpha(alpha)
    return c


def date_text(ts: Any, fmt: str = "d MMM yyyy") -> str:
    return QLocale().toString(QDate(ts.year, ts.month, ts.day), fmt)


def count_text(value: int) -> str:
    return QLocale().toString(int(value))


class PercentAxis(pg.AxisItem):
    """A value axis for proportions, labelled 0%..100%."""

    def tickStrings(self, values: Sequence[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        decimals = 0 if spacing * 100 >= 1 else 1
        return [f"{100 * v:.{decimals}f}%" for v in values]


def style_axis(ax: pg.AxisItem) -> None:
    fg = plotting.text_colour()
    ax.setPen(pg.mkPen(fg))
    ax.setTextPen(pg.mkPen(fg))
