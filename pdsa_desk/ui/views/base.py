"""The contract every main-window view follows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

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


class NotBuiltView(View):
    """Says plainly that a view is not part of this version yet, and what it will do."""

    def __init__(self, ctx: AppContext, title: str, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        heading = QLabel(f"<h2>{title}</h2>")
        body = QLabel(
            self.tr("This view is not built yet in pdsa-desk {0}. When it is, it will {1}").format(
                _version(), purpose
            )
        )
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addStretch(1)
        self.setObjectName(f"notBuilt-{title}")


def _version() -> str:
    from pdsa_desk import __version__

    return __version__
