"""Is a file a text table or a workbook at all? Told from its first bytes, before any parsing.

:func:`binary_kind` names what a file that is not text is (a PDF, an image, an archive, "a binary file"
when it is mostly control characters); :func:`holds_workbook` tells a zip that is an Excel workbook from
one that is not. :func:`pdsa_desk.core.importing.reader.open_table` refuses such files with a message
that says what the file is, so the import wizard stops on its first page.
"""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

from pdsa_desk.core.importing.texts import QT_TRANSLATE_NOOP, say

SNIFF_BYTES = 8192
# What a file is, told by its first bytes (messages the UI translates, see :mod:`pdsa_desk.core.importing.texts`).
_PNG, _PDF = say(QT_TRANSLATE_NOOP("Import", "a PNG image")), say(QT_TRANSLATE_NOOP("Import", "a PDF document"))
_TIFF = say(QT_TRANSLATE_NOOP("Import", "a TIFF image"))
_BINARY = say(QT_TRANSLATE_NOOP("Import", "a binary file"))
_SIGNATURES = ((b"\x89PNG", _PNG), (b"%PDF", _PDF), (b"GIF8", say(QT_TRANSLATE_NOOP("Import", "a GIF image"))),
               (b"\xff\xd8\xff", say(QT_TRANSLATE_NOOP("Import", "a JPEG image"))), (b"BM", None),
               (b"\x1f\x8b", say(QT_TRANSLATE_NOOP("Import", "a gzip archive"))),
               (b"7z\xbc\xaf", say(QT_TRANSLATE_NOOP("Import", "a 7-Zip archive"))),
               (b"Rar!", say(QT_TRANSLATE_NOOP("Import", "a RAR archive"))), (b"II*\x00", _TIFF),
               (b"MM\x00*", _TIFF), (b"RIFF", say(QT_TRANSLATE_NOOP("Import", "a RIFF (WebP, WAV, AVI) file"))))


def binary_kind(start: bytes) -> str | None:
    """What a file that is neither text nor a zip (workbook) is, or None: images and PDFs by their signature,
    anything else by a NUL byte in its first 8 KB (unless it is UTF-16 text)."""
    for signature, what in _SIGNATURES:
        if what and start.startswith(signature):
            return what
    if start.startswith((b"PK", codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if b"%PDF-" in start[:1024]:  # a PDF after a few stray bytes (a mail client's or a download's prefix)
        return _PDF
    if b"\x00" in start:
        return _BINARY
    return _junk(start)


# Bytes no text table holds: C0 control characters other than tab, line feed, form feed, carriage return.
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D} | {0x7F}


def _junk(start: bytes) -> str | None:
    """"a binary file" when the start is not text: more than 1 % control characters, or (for a file that is not
    UTF-8, which would otherwise be read as Latin-1) more than 5 % of bytes 0x80-0x9F, which Latin-1 reads as
    invisible control characters and Windows-1252 text holds only now and then (quotes, €)."""
    if not start:
        return None
    if sum(b in _CONTROL for b in start) > 0.01 * len(start):
        return _BINARY
    try:
        start.decode("utf-8")
        return None
    except UnicodeDecodeError as exc:
        if exc.start >= len(start) - 3:  # a character cut at the end of the sample
            return None
    if sum(0x80 <= b <= 0x9F for b in start) > 0.05 * len(start):
        return _BINARY
    return None


def holds_workbook(path: Path) -> bool:
    """Whether the zip archive has the parts of an Excel workbook (a damaged one is left to openpyxl to explain)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return True
    return "xl/workbook.xml" in names or "[Content_Types].xml" in names
