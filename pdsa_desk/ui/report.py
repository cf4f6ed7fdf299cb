"""The weekly session report as an A4 PDF, for the people who were not in the room.

Two steps, so that the slow part can run on a worker thread:

* :func:`collect_report` (no widgets; safe on a worker thread) gathers
  everything from the workspace into a :class:`ReportContent`: the agenda as of
  the end of the chosen ISO week, each active cycle's study and chart series,
  new chart signals, WIP breaches and the rep comparison;
* :func:`render_report` (GUI thread: it draws the chart widgets) lays the
  content out on A4 pages and writes the PDF with Qt's own PDF writer
  (``QPdfWriter`` + ``QPainter``, text via ``QTextDocument``).
  :func:`write_report` does both.

Layout (see :func:`expected_page_count`): page 1 is the title block and the
agenda (continuing on further pages if it is long); every active cycle (status
do, study or act) starts a page with its one-page PDSA summary, chart and
study (the chart shrinks a little when the texts are long); then a page with
the new chart signals (with their charts) and the WIP breaches; then a page
with the rep comparison tables. Every page has a footer with the workspace name and
"Page N of M". Charts are the app's own :class:`ConversionChart` widgets
rendered into the PDF painter, so they stay vector graphics (markers drawn as
paths, not the cached pixmaps used on screen; the legend is redrawn as vectors).
"""

from __future__ import annotations

import dataclasses
import functools
import html
import math
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QPoint, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextOption,
)

from pdsa_desk.core.errors import ValidationError
from pdsa_desk.ui.formatting import chance, interval, p_value, pct, pp

if TYPE_CHECKING:
    from pdsa_desk.core.agenda import Agenda
    from pdsa_desk.core.charts import ConversionSeries
    from pdsa_desk.core.database import Workspace
    from pdsa_desk.core.frames import AnalysisData
    from pdsa_desk.core.models import Cycle
    from pdsa_desk.core.study import CycleStudy, RepComparison, TeamImprovement

__all__ = [
    "ReportContent",
    "ReportInfo",
    "collect_report",
    "expected_page_count",
    "iso_week_bounds",
    "parse_iso_week",
    "render_report",
    "write_report",
]

Progress = Callable[[float, str], None]
ACTIVE = ("do", "study", "act")
_WEEK_RE = re.compile(r"^\s*(\d{4})-?[Ww](\d{1,2})\s*$")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Report", text)


# =========================================================================== #
# weeks
# =========================================================================== #
def parse_iso_week(text: str) -> tuple[int, int]:
    """``"2026-W47"`` (also ``2026W47``, ``2026-w47``) -> ``(2026, 47)``; :class:`ValidationError` otherwise."""
    m = _WEEK_RE.match(text or "")
    if m is None:
        raise ValidationError(f"'{text}' is not an ISO week like 2026-W47.", "week")
    year, week = int(m.group(1)), int(m.group(2))
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ValidationError(f"{year} has no ISO week {week}.", "week") from None
    return year, week


def iso_week_bounds(year: int, week: int) -> tuple[date, date]:
    """Monday and Sunday of an ISO week."""
    monday = date.fromisocalendar(year, week, 1)
    return monday, monday + timedelta(days=6)


def _resolve_week(week: Any, now: datetime) -> tuple[int, int, datetime]:
    """``(year, week, as_of)``: a given week is read as of its end (Sunday 24:00 UTC); None = now's week, as of now."""
    if week is None:
        iso = now.astimezone(UTC).isocalendar()
        return iso.year, iso.week, now
    if isinstance(week, str):
        year, num = parse_iso_week(week)
    elif isinstance(week, date):
        iso = week.isocalendar()
        year, num = iso.year, iso.week
    else:
        year, num = (int(v) for v in week)
        try:
            date.fromisocalendar(year, num, 1)
        except ValueError:
            raise ValidationError(f"{year} has no ISO week {num}.", "week") from None
    _, sunday = iso_week_bounds(year, num)
    end = datetime(sunday.year, sunday.month, sunday.day, tzinfo=UTC) + timedelta(days=1)
    return year, num, end - timedelta(microseconds=1)


def _day(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def _long_day(d: date) -> str:
    return f"{d:%A} {d.day} {d:%B %Y}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _text(value: object) -> str:
    """A frame cell as text ("" for None or NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _esc(text: object) -> str:
    return html.escape(str(text), quote=False)


# =========================================================================== #
# collecting (no widgets)
# =========================================================================== #
@dataclass
class CycleSection:
    """One active cycle: its record, study, team view and chart series (None when they cannot be computed)."""

    cycle: Cycle
    transition: str
    participants: list[str]
    owner: str
    tactic: str
    study: CycleStudy | None = None
    team: TeamImprovement | None = None
    series: ConversionSeries | None = None
    error: str = ""


@dataclass
class SignalSection:
    transition: str
    from_stage: int
    detail: str
    series: ConversionSeries | None


@dataclass(frozen=True)
class WipRow:
    stage: str
    open: int
    limit: int


@dataclass
class ReportContent:
    """Everything the PDF shows (see :func:`collect_report`)."""

    workspace: str
    year: int
    week: int
    first_day: date
    last_day: date
    as_of: datetime
    generated_at: datetime
    agenda: Agenda
    team: str | None = None
    cycles: list[CycleSection] = field(default_factory=list)
    signals: list[SignalSection] = field(default_factory=list)
    wip: list[WipRow] = field(default_factory=list)
    comparisons: list[RepComparison] = field(default_factory=list)
    comparison_first: date | None = None
    comparison_last: date | None = None

    @property
    def week_label(self) -> str:
        return _tr("Week {0}, {1}").format(self.week, self.year)

    @property
    def scope_label(self) -> str:
        return _tr("Team {0}").format(self.team) if self.team else _tr("All teams")


@dataclass(frozen=True)
class ReportInfo:
    path: Path
    pages: int
    content: ReportContent


def _scoped_data(data: AnalysisData, rep_ids: Sequence[str]) -> AnalysisData:
    """The analysis frames restricted to some reps' opportunities (charts' scopes are all / team / one rep)."""
    import numpy as np

    from pdsa_desk.core.frames import AnalysisData

    opps = data.opportunities
    keep = opps["rep_id"].astype(object).isin(set(rep_ids)).to_numpy()
    codes = np.full(len(opps), -1, dtype=np.int64)
    codes[keep] = np.arange(int(keep.sum()))
    ev = data.events
    ev_keep = keep[ev["opp"].to_numpy(dtype=np.int64)] if len(ev) else np.zeros(0, dtype=bool)
    events = ev.loc[ev_keep].copy()
    events["opp"] = codes[events["opp"].to_numpy(dtype=np.int64)].astype(np.int32)
    return AnalysisData(data.stages, data.reps, opps.loc[keep].reset_index(drop=True),
                        events.reset_index(drop=True))


def _cycle_series(meta: Any, data: AnalysisData, study: CycleStudy, title: str, status: str,
                  as_of: datetime) -> ConversionSeries:
    """The weekly run chart of the cycle's transition for its reps, with only this cycle as a band (as the Study tab)."""
    import pandas as pd

    from pdsa_desk.core import charts

    band = charts.CycleInfo(id=study.cycle_id, title=title, from_stage_id=str(data.stages["id"].iloc[study.from_stage]),
                            status=status, start=pd.Timestamp(study.cycle_start), end=pd.Timestamp(study.cycle_end),
                            rep_ids=frozenset(study.rep_ids))
    meta = dataclasses.replace(meta, cycles=(band,))
    length = study.cycle_end - study.baseline_start
    return charts.conversion_series(_scoped_data(data, list(study.rep_ids)), meta, from_stage=study.from_stage,
                                    as_of=as_of, chart="run", start=study.baseline_start - length / 2)


def _team_signals(team_id: str, week_start: int) -> Callable[[AnalysisData, datetime, datetime], list]:
    """The agenda's "new chart signals" for one team's weekly P′ charts (the default looks at the whole workspace)."""
    from pdsa_desk.core.agenda import default_signals

    return functools.partial(default_signals, group=("team", team_id), week_start=week_start)


def _wip_breaches(data: AnalysisData) -> list[WipRow]:
    """Stages with more open opportunities than their WIP limit, counted as the agenda counts them."""
    stages = data.stages
    open_mask = (data.opportunities["outcome"] == "open").to_numpy()
    counts: Any = {}
    if len(data.events):
        latest = data.events.groupby("opp", sort=False)["stage"].last()
        counts = latest[open_mask[latest.index.to_numpy()]].value_counts()
    rows = []
    for pos, limit in enumerate(stages["wip_limit"]):
        n = int(counts.get(pos, 0))
        if limit == limit and n > limit:
            rows.append(WipRow(str(stages["name"].iloc[pos]), n, int(limit)))
    return rows


def _find_team(ws: Workspace, team: str) -> Any:
    from pdsa_desk.core import services

    teams = services.list_teams(ws)
    wanted = team.strip().casefold()
    found = next((t for t in teams if t.name.casefold() == wanted), None)
    if found is None:
        names = ", ".join(sorted(t.name for t in teams)) or "none (this workspace has no teams)"
        raise ValidationError(f"There is no team '{team}'. Teams: {names}.", "team")
    return found


def collect_report(
    ws: Workspace,
    *,
    week: Any = None,
    team: str | None = None,
    now: datetime | None = None,
    data: AnalysisData | None = None,
    progress: Progress | None = None,
) -> ReportContent:
    """Gather the report's content (no widgets: safe on a worker thread).

    ``week``: ``"2026-W47"``, ``(2026, 47)``, a date inside the week, or None
    for the current week. A chosen week is read as of its end (Sunday 24:00
    UTC); the current week as of ``now``. ``team`` (a team name, any case)
    limits the agenda's cycles and rep items, the active cycles, the chart
    signals and the comparison to that team's reps (WIP limits and aging are
    workspace-wide and stay so). Raises :class:`ValidationError` for a bad week
    or an unknown team (the message lists the teams).
    """
    from pdsa_desk.core import charts, services
    from pdsa_desk.core.agenda import Section, build_agenda
    from pdsa_desk.core.export import comparison_window
    from pdsa_desk.core.frames import load_analysis_data
    from pdsa_desk.core.study import compare_reps, study_cycle, team_improvement

    def step(fraction: float, message: str) -> None:
        if progress is not None:
            progress(fraction, message)

    now = now or datetime.now(UTC)
    year, num, as_of = _resolve_week(week, now)
    team_row = _find_team(ws, team) if team else None
    settings = services.get_settings(ws)
    step(0.05, _tr("Reading the workspace"))
    data = data if data is not None else load_analysis_data(ws)
    reps = services.list_reps(ws)
    rep_name = {r.id: r.name for r in reps}
    team_reps = {r.id for r in reps if team_row is not None and r.team_id == team_row.id}

    step(0.2, _tr("Building the agenda"))
    signals = _team_signals(team_row.id, 0) if team_row is not None else None
    agenda = build_agenda(ws, as_of=as_of, data=data, signals=signals)
    cycles = services.list_cycles(ws)
    participants = {c.id: services.participants(ws, c.id) for c in cycles}

    def in_scope(c: Cycle) -> bool:
        return team_row is None or c.team_id == team_row.id or any(r.id in team_reps for r in participants[c.id])

    if team_row is not None:
        cycle_ids = {c.id for c in cycles}
        kept = []
        for item in agenda.items:
            if item.view == "cycles" and item.object_id in cycle_ids:
                if not in_scope(next(c for c in cycles if c.id == item.object_id)):
                    continue
            elif item.section == Section.FOCUS and item.title not in {rep_name[r] for r in team_reps}:
                continue
            kept.append(item)
        agenda = dataclasses.replace(agenda, items=tuple(kept))

    stage_names = data.stages["name"].astype(str).tolist()
    stage_pos = {sid: i for i, sid in enumerate(data.stages["id"].astype(str))}
    tactics = {t.id: t.name for t in services.list_tactics(ws)}
    meta = charts.load_chart_meta(ws)
    order = {s: i for i, s in enumerate(("act", "study", "do"))}
    active = sorted((c for c in cycles if c.status in ACTIVE and in_scope(c)),
                    key=lambda c: (order[c.status], c.planned_start or date.max, c.title.casefold()))
    sections: list[CycleSection] = []
    for i, c in enumerate(active):
        step(0.3 + 0.4 * i / max(1, len(active)), _tr("Studying “{0}”").format(c.title))
        pos = stage_pos.get(c.from_stage_id)
        transition = (f"{stage_names[pos]} → {stage_names[pos + 1]}"
                      if pos is not None and pos + 1 < len(stage_names) else "")
        section = CycleSection(
            cycle=c, transition=transition, participants=sorted(r.name for r in participants[c.id]),
            owner=rep_name.get(c.owner_rep_id or "", ""), tactic=tactics.get(c.tactic_id or "", ""))
        try:
            section.study = study_cycle(ws, c.id, as_of=as_of, data=data)
            if len(section.study.rep_ids) > 1:
                section.team = team_improvement(ws, c.id, as_of=as_of, data=data)
            if section.study.rep_ids:
                section.series = _cycle_series(meta, data, section.study, c.title, str(c.status), as_of)
        except (ValidationError, ValueError) as exc:
            section.error = str(exc)
        sections.append(section)

    step(0.75, _tr("Charting the signals"))
    signal_sections = []
    chart_meta = dataclasses.replace(meta, week_start=0)  # the agenda's signals are on Monday weeks
    group = ("team", team_row.id) if team_row is not None else charts.ALL_GROUP
    for item in agenda.section(Section.SIGNALS):
        try:
            from_stage = int(item.object_id)
            series = charts.conversion_series(data, chart_meta, from_stage=from_stage, period="week", chart="pp",
                                              as_of=as_of, group=group)
        except ValueError:
            from_stage, series = -1, None
        signal_sections.append(SignalSection(item.title, from_stage, item.detail, series))

    step(0.85, _tr("Comparing reps"))
    start, end = comparison_window(as_of)
    comp_stages = sorted({s.study.from_stage for s in sections if s.study is not None})
    if not comp_stages:
        trans = charts.transitions(data)
        comp_stages = [trans[0].from_stage] if trans else []
    comparisons = [
        compare_reps(ws, from_stage=s, start=start, end=end, as_of=as_of, data=data,
                     team_id=team_row.id if team_row is not None else None)
        for s in comp_stages
    ]
    first_day, last_day = iso_week_bounds(year, num)
    return ReportContent(
        workspace=settings.name, year=year, week=num, first_day=first_day, last_day=last_day, as_of=as_of,
        generated_at=now, agenda=agenda, team=team_row.name if team_row is not None else None, cycles=sections,
        signals=signal_sections, wip=_wip_breaches(data), comparisons=comparisons,
        comparison_first=start.date(), comparison_last=(end - timedelta(days=1)).date(),
    )


# =========================================================================== #
# page layout: blocks placed on pages by a small paginator
# =========================================================================== #
MM = 96 / 25.4  # device pixels per millimetre (the writer works at 96 dpi, like the widgets it draws)
MARGIN_X = 20 * MM
MARGIN_TOP = 20 * MM
MARGIN_BOTTOM = 22 * MM
INK = QColor("#1a1a1a")
MUTED = QColor("#555555")
RULE = QColor("#b8b8b8")
ACCENT = QColor("#0072B2")  # Okabe-Ito blue
WARN = QColor("#E69F00")  # Okabe-Ito orange
GOOD = QColor("#009E73")  # Okabe-Ito green


class Style:
    """Fonts of the report (the app's font family, sizes in points)."""

    def __init__(self, device: QPdfWriter) -> None:
        self.device = device
        self.family = QGuiApplication.font().family()

    def font(self, size: float, *, bold: bool = False, italic: bool = False) -> QFont:
        f = QFont(self.family)
        f.setPointSizeF(size)
        f.setBold(bold)
        f.setItalic(italic)
        return f

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.device)


class Block:
    """Something placed on a page: measured, then drawn at (x, y) with the text width."""

    keep_with_next = False
    page_break_before = False
    space_before = 0.0

    def height(self, st: Style, width: float) -> float:
        raise NotImplementedError

    def split(self, st: Style, width: float, room: float) -> tuple[Block, Block] | None:
        """Two parts, the first at most ``room`` tall; None when it cannot be split there."""
        return None

    def draw(self, p: QPainter, st: Style, x: float, y: float, width: float) -> None:
        raise NotImplementedError


class PageBreak(Block):
    page_break_before = True

    def height(self, st: Style, width: float) -> float:
        return 0.0

    def draw(self, p: QPainter, st: Style, x: float, y: float, width: float) -> None:
        pass


class Spacer(Block):
    def __init__(self, h: float) -> None:
        self.h = h

    def height(self, st: Style, width: float) -> float:
        return self.h

    def draw(self, p: QPainter, st: Style, x: float, y: float, width: float) -> None:
        pass


_BODY_CSS = "p { margin: 0; } ul { margin-top: 2px; margin-bottom: 0; } li { margin-bottom: 2px; }"


class Text(Block):
    """Rich text (a small HTML subset) laid out by QTextDocument; splits between lines."""

    def __init__(self, html_text: str, size: float = 10.0, *, bold: bool = False, colour: QColor = INK,
                 space_before: float = 0.0, keep_with_next: bool = False, indent: float = 0.0,
                 _doc: QTextDocument | None = None, _start: float = 0.0, _stop: float | None = None) -> None:
        self.html_text = html_text
        self.size = size
        self.bold = bold
        self.colour = colour
        self.space_before = space_before
        self.keep_with_next = keep_with_next
        self.indent = indent
        self._doc = _doc
        self._start = _start
        self._stop = _stop

    def doc(self, st: Style, width: float) -> QTextDocument:
        if self._doc is None or abs(self._doc.textWidth() - (width - self.indent)) > 0.5:
            doc = QTextDocument()
            doc.documentLayout().setPaintDevice(st.device)
            doc.setDefaultFont(st.font(self.size, bold=self.bold))
            doc.setDefaultStyleSheet(_BODY_CSS)
            doc.setDocumentMargin(0)
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            doc.setDefaultTextOption(option)
            doc.setHtml(f"<div style='color:{self.colour.name()}'>{self.html_text}</div>")
            doc.setTextWidth(width - self.indent)
            self._doc = doc
        return self._doc

    def _full(self, st: Style, width: float) -> float:
        return self.doc(st, width).size().height()

    def height(self, st: Style, width: float) -> float:
        stop = self._full(st, width) if self._stop is None else self._stop
        return stop - self._start

    def _line_bottoms(self, st: Style, width: float) -> list[float]:
        doc = self.doc(st, width)
        layout = doc.documentLayout()
        bottoms = []
        block = doc.begin()
        while block.isValid():
            top = layout.blockBoundingRect(block).top()
            lines = block.layout()
            for i in range(lines.lineCount()):
                line = lines.lineAt(i)
                bottoms.append(top + line.y() + line.height())
            block = block.next()
        return sorted(bottoms)

    def split(self, st: Style, width: float, room: float) -> tuple[Block, Block] | None:
        stop = self._full(st, width) if self._stop is None else self._stop
        cuts = [b for b in self._line_bottoms(st, width) if self._start < b <= self._start + room and b < stop - 1]
        if not cuts:
            return None
        cut = cuts[-1]
        common = dict(size=self.size, bold=self.bold, colour=self.colour, indent=self.indent, _doc=self._doc)
        head = Text(self.html_text, space_before=self.space_before, _start=self._start, _stop=cut, **common)
        tail = Text(self.html_text, _start=cut, _stop=stop, **common)
        return head, tail

    def draw(self, p: QPainter, st: Style, x: float, y: float, width: float) -> None:
        doc = self.doc(st, width)
        h = self.height(st, width)
        p.save()
        p.translate(x + self.indent, y - self._start)
        doc.drawContents(p, QRectF(0, self._start, width - self.indent, h))
        p.restore()


class Heading(Text):
    """A section heading; level 1 has an accent rule under it. Never left alone at the bottom of a page."""

    SIZES = {1: 15.0, 2: 12.0, 3: 10.5}
    SPACE = {1: 4 * MM, 2: 4 * MM, 3: 3 * MM}

    def __init__(self, text: str, level: int = 1, *, colour: QColor = INK) -> None:
        super().__init__(_esc(text), self.SIZES[level], bold=True, colour=colour, space_before=self.SPACE[level],
                         keep_with_next=True)
        self.level = level

    def split(self, st: Style, width: float, room: float) -> tuple[Block, Block] | None:
        return None

    def height(self, st: Style, width: float) -> float:
        return super().height(st, width) + (2.5 * MM if self.level == 1 else 1.2 * MM)

    def draw(self, p: QPainter, st: Style, x: float, y: float, width: float) -> None:
        super().draw(p, st, x, y, width)
        if self.level == 1:
            h = super().height(st, width)
            p.save()
            p.setPen(QPen(ACCENT, 1.2))
            p.drawLine(QPointF(x, y + h + 1.2 * MM), QPointF(x + width, y + h + 1.2 * MM))
            p.restore()


class Banner(Text):
    """A paragraph with a coloured bar on its left and a light tint behind it (verdicts)."""

    def __init__(self, html_text: str, colour: QColor, *, space_before: float = 2 * MM) -> None:
        super().__init__(html_text, 10.0, space_before=space_before, indent=4 * MM)
        self.bar = colour

    def split(self, st: Style, width: float, room: float) -> tuple[Block, Block] | None:
        return None

    def height(self, st: Style, width: float) -> float:
        return super().height(st, width) + 3 * MM

    def draw(self, p: QPainter, st: Style, x: float, y: float, width: float) -> None:
        h = self.height(st, width)
        tint = QColor(self.bar)
        tint.setAlpha(28)
        p.save()
        p.fillRect(QRectF(x, y, width, h), tint)
        p.fillRect(QRectF(x, y, 1.2 * MM, h), self.bar)
        p.restore()
        super().draw(p, st, x, y + 1.5 * MM, width)


@dataclass
class Column:
    title: str
    weight: float
    align: str = "left"  # left | right
    bold: bool = False
    muted: bool = False
    wrap: bool = True  # False: never narrower than its widest cell (numbers)

    def __post_init__(self) -> None:
        if self.align == "right":
            self.wrap = False


class Table(Block):
    """A table with thin rules; rows wrap their text and the table splits between rows (repeating the header)."""

    PAD_X = 1.2 * MM
    PAD_Y = 0.8 * MM

    def __init__(self, columns: Sequence[Column], rows: Sequence[Sequence[str]], *, header: bool = True,
                 size: float = 9.0, space_before: float = 1.5 * MM) -> None:
        self.columns = list(columns)
        self.rows = [list(r) for r in rows]
        self.header = header
        self.size = size
        self.space_before = space_before
        self._cached: tuple[float, list[float]] | None = None
        self._flags = int(Qt.TextFlag.TextWordWrap)

    def _widths(self, st: Style, width: float) -> list[float]:
        """Automatic widths: every column gets its one-line width when they all fit (headers may wrap);
        otherwise numbers keep theirs and the text columns share the rest, never narrower than a word."""
        if self._cached is not None and self._cached[0] == width:
            return self._cached[1]
        pad = 2 * self.PAD_X + 1
        natural, least = [], []
        for i, col in enumerate(self.columns):
            fm = st.metrics(self._font(st, col))
            body = [str(r[i]) for r in self.rows]
            nat = max([0.0, *(fm.horizontalAdvance(t) for t in body)])
            low = max([0.0, *(fm.horizontalAdvance(w) for t in body for w in t.split())])
            if self.header:
                hm = st.metrics(self._font(st, None))
                low = max([low, *(hm.horizontalAdvance(w) for w in col.title.split())])
            if not col.wrap:
                low = nat = max(nat, low)
            natural.append(max(nat, low) + pad)
            least.append(low + pad)
        if sum(natural) <= width:
            extra = width - sum(natural)
            total = sum(c.weight for c in self.columns)
            widths = [n + extra * c.weight / total for n, c in zip(natural, self.columns)]
        elif sum(least) <= width:
            spare = width - sum(least)
            want = [n - m for n, m in zip(natural, least)]
            widths = [m + (spare * w / sum(want) if sum(want) else 0.0) for m, w in zip(least, want)]
        else:  # even single words do not fit: share the width and break words anywhere
            widths = [m * width / sum(least) for m in least]
            self._flags = int(Qt.TextFlag.TextWrapAnywhere)
        self._cached = (width, widths)
        return widths

    def _font(self, st: Style, col: Column | None) -> QFont:
        return st.font(self.size, bold=col is None or col.bold)

    def _cell_h(self, st: Style, text: str, font: QFont, w: float) -> float:
        rect = st.metrics(font).boundingRect(QRectF(0, 0, max(1.0, w - 2 * self.PAD_X), 1e6),
                                             self._flags, text)
        return rect.height() + 2 * self.PAD_Y

    def _row_heights(self, st: Style, width: float) -> tuple[float, list[float]]:
        widths = self._widths(st, width)
        head = 0.0
        if self.header:
            head = max(self._cell_h(st, c.title, self._font(st, None), w) for c, w in zip(self.columns, widths))
        rows = [max(self._cell_h(st, t, self._font(st, c), w) for t, c, w in zip(r, self.columns, widths))
                for r in self.rows]
        return head, rows

    def height(self, st: Style, width: float) -> float:
        head, rows = self._row_heights(st, width)
        return head + sum(rows) + 1

    def split(self, st: Style, width: float, room: float) -> tuple[Block, Block] | None:
        head, rows = self._row_heights(st, width)
        used, k = head + 1, 0
        while k < len(rows) and used + rows[k] <= room:
            used += rows[k]
            k += 1
        if k == 0 or k >= len(rows):
            return None
        first = Table(self.columns, self.rows[:k], header=self.header, size=self.size, space_before=self.space_before)
        rest = Table(self.columns, self.rows[k:], header=self.header, size=self.size, space_before=0)
        for part in (first, rest):  # the same column widths on both pages
            part._cached, part._flags = self._cached, self._flags  # noqa: SLF001
        return first, rest

    def _draw_row(self, p: QPainter, st: Style, cells: Sequence[str], x: float, y: float, widths: list[float],
                  h: float, *, header: bool) -> None:
        cx = x
        for text, col, w in zip(cells, self.columns, widths):
            p.setFont(self._font(st, None if header else col))
            p.setPen(MUTED if (header or col.muted) else INK)
            align = Qt.AlignmentFlag.AlignRight if col.align == "right" else Qt.AlignmentFlag.AlignLeft
            rect = QRectF(cx + self.PAD_X, y + self.PAD_Y, w - 2 * self.PAD_X, h - 2 * self.PAD_Y)
            p.drawText(rect, int(align | Qt.AlignmentFlag.AlignTop) | self._flags, text)
            cx += w

    def draw(self, p: QPainter, st: Style, x: float, y: float, width: float) -> None:
        widths = self._widths(st, width)
        head, rows = self._row_heights(st, width)
        p.save()
        strong = QPen(INK, 0.8)
        thin = QPen(RULE, 0.4)
        if self.header:
            p.setPen(strong)
            p.drawLine(QPointF(x, y), QPointF(x + width, y))
            self._draw_row(p, st, [c.title for c in self.columns], x, y, widths, head, header=True)
            y += head
            p.setPen(strong)
            p.drawLine(QPointF(x, y), QPointF(x + width, y))
        for i, (cells, h) in enumerate(zip(self.rows, rows)):
            self._draw_row(p, st, cells, x, y, widths, h, header=False)
            y += h
            last = i == len(rows) - 1
            p.setPen(strong if (last and self.header) else thin)
            p.drawLine(QPointF(x, y), QPointF(x + width, y))
        p.restore()


def _legend_icon(p: QPainter, kind: str, box: QRectF) -> None:
    """The chart legend's icons, drawn as on screen, as vector shapes scaled into ``box``."""
    from pdsa_desk.ui.chart_widgets import paint_legend_icon

    p.save()
    p.translate(box.topLeft())
    p.scale(box.width() / 30.0, box.height() / 16.0)
    paint_legend_icon(p, kind)
    p.restore()


def _paper_colours() -> QPalette:
    """A light palette with every role set, so that a chart drawn with it reads on white paper."""
    pal = QPalette(QColor("#efefef"))
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
        for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase):
            pal.setColor(group, role, QColor("white"))
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
            pal.setColor(group, role, QColor("#1a1a1a") if group != QPalette.ColorGroup.Disabled else MUTED)
        for role in (QPalette.ColorRole.Button, QPalette.ColorRole.Light, QPalette.ColorRole.Midlight,
                     QPalette.ColorRole.Mid, QPalette.ColorRole.Dark, QPalette.ColorRole.Shadow,
                     QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText,
                     QPalette.ColorRole.ToolTipBase, QPalette.ColorRole.ToolTipText,
                     QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.BrightText, QPalette.ColorRole.Link,
                     QPalette.ColorRole.LinkVisited):
            pal.setColor(group, role, pal.color(group, role))  # mark every role as set on the widget
    return pal


@contextmanager
def _paper_palette() -> Iterator[QPalette]:
    """Charts are drawn for white paper, even when the app runs in a dark theme (plot colours are taken from
    the application palette when the chart is built, so it is light while the chart is made)."""
    from pdsa_desk.ui import plotting

    paper = _paper_colours()
    if QGuiApplication.instance() is None or not plotting.is_dark():
        yield paper
        return
    old = QGuiApplication.palette()
    QGuiApplication.setPalette(paper)
    try:
        yield paper
    finally:
        QGuiApplication.setPalette(old)


class Chart(Block):
    """A :class:`ConversionChart` rendered into the PDF at the text width (vector), with a vector legend."""

    PLOT_HEIGHT = 300.0
    MIN_HEIGHT = 200.0

    def __init__(self, series: ConversionSeries, scope_label: str, *, height: float = PLOT_HEIGHT,
                 highlight: str | None = None, space_before: float = 2 * MM) -> None:
        self.series = series
        self.scope_label = scope_label
        self.h = height
        self.highlight = highlight
        self.space_before = space_before
        self._widget: Any = None
        self._size = (0, 0)
        self.keep_with_next = False

    def widget(self, width: float) -> Any:
        import pyqtgraph as pg
        from PySide6.QtWidgets import QGraphicsView

        from pdsa_desk.ui.chart_widgets import ConversionChart

        if self._widget is not None and self._size == (round(width), round(self.h)):
            return self._widget
        self.dispose()
        with _paper_palette() as paper:
            chart = ConversionChart(phase_menu=False)
            chart.setPalette(paper)
            chart.highlighted_cycle = self.highlight
            chart.set_series(self.series, self.scope_label)
        chart.legend.hide()
        chart.layout().setContentsMargins(0, 0, 0, 0)
        chart.plot.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
        for item in chart.plot_item.items:
            if isinstance(item, pg.ScatterPlotItem):
                item.opts["useCache"] = False  # draw markers as paths (vector), not cached pixmaps
        chart.plot.setMinimumHeight(120)
        chart.resize(round(width), round(self.h))
        chart.layout().activate()  # render() then delivers the pending resize events before painting
        self.h = float(max(round(self.h), chart.height()))  # never shorter than the widget can be
        self._widget, self._size = chart, (round(width), round(self.h))
        return chart

    def dispose(self) -> None:
        if self._widget is not None:
            self._widget.deleteLater()
            self._widget = None

    def _legend_rows(self, st: Style, width: float) -> list[list[tuple[str, str, float]]]:
        chart = self.widget(width)
        fm = st.metrics(st.font(8.5))
        rows: list[list[tuple[str, str, float]]] = [[]]
        used = 0.0
        for kind, text in chart.legend.entries:
            w = 8 * MM + 1.2 * MM + fm.horizontalAdvance(text) + 5 * MM
            if rows[-1] and used + w > width:
                rows.append([])
                used = 0.0
            rows[-1].append((kind, text, w))
            used += w
        return rows

    def height(self, st: Style, width: float) -> float:
        legend = len(self._legend_rows(st, width)) * st.metrics(st.font(8.5)).height() * 1.5
        return self.h + legend + 1 * MM

    def draw(self, p: QPainter, st: Style, x: float, y: float, width: float) -> None:
        chart = self.widget(width)
        p.save()
        p.translate(x, y)
        chart.render(p, QPoint(0, 0))
        p.restore()
        font = st.font(8.5)
        fm = st.metrics(font)
        line = fm.height() * 1.5
        ly = y + self.h + 1 * MM
        p.save()
        p.setFont(font)
        for row in self._legend_rows(st, width):
            lx = x
            for kind, text, w in row:
                _legend_icon(p, kind, QRectF(lx, ly + (line - 4.3 * MM) / 2, 8 * MM, 4.3 * MM))
                p.setPen(INK)
                p.drawText(QRectF(lx + 9.2 * MM, ly, w, line), int(Qt.AlignmentFlag.AlignVCenter), text)
                lx += w
            ly += line
        p.restore()


# --------------------------------------------------------------------------- #
# pagination and painting
# --------------------------------------------------------------------------- #
@dataclass
class _Page:
    items: list[tuple[Block, float]] = field(default_factory=list)


def _paginate(blocks: list[Block], st: Style, width: float, top: float, bottom: float) -> list[_Page]:
    pages = [_Page()]
    y = top
    queue = list(blocks)
    i = 0
    while i < len(queue):
        block = queue[i]
        page = pages[-1]
        if block.page_break_before:
            if page.items:
                pages.append(_Page())
                y = top
            i += 1
            continue
        gap = block.space_before if page.items else 0.0
        h = block.height(st, width)
        need = h
        j = i
        while queue[j].keep_with_next and j + 1 < len(queue) and not queue[j + 1].page_break_before:
            j += 1  # a heading (or lead-in) goes with what follows: the chain, then a few lines of the next
            nxt = queue[j]
            nh = nxt.height(st, width)
            if not nxt.keep_with_next:
                first = nxt.split(st, width, 3 * st.metrics(st.font(10)).height())
                nh = min(nh, first[0].height(st, width)) if first else nh
            need += nxt.space_before + nh
        if y + gap + need <= bottom or (not page.items and y + gap + h <= bottom):
            page.items.append((block, y + gap))
            y += gap + h
            i += 1
            continue
        room = bottom - y - gap
        parts = block.split(st, width, room) if not block.keep_with_next and room > 0 else None
        if parts is not None:
            head, tail = parts
            page.items.append((head, y + gap))
            queue[i] = tail
            pages.append(_Page())
            y = top
            continue
        if page.items:
            pages.append(_Page())
            y = top
            continue
        if isinstance(block, Chart):  # taller than a page: shrink it
            block.h = max(Chart.MIN_HEIGHT, block.h - (y + h - bottom) - 2)
            continue
        page.items.append((block, y))  # cannot happen with the blocks this report makes
        y += h
        i += 1
    return pages


def _draw_frame(p: QPainter, st: Style, content: ReportContent, number: int, total: int, size: QSizeF) -> None:
    """Running header (from page 2) and the footer with the workspace name and "Page N of M"."""
    width = size.width() - 2 * MARGIN_X
    small = st.font(8)
    p.save()
    p.setFont(small)
    p.setPen(MUTED)
    if number > 1:
        y = 9 * MM
        left = _tr("Weekly PDSA session report · {0} · {1}").format(content.week_label, content.scope_label)
        p.drawText(QRectF(MARGIN_X, y, width, 5 * MM), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                   left)
        p.setPen(QPen(RULE, 0.4))
        p.drawLine(QPointF(MARGIN_X, y + 5.5 * MM), QPointF(MARGIN_X + width, y + 5.5 * MM))
    fy = size.height() - 14 * MM
    p.setPen(QPen(RULE, 0.4))
    p.drawLine(QPointF(MARGIN_X, fy), QPointF(MARGIN_X + width, fy))
    p.setPen(MUTED)
    fm = st.metrics(small)
    page_text = _tr("Page {0} of {1}").format(number, total)
    right_w = fm.horizontalAdvance(page_text) + 2 * MM
    name = fm.elidedText(content.workspace, Qt.TextElideMode.ElideRight, width - right_w - 4 * MM)
    rect = QRectF(MARGIN_X, fy + 1.5 * MM, width, 5 * MM)
    p.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), name)
    p.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), page_text)
    p.restore()


# =========================================================================== #
# the report's blocks
# =========================================================================== #
_STATUS = {"plan": "Plan — not started", "do": "Do — running", "study": "Study — reading the results",
           "act": "Act — awaiting a decision", "closed": "Closed"}


def _title_blocks(c: ReportContent) -> list[Block]:
    as_of = c.as_of.astimezone(UTC)
    if c.as_of.date() == c.last_day and as_of.hour == 23 and as_of.minute == 59:
        when = _tr("Figures as of the end of {0} (UTC).").format(_long_day(c.last_day))
    else:
        when = _tr("Figures as of {0} UTC.").format(f"{_day(as_of.date())} {as_of:%H:%M}")
    since = c.agenda.last_session
    if since is not None:
        session = _tr("Last session held on {0}: “new” means new since then.").format(_day(since.date()))
    else:
        session = _tr("No session has been recorded yet: “new” means the last 7 days.")
    scope = c.scope_label
    if c.team:
        scope += _tr(" — cycles, signals and the comparison are limited to the team's reps; WIP limits and aging "
                     "are for the whole workspace.")
    n_cycles = len(c.cycles)
    n_signals = len(c.signals)
    n_wip = len(c.wip)
    facts = " · ".join([
        (_tr("1 active cycle") if n_cycles == 1 else _tr("{0} active cycles").format(n_cycles)),
        (_tr("new chart signals on 1 transition") if n_signals == 1
         else _tr("new chart signals on {0} transitions").format(n_signals)),
        (_tr("1 stage over its WIP limit") if n_wip == 1 else _tr("{0} stages over their WIP limit").format(n_wip)),
    ])
    return [
        Text(_esc(_tr("WEEKLY PDSA SESSION REPORT")), 9, bold=True, colour=ACCENT),
        Text(_esc(c.workspace), 20, bold=True, space_before=1.5 * MM),
        Text(_esc(f"{c.week_label} · {_day(c.first_day)} – {_day(c.last_day)} · {c.scope_label}"), 12,
             space_before=1.5 * MM),
        Text(_esc(when) + "<br>" + _esc(session) + ("<br>" + _esc(scope) if c.team else ""), 9.5, colour=MUTED,
             space_before=2 * MM),
        Banner(f"<b>{_esc(_tr('This week'))}:</b> {_esc(facts)}.", ACCENT, space_before=3 * MM),
    ]


def _agenda_blocks(c: ReportContent) -> list[Block]:
    from pdsa_desk.core.agenda import SECTION_ORDER, Section

    blocks: list[Block] = [Heading(_tr("Agenda"), 1)]
    if not c.agenda.items:
        blocks.append(Text(_esc(_tr("Nothing on the agenda this week: no cycle needs a decision, no new signal, "
                                    "no stage over its WIP limit.")), space_before=1 * MM))
        return blocks
    whole = {Section.WIP, Section.AGING}
    for section in SECTION_ORDER:
        items = c.agenda.section(section)
        if not items:
            continue
        title = _tr(str(section))
        if c.team and section in whole:
            title += _tr(" (whole workspace)")
        blocks.append(Heading(title, 3, colour=ACCENT))
        for item in items:
            urgent = f"<span style='color:#B3261E'><b>{_esc(_tr('Urgent'))}</b></span> · " if item.urgent else ""
            blocks.append(Text(f"{urgent}<b>{_esc(item.title)}</b><br>{_esc(item.detail)}", 10, indent=4 * MM,
                               space_before=1.2 * MM))
    return blocks


def _plan_rows(cycle: Cycle, study: CycleStudy | None) -> list[list[str]]:
    rows = []
    for label, value in (("Objective", cycle.objective), ("Questions", cycle.questions),
                         ("Change idea", cycle.change_idea), ("Who, what, where, when", cycle.who_what_where_when)):
        if value.strip():
            rows.append([_tr(label), value.strip()])
    prediction = cycle.prediction_text.strip()
    if cycle.prediction_rate is not None:
        prediction = f"{pct(cycle.prediction_rate, 0)}" + (f" — {prediction}" if prediction else "")
    rows.append([_tr("Prediction"), prediction or _tr("No prediction was written down.")])
    rows.append([_tr("Sample needed"), _tr("{0} customers entering the stage").format(cycle.min_sample_size)])
    return rows


def _window(start: datetime, end: datetime) -> str:
    last = (end - timedelta(days=1)).date() if end > start else end.date()
    return f"{_day(start.date())} – {_day(last)}"


def _cycle_blocks(s: CycleSection, c: ReportContent) -> list[Block]:
    cycle = s.cycle
    planned = "—"
    if cycle.planned_start is not None:
        planned = _day(cycle.planned_start) + (f" – {_day(cycle.planned_end)}" if cycle.planned_end else "")
    meta = [
        (_tr("Status"), _tr(_STATUS.get(str(cycle.status), str(cycle.status)))),
        (_tr("Transition"), s.transition or "—"),
        (_tr("Planned"), planned),
        (_tr("Reps"), ", ".join(s.participants) or _tr("none")),
    ]
    if s.owner:
        meta.append((_tr("Owner"), s.owner))
    if s.tactic:
        meta.append((_tr("Tactic"), s.tactic))
    meta_html = " &nbsp;·&nbsp; ".join(f"<span style='color:#555555'>{_esc(k)}:</span> {_esc(v)}" for k, v in meta)
    blocks: list[Block] = [
        PageBreak(),
        Text(_esc(_tr("ACTIVE CYCLE")), 8.5, bold=True, colour=ACCENT),
        Heading(cycle.title, 1),
        Text(meta_html, 9.5, space_before=1 * MM),
        Heading(_tr("Plan"), 3),
        Table([Column("", 1.0, bold=True, muted=True), Column("", 3.6)], _plan_rows(cycle, s.study), header=False,
              size=9.5),
    ]
    st = s.study
    if st is None:
        blocks += [Heading(_tr("Study"), 3),
                   Text(_esc(_tr("The study cannot be computed: {0}").format(s.error or _tr("unknown reason"))))]
        return blocks
    if s.series is not None:
        blocks.append(Chart(s.series, _tr("reps of the cycle"), height=270, highlight=cycle.id))
    blocks.append(Heading(_tr("Study"), 3))
    if st.ready:
        blocks.append(Banner(
            f"<b>{_esc(_tr('Ready to read.'))}</b> " + _esc(_tr(
                "{0} customers entered '{1}' during the cycle (at least {2} were needed) and every outcome is "
                "known.").format(st.n_new, st.from_stage_name, st.min_sample)), GOOD))
    else:
        reasons = "".join(f"<li>{_esc(r)}</li>" for r in st.reasons)
        extra = ""
        if st.known_by is not None:
            extra = "<p>" + _esc(_tr("Every outcome so far will be known by {0}.").format(_day(st.known_by.date()))) + "</p>"
        blocks.append(Banner(
            f"<b>{_esc(_tr('Too early to read this cycle.'))}</b> "
            + _esc(_tr("The numbers are for information only: do not decide on them yet."))
            + f"<ul style='margin-left:-18px'>{reasons}</ul>{extra}", WARN))
    cmp_ = st.comparison
    new_xn = f"{st.x_new} / {st.n_new}" + (_tr(" (+{0} pending)").format(st.n_immature) if st.n_immature else "")
    base_xn = f"{st.x_base} / {st.n_base}" + (_tr(" (+{0} pending)").format(st.n_base_immature)
                                              if st.n_base_immature else "")
    rows = [
        [_tr("Window"), _window(st.baseline_start, st.baseline_end), _window(st.cycle_start, st.cycle_end)],
        [_tr("Converted / customers"), base_xn, new_xn],
        [_tr("Conversion rate"), pct(st.rate_base), pct(st.rate_new)],
        [_tr("95% interval"), interval(st.base_low, st.base_high) if st.n_base else "—",
         interval(st.new_low, st.new_high) if st.n_new else "—"],
    ]
    blocks.append(Table([Column("", 1.3, bold=True, muted=True), Column(_tr("Baseline"), 1.6, "right"),
                         Column(_tr("Cycle"), 1.6, "right")], rows, size=9.5, space_before=2.5 * MM))
    both = st.n_new > 0 and st.n_base > 0
    lines = []
    if both:
        lines.append(_tr("<b>Difference</b> (cycle − baseline): {0}, 95% interval {1}; p-value {2}; chance that the "
                         "cycle's rate is really higher: {3}.").format(
            pp(cmp_.diff), interval(cmp_.diff_low, cmp_.diff_high, signed=True), p_value(cmp_.p_value),
            chance(cmp_.prob_better)))
    if st.prediction is None:
        lines.append(_esc(_tr("No numeric prediction was written down for this cycle.")))
    elif st.prediction_inside is None:
        lines.append(_esc(_tr("Prediction {0}: cannot be checked yet (no cycle customer has a known outcome).")
                          .format(pct(st.prediction, 0))))
    else:
        where = _tr("inside") if st.prediction_inside else _tr("outside")
        lines.append(_tr("Prediction {0}: <b>{1}</b> the cycle's interval {2}.").format(
            pct(st.prediction, 0), where, interval(st.new_low, st.new_high)))
    if s.team is not None:
        lines.append(_esc(_tr("Reps: {0}").format(s.team.headline.rstrip(".") + ".")))
    blocks.append(Text("<br>".join(lines), 10, space_before=2 * MM))
    if cycle.study_interpretation.strip():
        blocks += [Heading(_tr("Interpretation"), 3), Text(_esc(cycle.study_interpretation.strip()))]
    if str(cycle.status) == "act":
        blocks += [Heading(_tr("Act"), 3),
                   Text(_esc(_tr("Awaiting the team's decision: adopt, adapt or abandon.")))]
    return blocks


def _closing_blocks(c: ReportContent) -> list[Block]:
    from pdsa_desk.ui.compare_widgets import position_style

    scope = _tr("team {0}").format(c.team) if c.team else _tr("whole workspace")
    blocks: list[Block] = [PageBreak(), Heading(_tr("New chart signals"), 1)]
    if not c.signals:
        blocks.append(Text(_esc(_tr("No new signals on the weekly P′ charts ({0}) since the last session.")
                                .format(scope)), space_before=1 * MM))
    for sig in c.signals:
        blocks += [Heading(sig.transition, 2), Text(_esc(sig.detail), space_before=1 * MM)]
        if sig.series is not None:
            blocks.append(Chart(sig.series, scope, height=300))

    blocks.append(Heading(_tr("Over the WIP limit"), 1))
    if not c.wip:
        blocks.append(Text(_esc(_tr("No stage is over its WIP limit.")), space_before=1 * MM))
    else:
        blocks.append(Text(_esc(_tr("Open opportunities now in each stage whose WIP limit is exceeded "
                                    "(workspace-wide: the limits apply to the whole workspace).")),
                           space_before=1 * MM))
        blocks.append(Table(
            [Column(_tr("Stage"), 3), Column(_tr("Open"), 1, "right"), Column(_tr("WIP limit"), 1, "right"),
             Column(_tr("Over by"), 1, "right")],
            [[w.stage, str(w.open), str(w.limit), str(w.open - w.limit)] for w in c.wip], space_before=2 * MM))

    blocks += [PageBreak(), Heading(_tr("Rep comparison"), 1)]
    if c.comparison_first is not None and c.comparison_last is not None:
        blocks.append(Text(_esc(_tr(
            "Last 26 weeks ({0} – {1}), {2}: customers who entered the stage and whose outcome is known. Reps are "
            "in alphabetical order — a comparison against the funnel limits, not a ranking.").format(
            _day(c.comparison_first), _day(c.comparison_last), scope)), 9.5, colour=MUTED, space_before=1 * MM))
    if not c.comparisons:
        blocks.append(Text(_esc(_tr("There is no transition to compare yet."))))
    for comp in c.comparisons:
        title = f"{comp.from_stage_name} → {comp.to_stage_name}"
        blocks.append(Heading(title, 2))
        table = comp.table
        if not len(table):
            blocks.append(Text(_esc(_tr("No rep has customers with a known outcome in this period."))))
            continue
        blocks.append(Text(_esc(_tr("Pooled rate {0} over {1} customers.").format(
            pct(comp.p0), int(table["n"].sum()))), 9.5, colour=MUTED, space_before=0.5 * MM, keep_with_next=True))
        rows = [[str(r.name), _text(r.team_name) or "—", str(int(r.x)), str(int(r.n)), pct(float(r.rate)),
                 interval(float(r.low), float(r.high)), _capital(_tr(position_style(str(r.position)).short)),
                 str(int(r.n_immature))] for r in table.itertuples()]
        blocks.append(Table(
            [Column(_tr("Rep"), 2.1), Column(_tr("Team"), 1.1), Column(_tr("Converted"), 1.3, "right"),
             Column(_tr("Customers"), 1.35, "right"), Column(_tr("Rate"), 1.0, "right"),
             Column(_tr("95% interval"), 1.6, "right"), Column(_tr("Against the funnel limits"), 3.6),
             Column(_tr("Pending"), 1.15, "right")], rows, size=8.5))
    return blocks


def build_blocks(content: ReportContent) -> list[Block]:
    """The report's blocks in order (see the module docstring for the layout)."""
    blocks = _title_blocks(content) + _agenda_blocks(content)
    for section in content.cycles:
        blocks += _cycle_blocks(section, content)
    blocks += _closing_blocks(content)
    return blocks


def _fit_single_pages(blocks: list[Block], st: Style, width: float, room: float) -> None:
    """Shrink the chart of a part that starts a page (an active cycle) so that the part fits on that page."""
    groups: list[list[Block]] = [[]]
    for block in blocks:
        if block.page_break_before:
            groups.append([])
        else:
            groups[-1].append(block)
    for group in groups[1:]:
        charts = [b for b in group if isinstance(b, Chart)]
        if len(charts) != 1:
            continue
        total = sum(b.height(st, width) + (b.space_before if i else 0.0) for i, b in enumerate(group))
        if total > room:
            charts[0].h = max(Chart.MIN_HEIGHT, charts[0].h - (total - room) - 2)


def expected_page_count(content: ReportContent) -> int:
    """The page count when every part fits on its page: the title and agenda, one page per active cycle, the
    signals and WIP page, the rep comparison page (true unless the agenda is long, a cycle's texts are long,
    there are more than two new signals or more than about four comparison tables)."""
    return 1 + len(content.cycles) + 2


def render_report(content: ReportContent, path: str | Path, *, progress: Progress | None = None) -> int:
    """Write ``content`` as an A4 PDF to ``path`` (GUI thread: it draws chart widgets); returns the page count."""
    if QGuiApplication.instance() is None:
        raise RuntimeError("render_report needs a QApplication")
    path = Path(path)
    if not path.parent.exists():
        raise ValidationError(f"The folder {path.parent} does not exist.", "path")
    tmp = path.with_name(f".{path.name}.part")
    writer = QPdfWriter(str(tmp))
    writer.setResolution(96)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
    writer.setTitle(f"{content.workspace} — {content.week_label}")
    writer.setCreator("pdsa-desk")
    st = Style(writer)
    size = QSizeF(writer.width(), writer.height())
    width = size.width() - 2 * MARGIN_X
    top, bottom = MARGIN_TOP, size.height() - MARGIN_BOTTOM
    blocks = build_blocks(content)
    try:
        if progress is not None:
            progress(0.9, _tr("Laying out the pages"))
        _fit_single_pages(blocks, st, width, bottom - top)
        pages = _paginate(blocks, st, width, top, bottom)
        painter = QPainter(writer)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            for n, page in enumerate(pages, 1):
                if n > 1:
                    writer.newPage()
                painter.fillRect(QRectF(0, 0, size.width(), size.height()), QBrush(QColor("white")))
                for block, y in page.items:
                    block.draw(painter, st, MARGIN_X, y, width)
                _draw_frame(painter, st, content, n, len(pages), size)
        finally:
            painter.end()  # finishes and closes the PDF file
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        for block in blocks:
            if isinstance(block, Chart):
                block.dispose()
    if progress is not None:
        progress(1.0, _tr("Report written"))
    return len(pages)


def write_report(
    ws: Workspace,
    path: str | Path,
    week: Any = None,
    team: str | None = None,
    progress: Progress | None = None,
    *,
    now: datetime | None = None,
) -> ReportInfo:
    """The This week "Weekly report (PDF)…" button and ``pdsa-desk report``: collect, then render (GUI thread).

    See :func:`collect_report` for ``week``/``team``; :class:`ValidationError`
    for a bad week, an unknown team or a missing folder.
    """
    content = collect_report(ws, week=week, team=team, now=now,
                             progress=(lambda f, m: progress(0.85 * f, m)) if progress else None)
    pages = render_report(content, path, progress=progress)
    return ReportInfo(Path(path), pages, content)
