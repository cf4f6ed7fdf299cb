"""Fields and helpers the editor's tabs share: an optional date, a predicted rate, multi-line text, a scrolling body."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QPlainTextEdit,
    QScrollArea,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.ui import formatting


def aware(value: datetime) -> datetime:
    """A database time (naive means UTC) with its time zone."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


class DateField(QWidget):
    """A date that may be unset: a QDateEdit with a calendar and a clear button."""

    changed = Signal()
    _UNSET = QDate(2000, 1, 1)

    def __init__(self, parent: QWidget | None = None, *, clearable: bool = True) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(formatting.date_edit_format())
        self.edit.setMinimumDate(self._UNSET)
        self.edit.setSpecialValueText(self.tr("not set"))
        self.edit.setMinimumWidth(120)
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.edit.calendarWidget().installEventFilter(self)
        layout.addWidget(self.edit)
        self.clear_button = QToolButton()
        self.clear_button.setText("×")
        self.clear_button.setToolTip(self.tr("Clear the date"))
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(lambda: self.set_value(None))
        self.clear_button.setVisible(clearable)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # An unset date opens the calendar on today's month, not on the sentinel's.
        if event.type() == QEvent.Type.Show and self.value() is None:
            today = QDate.currentDate()
            self.edit.calendarWidget().setCurrentPage(today.year(), today.month())
        return super().eventFilter(obj, event)

    def value(self) -> date | None:
        d = self.edit.date()
        return None if d == self._UNSET else date(d.year(), d.month(), d.day())

    def set_value(self, value: date | None) -> None:
        self.edit.setDate(self._UNSET if value is None else QDate(value.year, value.month, value.day))

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.edit.setButtonSymbols(
            QDateEdit.ButtonSymbols.NoButtons if read_only else QDateEdit.ButtonSymbols.UpDownArrows
        )
        self.clear_button.setEnabled(not read_only)


class PredictionField(QWidget):
    """A predicted rate: a 0–100 % slider and a spin box kept in sync (the spin box may say 'not set')."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setPageStep(5)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(10)
        self.slider.setAccessibleName(self.tr("Predicted conversion rate"))
        self.slider.setToolTip(self.tr("Drag to the share of customers you expect to make the step"))
        self.spin = QDoubleSpinBox()
        self.spin.setRange(-1.0, 100.0)
        self.spin.setDecimals(1)
        self.spin.setSingleStep(1.0)
        self.spin.setSuffix(" %")
        self.spin.setSpecialValueText(self.tr("not set"))
        self.spin.setAccessibleName(self.tr("Predicted conversion rate (%)"))
        self.spin.setToolTip(self.tr("The predicted conversion rate in percent (below 0 = not set)"))
        self.spin.setMinimumWidth(96)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.spin)
        self.slider.valueChanged.connect(self._from_slider)
        self.spin.valueChanged.connect(self._from_spin)
        self.setFocusProxy(self.slider)

    def _from_slider(self, value: int) -> None:
        if round(self.spin.value()) != value or self.spin.value() < 0:
            with QSignalBlocker(self.spin):
                self.spin.setValue(float(value))
        self.changed.emit()

    def _from_spin(self, value: float) -> None:
        with QSignalBlocker(self.slider):
            self.slider.setValue(max(0, round(value)))
        self.changed.emit()

    def value(self) -> float | None:
        """The predicted rate 0..1, or None when not set."""
        v = self.spin.value()
        return None if v < 0 else round(v / 100.0, 4)

    def set_value(self, rate: float | None) -> None:
        with QSignalBlocker(self.spin), QSignalBlocker(self.slider):
            if rate is None:
                self.spin.setValue(-1.0)
                self.slider.setValue(0)
            else:
                self.spin.setValue(100.0 * rate)
                self.slider.setValue(round(100.0 * rate))

    def set_read_only(self, read_only: bool) -> None:
        self.slider.setEnabled(not read_only)
        self.spin.setReadOnly(read_only)


def text_edit(placeholder: str, lines: int = 3) -> QPlainTextEdit:
    """A plain-text box about ``lines`` lines tall (growing by two at most); Tab moves on."""
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    height = edit.fontMetrics().lineSpacing() * lines + 14
    edit.setMinimumHeight(height)
    edit.setMaximumHeight(height + edit.fontMetrics().lineSpacing() * 2)
    return edit


def scrolling_body(tab: QWidget, *, spacing: int) -> QVBoxLayout:
    """The layout of ``tab``'s content, in a frameless scroll area that fills the tab."""
    outer = QVBoxLayout(tab)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    outer.addWidget(scroll)
    body = QWidget()
    scroll.setWidget(body)
    layout = QVBoxLayout(body)
    layout.setContentsMargins(12, 12, 16, 12)
    layout.setSpacing(spacing)
    return layout


def esc_html(text: str) -> str:
    """``text`` escaped for a rich-text label."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
