"""English left in the German UI (issue #17, point 7; found by the German audit of stop 20): each fixed remnant
is checked here in German, so that it fails if the English comes back."""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = Path(sys.executable).parent


def test_data_view_export_choices_are_german(german, qtbot, ws) -> None:
    """The export list's labels were passed to tr() but never marked for the catalogue: shown in English."""
    from pdsa_desk.ui.context import AppContext
    from pdsa_desk.ui.views.data import EXPORTS, DataView

    ctx = AppContext(ws)
    view = DataView(ctx)
    qtbot.addWidget(view)
    shown = [view.export_what.itemText(i) for i in range(view.export_what.count())]
    assert shown[0] == "Stufenwechsel (wieder importierbar)"
    assert not set(shown) & {label for _, label in EXPORTS}, shown
    assert [view.export_what.itemData(i) for i in range(view.export_what.count())] == [k for k, _ in EXPORTS]
    ctx.wait_for_background()


def test_study_table_difference_row_is_german(german, qtbot) -> None:
    """``self.tr('Difference')`` sat inside an f-string, where lupdate does not look: the row said "Difference"."""
    from PySide6.QtWidgets import QLabel

    from pdsa_desk.ui.cycle_editor.study_tab import StudyTab

    tab = StudyTab()
    qtbot.addWidget(tab)
    labels = {label.text() for label in tab.findChildren(QLabel)}
    assert "<b>Differenz</b>" in labels
    assert "<b>Difference</b>" not in labels


def test_weekly_and_monthly_reports_follow_the_ui_language(german, demo_ws, tmp_path: Path) -> None:
    """The rule: the PDF is read by the team in the language of the app that writes it. Its banner's "This week"
    and the monthly table's "still running" sat in f-strings' braces, where lupdate does not look."""
    from datetime import UTC, datetime

    from pdsa_desk.core import services
    from pdsa_desk.ui.monthly_report import write_monthly
    from pdsa_desk.ui.report import write_report
    from tests.ui.test_report import has_pdftotext, pdf_text

    if not has_pdftotext():
        pytest.skip("pdftotext (poppler-utils) is needed to read the PDF's text")
    now = datetime(2026, 11, 24, 18, tzinfo=UTC)
    weekly = "\n".join(pdf_text(write_report(demo_ws, tmp_path / "week.pdf", now=now).path))
    assert "Diese Woche:" in weekly and "This week" not in weekly
    assert "BERICHT ZUR WÖCHENTLICHEN PDSA-SITZUNG" in weekly
    services.create_initiative(demo_ws, name="Herbstkampagne", starts_on=date(2026, 10, 5))  # still running
    write_monthly(demo_ws, tmp_path / "month.pdf", (2026, 10), now=now)
    write_monthly(demo_ws, tmp_path / "november.pdf", (2026, 11), now=now)  # not over: a note says so
    november = " ".join("\n".join(pdf_text(tmp_path / "november.pdf")).split())
    assert re.search(r"Der Monat ist noch nicht vorbei: Stand 24\.? Nov\. 2026, 18:00 UTC\.", november), november[:500]
    monthly = "\n".join(pdf_text(tmp_path / "month.pdf"))
    assert "läuft noch" in monthly and "still running" not in monthly
    # Days, times and percentages the German way, as in the weekly report (not "1 Okt. 2026", "17%").
    assert "Oktober 2026 · 01.10.2026 – 31.10.2026" in monthly, monthly[:400]
    assert re.search(r"Zahlen zum Stand 01\.11\.2026 00:00 UTC", monthly)
    signed = re.findall(r"[−+]\d+\s?%", monthly)  # the forecasters' bias (pdftotext may drop a narrow space
    assert signed and all(re.fullmatch(r"[−+]\d+\s%", p) for p in signed), signed  # in a tight unsigned cell)


def test_refusals_to_open_a_file_are_said_in_german(german, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """"Made by a newer version" and "not a pdsa-desk workspace" were English f-strings built in core; they are
    Messages now (English str unchanged for the CLI and logs), said in the UI's language when the app refuses."""
    import sqlite3

    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.ui import application

    said: list[str] = []
    monkeypatch.setattr(application.QMessageBox, "critical", lambda _parent, _title, text: said.append(text))
    newer = tmp_path / "newer.sqlite"
    open_workspace(newer).close()
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE invoices (id integer)")
    con.commit()
    con.close()
    for path in (newer, other, tmp_path):
        assert application.show_window_then_open(path) is None
    assert said == [
        f"{newer} wurde von einer neueren Version von pdsa-desk gespeichert (Schema 9999). Aktualisieren Sie "
        "pdsa-desk, um sie zu öffnen; die Datei wurde nicht verändert.",
        f"{other} ist eine SQLite-Datenbank, aber kein pdsa-desk-Arbeitsbereich.",
        f"{tmp_path} ist ein Ordner, keine Arbeitsbereichsdatei.",
    ]


def test_a_too_long_early_reason_is_refused_in_german(german) -> None:
    from pdsa_desk.core.errors import ValidationError
    from pdsa_desk.core.lifecycle import _MAX_REASON, clean_reason
    from pdsa_desk.ui import i18n

    with pytest.raises(ValidationError) as info:
        clean_reason("x" * (_MAX_REASON + 1))
    assert info.value.field == "early_reason"
    assert info.value.message == f"The reason is too long ({_MAX_REASON + 1} characters; at most {_MAX_REASON})."
    assert i18n.text(info.value.message) == (f"Die Begründung ist zu lang ({_MAX_REASON + 1} Zeichen; höchstens "
                                             f"{_MAX_REASON}).")


def test_cumulative_flow_legend_names_lost_and_won_in_german(german, qtbot, demo_ws) -> None:
    """core.flow named its two closed states "Lost" and "Won" in English; they are Messages now."""
    from pdsa_desk.core.flow import LOST, WON, cumulative_flow
    from pdsa_desk.core.frames import load_analysis_data
    from pdsa_desk.ui.chart_widgets.cumulative_flow import CumulativeFlowChart
    from tests.conftest import DEMO_AS_OF

    data = cumulative_flow(load_analysis_data(demo_ws), as_of=DEMO_AS_OF)
    assert (data.names[LOST], data.names[WON]) == ("Lost", "Won")  # the English str, as the CLI and exports had
    chart = CumulativeFlowChart()
    qtbot.addWidget(chart)
    chart.set_data(data)
    shown = [text for _kind, text, *_ in chart.legend.entries]
    assert shown[-2:] == ["Verloren", "Gewonnen"], shown


def test_compare_caption_writes_phi_with_a_german_decimal_comma(german, qtbot, demo_ws) -> None:
    """φ was formatted with Python's '{0:.1f}' inside the translated text: 'φ = 0.1' in German."""
    from pdsa_desk.ui.context import AppContext
    from tests.ui.test_compare import _make_view

    ctx = AppContext(demo_ws)
    view = _make_view(qtbot, ctx)
    caption = view.caption.text()
    assert re.search(r"\(φ = \d+,\d\)", caption), caption
    ctx.wait_for_background()


@pytest.mark.parametrize(("period", "chart", "applied", "title"), [
    ("week", "run", "run", "Wöchentliches Verlaufsdiagramm"),
    ("week", "pp", "p", "Wöchentliche P-Karte (P′ nicht anwendbar)"),
    ("month", "pp", "pp", "Monatliche P′-Karte (Laney)"),
    ("month", "p", "p", "Monatliche P-Karte"),
])
def test_chart_titles_inflect_the_period_in_german(german, qtbot, period, chart, applied, title) -> None:
    """The title was "{period} {kind}": 'Wöchentlich P-Karte'; one text per period and kind now."""
    from types import SimpleNamespace

    from pdsa_desk.ui.chart_widgets import ConversionChart

    widget = ConversionChart()
    qtbot.addWidget(widget)
    widget.scope_label = ""
    series = SimpleNamespace(period=period, chart=chart, applied_chart=applied, transition_label="A → B")
    assert widget._title_text(series) == f"A → B — {title}"
