"""The weekly session report's content: what it says, as plain data (no Qt).

* :mod:`~pdsa_desk.core.report.weeks` — ISO weeks (``2026-W47``) and the moment a week is read as of;
* :mod:`~pdsa_desk.core.report.content` — the dataclasses (:class:`ReportContent` and its sections);
* :mod:`~pdsa_desk.core.report.collect` — :func:`~pdsa_desk.core.report.collect.collect_report`, which reads
  them from a workspace;
* :mod:`~pdsa_desk.core.report.monthly` — the monthly review for sales and marketing managers
  (:func:`~pdsa_desk.core.report.monthly.collect_monthly`: conversion by channel, initiatives and their
  overlaps, forecast accuracy, cycles decided, calibration).

This package re-exports the first two only: they import nothing heavy, so the command line checks ``--week``
at once. Import ``collect_report`` from :mod:`pdsa_desk.core.report.collect` (it loads pandas and the
analysis). The PDF (layout, pages, charts drawn with Qt) is :mod:`pdsa_desk.ui.report`; it only presents
this content.
"""

from __future__ import annotations

from pdsa_desk.core.report.content import ACTIVE, CycleSection, ReportContent, SignalSection, WipRow
from pdsa_desk.core.report.weeks import iso_week_bounds, parse_iso_week, resolve_week

__all__ = [
    "ACTIVE",
    "CycleSection",
    "ReportContent",
    "SignalSection",
    "WipRow",
    "iso_week_bounds",
    "parse_iso_week",
    "resolve_week",
]
