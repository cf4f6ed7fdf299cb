"""Export: every table as CSV and .xlsx, spreadsheet safety, and the events file's round trip."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pdsa_desk.core import charts, conversion, importing, metrics, pipeline, services
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.export import (
    COMPARISON_WEEKS,
    CONVERSION_COLUMNS,
    CYCLE_COLUMNS,
    EVENT_COLUMNS,
    build_table,
    comparison_window,
    export_table,
    file_format,
    neutralise,
)
from pdsa_desk.core.frames import load_analysis_data
from pdsa_desk.core.funnel_compare import compare_reps
from tests.conftest import DEMO_AS_OF

AS_OF = datetime(DEMO_AS_OF.year, DEMO_AS_OF.month, DEMO_AS_OF.day, tzinfo=UTC) + timedelta(days=1)


@pytest.fixture(scope="module")
def demo(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """One copy of the demo for the whole module: exports only read it."""
    from pdsa_desk.core.database import open_workspace

    target = tmp_path_factory.mktemp("export-demo") / "demo.sqlite"
    shutil.copyfile(demo_file, target)
    workspace = open_workspace(target)
    yield workspace
    workspace.close()


@pytest.fixture(scope="module")
def demo_data(demo):
    return load_analysis_data(demo)


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 byte-order mark"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def read_xlsx(path: Path, sheet: str) -> tuple[list[str], list[tuple]]:
    wb = load_workbook(path, read_only=True)
    try:
        rows = list(wb[sheet].iter_rows(values_only=True))
        assert "about" in wb.sheetnames
    finally:
        wb.close()
    return list(rows[0]), rows[1:]


def read(path: Path, sheet: str) -> tuple[list[str], list]:
    return read_csv(path) if path.suffix == ".csv" else read_xlsx(path, sheet)


# --------------------------------------------------------------------------- each table, both formats
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_events(demo, demo_data, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    result = export_table(demo, "events", out)
    header, rows = read(out, "events")
    assert header == EVENT_COLUMNS
    assert result.rows == len(rows) == len(demo_data.events)  # every live event of a live opportunity and stage
    col = {name: i for i, name in enumerate(header)}
    first = rows[0]
    assert str(first[col["entered_at"]]).endswith("Z") and "T" in str(first[col["entered_at"]])
    assert str(first[col["evidence_confirmed"]]) in ("true", "false")
    stage_names = demo_data.stages["name"].tolist()
    for row in rows[:200]:
        assert stage_names[int(row[col["stage_position"]])] == row[col["stage"]]
        assert row[col["outcome"]] in ("open", "won", "lost")
        assert (row[col["loss_reason"]] not in ("", None)) == (row[col["outcome"]] == "lost")
    if fmt == "xlsx":
        assert isinstance(first[col["amount"]], (int, float))
        assert isinstance(first[col["stage_position"]], int)
    # ordered by opportunity, then time
    opp_ids = [r[col["opportunity_id"]] for r in rows]
    assert len(set(opp_ids)) == len(demo_data.opportunities)
    seen: set = set()
    previous = last_when = None
    for opp, when in zip(opp_ids, (r[col["entered_at"]] for r in rows), strict=True):
        if opp != previous:
            assert opp not in seen, "an opportunity's events must be together"
            seen.add(opp)
        else:
            assert when >= last_when
        previous, last_when = opp, when


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_opportunities(demo, demo_data, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"opps.{fmt}"
    export_table(demo, "opportunities", out)
    header, rows = read(out, "opportunities")
    assert header[:5] == ["opportunity_id", "source", "uuid", "external_id", "opportunity"]
    assert len(rows) == len(demo_data.opportunities)
    col = {name: i for i, name in enumerate(header)}
    by_id = {r[col["uuid"]]: r for r in rows}
    opps = demo_data.opportunities.set_index("id")
    for opp_id in opps.index[:50]:
        row = by_id[opp_id]
        assert row[col["opportunity"]] == opps.at[opp_id, "name"]
        assert row[col["outcome"]] == opps.at[opp_id, "outcome"]
    # current stage = stage of the latest event
    events = demo_data.events
    last = events.groupby("opp")["stage"].last()
    names = demo_data.stages["name"].tolist()
    for code in list(last.index[:50]):
        assert by_id[opps.index[code]][col["current_stage"]] == names[int(last[code])]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_cycles(demo, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"cycles.{fmt}"
    export_table(demo, "cycles", out, as_of=DEMO_AS_OF)
    header, rows = read(out, "cycles")
    assert header == CYCLE_COLUMNS
    cycles = services.list_cycles(demo)
    assert len(rows) == len(cycles)
    col = {name: i for i, name in enumerate(header)}
    from pdsa_desk.core.study import study_cycle

    for row in rows:
        cycle = next(c for c in cycles if c.id == row[col["cycle_id"]])
        st = study_cycle(demo, cycle.id, as_of=AS_OF)
        assert row[col["title"]] == cycle.title and row[col["status"]] == cycle.status
        assert int(row[col["x_cycle"]]) == st.x_new and int(row[col["n_cycle"]]) == st.n_new
        assert int(row[col["x_base"]]) == st.x_base and int(row[col["n_base"]]) == st.n_base
        assert row[col["verdict"]] == st.verdict
        if st.n_new and st.n_base:
            assert float(row[col["p_value"]]) == pytest.approx(st.comparison.p_value)
            assert float(row[col["diff"]]) == pytest.approx(st.comparison.diff)
            assert float(row[col["diff_low95"]]) <= float(row[col["diff"]]) <= float(row[col["diff_high95"]])
        if st.prediction_inside is not None:
            assert str(row[col["prediction_inside"]]) == ("true" if st.prediction_inside else "false")
        if not st.ready:
            assert row[col["reasons"]]
    study_row = next(r for r in rows if r[col["status"]] == "study")
    if fmt == "xlsx":
        assert isinstance(study_row[col["rate_cycle"]], float) and isinstance(study_row[col["n_cycle"]], int)
        assert isinstance(study_row[col["planned_start"]], datetime)  # a real date cell


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_conversion(demo, demo_data, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"conversion.{fmt}"
    export_table(demo, "conversion", out, as_of=AS_OF)
    header, rows = read(out, "conversion")
    assert header == CONVERSION_COLUMNS
    col = {name: i for i, name in enumerate(header)}
    workspace = [r for r in rows if r[col["scope"]] == "workspace"]
    per_rep = [r for r in rows if r[col["scope"]] == "rep"]
    assert len(workspace) + len(per_rep) == len(rows)
    # the workspace rows are the conversion table (gaps filled), period by period
    table = conversion.conversion_table(demo_data, as_of=AS_OF, fill_periods=True)
    assert len(workspace) == len(table)
    got = {(int(r[col["from_stage_position"]]), str(r[col["period_start"]])[:10]): (int(r[col["x"]]),
                                                                                    int(r[col["n"]]))
           for r in workspace}
    want = {(int(t.from_stage), f"{t.period:%Y-%m-%d}"): (int(t.x), int(t.n)) for t in table.itertuples()}
    assert got == want
    # every opportunity with a rep appears once per transition in the rep rows
    for s, _ in metrics.transitions(demo_data):
        n_ws = sum(int(r[col["n"]]) for r in workspace if int(r[col["from_stage_position"]]) == s)
        n_rep = sum(int(r[col["n"]]) for r in per_rep if int(r[col["from_stage_position"]]) == s)
        assert n_ws == n_rep == pipeline.stage_funnel(demo_data, end=AS_OF)["n"].iloc[s]
    # signals are those of the workspace-wide P' chart
    for s in (0, 1):
        series = charts.conversion_series(demo_data, charts.ChartMeta(), from_stage=s, as_of=AS_OF, chart="pp")
        flags = [str(r[col["signal"]]) == "true" for r in workspace if int(r[col["from_stage_position"]]) == s]
        assert flags == series.frame["signal"].tolist()
    assert any(str(r[col["signal"]]) == "true" for r in workspace)
    assert all("P′ chart" in str(r[col["signal_rule"]]) for r in rows[:5])
    if fmt == "xlsx":
        row = workspace[0]
        assert isinstance(row[col["rate"]], float) and isinstance(row[col["x"]], int)


def test_conversion_by_month_for_one_transition(demo, tmp_path: Path) -> None:
    out = tmp_path / "conversion.csv"
    export_table(demo, "conversion", out, as_of=AS_OF, period="month", from_stage=1)
    header, rows = read_csv(out)
    col = {name: i for i, name in enumerate(header)}
    assert {r[col["from_stage_position"]] for r in rows} == {"1"}
    assert {r[col["period"]] for r in rows} == {"month"}
    assert all(r[col["period_start"]].endswith("-01") for r in rows)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_comparison(demo, demo_data, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"comparison.{fmt}"
    export_table(demo, "comparison", out, as_of=DEMO_AS_OF)
    header, rows = read(out, "comparison")
    col = {name: i for i, name in enumerate(header)}
    start, end = comparison_window(AS_OF)
    assert end - start == timedelta(weeks=COMPARISON_WEEKS) and end == AS_OF
    expected = 0
    for s, _ in metrics.transitions(demo_data):
        cmp_ = compare_reps(demo, from_stage=s, start=start, end=end, as_of=AS_OF, data=demo_data)
        expected += len(cmp_.table)
        mine = [r for r in rows if int(r[col["from_stage_position"]]) == s]
        assert [r[col["rep"]] for r in mine] == cmp_.table["name"].tolist()  # by name, not ranked
        assert [int(r[col["n"]]) for r in mine] == cmp_.table["n"].tolist()
    assert len(rows) == expected
    assert str(rows[0][col["first_day"]])[:10] == start.date().isoformat()
    assert str(rows[0][col["last_day"]])[:10] == DEMO_AS_OF.isoformat()


# --------------------------------------------------------------------------- spreadsheet safety
@pytest.mark.parametrize(
    "text", ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1", "-x", "@SUM(A1)", "\tfoo", "\rbar",
             # issue 12, rule 11: full-width formula characters, a leading line feed, and spaces, zero-width
             # characters or a BOM before a formula character
             "\uff1dSUM(A1)", "\uff0b1", "\uff0dx", "\uff20SUM(A1)", "\nfoo", "  =1+1", "\u200b=1+1",
             "\ufeff=1+1", "\u00a0@x"]
)
def test_neutralise_dangerous_text(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Alice", "1+1", "", "'=already", -5.0, -3, 0, 2.5, None, True])
def test_neutralise_leaves_the_rest(value: object) -> None:
    assert neutralise(value) == value


CRAFTED = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1", "-x", "@SUM(1+1)"]


def _crafted_workspace(ws) -> None:
    from sqlalchemy import text

    lead = services.create_stage(ws, "Lead")
    won = services.create_stage(ws, "Won", terminal="won")
    team = services.create_team(ws, "=cmd|' /C calc'!A0")
    when = datetime(2026, 3, 2, 9, tzinfo=UTC)
    for i, name in enumerate([*CRAFTED, "tab", "cr"]):
        rep = services.create_rep(ws, name, team_id=team.id)
        opp = services.create_opportunity(ws, f"-deal {i}", rep_id=rep.id, stage_id=lead.id, opened_at=when,
                                          amount=100.0)
        if i % 2:
            services.move_opportunity(ws, opp.id, won.id, entered_at=when + timedelta(days=3 + i))
    with ws.engine.begin() as conn:  # the services trim names and refuse negative amounts: write them directly
        conn.execute(text("UPDATE rep SET name = :n WHERE name = 'tab'"), {"n": "\tfoo"})
        conn.execute(text("UPDATE rep SET name = :n WHERE name = 'cr'"), {"n": "\rbar"})
        conn.execute(text("UPDATE opportunity SET amount = -5.0 WHERE name = '-deal 0'"))


def test_csv_injection_is_neutralised_in_csv(ws, tmp_path: Path) -> None:
    _crafted_workspace(ws)
    out = tmp_path / "events.csv"
    export_table(ws, "events", out)
    text = out.read_text(encoding="utf-8-sig")
    header, rows = read_csv(out)
    col = {name: i for i, name in enumerate(header)}
    reps = {r[col["rep"]] for r in rows}
    assert reps == {"'" + n for n in [*CRAFTED, "\tfoo", "\rbar"]}
    assert {r[col["team"]] for r in rows} == {"'=cmd|' /C calc'!A0"}
    assert {r[col["opportunity"]] for r in rows} == {f"'-deal {i}" for i in range(6)}
    amounts = {r[col["opportunity"]]: r[col["amount"]] for r in rows}
    assert amounts["'-deal 0"] == "-5.0"  # a number stays a number: no quote
    assert ",-5.0," in text
    assert "'-5.0" not in text


def test_csv_injection_is_neutralised_in_xlsx(ws, tmp_path: Path) -> None:
    _crafted_workspace(ws)
    out = tmp_path / "opportunities.xlsx"
    export_table(ws, "opportunities", out)
    wb = load_workbook(out)  # not read-only: look at the cell types
    sheet = wb["opportunities"]
    header = [c.value for c in sheet[1]]
    col = {name: i for i, name in enumerate(header)}
    rows = list(sheet.iter_rows(min_row=2))
    # A text cell (data type string): shown as it is, no apostrophe, never run as a formula (issue 12, rule 11).
    # (XML reads a carriage return back as a line feed.)
    assert {r[col["rep"]].value for r in rows} == {*CRAFTED, "\tfoo", "\nbar"}
    for r in rows:
        assert r[col["rep"]].data_type == "s"  # text, never a formula
        assert r[col["opportunity"]].data_type == "s"
    amount = next(r[col["amount"]] for r in rows if r[col["opportunity"]].value == "-deal 0")
    assert amount.data_type == "n" and amount.value == -5
    wb.close()


# --------------------------------------------------------------------------- round trip
def _conversion_by_name(ws, as_of: datetime):
    data = load_analysis_data(ws)
    table = conversion.conversion_table(data, as_of=as_of, by="rep")
    names = dict(zip(data.reps["id"], data.reps["name"], strict=True))
    table["group"] = table["group"].map(lambda g: names.get(g, g))
    return (conversion.conversion_table(data, as_of=as_of),
            table.sort_values(["from_stage", "group", "period"], ignore_index=True))


def test_events_round_trip_through_the_importer(demo, ws, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    export_table(demo, "events", out)
    result = importing.import_file(ws, out, importing.builtin_preset())
    assert not result.problems
    src_all, src_rep = _conversion_by_name(demo, AS_OF)
    dst_all, dst_rep = _conversion_by_name(ws, AS_OF)
    assert len(src_all) > 100
    assert src_all.equals(dst_all)
    assert src_rep.equals(dst_rep)
    assert [s.name for s in services.list_stages(ws)] == [s.name for s in services.list_stages(demo)]


def test_round_trip_of_crafted_names_through_xlsx(tmp_path: Path) -> None:
    from sqlalchemy import text

    from pdsa_desk.core.database import open_workspace

    src = open_workspace(tmp_path / "src.sqlite")
    dst = open_workspace(tmp_path / "dst.sqlite")
    try:
        _crafted_workspace(src)
        with src.engine.begin() as conn:  # the importer refuses negative amounts
            conn.execute(text("UPDATE opportunity SET amount = 5.0 WHERE amount < 0"))
        out = tmp_path / "events.xlsx"
        export_table(src, "events", out)
        importing.import_file(dst, out, importing.builtin_preset())
        names = sorted(r.name for r in services.list_reps(dst))
        assert set(CRAFTED) <= set(names)
        assert sorted(o for o in _opp_names(dst)) == sorted(_opp_names(src))
        assert _conversion_by_name(src, AS_OF)[0].equals(_conversion_by_name(dst, AS_OF)[0])
    finally:
        src.close()
        dst.close()


def _opp_names(ws) -> list[str]:
    return load_analysis_data(ws).opportunities["name"].tolist()


# --------------------------------------------------------------------------- refusals
def test_unknown_extension_and_what(demo, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"\.csv or \.xlsx"):
        file_format(tmp_path / "x.txt")
    with pytest.raises(ValidationError):
        export_table(demo, "events", tmp_path / "x.xls")
    assert not (tmp_path / "x.xls").exists()
    with pytest.raises(ValidationError, match="choose one of"):
        build_table(demo, "stages")
    with pytest.raises(ValidationError, match="transitions: 0 = Pre-qualified by marketing → Lead captured"):
        build_table(demo, "comparison", from_stage=6)  # the won stage has no next stage
    assert build_table(demo, "comparison", from_stage="budget shared", as_of=date(2026, 11, 24)).name == "comparison"


def test_a_failed_write_leaves_no_file(demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pdsa_desk.core.export_files as export_files

    def boom(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(export_files, "_write_csv", boom)
    with pytest.raises(OSError):
        export_table(demo, "opportunities", tmp_path / "o.csv")
    assert list(tmp_path.iterdir()) == []
