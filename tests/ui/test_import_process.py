"""The import wizard and the merge dialog with a large file: the scan, the check, the import and the merge run in a
worker process (ui/import_wizard/background.py, core/worker_process.py) with the same outcome as on the thread —
progress shown, problems listed with their rows, cancel writing nothing, a crashed child explained."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard

from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.exchange_dialogs import MergeWorkDialog
from pdsa_desk.ui.import_wizard import ImportWizard, background
from tests.ui.test_exchange_dialogs import (
    Files,
    _click,
    _rows,
    files,  # noqa: F401 - the bundles fixture
)
from tests.ui.test_exchange_dialogs import ctx as exchange_ctx  # noqa: F401 - the merge dialog's context fixture
from tests.ui.test_import_wizard import (
    TIMEOUT,
    advance,
    counts,
    deals,
    open_wizard,  # noqa: F401 - the wizard fixture
    settle,
    to_check,
    write_csv,
)

TIMEOUT_PROCESS = max(TIMEOUT, 60000)  # a child's start-up on a loaded machine


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as large: the work goes to a worker process."""
    monkeypatch.setattr(background, "PROCESS_MIN_BYTES", 0)


def bad_rows() -> list[list[object]]:
    rows = deals() * 3
    rows[4] = [*rows[4][:4], "yesterday-ish", *rows[4][5:]]
    return rows


def test_the_size_rule() -> None:
    assert background.PROCESS_MIN_BYTES == 4_000_000
    assert not background.wants_process(None) and not background.wants_process(Path("/no/such/file.csv"))


def test_a_large_file_is_scanned_checked_and_imported_in_a_worker_process(qtbot, ws, open_wizard,  # noqa: F811
                                                                          tmp_path: Path, large: None) -> None:
    wizard: ImportWizard = open_wizard(ws, write_csv(tmp_path / "deals.csv", deals()))
    assert wizard.state.spare is not None  # started as soon as the file was read
    advance(qtbot, wizard)  # -> Columns
    advance(qtbot, wizard)  # -> Stages: the scan
    assert wizard.stages_page.runner.in_process
    assert wizard.stages_page.table.rowCount() == 2  # Lead, Meeting
    advance(qtbot, wizard)  # -> Check
    check = wizard.check_page
    assert check.runner.in_process and check.outcome == "result"
    assert check.result is not None and check.result.dry_run and check.result.events_added == 4
    assert check.headline.text() == "Ready to import — nothing has been written yet."
    assert counts(ws)["stage_event"] == 0
    page = wizard.import_page
    shown: list[float] = []
    page.runner.progress.connect(lambda fraction, _m: shown.append(fraction))
    with qtbot.waitSignals([page.imported, wizard.ctx.data_changed], timeout=TIMEOUT_PROCESS):
        wizard.next()
        assert page.progress_row.isVisible() and page.progress_row.message.text() == "Starting…"
    assert page.runner.in_process and page.outcome == "imported"
    assert shown and shown == sorted(shown)  # progress came through, in order
    assert counts(ws)["opportunity"] == 3 and counts(ws)["stage_event"] == 4
    assert "Opportunities: 3 added, 0 updated." in page.summary.text()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.state.closed


def test_problems_found_in_a_worker_process_are_listed_as_on_the_thread(qtbot, ws, open_wizard,  # noqa: F811
                                                                        tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_csv(tmp_path / "deals.csv", bad_rows())
    on_thread = open_wizard(ws, path)
    to_check(qtbot, on_thread)
    assert not on_thread.check_page.runner.in_process
    expected = on_thread.check_page.problem_lines()
    assert expected and "row 6" in expected[0]
    monkeypatch.setattr(background, "PROCESS_MIN_BYTES", 0)
    in_process = open_wizard(ws, path)
    to_check(qtbot, in_process)
    check = in_process.check_page
    assert check.runner.in_process
    assert check.problem_lines() == expected
    assert check.headline.text() == on_thread.check_page.headline.text() == "Some rows have problems."
    assert check.summary.text() == on_thread.check_page.summary.text()


def test_cancel_in_a_worker_process_writes_nothing(qtbot, ws, open_wizard, tmp_path: Path,  # noqa: F811
                                                   large: None) -> None:
    wizard = open_wizard(ws, write_csv(tmp_path / "deals.csv", deals()))
    to_check(qtbot, wizard)
    before = counts(ws)
    page = wizard.import_page
    with qtbot.waitSignal(page.stopped, timeout=TIMEOUT_PROCESS) as signal:
        wizard.next()  # the import starts in the worker …
        page.progress_row.cancel_button.click()  # … and is cancelled before it can have written
        assert page.progress_row.message.text() == "Cancelling… nothing will be written."
    assert signal.args == ["cancelled"] and page.runner.in_process
    assert page.status.text() == "Cancelled: nothing was written."
    assert counts(ws) == before
    with qtbot.waitSignal(page.imported, timeout=TIMEOUT_PROCESS):
        page.again_button.click()
    assert counts(ws)["stage_event"] == 4


def test_a_worker_process_that_dies_is_explained_and_the_check_can_run_again(qtbot, ws, open_wizard,  # noqa: F811
                                                                            tmp_path: Path, large: None) -> None:
    wizard = open_wizard(ws, write_csv(tmp_path / "deals.csv", deals()))
    advance(qtbot, wizard)
    advance(qtbot, wizard)
    check = wizard.check_page
    wizard.next()  # -> Check, in a worker process
    task = check.runner.task
    assert check.running and task is not None and check.runner.in_process
    task.worker.kill()  # type: ignore[union-attr]  # a ProcessTask: the child ends without an answer
    settle(qtbot, wizard)
    assert check.outcome == "error"
    assert check.error.text() == "The check stopped unexpectedly; nothing was written."
    assert check.again_button.isVisible() and not check.isComplete()
    assert counts(ws)["stage_event"] == 0
    with qtbot.waitSignal(check.checked, timeout=TIMEOUT_PROCESS):
        check.again_button.click()
    assert check.outcome == "result" and check.isComplete()


def test_closing_the_wizard_stops_the_worker_processes(qtbot, ws, open_wizard, tmp_path: Path,  # noqa: F811
                                                       large: None) -> None:
    wizard = open_wizard(ws, write_csv(tmp_path / "deals.csv", deals()))
    to_check(qtbot, wizard)
    spare = wizard.state.spare
    assert spare is not None and spare._worker is not None  # warmed for the import
    waiting = spare._worker
    wizard.reject()
    assert wizard.state.closed and spare._worker is None
    assert waiting.join(30)  # the idle child ended


def test_a_large_bundle_is_merged_in_a_worker_process(qtbot, exchange_ctx: AppContext,  # noqa: F811
                                                      files: Files, tmp_path: Path, large: None) -> None:  # noqa: F811
    ctx = exchange_ctx
    bad = tmp_path / "bad.pdsa"
    bad.write_text("not a bundle")
    dialog = MergeWorkDialog(ctx, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_files([files.work, bad])
    assert dialog._workers.spare is not None  # started when the file was added
    with qtbot.waitSignal(dialog.mapping_needed, timeout=TIMEOUT_PROCESS) as signal:
        _click(qtbot, dialog.merge_button)
    assert len(signal.args[0].conflicts) == 2 and dialog.mapping_table.rowCount() == 2
    with qtbot.waitSignals([dialog.all_done, ctx.data_changed], timeout=TIMEOUT_PROCESS):
        _click(qtbot, dialog.map_button)
    assert len(dialog.reports) == 1 and dialog.reports[0].tables["opportunity"].added == 2
    assert len(dialog.errors) == 1 and "bad.pdsa: not merged" in dialog.errors[0]
    assert "not an SQLite database" in dialog.report.toPlainText()
    assert len([row for row in _rows(ctx.ws, "opportunity") if "lost" in row]) == 1
    dialog.reject()
    assert dialog._workers.closed


@pytest.mark.parametrize("where", ["thread", "process"])
def test_a_merge_shows_its_progress_and_cancel_stops_it(qtbot, exchange_ctx: AppContext, files: Files,  # noqa: F811
                                                        where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = exchange_ctx
    if where == "process":
        monkeypatch.setattr(background, "PROCESS_MIN_BYTES", 0)
    before = _rows(ctx.ws, "opportunity")
    dialog = MergeWorkDialog(ctx, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.progress_row.isVisible()
    dialog.add_files([files.work, files.standards])
    with qtbot.waitSignal(dialog.mapping_needed, timeout=TIMEOUT_PROCESS):
        _click(qtbot, dialog.merge_button)
    gate = threading.Event()
    if where == "thread":
        ctx.run_in_background(gate.wait, lambda _r: None)  # the merge waits behind this on the worker thread
    with qtbot.waitSignal(dialog.all_done, timeout=TIMEOUT_PROCESS):
        _click(qtbot, dialog.map_button)
        assert dialog.progress_row.isVisible() and dialog.progress_row.message.text() == "Merging ann.pdsa…"
        _click(qtbot, dialog.progress_row.cancel_button)
        assert dialog.progress_row.message.text() == "Cancelling… nothing will be changed."
        assert not dialog.progress_row.cancel_button.isEnabled()
        gate.set()
    assert dialog.errors == ["ann.pdsa: not merged. The merge of ann.pdsa was cancelled; nothing was changed."]
    assert "Cancelled; not merged: standards.pdsa." in dialog.report.toPlainText()
    assert not dialog.progress_row.isVisible() and dialog.merge_button.isEnabled()
    assert _rows(ctx.ws, "opportunity") == before

    shown: list[str] = []
    monkeypatch.setattr(dialog.progress_row, "set_progress", lambda _f, message: shown.append(message))
    with qtbot.waitSignal(dialog.mapping_needed, timeout=TIMEOUT_PROCESS):
        _click(qtbot, dialog.merge_button)
    with qtbot.waitSignal(dialog.all_done, timeout=TIMEOUT_PROCESS):
        _click(qtbot, dialog.map_button)
    assert dialog.errors == [] and len(dialog.reports) == 2
    assert any(m.startswith("Merging ann.pdsa: ") for m in shown), shown
    assert len(_rows(ctx.ws, "opportunity")) == len(before) + 2
    dialog.reject()


def test_closing_the_window_waits_for_a_worker_process_and_hands_its_result_on(qtbot, ws) -> None:
    from pdsa_desk.core.worker_process import WorkerProcess
    from tests import worker_support

    ctx = AppContext(ws)
    running: list[bool] = []
    ctx.tasks.running_changed.connect(running.append)
    late: list[object] = []
    task = ctx.tasks.start_process(WorkerProcess(), worker_support.echo, (7,), {"steps": 3},
                                   lambda _r: pytest.fail("delivered after closing"),
                                   lambda exc: pytest.fail(f"failed: {exc!r}"), after_close=late.append)
    assert task is not None and ctx.tasks.busy and running == [True]
    ctx.shutdown()  # waits for it (a write is always waited for), reading its events meanwhile
    assert task.done.is_set() and task.result == 7 and late == [7]
    assert ctx.tasks.start_process(WorkerProcess(), worker_support.echo, (8,), {}, late.append, late.append) is None


def test_a_process_tasks_pipe_is_read_off_the_gui_thread(qtbot, ws, monkeypatch) -> None:
    """A large outcome (a merge's preview) is read from the pipe and unpickled by the task's reader thread: the GUI
    thread only hands on what was read (reading it there waited for the child to write the rest: stalls of ~60 ms
    at 1M events)."""
    from pdsa_desk.core import worker_process
    from pdsa_desk.core.worker_process import WorkerProcess
    from tests import worker_support

    readers: list[str] = []
    real = worker_process.WorkerProcess._read

    def read(self, timeout):
        readers.append(threading.current_thread().name)
        return real(self, timeout)

    monkeypatch.setattr(worker_process.WorkerProcess, "_read", read)
    ctx = AppContext(ws)
    got: list[object] = []
    progress: list[float] = []
    big = "x" * 5_000_000  # larger than a pipe's buffer many times over
    ctx.tasks.start_process(WorkerProcess(), worker_support.echo, (big,), {"steps": 3}, got.append,
                            lambda exc: pytest.fail(f"failed: {exc!r}"), on_progress=lambda f, _m: progress.append(f))
    qtbot.waitUntil(lambda: bool(got), timeout=30000)
    assert got == [big] and progress == [0.0, pytest.approx(1 / 3), pytest.approx(2 / 3)]
    assert readers and threading.main_thread().name not in readers
    ctx.shutdown()
