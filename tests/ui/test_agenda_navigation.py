"""This week → Board / Cycles / Charts: each agenda item opens exactly what it names, and a hint from one
navigation does not stay on the next (issue 13, point 6). Driven through the main window on the demo."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, QRect

from pdsa_desk.core import services
from pdsa_desk.core.agenda import AgendaItem, Section
from pdsa_desk.ui.main_window import MainWindow
from pdsa_desk.ui.views.board import BoardView
from pdsa_desk.ui.views.charts import ChartsView
from pdsa_desk.ui.views.cycles import CyclesView
from pdsa_desk.ui.views.week import ITEM_ROLE, WeekView
from tests.conftest import DEMO_AS_OF
from tests.ui.waiting import refreshed, settled

AS_OF = datetime(DEMO_AS_OF.year, DEMO_AS_OF.month, DEMO_AS_OF.day, 18, tzinfo=UTC)
NOT_OPEN = "That opportunity is not open any more"


@pytest.fixture
def window(qtbot, demo_ws):
    # Every section has an item: a cycle due to start, and reps over a cap of one active cycle.
    video = next(c for c in services.list_cycles(demo_ws) if c.title == "Video recap to speed up signatures")
    services.update_cycle(demo_ws, video.id, planned_start=date(2026, 11, 20))
    services.update_settings(demo_ws, max_active_cycles_per_rep=1)
    services.create_initiative(demo_ws, "Year-end webinar", starts_on=date(2026, 11, 26), ends_on=date(2026, 12, 3),
                               channel="Inbound web", talking_points="Invite open deals' champions.")
    win = MainWindow(demo_ws)
    win.ctx.clock.pin(AS_OF)
    qtbot.addWidget(win)
    win.resize(1440, 900)
    win.show()
    qtbot.waitExposed(win)
    win.navigate("week")
    week = win.view("week")
    assert isinstance(week, WeekView)
    refreshed(qtbot, week)
    qtbot.waitUntil(lambda: week.agenda is not None and not week.agenda.pending, timeout=30000)
    yield win
    win.ctx.wait_for_background()


def _items(win: MainWindow, section: Section) -> list[AgendaItem]:
    week = win.view("week")
    head = week.tree.topLevelItem(list(Section).index(section))
    return [head.child(i).data(0, ITEM_ROLE) for i in range(head.childCount())
            if head.child(i).data(0, ITEM_ROLE) is not None]


def _activate(qtbot, win: MainWindow, item: AgendaItem):
    week = win.view("week")
    win.navigate("week")
    for i in range(week.tree.topLevelItemCount()):
        head = week.tree.topLevelItem(i)
        for k in range(head.childCount()):
            if head.child(k).data(0, ITEM_ROLE) == item:
                week.tree.itemActivated.emit(head.child(k), 0)
                view = win.view(item.view)
                assert win.current_key() == item.view
                if hasattr(view, "updating"):
                    settled(qtbot, view)
                return view
    raise AssertionError(f"{item.title} is not on the agenda")


def test_every_section_has_an_item_here(window) -> None:
    # The quarterly forecast follow-up belongs to a quarter's first two weeks (tests/core/test_agenda_marketing.py).
    assert all(_items(window, section) for section in Section if section is not Section.FORECASTS)


def test_an_initiative_to_tell_the_team_opens_it_in_initiatives(qtbot, window, demo_ws) -> None:
    (item,) = _items(window, Section.MARKETING)
    assert item.title == "Year-end webinar" and "Invite open deals' champions." in item.detail
    view = _activate(qtbot, window, item)
    qtbot.waitUntil(lambda: view.selected() is not None and view.selected().id == item.object_id, timeout=20000)


def test_over_the_wip_limit_opens_the_board_on_that_stage(qtbot, window, demo_ws) -> None:
    (item,) = _items(window, Section.WIP)
    assert item.title == "Budget shared"
    board = _activate(qtbot, window, item)
    assert isinstance(board, BoardView)
    qtbot.waitUntil(lambda: board.selected_id() is not None, timeout=20000)
    budget = next(s for s in services.list_stages(demo_ws) if s.name == "Budget shared")
    column = next(c for c in board.columns if c.stage == budget.position)
    assert column.model.row_of(board.selected_id()) is not None  # a card of that stage is selected
    assert NOT_OPEN not in board.hint_label.text()
    assert item.detail.startswith(f"{column.count} open opportunities")  # the board and the agenda agree
    assert board.hint_label.text() == f"“Budget shared” holds {column.count} open opportunities; its WIP limit is 30."
    viewport = board.scroll_area.viewport()
    shown = QRect(column.mapTo(viewport, QPoint(0, 0)), column.size())
    assert viewport.rect().contains(shown.topLeft()) or viewport.rect().intersected(shown).width() > 100

    # The next item (an aging card) opens that card, and the WIP hint does not stay.
    aging = _items(window, Section.AGING)[0]
    board = _activate(qtbot, window, aging)
    qtbot.waitUntil(lambda: board.selected_id() == aging.object_id, timeout=20000)
    assert "WIP limit" not in board.hint_label.text() and NOT_OPEN not in board.hint_label.text()


def test_a_closed_opportunity_says_so_and_the_next_item_clears_it(qtbot, window, demo_ws) -> None:
    first, second = _items(window, Section.AGING)[:2]
    services.mark_won(demo_ws, first.object_id, at=AS_OF - timedelta(hours=1))  # closed after the agenda was read
    window.ctx.notify_changed()
    board = _activate(qtbot, window, first)
    qtbot.waitUntil(lambda: NOT_OPEN in board.hint_label.text(), timeout=20000)
    board = _activate(qtbot, window, second)
    qtbot.waitUntil(lambda: board.selected_id() == second.object_id, timeout=20000)
    assert NOT_OPEN not in board.hint_label.text()


@pytest.mark.parametrize("section", [Section.DECIDE, Section.STUDY, Section.START, Section.RUNNING])
def test_a_cycle_item_opens_that_cycle(qtbot, window, section: Section) -> None:
    item = _items(window, section)[0]
    cycles = _activate(qtbot, window, item)
    assert isinstance(cycles, CyclesView)
    qtbot.waitUntil(lambda: cycles.current_cycle_id() == item.object_id, timeout=20000)
    assert cycles.editor.title_label.text() == item.title.split(" (")[0]


def test_a_rep_over_the_cap_opens_that_reps_cycles(qtbot, window, demo_ws) -> None:
    item = _items(window, Section.FOCUS)[0]
    rep = next(r for r in services.list_reps(demo_ws) if r.name == item.title)
    assert item.object_id == rep.id
    cycles = _activate(qtbot, window, item)
    assert isinstance(cycles, CyclesView)
    assert cycles.rep_filter.currentData() == rep.id
    shown = {cycles.proxy.index(r, 0).data() for r in range(cycles.proxy.rowCount())}
    mine = {c.title for c in services.list_cycles(demo_ws)
            if c.owner_rep_id == rep.id or rep.id in {p.id for p in services.participants(demo_ws, c.id)}}
    assert shown and shown <= mine
    assert cycles.current_cycle_id() is not None


def test_a_new_signal_opens_that_transitions_chart(qtbot, window, demo_ws) -> None:
    item = _items(window, Section.SIGNALS)[0]
    charts = _activate(qtbot, window, item)
    assert isinstance(charts, ChartsView)
    stage = services.list_stages(demo_ws)[int(item.object_id)]
    qtbot.waitUntil(lambda: charts.transition_combo.currentData() == stage.id, timeout=30000)
    assert charts.tabs.currentIndex() == 0
