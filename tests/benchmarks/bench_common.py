"""What the benchmark modules share: the figures' specifications, measuring with interleaved floors, the
figure records, and the raw-SQL floors."""

from __future__ import annotations

import gc
import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_READY_FLOOR = ("bare PySide6 window process + raw sqlite3 SELECT + fetchall of the live events' columns, "
                "measured back to back in the same run")

@dataclass(frozen=True)
class Spec:
    key: str
    title: str
    unit: str
    target: dict
    floor: str | None


SPECS = [
    Spec("import", "Import the long CSV into a new workspace (validation included)", "s", {"max_ratio": 2.0},
         "stdlib csv + sqlite3.executemany of the same rows into a bare table with the same indexes, "
         "one transaction"),
    Spec("merge", "Merge a bundle of the benchmark workspace (the CSV's rows, with its stages, reps and cycles) "
         "into a new workspace, in a process of its own", "s", {"max_ratio": 2.0},
         "pdsa-desk's import of the same rows (the benchmark CSV) into a new workspace, in a process of its own"),
    Spec("merge_peak_rss", "Peak RSS of the process merging that bundle (interpreter and libraries included)", "MB",
         {"max": 400.0}, None),
    Spec("import_crm", "Import a Salesforce-style history report (title rows, footer, 16 columns, day-first "
         "Europe/Berlin times, comma-grouped amounts, edit rows, Closed Lost; bench_crm) into a new workspace", "s",
         {"max_ratio": 2.0}, "stdlib csv + strptime of the time column + sqlite3.executemany of the same rows into a "
         "bare table with the same indexes, one transaction"),
    Spec("load", "Load all events into the analysis frame (frames.load_analysis_data)", "s", {"max_ratio": 1.3},
         "raw sqlite3 SELECT + fetchall of the same columns"),
    Spec("conversion", "Full conversion table: transition x ISO week x rep, immaturity flags "
         "(conversion.conversion_table by='rep', incl. prepare)", "s", {"max_ratio": 1.5},
         "DuckDB (1 thread) running the equivalent cohort SQL over the same in-memory frames"),
    Spec("pchart", "P' chart series for one transition (all reps, weekly) incl. limits and run rules", "s",
         {"max": 0.050}, None),
    Spec("first_paint", "First paint of the main window, before the workspace is opened (whole process; "
         "information, formerly cold_start)", "s", {"max_ratio": 4.0},
         "bare PySide6 process: empty QMainWindow, quits after first paint"),
    Spec("time_to_agenda", "Launch → the This-week agenda painted with all its sections (whole process, fresh "
         "settings)", "s", {"max_ratio": 1.5}, _READY_FLOOR),
    Spec("time_to_board", "Launch → the Board painted with the open opportunities' cards (whole process)", "s",
         {"max_ratio": 1.5}, _READY_FLOOR),
    Spec("edit_refresh", "One board move → the Board and the Charts series show it (median)", "s", {"max": 0.150},
         None),
    Spec("stall_edit", "Longest GUI-thread stall (5 ms timer) during a board move, a cycle save and an observation "
         "add, with Board, Charts and This week shown", "s", {"max": 0.050}, None),
    Spec("stall_views", "Longest GUI-thread stall while visiting every view and every chart tab once", "s",
         {"max": 0.100}, None),
    Spec("stall_import", "Longest GUI-thread stall (5 ms timer) during the import of the long CSV through the import "
         "wizard and the merge of a bundle of 30% as many events through the merge dialog, the Data view shown",
         "s", {"max": 0.050}, None),
    Spec("charts_switch", "Switch the Charts view to another transition (recompute + redraw)", "s",
         {"max": 0.100}, None),
    Spec("board_open", "Open the Board (refresh + paint) with the open opportunities", "s", {"max": 0.300}, None),
    Spec("peak_rss", "Peak RSS with the workspace open after visiting every view", "MB", {"max": 600.0},
         "bare PySide6 window process"),
    Spec("pg_load", "Load all events into the analysis frame from a PostgreSQL server on the same machine "
         "(frames.load_analysis_data; bench_pg)", "s", {"max_ratio": 1.3},
         "raw psycopg SELECT + fetchall of the same columns from the same server"),
    Spec("pg_time_to_agenda", "Launch on the server URL → the This-week agenda painted with all its sections "
         "(whole process, fresh settings)", "s", {"max_ratio": 2.0},
         "time_to_agenda on the SQLite file of the same data, measured back to back in the same run"),
]
SPEC = {s.key: s for s in SPECS}


# --------------------------------------------------------------------------- #
# measuring
# --------------------------------------------------------------------------- #
def _timed(fn: Callable[[], Any]) -> float:
    """Seconds ``fn`` takes; ``fn`` may return its own measurement (a float) to exclude set-up."""
    gc.collect()
    started = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - started
    return float(result) if isinstance(result, float) else elapsed


def interleaved(subject: Callable[[], Any], floor: Callable[[], Any] | None, repeat: int,
                warmup: int) -> tuple[list[float], list[float]]:
    """(subject runs, floor runs): floor, subject, floor, subject … after ``warmup`` unrecorded pairs."""
    subj, flo = [], []
    for i in range(warmup + repeat):
        f = _timed(floor) if floor is not None else None
        s = _timed(subject)
        if i >= warmup:
            subj.append(s)
            if f is not None:
                flo.append(f)
    return subj, flo


def figure(spec: Spec, n: int, scale: str, runs: list[float] | None, floor_runs: list[float] | None = None,
           note: str = "", **extra: Any) -> dict:
    available = bool(runs)
    median = statistics.median(runs) if available else None
    floor_median = statistics.median(floor_runs) if floor_runs else None
    ratio = median / floor_median if (median is not None and floor_median) else None
    if not available:
        met = False
    elif "max_ratio" in spec.target:
        met = ratio is not None and ratio <= spec.target["max_ratio"]
    else:
        met = median < spec.target["max"]
    return {
        "name": spec.key, "title": spec.title, "events": n, "scale": scale, "median": median, "unit": spec.unit,
        "floor_median": floor_median, "ratio": ratio, "target": spec.target, "met": bool(met),
        "available": available, "floor": spec.floor, "runs": runs or [], "floor_runs": floor_runs or [],
        "note": note, **extra,
    }


def not_available(spec: Spec, n: int, scale: str, why: str) -> dict:
    return figure(spec, n, scale, None, None, note=f"not available: {why}")


def not_selected(spec: Spec, n: int, scale: str) -> dict:
    return not_available(spec, n, scale, "not selected (--only)")


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "MB":
        return f"{value:,.0f} MB"
    if value < 1:
        return f"{value * 1000:,.1f} ms"
    return f"{value:,.2f} s"


LOAD_QUERIES = [
    "SELECT id, name, window_days, wip_limit, terminal FROM stage WHERE deleted_at IS NULL ORDER BY position",
    "SELECT r.id, r.name, r.team_id, t.name, r.active FROM rep r LEFT JOIN team t ON t.id = r.team_id "
    "WHERE r.deleted_at IS NULL ORDER BY r.name",
    "SELECT o.id, o.name, o.rep_id, r.team_id, o.outcome, o.opened_at, o.closed_at, l.name, o.source "
    "FROM opportunity o LEFT JOIN rep r ON r.id = o.rep_id LEFT JOIN loss_reason l ON l.id = o.loss_reason_id "
    "WHERE o.deleted_at IS NULL",
    "SELECT opportunity_id, stage_id, entered_at FROM stage_event WHERE deleted_at IS NULL",
]


def load_floor(db: Path) -> None:
    con = sqlite3.connect(db)
    try:
        for q in LOAD_QUERIES:
            con.execute(q).fetchall()
    finally:
        con.close()


def events_floor(db: str | Path) -> float:
    """Seconds of a raw sqlite3 fetch of the live events' columns (part of the time-to-data floors)."""
    started = time.perf_counter()
    con = sqlite3.connect(db)
    try:
        con.execute(LOAD_QUERIES[-1]).fetchall()
    finally:
        con.close()
    return time.perf_counter() - started
