"""The one background-task helper: progress, cancel, late results after close, only the newest request."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread

from pdsa_desk.ui.tasks import Latest, TaskRunner


def test_only_the_newest_request_counts() -> None:
    latest = Latest()
    shown: list[str] = []
    first = latest.begin()
    second = latest.begin()
    assert not first.current and second.current
    first.guard(shown.append)("old")
    second.guard(shown.append)("new")
    assert shown == ["new"]
    latest.forget()  # e.g. the page was left: nothing asked for so far is shown
    second.guard(shown.append)("late")
    assert shown == ["new"] and not second.current


def test_progress_and_the_result_arrive_on_the_gui_thread(qtbot) -> None:
    runner = TaskRunner()
    gui = QThread.currentThread()
    seen: list[tuple] = []

    def work(task) -> str:
        for i in range(3):
            task.report_progress(i / 3, f"step {i}")
        return "done"

    def progress(fraction: float, message: str) -> None:
        seen.append((round(fraction, 2), message, QThread.currentThread() is gui))

    def done(result: str) -> None:
        seen.append((result, QThread.currentThread() is gui))

    with qtbot.waitSignal(runner.running_changed, check_params_cb=lambda running: not running):
        runner.start(work, done, on_progress=progress)
        assert runner.busy
    assert seen == [(0.0, "step 0", True), (0.33, "step 1", True), (0.67, "step 2", True), ("done", True)]
    assert not runner.busy


def test_the_runner_is_idle_only_once_an_outcome_was_handed_on(qtbot) -> None:
    """A callback that starts the next piece of work keeps the runner busy: no "idle" between the two, so
    nothing waiting for idle (the edit room's reserve) slips in front of that work."""
    runner = TaskRunner()
    said: list[tuple[bool, bool]] = []  # (running, busy as seen by a listener)
    runner.running_changed.connect(lambda running: said.append((running, runner.busy)))
    results: list[str] = []

    def first(result: str) -> None:
        results.append(result)
        assert runner.busy  # its outcome is being handed on
        runner.start(lambda _task: "second", results.append)

    with qtbot.waitSignal(runner.running_changed, check_params_cb=lambda running: not running):
        runner.start(lambda _task: "first", first)
    assert results == ["first", "second"]
    assert said == [(True, True), (False, False)]
    assert not runner.busy
    runner.start(lambda _task: "again", results.append)  # busy again: said again
    qtbot.waitUntil(lambda: len(said) == 4)
    assert said[2:] == [(True, True), (False, False)] and results[-1] == "again"


def test_cancel_stops_work_that_checks_and_errors_go_to_on_error(qtbot) -> None:
    runner = TaskRunner()
    started = threading.Event()
    errors: list[str] = []

    def work(task) -> None:
        started.set()
        while not task.cancelled():
            task.done.wait(0.01)
        raise RuntimeError("stopped")

    task = runner.start(work, lambda _r: None, lambda exc: errors.append(str(exc)))
    assert task is not None and started.wait(10)
    task.cancel()
    qtbot.waitUntil(lambda: errors == ["stopped"])


def test_after_close_nothing_starts_and_late_results_go_to_after_close(qtbot) -> None:
    runner = TaskRunner()
    gate = threading.Event()
    delivered: list[object] = []
    late: list[object] = []
    task = runner.start(lambda _task: gate.wait(10) and "connection", delivered.append, after_close=late.append)
    queued = runner.start(lambda _task: "read", delivered.append, abandon_on_close=True)
    runner.close()
    assert queued is not None and queued.cancelled()  # read-only work: dropped (or asked to stop)
    assert runner.start(lambda _task: "new", delivered.append) is None
    gate.set()
    assert runner.wait()
    assert task is not None and task.done.is_set()
    qtbot.waitUntil(lambda: late == ["connection"])
    assert delivered == []


def test_the_window_context_runs_tasks_that_report_progress(qtbot, ws) -> None:
    from pdsa_desk.ui.context import AppContext

    ctx = AppContext(ws)
    seen: list[object] = []
    with qtbot.waitSignal(ctx.busy, check_params_cb=lambda busy: not busy):
        ctx.run_task(lambda task: task.report_progress(0.5, "half") or 42, seen.append,
                     on_progress=lambda fraction, message: seen.append((fraction, message)))
    assert seen == [(0.5, "half"), 42]
    ctx.shutdown()
    assert ctx.run_task(lambda task: 1, seen.append) is None  # closed: nothing starts


def test_a_long_task_gives_freed_memory_back_a_short_one_does_not(qtbot, monkeypatch) -> None:
    from pdsa_desk.ui import tasks

    released: list[bool] = []
    monkeypatch.setattr(tasks, "release_free_memory", lambda: released.append(True) or True)
    runner = TaskRunner()
    results: list[str] = []
    monkeypatch.setattr(tasks, "RELEASE_AFTER_S", 3600.0)  # nothing runs that long: no release
    runner.start(lambda _t: "short", results.append)
    qtbot.waitUntil(lambda: results == ["short"] and not runner.busy)
    runner.pool.waitForDone()
    assert released == []
    monkeypatch.setattr(tasks, "RELEASE_AFTER_S", 0.0)  # every task counts as long
    runner.start(lambda _t: "long", results.append)
    qtbot.waitUntil(lambda: results == ["short", "long"])
    runner.pool.waitForDone()
    assert released == [True]
    runner.close()


def test_a_finished_task_lets_go_of_its_work_result_and_callbacks(qtbot) -> None:
    """The thread pool keeps every task it ran: the task must not keep what its work and callbacks refer to
    (an analysis snapshot at 1M events is ~80 MB; before this every patched snapshot stayed alive)."""
    import gc
    import weakref

    class Snapshot:  # stands for an analysis snapshot
        pass

    runner = TaskRunner()
    before, after = Snapshot(), Snapshot()
    gone_before, gone_after = weakref.ref(before), weakref.ref(after)
    outcome = [after]
    delivered: list[bool] = []

    def work(_task, data=before) -> Snapshot:  # the work holds the snapshot it patches
        return outcome.pop()

    def done(result: Snapshot, data=before) -> None:  # so does the callback
        delivered.append(result is gone_after())

    with qtbot.waitSignal(runner.running_changed, check_params_cb=lambda running: not running):
        task = runner.start(work, done)
    del before, after, work, done
    assert delivered == [True]
    qtbot.waitUntil(lambda: (gc.collect(), gone_before() is None and gone_after() is None)[1])
    assert task is not None and task.result is None
    with pytest.raises(RuntimeError, match="has run"):
        task.fn(task)


def test_a_failed_task_lets_go_of_its_error(qtbot) -> None:
    import weakref

    class Failure(Exception):
        pass

    runner = TaskRunner()
    errors: list[weakref.ref] = []

    def work(_task) -> None:
        raise Failure("no")

    with qtbot.waitSignal(runner.running_changed, check_params_cb=lambda running: not running):
        task = runner.start(work, lambda _r: None, lambda exc: errors.append(weakref.ref(exc)))
    assert task is not None and task.error is None and len(errors) == 1


def test_an_edit_reserves_the_room_of_the_patch_beside_its_write(qtbot, demo_ws, monkeypatch) -> None:
    """While an edit is written, the room the snapshot's patch will write into is faulted in on another thread
    (not the window's, not the edit's)."""
    from pdsa_desk.core import patching
    from pdsa_desk.ui.context import AppContext

    calls: list[tuple[object, str]] = []
    monkeypatch.setattr(patching, "reserve_room", lambda data: calls.append((data, threading.current_thread().name)))
    ctx = AppContext(demo_ws)
    got: list[object] = []
    ctx.analysis_in_background(got.append)
    qtbot.waitUntil(lambda: bool(got))
    done: list[object] = []
    ctx.run_edit(lambda: "written", done.append)
    qtbot.waitUntil(lambda: bool(done) and bool(calls))
    assert calls[0][0] is got[0] and calls[0][1] == "pdsa-reserve-room"
    assert done == ["written"]
    ctx.shutdown()


def test_the_signals_object_is_deleted_only_once_the_worker_has_returned_from_emitting(qtbot) -> None:
    """The outcome reaches the GUI thread while the worker may still be inside ``emit``; deleting the signals
    object then is undefined behaviour (a segmentation fault under load). It is deleted once ``emitted`` is set."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from shiboken6 import isValid

    from pdsa_desk.ui import tasks

    task = tasks.Task(lambda _task: None)
    tasks._let_go(task)  # as the finished slot does, with the worker not yet back from its emit
    for _ in range(5):
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert isValid(task.signals)
    task.emitted.set()
    qtbot.waitUntil(lambda: not isValid(task.signals))


def test_a_task_run_sets_emitted_after_its_outcome_is_emitted(qtbot) -> None:
    runner = TaskRunner()
    seen: list[bool] = []

    def done(_result: object) -> None:
        seen.append(True)

    with qtbot.waitSignal(runner.running_changed, check_params_cb=lambda running: not running):
        task = runner.start(lambda _task: 1, done)
    assert seen == [True] and task is not None
    qtbot.waitUntil(task.emitted.is_set)
