"""File ▸ Workspace settings…: every setting through the dialog, errors by field, undo, the window's title."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from pdsa_desk.core import services as sv
from pdsa_desk.ui.application import set_application_names
from pdsa_desk.ui.main_window import MainWindow
from pdsa_desk.ui.settings_dialog import SettingsDialog, known_currencies


@pytest.fixture
def window(qtbot, ws):
    set_application_names()
    win = MainWindow(ws)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def open_dialog(qtbot, window) -> SettingsDialog:
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)  # Ctrl+,
    qtbot.waitUntil(lambda: window.findChild(SettingsDialog) is not None and window.findChild(
        SettingsDialog).isVisible())
    return window.findChild(SettingsDialog)


def ok(dialog: SettingsDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_settings_are_saved_undone_and_redone(qtbot, window, ws) -> None:
    dialog = open_dialog(qtbot, window)
    assert dialog.time_zone_combo.currentText() == "UTC" and dialog.currency_combo.currentData() == ""
    dialog.name_edit.setText("North sales")
    dialog.currency_combo.setCurrentIndex(dialog.currency_combo.findData("EUR"))
    dialog.time_zone_combo.setCurrentText("Europe/Berlin")
    dialog.week_combo.setCurrentIndex(dialog.week_combo.findData(6))
    dialog.window_spin.setValue(45)
    dialog.cap_spin.setValue(3)
    dialog.marketing_spin.setValue(2)
    ok(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    expected = {"name": "North sales", "currency": "EUR", "time_zone": "Europe/Berlin", "week_start_day": 6,
                "default_window_days": 45, "max_active_cycles_per_rep": 3, "max_marketing_cycles": 2}
    assert sv.settings_values(sv.get_settings(ws)) == expected
    assert window.windowTitle() == "North sales — pdsa-desk"

    window.undo_action.trigger()
    assert sv.get_settings(ws).name == "My workspace" and sv.get_settings(ws).time_zone == "UTC"
    assert sv.get_settings(ws).max_marketing_cycles is None
    assert window.windowTitle() == "My workspace — pdsa-desk"
    window.redo_action.trigger()
    assert sv.settings_values(sv.get_settings(ws)) == expected
    assert window.windowTitle() == "North sales — pdsa-desk"


def test_a_bad_time_zone_is_shown_next_to_its_field_and_nothing_is_saved(qtbot, window, ws) -> None:
    dialog = open_dialog(qtbot, window)
    dialog.name_edit.setText("Renamed")
    dialog.time_zone_combo.setCurrentText("Europe/Atlantis")
    ok(dialog)
    assert dialog.isVisible()
    assert "Europe/Atlantis" in dialog.errors["time_zone"].text() and dialog.errors["time_zone"].isVisible()
    assert sv.get_settings(ws).name == "My workspace"
    dialog.name_edit.setText("")
    dialog.time_zone_combo.setCurrentText("America/Los_Angeles")
    ok(dialog)
    assert "must not be empty" in dialog.errors["name"].text()
    assert dialog.errors["time_zone"].text() == ""
    assert window.ctx.undo_stack.count() == 0


def test_the_computers_zone_is_offered(qtbot, window, ws, monkeypatch) -> None:
    from pdsa_desk.ui import settings_dialog

    monkeypatch.setattr(settings_dialog, "computer_zone", lambda: "Asia/Kolkata")
    dialog = open_dialog(qtbot, window)
    assert dialog.computer_zone_button.isVisibleTo(dialog) and "Asia/Kolkata" in dialog.computer_zone_button.text()
    dialog.computer_zone_button.click()
    ok(dialog)
    assert sv.get_settings(ws).time_zone == "Asia/Kolkata"


def test_unchanged_settings_are_not_written(qtbot, window, ws) -> None:
    stamp = sv.get_settings(ws).updated_at
    dialog = open_dialog(qtbot, window)
    ok(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert sv.get_settings(ws).updated_at == stamp and window.ctx.undo_stack.count() == 0


def test_the_currencies_offered_are_iso_codes_from_qt(qapp) -> None:
    codes = known_currencies()
    assert {"EUR", "USD", "GBP", "CHF", "JPY", "SEK"} <= set(codes)
    assert all(len(c) == 3 and c.isupper() for c in codes) and codes["USD"]


def test_a_currency_qt_does_not_know_is_kept(qtbot, window, ws) -> None:
    sv.update_settings(ws, currency="XTS")  # ISO 4217's code for testing, in no locale
    dialog = open_dialog(qtbot, window)
    assert dialog.currency_combo.currentData() == "XTS"
    dialog.name_edit.setText("Renamed")
    ok(dialog)
    assert (sv.get_settings(ws).name, sv.get_settings(ws).currency) == ("Renamed", "XTS")
