"""Screenshots of details a new user should see (1366x768, the demo on its day), for the README:

* ``charts-rep-guard.png`` -- one rep's weekly P′ chart below the small-sample guard (its sentence, the
  remedies, no point presented as a signal);
* ``charts-cfd.png`` -- the cumulative flow diagram;
* ``study-<verdict>.png`` -- the Study tab of the first demo cycle with each kind of plain verdict.

``python -m pdsa_desk.ui.screenshot_details docs/screenshots`` (also run by ``make screenshots``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import cast

from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QApplication

from pdsa_desk.ui.application import set_application_names
from pdsa_desk.ui.screenshots import AS_OF, _settle, scratch

SIZE = QSize(1366, 768)


def take_details(out_dir: Path) -> list[Path]:
    from pdsa_desk.core import services
    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.core.demo import write_demo
    from pdsa_desk.core.study import study_cycle
    from pdsa_desk.core.verdict import plain_verdict
    from pdsa_desk.ui.cycle_editor import STUDY_TAB
    from pdsa_desk.ui.main_window import MainWindow
    from pdsa_desk.ui.views.charts import ChartsView
    from pdsa_desk.ui.views.cycles import CyclesView

    set_application_names()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def shot(window: MainWindow, name: str) -> None:
        _settle(app, window)
        target = out_dir / name
        window.grab().save(str(target))
        written.append(target)

    with scratch() as tmp:
        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, str(Path(tmp) / "settings"))
        db = Path(tmp) / "demo.sqlite"
        write_demo(db, as_of=AS_OF)
        ws = open_workspace(db)
        window = MainWindow(ws)
        window.ctx.clock.pin(AS_OF)
        window.ctx.notify_changed()  # the view built before the pin: again, on the pinned day
        window.resize(SIZE)
        window.show()
        window.navigate("charts")
        _settle(app, window)
        charts = cast(ChartsView, window.view("charts"))
        charts.tabs.setCurrentIndex(0)
        charts.transition_combo.setCurrentIndex(charts.transition_combo.findText("Terms in negotiation → Won"))
        rep = min(services.list_reps(ws), key=lambda r: r.name)
        charts.scope_combo.setCurrentIndex(charts.scope_combo.findData(f"rep:{rep.id}"))
        charts.range_combo.setCurrentIndex(charts.range_combo.findData("13"))
        charts.period_seg.set_value("week")
        charts.chart_seg.set_value("pp")
        shot(window, "charts-rep-guard.png")
        charts.scope_combo.setCurrentIndex(0)
        charts.range_combo.setCurrentIndex(charts.range_combo.findData("all"))
        charts.tabs.setCurrentIndex(charts.TABS.index("cfd"))
        shot(window, "charts-cfd.png")

        window.navigate("cycles")
        _settle(app, window)
        cycles = cast(CyclesView, window.view("cycles"))
        seen: set[str] = set()
        got: list = []
        window.ctx.analysis_in_background(got.append)  # the snapshot, loaded in the background
        while not got:
            _settle(app, window)
        data = got[0]
        for cycle in services.list_cycles(ws):
            kind = str(plain_verdict(study_cycle(ws, cycle.id, as_of=window.ctx.as_of(), data=data)).kind)
            if kind in seen:
                continue
            seen.add(kind)
            cycles.show_object(cycle.id)
            _settle(app, window)
            cycles.editor.tabs.setCurrentIndex(STUDY_TAB)
            shot(window, f"study-{kind.replace(' ', '-')}.png")
        window.close()
        ws.close()
    return written


if __name__ == "__main__":
    for path in take_details(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
        print(path)
