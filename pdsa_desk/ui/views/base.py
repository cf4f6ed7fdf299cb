"""The contract every main-window view follows."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.tasks import Latest


class View(QWidget):
    """A page of the main window.

    Subclasses lay out widgets and wire them to ``pdsa_desk.core`` services via
    ``self.ctx``; they hold no business logic. ``refresh()`` reloads what the
    view shows from the workspace; ``show_object(id)`` focuses one item (used by
    "This week" agenda links).

    ``refresh()`` never waits on the GUI thread for the analysis snapshot or for
    computations on it: it asks for them in the background
    (:meth:`AppContext.analysis_in_background`, :meth:`AppContext.run_in_background`)
    and keeps showing what it showed, with ``updating`` True, until they arrive;
    then it shows them and emits ``refreshed``.
    """

    #: What the view shows is up to date (emitted at the end of a refresh).
    refreshed = Signal()
    #: A first view of the data is shown, computed from the little that answers it at once (e.g. the open
    #: opportunities); the complete one follows (``refreshed``).
    first_shown = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        #: True from a refresh until what it needs has arrived and is shown.
        self.updating = False
        # Results that arrive after the widget is deleted (the context may outlive it) are dropped.
        latests: list[Latest] = []
        self._latests = latests

        def forget_all(*_args: object) -> None:
            for latest in latests:
                latest.forget()

        self.destroyed.connect(forget_all)

    def latest(self) -> Latest:
        """A :class:`Latest` for this view's background requests; it is forgotten when the view is deleted,
        so that no late result touches a deleted widget."""
        latest = Latest()
        self._latests.append(latest)
        return latest

    def refresh(self) -> None:
        """Reload from the workspace (called when shown and after edits)."""

    def show_object(self, object_id: str) -> None:
        """Bring one object (a cycle, an opportunity…) into view."""
