"""A Board view shown on a workspace, its first refresh done (shared by the Board's UI tests)."""

from __future__ import annotations

from pdsa_desk.core.database import Workspace
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.views.board import BoardView
from tests.ui.waiting import refreshed


def shown_board(qtbot, ws: Workspace, size: tuple[int, int] = (1440, 900)) -> BoardView:
    view = BoardView(AppContext(ws))
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    return refreshed(qtbot, view)
