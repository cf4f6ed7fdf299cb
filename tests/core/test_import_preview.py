"""What the import wizard learns before an import, Qt-free: the file's kind and first rows, what its dates say
about their order, the ambiguous-date report, what a scanned CRM stage becomes by default, what a scan needs."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest
from openpyxl import Workbook

from pdsa_desk.core.importing import (
    CreateStage,
    ImportProblems,
    Mapping,
    OrderHint,
    ScannedStage,
    StageMap,
    import_file,
)
from pdsa_desk.core.importing.mapping import date_entered_stage
from pdsa_desk.core.importing.preview import DateFinding, date_finding, date_note, read_file_info
from pdsa_desk.core.importing.results import MAX_AMBIGUOUS, ambiguous_date_lines
from pdsa_desk.core.importing.scan import scan_key
from pdsa_desk.core.importing.stages import suggest_stage

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
HEADER = ["Id", "Stage", "Changed At", "Created"]
MAPPING = Mapping(shape="long", opportunity_id="Id", stage="Stage", timestamp="Changed At", create_stages=True)


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        out.writerows(rows)
    return path


# ------------------------------------------------------------------------------------------- the file
def test_csv_info_names_delimiter_and_encoding_and_keeps_spreadsheet_row_numbers() -> None:
    info = read_file_info(DATA / "excel_semicolon_cp1252.csv", rows=1)
    assert (info.kind, info.delimiter, info.encoding) == ("csv", ";", "cp1252")
    assert (info.delimiter_name, info.encoding_name) == ("semicolon", "Windows-1252")
    assert any("not UTF-8" in n for n in info.notices)
    assert len(info.rows) == 1 and info.rows[0][0] == 2
    assert info.rows[0][1][:2] == ["E-1", "Café Müller"]
    assert info.sheets == [] and info.sheet is None


def test_csv_info_skips_blank_rows_and_stops_at_the_preview_size(tmp_path: Path) -> None:
    rows = [["A1", "Lead", "2026-01-05", ""], ["", "", "", ""], *[[f"B{i}", "Lead", "2026-01-06", ""]
                                                                 for i in range(30)]]
    info = read_file_info(write_csv(tmp_path / "x.csv", rows), rows=5)
    assert info.header == HEADER
    assert [n for n, _cells in info.rows] == [2, 4, 5, 6, 7]  # row 3 is blank
    assert (info.delimiter_name, info.encoding_name) == ("comma", "UTF-8")


def test_workbook_info_lists_its_sheets_and_reads_the_one_chosen(tmp_path: Path) -> None:
    wb = Workbook()
    first = wb.active
    first.title = "Summary"
    first.append(["Nothing", "here"])
    deals = wb.create_sheet("Deals")
    deals.append(HEADER)
    deals.append(["D1", "Lead", "2026-01-05", "2026-01-01"])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    info = read_file_info(path, sheet="deals")  # a sheet name is matched ignoring case
    assert info.kind == "xlsx" and info.sheets == ["Summary", "Deals"] and info.sheet == "Deals"
    assert info.header == HEADER and info.rows == [(2, ["D1", "Lead", "2026-01-05", "2026-01-01"])]
    assert read_file_info(path).sheet == "Summary"


def test_an_unreadable_file_is_refused_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(ImportProblems, match=r"is not an Excel \.xlsx workbook"):
        read_file_info(path)


# ------------------------------------------------------------------------------------------- dates
def test_date_finding_reports_the_first_ambiguous_and_the_one_way_dates(tmp_path: Path) -> None:
    rows = [["A1", "Lead", "2026-01-05", "03/04/2026"],
            ["A2", "Lead", "05/06/2026", "13/04/2026"],
            ["A3", "Lead", "04/25/2026", "14/04/2026"]]
    info = read_file_info(write_csv(tmp_path / "d.csv", rows))
    found = date_finding(info, ["Changed At", "Created", "Not a column"])
    assert found.ambiguous is not None and found.ambiguous[:2] == (2, "Created")
    assert "3 April" in found.ambiguous[2] and "March 4" in found.ambiguous[2]
    assert found.dayfirst_only == (3, "Created", "13/04/2026")
    assert found.monthfirst_only == (4, "Changed At", "04/25/2026")
    assert date_finding(info, ["Changed At"]).ambiguous == (3, "Changed At", found.ambiguous[2].replace(
        "03/04/2026", "05/06/2026").replace("3 April", "5 June").replace("March 4", "May 6"))
    assert date_finding(info, ["Id"]) == DateFinding()


@pytest.mark.parametrize(("order", "ambiguous", "warn"), [
    (None, True, True),  # auto cannot go on: the order must be chosen
    ("dayfirst", False, True),  # a month-first-only date contradicts it
    ("monthfirst", False, True),  # and a day-first-only one contradicts this
])
def test_date_note_says_when_the_order_must_be_chosen_or_is_contradicted(order: str | None, ambiguous: bool,
                                                                        warn: bool) -> None:
    finding = DateFinding(ambiguous=(2, "Created", "3 April or March 4"), dayfirst_only=(3, "Created", "13/04/2026"),
                          monthfirst_only=(4, "Created", "04/25/2026"))
    note = date_note(finding, order)
    assert note.order == order and (note.ambiguous is not None) == ambiguous and note.warn == warn
    assert note.one_way == [OrderHint(3, "Created", "13/04/2026", "dayfirst"),
                            OrderHint(4, "Created", "04/25/2026", "monthfirst")]


def test_date_note_is_calm_when_the_dates_agree() -> None:
    dayfirst = DateFinding(dayfirst_only=(3, "Created", "13/04/2026"))
    assert not date_note(dayfirst, None).warn
    assert not date_note(dayfirst, "dayfirst").warn
    assert date_note(dayfirst, "monthfirst").warn
    assert date_note(DateFinding(), None) == date_note(DateFinding(), None)
    assert not date_note(DateFinding(), "monthfirst").warn and date_note(DateFinding(), None).one_way == []


def test_ambiguous_date_lines_are_the_dates_without_the_command_line_advice(ws, tmp_path: Path) -> None:
    rows = [[f"A{i}", "Lead", f"0{1 + i % 9}/11/2026", ""] for i in range(MAX_AMBIGUOUS + 3)]
    rows.append(["B1", "Lead", "13/04/2026", ""])
    with pytest.raises(ImportProblems) as info:
        import_file(ws, write_csv(tmp_path / "amb.csv", rows), MAPPING)
    lines = ambiguous_date_lines(info.value)
    assert len(lines) == MAX_AMBIGUOUS + 1
    assert lines[0].startswith("row 2, column Changed At: '01/11/2026' could be 1 November or January 11")
    assert lines[-1] == "… 3 more ambiguous date(s)."
    assert not any("--dayfirst" in line for line in lines)
    assert "--dayfirst" in str(info.value)  # the advice is still there for the command line
    assert info.value.order_hints == [OrderHint(MAX_AMBIGUOUS + 5, "Changed At", "13/04/2026", "dayfirst")]
    result = import_file(ws, write_csv(tmp_path / "amb.csv", rows), dataclasses.replace(MAPPING, date_order="dayfirst"))
    assert result.events_added == len(rows)


# ------------------------------------------------------------------------------------------- stages
STAGE_IDS = {"s-lead": "s-lead", "lead": "s-lead", "s-won": "s-won", "closed won": "s-won"}


def scanned(name: str, workspace_stage_id: str | None = None) -> ScannedStage:
    return ScannedStage(name, 3, 2, name if workspace_stage_id else None, workspace_stage_id)


@pytest.mark.parametrize(("stage", "preset", "create", "expected"), [
    (scanned("Lead", "s-lead"), {}, False, (True, "s-lead")),  # the same name in the workspace
    (scanned("Intro"), {"Intro": "LEAD"}, False, (True, "s-lead")),  # the preset names a workspace stage
    (scanned("Intro"), {"Intro": "s-won"}, False, (True, "s-won")),  # … by id
    (scanned("Lead", "s-lead"), {"Lead": None}, False, (True, None)),  # the preset ignores it
    (scanned("Demo"), {"Demo": {"create": True, "terminal": "won"}}, False, (True, CreateStage(terminal="won"))),
    (scanned("Intro"), {"Intro": "Gone"}, False, (False, None)),  # a preset stage the workspace lacks: undecided
    (scanned("Closed Lost"), {}, True, (True, None)),  # the outcome column says lost: its rows are ignored
    (scanned("Deal won"), {}, True, (True, CreateStage(terminal="won"))),
    (scanned("Proposal"), {}, True, (True, CreateStage())),
    (scanned("Proposal"), {}, False, (False, None)),  # the user must choose
])
def test_suggested_stage(stage: ScannedStage, preset: dict, create: bool, expected: tuple) -> None:
    assert suggest_stage(stage, StageMap.from_dict(preset), STAGE_IDS, create) == expected


def test_scan_key_changes_only_with_what_the_scan_reads() -> None:
    base = Mapping(shape="long", opportunity_id="Id", stage="Stage", timestamp="Changed At")
    assert scan_key(base) == scan_key(dataclasses.replace(base, opportunity_id="Deal", amount="Amount",
                                                          date_order="dayfirst"))
    for change in ({"stage": "To Stage"}, {"sheet": "Deals"}, {"header_row": 2}, {"delimiter": ";"},
                   {"encoding": "cp1252"}, {"stage_position": "Pos"}, {"shape": "wide"}):
        assert scan_key(dataclasses.replace(base, **change)) != scan_key(base), change


@pytest.mark.parametrize(("column", "stage"), [
    ('Date entered "Proposal (Sales Pipeline)"', "Proposal (Sales Pipeline)"),
    ("date entered: Demo", "Demo"),
    ('Date entered: " Demo "', "Demo"),
    ("Date Entered - 'Closed won'", "Closed won"),
    ("Entered at", None),
])
def test_date_entered_stage(column: str, stage: str | None) -> None:
    assert date_entered_stage(column) == stage
