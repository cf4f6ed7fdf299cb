"""The first view's quick path at start-up (issue 16): a workspace file at the head revision that opens on the
Board gets its cards read from the file with sqlite3 alone and shown before the workspace is opened (and
SQLAlchemy imported), with input to the board held back until then; what the Board shows first, and complete,
is what the normal path shows. Any other file takes the normal path."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from pdsa_desk.core import board as core_board
from pdsa_desk.core.board import BoardSnapshot, first_board, load_board
from pdsa_desk.core.database import open_workspace
from pdsa_desk.core.frames import load_analysis_data
from pdsa_desk.ui.application import (
    finish_opening,
    open_after_first_paint,
    set_application_names,
    show_window_then_open,
)
from pdsa_desk.ui.views import board as board_view

DATA = Path(__file__).resolve().parents[1] / "data"


def _open_on_board(qtbot, path: Path, monkeypatch: pytest.MonkeyPatch,
                   looked_held: list[tuple[bool, ...]] | None = None,
                   at_first_board: Callable[[Any], object] | None = None) -> tuple[Any, list[BoardSnapshot],
                                                                                  list[object], list]:
    """Start the app as ``run`` does on ``path`` with the Board as the last view; the first boards the view
    showed, and the as-of instants the file was read for. ``looked_held`` gets, per first board shown, whether
    the view, its New opportunity button and its search field were enabled, whether that button, the summary line
    and any card list were drawn in disabled colours; ``at_first_board(window)`` is
    called once the first board is shown, before the workspace is opened."""
    set_application_names()
    QSettings().setValue("main_window/view", "board")
    shown_first: list[BoardSnapshot] = []
    real_show_first = board_view.BoardView._show_first
    before_open: list[tuple[bool, bool]] = []  # per first board: (no workspace yet, typing into it held back)

    def show_first(view, snap):
        shown_first.append(snap)
        held = view.window()._held
        key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
        before_open.append((view.ctx.ws is None, held is not None and held.eventFilter(view.search_edit, key)))
        real_show_first(view, snap)
        if looked_held is not None:
            looked_held.append((view.isEnabled(), view.records.new_button.isEnabled(), view.search_edit.isEnabled(),
                                _looks_disabled(view.records.new_button), _looks_disabled(view.summary_label),
                                any(_looks_disabled(c.list) for c in view.columns)))

    monkeypatch.setattr(board_view.BoardView, "_show_first", show_first)
    read_from_file: list[object] = []
    real_file = core_board.first_board_file

    def from_file(path, *, as_of=None):
        read_from_file.append(as_of)
        return real_file(path, as_of=as_of)

    monkeypatch.setattr(core_board, "first_board_file", from_file)
    window = show_window_then_open(path)
    assert window is not None
    qtbot.addWidget(window)
    assert window.current_key() == "board"
    window.resize(1024, 760)

    def finish() -> None:
        if at_first_board is not None:
            at_first_board(window)
        finish_opening(window)

    open_after_first_paint(window, finish)
    qtbot.waitUntil(lambda: window.is_open and "board" in window._views, timeout=30_000)
    view = window._views["board"]
    qtbot.waitUntil(lambda: view._data is not None and not view.updating, timeout=60_000)  # the complete board
    window.ctx.wait_for_background()
    assert window._held is None  # input goes to the board again
    return window, shown_first, read_from_file, before_open


def _looks_disabled(widget: QWidget) -> bool:
    """Whether ``widget`` (disabled) is drawn in colours other than its enabled ones."""
    pal = widget.palette()
    return any(pal.color(QPalette.ColorGroup.Disabled, role) != pal.color(QPalette.ColorGroup.Active, role)
               for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText))


def _cards(snap: BoardSnapshot) -> list[tuple]:
    cards = snap.cards.sort_values("id")
    return list(zip(cards["id"], cards["stage"], cards["days_in_stage"].round(6), strict=True))


def test_the_board_is_read_from_the_file_first_then_completed(qtbot, demo_file: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_file, path)
    normal_first: list[object] = []
    monkeypatch.setattr(board_view, "first_board", lambda ws, as_of=None: normal_first.append(as_of))
    window, shown_first, read_from_file, before_open = _open_on_board(qtbot, path, monkeypatch)
    as_of = window.ctx.as_of()
    assert read_from_file == [as_of] and normal_first == []  # the quick path, and only it
    assert len(shown_first) == 1 and before_open == [(True, True)]  # shown before the workspace was open
    view = window._views["board"]
    ws = open_workspace(path)
    try:
        normal = first_board(ws, as_of=as_of)
        complete = load_board(ws, load_analysis_data(ws), as_of=as_of)
    finally:
        ws.close()
    assert len(normal.cards) > 0
    assert shown_first[0].cards.equals(normal.cards) and shown_first[0].stages.equals(normal.stages)
    assert view.snapshot is not None and _cards(view.snapshot) == _cards(complete)
    assert view.snapshot.cards["aging"].tolist() == complete.cards["aging"].tolist()


def test_held_input_looks_held_and_comes_back_as_it_was(qtbot, demo_file: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """While the Board ignores clicks (before the workspace is open) its buttons and fields look unavailable,
    its cards and texts stay legible; afterwards each is as the view set it: New opportunity and the search
    usable, Move forward still disabled (no card is selected)."""
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_file, path)
    looked_held: list[tuple[bool, ...]] = []
    window, _shown, _read, before_open = _open_on_board(qtbot, path, monkeypatch, looked_held)
    assert before_open == [(True, True)]
    # held: nothing enabled; the button drawn as unavailable, the data (summary, cards) as legible as ever
    assert looked_held == [(False, False, False, True, False, False)]
    view = window._views["board"]
    assert view.isEnabled() and view.records.new_button.isEnabled() and view.search_edit.isEnabled()
    for widget in (view, view.records.new_button, view.summary_label, view.columns[0].list):  # palettes as before
        assert not widget.testAttribute(Qt.WidgetAttribute.WA_SetPalette)
    assert view.buttons["move"].isVisibleTo(view) and not view.buttons["move"].isEnabled()
    assert not view.move_action.isEnabled()


def _board_geometry(window: Any) -> list[tuple]:
    """Where the board's parts are: the line above it, its scroll area, each column and its cards."""
    QApplication.processEvents()  # the layouts' pending requests
    view = window._views["board"]
    return [view.summary_label.geometry().getRect(), view.scroll_area.geometry().getRect()] + [
        (column.stage, column.geometry().getRect(), column.header.height(), column.list.geometry().getRect())
        for column in view.columns]


def test_the_board_stays_put_when_the_complete_board_arrives(qtbot, german, demo_file: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The first board (no aging marks yet) is laid out as the complete one: no column, header or card list
    moves when the marks arrive (German, where the headers' texts take two lines, at 1024 px); and the
    cards of the columns of the same width start at the same height."""
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_file, path)
    first: list[list[tuple]] = []
    window, _shown, _read, _before = _open_on_board(qtbot, path, monkeypatch,
                                                    at_first_board=lambda w: first.append(_board_geometry(w)))
    view = window._views["board"]
    assert view.snapshot is not None and view.snapshot.cards["aging"].any()  # the complete board
    assert len(first) == 1 and len(first[0]) > 3
    assert _board_geometry(window) == first[0]
    wide = [column for column in view.columns if column.width() == view.columns[0].width()]
    assert len(wide) > 3 and len({column.list.geometry().top() for column in wide}) == 1


def test_release_keeps_what_was_disabled_for_another_reason(qtbot) -> None:
    """A button disabled before the hold, or during it, stays disabled after it; so does a view disabled by
    someone else; the others come back."""
    from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout

    from pdsa_desk.ui.hold_input import HoldInput

    outer = QWidget()
    qtbot.addWidget(outer)
    view = QWidget(outer)
    layout = QVBoxLayout(view)
    before, during, usable = QPushButton("before"), QPushButton("during"), QPushButton("usable")
    for button in (before, during, usable):
        layout.addWidget(button)
    note = QLabel("a note in its own colour")
    layout.addWidget(note)
    own = note.palette()
    own.setColor(QPalette.ColorRole.WindowText, QColor("#7a2e00"))
    note.setPalette(own)
    before.setEnabled(False)
    hold = HoldInput(view)
    assert not any(b.isEnabled() for b in (before, during, usable)) and not view.isEnabled()
    later = QPushButton("built while held")
    layout.addWidget(later)
    outer.show()
    qtbot.waitExposed(outer)
    assert not later.isEnabled() and _looks_disabled(later)  # built while held, and looks it
    assert note.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText) == QColor("#7a2e00")
    during.setEnabled(False)  # the view's own reason, arriving while held
    hold.release()
    assert view.isEnabled() and usable.isEnabled() and later.isEnabled()
    assert not before.isEnabled() and not during.isEnabled()
    assert note.testAttribute(Qt.WidgetAttribute.WA_SetPalette) and note.palette() == own  # its own palette back
    assert not usable.testAttribute(Qt.WidgetAttribute.WA_SetPalette) and not later.testAttribute(
        Qt.WidgetAttribute.WA_SetPalette)

    view.setEnabled(False)  # disabled for a reason of its own: the hold does not enable it
    hold = HoldInput(view)
    hold.release()
    assert not view.isEnabled()


def test_a_file_not_at_the_head_revision_takes_the_normal_path(qtbot, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening migrates such a file: nothing is read from it before it is open."""
    path = tmp_path / "old.sqlite"
    shutil.copyfile(DATA / "workspace-schema-0003.sqlite", path)
    window, shown_first, read_from_file, before_open = _open_on_board(qtbot, path, monkeypatch)
    assert read_from_file == [] and before_open == [(False, False)]
    assert len(shown_first) == 1 and len(shown_first[0].cards) == 1  # read through the opened workspace
    view = window._views["board"]
    assert view.snapshot is not None and len(view.snapshot.cards) == 1


def test_the_quick_check_waits_for_the_first_view(qtbot, demo_ws) -> None:
    """SQLite's quick check reads the whole file: it starts once the first view shows its complete data."""
    from pdsa_desk.ui.main_window import MainWindow

    set_application_names()
    window = MainWindow(demo_ws)
    qtbot.addWidget(window)
    view = window.view(window.current_key())
    started_at_refresh: list[bool] = []
    # connected after the window's own slot, which starts the check when the view is complete
    view.refreshed.connect(lambda: started_at_refresh.append(window._quick_check._started))
    assert window._quick_check is not None and not window._quick_check._started
    qtbot.waitUntil(lambda: window.quick_check_problems is not None, timeout=30_000)
    assert started_at_refresh[:1] == [True] and window.quick_check_problems == []  # at once, not after the delay
    window.ctx.wait_for_background()


def test_opening_is_said_without_the_location_drawn_over_it(qtbot, demo_file: Path, tmp_path: Path) -> None:
    """The status bar says the workspace is being opened (the location label, added before the window was
    shown, would be drawn over the message) and shows the location once it is open."""
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_file, path)
    set_application_names()
    window = show_window_then_open(path)
    assert window is not None
    qtbot.addWidget(window)
    assert window.statusBar().currentMessage() == "Opening the workspace…" and not window.location.isVisible()
    assert finish_opening(window) is True
    assert window.statusBar().currentMessage() == "" and window.location.isVisible()
    assert str(path) in window.location.text()
    window.ctx.wait_for_background()
