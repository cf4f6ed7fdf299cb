"""Issue 14 point 4: a new row whose values a merge does not rewrite is written as the bundle stores it.

Writing the stored values straight through must store exactly what decoding and encoding them again
stores (type and value of every cell), and a bundle that stores a value in another form (a time with
an offset, a flag stored as 2) is written the long way, in the form pdsa-desk itself writes.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from pdsa_desk.core import services as sv
from pdsa_desk.core.database import open_workspace
from pdsa_desk.core.exchange import apply as apply_module
from pdsa_desk.core.exchange import bundle_file, export_bundle, merge_bundle
from pdsa_desk.core.exchange.stored import canonical
from pdsa_desk.core.exchange.tables import TABLES

#: Local bookkeeping of a merge (new ids and the time of the merge): not the bundle's rows.
_BOOKKEEPING = ("merge_identity_map", "merge_origin")


def _laptop(path: Path) -> Path:
    """A bundle of a laptop's work: definitions, opportunities moved on, a loss, a cycle, observations."""
    ws = open_workspace(path)
    try:
        sv.update_settings(ws, name="Laptop")
        stages = [sv.create_stage(ws, name) for name in ("Lead", "Qualified")]
        team = sv.create_team(ws, "East")
        rep = sv.create_rep(ws, "Ann", team_id=team.id)
        tactic = sv.create_tactic(ws, "Call within an hour", stage_id=stages[0].id)
        t0 = datetime(2026, 11, 2, 9, tzinfo=UTC)
        for i in range(4):
            opp = sv.create_opportunity(ws, f"Deal {i}", rep_id=rep.id, stage_id=stages[0].id,
                                        opened_at=t0 + timedelta(days=i))
            sv.move_opportunity(ws, opp.id, stages[1].id, entered_at=t0 + timedelta(days=i + 2))
        sv.mark_lost(ws, opp.id, sv.create_loss_reason(ws, "Went dark").id, at=t0 + timedelta(days=9))
        cycle = sv.create_cycle(ws, "Calls fast", from_stage_id=stages[0].id, owner_rep_id=rep.id,
                                tactic_id=tactic.id, prediction_rate=0.5)
        sv.add_observation(ws, cycle.id, "customers answered")
        bundle = path.with_suffix(".pdsa")
        export_bundle(ws, bundle)
    finally:
        ws.close()
    return bundle


def _stored(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored cell of the exchanged tables, with its storage type (1 and 1.0 and '1' differ)."""
    con = sqlite3.connect(path)
    try:
        return {name: sorted(tuple((type(v).__name__, v) for v in row) for row in con.execute(
            f'SELECT * FROM "{name}"'))
            for name in TABLES if name not in _BOOKKEEPING}
    finally:
        con.close()


def _merged(bundle: Path, empty: Path, name: str) -> Path:
    target = empty.with_name(name)
    shutil.copyfile(empty, target)
    ws = open_workspace(target)
    try:
        merge_bundle(ws, bundle, map_by_name=True)
    finally:
        ws.close()
    return target


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    open_workspace(tmp_path / "empty.sqlite").close()
    return tmp_path / "empty.sqlite"


def test_stored_rows_are_written_as_decoding_and_encoding_them_would(
        tmp_path: Path, empty: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = _laptop(tmp_path / "laptop.sqlite")
    real = apply_module.write_rows
    straight: list[str] = []

    def spy(conn: Any, writer: Any, table: Any, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("stored") is not None:
            straight.append(table.name)
        real(conn, writer, table, *args, **kwargs)

    monkeypatch.setattr(apply_module, "write_rows", spy)
    fast = _merged(bundle, empty, "fast.sqlite")
    assert {"opportunity", "stage_event", "cycle", "cycle_observation", "rep"} <= set(straight)
    monkeypatch.setattr(bundle_file, "canonical", lambda _table, _rows: False)  # every row the long way
    straight.clear()
    slow = _merged(bundle, empty, "slow.sqlite")
    assert straight == []
    assert _stored(fast) == _stored(slow)
    assert _stored(fast)["opportunity"]  # the rows are there


def test_values_stored_in_another_form_are_written_as_pdsa_desk_writes_them(tmp_path: Path, empty: Path) -> None:
    bundle = _laptop(tmp_path / "laptop.sqlite")
    con = sqlite3.connect(bundle)
    with con:  # what another program might have written: an offset, a flag as 2, a number as text-free int
        con.execute("UPDATE opportunity SET opened_at = '2026-11-02T11:00:00+02:00'")
        con.execute("UPDATE cycle SET whole_team = 2")
        con.execute("UPDATE cycle SET prediction_rate = 1")
    con.close()
    merged = _stored(_merged(bundle, empty, "merged.sqlite"))
    assert {row[opened] for row in merged["opportunity"]
            for opened in [[c.name for c in TABLES["opportunity"].columns].index("opened_at")]} == {
        ("str", "2026-11-02 09:00:00.000000")}
    names = [c.name for c in TABLES["cycle"].columns]
    assert {(row[names.index("whole_team")], row[names.index("prediction_rate")]) for row in merged["cycle"]} == {
        (("int", 1), ("float", 1.0))}


@pytest.mark.parametrize(("column", "value", "expected"), [
    ("opened_at", "2026-11-02 09:00:00.000000", True),
    ("opened_at", "2026-11-02T09:00:00.000000", False),
    ("opened_at", "2026-11-02 09:00:00", False),
    ("opened_at", "2026-11-02 09:00:00.000000+00:00", False),
    ("opened_at", None, True),
    ("amount", 1.5, True),
    ("amount", 2, False),
])
def test_canonical_accepts_only_what_the_merge_would_write(column: str, value: object, expected: bool) -> None:
    table = TABLES["opportunity"]
    names = [c.name for c in table.columns]
    row = tuple(value if name == column else None for name in names)
    assert canonical(table, [row]) is expected
