"""Input held back from a view that shows data before its workspace is open (start-up, issue 16)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QWidget,
)
from shiboken6 import isValid

#: The widgets a user acts with: they look unavailable while held (the data around them stays legible).
CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox)


_ROLES = [QPalette.ColorRole(index) for index in range(QPalette.ColorRole.NColorRoles.value)]


def _palette_with(palette: QPalette, disabled: QPalette, group: QPalette.ColorGroup) -> QPalette | None:
    """``palette`` with its Disabled colours taken from ``disabled``'s ``group``; None when they are already."""
    if all(palette.color(QPalette.ColorGroup.Disabled, role) == disabled.color(group, role) for role in _ROLES):
        return None
    out = QPalette(palette)
    for role in _ROLES:
        out.setColor(QPalette.ColorGroup.Disabled, role, disabled.color(group, role))
    return out


class HoldInput(QObject):
    """Holds back the mouse, keys and shortcuts aimed at a view shown before its workspace is open (it shows
    what start-up read from the file; an edit needs the workspace), until :meth:`release`.

    The view looks held, for exactly that span: it is disabled, so that its buttons, fields and lists are drawn
    as unavailable instead of looking ready and ignoring clicks. Its data stays legible: the view's palette
    draws disabled text as enabled text, and only its controls (buttons, combo boxes, fields) keep the
    disabled colours. Qt keeps each child's own enabled state under a disabled parent, so :meth:`release` gives
    back every control as the view left it: one the view disabled for its own reason (no card selected),
    before or during the hold, stays disabled; the palettes are restored as they were."""

    HELD = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
                      QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.Shortcut,
                      QEvent.Type.ShortcutOverride, QEvent.Type.ContextMenu, QEvent.Type.DragEnter,
                      QEvent.Type.Drop})

    def __init__(self, view: QWidget) -> None:
        super().__init__(view)
        self.view = view
        self._released = False
        # The view's own state (not its parent's): a view disabled for another reason stays so after release.
        self._view_enabled = not view.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled)
        self._palettes: dict[QWidget, QPalette | None] = {}  # each changed widget's own palette (None: inherited)
        self._legible(view)
        for child in view.findChildren(QWidget):
            self._dress(child)
        view.setEnabled(False)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def _keep_palette(self, widget: QWidget) -> QPalette:
        if widget not in self._palettes:
            own = widget.testAttribute(Qt.WidgetAttribute.WA_SetPalette)
            self._palettes[widget] = QPalette(widget.palette()) if own else None
        return widget.palette()

    def _legible(self, widget: QWidget) -> None:
        palette = self._keep_palette(widget)
        self._set(widget, _palette_with(palette, palette, QPalette.ColorGroup.Active))

    @staticmethod
    def _set(widget: QWidget, palette: QPalette | None) -> None:
        if palette is not None:  # not when it is as wanted already: each setPalette is a PaletteChange
            widget.setPalette(palette)

    def _dress(self, child: QWidget) -> None:
        if isinstance(child, CONTROLS):
            self._looks_unavailable(child)
        elif isinstance(child, QAbstractItemView) or child.styleSheet():
            self._legible(child)

    def _looks_unavailable(self, control: QWidget) -> None:
        palette = self._keep_palette(control)
        self._set(control, _palette_with(palette, QApplication.palette(control), QPalette.ColorGroup.Disabled))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind in (QEvent.Type.Polish, QEvent.Type.PaletteChange) and isinstance(watched, QWidget) \
                and self.view.isAncestorOf(watched):
            # Built while held (the board's columns), or its palette replaced: a style sheet's polish puts back
            # the palette a widget had before (the agenda's tree, hidden until it has items, polished when shown).
            self._dress(watched)
            return False
        if kind not in self.HELD:
            return False
        target = watched.parent() if isinstance(watched, (QAction, QShortcut)) else watched
        return target is self.view or (isinstance(target, QWidget) and self.view.isAncestorOf(target))

    def release(self) -> None:
        if self._released:
            return
        self._released = True
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        for widget, palette in self._palettes.items():
            if isValid(widget):  # not deleted while held
                widget.setPalette(palette if palette is not None else QPalette())
        self._palettes.clear()
        self.view.setEnabled(self._view_enabled)
