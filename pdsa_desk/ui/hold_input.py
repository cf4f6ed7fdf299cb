"""Input held back from a view that shows data before its workspace is open (start-up, issue 16)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QWidget


class HoldInput(QObject):
    """Holds back the mouse, keys and shortcuts aimed at a view shown before its workspace is open (it shows
    what start-up read from the file; an edit needs the workspace), until :meth:`release`.

    The view looks held, too: it is disabled for exactly that span (its buttons, fields and cards drawn as
    unavailable rather than looking ready and ignoring clicks). Qt keeps each child's own enabled state under a
    disabled parent, so :meth:`release` gives back every button as the view left it — one the view disabled for
    its own reason (no card selected, nothing to undo), before or during the hold, stays disabled."""

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
        view.setEnabled(False)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() not in self.HELD:
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
        self.view.setEnabled(self._view_enabled)
