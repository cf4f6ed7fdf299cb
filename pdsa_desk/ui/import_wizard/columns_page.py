"""2. Columns: which column holds what, presets, the date order (and, for wide files, the stage date columns)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimeZone
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.importing import (
    BUILTIN_PRESET,
    Mapping,
    delete_preset,
    guess_mapping,
    list_presets,
    load_preset,
    save_preset,
)
from pdsa_desk.core.importing.conventions import zone_names
from pdsa_desk.core.importing.mapping import LONG, WIDE, date_entered_stage
from pdsa_desk.core.importing.preview import DateFinding, date_finding, date_note
from pdsa_desk.core.importing.values import DAYFIRST, MONTHFIRST
from pdsa_desk.ui import i18n
from pdsa_desk.ui.i18n import QT_TRANSLATE_NOOP
from pdsa_desk.ui.import_wizard.common import Page, error_text, status_label
from pdsa_desk.ui.import_wizard.preview_model import preview_view
from pdsa_desk.ui.widgets import ErrorLabel, error_colour

if TYPE_CHECKING:
    from pdsa_desk.ui.import_wizard.wizard import ImportWizard

#: (field, label, required for long, required for wide); shown in two columns.
_FIELDS_LEFT = (
    ("opportunity_id", QT_TRANSLATE_NOOP("ColumnsPage", "Opportunity id"), True, True),
    ("stage", QT_TRANSLATE_NOOP("ColumnsPage", "Stage"), True, False),
    ("timestamp", QT_TRANSLATE_NOOP("ColumnsPage", "Stage change time"), True, False),
    ("opportunity_name", QT_TRANSLATE_NOOP("ColumnsPage", "Opportunity name"), False, False),
    ("opened_at", QT_TRANSLATE_NOOP("ColumnsPage", "Created date"), False, False),
    ("closed_at", QT_TRANSLATE_NOOP("ColumnsPage", "Close date"), False, False),
    ("outcome", QT_TRANSLATE_NOOP("ColumnsPage", "Outcome (open/won/lost)"), False, False),
)
_FIELDS_RIGHT = (
    ("rep", QT_TRANSLATE_NOOP("ColumnsPage", "Owner / rep"), False, False),
    ("rep_email", QT_TRANSLATE_NOOP("ColumnsPage", "Rep e-mail"), False, False),
    ("team", QT_TRANSLATE_NOOP("ColumnsPage", "Team"), False, False),
    ("amount", QT_TRANSLATE_NOOP("ColumnsPage", "Amount"), False, False),
    ("loss_reason", QT_TRANSLATE_NOOP("ColumnsPage", "Loss reason"), False, False),
    ("channel", QT_TRANSLATE_NOOP("ColumnsPage", "Channel / lead source"), False, False),
)
FIELDS = tuple(f[0] for f in _FIELDS_LEFT + _FIELDS_RIGHT)
_LONG_ONLY = ("stage", "timestamp")
_DATE_FIELDS = ("timestamp", "opened_at", "closed_at")
#: Mapping fields the form does not show; a preset may still set them (kept, and listed).
_HIDDEN_COLUMNS = ("source_column", "stage_position", "evidence_confirmed", "evidence_items", "modified_at")
_HIDDEN_LABELS = {"source_column": QT_TRANSLATE_NOOP("ColumnsPage", "source"),
                  "stage_position": QT_TRANSLATE_NOOP("ColumnsPage", "stage position"),
                  "evidence_confirmed": QT_TRANSLATE_NOOP("ColumnsPage", "evidence confirmed"),
                  "evidence_items": QT_TRANSLATE_NOOP("ColumnsPage", "evidence items"),
                  "modified_at": QT_TRANSLATE_NOOP("ColumnsPage", "last modified date")}


def computer_zone() -> str:
    """The IANA name of this computer's time zone (the wizard's default), "UTC" when it has none."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    return name if name and name in zone_names() else "UTC"


class ColumnsPage(Page):
    """Which column holds what; presets; the date order."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Match the columns"))
        self.setSubTitle(self.tr("Say which column of the file holds what. The guess from the column names is "
                                 "filled in; * marks what an import needs."))
        self._base = Mapping()
        self._file_key: tuple[str, str | None] | None = None
        self._applying = False
        self.finding = DateFinding()
        layout = QVBoxLayout(self)
        layout.setSpacing(6)

        # presets
        top = QHBoxLayout()
        preset_label = QLabel(self.tr("&Preset:"))
        self.preset_combo = QComboBox()
        self.preset_combo.setMinimumContentsLength(16)
        self.preset_combo.setToolTip(self.tr("Load a saved mapping (the built-in 'pdsa-desk' reads pdsa-desk's own "
                                             "events file)"))
        self.preset_combo.activated.connect(self._preset_chosen)
        preset_label.setBuddy(self.preset_combo)
        self.save_preset_button = QPushButton(self.tr("Save as p&reset…"))
        self.save_preset_button.setToolTip(self.tr("Remember this mapping under a name, for the next export"))
        self.save_preset_button.clicked.connect(lambda: self.save_preset())
        self.delete_preset_button = QPushButton(self.tr("&Delete preset"))
        self.delete_preset_button.clicked.connect(lambda: self.delete_preset())
        top.addWidget(preset_label)
        top.addWidget(self.preset_combo)
        top.addWidget(self.save_preset_button)
        top.addWidget(self.delete_preset_button)
        top.addStretch(1)
        layout.addLayout(top)
        self.preset_error = ErrorLabel()
        layout.addWidget(self.preset_error)

        # shape
        shape_row = QHBoxLayout()
        shape_row.addWidget(QLabel(self.tr("Shape:")))
        self.long_radio = QRadioButton(self.tr("&Long — one row per stage change"))
        self.long_radio.setToolTip(self.tr("A stage history report: opportunity, stage, when it was entered"))
        self.wide_radio = QRadioButton(self.tr("&Wide — one row per opportunity, a date column per stage"))
        self.wide_radio.setToolTip(self.tr("A deal export with 'Date entered <stage>' columns (HubSpot)"))
        self.shape_group = QButtonGroup(self)
        self.shape_group.addButton(self.long_radio)
        self.shape_group.addButton(self.wide_radio)
        self.long_radio.setChecked(True)
        self.long_radio.toggled.connect(self._shape_changed)
        shape_row.addWidget(self.long_radio)
        shape_row.addWidget(self.wide_radio)
        shape_row.addStretch(1)
        layout.addLayout(shape_row)

        # the columns
        self.combos: dict[str, QComboBox] = {}
        self._labels: dict[str, QLabel] = {}
        self._forms: dict[str, QFormLayout] = {}
        grid = QHBoxLayout()
        for fields_ in (_FIELDS_LEFT, _FIELDS_RIGHT):
            form = QFormLayout()
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for name, text, _long, _wide in fields_:
                combo = QComboBox()
                combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                combo.setMinimumContentsLength(14)
                combo.setAccessibleName(self.tr(text))
                combo.currentIndexChanged.connect(self._changed)
                label = QLabel(self.tr(text) + ":")
                label.setBuddy(combo)
                self.combos[name] = combo
                self._labels[name] = label
                self._forms[name] = form
                form.addRow(label, combo)
            grid.addLayout(form, 1)
        layout.addLayout(grid)

        # source and date order
        more = QGridLayout()
        more.setColumnStretch(1, 1)
        more.setColumnStretch(3, 1)
        source_label = QLabel(self.tr("&Source name:"))
        self.source_edit = QLineEdit()
        self.source_edit.setPlaceholderText("import")
        self.source_edit.setToolTip(self.tr("Opportunities are matched by source and id: use the same name (e.g. "
                                            "the CRM's) for every export from the same CRM"))
        self.source_edit.textChanged.connect(self._changed)
        source_label.setBuddy(self.source_edit)
        date_label = QLabel(self.tr("Date &order:"))
        self.date_combo = QComboBox()
        self.date_combo.addItem(self.tr("Auto — refuse dates that could be read either way"), None)
        self.date_combo.addItem(self.tr("Day first — 31/12/2026"), DAYFIRST)
        self.date_combo.addItem(self.tr("Month first — 12/31/2026"), MONTHFIRST)
        self.date_combo.setToolTip(self.tr("How to read dates like 03/04/2026. ISO dates (2026-04-03) never depend "
                                           "on it."))
        self.date_combo.currentIndexChanged.connect(self._changed)
        date_label.setBuddy(self.date_combo)
        more.addWidget(source_label, 0, 0)
        more.addWidget(self.source_edit, 0, 1)
        more.addWidget(date_label, 0, 2)
        more.addWidget(self.date_combo, 0, 3)
        zone_label = QLabel(self.tr("&Time zone:"))
        self.zone_combo = QComboBox()
        for name in zone_names():
            self.zone_combo.addItem(name, name)
        self.zone_combo.setToolTip(self.tr("The time zone of the times in the file (CRM exports write the "
                                           "exporting user's local time). A time with an offset keeps it."))
        self.zone_combo.currentIndexChanged.connect(self._changed)
        zone_label.setBuddy(self.zone_combo)
        decimal_label = QLabel(self.tr("Amo&unts:"))
        self.decimal_combo = QComboBox()
        self.decimal_combo.addItem(self.tr("Auto — decided from all of the file's amounts"), None)
        self.decimal_combo.addItem(self.tr("1,234.50 — decimal point"), ".")
        self.decimal_combo.addItem(self.tr("1.234,50 — decimal comma"), ",")
        self.decimal_combo.currentIndexChanged.connect(self._changed)
        decimal_label.setBuddy(self.decimal_combo)
        more.addWidget(zone_label, 1, 0)
        more.addWidget(self.zone_combo, 1, 1)
        more.addWidget(decimal_label, 1, 2)
        more.addWidget(self.decimal_combo, 1, 3)
        layout.addLayout(more)
        self.date_note = status_label()
        layout.addWidget(self.date_note)
        self.hidden_note = status_label()
        layout.addWidget(self.hidden_note)
        self.missing_label = status_label()
        layout.addWidget(self.missing_label)
        self.wide_note = status_label()
        self.wide_note.hide()
        layout.addWidget(self.wide_note)

        # preview / stage date columns
        self.tabs = QTabWidget()
        self.preview = preview_view(wizard.preview_model)
        self.tabs.addTab(self.preview, self.tr("Preview"))
        stage_tab = QWidget()
        sl = QVBoxLayout(stage_tab)
        sl.setContentsMargins(4, 4, 4, 4)
        note = QLabel(self.tr("Tick each column that holds the date an opportunity entered a stage, and name the "
                              "stage (as the CRM calls it)."))
        note.setWordWrap(True)
        sl.addWidget(note)
        self.stage_dates = QTableWidget(0, 2)
        self.stage_dates.setHorizontalHeaderLabels([self.tr("Column of the file"), self.tr("CRM stage name")])
        self.stage_dates.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.stage_dates.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.stage_dates.verticalHeader().hide()
        self.stage_dates.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.stage_dates.setAccessibleName(self.tr("Stage date columns"))
        self.stage_dates.itemChanged.connect(self._stage_date_changed)
        sl.addWidget(self.stage_dates)
        self.stage_tab_index = self.tabs.addTab(stage_tab, self.tr("Stage date columns"))
        layout.addWidget(self.tabs, 1)
        self._refresh_presets()

    # ---- set-up -------------------------------------------------------------------------------
    @property
    def header(self) -> list[str]:
        info = self.wiz.file_page.info
        return info.header if info is not None else []

    def initializePage(self) -> None:  # noqa: N802
        info = self.wiz.file_page.info
        if info is None or info.key == self._file_key:
            self._changed()
            return
        self._file_key = info.key
        self._refresh_presets()
        for combo in self.combos.values():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("— not in this file —"), None)
            for column in info.header:
                if column:
                    combo.addItem(column, column)
            combo.blockSignals(False)
        guess = guess_mapping(info.header)
        self.apply_mapping(guess)

    def apply_mapping(self, mapping: Mapping) -> list[str]:
        """Fill the form from ``mapping``; returns the columns it names that this file does not have."""
        self._applying = True
        absent: list[str] = []
        try:
            self._base = dataclasses.replace(mapping, stage_dates=dict(mapping.stage_dates),
                                             stages=dict(mapping.stages),
                                             outcome_values=dict(mapping.outcome_values))
            header = self.header
            folded = {c.casefold(): c for c in reversed(header) if c}
            (self.wide_radio if mapping.shape == WIDE else self.long_radio).setChecked(True)
            for name, combo in self.combos.items():
                column = getattr(mapping, name)
                found = None
                if column:
                    found = column if column in header else folded.get(column.casefold())
                    if found is None:
                        absent.append(column)
                combo.setCurrentIndex(max(0, combo.findData(found)) if found else 0)
            self.source_edit.setText(mapping.source or "")
            self.date_combo.setCurrentIndex(max(0, self.date_combo.findData(mapping.date_order)))
            zone = self.zone_combo.findData(mapping.timezone or computer_zone())
            self.zone_combo.setCurrentIndex(zone if zone >= 0 else 0)
            self.decimal_combo.setCurrentIndex(max(0, self.decimal_combo.findData(mapping.decimal)))
            stage_dates = {(k.casefold()): v for k, v in mapping.stage_dates.items()}
            self.stage_dates.blockSignals(True)
            self.stage_dates.setRowCount(0)
            # the ticked columns first (in file order), then the others
            ordered = sorted((c for c in header if c), key=lambda c: c.casefold() not in stage_dates)
            for column in ordered:
                row = self.stage_dates.rowCount()
                self.stage_dates.insertRow(row)
                item = QTableWidgetItem(column)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                              | Qt.ItemFlag.ItemIsSelectable)
                stage = stage_dates.get(column.casefold())
                item.setCheckState(Qt.CheckState.Checked if stage else Qt.CheckState.Unchecked)
                self.stage_dates.setItem(row, 0, item)
                self.stage_dates.setItem(row, 1, QTableWidgetItem(stage or ""))
            for column in mapping.stage_dates:
                if column.casefold() not in {c.casefold() for c in header}:
                    absent.append(column)
            self.stage_dates.blockSignals(False)
        finally:
            self._applying = False
        self._shape_changed()
        if absent:
            self.preset_error.show_message(self.tr("These columns are not in this file: {0}. Choose others.").format(
                ", ".join(absent)))
        else:
            self.preset_error.clear_message()
        return absent

    # ---- reading the form ---------------------------------------------------------------------
    def _stage_date_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == 0:
            name = self.stage_dates.item(item.row(), 1)
            if name is not None:
                self.stage_dates.blockSignals(True)
                if item.checkState() == Qt.CheckState.Checked and not name.text().strip():
                    name.setText(date_entered_stage(item.text()) or item.text())
                elif item.checkState() != Qt.CheckState.Checked:
                    name.setText("")
                self.stage_dates.blockSignals(False)
        self._changed()

    def set_stage_date_column(self, column: str, stage: str | None) -> None:
        """Tick ``column`` as the date entered ``stage`` (None: untick it)."""
        for row in range(self.stage_dates.rowCount()):
            item = self.stage_dates.item(row, 0)
            if item is not None and item.text() == column:
                stage_item = self.stage_dates.item(row, 1)  # every row has one (see set_columns)
                if stage and stage_item is not None:
                    stage_item.setText(stage)
                item.setCheckState(Qt.CheckState.Checked if stage else Qt.CheckState.Unchecked)
                return
        raise KeyError(column)

    def shape(self) -> str:
        return WIDE if self.wide_radio.isChecked() else LONG

    def stage_date_columns(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for row in range(self.stage_dates.rowCount()):
            item = self.stage_dates.item(row, 0)
            name = self.stage_dates.item(row, 1)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                out[item.text()] = (name.text().strip() if name is not None else "") or item.text()
        return out

    def mapping(self) -> Mapping:
        """The mapping as the form shows it (plus what a preset set that the form does not show)."""
        base = self._base
        shape = self.shape()
        values: dict[str, Any] = {name: combo.currentData() for name, combo in self.combos.items()}
        if shape == WIDE:
            values.update(stage=None, timestamp=None)
        outcome_values = dict(base.outcome_values) if values["outcome"] == base.outcome else {}
        source = self.source_edit.text().strip() or None
        return dataclasses.replace(
            base, shape=shape, **values, source=source if base.source_column is None else None,
            date_order=self.date_combo.currentData(), timezone=self.zone_combo.currentData(),
            decimal=self.decimal_combo.currentData(), outcome_values=outcome_values,
            stage_dates=self.stage_date_columns() if shape == WIDE else {},
            stages=dict(base.stages), sheet=self.wiz.file_page.current_sheet() or base.sheet)

    def date_columns(self) -> list[str]:
        m = self.mapping()
        return [c for c in (getattr(m, f) for f in _DATE_FIELDS) if c] + list(m.stage_dates)

    # ---- reacting ------------------------------------------------------------------------------
    def _shape_changed(self) -> None:
        wide = self.shape() == WIDE
        for name in _LONG_ONLY:
            self._forms[name].setRowVisible(self.combos[name], not wide)
        self.tabs.setTabEnabled(self.stage_tab_index, wide)
        self.tabs.setTabText(self.stage_tab_index, self.tr("Stage date columns *") if wide else self.tr(
            "Stage date columns"))
        self.tabs.setTabToolTip(self.stage_tab_index, "" if wide else self.tr(
            "Only for wide files (one row per opportunity)"))
        self.tabs.setCurrentIndex(self.stage_tab_index if wide else 0)
        self.wide_note.setText(self.tr(
            "A wide file has one date per stage: it cannot show an opportunity entering a stage again (a re-entry) "
            "or the order of stages entered on the same day. A stage history report (long) can.") if wide else "")
        self.wide_note.setVisible(wide)
        self._changed()

    def _changed(self, *_args: object) -> None:
        if self._applying:
            return
        m = self.mapping()
        for name, _text, long_required, wide_required in _FIELDS_LEFT + _FIELDS_RIGHT:
            required = long_required if m.shape == LONG else wide_required
            label = self._labels[name]
            text = self.tr(dict((f[0], f[1]) for f in _FIELDS_LEFT + _FIELDS_RIGHT)[name])
            label.setText(f"{text} *:" if required else f"{text}:")
            font = label.font()
            font.setBold(required)
            label.setFont(font)
        index = {c: i for i, c in enumerate(self.header)}
        roles: dict[int, str] = {}
        for name, column in m.columns().items():
            if column in index:
                roles.setdefault(index[column], self._field_label(name))
        for column, stage in m.stage_dates.items():
            if column in index:
                roles.setdefault(index[column], self.tr("date entered '{0}'").format(stage))
        self.wiz.preview_model.set_roles(roles)
        info = self.wiz.file_page.info
        self.finding = date_finding(info, self.date_columns()) if info is not None else DateFinding()
        self._update_date_note(m)
        hidden = [self.tr(_HIDDEN_LABELS[f]) for f in _HIDDEN_COLUMNS if getattr(m, f)]
        self.hidden_note.setText(self.tr("Also read, as the preset says: {0}.").format(", ".join(hidden))
                                 if hidden else "")
        self.hidden_note.setVisible(bool(hidden))
        self.source_edit.setEnabled(m.source_column is None)
        if m.source_column:
            self.source_edit.setToolTip(self.tr("The source is read from the column '{0}'").format(m.source_column))
        blocker = self.blocker()
        if blocker:
            self.missing_label.setText(blocker)
            self.missing_label.setStyleSheet(f"color: {error_colour().name()};")
        else:
            self.missing_label.setText(self.tr("Everything an import needs is matched."))
            self.missing_label.setStyleSheet("")
        self._update_preset_buttons()
        self.completeChanged.emit()

    def _field_label(self, name: str) -> str:
        labels = {f[0]: f[1] for f in _FIELDS_LEFT + _FIELDS_RIGHT}
        return self.tr(labels.get(name) or _HIDDEN_LABELS.get(name, name)).lower()

    def _update_date_note(self, m: Mapping) -> None:
        note = date_note(self.finding, m.date_order)
        if note.ambiguous is not None:
            row, column, readings = note.ambiguous
            text = self.tr("Row {0}, column {1}: {2}. Choose Day first or Month first — dates are never "
                           "guessed.").format(row, column, i18n.text(readings))
        elif note.order is None:
            text = self.tr("Auto reads ISO dates (2026-04-03), month names and dates that can only be one way "
                           "(13/04/2026). If a later row has a date like 03/04/2026, the check asks you to choose.")
        elif note.order == DAYFIRST:
            text = self.tr("03/04/2026 will be read as 3 April 2026.")
        else:
            text = self.tr("03/04/2026 will be read as March 4, 2026.")
        for hint in note.one_way:
            way = self.tr("day first") if hint.order == DAYFIRST else self.tr("month first")
            text += " " + self.tr("Row {0} has '{2}' in {1}, which can only be {3}.").format(
                hint.row, hint.column, hint.value, way)
        self.date_note.setText(text)
        self.date_note.setStyleSheet(f"color: {error_colour().name()};" if note.warn else "")

    def blocker(self) -> str:
        if self.wiz.file_page.info is None:
            return self.tr("Choose a file first.")
        m = self.mapping()
        missing = [self._field_label(n) if n != "stage_dates" else self.tr("stage date columns")
                   for n in m.missing()]
        if missing:
            if m.shape == WIDE and "stage_dates" in m.missing():
                return self.tr("Still needed: {0} (tick them under 'Stage date columns').").format(", ".join(missing))
            return self.tr("Still needed: {0}.").format(", ".join(missing))
        if self.finding.ambiguous is not None and m.date_order is None:
            return self.tr("Choose the date order: the file has dates that could be read either way.")
        return ""

    # ---- presets --------------------------------------------------------------------------------
    def _refresh_presets(self, select: str | None = None) -> None:
        self.preset_combo.blockSignals(True)
        self.preset_combo.clear()
        self.preset_combo.addItem(self.tr("— none —"), None)
        for name in list_presets():
            self.preset_combo.addItem(name, name)
        if select is not None:
            self.preset_combo.setCurrentIndex(max(0, self.preset_combo.findData(select)))
        self.preset_combo.blockSignals(False)
        self._update_preset_buttons()

    def _update_preset_buttons(self) -> None:
        name = self.preset_combo.currentData()
        can_delete = bool(name) and name != BUILTIN_PRESET
        self.delete_preset_button.setEnabled(can_delete)
        self.delete_preset_button.setToolTip(
            self.tr("Delete the preset '{0}'").format(name) if can_delete else
            self.tr("The built-in preset cannot be deleted") if name == BUILTIN_PRESET else
            self.tr("Choose a saved preset to delete it"))
        ready = self.wiz.file_page.info is not None
        self.save_preset_button.setEnabled(ready)
        if not ready:
            self.save_preset_button.setToolTip(self.tr("Choose a file first"))

    def _preset_chosen(self) -> None:
        name = self.preset_combo.currentData()
        self._update_preset_buttons()
        if name:
            self.load_preset(name)

    def load_preset(self, name: str) -> bool:
        try:
            mapping = load_preset(name)
        except ValidationError as exc:
            self.preset_error.show_message(error_text(exc))
            return False
        self._refresh_presets(select=name)
        self.apply_mapping(mapping)
        return True

    def save_preset(self, name: str | None = None) -> bool:
        if name is None:
            suggested = self.preset_combo.currentData() or self.mapping().source or ""
            if suggested == BUILTIN_PRESET:
                suggested = ""
            name, ok = QInputDialog.getText(self, self.tr("Save as preset"),
                                            self.tr("Name of the preset (e.g. the CRM's name):"), text=suggested)
            if not ok or not name.strip():
                return False
        try:
            save_preset(name.strip(), self.mapping())
        except ValidationError as exc:
            self.preset_error.show_message(error_text(exc))
            return False
        self.preset_error.clear_message()
        self._refresh_presets(select=name.strip())
        return True

    def delete_preset(self) -> bool:
        name = self.preset_combo.currentData()
        if not name or name == BUILTIN_PRESET:
            return False
        answer = QMessageBox.question(self, self.tr("Delete preset"),
                                      self.tr("Delete the preset '{0}'?").format(name))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            delete_preset(name)
        except ValidationError as exc:
            self.preset_error.show_message(error_text(exc))
            return False
        self._refresh_presets()
        return True

