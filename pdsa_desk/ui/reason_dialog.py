"""Asking "why?" before a step the record should explain: an early Study or decision, a new chart phase.

:class:`ReasonDialog` shows what the core said (the message), a text box for the reason and a button that
names the step; :func:`ask_reason` runs it and returns the reason (None when cancelled). Views keep a
method that calls it, so tests replace the question, not the dialog.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class ReasonDialog(QDialog):
    """A message, a reason (required) and a button naming the step."""

    def __init__(self, parent: QWidget | None, title: str, message: str, action: str, *, placeholder: str = "",
                 reason: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        text = QLabel(message)
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addWidget(QLabel(self.tr("<b>Why?</b> (kept with the record, for whoever reads it later)")))
        self.reason = QPlainTextEdit(reason)
        self.reason.setPlaceholderText(placeholder)
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(110)
        self.reason.setAccessibleName(self.tr("Reason"))
        layout.addWidget(self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reason.textChanged.connect(self._update)
        self._update()
        self.reason.setFocus()

    def _update(self) -> None:
        self.ok.setEnabled(bool(self.reason.toPlainText().strip()))

    def text(self) -> str:
        return self.reason.toPlainText().strip()


def ask_reason(parent: QWidget | None, title: str, message: str, action: str, *, placeholder: str = "",
               reason: str = "") -> str | None:
    """Run a :class:`ReasonDialog`; the reason given, or None when cancelled."""
    dialog = ReasonDialog(parent, title, message, action, placeholder=placeholder, reason=reason)
    try:
        return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
