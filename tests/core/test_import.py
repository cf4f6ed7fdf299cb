"""Importing CRM exports: shapes, guessing, encodings, dates, validation, idempotence, stage maps, round trip."""

from __future__ import annotations

import csv
import dataclasses
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import text

from pdsa_desk.core import export, services
from pdsa_desk.core.check import check_workspace
from pdsa_desk.core.errors import PdsaError, ValidationError
from pdsa_desk.core.importing import (
    BUILTIN_PRESET,
    NOT_RECORDED,
    Cancelled,
    CreateStage,
    ImportProblems,
    Mapping,
    OrderHint,
    Problem,
    StageMap,
    builtin_preset,
    delete_preset,
    guess_mapping,
    import_file,
    list_presets,
    load_preset,
    read_header,
    save_preset,
    scan,
    tuning,
    writer,
)
from pdsa_desk.core.models import Opportunity, StageEvent

DATA = Path(__file__).parent.parent / "data" / "import"
DEMO_AS_OF = "2026-11-24T18:00:00Z"
HEADER = ["Deal ID", "Deal Name", "Owner", "Stage", "Changed At", "Amount", "Status", "Created"]
MAPPING = Mapping(opportunity_id="Deal ID", opportunity_name="Deal Name", rep="Owner", stage="Stage",
                  timestamp="Changed At", amount="Amount", outcome="Status", opened_at="Created", source="TestCRM",
                  create_stages=True)


# ------------------------------------------------------------------------------------------- helpers
def write_csv(path: Path, header: list[str], rows: list[list[object]], *, delimiter: str = ",",
              encoding: str = "utf-8") -> Path:
    with path.open("w", newline="", encoding=encoding) as fh:
        out = csv.writer(fh, delimiter=delimiter)
        out.writerow(header)
        out.writerows(rows)
    return path


def counts(ws) -> dict[str, int]:
    tables = ("opportunity", "stage_event", "stage", "standard_revision", "rep", "team", "loss_reason")
    with ws.engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables}


def opportunities(ws) -> dict[str, Opportunity]:
    with ws.session() as s:
        from sqlmodel import select

        return {o.external_id: o for o in s.exec(select(Opportunity))}


def events(ws) -> list[tuple[str, str, datetime]]:
    """(external id, stage name, entered_at) of every event, sorted."""
    with ws.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT o.external_id, s.name, e.entered_at, e.origin FROM stage_event e "
            "JOIN opportunity o ON o.id = e.opportunity_id JOIN stage s ON s.id = e.stage_id")).all()
    assert {r[3] for r in rows} <= {"import"}
    return sorted(((r[0], r[1], _utc(r[2])) for r in rows), key=lambda e: (e[0], e[2], e[1]))


def _utc(value: str | datetime) -> datetime:
    """A stored time as aware UTC (SQLite hands back text, PostgreSQL aware datetimes)."""
    if isinstance(value, str):
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    return value.astimezone(UTC)


def stage_names(ws) -> list[str]:
    return [s.name for s in services.list_stages(ws)]


def simple_rows() -> list[list[object]]:
    return [
        ["D1", "Alpha", "Ann", "Lead", "2026-01-05 09:00", "1000", "open", "2026-01-05"],
        ["D1", "Alpha", "Ann", "Meeting", "2026-01-08 10:00", "1000", "open", "2026-01-05"],
        ["D2", "Beta", "Bob", "Lead", "2026-01-06 11:00", "250.5", "lost", "2026-01-06"],
        ["D3", "Gamma", "Ann", "Lead", "2026-01-07 12:00", "", "won", "2026-01-07"],
        ["D3", "Gamma", "Ann", "Meeting", "2026-01-09 12:00", "", "won", "2026-01-07"],
        ["D3", "Gamma", "Ann", "Proposal", "2026-01-15 16:00", "", "won", "2026-01-07"],
    ]


# ------------------------------------------------------------------------------------------- shapes
def test_long_csv_crm_history_export(ws) -> None:
    path = DATA / "salesforce_history.csv"
    mapping = guess_mapping(read_header(path)[0])
    assert mapping.missing() == [] and mapping.source == "Salesforce"
    mapping.create_stages = True
    result = import_file(ws, path, mapping)
    assert (result.opportunities_added, result.events_added, result.rows_read) == (4, 11, 11)
    assert result.stages_created == ["Prospecting", "Qualification", "Proposal", "Negotiation", "Closed Won"]
    assert sorted(result.reps_created) == ["Alice Moreau", "Ben Okafor", "Grace Kim"]
    assert sorted(result.teams_created) == ["North", "South"]
    assert "Times without a time zone were read as UTC." in result.notices
    opps = opportunities(ws)
    acme, globex, initech = opps["0065g00000A1"], opps["0065g00000B2"], opps["0065g00000C3"]
    assert (acme.name, acme.amount, acme.outcome, acme.closed_at, acme.source) == (
        "Acme Corp renewal", 12500.0, "open", None, "Salesforce")
    assert acme.opened_at == datetime(2026, 1, 5, tzinfo=UTC)
    assert (globex.outcome, globex.closed_at) == ("lost", datetime(2026, 2, 2, tzinfo=UTC))
    assert (initech.outcome, initech.amount) == ("won", 30000.0)
    reasons = {r.id: r.name for r in services.list_loss_reasons(ws)}
    assert reasons[globex.loss_reason_id] == "Chose a competitor"  # matched to the seeded reason
    assert events(ws)[0] == ("0065g00000A1", "Prospecting", datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    assert check_workspace(ws) == []


def test_wide_csv_one_row_per_deal(ws) -> None:
    path = DATA / "hubspot_deals_wide.csv"
    mapping = guess_mapping(read_header(path)[0])
    assert mapping.shape == "wide" and mapping.source == "HubSpot"
    assert list(mapping.stage_dates.values()) == [
        "Appointment scheduled", "Qualified to buy", "Presentation scheduled", "Closed won", "Closed lost"]
    stage_map = StageMap({"Closed lost": None, "Closed won": CreateStage(name="Won", terminal="won")})
    mapping.create_stages = True
    result = import_file(ws, path, mapping, stage_map=stage_map)
    assert stage_names(ws) == ["Appointment scheduled", "Qualified to buy", "Presentation scheduled", "Won"]
    assert (result.opportunities_added, result.events_added, result.rows_ignored) == (4, 9, 1)
    opps = opportunities(ws)
    assert opps["9001"].outcome == "won" and opps["9001"].closed_at == datetime(2026, 3, 1, 10, tzinfo=UTC)
    assert opps["9003"].outcome == "lost" and opps["9002"].outcome == "open"
    assert ("9002", "Presentation scheduled", datetime(2026, 2, 20, 9, 45, tzinfo=UTC)) in events(ws)
    assert check_workspace(ws) == []


def test_xlsx_named_sheet_dates_serials_and_blank_rows(ws) -> None:
    path = DATA / "pipedrive_deals.xlsx"
    header, _notices = read_header(path, Mapping(sheet="Deals flow"))
    mapping = guess_mapping(header)
    assert mapping.source == "Pipedrive" and mapping.timestamp == "Deal - Stage change time"
    mapping.sheet = "Deals flow"
    mapping.create_stages = True
    result = import_file(ws, path, mapping)
    assert (result.opportunities_added, result.events_added, result.rows_read) == (3, 6, 6)
    got = events(ws)
    assert ("102", "Qualified", datetime(2026, 3, 4, 12, 0, tzinfo=UTC)) in got  # the serial 46085.5
    assert ("102", "Demo", datetime(2026, 3, 9, 10, 0, tzinfo=UTC)) in got  # a text ISO time in a cell
    opps = opportunities(ws)
    assert (opps["102"].outcome, opps["102"].amount) == ("won", 2500.5)
    assert opps["101"].opened_at == datetime(2026, 3, 2, tzinfo=UTC)


def test_xlsx_first_sheet_by_default(ws, tmp_path: Path) -> None:
    wb = Workbook()
    sheet = wb.active
    sheet.append(HEADER)
    for row in simple_rows():
        sheet.append(row)
    wb.save(tmp_path / "deals.xlsx")
    result = import_file(ws, tmp_path / "deals.xlsx", MAPPING)
    assert (result.opportunities_added, result.events_added) == (3, 6)


# ------------------------------------------------------------------------------------------- guessing
@pytest.mark.parametrize(("header", "expected"), [
    (["Opportunity ID", "Opportunity Name", "Opportunity Owner", "Stage", "Last Modified", "Close Date", "Amount"],
     {"opportunity_id": "Opportunity ID", "rep": "Opportunity Owner", "stage": "Stage",
      "timestamp": "Last Modified", "closed_at": "Close Date", "source": "Salesforce"}),
    (["Deal ID", "Deal Name", "Deal owner", "Deal Stage", "Stage Change Date", "Create Date", "Lost Reason"],
     {"opportunity_id": "Deal ID", "opportunity_name": "Deal Name", "rep": "Deal owner", "stage": "Deal Stage",
      "opened_at": "Create Date", "loss_reason": "Lost Reason", "source": "HubSpot"}),
    (["Deal - ID", "Deal - Title", "Deal - Owner", "Deal - Stage", "Deal - Stage change time", "Deal - Value"],
     {"opportunity_id": "Deal - ID", "opportunity_name": "Deal - Title", "amount": "Deal - Value",
      "source": "Pipedrive"}),
    (["Record ID", "Deal Name", 'Date entered "Lead (Sales Pipeline)"', 'Date entered "Won (Sales Pipeline)"'],
     {"shape": "wide", "opportunity_id": "Record ID",
      "stage_dates": {'Date entered "Lead (Sales Pipeline)"': "Lead", 'Date entered "Won (Sales Pipeline)"': "Won"}}),
    (["opportunity_id", "source", "opportunity", "rep", "rep_email", "team", "stage", "stage_position", "entered_at",
      "evidence_confirmed", "evidence_items", "outcome", "loss_reason", "amount", "opened_at", "closed_at",
      "channel"], builtin_preset().to_dict()),
])
def test_guess_mapping_from_crm_headers(header: list[str], expected: dict) -> None:
    mapping = guess_mapping(header)
    assert mapping.missing() == []
    got = mapping.to_dict()
    for key, value in expected.items():
        assert got.get(key) == value, key


def test_incomplete_guess_names_what_is_missing() -> None:
    mapping = guess_mapping(["Customer", "Notes", "When"])
    assert mapping.missing() == ["opportunity_id", "stage", "timestamp"]


# ------------------------------------------------------------------------------------------- encodings & CSV dialects
@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_delimiter_is_sniffed(ws, tmp_path: Path, delimiter: str) -> None:
    rows = simple_rows()
    rows[0][1] = rows[1][1] = "Alpha, Inc."  # a comma inside a value must not fool the sniffer
    path = write_csv(tmp_path / "deals.csv", HEADER, rows, delimiter=delimiter)
    result = import_file(ws, path, MAPPING)
    assert (result.opportunities_added, result.events_added) == (3, 6)
    assert opportunities(ws)["D1"].name == "Alpha, Inc."


def test_utf8_with_bom_reads_the_first_column(ws, tmp_path: Path) -> None:
    rows = simple_rows()
    rows[0][2] = rows[1][2] = "Zoë Ørsted"
    path = write_csv(tmp_path / "bom.csv", HEADER, rows, encoding="utf-8-sig")
    result = import_file(ws, path, MAPPING)
    assert not any("UTF-8" in n for n in result.notices)
    assert "Zoë Ørsted" in result.reps_created


def test_windows_1252_falls_back_with_a_notice(ws) -> None:
    path = DATA / "excel_semicolon_cp1252.csv"
    mapping = guess_mapping(read_header(path)[0])
    mapping.create_stages = True
    result = import_file(ws, path, mapping)
    assert any("not UTF-8" in n and "Windows-1252" in n for n in result.notices)
    opps = opportunities(ws)
    assert opps["E-1"].name == "Café Müller" and opps["E-1"].amount == 1234.5  # decimal comma
    assert opps["E-1"].opened_at == datetime(2026, 1, 13, 9, 0, tzinfo=UTC)  # 13/01: day-first, unambiguous
    assert "Chloé Varga" in result.reps_created
    assert opps["E-2"].outcome == "lost" and any(NOT_RECORDED in n for n in result.notices)


# ------------------------------------------------------------------------------------------- dates
def test_ambiguous_dates_need_a_choice(ws, tmp_path: Path) -> None:
    rows = [["D1", "Alpha", "Ann", "Lead", "03/04/2026 09:00", "", "open", ""],
            ["D1", "Alpha", "Ann", "Meeting", "13/04/2026 09:00", "", "open", ""]]
    path = write_csv(tmp_path / "amb.csv", HEADER, rows)
    before = counts(ws)
    with pytest.raises(ImportProblems) as info:
        import_file(ws, path, MAPPING)
    message = str(info.value)
    assert message.startswith("row 2, column Changed At: '03/04/2026 09:00' could be 3 April or March 4")
    assert "--dayfirst" in message and "--monthfirst" in message and "Row 3 has '13/04/2026 09:00'" in message
    assert info.value.ambiguous_dates  # what a program asks, instead of reading the message
    assert info.value.order_hints == [OrderHint(3, "Changed At", "13/04/2026 09:00", "dayfirst")]
    assert counts(ws) == before
    result = import_file(ws, path, dataclasses.replace(MAPPING, date_order="dayfirst"))
    assert result.events_added == 2
    assert events(ws)[0][2] == datetime(2026, 4, 3, 9, 0, tzinfo=UTC)


def test_month_first_and_unambiguous_dates(ws, tmp_path: Path) -> None:
    rows = [["D1", "A", "", "Lead", "03/04/2026 2:30 PM", "", "", ""],
            ["D2", "B", "", "Lead", "12/31/2026", "", "", ""]]
    path = write_csv(tmp_path / "us.csv", HEADER, rows)
    import_file(ws, path, dataclasses.replace(MAPPING, date_order="monthfirst"))
    assert [e[2] for e in events(ws)] == [datetime(2026, 3, 4, 14, 30, tzinfo=UTC), datetime(2026, 12, 31, tzinfo=UTC)]


@pytest.mark.parametrize(("value", "expected"), [
    ("45678.5", datetime(2025, 1, 21, 12, 0, tzinfo=UTC)),  # Excel serial in a CSV
    ("45678", datetime(2025, 1, 21, tzinfo=UTC)),
    ("2026-01-05T09:00:00+02:00", datetime(2026, 1, 5, 7, 0, tzinfo=UTC)),
    ("2026-01-05T09:00:00.123456Z", datetime(2026, 1, 5, 9, 0, 0, 123456, tzinfo=UTC)),
    ("2026-01-05", datetime(2026, 1, 5, tzinfo=UTC)),
    ("5 Jan 2026 10:15", datetime(2026, 1, 5, 10, 15, tzinfo=UTC)),
    ("Jan 5, 2026", datetime(2026, 1, 5, tzinfo=UTC)),
    ("2026/01/05 23:59:59", datetime(2026, 1, 5, 23, 59, 59, tzinfo=UTC)),
])
def test_date_formats_are_stored_as_utc(ws, tmp_path: Path, value: str, expected: datetime) -> None:
    path = write_csv(tmp_path / "d.csv", HEADER, [["D1", "A", "", "Lead", value, "", "", ""]])
    import_file(ws, path, MAPPING)
    with ws.session() as s:
        from sqlmodel import select

        event = s.exec(select(StageEvent)).one()
    assert event.entered_at == expected and event.entered_at.tzinfo is not None


# ------------------------------------------------------------------------------------------- validation
def test_one_invalid_row_writes_nothing(ws, tmp_path: Path) -> None:
    services.create_stage(ws, "Lead")
    rows = [
        *simple_rows(),
        ["", "No id", "Ann", "Lead", "2026-01-05", "", "", ""],
        ["D9", "Bad date", "Ann", "Lead", "yesterday", "", "", ""],
        ["D8", "Bad amount", "Ann", "Lead", "2026-01-05", "lots", "", ""],
        ["D7", "Bad outcome", "Ann", "Lead", "2026-01-05", "", "maybe", ""],
        ["D6", "Too early", "Ann", "Lead", "2026-01-02 10:00", "", "", "2026-01-04"],
    ]
    path = write_csv(tmp_path / "bad.csv", HEADER, rows)
    before = counts(ws)
    with pytest.raises(ImportProblems) as info:
        import_file(ws, path, MAPPING)
    assert counts(ws) == before
    assert not info.value.ambiguous_dates and info.value.order_hints == []
    lines = str(info.value).splitlines()
    assert lines == [
        "row 8, column Deal ID: the opportunity id is missing",
        "row 9, column Changed At: 'yesterday' is not a date",
        "row 10, column Amount: amount 'lots' is not a number",
        "row 11, column Status: unknown outcome 'maybe' (expected open, won or lost; other values can be added "
        "to \"outcome_values\" in the mapping)",
        "row 12, column Changed At: entered 'Lead' at 2026-01-02 10:00 UTC, before the opportunity was created "
        "(2026-01-04)",
    ]
    assert all(isinstance(p, Problem) for p in info.value.problems) and info.value.problems[0].row == 8


def test_problems_are_capped_with_a_count(ws, tmp_path: Path) -> None:
    rows = [[f"D{i}", "x", "", "Lead", "not a date", "", "", ""] for i in range(250)]
    path = write_csv(tmp_path / "many.csv", HEADER, rows)
    with pytest.raises(ImportProblems) as info:
        import_file(ws, path, MAPPING)
    assert len(info.value.problems) == 200 and info.value.more == 50 and info.value.total == 250
    assert str(info.value).endswith("… and 50 more problem(s).")


def test_skip_invalid_imports_the_rest_and_writes_rejected_rows(ws, tmp_path: Path) -> None:
    rows = simple_rows()
    rows.insert(2, ["D5", "Broken", "Cy", "Lead", "31/02/2026", "", "", ""])
    rows.append(["D6", "Odd", "Cy", "Lead", "2026-01-05", "-5", "", ""])
    path = write_csv(tmp_path / "deals.csv", HEADER, rows)
    result = import_file(ws, path, MAPPING, skip_invalid=True)
    assert (result.opportunities_added, result.events_added, result.rows_rejected) == (3, 6, 2)
    assert result.rejected_file == tmp_path / "deals.rejected.csv"
    with result.rejected_file.open(encoding="utf-8-sig", newline="") as fh:
        got = list(csv.reader(fh))
    assert got[0] == [*HEADER, "error"]
    assert got[1][:8] == rows[2] and got[1][8] == "Changed At: '31/02/2026' is not a valid date"
    assert got[2][:8] == rows[-1] and "negative" in got[2][8]
    assert len(got) == 3
    assert str(result.problems[0]).startswith("row 4, column Changed At:")


def test_empty_and_unreadable_files_are_problems(ws, tmp_path: Path) -> None:
    cases = {
        "empty.csv": b"",
        "blank.csv": b"\xef\xbb\xbf\r\n\r\n",
        "not.xlsx": b"Deal ID,Stage\n1,Lead\n",
        "zip.xlsx": b"PK\x03\x04 definitely not a workbook",
        "old.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40,
        "quote.csv": ("Deal ID,Stage,Changed At\n" + '1,"Lead,2026-01-05\n' + "x" * (1 << 20) + "\n").encode(),
    }
    for name, content in cases.items():
        (tmp_path / name).write_bytes(content)
        with pytest.raises(ImportProblems) as info:
            import_file(ws, tmp_path / name, MAPPING)
        assert str(info.value), name
    with pytest.raises(ImportProblems, match="There is no file"):
        import_file(ws, tmp_path / "missing.csv", MAPPING)
    with pytest.raises(ImportProblems, match="is a folder"):
        import_file(ws, tmp_path, MAPPING)
    assert counts(ws)["opportunity"] == 0


def test_missing_columns_are_reported_against_the_header(ws, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", ["Deal ID", "Deal Name"], [["1", "x"]])
    with pytest.raises(ImportProblems) as info:
        import_file(ws, path, MAPPING)
    assert "row 1, column Stage: is not in the file's header (mapped to stage)" in str(info.value).splitlines()


def test_header_only_file_imports_nothing(ws, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "h.csv", HEADER, [])
    result = import_file(ws, path, MAPPING)
    assert (result.rows_read, result.opportunities_added, result.events_added) == (0, 0, 0)


def test_an_incomplete_mapping_is_a_validation_error(ws, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", HEADER, simple_rows())
    with pytest.raises(ValidationError, match="stage change time"):
        import_file(ws, path, dataclasses.replace(MAPPING, timestamp=None))


# ------------------------------------------------------------------------------------------- idempotence
def test_importing_twice_adds_nothing(ws, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "deals.csv", HEADER, simple_rows())
    first = import_file(ws, path, MAPPING)
    after_first = counts(ws)
    second = import_file(ws, path, MAPPING)
    assert (first.events_added, second.events_added, second.opportunities_added) == (6, 0, 0)
    assert (second.duplicates_skipped, second.opportunities_updated, second.stages_created) == (6, 0, [])
    assert counts(ws) == after_first


def test_a_later_export_adds_only_what_is_new(ws, tmp_path: Path) -> None:
    rows = simple_rows()
    import_file(ws, write_csv(tmp_path / "jan.csv", HEADER, rows[:4]), MAPPING)
    later = [list(r) for r in rows]
    for r in later:
        if r[0] == "D1":
            r[5], r[6] = "1500", "won"  # bigger, and won
        if r[0] == "D2":
            r[2] = "Cy"  # handed over
    later.append(["D4", "Delta", "Bob", "Lead", "2026-01-20 08:00", "", "open", "2026-01-20"])
    later.append(["D4", "Delta", "Bob", "Lead", "2026-01-20 08:00", "", "open", "2026-01-20"])  # twice in the file
    result = import_file(ws, write_csv(tmp_path / "feb.csv", HEADER, later), MAPPING)
    assert (result.opportunities_added, result.opportunities_updated) == (1, 2)
    assert (result.events_added, result.duplicates_skipped) == (3, 5)
    assert result.reps_created == ["Cy"]
    opps = opportunities(ws)
    assert (opps["D1"].amount, opps["D1"].outcome) == (1500.0, "won")
    assert opps["D1"].closed_at == datetime(2026, 1, 8, 10, tzinfo=UTC)  # the last stage change
    reps = {r.id: r.name for r in services.list_reps(ws)}
    assert reps[opps["D2"].rep_id] == "Cy"
    assert len(events(ws)) == 7 and check_workspace(ws) == []


def test_reps_are_matched_by_email_or_name_and_loss_reasons_by_name(ws, tmp_path: Path) -> None:
    team = services.create_team(ws, "North")
    ann = services.create_rep(ws, "Ann Smith", email="ann@example.com", team_id=team.id)
    bob = services.create_rep(ws, "Bob Jones")
    header = ["Deal ID", "Stage", "Changed At", "Owner", "Owner Email", "Team", "Status", "Lost Reason"]
    rows = [["1", "Lead", "2026-01-05", "A. Smith", "ANN@example.com", "", "", ""],
            ["2", "Lead", "2026-01-05", "bob jones", "", "", "lost", "timing / BUDGET"],
            ["3", "Lead", "2026-01-05", "Cleo", "cleo@example.com", "East", "lost", "Price"]]
    mapping = Mapping(opportunity_id="Deal ID", stage="Stage", timestamp="Changed At", rep="Owner",
                      rep_email="Owner Email", team="Team", outcome="Status", loss_reason="Lost Reason",
                      create_stages=True)
    result = import_file(ws, write_csv(tmp_path / "r.csv", header, rows), mapping)
    opps = opportunities(ws)
    assert (opps["1"].rep_id, opps["2"].rep_id) == (ann.id, bob.id)
    assert (result.reps_created, result.teams_created, result.loss_reasons_created) == (["Cleo"], ["East"], ["Price"])
    reasons = {r.id: r.name for r in services.list_loss_reasons(ws)}
    assert reasons[opps["2"].loss_reason_id] == "Timing / budget"
    assert opps["1"].source == "import"  # no source given


def test_won_outcome_without_a_won_stage_and_won_stage_without_outcome(ws, tmp_path: Path) -> None:
    services.create_stage(ws, "Lead")
    services.create_stage(ws, "Won", terminal="won")
    header = ["Deal ID", "Stage", "Changed At", "Status", "Closed"]
    rows = [["1", "Lead", "2026-01-05 10:00", "won", "2026-01-20"],
            ["2", "Lead", "2026-01-05 10:00", "won", ""],
            ["2", "Lead", "2026-01-07 10:00", "won", ""]]
    mapping = Mapping(opportunity_id="Deal ID", stage="Stage", timestamp="Changed At", outcome="Status",
                      closed_at="Closed")
    import_file(ws, write_csv(tmp_path / "w.csv", header, rows), mapping)
    opps = opportunities(ws)
    assert opps["1"].closed_at == datetime(2026, 1, 20, tzinfo=UTC)
    assert opps["2"].closed_at == datetime(2026, 1, 7, 10, tzinfo=UTC)
    rows = [["3", "Lead", "2026-02-01 10:00", "", ""], ["3", "Won", "2026-02-09 10:00", "", ""]]
    import_file(ws, write_csv(tmp_path / "w2.csv", header[:3], [r[:3] for r in rows]),
                dataclasses.replace(mapping, outcome=None, closed_at=None))
    won = opportunities(ws)["3"]
    assert (won.outcome, won.closed_at) == ("won", datetime(2026, 2, 9, 10, tzinfo=UTC))


def test_rows_of_deleted_opportunities_are_skipped(ws, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "deals.csv", HEADER, simple_rows())
    import_file(ws, path, MAPPING)
    services.delete_opportunity(ws, opportunities(ws)["D3"].id)
    result = import_file(ws, path, MAPPING)
    assert (result.opportunities_added, result.events_added, result.duplicates_skipped) == (0, 0, 3)
    assert "3 row(s) belong to opportunities deleted in this workspace; they were skipped." in result.notices


def test_a_row_with_more_values_than_the_header(ws, tmp_path: Path) -> None:
    path = tmp_path / "extra.csv"
    path.write_text(",".join(HEADER) + "\nD1,Alpha,Ann,Lead,2026-01-05,100,open,2026-01-05,surprise\n"
                    "D2,Beta,Bob,Lead,2026-01-05,,,,\n", encoding="utf-8")
    with pytest.raises(ImportProblems) as info:
        import_file(ws, path, MAPPING)
    assert str(info.value) == ("row 2: has 9 values but the header names 8 columns (a delimiter or quote inside "
                               "a value?)")
    result = import_file(ws, path, MAPPING, skip_invalid=True)  # an empty extra cell is fine
    assert (result.opportunities_added, result.rows_rejected) == (1, 1)


def test_wide_shape_problems_name_the_stage_column(ws, tmp_path: Path) -> None:
    header = ["Id", "Created", "Entered Lead", "Entered Won"]
    rows = [["1", "2026-01-10", "2026-01-05", ""], ["2", "2026-01-10", "2026-01-10", "garbage"]]
    mapping = Mapping(shape="wide", opportunity_id="Id", opened_at="Created",
                      stage_dates={"Entered Lead": "Lead", "Entered Won": "Won"})
    services.create_stage(ws, "Lead")
    with pytest.raises(ImportProblems) as info:
        import_file(ws, write_csv(tmp_path / "w.csv", header, rows), mapping)
    assert str(info.value).splitlines() == [
        "row 2, column Entered Lead: entered 'Lead' at 2026-01-05, before the opportunity was created (2026-01-10)",
        "row 3, column Entered Won: 'garbage' is not a date",
    ]
    rows[1][3] = "2026-01-20"
    with pytest.raises(ImportProblems, match="column Entered Won: stage 'Won' \\(1 row\\(s\\)\\) is not a stage"):
        import_file(ws, write_csv(tmp_path / "w.csv", header, rows), mapping)
    scanned = scan(tmp_path / "w.csv", mapping, ws)
    assert [(x.name, x.rows, x.workspace_stage) for x in scanned.stages] == [("Lead", 2, "Lead"), ("Won", 1, None)]


def test_spreadsheet_injection_guard_is_undone(ws, tmp_path: Path) -> None:
    rows = [["D1", "'=HYPERLINK(1)", "'@ann", "Lead", "2026-01-05", "", "", ""],
            ["D2", "'plain quote", "Bob", "Lead", "2026-01-05", "", "", ""]]
    import_file(ws, write_csv(tmp_path / "g.csv", HEADER, rows), MAPPING)
    opps = opportunities(ws)
    assert (opps["D1"].name, opps["D2"].name) == ("=HYPERLINK(1)", "'plain quote")
    assert "@ann" in {r.name for r in services.list_reps(ws)}


# ------------------------------------------------------------------------------------------- dry run, progress, cancel
def test_dry_run_reports_but_writes_nothing(ws, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "deals.csv", HEADER, simple_rows())
    before = counts(ws)
    result = import_file(ws, path, MAPPING, dry_run=True, skip_invalid=True)
    assert (result.dry_run, result.opportunities_added, result.events_added) == (True, 3, 6)
    assert result.stages_created == ["Lead", "Meeting", "Proposal"]
    assert "Dry run: nothing was written." in result.summary()
    assert counts(ws) == before


def test_cancel_after_the_first_chunk_writes_nothing(ws, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tuning, "CHUNK_ROWS", 4)
    rows = [[f"D{i}", f"Deal {i}", "Ann", "Lead", f"2026-01-{1 + i % 28:02d} 09:00", "", "", ""] for i in range(40)]
    path = write_csv(tmp_path / "deals.csv", HEADER, rows)
    seen: list[tuple[float, str]] = []
    writing = []

    def cancel() -> bool:
        writing.append(any("Writing stage events" in m for _, m in seen))
        return sum(writing) >= 2  # after the first chunk of events was inserted

    with pytest.raises(Cancelled):
        import_file(ws, path, MAPPING, progress=lambda f, m: seen.append((f, m)), cancel=cancel)
    assert counts(ws)["opportunity"] == 0 and counts(ws)["stage_event"] == 0 and counts(ws)["stage"] == 0
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and any("Reading row" in m for _, m in seen)
    result = import_file(ws, path, MAPPING, progress=lambda f, m: seen.append((f, m)))
    assert result.events_added == 40 and seen[-1] == (1.0, "Done")


def test_cancel_while_reading(ws, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tuning, "CHUNK_ROWS", 3)
    path = write_csv(tmp_path / "deals.csv", HEADER, simple_rows() * 2)
    with pytest.raises(Cancelled):
        import_file(ws, path, MAPPING, cancel=lambda: True)
    assert counts(ws)["opportunity"] == 0


# ------------------------------------------------------------------------------------------- bulk writes
def _event_indexes(ws) -> list[tuple[str, str | None]]:
    with ws.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'stage_event' ORDER BY name")]


def _references_checked(ws) -> bool:
    """The next connection from the pool enforces foreign keys: its pragma says so and a dangling
    stage event is refused. (Call it straight after the import: the pool hands out the connection that
    was returned last only while it is the only one.)"""
    with ws.engine.connect() as conn:
        if conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() != 1:
            return False
        conn.rollback()
        try:
            with conn.begin():
                conn.exec_driver_sql(
                    "INSERT INTO stage_event (id, created_at, updated_at, opportunity_id, stage_id, entered_at, "
                    "evidence_confirmed, evidence_items, origin) VALUES ('x', '2026-01-01 00:00:00.000000', "
                    "'2026-01-01 00:00:00.000000', 'no-such-opportunity', 'no-such-stage', "
                    "'2026-01-01 00:00:00.000000', 0, '[]', 'import')")
        except Exception as exc:  # noqa: BLE001
            return "FOREIGN KEY" in str(exc)
        return False


def _deal_rows(n: int, first: int = 0) -> list[list[object]]:
    return [[f"D{i}", f"Deal {i}", "Ann", stage, f"2026-01-{1 + i % 28:02d} 0{k}:00", "", "", ""]
            for i in range(first, first + n) for k, stage in enumerate(("Lead", "Meeting"))]


def test_a_big_first_import_builds_the_event_indexes_once(ws, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writer, "BULK_INDEX_MIN_ROWS", 10)
    fresh = _event_indexes(ws)
    assert [name for name, _ in fresh] == ["ix_stage_event_opportunity_entered", "ix_stage_event_stage_id",
                                           "sqlite_autoindex_stage_event_1"]
    seen: list[str] = []
    result = import_file(ws, write_csv(tmp_path / "a.csv", HEADER, _deal_rows(20)), MAPPING,
                         progress=lambda _f, m: seen.append(m))
    assert result.events_added == 40 and seen[-3:] == ["Indexing 40 stage events…", "Saving…", "Done"]
    assert _references_checked(ws)  # first: the pool hands back the connection the import used
    assert _event_indexes(ws) == fresh  # the same definitions as a new workspace's
    assert check_workspace(ws) == []  # integrity_check and foreign_key_check included
    # Fewer new events than the table holds: written with the indexes in place.
    seen.clear()
    result = import_file(ws, write_csv(tmp_path / "b.csv", HEADER, _deal_rows(10, first=20)), MAPPING,
                         progress=lambda _f, m: seen.append(m))
    assert result.events_added == 20 and not [m for m in seen if m.startswith("Indexing")]
    assert _event_indexes(ws) == fresh and check_workspace(ws) == []


def test_a_cancel_while_the_indexes_are_deferred_puts_them_back(ws, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writer, "BULK_INDEX_MIN_ROWS", 10)
    monkeypatch.setattr(tuning, "CHUNK_ROWS", 4)
    fresh = _event_indexes(ws)
    seen: list[str] = []

    def cancel() -> bool:
        return sum("Writing stage events" in m for m in seen) >= 2

    with pytest.raises(Cancelled):
        import_file(ws, write_csv(tmp_path / "a.csv", HEADER, _deal_rows(20)), MAPPING,
                    progress=lambda _f, m: seen.append(m), cancel=cancel)
    assert counts(ws)["stage_event"] == 0 and counts(ws)["opportunity"] == 0
    assert _event_indexes(ws) == fresh and _references_checked(ws)


def test_references_are_checked_again_after_every_import(ws, tmp_path: Path) -> None:
    good = write_csv(tmp_path / "good.csv", HEADER, simple_rows())
    bad = write_csv(tmp_path / "bad.csv", HEADER, [["1", "x", "Ann", "Lead", "not a date", "", "", ""]])
    import_file(ws, good, MAPPING, dry_run=True)
    assert _references_checked(ws)
    with pytest.raises(ImportProblems):
        import_file(ws, bad, MAPPING)
    assert _references_checked(ws)
    with pytest.raises(Cancelled):
        import_file(ws, good, MAPPING, cancel=lambda: True)
    assert _references_checked(ws)
    import_file(ws, good, MAPPING)
    assert _references_checked(ws) and check_workspace(ws) == []


def test_a_connection_still_in_a_transaction_is_discarded_not_pooled_unchecked(ws) -> None:
    with ws.engine.connect() as conn:
        with writer.unchecked_references(conn):
            conn.begin()  # left open: switching the checks back on would be ignored
        assert conn.invalidated
    assert _references_checked(ws)


# ------------------------------------------------------------------------------------------- stage maps
def _stage_file(tmp_path: Path) -> Path:
    rows = [["1", "x", "", "Lead", "2026-01-05", "", "", ""], ["1", "x", "", "Disco call", "2026-01-06", "", "", ""],
            ["2", "y", "", "Lead", "2026-01-05", "", "", ""], ["2", "y", "", "Junk", "2026-01-06", "", "", ""],
            ["2", "y", "", "Demo", "2026-01-07", "", "", ""], ["3", "z", "", "junk", "2026-01-08", "", "", ""]]
    return write_csv(tmp_path / "stages.csv", HEADER, rows)


def test_unmapped_stages_are_named_with_their_row_counts(ws, tmp_path: Path) -> None:
    for name in ("Lead", "Discovery", "Proposal"):
        services.create_stage(ws, name)
    path = _stage_file(tmp_path)
    before = counts(ws)
    with pytest.raises(ImportProblems) as info:
        import_file(ws, path, dataclasses.replace(MAPPING, create_stages=False))
    assert str(info.value).splitlines() == [
        "row 3, column Stage: stage 'Disco call' (1 row(s)) is not a stage of this workspace: map it to one, "
        "create it or ignore it (--stage-map)",
        "row 5, column Stage: stage 'Junk' (1 row(s)) is not a stage of this workspace: map it to one, "
        "create it or ignore it (--stage-map)",
        "row 6, column Stage: stage 'Demo' (1 row(s)) is not a stage of this workspace: map it to one, "
        "create it or ignore it (--stage-map)",
        "row 7, column Stage: stage 'junk' (1 row(s)) is not a stage of this workspace: map it to one, "
        "create it or ignore it (--stage-map)",
    ]
    assert counts(ws) == before


def test_stage_map_maps_ignores_and_creates(ws, tmp_path: Path) -> None:
    for name in ("Lead", "Discovery", "Proposal"):
        services.create_stage(ws, name)
    stage_map = StageMap.from_json(json.dumps(
        {"Disco call": "discovery", "JUNK": None, "Demo": {"create": True, "position": 2}}))
    scanned = scan(_stage_file(tmp_path), MAPPING, ws)
    assert [(s.name, s.rows, s.workspace_stage) for s in scanned.stages] == [
        ("Lead", 2, "Lead"), ("Disco call", 1, None), ("Junk", 1, None), ("Demo", 1, None), ("junk", 1, None)]
    result = import_file(ws, _stage_file(tmp_path), dataclasses.replace(MAPPING, create_stages=False),
                         stage_map=stage_map)
    assert stage_names(ws) == ["Lead", "Discovery", "Demo", "Proposal"]
    assert (result.stages_created, result.events_added, result.rows_ignored) == (["Demo"], 4, 2)
    assert ("1", "Discovery", datetime(2026, 1, 6, tzinfo=UTC)) in events(ws)
    assert [s.position for s in services.list_stages(ws)] == [0, 1, 2, 3]
    assert len(services.stage_revisions(ws)) == 4 and check_workspace(ws) == []


def test_scan_orders_by_position_counts_rows_and_can_be_cancelled(ws, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    header = ["Deal ID", "Stage", "Pos", "Changed At"]
    mapping = Mapping(opportunity_id="Deal ID", stage="Stage", stage_position="Pos", timestamp="Changed At")
    rows = [["1", "Won", "3", "2026-01-09"], ["1", "Lead", "0", "2026-01-05"], ["", "", "", ""],
            ["2", "", "", "2026-01-06"],  # no stage, but not blank: a row
            ["2", "Demo", "2.0", "2026-01-07"], ["3", "Demo", "1", "2026-01-08"], ["3", "Lead", "x", "2026-01-05"]]
    path = write_csv(tmp_path / "s.csv", header, rows)
    scanned = scan(path, mapping, ws)
    assert [(s.name, s.rows, s.first_row) for s in scanned.stages] == [
        ("Lead", 2, 3), ("Demo", 2, 6), ("Won", 1, 2)]  # by the smallest position each stage is given
    assert scanned.rows == 6
    monkeypatch.setattr(tuning, "CHUNK_ROWS", 2)
    seen: list[tuple[float, str]] = []
    scan(path, mapping, ws, progress=lambda f, m: seen.append((f, m)))
    assert [m for _, m in seen] == ["Reading row 2…", "Reading row 4…", "Reading row 6…", "Reading row 8…"]
    assert all(0 < f <= 1 for f, _ in seen) and [f for f, _ in seen] == sorted(f for f, _ in seen)
    with pytest.raises(Cancelled):
        scan(path, mapping, ws, cancel=lambda: True)


def test_stage_map_to_a_stage_that_does_not_exist(ws, tmp_path: Path) -> None:
    with pytest.raises(ImportProblems, match="sends 'Lead' to 'Nowhere', which is not a stage"):
        import_file(ws, _stage_file(tmp_path), MAPPING, stage_map=StageMap({"Lead": "Nowhere"}))


@pytest.mark.parametrize("bad", ['["Lead"]', '{"Lead": 3}', '{"Lead": {"create": true, "position": -1}}',
                                 '{"Lead": {"create": false}}', "{nope"])
def test_bad_stage_maps_are_refused(bad: str) -> None:
    with pytest.raises(ValidationError):
        StageMap.from_json(bad)


# ------------------------------------------------------------------------------------------- mapping JSON & presets
def test_mapping_json_round_trip_and_checks() -> None:
    mapping = dataclasses.replace(MAPPING, outcome_values={"Signed": "won"}, date_order="dayfirst", delimiter=";",
                                  stages={"Old": None})
    assert Mapping.from_json(mapping.to_json()) == mapping
    assert json.loads(Mapping(opportunity_id="Id").to_json()) == {"shape": "long", "opportunity_id": "Id"}
    for bad, field in [({"shape": "tall"}, "shape"), ({"colour": "red"}, "colour"),
                       ({"date_order": "yearfirst"}, "date_order"), ({"outcome_values": {"x": "maybe"}}, None),
                       ({"delimiter": ";;"}, "delimiter"), ({"stage": 5}, "stage")]:
        with pytest.raises(ValidationError) as info:
            Mapping.from_dict(bad)
        assert field is None or info.value.field == field


def test_presets_are_saved_in_the_user_data_folder(isolated_user_dirs: Path) -> None:
    assert list_presets() == [BUILTIN_PRESET]
    path = save_preset("Our Salesforce", MAPPING)
    assert path.parent.name == "import-presets" and isolated_user_dirs in path.parents
    assert Mapping.from_json(path.read_text(encoding="utf-8")) == MAPPING
    assert list_presets() == [BUILTIN_PRESET, "Our Salesforce"]
    assert load_preset("Our Salesforce") == MAPPING and load_preset("pdsa-desk") == builtin_preset()
    for bad in ("pdsa-desk", "../escape", ""):
        with pytest.raises(ValidationError):
            save_preset(bad, MAPPING)
    delete_preset("Our Salesforce")
    with pytest.raises(ValidationError, match="no import preset"):
        load_preset("Our Salesforce")


# ------------------------------------------------------------------------------------------- round trip
def write_events_file(ws, path: Path) -> int:
    """The pdsa-desk events file of a workspace, written by the real exporter."""
    from pdsa_desk.core.export import export_table

    return export_table(ws, "events", path).rows


def _conversion(ws, by: str | None = None) -> pd.DataFrame:
    from pdsa_desk.core.conversion import conversion_table
    from pdsa_desk.core.frames import load_analysis_data

    data = load_analysis_data(ws)
    data = dataclasses.replace(data, stages=data.stages.assign(window_days=30))  # windows are not in the file
    table = conversion_table(data, as_of=DEMO_AS_OF, by=by)
    if by == "rep":
        names = dict(zip(data.reps["id"], data.reps["name"], strict=True))
        table["group"] = table["group"].map(lambda g: names.get(g, g))
    return table.sort_values(["from_stage", "group", "period"])[
        ["from_stage", "to_stage", "period", "group", "n", "x"]].reset_index(drop=True)


def test_round_trip_of_the_events_file(demo_ws, ws, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    n_rows = write_events_file(demo_ws, path)
    result = import_file(ws, path, load_preset("pdsa-desk"))
    assert result.events_added == n_rows and result.rows_rejected == 0
    assert stage_names(ws) == stage_names(demo_ws)
    assert sorted(r.name for r in services.list_reps(ws)) == sorted(r.name for r in services.list_reps(demo_ws))
    pd.testing.assert_frame_equal(_conversion(ws), _conversion(demo_ws))
    pd.testing.assert_frame_equal(_conversion(ws, "rep"), _conversion(demo_ws, "rep"))
    again = import_file(ws, path, load_preset("pdsa-desk"))
    assert (again.events_added, again.opportunities_added, again.opportunities_updated) == (0, 0, 0)
    # Back into the workspace it came from: every opportunity is recognised by its UUID.
    home = import_file(demo_ws, path, load_preset("pdsa-desk"))
    assert (home.events_added, home.opportunities_added, home.duplicates_skipped) == (0, 0, n_rows)
    assert check_workspace(ws) == []


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip_through_the_exporter(ws, tmp_path: Path, suffix: str) -> None:
    """The real ``export events`` file re-imports with the same conversion."""
    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.core.demo import write_demo

    source = open_workspace(tmp_path / "small-demo.sqlite")
    try:
        write_demo(source, weeks=20, as_of=datetime(2026, 11, 24).date())
        written = export.export_table(source, "events", tmp_path / f"events{suffix}")
        result = import_file(ws, tmp_path / f"events{suffix}", load_preset("pdsa-desk"))
        assert result.events_added == written.rows and result.rows_rejected == 0
        pd.testing.assert_frame_equal(_conversion(ws, "rep"), _conversion(source, "rep"))
    finally:
        source.close()


# ------------------------------------------------------------------------------------------- fuzzing
_FUZZ_HEADER = "Deal ID,Stage,Changed At,Amount,Status,Created,Closed\n"
_FUZZ_MAPPING = Mapping(opportunity_id="Deal ID", stage="Stage", timestamp="Changed At", amount="Amount",
                        outcome="Status", opened_at="Created", closed_at="Closed", create_stages=True)
_cells = st.one_of(
    st.sampled_from(["", "1", "Lead", "Won", "won", "lost", "2026-01-05", "03/04/2026", "45678.5", "1e400", "nan",
                     "-1", '"', '""', "\r", "\n", ";", ",", "'=1", "\x00", "99999999999999999999", "2026-13-45"]),
    st.text(max_size=12),
)
_rows = st.lists(st.lists(_cells, min_size=0, max_size=9).map(lambda r: ",".join(r)), max_size=8)
_csv_text = st.tuples(st.sampled_from([_FUZZ_HEADER, "", "Deal ID;Stage;Changed At\n", _FUZZ_HEADER.upper()]),
                      _rows).map(lambda t: t[0] + "\n".join(t[1]))
_FUZZ_WIDE = Mapping(shape="wide", opportunity_id="Deal ID", stage_dates={"Changed At": "Lead", "Closed": "Won"},
                     amount="Amount", outcome="Status", opened_at="Created", create_stages=True)
_xlsx_cells = st.one_of(_cells, st.none(), st.booleans(), st.integers(-10**12, 10**12),
                        st.floats(allow_nan=True, allow_infinity=True),
                        st.datetimes(min_value=datetime(1800, 1, 1), max_value=datetime(2300, 1, 1)))


def _workbook(rows: list[list[object]]) -> bytes:
    import io

    wb = Workbook()
    sheet = wb.active
    sheet.append(_FUZZ_HEADER.strip().split(","))
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


_payload = st.one_of(
    st.binary(max_size=300),
    st.lists(st.lists(_xlsx_cells, max_size=8), max_size=5).map(_workbook),
    st.tuples(_csv_text, st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-32"]))
    .map(lambda t: t[0].encode(t[1], errors="replace")),
    st.binary(max_size=200).map(lambda b: b"PK\x03\x04" + b),
)


@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(payload=_payload, suffix=st.sampled_from([".csv", ".xlsx", ".txt"]), skip=st.booleans(),
       dry=st.booleans(), wide=st.booleans())
def test_fuzz_bad_input_only_ever_raises_import_problems(ws, tmp_path: Path, payload: bytes, suffix: str,
                                                         skip: bool, dry: bool, wide: bool) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(payload)
    try:
        import_file(ws, path, _FUZZ_WIDE if wide else _FUZZ_MAPPING, skip_invalid=skip, dry_run=dry)
    except ImportProblems as exc:
        assert isinstance(exc, PdsaError) and str(exc)


# ------------------------------------------------------------------------------------------- fast path
_EQ_HEADER = ["Deal ID", "Source", "Deal Name", "Owner", "Email", "Stage", "Pos", "Changed At", "Confirmed",
              "Items", "Amount", "Status", "Reason", "Created", "Closed"]
_EQ_MAPPING = Mapping(opportunity_id="Deal ID", source_column="Source", opportunity_name="Deal Name", rep="Owner",
                      rep_email="Email", stage="Stage", stage_position="Pos", timestamp="Changed At",
                      evidence_confirmed="Confirmed", evidence_items="Items", amount="Amount", outcome="Status",
                      loss_reason="Reason", opened_at="Created", closed_at="Closed", create_stages=True)
def _cell(good: list[str], odd: list[str]) -> st.SearchStrategy[str]:
    """Mostly good values (so that most rows are imported), sometimes odd ones."""
    return st.sampled_from(good * 24 + odd)


_eq_row = st.tuples(
    _cell(["D1", "D2", "D3", "D4"], ["'=D5", "", " D1 ", "X" * 201]),
    _cell(["", "crm", "other"], ["'=crm", "S" * 201]),
    _cell(["", "Deal", "Other name"], ["'=name"]),
    _cell(["", "Ann", "Bob"], ["'@Ann", "B" * 201]),
    _cell(["", "ann@x.example", "bob@x.example"], ["not-an-address"]),
    _cell(["Lead", "Meeting", "Won", "Lost"], ["'=Lead", "", " Lead ", "Proposal"]),
    _cell(["0", "1", "2", "3"], ["", "x", "-1"]),
    _cell(["2026-01-05", "2026-01-06T09:00:00Z", "2026-01-07 10:00", "2026-01-08T09:00:00+02:00",
           "2026-01-09T10:00:00.250000"], ["13/01/2026", "01/02/2026", "bad", "", "1800-01-01", "2026-01-03"]),
    _cell(["true", "false", ""], ["yes", "maybe", "1"]),
    _cell(["", "Budget | Call", "Call"], ["'=sum"]),
    _cell(["", "100", "2500"], ["1,234.50", "abc", "-5"]),
    _cell(["", "open", "won", "lost"], ["weird"]),
    _cell(["", "Price", "Timing"], []),
    _cell(["", "2026-01-01", "2026-01-04"], ["2026-01-06", "bad", "02/01/2026"]),
    _cell(["", "2026-02-01"], ["bad", "2025-12-01"]),
).map(list)


def _snapshot(ws) -> dict[str, list]:
    queries = {
        "opportunity": "SELECT o.source, o.external_id, o.name, o.channel, r.name, r.email, o.amount, o.opened_at, "
                       "o.outcome, l.name, o.closed_at FROM opportunity o LEFT JOIN rep r ON r.id = o.rep_id "
                       "LEFT JOIN loss_reason l ON l.id = o.loss_reason_id ORDER BY 1, 2",
        "stage_event": "SELECT o.source, o.external_id, s.name, e.entered_at, e.evidence_confirmed, e.evidence_items "
                       "FROM stage_event e JOIN opportunity o ON o.id = e.opportunity_id "
                       "JOIN stage s ON s.id = e.stage_id ORDER BY 1, 2, 3, 4, 5, 6",
        "stage": "SELECT name, position, terminal FROM stage WHERE deleted_at IS NULL ORDER BY position",
        "rep": "SELECT name, email FROM rep ORDER BY 1, 2",
    }
    with ws.engine.connect() as conn:
        return {name: [tuple(r) for r in conn.exec_driver_sql(sql)] for name, sql in queries.items()}


def _outcome(ws, path: Path, mapping: Mapping, skip: bool) -> tuple:
    """Everything an import leaves behind: its result (or refusal), the rejected rows, the workspace."""
    try:
        result = import_file(ws, path, mapping, skip_invalid=skip)
    except ImportProblems as exc:
        return ("refused", str(exc), _snapshot(ws))
    rejected = result.rejected_file.read_text(encoding="utf-8-sig") if result.rejected_file else None
    return (dataclasses.replace(result, rejected_file=None), rejected, _snapshot(ws))


@settings(max_examples=50, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.lists(st.lists(_eq_row, max_size=16), min_size=1, max_size=2), skip=st.booleans(),
       dayfirst=st.booleans())
@example(files=[[  # a new deal's first row whose only problem is an ambiguous created date: counted once
    ["D1", "", "Deal", "Ann", "", "Lead", "0", "2026-01-05", "true", "", "100", "open", "", "2026-01-01", ""],
    ["D2", "", "Deal", "Bob", "", "Lead", "0", "2026-01-06", "true", "", "100", "open", "", "02/01/2026", ""],
    ["D3", "", "Deal", "Bob", "", "Lead", "0", "2026-01-06", "true", "", "abc", "open", "", "", ""]]],
         skip=True, dayfirst=False)
def test_the_fast_path_imports_exactly_what_the_careful_path_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  files: list[list[list[str]]], skip: bool,
                                                                  dayfirst: bool) -> None:
    """Rows in the expected form skip the cell-by-cell checks; with them switched off (every row checked cell
    by cell) the same files must give the same workspace, the same counts, problems and rejected rows."""
    from pdsa_desk.core.database import open_workspace

    template = tmp_path / "template.sqlite"
    if not template.exists():
        open_workspace(template).close()
    run = tmp_path / f"run-{len(list(tmp_path.iterdir()))}"
    run.mkdir()
    mapping = dataclasses.replace(_EQ_MAPPING, date_order="dayfirst" if dayfirst else None)
    outcomes = []
    for fast in (True, False):
        monkeypatch.setattr(tuning, "FAST_PATH", fast)
        where = run / ("fast" if fast else "careful")
        where.mkdir()
        shutil.copy(template, where / "ws.sqlite")
        ws = open_workspace(where / "ws.sqlite")
        try:
            outcomes.append([_outcome(ws, write_csv(where / f"file{k}.csv", _EQ_HEADER, rows), mapping, skip)
                             for k, rows in enumerate(files)])
        finally:
            ws.close()
    assert outcomes[0] == outcomes[1]
