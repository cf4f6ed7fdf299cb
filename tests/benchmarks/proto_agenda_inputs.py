"""Prototype measurement (stop 26, issue 16): the complete agenda from inputs the database keeps.

**The app does not use this.** It measures the design that docs/performance.md names for the one figure the
benchmark misses, ``time_to_agenda``: what is left there is GIL-bound work over the whole snapshot (the load's
Python part, the studies and the signals), so the agenda would have to be computed from smaller inputs that the
database keeps up to date:

* ``proto_entry``: one row per opportunity and transition out of a stage it entered -- the first entry, the
  conversion when it came within the stage's window, the rep and the channel -- indexed by (stage, rep, time) and
  (stage, time). A running cycle's study reads its baseline and cycle cohorts as two ranges of it.
* ``proto_week``: cohort size and conversions per (stage, week, channel): the 25 weekly P' charts' points.
* ``proto_open``: the open opportunities' stage and entry (WIP and aging), and ``proto_p85`` per stage.

``build`` makes them once from the app's own snapshot (:func:`pdsa_desk.core.metrics.prepare`: the first-entry
and conversion rules the agenda uses) on a copy of a workspace, and records the 68 cohort windows the agenda of
that instant studies. ``read`` then times fresh processes doing what the agenda would do at start-up: read the
weekly counts, the cohorts and the open opportunities, import pandas and the statistics modules, and draw the
P' charts with :func:`pdsa_desk.core.spc.p_chart`. ``upkeep`` times what a board move would add to its write:
the moved opportunity's rows replaced and the weekly counts adjusted, in one transaction.

Simplified on purpose (said where it matters): weeks are UTC weeks (the app's are local weeks from the
workspace's first day: the table would be keyed by those, and rebuilt when the zone, the week start or a stage's
window changes); the 85th percentiles are placeholders (a small table kept the same way).

Usage (on the benchmark's cached workspace)::

    python proto_agenda_inputs.py build --db CACHE/v2-0004-n1000000-s1/workspace.sqlite --out /tmp/proto.sqlite
    python proto_agenda_inputs.py read --db /tmp/proto.sqlite --runs 4
    python proto_agenda_inputs.py upkeep --db /tmp/proto.sqlite
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

WEEK_NS = 7 * 86_400 * 1_000_000_000


def build(db: str, out: str) -> None:
    import numpy as np

    from pdsa_desk.core import conversion, metrics, pipeline
    from pdsa_desk.core.agenda_complete import complete_agenda_file
    from pdsa_desk.core.frames import load_analysis_file

    shutil.copy(db, out)
    data = load_analysis_file(out)
    now = datetime.now(UTC)
    windows: list[dict[str, Any]] = []
    original = conversion.cohort_members

    def recorded(d: Any, *, from_stage: Any, start: Any, end: Any, as_of: Any, rep_ids: Any = None) -> Any:
        windows.append({"stage": int(from_stage), "start": int(conversion._ts_ns(start)),
                        "end": int(conversion._ts_ns(end)), "reps": sorted(rep_ids or [])})
        return original(d, from_stage=from_stage, start=start, end=end, as_of=as_of, rep_ids=rep_ids)

    conversion.cohort_members = recorded
    try:
        complete_agenda_file(out, data, as_of=now)
    finally:
        conversion.cohort_members = original
    Path(out + ".windows.json").write_text(json.dumps(windows))

    prep = metrics.prepare(data)
    as_of_ns = int(conversion._ts_ns(now))
    reps, channels = data.opportunities["rep_id"].to_numpy(), data.opportunities["channel"].to_numpy()
    started = time.perf_counter()
    con = sqlite3.connect(out)
    con.execute("CREATE TABLE proto_entry (stage INTEGER, first_ns INTEGER, conv_ns INTEGER, opp INTEGER, "
                "rep_id TEXT, channel TEXT)")
    for s, _to in metrics.transitions(prep):
        first, conv_at, converted, _window = prep.conversion_inputs(s, as_of_ns)
        rows = np.flatnonzero(first != metrics._BIG)
        con.executemany("INSERT INTO proto_entry VALUES (?, ?, ?, ?, ?, ?)", (
            (s, int(first[i]), int(conv_at[i]) if converted[i] else None, int(i), reps[i], channels[i])
            for i in rows))
    con.execute("CREATE INDEX proto_entry_rep ON proto_entry (stage, rep_id, first_ns)")
    con.execute("CREATE INDEX proto_entry_time ON proto_entry (stage, first_ns)")
    con.execute("CREATE INDEX proto_entry_opp ON proto_entry (opp)")
    con.execute(f"CREATE TABLE proto_week AS SELECT stage, first_ns / {WEEK_NS} AS week, channel, count(*) AS n, "
                "count(conv_ns) AS x FROM proto_entry GROUP BY 1, 2, 3")
    con.execute("CREATE UNIQUE INDEX proto_week_key ON proto_week (stage, week, channel)")
    opp_rows, stage, entered = pipeline.open_at(data, now)
    con.execute("CREATE TABLE proto_open (opp INTEGER PRIMARY KEY, stage INTEGER, entered_ns INTEGER)")
    con.executemany("INSERT INTO proto_open VALUES (?, ?, ?)",
                    ((int(r), int(s), int(e)) for r, s, e in zip(opp_rows, stage, entered, strict=True)))
    con.execute("CREATE TABLE proto_p85 (stage INTEGER PRIMARY KEY, p85_days REAL)")
    con.executemany("INSERT INTO proto_p85 VALUES (?, 30.0)", ((s,) for s in range(len(data.stages))))
    con.commit()
    counts = [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("proto_entry", "proto_week")]
    print(f"built in {time.perf_counter() - started:.1f} s (Python inserts; not tuned): {counts[0]:,} entries, "
          f"{counts[1]:,} weekly rows, {len(opp_rows):,} open, {len(windows)} cohort windows")


def read_once(db: str) -> None:
    """One cold process (see ``read``): prints the milestones since the interpreter started, as JSON."""
    started = time.perf_counter()
    marks: dict[str, float] = {}

    def mark(what: str) -> None:
        marks[what] = round(time.perf_counter() - started, 4)

    import numpy as np

    mark("numpy imported")
    windows = json.loads(Path(db + ".windows.json").read_text())
    con = sqlite3.connect(db)
    weekly = con.execute("SELECT stage, week, channel, n, x FROM proto_week").fetchall()
    mark("weekly counts read")
    members = 0
    for w in windows:
        held = ",".join("?" * len(w["reps"]))
        members += len(con.execute(
            f"SELECT opp, first_ns, conv_ns FROM proto_entry WHERE stage = ? AND rep_id IN ({held}) "
            "AND first_ns >= ? AND first_ns < ?", (w["stage"], *w["reps"], w["start"], w["end"])).fetchall())
    mark(f"{len(windows)} cohorts read")
    con.execute("SELECT o.opp, o.stage, o.entered_ns, p.p85_days FROM proto_open o JOIN proto_p85 p "
                "ON p.stage = o.stage").fetchall()
    mark("open opportunities read")
    import pandas  # noqa: F401 - what the agenda's computation imports

    mark("pandas imported")
    from pdsa_desk.core import proportions, spc  # noqa: F401 - the studies' and charts' statistics

    mark("statistics imported")
    series: dict[tuple[int, str], dict[int, list[int]]] = {}
    for stage, week, channel, n, x in weekly:
        for key in ((stage, ""), (stage, channel)):
            point = series.setdefault(key, {}).setdefault(week, [0, 0])
            point[0] += n
            point[1] += x
    for points in series.values():
        weeks = sorted(points)
        spc.p_chart(np.array([points[w][1] for w in weeks], float), np.array([points[w][0] for w in weeks], float),
                    laney=True)
    mark(f"{len(series)} P' charts drawn")
    print(json.dumps({"marks": marks, "weekly_rows": len(weekly), "members": members}))


def read(db: str, runs: int) -> None:
    results = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, __file__, "read-once", "--db", db], check=True, capture_output=True,
                             text=True).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    for key in results[0]["marks"]:
        values = [r["marks"][key] for r in results]
        print(f"{key:28} median {statistics.median(values):.3f} s  runs {', '.join(f'{v:.3f}' for v in values)}")
    print(f"weekly rows {results[0]['weekly_rows']:,}; cohort members {results[0]['members']:,}")


def upkeep(db: str, moves: int = 100) -> None:
    """What a board move would add to its transaction: one opportunity's rows replaced and the weekly counts of
    the weeks they leave and join adjusted (the values are written back unchanged: the cost, not a new state)."""
    con = sqlite3.connect(db, isolation_level=None)
    opps = [r[0] for r in con.execute("SELECT opp FROM proto_open ORDER BY opp LIMIT ?", (moves,))]
    times = []
    for opp in opps:
        started = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        rows = con.execute("SELECT stage, first_ns, conv_ns, opp, rep_id, channel FROM proto_entry WHERE opp = ?",
                           (opp,)).fetchall()
        con.execute("DELETE FROM proto_entry WHERE opp = ?", (opp,))
        con.executemany("INSERT INTO proto_entry VALUES (?, ?, ?, ?, ?, ?)", rows)
        for stage, first_ns, conv_ns, _opp, _rep, channel in rows:
            con.execute("UPDATE proto_week SET n = n - 1 + 1, x = x - ? + ? WHERE stage = ? AND week = ? "
                        "AND channel = ?", (conv_ns is not None, conv_ns is not None, stage, first_ns // WEEK_NS,
                                            channel))
        con.execute("UPDATE proto_open SET stage = stage WHERE opp = ?", (opp,))
        con.execute("COMMIT")
        times.append(time.perf_counter() - started)
    print(f"upkeep of one move: median {statistics.median(times) * 1000:.2f} ms, "
          f"max {max(times) * 1000:.2f} ms over {len(times)} opportunities")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("build", "read", "read-once", "upkeep"))
    parser.add_argument("--db", required=True)
    parser.add_argument("--out")
    parser.add_argument("--runs", type=int, default=4)
    args = parser.parse_args()
    if args.what == "build":
        build(args.db, args.out)
    elif args.what == "read":
        read(args.db, args.runs)
    elif args.what == "read-once":
        read_once(args.db)
    else:
        upkeep(args.db)


if __name__ == "__main__":
    main()
