"""Help: the glossary (menu and the "?" buttons of Charts, Compare and Study), keyboard shortcuts, About."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QToolButton

from pdsa_desk.ui.application import set_application_names
from pdsa_desk.ui.glossary import BY_KEY, ENTRIES, GlossaryDialog
from pdsa_desk.ui.main_window import GLOSSARY_ENTRIES, MainWindow
from pdsa_desk.ui.shortcuts import ShortcutsDialog
from tests.ui.waiting import settled


@pytest.fixture
def window(qtbot, demo_ws):
    set_application_names()
    win = MainWindow(demo_ws)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def glossary(window) -> GlossaryDialog:
    dialog = window.findChild(GlossaryDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_the_glossary_is_searchable_and_links_its_entries(qtbot, window) -> None:
    window.glossary_action.trigger()
    dialog = glossary(window)
    assert dialog.list.count() == len(ENTRIES) >= 25
    dialog.search.setText("laney")
    visible = [dialog.list.item(i).text() for i in range(dialog.list.count()) if not dialog.list.item(i).isHidden()]
    assert "Laney P′ chart" in visible and "WIP limit" not in visible
    assert dialog.current_key() in {"laney", "control-limits"} and "Laney" in dialog.text.toPlainText()
    dialog.search.setText("zzz no such word")
    assert dialog.none_label.isVisible() and dialog.text.toPlainText() == ""
    dialog.search.clear()
    dialog.show_entry("wip")
    assert "Work in progress" in dialog.text.toPlainText()
    dialog.text.anchorClicked.emit(QUrl("#pdsa"))  # "See also" links open their entry
    dialog.show_entry("laney")
    dialog.text.anchorClicked.emit(QUrl("#control-limits"))
    assert dialog.current_key() == "control-limits"


def test_f1_opens_the_entry_of_the_view_on_screen(qtbot, window) -> None:
    window.navigate("board")
    window.glossary_action.trigger()
    assert glossary(window).current_key() == "wip"
    window.navigate("charts")
    settled(qtbot, window.view("charts")).chart_seg.set_value("p")
    window.glossary_action.trigger()
    assert glossary(window).current_key() == "control-limits"
    assert set(GLOSSARY_ENTRIES.values()) <= set(BY_KEY)


def test_every_entry_is_written_and_its_links_exist() -> None:
    for entry in ENTRIES:
        assert len(entry.text) > 60, entry.key
        assert all(k in BY_KEY for k in entry.see), entry.key
    assert {"pdsa", "wip", "laney", "anhoej", "funnel-plot", "window", "cohort", "control-limits", "standard",
            "tactic", "ramp"} <= set(BY_KEY)


def test_the_charts_question_mark_opens_the_entry_of_the_chart_shown(qtbot, window) -> None:
    window.navigate("charts")
    charts = settled(qtbot, window.view("charts"))
    charts.chart_seg.set_value("pp")
    charts.help_button.click()
    assert glossary(window).current_key() == "laney"
    charts.chart_seg.set_value("run")
    charts.help_button.click()
    assert glossary(window).current_key() == "run-chart"
    charts.tabs.setCurrentIndex(2)
    charts.help_button.click()
    assert glossary(window).current_key() == "cfd"
    assert len(window.findChildren(GlossaryDialog)) == 1  # one glossary, reused


def test_compare_and_study_question_marks(qtbot, window) -> None:
    window.navigate("compare")
    compare = settled(qtbot, window.view("compare"))
    compare.funnel_panel.findChild(QToolButton, "glossaryButton").click()
    assert glossary(window).current_key() == "funnel-plot"
    compare.forest_panel.findChild(QToolButton, "glossaryButton").click()
    assert glossary(window).current_key() == "forest-plot"
    window.navigate("cycles")
    cycles = settled(qtbot, window.view("cycles"))
    study = cycles.editor.study_tab
    study.banner.help_button.click()
    assert glossary(window).current_key() == "verdict"
    study.interval_help.click()
    assert glossary(window).current_key() == "interval"


def test_keyboard_shortcuts_are_collected_from_the_actions(qtbot, window) -> None:
    window.shortcuts_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(ShortcutsDialog) is not None)
    rows = window.findChild(ShortcutsDialog).rows()
    native = {name: QKeySequence(name).toString(QKeySequence.SequenceFormat.NativeText)
              for name in ("Ctrl+1", "Ctrl+7", "Ctrl+,", "Ctrl+Z", "Ctrl+Shift+E", "Ctrl+Return", "F5", "Alt+3")}
    assert ("This week", native["Ctrl+1"]) in rows and ("Data", native["Ctrl+7"]) in rows
    assert ("Workspace settings", native["Ctrl+,"]) in rows and ("Undo", native["Ctrl+Z"]) in rows
    assert ("Export PNG", native["Ctrl+Shift+E"]) in rows
    assert ("Recompute the figures as of now", native["F5"]) in rows
    assert any(what.startswith("The cycle's next step") and keys == native["Ctrl+Return"] for what, keys in rows)
    assert all(what for what, _keys in rows)  # every shortcut says what it does
    headings = [what for what, keys in rows if not keys]
    assert headings[0] == "Everywhere" and {"Board", "Charts", "Cycles", "This week"} <= set(headings)

    # Collected, not listed by hand: a new action appears at once.
    extra = QAction("Frobnicate the pipeline", window.view("board"))
    extra.setShortcut(QKeySequence("Ctrl+Alt+F"))
    window.view("board").addAction(extra)
    window.findChild(ShortcutsDialog).close()
    window.shortcuts_action.trigger()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ShortcutsDialog)))
    dialog = next(d for d in window.findChildren(ShortcutsDialog) if d.isVisible())
    assert ("Frobnicate the pipeline", QKeySequence("Ctrl+Alt+F").toString(
        QKeySequence.SequenceFormat.NativeText)) in dialog.rows()


def test_about_names_the_file_not_a_url(window, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, _title, text: shown.append(text))
    next(a for a in window.menuBar().actions() if a.text() == "&Help").menu().actions()[-1].trigger()
    assert "demo.sqlite" in shown[0] and "sqlite:" not in shown[0] and "Northwind" in shown[0]
