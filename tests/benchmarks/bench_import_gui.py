"""The ``stall_import`` figure: the longest GUI-thread stall during a large import and a merge in the GUI.

Run as a script (``python bench_import_gui.py --db NEW --csv EVENTS.csv --bundle WORK.pdsa``), in a process
of its own with fresh user folders (``bench_gui_figures.run_process``), this opens the main window on a new,
empty workspace (made before the clock starts), shows the Data view and then, with a 5 ms timer on the GUI
thread (``bench_edits.StallMeter``'s measure: the longest gap between two ticks):

1. imports the benchmark CSV (N events) through the import wizard the Data view opens, page by page as a
   user clicks Next (File, Columns, Stages, Check, Import), until the import is done, the wizard closed and
   every view the window holds is up to date again;
2. merges a bundle of 30% as many events (the benchmark workspace of that size, exported as a bundle)
   through File ▸ Merge a colleague's work: the definitions whose names are already used are mapped to the
   ones here (the mapping the dialog proposes), until the merge is done and the views are up to date.

Each step's longest gap is reported (``where``); the figure is the longest of all. It prints one JSON line:
``{"stalls": [{"what", "stall"}], "import_seconds", "merge_seconds", "progress_updates", "events"}``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_generate  # noqa: E402
from bench_common import SPEC, figure, fmt, not_available, not_selected  # noqa: E402

#: The merged bundle's size, as a share of N (N = 1,000,000: 300,000 events).
MERGE_SHARE = 0.3


def stall_import(data_info: bench_generate.BenchData, n: int, scale: str, work: Path, seed: int,
                 cache: Path | None, log: Callable[[str], None], only: set[str] | None) -> dict:
    """The figure at this scale (a process of its own; see the module docstring)."""
    if only is not None and "stall_import" not in only:
        return not_selected(SPEC["stall_import"], n, scale)
    import bench_merge
    from bench_gui_figures import run_process

    log(f"  stall_import: import of {n:,} events and merge of {int(n * MERGE_SHARE):,} in the GUI …")
    target = work / "import-gui" / "workspace.sqlite"
    try:
        merge_info = bench_generate.cached(max(int(n * MERGE_SHARE), 10), seed, cache, log=log)
        bundle = bench_merge.bundle_for(merge_info, work)
        target.parent.mkdir(parents=True, exist_ok=True)
        _, _, stdout, _ = run_process([sys.executable, str(Path(__file__)), "--db", str(target), "--csv",
                                       data_info.csv, "--bundle", str(bundle)], work, timeout=3600)
        res = json.loads(stdout.strip().splitlines()[-1])
        if "error" in res:
            raise RuntimeError(res["error"])
    except Exception as exc:  # noqa: BLE001 - report, do not crash the whole benchmark
        return not_available(SPEC["stall_import"], n, scale, str(exc))
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
    stalls = res["stalls"]
    worst = max(stalls, key=lambda s: s["stall"])
    note = (f"longest gap of a 5 ms timer; worst: {worst['what']}; "
            + "; ".join(f"{s['what']} {fmt(s['stall'], 's')}" + (
                f" (GUI thread CPU {s['gui_cpu'] * 1000:.0f} ms, process {s['process_cpu'] * 1000:.0f} ms)"
                if "gui_cpu" in s else "") for s in stalls)
            + f"; import {res['import_seconds']:.1f} s ({res['events']:,} events in the workspace after it, "
            f"{res['progress_updates']} progress updates shown), merge {res['merge_seconds']:.1f} s "
            f"({res['merged_events']:,} events after it)")
    return figure(SPEC["stall_import"], n, scale, [worst["stall"]], where=stalls, note=note,
                  import_seconds=res["import_seconds"], merge_seconds=res["merge_seconds"])


# --------------------------------------------------------------------------- #
# the worker process
# --------------------------------------------------------------------------- #
class PhaseMeter:
    """A 5 ms timer on the GUI thread; the longest gap between two ticks per named phase, with the CPU time the
    GUI thread and the whole process used during that gap (:attr:`cpu`): a long gap in which the GUI thread
    used little CPU was spent waiting — for the GIL when the process used CPU meanwhile, for the machine's
    scheduler when it did not."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.tick)
        self.phase = ""
        self.last = 0.0
        self.last_cpu = (0.0, 0.0)
        self.longest: dict[str, float] = {}
        #: (GUI thread, process) CPU seconds during each phase's longest gap.
        self.cpu: dict[str, tuple[float, float]] = {}

    def tick(self) -> None:
        now, cpu = time.perf_counter(), (time.thread_time(), time.process_time())
        gap = now - self.last
        used = (cpu[0] - self.last_cpu[0], cpu[1] - self.last_cpu[1])
        self.last, self.last_cpu = now, cpu
        if gap > self.longest.get(self.phase, 0.0):
            self.longest[self.phase] = gap
            self.cpu[self.phase] = used

    def start(self, phase: str) -> None:
        self.phase = phase
        self.longest.setdefault(phase, 0.0)
        self.last, self.last_cpu = time.perf_counter(), (time.thread_time(), time.process_time())
        self.timer.start()

    def switch(self, phase: str) -> None:
        """The gap running now is the old phase's; later ones the new phase's."""
        self.tick()
        self.phase = phase
        self.longest.setdefault(phase, 0.0)

    def stop(self) -> None:
        self.tick()
        self.timer.stop()


def _stall_trace(meter: PhaseMeter) -> Any:
    """``PDSA_BENCH_STALL_TRACE=1`` (to find causes): every 10 ms while the GUI thread has not ticked for 40 ms,
    where each thread is (which one runs: the GUI thread's own work, or a worker holding the GIL). Few
    samples over a long stall mean that no thread of the process ran: the machine's scheduler."""
    import collections
    import threading
    import traceback

    gui = threading.get_ident()
    seen: collections.Counter[tuple[str, str]] = collections.Counter()

    def run() -> None:
        me = threading.get_ident()
        while True:
            time.sleep(0.01)
            if meter.timer.isActive() and time.perf_counter() - meter.last > 0.04:
                for tid, frame in sys._current_frames().items():
                    if tid != me:
                        stack = "".join(traceback.format_stack(frame)[-6:])
                        seen[(meter.phase, ("GUI" if tid == gui else "worker") + "\n" + stack)] += 1

    threading.Thread(target=run, daemon=True).start()
    return seen


def _gc_trace(meter: PhaseMeter) -> list[tuple[str, int, float, str]]:
    """``PDSA_BENCH_GC_TRACE=1`` (to find causes): every garbage collection of 5 ms or more (it holds the GIL on
    the thread that triggered it), with its phase, generation and thread."""
    import gc
    import threading

    seen: list[tuple[str, int, float, str]] = []
    started = [0.0]

    def callback(phase: str, info: dict) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        elif (ms := (time.perf_counter() - started[0]) * 1000) >= 5:
            seen.append((meter.phase, info["generation"], ms, threading.current_thread().name))

    gc.callbacks.append(callback)
    return seen


def _child(window: Any, cls: type) -> Any:
    found = [w for w in window.findChildren(cls) if w.isVisible()]
    return found[-1] if found else None


def _drive_import(app: Any, window: Any, csv: str, meter: PhaseMeter, wait: Callable[..., None],
                  settled: Callable[[], bool]) -> int:
    """The import wizard, Next by Next as a user clicks it; returns the progress updates shown."""
    from PySide6.QtWidgets import QWizard

    from pdsa_desk.ui.import_wizard import ImportWizard

    data_view = window.view("data")
    meter.switch("import: open the wizard and read the file")
    data_view.open_import_wizard(csv)
    wait(app, lambda: _child(window, ImportWizard) is not None)
    wizard = _child(window, ImportWizard)
    shown: list[float] = []
    wizard.import_page.runner.progress.connect(lambda f, _m: shown.append(f))
    wait(app, lambda: not wizard.busy and wizard.file_page.info is not None)
    for phase in ("import: columns page", "import: stages page (scan)", "import: check page (full check)",
                  "import: import page (the import)"):
        page = wizard.currentPage()
        if not page.isComplete():
            raise RuntimeError(f"{type(page).__name__} blocks Next: {page.blocker()}")
        meter.switch(phase)
        wizard.next()
        wait(app, lambda p=page: wizard.currentPage() is not p and not wizard.busy
             and (wizard.currentPage().isComplete() or wizard.import_page.outcome != ""))
    page = wizard.import_page
    if page.outcome != "imported":
        raise RuntimeError(f"the import did not finish: {page.outcome} {page.error.text()} {page.summary.text()}")
    meter.switch("import: Finish, the views reload")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    wait(app, settled)
    return len(shown)


def _drive_merge(app: Any, window: Any, bundle: str, meter: PhaseMeter, wait: Callable[..., None],
                 settled: Callable[[], bool]) -> None:
    from pdsa_desk.ui.exchange_dialogs import MergeWorkDialog

    meter.switch("merge: open the dialog")
    window._exchange_dialog("MergeWorkDialog")
    wait(app, lambda: _child(window, MergeWorkDialog) is not None)
    dialog = _child(window, MergeWorkDialog)
    dialog.add_files([bundle])
    finished: list[bool] = []
    dialog.all_done.connect(lambda: finished.append(True))
    meter.switch("merge: preview (definitions checked)")
    dialog.merge_button.click()
    asked: list[bool] = []
    dialog.mapping_needed.connect(lambda _preview: asked.append(True))  # every clash listed
    wait(app, lambda: bool(finished) or bool(asked))
    if not finished:
        meter.switch("merge: the merge, with the proposed mapping")
        dialog.map_button.click()
        wait(app, lambda: bool(finished))
    if dialog.errors:
        raise RuntimeError("; ".join(dialog.errors))
    meter.switch("merge: Close, the views reload")
    dialog.reject()
    wait(app, settled)


def _count_events(ws: Any) -> int:
    with ws.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM stage_event WHERE deleted_at IS NULL").scalar_one())


def worker(db: str, csv: str, bundle: str) -> NoReturn:
    from bench_gui import _app, _finish, _wait

    app = _app()
    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.ui.main_window import MainWindow

    ws = open_workspace(db)  # a new, empty workspace (not timed)
    window = MainWindow(ws)
    window.resize(1280, 800)
    window.show()
    _wait(app, lambda: window._painted)
    ctx = window.ctx
    window.navigate("data")

    def settled() -> bool:
        views = list(window._views.values())
        return (ctx.analysis_current and not ctx.tasks.busy and not ctx.reads.busy
                and not any(getattr(v, "updating", False) for v in views))

    _wait(app, settled)
    meter = PhaseMeter()
    trace = _stall_trace(meter) if os.environ.get("PDSA_BENCH_STALL_TRACE") else None
    collections = _gc_trace(meter) if os.environ.get("PDSA_BENCH_GC_TRACE") else None
    meter.start("import: open the wizard and read the file")
    started = time.perf_counter()
    try:
        updates = _drive_import(app, window, csv, meter, _wait, settled)
        import_seconds = time.perf_counter() - started
        meter.stop()  # the benchmark's own count of the events is no stall of the app's
        events = _count_events(ws)
        meter.start("merge: open the dialog")
        started = time.perf_counter()
        _drive_merge(app, window, bundle, meter, _wait, settled)
        merge_seconds = time.perf_counter() - started
    except Exception as exc:  # noqa: BLE001 - the parent reports it
        meter.stop()
        _finish({"error": f"{type(exc).__name__}: {exc}", "stalls": meter.longest})
    meter.stop()
    merged_events = _count_events(ws)
    if trace:
        for (phase, stack), count in trace.most_common(12):
            print(f"==== {phase}: {count} x 10 ms\n{stack}", file=sys.stderr)
    for phase, generation, ms, thread in collections or []:
        print(f"gc: {phase}: generation {generation} {ms:.1f} ms on {thread}", file=sys.stderr)
    stalls = [{"what": k, "stall": round(v, 4), "gui_cpu": round(meter.cpu.get(k, (0.0, 0.0))[0], 4),
               "process_cpu": round(meter.cpu.get(k, (0.0, 0.0))[1], 4)} for k, v in meter.longest.items()]
    _finish({"stalls": stalls, "import_seconds": round(import_seconds, 2), "merge_seconds": round(merge_seconds, 2),
             "progress_updates": updates, "events": events, "merged_events": merged_events})


def main() -> NoReturn:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(HERE.parent.parent))
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--csv", required=True)
    parser.add_argument("--bundle", required=True)
    args = parser.parse_args()
    worker(args.db, args.csv, args.bundle)


if __name__ == "__main__":
    main()
