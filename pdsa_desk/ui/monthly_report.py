"""The monthly review for sales and marketing managers as an A4 PDF (``pdsa-desk report --month`` and the
"Monthly review (PDF)…" button beside the weekly report).

The content comes from :func:`pdsa_desk.core.report.monthly.collect_monthly` (core, no Qt); this module only
lays it out with the PDF engine of :mod:`pdsa_desk.ui.pdf`: the title, conversion by channel (channels side
by side with their intervals, by transition, never ranked), the initiatives that ran and the cycles each
could confound, the forecasts of the periods that ended with each forecaster's bias and accuracy (listed by
name), the cycles decided in the month, and the prediction calibration (team and per owner).
"""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QGuiApplication, QPainter, QPen

from pdsa_desk.ui import formatting
from pdsa_desk.ui.formatting import interval, pct
from pdsa_desk.ui.i18n import text, tr
from pdsa_desk.ui.pdf import ACCENT, MARGIN_X, MM, MUTED, RULE, Block, Column, Heading, Style, Table, Text, write_pdf
from pdsa_desk.ui.pdf import esc as _esc

if TYPE_CHECKING:
    from pdsa_desk.core.database import Workspace
    from pdsa_desk.core.report.monthly import MonthlyContent

__all__ = ["build_monthly_blocks", "render_monthly", "write_monthly"]


def _month_label(c: MonthlyContent) -> str:
    return f"{QLocale().standaloneMonthName(c.month)} {c.year}"


def _day(d: Any) -> str:
    """A day in the one short style of the app and the weekly report (``11/24/2026``, ``24.11.2026``)."""
    return formatting.date_short(d)


def _period(start: Any, end: Any) -> str:
    from pdsa_desk.core.services import period_kind

    if period_kind(start, end) == "quarter":
        return tr("Q{0} {1}").format((start.month - 1) // 3 + 1, start.year)
    return f"{QLocale().monthName(start.month, QLocale.FormatType.ShortFormat)} {start.year}"


def _signed(value: float | None, unit: str) -> str:
    """A signed whole number with its unit: ``+5 pp``; ``unit`` "%" is written the language's way (``−3 %``)."""
    if value is None:
        return "—"
    sign = "−" if round(value) < 0 else "+"
    if unit == "%":
        return sign + formatting.pct(abs(value) / 100, 0)
    return sign + formatting.number(abs(value)) + unit


def _title_blocks(c: MonthlyContent) -> list[Block]:
    as_of = c.as_of.astimezone(UTC)
    when = f"{_day(as_of.date())} {formatting.time_of_day(as_of, local=False)}"
    lines = [tr("Days in the time zone {0}; figures as of {1} UTC.").format(c.time_zone, when)]
    lines += [text(note) for note in c.notes]  # core's Messages, in the UI's language
    return [
        Text(_esc(tr("MONTHLY REVIEW — SALES AND MARKETING")), 9, bold=True, colour=ACCENT),
        Text(_esc(c.workspace), 20, bold=True, space_before=1.5 * MM),
        Text(_esc(f"{_month_label(c)} · {_day(c.first_day)} – {_day(c.last_day)}"), 12, space_before=1.5 * MM),
        Text("<br>".join(_esc(line) for line in lines), 9.5, colour=MUTED, space_before=2 * MM),
    ]


def _conversion_blocks(c: MonthlyContent) -> list[Block]:
    blocks: list[Block] = [Heading(tr("Conversion by channel"), 1)]
    when = c.conversion_as_of.astimezone(UTC) if c.conversion_as_of is not None else None
    blocks.append(Text(_esc(tr(
        "Customers who first entered the stage during the month, by the channel they came through; outcomes as "
        "known on {0}. Channels in alphabetical order, with their 95% intervals — side by side, not a ranking.")
        .format(_day(when.date()) if when is not None else "—")), 9.5, colour=MUTED, space_before=1 * MM))
    if not c.conversion:
        blocks.append(Text(_esc(tr("No customer entered a stage during the month."))))
        return blocks
    by_transition: dict[str, list[Any]] = {}
    for row in c.conversion:
        by_transition.setdefault(row.transition, []).append(row)
    for transition, rows in by_transition.items():
        blocks.append(Heading(transition, 3))
        table = [[row.channel or tr("(no channel)"), str(row.x), str(row.n), pct(row.rate) if row.rate is not None
                  else "—", interval(row.low, row.high) if row.low is not None else "—", str(row.pending)]
                 for row in rows]
        blocks.append(Table([Column(tr("Channel"), 2.4), Column(tr("Converted"), 1.2, "right"),
                             Column(tr("Customers"), 1.2, "right"), Column(tr("Rate"), 1.0, "right"),
                             Column(tr("95% interval"), 1.6, "right"), Column(tr("Pending"), 1.1, "right")],
                            table, size=8.5))
    return blocks


def _initiative_blocks(c: MonthlyContent) -> list[Block]:
    blocks: list[Block] = [Heading(tr("Marketing initiatives and the cycles they overlap"), 1)]
    if not c.initiatives:
        blocks.append(Text(_esc(tr("No marketing initiative ran during the month."))))
        return blocks
    rows = []
    for item in c.initiatives:
        i = item.initiative
        last = _day(i.ends_on) if i.ends_on is not None else tr("still running")  # not in the f-string: lupdate
        when = f"{_day(i.starts_on)} – {last}"  # does not look into one
        aim = ", ".join([i.channel or tr("every channel"), item.stage or tr("whole funnel")])
        overlaps = "; ".join(title for title, _conf in item.cycles) or tr("none")
        rows.append([i.name, aim, when, i.owner or "—", overlaps])
    blocks.append(Table([Column(tr("Initiative"), 2.2), Column(tr("Aimed at"), 2.0), Column(tr("Dates"), 2.2),
                         Column(tr("Owner"), 1.2), Column(tr("Could confound"), 2.6)], rows, size=8.5))
    return blocks


def _forecast_blocks(c: MonthlyContent) -> list[Block]:
    from pdsa_desk.ui.forecast_edits import metric_label, role_label

    blocks: list[Block] = [Heading(tr("Forecasts against actuals"), 1)]
    if not c.forecasts:
        blocks.append(Text(_esc(tr("No forecast was for a period that ended this month."))))
    else:
        rows = [[_period(f.period_start, f.period_end), f.forecaster, role_label(f.role), metric_label(f.metric)
                 + (f": {f.stage}" if f.stage else ""), f.scope or tr("whole workspace"), formatting.number(f.forecast),
                 "—" if f.actual is None else formatting.number(f.actual), _signed(f.pct_error, "%"),
                 tr("late") if f.late else ""] for f in c.forecasts]
        blocks.append(Table([Column(tr("Period"), 1.1), Column(tr("Forecaster"), 1.5), Column(tr("Role"), 1.1),
                             Column(tr("What"), 1.8), Column(tr("For"), 1.5), Column(tr("Forecast"), 1.1, "right"),
                             Column(tr("Actual"), 1.1, "right"), Column(tr("Error %"), 1.0, "right"),
                             Column("", 0.7)], rows, size=8.5))
    blocks.append(Heading(tr("Each forecaster over their last four closed periods"), 3))
    if not c.accuracy:
        blocks.append(Text(_esc(tr("No closed period has a forecast yet."))))
        return blocks
    blocks.append(Text(_esc(tr("Bias: mean error in % of the actual (positive = optimistic). Accuracy: mean absolute "
                               "% error. Listed by name, not ranked.")), 9, colour=MUTED))
    blocks.append(Table([Column(tr("Forecaster"), 2.0), Column(tr("Counted"), 1.0, "right"),
                         Column(tr("Bias"), 1.0, "right"), Column(tr("Accuracy"), 1.2, "right"),
                         Column(tr("Left out (actual 0)"), 1.5, "right"), Column(tr("Late"), 0.8, "right")],
                        [[a.forecaster, str(a.n), _signed(a.bias, "%"),
                          formatting.pct(None if a.mape is None else a.mape / 100, 0),
                          str(a.zero_actuals), str(a.late)] for a in c.accuracy], size=8.5))
    return blocks


def _cycle_blocks(c: MonthlyContent) -> list[Block]:
    blocks: list[Block] = [Heading(tr("Cycles decided this month"), 1)]
    rows = [[cycle.title, label, _day(cycle.decided_at.date()) if cycle.decided_at else "—"]
            for label, cycles in ((tr("Adopted"), c.adopted), (tr("Adapted"), c.adapted),
                                  (tr("Abandoned"), c.abandoned)) for cycle in cycles]
    if not rows:
        blocks.append(Text(_esc(tr("No cycle was decided this month."))))
    else:
        blocks.append(Table([Column(tr("Cycle"), 3.0), Column(tr("Decision"), 1.2), Column(tr("Decided"), 1.4)],
                            rows, size=9))
    return blocks


def _calibration_blocks(c: MonthlyContent) -> list[Block]:
    blocks: list[Block] = [Heading(tr("Are our predictions calibrated?"), 1)]
    cal = c.calibration
    if cal is None or not cal.team.counted:
        blocks.append(Text(_esc(tr("No closed cycle has both a prediction and a result yet."))))
        return blocks
    blocks.append(Text(_esc(tr(
        "Every cycle closed by the month's end: its written prediction against the rate it observed. Bias is "
        "predicted minus observed in points (positive = optimistic); a calibrated team's predictions fall inside "
        "the cycle's 95% interval about 95% of the time.")), 9, colour=MUTED))
    rows = []
    for s in (cal.team, *cal.by_owner):
        inside = f"{s.inside} / {s.counted}" if s.counted else "—"
        rows.append([tr("Team") if s is cal.team else s.who, str(s.counted), pct(s.mean_predicted)
                     if s.mean_predicted is not None else "—", pct(s.mean_observed) if s.mean_observed is not None
                     else "—", _signed(s.bias_points, " pp"), inside, str(s.not_counted)])
    blocks.append(Table([Column(tr("Who"), 2.0), Column(tr("Cycles"), 0.9, "right"),
                         Column(tr("Mean predicted"), 1.3, "right"), Column(tr("Mean observed"), 1.3, "right"),
                         Column(tr("Bias"), 1.0, "right"), Column(tr("Inside the interval"), 1.4, "right"),
                         Column(tr("Not counted"), 1.1, "right")], rows, size=8.5))
    return blocks


def build_monthly_blocks(content: MonthlyContent) -> list[Block]:
    """The review's blocks in order (see the module docstring)."""
    return (_title_blocks(content) + _conversion_blocks(content) + _initiative_blocks(content)
            + _forecast_blocks(content) + _cycle_blocks(content) + _calibration_blocks(content))


def _draw_frame(p: QPainter, st: Style, c: MonthlyContent, number: int, total: int, size: QSizeF) -> None:
    """The footer: the workspace, the review's month and "Page N of M"."""
    width = size.width() - 2 * MARGIN_X
    small = st.font(8)
    p.save()
    p.setFont(small)
    fy = size.height() - 14 * MM
    p.setPen(QPen(RULE, 0.4))
    p.drawLine(QPointF(MARGIN_X, fy), QPointF(MARGIN_X + width, fy))
    p.setPen(MUTED)
    rect = QRectF(MARGIN_X, fy + 1.5 * MM, width, 5 * MM)
    left = tr("Monthly review · {0} · {1}").format(_month_label(c), c.workspace)
    page_text = tr("Page {0} of {1}").format(number, total)
    fm = st.metrics(small)
    left = fm.elidedText(left, Qt.TextElideMode.ElideRight, int(width - fm.horizontalAdvance(page_text) - 6 * MM))
    p.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), left)
    p.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), page_text)
    p.restore()


def render_monthly(content: MonthlyContent, path: str | Path) -> int:
    """Write the review as an A4 PDF (GUI thread); returns the page count."""
    if QGuiApplication.instance() is None:
        raise RuntimeError("render_monthly needs a QApplication")
    blocks = build_monthly_blocks(content)
    return write_pdf(path, blocks, title=f"{content.workspace} — {_month_label(content)}",
                     frame=lambda p, st, number, total, size: _draw_frame(p, st, content, number, total, size))


def write_monthly(ws: Workspace, path: str | Path, month: Any, *, now: Any = None, data: Any = None) -> int:
    """Collect and render (both here: the button runs the collection on the worker and calls render)."""
    from pdsa_desk.core.report.monthly import collect_monthly

    return render_monthly(collect_monthly(ws, month, now=now, data=data), path)
