"""Which column of the file holds each mapped field: the mapping's column names found in the header."""

from __future__ import annotations

from dataclasses import dataclass

from pdsa_desk.core.importing.mapping import LONG, Mapping, label
from pdsa_desk.core.importing.reader import Table
from pdsa_desk.core.importing.results import ImportProblems, Problem
from pdsa_desk.core.importing.texts import QT_TRANSLATE_NOOP, say

# Fields only the long shape reads.
_LONG_ONLY = ("stage", "timestamp", "stage_position", "evidence_confirmed", "evidence_items")


@dataclass
class Columns:
    index: dict[str, int]  # field -> column index
    names: dict[str, str]  # field -> column name as in the header
    stage_dates: list[tuple[int, str, str]]  # wide: (column index, column name, CRM stage name)
    width: int


def resolve_columns(table: Table, mapping: Mapping) -> Columns:
    """The mapped columns in ``table``'s header (exact name, else ignoring case); :class:`ImportProblems` naming
    every column that is missing or appears more than once."""
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
            problems.append(Problem(table.header_row, column, say(QT_TRANSLATE_NOOP(
                "Import", "is not in the file's header (mapped to %1)"), what)))
            return None
        if len(hits) > 1:
            problems.append(Problem(table.header_row, column, say(QT_TRANSLATE_NOOP(
                "Import", "appears %1 times in the header; rename one of them"), len(hits))))
            return None
        return hits[0]

    index: dict[str, int] = {}
    names: dict[str, str] = {}
    for name, column in mapping.columns().items():
        if mapping.shape != LONG and name in _LONG_ONLY:
            continue
        at = find(column, label(name))
        if at is not None:
            index[name] = at
            names[name] = header[at]
    stage_dates: list[tuple[int, str, str]] = []
    if mapping.shape != LONG:
        for column, stage in mapping.stage_dates.items():
            at = find(column, say(QT_TRANSLATE_NOOP("Import", "the date entered stage '%1'"), stage))
            if at is not None:
                stage_dates.append((at, header[at], stage.strip()))
    if problems:
        raise ImportProblems(problems, notices=table.notices)
    return Columns(index, names, stage_dates, len(header))


def only_stage_columns(mapping: Mapping) -> Mapping:
    """The part of ``mapping`` that finding the stage names needs (a scan checks no other column)."""
    keep = {"shape": mapping.shape, "stage": mapping.stage, "stage_dates": dict(mapping.stage_dates),
            "stage_position": mapping.stage_position, "header_row": mapping.header_row}
    return Mapping(**keep)  # type: ignore[arg-type]
