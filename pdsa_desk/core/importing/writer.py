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
from collections.abc import Sequence
from typing import Any

import numpy as np
from sqlalchemy import Connection, Table, insert

from pdsa_desk.core.importing.values import from_us

_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
#: Write through the DB-API cursor on SQLite (same SQL, same transaction); False = Core executemany with dicts.
FAST_SQLITE = True


class IdMaker:
    """Time-ordered UUIDs (version 7 layout) that increase within one import.

    Random UUIDs would scatter every insert across the primary-key index;
    increasing ones append, which keeps a million-row import fast.
    """

    def __init__(self) -> None:
        ms = time.time_ns() // 1_000_000
        hi = ((ms & ((1 << 48) - 1)) << 16) | (0x7 << 12) | secrets.randbits(12)
        h = f"{hi:016x}"
        self._prefix = np.frombuffer(f"{h[:8]}-{h[8:12]}-{h[12:16]}-".encode(), dtype=np.uint8)
        self._next = secrets.randbits(60)  # 62 counter bits; room for 2**61 ids

    def take(self, n: int) -> list[str]:
        if n <= 0:
            return []
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
        self._sql: dict[tuple[str, tuple[str, ...]], tuple[str, list[int] | None]] = {}

    # ---- values -------------------------------------------------------------------------
    def times(self, us: np.ndarray | Sequence[int]) -> list[Any]:
        """Database values of µs timestamps (UTC)."""
        arr = np.asarray(us, dtype=np.int64)
        if not self.fast:
            return [from_us(int(x)) for x in arr]
        if not len(arr):
            return []
        text = np.datetime_as_string(arr.astype("datetime64[us]"), unit="us")
        width = text.dtype.itemsize // 4
        chars = text.view("U1").reshape(len(text), width)
        chars[:, 10] = " "  # SQLAlchemy's SQLite format: "2026-01-05 09:00:00.000000"
        return text.tolist()

    def time(self, us: int | None) -> Any:
        if us is None:
            return None
        return self.times([us])[0]

    def flag(self, value: bool) -> Any:
        return (1 if value else 0) if self.fast else bool(value)

    def json_list(self, items: list[str]) -> Any:
        return json.dumps(items) if self.fast else list(items)

    # ---- writes -------------------------------------------------------------------------
    def insert(self, table: Table, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """Insert ``rows`` (tuples in ``columns`` order, values from this writer)."""
        if not rows:
            return
        if not self.fast:
            self.conn.execute(insert(table), [dict(zip(columns, r, strict=True)) for r in rows])
            return
        key = (table.name, columns)
        if key not in self._sql:
            compiled = insert(table).compile(dialect=self.conn.dialect, column_keys=list(columns))
            order = list(compiled.positiontup or [])
            perm = None if order == list(columns) else [columns.index(name) for name in order]
            self._sql[key] = (str(compiled), perm)
        sql, perm = self._sql[key]
        if perm is not None:
            rows = [tuple(r[i] for i in perm) for r in rows]
        self.conn.exec_driver_sql(sql, rows)  # type: ignore[arg-type]
