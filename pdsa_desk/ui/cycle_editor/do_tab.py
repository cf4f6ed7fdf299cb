"""The Do tab: the observation log of a running cycle."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.models import CycleStatus, ObservationKind
from pdsa_desk.core.services.observations import OBSERVATION_MAX_LENGTH
from pdsa_desk.ui.cycle_editor.snapshot import CycleSnapshot
from pdsa_desk.ui.cycles_models import ID_ROLE, ObservationModel, kind_label
from pdsa_desk.ui.widgets import ErrorLabel, keep_titles_readable

KINDS = (ObservationKind.OBSERVATION, ObservationKind.DEVIATION, ObservationKind.PROBLEM)


class DoTab(QWidget):
    """The observation log; type and press Enter to add (Alt+1/2/3 picks the kind)."""

    #: The most lines a log row shows; the selected entry is shown whole below the table.
    ROW_LINES = 4

    add_requested = Signal(str, str, str)  # text, kind, author
    delete_requested = Signal(str)  # observation id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        intro = QLabel(
            self.tr("Write down what happens while the cycle runs: what you see, where you deviated from the "
                    "plan, and problems. The Study step reads these next to the numbers.")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.model = ObservationModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # A long entry wraps, but a row is at most ROW_LINES lines tall (the rest is elided; the whole entry shows
        # below the table when it is selected), so one 5,000-character entry cannot fill the log.
        line = self.table.fontMetrics().lineSpacing()
        self.table.verticalHeader().setMaximumSectionSize(line * self.ROW_LINES + 8)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        # The text is what matters: the other columns are as narrow as their contents allow (the author at
        # most ~12 characters, cut with "…"), the text takes the rest and wraps.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ObservationModel.AUTHOR, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(ObservationModel.AUTHOR, 12 * self.fontMetrics().averageCharWidth())
        header.setSectionResizeMode(ObservationModel.TEXT, QHeaderView.ResizeMode.Stretch)
        keep_titles_readable(header)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setAccessibleName(self.tr("Observation log"))
        layout.addWidget(self.table, 1)
        self.empty_label = QLabel(
            self.tr("No observations yet — type what you saw below and press Enter.")
        )
        self.empty_label.setEnabled(False)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty_label)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName(self.tr("The selected entry in full"))
        self.detail.setMaximumHeight(line * 5 + 14)
        self.detail.setVisible(False)
        layout.addWidget(self.detail)

        row = QHBoxLayout()
        row2 = QHBoxLayout()
        self.kind = QComboBox()
        for i, kind in enumerate(KINDS):
            self.kind.addItem(kind_label(kind), str(kind))
            self.kind.setItemData(i, self.tr("Alt+{0}").format(i + 1), Qt.ItemDataRole.ToolTipRole)
        self.kind.setToolTip(self.tr("Kind of entry: Alt+1 observation, Alt+2 deviation, Alt+3 problem"))
        self.input = QLineEdit()
        self.input.setPlaceholderText(self.tr("What did you see? Press Enter to add it to the log"))
        self.input.setClearButtonEnabled(True)
        self.input.setAccessibleName(self.tr("New observation"))
        self.author = QComboBox()
        self.author.setEditable(True)
        self.author.setToolTip(self.tr("Who observed it"))
        self.author.setMinimumWidth(140)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.setToolTip(self.tr("Add the entry to the log (Enter)"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Delete the selected entry (Del); Edit > Undo brings it back"))
        self.counter = QLabel()
        self.counter.setObjectName("characterCounter")
        self.counter.setEnabled(False)
        row.addWidget(self.kind)
        row.addWidget(self.input, 1)
        row.addWidget(self.counter)
        row.addWidget(self.add_button)
        author_label = QLabel(self.tr("A&uthor:"))
        author_label.setBuddy(self.author)
        row2.addWidget(author_label)
        row2.addWidget(self.author)
        hint = QLabel(self.tr("Alt+1/2/3: observation / deviation / problem"))
        hint.setEnabled(False)
        hint.setWordWrap(True)
        row2.addWidget(hint, 1)
        row2.addWidget(self.delete_button)
        layout.addLayout(row)
        layout.addLayout(row2)
        self.error = ErrorLabel()
        layout.addWidget(self.error)

        self.input.returnPressed.connect(self._add)
        self.add_button.clicked.connect(self._add)
        self.delete_button.clicked.connect(self._delete)
        self.input.textChanged.connect(self._update_buttons)
        self.input.textChanged.connect(self._count)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        for i in range(len(KINDS)):
            sc = QShortcut(QKeySequence(f"Alt+{i + 1}"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda i=i: self.kind.setCurrentIndex(i))
            sc.setWhatsThis(self.tr("Do log: mark the next entry as “{0}”").format(kind_label(KINDS[i])))
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.table, context=Qt.ShortcutContext.WidgetShortcut)
        delete.setWhatsThis(self.tr("Do log: delete the selected entry"))
        delete.activated.connect(self._delete)
        self._closed = False
        self._update_buttons()

    def set_snapshot(self, snap: CycleSnapshot, *, keep_input: bool = False) -> None:
        self.model.set_observations(snap.observations)
        self._show_selected()
        self.table.resizeRowsToContents()
        self.table.scrollToBottom()
        self.empty_label.setVisible(not snap.observations)
        names = snap.rep_names
        current = self.author.currentText() if keep_input else ""
        self.author.clear()
        people = [names[r] for r in snap.participant_ids if r in names]
        owner = names.get(snap.cycle.owner_rep_id or "")
        if owner and owner not in people:
            people.insert(0, owner)
        self.author.addItems(people)
        self.author.setCurrentText(current or owner or (people[0] if people else ""))
        if not keep_input:
            self.input.clear()
            self.kind.setCurrentIndex(0)
            self.error.clear_message()
        self._closed = snap.cycle.status == CycleStatus.CLOSED
        self.input.setEnabled(not self._closed)
        self.kind.setEnabled(not self._closed)
        self.author.setEnabled(not self._closed)
        if self._closed:
            self.input.setPlaceholderText(self.tr("This cycle is closed: its log is part of the record"))
        else:
            self.input.setPlaceholderText(self.tr("What did you see? Press Enter to add it to the log"))
        self._update_buttons()

    def _count(self, text: str) -> None:
        """The characters typed, against the limit: shown once the entry gets long, refused next to it when over."""
        n, limit = len(text.strip()), OBSERVATION_MAX_LENGTH
        locale = QLocale()
        self.counter.setText(self.tr("{0} / {1}").format(locale.toString(n), locale.toString(limit))
                             if n >= limit // 10 else "")
        self.counter.setToolTip(self.tr("Characters in this entry; at most {0}").format(locale.toString(limit)))
        over = n > limit
        self.counter.setEnabled(over)
        self.error.show_message(
            self.tr("Too long: {0} characters, at most {1}. Split it into several entries.").format(
                locale.toString(n), locale.toString(limit)) if over else "")

    def _show_selected(self, *_args: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        text = self.model.observation(rows[0].row()).text if rows else ""
        self.detail.setPlainText(text)
        self.detail.setVisible(bool(text))

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        has_text = bool(self.input.text().strip())
        too_long = len(self.input.text().strip()) > OBSERVATION_MAX_LENGTH
        self.add_button.setEnabled(has_text and not too_long and not self._closed)
        if self._closed:
            self.add_button.setToolTip(self.tr("This cycle is closed"))
        elif not has_text:
            self.add_button.setToolTip(self.tr("Type an observation first"))
        elif too_long:
            self.add_button.setToolTip(self.tr("The entry is too long: split it into several entries"))
        else:
            self.add_button.setToolTip(self.tr("Add the entry to the log (Enter)"))
        selected = self.selected_id() is not None
        self.delete_button.setEnabled(selected and not self._closed)
        if self._closed:
            self.delete_button.setToolTip(self.tr("This cycle is closed"))
        elif not selected:
            self.delete_button.setToolTip(self.tr("Select an entry in the log to delete it"))
        else:
            self.delete_button.setToolTip(self.tr("Delete the selected entry (Del); Edit > Undo brings it back"))

    def _add(self) -> None:
        if self._closed:
            return
        self.error.clear_message()
        self.add_requested.emit(self.input.text(), self.kind.currentData(), self.author.currentText().strip())

    def _delete(self) -> None:
        obs_id = self.selected_id()
        if obs_id and not self._closed:
            self.delete_requested.emit(obs_id)

    def show_error(self, exc: ValidationError) -> bool:
        if exc.field in ("text", "kind", "observed_at"):
            self.error.show_message(exc.message)
            self.input.setFocus()
            return True
        return False

    def added(self) -> None:
        """The entry was saved: clear the line for the next one (the kind stays)."""
        self.input.clear()
        self.input.setFocus()
