"""Small widgets and helpers shared by views and dialogs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QRect, QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QHeaderView, QLabel, QStyle, QWidget

from pdsa_desk.ui import i18n


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
        """Show ``text``; a message from ``core/`` (a service's refusal) in the UI's language."""
        self.setText(i18n.text(text))
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


class Banner(QFrame):
    """A line across the top of the window about the whole workspace (hidden while it has nothing to say)."""

    def __init__(self, name: str, *, warning: bool = False) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        palette = self.palette()
        role = QPalette.ColorRole.ToolTipBase
        palette.setColor(QPalette.ColorRole.Window, error_colour(palette).lighter(185) if warning
                         else palette.color(role))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#1f1f1f") if warning
                         else palette.color(QPalette.ColorRole.ToolTipText))
        self.setPalette(palette)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.setVisible(False)

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleName(self.label.text())
        self.setVisible(True)

    def text(self) -> str:
        return self.label.text()


def keep_titles_readable(header: QHeaderView) -> None:
    """No column of ``header`` gets narrower than its widest title: a stretched column in a small window would
    otherwise shrink to a few pixels ("Observable standard" one character wide); the view scrolls instead."""
    model = header.model()
    if model is None:
        return
    margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 8  # + the sort indicator's room
    titles = [str(model.headerData(c, header.orientation()) or "") for c in range(model.columnCount())]
    widest = max((header.fontMetrics().horizontalAdvance(line) for t in titles for line in t.splitlines()),
                 default=0)
    header.setMinimumSectionSize(max(header.minimumSectionSize(), widest + margin))


class ReservedLabel(QLabel):
    """A word-wrapped label as tall as the tallest of its reserved texts would be at its width (and its own
    text): a view that changes its texts (the Board's first board, then the complete one; This week's first
    agenda, then the complete one; updating…) keeps its layout."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.reserved: tuple[str, ...] = ()

    def reserve(self, *texts: str) -> None:
        """Make room for these texts, too (plain text)."""
        if texts != self.reserved:
            self.reserved = texts
            self.updateGeometry()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        own = super().heightForWidth(width)
        inner = width - self.contentsMargins().left() - self.contentsMargins().right() - 2 * self.margin()
        if inner <= 0 or not self.reserved:
            return own
        metrics = self.fontMetrics()
        extra = self.contentsMargins().top() + self.contentsMargins().bottom() + 2 * self.margin()
        tallest = max(metrics.boundingRect(QRect(0, 0, inner, 100_000), Qt.TextFlag.TextWordWrap, text).height()
                      for text in self.reserved)
        return max(own, tallest + extra)
