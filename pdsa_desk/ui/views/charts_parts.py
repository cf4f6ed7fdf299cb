"""Parts of the Charts view kept apart from it: the segmented choice widget, and the conversion series as the
snapshot's cache keeps them (computed once per snapshot and choices, carried over an edit that cannot change
them)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QToolButton, QWidget

from pdsa_desk.core.derived import KeyPart

if TYPE_CHECKING:
    from pdsa_desk.core.charts import ChartMeta

#: Conversion series kept per snapshot (many choices visited: the least recently drawn go first).
SERIES_KEPT = 200


class Segmented(QWidget):
    """A row of exclusive toggle buttons (a segmented control)."""

    changed = Signal(str)

    def __init__(self, options: list[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QToolButton] = {}
        for value, text, tip in options:
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setCheckable(True)
            button.setAutoRaise(False)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.group.addButton(button)
            layout.addWidget(button)
            self.buttons[value] = button
            button.toggled.connect(functools.partial(self._toggled, value))
        next(iter(self.buttons.values())).setChecked(True)

    def _toggled(self, value: str, checked: bool) -> None:
        if checked:
            self.changed.emit(value)

    def value(self) -> str:
        return next(v for v, b in self.buttons.items() if b.isChecked())

    def set_value(self, value: str) -> None:
        if value in self.buttons and not self.buttons[value].isChecked():
            self.buttons[value].setChecked(True)


def _series_cache_key(meta: KeyPart[ChartMeta], key: tuple) -> tuple:
    """The key of a conversion series in the snapshot's cache: the choices (see ChartsView._series_key) and
    what the database adds (cycles, revisions, week start)."""
    return ("conversion_series", meta, key)


def _series(data: Any, meta_key: KeyPart[ChartMeta], key: tuple) -> Any:
    """The conversion series of ``key``, computed once per snapshot (thread-safe: the prefetch calls it)."""
    from pdsa_desk.core import charts as core

    meta = meta_key.value

    def compute() -> Any:
        stage_id, period, group, kind, rules, baseline, breaks, start, as_of = key
        return core.conversion_series(
            data, meta, from_stage=stage_id, as_of=as_of, period=period, group=group, chart=kind, rules=rules,
            baseline=baseline, breaks=list(breaks) or None, start=start,
        )

    def carry(series: Any, patch: Any) -> Any:
        """Kept in a patched snapshot unless the edit touched its scope and a first entry into its from-stage
        or a later one (the conversion out of a stage depends on nothing else)."""
        from pdsa_desk.core.derived import DROP

        stages, reps = patch.after.stages, patch.after.reps
        pos = stages.index[stages["id"] == key[0]]
        kind, ident = key[2]
        if kind == "channel" and len(patch.codes):
            return DROP  # an edit may have moved an opportunity into or out of the channel
        scope = None if kind == "all" else [ident] if kind == "rep" else reps.loc[reps["team_id"] == ident, "id"]
        if not len(pos) or (patch.first_entries_changed_from(int(pos[0])) and patch.touches_reps(scope)):
            return DROP
        return series

    return data.cached(_series_cache_key(meta_key, key), compute, bound=SERIES_KEPT, on_patch=carry)
