"""The import wizard with real CRM exports (issue 12): time zone and number convention, report title rows, wide
files, files that are not tables."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog, QWizard

from pdsa_desk.core.importing import Mapping
from pdsa_desk.core.importing.conventions import zone_names
from pdsa_desk.core.importing.mapping import preset_dir
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.import_wizard import ImportWizard
from pdsa_desk.ui.import_wizard.columns_page import computer_zone

TIMEOUT = 30000
HEADER = ["Opportunity ID", "Opportunity Name", "Opportunity Owner", "Stage", "Stage Change Date", "Amount"]
ROWS = [["A1", "Acme", "Ann", "Lead", "2026-01-05 09:00", "1.000,50"],
        ["A1", "Acme", "Ann", "Meeting", "2026-01-08 10:00", "1.000,50"]]


def write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, delimiter=";").writerows(rows)
    return path


@pytest.fixture
def open_wizard(qtbot, ws, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path], ImportWizard]]:
    monkeypatch.setattr("pdsa_desk.ui.import_wizard.columns_page.computer_zone", lambda: "Europe/Berlin")
    contexts: list[AppContext] = []

    def make(path: Path) -> ImportWizard:
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


def to_columns(qtbot, wizard: ImportWizard) -> None:
    assert wizard.file_page.isComplete()
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.busy, timeout=TIMEOUT)
    assert wizard.currentPage() is wizard.columns_page


def test_the_computers_zone_is_the_default_and_a_preset_keeps_the_choice(qtbot, open_wizard, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    wizard = open_wizard(write(tmp_path / "eu.csv", [HEADER, *ROWS]))
    to_columns(qtbot, wizard)
    columns = wizard.columns_page
    assert columns.zone_combo.currentData() == "Europe/Berlin" and columns.mapping().timezone == "Europe/Berlin"
    assert columns.decimal_combo.currentData() is None  # decided from the file's amounts
    columns.zone_combo.setCurrentIndex(columns.zone_combo.findData("America/New_York"))
    columns.decimal_combo.setCurrentIndex(columns.decimal_combo.findData(","))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("US office", True))
    columns.save_preset_button.click()
    stored = Mapping.load(preset_dir() / "US office.json")
    assert (stored.timezone, stored.decimal) == ("America/New_York", ",")
    other = open_wizard(write(tmp_path / "eu2.csv", [HEADER, *ROWS]))
    to_columns(qtbot, other)
    cols = other.columns_page
    assert cols.zone_combo.currentData() == "Europe/Berlin"
    index = cols.preset_combo.findData("US office")
    cols.preset_combo.setCurrentIndex(index)
    cols.preset_combo.activated.emit(index)
    assert (cols.zone_combo.currentData(), cols.decimal_combo.currentData()) == ("America/New_York", ",")


def test_the_computers_zone_is_a_zone_the_importer_knows() -> None:
    assert computer_zone() in zone_names()


def test_the_header_row_found_below_a_report_title_is_shown(qtbot, open_wizard, tmp_path: Path) -> None:
    wizard = open_wizard(write(tmp_path / "report.csv", [["Opportunity History"], ["Filtered By: all"], [],
                                                         HEADER, *ROWS, ["Grand Totals (2 records)"]]))
    page = wizard.file_page
    assert "The column names are on row 4" in page.notices.text() and page.notices.isVisibleTo(wizard)
    assert wizard.file_page.info is not None and wizard.file_page.info.header == HEADER


def test_a_wide_file_says_it_cannot_show_re_entries(qtbot, open_wizard, tmp_path: Path) -> None:
    header = ["Record ID", "Deal Name", 'Date entered "Lead (Sales Pipeline)"', 'Date entered "Won (Sales Pipeline)"']
    wizard = open_wizard(write(tmp_path / "wide.csv", [header, ["1", "Acme", "2026-01-05", "2026-02-01"]]))
    to_columns(qtbot, wizard)
    columns = wizard.columns_page
    assert columns.wide_radio.isChecked()
    assert columns.wide_note.isVisibleTo(wizard) and "re-entry" in columns.wide_note.text()
    columns.long_radio.setChecked(True)
    assert not columns.wide_note.isVisibleTo(wizard)


@pytest.mark.parametrize(("start", "what"), [(b"\x89PNG\r\n\x1a\n" + bytes(100), "a PNG image"),
                                             (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document")])
def test_an_image_or_pdf_renamed_csv_is_not_a_text_table(qtbot, open_wizard, tmp_path: Path, start: bytes,
                                                         what: str) -> None:
    path = tmp_path / "deals.csv"
    path.write_bytes(start)
    wizard = open_wizard(path)
    page = wizard.file_page
    assert "is not a text table" in page.error.text() and what in page.error.text()
    assert not page.isComplete() and not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_the_chosen_files_folder_is_remembered_for_the_next_import(qtbot, open_wizard, tmp_path: Path) -> None:
    # Written a turn after the file is shown (its own GUI turn), still before the user can go on.
    from pdsa_desk.ui.import_wizard.common import FOLDER_KEY
    from pdsa_desk.ui.widgets import start_folder

    exports = tmp_path / "exports"
    exports.mkdir()
    wizard = open_wizard(write(exports / "eu.csv", [HEADER, *ROWS]))
    qtbot.waitUntil(lambda: start_folder(FOLDER_KEY, None) == exports, timeout=TIMEOUT)
    assert wizard.file_page.info is not None and wizard.preview_model.rowCount() == len(ROWS)
