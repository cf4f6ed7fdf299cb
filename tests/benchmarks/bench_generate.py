"""Deterministic benchmark data: a company-scale workspace and the same data as a pdsa-desk events CSV.

Scale (for ``n_events`` = N): 500 reps in 25 teams, 6 stages (the last one terminal "won"),
``N // 5`` opportunities, exactly N stage events over 3 years, 300 PDSA cycles (with tactics,
participants and an observation each), 2.5 % of the opportunities still open (5,000 at N = 1M,
what the Board figure opens), the rest won or lost.

Journeys are messy the way CRM data is: mostly one stage forward, sometimes a skipped stage,
sometimes back one stage (so "first entry" matters), a few opportunities without a rep.

The workspace is written by the bulk path: the schema comes from ``open_workspace`` (the
Alembic chain), then every table is filled with SQLAlchemy Core ``insert`` executemany in
chunks, all inside one transaction. Events are inserted in time order (as a real workspace
grows), not grouped by opportunity.

Everything is drawn from ``numpy.random.default_rng(seed)``; with the same numpy version the
same ``(N, seed)`` always gives the same files. :func:`cached` keeps them under a cache folder
keyed by N, seed, :data:`GENERATOR_VERSION` and the schema revision.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

#: Bump when the generated data changes shape, so stale caches are not reused.
GENERATOR_VERSION = 2

N_TEAMS = 25
N_REPS = 500
N_CYCLES = 300
N_TACTICS = 100
YEARS = 3
OPEN_SHARE = 0.025
AS_OF = datetime(2026, 6, 30, 18, 0, tzinfo=UTC)
SOURCE = "crm"

STAGES = [
    # name, checklist, wip_limit
    ("Lead captured", ["Named contact", "Need in the customer's words"], None),
    ("Discovery held", ["Call attended", "Cost of the problem stated"], 2000),
    ("Budget shared", ["Budget range in writing", "Budget owner named"], 1500),
    ("Proposal requested", ["Written request", "Decision makers named"], 1200),
    ("Terms in negotiation", ["Redlines received", "Purchasing steps described"], 800),
    ("Won", ["Signed order form"], None),
]
CHANNELS = ["Inbound", "Outbound", "Partner", "Event"]
CSV_COLUMNS = [
    "opportunity_id", "source", "opportunity", "rep", "rep_email", "team", "stage", "stage_position",
    "entered_at", "evidence_confirmed", "evidence_items", "outcome", "loss_reason", "amount", "opened_at",
    "closed_at", "channel",
]
CHUNK = 50_000


@dataclass(frozen=True)
class BenchData:
    """Where the generated files are, and what is in them."""

    n_events: int
    seed: int
    workspace: str
    csv: str
    as_of: str  # ISO, UTC
    opportunities: int
    open_opportunities: int
    reps: int
    teams: int
    stages: int
    cycles: int
    seconds_to_generate: float

    @property
    def as_of_dt(self) -> datetime:
        return datetime.fromisoformat(self.as_of)


# --------------------------------------------------------------------------- #
# the data itself, as numpy arrays
# --------------------------------------------------------------------------- #
def _uuids(rng: np.random.Generator, n: int) -> list[str]:
    """``n`` version-4 UUID strings from the generator (deterministic, fast)."""
    raw = rng.integers(0, 256, size=(n, 16), dtype=np.uint8)
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80
    h = raw.tobytes().hex()
    return [f"{h[i:i + 8]}-{h[i + 8:i + 12]}-{h[i + 12:i + 16]}-{h[i + 16:i + 20]}-{h[i + 20:i + 32]}"
            for i in range(0, 32 * n, 32)]


def _counts(rng: np.random.Generator, m: int, n: int) -> np.ndarray:
    """Events per opportunity: 1..9 (mean 5), adjusted so they add up to exactly ``n``."""
    if n < m:
        raise ValueError("need at least one event per opportunity")
    c = 1 + rng.binomial(8, 0.5, size=m)
    diff = n - int(c.sum())
    while diff != 0:
        step = 1 if diff > 0 else -1
        ok = np.flatnonzero((c < 9) if step > 0 else (c > 1))
        pick = rng.choice(ok, size=min(abs(diff), len(ok)), replace=False)
        c[pick] += step
        diff = n - int(c.sum())
    return c


def simulate(n_events: int, seed: int) -> dict:
    """All rows as arrays (times as int64 microseconds since the epoch, UTC)."""
    rng = np.random.default_rng(seed)
    m = max(n_events // 5, 1)
    k = len(STAGES)
    won = k - 1
    counts = _counts(rng, m, n_events)
    jmax = int(counts.max())

    # Stage paths, one column per event number: +1 mostly, +2 now and then, back one sometimes.
    stage = np.zeros((m, jmax), dtype=np.int64)
    u = rng.random((m, jmax))
    step = np.where(u < 0.78, 1, np.where(u < 0.85, 2, -1))
    for j in range(1, jmax):
        prev = stage[:, j - 1]
        nxt = prev + step[:, j]
        nxt = np.where(prev == won, won - 1, nxt)  # a won deal re-opened in the CRM
        stage[:, j] = np.clip(nxt, 0, won)
    # Gaps between events: exponential, mean 6 days, at least a minute.
    us_day = 86_400 * 1_000_000
    gaps = (rng.exponential(6.0, size=(m, jmax)) * us_day).astype(np.int64) + 60_000_000
    gaps[:, 0] = 0
    offset = np.cumsum(gaps, axis=1)
    live = np.arange(jmax)[None, :] < counts[:, None]
    last_j = counts - 1
    rows = np.arange(m)
    span = offset[rows, last_j]
    last_stage = stage[rows, last_j]

    as_of_us = int(AS_OF.timestamp() * 1_000_000)
    start_us = as_of_us - YEARS * 365 * us_day
    n_open = round(m * OPEN_SHARE) if m >= 40 else max(1, m // 10)
    # An opportunity whose last move entered the won stage is won (entering it closes the deal), so the
    # open ones are drawn from the others only: `check` rightly flags an open deal sitting in Won.
    is_open = np.zeros(m, dtype=bool)
    can_be_open = np.flatnonzero(last_stage != won)
    is_open[rng.choice(can_be_open, size=min(n_open, can_be_open.size), replace=False)] = True
    is_won = ~is_open & (last_stage == won)
    is_lost = ~is_open & ~is_won
    close_gap = np.where(is_lost, (rng.exponential(12.0, size=m) * us_day).astype(np.int64) + us_day, 0)
    # Open ones are recent (last move within 45 days); the others anywhere in the 3 years.
    latest = as_of_us - span - close_gap
    t0 = np.where(
        is_open,
        as_of_us - span - (rng.random(m) * 45 * us_day).astype(np.int64) - 3_600_000_000,
        start_us + (rng.random(m) * np.maximum(latest - start_us, 0)).astype(np.int64),
    )
    t0 = np.minimum(t0, latest)
    times = t0[:, None] + offset
    opened = t0 - (rng.random(m) * 2 * us_day).astype(np.int64)
    closed = np.where(is_open, -1, times[rows, last_j] + close_gap)

    ev_opp = np.repeat(rows, counts)
    ev_stage = stage[live]
    ev_t = times[live]
    ev_confirmed = rng.random(n_events) < 0.85
    ev_ticked = np.where(ev_confirmed, 2, rng.integers(0, 2, size=n_events))
    order = np.argsort(ev_t, kind="stable")  # inserted in time order, as a workspace grows

    rep = rng.integers(0, N_REPS, size=m)
    rep = np.where(rng.random(m) < 0.002, -1, rep)  # a few without a rep
    outcome = np.where(is_open, "open", np.where(is_won, "won", "lost"))
    reason = np.where(is_lost & (rng.random(m) < 0.93), rng.integers(0, 4, size=m), -1)
    amount = np.round(rng.lognormal(9.6, 0.7, size=m), -2)
    amount = np.where(rng.random(m) < 0.05, np.nan, amount)
    channel = rng.integers(0, len(CHANNELS) + 1, size=m)  # == len: no channel

    # cycles: spread over the 3 years, 6-10 weeks long, a realistic status mix
    c_start = start_us + (rng.random(N_CYCLES) * (YEARS * 365 + 14) * us_day).astype(np.int64)
    c_len = rng.integers(6, 11, size=N_CYCLES) * 7 * us_day
    c_stage = rng.integers(0, k - 1, size=N_CYCLES)
    c_owner = rng.integers(0, N_REPS, size=N_CYCLES)
    c_size = rng.integers(1, 6, size=N_CYCLES)
    c_pred = np.round(rng.uniform(0.3, 0.8, size=N_CYCLES), 2)
    c_tactic = rng.integers(0, N_TACTICS, size=N_CYCLES)
    c_team_reps = [rng.choice(N_REPS // N_TEAMS, size=N_REPS // N_TEAMS, replace=False) for _ in range(N_CYCLES)]
    return {
        "rng": rng, "m": m, "k": k, "n_open": n_open, "ev_opp": ev_opp[order], "ev_stage": ev_stage[order],
        "ev_t": ev_t[order], "ev_confirmed": ev_confirmed, "ev_ticked": ev_ticked, "rep": rep, "outcome": outcome,
        "reason": reason, "amount": amount, "channel": channel, "opened": opened, "closed": closed,
        "as_of_us": as_of_us, "start_us": start_us, "c_start": c_start, "c_len": c_len, "c_stage": c_stage,
        "c_owner": c_owner, "c_size": c_size, "c_pred": c_pred, "c_tactic": c_tactic, "c_team_reps": c_team_reps,
    }


def _fmt_db(us: np.ndarray) -> list[str]:
    """int64 µs -> SQLAlchemy's SQLite DateTime text ("YYYY-MM-DD HH:MM:SS.ffffff", UTC)."""
    return [s.replace("T", " ") for s in np.datetime_as_string(us.astype("datetime64[us]"), unit="us").tolist()]


def _fmt_iso_z(us: np.ndarray) -> list[str]:
    return [s + "Z" for s in np.datetime_as_string(us.astype("datetime64[us]"), unit="us").tolist()]


def _rep_names() -> tuple[list[str], list[str], list[int]]:
    names = [f"Rep {i + 1:03d}" for i in range(N_REPS)]
    emails = [f"rep{i + 1:03d}@bench.example" for i in range(N_REPS)]
    team = [i // (N_REPS // N_TEAMS) for i in range(N_REPS)]
    return names, emails, team


# --------------------------------------------------------------------------- #
# writers
# --------------------------------------------------------------------------- #
def write_workspace(path: Path, sim: dict) -> None:
    """Create the workspace (migrations) and bulk-insert every row in one transaction."""
    from sqlalchemy import column, insert, table, text

    from pdsa_desk.core.database import open_workspace

    rng: np.random.Generator = sim["rng"]
    ws = open_workspace(path)
    try:
        with ws.engine.begin() as conn:
            reason_ids = [r[0] for r in conn.execute(
                text("SELECT id FROM loss_reason WHERE deleted_at IS NULL ORDER BY position"))]
            conn.execute(text("UPDATE workspace_settings SET name = :n"),
                         {"n": f"Benchmark — {len(sim['ev_t']):,} events"})

            def bulk(name: str, rows: list[dict]) -> None:
                if not rows:
                    return
                tbl = table(name, *[column(c) for c in rows[0]])
                for i in range(0, len(rows), CHUNK):
                    conn.execute(insert(tbl), rows[i:i + CHUNK])

            stamp = _fmt_db(np.array([sim["start_us"]]))[0]
            base = {"created_at": stamp, "updated_at": stamp, "deleted_at": None}
            team_ids = _uuids(rng, N_TEAMS)
            bulk("team", [{"id": t, **base, "name": f"Team {i + 1:02d}"} for i, t in enumerate(team_ids)])
            names, emails, team = _rep_names()
            rep_ids = _uuids(rng, N_REPS)
            bulk("rep", [{"id": r, **base, "name": names[i], "email": emails[i], "active": 1,
                          "team_id": team_ids[team[i]]} for i, r in enumerate(rep_ids)])
            stage_ids = _uuids(rng, len(STAGES))
            bulk("stage", [{"id": s, **base, "position": i, "name": STAGES[i][0], "standard": f"{STAGES[i][0]}.",
                            "checklist": json.dumps(STAGES[i][1]), "wip_limit": STAGES[i][2], "window_days": 30,
                            "terminal": "won" if i == len(STAGES) - 1 else "none"} for i, s in enumerate(stage_ids)])
            bulk("standard_revision", [{"id": rid, **base, "stage_id": stage_ids[i], "name": STAGES[i][0],
                                        "standard": f"{STAGES[i][0]}.", "checklist": json.dumps(STAGES[i][1]),
                                        "effective_from": stamp, "author": "Sales ops"}
                                       for i, rid in enumerate(_uuids(rng, len(STAGES)))])

            m = sim["m"]
            opp_ids = _uuids(rng, m)
            opened, closed = _fmt_db(sim["opened"]), _fmt_db(np.maximum(sim["closed"], 0))
            rep, reason, amount, channel, outcome = (sim["rep"], sim["reason"], sim["amount"], sim["channel"],
                                                     sim["outcome"])
            bulk("opportunity", [{
                "id": opp_ids[i], "created_at": opened[i], "updated_at": opened[i], "deleted_at": None,
                "external_id": f"OPP-{i + 1:07d}", "source": SOURCE,
                "channel": CHANNELS[channel[i]] if channel[i] < len(CHANNELS) else None,
                "name": f"Account {i % 9973:04d} deal {i + 1}",
                "rep_id": rep_ids[rep[i]] if rep[i] >= 0 else None,
                "amount": None if np.isnan(amount[i]) else float(amount[i]),
                "opened_at": opened[i], "outcome": str(outcome[i]),
                "loss_reason_id": reason_ids[reason[i]] if reason[i] >= 0 and reason_ids else None,
                "closed_at": None if sim["closed"][i] < 0 else closed[i],
            } for i in range(m)])

            n = len(sim["ev_t"])
            ev_ids = _uuids(rng, n)
            at = _fmt_db(sim["ev_t"])
            items = [[json.dumps(c[:j]) for j in range(3)] for _, c, _ in STAGES]
            ev_opp, ev_stage = sim["ev_opp"].tolist(), sim["ev_stage"].tolist()
            conf, ticked = sim["ev_confirmed"].tolist(), sim["ev_ticked"].tolist()
            bulk("stage_event", [{
                "id": ev_ids[i], "created_at": at[i], "updated_at": at[i], "deleted_at": None,
                "opportunity_id": opp_ids[ev_opp[i]], "stage_id": stage_ids[ev_stage[i]], "entered_at": at[i],
                "evidence_confirmed": int(conf[i]), "evidence_items": items[ev_stage[i]][ticked[i]],
                "origin": "import",
            } for i in range(n)])

            tactic_ids = _uuids(rng, N_TACTICS)
            bulk("tactic", [{"id": t, **base, "name": f"Tactic {i + 1:03d}", "description": "A benchmark tactic.",
                             "stage_id": stage_ids[i % (len(STAGES) - 1)], "status": "testing",
                             "owner_rep_id": rep_ids[(7 * i) % N_REPS], "adopted_at": None}
                            for i, t in enumerate(tactic_ids)])
            cycle_ids = _uuids(rng, N_CYCLES)
            cycles, parts, obs = [], [], []
            c_start = np.datetime_as_string(sim["c_start"].astype("datetime64[us]"), unit="D").tolist()
            c_end = np.datetime_as_string((sim["c_start"] + sim["c_len"]).astype("datetime64[us]"),
                                          unit="D").tolist()
            part_ids = iter(_uuids(rng, N_CYCLES * 6))
            obs_ids = _uuids(rng, N_CYCLES)
            per_team = N_REPS // N_TEAMS
            for i, cid in enumerate(cycle_ids):
                end_us = int(sim["c_start"][i] + sim["c_len"][i])
                if end_us + 40 * 86_400_000_000 < sim["as_of_us"]:
                    status, decision = "closed", ("adopt", "adapt", "abandon")[i % 3]
                elif end_us < sim["as_of_us"]:
                    status, decision = ("study", "act")[i % 2], None
                elif int(sim["c_start"][i]) < sim["as_of_us"]:
                    status, decision = "do", None
                else:
                    status, decision = "plan", None
                owner = int(sim["c_owner"][i])
                team0 = (owner // per_team) * per_team
                members = sorted({owner, *(team0 + int(r) for r in sim["c_team_reps"][i][: int(sim["c_size"][i])])})
                cstamp = _fmt_db(np.array([sim["c_start"][i] - 7 * 86_400_000_000]))[0]
                cb = {"created_at": cstamp, "updated_at": cstamp, "deleted_at": None}
                cycles.append({
                    "id": cid, **cb, "title": f"Cycle {i + 1:03d}", "tactic_id": tactic_ids[int(sim["c_tactic"][i])],
                    "owner_rep_id": rep_ids[owner], "whole_team": 0, "team_id": None,
                    "from_stage_id": stage_ids[int(sim["c_stage"][i])], "status": status,
                    "planned_start": c_start[i], "planned_end": c_end[i], "parent_id": None,
                    "objective": "Move more customers to the next stage.", "questions": "", "prediction_rate":
                    float(sim["c_pred"][i]), "prediction_text": "", "change_idea": "A benchmark change.",
                    "who_what_where_when": "", "data_plan": "", "min_sample_size": 30, "baseline_start": None,
                    "baseline_end": None, "study_interpretation": "", "decision": decision, "rationale": "",
                    "decided_at": _fmt_db(np.array([end_us + 20 * 86_400_000_000]))[0] if decision else None,
                })
                for r in members:
                    parts.append({"id": next(part_ids), **cb, "cycle_id": cid, "rep_id": rep_ids[r]})
                obs.append({"id": obs_ids[i], **cb, "cycle_id": cid, "observed_at": cstamp, "author": names[owner],
                            "text": "Customers responded as expected.", "kind": "observation"})
            bulk("cycle", cycles)
            bulk("cycle_participant", parts)
            bulk("cycle_observation", obs)
    finally:
        ws.close()
    # Leave one self-contained file (no -wal beside it), so copies are exact.
    import sqlite3

    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute("ANALYZE")
        con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()


def write_csv(path: Path, ws_path: Path) -> None:
    """The workspace as the pdsa-desk events file (long shape), read back from the database so the
    CSV and the workspace are the same data by construction."""
    import sqlite3

    con = sqlite3.connect(f"file:{ws_path}?mode=ro", uri=True)
    try:
        rows = con.execute(
            """
            SELECT o.external_id, o.source, o.name, coalesce(r.name, ''), coalesce(r.email, ''),
                   coalesce(t.name, ''), s.name, s.position, e.entered_at, e.evidence_confirmed,
                   e.evidence_items, o.outcome, coalesce(l.name, ''), o.amount, o.opened_at, o.closed_at,
                   coalesce(o.channel, '')
            FROM stage_event e
            JOIN opportunity o ON o.id = e.opportunity_id
            JOIN stage s ON s.id = e.stage_id
            LEFT JOIN rep r ON r.id = o.rep_id
            LEFT JOIN team t ON t.id = r.team_id
            LEFT JOIN loss_reason l ON l.id = o.loss_reason_id
            WHERE e.deleted_at IS NULL AND o.deleted_at IS NULL
            ORDER BY o.external_id, e.entered_at
            """
        )

        def iso(value: str | None) -> str:
            return "" if value is None else value.replace(" ", "T") + "Z"

        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            out = csv.writer(fh)
            out.writerow(CSV_COLUMNS)
            for r in rows:
                out.writerow((
                    r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], iso(r[8]), "true" if r[9] else "false",
                    " | ".join(json.loads(r[10])), r[11], r[12], "" if r[13] is None else f"{r[13]:g}",
                    iso(r[14]), iso(r[15]), r[16],
                ))
    finally:
        con.close()


# --------------------------------------------------------------------------- #
# cache
# --------------------------------------------------------------------------- #
def default_cache_dir() -> Path:
    base = os.environ.get("PDSA_BENCH_CACHE") or Path(tempfile.gettempdir()) / "pdsa-desk-bench-cache"
    return Path(base)


def cached(n_events: int, seed: int = 1, cache_dir: Path | None = None, log=print) -> BenchData:
    """The benchmark workspace and CSV for ``(n_events, seed)``, generated on first use."""
    from pdsa_desk.core.schema import head_revision

    # Keyed by the schema too: a workspace from an older schema would be migrated (and backed up)
    # by every process that opens it, which is not what the figures are about.
    root = (cache_dir or default_cache_dir()) / f"v{GENERATOR_VERSION}-{head_revision()}-n{n_events}-s{seed}"
    meta_path = root / "meta.json"
    if meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if Path(meta["workspace"]).exists() and Path(meta["csv"]).exists():
            return BenchData(**meta)
    if root.exists():
        shutil.rmtree(root)
    root.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=root.name + ".", dir=root.parent))
    started = time.perf_counter()
    log(f"generating the benchmark data for {n_events:,} events (seed {seed}) in {root} …")
    sim = simulate(n_events, seed)
    write_workspace(tmp / "workspace.sqlite", sim)
    write_csv(tmp / "events.csv", tmp / "workspace.sqlite")
    tmp.rename(root)
    meta = BenchData(
        n_events=n_events, seed=seed, workspace=str(root / "workspace.sqlite"), csv=str(root / "events.csv"),
        as_of=AS_OF.isoformat(), opportunities=sim["m"], open_opportunities=sim["n_open"], reps=N_REPS,
        teams=N_TEAMS, stages=len(STAGES), cycles=N_CYCLES, seconds_to_generate=time.perf_counter() - started,
    )
    meta_path.write_text(json.dumps(asdict(meta), indent=2))
    log(f"  … done in {meta.seconds_to_generate:.1f} s")
    return meta


def fresh_copy(data: BenchData, target_dir: Path) -> Path:
    """A private copy of the cached workspace (benchmarks that open it in WAL mode touch the file)."""
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / "workspace.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(data.workspace, target)
    return target
