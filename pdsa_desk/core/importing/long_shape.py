"""The long shape: one row per stage change (a CRM's stage history report; pdsa-desk's own events file).

A row whose cells are all in the expected form takes a fast path (for an opportunity already seen, with the same
attributes, little more than the time is parsed); anything else (an odd value, a new stage, a guarded or
over-long id, a problem) goes through :meth:`LongCollector._careful_row`, which checks every cell and says what
is wrong. ``tuning.FAST_PATH = False`` sends every row the careful way (the tests compare the two).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from pdsa_desk.core.importing import tuning
from pdsa_desk.core.importing.collector import (
    O_HASH,
    O_ROW,
    O_ROWS,
    O_SEEN,
    O_STAGE,
    O_TIE,
    O_TS,
    Collector,
    RowErrors,
    naive,
    unguard,
)
from pdsa_desk.core.importing.mapping import DEFAULT_SOURCE
from pdsa_desk.core.importing.texts import QT_TRANSLATE_NOOP, say
from pdsa_desk.core.importing.values import (
    EPOCH,
    EPOCH_UTC,
    MAX_US,
    MIN_US,
    US,
    BadValue,
    parse_flag,
    parse_when,
    quick_numeric,
)

# The evidence flags the fast path reads; anything else goes the careful way.
_FLAGS = {"true": 1, "false": 0, "True": 1, "False": 0, "TRUE": 1, "FALSE": 0, "1": 1, "0": 0, "": 0}
# A time the fast path cannot read (outside MIN_US..MAX_US, so the row goes the careful way).
_UNREAD = MAX_US


class LongCollector(Collector):
    """Reads the long shape."""

    def _read(self, tick: Callable[[], None]) -> None:
        """The fast path, inline (it runs once per row: a million times in a big import); rows it does not take
        go to :meth:`_careful_row`, new opportunities to :meth:`_first_sight`, odd times to :meth:`_other_time`."""
        ix = self.cols.index
        i_id, i_stage, i_ts = ix["opportunity_id"], ix["stage"], ix["timestamp"]
        i_src = ix.get("source_column")
        i_pos = ix.get("stage_position")
        i_conf = ix.get("evidence_confirmed")
        i_items = ix.get("evidence_items")
        attrs_of = self._attrs_of
        fixed = self.fixed_source or DEFAULT_SOURCE
        header_row = self.table.header_row
        is_csv = self.table.kind == "csv"
        width = self.cols.width
        chunk = tuning.CHUNK_ROWS
        opps, opp_code, stage_pos, stage_rows = self.opps, self.opp_code, self.stage_pos, self.stage_rows
        # Without the fast path no stage is known to it, so every row goes the careful way.
        no_stage: dict[str, int] = {}
        known_stage = self.stage_code.get if tuning.FAST_PATH else no_stage.get
        e_opp, e_stage, e_ts, e_row = self.e_opp, self.e_stage, self.e_ts, self.e_row
        e_conf, e_items, items = self.e_conf, self.e_items, self.items
        has_evidence = self.has_evidence
        fromiso = datetime.fromisoformat
        position_of = self._positions_cache.get
        flag_of = _FLAGS.get
        careful, first_sight, other_time = self._careful_row, self._first_sight, self._other_time
        same_instant = self.same_instant
        any_naive = False
        number = header_row
        blank = 0
        pending = self._pending
        zone = self.zone
        for number, cells in enumerate(self.table.data_rows(), header_row + 1):
            if not number % chunk:
                self._number = number
                self.rows_read = number - header_row - blank
                tick()
            if not is_csv or len(cells) != width:
                padded = self._width(cells, number)
                if not padded:  # None: blank (or held: a footer?); []: more values than the header (a problem)
                    blank += padded is None
                    continue
                cells = padded
            if pending:
                self._release()
                pending = self._pending
            source = fixed if i_src is None else (cells[i_src].strip() or fixed)
            key = (source, cells[i_id].strip())
            code = opp_code.get(key)
            opp = None if code is None else opps[code]
            sc = known_stage(cells[i_stage].strip())
            raw_hash = hash(attrs_of(cells))
            older_only = False
            if sc is None:
                careful(cells, number)  # a new stage name
                continue
            if opp is not None and opp[O_HASH] != raw_hash:
                if raw_hash not in opp[O_SEEN]:
                    careful(cells, number)  # the opportunity's attributes changed
                    continue
                older_only = True  # cells read before: fine for an older row (it fills nothing new)
            raw_ts = cells[i_ts].strip()
            try:
                dt = fromiso(raw_ts)
                if dt.tzinfo is None:
                    ts = (dt - EPOCH) // US
                    is_naive = len(raw_ts) > 10
                    if zone is not None and MIN_US <= ts < MAX_US:
                        ts = zone.utc(ts, number)
                else:
                    ts = (dt - EPOCH_UTC) // US
                    is_naive = False
            except ValueError:
                ts, is_naive = other_time(raw_ts, number)
            # A position or flag the careful path has not read yet (the position column is optional, so is evidence).
            position = -1 if i_pos is None else position_of(cells[i_pos])
            conf = flag_of(cells[i_conf]) if i_conf is not None else 0
            if not MIN_US <= ts < MAX_US or position is None or conf is None or (
                    older_only and opp is not None and ts >= opp[O_TS]):
                careful(cells, number)
                continue
            if code is None or opp is None:  # (both or neither)
                code = first_sight(cells, number, key, ts, raw_hash, sc)
                if code is None:
                    continue
                opp = opps[code]
            elif ts > opp[O_TS]:
                opp[O_TS] = ts
                opp[O_ROW] = number
                opp[O_STAGE] = sc
                opp[O_TIE] = None
            elif ts == opp[O_TS]:
                same_instant(opp, sc, number)
            # The row is good: from here on nothing can turn it down.
            any_naive |= is_naive
            if position >= 0 and ((known := stage_pos[sc]) is None or position < known):
                stage_pos[sc] = position
            if has_evidence:
                raw_items = cells[i_items].strip() if i_items is not None else ""
                e_conf.append(conf)
                e_items.append(items.setdefault(unguard(raw_items) if raw_items[:1] == "'" else raw_items,
                                                len(items)))
            opp[O_ROWS] += 1
            stage_rows[sc] += 1
            e_opp.append(code)
            e_stage.append(sc)
            e_ts.append(ts)
            e_row.append(number)
        self._number = number
        self._end_of_rows()
        self.rows_read = number - header_row - blank - self.blank_rows + self.rows_released
        self.naive_times = self.naive_times or any_naive

    def _held_row(self, cells: Sequence[str], number: int) -> None:
        self._careful_row(cells, number)

    def _other_time(self, raw: str, number: int) -> tuple[int, bool]:
        """(µs UTC, is naive) of a time that is not ISO 8601; a time out of range when it cannot be read here."""
        cached = self._dates.get(raw) if self.order is not None else None
        if cached is None and self.order is not None:
            quick = quick_numeric(raw, self.order)
            if quick is not None:  # dd/mm/yyyy HH:MM (or month first): no zone in it
                return (quick if self.zone is None else self.zone.utc(quick, number)), True
        if cached is not None:
            ts, date_only = cached
        else:
            try:
                ts, date_only = parse_when(raw, self.order)
            except BadValue:
                return _UNREAD, False  # the careful path says what is wrong (and counts ambiguous dates)
            if self.order is not None and len(self._dates) < 200_000:
                self._dates[raw] = (ts, date_only)
        if self.order is None and self.dayfirst_hint is None:
            self._hint(raw, number, self.cols.names["timestamp"])
        is_naive = naive(raw)
        if self.zone is not None and is_naive:
            ts = self.zone.utc(ts, number)
        return ts, not date_only and is_naive

    def _first_sight(self, cells: Sequence[str], number: int, key: tuple[str, str], ts: int,
                     raw_hash: int, stage: int) -> int | None:
        """A fast-path row of an opportunity not seen before: registered with the row's attributes. None when the
        row went the careful way (a guarded or over-long id or source), has a problem, or is skipped."""
        source, ext = key
        if not ext or ext[0] == "'" or len(ext) > 200 or source[0] == "'" or len(source) > 200:
            self._careful_row(cells, number)
            return None
        errors: RowErrors = []
        attrs = self._attrs(cells, number, errors)
        if errors:  # the only problems this row can have: every other cell passed
            self._row_errors(number, errors)
            return None
        code = self._code(key)
        if code is None:  # deleted in this workspace
            self.rows_deleted += 1
            return None
        self._apply(self.opps[code], attrs, ts, number, raw_hash, stage)
        return code

    def _careful_row(self, cells: Sequence[str], number: int) -> None:
        """One long-shape row, every cell checked; problems are recorded, good rows collected."""
        ix = self.cols.index
        names = self.cols.names
        if not any(c.strip() for c in cells):
            self.blank_rows += 1  # a row of empty cells (",,,,")
            return
        if self._hold(cells, number):
            self.blank_rows += 1  # until a data row follows: then it counts (rows_released)
            return
        errors: RowErrors = []
        key = self._opportunity(cells, number, errors)
        stage = unguard(cells[ix["stage"]].strip())
        if not stage:
            errors.append((names["stage"], say(QT_TRANSLATE_NOOP("Import", "the stage is missing"))))
        elif len(stage) > 200:
            errors.append((names["stage"],
                           say(QT_TRANSLATE_NOOP("Import", "the stage name is too long (at most 200)"))))
        raw_ts = cells[ix["timestamp"]].strip()
        when = None
        if not raw_ts:
            errors.append((names["timestamp"], say(QT_TRANSLATE_NOOP("Import", "the stage change time is missing"))))
        else:
            when = self._when(raw_ts, number, names["timestamp"], errors)
        position = self._position(cells, errors)
        conf = False
        i_conf = ix.get("evidence_confirmed")
        if i_conf is not None:
            try:
                conf = parse_flag(cells[i_conf])
            except BadValue as exc:
                errors.append((names["evidence_confirmed"], exc.message))
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
        sc = self._stage(stage, number, position)
        if attrs is not None:
            self._apply(opp, attrs, ts, number, raw_hash, sc)
        elif ts > opp[O_TS]:
            opp[O_TS] = ts
            opp[O_ROW] = number
            opp[O_STAGE] = sc
            opp[O_TIE] = None
        elif ts == opp[O_TS]:
            self.same_instant(opp, sc, number)
        opp[O_ROWS] += 1
        if not self.naive_times and not when[1] and naive(raw_ts):
            self.naive_times = True
        self._add_event(code, sc, ts, number)
        if self.has_evidence:
            self.e_conf.append(1 if conf else 0)
            i_items = ix.get("evidence_items")
            items = unguard(cells[i_items].strip()) if i_items is not None else ""
            self.e_items.append(self.items.setdefault(items, len(self.items)))

    def _position(self, cells: Sequence[str], errors: RowErrors) -> int | None:
        """The row's stage position (pdsa-desk's events file), None when there is none or it is wrong."""
        i_pos = self.cols.index.get("stage_position")
        if i_pos is None or not cells[i_pos].strip():
            return None
        raw_pos = cells[i_pos].strip()
        column = self.cols.names["stage_position"]
        try:
            position = int(raw_pos)
        except ValueError:
            errors.append((column, say(QT_TRANSLATE_NOOP("Import", "'%1' is not a whole number"), raw_pos)))
            return None
        if position < 0:
            errors.append((column, say(QT_TRANSLATE_NOOP("Import", "'%1' is negative"), raw_pos)))
            return None
        if len(self._positions_cache) < 10_000:
            self._positions_cache[cells[i_pos]] = position
        return position

