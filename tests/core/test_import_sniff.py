"""The importer refuses, before parsing, a file that is not a text table or a workbook (core/importing/sniff.py),
on real files made in tmp_path; real tables still open."""

from __future__ import annotations

import random
import struct
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest

from pdsa_desk.core.importing.mapping import Mapping
from pdsa_desk.core.importing.preview import read_file_info
from pdsa_desk.core.importing.reader import open_table
from pdsa_desk.core.importing.results import ImportProblems


def _png(path: Path) -> None:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _pdf(path: Path, prefix: bytes = b"") -> None:
    path.write_bytes(prefix + b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                     b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")


def _zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("deals.txt", "name,stage\nAcme,Lead\n")


def _junk(path: Path) -> None:  # high bytes only: no NUL, and Latin-1 would "read" it
    rng = random.Random(7)
    path.write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(4000)))


def _controls(path: Path) -> None:
    rng = random.Random(8)
    path.write_bytes(bytes(rng.randrange(1, 0x20) for _ in range(4000)))


@pytest.mark.parametrize(("make", "name", "says"), [
    (_pdf, "export.pdf", "it looks like a PDF document"),
    (lambda p: _pdf(p, b"\r\n  "), "export.csv", "it looks like a PDF document"),
    (_png, "export.png", "it looks like a PNG image"),
    (_zip, "export.zip", "is a zip archive but not an Excel .xlsx workbook"),
    (_zip, "export.xlsx", "is a zip archive but not an Excel .xlsx workbook"),
    (_junk, "export.csv", "it looks like a binary file"),
    (_controls, "export.txt", "it looks like a binary file"),
])
def test_a_file_that_is_not_a_table_is_refused_saying_what_it_is(tmp_path: Path, make, name: str, says: str) -> None:
    path = tmp_path / name
    make(path)
    with pytest.raises(ImportProblems, match=says):
        open_table(path, Mapping())
    with pytest.raises(ImportProblems, match=says):  # the wizard's first page reads through here
        read_file_info(path)


def test_real_tables_still_open(tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes("name;stage;amount\nMüller GmbH;Lead;1200\n“Zoë” Café;Won;€ 300\n".encode("cp1252"))
    assert read_file_info(latin).header == ["name", "stage", "amount"]
    book = tmp_path / "deals.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["name", "stage"])
    wb.active.append(["Acme", "Lead"])
    wb.save(book)
    assert read_file_info(book).header == ["name", "stage"]
