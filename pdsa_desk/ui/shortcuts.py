"""Help ▸ Keyboard shortcuts: every shortcut of the window, collected from its actual ``QAction`` and
``QShortcut`` objects (so the list cannot go stale), grouped by where it works.

An action is described by its text (an undo action by its ``shortcut_label`` property, since its text names the
last edit); a ``QShortcut`` by its ``whatsThis`` text. Every shortcut of the app has one (tests/ui/test_help.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class ShortcutInfo:
    #: Where it works: "" everywhere (the menus), else a view's title.
    where: str
    keys: str
    what: str


def _clean(text: str) -> str:
    """A menu text as a description: without its mnemonic ampersand and trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").removesuffix("…").strip()


def _where(obj: QObject, view_titles: dict[str, str]) -> str:
    node: QObject | None = obj
    while node is not None:
        name = node.objectName()
        if name.startswith("view-") and name.removeprefix("view-") in view_titles:
            return view_titles[name.removeprefix("view-")]
        node = node.parent()
    return ""


def collect_shortcuts(window: QMainWindow, view_titles: dict[str, str]) -> list[ShortcutInfo]:
    """The shortcuts of ``window`` and its children (views that are not built yet have none: build them first).
    ``view_titles`` maps a view's key to its title."""
    found: dict[tuple[str, str], ShortcutInfo] = {}

    def add(info: ShortcutInfo) -> None:
        # One row per key in a place: of two actions on one key (a chart's own Copy and the view's), the one
        # that says more.
        known = found.get((info.where, info.keys))
        if known is None or len(info.what) > len(known.what):
            found[(info.where, info.keys)] = info

    for action in window.findChildren(QAction):
        label = str(action.property("shortcut_label") or _clean(action.text()))
        for sequence in action.shortcuts():
            if not sequence.isEmpty():  # an action without a text is listed without one: the tests catch it
                add(ShortcutInfo(_where(action, view_titles),
                                 sequence.toString(QKeySequence.SequenceFormat.NativeText), label))
    for shortcut in window.findChildren(QShortcut):
        keys = shortcut.key()
        if not keys.isEmpty():
            add(ShortcutInfo(_where(shortcut, view_titles), keys.toString(QKeySequence.SequenceFormat.NativeText),
                             shortcut.whatsThis()))
    return sorted(found.values(), key=lambda i: (i.where != "", i.where, i.what.casefold()))


class ShortcutsDialog(QDialog):
    def __init__(self, shortcuts: list[ShortcutInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        groups: dict[str, QTreeWidgetItem] = {}
        for info in shortcuts:
            head = groups.get(info.where)
            if head is None:
                title = info.where or self.tr("Everywhere")
                head = QTreeWidgetItem([title, ""])
                font = head.font(0)
                font.setBold(True)
                head.setFont(0, font)
                head.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.tree.addTopLevelItem(head)
                groups[info.where] = head
            self.tree.addTopLevelItem(QTreeWidgetItem([info.what, info.keys]))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        # Wide enough for every description and its keys (within a laptop's screen).
        self.resize(min(900, max(560, self.tree.sizeHintForColumn(0) + self.tree.sizeHintForColumn(1) + 80)), 560)

    def rows(self) -> list[tuple[str, str]]:
        """(what, keys) of every row shown, headings included (keys "")."""
        items = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        return [(item.text(0), item.text(1)) for item in items if item is not None]
