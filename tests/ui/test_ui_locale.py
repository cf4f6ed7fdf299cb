"""One rule for the UI's language and its number/date locale (:func:`pdsa_desk.ui.i18n.ui_locale`): the chosen
language's locale, with the system's country conventions when the system speaks that language."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QLocale

FRIDAY = date(2026, 12, 4)


@pytest.mark.parametrize(("language", "system", "expected"), [
    ("de", "en_US", "de_DE"),  # German UI on an English system: German dates and numbers
    ("de", "de_CH", "de_CH"),  # the system speaks German: its Swiss conventions stay
    ("de", "de_AT", "de_AT"),
    ("en", "en_GB", "en_GB"),  # British dates in the English UI
    ("en", "de_DE", "en_US"),  # English UI on a German system: English day names, not "Freitag"
    ("en", "C", "en_US"),
])
def test_ui_locale_rule(language: str, system: str, expected: str) -> None:
    from pdsa_desk.ui.i18n import ui_locale

    assert ui_locale(language, QLocale(system)).name() == expected


def test_german_ui_writes_german_dates_numbers_and_day_names(qtbot, german_qm, ws,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from pdsa_desk.ui import formatting, i18n
    from pdsa_desk.ui.context import AppContext
    from pdsa_desk.ui.settings_dialog import SettingsDialog

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("en_US")))  # an English system
    before = QLocale().name()
    assert i18n.install_translators("de") == "de"
    assert formatting.date_long(FRIDAY) == "Freitag, 4. Dezember 2026"
    assert formatting.pct(0.557) == "55,7\u00a0%"
    assert i18n.day(FRIDAY, "d MMM yyyy") == "4 Dez. 2026"
    assert i18n.locale().name() == "de_DE"
    dialog = SettingsDialog(AppContext(ws))
    qtbot.addWidget(dialog)
    assert [dialog.week_combo.itemText(i) for i in (0, 6)] == ["Montag", "Sonntag"]

    assert i18n.install_translators("en") == "en"
    assert formatting.date_long(FRIDAY) == "Friday, December 4, 2026"
    i18n.remove_translators()
    assert QLocale().name() == before  # the other tests write in the locale they had


def test_forecasts_and_initiatives_write_numbers_and_days_the_ui_way(qapp, german_qm,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Were f-strings and strftime ("391,000", "+25%", "18 Mar 2025") beside German words."""
    from types import SimpleNamespace

    from pdsa_desk.core.models import ForecastMetric
    from pdsa_desk.ui import i18n
    from pdsa_desk.ui.views import forecasts, initiatives

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("en_US")))
    assert i18n.install_translators("de") == "de"
    assert forecasts._number(391000.0, ForecastMetric.WON_REVENUE) == "391.000"
    assert forecasts._number(2.5, ForecastMetric.LEADS) == "2,5"
    assert forecasts._pct(-3.0) == "-3\u00a0%"
    model = initiatives.InitiativeModel()
    row = SimpleNamespace(starts_on=date(2025, 3, 18), ends_on=None)
    assert model._text(row, model.STARTS) == "18.03.2025"
    assert i18n.install_translators("en") == "en"
    assert forecasts._number(391000.0, ForecastMetric.WON_REVENUE) == "391,000"
    assert forecasts._pct(25.0) == "+25%"
    assert model._text(row, model.STARTS) == "3/18/2025"
