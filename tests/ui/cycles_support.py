"""The Cycles view as the cycle tests open it, shared by several test modules."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from pdsa_desk.core.database import Workspace
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.views.cycles import CyclesView
from tests.ui.waiting import analysis, settled


def shown_cycles_view(qtbot: Any, ws: Workspace, as_of: datetime) -> Iterator[CyclesView]:
    """For a fixture to ``yield from``: the view visited on ``ws`` with the clock pinned at ``as_of`` (results as
    on that day, whatever today is), its list and opened cycle read, and the analysis snapshot loaded — the
    lifecycle steps study a cycle on it, and once it is there they answer at once (cycle edits keep it). Waits
    for the background work to end afterwards."""
    ctx = AppContext(ws)
    ctx.clock.pin(as_of)
    view = CyclesView(ctx)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    view.refresh()  # a visit: the list and the opened cycle are read on the quick-read thread
    settled(qtbot, view)
    analysis(qtbot, ctx)
    yield view
    ctx.wait_for_background()
