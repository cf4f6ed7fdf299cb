"""Real CRM exports, faithfully (issue 12): each rule proved on a generated file shaped like the CRM's own."""

from __future__ import annotations

import random
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from crm_files import (
    SF_FOOTER,
    SF_HEADER,
    SF_TITLE,
    STAGES,
    seed_stages,
    sf_checksum,
    sf_mapping,
    snapshot,
    write_rows,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pdsa_desk.core.database import open_workspace
from pdsa_desk.core.importing import ImportProblems, Mapping, guess_mapping, import_file, read_header


def _utc(value: object) -> datetime:
    if isinstance(value, str):
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    assert isinstance(value, datetime)
    return value.astimezone(UTC)


def _opp(ws, ext: str) -> tuple:
    return next(o for o in snapshot(ws)["opportunity"] if o[1] == ext)


# ------------------------------------------------------------------ rule 1: ties decided by the stage order
def test_a_won_row_at_the_same_minute_as_an_open_row_wins_whatever_the_row_order(ws, tmp_path: Path) -> None:
    """Salesforce history: minute precision, newest first. The Closed Won row comes first in the file, the
    Negotiation row of the same minute after it: the won row is the latest state, not the later row."""
    seed_stages(ws)
    path = write_rows(tmp_path / "history.csv", [SF_HEADER,
        ["006A1", "Acme", "Ann", "Closed Won", "2026-03-10 14:05", "1200", "2026-03-10", "2026-03-01", "Won"],
        ["006A1", "Acme", "Ann", "Negotiation", "2026-03-10 14:05", "1000", "", "2026-03-01", "Open"],
        ["006A1", "Acme", "Ann", "Prospecting", "2026-03-01 09:00", "1000", "", "2026-03-01", "Open"]])
    result = import_file(ws, path, sf_mapping())
    _src, _ext, _name, _ch, _rep, amount, _opened, outcome, _reason, closed = _opp(ws, "006A1")
    assert (outcome, amount, _utc(closed)) == ("won", 1200.0, datetime(2026, 3, 10, tzinfo=UTC))
    assert any("same time" in n and "stage order" in n for n in result.notices)


def _history(rng: random.Random, n_opps: int) -> list[list[str]]:
    """Opportunities walking the funnel; some end with an outcome row in the same minute as the row before."""
    rows = []
    for k in range(n_opps):
        ext = f"006B{k:03d}"
        steps = rng.randint(1, len(STAGES))
        minute = 0
        for i in range(steps):
            stage = STAGES[i]
            if not (i == steps - 1 and i and rng.random() < 0.6):  # the last step often ties with the one before
                minute += rng.randint(1, 2000)
            won = stage == "Closed Won"
            when = f"2026-02-{1 + minute // 1440:02d} {minute % 1440 // 60:02d}:{minute % 60:02d}"
            rows.append([ext, f"Deal {k}", rng.choice(["Ann", "Bob"]), stage, when, str(1000 + 10 * i),
                         when[:10] if won else "", "2026-02-01", "Won" if won else "Open"])
    return rows


@settings(max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6), n_opps=st.integers(1, 6), shuffle=st.randoms(use_true_random=False))
def test_shuffling_rows_within_a_file_gives_an_identical_workspace(seed: int, n_opps: int,
                                                                   shuffle: random.Random) -> None:
    rows = _history(random.Random(seed), n_opps)
    shuffled = list(rows)
    shuffle.shuffle(shuffled)
    outcomes = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, body in (("a", rows), ("b", shuffled)):
            ws = open_workspace(Path(tmp) / f"{name}.sqlite")
            try:
                seed_stages(ws)
                import_file(ws, write_rows(Path(tmp) / f"{name}.csv", [SF_HEADER, *body]), sf_mapping())
                outcomes.append(snapshot(ws))
            finally:
                ws.close()
    assert outcomes[0] == outcomes[1]


# ------------------------------------------------------------------ rule 3: one number convention per file
def _amount_file(tmp_path: Path, amounts: list[str]) -> Path:
    rows = [SF_HEADER] + [[f"006C{i}", f"Deal {i}", "Ann", "Prospecting", f"2026-03-0{1 + i} 09:00", a, "",
                           f"2026-03-0{1 + i}", "Open"] for i, a in enumerate(amounts)]
    return write_rows(tmp_path / "eu.csv", rows, delimiter=";", encoding="cp1252")


def test_european_amounts_are_read_with_the_files_one_convention(ws, tmp_path: Path) -> None:
    seed_stages(ws)
    path = _amount_file(tmp_path, ["12.500", "1.250", "2.000,50", "1.234.567", "€ 3.000"])
    result = import_file(ws, path, sf_mapping())
    amounts = {o[1]: o[5] for o in snapshot(ws)["opportunity"]}
    assert amounts == {"006C0": 12500.0, "006C1": 1250.0, "006C2": 2000.5, "006C3": 1234567.0, "006C4": 3000.0}
    assert any("decimal comma" in n for n in result.notices)


def test_amounts_no_convention_can_tell_apart_are_refused_with_row_and_column(ws, tmp_path: Path) -> None:
    seed_stages(ws)
    path = _amount_file(tmp_path, ["12.500", "1.250"])
    with pytest.raises(ImportProblems) as info:
        import_file(ws, path, sf_mapping())
    first = info.value.problems[0]
    assert (first.row, first.column) == (2, "Amount") and "12.500" in first.message
    assert snapshot(ws)["opportunity"] == []
    import_file(ws, path, sf_mapping(decimal=","))  # the mapping says which
    assert sorted(o[5] for o in snapshot(ws)["opportunity"]) == [1250.0, 12500.0]


def test_a_file_mixing_both_conventions_is_refused(ws, tmp_path: Path) -> None:
    seed_stages(ws)
    with pytest.raises(ImportProblems, match="one file uses one convention"):
        import_file(ws, _amount_file(tmp_path, ["1,234.50", "2.000,50"]), sf_mapping())


# ------------------------------------------------------------------ rule 4: local times in the file's zone
@pytest.mark.parametrize(("zone", "local", "utc"), [
    ("Europe/London", "2026-01-12 09:00", datetime(2026, 1, 12, 9, tzinfo=UTC)),  # winter: GMT
    ("Europe/London", "2026-06-01 09:00", datetime(2026, 6, 1, 8, tzinfo=UTC)),  # summer: BST
    ("Europe/London", "2026-03-29 01:30", datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),  # skipped: offset before
    ("Europe/London", "2026-10-25 01:30", datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),  # repeated: the first
    ("Europe/Berlin", "12.01.2026 09:00", datetime(2026, 1, 12, 8, tzinfo=UTC)),  # day-first, CET
    ("America/New_York", "03/08/2026 02:30", datetime(2026, 3, 8, 7, 30, tzinfo=UTC)),  # US gap, month-first
    ("America/New_York", "2026-06-01T09:00:00+02:00", datetime(2026, 6, 1, 7, tzinfo=UTC)),  # an offset wins
])
def test_times_are_read_in_the_mappings_time_zone(ws, tmp_path: Path, zone: str, local: str, utc: datetime) -> None:
    seed_stages(ws)
    order = "dayfirst" if zone == "Europe/Berlin" else "monthfirst" if "/" in local else None
    row = ["006D1", "D", "Ann", "Prospecting", local, "1", "", "", "Open"]
    path = write_rows(tmp_path / "tz.csv", [SF_HEADER, row])
    result = import_file(ws, path, sf_mapping(timezone=zone, date_order=order))
    assert [_utc(e[2]) for e in snapshot(ws)["stage_event"]] == [utc]
    assert "Times without a time zone were read as UTC." not in result.notices
    if local.startswith(("2026-03-29", "2026-10-25", "03/08")):
        assert any("summer time" in n and "row 2" in n for n in result.notices)


def test_an_unknown_time_zone_is_refused_in_the_mapping() -> None:
    from pdsa_desk.core.errors import ValidationError

    with pytest.raises(ValidationError, match="not a time zone"):
        Mapping.from_dict({**sf_mapping().to_dict(), "timezone": "Mars/Olympus"}).check()


def test_the_time_zone_is_kept_in_a_saved_mapping() -> None:
    mapping = sf_mapping(timezone="Europe/Paris", decimal=",")
    again = Mapping.from_dict(mapping.to_dict())
    assert (again.timezone, again.decimal) == ("Europe/Paris", ",")


# ------------------------------------------------------------------ rule 6: report title rows and footer
def _salesforce_report(tmp_path: Path) -> Path:
    body = [["006E1", "Acme", "Ann", "Prospecting", "2026-03-02 09:00", "100", "", "2026-03-02", "Open"],
            ["006E2", "Globex", "Bob", "Prospecting", "2026-03-03 09:00", "200", "", "2026-03-03", "Open"],
            ["006E2", "Globex", "Bob", "Qualification", "2026-03-05 09:00", "200", "", "2026-03-03", "Open"]]
    return write_rows(tmp_path / "report.csv", [*SF_TITLE, SF_HEADER, *body, *SF_FOOTER])


def test_a_report_with_title_rows_and_a_footer_imports_without_skip_invalid(ws, tmp_path: Path) -> None:
    seed_stages(ws)
    path = _salesforce_report(tmp_path)
    header, _sample = read_header(path)[:2]
    assert header == SF_HEADER
    mapping = guess_mapping(header)
    assert mapping.missing() == []
    result = import_file(ws, path, mapping)
    assert (result.opportunities_added, result.events_added, result.rows_read) == (2, 3, 3)
    assert any("column names are on row 4" in n for n in result.notices)
    footer = next(n for n in result.notices if "report footer" in n)
    assert "Grand Totals (3 records)" in footer and "3 line(s)" in footer


def test_a_broken_last_row_is_still_an_error_not_a_footer(ws, tmp_path: Path) -> None:
    seed_stages(ws)
    path = write_rows(tmp_path / "broken.csv", [SF_HEADER,
        ["006F1", "Acme", "Ann", "Prospecting", "2026-03-02 09:00", "100", "", "2026-03-02", "Open"],
        ["", "", "", "Prospecting"]])
    with pytest.raises(ImportProblems) as info:
        import_file(ws, path, sf_mapping())
    assert info.value.problems[0].row == 3


def test_a_footer_like_row_followed_by_data_is_data(ws, tmp_path: Path) -> None:
    seed_stages(ws)
    path = write_rows(tmp_path / "mid.csv", [SF_HEADER,
        ["Total Renewal", "Acme", "Ann", "Prospecting", "2026-03-02 09:00", "100", "", "2026-03-02", "Open"],
        ["006G2", "Globex", "Bob", "Prospecting", "2026-03-03 09:00", "200", "", "2026-03-03", "Open"]])
    result = import_file(ws, path, sf_mapping())
    assert result.opportunities_added == 2 and not any("footer" in n for n in result.notices)


# ------------------------------------------------------------------ rule 8: identity
def test_decomposed_and_composed_names_are_one_rep(ws, tmp_path: Path) -> None:
    seed_stages(ws)
    path = write_rows(tmp_path / "names.csv", [SF_HEADER,
        ["006H1", "A", "Zo\u00eb  Martin", "Prospecting", "2026-03-02 09:00", "1", "", "", "Open"],
        ["006H2", "B", "Zoe\u0308 Martin ", "Prospecting", "2026-03-02 09:00", "1", "", "", "Open"],
        ["006H3", "C", "Zoe\u0308 Martin", "prospecting\u00a0", "2026-03-02 09:00", "1", "", "", "Open"]])
    result = import_file(ws, path, sf_mapping())
    assert [r[0] for r in snapshot(ws)["rep"]] == ["Zo\u00eb Martin"]
    assert result.stages_created == []


def test_salesforce_15_and_18_character_ids_are_one_opportunity(ws, tmp_path: Path) -> None:
    seed_stages(ws)
    short = "0065g00000AbCdE"
    long_ = short + sf_checksum(short)
    other = "0065g00000AbCde"  # differs in case only: another record
    path = write_rows(tmp_path / "ids.csv", [["Id", *SF_HEADER[1:]],
        [short, "Acme", "Ann", "Prospecting", "2026-03-02 09:00", "1", "", "", "Open"],
        [long_, "Acme", "Ann", "Qualification", "2026-03-04 09:00", "1", "", "", "Open"],
        [other, "Other", "Ann", "Prospecting", "2026-03-02 09:00", "1", "", "", "Open"]])
    result = import_file(ws, path, sf_mapping(opportunity_id="Id", source="Mine"))
    assert result.opportunities_added == 2
    assert [(e[0], e[1]) for e in snapshot(ws)["stage_event"]][:2] == [(short, "Prospecting"),
                                                                       (short, "Qualification")]
    again = import_file(ws, write_rows(tmp_path / "ids2.csv", [["Id", *SF_HEADER[1:]],
        [long_, "Acme", "Ann", "Negotiation", "2026-03-06 09:00", "1", "", "", "Open"]]),
        sf_mapping(opportunity_id="Id", source="Mine"))
    assert (again.opportunities_added, again.opportunities_updated) == (0, 0) and again.events_added == 1


# ------------------------------------------------------------------ rule 10: xlsx limits
def _crafted_xlsx(path: Path, shared: bytes, dimension: str = "A1:B2") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/sharedStrings.xml", shared)
        z.writestr("xl/worksheets/sheet1.xml", f'<worksheet><dimension ref="{dimension}"/></worksheet>')
    return path


def test_a_workbook_that_expands_hugely_is_refused_before_parsing(ws, tmp_path: Path) -> None:
    bomb = _crafted_xlsx(tmp_path / "bomb.xlsx", b"<sst>" + b"<si><t>" + b"A" * (20 << 20) + b"</t></si></sst>")
    assert bomb.stat().st_size < 200_000
    with pytest.raises(ImportProblems, match="larger than this app reads"):
        import_file(ws, bomb, sf_mapping())


def test_a_workbook_declaring_too_many_cells_is_refused(ws, tmp_path: Path) -> None:
    wide = _crafted_xlsx(tmp_path / "wide.xlsx", b"<sst/>", "A1:XFD1048576")
    with pytest.raises(ImportProblems, match="cells"):
        import_file(ws, wide, sf_mapping())



# ------------------------------------------------------------------ rule 2: an older export never overwrites newer
def test_last_months_export_after_this_months_keeps_the_newer_values(ws, tmp_path: Path) -> None:
    seed_stages(ws)
    october = [SF_HEADER,
               ["006J1", "Acme", "Ann", "Prospecting", "2026-10-01 09:00", "1000", "", "2026-10-01", "Open"],
               ["006J1", "Acme", "Ann", "Negotiation", "2026-10-20 09:00", "1000", "", "2026-10-01", "Open"]]
    november = [*october,
                ["006J1", "Acme", "Bob", "Closed Won", "2026-11-12 16:00", "1500", "2026-11-12", "2026-10-01", "Won"]]
    import_file(ws, write_rows(tmp_path / "november.csv", november), sf_mapping())
    newest = snapshot(ws)
    result = import_file(ws, write_rows(tmp_path / "october.csv", october), sf_mapping())
    assert snapshot(ws) == newest
    assert "2 row(s) were older than the workspace: the newer values were kept" in " ".join(result.notices)
    assert any("older than the workspace" in line for line in result.notices)


def _truth(rng: random.Random, n_opps: int) -> list[tuple[int, list[str]]]:
    """(minute, row) of every stage change of a few opportunities, the row's attributes as of that change."""
    out = []
    for k in range(n_opps):
        minute = rng.randint(0, 3000)
        amount = 1000
        rep = rng.choice(["Ann", "Bob"])
        for i in range(rng.randint(1, len(STAGES))):
            stage = STAGES[i]
            minute += rng.randint(60, 20000)
            amount += rng.choice([0, 0, 250])
            if rng.random() < 0.3:
                rep = "Cy" if rep != "Cy" else "Ann"
            won = stage == "Closed Won"
            when = f"2026-{1 + minute // 40000:02d}-{1 + minute % 40000 // 1440:02d} {minute % 1440 // 60:02d}:00"
            out.append((minute, [f"006K{k}", f"Deal {k}", rep, stage, when, str(amount), when[:10] if won else "",
                                 "2026-01-01", "Won" if won else "Open"]))
    return out


@settings(max_examples=20, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6), n_opps=st.integers(1, 5), n_exports=st.integers(2, 4), data=st.data())
def test_exports_imported_in_any_order_end_like_the_newest_alone(seed: int, n_opps: int, n_exports: int,
                                                                 data: st.DataObject) -> None:
    """Each export is a history report cut at its own time; importing them in any order ends in the workspace
    that importing only the newest (which holds the history of the others) gives."""
    rng = random.Random(seed)
    truth = _truth(rng, n_opps)
    last = max(m for m, _row in truth)
    cuts = [*sorted(rng.randint(0, last) for _ in range(n_exports - 1)), last]
    exports = [[row for m, row in truth if m <= cut] for cut in cuts]
    order = data.draw(st.permutations(range(n_exports)))
    outcomes = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, sequence in (("newest", [n_exports - 1]), ("any", list(order))):
            ws = open_workspace(Path(tmp) / f"{name}.sqlite")
            try:
                seed_stages(ws)
                for i in sequence:
                    if exports[i]:
                        import_file(ws, write_rows(Path(tmp) / f"{name}{i}.csv", [SF_HEADER, *exports[i]]),
                                    sf_mapping())
                # Every opportunity, its owner and its history; a rep who owned a deal only in an older export
                # is still a rep of the workspace (history), so the list of reps is not compared.
                outcomes.append({k: v for k, v in snapshot(ws).items() if k != "rep"})
            finally:
                ws.close()
    assert outcomes[0] == outcomes[1]


# ------------------------------------------------------------------ rule 5: field-history edit rows
def test_edit_rows_at_the_same_stage_are_one_stay_from_its_first_entry(ws, tmp_path: Path) -> None:
    """A Salesforce "Opportunity History" report has a row for every amount or close-date edit at the same stage."""
    seed_stages(ws)
    path = write_rows(tmp_path / "edits.csv", [SF_HEADER,  # newest first, as Salesforce lists them
        ["006L1", "Acme", "Ann", "Qualification", "2026-03-25 10:00", "1500", "", "2026-01-12", "Open"],
        ["006L1", "Acme", "Ann", "Prospecting", "2026-03-20 16:00", "1500", "", "2026-01-12", "Open"],
        ["006L1", "Acme", "Ann", "Prospecting", "2026-02-03 11:00", "1200", "", "2026-01-12", "Open"],
        ["006L1", "Acme", "Ann", "Prospecting", "2026-01-12 09:00", "1000", "", "2026-01-12", "Open"],
        ["006L2", "Globex", "Bob", "Prospecting", "2026-01-13 09:00", "10", "", "2026-01-13", "Open"],
        ["006L2", "Globex", "Bob", "Qualification", "2026-01-20 09:00", "10", "", "2026-01-13", "Open"],
        ["006L2", "Globex", "Bob", "Prospecting", "2026-01-27 09:00", "20", "", "2026-01-13", "Open"]])
    result = import_file(ws, path, sf_mapping())
    stays = [(e[0], e[1], _utc(e[2]).date().isoformat()) for e in snapshot(ws)["stage_event"]]
    assert stays == [("006L1", "Prospecting", "2026-01-12"), ("006L1", "Qualification", "2026-03-25"),
                     ("006L2", "Prospecting", "2026-01-13"), ("006L2", "Qualification", "2026-01-20"),
                     ("006L2", "Prospecting", "2026-01-27")]  # a re-entry after another stage is a new stay
    assert _opp(ws, "006L1")[5] == 1500.0  # the latest row's values apply
    assert any("2 row(s) repeat the stage" in n for n in result.notices)
    later = write_rows(tmp_path / "later.csv", [SF_HEADER,  # a later export: one more edit at the same stage
        ["006L1", "Acme", "Ann", "Qualification", "2026-04-02 10:00", "1700", "", "2026-01-12", "Open"]])
    import_file(ws, later, sf_mapping())
    assert len(snapshot(ws)["stage_event"]) == 5 and _opp(ws, "006L1")[5] == 1700.0


# ------------------------------------------------------------------ rule 7: the funnel --create-stages proposes
def test_create_stages_orders_by_first_entries_and_reads_won_and_lost_by_name(ws, tmp_path: Path) -> None:
    rows = [SF_HEADER]
    for k in range(6):  # Closed Lost appears early in the file (an early loss), Closed Won late
        lost, won = k < 2, k >= 4
        path = ["Prospecting", "Qualification"] + (["Closed Lost"] if lost else ["Negotiation"]) + (
            ["Closed Won"] if won else [])
        for i, stage in enumerate(path):
            when = f"2026-02-{1 + k + 3 * i:02d} 09:00"
            rows.append([f"006M{k}", f"Deal {k}", "Ann", stage, when, "100", "", "2026-02-01", ""])
    rows[1:] = sorted(rows[1:], key=lambda r: r[4], reverse=True)  # newest first, as Salesforce lists them
    result = import_file(ws, write_rows(tmp_path / "sf.csv", rows), sf_mapping(outcome=None, create_stages=True))
    assert snapshot(ws)["stage"] == [("Prospecting", 0, "none"), ("Qualification", 1, "none"),
                                     ("Negotiation", 2, "none"), ("Closed Won", 3, "won")]
    outcomes = {o[1]: (o[7], o[8]) for o in snapshot(ws)["opportunity"]}
    assert outcomes == {"006M0": ("lost", "Not recorded"), "006M1": ("lost", "Not recorded"),
                        "006M2": ("open", None), "006M3": ("open", None),
                        "006M4": ("won", None), "006M5": ("won", None)}
    lost_last = [e for e in snapshot(ws)["stage_event"] if e[0] == "006M0"]
    assert [e[1] for e in lost_last] == ["Prospecting", "Qualification"]  # lost at the last stage reached
    proposal = next(n for n in result.notices if n.startswith("Stages in the order"))
    assert "Prospecting → Qualification → Negotiation → Closed Won (won)" in proposal
    assert "'Closed Lost': read as the outcome lost" in proposal


@pytest.mark.parametrize(("won", "lost"), [("Gewonnen", "Verloren"), ("Gagné", "Perdu"), ("Ganado", "Perdido"),
                                           ("Won", "Lost"), ("Deal won", "Deal lost")])
def test_won_and_lost_stage_names_in_common_languages(ws, tmp_path: Path, won: str, lost: str) -> None:
    """A HubSpot deal export (wide: one "Date entered" column per stage), columns in alphabetical order."""
    stages = sorted(["Appointment", "Qualified", "Contract", won, lost])
    header = ["Record ID", "Deal Name", "Deal owner", *(f'Date entered "{s} (Sales Pipeline)"' for s in stages)]
    days = {"Appointment": 1, "Qualified": 3, "Contract": 6, won: 9}
    rows = [header]
    for k in range(3):
        path = ["Appointment", "Qualified", "Contract", won] if k else ["Appointment", lost]
        rows.append([f"H{k}", f"Deal {k}", "Ann", *(f"2026-03-{days.get(s, 4) + k:02d} 10:00" if s in path else ""
                                                      for s in stages)])
    path = write_rows(tmp_path / "hubspot.csv", rows)
    mapping = guess_mapping(read_header(path)[0])
    mapping.create_stages = True
    import_file(ws, path, mapping)
    assert [s[0] for s in snapshot(ws)["stage"]] == ["Appointment", "Qualified", "Contract", won]
    assert snapshot(ws)["stage"][-1][2] == "won"
    outcomes = {o[1]: o[7] for o in snapshot(ws)["opportunity"]}
    assert outcomes == {"H0": "lost", "H1": "won", "H2": "won"}


def test_pdsa_desks_own_events_file_keeps_every_row(ws, tmp_path: Path) -> None:
    """The events file is a record of a workspace's events: a repeated stage there is an event, kept."""
    from pdsa_desk.core.importing import builtin_preset

    header = ["opportunity_id", "source", "opportunity", "rep", "rep_email", "team", "stage", "stage_position",
              "entered_at", "evidence_confirmed", "evidence_items", "outcome", "loss_reason", "amount", "opened_at",
              "closed_at", "channel"]
    rows = [["X1", "crm", "Deal", "Ann", "", "", stage, str(pos), when, "false", "", "open", "", "10",
             "2026-01-01T00:00:00Z", "", ""]
            for stage, pos, when in (("Lead", 0, "2026-01-02T09:00:00Z"), ("Lead", 0, "2026-01-05T09:00:00Z"),
                                     ("Call", 1, "2026-01-07T09:00:00Z"))]
    import_file(ws, write_rows(tmp_path / "events.csv", [header, *rows]), builtin_preset())
    assert [e[1] for e in snapshot(ws)["stage_event"]] == ["Lead", "Lead", "Call"]


@pytest.mark.parametrize(("raw", "order", "expected"), [
    ("05/03/2026 09:30", "dayfirst", datetime(2026, 3, 5, 9, 30)), ("05/03/2026 09:30", "monthfirst",
                                                                    datetime(2026, 5, 3, 9, 30)),
    ("31/02/2026 09:30", "dayfirst", None), ("05/03/2026 9:30 ", "dayfirst", None), ("05-03-2026 09:30", "dayfirst",
                                                                                     None)])
def test_the_quick_reading_of_crm_times_agrees_with_the_full_one(raw: str, order: str,
                                                                 expected: datetime | None) -> None:
    from pdsa_desk.core.importing.values import EPOCH, US, quick_numeric

    got = quick_numeric(raw, order)
    assert got == (None if expected is None else (expected - EPOCH) // US)


def test_a_deal_re_opened_after_the_won_stage_is_open(ws, tmp_path: Path) -> None:
    """Without an outcome column the stages say it: won only when nothing follows the last move into won."""
    seed_stages(ws)
    path = write_rows(tmp_path / "reopened.csv", [SF_HEADER,
        ["006N1", "A", "Ann", "Negotiation", "2026-03-20 10:00", "1", "", "2026-03-01", ""],
        ["006N1", "A", "Ann", "Closed Won", "2026-03-10 10:00", "1", "", "2026-03-01", ""],
        ["006N1", "A", "Ann", "Prospecting", "2026-03-01 10:00", "1", "", "2026-03-01", ""],
        ["006N2", "B", "Ann", "Closed Won", "2026-03-10 10:00", "1", "", "2026-03-01", ""],
        ["006N2", "B", "Ann", "Negotiation", "2026-03-10 10:00", "1", "", "2026-03-01", ""]])
    import_file(ws, path, sf_mapping(outcome=None))
    outcomes = {o[1]: (o[7], o[9]) for o in snapshot(ws)["opportunity"]}
    assert outcomes["006N1"] == ("open", None)
    assert outcomes["006N2"][0] == "won" and _utc(outcomes["006N2"][1]) == datetime(2026, 3, 10, 10, tzinfo=UTC)


def test_a_lost_stage_ignored_in_the_stage_map_still_says_lost(ws, tmp_path: Path) -> None:
    """The wizard suggests ignoring a lost stage (it is not a stage of the funnel); its rows still say lost."""
    from pdsa_desk.core.importing import StageMap

    seed_stages(ws)
    path = write_rows(tmp_path / "lost.csv", [SF_HEADER,
        ["006P1", "A", "Ann", "Closed Lost", "2026-03-12 10:00", "1", "", "2026-03-01", ""],
        ["006P1", "A", "Ann", "Qualification", "2026-03-05 10:00", "1", "", "2026-03-01", ""],
        ["006P1", "A", "Ann", "Prospecting", "2026-03-01 10:00", "1", "", "2026-03-01", ""]])
    import_file(ws, path, sf_mapping(outcome=None), stage_map=StageMap.from_dict({"Closed Lost": None}))
    _src, _ext, _name, _ch, _rep, _amount, _opened, outcome, reason, closed = _opp(ws, "006P1")
    assert (outcome, reason, _utc(closed)) == ("lost", "Not recorded", datetime(2026, 3, 12, 10, tzinfo=UTC))
    assert [e[1] for e in snapshot(ws)["stage_event"]] == ["Prospecting", "Qualification"]
