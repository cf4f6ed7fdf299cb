"""The ``import_crm`` figure: a realistic CRM export (Salesforce-style history report) into a new workspace.

The file is made from the benchmark's events CSV (:mod:`bench_generate`), the way Salesforce writes an
"Opportunity History" report: title and filter rows above the header, a footer ("Grand Totals", confidentiality,
copyright), 16 columns, 18-character ids, day-first local times (Europe/Berlin, minute precision), comma-grouped
amounts ("12,500.00"), each opportunity's rows newest first, field-history edit rows (another row at the same stage
after an amount edit) and a "Closed Lost" row for lost opportunities. The importer reads it with a time zone,
day-first dates, ``--create-stages`` (won and lost read by name) — every rule of issue 12 at work.

The floor is what any import of it has to do: stdlib ``csv`` over the file (title rows skipped), ``strptime`` of
the time column, ``sqlite3.executemany`` of every row into a bare table with the indexes ``stage_event`` has, one
transaction.

``python tests/benchmarks/bench_crm.py --events N`` measures it alone; :mod:`bench` includes it.
"""

from __future__ import annotations

import csv
import sqlite3
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ZONE = "Europe/Berlin"
HEADER = ["Opportunity ID", "Opportunity Name", "Account Name", "Opportunity Owner", "Owner Email", "Owner Role",
          "Stage", "Edit Date", "Amount", "Probability (%)", "Close Date", "Created Date", "Lead Source", "Type",
          "Fiscal Period", "Next Step"]
TITLE = [["Opportunity History"], ["Filtered By:"], ["  Created Date equals Last 3 Years"], []]
FOOTER = [[], ["Grand Totals ({n} records)"], ["Confidential Information - Do Not Distribute"],
          ["Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."]]
TIME_FORMAT = "%d/%m/%Y %H:%M"
EDIT_SHARE = 7  # one event in EDIT_SHARE gets an edit row at the same stage
#: Times rounded to the minute (Salesforce) can put two stage changes of one opportunity in the same minute: kept.


def mapping():
    from pdsa_desk.core.importing import Mapping

    return Mapping(opportunity_id="Opportunity ID", opportunity_name="Opportunity Name", rep="Opportunity Owner",
                   rep_email="Owner Email", team="Owner Role", stage="Stage", timestamp="Edit Date", amount="Amount",
                   closed_at="Close Date", opened_at="Created Date", channel="Lead Source", source="Salesforce",
                   date_order="dayfirst", timezone=ZONE, create_stages=True)


def _sf_id(k: int) -> str:
    from pdsa_desk.core.importing.identity import salesforce_checksum

    base = f"0065g{k:010d}"
    return base + salesforce_checksum(base)


def _local(iso_z: str, zone: ZoneInfo) -> datetime:
    return datetime.fromisoformat(iso_z.replace("Z", "+00:00")).astimezone(zone)


def write_crm_csv(events_csv: str | Path, target: Path) -> int:
    """The Salesforce-style report made from the events file; returns its number of data rows."""
    zone = ZoneInfo(ZONE)
    n = 0
    with open(events_csv, encoding="utf-8-sig", newline="") as src, \
            open(target, "w", encoding="utf-8", newline="") as fh:
        reader = csv.reader(src)
        names = next(reader)
        ix = {c: i for i, c in enumerate(names)}
        out = csv.writer(fh)
        out.writerows(TITLE)
        out.writerow(HEADER)
        group: list[list[str]] = []
        k = 0

        def flush() -> int:
            nonlocal k
            if not group:
                return 0
            rows = _opportunity_rows(group, ix, _sf_id(k), zone, k)
            k += 1
            out.writerows(reversed(rows))  # newest first, as Salesforce lists history
            return len(rows)

        for row in reader:
            if group and row[ix["opportunity_id"]] != group[0][ix["opportunity_id"]]:
                n += flush()
                group = []
            group.append(row)
        n += flush()
        for line in FOOTER:
            out.writerow([c.format(n=f"{n:,}") for c in line])
    return n


def _opportunity_rows(group: list[list[str]], ix: dict[str, int], sf_id: str, zone: ZoneInfo,
                      k: int) -> list[list[str]]:
    """One opportunity's rows, oldest first: its stage changes, edit rows, and a Closed Lost row when lost."""
    first = group[0]
    outcome = first[ix["outcome"]]
    amount = float(first[ix["amount"]] or 0)
    created = _local(first[ix["opened_at"]], zone).strftime("%d/%m/%Y")
    closed = _local(first[ix["closed_at"]], zone) if first[ix["closed_at"]] else None
    fixed = [sf_id, first[ix["opportunity"]], f"Account {k % 997}", first[ix["rep"]], first[ix["rep_email"]],
             first[ix["team"]]]
    tail = [created, first[ix["channel"]], "New Business" if k % 3 else "Existing Business", "Q1-2026", ""]
    rows = []
    for i, row in enumerate(group):
        when = _local(row[ix["entered_at"]], zone)
        stage = row[ix["stage"]]
        won = stage == "Won"
        close = closed.strftime("%d/%m/%Y") if (won and closed) else ""
        rows.append([*fixed[:6], stage, when.strftime(TIME_FORMAT), f"{amount:,.2f}", str(10 + 15 * i), close,
                     *tail])
        nxt = _local(group[i + 1][ix["entered_at"]], zone) if i + 1 < len(group) else None
        edit = when + timedelta(hours=5)
        if (k + i) % EDIT_SHARE == 0 and not won and (nxt is None or edit + timedelta(minutes=1) < nxt) and (
                closed is None or edit < closed):
            amount += 250.0  # an amount edit at the same stage: one more history row
            rows.append([*fixed[:6], stage, edit.strftime(TIME_FORMAT), f"{amount:,.2f}", str(10 + 15 * i), "",
                         *tail])
    if outcome == "lost" and closed is not None:
        rows.append([*fixed[:6], "Closed Lost", closed.strftime(TIME_FORMAT), f"{amount:,.2f}", "0",
                     closed.strftime("%d/%m/%Y"), *tail])
    return rows


def floor(crm_csv: str | Path, work: Path) -> float:
    """csv + strptime of the time column + sqlite3.executemany of every row, one transaction (seconds)."""
    db = work / "crm-floor.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    cols = [f"c{i}" for i in range(len(HEADER))]
    con.execute(f"CREATE TABLE crm_row (id INTEGER PRIMARY KEY, {', '.join(c + ' TEXT' for c in cols)})")
    con.execute("CREATE INDEX ix_crm_row_opportunity_entered ON crm_row (c0, c7)")
    con.execute("CREATE INDEX ix_crm_row_stage ON crm_row (c6)")
    insert = f"INSERT INTO crm_row ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    width = len(HEADER)
    strptime = datetime.strptime

    started = time.perf_counter()
    with open(crm_csv, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        for row in reader:
            if len(row) == width:
                break  # the header

        def rows():
            for row in reader:
                if len(row) == width:
                    row[7] = strptime(row[7], TIME_FORMAT).isoformat()
                    yield row

        con.execute("BEGIN")
        con.executemany(insert, rows())
        con.execute("COMMIT")
    elapsed = time.perf_counter() - started
    con.close()
    return elapsed


def subject(crm_csv: str | Path, work: Path) -> float:
    """``import_file`` of the report into a new workspace (seconds; creating the workspace not timed)."""
    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.core.importing import import_file

    db = work / "crm-imported.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    ws = open_workspace(db)
    try:
        started = time.perf_counter()
        result = import_file(ws, Path(crm_csv), mapping())
        elapsed = time.perf_counter() - started
    finally:
        ws.close()
    subject.last_result = result  # type: ignore[attr-defined]
    return elapsed


def main(argv: list[str] | None = None) -> int:
    import argparse
    import statistics
    import sys
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import bench_generate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=1)
    args = parser.parse_args(argv)
    data = bench_generate.cached(args.events)
    with tempfile.TemporaryDirectory(prefix="pdsa-crm-bench-") as tmp:
        work = Path(tmp)
        crm = work / "salesforce_history.csv"
        started = time.perf_counter()
        n_rows = write_crm_csv(data.csv, crm)
        print(f"{crm.name}: {n_rows:,} data rows from {args.events:,} events "
              f"({crm.stat().st_size / 1e6:,.0f} MB, made in {time.perf_counter() - started:.1f} s)")
        subj, flo = [], []
        for i in range(args.warmup + args.repeat):
            f, s = floor(crm, work), subject(crm, work)
            print(f"  run {i + 1}: floor {f:.2f} s, import {s:.2f} s ({s / f:.2f}×)" + (
                " (warm-up)" if i < args.warmup else ""))
            if i >= args.warmup:
                subj.append(s)
                flo.append(f)
        s_med, f_med = statistics.median(subj), statistics.median(flo)
        print(f"import_crm: {s_med:.2f} s against a floor of {f_med:.2f} s = {s_med / f_med:.2f}×")
        result = subject.last_result  # type: ignore[attr-defined]
        print("\n".join(result.summary()))
        for notice in result.notices:
            print(f"note: {notice}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
