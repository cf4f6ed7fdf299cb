"""This week: the weekly session's agenda, generated from the data. Every item opens what it names."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core import services
from pdsa_desk.core.agenda import SECTION_ORDER, Agenda, AgendaItem, build_agenda
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.views.base import View

if TYPE_CHECKING:
    from pdsa_desk.core.frames import AnalysisData

ITEM_ROLE = Qt.ItemDataRole.UserRole


class WeekView(View):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.agenda: Agenda | None = None
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)

        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
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
        layout.addLayout(top)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

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
        self.tree.setStyleSheet("QTreeWidget::item { padding: 5px 2px; }")
        self.tree.setIndentation(18)
        self.tree.itemActivated.connect(self._open)
        self.tree.setToolTip(self.tr("Double-click or press Enter to open an item"))
        layout.addWidget(self.tree, 1)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self).activated.connect(self.ctx.advance_clock)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self).activated.connect(self.write_report)

    # --- data -----------------------------------------------------------------------------

    def refresh(self) -> None:
        if self._loading:
            return
        self._loading = True
        self.summary.setText(self.tr("Preparing the agenda…"))
        ws, as_of = self.ctx.ws, self.ctx.as_of()  # one clock: the instant every view uses
        # Both the snapshot and the agenda are built off the GUI thread: the window paints at once.

        def build(data: AnalysisData) -> None:
            self.ctx.run_in_background(lambda: build_agenda(ws, as_of=as_of, data=data), self._show, self._failed,
                                       abandon_on_close=True)  # it only reads

        self.ctx.analysis_in_background(build, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self.summary.setText(self.tr("The agenda could not be prepared: {0}").format(exc))

    def _show(self, agenda: Agenda) -> None:
        self._loading = False
        self.agenda = agenda
        today = agenda.as_of.astimezone()
        self.heading.setText(self.tr("<h2>This week — {0}</h2>").format(today.strftime("%A %d %B %Y")))
        if agenda.last_session is None:
            since = self.tr("No session recorded yet: signals of the past week are shown.")
        else:
            days = (agenda.as_of - agenda.last_session).days
            since = self.tr("Last session: {0} ({1} days ago). New signals are counted since then.").format(
                agenda.last_session.astimezone().strftime("%d %b %Y"), days)
        n_urgent = sum(1 for i in agenda.items if i.urgent)
        clock = self.tr("Figures as of {0} (F5 takes a new time).").format(
            agenda.as_of.astimezone().strftime("%H:%M"))
        self.summary.setText(self.tr("{0} items, {1} needing a decision or action. {2} {3}").format(
            len(agenda.items), n_urgent, since, clock))
        self.tree.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        for section in SECTION_ORDER:
            items = agenda.section(section)
            head = QTreeWidgetItem([f"{self.tr(section.value)} ({len(items)})", ""])
            head.setFont(0, bold)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(head)
            if not items:
                none = QTreeWidgetItem([self.tr("Nothing this week"), ""])
                none.setFlags(Qt.ItemFlag.ItemIsEnabled)
                none.setForeground(0, self.palette().placeholderText())
                head.addChild(none)
            for item in items:
                row = QTreeWidgetItem([("● " if item.urgent else "") + item.title, item.detail])
                row.setData(0, ITEM_ROLE, item)
                row.setToolTip(0, self.tr("Open in {0}").format(item.view.capitalize()))
                row.setToolTip(1, item.detail)
                head.addChild(row)
            head.setExpanded(True)

    # --- actions --------------------------------------------------------------------------

    def _open(self, row: QTreeWidgetItem, _column: int = 0) -> None:
        item = row.data(0, ITEM_ROLE)
        if isinstance(item, AgendaItem):
            self.ctx.navigate(item.view, item.object_id)

    def items(self) -> list[AgendaItem]:
        return list(self.agenda.items) if self.agenda else []

    def write_report(self, path: str | None = None) -> None:
        """Ask where to save this week's PDF report, then write it."""
        from pdsa_desk.core.errors import PdsaError
        from pdsa_desk.ui.report import write_report

        if not path:
            today = self.ctx.as_of().astimezone()
            year, week, _ = today.isocalendar()
            suggested = str(Path.home() / f"pdsa-weekly-{year}-W{week:02d}.pdf")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the weekly report"), suggested,
                                                  self.tr("PDF documents (*.pdf)"))
            if not path:
                return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            # The figures of this refresh: the same instant and snapshot as the agenda on screen.
            info = write_report(self.ctx.ws, path, now=self.ctx.as_of(), data=self.ctx.analysis())
        except (PdsaError, OSError) as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, self.tr("Report not written"), str(exc))
            return
        QApplication.restoreOverrideCursor()
        self.summary.setText(self.tr("Report written to {0} ({1} pages).").format(path, info.pages))

    def mark_session_held(self) -> None:
        answer = QMessageBox.question(
            self, self.tr("Mark session held"),
            self.tr("Record that the weekly session was held now? Next week's agenda will count new signals "
                    "from this moment."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        services.mark_session_held(self.ctx.ws, held_at=datetime.now(UTC))
        self.ctx.notify_changed()
        self.refresh()
