"""The PDF layout engine's blocks: text, headings, banners and tables, measured and split across pages.

A :class:`Block` is measured (:meth:`Block.height` at a text width), may split
into two parts at a height (:meth:`Block.split`: text between lines, tables
between rows), and is drawn with a ``QPainter`` at (x, y). Sizes are device
pixels of a 96-dpi writer (:data:`MM` per millimetre); fonts are in points.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextOption,
)

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
    "Column",
    "Heading",
    "PageBreak",
    "Spacer",
    "Style",
    "Table",
    "Text",
    "esc",
]

MM = 96 / 25.4  # device pixels per millimetre (the writer works at 96 dpi, like the widgets it draws)
MARGIN_X = 20 * MM
MARGIN_TOP = 20 * MM
MARGIN_BOTTOM = 22 * MM
INK = QColor("#1a1a1a")
MUTED = QColor("#555555")
RULE = QColor("#b8b8b8")
ACCENT = QColor("#0072B2")  # Okabe-Ito blue
WARN = QColor("#E69F00")  # Okabe-Ito orange
GOOD = QColor("#009E73")  # Okabe-Ito green


def esc(text: object) -> str:
    """``text`` escaped for the blocks' rich text."""
    return html.escape(str(text), quote=False)


class Style:
    """Fonts of the document (the app's font family, sizes in points) measured on its writer."""

    def __init__(self, device: QPdfWriter) -> None:
        self.device = device
        self.family = QGuiApplication.font().family()

    def font(self, size: float, *, bold: bool = False, italic: bool = False) -> QFont:
        f = QFont(self.family)
        f.setPointSizeF(size)
        f.setBold(bold)
        f.setItalic(italic)
        return f

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.device)


class Block:
    """Something placed on a page: measured, then drawn at (x, y) with the text width."""

    keep_with_next = False
    page_break_before = False
    space_before = 0.0
    #: It can be drawn shorter (:meth:`shrink`): a chart.
    shrinkable = False

    def height(self, st: Style, width: float) -> float:
        raise NotImplementedError

    def split(self, st: Style, width: float, room: float) -> tuple[Block, Block] | None:
        """Two parts, the first at most ``room`` tall; None when it cannot be split there."""
        return None

    def shrink(self, excess: float) -> bool:
        """Become ``excess`` shorter if the block can (a chart can); False when it cannot shrink any more."""
        return False

    def dispose(self) -> None:
        """Let go of what drawing needed (a chart's widget); the document calls it once the file is written."""

    def draw(self, p: QPainter, st: Style, x: float, y: float, width: float) -> None:
        raise NotImplementedError


class PageBreak(Block):
    page_break_before = True

    def height(self, st: Style, width: float) -> float:
        return 0.0

    def draw(self, p: QPainter, st: Style, x: float, y: float, width: float) -> None:
        pass


class Spacer(Block):
    def __init__(self, h: float) -> None:
        self.h = h

    def height(self, st: Style, width: float) -> float:
        return self.h

    def draw(self, p: QPainter, st: Style, x: float, y: float, width: float) -> None:
        pass


_BODY_CSS = "p { margin: 0; } ul { margin-top: 2px; margin-bottom: 0; } li { margin-bottom: 2px; }"


class Text(Block):
    """Rich text (a small HTML subset) laid out by QTextDocument; splits between lines."""

    def __init__(self, html_text: str, size: float = 10.0, *, bold: bool = False, colour: QColor = INK,
                 space_before: float = 0.0, keep_with_next: bool = False, indent: float = 0.0,
                 _doc: QTextDocument | None = None, _start: float = 0.0, _stop: float | None = None) -> None:
        self.html_text = html_text
        self.size = size
        self.bold = bold
        self.colour = colour
        self.space_before = space_before
        self.keep_with_next = keep_with_next
        self.indent = indent
        self._doc = _doc
        self._start = _start
        self._stop = _stop

    def doc(self, st: Style, width: float) -> QTextDocument:
        if self._doc is None or abs(self._doc.textWidth() - (width - self.indent)) > 0.5:
            doc = QTextDocument()
            doc.documentLayout().setPaintDevice(st.device)
            doc.setDefaultFont(st.font(self.size, bold=self.bold))
            doc.setDefaultStyleSheet(_BODY_CSS)
            doc.setDocumentMargin(0)
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            doc.setDefaultTextOption(option)
            doc.setHtml(f"<div style='color:{self.colour.name()}'>{self.html_text}</div>")
            doc.setTextWidth(width - self.indent)
            self._doc = doc
        return self._doc

    def _full(self, st: Style, width: float) -> float:
        return self.doc(st, width).size().height()

    def height(self, st: Style, width: float) -> float:
        stop = self._full(st, width) if self._stop is None else self._stop
        return stop - self._start

    def _line_bottoms(self, st: Style, width: float) -> list[float]:
        doc = self.doc(st, width)
        layout = doc.documentLayout()
        bottoms = []
        block = doc.begin()
        while block.isValid():
            top = layout.blockBoundingRect(block).top()
            lines = block.layout()
            for i in range(lines.lineCount()):
                line = lines.lineAt(i)
                bottoms.append(top + line.y() + line.height())
            block = block.next()
        return sorted(bottoms)

    def split(self, st: Style, width: float, room: float) -> tuple[Block, Block] | None:
        stop = self._full(st, width) if self._stop is None else self._stop
        cuts = [b for b in self._line_bottoms(st, width) if self._start < b <= self._start + room and b < stop - 1]
        if not cuts:
            return None
        cut = cuts[-1]
        head = Text(self.html_text, self.size, bold=self.bold, colour=self.colour, indent=self.indent, _doc=self._doc,
                    space_before=self.space_before, _start=self._start, _stop=cut)
        tail = Text(self.html_text, self.size, bold=self.bold, colour=self.colour, indent=self.indent, _doc=self._doc,
                    _start=cut, _stop=stop)
        return head, tail

    def draw(self, p: QPainter, st: Style, x: float, y: float, width: float) -> None:
        doc = self.doc(st, width)
        h = self.height(st, width)
        p.save()
        p.translate(x + self.indent, y - self._start)
        doc.drawContents(p, QRectF(0, self._start, width - self.indent, h))
        p.restore()


class Heading(Text):
    """A section heading; level 1 has an accent rule under it. Never left alone at the bottom of a page."""

    SIZES: ClassVar[dict[int, float]] = {1: 15.0, 2: 12.0, 3: 10.5}
    SPACE: ClassVar[dict[int, float]] = {1: 4 * MM, 2: 4 * MM, 3: 3 * MM}

    def __init__(self, text: str, level: int = 1, *, colour: QColor = INK) -> None:
        super().__init__(esc(text), self.SIZES[level], bold=True, colour=colour, space_before=self.SPACE[level],
                         keep_with_next=True)
        self.level = level

    def split(self, st: Style, width: float, room: float) -> tuple[Block, Block] | None:
        return None

    def height(self, st: Style, width: float) -> float:
        return super().height(st, width) + (2.5 * MM if self.level == 1 else 1.2 * MM)

    def draw(self, p: QPainter, st: Style, x: float, y: float, width: float) -> None:
        super().draw(p, st, x, y, width)
        if self.level == 1:
            h = super().height(st, width)
            p.save()
            p.setPen(QPen(ACCENT, 1.2))
            p.drawLine(QPointF(x, y + h + 1.2 * MM), QPointF(x + width, y + h + 1.2 * MM))
            p.restore()


class Banner(Text):
    """A paragraph with a coloured bar on its left and a light tint behind it (verdicts)."""

    def __init__(self, html_text: str, colour: QColor, *, space_before: float = 2 * MM) -> None:
        super().__init__(html_text, 10.0, space_before=space_before, indent=4 * MM)
        self.bar = colour

    def split(self, st: Style, width: float, room: float) -> tuple[Block, Block] | None:
        return None

    def height(self, st: Style, width: float) -> float:
        return super().height(st, width) + 3 * MM

    def draw(self, p: QPainter, st: Style, x: float, y: float, width: float) -> None:
        h = self.height(st, width)
        tint = QColor(self.bar)
        tint.setAlpha(28)
        p.save()
        p.fillRect(QRectF(x, y, width, h), tint)
        p.fillRect(QRectF(x, y, 1.2 * MM, h), self.bar)
        p.restore()
        super().draw(p, st, x, y + 1.5 * MM, width)


@dataclass
class Column:
    title: str
    weight: float
    align: str = "left"  # left | right
    bold: bool = False
    muted: bool = False
    wrap: bool = True  # False: never narrower than its widest cell (numbers)

    def __post_init__(self) -> None:
        if self.align == "right":
            self.wrap = False


class Table(Block):
    """A table with thin rules; rows wrap their text and the table splits between rows (repeating the header)."""

    PAD_X = 1.2 * MM
    PAD_Y = 0.8 * MM

    def __init__(self, columns: Sequence[Column], rows: Sequence[Sequence[str]], *, header: bool = True,
                 size: float = 9.0, space_before: float = 1.5 * MM) -> None:
        self.columns = list(columns)
        self.rows = [list(r) for r in rows]
        self.header = header
        self.size = size
        self.space_before = space_before
        self._cached: tuple[float, list[float]] | None = None
        self._flags = int(Qt.TextFlag.TextWordWrap)

    def _widths(self, st: Style, width: float) -> list[float]:
        """Automatic widths: every column gets its one-line width when they all fit (headers may wrap);
        otherwise numbers keep theirs and the text columns share the rest, never narrower than a word."""
        if self._cached is not None and self._cached[0] == width:
            return self._cached[1]
        pad = 2 * self.PAD_X + 1
        natural, least = [], []
        for i, col in enumerate(self.columns):
            fm = st.metrics(self._font(st, col))
            body = [str(r[i]) for r in self.rows]
            nat = max([0.0, *(fm.horizontalAdvance(t) for t in body)])
            low = max([0.0, *(fm.horizontalAdvance(w) for t in body for w in t.split())])
            if self.header:
                hm = st.metrics(self._font(st, None))
                low = max([low, *(hm.horizontalAdvance(w) for w in col.title.split())])
            if not col.wrap:
                low = nat = max(nat, low)
            natural.append(max(nat, low) + pad)
            least.append(low + pad)
        if sum(natural) <= width:
            extra = width - sum(natural)
            total = sum(c.weight for c in self.columns)
            widths = [n + extra * c.weight / total for n, c in zip(natural, self.columns, strict=True)]
        elif sum(least) <= width:
            spare = width - sum(least)
            want = [n - m for n, m in zip(natural, least, strict=True)]
            widths = [m + (spare * w / sum(want) if sum(want) else 0.0) for m, w in zip(least, want, strict=True)]
        else:  # even single words do not fit: share the width and break words anywhere
            widths = [m * width / sum(least) for m in least]
            self._flags = int(Qt.TextFlag.TextWrapAnywhere)
        self._cached = (width, widths)
        return widths

    def _font(self, st: Style, col: Column | None) -> QFont:
        return st.font(self.size, bold=col is None or col.bold)

    def _cell_h(self, st: Style, text: str, font: QFont, w: float) -> float:
        rect = st.metrics(font).boundingRect(QRectF(0, 0, max(1.0, w - 2 * self.PAD_X), 1e6),
                                             self._flags, text)
        return rect.height() + 2 * self.PAD_Y

    def _row_heights(self, st: Style, width: float) -> tuple[float, list[float]]:
        widths = self._widths(st, width)
        head = 0.0
        if self.header:
            head = max(self._cell_h(st, c.title, self._font(st, None), w)
                       for c, w in zip(self.columns, widths, strict=True))
        rows = [max(self._cell_h(st, t, self._font(st, c), w) for t, c, w in zip(r, self.columns, widths, strict=True))
                for r in self.rows]
        return head, rows

    def height(self, st: Style, width: float) -> float:
        head, rows = self._row_heights(st, width)
        return head + sum(rows) + 1

    def split(self, st: Style, width: float, room: float) -> tuple[Block, Block] | None:
        head, rows = self._row_heights(st, width)
        used, k = head + 1, 0
        while k < len(rows) and used + rows[k] <= room:
            used += rows[k]
            k += 1
        if k == 0 or k >= len(rows):
            return None
        first = Table(self.columns, self.rows[:k], header=self.header, size=self.size, space_before=self.space_before)
        rest = Table(self.columns, self.rows[k:], header=self.header, size=self.size, space_before=0)
        for part in (first, rest):  # the same column widths on both pages
            part._cached, part._flags = self._cached, self._flags  # noqa: SLF001
        return first, rest

    def _draw_row(self, p: QPainter, st: Style, cells: Sequence[str], x: float, y: float, widths: list[float],
                  h: float, *, header: bool) -> None:
        cx = x
        for text, col, w in zip(cells, self.columns, widths, strict=True):
            p.setFont(self._font(st, None if header else col))
            p.setPen(MUTED if (header or col.muted) else INK)
            align = Qt.AlignmentFlag.AlignRight if col.align == "right" else Qt.AlignmentFlag.AlignLeft
            rect = QRectF(cx + self.PAD_X, y + self.PAD_Y, w - 2 * self.PAD_X, h - 2 * self.PAD_Y)
            p.drawText(rect, int(align | Qt.AlignmentFlag.AlignTop) | self._flags, text)
            cx += w

    def draw(self, p: QPainter, st: Style, x: float, y: float, width: float) -> None:
        widths = self._widths(st, width)
        head, rows = self._row_heights(st, width)
        p.save()
        strong = QPen(INK, 0.8)
        thin = QPen(RULE, 0.4)
        if self.header:
            p.setPen(strong)
            p.drawLine(QPointF(x, y), QPointF(x + width, y))
            self._draw_row(p, st, [c.title for c in self.columns], x, y, widths, head, header=True)
            y += head
            p.setPen(strong)
            p.drawLine(QPointF(x, y), QPointF(x + width, y))
        for i, (cells, h) in enumerate(zip(self.rows, rows, strict=True)):
            self._draw_row(p, st, cells, x, y, widths, h, header=False)
            y += h
            last = i == len(rows) - 1
            p.setPen(strong if (last and self.header) else thin)
            p.drawLine(QPointF(x, y), QPointF(x + width, y))
        p.restore()

