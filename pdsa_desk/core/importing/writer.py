"""Bulk writes inside the import's one transaction: ids, database values, executemany.

Rows are built column-wise (numpy where it pays) and written with
SQLAlchemy Core in chunks. On SQLite the values are prepared in the exact
form SQLAlchemy itself stores (``YYYY-MM-DD HH:MM:SS.ffffff`` UTC text,
JSON text, 0/1) and handed to the driver's ``executemany`` through the
connection, skipping per-row parameter processing; other databases get
ordinary Python values through ``conn.execute(insert(table), rows)``.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from typing import Any

import numpy as np
from sqlalchemy import Connection, Table, bindparam, func, insert, literal_column, select
from sqlalchemy.exc import DBAPIError

from pdsa_desk.core.importing.values import from_us

_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
#: Write through the DB-API cursor on SQLite (same SQL, same transaction); False = Core executemany with dicts.
FAST_SQLITE = True
#: Up to this many ids at once are formatted in Python (:meth:`IdMaker._take_few`), more with NumPy.
FEW_IDS = 16
#: Values per NumPy conversion: one call holds the GIL throughout (50,000 times as text ~25 ms, 200,000 ids
#: ~45 ms), so larger ones go in slices of this many, between which the GUI thread gets the GIL (issue #16).
GIL_SLICE = 10_000


class IdMaker:
    """Time-ordered UUIDs (version 7 layout) that increase within one import.

    Random UUIDs would scatter every insert across the primary-key index;
    increasing ones append, which keeps a million-row import fast.
    """

    def __init__(self) -> None:
        ms = time.time_ns() // 1_000_000
        hi = ((ms & ((1 << 48) - 1)) << 16) | (0x7 << 12) | secrets.randbits(12)
        h = f"{hi:016x}"
        self._head = f"{h[:8]}-{h[8:12]}-{h[12:16]}-"
        self._prefix = np.frombuffer(self._head.encode(), dtype=np.uint8)
        self._next = secrets.randbits(60)  # 62 counter bits; room for 2**61 ids

    def take(self, n: int) -> list[str]:
        if n > GIL_SLICE:  # the same ids, in slices (see GIL_SLICE)
            return [i for start in range(0, n, GIL_SLICE) for i in self.take(min(GIL_SLICE, n - start))]
        if n <= 0:
            return []
        if n <= FEW_IDS:
            return self._take_few(n)
        return self._take_many(n)

    def _take_few(self, n: int) -> list[str]:
        """The ids :meth:`_take_many` would make, one string each: NumPy's fixed cost per call (~30 µs) is more
        than formatting a few ids (a new team, rep or loss reason takes one at a time: 500 reps ~15 ms)."""
        first = self._next
        self._next += n
        head, low_bits = self._head, (1 << 48) - 1
        # A comprehension, not append(): tests/core/test_import_texts.py reads append(f"…") as a problem text.
        return [f"{head}{lo >> 48:04x}-{lo & low_bits:012x}"
                for lo in (counter | (1 << 63) for counter in range(first, first + n))]

    def _take_many(self, n: int) -> list[str]:
        lo = np.arange(self._next, self._next + n, dtype=np.uint64) | np.uint64(1 << 63)
        self._next += n
        raw = lo.astype(">u8").view(np.uint8).reshape(n, 8)
        digits = np.empty((n, 16), dtype=np.uint8)
        digits[:, 0::2] = _HEX[raw >> 4]
        digits[:, 1::2] = _HEX[raw & 15]
        out = np.empty((n, 36), dtype=np.uint8)
        out[:, :19] = self._prefix
        out[:, 19:23] = digits[:, :4]
        out[:, 23] = ord("-")
        out[:, 24:] = digits[:, 4:]
        return out.view("S36").ravel().astype("U36").tolist()


class Writer:
    """Database values and chunked inserts for one connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.sqlite = conn.dialect.name == "sqlite"
        self.fast = self.sqlite and FAST_SQLITE
        # (table, columns, constants) -> (SQL, permutation of the columns into the statement's order)
        self._sql: dict[tuple[str, tuple[str, ...], tuple[tuple[str, Any], ...]], tuple[str, list[int] | None]] = {}

    # ---- values -------------------------------------------------------------------------
    def times(self, us: np.ndarray | Sequence[int]) -> list[Any]:
        """Database values of µs timestamps (UTC)."""
        arr = np.asarray(us, dtype=np.int64)
        if not self.fast:
            return [from_us(int(x)) for x in arr]
        if not len(arr):
            return []
        if len(arr) > GIL_SLICE:  # the same values, in slices (see GIL_SLICE)
            return [v for start in range(0, len(arr), GIL_SLICE) for v in self.times(arr[start:start + GIL_SLICE])]
        text = np.datetime_as_string(arr.astype("datetime64[us]"), unit="us")
        width = text.dtype.itemsize // 4
        chars = text.view("U1").reshape(len(text), width)
        chars[:, 10] = " "  # SQLAlchemy's SQLite format: "2026-01-05 09:00:00.000000"
        values: list[Any] = text.tolist()
        return values

    def time(self, us: int | None) -> Any:
        if us is None:
            return None
        return self.times([us])[0]

    def flag(self, value: bool) -> Any:
        return (1 if value else 0) if self.fast else bool(value)

    def json_list(self, items: list[str]) -> Any:
        return json.dumps(items) if self.fast else list(items)

    # ---- writes -------------------------------------------------------------------------
    def insert(self, table: Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]],
               constants: Mapping[str, Any] | None = None) -> None:
        """Insert ``rows`` (tuples in ``columns`` order, values from this writer).

        ``constants``: columns with the same value on every row (values from this writer). On SQLite they
        are written into the statement once instead of being bound a million times.
        """
        if not rows:
            return
        constants = dict(constants or {})
        if not self.fast:
            self.conn.execute(insert(table), [{**constants, **dict(zip(columns, r, strict=True))} for r in rows])
            return
        key = (table.name, columns, tuple(sorted(constants.items())))
        if key not in self._sql:
            stmt = insert(table).values({**{c: bindparam(c) for c in columns},
                                         **{c: literal_column(_sqlite_literal(v)) for c, v in constants.items()}})
            compiled = stmt.compile(dialect=self.conn.dialect)
            order = list(compiled.positiontup or [])
            perm = None if order == list(columns) else [columns.index(name) for name in order]
            self._sql[key] = (str(compiled), perm)
        sql, perm = self._sql[key]
        if perm is not None:
            rows = [tuple(r[i] for i in perm) for r in rows]
        self.conn.exec_driver_sql(sql, rows)

    @contextmanager
    def bulk_indexes(self, table: Table, adding: int) -> Iterator[bool]:
        """Around a bulk insert: on SQLite, when the rows added outnumber the rows there (and are many),
        the table's plain (non-unique) indexes are dropped first and built once afterwards — one sort
        instead of a million b-tree inserts (at 1M stage events ~0.8 s saved). Use it only inside a
        transaction that is rolled back on any failure (the import's): an exception leaves the indexes
        dropped until that rollback restores them with everything else. Yields whether they were deferred."""
        plain = sorted((ix for ix in table.indexes if not ix.unique), key=lambda ix: ix.name or "")
        defer = self.sqlite and bool(plain) and adding >= BULK_INDEX_MIN_ROWS
        if defer:  # counting stops at `adding` rows, so a big table costs no more than a small one
            there = self.conn.execute(select(func.count()).select_from(
                select(literal_column("1")).select_from(table).limit(adding).subquery())).scalar_one()
            defer = there < adding
        if not defer:
            yield False
            return
        for ix in plain:
            ix.drop(self.conn)
        yield True
        for ix in plain:
            ix.create(self.conn)


#: Fewer new rows than this are inserted with the indexes in place (rebuilding costs more than it saves). One build
#: after the insert wins from ~1,000 new rows into an empty table: 10,000 stage events 34.0 -> 29.4 ms of SQLite
#: CPU time with the default cache, 29.0 -> 24.1 ms with a 64 MB one (it was 20,000).
BULK_INDEX_MIN_ROWS = 2_000


def _sqlite_literal(value: Any) -> str:
    """A SQL literal for a value this writer made (text, whole number, or None)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool | int):
        return str(int(value))
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"no SQLite literal for {value!r}")


@contextmanager
def unchecked_references(conn: Connection) -> Iterator[None]:
    """SQLite: no per-row foreign-key checks for the transaction begun inside this block.

    Every reference the importer writes is an id it has just inserted or read in the same transaction (a
    WAL snapshot, so nothing can vanish underneath it), so the per-row parent lookups only cost time:
    0.5–1 s per million stage events, measured. ``PRAGMA foreign_keys`` cannot change inside a transaction, so this
    must wrap ``conn.begin()``. Enforcement is switched back on afterwards; if that fails the connection is
    discarded rather than returned to the pool unchecked. Other databases are left alone.
    """
    if conn.dialect.name != "sqlite" or conn.in_transaction():
        yield
        return
    raw: Any = conn.connection.dbapi_connection
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        # The pragma is silently ignored inside a transaction: read it back, and never pool a connection
        # that is still unchecked.
        try:
            raw.execute("PRAGMA foreign_keys=ON")
            restored = raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        except Exception:  # noqa: BLE001 - the connection is discarded either way
            restored = False
        if not restored:
            conn.invalidate()


#: SQLite's page cache during an import (KiB; 0 leaves SQLite's default 2,000 KiB). 64 MB saved ~6 % of the CPU
#: time at 100,000 events on a loaded machine, but on an idle one the 1M import took longer with it (14.29 s
#: against 13.73 s, floors 7.26 / 7.08 s) and its process peaked ~150 MB higher: off until that is understood.
IMPORT_CACHE_KIB = 0


@contextmanager
def page_cache(conn: Connection, kib: int) -> Iterator[None]:
    """A larger SQLite page cache (``kib`` KiB) for the block, given back (and its memory freed) afterwards. Use it
    inside the transaction: pages written in it stay until the commit, the cache only limits the clean ones.
    Other databases, and ``kib`` 0, are left alone."""
    if conn.dialect.name != "sqlite" or kib <= 0:
        yield
        return
    before = int(conn.exec_driver_sql("PRAGMA cache_size").scalar_one())
    conn.exec_driver_sql(f"PRAGMA cache_size=-{int(kib)}")
    try:
        yield
    finally:
        with suppress(DBAPIError):  # a broken connection is discarded anyway; do not hide the first error
            conn.exec_driver_sql(f"PRAGMA cache_size={before}")
            conn.exec_driver_sql("PRAGMA shrink_memory")
