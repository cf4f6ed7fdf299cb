"""The views write amounts, counts and dates through the one formatting module: in the user's locale, in the
workspace's currency, and never in a hand-built style."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QWidget
from sqlmodel import select

from pdsa_desk.core.models import WorkspaceSettings
from pdsa_desk.ui import formatting
from pdsa_desk.ui.board_models import CardRole
from pdsa_desk.ui.main_window import VIEWS, MainWindow

NBSP = "\u00a0"
#: Dates built by hand in the styles the app used before (strftime "06 Nov 2026", "Mon 7 Dec 2026", ISO days
#: with times): none may be left in any view.
HAND_BUILT_DATES = re.compile(r"\b\d{1,2} [A-Z][a-z]{2} \d{4}\b|\b[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}\b"
                              r"|\b\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?\b")


def _use_currency(ws, code: str) -> None:
    with ws.transaction() as s:
        settings = s.exec(select(WorkspaceSettings)).first()
        settings.currency = code
        s.add(settings)


@pytest.fixture
def window_in(qtbot, demo_ws) -> Iterator:
    """A main window on the demo in a given locale and workspace currency (both restored afterwards)."""
    before = QLocale()
    windows: list[MainWindow] = []

    def open_in(locale: str, currency: str) -> MainWindow:
        QLocale.setDefault(QLocale(locale))
        _use_currency(demo_ws, currency)
        win = MainWindow(demo_ws)
        qtbot.addWidget(win)
        win.resize(1366, 768)
        win.show()
        qtbot.waitExposed(win)
        windows.append(win)
        return win

    yield open_in
    QLocale.setDefault(before)
    formatting.use_currency("")


def _first_card(win: MainWindow, qtbot):
    win.navigate("board")
    view = win.view("board")
    qtbot.waitUntil(lambda: bool(view.columns) and view.columns[0].proxy.rowCount() > 0)
    proxy = view.columns[0].proxy
    return next(proxy.index(r, 0) for r in range(proxy.rowCount()) if proxy.index(r, 0).data(CardRole.AMOUNT))


def test_card_amounts_and_dates_in_german_with_euros(window_in, qtbot) -> None:
    win = window_in("de_DE", "EUR")
    card = _first_card(win, qtbot)
    amount = float(card.data(CardRole.AMOUNT))
    tip = card.data(Qt.ItemDataRole.ToolTipRole)
    assert f"{QLocale('de_DE').toString(round(amount))}{NBSP}€" in tip  # "51.800 €"
    assert re.search(r"\b\d{2}\.\d{2}\.\d{4}\b", tip)  # the German short date: "04.12.2026"
    if amount >= 1000:
        assert "." in QLocale("de_DE").toString(round(amount))


def test_card_amounts_in_us_english_with_dollars(window_in, qtbot) -> None:
    win = window_in("en_US", "USD")
    card = _first_card(win, qtbot)
    amount = round(float(card.data(CardRole.AMOUNT)))
    assert f"${amount:,}" in card.data(Qt.ItemDataRole.ToolTipRole)  # "$51,800"


def test_without_a_currency_amounts_are_plain_grouped_numbers(window_in, qtbot) -> None:
    win = window_in("en_US", "")
    card = _first_card(win, qtbot)
    amount = round(float(card.data(CardRole.AMOUNT)))
    tip = card.data(Qt.ItemDataRole.ToolTipRole)
    assert f"· {amount:,}<" in tip and "$" not in tip


def _texts(view: QWidget) -> Iterator[str]:
    for widget in view.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            yield widget.text()
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(60):
                for col in range(20):
                    index = model.index(row, col)
                    if not index.isValid():
                        break
                    yield str(index.data() or "")


def test_no_view_shows_a_hand_built_date(window_in, qtbot) -> None:
    win = window_in("en_US", "USD")
    found: list[str] = []
    seen = 0
    for spec in VIEWS:
        win.navigate(spec.key)
        view = win.view(spec.key)
        qtbot.waitUntil(lambda v=view: v.isVisible())
        for _ in range(2):
            win.ctx.wait_for_background()
            QCoreApplication.processEvents()
        for text in _texts(view):
            seen += 1
            if HAND_BUILT_DATES.search(text):
                found.append(f"{spec.key}: {text[:100]!r}")
    assert seen > 200
    assert not found, "\n".join(found)
