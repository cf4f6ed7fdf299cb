"""English left in the German UI (issue #17, point 7; found by the German audit of stop 20): each fixed remnant
is checked here in German, so that it fails if the English comes back."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

ROOT = Path(__file__).resolve().parents[2]
TOOLS = Path(sys.executable).parent


@pytest.fixture
def german(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The UI in German: the committed catalogues compiled here, the German translator and locale installed."""
    from pdsa_desk.ui import i18n

    built = {}
    for code in ("de", "en"):
        built[code] = str(tmp_path / f"pdsa_desk_{code}.qm")
        ts = ROOT / "resources" / "translations" / f"pdsa_desk_{code}.ts"
        subprocess.run([str(TOOLS / "pyside6-lrelease"), "-silent", str(ts), "-qm", built[code]], check=True)
    monkeypatch.setattr(i18n, "catalogue_path", built.get)
    before = QLocale()
    QLocale.setDefault(QLocale("de_DE"))
    assert i18n.install_translators("de") == "de"
    yield
    i18n.remove_translators()
    QLocale.setDefault(before)


def test_data_view_export_choices_are_german(german, qtbot, ws) -> None:
    """The export list's labels were passed to tr() but never marked for the catalogue: shown in English."""
    from pdsa_desk.ui.context import AppContext
    from pdsa_desk.ui.views.data import EXPORTS, DataView

    ctx = AppContext(ws)
    view = DataView(ctx)
    qtbot.addWidget(view)
    shown = [view.export_what.itemText(i) for i in range(view.export_what.count())]
    assert shown[0] == "Stufenwechsel (wieder importierbar)"
    assert not set(shown) & {label for _, label in EXPORTS}, shown
    assert [view.export_what.itemData(i) for i in range(view.export_what.count())] == [k for k, _ in EXPORTS]
    ctx.wait_for_background()


def test_study_table_difference_row_is_german(german, qtbot) -> None:
    """``self.tr('Difference')`` sat inside an f-string, where lupdate does not look: the row said "Difference"."""
    from PySide6.QtWidgets import QLabel

    from pdsa_desk.ui.cycle_editor.study_tab import StudyTab

    tab = StudyTab()
    qtbot.addWidget(tab)
    labels = {label.text() for label in tab.findChildren(QLabel)}
    assert "<b>Differenz</b>" in labels
    assert "<b>Difference</b>" not in labels
