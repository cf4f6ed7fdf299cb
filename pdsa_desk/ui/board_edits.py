"""The board's edits: the undoable stage move and close, and the dialogs that confirm them.

A move records what the customer did, so :class:`MoveDialog` shows the target stage's observable
standard and checklist and the user ticks the evidence actually seen; :class:`LostDialog` asks for a
loss reason; :class:`HistoryDialog` lists an opportunity's moves. Each dialog runs its ``submit`` on OK
(the edit is written on the worker thread) and stays open, showing the refusal, when the edit is refused.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
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
from pdsa_desk.core.changes import Change
from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.models import EventOrigin, utcnow
from pdsa_desk.ui import i18n
from pdsa_desk.ui.board_models import local_datetime
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.i18n import tr
from pdsa_desk.ui.undo import ServiceCommand
from pdsa_desk.ui.widgets import error_colour


def report_problem(parent: QWidget | None, title: str, message: str) -> None:
    """Tell the user an edit could not be made (tests replace this)."""
    QMessageBox.warning(parent, title, i18n.text(message))


# --- undoable edits ---------------------------------------------------------------------------


def _report_refusal(title: str) -> Callable[[ValidationError], None]:
    return lambda exc: report_problem(QApplication.activeWindow(), title, exc.message)


class MoveCommand(ServiceCommand):
    """A stage move from the board (undo tombstones its event; redo brings the same event back)."""

    def __init__(self, ctx: AppContext, opp_id: str, stage_id: str, evidence: list[str], text: str, *,
                 wip_override: bool = False) -> None:
        super().__init__(ctx, text, _report_refusal(text))
        self.opp_id, self.stage_id, self.evidence = opp_id, stage_id, list(evidence)
        self.wip_override = wip_override  # the user confirmed moving it in over the stage's WIP limit
        self.move: services.Move | None = None
        self.change = Change.of(opp_id)  # one opportunity's events (and outcome): patched, not reloaded

    def apply(self) -> None:
        self.move = services.move_opportunity(
            self.ctx.ws, self.opp_id, self.stage_id, evidence_items=self.evidence, entered_at=utcnow(),
            origin=EventOrigin.BOARD, wip_override=self.wip_override,
        )

    def _applied(self) -> services.Move:
        if self.move is None:  # the undo stack only undoes or redoes what was applied
            raise RuntimeError("the move was never applied")
        return self.move

    def reapply(self) -> None:
        services.redo_move(self.ctx.ws, self._applied())

    def revert(self) -> None:
        services.undo_move(self.ctx.ws, self._applied())


class CloseCommand(ServiceCommand):
    """Close an open opportunity as won or lost (undo reopens it; redo closes it again, same time)."""

    def __init__(self, ctx: AppContext, opp_id: str, text: str, *, reason_id: str | None = None,
                 won: bool = False) -> None:
        super().__init__(ctx, text, _report_refusal(text))
        self.opp_id, self.reason_id, self.won = opp_id, reason_id, won
        self.at = utcnow()
        self.change = Change.of(opp_id)

    def apply(self) -> None:
        if self.won:
            services.mark_won(self.ctx.ws, self.opp_id, at=self.at)
        else:
            services.mark_lost(self.ctx.ws, self.opp_id, self.reason_id, at=self.at)

    def revert(self) -> None:
        services.reopen(self.ctx.ws, self.opp_id)


# --- dialogs ----------------------------------------------------------------------------------


class _SubmitDialog(QDialog):
    """A dialog whose OK runs ``submit`` and stays open, with the message shown, if it is refused.

    ``submit(settle, *values)`` starts the edit (on the worker thread) and calls ``settle(None)`` once it
    is recorded (the dialog closes) or ``settle(message)`` if it was refused. Meanwhile the dialog says it
    is recording and its buttons wait: OK twice would record the move twice, and Cancel could not take
    back what is being written."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.submit: Callable[..., None] | None = None
        # The edit is being recorded (between OK and ``settle``).
        self.recording = False
        self._ok_text = ""
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        self.error_label.setObjectName("errorLabel")
        pal = self.error_label.palette()
        pal.setColor(QPalette.ColorRole.WindowText, error_colour(pal))
        self.error_label.setPalette(pal)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def show_error(self, message: str) -> None:
        self.error_label.setText(i18n.text(message))  # a service's refusal in the UI's language
        self.error_label.setVisible(bool(message))

    def _values(self) -> tuple:
        return ()

    def accept(self) -> None:
        if self.recording:
            return
        if self.submit is None:
            super().accept()
            return
        self.recording = True
        self._ok_text = self.ok_button.text()
        self.ok_button.setText(QCoreApplication.translate("BoardView", "Recording…"))  # the same for every subclass
        self.buttons.setEnabled(False)
        self.show_error("")
        self.submit(self.settle, *self._values())

    def reject(self) -> None:
        if not self.recording:  # what is being written cannot be cancelled; the outcome comes in a moment
            super().reject()

    def settle(self, problem: str | None) -> None:
        """The edit started by OK was recorded (None: the dialog closes) or refused (stays open, saying why)."""
        if not self.recording:
            return
        self.recording = False
        self.ok_button.setText(self._ok_text)
        self.buttons.setEnabled(True)
        if problem:
            self.show_error(problem)
            return
        super().accept()


class MoveDialog(_SubmitDialog):
    """Confirm a stage move: the target stage's observable standard and its evidence checklist."""

    def __init__(self, opp_name: str, from_name: str | None, stage_name: str, standard: str,
                 checklist: list[str], *, skipped: list[str] | None = None, closes_won: bool = False,
                 wip: tuple[int, int | None] = (0, None), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage_name = stage_name
        self.closes_won = closes_won
        self.setObjectName("moveDialog")
        self.setWindowTitle(self.tr("Mark won") if closes_won else self.tr("Move to {0}").format(stage_name))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        route = (self.tr("{0} → <b>{1}</b>").format(escape(from_name), escape(stage_name)) if from_name
                 else self.tr("into <b>{0}</b>").format(escape(stage_name)))
        heading = QLabel(f"<b>{escape(opp_name)}</b><br>{route}")
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(heading)
        if skipped:
            note = QLabel(self.tr("This skips {0}; only the move into “{1}” is recorded.").format(
                ", ".join(f"“{s}”" for s in skipped), stage_name))
            note.setWordWrap(True)
            layout.addWidget(note)
        if closes_won:
            won = QLabel(self.tr("Entering this stage closes the opportunity as won."))
            won.setWordWrap(True)
            layout.addWidget(won)

        self.wip_label = QLabel()
        self.wip_label.setObjectName("wipWarning")
        self.wip_label.setWordWrap(True)
        self.wip_label.setTextFormat(Qt.TextFormat.RichText)
        self.wip_label.setVisible(False)
        layout.addWidget(self.wip_label)
        #: The move goes over the stage's WIP limit, and OK confirms it (recorded with the move).
        self.over_wip_limit = False

        std_box = QGroupBox(self.tr("Observable standard of “{0}”").format(stage_name))
        std_layout = QVBoxLayout(std_box)
        self.standard_label = QLabel(standard or self.tr("No observable standard is written for this stage yet "
                                                         "(write one on the Standards page)."))
        self.standard_label.setWordWrap(True)
        self.standard_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        std_layout.addWidget(self.standard_label)
        layout.addWidget(std_box)

        ev_box = QGroupBox(self.tr("Evidence seen"))
        ev_layout = QVBoxLayout(ev_box)
        self.checkboxes: list[QCheckBox] = []
        if checklist:
            hint = QLabel(self.tr("Tick only what you saw or heard from the customer."))
            hint.setWordWrap(True)
            ev_layout.addWidget(hint)
        for item in checklist:
            box = QCheckBox(item)
            box.toggled.connect(self._update_status)
            self.checkboxes.append(box)
            ev_layout.addWidget(box)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setObjectName("evidenceStatus")
        ev_layout.addWidget(self.status_label)
        layout.addWidget(ev_box)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.ok_button.setText(self.tr("Record as won") if closes_won else self.tr("Record move"))
        self.set_wip(*wip)
        self._update_status()

    def set_wip(self, count: int, limit: int | None) -> None:
        """Say whether the target stage is at or over its WIP limit (``count`` open opportunities in it now):
        then OK confirms moving over the limit, and the move records the override."""
        self.over_wip_limit = limit is not None and count >= limit
        if not self.over_wip_limit:
            self.wip_label.setVisible(False)
            return
        held = self.tr("“{0}” holds %n open opportunities;", "", count).format(escape(self.stage_name))
        limit_text = self.tr("its WIP limit is {0}.").format(limit)
        advice = self.tr("Moving this one in goes over the limit: finish work there first, or confirm, and the "
                         "override is recorded with the move.")
        self.wip_label.setText(f"<b>⚠ {held} {limit_text}</b><br>{advice}")
        self.wip_label.setVisible(True)
        self.ok_button.setText(self.tr("Record as won over the limit") if self.closes_won
                               else self.tr("Move over the limit"))

    def checked_items(self) -> list[str]:
        return [b.text() for b in self.checkboxes if b.isChecked()]

    def confirmed(self) -> bool:
        return all(b.isChecked() for b in self.checkboxes)

    def _values(self) -> tuple:
        return (self.checked_items(),)

    def _update_status(self) -> None:
        n, total = len(self.checked_items()), len(self.checkboxes)
        if total == 0:
            text = self.tr("This stage has no evidence checklist; the move is recorded as it is.")
        elif n == total:
            text = self.tr("✔ All evidence seen: the move is recorded as confirmed.")
        elif n == 0:
            text = self.tr("<b>⚠ No evidence ticked:</b> the move is recorded as <b>unconfirmed</b>. "
                           "Record it only if the customer really did this.")
        else:
            text = self.tr("<b>⚠ {0} of {1} items seen:</b> the move is recorded as <b>unconfirmed</b>, "
                           "with the ticked items.").format(n, total)
        self.status_label.setText(text)


class LostDialog(_SubmitDialog):
    """Close as lost: a reason is required (losses without one teach nothing)."""

    def __init__(self, opp_name: str, reasons: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lostDialog")
        self.setWindowTitle(self.tr("Mark lost"))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Why was <b>{0}</b> lost?").format(escape(opp_name)))
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.reason_combo = QComboBox()
        self.reason_combo.setPlaceholderText(self.tr("Choose a loss reason…"))
        for reason_id, name in reasons:
            self.reason_combo.addItem(name, reason_id)
        self.reason_combo.setCurrentIndex(-1)
        if not reasons:
            self.show_error(self.tr("No loss reasons are defined yet; add them on the Standards page first."))
            self.ok_button.setEnabled(False)
            self.ok_button.setToolTip(self.tr("Add a loss reason first"))
        self.reason_combo.currentIndexChanged.connect(lambda _i: self.show_error(""))
        layout.addWidget(self.reason_combo)
        layout.addWidget(self.error_label)
        hint = QLabel(self.tr("The card leaves the board. Undo (Ctrl+Z) reopens it."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.ok_button.setText(self.tr("Mark lost"))

    def reason_id(self) -> str | None:
        return self.reason_combo.currentData() if self.reason_combo.currentIndex() >= 0 else None

    def _values(self) -> tuple:
        return (self.reason_id(),)


class HistoryDialog(QDialog):
    """An opportunity's stage moves: when, which stage, the evidence ticked."""

    def __init__(self, title: str, facts: str, rows: list[tuple[str, str, str, str, str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(self.tr("History of {0}").format(title))
        self.resize(760, min(460, 170 + 26 * max(len(rows), 2)))
        layout = QVBoxLayout(self)
        head = QLabel(f"<b>{escape(title)}</b><br>{facts}")
        head.setWordWrap(True)
        layout.addWidget(head)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setHeaderLabels([self.tr("Entered"), self.tr("Stage"), self.tr("Evidence seen"),
                                   self.tr("Confirmed"), self.tr("Recorded by"), self.tr("WIP limit")])
        for row in rows:
            item = QTreeWidgetItem(list(row))
            item.setToolTip(2, row[2])
            self.tree.addTopLevelItem(item)
        header = self.tree.header()
        header.setStretchLastSection(False)
        for col in (0, 1, 3, 4, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        if not rows:
            layout.addWidget(QLabel(self.tr("No stage moves recorded yet.")))
        layout.addWidget(self.tree)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @staticmethod
    def rows_of(ws: Workspace, opp_id: str) -> list[tuple[str, str, str, str, str, str]]:
        """The rows of an opportunity's history: entered, stage, evidence, confirmed, recorded by, and whether
        the move went over the stage's WIP limit (confirmed)."""

        names = {s.id: s.name for s in services.list_stages(ws)}
        origins = {"board": tr("board"), "import": tr("import"), "merge": tr("merge"), "demo": tr("demo data")}
        return [(
            local_datetime(ev.entered_at),
            names.get(ev.stage_id, tr("(deleted stage)")),
            ", ".join(ev.evidence_items) or tr("none ticked"),
            tr("yes") if ev.evidence_confirmed else tr("no"),
            origins.get(ev.origin, ev.origin),
            tr("overridden") if ev.wip_override else "",
        ) for ev in services.history(ws, opp_id)]


def escape(text: str | None) -> str:
    """``text`` for a rich-text label (``&``, ``<`` and ``>`` escaped)."""
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
