"""The process a drill kills, starves or runs against another: ``python drill_child.py ACTION JSON``.

It says what it is doing on stdout, one line at a time and flushed, so that the drill can aim a kill:
``READY`` once pdsa-desk is imported, ``COMMIT`` just before any transaction commits (SQLAlchemy's
``commit`` event) and ``COMMITTED`` once SQLite has committed it, ``BACKUP`` / ``BACKED-UP`` around the
pre-upgrade copy, ``HELD`` once it holds the write lock, ``EDIT <outcome> <message>`` per edit, and
``DONE <json>`` at the end, then ``PEAK <MB>`` (its own peak RSS, where the system tells it). A refusal
is ``REFUSED <message>`` (exit 1) when it is a plain message (a ``PdsaError``, or a driver error
``errors.plain_message`` translates), ``CRASH <traceback>`` (exit 3) for
anything else.

Actions: ``import`` {db, csv}, ``merge`` {db, bundle}, ``upgrade`` {db}, ``edits`` {db, n, seed},
``hold`` {db, seconds}, ``cli`` {argv, fsize}: pdsa-desk's command line with a file-size limit (a full
disk). Every action takes ``busy_ms`` (the busy timeout) too.
"""

from __future__ import annotations

import json
import random
import sys
import time
import traceback
from pathlib import Path
from typing import Any


def say(*words: object) -> None:
    sys.stdout.write(" ".join(str(w) for w in words) + "\n")
    sys.stdout.flush()


def _hooks() -> None:
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from pdsa_desk.core import sqlite_file

    event.listen(Engine, "commit", lambda _conn: say("COMMIT"))
    real_commit = sqlite_file.TranslatingConnection.commit

    def commit(self: sqlite_file.TranslatingConnection) -> None:
        real_commit(self)
        say("COMMITTED")

    sqlite_file.TranslatingConnection.commit = commit  # type: ignore[method-assign]
    real_copy = sqlite_file._copy_sqlite  # the drill watches the backup being written

    def copy(path: Path, part: Path) -> None:
        say("BACKUP")
        real_copy(path, part)
        say("BACKED-UP")

    sqlite_file._copy_sqlite = copy


def do_import(args: dict[str, Any]) -> dict[str, Any]:
    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.core.importing import import_file, load_preset

    ws = open_workspace(args["db"], create=False)
    try:
        result = import_file(ws, args["csv"], load_preset("pdsa-desk"))
    finally:
        ws.close()
    return {"events_added": result.events_added, "opportunities_added": result.opportunities_added}


def do_merge(args: dict[str, Any]) -> dict[str, Any]:
    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.core.exchange import merge_bundle

    ws = open_workspace(args["db"], create=False)
    try:
        report = merge_bundle(ws, args["bundle"], map_by_name=True)
    finally:
        ws.close()
    return {"added": report.totals().added, "updated": report.totals().updated}


def do_upgrade(args: dict[str, Any]) -> dict[str, Any]:
    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.core.schema import current_revision

    ws = open_workspace(args["db"], create=False)
    try:
        return {"revision": current_revision(ws.engine), "backup": str(ws.backup_path)}
    finally:
        ws.close()


def do_hold(args: dict[str, Any]) -> dict[str, Any]:
    import sqlite3

    con = sqlite3.connect(args["db"], isolation_level=None, timeout=60)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("UPDATE workspace_settings SET name = name")
        say("HELD")
        time.sleep(float(args["seconds"]))
        con.execute("COMMIT")
    finally:
        con.close()
    return {}


def _edit_once(ws: Any, rng: random.Random) -> str:
    from pdsa_desk.core import services as sv

    kind = rng.choice(("stage", "move", "team"))
    if kind == "stage":
        stage = rng.choice(sv.list_stages(ws))
        sv.update_stage(ws, stage.id, standard=f"{stage.standard.split(' #')[0]} #{rng.randrange(10**6)}",
                        expected_updated_at=stage.updated_at)
    elif kind == "move":
        with ws.engine.connect() as conn:
            opp = conn.exec_driver_sql("SELECT id FROM opportunity WHERE deleted_at IS NULL AND outcome = 'open' "
                                       "ORDER BY random() LIMIT 1").scalar()
        stages = [s for s in sv.list_stages(ws) if s.terminal == "none"]
        sv.move_opportunity(ws, opp, rng.choice(stages).id)
    else:
        sv.create_team(ws, f"Drill team {rng.randrange(10**9)}")
    return kind


def do_edits(args: dict[str, Any]) -> dict[str, Any]:
    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.core.errors import ConflictError, PdsaError, WorkspaceBusy, plain_message

    rng = random.Random(args.get("seed", 0))
    ws = open_workspace(args["db"], create=False)
    counts: dict[str, int] = {}
    try:
        for _ in range(int(args["n"])):
            try:
                kind = _edit_once(ws, rng)
                outcome, message = "ok", kind
            except WorkspaceBusy as exc:
                outcome, message = "busy", str(exc)
            except ConflictError as exc:
                outcome, message = "conflict", str(exc)
            except PdsaError as exc:
                outcome, message = "refused", str(exc)
            except Exception as exc:  # noqa: BLE001 - the drill counts what is not a plain message
                plain = plain_message(exc)
                outcome = "untranslated" if plain else "crash"
                message = " | ".join(traceback.format_exception_only(exc)).strip().replace("\n", " ")
            counts[outcome] = counts.get(outcome, 0) + 1
            say("EDIT", outcome, message)
            time.sleep(rng.uniform(0, 0.05))
    finally:
        ws.close()
    return counts


def do_cli(args: dict[str, Any]) -> dict[str, Any]:
    import resource
    import signal

    from pdsa_desk.app import main

    limit = args.get("fsize")
    if limit:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG), as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (int(limit), int(limit)))
    status = main(list(args["argv"]))
    return {"status": status}


ACTIONS = {"import": do_import, "merge": do_merge, "upgrade": do_upgrade, "hold": do_hold, "edits": do_edits,
           "cli": do_cli}


def run(action: str, args: dict[str, Any]) -> int:
    from pdsa_desk.core import connection
    from pdsa_desk.core.errors import plain_message

    if args.get("busy_ms"):
        connection.SQLITE_BUSY_TIMEOUT_MS = int(args["busy_ms"])
    _hooks()
    say("READY")
    try:
        result = ACTIONS[action](args)
    except Exception as exc:  # noqa: BLE001 - reported to the drill, which decides
        message = plain_message(exc)
        if message is not None:
            say("REFUSED", message.replace("\n", " "))
            return 1
        say("CRASH", "".join(traceback.format_exception(exc)).replace("\n", " ⏎ "))
        return 3
    say("DONE", json.dumps(result))
    return int(result.get("status", 0)) if action == "cli" else 0


def peak_rss_mb() -> float | None:
    """This process's own peak RSS (Linux ``VmHWM``). ``ru_maxrss`` as ``wait4`` reports it is not: Linux
    carries the peak of the process a child was forked from across ``exec``, so every child of a drill that
    had built a large file in memory reported the drill's peak, not its own."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _say_peak() -> None:
    peak = peak_rss_mb()
    if peak is not None:
        say("PEAK", f"{peak:.1f}")


if __name__ == "__main__":
    import atexit

    atexit.register(_say_peak)
    raise SystemExit(run(sys.argv[1], json.loads(sys.argv[2])))
