"""The application shell: opens on a workspace, navigates, remembers, reports crashes."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt

from pdsa_desk.ui.application import set_application_names
from pdsa_desk.ui.main_window import VIEWS, MainWindow
from pdsa_desk.ui.views.base import View
from tests.ui.waiting import settled


@pytest.fixture
def window(qtbot, demo_ws):
    set_application_names()
    win = MainWindow(demo_ws)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_opens_on_the_demo_workspace(window) -> None:
    assert window.windowTitle().startswith("Demo — Northwind Analytics sales")
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "This week", "Board", "Cycles", "Charts", "Compare", "Standards", "Data", "Initiatives",
        "Forecasts"]
    assert str(window.ctx.ws.path) in window.location.text()


def test_ctrl_number_switches_views(window, qtbot) -> None:
    for i, spec in enumerate(VIEWS):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + i), Qt.KeyboardModifier.ControlModifier)
        assert window.nav.currentRow() == i
        assert window.current_key() == spec.key
        assert window.stack.currentIndex() == i


def test_every_view_is_built_and_refreshes(window, qtbot) -> None:
    for spec in VIEWS:
        window.navigate(spec.key)
        widget = window.view(spec.key)
        assert isinstance(widget, View), spec.key
        assert window.stack.currentWidget().isAncestorOf(widget)
    window.ctx.wait_for_background()


def test_data_view_shows_the_workspace(window, qtbot) -> None:
    window.navigate("data")
    view = settled(qtbot, window.view("data"))  # the counts are read in the background
    assert view.name_label.text().startswith("Demo")
    assert view.count_labels["Stages"].text() == "7"
    assert int(view.count_labels["Stage events"].text().replace(",", "")) > 10_000
    view.check_button.click()
    qtbot.waitUntil(lambda: "Healthy" in view.result.toPlainText(), timeout=20_000)
    view.backup_button.click()
    assert "Backed up to" in view.result.toPlainText()
    backups = list(Path(window.ctx.ws.path).parent.glob("*backup*"))
    assert len(backups) == 1 and backups[0].stat().st_size > 0


def test_geometry_and_view_are_remembered(qtbot, demo_ws) -> None:
    set_application_names()
    first = MainWindow(demo_ws)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(1024, 700)  # the smallest window is 1024×640; the offscreen screen is narrower
    qtbot.waitUntil(lambda: first.height() == 700)
    first.navigate("data")
    first.close()
    assert QSettings().value("main_window/view") == "data"
    second = MainWindow(demo_ws)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert second.current_key() == "data"
    assert second.size().height() == 700


def test_late_background_results_after_close_are_dropped(qtbot, demo_ws) -> None:
    set_application_names()
    win = MainWindow(demo_ws)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    delivered: list[object] = []
    win.close()  # shutdown: whatever is queued or started now must not run against a closed context
    win.ctx.run_in_background(lambda: 42, delivered.append)
    assert win.ctx.pool.activeThreadCount() == 0  # nothing was started
    win.ctx.wait_for_background()
    QCoreApplication.processEvents()
    assert delivered == []


def test_crash_handler_shows_a_dialog_and_logs(qtbot, tmp_path: Path, monkeypatch) -> None:
    from pdsa_desk.ui import crash

    logfile = crash.setup_logging(tmp_path / "logs")
    shown: list[str] = []
    monkeypatch.setattr(crash.CrashDialog, "open", lambda self: shown.append(self.details.toPlainText()))
    handler = crash.CrashHandler(logfile)
    handler.install()
    try:
        try:
            raise ValueError("something broke")
        except ValueError:
            sys.excepthook(*sys.exc_info())
        qtbot.waitUntil(lambda: len(shown) == 1)
        worker = threading.Thread(target=lambda: 1 / 0)
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: len(shown) == 2)
    finally:
        handler.uninstall()
    assert "ValueError: something broke" in shown[0]
    assert "ZeroDivisionError" in shown[1]
    for h in list(__import__("logging").getLogger().handlers):
        h.flush()
    assert "something broke" in logfile.read_text()


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_data_view_exports_the_chosen_table(window, qtbot, tmp_path: Path, suffix: str) -> None:
    window.navigate("data")
    view = window.view("data")
    view.export_what.setCurrentIndex(view.export_what.findData("cycles"))
    target = tmp_path / f"cycles.{suffix}"
    view.export(str(target))
    qtbot.waitUntil(lambda: "Exported" in view.result.toPlainText(), timeout=20_000)
    assert "Exported 12 rows" in view.result.toPlainText()
    assert target.stat().st_size > 0


def test_file_menu_has_the_team_actions(window) -> None:
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "&Send my work…" in texts and "&Merge a colleague's work…" in texts
    assert "Send s&tandards to the team…" in texts and "&Connect to team database…" in texts


def test_errors_written_for_users_are_told_not_reported_as_crashes(qtbot, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from pdsa_desk.core.connection import ConnectionLost
    from pdsa_desk.ui import crash

    crashes: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(crash.CrashDialog, "open", lambda self: crashes.append(self.details.toPlainText()))
    monkeypatch.setattr(QMessageBox, "open", lambda self: told.append(self.text()))
    handler = crash.CrashHandler(crash.setup_logging(tmp_path / "logs"))
    handler.install()
    try:
        try:
            raise ConnectionLost("db.example", "connection refused", during="edit")
        except ConnectionLost:
            sys.excepthook(*sys.exc_info())
        qtbot.waitUntil(lambda: len(told) == 1)
    finally:
        handler.uninstall()
    assert "Your edit was not saved" in told[0]
    assert crashes == []
