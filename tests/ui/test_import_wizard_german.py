"""The import wizard in German: the importer's problems, notices and refusals (built in core/importing) are shown
translated, with their row and column, while the English text (the CLI's) is unchanged."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard

from pdsa_desk.ui import i18n
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.import_wizard import ImportWizard
from tests.ui.test_import_wizard import TIMEOUT, counts, deals, settle, to_check, write_csv

ROOT = Path(__file__).resolve().parents[2]
TOOLS = Path(sys.executable).parent


@pytest.fixture
def open_wizard(qtbot, isolated_user_dirs: Path,
                monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., ImportWizard]]:
    monkeypatch.setattr("pdsa_desk.ui.import_wizard.columns_page.computer_zone", lambda: "UTC")
    contexts: list[AppContext] = []

    def make(ws, path: Path) -> ImportWizard:
        ctx = AppContext(ws)
        contexts.append(ctx)
        wizard = ImportWizard(ctx, None, path=path)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitUntil(lambda: not wizard.file_page.loading, timeout=TIMEOUT)
        return wizard

    yield make
    for ctx in contexts:
        ctx.wait_for_background()


def test_the_problems_list_is_german_with_row_and_column(qtbot, german, ws, open_wizard, tmp_path: Path) -> None:
    rows = deals()
    rows.insert(2, ["X9", "Broken", "Cy", "Lead", "2026-01-06", "lots", "Open", "", "2026-01-06"])
    rows.insert(3, ["X8", "Broken", "Cy", "Lead", "next Tuesday", "5", "Maybe", "", "2026-01-06"])
    wizard = open_wizard(ws, write_csv(tmp_path / "deals.csv", rows))
    to_check(qtbot, wizard)
    check = wizard.check_page
    assert check.problem_lines() == [
        "Zeile 4, Spalte Amount: Betrag „lots“ ist keine Zahl",
        "Zeile 5, Spalte Stage Change Date: „next Tuesday“ ist kein Datum",
        "Zeile 5, Spalte Status: unbekanntes Ergebnis „Maybe“ (erwartet: open, won oder lost; weitere Werte können "
        "unter \"outcome_values\" in der Zuordnung ergänzt werden)",
    ]
    assert check.headline.text() == "Einige Zeilen haben Probleme."
    assert "Hinweis: Zeiten ohne Zeitzone wurden als Zeit in UTC gelesen" in check.summary.text()
    # the problems themselves are still the English of the command line and the rejected-rows file
    assert str(check.result.problems[0]) == "row 4, column Amount: amount 'lots' is not a number"
    before = counts(ws)
    check.skip_check.setChecked(True)
    with qtbot.waitSignal(wizard.import_page.imported, timeout=TIMEOUT):
        wizard.next()
    settle(qtbot, wizard)
    assert counts(ws)["opportunity"] == before["opportunity"] + 3  # the valid rows were imported
    page = wizard.import_page
    assert "Zeile 4, Spalte Amount: Betrag „lots“ ist keine Zahl" in [
        page.problem_list.item(i).text() for i in range(page.problem_list.count())]


def test_a_file_that_cannot_be_read_is_refused_in_german(qtbot, german, ws, open_wizard, tmp_path: Path) -> None:
    path = tmp_path / "logo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40))
    wizard = open_wizard(ws, path)
    assert wizard.file_page.error.text() == (
        "logo.csv ist keine Texttabelle (es sieht aus wie ein PNG-Bild): Exportieren Sie den Bericht aus dem CRM als "
        "CSV oder Excel-.xlsx.")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_whole_file_problem_is_german(qtbot, german, ws, open_wizard, tmp_path: Path) -> None:
    """A problem that stops the import even when skipping rows (amounts written two ways), and the date note."""
    rows = deals()
    rows[0][5], rows[1][5] = "1,234.50", "1.234,50"
    wizard = open_wizard(ws, write_csv(tmp_path / "amounts.csv", rows))
    to_check(qtbot, wizard)
    lines = wizard.check_page.problem_lines()
    assert lines[0].startswith("Zeile 2, Spalte Amount: Betrag „1,234.50“ hat einen Dezimalpunkt, aber Zeile 3 hat "
                               "„1.234,50“ mit Dezimalkomma"), lines
    assert wizard.check_page.headline.text() == "Die Datei kann so nicht importiert werden."


def test_the_date_note_and_the_progress_are_german(qtbot, german, ws, open_wizard, tmp_path: Path) -> None:
    rows = [["A1", "Acme", "Ann", "Lead", "03/04/2026 09:00", "", "Open", "", ""],
            ["A1", "Acme", "Ann", "Meeting", "13/04/2026 09:00", "", "Open", "", ""]]
    wizard = open_wizard(ws, write_csv(tmp_path / "eu.csv", rows))
    wizard.next()
    settle(qtbot, wizard)
    note = wizard.columns_page.date_note.text()
    assert note.startswith("Zeile 2, Spalte Stage Change Date: „03/04/2026 09:00“ kann der 3. April oder der 4. März "
                           "sein."), note
    columns = wizard.columns_page
    columns.date_combo.setCurrentIndex(columns.date_combo.findData("dayfirst"))
    said: list[str] = []
    wizard.check_page.runner.progress.connect(lambda _fraction, message: said.append(message))
    wizard.next()  # -> Stages
    settle(qtbot, wizard)
    wizard.next()  # -> Check: its progress comes from the importer, on the worker thread
    settle(qtbot, wizard)
    assert wizard.check_page.result is not None
    assert "eu.csv wird gelesen…" in said and "Fertig" in said, said


def test_counts_are_grouped_the_german_way(german, monkeypatch: pytest.MonkeyPatch) -> None:
    """Counts are written by the UI's number formatting (pdsa_desk.ui.formatting), here set to German."""
    from PySide6.QtCore import QLocale

    from pdsa_desk.core.importing.results import ImportProblems, Problem
    from pdsa_desk.ui.import_wizard.common import lines_text

    monkeypatch.setattr("pdsa_desk.ui.formatting.locale", lambda: QLocale(QLocale.Language.German,
                                                                          QLocale.Country.Germany))

    exc = ImportProblems([Problem(2, "Amount", "x")], more=12345)
    assert exc.lines()[-1] == "… and 12,345 more problem(s)."  # the English of the command line
    assert lines_text(exc.lines())[-1] == "… und 12.345 weitere Probleme."


def test_the_english_ui_words_counts_properly(qapp) -> None:
    """Without a translator the UI shows the templates: "1 more problem", "3 rows", where the command line keeps
    the old "problem(s)" wording."""
    from pdsa_desk.core.importing.results import ImportProblems, Problem
    from pdsa_desk.ui.import_wizard.common import lines_text

    i18n.remove_translators()
    for more, shown in ((1, "… and 1 more problem."), (3, "… and 3 more problems.")):
        exc = ImportProblems([Problem(2, "Amount", "x")], more=more)
        assert exc.lines()[-1] == f"… and {more} more problem(s)."
        assert lines_text(exc.lines()) == ["row 2, column Amount: x", shown]
