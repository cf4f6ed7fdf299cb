"""File ▸ Workspace settings… (Ctrl+,): the workspace's name and the team settings, in one undoable edit.

The currencies offered are the ISO 4217 codes of Qt's locale data (``QLocale``), the time zones those of
``zoneinfo``; the services check both again (:mod:`pdsa_desk.core.team_settings`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core import services
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.team_settings import MAX_CAP, MAX_WINDOW_DAYS, clean_settings, time_zones
from pdsa_desk.ui import formatting
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.i18n import tr
from pdsa_desk.ui.import_wizard.columns_page import computer_zone
from pdsa_desk.ui.standards_widgets import with_error
from pdsa_desk.ui.undo import ServiceCommand, report_refusal
from pdsa_desk.ui.widgets import ErrorLabel


@cache
def known_currencies() -> dict[str, str]:
    """ISO 4217 code → its name, for every currency of Qt's locale data; the name in the UI's language where Qt
    has it, else in English, else in the language of a country that uses it."""
    ui_language = QLocale().language()
    by_preference: dict[str, tuple[int, str]] = {}
    for locale in QLocale.matchingLocales(QLocale.Language.AnyLanguage, QLocale.Script.AnyScript,
                                          QLocale.Country.AnyCountry):
        code = locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)
        if len(code) != 3 or not code.isascii() or not code.isalpha() or not code.isupper():
            continue
        name = locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyDisplayName)
        rank = 0 if locale.language() == ui_language else 1 if locale.language() == QLocale.Language.English else 2
        if not name:
            rank = 3
        if code not in by_preference or rank < by_preference[code][0]:
            by_preference[code] = (rank, name)
    return {code: by_preference[code][1] for code in sorted(by_preference)}


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setEnabled(False)  # the palette's muted text
    return label


class SettingsCommand(ServiceCommand):
    """Undo / redo of one save of the settings dialog (every setting it shows, before and after)."""

    def __init__(self, ctx: AppContext, before: dict[str, Any], after: dict[str, Any],
                 report: Callable[[str], None]) -> None:
        super().__init__(ctx, tr("Change workspace settings"), report_refusal(report))
        self.before = before
        self.after = after

    def apply(self) -> None:
        services.update_settings(self.ctx.ws, **self.after)

    def revert(self) -> None:
        services.update_settings(self.ctx.ws, **self.before)


class SettingsDialog(QDialog):
    """The workspace's settings. OK saves them in one transaction (errors shown next to their field; the dialog
    stays open) and puts the change on the undo stack."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 report: Callable[[str], None] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._report = report or (lambda _text: None)
        self.setWindowTitle(self.tr("Workspace settings"))
        self.setMinimumWidth(520)
        self.settings = services.get_settings(ctx.ws)

        self.name_edit = QLineEdit(self.settings.name)
        self.name_edit.setPlaceholderText(self.tr("e.g. North sales team"))
        self.currency_combo = QComboBox()
        self.currency_combo.addItem(self.tr("None chosen (amounts without a currency)"), "")
        for code, name in known_currencies().items():
            self.currency_combo.addItem(self.tr("{0} — {1}").format(code, name) if name else code, code)
        if self.settings.currency and self.currency_combo.findData(self.settings.currency) < 0:
            # A code Qt does not know (set elsewhere, e.g. by a bundle): kept as it is, never dropped silently.
            self.currency_combo.addItem(self.tr("{0} — not in Qt's list").format(self.settings.currency),
                                        self.settings.currency)
        self._select(self.currency_combo, self.settings.currency)
        self.time_zone_combo = QComboBox()
        self.time_zone_combo.setEditable(True)
        self.time_zone_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.time_zone_combo.addItems(sorted(time_zones()))
        completer = QCompleter(self.time_zone_combo.model(), self.time_zone_combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.time_zone_combo.setCompleter(completer)
        self.time_zone_combo.setCurrentText(self.settings.time_zone)
        self.week_combo = QComboBox()
        locale = formatting.locale()  # the UI language's day names (pdsa_desk.ui.i18n.ui_locale)
        for day in range(7):  # 0 = Monday; QLocale counts Monday as 1
            self.week_combo.addItem(locale.dayName(day + 1), day)
        self._select(self.week_combo, self.settings.week_start_day)
        self.window_spin = QSpinBox()
        self.window_spin.setRange(1, MAX_WINDOW_DAYS)
        self.window_spin.setSuffix(self.tr(" days"))
        self.window_spin.setValue(self.settings.default_window_days)
        self.cap_spin = QSpinBox()
        self.cap_spin.setRange(1, MAX_CAP)
        self.cap_spin.setValue(self.settings.max_active_cycles_per_rep)
        self.marketing_spin = QSpinBox()
        self.marketing_spin.setRange(0, MAX_CAP)
        self.marketing_spin.setSpecialValueText(self.tr("No cap"))
        self.marketing_spin.setValue(self.settings.max_marketing_cycles or 0)

        self.errors: dict[str | None, ErrorLabel] = {key: ErrorLabel() for key in (
            "name", "currency", "time_zone", "week_start_day", "default_window_days", "max_active_cycles_per_rep",
            "max_marketing_cycles", None)}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Name:"), with_error(self.name_edit, self.errors["name"], _note(self.tr(
            "The window's title and the weekly report's title; bundles you send say they come from it."))))
        form.addRow(self.tr("&Currency:"), with_error(self.currency_combo, self.errors["currency"]))
        zone_row = QHBoxLayout()
        zone_row.setContentsMargins(0, 0, 0, 0)
        zone_row.addWidget(self.time_zone_combo, 1)
        here = computer_zone()
        self.computer_zone_button = QPushButton(self.tr("Use this computer's ({0})").format(here))
        self.computer_zone_button.clicked.connect(lambda: self.time_zone_combo.setCurrentText(here))
        self.computer_zone_button.setVisible(here != self.settings.time_zone)
        zone_row.addWidget(self.computer_zone_button)
        form.addRow(self.tr("&Time zone:"), with_error(zone_row, self.errors["time_zone"], _note(self.tr(
            "The team's zone: weeks and months on the agenda and the charts begin at its midnight."))))
        form.addRow(self.tr("&Week starts on:"), with_error(self.week_combo, self.errors["week_start_day"]))
        form.addRow(self.tr("Conversion &window:"), with_error(self.window_spin, self.errors["default_window_days"],
                                                              _note(self.tr(
            "For new stages: how long after entering a stage a conversion still counts. Each stage keeps its own "
            "window (Standards)."))))
        form.addRow(self.tr("Active &cycles per rep:"), with_error(
            self.cap_spin, self.errors["max_active_cycles_per_rep"], _note(self.tr(
                "The agenda lists reps taking part in more started, undecided cycles than this."))))
        form.addRow(self.tr("&Marketing cycles at once:"), with_error(
            self.marketing_spin, self.errors["max_marketing_cycles"], _note(self.tr(
                "How many cycles that need marketing's help may run at the same time."))))
        shared = _note(self.tr("Everything but the name travels with the work you send (the newer settings win), "
                               "so the whole team counts weeks the same way."))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(shared)
        layout.addWidget(self.errors[None])
        layout.addWidget(self.buttons)
        if ctx.ws.read_only:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        # Wide enough for every field's words (Qt opens a dialog with wrapped notes at most 2/3 of the screen
        # wide, which on a small screen clipped the currency box's longer texts).
        self.resize(self.sizeHint())

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(0, index))

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name_edit.text(),
            "currency": self.currency_combo.currentData(),
            "time_zone": self.time_zone_combo.currentText().strip(),
            "week_start_day": self.week_combo.currentData(),
            "default_window_days": self.window_spin.value(),
            "max_active_cycles_per_rep": self.cap_spin.value(),
            "max_marketing_cycles": self.marketing_spin.value() or None,
        }

    def try_accept(self) -> bool:
        for label in self.errors.values():
            label.clear_message()
        before = services.settings_values(self.settings)
        try:
            after = clean_settings(self.values())
            if after == before:  # nothing changed: nothing written (a save would make these settings "newer")
                self.accept()
                return True
            saved = services.update_settings(self.ctx.ws, **after, expected_updated_at=self.settings.updated_at)
        except ValidationError as exc:
            self.errors[exc.field if exc.field in self.errors else None].show_message(exc.message)
            return False
        self.ctx.undo_stack.push(SettingsCommand(self.ctx, before, services.settings_values(saved), self._report))
        self.ctx.notify_changed()
        self.accept()
        return True
