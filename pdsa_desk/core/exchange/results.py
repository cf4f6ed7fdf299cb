"""What exchanging bundles reports: its errors, the merge's results, and how they are worded.

Every text here and in the sibling modules that reaches the user (a refused bundle, the merge report) is a
:class:`~pdsa_desk.core.messages.Message` in the context ``"Exchange"`` (:func:`msg`): English as ``str`` (the
command line prints it), translated by the dialogs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pdsa_desk.core.errors import PdsaError
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, Arg, Message, joined, plural
from pdsa_desk.core.rules import noun

if TYPE_CHECKING:
    from pdsa_desk.core.exchange.bundle_file import BundleHeader


CONTEXT = "Exchange"


def msg(template: str, *args: Arg) -> Message:
    """A text of the exchange; write ``template`` as ``QT_TRANSLATE_NOOP("Exchange", "…")``."""
    return Message(CONTEXT, template, *args)


def what(table: str) -> str:
    """What a row of ``table`` is called in messages ("stage move", "PDSA cycle", …)."""
    return noun(table)


def short(value: object, limit: int = 60) -> str:
    """A value as a message shows it: repr, times to the minute, cut at ``limit`` characters."""
    text = repr(value) if not isinstance(value, datetime) else f"{value:%Y-%m-%d %H:%M}"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def label(table: str, row: Mapping[str, Any]) -> str:
    """How a message names a row: its name or title, the start of its text, or its id."""
    for key in ("name", "title"):
        name = row.get(key)
        if isinstance(name, str):
            return name
    if isinstance(row.get("text"), str):
        return short(row["text"], 50).strip("'\"")
    if table == "stage_event" and isinstance(row.get("entered_at"), datetime):
        return msg(QT_TRANSLATE_NOOP("Exchange", "entered %1"), f"{row['entered_at']:%Y-%m-%d %H:%M}")
    return str(row.get("id", ""))[:8]


class BundleError(PdsaError):
    """A bundle cannot be written, read or merged; the workspace was not changed."""


@dataclass(frozen=True)
class NameConflict:
    """A definition new to this workspace whose name is already used here by another row."""

    table: str
    remote_id: str
    remote_name: str
    local_id: str
    local_name: str

    @property
    def what(self) -> str:
        return what(self.table)

    def __str__(self) -> str:
        return msg(QT_TRANSLATE_NOOP("Exchange", "%1 '%2' (already here as '%3')"), self.what, self.remote_name,
                   self.local_name)


class UnmappedDefinitionsError(BundleError):
    """Definitions of the bundle clash by name with ours and were not mapped; nothing was merged."""

    def __init__(self, display: str, conflicts: Sequence[NameConflict]) -> None:
        self.conflicts = list(conflicts)
        listed = joined([str(c) for c in self.conflicts[:10]], "; ")
        n = len(self.conflicts)
        if n > 10:  # more than one, so the plural
            message = msg(QT_TRANSLATE_NOOP(
                "Exchange", "%1 has %2 definitions with the name of a different one here: %3 and %4 more. Map them "
                "to the existing ones (command line: --map-by-name) to merge."), display, n, listed, n - 10)
        else:
            message = plural(n, msg(QT_TRANSLATE_NOOP(
                "Exchange", "%1 has %2 definition with the name of a different one here: %3. Map it to the "
                "existing one (command line: --map-by-name) to merge."), display, n, listed), msg(QT_TRANSLATE_NOOP(
                    "Exchange", "%1 has %2 definitions with the name of a different one here: %3. Map them to the "
                    "existing ones (command line: --map-by-name) to merge."), display, n, listed))
        super().__init__(message)


@dataclass(frozen=True)
class Conflict:
    """A row changed on both sides: ``kept`` says whose version won; ``other`` holds the loser's differing values.

    "Both sides" is judged by time: both versions are stamped after the last exchange known between
    the two workspaces (the newest bundle of theirs merged here, or of ours merged there, as their
    bundle's header says). Without any exchange yet, every difference is a conflict.
    """

    table: str
    row_id: str
    label: str
    kept: str  # "incoming" or "local"
    kept_updated_at: datetime
    other_updated_at: datetime
    other: dict[str, Any]

    @property
    def what(self) -> str:
        return what(self.table)

    def __str__(self) -> str:
        kept, other = f"{self.kept_updated_at:%Y-%m-%d %H:%M}", f"{self.other_updated_at:%Y-%m-%d %H:%M}"
        values = joined([msg(QT_TRANSLATE_NOOP("Exchange", "%1 was %2"), k, short(v))
                         for k, v in sorted(self.other.items())], ", ")
        if self.kept == "incoming":
            if values:
                return msg(QT_TRANSLATE_NOOP("Exchange", "%1 '%2' changed on both sides: kept the incoming version "
                                             "(%3) over this workspace's (%4: %5)"), self.what, self.label, kept,
                           other, values)
            return msg(QT_TRANSLATE_NOOP("Exchange", "%1 '%2' changed on both sides: kept the incoming version (%3) "
                                         "over this workspace's (%4)"), self.what, self.label, kept, other)
        if values:
            return msg(QT_TRANSLATE_NOOP("Exchange", "%1 '%2' changed on both sides: kept this workspace's version "
                                         "(%3) over the incoming (%4: %5)"), self.what, self.label, kept, other, values)
        return msg(QT_TRANSLATE_NOOP("Exchange", "%1 '%2' changed on both sides: kept this workspace's version (%3) "
                                     "over the incoming (%4)"), self.what, self.label, kept, other)


@dataclass
class TableCounts:
    added: int = 0
    updated: int = 0
    conflicts: int = 0
    skipped: int = 0

    @property
    def total(self) -> int:
        return self.added + self.updated + self.conflicts + self.skipped


@dataclass
class MergeReport:
    """What a merge did (or, with ``dry_run``, would do), per table.

    ``conflicts`` lists the first :data:`~pdsa_desk.core.exchange.plan.MAX_CONFLICTS_LISTED` conflicts;
    the counts hold them all."""

    source: str
    header: BundleHeader
    tables: dict[str, TableCounts]
    conflicts: list[Conflict]
    mapped: list[NameConflict]
    dry_run: bool = False
    # The team settings taken from the bundle, "label: old → new" (see :mod:`pdsa_desk.core.team_settings`).
    settings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.settings) or any(c.added or c.updated for c in self.tables.values()) or any(
            c.kept == "incoming" for c in self.conflicts)

    def totals(self) -> TableCounts:
        total = TableCounts()
        for c in self.tables.values():
            total.added += c.added
            total.updated += c.updated
            total.conflicts += c.conflicts
            total.skipped += c.skipped
        return total

    def lines(self) -> list[str]:
        """The report as plain text lines (the command line prints them, the dialog shows them)."""
        if self.dry_run:
            out: list[str] = [msg(QT_TRANSLATE_NOOP("Exchange", "Would merge %1: %2"), self.source,
                                  self.header.describe())]
        else:
            out = [msg(QT_TRANSLATE_NOOP("Exchange", "Merged %1: %2"), self.source, self.header.describe())]
        for name, c in self.tables.items():
            if c.total:
                out.append(msg(QT_TRANSLATE_NOOP("Exchange", "  %1: %2 added, %3 updated, %4 conflicts, %5 skipped"),
                               what(name), c.added, c.updated, c.conflicts, c.skipped))
        for line in self.settings:
            out.append(msg(QT_TRANSLATE_NOOP("Exchange", "  workspace setting (newer there) %1"), line))
        for m in self.mapped:
            out.append(msg(QT_TRANSLATE_NOOP("Exchange", "  mapped %1 '%2' to the existing '%3'"), m.what,
                           m.remote_name, m.local_name))
        for conflict in self.conflicts:
            out.append(msg(QT_TRANSLATE_NOOP("Exchange", "  conflict: %1"), str(conflict)))
        unlisted = self.totals().conflicts - len(self.conflicts)
        if unlisted > 0:
            out.append(msg(QT_TRANSLATE_NOOP("Exchange", "  … and %1 more conflicts (in each the newer version was "
                                             "kept)"), f"{unlisted:,}"))
        if self.dry_run:
            out.append(msg(QT_TRANSLATE_NOOP("Exchange", "  (dry run: nothing was changed)")))
        elif not self.changed:
            out.append(msg(QT_TRANSLATE_NOOP("Exchange", "  nothing new")))
        return out


@dataclass(frozen=True)
class MergePreview:
    header: BundleHeader
    conflicts: list[NameConflict]


@dataclass(frozen=True)
class MergeOutcome:
    path: Path
    report: MergeReport | None = None
    error: str | None = None
    unmapped: list[NameConflict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.report is not None
