"""The import wizard: guessing, date order, stages, validation, skip-invalid, import, cancel, presets, entry point."""

from __future__ import annotations

import csv
import threading
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWizard
from sqlalchemy import text

from pdsa_desk.core import services
from pdsa_desk.core.importing import Mapping, tuning
from pdsa_desk.core.importing.mapping import preset_dir
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.import_wizard import CHOOSE, CREATE, IGNORE, PREVIEW_ROWS, ImportWizard
from pdsa_desk.ui.views.data import DataView

TIMEOUT = 30000
HEADER = ["Opportunity ID", "Opportunity Name", "Opportunity Owner", "To Stage", "Stage Change Date", "Amount",
          "Status", "Lost Reason", "Created Date"]


# ------------------------------------------------------------------------------------------- helpers
def write_csv(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        out.writerows(rows)
    return path


def deals() -> list[list[object]]:
    return [
        ["A1", "Acme", "Ann", "Lead", "2026-01-05 09:00", "1000", "Open", "", "2026-01-05"],
        ["A1", "Acme", "Ann", "Meeting", "2026-01-08 10:00", "1000", "Open", "", "2026-01-05"],
        ["B2", "Beta", "Bob", "Lead", "2026-01-06 11:00", "250", "Closed Lost", "Budget", "2026-01-06"],
        ["C3", "Gamma", "Ann", "Lead", "2026-01-07 12:00", "", "Open", "", "2026-01-07"],
    ]


def counts(ws) -> dict[str, int]:
    with ws.engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in ("opportunity", "stage_event", "stage", "rep", "team", "loss_reason")}


@pytest.fixture
def open_wizard(qtbot, isolated_user_dirs: Path,
                monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., ImportWizard]]:
    contexts: list[AppContext] = []
    # The wizard's default time zone is the computer's: these tests' times are UTC wherever they run.
    monkeypatch.setattr("pdsa_desk.ui.import_wizard.columns_page.computer_zone", lambda: "UTC")

    def make(ws, path: Path | None = None) -> ImportWizard:
        ctx = AppContext(ws)
        contexts.append(ctx)
        wizard = ImportWizard(ctx, None, path=path)
        qtbot.addWidget(wizard)
        wizard.show()
        if path is not None:
            qtbot.waitUntil(lambda: not wizard.file_page.loading, timeout=TIMEOUT)
        return wizard

    yield make
    for ctx in contexts:
        ctx.wait_for_background()


def advance(qtbot, wizard: ImportWizard) -> None:
    """Next, as a click would do it (only when allowed), then wait for the new page's background work."""
    page = wizard.currentPage()
    assert page.isComplete(), page.blocker()
    which = QWizard.WizardButton.CommitButton if page.isCommitPage() else QWizard.WizardButton.NextButton
    assert wizard.button(which).isEnabled()
    wizard.next()
    assert wizard.currentPage() is not page
    settle(qtbot, wizard)


def settle(qtbot, wizard: ImportWizard) -> None:
    qtbot.waitUntil(lambda: not wizard.busy, timeout=TIMEOUT)


def to_check(qtbot, wizard: ImportWizard) -> None:
    advance(qtbot, wizard)  # -> Columns
    to_check_rest(qtbot, wizard)


def to_check_rest(qtbot, wizard: ImportWizard) -> None:
    advance(qtbot, wizard)  # -> Stages
    advance(qtbot, wizard)  # -> Check


# ------------------------------------------------------------------------------------------- file and columns
def test_guessed_mapping_is_preselected_for_crm_headers(qtbot, qtmodeltester, ws, open_wizard,
                                                        tmp_path: Path) -> None:
    rows = deals() * 6  # more rows than the preview shows
    wizard = open_wizard(ws, write_csv(tmp_path / "sf.csv", rows))
    page = wizard.file_page
    assert page.isComplete() and "comma-separated" in page.detected.text() and "9 columns" in page.detected.text()
    model = wizard.preview_model
    assert (model.rowCount(), model.columnCount()) == (PREVIEW_ROWS, len(HEADER))
    assert model.headerData(0, Qt.Orientation.Vertical) == "2"  # spreadsheet row numbers
    assert model.data(model.index(1, 3)) == "Meeting"
    assert model.data(model.index(1, 3), Qt.ItemDataRole.UserRole) == "Meeting"
    qtmodeltester.check(model)

    advance(qtbot, wizard)
    columns = wizard.columns_page
    chosen = {name: combo.currentData() for name, combo in columns.combos.items()}
    assert chosen == {
        "opportunity_id": "Opportunity ID", "opportunity_name": "Opportunity Name", "rep": "Opportunity Owner",
        "stage": "To Stage", "timestamp": "Stage Change Date", "amount": "Amount", "outcome": "Status",
        "loss_reason": "Lost Reason", "opened_at": "Created Date", "rep_email": None, "team": None,
        "closed_at": None, "channel": None,
    }
    assert columns.long_radio.isChecked() and columns.source_edit.text() == "Salesforce"
    assert columns.date_combo.currentData() is None
    assert columns.blocker() == "" and columns.missing_label.text() == "Everything an import needs is matched."
    assert model.headerData(3, Qt.Orientation.Horizontal) == "To Stage\n→ stage"
    qtmodeltester.check(model)

    # what is missing is said, and blocks Next
    columns.combos["stage"].setCurrentIndex(0)
    assert columns.missing_label.text() == "Still needed: stage."
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert wizard.button(QWizard.WizardButton.NextButton).toolTip() == "Still needed: stage."
    wizard.next()
    assert wizard.currentPage() is columns


def test_wide_export_is_recognised_and_imported(qtbot, ws, open_wizard) -> None:
    path = Path(__file__).parent.parent / "data" / "import" / "hubspot_deals_wide.csv"
    wizard = open_wizard(ws, path)
    advance(qtbot, wizard)
    columns = wizard.columns_page
    assert columns.wide_radio.isChecked() and columns.source_edit.text() == "HubSpot"
    assert list(columns.stage_date_columns().values()) == [
        "Appointment scheduled", "Qualified to buy", "Presentation scheduled", "Closed won", "Closed lost"]
    assert columns.tabs.currentIndex() == columns.stage_tab_index
    columns.set_stage_date_column('Date entered "Closed lost (Sales Pipeline)"', None)
    assert "Closed lost" not in columns.stage_date_columns().values()
    advance(qtbot, wizard)
    stages = wizard.stages_page
    # an empty workspace: every stage is created by default (won ones as won)
    assert {n: stages.choice(n) for n in stages.combos} == {
        "Appointment scheduled": CREATE, "Qualified to buy": CREATE, "Presentation scheduled": CREATE,
        "Closed won": "create-won"}
    advance(qtbot, wizard)
    advance(qtbot, wizard)
    assert wizard.import_page.outcome == "imported"
    assert [(s.name, s.terminal) for s in services.list_stages(ws)] == [
        ("Appointment scheduled", "none"), ("Qualified to buy", "none"), ("Presentation scheduled", "none"),
        ("Closed won", "won")]
    assert counts(ws)["opportunity"] == 4


def test_ambiguous_dates_block_until_a_date_order_is_chosen(qtbot, ws, open_wizard,
                                                            tmp_path: Path) -> None:
    rows = [["A1", "Acme", "Ann", "Lead", "03/04/2026 09:00", "", "Open", "", ""],
            ["A1", "Acme", "Ann", "Meeting", "13/04/2026 09:00", "", "Open", "", ""]]
    wizard = open_wizard(ws, write_csv(tmp_path / "eu.csv", rows))
    advance(qtbot, wizard)
    columns = wizard.columns_page
    assert columns.blocker() == "Choose the date order: the file has dates that could be read either way."
    note = columns.date_note.text()
    assert note.startswith("Row 2, column Stage Change Date: '03/04/2026 09:00' could be 3 April or March 4")
    assert "Row 3 has '13/04/2026 09:00' in Stage Change Date, which can only be day first." in note
    assert not columns.isComplete()
    wizard.next()
    assert wizard.currentPage() is columns  # blocked: nothing is guessed

    columns.date_combo.setCurrentIndex(columns.date_combo.findData("dayfirst"))
    assert columns.isComplete() and columns.mapping().date_order == "dayfirst"
    to_check_rest(qtbot, wizard)
    assert wizard.check_page.result is not None and wizard.check_page.result.events_added == 2
    advance(qtbot, wizard)
    with ws.engine.connect() as conn:
        first = conn.execute(text("SELECT min(entered_at) FROM stage_event")).scalar_one()
    assert datetime.fromisoformat(first).replace(tzinfo=UTC) == datetime(2026, 4, 3, 9, 0, tzinfo=UTC)


def test_ambiguous_dates_after_the_preview_block_the_check(qtbot, ws, open_wizard,
                                                           tmp_path: Path) -> None:
    rows = [[f"D{i}", f"Deal {i}", "Ann", "Lead", f"2026-01-{1 + i % 28:02d}", "", "Open", "", ""]
            for i in range(PREVIEW_ROWS + 5)]
    rows.append(["Z9", "Late", "Ann", "Lead", "03/04/2026", "", "Open", "", ""])
    rows.append(["Z8", "Later", "Ann", "Lead", "04/13/2026", "", "Open", "", ""])  # month first, and only so
    wizard = open_wizard(ws, write_csv(tmp_path / "late.csv", rows))
    to_check(qtbot, wizard)
    check = wizard.check_page
    late_row = len(rows)
    assert check.ambiguous and not check.isComplete()
    assert check.blocker() == "Choose how to read the dates first."
    assert check.problem_lines()[0].startswith(f"row {late_row}, column Stage Change Date: '03/04/2026' could be")
    assert f"Row {late_row + 1} has '04/13/2026', which can only be month first." in check.summary.text()
    assert check.date_row.isVisible() and not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    before = counts(ws)

    check.date_combo.setCurrentIndex(check.date_combo.findData("monthfirst"))  # runs the check again
    settle(qtbot, wizard)
    assert wizard.columns_page.date_combo.currentData() == "monthfirst"
    assert check.isComplete() and check.result.events_added == len(rows)
    assert counts(ws) == before  # a dry run
    advance(qtbot, wizard)
    with ws.engine.connect() as conn:
        late = conn.execute(text("SELECT e.entered_at FROM stage_event e JOIN opportunity o ON o.id = "
                                 "e.opportunity_id WHERE o.external_id = 'Z9'")).scalar_one()
    assert datetime.fromisoformat(late) == datetime(2026, 3, 4)


# ------------------------------------------------------------------------------------------- stages
def test_reading_the_stage_names_can_be_cancelled_and_read_again(qtbot, ws, open_wizard, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tuning, "CHUNK_ROWS", 2)
    wizard = open_wizard(ws, write_csv(tmp_path / "deals.csv", deals() * 4))
    advance(qtbot, wizard)  # -> Columns
    page = wizard.stages_page
    gate = threading.Event()
    wizard.ctx.run_in_background(gate.wait, lambda _r: None)  # the scan waits behind this on the worker
    wizard.next()  # -> Stages: the scan is queued
    assert wizard.currentPage() is page and page.scanning
    assert page.progress_row.isVisible() and page.progress_row.cancel_button.isEnabled()
    assert page.blocker() == "Reading the stage names…"
    with qtbot.waitSignal(page.scan_failed, timeout=TIMEOUT):
        page.progress_row.cancel_button.click()
        assert page.progress_row.message.text() == "Cancelling…"
        gate.set()
    assert not page.scanning and not page.progress_row.isVisible()
    assert page.status.text() == "Reading was cancelled: the stage names are needed to go on."
    assert page.again_button.isVisible() and page.blocker() == "Press Read again to go on."
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    with qtbot.waitSignal(page.scanned, timeout=TIMEOUT):
        page.again_button.click()
    assert not page.again_button.isVisible() and page.table.rowCount() == 2 and page.isComplete()
    assert f"2 stage name(s) in {len(deals()) * 4} rows" in page.status.text()


def test_stage_page_lists_unknown_names_and_creates_them(qtbot, ws, open_wizard, tmp_path: Path) -> None:
    lead = services.create_stage(ws, "Lead")
    discovery = services.create_stage(ws, "Discovery")
    services.create_stage(ws, "Proposal")
    rows = [["1", "x", "Ann", "Lead", "2026-01-05", "", "", "", ""],
            ["1", "x", "Ann", "Disco call", "2026-01-06", "", "", "", ""],
            ["2", "y", "Ann", "lead", "2026-01-05", "", "", "", ""],
            ["2", "y", "Ann", "Demo", "2026-01-07", "", "", "", ""],
            ["3", "z", "Ann", "Lead", "2026-01-05", "", "", "", ""],
            ["3", "z", "Ann", "Demo", "2026-01-09", "", "", "", ""],
            ["3", "z", "Ann", "Junk", "2026-01-10", "", "", "", ""]]
    wizard = open_wizard(ws, write_csv(tmp_path / "stages.csv", rows))
    advance(qtbot, wizard)
    advance(qtbot, wizard)
    page = wizard.stages_page
    table = page.table
    listed = [(table.item(r, 0).text(), table.item(r, 1).data(Qt.ItemDataRole.UserRole))
              for r in range(table.rowCount())]
    assert sorted(listed) == sorted([("Lead", 2), ("lead", 1), ("Disco call", 1), ("Demo", 2), ("Junk", 1)])
    assert page.choice("Lead") == f"stage:{lead.id}" and page.choice("lead") == f"stage:{lead.id}"
    assert [page.choice(n) for n in ("Disco call", "Demo", "Junk")] == [CHOOSE] * 3
    assert "5 stage name(s) in 7 rows: 2 match" in page.status.text()
    assert page.blocker() == "Choose what to do with: Disco call, Demo, Junk."
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    page.set_choice("Disco call", f"stage:{discovery.id}")
    page.set_choice("Demo", CREATE)
    page.set_choice("Junk", IGNORE)
    assert page.isComplete()
    advance(qtbot, wizard)
    result = wizard.check_page.result
    assert result.stages_created == ["Demo"] and result.rows_ignored == 1 and not result.problems
    assert [s.name for s in services.list_stages(ws)] == ["Lead", "Discovery", "Proposal"]  # still a dry run
    advance(qtbot, wizard)
    assert wizard.import_page.outcome == "imported"
    assert [s.name for s in services.list_stages(ws)] == ["Lead", "Discovery", "Demo", "Proposal"]
    with ws.engine.connect() as conn:
        per_stage = dict(conn.execute(text(
            "SELECT s.name, count(*) FROM stage_event e JOIN stage s ON s.id = e.stage_id GROUP BY s.name")).all())
    assert per_stage == {"Lead": 3, "Discovery": 1, "Demo": 2}


# ------------------------------------------------------------------------------------------- validation and import
def test_invalid_row_is_listed_and_blocks_the_import_unless_skipped(qtbot, ws, open_wizard,
                                                                   tmp_path: Path) -> None:
    rows = deals()
    rows.insert(2, ["X9", "Broken", "Cy", "Lead", "2026-01-06", "lots", "Open", "", "2026-01-06"])
    path = write_csv(tmp_path / "deals.csv", rows)
    wizard = open_wizard(ws, path)
    to_check(qtbot, wizard)
    check = wizard.check_page
    assert check.problem_lines() == ["row 4, column Amount: amount 'lots' is not a number"]
    assert check.problem_list.isVisible() and check.headline.text() == "Some rows have problems."
    assert not check.isComplete()
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.text() == "&Import" and not commit.isEnabled()
    assert "Skip invalid rows" in commit.toolTip()
    before = counts(ws)
    wizard.next()
    assert wizard.currentPage() is check and counts(ws) == before  # not offered, nothing written
    check.copy_problems()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == "row 4, column Amount: amount 'lots' is not a number"

    assert check.skip_check.text() == "&Skip invalid rows (write them to deals.rejected.csv)"
    check.skip_check.setChecked(True)
    assert check.isComplete() and commit.isEnabled()
    with qtbot.waitSignal(wizard.import_page.imported, timeout=TIMEOUT) as signal:
        wizard.next()
    result = signal.args[0]
    assert (result.opportunities_added, result.events_added, result.rows_rejected) == (3, 4, 1)
    assert counts(ws)["opportunity"] == 3 and counts(ws)["stage_event"] == 4
    rejected = tmp_path / "deals.rejected.csv"
    assert str(rejected) in wizard.import_page.summary.text()
    with rejected.open(encoding="utf-8-sig", newline="") as fh:
        got = list(csv.reader(fh))
    assert got[0] == [*HEADER, "error"] and got[1][0] == "X9" and "not a number" in got[1][-1] and len(got) == 2


def test_successful_import_adds_the_rows_and_tells_the_views(qtbot, ws, open_wizard, tmp_path: Path) -> None:
    wizard = open_wizard(ws, write_csv(tmp_path / "deals.csv", deals()))
    to_check(qtbot, wizard)
    check = wizard.check_page
    assert check.headline.text() == "Ready to import — nothing has been written yet."
    assert check.summary.text().splitlines()[:3] == [
        "Opportunities: 3 would be added, 0 updated.",
        "Stage changes: 4 would be added; 0 already in the workspace (skipped).",
        "Rows read: 4; 0 would be rejected; 0 with ignored stages.",
    ]
    assert counts(ws)["opportunity"] == 0
    with qtbot.waitSignal(wizard.ctx.data_changed, timeout=TIMEOUT):
        advance(qtbot, wizard)
    page = wizard.import_page
    assert page.outcome == "imported" and page.status.text() == "Imported."
    assert page.summary.text().splitlines()[0] == "Opportunities: 3 added, 0 updated."
    after = counts(ws)
    assert (after["opportunity"], after["stage_event"], after["rep"]) == (3, 4, 2)
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()  # the import is done: no way back

    # importing the same file again adds nothing
    again = open_wizard(ws, tmp_path / "deals.csv")
    to_check(qtbot, again)
    assert (again.check_page.result.opportunities_added, again.check_page.result.events_added,
            again.check_page.result.duplicates_skipped) == (0, 0, 4)


def test_cancel_during_a_large_import_writes_nothing(qtbot, ws, open_wizard, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tuning, "CHUNK_ROWS", 2000)
    n = 20_000
    rows = [[f"D{i}", f"Deal {i}", f"Rep {i % 7}", "Lead", f"2026-01-{1 + i % 28:02d} 09:00", str(i), "Open", "",
             ""] for i in range(n)]
    wizard = open_wizard(ws, write_csv(tmp_path / "big.csv", rows))
    to_check(qtbot, wizard)
    assert wizard.check_page.result.events_added == n
    before = counts(ws)
    page = wizard.import_page
    seen: list[str] = []

    def on_progress(_fraction: float, message: str) -> None:  # runs on the worker thread
        seen.append(message)
        if message.startswith("Writing"):
            page.request_cancel()

    page.runner.progress.connect(on_progress, Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(page.stopped, timeout=TIMEOUT) as signal:
        wizard.next()
    assert signal.args == ["cancelled"]
    assert any(m.startswith("Reading row") for m in seen) and any(m.startswith("Writing") for m in seen)
    assert counts(ws) == before
    assert page.status.text() == "Cancelled: nothing was written."
    assert page.again_button.isVisible() and wizard.button(QWizard.WizardButton.FinishButton).isEnabled()

    page.runner.progress.disconnect(on_progress)
    with qtbot.waitSignal(page.imported, timeout=TIMEOUT):
        page.again_button.click()
    assert counts(ws)["opportunity"] == n


def test_cancel_the_check(qtbot, ws, open_wizard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tuning, "CHUNK_ROWS", 50)
    rows = [[f"D{i}", "x", "Ann", "Lead", "2026-01-05", "", "", "", ""] for i in range(500)]
    wizard = open_wizard(ws, write_csv(tmp_path / "deals.csv", rows))
    advance(qtbot, wizard)
    advance(qtbot, wizard)
    check = wizard.check_page
    check.runner.progress.connect(lambda _f, _m: check.runner.request_cancel(),
                                        Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(check.checked, timeout=TIMEOUT):
        wizard.next()
    assert check.outcome == "cancelled" and not check.isComplete()
    assert check.headline.text() == "The check was cancelled; nothing was written."
    assert check.again_button.isVisible()


def test_unreadable_file_is_explained(qtbot, ws, open_wizard, tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    wizard = open_wizard(ws, path)
    page = wizard.file_page
    assert page.error.text() == "The file is empty." and not page.isComplete()
    assert wizard.button(QWizard.WizardButton.NextButton).toolTip() == "Choose a file that can be read."
    good = write_csv(tmp_path / "deals.csv", deals())
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        page.set_path(good)
    assert page.isComplete() and not page.error.isVisible()


@pytest.mark.parametrize(("name", "content", "says"), [
    ("export.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n", "a PDF document"),
    ("logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40), "a PNG image"),
    ("junk.csv", bytes(range(0x80, 0x100)) * 30, "a binary file"),
])
def test_a_file_that_is_not_a_table_stops_the_first_page(qtbot, ws, open_wizard, tmp_path: Path, name: str,
                                                         content: bytes, says: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    wizard = open_wizard(ws, path)
    page = wizard.file_page
    assert f"is not a text table (it looks like {says})" in page.error.text()
    assert page.info is None and not page.isComplete() and not page.preview.isVisible()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert page.detected.text() == ""


def test_a_zip_that_is_not_a_workbook_stops_the_first_page(qtbot, ws, open_wizard, tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("deals.csv", "name,stage\n")
    wizard = open_wizard(ws, path)
    assert "is a zip archive but not an Excel .xlsx workbook" in wizard.file_page.error.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_workbook_sheets_can_be_chosen(qtbot, ws, open_wizard, tmp_path: Path) -> None:
    book = Workbook()
    first = book.active
    first.title = "Notes"
    first.append(["Exported by the CRM"])
    data = book.create_sheet("History")
    data.append(HEADER)
    for row in deals():
        data.append(row)
    path = tmp_path / "export.xlsx"
    book.save(path)
    wizard = open_wizard(ws, path)
    page = wizard.file_page
    assert page.sheet_combo.isVisible() and [page.sheet_combo.itemText(i) for i in range(2)] == ["Notes", "History"]
    assert page.info.sheet == "Notes" and page.info.header == ["Exported by the CRM"]
    page.sheet_combo.setCurrentIndex(1)
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        page.sheet_combo.activated.emit(1)
    assert page.info.sheet == "History" and page.info.header == HEADER
    assert "Excel workbook, sheet 'History'" in page.detected.text()
    to_check(qtbot, wizard)
    assert wizard.columns_page.mapping().sheet == "History"
    advance(qtbot, wizard)
    assert counts(ws)["opportunity"] == 3


# ------------------------------------------------------------------------------------------- presets
def test_presets_save_load_and_delete(qtbot, ws, open_wizard, tmp_path: Path, isolated_user_dirs: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_csv(tmp_path / "deals.csv", deals())
    wizard = open_wizard(ws, path)
    advance(qtbot, wizard)
    columns = wizard.columns_page
    columns.combos["amount"].setCurrentIndex(0)  # not the guess
    columns.source_edit.setText("My CRM")
    columns.date_combo.setCurrentIndex(columns.date_combo.findData("dayfirst"))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Team export", True))
    columns.save_preset_button.click()
    saved = preset_dir() / "Team export.json"
    assert saved.is_file() and isolated_user_dirs in saved.parents
    stored = Mapping.load(saved)
    assert (stored.amount, stored.source, stored.date_order, stored.stage) == (None, "My CRM", "dayfirst", "To Stage")
    assert columns.preset_combo.currentData() == "Team export"

    other = open_wizard(ws, path)
    advance(qtbot, other)
    cols = other.columns_page
    assert cols.combos["amount"].currentData() == "Amount" and cols.source_edit.text() == "Salesforce"
    index = cols.preset_combo.findData("Team export")
    assert index > 0 and cols.preset_combo.findData("pdsa-desk") > 0
    cols.preset_combo.setCurrentIndex(index)
    cols.preset_combo.activated.emit(index)
    assert cols.combos["amount"].currentData() is None and cols.source_edit.text() == "My CRM"
    assert cols.date_combo.currentData() == "dayfirst" and cols.combos["stage"].currentData() == "To Stage"
    assert cols.delete_preset_button.isEnabled()

    # a preset naming columns this file lacks says so
    Path(saved).write_text('{"shape": "long", "opportunity_id": "Deal ID", "stage": "To Stage"}', encoding="utf-8")
    cols.preset_combo.activated.emit(index)
    assert cols.preset_error.text() == "These columns are not in this file: Deal ID. Choose others."
    assert cols.blocker().startswith("Still needed: opportunity id")

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    cols.delete_preset_button.click()
    assert not saved.exists() and cols.preset_combo.findData("Team export") == -1
    builtin = cols.preset_combo.findData("pdsa-desk")
    cols.preset_combo.setCurrentIndex(builtin)
    cols.preset_combo.activated.emit(builtin)
    assert not cols.delete_preset_button.isEnabled()
    assert cols.delete_preset_button.toolTip() == "The built-in preset cannot be deleted"


# ------------------------------------------------------------------------------------------- entry point
def test_data_view_button_opens_the_wizard(qtbot, demo_ws, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = AppContext(demo_ws)
    view = DataView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    opened: list[ImportWizard] = []
    monkeypatch.setattr(ImportWizard, "open", lambda self: opened.append(self))
    assert view.import_button.isEnabled() and view.import_button.text() == "&Import from CRM export…"
    qtbot.mouseClick(view.import_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1
    wizard = opened[0]
    assert wizard.ctx is ctx and wizard.parent() is view and wizard.windowTitle() == "Import from CRM export"
    assert wizard.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    path = write_csv(tmp_path / "deals.csv", deals())
    view.open_import_wizard(str(path))
    wizard = opened[1]
    qtbot.waitUntil(lambda: wizard.file_page.info is not None, timeout=TIMEOUT)
    assert wizard.file_page.info.header == HEADER
    ctx.wait_for_background()


def test_the_previews_are_sized_when_shown_as_measuring_them_at_once_sizes_them(qtbot, ws, open_wizard,
                                                                               tmp_path: Path) -> None:
    """The File and Columns pages show one model; a hidden preview sizes its columns when it is shown, not at
    each change of the other (at 1M entering the Columns page asked 5,440 cells in Python): the same widths."""
    wizard = open_wizard(ws, write_csv(tmp_path / "sf.csv", deals() * 6))
    advance(qtbot, wizard)
    columns = wizard.columns_page
    columns.tabs.setCurrentWidget(columns.preview)
    qtbot.waitUntil(columns.preview.isVisible)
    combo = columns.combos["rep_email"]
    combo.setCurrentIndex(combo.findData("Opportunity Owner"))  # the header names another field: re-measured
    wizard.back()
    for view in (wizard.file_page.preview, columns.preview):
        if view is columns.preview:
            wizard.next()
            columns.tabs.setCurrentWidget(columns.preview)
        qtbot.waitUntil(view.isVisible)
        ours = [view.columnWidth(c) for c in range(len(HEADER))]
        view.resizeColumnsToContents()  # the plain way: measured at once
        assert [view.columnWidth(c) for c in range(len(HEADER))] == ours
    assert "Opportunity Owner" in str(wizard.preview_model.headerData(2, Qt.Orientation.Horizontal))
