"""The weekly session report as an A4 PDF, for the people who were not in the room.

Two steps, so that the slow part can run on a worker thread:

* :func:`pdsa_desk.core.report.collect.collect_report` (core, no Qt; safe on a worker
  thread) gathers what the report says into a :class:`ReportContent`: the
  agenda as of the end of the chosen ISO week, each active cycle's study and
  chart series, new chart signals, WIP breaches and the rep comparison;
* :func:`render_report` (GUI thread: it draws the chart widgets) composes that
  content into blocks and writes them with the PDF layout engine
  (:mod:`pdsa_desk.ui.pdf`). :func:`write_report` does both.

Layout (see :func:`expected_page_count`): page 1 is the title block and the
agenda (continuing on further pages if it is long); every active cycle (status
do, study or act) starts a page with its one-page PDSA summary, chart and
study (the chart shrinks a little when the texts are long); then a page with
the new chart signals (with their charts) and the WIP breaches; then a page
with the rep comparison tables. Every page has a footer with the workspace name and
"Page N of M". Charts are the app's own chart widgets drawn as vectors (see
:mod:`pdsa_desk.ui.pdf.chart`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QGuiApplication, QPainter, QPen

from pdsa_desk.core.report import CycleSection, ReportContent
from pdsa_desk.core.report.collect import Progress, collect_report
from pdsa_desk.core.verdict import VerdictKind, plain_verdict
from pdsa_desk.ui import formatting
from pdsa_desk.ui.formatting import chance, interval, p_value, pct, pp
from pdsa_desk.ui.i18n import QT_TRANSLATE_NOOP, text, tr
from pdsa_desk.ui.pdf import (
    ACCENT,
    GOOD,
    MARGIN_X,
    MM,
    MUTED,
    RULE,
    WARN,
    Banner,
    Block,
    Chart,
    Column,
    Heading,
    PageBreak,
    Style,
    Table,
    Text,
    write_pdf,
)
from pdsa_desk.ui.pdf import esc as _esc

if TYPE_CHECKING:
    from pdsa_desk.core.database import Workspace
    from pdsa_desk.core.models import Cycle
    from pdsa_desk.core.study import CycleStudy, TeamImprovement

__all__ = [
    "ReportInfo",
    "build_blocks",
    "expected_page_count",
    "render_report",
    "write_report",
]



#: The agenda's section names (core.agenda.Section), for the translation catalogue: translated at run time.
_SECTION_NAMES = (
    QT_TRANSLATE_NOOP("", "Decide (Act)"),
    QT_TRANSLATE_NOOP("", "Ready to study"),
    QT_TRANSLATE_NOOP("", "Cycles to start"),
    QT_TRANSLATE_NOOP("", "Running (Do)"),
    QT_TRANSLATE_NOOP("", "New chart signals"),
    QT_TRANSLATE_NOOP("", "Tell the team (marketing)"),
    QT_TRANSLATE_NOOP("", "Over the WIP limit"),
    QT_TRANSLATE_NOOP("", "Aging opportunities"),
    QT_TRANSLATE_NOOP("", "Reps over the active-cycle cap"),
    QT_TRANSLATE_NOOP("", "Forecast follow-up"),
)


def _week_label(c: ReportContent) -> str:
    return tr("Week {0}, {1}").format(c.week, c.year)


def _scope_label(c: ReportContent) -> str:
    return tr("Team {0}").format(c.team) if c.team else tr("All teams")


def _day(d: date) -> str:
    return formatting.date_short(d)


def _long_day(d: date) -> str:
    return formatting.date_long(d)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _text(value: object) -> str:
    """A frame cell as text ("" for None or NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


@dataclass(frozen=True)
class ReportInfo:
    """A written report: where, how many pages, and what it says."""

    path: Path
    pages: int
    content: ReportContent


# =========================================================================== #
# the report's blocks
# =========================================================================== #
_STATUS: dict[str, object] = {  # marked for lupdate, tr() where shown
    "plan": QT_TRANSLATE_NOOP("", "Plan — not started"), "do": QT_TRANSLATE_NOOP("", "Do — running"),
    "study": QT_TRANSLATE_NOOP("", "Study — reading the results"),
    "act": QT_TRANSLATE_NOOP("", "Act — awaiting a decision"), "closed": QT_TRANSLATE_NOOP("", "Closed")}


def _title_blocks(c: ReportContent) -> list[Block]:
    as_of = c.as_of.astimezone(UTC)
    if c.as_of.date() == c.last_day and as_of.hour == 23 and as_of.minute == 59:
        when = tr("Figures as of the end of {0} (UTC).").format(_long_day(c.last_day))
    else:
        when = tr("Figures as of {0} UTC.").format(f"{_day(as_of.date())} {formatting.time_of_day(as_of, local=False)}")
    since = c.agenda.last_session
    if since is not None:
        session = tr("Last session held on {0}: “new” means new since then.").format(_day(since.date()))
    else:
        session = tr("No session has been recorded yet: “new” means the last 7 days.")
    scope = _scope_label(c)
    if c.team:
        scope += tr(" — cycles, signals and the comparison are limited to the team's reps; WIP limits and aging "
                     "are for the whole workspace.")
    n_cycles = len(c.cycles)
    n_signals = len(c.signals)
    n_wip = len(c.wip)
    facts = " · ".join([
        (tr("1 active cycle") if n_cycles == 1 else tr("{0} active cycles").format(n_cycles)),
        (tr("new chart signals on 1 transition") if n_signals == 1
         else tr("new chart signals on {0} transitions").format(n_signals)),
        (tr("1 stage over its WIP limit") if n_wip == 1 else tr("{0} stages over their WIP limit").format(n_wip)),
    ])
    this_week = tr("This week")  # outside the f-string below: lupdate does not look into one
    blocks: list[Block] = [
        Text(_esc(tr("WEEKLY PDSA SESSION REPORT")), 9, bold=True, colour=ACCENT),
        Text(_esc(c.workspace), 20, bold=True, space_before=1.5 * MM),
        Text(_esc(f"{_week_label(c)} · {_day(c.first_day)} – {_day(c.last_day)} · {_scope_label(c)}"), 12,
             space_before=1.5 * MM),
        Text(_esc(when) + "<br>" + _esc(session) + ("<br>" + _esc(scope) if c.team else ""), 9.5, colour=MUTED,
             space_before=2 * MM),
        Banner(f"<b>{_esc(this_week)}:</b> {_esc(facts)}.", ACCENT, space_before=3 * MM),
    ]
    if c.notes:  # a past week: what it cannot show as it was, said where the figures are introduced
        blocks.append(_notes_block(c.notes))
    return blocks


def _notes_block(notes: list[str]) -> Block:
    """A past week's report is the workspace as it stood then: what it cannot reconstruct (core's Messages)."""
    lead = tr("A past week, as the workspace stood at its end. What it cannot show as it was:")
    items = "".join(f"<br>• {_esc(text(note))}" for note in notes)
    return Banner(f"<b>{_esc(lead)}</b>{items}", WARN, space_before=3 * MM)


def _agenda_blocks(c: ReportContent) -> list[Block]:
    from pdsa_desk.core.agenda import SECTION_ORDER, Section

    blocks: list[Block] = [Heading(tr("Agenda"), 1)]
    if not c.agenda.items:
        blocks.append(Text(_esc(tr("Nothing on the agenda this week: no cycle needs a decision, no new signal, "
                                    "no stage over its WIP limit.")), space_before=1 * MM))
        return blocks
    whole = {Section.WIP, Section.AGING}
    for section in SECTION_ORDER:
        items = c.agenda.section(section)
        if not items:
            continue
        title = text(section.heading)
        if c.team and section in whole:
            title += tr(" (whole workspace)")
        blocks.append(Heading(title, 3, colour=ACCENT))
        for item in items:
            urgent = "<span style='color:#B3261E'><b>{}</b></span> · ".format(_esc(tr("Urgent"))) if item.urgent else ""
            blocks.append(Text(f"{urgent}<b>{_esc(text(item.title))}</b><br>{_esc(text(item.detail))}", 10,
                               indent=4 * MM, space_before=1.2 * MM))
    return blocks


def _plan_rows(cycle: Cycle, study: CycleStudy | None) -> list[list[str]]:
    rows = []
    for label, value in ((QT_TRANSLATE_NOOP("", "Objective"), cycle.objective),
                         (QT_TRANSLATE_NOOP("", "Questions"), cycle.questions),
                         (QT_TRANSLATE_NOOP("", "Change idea"), cycle.change_idea),
                         (QT_TRANSLATE_NOOP("", "Who, what, where, when"), cycle.who_what_where_when)):
        if value.strip():
            rows.append([tr(label), value.strip()])
    prediction = cycle.prediction_text.strip()
    if cycle.prediction_rate is not None:
        prediction = f"{pct(cycle.prediction_rate, 0)}" + (f" — {prediction}" if prediction else "")
    rows.append([tr("Prediction"), prediction or tr("No prediction was written down.")])
    rows.append([tr("Sample needed"), tr("{0} customers entering the stage").format(
        formatting.count(cycle.min_sample_size))])
    return rows


def _window(start: datetime, end: datetime) -> str:
    last = (end - timedelta(days=1)).date() if end > start else end.date()
    return f"{_day(start.date())} – {_day(last)}"


def _cycle_meta(s: CycleSection) -> str:
    """The line under an active cycle's title: status, transition, dates, reps, owner, tactic."""
    cycle = s.cycle
    planned = "—"
    if cycle.planned_start is not None:
        planned = _day(cycle.planned_start) + (f" – {_day(cycle.planned_end)}" if cycle.planned_end else "")
    meta = [
        (tr("Status"), tr(str(_STATUS.get(str(cycle.status), cycle.status)))),
        (tr("Transition"), s.transition or "—"),
        (tr("Planned"), planned),
        (tr("Reps"), ", ".join(s.participants) or tr("none")),
    ]
    if s.owner:
        meta.append((tr("Owner"), s.owner))
    if s.tactic:
        meta.append((tr("Tactic"), s.tactic))
    return " &nbsp;·&nbsp; ".join(f"<span style='color:#555555'>{_esc(k)}:</span> {_esc(v)}" for k, v in meta)


def _verdict_banner(st: CycleStudy) -> Banner:
    """The plain verdict (the headline, as on the Study tab and in the agenda), then why it is too early or
    what it rests on."""
    verdict = plain_verdict(st)
    if st.ready:
        colour = GOOD if verdict.kind == VerdictKind.BETTER else WARN if verdict.kind == VerdictKind.WORSE else MUTED
        return Banner(
            f"<b>{_esc(text(verdict.sentence))}.</b> " + _esc(tr(
                "{0} customers entered '{1}' during the cycle (at least {2} were needed) and every outcome is "
                "known.").format(formatting.count(st.n_new), st.from_stage_name, formatting.count(st.min_sample))),
            colour)
    reasons = "".join(f"<li>{_esc(text(r))}</li>" for r in st.reasons)
    extra = ""
    if st.known_by is not None:
        known_by = tr("Every outcome so far will be known by {0}.").format(_day(st.known_by.date()))
        extra = f"<p>{_esc(known_by)}</p>"
    return Banner(
        f"<b>{_esc(text(verdict.sentence))}.</b> "
        + _esc(tr("The numbers are for information only: do not decide on them yet."))
        + f"<ul style='margin-left:-18px'>{reasons}</ul>{extra}", WARN)


def _study_table(st: CycleStudy) -> Table:
    """Baseline against cycle: windows, counts, rates and intervals."""
    count = formatting.count
    new_xn = f"{count(st.x_new)} / {count(st.n_new)}" + (tr(" (+{0} pending)").format(count(st.n_immature))
                                                         if st.n_immature else "")
    base_xn = f"{count(st.x_base)} / {count(st.n_base)}" + (tr(" (+{0} pending)").format(count(st.n_base_immature))
                                                            if st.n_base_immature else "")
    rows = [
        [tr("Window"), _window(st.baseline_start, st.baseline_end), _window(st.cycle_start, st.cycle_end)],
        [tr("Converted / customers"), base_xn, new_xn],
        [tr("Conversion rate"), pct(st.rate_base), pct(st.rate_new)],
        [tr("95% interval"), interval(st.base_low, st.base_high) if st.n_base else "—",
         interval(st.new_low, st.new_high) if st.n_new else "—"],
    ]
    return Table([Column("", 1.3, bold=True, muted=True), Column(tr("Baseline"), 1.6, "right"),
                  Column(tr("Cycle"), 1.6, "right")], rows, size=9.5, space_before=2.5 * MM)


def _study_lines(st: CycleStudy, team: TeamImprovement | None) -> Text:
    """The difference, the prediction against the cycle's interval, and how many reps improved."""
    cmp_ = st.comparison
    lines = []
    if st.n_new > 0 and st.n_base > 0:
        lines.append(tr("<b>Difference</b> (cycle − baseline): {0}, 95% interval {1}; p-value {2}; chance that the "
                         "cycle's rate is really higher: {3}.").format(
            pp(cmp_.diff), interval(cmp_.diff_low, cmp_.diff_high, signed=True), p_value(cmp_.p_value),
            chance(cmp_.prob_better)))
    if st.prediction is None:
        lines.append(_esc(tr("No numeric prediction was written down for this cycle.")))
    elif st.prediction_inside is None:
        lines.append(_esc(tr("Prediction {0}: cannot be checked yet (no cycle customer has a known outcome).")
                          .format(pct(st.prediction, 0))))
    else:
        where = tr("inside") if st.prediction_inside else tr("outside")
        lines.append(tr("Prediction {0}: <b>{1}</b> the cycle's interval {2}.").format(
            pct(st.prediction, 0), where, interval(st.new_low, st.new_high)))
    if team is not None:
        lines.append(_esc(tr("Reps: {0}").format(text(team.headline).rstrip(".") + ".")))
    return Text("<br>".join(lines), 10, space_before=2 * MM)


def _cycle_blocks(s: CycleSection, c: ReportContent) -> list[Block]:
    """An active cycle's page: its record and plan, then its chart and study (or why it cannot be computed)."""
    cycle = s.cycle
    blocks: list[Block] = [
        PageBreak(),
        Text(_esc(tr("ACTIVE CYCLE")), 8.5, bold=True, colour=ACCENT),
        Heading(cycle.title, 1),
        Text(_cycle_meta(s), 9.5, space_before=1 * MM),
    ]
    if s.note:  # a past week's cycle changed since: what on this page is today's or left out
        blocks.append(Banner(_esc(text(s.note)), WARN))
    blocks += [
        Heading(tr("Plan"), 3),
        Table([Column("", 1.0, bold=True, muted=True), Column("", 3.6)], _plan_rows(cycle, s.study), header=False,
              size=9.5),
    ]
    st = s.study
    if st is None:
        blocks += [Heading(tr("Study"), 3),
                   Text(_esc(tr("The study cannot be computed: {0}").format(s.error or tr("unknown reason"))))]
        return blocks
    if s.series is not None:
        chart = Chart(s.series, tr("reps of the cycle"), height=270, highlight=cycle.id)
        if s.confounders:
            chart.MIN_HEIGHT = 120.0  # the warning under the verdict takes the room: the chart gives it, not the page
        blocks.append(chart)
    verdict = _verdict_banner(st)
    if s.confounders:
        from pdsa_desk.ui import confounder_text

        # Under the verdict, in its banner, naming the initiatives (the cycle's page still fits one page; the
        # Study tab says more).
        verdict = Banner(f"{verdict.html_text}<br><b>⚠ {_esc(confounder_text.caution(s.confounders))}</b>", WARN)
    blocks += [Heading(tr("Study"), 3), verdict, _study_table(st), _study_lines(st, s.team)]
    if cycle.study_interpretation.strip():
        blocks += [Heading(tr("Interpretation"), 3), Text(_esc(cycle.study_interpretation.strip()))]
    if str(cycle.status) == "act":
        blocks += [Heading(tr("Act"), 3),
                   Text(_esc(tr("Awaiting the team's decision: adopt, adapt or abandon.")))]
    return blocks


def _closing_blocks(c: ReportContent) -> list[Block]:
    from pdsa_desk.ui.compare_widgets import position_style

    scope = tr("team {0}").format(c.team) if c.team else tr("whole workspace")
    blocks: list[Block] = [PageBreak(), Heading(tr("New chart signals"), 1)]
    if not c.signals:
        blocks.append(Text(_esc(tr("No new signals on the weekly P′ charts ({0}) since the last session.")
                                .format(scope)), space_before=1 * MM))
    for sig in c.signals:
        blocks += [Heading(text(sig.transition), 2), Text(_esc(text(sig.detail)), space_before=1 * MM)]
        if sig.series is not None:
            blocks.append(Chart(sig.series, scope, height=300))

    blocks.append(Heading(tr("Over the WIP limit"), 1))
    if not c.wip:
        blocks.append(Text(_esc(tr("No stage is over its WIP limit.")), space_before=1 * MM))
    else:
        blocks.append(Text(_esc(tr("Open opportunities now in each stage whose WIP limit is exceeded "
                                    "(workspace-wide: the limits apply to the whole workspace).")),
                           space_before=1 * MM))
        blocks.append(Table(
            [Column(tr("Stage"), 3), Column(tr("Open"), 1, "right"), Column(tr("WIP limit"), 1, "right"),
             Column(tr("Over by"), 1, "right")],
            [[w.stage, str(w.open), str(w.limit), str(w.open - w.limit)] for w in c.wip], space_before=2 * MM))

    blocks += [PageBreak(), Heading(tr("Rep comparison"), 1)]
    if c.comparison_first is not None and c.comparison_last is not None:
        blocks.append(Text(_esc(tr(
            "Last 26 weeks ({0} – {1}), {2}: customers who entered the stage and whose outcome is known. Reps are "
            "in alphabetical order — a comparison against the funnel limits, not a ranking.").format(
            _day(c.comparison_first), _day(c.comparison_last), scope)), 9.5, colour=MUTED, space_before=1 * MM))
    if not c.comparisons:
        blocks.append(Text(_esc(tr("There is no transition to compare yet."))))
    for comp in c.comparisons:
        title = f"{comp.from_stage_name} → {comp.to_stage_name}"
        blocks.append(Heading(title, 2))
        table = comp.table
        if not len(table):
            blocks.append(Text(_esc(text(comp.empty_note))))  # nobody entered, or n entered, all within their window
            continue
        pooled = tr("Pooled rate {0} over {1} customers.").format(pct(comp.p0), formatting.count(table["n"].sum()))
        if comp.dispersion_note:
            pooled += " " + text(comp.dispersion_note)
        blocks.append(Text(_esc(pooled), 9.5, colour=MUTED, space_before=0.5 * MM, keep_with_next=True))
        columns = ("name", "team_name", "x", "n", "rate", "low", "high", "position", "n_immature")
        rows = [[str(name), _text(team_name) or "—", formatting.count(x), formatting.count(n), pct(float(rate)),
                 interval(float(low), float(high)), _capital(tr(position_style(str(position)).short)),
                 formatting.count(n_immature)]
                for name, team_name, x, n, rate, low, high, position, n_immature
                in zip(*(table[c].tolist() for c in columns), strict=True)]
        blocks.append(Table(
            [Column(tr("Rep"), 2.1), Column(tr("Team"), 1.1), Column(tr("Converted"), 1.3, "right"),
             Column(tr("Customers"), 1.35, "right"), Column(tr("Rate"), 1.0, "right"),
             Column(tr("95% interval"), 1.6, "right"), Column(tr("Against the funnel limits"), 3.6),
             Column(tr("Pending"), 1.15, "right")], rows, size=8.5))
    return blocks


def build_blocks(content: ReportContent) -> list[Block]:
    """The report's blocks in order (see the module docstring for the layout)."""
    blocks = _title_blocks(content) + _agenda_blocks(content)
    for section in content.cycles:
        blocks += _cycle_blocks(section, content)
    blocks += _closing_blocks(content)
    return blocks



def expected_page_count(content: ReportContent) -> int:
    """The page count when every part fits on its page: the title and agenda, one page per active cycle, the
    signals and WIP page, the rep comparison page (true unless the agenda is long, a cycle's texts are long,
    there are more than two new signals or more than about four comparison tables)."""
    return 1 + len(content.cycles) + 2




def _draw_frame(p: QPainter, st: Style, content: ReportContent, number: int, total: int, size: QSizeF) -> None:
    """Running header (from page 2) and the footer with the workspace name and "Page N of M"."""
    width = size.width() - 2 * MARGIN_X
    small = st.font(8)
    p.save()
    p.setFont(small)
    p.setPen(MUTED)
    if number > 1:
        y = 9 * MM
        left = tr("Weekly PDSA session report · {0} · {1}").format(_week_label(content), _scope_label(content))
        p.drawText(QRectF(MARGIN_X, y, width, 5 * MM), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                   left)
        p.setPen(QPen(RULE, 0.4))
        p.drawLine(QPointF(MARGIN_X, y + 5.5 * MM), QPointF(MARGIN_X + width, y + 5.5 * MM))
    fy = size.height() - 14 * MM
    p.setPen(QPen(RULE, 0.4))
    p.drawLine(QPointF(MARGIN_X, fy), QPointF(MARGIN_X + width, fy))
    p.setPen(MUTED)
    fm = st.metrics(small)
    page_text = tr("Page {0} of {1}").format(number, total)
    right_w = fm.horizontalAdvance(page_text) + 2 * MM
    name = fm.elidedText(content.workspace, Qt.TextElideMode.ElideRight, width - right_w - 4 * MM)
    rect = QRectF(MARGIN_X, fy + 1.5 * MM, width, 5 * MM)
    p.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), name)
    p.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), page_text)
    p.restore()


# =========================================================================== #
# writing
# =========================================================================== #
def render_report(content: ReportContent, path: str | Path, *, progress: Progress | None = None) -> int:
    """Write ``content`` as an A4 PDF to ``path`` (GUI thread: it draws chart widgets); returns the page count."""
    if QGuiApplication.instance() is None:
        raise RuntimeError("render_report needs a QApplication")
    blocks = build_blocks(content)
    if progress is not None:
        progress(0.9, tr("Laying out the pages"))
    pages = write_pdf(path, blocks, title=f"{content.workspace} — {_week_label(content)}",
                      frame=lambda p, st, number, total, size: _draw_frame(p, st, content, number, total, size))
    if progress is not None:
        progress(1.0, tr("Report written"))
    return pages


def write_report(
    ws: Workspace,
    path: str | Path,
    week: Any = None,
    team: str | None = None,
    progress: Progress | None = None,
    *,
    now: datetime | None = None,
    data: Any = None,
) -> ReportInfo:
    """The This week "Weekly report (PDF)…" button: collect, then render (GUI thread).

    See :func:`collect_report` for ``week``/``team``/``now``/``data`` (the window passes its one clock and
    snapshot); :class:`ValidationError` for a bad week, an unknown team or a missing folder.
    """
    content = collect_report(ws, week=week, team=team, now=now, data=data,
                             progress=(lambda f, m: progress(0.85 * f, m)) if progress else None)
    pages = render_report(content, path, progress=progress)
    return ReportInfo(Path(path), pages, content)
