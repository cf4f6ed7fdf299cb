"""The GUI figures of the benchmark: each measured in its own process (``bench_gui.py``), with fresh user
folders, from ``bench.py``.

* ``first_paint`` (information): launch → the first paint of the main window, before the workspace opens.
* ``time_to_agenda`` / ``time_to_board``: launch → This week painted with every section / the Board painted
  with its cards (``bench_gui.py ready``: the process leaves right after that paint), against a floor of a
  bare window process plus a raw sqlite3 fetch of the events, measured back to back in the same run.
* ``peak_rss``, ``charts_switch``, ``board_open``: as before (``visit``, ``views``).
* ``edit_refresh``, ``stall_edit``, ``stall_views`` (``bench_edits.py``): one board move until the Board and
  the Charts series show it; the longest gap of a 5 ms timer on the GUI thread during edits, and while every
  view and chart tab is visited; ``--repeat`` sessions, each figure the median over them.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import bench_generate
from bench_common import SPEC, events_floor, figure, fmt, interleaved, not_available, not_selected

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
GUI_WORKER = HERE / "bench_gui.py"
EDITS_WORKER = HERE / "bench_edits.py"
GUI_FIGURES = ("first_paint", "time_to_agenda", "time_to_board", "charts_switch", "board_open", "edit_refresh",
               "stall_edit", "stall_views", "peak_rss")


def _gui_env(home: Path) -> dict:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["QT_API"] = "pyside6"
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_process(args: list[str], work: Path, timeout: float = 900) -> tuple[float, float, str, int]:
    """(wall seconds, ru_maxrss MB, stdout, exit status) of one process with fresh user folders.

    Peak RSS figures do not use the ``ru_maxrss`` of ``os.wait4``: it includes the parent's pages the
    child shared between fork and exec. The workers report their own ``VmHWM`` instead."""
    import threading

    home = Path(tempfile.mkdtemp(prefix="home-", dir=work))
    try:
        with tempfile.TemporaryFile(dir=work) as out, tempfile.TemporaryFile(dir=work) as err:
            started = time.perf_counter()
            proc = subprocess.Popen(args, env=_gui_env(home), stdout=out, stderr=err, cwd=work)
            killer = threading.Timer(timeout, proc.kill)
            killer.start()
            try:
                _, status, usage = os.wait4(proc.pid, 0)
            finally:
                killer.cancel()
            wall = time.perf_counter() - started
            proc.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(args[-3:])!r} exited {proc.returncode}: {stderr[-2000:]}")
        return wall, usage.ru_maxrss / 1024.0, stdout, proc.returncode
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _unwired_views() -> list[str]:
    """Keys of main-window views that exist as modules but are not wired into ``VIEWS`` yet (read from
    the source, so this process never imports Qt)."""
    import re

    source = (REPO / "pdsa_desk" / "ui" / "main_window.py").read_text(encoding="utf-8")
    keys = re.findall(r'ViewSpec\(\s*"(\w+)",\s*"[^"]*",\s*"[^"]*",\s*None\b', source)
    return [k for k in keys if (REPO / "pdsa_desk" / "ui" / "views" / f"{k}.py").exists()]


def gui_figures(data_info: bench_generate.BenchData, n: int, scale: str, work: Path, repeat: int, warmup: int,
                log: Callable[[str], None], only: set[str] | None = None) -> list[dict]:
    def wanted(*keys: str) -> bool:
        return only is None or any(k in only for k in keys)

    if not wanted(*GUI_FIGURES):
        return [not_selected(SPEC[k], n, scale) for k in GUI_FIGURES]
    py = sys.executable
    app = str(Path(sys.executable).with_name("pdsa-desk"))
    app_cmd = [app] if Path(app).exists() else [py, "-m", "pdsa_desk"]
    db = str(bench_generate.fresh_copy(data_info, work / "gui"))
    bare = [py, str(GUI_WORKER), "bare"]
    out = []

    unwired = _unwired_views()
    if not wanted("first_paint"):
        out.append(not_selected(SPEC["first_paint"], n, scale))
    else:
        out += _first_paint(n, scale, work, repeat, warmup, log, py, app_cmd, db, bare, unwired)
    for key, view in (("time_to_agenda", "week"), ("time_to_board", "board")):
        if not wanted(key):
            out.append(not_selected(SPEC[key], n, scale))
        else:
            out.append(_time_to_view(key, view, n, scale, work, repeat, warmup, log, py, db, bare))
    if not wanted("peak_rss"):
        out.append(not_selected(SPEC["peak_rss"], n, scale))
    else:
        out += _peak_rss(n, scale, work, repeat, warmup, log, py, db, bare)
    if not wanted("charts_switch", "board_open"):
        out += [not_selected(SPEC[k], n, scale) for k in ("charts_switch", "board_open")]
    else:
        out += _charts_board(data_info, n, scale, work, repeat, warmup, log, py, db)
    if not wanted("edit_refresh", "stall_edit", "stall_views"):
        out += [not_selected(SPEC[k], n, scale) for k in ("edit_refresh", "stall_edit", "stall_views")]
    else:
        out += _edits_and_stalls(n, scale, work, repeat, log, py, db)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return out


def _first_paint(n: int, scale: str, work: Path, repeat: int, warmup: int, log: Callable[[str], None], py: str,
                app_cmd: list[str], db: str, bare: list[str], unwired: list[str]) -> list[dict]:
    out = []
    log(f"  first paint ({n:,} events) …")
    try:
        wired_runs: list[float] = []

        def subject() -> float:
            if unwired:  # also time the app as it will start once those views are wired
                wired_runs.append(run_process([py, str(GUI_WORKER), "app-wired", "--db", db], work)[0])
            wall, _, _, _ = run_process([*app_cmd, "--db", db, "--quit-after-first-paint"], work)
            return wall

        def floor() -> float:
            wall, _, _, _ = run_process(bare, work)
            return wall

        runs, floor_runs = interleaved(subject, floor, repeat, warmup)
        note = "whole process, page cache warm; fresh XDG folders each run"
        extra: dict = {}
        if unwired:
            wired = wired_runs[warmup:]
            extra = {"wired_runs": wired, "wired_median": statistics.median(wired)}
            note += (f"; views not wired into main_window.VIEWS yet: {', '.join(unwired)} — with them wired the "
                     f"same start takes {fmt(extra['wired_median'], 's')} "
                     f"({extra['wired_median'] / statistics.median(floor_runs):.1f}× floor)")
        out.append(figure(SPEC["first_paint"], n, scale, runs, floor_runs, note=note, **extra))
    except Exception as exc:  # noqa: BLE001
        out.append(not_available(SPEC["first_paint"], n, scale, str(exc)))

    return out


def _peak_rss(n: int, scale: str, work: Path, repeat: int, warmup: int, log: Callable[[str], None], py: str,
              db: str, bare: list[str]) -> list[dict]:
    out = []
    log(f"  peak RSS after visiting every view ({n:,} events) …")
    try:
        info: dict = {}

        def visit() -> float:
            _, _, stdout, _ = run_process([py, str(GUI_WORKER), "visit", "--db", db], work)
            info.update(json.loads(stdout.strip().splitlines()[-1]))
            return float(info["maxrss_mb"])

        def bare_rss() -> float:
            _, _, stdout, _ = run_process(bare, work)
            return float(json.loads(stdout.strip().splitlines()[-1])["maxrss_mb"])

        runs, floor_runs = interleaved(visit, bare_rss, repeat, warmup)
        wired = info.get("wired_by_benchmark") or []
        out.append(figure(SPEC["peak_rss"], n, scale, runs, floor_runs, views=info.get("views"),
                          note=("views wired by the benchmark (not yet in main_window.VIEWS): " + ", ".join(wired))
                          if wired else ""))
    except Exception as exc:  # noqa: BLE001
        out.append(not_available(SPEC["peak_rss"], n, scale, str(exc)))

    return out


def _charts_board(data_info: bench_generate.BenchData, n: int, scale: str, work: Path, repeat: int, warmup: int,
                  log: Callable[[str], None], py: str, db: str) -> list[dict]:
    out = []
    log(f"  Charts switch and Board open ({n:,} events) …")
    try:
        _, _, stdout, _ = run_process([py, str(GUI_WORKER), "views", "--db", db, "--as-of", data_info.as_of,
                                       "--repeat", str(repeat), "--warmup", str(warmup)], work)
        res = json.loads(stdout.strip().splitlines()[-1])
    except Exception as exc:  # noqa: BLE001
        res = {"charts": {"error": str(exc)}, "board": {"error": str(exc)}}
    charts = res.get("charts", {})
    if "runs" in charts:
        out.append(figure(SPEC["charts_switch"], n, scale, charts["runs"],
                          note=f"{charts.get('transitions')} transitions, chart type {charts.get('chart')!r}"))
    else:
        out.append(not_available(SPEC["charts_switch"], n, scale, charts.get("error", "unknown")))
    board = res.get("board", {})
    if "runs" in board:
        out.append(figure(SPEC["board_open"], n, scale, board["runs"], cards=board.get("cards"),
                          note=f"{board.get('cards')} open opportunities on the board; analysis snapshot "
                               "already loaded"))
    else:
        out.append(not_available(SPEC["board_open"], n, scale, board.get("error", "unknown")))
    return out


def _time_to_view(key: str, view: str, n: int, scale: str, work: Path, repeat: int, warmup: int,
                  log: Callable[[str], None], py: str, db: str, bare: list[str]) -> dict:
    """Launch → ``view`` painted with its data, whole process, against the bare window + raw fetch floor."""
    log(f"  {key} ({n:,} events) …")
    marks: list[dict] = []
    try:
        def subject() -> float:
            wall, _, stdout, _ = run_process([py, str(GUI_WORKER), "ready", "--db", db, "--view", view], work)
            info = json.loads(stdout.strip().splitlines()[-1])
            if "error" in info:
                raise RuntimeError(info["error"])
            marks.append(info)
            return wall

        def floor() -> float:
            wall, _, _, _ = run_process(bare, work)
            return wall + events_floor(db)

        runs, floor_runs = interleaved(subject, floor, repeat, warmup)
        kept = marks[warmup:]

        def median_mark(name: str) -> float | None:
            values = [m["marks"][name] for m in kept if name in m.get("marks", {})]
            return statistics.median(values) if values else None

        extra = {"marks": {name: median_mark(name) for name in kept[-1]["marks"]}} if kept else {}
        detail = ", ".join(f"{name} {fmt(t, 's')}" for name, t in extra.get("marks", {}).items() if t is not None)
        what = (f"{kept[-1].get('cards')} cards painted (their aging marks follow with the history)"
                if view == "board" and kept else f"{kept[-1].get('items') if kept else '?'} agenda items")
        note = (f"whole process until {what}; milestones (median, since process start): {detail}; fresh settings "
                "each run, page cache warm")
        return figure(SPEC[key], n, scale, runs, floor_runs, note=note, **extra)
    except Exception as exc:  # noqa: BLE001
        return not_available(SPEC[key], n, scale, str(exc))


def _edits_and_stalls(n: int, scale: str, work: Path, repeat: int, log: Callable[[str], None], py: str,
                      db: str) -> list[dict]:
    """``repeat`` sessions (processes) of the edits worker, each visiting every view and making ``repeat``
    moves. A session's longest stall is one draw from a wide spread on this machine (the same code gave 92-141 ms
    for stall_views in six sessions in a row), so each figure is the median over sessions, like every other
    figure here: edit_refresh the median of all the sessions' moves, stall_edit and stall_views the median of
    the sessions' longest stalls; every session's worst is in the note."""
    log(f"  edits and GUI-thread stalls ({n:,} events, {max(1, repeat)} sessions) …")
    keys = ("edit_refresh", "stall_edit", "stall_views")
    sessions = []
    try:
        for _ in range(max(1, repeat)):
            _, _, stdout, _ = run_process([py, str(EDITS_WORKER), "--db", db, "--repeat", str(repeat)], work)
            sessions.append(json.loads(stdout.strip().splitlines()[-1]))
    except Exception as exc:  # noqa: BLE001
        return [not_available(SPEC[k], n, scale, str(exc)) for k in keys]
    moves = [t for res in sessions for t in res["edit_refresh"]]
    per_session = "; ".join(" / ".join(fmt(t, "s") for t in res["edit_refresh"]) for res in sessions)
    out = [figure(SPEC["edit_refresh"], n, scale, moves,
                  note="board move (Move dialog OK) → the Board shows the patched snapshot and the Charts view "
                       f"(built, hidden) has the current series of that snapshot; median of {len(moves)} moves in "
                       f"{len(sessions)} sessions (each session's moves in order: {per_session})")]
    for key in ("stall_edit", "stall_views"):
        worsts = [max(res[key], key=lambda s: s["stall"]) for res in sessions]
        ordered = sorted(range(len(worsts)), key=lambda i: worsts[i]["stall"])
        middle = sessions[ordered[(len(ordered) - 1) // 2]][key]  # the median session's situations
        out.append(figure(SPEC[key], n, scale, [w["stall"] for w in worsts], where=middle,
                          note=f"longest gap of a 5 ms timer, median of {len(sessions)} sessions' longest; each "
                               "session's worst: " + "; ".join(f"{w['what']} {fmt(w['stall'], 's')}" for w in worsts)
                               + "; the median session: "
                               + "; ".join(f"{s['what']} {fmt(s['stall'], 's')}" for s in middle)))
    return out
