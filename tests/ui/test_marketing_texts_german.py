"""Texts built in core/ in the German UI: the agenda's marketing half, dates and percentages in core texts."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QLocale

from pdsa_desk.core import services
from pdsa_desk.core.agenda import Section, first_agenda
from pdsa_desk.core.models import ForecastMetric


def test_marketing_and_follow_up_items_are_german(qapp, german_qm, ws, monkeypatch) -> None:
    from pdsa_desk.ui.i18n import install_translators, text

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("en_US")))  # an English system
    stage = services.create_stage(ws, "Lead").id
    services.create_stage(ws, "Demo booked")
    services.create_initiative(ws, "Webinar", starts_on=date(2026, 11, 26), ends_on=date(2026, 12, 10),
                               channel="Inbound", stage_id=stage, owner="Mara", talking_points="ROI-Rechner zeigen")
    services.create_initiative(ws, "Fair", starts_on=date(2026, 11, 2), ends_on=date(2026, 11, 23))
    services.create_initiative(ws, "Short push", starts_on=date(2026, 11, 24), ends_on=date(2026, 11, 25))
    assert install_translators("de") == "de"

    items = first_agenda(ws, as_of=datetime(2026, 11, 24, 18, tzinfo=UTC)).section(Section.MARKETING)
    fair, short, webinar = (text(i.detail) for i in items)
    assert fair == "Endet Mo., 23. Nov. (alle Kanäle, der ganze Trichter). Dem Team sagen, was die Kunden hören werden."
    assert short.startswith("Läuft Di., 24. Nov. bis Mi., 25. Nov. (")
    assert webinar == ("Beginnt Do., 26. Nov., bis 10. Dez. (Kanal Inbound, in Lead). Verantwortlich: Mara. "
                       "Dem Team sagen: ROI-Rechner zeigen")
    assert str(items[2].detail).startswith("Starts Thu 26 Nov, until 10 Dec")  # the str (CLI, logs) stays English

    q3 = services.quarter_period(2026, 3)
    services.create_forecast(ws, "Zoe", period_start=q3[0], period_end=q3[1], metric=ForecastMetric.LEADS, value=50,
                             made_at=datetime(2026, 6, 20, tzinfo=UTC))
    (item,) = first_agenda(ws, as_of=datetime(2026, 10, 6, 9, tzinfo=UTC)).section(Section.FORECASTS)
    assert text(item.title) == "Quartalsnachbetrachtung: Q3 2026"
    assert text(item.detail).startswith("Q3 2026 ist abgeschlossen: Halten Sie die Nachbetrachtung mit Vertrieb und "
                                        "Marketing. 1 Prognose von Zoe gegen die Istwerte")
    assert text(item.detail).endswith(" Noch keine Prognose für Q4 2026: Erfassen Sie sie, bevor das Quartal weit "
                                      "fortgeschritten ist.")


def test_dates_and_percentages_in_core_texts_are_written_the_german_way(qapp, german_qm,
                                                                        monkeypatch) -> None:
    from pdsa_desk.core.messages import Message, Percent
    from pdsa_desk.ui.i18n import install_translators, text

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("en_US")))
    signal = Message("Agenda", "%1 new signal on the weekly %2 chart; latest: week of %3 at %4, above the centre "
                     "line (%5)", 1, "P", date(2026, 10, 12), Percent(0.88), Percent(0.556))
    assert str(signal) == ("1 new signal on the weekly P chart; latest: week of 12 Oct 2026 at 88%, above the centre "
                           "line (56%)")
    from pdsa_desk.core.study_texts import no_baseline

    empty = no_baseline("Lead", date(2025, 1, 1), date(2025, 1, 31))
    assert "(2025-01-01 to 2025-01-31)" in empty  # the English str as before
    assert install_translators("de") == "de"
    assert "(1. Jan. 2025 bis 31. Jan. 2025)" in text(empty), text(empty)
    assert text(signal) == ("1 neues Signal in der wöchentlichen P-Karte; zuletzt: Woche vom 12. Okt. 2026 mit "
                            "88\u00a0%, über der Mittellinie (56\u00a0%)")


def test_a_decision_names_the_overlapping_initiative_in_german_quotes(qapp, german_qm, demo_ws) -> None:
    from pdsa_desk.core.agenda import build_agenda
    from pdsa_desk.ui.i18n import install_translators, text

    (decide,) = build_agenda(demo_ws, as_of=datetime(2026, 11, 24, 18, tzinfo=UTC)).section(Section.DECIDE)
    assert decide.detail.endswith("Marketing overlapped it: 'Analytics Summit booth'.")
    assert install_translators("de") == "de"
    assert text(decide.detail).endswith("Das Marketing lief gleichzeitig: „Analytics Summit booth“.")
