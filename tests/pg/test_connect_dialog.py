"""File → "Connect to team database…": the dialog, the keyring and the recent list.

The tests that talk to a server are marked ``postgres``; the others run everywhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog

from pdsa_desk.core import secrets
from pdsa_desk.ui.application import set_application_names
from pdsa_desk.ui.connect_dialog import ConnectDialog, recent_workspaces, remember_recent


@pytest.fixture
def dialog(qtbot):
    set_application_names()

    def make(**kwargs) -> ConnectDialog:
        dlg = ConnectDialog(**kwargs)
        qtbot.addWidget(dlg)
        return dlg

    return make


def _settings_text(isolated_user_dirs: Path) -> str:
    QSettings().sync()
    return "".join(p.read_text(errors="replace") for p in (isolated_user_dirs / "qsettings").rglob("*") if p.is_file())


def test_without_a_usable_keyring_the_remember_box_is_off_and_says_why(dialog) -> None:
    dlg = dialog()  # the tests run with keyring's "fail" backend
    assert not dlg.remember.isEnabled() and not dlg.remember.isChecked()
    assert "keyring" in dlg.remember.toolTip() and "asked for it each session" in dlg.remember.toolTip()
    assert secrets.keyring_status()[0] is False and secrets.stored_password("postgresql://a@b/c") is None
    assert not dlg.test_button.isEnabled() and not dlg.connect_button.isEnabled()  # nothing filled in yet


def test_the_fields_make_a_url_without_the_password(dialog, memory_keyring) -> None:
    memory_keyring.set_password("pdsa-desk", "ann@db.example:5432/sales", "s3cret")
    dlg = dialog(url="postgresql+psycopg://ann@db.example/sales")
    assert (dlg.host.text(), dlg.port.value(), dlg.database.text(), dlg.user.text()) == (
        "db.example", 5432, "sales", "ann")
    assert dlg.password.text() == "s3cret" and dlg.remember.isEnabled() and dlg.remember.isChecked()
    assert dlg.url() == "postgresql+psycopg://ann@db.example:5432/sales"
    assert dlg.test_button.isEnabled() and dlg.connect_button.isEnabled()


def test_keyring_user_names_fill_in_the_default_port() -> None:
    assert secrets.keyring_username("postgresql+psycopg://ann@db/sales") == "ann@db:5432/sales"
    assert secrets.keyring_username("postgresql+psycopg://ann:pw@db:6543/sales") == "ann@db:6543/sales"


def test_recent_workspaces_never_hold_a_password(qtbot, isolated_user_dirs: Path) -> None:
    set_application_names()
    remember_recent("/home/ann/workspace.sqlite")
    remember_recent("postgresql+psycopg://ann:s3cret@db.example:5432/sales")
    assert recent_workspaces() == ["postgresql+psycopg://ann@db.example:5432/sales", "/home/ann/workspace.sqlite"]
    assert "s3cret" not in _settings_text(isolated_user_dirs)


@pytest.mark.postgres
def test_test_connection_runs_off_thread_and_says_what_it_found(dialog, qtbot, pg_server, pg_ws) -> None:
    dlg = dialog(url=pg_ws.url)
    dlg.test_button.click()
    assert not dlg.test_button.isEnabled()  # busy while the worker connects
    qtbot.waitUntil(lambda: dlg.test_button.isEnabled(), timeout=15000)
    assert dlg.status.text().startswith(f"Connected to PostgreSQL {pg_server.bindir.parent.name}")
    assert "It holds a pdsa-desk workspace" in dlg.status.text()


@pytest.mark.postgres
def test_an_unreachable_server_is_reported_and_the_fields_are_kept(dialog, qtbot, pg_server) -> None:
    port = pg_server.unused_port()
    dlg = dialog(url=f"postgresql+psycopg://ann@127.0.0.1:{port}/sales")
    dlg.connect_button.click()
    qtbot.waitUntil(lambda: dlg.connect_button.isEnabled(), timeout=15000)
    assert dlg.status.text().startswith(f"Cannot connect to the team database at 127.0.0.1:{port}")
    assert dlg.result() != QDialog.DialogCode.Accepted and dlg.workspace is None
    assert (dlg.host.text(), dlg.port.value(), dlg.user.text()) == ("127.0.0.1", port, "ann")


@pytest.mark.postgres
def test_connect_opens_creates_and_remembers(
    dialog, qtbot, pg_server, memory_keyring, isolated_user_dirs: Path
) -> None:
    url = pg_server.new_database(migrated=False)
    dlg = dialog(url=url)
    dlg.password.setText("typed in")  # the test server trusts everyone; the password is still handled
    dlg.remember.setChecked(True)
    with qtbot.waitSignal(dlg.accepted, timeout=20000):
        dlg.connect_button.click()
    ws = dlg.workspace
    try:
        assert ws is not None and ws.url == dlg.url()
        from pdsa_desk.core import services

        assert services.get_settings(ws).name == "My workspace"  # created through the migrations
        assert memory_keyring.store == {("pdsa-desk", secrets.keyring_username(url)): "typed in"}
        assert recent_workspaces()[0] == dlg.url()
        assert "typed in" not in _settings_text(isolated_user_dirs)
    finally:
        if ws is not None:
            ws.close()
        pg_server.drop_database(url)


@pytest.mark.postgres
def test_unticking_remember_forgets_the_stored_password(dialog, qtbot, pg_ws, memory_keyring) -> None:
    secrets.store_password(pg_ws.url, "old")
    dlg = dialog(url=pg_ws.url)
    assert dlg.remember.isChecked()
    dlg.remember.setChecked(False)
    with qtbot.waitSignal(dlg.accepted, timeout=20000):
        dlg.connect_button.click()
    dlg.workspace.close()
    assert memory_keyring.store == {}
