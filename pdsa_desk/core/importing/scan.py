"""Scanning: the CRM stage names a file uses, with their row counts, before the stages are mapped.

Reads the whole file (streamed) but checks only what it must to find the stages; nothing is written.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.gc_pause import paused_collection
from pdsa_desk.core.importing import tuning
from pdsa_desk.core.importing.collector import unguard
from pdsa_desk.core.importing.columns import Columns, only_stage_columns, resolve_columns
from pdsa_desk.core.importing.mapping import LONG, Mapping, label
from pdsa_desk.core.importing.progress import Progress, Steps
from pdsa_desk.core.importing.reader import Table, open_table
from pdsa_desk.core.importing.results import ScannedStage, ScanResult
from pdsa_desk.core.importing.texts import QT_TRANSLATE_NOOP, Count, say
from pdsa_desk.core.importing.values import cell_text
from pdsa_desk.core.messages import joined
from pdsa_desk.core.models import Stage

Tick = Callable[[int], None]


@dataclass
class _Found:
    counts: dict[str, list[Any]] = field(default_factory=dict)  # CRM stage name -> [rows, first row or None]
    rows: int = 0  # rows that are not blank
    positions: dict[str, int] = field(default_factory=dict)  # long shape, pdsa-desk's events file: stage position


@paused_collection()  # a full collection would hold the GIL (and stall the GUI) for long
def scan(path: str | Path, mapping: Mapping, ws: Workspace | None = None, *, progress: Progress | None = None,
         cancel: Callable[[], bool] | None = None) -> ScanResult:
    """The CRM stage names in the file with their row counts, and which match a workspace stage.

    Reads the whole file (streamed) but validates only what it must to find
    the stages; nothing is written. ``progress(fraction, message)`` is called
    every :data:`~.tuning.CHUNK_ROWS` rows, and ``cancel()`` asked there: when
    it says True, :class:`Cancelled` is raised.
    """
    mapping.check()
    need = ["stage"] if mapping.shape == LONG else ["stage_dates"]
    missing = [m for m in mapping.missing() if m in need]
    if missing:
        raise ValidationError(say(QT_TRANSLATE_NOOP("Import", "The mapping does not say which column holds: %1."),
                                  joined([label(m) for m in missing], ", ")), missing[0])
    steps = Steps(progress, cancel)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        table = open_table(path, mapping)

        def tick(number: int) -> None:
            steps.say(table.fraction() or 0.0, say(QT_TRANSLATE_NOOP("Import", "Reading row %1…"), Count(number)))
            steps.check()

        try:
            cols = resolve_columns(table, only_stage_columns(mapping))
            if mapping.shape == LONG:
                found = _long_stages(table, cols, tick)
            else:
                found = _wide_stages(table, cols, mapping, tick)
            notices = list(table.notices)
            header = list(table.header)
        finally:
            table.close()
    existing = _workspace_stages(ws) if ws is not None else {}
    counts = found.counts
    names = list(counts)
    if found.positions:
        names.sort(key=lambda n: (found.positions.get(n, 1 << 30), counts[n][1] or 0))
    stages = [ScannedStage(n, counts[n][0], counts[n][1], *(existing.get(n.casefold()) or (None, None)))
              for n in names]
    return ScanResult(columns=header, rows=found.rows, stages=stages, notices=notices)


def scan_key(mapping: Mapping) -> str:
    """What :func:`scan` depends on: two mappings with the same key find the same stages in a file."""
    m = mapping
    return repr((m.shape, m.stage, sorted(m.stage_dates.items()), m.stage_position, m.sheet, m.header_row,
                 m.encoding, m.delimiter))


def _texts(table: Table, cells: Any) -> Any:
    return [cell_text(c) for c in cells] if table.kind != "csv" else cells


def _long_stages(table: Table, cols: Columns, tick: Tick) -> _Found:
    """Long shape: the stage column's names in the order first seen (or by ``stage_position``)."""
    found = _Found()
    counts, positions = found.counts, found.positions
    i_stage = cols.index["stage"]
    i_pos = cols.index.get("stage_position")
    seen_positions: set[tuple[str, Any]] = set()
    chunk = tuning.CHUNK_ROWS
    for number, cells in table.numbered():
        if not number % chunk:
            tick(number)
        texts = _texts(table, cells)
        name = unguard(texts[i_stage].strip()) if i_stage < len(texts) else ""
        if not name and not any(str(c).strip() for c in texts):
            continue  # a blank row (only a row without a stage can be one)
        found.rows += 1
        if not name:
            continue
        entry = counts.setdefault(name, [0, number])
        entry[0] += 1
        if i_pos is None or i_pos >= len(texts) or (name, texts[i_pos]) in seen_positions:
            continue
        if len(seen_positions) < 10_000:  # each (stage, position) pair is parsed once
            seen_positions.add((name, texts[i_pos]))
        position = _whole_number(texts[i_pos])
        if position is not None:
            positions[name] = min(position, positions.get(name, position))
    return found


def _whole_number(text: str) -> int | None:
    try:
        return int(float(text))
    except (ValueError, OverflowError):
        return None


def _wide_stages(table: Table, cols: Columns, mapping: Mapping, tick: Tick) -> _Found:
    """Wide shape: the stages the mapping names (in column order), counting the filled date cells."""
    found = _Found()
    counts = found.counts
    for name in mapping.stage_names():
        counts[name] = [0, None]
    chunk = tuning.CHUNK_ROWS
    for number, cells in table.numbered():
        if not number % chunk:
            tick(number)
        texts = _texts(table, cells)
        if not any(str(c).strip() for c in texts):
            continue
        found.rows += 1
        for i, _column, stage in cols.stage_dates:
            if i < len(texts) and str(texts[i]).strip():
                entry = counts[stage]
                entry[0] += 1
                if entry[1] is None:
                    entry[1] = number
    return found


def _workspace_stages(ws: Workspace) -> dict[str, tuple[str, str]]:
    """Folded name -> (name, id) of the workspace's live stages (the first of each name, in stage order)."""
    existing: dict[str, tuple[str, str]] = {}
    st = Stage.__table__
    with ws.engine.connect() as conn:
        for sid, name in conn.execute(select(st.c.id, st.c.name).where(st.c.deleted_at.is_(None))
                                      .order_by(st.c.position)):
            existing.setdefault(name.casefold(), (name, sid))
    return existing
