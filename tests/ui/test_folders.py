"""Where file dialogs start: the last folder used, else the workspace's folder, else home."""

from __future__ import annotations

from pathlib import Path

from pdsa_desk.ui.widgets import remember_folder, start_folder


def test_start_folder_prefers_the_last_folder_then_the_workspace_then_home(qapp, tmp_path: Path) -> None:
    # qapp: conftest gives the test its own QSettings only when it uses Qt.
    workspace = tmp_path / "ws" / "team.sqlite"
    workspace.parent.mkdir()
    assert start_folder("import/folder", workspace) == workspace.parent
    assert start_folder("import/folder", None) == Path.home()
    exports = tmp_path / "exports"
    exports.mkdir()
    remember_folder("import/folder", exports / "deals.csv")
    assert start_folder("import/folder", workspace) == exports
    assert start_folder("exchange/folder", workspace) == workspace.parent  # each dialog keeps its own
    exports.rmdir()  # a folder that is gone is not offered
    assert start_folder("import/folder", workspace) == workspace.parent
