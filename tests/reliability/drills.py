"""The reliability drills: ``make drills`` runs them all and writes docs/reliability.md.

``python tests/reliability/drills.py [--trials N] [--quick] [--only NAME …] [--out FILE] [--work DIR]``

Each drill does to pdsa-desk what the world does to it, many times, and checks what SQLite's documentation
of atomic commit and of corruption promises (https://sqlite.org/atomiccommit.html,
https://sqlite.org/howtocorrupt.html): nothing lost, nothing half-written, no damage passed over in silence,
and every failure said in plain words.

* ``kill_import``, ``kill_merge``, ``kill_upgrade``: ``kill -9`` of a process importing a CRM export,
  merging a bundle or upgrading an older workspace, at a random moment, or aimed at its commit (the kill
  lands 0–1.2× the commit's own duration, measured in an undisturbed run, after the ``COMMIT`` the child
  announces just before committing). Each trial checks: all of the
  change or none of it (row counts are the "before" or the "after" of a calibration run), ``check`` healthy,
  SQLite's integrity check ok, and every row that was there before unchanged. The upgrade also checks that
  every backup file is a complete copy of the old workspace (a kill during the copy leaves only a hidden
  temporary file, which the next backup removes).
* ``two_writers``: two processes editing one workspace while a third holds the write lock for 0–1.5× the
  busy timeout: every edit succeeds or gets a plain message (busy, changed by someone else).
* ``full_disk``: import, export (.xlsx, .csv), bundle export and upgrade in a process with a small
  ``RLIMIT_FSIZE`` (writing past it fails like a full disk): exit status 0 with complete output, or one plain
  line on stderr; the workspace all-or-nothing, healthy and intact; no partial output or backup.
* ``damaged_files``: bytes overwritten at random offsets of a workspace: ``check`` never crashes and reports
  what SQLite finds; ``export`` never exits 0 with rows missing; the GUI's quick check is recorded too.
* ``hostile``: bundles and imports made to hurt (huge cells, lying headers, truncated or foreign files,
  many tombstones): the outcome, the time and the peak memory (RSS) of each, recorded, not judged by speed.

The data comes from the demo generator (:func:`pdsa_desk.core.demo.write_demo`) and the benchmark generator
(``tests/benchmarks/bench_generate.py``). ``--quick`` uses small data and two trials each (the smoke run in
``make test``, ``test_drills_smoke.py``).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CHILD = HERE / "drill_child.py"
sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
sys.path.insert(0, str(HERE))

DEMO_AS_OF = date(2026, 11, 24)
BUSY = "Another pdsa-desk is saving to this workspace — try again."
#: Tables whose rows a change must leave alone, compared by id (all of the workspace's tables).
_SKIP_TABLES = {"alembic_version", "sqlite_sequence"}


# --------------------------------------------------------------------------------------------------------
# results
# --------------------------------------------------------------------------------------------------------
@dataclass
class DrillResult:
    """What one drill found: outcomes per trial, failures (a broken promise), notes and measurements."""

    name: str
    title: str
    promise: str
    trials: int = 0
    outcomes: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # a table for the report (hostile inputs)
    header: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def fail(self, trial: int, why: str) -> None:
        self.failures.append(f"trial {trial}: {why}")

    @property
    def ok(self) -> bool:
        return not self.failures


# --------------------------------------------------------------------------------------------------------
# data
# --------------------------------------------------------------------------------------------------------
@dataclass
class Data:
    """The files every drill starts from (made once, copied per trial)."""

    folder: Path
    workspace: Path  # the demo workspace, checkpointed
    older: Path  # the same at schema 0001 (opening it upgrades it)
    csv: Path  # the benchmark generator's events: new opportunities for the demo workspace
    bundle: Path  # another team's work (another demo), to merge into the workspace
    quick: bool

    @classmethod
    def make(cls, folder: Path, *, quick: bool, log: Callable[[str], None] = print) -> Data:
        import bench_generate
        from reliability_support import checkpoint, make_older_schema

        from pdsa_desk.core.database import open_workspace
        from pdsa_desk.core.demo import write_demo
        from pdsa_desk.core.exchange import export_bundle

        folder.mkdir(parents=True, exist_ok=True)
        workspace = folder / "demo.sqlite"
        if not workspace.exists():
            log("writing the demo workspace …")
            write_demo(workspace, as_of=DEMO_AS_OF, weeks=20 if quick else 104, reps=2 if quick else 8)
            checkpoint(workspace)
        older = folder / "older.sqlite"
        if not older.exists():
            shutil.copyfile(workspace, older)
            make_older_schema(older)
        n_events = 1_000 if quick else 20_000
        bench = bench_generate.cached(n_events, 1, cache_dir=folder / "bench", log=log)
        bundle = folder / "colleague.pdsa"
        if not bundle.exists():
            log("writing a colleague's bundle …")
            other = folder / "colleague.sqlite"
            other.unlink(missing_ok=True)
            write_demo(other, seed=11, as_of=DEMO_AS_OF, weeks=20 if quick else 40, reps=2 if quick else 4)
            ws = open_workspace(other, create=False)
            try:
                export_bundle(ws, bundle)
            finally:
                ws.close()
        return cls(folder, workspace, older, Path(bench.csv), bundle, quick)


def copy_workspace(src: Path, folder: Path, name: str = "workspace.sqlite") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(src, target)
    return target


# --------------------------------------------------------------------------------------------------------
# what a workspace holds
# --------------------------------------------------------------------------------------------------------
@dataclass
class Snapshot:
    revision: str | None
    counts: dict[str, int]
    digests: dict[str, dict[str, str]]  # table -> id -> digest of the row
    integrity: str

    @classmethod
    def take(cls, path: Path) -> Snapshot:
        con = sqlite3.connect(path)  # recovers a hot write-ahead log, as the next opening would
        try:
            integrity = "; ".join(r[0] for r in con.execute("PRAGMA integrity_check").fetchall()[:3])
            tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                                "AND name NOT LIKE 'sqlite_%'")]
            revision = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            counts, digests = {}, {}
            for table in tables:
                if table in _SKIP_TABLES:
                    continue
                cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
                key = "id" if "id" in cols else "rowid"
                rows = con.execute(f"SELECT {key}, * FROM {table}").fetchall()  # our own tables' names
                counts[table] = len(rows)
                digests[table] = {str(r[0]): hashlib.sha1(repr(r[1:]).encode(), usedforsecurity=False).hexdigest()
                                  for r in rows}
        finally:
            con.close()
        return cls(revision, counts, digests, integrity)

    def changed_rows(self, before: Snapshot) -> list[str]:
        """Rows of ``before`` that are gone or different here."""
        changed = []
        for table, rows in before.digests.items():
            now = self.digests.get(table, {})
            bad = [row_id for row_id, digest in rows.items() if now.get(row_id) != digest]
            if bad:
                changed.append(f"{table}: {len(bad)} row(s) changed or gone")
        return changed


def check_healthy(path: Path, folder: Path) -> list[str]:
    """``pdsa-desk check`` of a copy (opening may upgrade or recover it: the original stays as it was)."""
    from pdsa_desk.core.check import check_workspace
    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.core.errors import PdsaError

    copy = folder / "checked.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
        if Path(f"{path}{suffix}").exists():
            shutil.copyfile(f"{path}{suffix}", f"{copy}{suffix}")
    try:
        ws = open_workspace(copy, create=False)
    except PdsaError as exc:
        return [f"cannot be opened: {exc}"]
    try:
        return [str(f) for f in check_workspace(ws)]
    finally:
        ws.close()


# --------------------------------------------------------------------------------------------------------
# children
# --------------------------------------------------------------------------------------------------------
@dataclass
class ChildRun:
    lines: list[str]
    status: int | None  # None: killed
    seconds: float
    peak_mb: float

    def first(self, prefix: str) -> str | None:
        return next((line for line in self.lines if line.startswith(prefix)), None)


def _env(tmp: Path | None = None) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
    if tmp is not None:
        tmp.mkdir(parents=True, exist_ok=True)
        env["TMPDIR"] = str(tmp)
    return env


def start_child(action: str, args: dict[str, Any], tmp: Path | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(CHILD), action, json.dumps(args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=_env(tmp), bufsize=1)


def _reap(proc: subprocess.Popen, timeout: float | None) -> bool:
    """Wait up to ``timeout`` seconds (None: for ever) for the child, keeping its resource usage (peak
    memory) with it; True when it has ended."""
    if getattr(proc, "drill_usage", None) is not None:
        return True
    deadline = None if timeout is None else time.perf_counter() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, 0 if deadline is None else os.WNOHANG)
        if pid == proc.pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            proc.drill_usage = usage  # type: ignore[attr-defined]
            return True
        if deadline is not None and time.perf_counter() >= deadline:
            return False
        time.sleep(0.002)


def finish_child(proc: subprocess.Popen, started: float, lines: list[str] | None = None,
                 killed: bool = False) -> ChildRun:
    _reap(proc, None)
    usage = proc.drill_usage  # type: ignore[attr-defined]
    out, err = proc.communicate()
    seen = (lines or []) + out.splitlines()
    if err.strip():
        seen += [f"STDERR {line}" for line in err.splitlines()]
    own = next((line for line in reversed(seen) if line.startswith("PEAK ")), None)  # see drill_child.peak_rss_mb
    return ChildRun(seen, None if killed else proc.returncode, time.perf_counter() - started,
                    float(own.split()[1]) if own else usage.ru_maxrss / 1024)


def run_child(action: str, args: dict[str, Any], tmp: Path | None = None, timeout: float = 900) -> ChildRun:
    started = time.perf_counter()
    proc = start_child(action, args, tmp)
    if not _reap(proc, timeout):
        proc.kill()
    return finish_child(proc, started)


def read_until(proc: subprocess.Popen, marker: str, deadline: float) -> list[str]:
    """Lines of the child up to and including the first that starts with ``marker`` (or its end)."""
    lines: list[str] = []
    assert proc.stdout is not None
    while time.perf_counter() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if line.startswith(marker):
            break
    return lines


def kill_at(action: str, args: dict[str, Any], *, delay: float | None = None, after: str | None = None,
            tmp: Path | None = None) -> tuple[ChildRun, bool]:
    """Run a child and ``kill -9`` it ``delay`` seconds after it starts, or after its ``after`` line; returns
    the run and whether the kill came before the child finished by itself."""
    started = time.perf_counter()
    proc = start_child(action, args, tmp)
    lines: list[str] = []
    if after is not None:
        lines = read_until(proc, after, started + 600)
    finished = _reap(proc, max(0.0, delay or 0.0))
    if not finished:
        os.kill(proc.pid, signal.SIGKILL)
    return finish_child(proc, started, lines, killed=not finished), not finished


# --------------------------------------------------------------------------------------------------------
# kill -9 during import, merge, upgrade
# --------------------------------------------------------------------------------------------------------
@dataclass
class Calibration:
    before: Snapshot
    after: Snapshot
    seconds: float  # start to end of an undisturbed run
    commit_seconds: float  # from COMMIT to the end
    note: str


def calibrate(action: str, base: Path, folder: Path, extra: dict[str, Any]) -> Calibration:
    work = copy_workspace(base, folder / "calibration")
    before = Snapshot.take(work)
    started = time.perf_counter()
    proc = start_child(action, {"db": str(work), **extra}, folder / "tmp")
    lines = read_until(proc, "COMMIT", started + 900)
    committing = time.perf_counter()
    lines += read_until(proc, "COMMITTED", started + 900)
    commit_seconds = time.perf_counter() - committing
    run = finish_child(proc, started, lines)
    if run.status != 0:
        raise RuntimeError(f"the undisturbed {action} failed: {run.lines[-5:]}")
    after = Snapshot.take(work)
    changed = after.changed_rows(before)
    note = (f"undisturbed {action}: {run.seconds:.1f} s, of which the commit {commit_seconds * 1000:.1f} ms, "
            f"{sum(after.counts.values()) - sum(before.counts.values()):+,} rows"
            + (f"; rows it changes on purpose: {', '.join(changed)}" if changed else ""))
    return Calibration(before, after, run.seconds, commit_seconds, note)


def _state(snap: Snapshot, cal: Calibration, action: str) -> str:
    if action == "upgrade":
        if snap.revision == cal.before.revision and snap.counts == cal.before.counts:
            return "none"
        if snap.revision == cal.after.revision and snap.counts == cal.after.counts:
            return "all"
        return f"partial (revision {snap.revision})"
    if snap.counts == cal.before.counts:
        return "none"
    if snap.counts == cal.after.counts:
        return "all"
    diff = {t: snap.counts.get(t, 0) - cal.before.counts.get(t, 0) for t in snap.counts
            if snap.counts.get(t, 0) != cal.before.counts.get(t, 0)}
    return f"partial {diff}"


def _backups_complete(folder: Path, before: Snapshot) -> list[str]:
    problems = []
    for backup in folder.glob("*.backup-*"):
        if backup.name.startswith("."):
            continue
        try:
            snap = Snapshot.take(backup)
        except sqlite3.Error as exc:
            problems.append(f"{backup.name} is not a readable copy ({exc})")
            continue
        if snap.integrity != "ok" or snap.counts != before.counts or snap.revision != before.revision:
            problems.append(f"{backup.name} is not a complete copy of the old workspace")
    return problems


def kill_drill(name: str, action: str, data: Data, trials: int, work: Path, rng: random.Random,
               extra: dict[str, Any], base: Path) -> DrillResult:
    titles = {"import": "kill -9 during an import", "merge": "kill -9 during a merge",
              "upgrade": "kill -9 during a schema upgrade"}
    result = DrillResult(name, titles[action], "all of the change or none of it; check healthy; SQLite's "
                         "integrity check ok; every row that was there before unchanged")
    folder = work / name
    cal = calibrate(action, base, folder, extra)
    result.notes.append(cal.note)
    leftovers = 0
    for trial in range(1, trials + 1):
        trial_dir = folder / f"t{trial:03d}"
        shutil.rmtree(trial_dir, ignore_errors=True)
        path = copy_workspace(base, trial_dir)
        tmp = trial_dir / "tmp"
        aimed = trial % 2 == 0  # every other trial aims at the commit
        marker = "BACKUP" if action == "upgrade" and trial % 4 == 1 else "COMMIT"
        if aimed:
            run, killed = kill_at(action, {"db": str(path), **extra}, after=marker, tmp=tmp,
                                  delay=rng.uniform(0, 1.2 * max(cal.commit_seconds, 0.002)))
            how = f"aimed at {marker.lower()}"
        else:
            run, killed = kill_at(action, {"db": str(path), **extra}, tmp=tmp,
                                  delay=rng.uniform(0.05, 1.1 * cal.seconds))
            how = "random moment"
        crash = run.first("CRASH") or run.first("REFUSED")
        if crash:
            result.fail(trial, f"the {action} failed by itself: {crash[:300]}")
        snap = Snapshot.take(path)
        state = _state(snap, cal, action)
        result.outcomes[f"{'killed' if killed else 'finished before the kill'} ({how}): {state}"] += 1
        if state.startswith("partial"):
            result.fail(trial, f"half a change: {state}")
        if snap.integrity != "ok":
            result.fail(trial, f"integrity check: {snap.integrity}")
        reference = cal.before if state == "none" else cal.after
        changed = snap.changed_rows(cal.before) if state == "none" else [
            c for c in snap.changed_rows(cal.before) if c not in cal.after.changed_rows(cal.before)]
        if changed and reference is not None:
            result.fail(trial, f"rows that were there before changed: {', '.join(changed)}")
        findings = check_healthy(path, trial_dir)
        if findings:
            result.fail(trial, f"check: {'; '.join(findings[:3])}")
        if action == "upgrade":
            for problem in _backups_complete(trial_dir, cal.before):
                result.fail(trial, problem)
        leftovers += sum(1 for pattern in ("pdsa-bundle-*", "pdsa-desk-scratch-*") for _ in tmp.glob(pattern)) \
            if tmp.exists() else 0
        result.trials += 1
        shutil.rmtree(trial_dir, ignore_errors=True)
    if action == "merge":
        result.notes.append(f"temporary bundle copies left behind by killed merges: {leftovers} of {trials} "
                            "(a bundle of the current schema is read in place; the scratch copy of an older one "
                            "is removed when pdsa-desk next starts: tests/core/test_merge_in_place.py)")
    return result


# --------------------------------------------------------------------------------------------------------
# two writers
# --------------------------------------------------------------------------------------------------------
def two_writers(data: Data, trials: int, work: Path, rng: random.Random) -> DrillResult:
    result = DrillResult("two_writers", "two writers at once", "every edit is saved, or refused with a plain "
                         "message (busy, changed by someone else); none crashes or is lost")
    busy_ms = 500 if data.quick else 5000
    folder = work / "two_writers"
    for trial in range(1, trials + 1):
        path = copy_workspace(data.workspace, folder / f"t{trial:03d}")
        hold = rng.choice((0.0, rng.uniform(0, 1.5) * busy_ms / 1000))
        holder = start_child("hold", {"db": str(path), "seconds": hold}) if hold else None
        if holder is not None:
            read_until(holder, "HELD", time.perf_counter() + 60)
        started = time.perf_counter()
        editors = [start_child("edits", {"db": str(path), "n": 4 if data.quick else 8, "seed": trial * 10 + i,
                                         "busy_ms": busy_ms}) for i in range(2)]
        runs = [finish_child(p, started) for p in editors]
        if holder is not None:
            finish_child(holder, started)
        for run in runs:
            for line in run.lines:
                if line.startswith("EDIT"):
                    _, outcome, message = [*line.split(" ", 2), ""][:3]
                    result.outcomes[outcome] += 1
                    if outcome == "busy" and message != BUSY:
                        result.fail(trial, f"busy without the plain message: {message[:200]}")
                    if outcome in ("crash", "untranslated"):
                        result.fail(trial, f"not a plain message: {message[:300]}")
                elif line.startswith(("CRASH", "REFUSED", "STDERR")):
                    result.fail(trial, line[:300])
        if Snapshot.take(path).integrity != "ok":
            result.fail(trial, "integrity check failed after the writers")
        result.trials += 1
        shutil.rmtree(path.parent, ignore_errors=True)
    result.notes.append(f"busy timeout {busy_ms} ms; the lock was held for 0–1.5× that by a third process")
    return result


# --------------------------------------------------------------------------------------------------------
# full disk
# --------------------------------------------------------------------------------------------------------
def _plain_failure(run: ChildRun) -> str | None:
    """Why a failed command's output is not one plain line (None when it is)."""
    errors = [line for line in run.lines if line.startswith("STDERR")]
    text = " ".join(errors)
    if any(word in text for word in ("Traceback", "[SQL", "INSERT ", "parameters")) or run.first("CRASH"):
        return f"not a plain message: {text[:300]}"
    if len(errors) != 1:
        return f"{len(errors)} lines on stderr: {text[:300]}"
    return None


def full_disk(data: Data, trials: int, work: Path, rng: random.Random) -> DrillResult:
    result = DrillResult("full_disk", "full disk (RLIMIT_FSIZE)", "exit 0 with complete output, or one plain "
                         "line; the workspace all-or-nothing, healthy, intact; no partial output or backup")
    folder = work / "full_disk"
    before = Snapshot.take(data.workspace)
    size = data.workspace.stat().st_size
    operations = ("import", "export-xlsx", "export-csv", "bundle-export", "upgrade")
    for trial in range(1, trials + 1):
        op = operations[(trial - 1) % len(operations)]
        trial_dir = folder / f"t{trial:03d}"
        shutil.rmtree(trial_dir, ignore_errors=True)
        base = data.older if op == "upgrade" else data.workspace
        path = copy_workspace(base, trial_dir)
        out_dir = trial_dir / "out"
        out_dir.mkdir()
        limit = int(rng.uniform(64 * 1024, 1.5 * size))
        argv = {
            "import": ["import", str(data.csv), "--db", str(path), "--preset", "pdsa-desk"],
            "export-xlsx": ["export", "--db", str(path), "--what", "events", "--out", str(out_dir / "e.xlsx")],
            "export-csv": ["export", "--db", str(path), "--what", "events", "--out", str(out_dir / "e.csv")],
            "bundle-export": ["bundle", "export", "--db", str(path), "--out", str(out_dir / "w.pdsa")],
            "upgrade": ["check", "--db", str(path)],
        }[op]
        run = run_child("cli", {"argv": argv, "fsize": limit}, trial_dir / "tmp")
        status = run.status
        outcome = "completed" if status == 0 else "refused in plain words"
        if status != 0:
            why = _plain_failure(run)
            if why:
                result.fail(trial, f"{op} at {limit:,} bytes: {why}")
                outcome = "refused, but not in plain words"
            if any(out_dir.iterdir()):
                result.fail(trial, f"{op}: partial output left: {[p.name for p in out_dir.iterdir()]}")
        result.outcomes[f"{op}: {outcome}"] += 1
        snap = Snapshot.take(path)
        if snap.integrity != "ok":
            result.fail(trial, f"{op}: integrity check: {snap.integrity}")
        if op != "upgrade" and op != "import" and snap.changed_rows(before):
            result.fail(trial, f"{op}: the workspace changed: {snap.changed_rows(before)}")
        if op == "import" and snap.counts != before.counts and status != 0:
            result.fail(trial, "a failed import left rows behind")
        for backup in trial_dir.glob("*backup*"):
            result.fail(trial, f"{op}: a backup file was left: {backup.name} ({backup.stat().st_size} bytes)") \
                if status != 0 else None
        findings = check_healthy(path, trial_dir)
        if findings:
            result.fail(trial, f"{op}: check: {'; '.join(findings[:3])}")
        result.trials += 1
        shutil.rmtree(trial_dir, ignore_errors=True)
    return result


# --------------------------------------------------------------------------------------------------------
# damaged files
# --------------------------------------------------------------------------------------------------------
def _main(argv: list[str]) -> tuple[int | str, str]:
    """pdsa-desk's command line in this process: (exit status or "crash", what it wrote)."""
    from pdsa_desk.app import main

    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status: int | str = main(argv)
    except Exception as exc:  # noqa: BLE001 - a crash is what the drill counts
        return "crash", f"{type(exc).__name__}: {exc}"[:300]
    return status, out.getvalue() + err.getvalue()


def _csv_rows(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return sum(1 for _ in fh) - 1


def damaged_files(data: Data, trials: int, work: Path, rng: random.Random) -> DrillResult:
    from pdsa_desk.core.integrity import QuickCheck

    result = DrillResult("damaged_files", "damaged files (bytes overwritten at random offsets)",
                         "check never crashes and reports damage in plain words; export never exits 0 with "
                         "rows missing")
    folder = work / "damaged"
    folder.mkdir(parents=True, exist_ok=True)
    reference = folder / "reference.csv"
    status, text = _main(["export", "--db", str(copy_workspace(data.workspace, folder, "ref.sqlite")), "--what",
                          "events", "--out", str(reference)])
    if status != 0:
        raise RuntimeError(f"the reference export failed: {text}")
    expected = _csv_rows(reference)
    size = data.workspace.stat().st_size
    for trial in range(1, trials + 1):
        path = copy_workspace(data.workspace, folder / f"t{trial:03d}")
        offset = rng.randrange(0, size)
        length = rng.choice((1, 4, 16, 64, 512))
        with path.open("r+b") as fh:
            fh.seek(offset)
            fh.write(bytes(rng.randrange(256) for _ in range(length)))
        quick = QuickCheck(path).run()
        check_status, check_text = _main(["check", "--db", str(path)])
        if check_status == "crash" or "Traceback" in check_text:
            result.fail(trial, f"check crashed at offset {offset:,}: {check_text[:300]}")
        out = path.parent / "events.csv"
        export_status, export_text = _main(["export", "--db", str(path), "--what", "events", "--out", str(out)])
        export_outcome = "export crashed"
        if export_status == "crash" or "Traceback" in export_text:
            result.fail(trial, f"export crashed at offset {offset:,}: {export_text[:300]}")
        elif export_status == 0:
            rows = _csv_rows(out)
            if rows < expected:
                result.fail(trial, f"export exited 0 with {expected - rows} of {expected} rows missing "
                                   f"(offset {offset:,}, {length} bytes)")
            export_outcome = "export complete"
        else:
            export_outcome = "export refused"
        check_outcome = {0: "check healthy", 1: "check found damage"}.get(check_status,  # type: ignore[call-overload]
                                                                          f"check {check_status}")
        found = "found damage" if quick else "found nothing"
        result.outcomes[f"{check_outcome}, {export_outcome}, GUI quick check {found}"] += 1
        result.trials += 1
        shutil.rmtree(path.parent, ignore_errors=True)
    result.notes.append(f"{size:,}-byte workspace, {expected:,} events; 1–512 random bytes per trial, anywhere in "
                        "the file. A healthy check with a complete export means the bytes landed where nothing "
                        "is read (free space, slack) or changed a value without breaking the format, which "
                        "SQLite cannot see (it keeps no checksums).")
    return result


# --------------------------------------------------------------------------------------------------------
# hostile bundles and imports
# --------------------------------------------------------------------------------------------------------
def _tombstone_bundle(data: Data, folder: Path, n: int) -> Path:
    """A bundle of ``n`` opportunity tombstones (deleted opportunities), written through pdsa-desk."""
    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.core.exchange import export_bundle

    source = folder / "tombstones.sqlite"
    ws = open_workspace(source)
    try:
        now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        import uuid

        rows = [(str(uuid.uuid4()), f"Gone {i}", now, now, now, now) for i in range(n)]
        with ws.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO opportunity (id, name, outcome, opened_at, created_at, updated_at, deleted_at, source, "
                "external_id, amount, channel, rep_id, loss_reason_id, closed_at) "
                "VALUES (?, ?, 'open', ?, ?, ?, ?, NULL, NULL, NULL, NULL, NULL, NULL, NULL)", rows)
        out = folder / f"tombstones-{n}.pdsa"
        export_bundle(ws, out)
    finally:
        ws.close()
    return out


def _edited_bundle(data: Data, folder: Path, name: str, *statements: str) -> Path:
    from reliability_support import run_sql

    out = folder / name
    shutil.copyfile(data.bundle, out)
    run_sql(out, *statements)
    return out


def _hostile_inputs(data: Data, folder: Path) -> list[tuple[str, list[str]]]:
    folder.mkdir(parents=True, exist_ok=True)
    n_tomb = 5_000 if data.quick else 1_000_000  # issue 14 measured 10⁶ tombstones: 219 s, 1.4 GB
    big_cell = 2 if data.quick else 64  # MB
    cases: list[tuple[str, Path, str]] = []
    cases.append((f"bundle: {n_tomb:,} tombstones", _tombstone_bundle(data, folder, n_tomb), "merge"))
    cases.append(("bundle: a 10 MB opportunity name", _edited_bundle(
        data, folder, "big-name.pdsa",
        "UPDATE opportunity SET name = printf('%.*c', 10000000, 'x') WHERE rowid = (SELECT min(rowid) FROM "
        "opportunity)"), "merge"))
    cases.append(("bundle: header lists one row more than it holds", _edited_bundle(
        data, folder, "lying.pdsa",
        "UPDATE pdsa_bundle_header SET value = CAST(value AS INTEGER) + 1 WHERE key = 'rows.opportunity'"), "merge"))
    cases.append(("bundle: a 100 MB table it does not declare", _edited_bundle(
        data, folder, "padded.pdsa", "CREATE TABLE padding (b BLOB)",
        *["INSERT INTO padding VALUES (zeroblob(10000000))"] * (2 if data.quick else 10)), "merge"))
    truncated = folder / "truncated.pdsa"
    raw = data.bundle.read_bytes()
    truncated.write_bytes(raw[: len(raw) // 2])
    cases.append(("bundle: cut in half", truncated, "merge"))
    noise = folder / "noise.pdsa"
    noise.write_bytes(b"SQLite format 3\x00" + os.urandom(200_000))
    cases.append(("bundle: SQLite header, random bytes", noise, "merge"))
    cases.append(("bundle: a workspace, not a bundle", data.older, "merge"))
    huge = folder / "huge-cell.csv"
    with huge.open("w", encoding="utf-8") as fh:
        fh.write("opportunity_id,stage,entered_at,opportunity\n1,Lead captured,2026-01-05,")
        fh.write("x" * (big_cell * 1024 * 1024))
        fh.write("\n")
    cases.append((f"import: one {big_cell} MB cell", huge, "import"))
    wide = folder / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(100_000)) + "\n" + ",".join("1" for _ in range(100_000)) + "\n")
    cases.append(("import: 100,000 columns", wide, "import"))
    bad = folder / "bad-dates.csv"
    rows = 20_000 if data.quick else 300_000
    with bad.open("w", encoding="utf-8") as fh:
        fh.write("opportunity_id,stage,entered_at,opportunity\n")
        for i in range(rows):
            fh.write(f"X{i},Lead captured,not a date {i},Deal {i}\n")
    cases.append((f"import: {rows:,} rows, every date invalid", bad, "import"))
    binary = folder / "binary.csv"
    binary.write_bytes(os.urandom(2_000_000))
    cases.append(("import: 2 MB of random bytes named .csv", binary, "import"))
    bomb = folder / "entities.xlsx"
    _entity_bomb(bomb)
    cases.append(("import: .xlsx with nested XML entities (billion laughs)", bomb, "import"))
    out: list[tuple[str, list[str]]] = []
    for label, path, kind in cases:
        argv = (["bundle", "merge", str(path), "--db", "{db}", "--map-by-name"] if kind == "merge"
                else ["import", str(path), "--db", "{db}"])
        out.append((label, argv))
    return out


def _entity_bomb(path: Path) -> None:
    """A minimal .xlsx whose sheet declares entities that expand exponentially (defused XML parsers refuse)."""
    import zipfile

    lol = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    sheet = (f'<?xml version="1.0"?><!DOCTYPE worksheet [{lol}]><worksheet xmlns="http://schemas.openxmlformats.org/'
             'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row>'
             '</sheetData></worksheet>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
                   'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                   'spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
                   'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                   'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/'
                   'sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet)


_MARKERS = ("READY", "DONE", "COMMIT", "BACKUP", "BACKED-UP", "HELD")


def hostile(data: Data, trials: int, work: Path, rng: random.Random) -> DrillResult:
    del trials, rng  # one run per input
    result = DrillResult("hostile", "hostile bundles and imports", "refused in plain words, or taken in; never "
                         "a crash; the workspace intact when refused. Time and peak memory recorded, not judged")
    result.header = ["input", "outcome", "seconds", "peak RSS (MB)", "what pdsa-desk said"]
    folder = work / "hostile"
    before = Snapshot.take(data.workspace)
    for label, argv in _hostile_inputs(data, folder / "inputs"):
        trial_dir = folder / f"t{result.trials + 1:03d}"
        path = copy_workspace(data.workspace, trial_dir)
        run = run_child("cli", {"argv": [a.replace("{db}", str(path)) for a in argv]}, trial_dir / "tmp",
                        timeout=1800)
        said = next((line[7:] for line in run.lines if line.startswith("STDERR") and line[7:].strip()), "")
        said = said or next((line for line in run.lines if line and not line.startswith(_MARKERS)), "")
        outcome = {0: "taken in", 1: "refused", 2: "refused (invalid input)"}.get(run.status or 0, f"exit {run.status}")
        if run.first("CRASH") or "Traceback" in " ".join(run.lines):
            outcome = "CRASH"
            result.fail(result.trials + 1, f"{label}: {' '.join(run.lines)[:300]}")
        elif run.status not in (0, 1, 2):
            result.fail(result.trials + 1, f"{label}: exit status {run.status}")
        snap = Snapshot.take(path)
        if snap.integrity != "ok":
            result.fail(result.trials + 1, f"{label}: integrity check {snap.integrity}")
        if run.status != 0 and snap.changed_rows(before):
            result.fail(result.trials + 1, f"{label}: refused, but the workspace changed")
        result.outcomes[outcome] += 1
        result.rows.append([label, outcome, f"{run.seconds:.1f}", f"{run.peak_mb:,.0f}", said[:160]])
        result.trials += 1
        shutil.rmtree(trial_dir, ignore_errors=True)
    return result


# --------------------------------------------------------------------------------------------------------
# running and reporting
# --------------------------------------------------------------------------------------------------------
DRILLS = ("kill_import", "kill_merge", "kill_upgrade", "two_writers", "full_disk", "damaged_files", "hostile")


def run_drill(name: str, data: Data, trials: int, work: Path, seed: int = 14) -> DrillResult:
    rng = random.Random(f"{seed}-{name}")
    started = time.perf_counter()
    if name == "kill_import":
        result = kill_drill(name, "import", data, trials, work, rng, {"csv": str(data.csv)}, data.workspace)
    elif name == "kill_merge":
        result = kill_drill(name, "merge", data, trials, work, rng, {"bundle": str(data.bundle)}, data.workspace)
    elif name == "kill_upgrade":
        result = kill_drill(name, "upgrade", data, trials, work, rng, {}, data.older)
    elif name == "damaged_files":
        result = damaged_files(data, trials if data.quick else 3 * trials, work, rng)
    else:
        result = {"two_writers": two_writers, "full_disk": full_disk, "hostile": hostile}[name](data, trials, work,
                                                                                             rng)
    result.seconds = time.perf_counter() - started
    return result


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def write_report(results: list[DrillResult], out: Path, *, trials: int, quick: bool, seconds: float) -> None:
    import platform

    from pdsa_desk import __version__

    lines = [
        "# Reliability drills",
        "",
        "What pdsa-desk does when the process is killed, another writer holds the workspace, the disk is full, "
        "the file is damaged or the input is hostile. Written by `make drills` (`tests/reliability/drills.py`; "
        "the module docstring says how each drill works); a smoke run of a few trials is part of `make test`.",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, pdsa-desk {__version__}, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {platform.system()} {platform.release()}, {os.cpu_count()} CPUs; "
        f"{trials} trials per drill{' (quick data)' if quick else ''}; {seconds / 60:.1f} minutes in all.",
        "",
        "| drill | trials | broken promises | time |",
        "|---|---:|---:|---:|",
    ]
    for r in results:
        lines.append(f"| [{r.title}](#{r.name.replace('_', '-')}) | {r.trials} | {len(r.failures)} | "
                     f"{r.seconds:.0f} s |")
    for r in results:
        lines += ["", f"## {r.name.replace('_', '-')}", "", f"**{r.title}.** Promise: {r.promise}.", ""]
        if r.header:
            lines += ["| " + " | ".join(r.header) + " |", "|" + "---|" * len(r.header)]
            lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in r.rows]
        else:
            lines += ["| outcome | trials |", "|---|---:|"]
            lines += [f"| {_cell(k)} | {v} |" for k, v in sorted(r.outcomes.items())]
        lines.append("")
        lines += [f"* {_cell(note)}" for note in r.notes]
        if r.failures:
            lines += ["", f"**{len(r.failures)} broken promise(s):**", ""]
            lines += [f"* {_cell(f)}" for f in r.failures[:20]]
        else:
            lines += ["* No broken promise."]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=24, help="trials per drill (default 24; damaged files: 3×)")
    parser.add_argument("--quick", action="store_true", help="small data (the smoke run)")
    parser.add_argument("--only", nargs="*", choices=DRILLS, help="run only these drills")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "reliability.md", help="the report to write")
    parser.add_argument("--work", type=Path, default=None, help="working folder (default: a temporary one)")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="pdsa-drills-"))
    started = time.perf_counter()
    data = Data.make(work / "data", quick=args.quick)
    results = []
    for name in args.only or DRILLS:
        print(f"{name} …", flush=True)
        result = run_drill(name, data, args.trials, work, args.seed)
        print(f"  {result.trials} trials, {len(result.failures)} broken promise(s), {result.seconds:.0f} s",
              flush=True)
        for failure in result.failures[:5]:
            print(f"  ! {failure}", flush=True)
        results.append(result)
    write_report(results, args.out, trials=args.trials, quick=args.quick, seconds=time.perf_counter() - started)
    print(f"wrote {args.out}")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
