"""What "a layout that fits" means, checked on a shown widget tree (tests/ui/test_layout.py).

* no clipped text: a label (not word-wrapped), a button or a combo box whose text needs more room than it has;
  a tab bar whose tabs do not all fit (tabs behind scroll arrows); a table column narrower than its header;
  a scrolling page whose content is wider than the page;
* no overlap: two visible sibling widgets whose geometries intersect (more than a 1 px touch).

Widgets that sit on top of others by design (an overlay, a floating badge) carry the dynamic property
``overlay=True`` and are left out of the overlap check.
"""

from __future__ import annotations

from itertools import combinations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QWidget,
)

#: Children a composite widget manages itself (a combo box's line edit, a scroll area's scroll bars…).
_COMPOSITES = (QAbstractScrollArea, QAbstractSpinBox, QComboBox, QTabBar, QHeaderView)


def _where(widget: QWidget) -> str:
    name = widget.objectName()
    return f"{type(widget).__name__}{'#' + name if name else ''}"


def clipped(widget: QWidget) -> str | None:
    """Why a visible label, button, combo box, tab bar or table header does not show its whole text."""
    need = have = 0
    text = ""
    if isinstance(widget, QLabel):
        if widget.wordWrap() or not widget.text() or (widget.pixmap() is not None and not widget.pixmap().isNull()):
            return None
        text, need, have = widget.text(), widget.sizeHint().width(), widget.width()
    elif isinstance(widget, QAbstractButton) and not isinstance(widget.parent(), QTabBar):
        if not widget.text():
            return None
        text, need, have = widget.text(), widget.sizeHint().width(), widget.width()
    elif isinstance(widget, QComboBox) and not widget.isEditable():
        text = widget.currentText()
        if not text:
            return None
        opt = QStyleOptionComboBox()
        widget.initStyleOption(opt)
        field = widget.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                              QStyle.SubControl.SC_ComboBoxEditField, widget)
        icon = widget.iconSize().width() + 4 if not widget.itemIcon(widget.currentIndex()).isNull() else 0
        need, have = widget.fontMetrics().horizontalAdvance(text) + icon, field.width()
    elif isinstance(widget, QTabBar):
        if widget.count() == 0:
            return None
        text = " | ".join(widget.tabText(i) for i in range(widget.count()))
        need, have = sum(widget.tabSizeHint(i).width() for i in range(widget.count())), widget.width()
    elif isinstance(widget, QHeaderView):
        return _header_clipped(widget)
    elif isinstance(widget, QScrollArea) and not widget.property("scrolls_sideways"):
        return _wider_than_view(widget)
    else:
        return None
    if need > have + 1:
        return f"{_where(widget)} {text[:60]!r}: needs {need} px, has {have}"
    return None


def _wider_than_view(area: QScrollArea) -> str | None:
    """A scrolling page whose content is wider than the page: its right part is cut until scrolled to (the
    Board's columns, which scroll sideways by design, carry ``scrolls_sideways=True``)."""
    content = area.widget()
    if content is None or not content.isVisible():
        return None
    need, have = content.minimumSizeHint().width(), area.viewport().width()
    if need > have + 1:
        return f"{_where(area)} content: needs {need} px, has {have}"
    return None


def _header_clipped(header: QHeaderView) -> str | None:
    """A horizontal table header whose visible column is narrower than its title (or than 4 characters)."""
    if header.orientation().name != "Horizontal" or not isinstance(header.parent(), QAbstractItemView):
        return None
    model = header.model()
    if model is None:
        return None
    problems = []
    for section in range(header.count()):
        if header.isSectionHidden(section) or header.sectionSize(section) == 0:
            continue
        title = str(model.headerData(section, header.orientation()) or "")
        if not title:
            continue
        widest_line = max(header.fontMetrics().horizontalAdvance(line) for line in title.splitlines())
        need = max(widest_line + 2 * header.style().pixelMetric(
            QStyle.PixelMetric.PM_HeaderMargin), 4 * header.fontMetrics().averageCharWidth())
        have = header.sectionSize(section)
        if need > have + 1 and header.sectionViewportPosition(section) < header.viewport().width():
            problems.append(f"column {title[:40]!r}: needs {need} px, has {have}")
    return f"{_where(header.parent())} " + "; ".join(problems) if problems else None


def overlaps(parent: QWidget) -> list[str]:
    """Pairs of visible child widgets of ``parent`` whose geometries intersect."""
    if isinstance(parent, _COMPOSITES):
        return []
    kids = [w for w in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if w.isVisible() and not w.isWindow() and not w.property("overlay")
            and w.width() > 0 and w.height() > 0]
    found = []
    for a, b in combinations(kids, 2):
        both = a.geometry().intersected(b.geometry())
        if both.width() > 1 and both.height() > 1:
            found.append(f"{_where(parent)}: {_where(a)} {_text(a)} overlaps {_where(b)} {_text(b)} "
                         f"({both.width()}×{both.height()} px)")
    return found


def _text(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    if callable(text):
        try:
            value = text()
        except TypeError:
            return ""
        return repr(str(value)[:30]) if value else ""
    return ""


def problems(root: QWidget) -> list[str]:
    """Every clipped text and every overlap of visible widgets under ``root`` (itself included)."""
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        if why := clipped(widget):
            found.append(why)
        found.extend(overlaps(widget))
    return found
