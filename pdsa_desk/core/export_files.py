"""The file side of every export (Qt-free): a :class:`Table` written as CSV or Excel ``.xlsx``, atomically.

What each table contains is :mod:`pdsa_desk.core.export` (and :mod:`pdsa_desk.core.export_marketing`);
this module only knows tables, cells and files.

Files: ``.csv`` is UTF-8 with a byte-order mark (Excel opens it right),
comma-delimited, with a header row; ``.xlsx`` has the same columns on one
sheet (named after the table) plus an ``about`` sheet explaining the columns,
written in openpyxl's write-only mode so that big tables stream.

Spreadsheet safety (OWASP "CSV injection"): a *text* cell beginning with
``=``, ``+``, ``-``, ``@`` (or their full-width forms ＝ ＋ － ＠, also after
leading spaces, zero-width characters or a byte-order mark), tab, carriage
return or line feed gets a leading ``'`` in CSV so that a crafted name cannot
run a formula; in ``.xlsx`` it is written as a text cell (data type string),
so no apostrophe shows. Numbers stay numbers (a negative amount is written as a
number, not as text). The importer strips that quote again.
"""

from __future__ import annotations

import contextlib
import csv
import math
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pdsa_desk.core.errors import ValidationError, WorkspaceDamaged

__all__ = ["FORMATS", "Progress", "Table", "cell_text", "file_format", "iso_z", "needs_guard", "neutralise",
           "to_utc", "write_table"]

FORMATS = ("csv", "xlsx")
#: What starts a formula in a spreadsheet: ``= + - @`` and their full-width forms (which Excel also reads).
_FORMULA = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
#: Read as nothing before a formula character: spaces, zero-width characters, the byte-order mark.
_INVISIBLE = " \u00a0\u200b\u200c\u200d\u2060\ufeff"

Progress = Callable[[float, str], None]


# --------------------------------------------------------------------------- #
# tables and cells
# --------------------------------------------------------------------------- #
@dataclass
class Table:
    """What is written: a sheet name, the column names, the rows (any iterable) and notes for the reader."""

    name: str
    columns: list[str]
    rows: Iterable[Sequence[Any]]
    about: list[tuple[str, str]] = field(default_factory=list)  # (column or topic, explanation)
    #: Rows expected (None: unknown): for progress, and a file with fewer (or more) rows is refused.
    total: int | None = None



def needs_guard(text: str) -> bool:
    """A text a spreadsheet could run as a formula: one beginning with a tab, carriage return or line feed, or
    with ``= + - @`` (also full-width ＝ ＋ － ＠), also after leading spaces, zero-width characters or a BOM."""
    if not text:
        return False
    if text[0] in "\t\r\n":
        return True
    return text.lstrip(_INVISIBLE)[:1] in _FORMULA


def neutralise(value: Any) -> Any:
    """A text cell made safe for spreadsheets (a leading ``'`` when :func:`needs_guard`); other values unchanged."""
    if isinstance(value, str) and needs_guard(value):
        return "'" + value
    return value


def to_utc(value: Any) -> datetime:
    """A stored time as aware UTC (SQLite hands back naive UTC, PostgreSQL aware; strings are parsed)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    when: datetime = value if isinstance(value, datetime) else value.to_pydatetime()  # pandas and friends
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def iso_z(value: Any) -> str:
    """ISO 8601 UTC with "Z" and microseconds (the events format), "" for None."""
    return "" if value is None else f"{to_utc(value):%Y-%m-%dT%H:%M:%S.%f}Z"


def cell_text(value: Any) -> str:
    """A frame cell as text ("" for None or NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return iso_z(value)
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(str(value))


def _xlsx_cell(value: Any, sheet: Any = None) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"  # the same text as in CSV (and what the importer reads)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, int):
        return value
    if isinstance(value, datetime):
        return iso_z(value)  # Excel has no time zones: keep the exact UTC text
    if isinstance(value, date):
        return value  # a real date cell
    return _xlsx_text(str(value), sheet)


def _xlsx_text(text: str, sheet: Any) -> Any:
    """Text as an xlsx cell: one a spreadsheet could run as a formula is written as a text cell (data type
    string), so it shows as it is, without the apostrophe the CSV needs."""
    if not needs_guard(text):
        return text
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # not "f": openpyxl takes a leading "=" for a formula
    return cell


def file_format(path: str | Path) -> str:
    """``"csv"`` or ``"xlsx"`` from the file name; :class:`ValidationError` for anything else."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        shown = f"'.{suffix}'" if suffix else "no extension"
        raise ValidationError(f"Cannot export to {Path(path).name} ({shown}): the file name must end in .csv or "
                              ".xlsx.", "path")
    return suffix


# --------------------------------------------------------------------------- #
# writing
# --------------------------------------------------------------------------- #
def _counted(rows: Iterable[Sequence[Any]], total: int | None, progress: Progress | None,
             counter: list[int], what: str) -> Iterator[Sequence[Any]]:
    """The rows, counted; a row the workspace cannot give (damage) stops the export, saying where."""
    step = 5000
    source = iter(rows)
    while True:
        try:
            row = next(source)
        except StopIteration:
            return
        except WorkspaceDamaged as exc:
            raise WorkspaceDamaged(f"The {what} export stopped at row {counter[0] + 1:,}: that row cannot be read "
                                   f"from the workspace ({exc}) Nothing was written.") from exc
        except (ValueError, TypeError, OverflowError) as exc:  # a stored value that does not parse (JSON, time)
            raise WorkspaceDamaged(f"The {what} export stopped at row {counter[0] + 1:,}: a value in it cannot be "
                                   f"read ({type(exc).__name__}), so the workspace may be damaged. Nothing was "
                                   "written; run 'pdsa-desk check'.") from exc
        counter[0] += 1
        if progress is not None and counter[0] % step == 0:
            progress(min(0.99, counter[0] / total) if total else 0.5, f"{counter[0]} rows written")
        yield row


def _check_complete(table: Table, written: int) -> None:
    """Every row counted before writing was written: none was skipped (a damaged reference, a damaged page)."""
    if table.total is not None and written != table.total:
        raise WorkspaceDamaged(
            f"The {table.name} export was stopped: the workspace holds {table.total:,} {table.name} row(s) but "
            f"only {written:,} could be read completely (it changed meanwhile, or it is damaged). Nothing was "
            "written. Try again; if it happens again, run 'pdsa-desk check'.")


def _write_csv(target: Path, table: Table, rows: Iterable[Sequence[Any]]) -> None:
    with target.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow([neutralise(c) for c in table.columns])
        for row in rows:
            writer.writerow([_csv_cell(v) for v in row])


def _xlsx_width(name: str) -> float:
    return float(min(max(len(name) + 2, 10), 40))


def _write_xlsx(target: Path, table: Table, rows: Iterable[Sequence[Any]]) -> None:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    sheet = wb.create_sheet(table.name)
    sheet.freeze_panes = "A2"
    for i, name in enumerate(table.columns, 1):
        sheet.column_dimensions[get_column_letter(i)].width = _xlsx_width(name)
    try:
        sheet.append([_xlsx_text(c, sheet) for c in table.columns])
        for row in rows:
            sheet.append([_xlsx_cell(v, sheet) for v in row])
        if table.about:
            about = wb.create_sheet("about")
            about.column_dimensions["A"].width = 28
            about.column_dimensions["B"].width = 110
            about.append(["column", "meaning"])
            for key, text in table.about:
                about.append([_xlsx_text(key, about), _xlsx_text(text, about)])
        wb.save(target)
    except BaseException:
        # End openpyxl's row writer while its file is still open (a full disk may refuse this too);
        # otherwise it is ended at exit and prints a traceback about a closed file.
        with contextlib.suppress(Exception):
            sheet.close()
        raise


def write_table(table: Table, path: str | Path, *, progress: Progress | None = None) -> int:
    """Write ``table`` to ``path`` (.csv or .xlsx), atomically; returns the number of data rows."""
    fmt = file_format(path)
    path = Path(path)
    if not path.parent.exists():
        raise ValidationError(f"The folder {path.parent} does not exist.", "path")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=f".{fmt}.part", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    counter = [0]
    rows = _counted(table.rows, table.total, progress, counter, table.name)
    try:
        if fmt == "csv":
            _write_csv(tmp, table, rows)
        else:
            _write_xlsx(tmp, table, rows)
        _check_complete(table, counter[0])
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if progress is not None:
        progress(1.0, f"{counter[0]} rows written")
    return counter[0]
