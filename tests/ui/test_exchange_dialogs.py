"""File-menu dialogs: Send my work, Merge a colleague's work (with the mapping list), Send standards."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog

from pdsa_desk.core import services as sv
from pdsa_desk.core.database import open_workspace
from pdsa_desk.core.exchange import export_bundle, export_definitions, merge_bundle, read_header
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.exchange_dialogs import MergeWorkDialog, SendStandardsDialog, SendWorkDialog

TIMEOUT = 15000


@dataclass
class Files:
    manager: Path
    standards: Path
    work: Path


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Files:
    """A manager's workspace, its standards, and the work of a rep's laptop set up from them."""
    folder = tmp_path_factory.mktemp("exchange")
    mgr = open_workspace(folder / "manager.sqlite")
    sv.update_settings(mgr, name="Manager")
    lead = sv.create_stage(mgr, "Lead")
    sv.create_stage(mgr, "Qualified")
    sv.create_stage(mgr, "Won", terminal="won")
    sv.create_rep(mgr, "Ann")
    export_definitions(mgr, folder / "standards.pdsa")
    for name in ("Went dark", "Budget frozen"):  # invented on both sides after the standards went out
        sv.create_loss_reason(mgr, name)
    mgr.close()
    laptop = open_workspace(folder / "ann.sqlite")
    sv.update_settings(laptop, name="Ann's laptop")
    merge_bundle(laptop, folder / "standards.pdsa", map_by_name=True)
    ann = sv.list_reps(laptop)[0]
    t0 = datetime(2026, 11, 2, 9, tzinfo=UTC)
    for i in range(2):
        opp = sv.create_opportunity(laptop, f"Deal {i}", rep_id=ann.id, stage_id=lead.id, opened_at=t0)
    went_dark = sv.create_loss_reason(laptop, "Went dark")
    sv.create_loss_reason(laptop, "Budget frozen")
    sv.mark_lost(laptop, opp.id, went_dark.id, at=t0 + timedelta(days=3))
    export_bundle(laptop, folder / "ann.pdsa")
    laptop.close()
    return Files(folder / "manager.sqlite", folder / "standards.pdsa", folder / "ann.pdsa")


@pytest.fixture
def ctx(files: Files, tmp_path: Path) -> Iterator[AppContext]:
    path = tmp_path / "manager.sqlite"
    shutil.copyfile(files.manager, path)
    ws = open_workspace(path)
    context = AppContext(ws)
    yield context
    context.wait_for_background()
    ws.close()


def _click(qtbot, button) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _rows(ws, table: str) -> list[tuple]:
    with ws.engine.connect() as conn:
        return sorted(tuple(r) for r in conn.exec_driver_sql(f"SELECT * FROM {table}"))


# --- sending ---------------------------------------------------------------------------------


def test_send_my_work_writes_a_bundle(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    dialog = SendWorkDialog(ctx, None)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Send my work"
    assert dialog.path_edit.text().endswith(f"Manager work {date.today():%Y-%m-%d}.pdsa")
    assert not dialog.since_date.isEnabled()
    dialog.path_edit.setText(str(tmp_path / "mine"))  # the suffix is added
    with qtbot.waitSignal(dialog.exported, timeout=TIMEOUT) as signal:
        _click(qtbot, dialog.write_button)
    header = signal.args[0]
    assert header.kind == "work" and header.since is None
    assert read_header(tmp_path / "mine.pdsa").origin_name == "Manager"
    assert "Wrote mine.pdsa" in dialog.written.text() and not dialog.written.isHidden()
    assert dialog.write_button.isEnabled()

    dialog.since_check.setChecked(True)
    assert dialog.since_date.isEnabled()
    dialog.since_date.setDate(dialog.since_date.date().addDays(-30))
    with qtbot.waitSignal(dialog.exported, timeout=TIMEOUT) as signal:
        _click(qtbot, dialog.write_button)
    assert signal.args[0].since is not None and signal.args[0].since.date() == dialog.since()


def test_send_my_work_explains_a_refusal(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    dialog = SendWorkDialog(ctx, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path_edit.setText("")
    _click(qtbot, dialog.write_button)
    assert dialog.path_error.text() == "Choose a file to write."
    precious = tmp_path / "notes.pdsa"
    precious.write_text("keep me")
    dialog.path_edit.setText(str(precious))
    with qtbot.waitSignal(dialog.failed, timeout=TIMEOUT):
        _click(qtbot, dialog.write_button)
    assert "not a pdsa-desk bundle" in dialog.error.text() and dialog.error.isVisible()
    assert precious.read_text() == "keep me"


def test_browse_chooses_the_file(qtbot, ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = SendWorkDialog(ctx, None)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "x.pdsa"), ""))
    _click(qtbot, dialog.browse_button)
    assert dialog.path_edit.text() == str(tmp_path / "x.pdsa")


def test_send_standards_to_the_team(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    dialog = SendStandardsDialog(ctx, None)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Send standards to the team"
    assert "standards" in Path(dialog.path_edit.text()).name
    dialog.path_edit.setText(str(tmp_path / "standards.pdsa"))
    with qtbot.waitSignal(dialog.exported, timeout=TIMEOUT) as signal:
        _click(qtbot, dialog.write_button)
    assert signal.args[0].kind == "definitions"
    assert set(signal.args[0].row_counts) == {"stage", "standard_revision", "tactic", "loss_reason", "team", "rep"}
    assert "3 stages" in dialog.written.text() and "1 reps" in dialog.written.text()
    assert "Send it to every rep" in dialog.written.text()


# --- merging ---------------------------------------------------------------------------------


def test_merge_maps_clashing_definitions_through_the_list(qtbot, ctx: AppContext, files: Files,
                                                          tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdsa"
    bad.write_text("not a bundle")
    dialog = MergeWorkDialog(ctx, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.merge_button.isEnabled()
    dialog.add_files([files.work, bad, files.work])
    assert dialog.files() == [files.work, bad]
    with qtbot.waitSignal(dialog.mapping_needed, timeout=TIMEOUT) as signal:
        _click(qtbot, dialog.merge_button)
    assert dialog.mapping_box.isVisible() and not dialog.merge_button.isEnabled()
    assert len(signal.args[0].conflicts) == 2  # reasons both sides invented under the same names
    table = dialog.mapping_table
    assert table.rowCount() == 2
    assert {table.item(r, 0).text() for r in range(2)} == {"Loss reason"}
    choices = {table.item(r, 1).text(): table.item(r, 2) for r in range(2)}
    assert all(item.text() == name for name, item in choices.items())  # same name preselected
    item = choices["Went dark"]
    table.setCurrentItem(item)  # the list opens where the choice is made (one list per table, shared)
    table.editItem(item)
    combo = table.indexWidget(table.indexFromItem(item))
    assert isinstance(combo, QComboBox) and combo.findText("Went dark") >= 0
    assert combo.currentText() == "Went dark" and combo.accessibleName() == "Use for Went dark"
    combo.setCurrentIndex(combo.findText("Budget frozen"))  # the user knows better
    combo.activated.emit(combo.currentIndex())
    assert item.text() == "Budget frozen" and table.indexWidget(table.indexFromItem(item)) is None
    assert dialog.mapping()[("loss_reason", next(c.remote_id for c, _i in dialog._combos
                                                 if c.remote_name == "Went dark"))] == combo.currentData(), (
        dialog.mapping(), combo.currentData())
    other = choices["Budget frozen"]
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualItemRect(other).center())
    assert isinstance(table.indexWidget(table.indexFromItem(other)), QComboBox)  # one click opens the list
    table.closePersistentEditor(other)
    assert "Ann's laptop" in dialog.mapping_intro.text()

    with qtbot.waitSignals([dialog.all_done, ctx.data_changed], timeout=TIMEOUT):
        _click(qtbot, dialog.map_button)
    assert not dialog.mapping_box.isVisible()
    assert len(dialog.reports) == 1 and dialog.reports[0].tables["opportunity"].added == 2
    assert len(dialog.errors) == 1 and "bad.pdsa: not merged" in dialog.errors[0]
    text = dialog.report.toPlainText()
    assert "opportunity: 2 added" in text and "not an SQLite database" in text
    assert "Done: 1 of 2 file(s) merged." in text
    timing = next(r for r in sv.list_loss_reasons(ctx.ws) if r.name == "Budget frozen")
    lost = [row for row in _rows(ctx.ws, "opportunity") if "lost" in row]
    assert len(lost) == 1 and timing.id in lost[0]
    assert dialog.merge_button.isEnabled()

    # The mapping is remembered: merging the file again asks nothing and changes nothing.
    dialog.remove_selected()
    dialog.file_list.selectAll()
    dialog.remove_selected()
    dialog.add_files([files.work])
    with qtbot.waitSignal(dialog.all_done, timeout=TIMEOUT):
        _click(qtbot, dialog.merge_button)
    assert "nothing new" in dialog.report.toPlainText()


def test_preview_only_changes_nothing(qtbot, ctx: AppContext, files: Files) -> None:
    before = _rows(ctx.ws, "opportunity")
    dialog = MergeWorkDialog(ctx, None)
    qtbot.addWidget(dialog)
    dialog.add_files([files.work])
    dialog.dry_run.setChecked(True)
    with qtbot.waitSignal(dialog.mapping_needed, timeout=TIMEOUT):
        _click(qtbot, dialog.merge_button)
    with qtbot.waitSignal(dialog.all_done, timeout=TIMEOUT):
        _click(qtbot, dialog.map_button)
    text = dialog.report.toPlainText()
    assert "Would merge ann.pdsa" in text and "Preview done: nothing was changed." in text
    assert _rows(ctx.ws, "opportunity") == before
    assert _rows(ctx.ws, "merge_identity_map") == []


def test_skipping_a_file_merges_nothing_from_it(qtbot, ctx: AppContext, files: Files) -> None:
    before = _rows(ctx.ws, "opportunity")
    dialog = MergeWorkDialog(ctx, None)
    qtbot.addWidget(dialog)
    dialog.add_files([files.work, files.standards])
    with qtbot.waitSignal(dialog.mapping_needed, timeout=TIMEOUT):
        _click(qtbot, dialog.merge_button)
    with qtbot.waitSignal(dialog.all_done, timeout=TIMEOUT):
        _click(qtbot, dialog.skip_button)
    assert dialog.errors == ["ann.pdsa: skipped; nothing was merged from it."]
    assert len(dialog.reports) == 1 and dialog.reports[0].header.kind == "definitions"  # its own standards
    assert _rows(ctx.ws, "opportunity") == before


def test_add_files_through_the_file_dialog_and_close_while_asked(
        qtbot, ctx: AppContext, files: Files, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = MergeWorkDialog(ctx, None)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(files.work)], ""))
    _click(qtbot, dialog.add_button)
    assert dialog.files() == [files.work]
    with qtbot.waitSignal(dialog.mapping_needed, timeout=TIMEOUT):
        _click(qtbot, dialog.merge_button)
    dialog.reject()  # closing while the mapping is asked merges nothing
    assert not dialog.isVisible() and dialog.reports == []
    assert _rows(ctx.ws, "merge_identity_map") == []


def test_a_long_mapping_list_is_filled_as_the_plain_way_fills_it(qtbot, ctx: AppContext, files: Files) -> None:
    """Hundreds of clashes (631 at 1M): each kind is translated once and only the two columns that keep their
    width are measured (the choices' column stretches); the texts and widths are those of translating every row
    and measuring every column."""
    from pdsa_desk.core.exchange.results import MergePreview, NameConflict
    from pdsa_desk.ui import i18n

    tables = ("rep", "stage", "loss_reason", "team", "channel")
    conflicts = [NameConflict(tables[k % 5], f"r{k}", ("Rep with a rather long two-part name " * (k % 3)) + str(k),
                              f"l{k}", f"local {k}") for k in range(300)]
    choices = {t: [(f"l{k}", ("A long local name " * (k % 4)) + str(k)) for k in range(300) if tables[k % 5] == t]
               for t in tables}
    def shown(plain: bool) -> MergeWorkDialog:
        dialog = MergeWorkDialog(ctx, None)
        qtbot.addWidget(dialog)
        dialog.resize(900, 600)
        dialog.show()
        dialog._queue = [files.work]
        if plain:  # every column measured, as before
            table = dialog.mapping_table
            table.resizeColumnToContents = lambda c: table.resizeColumnsToContents() if c == 0 else None
        dialog._show_mapping(MergePreview(read_header(files.work), conflicts), choices)
        QApplication.processEvents()  # laid out: the choices' column stretches
        dialog._preview = None
        return dialog

    dialogs = shown(False), shown(True)
    ours, plain = (d.mapping_table for d in dialogs)
    kinds = [ours.item(r, 0).text() for r in range(ours.rowCount())]
    assert kinds == [w[:1].upper() + w[1:] for w in (i18n.text(c.what) for c in conflicts)]
    widths = [ours.columnWidth(c) for c in range(3)]
    assert widths[1] > widths[0] > 0 and widths[2] > 0
    assert [plain.columnWidth(c) for c in range(3)] == widths
    assert all(ours.item(r, c).text() == plain.item(r, c).text() for r in range(300) for c in range(3))
