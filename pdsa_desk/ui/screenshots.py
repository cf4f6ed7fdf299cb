"""``make screenshots``: one PNG per view of the main window on the demo workspace.

Runs under Xvfb or the offscreen platform:
``python -m pdsa_desk.ui.screenshots docs/screenshots``; in another language (at a laptop's 1366×768):
``python -m pdsa_desk.ui.screenshots docs/screenshots/de de`` (needs the .qm that ``make`` builds); at another
window size: ``python -m pdsa_desk.ui.screenshots /tmp/small en 1024x640``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QApplication

from pdsa_desk.ui.application import set_application_names

if TYPE_CHECKING:
    from pdsa_desk.ui.main_window import MainWindow

SIZE = QSize(1366, 768)  # a laptop's screen: what most users of the app have
AS_OF = date(2026, 11, 24)  # fixed, so screenshots change only when the app does


@contextmanager
def scratch() -> Iterator[str]:
    """A folder of the same name on every run (the status bar shows the workspace's path), emptied before and
    removed after."""
    folder = Path(tempfile.gettempdir()) / "pdsa-desk-screenshots"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    try:
        yield str(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _settle(app: QCoreApplication, window: MainWindow) -> None:
    """Let debounce timers fire and background work land (a tool, not a test: waiting is fine here)."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop

    for _ in range(12):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, QDeadlineTimer(100))
        window.ctx.wait_for_background()
    app.processEvents()


def take(out_dir: Path, language: str | None = None, size: QSize = SIZE) -> list[Path]:
    from PySide6.QtCore import QSettings

    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.core.demo import write_demo
    from pdsa_desk.ui.main_window import VIEWS, MainWindow

    set_application_names()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with scratch() as tmp:
        # Fresh settings: screenshots show what a new user sees, whatever this machine remembers.
        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, str(Path(tmp) / "settings"))
        db = Path(tmp) / "demo.sqlite"
        write_demo(db, as_of=AS_OF)
        ws = open_workspace(db)
        from pdsa_desk.ui.i18n import install_translators

        if language not in (None, "en"):  # numbers and dates as a user of that language has them
            from PySide6.QtCore import QLocale

            QLocale.setDefault(QLocale(language))
        # English too: its catalogue holds the plural forms ("1 stage", "6 periods"), not "stage(s)".
        if install_translators(language or "en") != (language or "en"):
            raise SystemExit(f"no compiled translation for {language!r}: run make first")
        window = MainWindow(ws)
        window.ctx.clock.pin(AS_OF)  # the one clock, on the demo's day
        window.ctx.notify_changed()  # the view built before the pin: again, on the pinned day
        window.resize(size)
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
    _size = QSize(*(int(n) for n in sys.argv[3].split("x"))) if len(sys.argv) > 3 else SIZE
    for path in take(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"),
                     sys.argv[2] if len(sys.argv) > 2 else None, _size):
        print(path)
