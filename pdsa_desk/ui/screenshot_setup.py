"""``make screenshots`` (part 3): setting up, at a laptop's 1366×768 — the first-run guide of an empty workspace,
the workspace settings and the glossary (each dialog drawn over its window, centred, as on screen).

``python -m pdsa_desk.ui.screenshot_setup docs/screenshots``
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from pdsa_desk.ui.application import set_application_names
from pdsa_desk.ui.screenshots import AS_OF, SIZE, _settle, scratch


def _over(window: QWidget, dialog: QWidget) -> QPixmap:
    """The window with the dialog drawn centred over it."""
    image = window.grab()
    top = dialog.grab()
    painter = QPainter(image)
    painter.fillRect(image.rect(), QColor(0, 0, 0, 40))  # the window behind a modal dialog, dimmed
    painter.drawPixmap((image.width() - top.width()) // 2, (image.height() - top.height()) // 3, top)
    painter.end()
    return image


def take(out_dir: Path) -> list[Path]:
    from PySide6.QtCore import QSettings

    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.core.demo import write_demo
    from pdsa_desk.ui.glossary import open_glossary
    from pdsa_desk.ui.main_window import MainWindow
    from pdsa_desk.ui.settings_dialog import SettingsDialog

    set_application_names()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with scratch() as tmp:
        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, str(Path(tmp) / "settings"))
        empty = open_workspace(Path(tmp) / "workspace.sqlite")
        window = MainWindow(empty)
        window.ctx.clock.pin(AS_OF)
        window.ctx.notify_changed()  # the view built before the pin: again, on the pinned day
        window.resize(SIZE)
        window.show()
        window.navigate("week")
        _settle(app, window)
        target = out_dir / "first-run.png"
        window.grab().save(str(target))
        written.append(target)
        window.close()
        empty.close()

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
        settings = SettingsDialog(window.ctx, window)
        settings.show()
        _settle(app, window)
        target = out_dir / "settings.png"
        _over(window, settings).save(str(target))
        written.append(target)
        settings.close()
        glossary = open_glossary(window, "laney")
        _settle(app, window)
        target = out_dir / "glossary.png"
        _over(window, glossary).save(str(target))
        written.append(target)
        glossary.close()
        window.close()
        ws.close()
    return written


if __name__ == "__main__":
    for path in take(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
        print(path)
