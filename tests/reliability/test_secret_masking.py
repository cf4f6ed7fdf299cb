"""Point 5 of issue 14: a password never appears in what pdsa-desk prints, logs or shows."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from pdsa_desk.app import main
from pdsa_desk.core.secrets import mask_passwords

SECRET = "s3cr3t-Pa55"  # noqa: S105 - a made-up password the tests look for


@pytest.mark.parametrize(("text", "masked"), [
    (f"postgresql+psycopg://ann:{SECRET}@db.example:5432/sales",
     "postgresql+psycopg://ann:***@db.example:5432/sales"),
    (f"Cannot connect to postgresql://ann:{SECRET}@host/db: refused",
     "Cannot connect to postgresql://ann:***@host/db: refused"),
    (f"postgresql://ann:p@ss{SECRET}@host/db", "postgresql://ann:***@host/db"),
    (f"host=db password={SECRET} dbname=sales", "host=db password=*** dbname=sales"),
    (f"postgresql://ann@host/db?password={SECRET}", "postgresql://ann@host/db?password=***"),
    ("postgresql://ann@host/db and /home/ann/w.sqlite", "postgresql://ann@host/db and /home/ann/w.sqlite"),
])
def test_passwords_are_masked_in_any_text(text: str, masked: str) -> None:
    assert mask_passwords(text) == masked


def test_a_command_never_prints_the_password_of_an_unreachable_server(capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"postgresql+psycopg://ann:{SECRET}@127.0.0.1:{port}/sales"
    assert main(["check", "--db", url]) == 1
    captured = capsys.readouterr()
    assert SECRET not in captured.out + captured.err
    assert "ann:***@" in captured.err or "127.0.0.1" in captured.err


@pytest.mark.postgres
def test_check_of_a_server_never_prints_its_password(pg_server, capsys: pytest.CaptureFixture[str]) -> None:
    url = pg_server.new_database()
    try:
        with_password = url.replace("postgres@", f"postgres:{SECRET}@")  # the test server trusts any password
        assert main(["check", "--db", with_password]) == 0
        captured = capsys.readouterr()
        assert "healthy" in captured.out
        assert SECRET not in captured.out + captured.err
    finally:
        pg_server.drop_database(url)


def test_the_log_file_never_holds_a_password(tmp_path: Path) -> None:
    from pdsa_desk.ui import crash

    logfile = crash.setup_logging(tmp_path / "logs")
    log = logging.getLogger("pdsa_desk.test")
    log.warning("Opening %s", f"postgresql+psycopg://ann:{SECRET}@db.example/sales")
    try:
        raise RuntimeError(f"could not reach postgresql://ann:{SECRET}@db.example/sales")
    except RuntimeError:
        log.exception("Unexpected")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = logfile.read_text(encoding="utf-8")
    assert "ann:***@db.example" in text
    assert SECRET not in text


def test_the_crash_dialog_never_shows_a_password(qtbot, tmp_path: Path, monkeypatch) -> None:
    from pdsa_desk.ui import crash

    shown: list[str] = []
    monkeypatch.setattr(crash.CrashDialog, "open", lambda self: shown.append(self.details.toPlainText()))
    handler = crash.CrashHandler(crash.setup_logging(tmp_path / "logs"))
    handler.install()
    try:
        try:
            raise ValueError(f"bad url postgresql://ann:{SECRET}@db.example/sales")
        except ValueError:
            sys.excepthook(*sys.exc_info())
        qtbot.waitUntil(lambda: len(shown) == 1)
    finally:
        handler.uninstall()
    assert SECRET not in shown[0] and "ann:***@" in shown[0]
