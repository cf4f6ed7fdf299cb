"""The contract every main-window view follows."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from pdsa_desk.ui.context import AppContext


class View(QWidget):
    """A page of the main window.

    Subclasses lay out widgets and wire them to ``pdsa_desk.core`` services via
    ``self.ctx``; they hold no business logic. ``refresh()`` reloads what the
    view shows from the workspace; ``show_object(id)`` focuses one item (used by
    "This week" agenda links).
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def refresh(self) -> None:
        """Reload from the workspace (called when shown and after edits)."""

    def show_object(self, object_id: str) -> None:
        """Bring one object (a cycle, an opportunity…) into view."""
