"""This week: the weekly session's agenda, generated from the data. Every item opens what it names.

At start-up on a workspace file at the head revision the view is built and shows the first-run guide's steps and
the first agenda read from the file (:func:`pdsa_desk.core.agenda_file.first_week_file`, on the quick-read thread)
before the workspace is open, so this module imports the services (SQLModel) only when an action needs them; the
complete agenda follows as soon as the snapshot has loaded, computed from it and the file without SQLAlchemy
(:meth:`WeekView.complete_from_file`), and the workspace is opened after that (see ui/application.py). On every
other path the complete agenda comes with the refresh after the workspace is open.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core.agenda import SECTION_ORDER, Agenda, AgendaItem, build_agenda, first_agenda
from pdsa_desk.core.agenda_reuse import AgendaReuse
from pdsa_desk.core.changes import Change
from pdsa_desk.core.setup_steps import SetupProgress
from pdsa_desk.ui import formatting
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.first_run import SetupGuide
from pdsa_desk.ui.i18n import text
from pdsa_desk.ui.tasks import Ticket
from pdsa_desk.ui.views.base import View
from pdsa_desk.ui.views.week_summary import SummaryBox, SummaryLabel

if TYPE_CHECKING:
    from pdsa_desk.core.frames import AnalysisData

ITEM_ROLE = Qt.ItemDataRole.UserRole
#: The agenda's section names (core.agenda.Section), for the translation catalogue: translated at run time.
_SECTION_NAMES = (
    QT_TRANSLATE_NOOP("WeekView", "Decide (Act)"),
    QT_TRANSLATE_NOOP("WeekView", "Ready to study"),
    QT_TRANSLATE_NOOP("WeekView", "Cycles to start"),
    QT_TRANSLATE_NOOP("WeekView", "Running (Do)"),
    QT_TRANSLATE_NOOP("WeekView", "New chart signals"),
    QT_TRANSLATE_NOOP("WeekView", "Tell the team (marketing)"),
    QT_TRANSLATE_NOOP("WeekView", "Over the WIP limit"),
    QT_TRANSLATE_NOOP("WeekView", "Aging opportunities"),
    QT_TRANSLATE_NOOP("WeekView", "Reps over the active-cycle cap"),
    QT_TRANSLATE_NOOP("WeekView", "Forecast follow-up"),
)


class _WrappingDelegate(QStyledItemDelegate):
    """Agenda rows as tall as their texts need at the columns' widths (QTreeView's own rows stay one line high
    and cut long titles and details)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        width = self.tree.header().sectionSize(index.column()) - 12
        if index.column() == 0:  # the tree's indentation and the branch arrow take room there
            width -= self.tree.indentation() * (2 if index.parent().isValid() else 1) + 8
        text = str(index.data() or "")
        if width <= 0 or not text:
            return size
        font = index.data(Qt.ItemDataRole.FontRole)  # the section heads are bold
        metrics = QFontMetrics(font) if isinstance(font, QFont) else option.fontMetrics
        rect = metrics.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text)
        return QSize(size.width(), max(size.height(), rect.height() + 14))  # + the style sheet's 2 × 5 px padding


def _import_agenda_modules() -> None:
    """The modules the complete agenda computes with, imported ahead of it: the studies, charts and verdicts and
    their statistics (:mod:`pdsa_desk.core.distributions` on :mod:`scipy.special`; not :mod:`scipy.stats`, whose
    ~0.7 s import the agenda no longer needs -- tests/core/test_first_views.py checks)."""
    import pdsa_desk.core.agenda_complete
    import pdsa_desk.core.charts
    import pdsa_desk.core.study
    import pdsa_desk.core.verdict  # noqa: F401 - imported for their side effect: loaded before they are needed


class WeekView(View):
    #: A monthly review was written (its path).
    monthly_written = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.agenda: Agenda | None = None
        self._loads = self.latest()
        # The cycles' studies and chart signals of the last agenda, taken over by the next where provably the same
        # (an edit that does not touch the snapshot changes none but the edited cycle's): see core/agenda_reuse.py.
        self._reuse = AgendaReuse()
        self._early: Ticket | None = None  # the refresh before the workspace is open (see complete_from_file)
        # The "as of" instant and snapshot of a complete agenda computed from the file at start-up.
        self._from_file: tuple[datetime, object] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)

        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)  # a long date in a longer language takes two lines in a 1024 px window
        top.addWidget(self.heading, 1)
        self.held_button = QPushButton(self.tr("&Mark session held"))
        self.held_button.setToolTip(self.tr(
            "Record that this week's session took place; next week's agenda shows what is new since now."))
        self.held_button.clicked.connect(self.mark_session_held)
        top.addWidget(self.held_button)
        self.report_button = QPushButton(self.tr("Weekly &report (PDF)…"))
        self.report_button.setToolTip(self.tr(
            "An A4 report for people who were not in the room: agenda, each active cycle, signals, "
            "WIP and the rep comparison (Ctrl+P)"))
        self.report_button.clicked.connect(self.write_report)
        top.addWidget(self.report_button)
        self.monthly_button = QPushButton(self.tr("Mo&nthly review (PDF)…"))
        self.monthly_button.setToolTip(self.tr(
            "The monthly review for sales and marketing managers: conversion by channel, initiatives and the "
            "cycles they overlap, forecast accuracy, cycles decided and prediction calibration"))
        self.monthly_button.clicked.connect(lambda: self.write_monthly_review())
        top.addWidget(self.monthly_button)
        layout.addLayout(top)

        self.summary = SummaryLabel()  # keeps the room of its longer endings (see _set_summary)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # the room stays below
        # Outside any layout: its changes at every edit do not lay out the window again (see week_summary.py).
        self._summary_box = SummaryBox(self.summary)
        layout.addWidget(self._summary_box)
        self.guide = SetupGuide(ctx, self._run_view_action)
        self.guide.changed.connect(self.refresh)
        layout.addWidget(self.guide)
        self._filler = QWidget()  # takes the tree's room while the tree is hidden

        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Item"), self.tr("Why it is on the agenda")])
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setRootIsDecorated(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.header().resizeSection(0, 540)
        # Long details wrap onto more lines rather than being cut: the rows are laid out again for the
        # column's width whenever it changes (QTreeView keeps the heights of its first layout otherwise).
        self.tree.setItemDelegate(_WrappingDelegate(self.tree))
        self.tree.header().sectionResized.connect(lambda *_: self.tree.scheduleDelayedItemsLayout())
        self.tree.setStyleSheet("QTreeWidget::item { padding: 5px 2px; }")
        self.tree.setIndentation(18)
        self.tree.itemActivated.connect(self._open)
        self.tree.setToolTip(self.tr("Double-click or press Enter to open an item"))
        layout.addWidget(self.tree, 1)
        layout.addWidget(self._filler, 1)
        refresh = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self)
        refresh.activated.connect(self.ctx.advance_clock)
        refresh.setWhatsThis(self.tr("Recompute the figures as of now"))
        report = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        report.activated.connect(self.write_report)
        report.setWhatsThis(self.tr("Weekly report (PDF)"))

    # --- data -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Build the agenda in the background (snapshot and agenda both off the GUI thread); the agenda shown
        stays, marked as updating, until the new one is there. The first agenda and the complete one are
        both as of the window's one clock."""
        ticket = self._loads.begin()  # a newer refresh (after another edit) replaces this one
        self.updating = True
        if self.agenda is None:
            self.summary.setText(self.tr("Preparing the agenda…"))
        else:
            self._set_summary(updating=True)
        ws, as_of = self.ctx.ws, self.ctx.as_of()  # one clock: the instant every view uses
        if ws is None:  # shown before the workspace is open: what start-up read from the file (see the docstring)
            self._early = ticket
            self._show_guide(None)
            self.ctx.read_first(("first_week", as_of), lambda: None, ticket.guard(self._show_first_week),
                                lambda _exc: None)
            return
        self._show_guide(self.guide.refresh())
        from_file, self._from_file = self._from_file, None
        if (from_file is not None and from_file[0] == as_of and from_file[1] is self.ctx.current_analysis()
                and self.ctx.analysis_current and self.agenda is not None and not self.agenda.pending):
            # The workspace has just been opened on the agenda computed from the file: same instant, same data.
            self.updating = False
            self._set_summary()
            self.refreshed.emit()
            return
        if self.agenda is None and not self.ctx.analysis_current:
            # The first paint: the sections a few queries answer, while the history loads.
            self.ctx.run_read(lambda: first_agenda(ws, as_of=as_of), ticket.guard(self._show_first),
                              lambda _exc: None)
        self.ctx.analysis_in_background(
            ticket.guard(lambda data: self.ctx.run_in_background(
                lambda: build_agenda(ws, as_of=as_of, data=data, reuse=self._reuse), ticket.guard(self._show),
                ticket.guard(self._failed), abandon_on_close=True)),  # it only reads
            ticket.guard(self._failed))

    def complete_from_file(self, path: str | Path, then: Callable[[], None]) -> None:
        """Start-up on a workspace file at the head revision (see ui/application.py): once the snapshot that is
        loading is there, compute the complete agenda from it and the file with ``sqlite3`` alone on the worker
        (:func:`pdsa_desk.core.agenda_complete.complete_agenda_file`) and show it, as of the instant of the
        first agenda; ``then()`` (open the workspace) once it is shown -- or at once if it cannot be computed
        (the view then computes it through the workspace, as on every other path)."""
        ticket, as_of = self._early, self.ctx.as_of()
        if ticket is None or self.ctx.ws is not None:
            then()
            return
        done = [False]

        def finish(*_args: object) -> None:
            if not done[0]:
                done[0] = True
                then()

        def show(result: tuple[Agenda | None, object]) -> None:
            agenda, data = result
            if agenda is not None and self.ctx.ws is None and ticket.current:
                self._from_file = (as_of, data)
                self._show(agenda)
            finish()

        def compute(data: object) -> None:
            from pdsa_desk.core.agenda_complete import complete_agenda_file

            self.ctx.run_in_background(lambda: (complete_agenda_file(path, cast("AnalysisData", data), as_of=as_of),
                                                data), show, finish, abandon_on_close=True)

        # What the agenda's statistics import (scipy.special, the study and chart modules: ~0.2 s), on the quick-read
        # thread while the snapshot loads, rather than on the worker after it.
        self.ctx.run_read(_import_agenda_modules, lambda _result: None, lambda _exc: None)
        self.ctx.analysis_in_background(compute, finish)

    def _show_guide(self, progress: SetupProgress | None) -> None:
        """The guide's steps (None: not known yet); a workspace without opportunities or cycles has nothing on
        its agenda: the guide says what to do."""
        has_agenda = progress is None or progress.has_opportunities or progress.has_cycles
        self.guide.setVisible(progress is not None and not progress.complete)
        self.tree.setVisible(has_agenda)
        self._summary_box.setVisible(has_agenda)
        self._filler.setVisible(not has_agenda)

    def _show_first_week(self, first: tuple[SetupProgress, Agenda | None] | None) -> None:
        """The guide's steps and the first agenda read from the file at start-up (None: read nothing)."""
        if first is None or self.ctx.ws is not None:  # the workspace opened meanwhile: its refresh reads
            return
        progress, agenda = first
        self._show_guide(self.guide.show_progress(progress, writable=False))
        if agenda is not None:
            self._show_first(agenda)

    def _show_first(self, agenda: Agenda) -> None:
        if self.updating and (self.agenda is None or self.agenda.pending):  # not over the complete agenda
            self._show(agenda)

    def _failed(self, exc: BaseException) -> None:
        self.updating = False
        self.summary.setText(self.tr("The agenda could not be prepared: {0}").format(exc))
        self.refreshed.emit()

    def _summary_text(self) -> str:
        agenda = self.agenda
        if agenda is None:
            return ""
        if agenda.last_session is None:
            since = self.tr("No session recorded yet: signals of the past week are shown.")
        else:
            days = (agenda.as_of - agenda.last_session).days
            since = self.tr("Last session: {0} ({1} days ago). New signals are counted since then.").format(
                formatting.date_short(agenda.last_session), days)
        n_urgent = sum(1 for i in agenda.items if i.urgent)
        clock = self.tr("Figures as of {0} (F5 takes a new time).").format(
            formatting.time_of_day(agenda.as_of))
        return self.tr("{0} items, {1} needing a decision or action. {2} {3}").format(
            formatting.count(len(agenda.items)), formatting.count(n_urgent), since, clock)

    def _set_summary(self, *, computing: bool = False, updating: bool = False) -> None:
        """The summary line of the agenda shown, ending in what is still being computed or updated. Its label
        keeps the room of the line with either ending, so that the agenda below does not move when the complete
        agenda replaces the first one or an update ends."""
        line = self._summary_text()
        endings = (self.tr("The sections that need the whole history are being computed…"), self.tr("(updating…)"))
        self.summary.reserve(*(f"{line} {ending}" for ending in endings))
        self.summary.setText(f"{line} {endings[0]}" if computing else f"{line} {endings[1]}" if updating else line)

    def _show(self, agenda: Agenda) -> None:
        """Show an agenda: the complete one (``refreshed``), or the first one (``first_shown``) whose pending
        sections say they are being computed."""
        complete = not agenda.pending
        # After an edit the agenda mostly lists the same rows: then the tree stays as it is (rebuilding it made
        # the window lay out every row again through the Python delegate, waiting for the GIL at each one).
        same_rows = self.agenda is not None and (self.agenda.items, self.agenda.pending) == (agenda.items,
                                                                                          agenda.pending)
        self.updating = not complete
        self.agenda = agenda
        self.heading.setText(self.tr("<h2>This week — {0}</h2>").format(formatting.date_long(agenda.as_of)))
        self._set_summary(computing=not complete)
        if not same_rows:
            self._fill_tree(agenda)
        (self.refreshed if complete else self.first_shown).emit()

    def _fill_tree(self, agenda: Agenda) -> None:
        self.tree.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        for section in SECTION_ORDER:
            items = agenda.section(section)
            head = QTreeWidgetItem([f"{text(section.heading)} ({len(items)})", ""])
            head.setFont(0, bold)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(head)
            if section in agenda.pending:
                head.setText(0, text(section.heading))
                none = QTreeWidgetItem([self.tr("Computing from the history…"), ""])
                none.setFlags(Qt.ItemFlag.ItemIsEnabled)
                none.setForeground(0, self.palette().placeholderText())
                head.addChild(none)
            elif not items:
                none = QTreeWidgetItem([self.tr("Nothing this week"), ""])
                none.setFlags(Qt.ItemFlag.ItemIsEnabled)
                none.setForeground(0, self.palette().placeholderText())
                head.addChild(none)
            for item in items:
                row = QTreeWidgetItem([("● " if item.urgent else "") + text(item.title), text(item.detail)])
                row.setData(0, ITEM_ROLE, item)
                row.setToolTip(0, self.tr("Open in {0}").format(item.view.capitalize()))
                row.setToolTip(1, text(item.detail))
                head.addChild(row)
            head.setExpanded(True)
        self.tree.scheduleDelayedItemsLayout()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """The item column takes two fifths of the width (at most 540 px), the details the rest."""
        super().resizeEvent(event)
        self.tree.header().resizeSection(0, min(540, int(0.4 * self.tree.viewport().width())))

    # --- actions --------------------------------------------------------------------------

    def _run_view_action(self, key: str, method: str) -> bool:
        """Show another view of the window and run one of its actions (the first-run guide's buttons)."""
        window = self.window()
        navigate, view = getattr(window, "navigate", None), getattr(window, "view", None)
        if navigate is None or view is None:
            return False
        navigate(key)
        target = view(key)
        for name in method.split("."):  # "records.new_opportunity": an action of a part of the view
            target = getattr(target, name)
        target()
        return True

    def _open(self, row: QTreeWidgetItem, _column: int = 0) -> None:
        item = row.data(0, ITEM_ROLE)
        if isinstance(item, AgendaItem):
            self.ctx.navigate(item.view, item.object_id)

    def items(self) -> list[AgendaItem]:
        return list(self.agenda.items) if self.agenda else []

    def write_report(self, path: str | None = None) -> None:
        """Ask where to save this week's PDF report, then write it (collected in the background; the summary
        says when it is written)."""
        from pdsa_desk.core.errors import PdsaError
        from pdsa_desk.ui.report import render_report

        if not path:
            today = self.ctx.as_of().astimezone()
            year, week, _ = today.isocalendar()
            suggested = str(Path.home() / f"pdsa-weekly-{year}-W{week:02d}.pdf")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the weekly report"), suggested,
                                                  self.tr("PDF documents (*.pdf)"))
            if not path:
                return
        # The figures of this refresh: the same instant and snapshot as the agenda on screen. The content is
        # collected on the worker thread (studies, signals, a past week's reconstruction); the PDF is drawn
        # here (it paints the chart widgets).
        from pdsa_desk.core.report.collect import collect_report

        ws, as_of = self.ctx.ws, self.ctx.as_of()
        self.summary.setText(self.tr("Writing the report…"))

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, PdsaError | OSError):
                raise exc
            QMessageBox.warning(self, self.tr("Report not written"), str(exc))

        def render(content: Any) -> None:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                pages = render_report(content, path)
            except (PdsaError, OSError) as exc:
                QApplication.restoreOverrideCursor()
                failed(exc)
                return
            QApplication.restoreOverrideCursor()
            self.summary.setText(self.tr("Report written to {0} ({1} pages).").format(path, pages))

        def collect(data: Any) -> None:
            self.ctx.run_in_background(lambda: collect_report(ws, now=as_of, data=data), render, failed)

        self.ctx.analysis_in_background(collect, failed)

    def months_offered(self) -> list[tuple[int, int]]:
        """The twelve months up to this one, the last complete month first (what a monthly review is for)."""
        today = self.ctx.as_of().date()
        year, month = today.year, today.month
        out = []
        for _ in range(13):
            out.append((year, month))
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        return [*out[1:], out[0]]

    def write_monthly_review(self, month: tuple[int, int] | None = None, path: str | None = None) -> None:
        """Ask which month and where, then write its review (collected on the worker, drawn here)."""
        from PySide6.QtWidgets import QInputDialog

        from pdsa_desk.core.errors import PdsaError

        if month is None:
            months = self.months_offered()
            labels = [QLocale().toString(QDate(y, m, 1), "MMMM yyyy") for y, m in months]
            label, ok = QInputDialog.getItem(self, self.tr("Monthly review"), self.tr("Month to review:"), labels,
                                             0, False)
            if not ok:
                return
            month = months[labels.index(label)]
        if not path:
            suggested = str(Path.home() / f"pdsa-monthly-{month[0]}-{month[1]:02d}.pdf")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the monthly review"), suggested,
                                                  self.tr("PDF documents (*.pdf)"))
            if not path:
                return
        ws, as_of, chosen, target = self.ctx.ws, self.ctx.as_of(), month, path
        self.summary.setText(self.tr("Writing the monthly review…"))

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, PdsaError | OSError):
                raise exc
            QMessageBox.warning(self, self.tr("Review not written"), str(exc))

        def render(content: Any) -> None:
            from pdsa_desk.ui.monthly_report import render_monthly

            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                pages = render_monthly(content, target)
            except (PdsaError, OSError) as exc:
                QApplication.restoreOverrideCursor()
                failed(exc)
                return
            QApplication.restoreOverrideCursor()
            self.summary.setText(self.tr("Monthly review written to {0} ({1} pages).").format(target, pages))
            self.monthly_written.emit(target)

        def collect(data: Any) -> None:
            from pdsa_desk.core.report.monthly import collect_monthly

            self.ctx.run_in_background(lambda: collect_monthly(ws, chosen, now=as_of, data=data), render, failed)

        self.ctx.analysis_in_background(collect, failed)

    def mark_session_held(self) -> None:
        answer = QMessageBox.question(
            self, self.tr("Mark session held"),
            self.tr("Record that the weekly session was held now? Next week's agenda will count new signals "
                    "from this moment."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        from pdsa_desk.core import services

        services.mark_session_held(self.ctx.ws, held_at=datetime.now(UTC))
        self.ctx.notify_changed(Change())  # nothing the analysis snapshot holds
        self.refresh()
