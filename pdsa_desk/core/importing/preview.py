"""Looking at a file before importing it (the wizard's File and Columns pages; Qt-free).

:func:`read_file_info` says what kind of file it is (CSV with its delimiter and encoding, or a workbook with its
sheets) and reads its header and first rows; :func:`date_finding` looks at those rows' dates, and
:func:`date_note` says what that means for the chosen date order.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

from pdsa_desk.core.importing.mapping import Mapping
from pdsa_desk.core.importing.reader import DELIMITER_NAMES, ENCODING_NAMES, XlsxTable, open_table
from pdsa_desk.core.importing.results import OrderHint
from pdsa_desk.core.importing.values import DAYFIRST, MONTHFIRST, AmbiguousDate, BadValue, cell_text, parse_when

#: Data rows read for the preview.
PREVIEW_ROWS = 20


@dataclass
class FileInfo:
    """What a look at an export found."""

    path: Path
    kind: str  # "csv" or "xlsx"
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (spreadsheet row number, cells as text), at most PREVIEW_ROWS
    encoding: str | None = None
    delimiter: str | None = None
    sheets: list[str] = field(default_factory=list)
    sheet: str | None = None
    notices: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str | None]:
        return (str(self.path), self.sheet)

    @property
    def delimiter_name(self) -> str:
        """"comma", "semicolon", … (CSV)."""
        return DELIMITER_NAMES.get(self.delimiter or "", repr(self.delimiter))

    @property
    def encoding_name(self) -> str:
        """"UTF-8", "Windows-1252", … (CSV)."""
        return ENCODING_NAMES.get(self.encoding or "", self.encoding or "")


def read_file_info(path: str | Path, sheet: str | None = None, rows: int = PREVIEW_ROWS) -> FileInfo:
    """The header, the first ``rows`` non-blank rows and what was detected; :class:`ImportProblems` when the file
    cannot be read."""
    path = Path(path)
    mapping = Mapping(sheet=sheet) if sheet else Mapping()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # openpyxl's notes about styles
        table = open_table(path, mapping)
        try:
            head: list[tuple[int, list[str]]] = []
            for number, cells in table.numbered():
                texts = [c if isinstance(c, str) else cell_text(c) for c in cells]
                if not any(t.strip() for t in texts):
                    continue
                head.append((number, texts))
                if len(head) >= rows:
                    break
            info = FileInfo(path=path, kind=table.kind, header=list(table.header), rows=head,
                            encoding=getattr(table, "encoding", None), delimiter=getattr(table, "delimiter", None),
                            notices=list(table.notices))
            if isinstance(table, XlsxTable):
                info.sheets = list(table.sheet_names)
                info.sheet = table.sheet_name
        finally:
            table.close()
    return info


def read_header(path: str | Path, mapping: Mapping | None = None) -> tuple[list[str], list[str]]:
    """``(header, notices)`` of an export, e.g. to guess a mapping; :class:`ImportProblems` if unreadable."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        table = open_table(path, mapping or Mapping())
        try:
            return list(table.header), list(table.notices)
        finally:
            table.close()


# ---------------------------------------------------------------------------------------------- dates
@dataclass
class DateFinding:
    """What the preview's dates say about the date order."""

    ambiguous: tuple[int, str, str] | None = None  # (row, column, both readings) of the first ambiguous date
    dayfirst_only: tuple[int, str, str] | None = None  # (row, column, value) readable only day first
    monthfirst_only: tuple[int, str, str] | None = None


def date_finding(info: FileInfo, columns: list[str]) -> DateFinding:
    """Look at the preview's dates in ``columns``: is any ambiguous, and which order can each be?"""
    found = DateFinding()
    index = {name: i for i, name in enumerate(info.header)}
    wanted = [(index[c], c) for c in dict.fromkeys(columns) if c in index]
    for number, cells in info.rows:
        for i, column in wanted:
            value = cells[i].strip() if i < len(cells) else ""
            if value:
                _look_at(found, number, column, value)
    return found


def _look_at(found: DateFinding, number: int, column: str, value: str) -> None:
    try:
        parse_when(value, None)
    except AmbiguousDate as exc:
        if found.ambiguous is None:
            found.ambiguous = (number, column, exc.readings)
        return
    except BadValue:
        pass  # unreadable without an order: maybe readable with one (below)
    dayfirst, monthfirst = (_reads(value, order) for order in (DAYFIRST, MONTHFIRST))
    if dayfirst and not monthfirst and found.dayfirst_only is None:
        found.dayfirst_only = (number, column, value)
    elif monthfirst and not dayfirst and found.monthfirst_only is None:
        found.monthfirst_only = (number, column, value)


def _reads(value: str, order: str) -> bool:
    try:
        parse_when(value, order)
    except BadValue:
        return False
    return True


@dataclass
class DateNote:
    """What to tell about the dates under the chosen order (None: auto)."""

    order: str | None
    #: With auto only: (row, column, both readings) of a date that can be read either way — the order must be chosen.
    ambiguous: tuple[int, str, str] | None
    #: Dates that can be read one way only (the first day-first one, then the first month-first one).
    one_way: list[OrderHint]
    #: Something is wrong: an order must be chosen, or a date contradicts the chosen one.
    warn: bool


def date_note(finding: DateFinding, order: str | None) -> DateNote:
    """What :func:`date_finding` means for the date order ``order`` (DAYFIRST, MONTHFIRST or None: auto)."""
    ambiguous = finding.ambiguous if order is None else None
    one_way = [OrderHint(*found, which)
               for found, which in ((finding.dayfirst_only, DAYFIRST), (finding.monthfirst_only, MONTHFIRST))
               if found is not None]
    warn = ambiguous is not None or any(order is not None and hint.order != order for hint in one_way)
    return DateNote(order, ambiguous, one_way, warn)
