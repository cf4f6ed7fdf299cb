"""Limits a workbook is checked against before it is parsed: a crafted .xlsx of 1.5 MB can expand to gigabytes.

:func:`check_workbook_limits` reads only the zip directory and each sheet's declared dimension, and refuses (as
:class:`~pdsa_desk.core.importing.results.ImportProblems`) a workbook over one of them.
"""

from __future__ import annotations

import re
import zipfile
from typing import Any

from pdsa_desk.core.importing.results import ImportProblems, Problem
from pdsa_desk.core.importing.texts import QT_TRANSLATE_NOOP, Count, say

# Limits checked in the archive's directory before a workbook is parsed (a crafted workbook of 1.5 MB can
# expand to gigabytes): the whole, its shared-string table (which openpyxl holds in memory), any part's
# compression ratio (past the first MiB), and a sheet's declared cells.
XLSX_MAX_UNCOMPRESSED = 2 << 30  # 2 GiB
XLSX_MAX_SHARED_STRINGS = 100 << 20  # 100 MiB of XML
XLSX_MAX_RATIO = 100
XLSX_MAX_CELLS = 50_000_000
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?\"")


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def check_workbook_limits(fh: Any, name: str) -> None:
    """Refuse a workbook over the limits above, from the zip directory and each sheet's declared dimension,
    before anything is parsed (:class:`ImportProblems`; a file that is not a zip archive is left to openpyxl)."""
    try:
        archive = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    with archive:
        infos = archive.infolist()
        total = sum(i.file_size for i in infos)
        if total > XLSX_MAX_UNCOMPRESSED:
            raise _refuse(say(QT_TRANSLATE_NOOP(
                "Import", "%1 is larger than this app reads from a workbook: it unpacks to %2 MiB (at most %3 MiB). "
                          "Export it as CSV instead."), name, Count(round(total / (1 << 20))),
                Count(XLSX_MAX_UNCOMPRESSED >> 20)))
        for info in infos:
            ratio = info.file_size / max(1, info.compress_size)
            if info.file_size > (1 << 20) and ratio > XLSX_MAX_RATIO:
                raise _refuse(say(QT_TRANSLATE_NOOP(
                    "Import", "%1 is larger than this app reads from a workbook: its part %2 unpacks %3 times larger "
                              "than it is stored (at most %4), as a crafted file does. Export it as CSV instead."),
                    name, info.filename, Count(round(ratio)), XLSX_MAX_RATIO))
            if info.filename.lower().endswith("sharedstrings.xml") and info.file_size > XLSX_MAX_SHARED_STRINGS:
                raise _refuse(say(QT_TRANSLATE_NOOP(
                    "Import", "%1 is larger than this app reads from a workbook: its shared text is %2 MiB (at most "
                              "%3 MiB). Export it as CSV instead."), name, Count(round(info.file_size / (1 << 20))),
                    XLSX_MAX_SHARED_STRINGS >> 20))
            if info.filename.lower().startswith("xl/worksheets/") and info.filename.lower().endswith(".xml"):
                try:
                    with archive.open(info) as part:
                        start = part.read(4096)
                except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
                    continue  # openpyxl says what is wrong with it
                m = _DIMENSION.search(start)
                if m and m.group(3):
                    rows = int(m.group(4)) - int(m.group(2)) + 1
                    cols = _column_number(m.group(3)) - _column_number(m.group(1)) + 1
                    if rows * cols > XLSX_MAX_CELLS:
                        raise _refuse(say(QT_TRANSLATE_NOOP(
                            "Import", "%1 is larger than this app reads from a workbook: a sheet declares %2 rows × "
                                      "%3 columns (at most %4 cells). Export it as CSV instead."),
                            name, Count(rows), Count(cols), Count(XLSX_MAX_CELLS)))


def _refuse(message: str) -> ImportProblems:
    return ImportProblems([Problem(None, None, message)])
