"""``make screenshots``: one PNG per view of the main window on the demo workspace.

Runs under Xvfb or the offscreen platform:
``python -m pdsa_desk.ui.screenshots docs/screenshots``.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from pdsa_desk.ui.application import set_application_names

SIZE = QSize(1440, 900)
AS_OF = date(2026, 11, 24)  # fixed, so screenshots change only when the app does


def _settle(app: QApplication, window) -> None:  # noqa: ANN001
    """Let debounce timers fire and background work land (a tool, not a test: waiting is fine here)."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop

    for _ in range(12):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, QDeadlineTimer(100))
        window.ctx.wait_for_background()
    app.processEvents()


def take(out_dir: Path) -> list[Path]:
    from PySide6.QtCore import QSettings

    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.core.demo import write_demo
    from pdsa_desk.ui.main_window import VIEWS, MainWindow

    set_application_names()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        # Fresh settings: screenshots show what a new user sees, whatever this machine remembers.
        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, str(Path(tmp) / "settings"))
        db = Path(tmp) / "demo.sqlite"
        write_demo(db, as_of=AS_OF)
        ws = open_workspace(db)
        window = MainWindow(ws)
        window.ctx.clock.pin(AS_OF)  # the one clock, on the demo's day
        window.resize(SIZE)
        window.show()
        _settle(app, window)
        for spec in VIEWS:
            window.navigate(spec.key)
            _settle(app, window)
            target = out_dir / f"{spec.key}.png"
            window.grab().save(str(target))
            written.append(target)
        window.navigate(VIEWS[0].key)
        _settle(app, window)
        main = out_dir / "main-window.png"
        window.grab().save(str(main))
        written.append(main)
        window.close()
        ws.close()
    return written


if __name__ == "__main__":
    for path in take(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
        print(path)
