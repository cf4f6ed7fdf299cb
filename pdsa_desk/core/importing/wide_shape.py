"""The wide shape: one row per opportunity with one "date entered <stage>" column per stage (HubSpot's deal
export). Every filled date cell is a stage change; the row's attributes count as of its latest one."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pdsa_desk.core.importing import tuning
from pdsa_desk.core.importing.collector import NO_TS, O_ROWS, O_TS, Collector, RowErrors, naive


class WideCollector(Collector):
    """Reads the wide shape."""

    def _read(self, tick: Callable[[], None]) -> None:
        header_row = self.table.header_row
        chunk = tuning.CHUNK_ROWS
        for name in self.mapping.stage_names():  # stage order = column order
            self._stage(name, header_row, None)
            self.stage_rows[-1] = 0
        number = header_row
        for number, raw_cells in enumerate(self.table.data_rows(), header_row + 1):
            if not number % chunk:
                self._number = number
                tick()
            cells = self._width(raw_cells, number)
            if cells is None:  # blank, or held as a possible footer
                continue
            if self._pending:
                self._release()
            self.rows_read += 1
            if cells:
                self._row(cells, number)
        self._number = number
        self._end_of_rows()

    def _held_row(self, cells: Sequence[str], number: int) -> None:
        self.rows_read += 1
        self._row(cells, number)

    def _row(self, cells: Sequence[str], number: int) -> None:
        errors: RowErrors = []
        key = self._opportunity(cells, number, errors)
        events = self._events(cells, number, errors)
        attrs = self._attrs(cells, number, errors)
        if errors or key is None:
            self._row_errors(number, errors)
            return
        code = self._code(key)
        if code is None:
            self.rows_deleted += 1
            return
        opp = self.opps[code]
        latest = max(events, key=lambda e: (e[1], e[0]), default=(-1, NO_TS + 1))
        self._apply(opp, attrs, max(latest[1], opp[O_TS]), number, hash(self._attrs_of(cells)), latest[0])
        opp[O_ROWS] += 1
        for stage_code, ts in events:
            self.stage_rows[stage_code] += 1
            self._add_event(code, stage_code, ts, number)

    def _events(self, cells: Sequence[str], number: int, errors: RowErrors) -> list[tuple[int, int]]:
        """(CRM stage code, µs) of the row's filled date cells; unreadable ones go to ``errors``."""
        events: list[tuple[int, int]] = []
        for i, column, stage in self.cols.stage_dates:
            raw = cells[i].strip()
            if raw:
                when = self._when(raw, number, column, errors)
                if when is not None:
                    events.append((self.stage_code[stage], when[0]))
                    if not self.naive_times and not when[1] and naive(raw):
                        self.naive_times = True
        return events
