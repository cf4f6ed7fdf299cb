"""GUI side of the benchmark, run as its own process (offscreen) by ``bench.py``.

Modes (``python bench_gui.py MODE ...``):

``bare``
    The floor process: a bare PySide6 application that shows an empty ``QMainWindow`` and quits
    after its first paint.
``visit --db W``
    Opens the main window on ``W`` and visits every view (waiting for background work), then
    quits; the parent reads the peak RSS of this process with ``os.wait4``.
``app-wired --db W``
    ``pdsa-desk --db W --quit-after-first-paint`` as it will behave once every written view is
    wired into the main window (only used while some are not).
``views --db W --as-of ISO --repeat R --warmup K``
    Times, in this process, switching the Charts view to another transition (recompute + redraw)
    and opening (refreshing) the Board, each from the call until the view has stopped updating (its
    work runs in the background). Prints one JSON line.
``ready --db W --view week|board``
    The app as a user starts it, until the view is painted with its data (see :func:`ready`).

Views that exist as modules but are not wired into ``main_window.VIEWS`` yet are wired here
(``pdsa_desk.ui.views.<key>:<Key>View``), so "every view" means every view that is written; the
JSON reports which ones were wired by the benchmark.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.util
import json
import os
import resource
import sys
import time
from typing import NoReturn

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _maxrss_mb() -> float:
    """This process's peak RSS in MB.

    ``VmHWM`` (Linux) is the high-water mark of this program's own address space; ``ru_maxrss``
    would also count the parent's pages the child shared between fork and exec."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _finish(result: dict) -> NoReturn:
    """Print the result and leave at once: the measurements are taken, and interpreter finalization with
    live Qt widgets has crashed this worker (a refcount error in PySide6 while garbage-collecting)."""
    print(json.dumps(result), flush=True)
    sys.stderr.flush()
    os._exit(0)


def bare() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])

    class Window(QMainWindow):
        painted = False

        def paintEvent(self, event):  # noqa: N802 - Qt override
            super().paintEvent(event)
            if not self.painted:
                self.painted = True
                QTimer.singleShot(0, app.quit)

    window = Window()
    window.resize(1280, 800)
    window.show()
    status = app.exec()
    print(json.dumps({"maxrss_mb": _maxrss_mb()}))
    return status


def _wire_views() -> list[str]:
    """Point unwired ``VIEWS`` entries at their view modules when those exist."""
    from dataclasses import replace

    from pdsa_desk.ui import main_window

    wired, specs = [], []
    for spec in main_window.VIEWS:
        found = importlib.util.find_spec(f"pdsa_desk.ui.views.{spec.key}") if spec.target is None else None
        cls = f"{spec.key.capitalize()}View"
        # Read, do not import: the main window imports a view when it is first shown, and so must we.
        if found is not None and found.origin and f"class {cls}(" in open(found.origin, encoding="utf-8").read():
            spec = replace(spec, target=f"pdsa_desk.ui.views.{spec.key}:{cls}")
            wired.append(spec.key)
        specs.append(spec)
    main_window.VIEWS = tuple(specs)
    return wired


def _app():
    from PySide6.QtWidgets import QApplication

    from pdsa_desk.core.memory import limit_arenas
    from pdsa_desk.ui.application import set_application_names

    limit_arenas()  # as application.run does first
    set_application_names()
    return QApplication.instance() or QApplication(sys.argv[:1])


def _settle(app, ctx=None) -> None:
    app.processEvents()
    if ctx is not None:
        ctx.wait_for_background(600_000)
    app.processEvents()
    app.processEvents()


def _wait(app, done, timeout: float = 600.0) -> None:
    """Run the event loop until ``done()`` (background work reports through it)."""
    deadline = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the view did not finish updating")
        app.processEvents()
        time.sleep(0.0005)


def visit(db: str) -> NoReturn:
    app = _app()
    wired = _wire_views()
    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.ui.main_window import VIEWS, MainWindow

    ws = open_workspace(db)
    window = MainWindow(ws)
    window.show()
    _settle(app, window.ctx)
    for row, spec in enumerate(VIEWS):
        window.nav.setCurrentRow(row)
        widget = window.view(spec.key)
        _wait(app, lambda w=widget: not getattr(w, "updating", False) and window.ctx.analysis_current)
        _settle(app, window.ctx)
    result = {"views": [v.key for v in VIEWS], "wired_by_benchmark": wired, "maxrss_mb": _maxrss_mb()}
    window.ctx.wait_for_background()
    window.close()
    ws.close()
    _finish(result)


def views(db: str, as_of: str, repeat: int, warmup: int) -> NoReturn:
    app = _app()
    wired = _wire_views()
    from datetime import datetime

    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.ui.context import AppContext

    out: dict = {"wired_by_benchmark": wired}
    ws = open_workspace(db)
    ctx = AppContext(ws)
    loaded: list = []
    ctx.analysis_in_background(loaded.append)  # the snapshot every view shares, loaded once (measured elsewhere)
    _wait(app, lambda: bool(loaded))
    when = datetime.fromisoformat(as_of)
    ctx.clock.pin(when)  # the window's one clock

    # --- Charts: switch the conversion chart to another transition -------------------------
    try:
        from pdsa_desk.ui.views.charts import ChartsView
    except ImportError as exc:
        out["charts"] = {"error": f"pdsa_desk.ui.views.charts:ChartsView is not available ({exc})"}
    else:
        view = ChartsView(ctx)
        view.resize(1280, 800)
        view.show()
        view.refresh()
        _settle(app, ctx)
        combo = view.transition_combo
        count = combo.count()
        times = []
        for i in range(warmup + repeat):
            target = (combo.currentIndex() + 1) % max(count, 1)
            gc.collect()
            started = time.perf_counter()
            combo.setCurrentIndex(target)
            _wait(app, lambda: not view.updating)  # drawn (computed ahead, or computed in the background)
            elapsed = time.perf_counter() - started
            if i >= warmup:
                times.append(elapsed)
        out["charts"] = {"runs": times, "transitions": count, "chart": view.chart_seg.value()}
        view.close()
        view.deleteLater()
        _settle(app)

    # --- Board: open (refresh) with the open opportunities as cards -----------------------
    try:
        from pdsa_desk.ui.views.board import BoardView
    except ImportError as exc:
        out["board"] = {"error": f"pdsa_desk.ui.views.board:BoardView is not available ({exc})"}
    else:
        view = BoardView(ctx)
        view.resize(1280, 800)
        view.show()
        _settle(app)
        times = []
        for i in range(warmup + repeat):
            gc.collect()
            started = time.perf_counter()
            view.refresh()
            _wait(app, lambda: not view.updating)  # the cards of the snapshot, computed in the background
            elapsed = time.perf_counter() - started
            if i >= warmup:
                times.append(elapsed)
        snap = view.snapshot
        out["board"] = {"runs": times, "cards": None if snap is None else len(snap.cards)}
        view.close()
    out["maxrss_mb"] = _maxrss_mb()
    ctx.wait_for_background()
    ws.close()
    _finish(out)


def app_wired(db: str) -> int:
    """``pdsa-desk --db W --quit-after-first-paint`` with every written view wired (see module doc)."""
    _wire_views()
    from pdsa_desk.app import main as app_main

    return app_main(["--db", db, "--quit-after-first-paint"])


def ready(db: str, view: str) -> NoReturn:
    """The app as a user starts it (``pdsa-desk --db W``, fresh settings but the last view) until ``view``
    is painted with its data, then leaves at once; prints the milestones (seconds since this process started).

    "With its data": This week -- the agenda with every section (the first agenda, from a few queries, is a
    milestone); Board -- the open opportunities' cards (their aging marks, which need the history, follow).
    Then one synchronous paint of the window (``repaint()``)."""
    started = time.perf_counter() - _since_launch()
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from pdsa_desk.ui.application import set_application_names

    set_application_names()
    _qapp = QApplication(sys.argv[:1])  # kept alive while the app runs
    if view != "week":
        QSettings().setValue("main_window/view", view)
    from pdsa_desk.ui import application

    marks: dict[str, float] = {}

    def mark(name: str) -> None:
        marks.setdefault(name, round(time.perf_counter() - started, 4))

    def check(window, widget) -> None:
        if view == "week":
            if widget.agenda is not None:
                mark("first agenda")
            done = widget.agenda is not None and not widget.agenda.pending and not widget.updating
        else:
            done = widget.snapshot is not None and len(widget.snapshot.cards) > 0
        if not done:
            return
        window.repaint()
        mark("painted with data")
        info: dict = {"marks": marks, "maxrss_mb": _maxrss_mb()}
        if view == "board":
            info["cards"] = len(widget.snapshot.cards)
        else:
            info["items"] = len(widget.agenda.items)
        _finish(info)

    watched: list[object] = []

    def watch() -> None:
        window = application._windows[0] if application._windows else None
        if window is not None and not watched:
            watched.append(window)
            if window._painted:
                mark("first paint")
            else:
                window.first_paint.connect(lambda: mark("first paint"))
        widget = None if window is None else window._views.get(view)
        if widget is None:
            QTimer.singleShot(5, watch)
            return
        mark("view built")
        widget.first_shown.connect(lambda: check(window, widget))
        widget.refreshed.connect(lambda: check(window, widget))
        check(window, widget)

    QTimer.singleShot(0, watch)
    application.run(db=db)
    _finish({"error": "the app quit before the view was shown with its data", "marks": marks})


def _since_launch() -> float:
    """Seconds since this process was started (from /proc; 0 where unknown)."""
    try:
        ticks = int(open("/proc/self/stat").read().rsplit(")", 1)[1].split()[19])
        uptime = float(open("/proc/uptime").read().split()[0])
        return max(uptime - ticks / os.sysconf("SC_CLK_TCK"), 0.0)
    except (OSError, ValueError, IndexError):
        return 0.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["bare", "visit", "views", "app-wired", "ready"])
    parser.add_argument("--view", default="week", choices=["week", "board"])
    parser.add_argument("--db")
    parser.add_argument("--as-of")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    args = parser.parse_args()
    if args.mode == "bare":
        return bare()
    if args.mode == "visit":
        return visit(args.db)
    if args.mode == "app-wired":
        return app_wired(args.db)
    if args.mode == "ready":
        ready(args.db, args.view)
    return views(args.db, args.as_of, args.repeat, args.warmup)


if __name__ == "__main__":
    raise SystemExit(main())
