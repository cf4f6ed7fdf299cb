"""After a save or an undo in the cycle editor, the cycle is read again off the GUI thread (issue 16, stall_edit):
its record is taken at once, so that a second save is checked against the version just written; driven through
the widgets on the demo workspace, checked in the database."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from pdsa_desk.core import services
from pdsa_desk.ui.cycle_editor import editor as editor_module
from pdsa_desk.ui.views.cycles import CyclesView
from tests.conftest import DEMO_AS_OF
from tests.ui.cycles_support import shown_cycles_view
from tests.ui.waiting import reread

AS_OF = datetime(DEMO_AS_OF.year, DEMO_AS_OF.month, DEMO_AS_OF.day, 18, tzinfo=UTC)
VIDEO = "Video recap to speed up signatures"


@pytest.fixture
def view(qtbot, demo_ws):
    yield from shown_cycles_view(qtbot, demo_ws, AS_OF)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each read of a cycle's snapshot ran on the GUI thread."""
    seen: list[bool] = []
    real = editor_module.load_snapshot

    def spy(ctx, cycle_id):
        seen.append(threading.current_thread() is threading.main_thread())
        return real(ctx, cycle_id)

    monkeypatch.setattr(editor_module, "load_snapshot", spy)
    return seen


def _video(ws) -> str:
    return next(c.id for c in services.list_cycles(ws) if c.title == VIDEO)


def _type_objective(view: CyclesView, text: str) -> None:
    widget = view.editor.plan_tab._widgets["objective"]
    widget.setPlainText(text)


def test_a_save_reads_the_cycle_again_off_the_gui_thread(qtbot, view, demo_ws, reads) -> None:
    video = _video(demo_ws)
    view.show_object(video)
    reads.clear()
    _type_objective(view, "Send the recap within the hour.")
    assert view.editor.save()
    assert view.editor.rereading and view.editor.isEnabled()  # the tabs stay usable while it is read
    assert view.editor.title_label.text() == VIDEO
    reread(qtbot, view.editor)
    assert reads and not any(reads)  # read again, never on the GUI thread
    assert services.get_cycle(demo_ws, video).objective == "Send the recap within the hour."
    assert view.editor.plan_tab._widgets["objective"].toPlainText() == "Send the recap within the hour."


def test_two_saves_in_a_row_are_not_a_conflict_and_both_undo(qtbot, view, demo_ws) -> None:
    video = _video(demo_ws)
    view.show_object(video)
    original = services.get_cycle(demo_ws, video).objective
    _type_objective(view, "First: the recap within a day.")
    assert view.editor.save()
    assert view.editor.rereading  # the second save comes before the cycle is read again
    _type_objective(view, "Second: the recap within the hour.")
    assert view.editor.save()
    assert view.editor.header_error.text() == ""
    assert services.get_cycle(demo_ws, video).objective == "Second: the recap within the hour."
    reread(qtbot, view.editor)
    assert view.ctx.undo_stack.count() == 2

    view.ctx.undo_stack.undo()
    assert services.get_cycle(demo_ws, video).objective == "First: the recap within a day."
    assert reread(qtbot, view.editor).plan_tab._widgets["objective"].toPlainText() == "First: the recap within a day."
    view.ctx.undo_stack.undo()
    assert services.get_cycle(demo_ws, video).objective == original
    reread(qtbot, view.editor)
    # and a save right after an undo is checked against the undone version, not refused
    _type_objective(view, "Third: after the undo.")
    assert view.editor.save() and view.editor.header_error.text() == ""
    assert services.get_cycle(demo_ws, video).objective == "Third: after the undo."


def test_a_save_after_someone_elses_is_refused_and_loses_nothing(qtbot, view, demo_ws) -> None:
    video = _video(demo_ws)
    view.show_object(video)
    _type_objective(view, "Mine, saved first.")
    assert view.editor.save()
    reread(qtbot, view.editor)
    services.update_cycle(demo_ws, video, objective="Theirs, saved since.")  # another user, after our read
    _type_objective(view, "Mine again, typed meanwhile.")
    assert not view.editor.save()
    assert "changed by someone else" in view.editor.header_error.text()
    assert services.get_cycle(demo_ws, video).objective == "Theirs, saved since."
    assert view.editor.plan_tab._widgets["objective"].toPlainText() == "Mine again, typed meanwhile."
    assert view.editor.has_unsaved_changes()


def test_bad_input_after_a_save_is_shown_next_to_its_field(qtbot, view, demo_ws) -> None:
    video = _video(demo_ws)
    view.show_object(video)
    _type_objective(view, "Saved.")
    assert view.editor.save()
    view.editor.plan_tab.title.setText("   ")
    view.editor.plan_tab._touched()
    assert not view.editor.save()
    assert view.editor.plan_tab.error_text("title") != ""
    assert services.get_cycle(demo_ws, video).title == VIDEO
    assert view.editor.plan_tab.title.text() == "   "  # what was typed stays
    reread(qtbot, view.editor)
    assert view.editor.plan_tab.title.text() == "   "  # the read after the first save does not overwrite it
