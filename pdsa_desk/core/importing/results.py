"""What an import reports: problems, the summary, and what a scan found."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pdsa_desk.core.errors import PdsaError
from pdsa_desk.core.importing.texts import QT_TRANSLATE_NOOP, counted, say
from pdsa_desk.core.importing.values import DAYFIRST, MONTHFIRST
from pdsa_desk.core.messages import Message, joined

# At most this many problems are listed; the rest are counted.
MAX_PROBLEMS = 200


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file. ``row`` is the row number a spreadsheet shows (header = 1)."""

    row: int | None
    column: str | None
    # What is wrong: a :class:`~pdsa_desk.core.messages.Message` (the UI translates it).
    message: str

    def text(self) -> str:
        """``row N, column C: what is wrong`` (or the parts there are), as a message the UI translates."""
        if self.row is not None and self.column:
            return say(QT_TRANSLATE_NOOP("Import", "row %1, column %2: %3"), self.row, self.column, self.message)
        if self.row is not None:
            return say(QT_TRANSLATE_NOOP("Import", "row %1: %2"), self.row, self.message)
        if self.column:
            return say(QT_TRANSLATE_NOOP("Import", "column %1: %2"), self.column, self.message)
        return self.message

    def __str__(self) -> str:
        return str(self.text())


@dataclass(frozen=True)
class OrderHint:
    """A date in the file that can be read one way only, so it tells which order the file uses.
    ``order`` is ``"dayfirst"`` or ``"monthfirst"``."""

    row: int
    column: str | None
    value: str
    order: str


class ImportProblems(PdsaError):
    """The file cannot be imported as it is; nothing was written.

    ``problems`` lists up to :data:`MAX_PROBLEMS` of them (in row order);
    ``more`` counts the ones left off. ``ambiguous_dates``: the only thing stopping
    the import is that some dates read either way until a date order is chosen
    (``problems`` then lists them, and ``order_hints`` the dates that can be read
    one way only).
    """

    def __init__(self, problems: list[Problem], more: int = 0, notices: list[str] | None = None, *,
                 ambiguous_dates: bool = False, order_hints: list[OrderHint] | None = None) -> None:
        self.problems = list(problems)
        self.more = more
        self.notices = list(notices or [])
        self.ambiguous_dates = ambiguous_dates
        self.order_hints = list(order_hints or [])
        super().__init__(self.message())  # its str: the lines, in English

    @property
    def total(self) -> int:
        return len(self.problems) + self.more

    def lines(self) -> list[str]:
        """Each problem as ``row N, column C: …``, and how many more there are (messages the UI translates)."""
        out = [p.text() for p in self.problems]
        if self.more:
            out.append(counted(self.more, QT_TRANSLATE_NOOP("Import", "… and %1 more problem."),
                               QT_TRANSLATE_NOOP("Import", "… and %1 more problems."), "… and %1 more problem(s)."))
        return out

    def message(self) -> Message:
        """:meth:`lines` as one message, a line each."""
        return joined(self.lines(), "\n")


# ---------------------------------------------------------------------------------- ambiguous dates
# At most this many ambiguous dates are listed; the rest are counted.
MAX_AMBIGUOUS = 20
_ADVICE = QT_TRANSLATE_NOOP("Import", "Choose the date order: --dayfirst (day/month/year) or --monthfirst "
                             "(month/day/year), or \"date_order\" in the mapping.")


def order_hints(dayfirst: Problem | None, monthfirst: Problem | None) -> list[OrderHint]:
    """The file's first day-first-only and month-first-only dates (``Problem.message`` holds the date)."""
    return [OrderHint(found.row or 0, found.column, found.message, order)
            for found, order in ((dayfirst, DAYFIRST), (monthfirst, MONTHFIRST)) if found is not None]


def ambiguity_problems(ambiguous: list[Problem], n_ambiguous: int, hints: list[OrderHint]) -> list[Problem]:
    """What :class:`ImportProblems` lists when dates could be read either way: the first of them, how many more,
    and one last line (no row) saying how to choose the order, with the file's own hints."""
    out = list(ambiguous)
    if n_ambiguous > len(out):
        out.append(Problem(None, None, counted(
            n_ambiguous - len(out), QT_TRANSLATE_NOOP("Import", "… %1 more ambiguous date."),
            QT_TRANSLATE_NOOP("Import", "… %1 more ambiguous dates."), "… %1 more ambiguous date(s).")))
    parts: list[str] = [say(_ADVICE)]
    for h in hints:
        parts.append(say(QT_TRANSLATE_NOOP("Import", "Row %1 has '%2', which can only be day-first."), h.row, h.value)
                     if h.order == DAYFIRST else
                     say(QT_TRANSLATE_NOOP("Import", "Row %1 has '%2', which can only be month-first."), h.row,
                         h.value))
    out.append(Problem(None, None, joined(parts) if len(parts) > 1 else parts[0]))
    return out


def ambiguous_date_lines(exc: ImportProblems) -> list[str]:
    """The ambiguous dates of :func:`ambiguity_problems` as ``row N, column C: …`` lines, without the advice
    (the wizard asks for the order with its own words)."""
    return [p.text() for p in exc.problems if p.row is not None or p.message.startswith("…")]


class Cancelled(PdsaError):
    """The import was cancelled; nothing was written."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or say(QT_TRANSLATE_NOOP("Import", "The import was cancelled; nothing was written.")))


@dataclass
class ImportResult:
    """What an import did (or, with ``dry_run``, would do)."""

    opportunities_added: int = 0
    opportunities_updated: int = 0
    events_added: int = 0
    duplicates_skipped: int = 0
    rows_read: int = 0
    rows_rejected: int = 0
    rows_ignored: int = 0
    rejected_file: Path | None = None
    notices: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    stages_created: list[str] = field(default_factory=list)
    reps_created: list[str] = field(default_factory=list)
    teams_created: list[str] = field(default_factory=list)
    loss_reasons_created: list[str] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> list[str]:
        """Lines for a person: what was (or would be) added, updated, skipped and rejected."""
        would = "would be " if self.dry_run else ""
        lines = [
            f"Opportunities {would}added: {self.opportunities_added:,}, {would}updated: {self.opportunities_updated:,}",
            f"Stage events {would}added: {self.events_added:,}; duplicates skipped: {self.duplicates_skipped:,}",
            f"Rows read: {self.rows_read:,}; rejected: {self.rows_rejected:,}; with ignored stages: "
            f"{self.rows_ignored:,}",
        ]
        for what, names in (("Stages", self.stages_created), ("Reps", self.reps_created),
                            ("Teams", self.teams_created), ("Loss reasons", self.loss_reasons_created)):
            if names:
                shown = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
                lines.append(f"{what} {would}created: {shown}")
        if self.rejected_file is not None:
            lines.append(f"Rejected rows written to {self.rejected_file}")
        if self.dry_run:
            lines.append("Dry run: nothing was written.")
        return lines


@dataclass(frozen=True)
class ScannedStage:
    """A CRM stage name found in the file."""

    name: str
    rows: int
    first_row: int | None
    # The workspace stage it matches by name (case-insensitive), or None.
    workspace_stage: str | None
    workspace_stage_id: str | None


@dataclass
class ScanResult:
    columns: list[str]
    rows: int
    stages: list[ScannedStage]
    notices: list[str] = field(default_factory=list)

    @property
    def unmatched(self) -> list[ScannedStage]:
        return [s for s in self.stages if s.workspace_stage is None]
