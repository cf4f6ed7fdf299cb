"""GUI worker of the benchmark (``python bench_edits.py --db W --repeat R``): edits and GUI-thread stalls.

Opens the main window on ``W`` (like ``pdsa-desk --db W``) and measures, in this process:

* ``stall_views``: the longest gap of a 5 ms timer on the GUI thread while every view, then every chart
  tab, is visited once (each until it has stopped updating; the first visit loads the snapshot);
* ``edit_refresh``: ``R`` board moves through the Move dialog (its OK button), each from the click until the
  Board shows the patched snapshot and the Charts view (built, hidden) has its current series for it;
* ``stall_edit``: the longest gap of the timer during a board move, a cycle save and an observation add
  (each until every view and the snapshot are up to date again), with the Board, Charts and This week shown.
  The cycle save and the observation add call the services and announce the change as the cycle editor does.

Prints one JSON line: ``{"edit_refresh": [s, ...], "stall_edit": [{"what", "stall", "gui_cpu"}], "stall_views":
[...]}`` (``gui_cpu``: the GUI thread's CPU time over the situation, s, including the few
per cent that polling for its end costs).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from bench_gui import _app, _finish, _maxrss_mb, _wait


class StallMeter:
    """The longest gap between two ticks of a 5 ms timer on the GUI thread (a stall the user would feel)."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.longest = 0.0
        #: CPU time of the GUI thread over the last measure (s): what the window's own work cost, which the
        #: gaps also show but mixed with waiting for the GIL and, on a shared machine, for a core.
        self.cpu = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def measure(self, app: Any, action: Any, done: Any) -> float:
        """The longest gap from ``action()`` until ``done()`` (the event loop runs meanwhile)."""
        app.processEvents()
        self.last, self.longest = time.perf_counter(), 0.0
        cpu = time.thread_time()
        self.timer.start()
        action()
        _wait(app, done)
        self._tick()
        self.timer.stop()
        self.cpu = round(time.thread_time() - cpu, 4)
        return round(self.longest, 4)


def _settled(window: Any, *widgets: Any) -> Any:
    ctx = window.ctx

    def done() -> bool:
        return (ctx.analysis_current and not ctx.tasks.busy and not ctx.reads.busy
                and not (hasattr(ctx, "edits") and ctx.edits.busy)
                and not any(getattr(w, "updating", False) for w in widgets))

    return done


def _visit_everything(app: Any, window: Any, meter: StallMeter) -> list[dict]:
    from pdsa_desk.ui.main_window import VIEWS

    out = []
    for spec in VIEWS:
        stall = meter.measure(app, lambda key=spec.key: window.navigate(key),
                              lambda key=spec.key: key in window._views and _settled(window, window.view(key))())
        out.append({"what": f"view {spec.key}", "stall": stall, "gui_cpu": meter.cpu})
    charts = window.view("charts")
    window.navigate("charts")
    _wait(app, _settled(window, charts))
    for index in range(1, charts.tabs.count()):
        stall = meter.measure(app, lambda i=index: charts.tabs.setCurrentIndex(i), _settled(window, charts))
        out.append({"what": f"chart tab {charts.TABS[index]}", "stall": stall, "gui_cpu": meter.cpu})
    charts.tabs.setCurrentIndex(0)
    _wait(app, _settled(window, charts))
    return out


def _open_card(board: Any) -> tuple[str, str]:
    """(an open card in the first column that has one, the next stage's id); on a small workspace whose
    cards have all been moved on, a new opportunity in the first stage (announced as the app does)."""
    from pdsa_desk.core import services
    from pdsa_desk.core.changes import Change
    from pdsa_desk.ui.board_models import CardRole

    stages = board.snapshot.stages
    for col in board.columns:
        if col.proxy.rowCount() and col.stage >= 0 and col.stage + 1 < len(stages) - 1:  # not into Won
            return col.proxy.index(0, 0).data(CardRole.ID), str(stages["id"].iloc[col.stage + 1])
    ws = board.ctx.ws
    opp = services.create_opportunity(ws, "Benchmark card", stage_id=str(stages["id"].iloc[0]))
    board.ctx.notify_changed(Change.of(opp.id))
    return opp.id, str(stages["id"].iloc[1])


def _series_ready(window: Any, charts: Any) -> bool:
    from pdsa_desk.ui.views.charts import _series_cache_key

    data = window.ctx.current_analysis()
    stage_id = charts.current_stage_id()
    return stage_id is None or data.is_cached(_series_cache_key(charts._meta_key, charts._series_key(stage_id)))


def _edit_refresh(app: Any, window: Any, repeat: int) -> list[float]:
    window.navigate("board")
    board, charts = window.view("board"), window.view("charts")
    _wait(app, _settled(window, board))
    times = []
    for _ in range(repeat):
        opp_id, _stage = _open_card(board)
        _wait(app, _settled(window, board))  # a card made for the purpose is on the board
        board.select_card(opp_id)
        board.move_selected_forward()
        dialog = board.active_dialog
        before = window.ctx.current_analysis()
        started = time.perf_counter()
        dialog.ok_button.click()
        _wait(app, lambda b=before: (window.ctx.analysis_current and window.ctx.current_analysis() is not b
                                     and not board.updating and board._data is window.ctx.current_analysis()
                                     and _series_ready(window, charts)))
        times.append(round(time.perf_counter() - started, 4))
        _wait(app, _settled(window, board))
    return times


def _stall_edits(app: Any, window: Any, meter: StallMeter) -> list[dict]:
    from pdsa_desk.core import services
    from pdsa_desk.core.changes import Change
    from pdsa_desk.ui.board_edits import MoveCommand

    ctx, ws = window.ctx, window.ctx.ws
    board = window.view("board")
    stages = services.list_stages(ws)
    cycle = services.create_cycle(ws, "Benchmark: call back the same day", from_stage_id=stages[1].id,
                                  planned_start=date.today(), planned_end=date.today())
    ctx.notify_changed(Change())
    out = []
    for key in ("board", "charts", "week"):
        window.navigate(key)
        shown = window.view(key)
        _wait(app, _settled(window, shown, board))

        def move() -> None:
            opp_id, stage_id = _open_card(board)
            board._push(MoveCommand(ctx, opp_id, stage_id, [], "Move"), opp_id)

        if not board.isVisible():  # a hidden Board keeps the cards of its last refresh: pick from current ones
            board.refresh()
            _wait(app, _settled(window, shown, board))

        def save_cycle() -> None:
            current = services.get_cycle(ws, cycle.id)
            services.update_cycle(ws, cycle.id, objective=f"{current.objective or ''} (revised)",
                                  expected_updated_at=current.updated_at)
            ctx.notify_changed(Change())

        def observe() -> None:
            services.add_observation(ws, cycle.id, "Two calls made before noon.")
            ctx.notify_changed(Change())

        for what, action in (("board move", move), ("cycle save", save_cycle), ("observation add", observe)):
            if os.environ.get("PDSA_BENCH_GC_TRACE"):
                print(f"situation: {what} with {key} shown", file=sys.stderr, flush=True)
            stall = meter.measure(app, action, _settled(window, shown, board))
            out.append({"what": f"{what} with {key} shown", "stall": stall, "gui_cpu": meter.cpu})
    return out


def _gc_trace() -> None:
    """``PDSA_BENCH_GC_TRACE=1`` (to find causes): print every garbage collection of 5 ms or more (it holds the GIL
    on the thread that triggered it) with its generation and thread."""
    import gc
    import threading

    started = [0.0]

    def callback(phase: str, info: dict) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        elif (ms := (time.perf_counter() - started[0]) * 1000) >= 5:
            print(f"gc: generation {info['generation']} {ms:.1f} ms on {threading.current_thread().name}",
                  file=sys.stderr, flush=True)

    gc.callbacks.append(callback)


def main() -> NoReturn:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    app = _app()
    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.ui import board_edits
    from pdsa_desk.ui.main_window import MainWindow

    def refused(_parent: Any, title: str, message: str) -> NoReturn:
        # A refused move measures nothing (and its message box would wait for a click): stop and say why.
        print(f"a benchmark edit was refused: {title}: {message}", file=sys.stderr, flush=True)
        os._exit(3)

    board_edits.report_problem = refused

    ws = open_workspace(args.db)
    window = MainWindow(ws)
    window.resize(1280, 800)
    window.show()
    _wait(app, lambda: window._painted)
    meter = StallMeter()
    if os.environ.get("PDSA_BENCH_GC_TRACE"):
        _gc_trace()
    result: dict = {"stall_views": _visit_everything(app, window, meter)}
    result["edit_refresh"] = _edit_refresh(app, window, args.repeat)
    result["stall_edit"] = _stall_edits(app, window, meter)
    result["maxrss_mb"] = _maxrss_mb()
    window.ctx.wait_for_background()
    _finish(result)


if __name__ == "__main__":
    main()
