"""Start-up and closing at company scale: the window paints before the workspace is opened, and closing
does not wait for read-only background work (docs/performance.md, "cold start")."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from pdsa_desk.ui import application
from pdsa_desk.ui.application import finish_opening, set_application_names, show_window_then_open
from pdsa_desk.ui.main_window import VIEWS, MainWindow


@pytest.fixture
def demo_path(demo_file: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_file, target)
    return target


def test_the_window_shows_before_the_workspace_is_open(qtbot, demo_path: Path) -> None:
    set_application_names()
    window = show_window_then_open(demo_path)
    qtbot.addWidget(window)
    assert not window.is_open and window.ctx.ws is None
    assert window.windowTitle().startswith("Demo — Northwind Analytics sales")  # read with sqlite3 alone
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [v.title for v in VIEWS]
    assert str(demo_path) in window.location.text()
    assert not window.merge_action.isEnabled()
    window.nav.setCurrentRow(2)  # navigating before the workspace is open builds nothing
    assert window._views == {}
    assert finish_opening(window) is True
    assert window.is_open and window.merge_action.isEnabled()
    assert window.current_key() == "cycles" and "cycles" in window._views
    window.ctx.wait_for_background()


def test_a_window_closed_before_its_workspace_opened_never_opens_it(qtbot, demo_path: Path) -> None:
    set_application_names()
    window = show_window_then_open(demo_path)
    qtbot.addWidget(window)
    window.close()
    assert finish_opening(window) is None
    assert window.ctx.ws is None


def test_a_file_that_fails_to_open_says_why(qtbot, demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pdsa_desk.core.errors import WorkspaceError

    set_application_names()
    said: list[str] = []
    monkeypatch.setattr(application.QMessageBox, "critical", lambda _parent, _title, text: said.append(text))
    window = show_window_then_open(demo_path)
    qtbot.addWidget(window)

    def fail(_target):
        raise WorkspaceError("The disk went away.")

    monkeypatch.setattr("pdsa_desk.core.database.open_workspace", fail)
    assert finish_opening(window) is False
    assert said == ["The disk went away."] and window.closing


def test_quitting_at_first_paint_imports_neither_sqlalchemy_nor_pandas(demo_path: Path, tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from pdsa_desk.ui.application import run\n"
        f"status = run(db={str(demo_path)!r}, quit_after_first_paint=True)\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'sqlmodel', 'pandas', 'alembic',"
        " 'pyqtgraph', 'scipy'})\n"
        "print(status, heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False,
                         cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "0 []"


def test_a_newer_file_is_refused_before_any_window(demo_path: Path, tmp_path: Path) -> None:
    import sqlite3

    con = sqlite3.connect(demo_path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    code = (
        "from pdsa_desk.ui.application import run\n"
        f"print('status', run(db={str(demo_path)!r}, quit_after_first_paint=True))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False,
                         cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    # --quit-after-first-paint waits for no click: the refusal is written to stderr
    assert "newer version of pdsa-desk" in out.stderr and "status 1" in out.stdout


def test_closing_abandons_the_analysis_load(qtbot, demo_ws, monkeypatch: pytest.MonkeyPatch) -> None:
    """A load under way stops at its next check; queued read-only work is dropped; writes are waited for."""
    from pdsa_desk.core import frames

    set_application_names()
    started = threading.Event()

    def slow_load(ws, *, cancelled=None):
        started.set()
        while not cancelled():
            time.sleep(0.01)
        raise frames.LoadCancelled

    monkeypatch.setattr(frames, "load_analysis_data", slow_load)
    window = MainWindow(demo_ws)
    qtbot.addWidget(window)
    ran: list[str] = []
    window.ctx.analysis_in_background(lambda _data: ran.append("delivered"))
    window.ctx.run_in_background(lambda: ran.append("queued read"), lambda _r: None, abandon_on_close=True)
    window.ctx.run_in_background(lambda: ran.append("queued write"), lambda _r: None)
    assert started.wait(10)
    t0 = time.perf_counter()
    window.close()
    assert time.perf_counter() - t0 < 2.0
    assert window.ctx.pool.activeThreadCount() == 0
    QCoreApplication.processEvents()
    assert ran == ["queued write"]


def test_requests_during_a_background_load_share_it(qtbot, demo_ws, monkeypatch: pytest.MonkeyPatch) -> None:
    """Views that ask for the snapshot while it loads get that load's snapshot: loaded once, never on the GUI
    thread (the old blocking ``AppContext.analysis()`` is gone)."""
    from pdsa_desk.core import frames
    from pdsa_desk.ui.context import AppContext

    real = frames.load_analysis_data
    loads: list[int] = []
    gate = threading.Event()

    def counted(ws, **kwargs):
        loads.append(1)
        gate.wait(10)
        return real(ws, **kwargs)

    monkeypatch.setattr(frames, "load_analysis_data", counted)
    ctx = AppContext(demo_ws)
    first: list[object] = []
    second: list[object] = []
    ctx.analysis_in_background(first.append)
    ctx.analysis_in_background(second.append)  # while the first load runs
    assert not hasattr(ctx, "analysis") and ctx.current_analysis() is None and not ctx.analysis_current
    gate.set()
    qtbot.waitUntil(lambda: bool(first and second))
    assert loads == [1] and first[0] is second[0] is ctx.current_analysis() and ctx.analysis_current
    ctx.shutdown()


def test_a_delivered_snapshot_is_kept_out_of_later_full_collections(qtbot, demo_ws) -> None:
    """Once the snapshot is handed to the views its objects are frozen (core.gc_pause.keep_out_of_collections):
    a full collection triggered later, e.g. while a view is opened, no longer walks them (issue #16)."""
    import gc

    from pdsa_desk.ui.context import AppContext

    gc.unfreeze()
    ctx = AppContext(demo_ws)
    got: list[object] = []
    ctx.analysis_in_background(got.append)
    qtbot.waitUntil(lambda: bool(got))
    assert gc.get_freeze_count() > 0
    frozen = {id(o) for o in gc.get_objects(generation=2)}
    assert id(got[0]) not in frozen  # out of the oldest generation the full collections walk
    ctx.shutdown()
