"""The bundle file format: a workspace-schema SQLite file plus a header, written and read safely.

A **bundle** (``*.pdsa``) is one self-describing SQLite file: the workspace schema, created
through the same migration path as any workspace (:func:`~pdsa_desk.core.database.open_workspace`
on the new file), holding copies of rows, plus a key/value table ``pdsa_bundle_header``:

* ``format``, ``kind`` (``work`` or ``definitions``), ``origin_workspace_id`` and ``origin_name``
  (the exporting workspace's settings row), ``schema_revision``, ``exported_at``, ``since``,
  ``app_version``;
* ``rows.<table>``: the number of rows of each table (checked when reading: a mismatch means
  the file is incomplete);
* ``seen.<workspace id>``: the export time of the newest bundle the exporter had merged from
  that workspace (what it already had of it; used to tell real conflicts from updates).

Plain data only: no pickles, no code. Reading checks everything before a row is used
(:class:`BundleError`: not SQLite, damaged, no header, newer schema, wrong counts); the rows'
values are checked by :mod:`pdsa_desk.core.exchange.validation`, a chunk at a time as they are
used. The file is read in place, read-only and immutable (SQLite takes no lock and writes no journal
beside it); only a bundle of an older schema is copied, to a private scratch folder, and migrated
there (the copy is removed however the merge ends, and after a crash at the next start, see
:mod:`pdsa_desk.core.scratch`).
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table

from pdsa_desk.core import models
from pdsa_desk.core.database import open_workspace
from pdsa_desk.core.errors import WorkspaceError
from pdsa_desk.core.exchange.results import BundleError, msg, short
from pdsa_desk.core.exchange.stored import canonical
from pdsa_desk.core.exchange.tables import DEFINITION_TABLES, EXCHANGED_TABLES, TABLES, UUID, parents_first
from pdsa_desk.core.exchange.validation import SQLITE, RowReader, refused
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP
from pdsa_desk.core.schema import head_revision, known_revisions
from pdsa_desk.core.scratch import scratch_folder
from pdsa_desk.core.team_settings import IncomingSettings

BUNDLE_SUFFIX = ".pdsa"
FORMAT_VERSION = 1
HEADER_TABLE = "pdsa_bundle_header"
KIND_WORK = "work"
KIND_DEFINITIONS = "definitions"
MAX_BUNDLE_BYTES = 1 << 30
_MAX_HEADER_ROWS = 1000
# A chunk's rows as the file stores them, when they may be written as they are (else None).
Stored = list[tuple[Any, ...]] | None


@dataclass(frozen=True)
class BundleHeader:
    format_version: int
    kind: str
    origin_workspace_id: str
    origin_name: str
    schema_revision: str
    exported_at: datetime
    since: datetime | None
    app_version: str
    row_counts: dict[str, int]
    seen: dict[str, datetime] = field(default_factory=dict)
    # The exporter's team settings as header entries (``settings.<column>``; see
    # :mod:`pdsa_desk.core.team_settings`); empty in bundles made before they travelled.
    settings: dict[str, str] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        return sum(self.row_counts.values())

    def describe(self) -> str:
        exported = f"{self.exported_at:%Y-%m-%d %H:%M}"
        if self.kind == KIND_DEFINITIONS:
            if self.since:
                return msg(QT_TRANSLATE_NOOP("Exchange", "standards changed since %1 from '%2', exported %3 UTC (%4 "
                                             "rows)"), f"{self.since:%Y-%m-%d %H:%M}", self.origin_name, exported,
                           self.total_rows)
            return msg(QT_TRANSLATE_NOOP("Exchange", "standards from '%1', exported %2 UTC (%3 rows)"),
                       self.origin_name, exported, self.total_rows)
        if self.since:
            return msg(QT_TRANSLATE_NOOP("Exchange", "work changed since %1 from '%2', exported %3 UTC (%4 rows)"),
                       f"{self.since:%Y-%m-%d %H:%M}", self.origin_name, exported, self.total_rows)
        return msg(QT_TRANSLATE_NOOP("Exchange", "work from '%1', exported %2 UTC (%3 rows)"), self.origin_name,
                   exported, self.total_rows)


# --- writing -------------------------------------------------------------------------------


def write_bundle_file(
    path: Path, tables: Sequence[Table], chosen: dict[str, dict[str, dict[str, Any]]], header: BundleHeader
) -> None:
    """Write a new bundle file at ``path``: the schema, the chosen rows of ``tables`` and the header."""
    bundle = open_workspace(path)  # the same migration path as every workspace
    try:
        with bundle.engine.begin() as conn:
            # A new workspace is seeded with a settings row and loss reasons: a bundle carries only copies.
            for name in ("loss_reason", "workspace_settings"):
                conn.execute(models.metadata.tables[name].delete())
            for t in tables:
                rows = parents_first(t, list(chosen[t.name].values()))
                if rows:
                    conn.execute(t.insert(), rows)
            conn.exec_driver_sql(f"CREATE TABLE {HEADER_TABLE} (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)")
            conn.exec_driver_sql(f"INSERT INTO {HEADER_TABLE} (key, value) VALUES (?, ?)", header_items(header))  # noqa: S608 - constant
    finally:
        bundle.close()
    con = sqlite3.connect(path)  # one self-contained file: no write-ahead log beside it
    try:
        con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()


def remove_sqlite_files(path: Path) -> None:
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        p.unlink(missing_ok=True)


def header_items(header: BundleHeader) -> list[tuple[str, str]]:
    """The header as the (key, value) rows of the header table."""
    items = [
        ("format", str(header.format_version)),
        ("kind", header.kind),
        ("origin_workspace_id", header.origin_workspace_id),
        ("origin_name", header.origin_name),
        ("schema_revision", header.schema_revision),
        ("exported_at", header.exported_at.isoformat()),
        ("since", header.since.isoformat() if header.since else ""),
        ("app_version", header.app_version),
    ]
    items += [(f"rows.{name}", str(n)) for name, n in header.row_counts.items()]
    items += [(f"seen.{origin}", when.isoformat()) for origin, when in sorted(header.seen.items())]
    items += sorted(header.settings.items())
    return items


# --- reading -------------------------------------------------------------------------------


def read_header(path: str | Path) -> BundleHeader:
    """The header of a bundle, after checking that the file is a readable bundle this version can merge."""
    with opened(Path(path)) as bundle:
        return bundle.header


class Bundle:
    """A checked bundle, open read-only: its header and its rows, table by table, in chunks."""

    def __init__(self, con: sqlite3.Connection, header: BundleHeader, display: str) -> None:
        self.con = con
        self.header = header
        self.display = display
        self.counts = {t.name: header.row_counts.get(t.name, 0) for t in EXCHANGED_TABLES}

    def rows(self, table: Table, chunk: int | None = None) -> Iterator[list[dict[str, Any]]]:
        """The rows of ``table``, decoded and checked, ``chunk`` at a time (None: all at once)."""
        for rows, _ in self.chunks(table, chunk):
            yield rows

    def chunks(self, table: Table, chunk: int | None = None) -> Iterator[tuple[list[dict[str, Any]], Stored]]:
        """The rows of ``table``, decoded and checked, ``chunk`` at a time (None: all at once), each chunk
        with its rows as stored (tuples in ``table.columns`` order) when they are in the form the merge
        writes (:func:`~pdsa_desk.core.exchange.stored.canonical`), else None."""
        reader = RowReader(table)
        columns = ", ".join(_quoted(c) for c in reader.names)
        try:
            cursor = self.con.execute(f"SELECT {columns} FROM {_quoted(table.name)}")  # noqa: S608 - schema names
            while True:
                raw = cursor.fetchmany(chunk) if chunk else cursor.fetchall()
                if not raw:
                    return
                yield reader.read(raw, self.display), (raw if canonical(table, raw) else None)
                if not chunk:
                    return
        except sqlite3.Error as exc:
            raise self.unreadable(exc) from exc

    def unreadable(self, exc: BaseException) -> BundleError:
        return BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "%1 has rows that cannot be read "
                "(%2); it may be damaged."), self.display, short(str(exc), 160)))

    def check_rows(self) -> None:
        """Every exchanged table is there with its columns, holds the rows the header lists, each once."""
        try:
            for t in EXCHANGED_TABLES:
                name = _quoted(t.name)
                self.con.execute(f"SELECT {', '.join(_quoted(c.name) for c in t.columns)} FROM {name} LIMIT 0")  # noqa: S608
                held = self.con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]  # noqa: S608
                expected = self.counts[t.name]
                if held != expected:
                    raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "%1 is incomplete or "
                            "altered: its header lists %2 %3 rows, it holds %4."), self.display, expected, t.name,
                            held))
                if self.header.kind == KIND_DEFINITIONS and t.name not in DEFINITION_TABLES and held:
                    raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "%1 claims to hold "
                            "standards only but holds %2 rows."), self.display, t.name))
                twice = self.con.execute(f"SELECT id FROM {name} GROUP BY id HAVING count(*) > 1 LIMIT 1").fetchone()  # noqa: S608
                if twice is not None:
                    raise refused(self.display, [msg(QT_TRANSLATE_NOOP("Exchange", "%1 row %2: listed twice"),
                                                     t.name, short(twice[0], 40))])
        except sqlite3.Error as exc:
            raise self.unreadable(exc) from exc


def _quoted(name: str) -> str:
    return SQLITE.identifier_preparer.quote(name)


def _read_only(path: Path) -> sqlite3.Connection:
    """The file opened read-only and immutable: no lock, no journal, nothing written beside it."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)


@contextmanager
def opened(path: Path) -> Iterator[Bundle]:
    """The bundle checked and open read-only, in place; an older schema is read from a migrated private
    copy (in a :func:`~pdsa_desk.core.scratch.scratch_folder`, removed on every way out of the block)."""
    display = path.name
    if not path.exists():
        raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "There is no file %1."), str(path)))
    if path.is_dir():
        raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "%1 is a folder, not a pdsa-desk "
                "bundle."), str(path)))
    size = path.stat().st_size
    if size > MAX_BUNDLE_BYTES:
        raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "%1 is too large to be a pdsa-desk "
                "bundle (%2 bytes)."), display, f"{size:,}"))
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "%1 is not a pdsa-desk bundle "
                    "(not an SQLite database)."), display))
    header = _probe(path, display)
    if header.schema_revision == head_revision():
        with _connected(path, header, display) as bundle:
            yield bundle
        return
    with scratch_folder() as tmp:
        copy = tmp / "bundle.sqlite"
        shutil.copyfile(path, copy)
        try:  # an older bundle: bring the private copy to the current schema, like any workspace
            open_workspace(copy, create=False).close()
        except WorkspaceError as exc:
            raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "%1 could not be upgraded to "
                    "this version's format: %2"), display, str(exc))) from exc
        with _connected(copy, header, display) as bundle:
            yield bundle


@contextmanager
def _connected(path: Path, header: BundleHeader, display: str) -> Iterator[Bundle]:
    try:
        con = _read_only(path)
    except sqlite3.Error as exc:
        raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "%1 cannot be read as a bundle "
                                                "(%2)."), display, str(exc))) from exc
    try:
        bundle = Bundle(con, header, display)
        bundle.check_rows()
        yield bundle
    finally:
        con.close()


def _probe(path: Path, display: str) -> BundleHeader:
    try:
        con = _read_only(path)
        try:
            check = con.execute("PRAGMA quick_check").fetchall()
            if check != [("ok",)]:
                raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "%1 is damaged (SQLite "
                        "reports: %2); ask for a new copy of the file."), display, short(check[0][0], 120)))
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if HEADER_TABLE not in tables:
                if "alembic_version" in tables:
                    raise BundleError(msg(QT_TRANSLATE_NOOP(
                        "Exchange", "%1 is not a pdsa-desk bundle: it has no bundle header (it looks like a workspace: "
                        "open it with File → Open workspace)."), display))
                raise BundleError(msg(QT_TRANSLATE_NOOP(
                    "Exchange", "%1 is not a pdsa-desk bundle: it has no bundle header."), display))
            items = con.execute(f"SELECT key, value FROM {HEADER_TABLE} LIMIT {_MAX_HEADER_ROWS + 1}").fetchall()  # noqa: S608 - constants
            stamped = (con.execute("SELECT version_num FROM alembic_version").fetchall()
                       if "alembic_version" in tables else [])
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "%1 cannot be read as a bundle "
                "(%2); it may be truncated or damaged."), display, str(exc))) from exc
    header = parse_header(items, display)
    if [r[0] for r in stamped] != [header.schema_revision]:
        raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "%1 is inconsistent: its schema "
                "does not match its header."), display))
    return header


class _HeaderValues:
    """The header's entries, with the errors a damaged or too new header raises."""

    def __init__(self, items: list[tuple[object, object]], display: str) -> None:
        self.display = display
        if len(items) > _MAX_HEADER_ROWS:
            raise self.bad(msg(QT_TRANSLATE_NOOP("Exchange", "too many entries")))
        self.values: dict[str, str] = {}
        for key, value in items:
            if not isinstance(key, str) or not isinstance(value, str) or len(key) > 100 or len(value) > 1000:
                raise self.bad(msg(QT_TRANSLATE_NOOP("Exchange", "an entry is not short text")))
            self.values[key] = value

    def bad(self, why: str) -> BundleError:
        return BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "%1 has a damaged bundle header "
                "(%2)."), self.display, why))

    def need(self, key: str) -> str:
        if key not in self.values:
            raise self.bad(msg(QT_TRANSLATE_NOOP("Exchange", "no %1"), key))
        return self.values[key]

    def when(self, key: str, text: str) -> datetime:
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise self.bad(msg(QT_TRANSLATE_NOOP("Exchange", "%1 is not a time"), key)) from None
        if moment.tzinfo is None:
            raise self.bad(msg(QT_TRANSLATE_NOOP("Exchange", "%1 has no time zone"), key))
        return moment.astimezone(UTC)

    def checked(self, key: str, ok: Callable[[str], bool], why: str) -> str:
        value = self.need(key)
        if not ok(value):
            raise self.bad(why)
        return value

    def format_version(self) -> int:
        try:
            fmt = int(self.need("format"))
        except ValueError:
            raise self.bad(msg(QT_TRANSLATE_NOOP("Exchange", "format is not a number"))) from None
        if fmt > FORMAT_VERSION:
            raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "%1 was made by a newer version "
                    "of pdsa-desk (bundle format %2); update pdsa-desk to merge it."), self.display, fmt))
        return fmt

    def schema_revision(self) -> str:
        revision = self.need("schema_revision")
        if revision not in known_revisions():
            raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "%1 was made by a newer version "
                    "of pdsa-desk (schema %2); update pdsa-desk to merge it. Nothing was changed."), self.display,
                    short(revision, 40)))
        return revision

    def row_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for key, value in self.values.items():
            if key.startswith("rows."):
                table = key.removeprefix("rows.")
                if table not in TABLES:
                    raise self.bad(msg(QT_TRANSLATE_NOOP("Exchange", "row count of unknown "
                            "table %1"), short(table, 40)))
                if not value.isdigit():
                    raise self.bad(msg(QT_TRANSLATE_NOOP("Exchange", "row count of %1 is not a "
                            "number"), table))
                counts[table] = int(value)
        return counts

    def seen(self) -> dict[str, datetime]:
        seen: dict[str, datetime] = {}
        for key, value in self.values.items():
            if key.startswith("seen."):
                other = key.removeprefix("seen.")
                if not UUID.match(other):
                    raise self.bad(msg(QT_TRANSLATE_NOOP("Exchange", "a seen workspace id is "
                            "not a UUID")))
                seen[other] = self.when(key, value)
        return seen


def parse_header(items: list[tuple[object, object]], display: str) -> BundleHeader:
    """The header from its (key, value) rows; refuses a damaged header or one of a newer version."""
    h = _HeaderValues(items, display)
    fmt = h.format_version()
    revision = h.schema_revision()
    kind = h.need("kind")
    if kind not in (KIND_WORK, KIND_DEFINITIONS):
        raise h.bad(msg(QT_TRANSLATE_NOOP("Exchange", "unknown kind %1"), short(kind, 30)))
    origin = h.checked("origin_workspace_id", lambda v: bool(UUID.match(v)), "the origin workspace id is not a UUID")
    name = h.checked("origin_name", lambda v: len(v) <= 200, "the origin name is too long")
    counts = h.row_counts()
    seen = h.seen()
    settings = {k: v for k, v in h.values.items() if k.startswith("settings.")}
    try:
        IncomingSettings.from_header(settings)
    except ValueError as exc:
        raise h.bad(msg(QT_TRANSLATE_NOOP("Exchange", "its workspace settings are damaged: "
                                          "%1"), short(str(exc), 80))) from None
    return BundleHeader(
        format_version=fmt,
        kind=kind,
        origin_workspace_id=origin,
        origin_name=name,
        schema_revision=revision,
        exported_at=h.when("exported_at", h.need("exported_at")),
        since=h.when("since", h.values["since"]) if h.values.get("since") else None,
        app_version=h.values.get("app_version", "")[:40],
        row_counts=counts,
        seen=seen,
        settings=settings,
    )
