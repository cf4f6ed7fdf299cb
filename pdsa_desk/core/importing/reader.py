"""Opening an export: CSV (any delimiter and encoding) or an Excel workbook, streamed row by row.

Every way a file can be unreadable ends as :class:`ImportProblems` with the
row where it happened, never as a decoding, CSV or zip error.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import logging
import warnings
import zipfile
from collections.abc import Generator, Iterator, Sequence
from pathlib import Path
from typing import Any

from pdsa_desk.core.importing.mapping import Mapping
from pdsa_desk.core.importing.results import ImportProblems, Problem
from pdsa_desk.core.importing.sniff import SNIFF_BYTES, binary_kind, holds_workbook
from pdsa_desk.core.importing.texts import QT_TRANSLATE_NOOP, counted, say
from pdsa_desk.core.importing.values import cell_text
from pdsa_desk.core.importing.workbook_limits import check_workbook_limits
from pdsa_desk.core.messages import Message

CANDIDATE_DELIMITERS = ",;\t|"
_SAMPLE_BYTES = 64 * 1024
_BLOCK = 1 << 20
# How a person calls each delimiter (messages the UI translates, see :mod:`pdsa_desk.core.messages`).
DELIMITER_NAMES: dict[str, str] = {
    ",": Message("Import", QT_TRANSLATE_NOOP("Import", "comma")),
    ";": Message("Import", QT_TRANSLATE_NOOP("Import", "semicolon")),
    "\t": Message("Import", QT_TRANSLATE_NOOP("Import", "tab")),
    "|": Message("Import", QT_TRANSLATE_NOOP("Import", "vertical bar")),
}
# How a person calls each encoding the reader picks by itself.
ENCODING_NAMES = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252", "latin-1": "Latin-1"}

log = logging.getLogger(__name__)

csv.field_size_limit(1 << 20)  # a broken quote swallowing the file stops at 1 MB, with a row number


def _fail(message: str, row: int | None = None, column: str | None = None) -> ImportProblems:
    return ImportProblems([Problem(row, column, message)])


# Rows looked at to find the header row when the mapping does not give it.
HEADER_PROBE_ROWS = 30


def _filled(cells: Sequence[Any]) -> int:
    return sum(1 for c in cells if (c.strip() if isinstance(c, str) else c is not None and cell_text(c)))


def find_header(rows: list[Sequence[Any]]) -> int:
    """The 0-based index of the header among a file's first rows: report exports (Salesforce) put a title, the
    filters and blank rows above it. The first row that fills at least 80 % as many cells as the fullest of these
    rows (and at least two); the first row when none does."""
    counts = [_filled(r) for r in rows]
    widest = max(counts, default=0)
    if widest < 2:
        return 0
    need = max(2, -(-widest * 4 // 5))
    return next(i for i, n in enumerate(counts) if n >= need)


class Table:
    """An open export: its header and a stream of ``(row number, cells)``."""

    kind = "table"

    def __init__(self, path: Path, header_row: int | None) -> None:
        self.path = path
        self.explicit_header_row = header_row
        self.header_row = header_row or 1
        self.header: list[str] = []
        self.notices: list[str] = []
        # Rows read (to find the header) after the header: handed out first by :meth:`data_rows`.
        self._after_header: list[Sequence[Any]] = []
        # The rows above the header (a report's title and filters), as text, when the header was looked for.
        self.skipped_above: list[str] = []

    def _take_header(self, numbered: Iterator[tuple[int, Sequence[Any]]]) -> bool:
        """Read up to the header row (the mapping's, or found by :func:`find_header`); False at the end of the
        file before it."""
        if self.explicit_header_row is not None:
            for number, cells in numbered:
                if number == self.header_row:
                    self.header = _header(cells, number)
                    return True
            return False
        probe: list[Sequence[Any]] = []
        for _number, cells in numbered:
            probe.append(cells)
            if len(probe) >= HEADER_PROBE_ROWS:
                break
        if not probe:
            return False
        at = find_header(probe)
        self.header_row = at + 1
        self.header = _header(probe[at], at + 1)
        self._after_header = probe[at + 1:]
        above = [" ".join(t for t in (cell_text(c) for c in r) if t) for r in probe[:at]]
        self.skipped_above = above
        if at and not any(n.startswith("The column names are on row") for n in self.notices):
            shown = "; ".join(f"'{t[:60]}'" for t in above if t)[:240]  # the file's own words: not translated
            if shown:
                self.notices.append(counted(
                    at, QT_TRANSLATE_NOOP("Import", "The column names are on row %2: the %1 row above them was "
                                                    "skipped (%3)."),
                    QT_TRANSLATE_NOOP("Import", "The column names are on row %2: the %1 rows above them were skipped "
                                                "(%3)."),
                    "The column names are on row %2: the %1 row(s) above them were skipped (%3).", at + 1, shown))
            else:
                self.notices.append(counted(
                    at, QT_TRANSLATE_NOOP("Import", "The column names are on row %2: the %1 row above them was "
                                                    "skipped."),
                    QT_TRANSLATE_NOOP("Import", "The column names are on row %2: the %1 rows above them were "
                                                "skipped."),
                    "The column names are on row %2: the %1 row(s) above them were skipped.", at + 1))
        return True

    def data_rows(self) -> Iterator[Sequence[Any]]:  # pragma: no cover - abstract
        """The rows after the header, raw (CSV: lists of str; Excel: tuples of cell values).

        Reading may raise ``csv.Error`` or ``UnicodeDecodeError`` (CSV): pass them to :meth:`problem`.
        """
        raise NotImplementedError

    def problem(self, number: int, exc: BaseException) -> ImportProblems:
        """The ImportProblems for a read error at row ``number``."""
        if isinstance(exc, UnicodeDecodeError):
            return _fail(say(QT_TRANSLATE_NOOP("Import", "The file is not valid %1 text here."),
                             getattr(self, "encoding", "text")), number)
        return _fail(say(QT_TRANSLATE_NOOP("Import", "The file cannot be read as CSV here: %1."), str(exc)), number)

    def numbered(self) -> Iterator[tuple[int, Sequence[Any]]]:
        """``(row number, raw cells)`` of the data rows; read errors become ImportProblems."""
        number = self.header_row
        try:
            for number, cells in enumerate(self.data_rows(), self.header_row + 1):
                yield number, cells
        except (csv.Error, UnicodeDecodeError) as exc:
            raise self.problem(number + 1, exc) from None

    def reopen(self) -> Table:  # pragma: no cover - abstract
        raise NotImplementedError

    def fraction(self) -> float | None:
        """How far the stream has got (0..1), when known."""
        return None

    def close(self) -> None:
        pass

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ------------------------------------------------------------------------------------- CSV
def _bad_offset(path: Path, encoding: str) -> int | None:
    """The byte offset of the first byte that does not decode, or None when all of it does."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    offset = 0
    with path.open("rb") as fh:
        while True:
            block = fh.read(_BLOCK)
            try:
                decoder.decode(block, final=not block)
            except UnicodeDecodeError as exc:
                return offset + max(0, exc.start)
            if not block:
                return None
            offset += len(block)


def _line_of(path: Path, offset: int) -> int:
    line = 1
    done = 0
    with path.open("rb") as fh:
        while done < offset:
            block = fh.read(min(_BLOCK, offset - done))
            if not block:
                break
            line += block.count(b"\n")
            done += len(block)
    return line


def _detect_encoding(path: Path, forced: str | None) -> tuple[str, str | None]:
    if forced:
        try:
            codecs.lookup(forced)
        except LookupError:
            raise _fail(say(QT_TRANSLATE_NOOP("Import", "Unknown text encoding '%1'."), forced), column=None) from None
        return forced, None
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", None
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", None
    bad = _bad_offset(path, "utf-8")
    if bad is None:
        return "utf-8-sig", None
    line = _line_of(path, bad)
    for encoding, label in (("cp1252", "Windows-1252"), ("latin-1", "Latin-1 (ISO-8859-1)")):
        if encoding == "latin-1" or _bad_offset(path, encoding) is None:
            return encoding, say(QT_TRANSLATE_NOOP(
                "Import", "The file is not UTF-8 (first non-UTF-8 byte on line %1); it was read as %2. Check that "
                          "accented names look right."), line, label)
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def _sample(path: Path, encoding: str) -> str:
    with path.open("rb") as fh:
        raw = fh.read(_SAMPLE_BYTES)
    text = raw.decode(encoding, errors="replace")
    if len(raw) == _SAMPLE_BYTES:
        cut = max(text.rfind("\n"), text.rfind("\r"))
        if cut > 0:
            text = text[:cut]
    return text


def _consistent(sample: str, delimiter: str) -> tuple[int, float]:
    """(fields in the first row, share of sample rows with that many fields)."""
    try:
        rows = [r for r in csv.reader(io.StringIO(sample), delimiter=delimiter, quotechar='"') if r][:50]
    except csv.Error:
        return 0, 0.0
    if not rows:
        return 0, 0.0
    widths = [len(r) for r in rows]
    width = max(set(widths), key=lambda w: (widths.count(w), w))  # the most common (a title row has one field)
    return width, widths.count(width) / len(rows)


def _sniff_delimiter(sample: str) -> str:
    """The delimiter: csv.Sniffer's guess, checked against how each candidate splits the sample.

    Preferred, in order: more than one column; the same number of fields in at least 80% of the sample
    rows; the most columns (a decimal comma in every row of a semicolon file must not win); the Sniffer's
    choice; the most consistent.
    """
    lines = sample.splitlines()[:30]
    try:
        sniffed = csv.Sniffer().sniff("\n".join(lines), delimiters=CANDIDATE_DELIMITERS).delimiter
    except csv.Error:
        sniffed = None
    scored = []
    for delimiter in CANDIDATE_DELIMITERS:
        width, share = _consistent(sample, delimiter)
        scored.append(((width > 1, share >= 0.8, width, delimiter == sniffed, share), delimiter))
    best = max(scored)
    return best[1] if best[0][0] else (sniffed or ",")


class CsvTable(Table):
    kind = "csv"

    def __init__(self, path: Path, mapping: Mapping) -> None:
        super().__init__(path, mapping.header_row)
        self.size = path.stat().st_size
        if self.size == 0:
            raise _fail(say(_EMPTY))
        self.encoding, notice = _detect_encoding(path, mapping.encoding)
        if notice:
            self.notices.append(notice)
        sample = _sample(path, self.encoding)
        if not sample.strip().strip("\ufeff"):
            raise _fail(say(_EMPTY))
        self.delimiter = mapping.delimiter or _sniff_delimiter(sample)
        self._binary: io.BufferedReader | None = None
        self._text: io.TextIOWrapper | None = None
        self._open()

    def _open(self) -> None:
        self._binary = self.path.open("rb")
        self._text = io.TextIOWrapper(self._binary, encoding=self.encoding, newline="", errors="strict")
        self._reader = csv.reader(self._text, delimiter=self.delimiter, quotechar='"', doublequote=True,
                                  strict=False)
        counter = [0]

        def numbered() -> Iterator[tuple[int, Sequence[Any]]]:
            for number, cells in enumerate(self._reader, 1):
                counter[0] = number
                yield number, cells

        try:
            found = self._take_header(numbered())
        except (csv.Error, UnicodeDecodeError) as exc:
            self.close()
            raise self.problem(counter[0] + 1, exc) from None
        except BaseException:
            self.close()
            raise
        if found:
            return
        self.close()
        raise _fail(say(_EMPTY) if counter[0] == 0 else
                    say(QT_TRANSLATE_NOOP("Import", "The file has fewer than %1 rows."), self.header_row))

    def data_rows(self) -> Iterator[Sequence[Any]]:
        if self._after_header:
            return itertools.chain(self._after_header, self._reader)
        return self._reader

    def reopen(self) -> CsvTable:
        """The same file from the start (for writing rejected rows)."""
        self.close()
        self._open()
        return self

    def fraction(self) -> float | None:
        if self._binary is None or self._binary.closed or not self.size:
            return None
        return min(1.0, self._binary.tell() / self.size)

    def close(self) -> None:
        text = getattr(self, "_text", None)  # None too when __init__ failed before opening
        if text is not None:
            text.close()  # closes the binary file too
            self._text = None
        if self._binary is not None:
            self._binary.close()

    def describe(self) -> str:
        return say(QT_TRANSLATE_NOOP("Import", "%1-separated, %2"),
                   DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter)), self.encoding)


# ------------------------------------------------------------------------------------- Excel


class XlsxTable(Table):
    kind = "xlsx"

    def __init__(self, path: Path, mapping: Mapping) -> None:
        super().__init__(path, mapping.header_row)
        self._sheet_name = mapping.sheet
        # The workbook's sheets, and the one being read.
        self.sheet_names: list[str] = []
        self.sheet_name: str | None = None
        self._wb: Any = None
        self._ws: Any = None
        self._done = 0
        self.total: int | None = None
        self._rows: Generator[tuple[int, Sequence[Any]], None, None] | None = None
        self._iter: Any = None
        self._fh: Any = None
        self._open()

    def _open(self) -> None:
        import openpyxl

        self._fh = self.path.open("rb")  # ours to close, whatever openpyxl manages to do with it
        try:
            check_workbook_limits(self._fh, self.path.name)
        except BaseException:
            self.close()
            raise
        self._fh.seek(0)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self._wb = openpyxl.load_workbook(self._fh, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - anything openpyxl/zipfile raise means "not a workbook"
            self.close()
            raise _fail(say(QT_TRANSLATE_NOOP("Import", "%1 is not an Excel .xlsx workbook (%2)."), self.path.name,
                            _short(exc))) from None
        try:
            self._select_sheet()
        except BaseException:
            self.close()
            raise

    def _select_sheet(self) -> None:
        names = list(self._wb.sheetnames)
        if not names:
            raise _fail(say(QT_TRANSLATE_NOOP("Import", "The workbook has no sheets.")))
        name = names[0]
        if self._sheet_name:
            matches = [n for n in names if n == self._sheet_name] or [
                n for n in names if n.casefold() == self._sheet_name.casefold()]
            if matches:
                name = matches[0]
            elif len(names) > 1:
                raise _fail(say(QT_TRANSLATE_NOOP("Import", "The workbook has no sheet '%1' (sheets: %2)."),
                                self._sheet_name, ", ".join(names)))
        self._ws = self._wb[name]
        self.sheet_names = names
        self.sheet_name = name
        if name != names[0] or len(names) > 1:
            self.notices.append(say(QT_TRANSLATE_NOOP("Import", "Read the sheet '%1'."), name))
        try:
            max_row = self._ws.max_row
            self.total = int(max_row) if isinstance(max_row, int) and max_row > 0 else None
        except Exception:  # noqa: BLE001
            self.total = None
        self._rows = self._numbered()
        try:
            found = self._take_header(self._rows)
        except BaseException:
            self.close()
            raise
        if found:
            return
        self.close()
        raise _fail(say(QT_TRANSLATE_NOOP("Import", "The sheet is empty.")) if self.header_row == 1 else
                    say(QT_TRANSLATE_NOOP("Import", "The sheet has fewer than %1 rows."), self.header_row))

    def _numbered(self) -> Generator[tuple[int, Sequence[Any]], None, None]:
        number = 0
        try:
            iterator = self._iter = self._ws.iter_rows(values_only=True)
        except Exception as exc:  # noqa: BLE001
            raise _fail(say(QT_TRANSLATE_NOOP("Import", "The workbook cannot be read (%1)."), _short(exc)), 1) from None
        while True:
            try:
                cells = next(iterator)
            except StopIteration:
                return
            except Exception as exc:  # noqa: BLE001 - a damaged workbook can fail in many ways
                raise _fail(say(QT_TRANSLATE_NOOP("Import", "The workbook cannot be read here (%1)."), _short(exc)),
                            number + 1) from None
            number += 1
            self._done = number
            yield number, cells

    def data_rows(self) -> Iterator[Sequence[Any]]:
        rows = self._rows
        if rows is None:
            raise RuntimeError("the workbook is closed")  # a programming error: reopen() first
        rest = (cells for _number, cells in rows)
        return itertools.chain(self._after_header, rest) if self._after_header else rest

    def reopen(self) -> XlsxTable:
        self.close()
        self._open()
        return self

    def fraction(self) -> float | None:
        return min(1.0, self._done / self.total) if self.total else None

    def close(self) -> None:
        # The sheet's row generator holds a file inside the archive open: close it first, then the archive.
        # Closing a broken archive must not hide the real problem (nor fail a read that went well): logged only.
        for generator in (self._rows, self._iter):
            if generator is not None:
                try:
                    generator.close()
                except Exception:
                    log.debug("closing the rows of %s failed", self.path, exc_info=True)
        self._rows = self._iter = None
        if self._wb is not None:
            try:
                self._wb.close()
            except Exception:
                log.debug("closing the workbook %s failed", self.path, exc_info=True)
            self._wb = None
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def describe(self) -> str:
        return say(QT_TRANSLATE_NOOP("Import", "Excel workbook"))


def _header(cells: Sequence[Any], number: int) -> list[str]:
    header = [cell_text(c) for c in cells]
    while header and not header[-1]:
        header.pop()
    if not any(header):
        raise _fail(say(QT_TRANSLATE_NOOP("Import", "The header row is empty: the first row must name the columns.")),
                    number)
    return header


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "…"


def open_table(path: str | Path, mapping: Mapping) -> Table:
    """Open an export for reading (CSV or .xlsx by content and name)."""
    path = Path(path)
    try:
        if not path.exists():
            raise _fail(say(QT_TRANSLATE_NOOP("Import", "There is no file %1."), str(path)))
        if path.is_dir():
            raise _fail(say(QT_TRANSLATE_NOOP("Import", "%1 is a folder, not a file."), str(path)))
        with path.open("rb") as fh:
            start = fh.read(SNIFF_BYTES)
        head = start[:8]
    except OSError as exc:
        raise _fail(say(_CANNOT_READ, str(path), str(exc.strerror or exc))) from None
    suffix = path.suffix.lower()
    if suffix == ".xls" or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _fail(say(QT_TRANSLATE_NOOP("Import", "Old Excel .xls files cannot be read: save the sheet as .xlsx or "
                                                    "CSV.")))
    binary = binary_kind(start)
    if binary is not None:
        raise _fail(say(QT_TRANSLATE_NOOP("Import", "%1 is not a text table (it looks like %2): export the report "
                                                    "from the CRM as CSV or Excel .xlsx."), path.name, binary))
    try:
        if suffix in (".xlsx", ".xlsm") or (head.startswith(b"PK\x03\x04") and zipfile.is_zipfile(path)):
            if not head.startswith(b"PK"):
                raise _fail(say(QT_TRANSLATE_NOOP("Import", "%1 is not an Excel .xlsx workbook (it is not a zip "
                                                            "archive)."), path.name))
            if not holds_workbook(path):
                raise _fail(say(QT_TRANSLATE_NOOP(
                    "Import", "%1 is a zip archive but not an Excel .xlsx workbook (there is no workbook in it): "
                              "export the report from the CRM as CSV or Excel .xlsx, or unpack the archive first."),
                    path.name))
            return XlsxTable(path, mapping)
        return CsvTable(path, mapping)
    except OSError as exc:
        raise _fail(say(_CANNOT_READ, str(path), str(exc.strerror or exc))) from None


_EMPTY = QT_TRANSLATE_NOOP("Import", "The file is empty.")
_CANNOT_READ = QT_TRANSLATE_NOOP("Import", "Cannot read %1: %2.")


def iter_text_rows(table: Table, width: int) -> Iterator[tuple[int, list[str]]]:
    """Data rows as text cells padded to ``width`` (for the rejected-rows file)."""
    for number, cells in table.numbered():
        texts = [cell_text(c) if not isinstance(c, str) else c for c in cells]
        if len(texts) < width:
            texts += [""] * (width - len(texts))
        yield number, texts
