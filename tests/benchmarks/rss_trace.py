"""What each step of visiting every view adds to the memory (issue 16, stop 21): a tracing aid, not a figure.

``python tests/benchmarks/rss_trace.py WORKSPACE [view,view,...] [--tabs]`` opens the main window on the
workspace (offscreen) as ``bench_gui.py visit`` does, then visits the views (and with ``--tabs`` every
chart tab once the Charts view is shown), printing per step the resident memory now (kept) and the peak
since the step before (transient). The peak is reset between steps through ``/proc/self/clear_refs``
(Linux), so each line's peak belongs to that step alone.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import bench_gui as g


def _now_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        pass


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    tabs = "--tabs" in sys.argv
    app = g._app()
    g._wire_views()
    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.ui.main_window import VIEWS, MainWindow

    last = [_now_mb()]

    def step(name: str) -> None:
        now = _now_mb()
        print(f"{name:<22} now {now:7.0f} MB  (+{now - last[0]:5.0f})  peak in step {g._maxrss_mb():7.0f} MB",
              flush=True)
        last[0] = now
        _reset_peak()

    step("before window")
    ws = open_workspace(args[0])
    window = MainWindow(ws)
    window.show()
    g._settle(app, window.ctx)
    step("window, first view")
    keys = [v.key for v in VIEWS]
    order = args[1].split(",") if len(args) > 1 else keys
    for key in order:
        window.nav.setCurrentRow(keys.index(key))
        widget = window.view(key)
        g._wait(app, lambda w=widget: not getattr(w, "updating", False) and window.ctx.analysis_current)
        g._settle(app, window.ctx)
        step(key)
        if key == "charts" and tabs:
            for i in range(1, widget.tabs.count()):
                widget.tabs.setCurrentIndex(i)
                g._wait(app, lambda w=widget: not getattr(w, "updating", False))
                g._settle(app, window.ctx)
                step(f"  tab {widget.TABS[i]}")
    window.ctx.wait_for_background()
    print(f"overall peak (VmHWM since last reset) {g._maxrss_mb():.0f} MB", flush=True)
    os._exit(0)


if __name__ == "__main__":
    main()
