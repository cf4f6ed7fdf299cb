"""Blocks placed on A4 pages and painted into a PDF file with Qt's own writer (``QPdfWriter`` + ``QPainter``).

:func:`paginate` flows blocks down pages: a block that does not fit splits
(text between lines, tables between rows) or moves to the next page; a block
marked ``keep_with_next`` (a heading) moves with the start of what follows;
:class:`~pdsa_desk.ui.pdf.blocks.PageBreak` starts a page. :func:`write_pdf`
lays out and paints a document, with a caller's running header and footer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPageLayout, QPageSize, QPainter, QPdfWriter

from pdsa_desk.core.errors import ValidationError
from pdsa_desk.ui.pdf.blocks import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, Block, Style

__all__ = ["Frame", "Page", "fit_single_pages", "paginate", "write_pdf"]

#: Paints a page's running header and footer: ``frame(painter, style, page number, page count, page size)``.
Frame = Callable[[QPainter, Style, int, int, QSizeF], None]


@dataclass
class Page:
    """The blocks on one page, each with the y at which it is drawn."""

    items: list[tuple[Block, float]] = field(default_factory=list)


def _needed(queue: Sequence[Block], i: int, st: Style, width: float) -> float:
    """The height block ``i`` needs on its page: with a heading (or lead-in), the chain after it and then a few
    lines of the next block."""
    need = queue[i].height(st, width)
    j = i
    while queue[j].keep_with_next and j + 1 < len(queue) and not queue[j + 1].page_break_before:
        j += 1
        nxt = queue[j]
        nh = nxt.height(st, width)
        if not nxt.keep_with_next:
            first = nxt.split(st, width, 3 * st.metrics(st.font(10)).height())
            nh = min(nh, first[0].height(st, width)) if first else nh
        need += nxt.space_before + nh
    return need


def paginate(blocks: Sequence[Block], st: Style, width: float, top: float, bottom: float) -> list[Page]:
    """The blocks on pages between ``top`` and ``bottom`` (split, moved on or shrunk so that nothing runs over)."""
    pages = [Page()]
    y = top
    queue = list(blocks)
    i = 0
    while i < len(queue):
        block = queue[i]
        page = pages[-1]
        if block.page_break_before:
            if page.items:
                pages.append(Page())
                y = top
            i += 1
            continue
        gap = block.space_before if page.items else 0.0
        h = block.height(st, width)
        if y + gap + _needed(queue, i, st, width) <= bottom or (not page.items and y + gap + h <= bottom):
            page.items.append((block, y + gap))
            y += gap + h
            i += 1
            continue
        room = bottom - y - gap
        parts = block.split(st, width, room) if not block.keep_with_next and room > 0 else None
        if parts is not None:
            head, tail = parts
            page.items.append((head, y + gap))
            queue[i] = tail
        if parts is not None or page.items:
            pages.append(Page())
            y = top
            continue
        if block.shrink(y + h - bottom):  # taller than a page: shrink it (a chart)
            continue
        page.items.append((block, y))  # taller than a page and cannot shrink: it runs over the bottom margin
        y += h
        i += 1
    return pages


def fit_single_pages(blocks: Sequence[Block], st: Style, width: float, room: float) -> None:
    """Shrink the chart of a part that starts a page (after a page break) so that the part fits on that page."""
    groups: list[list[Block]] = [[]]
    for block in blocks:
        if block.page_break_before:
            groups.append([])
        else:
            groups[-1].append(block)
    for group in groups[1:]:
        charts = [b for b in group if b.shrinkable]
        if len(charts) != 1:
            continue
        total = sum(b.height(st, width) + (b.space_before if i else 0.0) for i, b in enumerate(group))
        if total > room:
            charts[0].shrink(total - room)


def write_pdf(path: str | Path, blocks: Sequence[Block], *, title: str, frame: Frame) -> int:
    """Lay ``blocks`` out on A4 pages and write them as a PDF to ``path``; returns the page count.

    GUI thread (charts draw widgets). The file appears only once complete (written beside it, then renamed);
    :class:`ValidationError` when its folder does not exist. Every block is disposed of afterwards.
    """
    if QGuiApplication.instance() is None:
        raise RuntimeError("write_pdf needs a QApplication")
    path = Path(path)
    if not path.parent.exists():
        raise ValidationError(f"The folder {path.parent} does not exist.", "path")
    tmp = path.with_name(f".{path.name}.part")
    writer = QPdfWriter(str(tmp))
    writer.setResolution(96)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
    writer.setTitle(title)
    writer.setCreator("pdsa-desk")
    st = Style(writer)
    size = QSizeF(writer.width(), writer.height())
    width = size.width() - 2 * MARGIN_X
    top, bottom = MARGIN_TOP, size.height() - MARGIN_BOTTOM
    try:
        fit_single_pages(blocks, st, width, bottom - top)
        pages = paginate(blocks, st, width, top, bottom)
        painter = QPainter(writer)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            for n, page in enumerate(pages, 1):
                if n > 1:
                    writer.newPage()
                painter.fillRect(QRectF(0, 0, size.width(), size.height()), QBrush(QColor("white")))
                for block, y in page.items:
                    block.draw(painter, st, MARGIN_X, y, width)
                frame(painter, st, n, len(pages), size)
        finally:
            painter.end()  # finishes and closes the PDF file
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        for block in blocks:
            block.dispose()
    return len(pages)
