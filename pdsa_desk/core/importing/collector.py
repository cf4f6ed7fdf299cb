"""Reading the rows: what a file says, collected compactly before anything is checked across rows or written.

:class:`Collector` holds what is learned (per opportunity a state list, the stage events as arrays, the CRM
stage names, the problems) and the cell-by-cell reading both shapes share; :mod:`.long_shape` and
:mod:`.wide_shape` walk the rows. Later steps (:mod:`.stages`, :mod:`.validate`, :mod:`.store`) read the
collector and never the file.
"""

from __future__ import annotations

import csv
from array import array
from collections.abc import Callable, Sequence
from datetime import datetime
from operator import itemgetter
from typing import Any

import numpy as np

from pdsa_desk.core.importing.columns import Columns
from pdsa_desk.core.importing.existing import WorkspaceState
from pdsa_desk.core.importing.mapping import DEFAULT_SOURCE, Mapping
from pdsa_desk.core.importing.reader import Table
from pdsa_desk.core.importing.results import MAX_AMBIGUOUS, MAX_PROBLEMS, Problem
from pdsa_desk.core.importing.values import (
    EPOCH,
    EPOCH_UTC,
    MAX_US,
    MIN_US,
    US,
    AmbiguousDate,
    BadValue,
    cell_text,
    parse_amount,
    parse_outcome,
    parse_when,
)

# Opportunity attributes taken from the rows (index into an opportunity's state list).
ATTRS = ("opportunity_name", "rep", "rep_email", "team", "amount", "outcome", "loss_reason", "opened_at",
         "closed_at", "channel")
(O_EXT, O_SOURCE, O_NAME, O_REP, O_EMAIL, O_TEAM, O_AMOUNT, O_OUTCOME, O_LOSS, O_OPENED, O_OPENED_DATE, O_CLOSED,
 O_CLOSED_DATE, O_CHANNEL, O_TS, O_ROW, O_HASH, O_ROWS, O_EXISTING) = range(19)
#: "No stage change yet" (an opportunity's latest time before its first row).
NO_TS = -(1 << 62)
_GUARD = "=+-@\t\r"

#: A row's problems: (column name or None, message).
RowErrors = list[tuple[str | None, str]]


def unguard(text: str) -> str:
    """The text without the quote a spreadsheet export puts before a leading ``= + - @`` (formula guard)."""
    if len(text) > 1 and text[0] == "'" and text[1] in _GUARD:
        return text[1:]
    return text


def naive(raw: str) -> bool:
    """A text time with a clock time but no zone (``2026-01-05 09:00``)."""
    tail = raw.rstrip()[-6:]
    return not (raw.endswith(("Z", "UTC", "GMT")) or "+" in tail or (len(tail) == 6 and tail[0] == "-"
                                                                      and tail[3] == ":"))


def getter(indexes: list[int]) -> Callable[[Sequence[str]], tuple[str, ...]]:
    """A fast ``cells -> tuple of those cells``."""
    if not indexes:
        return lambda cells: ()
    if len(indexes) == 1:
        i = indexes[0]
        return lambda cells: (cells[i],)
    return itemgetter(*indexes)


def as_array(values: array[Any], dtype: Any) -> np.ndarray:
    """A numpy view of a collected array (no copy)."""
    return np.frombuffer(values, dtype=dtype) if len(values) else np.zeros(0, dtype)


class Collector:
    """Everything learned from the rows, compactly: per-opportunity state and the events as arrays.

    Subclasses read one shape (:meth:`_read`); the rest is shared.
    """

    def __init__(self, mapping: Mapping, cols: Columns, state: WorkspaceState | None, skip_invalid: bool,
                 table: Table) -> None:
        self.mapping = mapping
        self.cols = cols
        self.state = state
        self.skip_invalid = skip_invalid
        self.table = table
        self.order = mapping.date_order
        self.custom_outcomes = mapping.custom_outcomes()
        self.fixed_source = (mapping.source or "").strip() or None
        # opportunities
        self.opp_code: dict[tuple[str, str], int] = {}
        self.opps: list[list[Any]] = []
        # events (one per row in the long shape, per filled date cell in the wide shape)
        self.e_opp = array("i")
        self.e_stage = array("i")
        self.e_ts = array("q")
        self.e_row = array("i")
        self.e_conf = array("b")
        self.e_items = array("i")
        self.items: dict[str, int] = {}
        # CRM stage names
        self.stage_code: dict[str, int] = {}
        self.stage_names: list[str] = []
        self.stage_rows: list[int] = []
        self.stage_first: list[int] = []
        self.stage_pos: list[int | None] = []
        # problems
        self.problems: list[Problem] = []
        self.n_problems = 0
        self.rejected: dict[int, list[str]] = {}
        self.ambiguous: list[Problem] = []
        self.n_ambiguous = 0
        self.dayfirst_hint: Problem | None = None
        self.monthfirst_hint: Problem | None = None
        self.rows_read = 0
        self.blank_rows = 0
        self.rows_deleted = 0
        self.naive_times = False
        self.has_evidence = "evidence_confirmed" in cols.index or "evidence_items" in cols.index
        self._number = table.header_row
        self._positions_cache: dict[str, int] = {}
        self._outcome_cache: dict[str, str] = {}
        self._intern: dict[str, str] = {}  # rep, e-mail, team, loss reason and channel repeat a lot
        ix, names = cols.index, cols.names
        # (slot in the attribute tuple, column index, longest allowed, column name)
        self._text_fields = [(slot, ix[f], n, names[f]) for slot, f, n in (
            (0, "opportunity_name", 300), (1, "rep", 200), (2, "rep_email", 320), (3, "team", 200),
            (6, "loss_reason", 200), (9, "channel", 200)) if f in ix]
        self._date_fields = [(slot, ix[f], names[f]) for slot, f in ((7, "opened_at"), (8, "closed_at")) if f in ix]
        self._i_amount = ix.get("amount")
        self._i_outcome = ix.get("outcome")
        self._attrs_of = getter([ix[f] for f in ATTRS if f in ix])

    # ---- reading ------------------------------------------------------------------------------
    def read(self, tick: Callable[[], None]) -> None:
        """Read every row; ``tick()`` is called once per chunk. A file that breaks off (a CSV or decoding error)
        becomes :class:`ImportProblems` with the row."""
        self._number = self.table.header_row
        try:
            self._read(tick)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise self.table.problem(self._number + 1, exc) from None

    def _read(self, tick: Callable[[], None]) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def column_of_stage(self, stage_code: int) -> str | None:
        """The column a CRM stage's times are in (the wide shape's date column; the long shape's time column)."""
        name = self.stage_names[stage_code]
        for _i, column, stage in self.cols.stage_dates:
            if stage == name:
                return column
        return self.cols.names.get("timestamp")

    # ---- problems ---------------------------------------------------------------------------
    def problem(self, row: int | None, column: str | None, message: str) -> None:
        self.n_problems += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(row, column, message))
        if row is not None and self.skip_invalid:
            self.rejected.setdefault(row, []).append(f"{column}: {message}" if column else message)

    def _row_errors(self, number: int, errors: RowErrors) -> None:
        for column, message in errors:
            self.problem(number, column, message)

    # ---- cells ------------------------------------------------------------------------------
    def _when(self, raw: str, number: int, column: str, errors: RowErrors) -> tuple[int, bool] | None:
        """(µs UTC, is a plain date) of a date cell, or None with the problem in ``errors``."""
        try:
            dt = datetime.fromisoformat(raw)
        except ValueError:
            pass  # not ISO: parse_when below reads the other forms
        else:
            us = (dt - EPOCH) // US if dt.tzinfo is None else (dt - EPOCH_UTC) // US
            if MIN_US <= us < MAX_US:
                return us, dt.tzinfo is None and len(raw) <= 10
        try:
            result = parse_when(raw, self.order)
        except AmbiguousDate as exc:
            self.n_ambiguous += 1
            if len(self.ambiguous) < MAX_AMBIGUOUS:
                self.ambiguous.append(Problem(number, column, str(exc)))
            errors.append((column, str(exc)))
            return None
        except BadValue as exc:
            errors.append((column, str(exc)))
            return None
        if self.order is None:
            self._hint(raw, number, column)
        return result

    def _hint(self, raw: str, number: int, column: str) -> None:
        """Remember the first date that can only be day-first (13/04/2026), and the first only month-first."""
        if len(raw) < 6 or (raw[1] not in "/.-" and raw[2] not in "/.-"):
            return
        parts = raw.replace(".", "/").replace("-", "/").split("/")
        if len(parts) >= 3 and parts[0].isdigit() and parts[1].isdigit() and len(parts[0]) <= 2:
            a, b = int(parts[0]), int(parts[1])
            if a > 12 >= b and self.dayfirst_hint is None:
                self.dayfirst_hint = Problem(number, column, raw)
            elif b > 12 >= a and self.monthfirst_hint is None:
                self.monthfirst_hint = Problem(number, column, raw)

    def _attrs(self, cells: Sequence[str], number: int, errors: RowErrors) -> tuple[Any, ...]:
        """The opportunity attributes of one row (None where the cell is empty or unmapped)."""
        values: list[Any] = [None] * 10
        # Names of reps, teams, reasons and channels repeat a lot: one string object each (up to a point).
        intern = self._intern.setdefault if len(self._intern) < 100_000 else None
        for slot, i, max_length, column in self._text_fields:
            value = cells[i].strip()
            if value:
                if value[0] == "'":
                    value = unguard(value)
                if len(value) > max_length:
                    errors.append((column, f"is too long ({len(value)} characters; at most {max_length})"))
                elif slot and intern is not None:
                    values[slot] = intern(value, value)
                else:
                    values[slot] = value
        email = values[2]
        if email is not None and ("@" not in email or email[0] == "@" or email[-1] == "@" or " " in email):
            errors.append((self.cols.names["rep_email"], f"'{email}' is not an e-mail address"))
            values[2] = None
        if self._i_amount is not None:
            raw = cells[self._i_amount].strip()
            if raw:
                try:
                    values[4] = parse_amount(raw)
                except BadValue as exc:
                    errors.append((self.cols.names["amount"], f"amount {exc}"))
        if self._i_outcome is not None:
            values[5] = self._outcome(cells[self._i_outcome].strip(), errors)
        for slot, i, column in self._date_fields:
            raw = cells[i].strip()
            if raw:
                values[slot] = self._when(raw, number, column, errors)
        return tuple(values)

    def _outcome(self, raw: str, errors: RowErrors) -> str | None:
        if not raw:
            return None
        outcome = self._outcome_cache.get(raw)
        if outcome is None:
            try:
                outcome = parse_outcome(raw, self.custom_outcomes)
            except BadValue as exc:
                errors.append((self.cols.names["outcome"], str(exc)))
            else:
                if len(self._outcome_cache) < 1000:
                    self._outcome_cache[raw] = outcome
        return outcome

    def _opportunity(self, cells: Sequence[str], number: int, errors: RowErrors) -> tuple[str, str] | None:
        """The row's opportunity key (source, external id), or None with the problem in ``errors``."""
        ix = self.cols.index
        ext = unguard(cells[ix["opportunity_id"]].strip())
        if not ext:
            errors.append((self.cols.names["opportunity_id"], "the opportunity id is missing"))
            return None
        if len(ext) > 200:
            errors.append((self.cols.names["opportunity_id"], "the opportunity id is too long (at most 200)"))
            return None
        source = self.fixed_source
        i = ix.get("source_column")
        if i is not None:
            source = unguard(cells[i].strip()) or source
            if len(source or "") > 200:
                errors.append((self.cols.names["source_column"], "the source is too long (at most 200)"))
                return None
        return source or DEFAULT_SOURCE, ext

    # ---- what is collected ----------------------------------------------------------------------
    def _code(self, key: tuple[str, str]) -> int | None:
        """The opportunity's code, registering it on first sight; None when it is deleted in the workspace."""
        code = self.opp_code.get(key)
        if code is not None:
            return code
        existing = -1
        if self.state is not None:
            existing = self.state.opp_keys.get(key, -1)
            if existing >= 0 and self.state.is_deleted(existing):
                return None
        code = len(self.opps)
        self.opp_code[key] = code
        self.opps.append([key[1], key[0], None, None, None, None, None, None, None, None, False, None, False,
                          None, NO_TS, 0, None, 0, existing])
        return code

    def _apply(self, opp: list[Any], attrs: tuple[Any, ...], row_ts: int, number: int, raw_hash: int) -> None:
        """Take a row's attributes: those of the row with the latest stage change win; empty cells never erase."""
        name, rep, email, team, amount, outcome, loss, opened, closed, channel = attrs
        newer = row_ts >= opp[O_TS]
        for slot, value in ((O_NAME, name), (O_REP, rep), (O_EMAIL, email), (O_TEAM, team), (O_AMOUNT, amount),
                            (O_OUTCOME, outcome), (O_LOSS, loss), (O_CHANNEL, channel)):
            if value is not None and (newer or opp[slot] is None):
                opp[slot] = value
        if opened is not None and (newer or opp[O_OPENED] is None):
            opp[O_OPENED], opp[O_OPENED_DATE] = opened
        if closed is not None and (newer or opp[O_CLOSED] is None):
            opp[O_CLOSED], opp[O_CLOSED_DATE] = closed
        if newer:
            opp[O_TS] = row_ts
            opp[O_ROW] = number
            opp[O_HASH] = raw_hash

    def _stage(self, name: str, number: int, position: int | None) -> int:
        """The CRM stage's code, registering it on first sight; counts the row."""
        code = self.stage_code.get(name)
        if code is None:
            code = len(self.stage_names)
            self.stage_code[name] = code
            self.stage_names.append(name)
            self.stage_rows.append(0)
            self.stage_first.append(number)
            self.stage_pos.append(position)
        elif position is not None:
            known = self.stage_pos[code]
            if known is None or position < known:
                self.stage_pos[code] = position
        self.stage_rows[code] += 1
        return code

    def _add_event(self, code: int, stage_code: int, ts: int, number: int) -> None:
        self.e_opp.append(code)
        self.e_stage.append(stage_code)
        self.e_ts.append(ts)
        self.e_row.append(number)

    def _width(self, cells: Sequence[Any], number: int) -> list[str] | None:
        """Text cells padded to the header's width; None for a blank row, [] for a row with extra values."""
        if self.table.kind != "csv":
            cells = [cell_text(c) for c in cells]
        width = self.cols.width
        n = len(cells)
        if n < width or self.table.kind != "csv":
            if not any(c.strip() for c in cells):
                return None
            if n < width:
                cells = [*cells, *([""] * (width - n))]
        elif n > width and any(c.strip() for c in cells[width:]):
            self.problem(number, None, f"has {n} values but the header names {width} columns "
                                       "(a delimiter or quote inside a value?)")
            return []
        return cells  # type: ignore[return-value]
