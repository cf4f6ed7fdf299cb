"""Server passwords: kept in the system keyring, never in settings, logs or workspace URLs.

The keyring entry of a team database is service ``"pdsa-desk"``, user name
``"user@host:port/db"`` (see :func:`keyring_username`). The ``keyring``
package is optional (the ``postgres`` extra): without it, or without a usable
backend, nothing is stored and the user is asked for the password each session.

Every function here fails soft: a broken keyring is logged (never with the
password) and treated as "no password stored".

:func:`mask_passwords` hides the password of every URL (and ``password=`` setting) in any text: the
command line passes everything it prints through it, the log file's formatter and the crash dialog too.
This module imports SQLAlchemy only when a function needs it (the log is set up before the first paint).
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, Message

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

if TYPE_CHECKING:  # keyring is optional (the postgres extra); only its type is needed here
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

SERVICE = "pdsa-desk"
DEFAULT_PORTS = {"postgresql": 5432}
MASK = "***"

# scheme://user:password@ — the password ends at the last "@" before the host (passwords may hold "@").
_URL_PASSWORD = re.compile(r"(?P<head>\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s:/@]*:)(?P<password>[^\s/]*)@(?=[^\s@]*(?:[\s/]|$))")
# password=secret in a libpq connection string or a query string
_KEYWORD_PASSWORD = re.compile(r"(?P<head>\bpassword\s*=\s*)(?P<password>'[^']*'|\S+?)(?=[\s&;,]|$)", re.IGNORECASE)


def mask_passwords(text: str) -> str:
    """``text`` with the password of every URL (``scheme://user:***@host``) and every ``password=…`` masked."""
    if "://" not in text and "password" not in text.lower():
        return text
    text = _URL_PASSWORD.sub(lambda m: f"{m.group('head')}{MASK}@", text)
    return _KEYWORD_PASSWORD.sub(lambda m: f"{m.group('head')}{MASK}", text)


def _url(url: str | URL) -> URL:
    from sqlalchemy.engine import make_url

    return make_url(url) if isinstance(url, str) else url


def keyring_username(url: str | URL) -> str:
    """``user@host:port/db``: the keyring's user name for this database (port filled in)."""
    sa_url = _url(url)
    port = sa_url.port or DEFAULT_PORTS.get(sa_url.get_backend_name(), 0)
    return f"{sa_url.username or ''}@{sa_url.host or 'localhost'}:{port}/{sa_url.database or ''}"


def strip_password(url: str | URL) -> str:
    """The URL as text without its password (what may be stored in settings or shown)."""
    return without_password(_url(url)).render_as_string(hide_password=False)


def without_password(url: URL) -> URL:
    """``url`` minus its password (``URL.set(password=None)`` would keep it)."""
    from sqlalchemy.engine import URL

    return URL.create(url.drivername, url.username, None, url.host, url.port, url.database, url.query)


def server_url(
    host: str, port: int | None, database: str, user: str, *, drivername: str = "postgresql+psycopg"
) -> str:
    """A password-less server URL from the connect dialog's fields."""
    from sqlalchemy.engine import URL

    return URL.create(
        drivername, username=user or None, host=host or None, port=port or None, database=database or None
    ).render_as_string(hide_password=False)


def _backend() -> KeyringBackend | None:
    """The usable keyring backend, or None."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception as exc:  # noqa: BLE001 - ImportError, or a backend that fails to load
        log.debug("No keyring: %s", exc)
        return None
    if isinstance(backend, fail.Keyring):
        return None
    try:
        if float(backend.priority) <= 0:  # the "null" and "fail" backends
            return None
    except Exception:  # noqa: BLE001
        return None
    return backend


def keyring_status() -> tuple[bool, str]:
    """(usable, why not): whether passwords can be remembered on this computer (why not: a message the UI
    translates, see :mod:`pdsa_desk.core.messages`)."""
    try:
        import keyring  # noqa: F401
    except ImportError:
        return False, Message("Secrets", QT_TRANSLATE_NOOP(
            "Secrets", "The 'keyring' package is not installed, so passwords cannot be remembered."))
    if _backend() is None:
        return False, Message("Secrets", QT_TRANSLATE_NOOP(
            "Secrets", "This computer has no usable system keyring, so passwords cannot be remembered."))
    return True, ""


def keyring_available() -> bool:
    return keyring_status()[0]


def stored_password(url: str | URL) -> str | None:
    """The remembered password of this database, or None."""
    backend = _backend()
    if backend is None:
        return None
    try:
        return backend.get_password(SERVICE, keyring_username(url))
    except Exception as exc:  # noqa: BLE001
        log.warning("Could not read the password of %s from the keyring: %s", keyring_username(url), type(exc).__name__)
        return None


def store_password(url: str | URL, password: str) -> bool:
    """Remember the password; False (and a log line without it) when the keyring refuses."""
    backend = _backend()
    if backend is None:
        return False
    try:
        backend.set_password(SERVICE, keyring_username(url), password)
    except Exception as exc:  # noqa: BLE001
        log.warning("Could not store the password of %s in the keyring: %s", keyring_username(url), type(exc).__name__)
        return False
    return True


def forget_password(url: str | URL) -> None:
    """Remove a remembered password (no error when there is none)."""
    backend = _backend()
    if backend is None:
        return
    try:
        backend.delete_password(SERVICE, keyring_username(url))
    except Exception as exc:  # noqa: BLE001 - PasswordDeleteError when there is none
        log.debug("No password of %s removed from the keyring: %s", keyring_username(url), type(exc).__name__)
