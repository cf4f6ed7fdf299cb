"""A small PDF layout engine on Qt: blocks (text, tables, charts) flowed down A4 pages and painted vector.

* :mod:`~pdsa_desk.ui.pdf.blocks` — the blocks and the page geometry (:data:`~pdsa_desk.ui.pdf.blocks.MM`);
* :mod:`~pdsa_desk.ui.pdf.chart` — a conversion chart as a block (the app's chart widget, drawn as vectors);
* :mod:`~pdsa_desk.ui.pdf.document` — pagination and :func:`~pdsa_desk.ui.pdf.document.write_pdf`.

Hand-written because Qt has no paginating layout for mixed text, tables and widgets (``QTextDocument``
paginates text only); it knows nothing of what a document says: :mod:`pdsa_desk.ui.report` composes the
weekly report from its content.
"""

from __future__ import annotations

from pdsa_desk.ui.pdf.blocks import (
    ACCENT,
    GOOD,
    INK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MM,
    MUTED,
    RULE,
    WARN,
    Banner,
    Block,
    Column,
    Heading,
    PageBreak,
    Spacer,
    Style,
    Table,
    Text,
    esc,
)
from pdsa_desk.ui.pdf.chart import Chart
from pdsa_desk.ui.pdf.document import Frame, Page, fit_single_pages, paginate, write_pdf

__all__ = [
    "ACCENT",
    "GOOD",
    "INK",
    "MARGIN_BOTTOM",
    "MARGIN_TOP",
    "MARGIN_X",
    "MM",
    "MUTED",
    "RULE",
    "WARN",
    "Banner",
    "Block",
    "Chart",
    "Column",
    "Frame",
    "Heading",
    "Page",
    "PageBreak",
    "Spacer",
    "Style",
    "Table",
    "Text",
    "esc",
    "fit_single_pages",
    "paginate",
    "write_pdf",
]
