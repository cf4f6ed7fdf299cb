"""How the Study tab and the weekly report's PDF name the marketing initiatives that overlap a cycle's test
(:mod:`pdsa_desk.core.confounders` decides which): the verdict's caution and one line per initiative."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication

__all__ = ["advice", "caution", "line"]


def caution(found: Sequence[Any]) -> str:
    """The verdict's caution naming the overlapping initiatives ("" when none overlaps); plain text."""
    if not found:
        return ""
    names = ", ".join(f"“{c.name}”" for c in found)
    if len(found) == 1:
        return QCoreApplication.translate(
            "Confounders", "Caution: marketing initiative {0} overlapped this test and could explain the change."
        ).format(names)
    return QCoreApplication.translate(
        "Confounders", "Caution: marketing initiatives {0} overlapped this test and could explain the change."
    ).format(names)


def line(c: Any) -> str:
    """One initiative: what it aimed at, when, which window it overlaps and whom to ask (HTML)."""
    if c.channel:
        channel = QCoreApplication.translate("Confounders", "channel {0}").format(c.channel)
    else:
        channel = QCoreApplication.translate("Confounders", "every channel")
    if c.stage:
        stage = QCoreApplication.translate("Confounders", "stage {0}").format(c.stage)
    else:
        stage = QCoreApplication.translate("Confounders", "the whole funnel")
    if c.ends_on is not None:
        last = c.ends_on.strftime("%d %b %Y")
    else:
        last = QCoreApplication.translate("Confounders", "still running")
    dates = QCoreApplication.translate("Confounders", "{0} to {1}").format(c.starts_on.strftime("%d %b %Y"), last)
    if tuple(c.windows) == ("cycle",):
        where = QCoreApplication.translate("Confounders", "the cycle's window")
    elif tuple(c.windows) == ("baseline",):
        where = QCoreApplication.translate("Confounders", "the baseline window")
    else:
        where = QCoreApplication.translate("Confounders", "both the cycle's and the baseline window")
    owner = QCoreApplication.translate("Confounders", " — ask {0}").format(c.owner) if c.owner else ""
    return QCoreApplication.translate("Confounders", "“{0}” ({1}, {2}; {3}) overlaps {4}{5}.").format(
        escape(c.name), escape(channel), escape(stage), dates, where, escape(owner))


def advice() -> str:
    return QCoreApplication.translate(
        "Confounders", "A campaign aimed at the same customers can move the rate as much as the tactic. Before "
        "deciding, ask marketing what reached these customers and say in the interpretation how you ruled it out.")
