"""Screenshots of the marketing half on the demo (1440x900, the demo on its day), for the README:

* ``forecasts.png`` -- the Forecasts view: forecasts against actuals, each forecaster's bias and accuracy;
* ``initiatives.png`` -- the Initiatives view;
* ``charts-initiatives.png`` -- a conversion chart with marketing initiatives marked beside a PDSA cycle band;
* ``study-confounder.png`` -- the Study tab of the cycle an initiative overlaps on purpose.

``python -m pdsa_desk.ui.screenshot_marketing docs/screenshots`` (also run by ``make screenshots``).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import cast

from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QApplication

from pdsa_desk.ui.application import set_application_names
from pdsa_desk.ui.screenshots import AS_OF, _settle

SIZE = QSize(1440, 900)


def take_marketing(out_dir: Path) -> list[Path]:
    from pdsa_desk.core import services
    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.core.demo import write_demo
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

    with tempfile.TemporaryDirectory() as tmp:
        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, str(Path(tmp) / "settings"))
        db = Path(tmp) / "demo.sqlite"
        write_demo(db, as_of=AS_OF)
        ws = open_workspace(db)
        from pdsa_desk.ui.i18n import install_translators

        install_translators("en")  # the English plural forms ("1 initiative", "8 cycles")
        window = MainWindow(ws)
        window.ctx.clock.pin(AS_OF)
        window.resize(SIZE)
        window.show()
        for key in ("forecasts", "initiatives"):
            window.navigate(key)
            shot(window, f"{key}.png")

        # The booth at the summit aimed at discovery calls, beside the cycle on the same transition.
        window.navigate("charts")
        _settle(app, window)
        charts = cast(ChartsView, window.view("charts"))
        charts.tabs.setCurrentIndex(0)
        i = charts.transition_combo.findText("Discovery held → Budget shared")
        charts.transition_combo.setCurrentIndex(max(i, 0))
        shot(window, "charts-initiatives.png")

        cycle = next(c for c in services.list_cycles(ws) if c.title == "Agenda before discovery calls")
        window.navigate("cycles", cycle.id)
        _settle(app, window)
        cycles = cast(CyclesView, window.view("cycles"))
        cycles.editor.tabs.setCurrentIndex(STUDY_TAB)
        shot(window, "study-confounder.png")
        window.close()
        ws.close()
    return written


if __name__ == "__main__":
    for path in take_marketing(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
        print(path)
