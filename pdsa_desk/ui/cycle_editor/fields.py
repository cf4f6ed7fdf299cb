"""Fields and helpers the editor's tabs share: an optional date, a predicted rate, multi-line text, a scrolling body."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core.errors import ValidationError
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
    """A predicted rate: a 0–100 % slider and a percent box kept in sync (empty box: not set).

    What is typed is never clamped or cut: a value that is not a number from 0 to 100 stays as typed,
    :meth:`problem` says what is wrong (``problem_changed`` tells the form, which shows it next to the
    field) and :meth:`value` refuses it with a :class:`ValidationError` naming ``prediction_rate``.
    """

    changed = Signal()
    problem_changed = Signal(str)

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
        self.percent = QLineEdit()
        self.percent.setPlaceholderText(self.tr("not set"))
        self.percent.setAccessibleName(self.tr("Predicted conversion rate (%)"))
        self.percent.setToolTip(self.tr("The predicted conversion rate in percent, from 0 to 100 (empty: not set)"))
        self.percent.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.percent.setMinimumWidth(72)
        self.percent.setMaximumWidth(110)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.percent)
        layout.addWidget(QLabel("%"))
        self.slider.valueChanged.connect(self._from_slider)
        self.percent.textEdited.connect(self._from_text)
        self.setFocusProxy(self.slider)
        self._problem = ""

    def _from_slider(self, value: int) -> None:
        parsed = self._parse(self.percent.text())
        if not isinstance(parsed, float) or round(parsed) != value:
            self.percent.setText(QLocale().toString(float(value), "f", 0))
        self._set_problem("")
        self.changed.emit()

    def _from_text(self, text: str) -> None:
        parsed = self._parse(text)
        if isinstance(parsed, float):
            with QSignalBlocker(self.slider):
                self.slider.setValue(round(parsed))
            self._set_problem("")
        else:
            self._set_problem(parsed or "")  # None: empty, not set
        self.changed.emit()

    def _parse(self, text: str) -> float | str | None:
        """The percent typed (None: empty), or the message saying what is wrong with it."""
        raw = text.strip().rstrip("%").strip()
        if not raw:
            return None
        number, ok = QLocale().toDouble(raw)
        if not ok:
            try:
                number = float(raw.replace(",", "."))
            except ValueError:
                return self.tr("“{0}” is not a number: type the predicted rate in percent, e.g. 35.").format(text)
        if not math.isfinite(number) or not 0.0 <= number <= 100.0:
            return self.tr("The prediction must be from 0 % to 100 % (you typed {0}).").format(text.strip())
        return float(number)

    def _set_problem(self, message: str) -> None:
        if message != self._problem:
            self._problem = message
            self.problem_changed.emit(message)

    def problem(self) -> str:
        """What is wrong with the typed value ("" when nothing)."""
        return self._problem

    def value(self) -> float | None:
        """The predicted rate 0..1, or None when not set; a ValidationError when what is typed is not a rate."""
        parsed = self._parse(self.percent.text())
        if isinstance(parsed, str):
            raise ValidationError(parsed, "prediction_rate")
        return None if parsed is None else round(parsed / 100.0, 4)

    def set_value(self, rate: float | None) -> None:
        with QSignalBlocker(self.slider):
            if rate is None:
                self.percent.setText("")
                self.slider.setValue(0)
            else:
                self.percent.setText(QLocale().toString(100.0 * rate, "g", 6))
                self.slider.setValue(round(100.0 * rate))
        self._set_problem("")

    def set_read_only(self, read_only: bool) -> None:
        self.slider.setEnabled(not read_only)
        self.percent.setReadOnly(read_only)


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
