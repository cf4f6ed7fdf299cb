"""The import itself: stream the file, validate every row, then write everything in one transaction."""

from __future__ import annotations

import csv
import warnings
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy.exc import DBAPIError

from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import ValidationError, WorkspaceError
from pdsa_desk.core.importing.mapping import (
    BUILTIN_PRESET,
    DEFAULT_SOURCE,
    LONG,
    CreateStage,
    Mapping,
    StageMap,
    label,
)
from pdsa_desk.core.importing.reader import Table, iter_text_rows, open_table
from pdsa_desk.core.importing.results import (
    MAX_PROBLEMS,
    Cancelled,
    ImportProblems,
    ImportResult,
    OrderHint,
    Problem,
    ScannedStage,
    ScanResult,
)
from pdsa_desk.core.importing.values import (
    DAY_US,
    DAYFIRST,
    EPOCH,
    EPOCH_UTC,
    MAX_US,
    MIN_US,
    MONTHFIRST,
    US,
    AmbiguousDate,
    BadValue,
    cell_text,
    from_us,
    parse_amount,
    parse_flag,
    parse_outcome,
    parse_when,
    show_us,
    to_us,
)
from pdsa_desk.core.importing.writer import IdMaker, Writer, unchecked_references
from pdsa_desk.core.models import (
    EventOrigin,
    LossReason,
    Opportunity,
    Rep,
    Stage,
    StageEvent,
    StandardRevision,
    Team,
    TerminalKind,
    WorkspaceSettings,
    utcnow,
)

#: Rows per chunk: progress is reported and ``cancel`` asked once per chunk (reading and writing).
CHUNK_ROWS = 50_000
#: Long shape: rows in the expected form skip the cell-by-cell checks (tests turn it off to compare results).
FAST_PATH = True
#: The loss reason given to lost opportunities whose file row names none.
NOT_RECORDED = "Not recorded"

Progress = Callable[[float, str], None]
_READ_SHARE = 0.6  # of the progress bar

# Opportunity attributes taken from the rows (index into an opportunity's state list).
_ATTRS = ("opportunity_name", "rep", "rep_email", "team", "amount", "outcome", "loss_reason", "opened_at",
          "closed_at", "channel")
(O_EXT, O_SOURCE, O_NAME, O_REP, O_EMAIL, O_TEAM, O_AMOUNT, O_OUTCOME, O_LOSS, O_OPENED, O_OPENED_DATE, O_CLOSED,
 O_CLOSED_DATE, O_CHANNEL, O_TS, O_ROW, O_HASH, O_ROWS, O_EXISTING) = range(19)
_NO_TS = -(1 << 62)
_MAX = np.iinfo(np.int64).max
_KEEP = "\x00keep"  # loss reason: leave the existing opportunity's as it is
_IGNORED = -1
_UNMAPPED = -2
_GUARD = "=+-@\t\r"


def _unguard(text: str) -> str:
    if len(text) > 1 and text[0] == "'" and text[1] in _GUARD:
        return text[1:]
    return text


def _call_progress(progress: Progress | None, fraction: float, message: str) -> None:
    if progress is not None:
        progress(fraction, message)


# ====================================================================================== columns
@dataclass
class _Columns:
    index: dict[str, int]  # field -> column index
    names: dict[str, str]  # field -> column name as in the header
    stage_dates: list[tuple[int, str, str]]  # wide: (column index, column name, CRM stage name)
    width: int


def _resolve_columns(table: Table, mapping: Mapping) -> _Columns:
    header = table.header
    exact: dict[str, list[int]] = {}
    folded: dict[str, list[int]] = {}
    for i, name in enumerate(header):
        if name:
            exact.setdefault(name, []).append(i)
            folded.setdefault(name.casefold(), []).append(i)
    problems: list[Problem] = []

    def find(column: str, what: str) -> int | None:
        hits = exact.get(column.strip()) or folded.get(column.strip().casefold())
        if not hits:
            problems.append(Problem(table.header_row, column, f"is not in the file's header (mapped to {what})"))
            return None
        if len(hits) > 1:
            problems.append(Problem(table.header_row, column, f"appears {len(hits)} times in the header; "
                                                               "rename one of them"))
            return None
        return hits[0]

    index: dict[str, int] = {}
    names: dict[str, str] = {}
    for name, column in mapping.columns().items():
        if mapping.shape != LONG and name in ("stage", "timestamp", "stage_position", "evidence_confirmed",
                                              "evidence_items"):
            continue
        i = find(column, label(name))
        if i is not None:
            index[name] = i
            names[name] = header[i]
    stage_dates: list[tuple[int, str, str]] = []
    if mapping.shape != LONG:
        for column, stage in mapping.stage_dates.items():
            i = find(column, f"the date entered stage '{stage}'")
            if i is not None:
                stage_dates.append((i, header[i], stage.strip()))
    if problems:
        raise ImportProblems(problems, notices=table.notices)
    return _Columns(index, names, stage_dates, len(header))


# ====================================================================================== workspace state
@dataclass
class _Workspace:
    stages: list[dict[str, Any]]  # live, in order: id, name, position, terminal
    stage_index: dict[str, int]  # stage id (live or deleted) -> index (deleted ones after the live ones)
    default_window: int
    reps: list[dict[str, Any]]
    teams: dict[str, str]  # folded name -> id
    loss_reasons: dict[str, str]  # folded name -> id
    loss_reason_max: int
    opp_keys: dict[tuple[str, str], int]  # (source, external id) -> index into opp rows
    # id, name, rep_id, amount, outcome, loss_reason_id, opened, closed, channel, deleted: as the driver returns
    # them; :meth:`opp` gives the times as µs.
    opps: list[tuple]

    def opp(self, i: int) -> tuple:
        """Opportunity row ``i`` with ``opened``/``closed`` as µs UTC (converted once, on first use)."""
        row = self.opps[i]
        if not isinstance(row[6], int):
            row = (*row[:6], _db_us(row[6]), None if row[7] is None else _db_us(row[7]), *row[8:])
            self.opps[i] = row
        return row


def _load_workspace(conn: Connection) -> _Workspace:
    st = Stage.__table__  # type: ignore[attr-defined]
    stages = [dict(r._mapping) for r in conn.execute(
        select(st.c.id, st.c.name, st.c.position, st.c.terminal).where(st.c.deleted_at.is_(None))
        .order_by(st.c.position))]
    stage_index = {s["id"]: i for i, s in enumerate(stages)}
    for (sid,) in conn.execute(select(st.c.id).where(st.c.deleted_at.is_not(None))):
        stage_index[sid] = len(stage_index)
    ws_t = WorkspaceSettings.__table__  # type: ignore[attr-defined]
    window = conn.execute(select(ws_t.c.default_window_days).where(ws_t.c.deleted_at.is_(None))).scalar()
    rp = Rep.__table__  # type: ignore[attr-defined]
    reps = [dict(r._mapping) for r in conn.execute(
        select(rp.c.id, rp.c.name, rp.c.email, rp.c.team_id).where(rp.c.deleted_at.is_(None)))]
    tm = Team.__table__  # type: ignore[attr-defined]
    teams: dict[str, str] = {}
    for tid, name in conn.execute(select(tm.c.id, tm.c.name).where(tm.c.deleted_at.is_(None))):
        teams.setdefault(name.casefold(), tid)
    lr = LossReason.__table__  # type: ignore[attr-defined]
    reasons: dict[str, str] = {}
    max_pos = -1
    for rid, name, pos in conn.execute(select(lr.c.id, lr.c.name, lr.c.position).where(lr.c.deleted_at.is_(None))):
        reasons.setdefault(name.casefold(), rid)
        max_pos = max(max_pos, pos)
    # Every opportunity, through the driver (no ORM or Row objects): a workspace can hold hundreds of thousands.
    opp_keys: dict[tuple[str, str], int] = {}
    opps: list[tuple] = []
    cursor = conn.connection.cursor()
    try:
        cursor.execute("SELECT id, source, external_id, name, rep_id, amount, outcome, loss_reason_id, opened_at, "
                       "closed_at, channel, deleted_at FROM opportunity")
        while True:
            batch = cursor.fetchmany(CHUNK_ROWS)
            if not batch:
                break
            for (oid, source, external_id, name, rep_id, amount, outcome, reason_id, opened, closed, channel,
                 deleted) in batch:
                i = len(opps)
                opps.append((oid, name, rep_id, amount, outcome, reason_id, opened, closed, channel,
                             deleted is not None))
                if external_id is not None:
                    key = (source if source is not None else "", external_id)
                else:
                    # The events file names an opportunity without an external id by its UUID
                    # (source "pdsa-desk" when it has none).
                    key = (source if source is not None else BUILTIN_PRESET, oid)
                known = opp_keys.get(key)
                if known is None or (opps[known][9] and deleted is None):  # a live one wins over a deleted one
                    opp_keys[key] = i
    finally:
        cursor.close()
    return _Workspace(stages, stage_index, int(window or 30), reps, teams, reasons, max_pos, opp_keys, opps)


# ====================================================================================== reading
class _Collector:
    """Everything learned from the rows, compactly: per-opportunity state and the events as arrays."""

    def __init__(self, mapping: Mapping, cols: _Columns, state: _Workspace | None, skip_invalid: bool,
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
        self._attrs_of = _getter([cols.index[f] for f in _ATTRS if f in cols.index])

    # ---- problems ---------------------------------------------------------------------------
    def problem(self, row: int | None, column: str | None, message: str) -> None:
        self.n_problems += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(row, column, message))
        if row is not None and self.skip_invalid:
            self.rejected.setdefault(row, []).append(f"{column}: {message}" if column else message)

    def _row_errors(self, number: int, errors: list[tuple[str | None, str]]) -> None:
        for column, message in errors:
            self.problem(number, column, message)

    def _when(self, raw: str, number: int, column: str, errors: list) -> tuple[int, bool] | None:
        try:
            dt = datetime.fromisoformat(raw)
        except ValueError:
            pass
        else:
            us = (dt - EPOCH) // US if dt.tzinfo is None else (dt - EPOCH_UTC) // US
            if MIN_US <= us < MAX_US:
                return us, dt.tzinfo is None and len(raw) <= 10
        try:
            result = parse_when(raw, self.order)
        except AmbiguousDate as exc:
            self.n_ambiguous += 1
            if len(self.ambiguous) < 20:
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
        if len(raw) < 6 or (raw[1] not in "/.-" and raw[2] not in "/.-"):
            return
        parts = raw.replace(".", "/").replace("-", "/").split("/")
        if len(parts) >= 3 and parts[0].isdigit() and parts[1].isdigit() and len(parts[0]) <= 2:
            a, b = int(parts[0]), int(parts[1])
            if a > 12 >= b and self.dayfirst_hint is None:
                self.dayfirst_hint = Problem(number, column, raw)
            elif b > 12 >= a and self.monthfirst_hint is None:
                self.monthfirst_hint = Problem(number, column, raw)

    # ---- shared row parts ---------------------------------------------------------------------
    def _attrs(self, cells: Sequence[str], number: int, errors: list) -> tuple | None:
        """The opportunity attributes of one row (None where the cell is empty or unmapped)."""
        values: list[Any] = [None] * 10
        # Names of reps, teams, reasons and channels repeat a lot: one string object each (up to a point).
        intern = self._intern.setdefault if len(self._intern) < 100_000 else None
        for slot, i, max_length, column in self._text_fields:
            value = cells[i].strip()
            if value:
                if value[0] == "'":
                    value = _unguard(value)
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
            raw = cells[self._i_outcome].strip()
            if raw:
                outcome = self._outcome_cache.get(raw)
                if outcome is None:
                    try:
                        outcome = parse_outcome(raw, self.custom_outcomes)
                    except BadValue as exc:
                        errors.append((self.cols.names["outcome"], str(exc)))
                    else:
                        if len(self._outcome_cache) < 1000:
                            self._outcome_cache[raw] = outcome
                values[5] = outcome
        for slot, i, column in self._date_fields:
            raw = cells[i].strip()
            if raw:
                values[slot] = self._when(raw, number, column, errors)
        return tuple(values)

    def _opportunity(self, cells: Sequence[str], number: int, errors: list) -> tuple[str, str] | None:
        ix = self.cols.index
        ext = _unguard(cells[ix["opportunity_id"]].strip())
        if not ext:
            errors.append((self.cols.names["opportunity_id"], "the opportunity id is missing"))
            return None
        if len(ext) > 200:
            errors.append((self.cols.names["opportunity_id"], "the opportunity id is too long (at most 200)"))
            return None
        source = self.fixed_source
        i = ix.get("source_column")
        if i is not None:
            source = _unguard(cells[i].strip()) or source
            if len(source or "") > 200:
                errors.append((self.cols.names["source_column"], "the source is too long (at most 200)"))
                return None
        return source or DEFAULT_SOURCE, ext

    def _code(self, key: tuple[str, str]) -> int | None:
        """The opportunity's code, registering it on first sight; None when it is deleted in the workspace."""
        code = self.opp_code.get(key)
        if code is not None:
            return code
        existing = -1
        if self.state is not None:
            existing = self.state.opp_keys.get(key, -1)
            if existing >= 0 and self.state.opps[existing][9]:
                return None
        code = len(self.opps)
        self.opp_code[key] = code
        self.opps.append([key[1], key[0], None, None, None, None, None, None, None, None, False, None, False,
                          None, _NO_TS, 0, None, 0, existing])
        return code

    def _apply(self, opp: list[Any], attrs: tuple, row_ts: int, number: int, raw_hash: int) -> None:
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

    # ---- the shapes ---------------------------------------------------------------------------
    def read(self, tick: Callable[[], None]) -> None:
        self._number = self.table.header_row
        try:
            if self.mapping.shape == LONG:
                self._read_long(tick)
            else:
                self._read_wide(tick)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise self.table.problem(self._number + 1, exc) from None

    def _read_long(self, tick: Callable[[], None]) -> None:
        """Long shape. A row whose cells are all in the expected form takes a fast path (for an opportunity
        already seen, with the same attributes, little more than the time is parsed); anything else (an odd
        value, a new stage, a guarded or over-long id, a problem) goes through :meth:`_long_row`, which
        checks every cell and says what is wrong."""
        ix = self.cols.index
        i_id, i_stage, i_ts = ix["opportunity_id"], ix["stage"], ix["timestamp"]
        i_src = ix.get("source_column")
        i_pos = ix.get("stage_position")
        i_conf = ix.get("evidence_confirmed")
        i_items = ix.get("evidence_items")
        attr_ix = [ix[f] for f in _ATTRS if f in ix]
        attrs_of = _getter(attr_ix)
        fixed = self.fixed_source or DEFAULT_SOURCE
        header_row = self.table.header_row
        is_csv = self.table.kind == "csv"
        width = self.cols.width
        chunk = CHUNK_ROWS
        opps, opp_code, stage_code, stage_rows, stage_pos = (self.opps, self.opp_code, self.stage_code,
                                                              self.stage_rows, self.stage_pos)
        e_opp, e_stage, e_ts, e_row = self.e_opp, self.e_stage, self.e_ts, self.e_row
        e_conf, e_items, items = self.e_conf, self.e_items, self.items
        has_evidence = self.has_evidence
        order = self.order
        fromiso = datetime.fromisoformat
        positions = self._positions_cache
        flags = {"true": 1, "false": 0, "True": 1, "False": 0, "TRUE": 1, "FALSE": 0, "1": 1, "0": 0, "": 0}
        careful = self._long_row
        attrs_for, register, apply = self._attrs, self._code, self._apply
        fast = FAST_PATH
        number = header_row
        blank = 0
        for number, cells in enumerate(self.table.data_rows(), header_row + 1):
            if not number % chunk:
                self._number = number
                self.rows_read = number - header_row - blank
                tick()
            if not is_csv or len(cells) != width:
                cells = self._width(cells, number)
                if cells is None:
                    blank += 1
                    continue
                if not cells:
                    continue
            if not fast:
                careful(cells, number)
                continue
            source = fixed if i_src is None else (cells[i_src].strip() or fixed)
            ext = cells[i_id].strip()
            key = (source, ext)
            code = opp_code.get(key)
            sc = stage_code.get(cells[i_stage].strip())
            if sc is None:
                careful(cells, number)
                continue
            raw_hash = hash(attrs_of(cells))
            if code is None:
                # First sight: the id and source must need no unguarding and fit; the attributes are parsed below.
                if not ext or ext[0] == "'" or len(ext) > 200 or source[0] == "'" or len(source) > 200:
                    careful(cells, number)
                    continue
                opp = None
            else:
                opp = opps[code]
                if opp[O_HASH] != raw_hash:
                    careful(cells, number)
                    continue
            raw_ts = cells[i_ts].strip()
            naive = False
            try:
                dt = fromiso(raw_ts)
            except ValueError:
                try:
                    ts, date_only = parse_when(raw_ts, order)
                except BadValue:
                    careful(cells, number)
                    continue
                if order is None and self.dayfirst_hint is None:
                    self._hint(raw_ts, number, self.cols.names["timestamp"])
                naive = not date_only and _naive(raw_ts)
            else:
                if dt.tzinfo is None:
                    ts = (dt - EPOCH) // US
                    naive = len(raw_ts) > 10
                else:
                    ts = (dt - EPOCH_UTC) // US
                if not MIN_US <= ts < MAX_US:
                    careful(cells, number)
                    continue
            position = None
            if i_pos is not None:
                position = positions.get(cells[i_pos])
                if position is None:
                    careful(cells, number)
                    continue
            if has_evidence:
                conf = flags.get(cells[i_conf]) if i_conf is not None else 0
                if conf is None:
                    careful(cells, number)
                    continue
                raw_items = cells[i_items].strip() if i_items is not None else ""
                if raw_items[:1] == "'":
                    raw_items = _unguard(raw_items)
            if opp is None:
                errors: list[tuple[str | None, str]] = []
                attrs = attrs_for(cells, number, errors)
                if errors:  # the only problems this row can have: every other cell passed above
                    self._row_errors(number, errors)
                    continue
                code = register(key)
                if code is None:  # deleted in this workspace
                    self.rows_deleted += 1
                    continue
                opp = opps[code]
                apply(opp, attrs, ts, number, raw_hash)
            elif ts >= opp[O_TS]:
                opp[O_TS] = ts
                opp[O_ROW] = number
            # The row is good: from here on nothing can turn it down.
            if naive and not self.naive_times:
                self.naive_times = True
            if position is not None and (stage_pos[sc] is None or position < stage_pos[sc]):  # type: ignore[operator]
                stage_pos[sc] = position
            if has_evidence:
                e_conf.append(conf)
                e_items.append(items.setdefault(raw_items, len(items)))
            opp[O_ROWS] += 1
            stage_rows[sc] += 1
            e_opp.append(code)
            e_stage.append(sc)
            e_ts.append(ts)
            e_row.append(number)
        self._number = number
        self.rows_read = number - header_row - blank - self.blank_rows

    def _long_row(self, cells: Sequence[str], number: int) -> None:
        """One long-shape row, every cell checked; problems are recorded, good rows collected."""
        ix = self.cols.index
        names = self.cols.names
        if not cells[ix["opportunity_id"]].strip() and not any(c.strip() for c in cells):
            self.blank_rows += 1  # a row of empty cells (",,,,")
            return
        errors: list[tuple[str | None, str]] = []
        key = self._opportunity(cells, number, errors)
        stage = _unguard(cells[ix["stage"]].strip())
        if not stage:
            errors.append((names["stage"], "the stage is missing"))
        elif len(stage) > 200:
            errors.append((names["stage"], "the stage name is too long (at most 200)"))
        raw_ts = cells[ix["timestamp"]].strip()
        when = None
        if not raw_ts:
            errors.append((names["timestamp"], "the stage change time is missing"))
        else:
            when = self._when(raw_ts, number, names["timestamp"], errors)
        position = None
        i_pos = ix.get("stage_position")
        if i_pos is not None and cells[i_pos].strip():
            raw_pos = cells[i_pos].strip()
            try:
                position = int(raw_pos)
            except ValueError:
                errors.append((names["stage_position"], f"'{raw_pos}' is not a whole number"))
            else:
                if position < 0:
                    errors.append((names["stage_position"], f"'{raw_pos}' is negative"))
                    position = None
                elif len(self._positions_cache) < 10_000:
                    self._positions_cache[cells[i_pos]] = position
        conf = False
        i_conf = ix.get("evidence_confirmed")
        if i_conf is not None:
            try:
                conf = parse_flag(cells[i_conf])
            except BadValue as exc:
                errors.append((names["evidence_confirmed"], str(exc)))
        raw_hash = hash(self._attrs_of(cells))
        code = self.opp_code.get(key) if key is not None else None
        attrs = None
        if code is None or self.opps[code][O_HASH] != raw_hash:
            attrs = self._attrs(cells, number, errors)
        if errors or key is None or when is None:
            self._row_errors(number, errors)
            return
        if code is None:
            code = self._code(key)
            if code is None:
                self.rows_deleted += 1
                return
        opp = self.opps[code]
        ts = when[0]
        if attrs is not None:
            self._apply(opp, attrs, ts, number, raw_hash)
        elif ts >= opp[O_TS]:
            opp[O_TS] = ts
            opp[O_ROW] = number
        opp[O_ROWS] += 1
        if not self.naive_times and not when[1] and _naive(raw_ts):
            self.naive_times = True
        self.e_opp.append(code)
        self.e_stage.append(self._stage(stage, number, position))
        self.e_ts.append(ts)
        self.e_row.append(number)
        if self.has_evidence:
            self.e_conf.append(1 if conf else 0)
            i_items = ix.get("evidence_items")
            items = _unguard(cells[i_items].strip()) if i_items is not None else ""
            self.e_items.append(self.items.setdefault(items, len(self.items)))

    def _read_wide(self, tick: Callable[[], None]) -> None:
        header_row = self.table.header_row
        chunk = CHUNK_ROWS
        stage_dates = self.cols.stage_dates
        for name in self.mapping.stage_names():  # stage order = column order
            self._stage(name, header_row, None)
            self.stage_rows[-1] = 0
        attr_ix = [self.cols.index[f] for f in _ATTRS if f in self.cols.index]
        number = header_row
        for number, raw_cells in enumerate(self.table.data_rows(), header_row + 1):
            if not number % chunk:
                self._number = number
                tick()
            cells = self._width(raw_cells, number)
            if cells is None:
                continue
            self.rows_read += 1
            if not cells:
                continue
            errors: list[tuple[str | None, str]] = []
            key = self._opportunity(cells, number, errors)
            events: list[tuple[int, int]] = []
            for i, column, stage in stage_dates:
                raw = cells[i].strip()
                if raw:
                    when = self._when(raw, number, column, errors)
                    if when is not None:
                        events.append((self.stage_code[stage], when[0]))
                        if not self.naive_times and not when[1] and _naive(raw):
                            self.naive_times = True
            attrs = self._attrs(cells, number, errors)
            if errors or key is None or attrs is None:
                self._row_errors(number, errors)
                continue
            code = self._code(key)
            if code is None:
                self.rows_deleted += 1
                continue
            opp = self.opps[code]
            row_ts = max((ts for _, ts in events), default=_NO_TS + 1)
            self._apply(opp, attrs, max(row_ts, opp[O_TS]), number, hash(tuple([cells[i] for i in attr_ix])))
            opp[O_ROWS] += 1
            for stage_code, ts in events:
                self.stage_rows[stage_code] += 1
                self.e_opp.append(code)
                self.e_stage.append(stage_code)
                self.e_ts.append(ts)
                self.e_row.append(number)
        self._number = number


def _naive(raw: str) -> bool:
    """A text time with a clock time but no zone (``2026-01-05 09:00``)."""
    tail = raw.rstrip()[-6:]
    return not (raw.endswith(("Z", "UTC", "GMT")) or "+" in tail or (len(tail) == 6 and tail[0] == "-"
                                                                      and tail[3] == ":"))


# ====================================================================================== stages
@dataclass
class _StagePlan:
    target: list[int]  # CRM stage code -> final workspace stage index, _IGNORED or _UNMAPPED
    order: list[dict[str, Any]]  # final workspace stages in order (existing dicts and new ones with "new": True)
    created: list[str]


def _plan_stages(col: _Collector, ws_state: _Workspace, stage_map: StageMap, create_missing: bool,
                 problems: list[Problem]) -> _StagePlan:
    stages = [dict(s) for s in ws_state.stages]
    by_name = {s["name"].casefold(): s for s in stages}
    by_id = {s["id"]: s for s in stages}
    chosen: dict[int, Any] = {}  # code -> stage dict or None (ignored) or "unmapped"
    creates: list[tuple[int, CreateStage]] = []
    for code, name in enumerate(col.stage_names):
        if not col.stage_rows[code]:
            chosen[code] = None  # a stage column with no dates: nothing to map or create
            continue
        listed, target = stage_map.get(name)
        if listed:
            if target is None:
                chosen[code] = None
            elif isinstance(target, CreateStage):
                creates.append((code, target))
            else:
                found = by_id.get(target) or by_name.get(target.casefold())
                if found is None:
                    problems.append(Problem(None, None, f"The stage map sends '{name}' to '{target}', which is not "
                                                        "a stage of this workspace."))
                    chosen[code] = "unmapped"
                else:
                    chosen[code] = found
            continue
        found = by_name.get(name.casefold())
        if found is not None:
            chosen[code] = found
        elif create_missing:
            creates.append((code, CreateStage()))
        else:
            chosen[code] = "unmapped"
    created: list[str] = []
    rank = _stage_ranks(col)
    # Explicit positions first (in position order), then the rest in the file's stage order, each placed
    # after the stage that precedes it in that order.
    explicit = sorted([c for c in creates if c[1].position is not None], key=lambda c: (c[1].position, c[0]))
    implicit = sorted([c for c in creates if c[1].position is None], key=lambda c: rank[c[0]])
    for code, spec in explicit + implicit:
        name = (spec.name or col.stage_names[code]).strip()
        if len(name) > 200:
            problems.append(Problem(col.stage_first[code], None, f"stage name '{name[:40]}…' is too long to create "
                                                                  "(at most 200 characters)"))
            chosen[code] = "unmapped"
            continue
        existing = by_name.get(name.casefold())
        if existing is not None:  # two CRM names created as one stage, or "create" of an existing name
            chosen[code] = existing
            continue
        new = {"id": None, "name": name, "terminal": spec.terminal, "new": True}
        if spec.position is not None:
            at = min(spec.position, len(stages))
        else:
            at = _after_predecessor(col, code, chosen, stages, rank)
        stages.insert(at, new)
        by_name[name.casefold()] = new
        chosen[code] = new
        created.append(name)
    index_of = {id(s): i for i, s in enumerate(stages)}
    target = []
    for code in range(len(col.stage_names)):
        value = chosen.get(code, "unmapped")
        if value is None:
            target.append(_IGNORED)
        elif value == "unmapped":
            target.append(_UNMAPPED)
        else:
            target.append(index_of[id(value)])
    return _StagePlan(target, stages, created)


def _stage_ranks(col: _Collector) -> list[tuple]:
    """The file's order of its CRM stages: ``stage_position`` when given; in the wide shape the column order;
    otherwise the average step at which opportunities enter the stage (then the first row it appears on)."""
    n = len(col.stage_names)
    if col.mapping.shape != LONG:
        return [(0, float(c), 0, c) for c in range(n)]
    mean = np.zeros(n)
    positions = [p for p in col.stage_pos if p is not None]
    decided = len(positions) == n and len(set(positions)) == n  # distinct positions: the mean never decides
    if len(col.e_opp) and not decided:
        e_opp, e_stage, e_ts = _np(col.e_opp, np.int32), _np(col.e_stage, np.int32), _np(col.e_ts, np.int64)
        order = np.lexsort((e_ts, e_opp))
        so = e_opp[order]
        steps = np.arange(len(so))
        starts = np.maximum.accumulate(np.where(np.r_[True, so[1:] != so[:-1]], steps, 0))
        stage = e_stage[order]
        total = np.bincount(stage, weights=(steps - starts).astype(float), minlength=n)
        count = np.bincount(stage, minlength=n)
        mean = np.divide(total, count, out=np.zeros(n), where=count > 0)
    return [(col.stage_pos[c] if col.stage_pos[c] is not None else 1 << 30, round(float(mean[c]), 6),
             col.stage_first[c], c) for c in range(n)]


def _after_predecessor(col: _Collector, code: int, chosen: dict[int, Any], stages: list[dict[str, Any]],
                       rank: list[tuple]) -> int:
    """Where a new stage goes: right after the stage the previous CRM stage (in file order) became."""
    mine = rank[code]
    before = [c for c in chosen if isinstance(chosen[c], dict) and rank[c] < mine]
    if not before:
        return 0 if col.stage_pos[code] is not None or not stages else len(stages)
    previous = chosen[max(before, key=lambda c: rank[c])]
    for i, s in enumerate(stages):
        if s is previous:
            return i + 1
    return len(stages)  # pragma: no cover


# ====================================================================================== the import
class _Import:
    def __init__(self, ws: Workspace, path: Path, mapping: Mapping, stage_map: StageMap | None, *, dry_run: bool,
                 skip_invalid: bool, progress: Progress | None, cancel: Callable[[], bool] | None) -> None:
        self.ws = ws
        self.path = path
        self.mapping = mapping
        self.stage_map = (stage_map or StageMap()).merged_over(StageMap.from_dict(mapping.stages))
        self.dry_run = dry_run
        self.skip_invalid = skip_invalid
        self.progress = progress
        self.cancel = cancel
        self.result = ImportResult(dry_run=dry_run)
        self._lowered_opened: set[int] = set()

    def _check_cancel(self) -> None:
        if self.cancel is not None and self.cancel():
            raise Cancelled()

    def run(self) -> ImportResult:
        table = open_table(self.path, self.mapping)
        try:
            self.result.notices.extend(table.notices)
            cols = _resolve_columns(table, self.mapping)
            try:
                with self.ws.writer(dry_run=self.dry_run) as conn, unchecked_references(conn):
                    trans = conn.begin()
                    try:
                        self._run(conn, table, cols)
                    except BaseException:
                        trans.rollback()
                        raise
                    if self.dry_run:
                        trans.rollback()
                    else:
                        _call_progress(self.progress, 1.0, "Saving…")  # ~1 s at a million rows
                        trans.commit()
            except DBAPIError as exc:
                raise WorkspaceError(f"The workspace could not be written ({exc.orig}); nothing was imported. "
                                     "If another window is saving, try again.") from exc
            if self.result.rows_rejected and not self.dry_run:
                self.result.rejected_file = self._write_rejected(table, cols)
        finally:
            table.close()
        _call_progress(self.progress, 1.0, "Done")
        return self.result

    # ---- reading and validating ---------------------------------------------------------------
    def _run(self, conn: Connection, table: Table, cols: _Columns) -> None:
        state = _load_workspace(conn)
        col = _Collector(self.mapping, cols, state, self.skip_invalid, table)
        self._col = col

        def tick() -> None:
            fraction = table.fraction()
            _call_progress(self.progress, _READ_SHARE * (fraction or 0.0),
                           f"Reading row {col.rows_read:,}…")
            self._check_cancel()

        _call_progress(self.progress, 0.0, f"Reading {self.path.name}…")
        col.read(tick)
        tick()
        r = self.result
        r.rows_read = col.rows_read
        if col.n_ambiguous:
            hints = [OrderHint(found.row or 0, found.column, found.message, order)
                     for found, order in ((col.dayfirst_hint, DAYFIRST), (col.monthfirst_hint, MONTHFIRST))
                     if found is not None]
            raise ImportProblems(self._ambiguity(col, hints), notices=r.notices, ambiguous_dates=True,
                                 order_hints=hints)
        fatal: list[Problem] = []
        plan = _plan_stages(col, state, self.stage_map, self.mapping.create_stages, fatal)
        if fatal:
            raise ImportProblems(fatal, notices=r.notices)
        self._validate(col, state, plan)
        where = {name: i for i, name in enumerate(table.header)}

        def in_file_order(p: Problem) -> tuple[int, int]:
            return (p.row or 0, where.get(p.column, len(where)) if p.column else -1)

        shown = sorted(col.problems, key=in_file_order)
        if col.n_problems and not self.skip_invalid:
            raise ImportProblems(shown, col.n_problems - len(shown), notices=r.notices)
        r.problems = shown
        r.rows_rejected = len(col.rejected)
        self._write(conn, col, state, plan)

    def _ambiguity(self, col: _Collector, hints: list[OrderHint]) -> list[Problem]:
        out = list(col.ambiguous)
        if col.n_ambiguous > len(out):
            out.append(Problem(None, None, f"… {col.n_ambiguous - len(out):,} more ambiguous date(s)."))
        text = "Choose the date order: --dayfirst (day/month/year) or --monthfirst (month/day/year), " \
               "or \"date_order\" in the mapping."
        for h in hints:
            text += f" Row {h.row} has '{h.value}', which can only be {'day' if h.order == DAYFIRST else 'month'}-first."
        out.append(Problem(None, None, text))
        return out

    def _validate(self, col: _Collector, state: _Workspace, plan: _StagePlan) -> None:
        """Cross-row checks (stage map, creation dates, close dates) and the outcome of every opportunity."""
        n_opps = len(col.opps)
        e_opp = _np(col.e_opp, np.int32)
        e_stage = _np(col.e_stage, np.int32)
        e_ts = _np(col.e_ts, np.int64)
        e_row = _np(col.e_row, np.int32)
        self._e = (e_opp, e_stage, e_ts, e_row)
        ws_stage = np.asarray(plan.target, dtype=np.int64)[e_stage] if len(e_stage) else np.zeros(0, np.int64)
        self._ws_stage = ws_stage
        bad = np.zeros(len(e_opp), dtype=bool)
        # CRM stages that are not mapped: one problem per name (with its row count); the rows are rejected.
        where = col.cols.names.get("stage") if self.mapping.shape == LONG else None
        for code, name in enumerate(col.stage_names):
            if plan.target[code] == _UNMAPPED and col.stage_rows[code]:
                column = where or self._wide_column(code)
                col.n_problems += 1
                if len(col.problems) < MAX_PROBLEMS:
                    col.problems.append(Problem(
                        col.stage_first[code] if where else None, column,
                        f"stage '{name}' ({col.stage_rows[code]:,} row(s)) is not a stage of this workspace: "
                        "map it to one, create it or ignore it (--stage-map)"))
        unmapped = ws_stage == _UNMAPPED
        if unmapped.any():
            bad |= unmapped
            if self.skip_invalid:
                for row, code in zip(e_row[unmapped].tolist(), e_stage[unmapped].tolist(), strict=True):
                    col.rejected.setdefault(row, []).append(f"stage '{col.stage_names[code]}' is not mapped")
        ignored = ws_stage == _IGNORED
        self.result.rows_ignored = int(np.unique(e_row[ignored]).size)
        # Created: the workspace's date (existing), else the file's created date, else the first stage event.
        opened = np.full(n_opps, _NO_TS, dtype=np.int64)
        opened_date_only = np.zeros(n_opps, dtype=bool)
        existing = np.fromiter((o[O_EXISTING] for o in col.opps), dtype=np.int64, count=n_opps)
        for code, opp in enumerate(col.opps):
            if opp[O_EXISTING] >= 0:
                opened[code] = state.opp(opp[O_EXISTING])[6]
            elif opp[O_OPENED] is not None:
                opened[code] = opp[O_OPENED]
                opened_date_only[code] = opp[O_OPENED_DATE]
        live = ~bad & ~ignored
        first = np.full(n_opps, _MAX, dtype=np.int64)
        np.minimum.at(first, e_opp[live], e_ts[live])
        unknown = opened == _NO_TS
        opened[unknown] = np.where(first[unknown] == _MAX, to_us(utcnow()), first[unknown])
        # Stage events before the opportunity was created (the same day is fine when either is a plain date).
        early = live & (e_ts < opened[e_opp])
        if early.any():
            same_day = (e_ts // DAY_US) == (opened[e_opp] // DAY_US)
            lenient = early & same_day & (opened_date_only[e_opp] | (e_ts % DAY_US == 0))
            if lenient.any():
                np.minimum.at(opened, e_opp[lenient], e_ts[lenient])
                self._lowered_opened.update(c for c in np.unique(e_opp[lenient]).tolist() if existing[c] >= 0)
            early &= ~lenient
            column = col.cols.names.get("timestamp")
            for i in np.flatnonzero(early).tolist():
                code = int(e_opp[i])
                col.problem(int(e_row[i]), column or self._wide_column(int(e_stage[i])),
                            f"entered '{col.stage_names[int(e_stage[i])]}' at {show_us(int(e_ts[i]))}, before the "
                            f"opportunity was created ({show_us(int(opened[code]))})")
            bad |= early
        self._opened = opened
        self._bad = bad
        self._dropped = np.zeros(n_opps, dtype=bool)
        self._settle_rows()
        self._outcomes(col, state, plan)

    def _settle_rows(self) -> None:
        """A row with one bad event is rejected whole; an opportunity left without rows is not created."""
        e_opp, _s, _t, e_row = self._e
        if not self._bad.any():
            return
        bad_rows = np.unique(e_row[self._bad])
        self._bad |= np.isin(e_row, bad_rows)
        col = self._col
        rows_left = np.fromiter((o[O_ROWS] for o in col.opps), dtype=np.int64, count=len(col.opps))
        row_opp = dict(zip(e_row[self._bad].tolist(), e_opp[self._bad].tolist(), strict=True))
        for code in row_opp.values():
            rows_left[code] -= 1
        self._dropped |= rows_left <= 0

    def _wide_column(self, stage_code: int) -> str | None:
        name = self._col.stage_names[stage_code]
        for _i, column, stage in self._col.cols.stage_dates:
            if stage == name:
                return column
        return None

    def _outcomes(self, col: _Collector, state: _Workspace, plan: _StagePlan) -> None:
        """Outcome, close date and loss reason of every opportunity, and close-date problems.

        ``self._final[code]`` is ``(outcome, closed µs, loss reason name)``; an outcome of None keeps what an
        existing opportunity has, a reason of :data:`_KEEP` keeps its loss reason.
        """
        e_opp, _e_stage, e_ts, _e_row = self._e
        n_opps = len(col.opps)
        keep = ~self._bad & (self._ws_stage >= 0)
        won_stage = np.array([s.get("terminal") == TerminalKind.WON for s in plan.order] + [False], dtype=bool)
        last = np.full(n_opps, _NO_TS, dtype=np.int64)
        np.maximum.at(last, e_opp[keep], e_ts[keep])
        won_at = np.full(n_opps, _MAX, dtype=np.int64)
        in_won = keep & won_stage[np.where(self._ws_stage >= 0, self._ws_stage, len(plan.order))]
        np.minimum.at(won_at, e_opp[in_won], e_ts[in_won])
        final: list[tuple[str | None, int | None, str | None]] = []
        closed_column = col.cols.names.get("closed_at")
        for code, opp in enumerate(col.opps):
            ex = state.opp(opp[O_EXISTING]) if opp[O_EXISTING] >= 0 else None
            outcome = opp[O_OUTCOME]
            if self._dropped[code]:
                final.append((None, None, None))
                continue
            if outcome is None:
                if won_at[code] != _MAX and (ex is None or ex[4] == "open"):
                    outcome = "won"  # entered the workspace's won stage
                elif ex is not None:
                    final.append((None, None, None))
                    continue
                else:
                    outcome = "open"
            closed = None
            if outcome != "open":
                if opp[O_CLOSED] is not None:
                    closed = opp[O_CLOSED]
                elif outcome == "won" and won_at[code] != _MAX:
                    closed = int(won_at[code])
                elif ex is not None and ex[4] == outcome and ex[7] is not None:
                    closed = ex[7]
                elif last[code] != _NO_TS:
                    closed = int(last[code])
                else:
                    closed = int(self._opened[code])
                opened = int(self._opened[code])
                if closed < opened:
                    if closed // DAY_US == opened // DAY_US and (opp[O_CLOSED_DATE] or opp[O_OPENED_DATE]):
                        closed = opened
                    else:
                        col.problem(opp[O_ROW], closed_column,
                                    f"closed {show_us(closed)}, before the opportunity was created "
                                    f"({show_us(opened)})")
                        self._reject_opportunity(code)
                        final.append((None, None, None))
                        continue
            reason = None
            if outcome == "lost":
                if opp[O_LOSS]:
                    reason = opp[O_LOSS]
                elif ex is not None and ex[4] == "lost" and ex[5]:
                    reason = _KEEP
                else:
                    reason = NOT_RECORDED
            final.append((outcome, closed, reason))
        self._final = final

    def _reject_opportunity(self, code: int) -> None:
        e_opp, _s, _t, e_row = self._e
        mine = e_opp == code
        self._bad |= mine
        self._dropped[code] = True
        if self.skip_invalid:
            for row in set(e_row[mine].tolist()) | {self._col.opps[code][O_ROW]}:
                self._col.rejected.setdefault(row, []).append("closed before it was created")

    # ---- writing -------------------------------------------------------------------------------
    def _write(self, conn: Connection, col: _Collector, state: _Workspace, plan: _StagePlan) -> None:
        r = self.result
        w = Writer(conn)
        ids = IdMaker()
        now = utcnow()
        now_db = w.time(to_us(now))
        _call_progress(self.progress, _READ_SHARE, "Preparing…")
        self._check_cancel()
        stage_ids = self._write_stages(conn, plan, state, now, ids)
        r.stages_created = list(plan.created)
        rep_of = self._reps(conn, col, state, ids, now)
        reason_of = self._loss_reasons(conn, col, state, ids, now)
        # -- opportunities: new ones inserted, existing ones updated where the file says otherwise
        op = Opportunity.__table__  # type: ignore[attr-defined]
        opp_ids: list[str | None] = [None] * len(col.opps)
        new_codes: list[int] = []
        updates: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for code, opp in enumerate(col.opps):
            if self._dropped[code]:
                continue
            if opp[O_EXISTING] < 0:
                new_codes.append(code)
                continue
            ex = state.opp(opp[O_EXISTING])
            opp_ids[code] = ex[0]
            values = self._changes(code, opp, ex, rep_of, reason_of)
            if values:
                params = {f"v_{k}": v for k, v in values.items()}
                params["v_updated_at"] = now
                params["b_id"] = ex[0]
                updates.setdefault(tuple(sorted(values)), []).append(params)
        # In key order, so that the ids (which increase) and the (source, external id) index both append.
        new_codes.sort(key=lambda c: (col.opps[c][O_SOURCE], col.opps[c][O_EXT]))
        new_ids = ids.take(len(new_codes))
        columns = ("id", "external_id", "source", "channel", "name", "rep_id", "amount", "opened_at", "outcome",
                   "loss_reason_id", "closed_at")
        constants = {"created_at": now_db, "updated_at": now_db}
        with w.bulk_indexes(op, adding=len(new_codes)):
            for start in range(0, len(new_codes), CHUNK_ROWS):
                part = new_codes[start:start + CHUNK_ROWS]
                opened_db = w.times(self._opened[np.asarray(part, dtype=np.int64)])
                closed_db = w.times([self._final[c][1] or 0 for c in part])
                rows = []
                for k, code in enumerate(part):
                    opp = col.opps[code]
                    outcome, closed, reason = self._final[code]
                    opp_ids[code] = new_ids[start + k]
                    rows.append((new_ids[start + k], opp[O_EXT], opp[O_SOURCE], opp[O_CHANNEL],
                                 opp[O_NAME] or opp[O_EXT], rep_of.get(_rep_key(opp)), opp[O_AMOUNT], opened_db[k],
                                 outcome, reason_of.get(reason) if reason else None,
                                 closed_db[k] if closed is not None else None))
                w.insert(op, columns, rows, constants)
                self._check_cancel()
        del new_ids
        for fields_, group in updates.items():
            stmt = update(op).where(op.c.id == bindparam("b_id")).values(
                {**{k: bindparam(f"v_{k}") for k in fields_}, "updated_at": bindparam("v_updated_at")})
            conn.execute(stmt, group)
        r.opportunities_added = len(new_codes)
        r.opportunities_updated = sum(len(g) for g in updates.values())
        self._new_codes = new_codes
        self._all_new = len(new_codes) == int((~self._dropped).sum())
        if col.rows_deleted:
            r.notices.append(f"{col.rows_deleted:,} row(s) belong to opportunities deleted in this workspace; "
                             "they were skipped.")
        if col.naive_times:
            r.notices.append("Times without a time zone were read as UTC.")
        existing_keys = self._existing_keys(conn, col, state, opp_ids)
        # The per-opportunity state is done with: free it before the events are written.
        col.opps = []
        col.opp_code = {}
        self._final = []
        self._write_events(conn, w, col, state, plan, stage_ids, opp_ids, existing_keys, ids, now_db)

    def _changes(self, code: int, opp: list[Any], ex: tuple, rep_of: dict, reason_of: dict) -> dict[str, Any]:
        """The columns of an existing opportunity that the file changes."""
        outcome, closed, reason = self._final[code]
        values: dict[str, Any] = {}
        if opp[O_NAME] is not None and opp[O_NAME] != ex[1]:
            values["name"] = opp[O_NAME]
        if opp[O_AMOUNT] is not None and opp[O_AMOUNT] != ex[3]:
            values["amount"] = opp[O_AMOUNT]
        if opp[O_CHANNEL] is not None and opp[O_CHANNEL] != ex[8]:
            values["channel"] = opp[O_CHANNEL]
        key = _rep_key(opp)
        if key is not None and rep_of.get(key) not in (None, ex[2]):
            values["rep_id"] = rep_of[key]
        if code in self._lowered_opened and int(self._opened[code]) != ex[6]:
            values["opened_at"] = from_us(int(self._opened[code]))
        if outcome is None:
            return values
        if outcome != ex[4]:
            values["outcome"] = outcome
        if closed != ex[7]:
            values["closed_at"] = from_us(closed) if closed is not None else None
        reason_id = ex[5] if reason == _KEEP else (reason_of.get(reason) if reason else None)
        if reason_id != ex[5]:
            values["loss_reason_id"] = reason_id
        return values

    def _write_stages(self, conn: Connection, plan: _StagePlan, state: _Workspace, now: Any,
                      ids: IdMaker) -> list[str]:
        st = Stage.__table__  # type: ignore[attr-defined]
        new = [s for s in plan.order if s.get("new")]
        if not new:
            return [s["id"] for s in plan.order]
        for s, sid in zip(new, ids.take(len(new)), strict=True):
            s["id"] = sid
        moved = [{"b_id": s["id"], "v_position": i, "v_updated_at": now}
                 for i, s in enumerate(plan.order) if not s.get("new") and s["position"] != i]
        if moved:
            conn.execute(update(st).where(st.c.id == bindparam("b_id")).values(
                position=bindparam("v_position"), updated_at=bindparam("v_updated_at")), moved)
        conn.execute(insert(st), [
            {"id": s["id"], "created_at": now, "updated_at": now, "position": plan.order.index(s),
             "name": s["name"], "standard": "", "checklist": [], "wip_limit": None,
             "window_days": state.default_window, "terminal": s["terminal"]} for s in new])
        conn.execute(insert(StandardRevision.__table__), [  # type: ignore[attr-defined]
            {"id": rid, "created_at": now, "updated_at": now, "stage_id": s["id"], "name": s["name"],
             "standard": "", "checklist": [], "effective_from": now, "author": "import"}
            for s, rid in zip(new, ids.take(len(new)), strict=True)])
        return [s["id"] for s in plan.order]

    def _reps(self, conn: Connection, col: _Collector, state: _Workspace, ids: IdMaker, now: Any) -> dict:
        by_email = {r["email"].casefold(): r["id"] for r in state.reps if r["email"]}
        by_name = {r["name"].casefold(): r["id"] for r in state.reps}
        teams = dict(state.teams)
        out: dict[tuple, str] = {}
        new_teams: list[dict[str, Any]] = []
        new_reps: list[dict[str, Any]] = []
        for code, opp in enumerate(col.opps):
            if self._dropped[code]:
                continue
            key = _rep_key(opp)
            if key is None or key in out:
                continue
            name, email, team = key
            found = (by_email.get(email.casefold()) if email else None) or (
                by_name.get(name.casefold()) if name else None)
            if found is None:
                name = name or email
                team_id = None
                if team:
                    team_id = teams.get(team.casefold())
                    if team_id is None:
                        team_id = ids.take(1)[0]
                        teams[team.casefold()] = team_id
                        new_teams.append({"id": team_id, "created_at": now, "updated_at": now, "name": team})
                found = ids.take(1)[0]
                new_reps.append({"id": found, "created_at": now, "updated_at": now, "name": name, "email": email,
                                 "active": True, "team_id": team_id})
                by_name[name.casefold()] = found
                if email:
                    by_email[email.casefold()] = found
            out[key] = found
        if new_teams:
            conn.execute(insert(Team.__table__), new_teams)  # type: ignore[attr-defined]
        if new_reps:
            conn.execute(insert(Rep.__table__), new_reps)  # type: ignore[attr-defined]
        self.result.teams_created = [t["name"] for t in new_teams]
        self.result.reps_created = [r["name"] for r in new_reps]
        return out

    def _loss_reasons(self, conn: Connection, col: _Collector, state: _Workspace, ids: IdMaker, now: Any) -> dict:
        known = dict(state.loss_reasons)
        out: dict[str, str] = {}
        new: list[dict[str, Any]] = []
        position = state.loss_reason_max
        n_not_recorded = 0
        for code, (_outcome, _closed, reason) in enumerate(self._final):
            if not reason or reason == _KEEP or self._dropped[code]:
                continue
            if reason == NOT_RECORDED and col.opps[code][O_LOSS] is None:
                n_not_recorded += 1
            if reason in out:
                continue
            rid = known.get(reason.casefold())
            if rid is None:
                rid = ids.take(1)[0]
                position += 1
                known[reason.casefold()] = rid
                new.append({"id": rid, "created_at": now, "updated_at": now, "name": reason, "position": position})
            out[reason] = rid
        if new:
            conn.execute(insert(LossReason.__table__), new)  # type: ignore[attr-defined]
        self.result.loss_reasons_created = [n["name"] for n in new]
        if n_not_recorded:
            self.result.notices.append(f"{n_not_recorded:,} lost opportunit{'y has' if n_not_recorded == 1 else 'ies have'}"
                                       f" no loss reason in the file; they were given '{NOT_RECORDED}'.")
        return out

    def _existing_keys(self, conn: Connection, col: _Collector, state: _Workspace,
                       opp_ids: list[str | None]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(opp code, stage index, µs) of the events the workspace already has for the file's opportunities."""
        codes_of = {opp_ids[c]: c for c, o in enumerate(col.opps) if o[O_EXISTING] >= 0 and opp_ids[c]}
        if not codes_of:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)
        wanted = list(codes_of)
        sql = "SELECT opportunity_id, stage_id, entered_at FROM stage_event"
        if len(wanted) <= 5000:
            marks = "?" if conn.dialect.paramstyle == "qmark" else "%s"
            queries = [(f"{sql} WHERE opportunity_id IN ({', '.join([marks] * len(wanted[i:i + 500]))})",
                        wanted[i:i + 500]) for i in range(0, len(wanted), 500)]
        else:
            queries = [(sql, None)]  # most of the workspace: one pass over every event, filtered here
        stage_index = state.stage_index
        parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        cursor = conn.connection.cursor()  # the driver itself: a million Row objects would cost seconds
        try:
            for query, params in queries:
                cursor.execute(query, params) if params is not None else cursor.execute(query)
                while True:
                    rows = cursor.fetchmany(CHUNK_ROWS)
                    if not rows:
                        break
                    codes = np.fromiter((codes_of.get(r[0], -1) for r in rows), dtype=np.int32, count=len(rows))
                    mine = np.flatnonzero(codes >= 0)
                    if not len(mine):
                        continue
                    rows = [rows[i] for i in mine.tolist()]
                    stages = np.fromiter((stage_index.get(r[1], -9) for r in rows), dtype=np.int32,
                                         count=len(rows))
                    parts.append((codes[mine], stages, _event_times([r[2] for r in rows])))
        finally:
            cursor.close()
        if not parts:
            return np.zeros(0, np.int32), np.zeros(0, np.int32), np.zeros(0, np.int64)
        return (np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]),
                np.concatenate([p[2] for p in parts]))

    def _write_events(self, conn: Connection, w: Writer, col: _Collector, state: _Workspace, plan: _StagePlan,
                      stage_ids: list[str], opp_ids: list[str | None],
                      existing_keys: tuple[np.ndarray, np.ndarray, np.ndarray], ids: IdMaker, now_db: Any) -> None:
        r = self.result
        e_opp, e_stage, e_ts, _e_row = self._e
        keep = ~self._bad & (self._ws_stage >= 0) & ~self._dropped[e_opp] if len(e_opp) else np.zeros(0, bool)
        idx = np.flatnonzero(keep)
        del keep
        o = e_opp[idx]
        s = self._ws_stage[idx].astype(np.int32)
        t = e_ts[idx]
        # Existing stage indexes refer to the order before new stages were inserted: translate them.
        old_to_new = {state.stage_index[st["id"]]: i for i, st in enumerate(plan.order) if not st.get("new")}
        xo, xs, xt = existing_keys
        if len(xs):
            xs = np.asarray([old_to_new.get(v, -10 - v) for v in xs.tolist()], dtype=np.int32)
        # Sort by opportunity id (so the (opportunity_id, entered_at) index appends), then time and stage;
        # the workspace's own events sort first among equals, so a file event equal to one is a duplicate.
        opp_id_arr = np.asarray([i or "" for i in opp_ids], dtype=object)
        rank = np.empty(len(opp_ids), dtype=np.int32)
        if self._all_new:  # new ids increase in the order they were handed out: no string sort needed
            rank[np.asarray(self._new_codes, dtype=np.int64)] = np.arange(len(self._new_codes), dtype=np.int32)
            rank[self._dropped] = len(self._new_codes)
        else:
            rank[np.argsort(opp_id_arr, kind="stable")] = np.arange(len(opp_ids), dtype=np.int32)
        n_old = len(xo)
        if n_old:
            keys_o = rank[np.concatenate([xo.astype(np.int32), o])]
            keys_s = np.concatenate([xs.astype(np.int32), s])
            keys_t = np.concatenate([xt, t])
            flag = np.concatenate([np.zeros(n_old, np.int8), np.ones(len(o), np.int8)])
            order = np.lexsort((flag, keys_s, keys_t, keys_o))
        else:
            keys_o, keys_s, keys_t = rank[o], s, t
            flag = np.ones(len(o), np.int8)
            order = np.lexsort((keys_s, keys_t, keys_o))
        del xo, xs, xt
        dup = np.zeros(len(order), dtype=bool)
        if len(order) > 1:
            so = keys_o[order]
            dup[1:] = so[1:] == so[:-1]
            del so
            st_ = keys_t[order]
            dup[1:] &= st_[1:] == st_[:-1]
            del st_
            ss = keys_s[order]
            dup[1:] &= ss[1:] == ss[:-1]
            del ss
        del keys_o, keys_s, keys_t
        new = flag[order] == 1
        r.duplicates_skipped = int((new & dup).sum())
        chosen = order[new & ~dup] - n_old  # positions in idx, in insert order
        r.events_added = len(chosen)
        del order, dup, new, flag
        se = StageEvent.__table__  # type: ignore[attr-defined]
        columns: tuple[str, ...] = ("id", "opportunity_id", "stage_id", "entered_at", "evidence_confirmed",
                                    "evidence_items")
        stage_id_arr = np.asarray(stage_ids, dtype=object)
        if col.has_evidence:
            item_values = [None] * len(col.items)
            for text, code in col.items.items():
                items = [p.strip() for p in text.split("|") if p.strip()] if text else []
                item_values[code] = w.json_list(items)
            item_arr = np.asarray(item_values, dtype=object)
            conf_all = np.frombuffer(col.e_conf, dtype=np.int8)
            items_all = np.frombuffer(col.e_items, dtype=np.int32)
        empty = w.json_list([])
        constants = {"created_at": now_db, "updated_at": now_db, "origin": str(EventOrigin.IMPORT)}
        if not col.has_evidence:
            constants |= {"evidence_confirmed": w.flag(False), "evidence_items": empty}
            columns = columns[:4]
        total = max(1, len(chosen))
        with w.bulk_indexes(se, adding=len(chosen)) as deferred:
            for start in range(0, len(chosen), CHUNK_ROWS):
                self._check_cancel()
                part = chosen[start:start + CHUNK_ROWS]
                n = len(part)
                cells = [ids.take(n), opp_id_arr[o[part]].tolist(), stage_id_arr[s[part]].tolist(),
                         w.times(t[part])]
                if col.has_evidence:
                    ev = idx[part]
                    cells.append([w.flag(bool(x)) for x in conf_all[ev].tolist()])
                    cells.append(item_arr[items_all[ev]].tolist())
                w.insert(se, columns, list(zip(*cells, strict=True)), constants)
                _call_progress(self.progress, _READ_SHARE + (1 - _READ_SHARE) * min(1.0, (start + n) / total),
                               f"Writing stage events: {start + n:,} of {len(chosen):,}…")
            self._check_cancel()
            if deferred:
                _call_progress(self.progress, 1.0, f"Indexing {len(chosen):,} stage events…")
        self._check_cancel()

    # ---- rejected rows -----------------------------------------------------------------------------
    def _write_rejected(self, table: Table, cols: _Columns) -> Path | None:
        """Write the rejected rows (as they are in the file, plus an ``error`` column) beside the file.

        Runs after the commit, so it must not fail the import: a problem becomes a notice.
        """
        target = self.path.with_name(f"{self.path.stem}.rejected.csv")
        rejected = self._col.rejected
        tmp = target.with_name(target.name + ".tmp")
        try:
            table.reopen()  # type: ignore[attr-defined]
            with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
                out = csv.writer(fh)
                out.writerow([*table.header, "error"])
                for number, cells in iter_text_rows(table, cols.width):
                    messages = rejected.get(number)
                    if messages:
                        out.writerow([*cells, "; ".join(dict.fromkeys(messages))])
            tmp.replace(target)
        except (OSError, ImportProblems) as exc:
            tmp.unlink(missing_ok=True)
            self.result.notices.append(f"The rejected rows could not be written to {target}: {exc}")
            return None
        return target


def _getter(indexes: list[int]) -> Callable[[Sequence[str]], tuple]:
    """A fast ``cells -> tuple of those cells``."""
    if not indexes:
        return lambda cells: ()
    if len(indexes) == 1:
        i = indexes[0]
        return lambda cells: (cells[i],)
    return itemgetter(*indexes)  # type: ignore[return-value]


def _db_us(value: Any) -> int:
    """µs UTC of a time as the driver returns it (SQLite: naive UTC text; others: datetime)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return to_us(value)


def _event_times(values: list[Any]) -> np.ndarray:
    """µs UTC of stored times: SQLite text in bulk, datetimes (other databases) one by one."""
    if values and all(isinstance(v, str) for v in values):
        try:
            return np.array(values, dtype="datetime64[us]").astype(np.int64)
        except ValueError:
            pass
    out = np.empty(len(values), dtype=np.int64)
    for i, v in enumerate(values):
        out[i] = _db_us(v)
    return out


def _np(values: array, dtype: Any) -> np.ndarray:
    return np.frombuffer(values, dtype=dtype) if len(values) else np.zeros(0, dtype)


def _rep_key(opp: list[Any]) -> tuple | None:
    if opp[O_REP] is None and opp[O_EMAIL] is None:
        return None
    return (opp[O_REP], opp[O_EMAIL], opp[O_TEAM])


# ====================================================================================== public API
def _prepare(mapping: Mapping) -> None:
    if not isinstance(mapping, Mapping):
        raise ValidationError("mapping must be a Mapping.", "mapping")
    mapping.check()
    missing = mapping.missing()
    if missing:
        raise ValidationError("The mapping does not say which column holds: "
                              + ", ".join(label(m) for m in missing) + ".", missing[0])


def import_file(
    ws: Workspace,
    path: str | Path,
    mapping: Mapping,
    *,
    stage_map: StageMap | None = None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ImportResult:
    """Import a CRM export (CSV or .xlsx) into the workspace, in one transaction.

    Every row is validated before anything is written. With problems, nothing
    is written and :class:`ImportProblems` lists them (``row N, column C: …``)
    — unless ``skip_invalid``, which imports the valid rows and writes the
    others to ``<name>.rejected.csv`` beside the file. ``dry_run`` does all
    the work and rolls it back. ``progress(fraction, message)`` is called once
    per chunk; ``cancel()`` returning True stops the import with
    :class:`Cancelled`, nothing written. A mapping or stage map that is
    itself wrong raises :class:`ValidationError`.
    """
    _prepare(mapping)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # openpyxl's notes about styles and data validation
        return _Import(ws, Path(path), mapping, stage_map, dry_run=dry_run, skip_invalid=skip_invalid,
                       progress=progress, cancel=cancel).run()


def read_header(path: str | Path, mapping: Mapping | None = None) -> tuple[list[str], list[str]]:
    """``(header, notices)`` of an export, e.g. to guess a mapping; :class:`ImportProblems` if unreadable."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        table = open_table(path, mapping or Mapping())
        try:
            return list(table.header), list(table.notices)
        finally:
            table.close()


def scan(path: str | Path, mapping: Mapping, ws: Workspace | None = None, *, progress: Progress | None = None,
         cancel: Callable[[], bool] | None = None) -> ScanResult:
    """The CRM stage names in the file with their row counts, and which match a workspace stage.

    Reads the whole file (streamed) but validates only what it must to find
    the stages; nothing is written. ``progress(fraction, message)`` is called
    every :data:`CHUNK_ROWS` rows, and ``cancel()`` asked there: when it says
    True, :class:`Cancelled` is raised.
    """

    def tick(number: int) -> None:
        _call_progress(progress, table.fraction() or 0.0, f"Reading row {number:,}…")
        if cancel is not None and cancel():
            raise Cancelled()

    mapping.check()
    need = ["stage"] if mapping.shape == LONG else ["stage_dates"]
    missing = [m for m in mapping.missing() if m in need]
    if missing:
        raise ValidationError("The mapping does not say which column holds: "
                              + ", ".join(label(m) for m in missing) + ".", missing[0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        table = open_table(path, mapping)
        try:
            cols = _resolve_columns(table, _only_stage_columns(mapping))
            counts: dict[str, list[int]] = {}
            rows = 0
            positions: dict[str, int] = {}
            if mapping.shape == LONG:
                i_stage = cols.index["stage"]
                i_pos = cols.index.get("stage_position")
                seen_positions: set[tuple[str, Any]] = set()
                chunk = CHUNK_ROWS
                for number, cells in table.numbered():
                    if not number % chunk:
                        tick(number)
                    texts = [cell_text(c) for c in cells] if table.kind != "csv" else cells
                    name = _unguard(texts[i_stage].strip()) if i_stage < len(texts) else ""
                    if not name and not any(str(c).strip() for c in texts):
                        continue  # a blank row (only a row without a stage can be one)
                    rows += 1
                    if name:
                        entry = counts.setdefault(name, [0, number])
                        entry[0] += 1
                        if i_pos is not None and i_pos < len(texts) and (name, texts[i_pos]) not in seen_positions:
                            if len(seen_positions) < 10_000:  # each (stage, position) pair is parsed once
                                seen_positions.add((name, texts[i_pos]))
                            try:
                                p = int(float(texts[i_pos]))
                            except (ValueError, OverflowError):
                                continue
                            positions[name] = min(p, positions.get(name, p))
            else:
                for name in mapping.stage_names():
                    counts[name] = [0, None]  # type: ignore[list-item]
                for number, cells in table.numbered():
                    if not number % CHUNK_ROWS:
                        tick(number)
                    texts = [cell_text(c) for c in cells] if table.kind != "csv" else cells
                    if not any(str(c).strip() for c in texts):
                        continue
                    rows += 1
                    for i, _column, stage in cols.stage_dates:
                        if i < len(texts) and str(texts[i]).strip():
                            entry = counts[stage]
                            entry[0] += 1
                            if entry[1] is None:
                                entry[1] = number
            notices = list(table.notices)
            header = list(table.header)
        finally:
            table.close()
    existing: dict[str, tuple[str, str]] = {}
    if ws is not None:
        st = Stage.__table__  # type: ignore[attr-defined]
        with ws.engine.connect() as conn:
            for sid, name in conn.execute(select(st.c.id, st.c.name).where(st.c.deleted_at.is_(None))
                                          .order_by(st.c.position)):
                existing.setdefault(name.casefold(), (name, sid))
    names = list(counts)
    if positions:
        names.sort(key=lambda n: (positions.get(n, 1 << 30), counts[n][1] or 0))
    stages = [ScannedStage(n, counts[n][0], counts[n][1], *(existing.get(n.casefold()) or (None, None)))
              for n in names]
    return ScanResult(columns=header, rows=rows, stages=stages, notices=notices)


def _only_stage_columns(mapping: Mapping) -> Mapping:
    keep = {"shape": mapping.shape, "stage": mapping.stage, "stage_dates": dict(mapping.stage_dates),
            "stage_position": mapping.stage_position, "header_row": mapping.header_row}
    return Mapping(**keep)  # type: ignore[arg-type]
