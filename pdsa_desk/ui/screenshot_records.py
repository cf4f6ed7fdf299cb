"""Screenshots of keeping records in the app (1366x768, the demo on its day), for the README:

* ``people.png`` -- Edit ▸ People and teams, over the main window;
* ``opportunity-editor.png`` -- the opportunity editor of a Board card, over the Board;
* ``board-table.png`` -- the Board's opportunities table (Cards | Table), sorted by amount.

``python -m pdsa_desk.ui.screenshot_records docs/screenshots`` (also run by ``make screenshots``).
A dialog is drawn centred on the window's picture, as a window manager would show it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import cast

from PySide6.QtCore import QPoint, QSettings, QSize, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from pdsa_desk.ui.application import set_application_names
from pdsa_desk.ui.screenshots import AS_OF, _settle

SIZE = QSize(1366, 768)


def _over(window: QWidget, dialog: QDialog) -> QPixmap:
    """The window's picture with ``dialog`` drawn centred on it."""
    picture = window.grab()
    inner = dialog.grab()
    painter = QPainter(picture)
    at = QPoint((picture.width() - inner.width()) // 2, (picture.height() - inner.height()) // 2)
    painter.drawPixmap(at, inner)
    painter.setPen(window.palette().color(window.palette().ColorRole.Dark))
    painter.drawRect(at.x() - 1, at.y() - 1, inner.width() + 1, inner.height() + 1)
    painter.end()
    return picture


def take_records(out_dir: Path) -> list[Path]:
    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.core.demo import write_demo
    from pdsa_desk.ui.main_window import MainWindow
    from pdsa_desk.ui.opportunity_editor import OpportunityEditor
    from pdsa_desk.ui.people_dialog import PeopleDialog
    from pdsa_desk.ui.views.board import BoardView

    set_application_names()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(picture: QPixmap, name: str) -> None:
        target = out_dir / name
        picture.save(str(target))
        written.append(target)

    with tempfile.TemporaryDirectory() as tmp:
        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, str(Path(tmp) / "settings"))
        db = Path(tmp) / "demo.sqlite"
        write_demo(db, as_of=AS_OF)
        ws = open_workspace(db)
        window = MainWindow(ws)
        window.ctx.clock.pin(AS_OF)
        window.resize(SIZE)
        window.show()
        window.navigate("board")
        board = cast(BoardView, window.view("board"))
        _settle(app, window)

        people = PeopleDialog(window.ctx, window)
        people.show()
        people.team_list.setCurrentRow(0)
        second = people.rep_tree.topLevelItem(1)
        if second is not None:
            people.rep_tree.setCurrentItem(second)
        _settle(app, window)
        save(_over(window, people), "people.png")
        people.close()

        card = board.columns[3].proxy.index(0, 0).data(0x0100)  # CardRole.ID
        board.select_card(card)
        editor = OpportunityEditor(window.ctx, card, window)
        editor.show()
        _settle(app, window)
        save(_over(window, editor), "opportunity-editor.png")
        editor.close()

        board.records.table_button.click()
        while board.records.updating:
            _settle(app, window)
        board.records.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)
        board.records.select(board.records.proxy.index(2, 0).data(Qt.ItemDataRole.UserRole))
        _settle(app, window)
        save(window.grab(), "board-table.png")
        window.close()
        ws.close()
    return written


if __name__ == "__main__":
    for path in take_records(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
        print(path)
