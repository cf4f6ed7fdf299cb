"""The importer's fast paths write exactly what its plain paths write (issue #16: speed never changes a result).

The fast paths: rows in the expected form skip the cell-by-cell checks (``tuning.FAST_PATH``), values go to
SQLite's ``executemany`` as text made in bulk (``writer.FAST_SQLITE``) instead of SQLAlchemy Core with dicts,
a few ids are formatted in Python instead of NumPy (``writer.FEW_IDS``), the event indexes are built once after
a big insert (``writer.BULK_INDEX_MIN_ROWS``) and the page cache can be enlarged (``writer.IMPORT_CACHE_KIB``,
set here). With the clock and
the id generator fixed, the same files imported both ways must leave byte-identical workspaces: every table,
every column, every id — and the same results (counts, notices, problems with their row and column).
"""

from __future__ import annotations

import csv
import dataclasses
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pdsa_desk.core.database import open_workspace
from pdsa_desk.core.importing import ImportProblems, Mapping, import_file, load_preset, store, tuning, validate, writer

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
FIXED_NOW = datetime(2026, 12, 5, 1, 2, 3, 456789, tzinfo=UTC)


class _FixedIds(writer.IdMaker):
    """The real generator from a fixed start (its time and random bits are what differ between runs)."""

    def __init__(self) -> None:
        super().__init__()
        self._head = "0190f3a2-7b1c-7abc-"
        self._prefix = np.frombuffer(self._head.encode(), dtype=np.uint8)
        self._next = 0x0123_4567_89AB_CDEF % (1 << 60)


def _fix_clock_and_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same ids and times on every run."""
    monkeypatch.setattr(store, "IdMaker", _FixedIds)
    monkeypatch.setattr(store, "utcnow", lambda: FIXED_NOW)
    monkeypatch.setattr(validate, "utcnow", lambda: FIXED_NOW)


def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tuning, "FAST_PATH", False)
    monkeypatch.setattr(writer, "FAST_SQLITE", False)
    monkeypatch.setattr(writer, "FEW_IDS", 0)
    monkeypatch.setattr(writer, "BULK_INDEX_MIN_ROWS", 10**9)
    monkeypatch.setattr(writer, "IMPORT_CACHE_KIB", 0)


def _dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = sqlite3.connect(path)
    try:
        tables = [t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        out = {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
        out["schema"] = sorted(con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall(),
                               key=repr)
        return out
    finally:
        con.close()


def _outcome(ws: Any, path: Path, mapping: Mapping, skip: bool) -> Any:
    try:
        result = import_file(ws, path, mapping, skip_invalid=skip)
    except ImportProblems as exc:
        return ("refused", str(exc), [(p.row, p.column, str(p.message)) for p in exc.problems])
    rejected = result.rejected_file.read_text(encoding="utf-8-sig") if result.rejected_file else None
    return dataclasses.replace(result, rejected_file=None), rejected


def _both_ways(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, template: Path,
               imports: list[tuple[Path, Mapping, bool]]) -> None:
    """Run ``imports`` in order into copies of ``template``, the fast way and the plain way; compare."""
    runs = []
    for fast in (True, False):
        with monkeypatch.context() as m:
            _fix_clock_and_ids(m)
            if fast:
                m.setattr(writer, "IMPORT_CACHE_KIB", 64 * 1024)
            else:
                _plain(m)
            target = tmp_path / ("fast.sqlite" if fast else "plain.sqlite")
            shutil.copyfile(template, target)
            ws = open_workspace(target)
            try:
                results = [_outcome(ws, path, mapping, skip) for path, mapping, skip in imports]
            finally:
                ws.close()
            runs.append((results, _dump(target)))
    (fast_results, fast_db), (plain_results, plain_db) = runs
    assert fast_results == plain_results
    assert fast_db.keys() == plain_db.keys()
    for table in fast_db:
        assert fast_db[table] == plain_db[table], table
    assert fast_db["stage_event"] and fast_db["opportunity"] and fast_db["rep"]


def _new_template(tmp_path: Path) -> Path:
    template = tmp_path / "template.sqlite"
    open_workspace(template).close()
    return template


def _rewrite(source: Path, target: Path, change: Any) -> Path:
    """A copy of an events file with ``change(row) -> list of rows`` applied to each data row."""
    with source.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    with target.open("w", encoding="utf-8", newline="") as fh:
        out = csv.DictWriter(fh, fieldnames=list(rows[0]))
        out.writeheader()
        for i, row in enumerate(rows):
            out.writerows(change(i, row))
    return target


def test_the_demo_events_file_imports_the_same_both_ways(demo_ws: Any, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from pdsa_desk.core.export import export_table

    events = tmp_path / "events.csv"
    export_table(demo_ws, "events", events)
    _both_ways(tmp_path, monkeypatch, _new_template(tmp_path), [(events, load_preset("pdsa-desk"), False),
                                                                 (events, load_preset("pdsa-desk"), False)])


def test_generated_data_with_later_exports_imports_the_same_both_ways(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Benchmark data (back-steps, skipped stages, opportunities without a rep; more than BULK_INDEX_MIN_ROWS
    events so the fast way defers the indexes), then a later export of it with ties, late entries, reopened and
    newly closed opportunities, changed owners, and a few bad rows (refused, then skipped)."""
    monkeypatch.syspath_prepend(str(BENCH))
    import bench_generate

    info = bench_generate.cached(25_000, 3, tmp_path / "bench-cache", log=lambda _m: None)
    first = Path(info.csv)

    def later(i: int, row: dict[str, str]) -> list[dict[str, str]]:
        out = [row]
        if i % 97 == 0:  # a second stage at the very same instant: a tie decided by the stage order
            out.append({**row, "stage": "Discovery held", "stage_position": "1"})
        if i % 89 == 0 and row["outcome"] in ("won", "lost"):  # reopened
            out = [{**r, "outcome": "open", "closed_at": "", "loss_reason": ""} for r in out]
        if i % 83 == 0 and row["outcome"] == "open":  # closed since
            out = [{**r, "outcome": "lost", "loss_reason": "Went quiet", "closed_at": "2026-06-30T10:00:00Z"}
                   for r in out]
        if i % 71 == 0:  # a new owner in a new team
            out = [{**r, "rep": f"New Rep {i % 5}", "rep_email": f"new{i % 5}@bench.example", "team": "Team New"}
                   for r in out]
        if i % 61 == 0:  # a late entry, long before the row's own time
            out.append({**row, "entered_at": "2023-07-01T08:00:00Z", "stage": "Lead captured",
                        "stage_position": "0"})
        if i % 2003 == 0:
            out.append({**row, "entered_at": "not a date", "amount": "lots"})
        return out

    second = _rewrite(first, tmp_path / "later.csv", later)
    preset = load_preset("pdsa-desk")
    _both_ways(tmp_path, monkeypatch, _new_template(tmp_path),
               [(first, preset, False), (second, preset, False), (second, preset, True), (second, preset, True)])
