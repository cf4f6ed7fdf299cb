"""Input held back from a view that shows data before its workspace is open (start-up, issue 16)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QWidget


class HoldInput(QObject):
    """Holds back the mouse, keys and shortcuts aimed at a view shown before its workspace is open (it shows
    what start-up read from the file; an edit needs the workspace), until :meth:`release`."""

    HELD = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
                      QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.Shortcut,
                      QEvent.Type.ShortcutOverride, QEvent.Type.ContextMenu, QEvent.Type.DragEnter,
                      QEvent.Type.Drop})

    def __init__(self, view: QWidget) -> None:
        super().__init__(view)
        self.view = view
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() not in self.HELD:
            return False
        target = watched.parent() if isinstance(watched, (QAction, QShortcut)) else watched
        return target is self.view or (isinstance(target, QWidget) and self.view.isAncestorOf(target))

    def release(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
