"""Small widgets and helpers shared by views and dialogs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel, QWidget


def error_colour(palette: QPalette | None = None) -> QColor:
    """A red legible on the palette's window colour, light or dark (default: the application's palette)."""
    if palette is None:
        palette = QGuiApplication.palette() if QGuiApplication.instance() is not None else QPalette()
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return QColor("#ff8a80" if dark else "#b3261e")


class ErrorLabel(QLabel):
    """A refusal shown next to the field it is about (hidden when empty); follows light/dark changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setVisible(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setObjectName("fieldError")
        self.setAccessibleName(self.tr("Error"))
        self._restyle()

    def _restyle(self) -> None:
        wanted = error_colour(self.palette())
        if self.palette().color(QPalette.ColorRole.WindowText) != wanted:
            palette = self.palette()
            palette.setColor(QPalette.ColorRole.WindowText, wanted)
            self.setPalette(palette)  # a PaletteChange again, which then finds nothing to do

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message("")


def start_folder(settings_key: str, workspace_path: Path | None) -> Path:
    """Where a file dialog starts: the last folder used (under ``settings_key``), else the workspace's
    folder, else home."""
    saved = QSettings().value(settings_key, "")
    if isinstance(saved, str) and saved and Path(saved).is_dir():
        return Path(saved)
    if workspace_path is not None:
        return workspace_path.parent
    return Path.home()


def remember_folder(settings_key: str, chosen_file: Path) -> None:
    """Remember the folder of ``chosen_file`` for the next :func:`start_folder`."""
    QSettings().setValue(settings_key, str(chosen_file.parent))
