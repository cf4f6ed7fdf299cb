"""No view loads or computes the analysis on the GUI thread (issue 16): ``refresh()`` asks for the snapshot and
what is derived from it in the background, keeps showing the previous numbers marked as updating, and an edit
patches the snapshot instead of reloading it. The design is asserted, not a timing: every heavy entry point of
the core is wrapped to record the thread it runs on."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date

import pytest

from pdsa_desk.core import (
    agenda,
    board,
    chart_guard,
    charts,
    check,
    flow,
    frames,
    funnel_compare,
    lifecycle,
    metrics,
    patching,
    services,
    study,
)
from pdsa_desk.core.changes import Change
from pdsa_desk.core.report import collect, history
from pdsa_desk.ui.application import set_application_names
from pdsa_desk.ui.board_models import CardRole
from pdsa_desk.ui.main_window import VIEWS, MainWindow
from pdsa_desk.ui.views import board as board_view
from pdsa_desk.ui.views import data as data_view
from pdsa_desk.ui.views import week as week_view
from pdsa_desk.ui.views.base import View
from tests.ui.waiting import settled

#: (module, name): what loads, patches or computes on the whole history. Names a view imported into its own
#: module are wrapped there too.
HEAVY = [
    (frames, "_load"), (patching, "apply_rows"), (metrics, "_build"),
    (board, "load_board"), (board_view, "load_board"), (agenda, "build_agenda"), (week_view, "build_agenda"),
    (charts, "conversion_series"), (charts, "funnel_data"), (charts, "flow_data"), (charts, "stage_durations"),
    (study, "study_cycle"), (funnel_compare, "compare_reps"), (study, "team_improvement"),
    (check, "workspace_info"), (data_view, "workspace_info"),
    # issue 11's: the small-sample guard, the cumulative flow diagram, the lifecycle guards (a study each) and
    # a past week's reconstruction
    (chart_guard, "build_guard"), (chart_guard, "rules_disagreement"), (flow, "cumulative_flow"),
    (lifecycle, "study_guard"), (lifecycle, "decision_guard"), (history, "reconstruct"), (collect, "reconstruct"),
    (collect, "collect_report"),
]


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, Counter]:
    """Every call of a HEAVY function, counted by thread: ``calls["gui"]`` and ``calls["worker"]``."""
    seen: dict[str, Counter] = {"gui": Counter(), "worker": Counter()}

    def wrap(name: str, fn):
        def wrapped(*args, **kwargs):
            where = "gui" if threading.current_thread() is threading.main_thread() else "worker"
            seen[where][name] += 1
            return fn(*args, **kwargs)

        return wrapped

    for module, name in HEAVY:
        monkeypatch.setattr(module, name, wrap(name, getattr(module, name)))
    return seen


@pytest.fixture
def window(qtbot, demo_ws):
    set_application_names()
    win = MainWindow(demo_ws)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.ctx.wait_for_background()


def visit_everything(window, qtbot) -> None:
    for spec in VIEWS:
        window.navigate(spec.key)
        widget = window.view(spec.key)
        if spec.key == "charts":
            for index in range(widget.tabs.count()):
                widget.tabs.setCurrentIndex(index)
                settled(qtbot, widget)
        if isinstance(widget, View):
            settled(qtbot, widget)


def test_no_view_loads_or_computes_on_the_gui_thread(calls, window, qtbot) -> None:
    # calls first: the heavy functions are wrapped before the window exists (its first paint starts the load)
    visit_everything(window, qtbot)
    for spec in VIEWS:  # and each refresh once more, on the loaded snapshot
        window.navigate(spec.key)
        widget = window.view(spec.key)
        if isinstance(widget, View):
            widget.refresh()
            settled(qtbot, widget)
    assert calls["gui"] == Counter()
    assert calls["worker"]["_load"] == 1  # one load, shared by every view
    assert {"load_board", "build_agenda", "conversion_series", "funnel_data", "flow_data",
            "stage_durations", "workspace_info", "build_guard", "cumulative_flow"} <= set(calls["worker"])
    assert not hasattr(window.ctx, "analysis")  # the blocking load of old is gone


def test_edits_patch_the_snapshot_and_views_keep_their_numbers_while_updating(window, qtbot, calls,
                                                                              demo_ws) -> None:
    window.navigate("board")
    board_widget = settled(qtbot, window.view("board"))
    shown = board_widget.snapshot
    opp_id = board_widget.columns[0].proxy.index(0, 0).data(CardRole.ID)
    stage_ids = [s.id for s in services.list_stages(demo_ws)]
    loads = calls["worker"]["_load"]

    # a board move: the board keeps the cards it shows, marked as updating, until the patched snapshot is there
    board_widget.select_card(opp_id)
    board_widget.move_selected_forward()
    board_widget.active_dialog.ok_button.click()
    assert board_widget.pending_edits == 1 and board_widget.snapshot is shown  # written on the worker
    assert "recording the edit" in board_widget.summary_label.text()
    qtbot.waitUntil(lambda: not board_widget.pending_edits)  # then it keeps them, updating, until patched
    settled(qtbot, board_widget)
    assert board_widget.snapshot is not shown
    assert board_widget.snapshot.cards.set_index("id").loc[opp_id, "stage"] == 1
    assert calls["worker"]["apply_rows"] == 1 and calls["worker"]["_load"] == loads  # patched, not loaded

    # the charts show the move; a cycle save and an observation keep the snapshot
    window.navigate("charts")
    charts_widget = settled(qtbot, window.view("charts"))
    snapshot = window.ctx.current_analysis()
    cycle = services.create_cycle(demo_ws, "Call back the same day", from_stage_id=stage_ids[1],
                                  planned_start=date(2026, 9, 1), planned_end=date(2026, 9, 28))
    window.ctx.notify_changed(Change())
    services.add_observation(demo_ws, cycle.id, "Two calls made before noon.")
    window.ctx.notify_changed(Change())
    settled(qtbot, charts_widget)
    assert window.ctx.current_analysis() is snapshot and window.ctx.analysis_current
    window.navigate("week")
    settled(qtbot, window.view("week"))

    assert calls["gui"] == Counter()
    assert calls["worker"]["_load"] == loads


def test_a_change_that_touches_everything_reloads_in_the_background(calls, window, qtbot) -> None:
    # ``calls`` before ``window``: the start-up load begins as the window is made, and a wrapper installed after
    # it may miss that call (this test failed whenever the quick-read thread won that race).
    window.navigate("week")
    week = settled(qtbot, window.view("week"))
    shown = week.agenda
    window.ctx.notify_changed()  # e.g. an import: anything may have changed
    assert week.updating and week.agenda is shown and "updating" in week.summary.text()
    settled(qtbot, week)
    assert week.agenda is not shown
    assert calls["gui"] == Counter() and calls["worker"]["_load"] == 2


def test_the_first_views_do_not_import_pyqtgraph() -> None:
    """This week and the Board (the views a window opens on) paint without pyqtgraph (half a second to
    import on the GUI thread) or scipy."""
    import subprocess
    import sys

    code = ("import sys\nimport pdsa_desk.ui.views.week, pdsa_desk.ui.views.board\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'pyqtgraph', 'scipy'}))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_the_weekly_report_is_collected_on_the_worker(window, qtbot, calls, tmp_path) -> None:
    """Issue 11's report (studies, verdicts, signals, a past week's reconstruction) is gathered off the GUI
    thread; only the PDF is drawn on it."""
    window.navigate("week")
    week = settled(qtbot, window.view("week"))
    week.write_report(str(tmp_path / "week.pdf"))
    qtbot.waitUntil(lambda: "Report written" in week.summary.text(), timeout=30_000)
    assert calls["gui"] == Counter() and calls["worker"]["collect_report"] == 1


def test_the_standards_tabs_are_read_off_the_gui_thread(window, qtbot, monkeypatch) -> None:
    """A stage's revisions, tactics and their cycles are read on the quick-read thread; the tabs keep what
    they show, marked as updating, meanwhile; the tactics tree expands only the selected tactic."""
    seen: dict[str, Counter] = {"gui": Counter(), "worker": Counter()}

    def wrap(name: str, fn):
        def wrapped(*args, **kwargs):
            seen["gui" if threading.current_thread() is threading.main_thread() else "worker"][name] += 1
            return fn(*args, **kwargs)

        return wrapped

    for name in ("stage_revisions", "list_tactics", "list_cycles"):
        monkeypatch.setattr(services, name, wrap(name, getattr(services, name)))
    window.navigate("standards")
    view = settled(qtbot, window.view("standards"))
    for row in range(1, view.stage_model.rowCount()):  # the first is shown
        view.list_view.setCurrentIndex(view.stage_model.index(row))
        assert view.updating and "updating" in view.tabs.tabText(1)
        settled(qtbot, view)
        assert view.tabs.tabText(1).endswith(f"({view.tactic_model.rowCount()})")
    view.tactics.show_archived.setChecked(True)
    settled(qtbot, view)
    assert seen["gui"] == Counter()
    assert {"stage_revisions", "list_tactics", "list_cycles"} <= set(seen["worker"])

    # only the selected tactic is expanded, and it stays selected when the tabs are read again
    view.list_view.setCurrentIndex(view.stage_model.index(2))  # Discovery held: tactics tested by cycles
    settled(qtbot, view)
    tree, model = view.tactics.tree, view.tactic_model
    with_cycles = next(r for r in range(model.rowCount()) if model.rowCount(model.index(r, 0)))
    assert not any(tree.isExpanded(model.index(r, 0)) for r in range(model.rowCount()))
    tree.setCurrentIndex(model.index(with_cycles, 0))
    view.refresh()
    settled(qtbot, view)
    expanded = [r for r in range(model.rowCount()) if tree.isExpanded(model.index(r, 0))]
    assert expanded == [with_cycles] and tree.currentIndex().row() == with_cycles


def test_visiting_cycles_reads_the_list_and_the_opened_cycle_off_the_gui_thread(window, qtbot, monkeypatch) -> None:
    """The Cycles view's visits read the cycle list, the filters' choices and the opened cycle on the
    quick-read thread; meanwhile the editor is disabled and titled "Loading…", and the list keeps its rows
    with its count saying it is updating. An edit in the view still reloads at once."""
    from pdsa_desk.ui import cycles_models
    from pdsa_desk.ui.cycle_editor import editor as editor_module
    from pdsa_desk.ui.views import cycles as cycles_view

    seen: dict[str, Counter] = {"gui": Counter(), "worker": Counter()}

    def wrap(name: str, fn):
        def wrapped(*args, **kwargs):
            seen["gui" if threading.current_thread() is threading.main_thread() else "worker"][name] += 1
            return fn(*args, **kwargs)

        return wrapped

    for module, name in ((cycles_view, "load_cycle_rows"), (cycles_models, "load_cycle_rows"),
                         (editor_module, "load_snapshot"), (cycles_view, "transition_labels")):
        monkeypatch.setattr(module, name, wrap(name, getattr(module, name)))
    window.navigate("cycles")
    view = window.view("cycles")
    assert view.updating and view.count_label.text() == "Reading the cycles…"
    settled(qtbot, view)
    editor = view.editor
    assert editor.isEnabled() and editor.cycle_id == view.current_cycle_id() is not None
    assert editor.title_label.text() == editor.snap.cycle.title
    assert view.model.rowCount() == 12 and view.rep_filter.count() > 1 and view.tactic_filter.count() > 2

    window.navigate("week")
    settled(qtbot, window.view("week"))
    before = seen["worker"]["load_snapshot"]
    window.navigate("cycles")  # a second visit: the list shown is kept, marked, and the open cycle read again
    assert view.updating and "updating" in view.count_label.text() and view.model.rowCount() == 12
    settled(qtbot, view)
    assert seen["worker"]["load_snapshot"] == before + 1
    assert editor.isEnabled() and editor.title_label.text() == editor.snap.cycle.title
    assert seen["gui"] == Counter()
    assert {"load_cycle_rows", "load_snapshot", "transition_labels"} <= set(seen["worker"])

    # a cycle named by another view (navigate) is the one shown after the visit's reads
    other = next(r.id for r in view.model.rows() if r.id != view.current_cycle_id())
    window.navigate("week")
    settled(qtbot, window.view("week"))
    window.navigate("cycles", other)
    settled(qtbot, view)
    assert view.current_cycle_id() == other and editor.cycle_id == other and editor.isEnabled()
