"""Points 1, 2, 3 and 5 of issue 14 in the GUI: plain messages with Retry, banners, no dialog that waits.

* A busy workspace asks "Retry?" where the action can be retried (the write lock is taken before anything
  of the edit runs), and what was typed stays in the form whatever the answer;
* a database error that reaches the last-resort handler is a plain message, never the crash dialog;
* a read-only workspace opens with a banner and with the edits that would change it switched off;
* a damaged workspace gets a banner once SQLite's quick check (in the background) finds the damage;
* ``--quit-after-first-paint`` exits non-zero at once when the workspace is refused.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_support import checkpoint, damage, page_of_table, write_lock_held

from pdsa_desk.core import services
from pdsa_desk.core.database import open_workspace
from pdsa_desk.core.errors import WorkspaceBusy
from pdsa_desk.ui import crash
from pdsa_desk.ui.application import set_application_names
from pdsa_desk.ui.main_window import MainWindow

BUSY = "Another pdsa-desk is saving to this workspace — try again."


def _window(qtbot, ws) -> MainWindow:
    set_application_names()
    win = MainWindow(ws)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch):
    """What the crash handler said in a plain message, and the crash dialogs it opened."""
    from PySide6.QtWidgets import QMessageBox

    said: dict[str, list[str]] = {"messages": [], "crashes": []}
    monkeypatch.setattr(crash.CrashDialog, "open", lambda self: said["crashes"].append(self.details.toPlainText()))
    monkeypatch.setattr(QMessageBox, "open", lambda self: said["messages"].append(self.text()))
    return said


def test_a_busy_save_offers_retry_and_then_saves(qtbot, demo_ws, short_busy_timeout, monkeypatch) -> None:
    window = _window(qtbot, demo_ws)
    window.navigate("standards")
    view = window.view("standards")
    view.editor.name_edit.setText("Lead in")  # what the user typed
    asked: list[str] = []
    with write_lock_held(demo_ws.path) as holder:
        def retry(_parent, message: str) -> bool:
            asked.append(message)
            holder.release.set()  # the other pdsa-desk finishes saving
            assert holder.released.wait(10)
            return True

        monkeypatch.setattr(crash, "ask_retry", retry)
        assert view.save() is True
    assert asked == [BUSY]
    assert services.list_stages(demo_ws)[0].name == "Lead in"


def test_a_busy_save_cancelled_keeps_what_was_typed_and_says_it_once(qtbot, demo_ws, short_busy_timeout,
                                                                     monkeypatch, told, tmp_path: Path) -> None:
    window = _window(qtbot, demo_ws)
    window.navigate("standards")
    view = window.view("standards")
    view.editor.name_edit.setText("Lead in")
    asked: list[str] = []
    monkeypatch.setattr(crash, "ask_retry", lambda _parent, message: asked.append(message) or False)
    with write_lock_held(demo_ws.path), pytest.raises(WorkspaceBusy) as caught:
        view.save()
    assert asked == [BUSY]
    assert view.editor.name_edit.text() == "Lead in"  # nothing the user typed is lost
    assert services.list_stages(demo_ws)[0].name != "Lead in"
    handler = crash.CrashHandler(crash.setup_logging(tmp_path / "logs"))
    handler.excepthook(type(caught.value), caught.value, caught.value.__traceback__)
    qtbot.wait(50)
    assert told == {"messages": [], "crashes": []}  # the Retry/Cancel question was the message


def test_a_database_error_that_escapes_is_a_plain_message_not_a_crash(qtbot, told, tmp_path: Path) -> None:
    import sqlite3

    from sqlalchemy.exc import OperationalError

    handler = crash.CrashHandler(crash.setup_logging(tmp_path / "logs"))
    handler.install()
    try:
        for error in (OperationalError("UPDATE stage SET name=? WHERE id=?", ("secret row", 1),
                                       _sqlite_error(sqlite3.OperationalError, "database is locked", 5)),
                      _sqlite_error(sqlite3.OperationalError, "database or disk is full", 13),
                      _sqlite_error(sqlite3.DatabaseError, "database disk image is malformed", 11)):
            try:
                raise error
            except Exception:  # noqa: BLE001 - handed to the hook, as Qt does with an exception in a slot
                sys.excepthook(*sys.exc_info())
        qtbot.waitUntil(lambda: len(told["messages"]) == 3)
    finally:
        handler.uninstall()
    assert told["crashes"] == []
    assert told["messages"][0] == BUSY
    assert "full" in told["messages"][1] and "damaged" in told["messages"][2]
    assert not any("UPDATE" in m or "secret row" in m for m in told["messages"])


def _sqlite_error(cls: type, message: str, code: int) -> Exception:
    exc = cls(message)
    exc.sqlite_errorcode = code
    exc.sqlite_errorname = "SQLITE_X"
    return exc


def test_an_undo_refused_by_a_busy_workspace_leaves_the_stack(qtbot, demo_ws, short_busy_timeout,
                                                             monkeypatch) -> None:
    window = _window(qtbot, demo_ws)
    window.navigate("standards")
    view = window.view("standards")
    view.editor.name_edit.setText("Lead in")
    assert view.save()
    stack = window.ctx.undo_stack
    assert stack.canUndo()
    monkeypatch.setattr(crash, "ask_retry", lambda *_a: False)
    with write_lock_held(demo_ws.path):
        stack.undo()
    assert services.list_stages(demo_ws)[0].name == "Lead in"
    assert not stack.canUndo()  # the step that did not happen is not kept as if it had


def test_a_read_only_workspace_opens_with_a_banner_and_edits_off(qtbot, read_only_demo: Path) -> None:
    ws = open_workspace(read_only_demo)
    try:
        window = _window(qtbot, ws)
        assert window.read_only_banner.isVisible()
        assert "Read-only" in window.read_only_banner.text()
        assert not window.merge_action.isEnabled()
        window.navigate("data")
        assert not window.view("data").import_button.isEnabled()
        assert window.send_work_action.isEnabled()  # reading works: sending work out is fine
        window.close()
    finally:
        ws.close()
    assert sorted(p.name for p in read_only_demo.parent.iterdir() if "backup" in p.name) == []


def test_a_damaged_workspace_gets_a_banner_after_the_quick_check(qtbot, demo_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite"
    shutil.copyfile(demo_file, path)
    checkpoint(path)
    size, root = page_of_table(path, "sqlite_autoindex_merge_identity_map_2")  # a page no view reads
    damage(path, (root - 1) * size, b"\x42" * 16)
    ws = open_workspace(path)
    try:
        window = _window(qtbot, ws)
        qtbot.waitUntil(lambda: window.quick_check_problems is not None, timeout=30_000)
        assert window.damage_banner.isVisible()
        text = window.damage_banner.text()
        assert "damaged" in text and "backup" in text and "pdsa-desk check" in text
        window.close()
    finally:
        ws.close()


def test_a_healthy_workspace_gets_no_banner(qtbot, demo_ws) -> None:
    window = _window(qtbot, demo_ws)
    qtbot.waitUntil(lambda: window.quick_check_problems is not None, timeout=30_000)
    assert window.quick_check_problems == []
    assert not window.damage_banner.isVisible() and not window.read_only_banner.isVisible()


def test_quit_after_first_paint_exits_non_zero_when_the_workspace_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "notes.sqlite"
    bad.write_text("not a workspace\n")
    out = subprocess.run([sys.executable, "-m", "pdsa_desk", "--db", str(bad), "--quit-after-first-paint"],
                         capture_output=True, text=True, timeout=120, check=False, cwd=tmp_path,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 1, out
    assert "not a pdsa-desk workspace" in out.stderr


def test_busy_background_work_is_told_not_asked(qtbot, demo_ws, short_busy_timeout, monkeypatch, told,
                                                tmp_path: Path) -> None:
    """Work on the worker thread cannot show a question: the busy message reaches the user once, plainly."""
    window = _window(qtbot, demo_ws)
    monkeypatch.setattr(crash, "ask_retry", lambda *_a: pytest.fail("asked from a worker thread"))
    handler = crash.CrashHandler(crash.setup_logging(tmp_path / "logs"))
    handler.install()
    try:
        with write_lock_held(demo_ws.path):
            window.ctx.run_in_background(lambda: services.create_team(demo_ws, "Never saved"), lambda _r: None)
            qtbot.waitUntil(lambda: told["messages"] == [BUSY], timeout=20_000)
    finally:
        handler.uninstall()
    assert told["crashes"] == []
