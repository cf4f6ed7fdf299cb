"""A pseudo-localised run: every text ~40 % longer and accented, each view at 1366×768, no clipped text; and the
same check with the German catalogue.

The pseudo translator stands in for a language with longer words (German runs ~30 % longer than English): it
accents the letters (so an untranslated text shows up at once) and pads each text by 40 % of its length. Place
holders ({0}, %n), HTML tags, entities and file-dialog filters are left as they are.
"""

from __future__ import annotations

import math
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSize, QTranslator
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from pdsa_desk.ui.application import set_application_names
from pdsa_desk.ui.main_window import VIEWS, MainWindow

SIZE = QSize(1366, 768)
_KEEP = re.compile(r"<[^>]*>|&[a-zA-Z]+;|&&|\{[^}]*\}|%L?n|%\d|\\n|\n")
_MARKUP = re.compile(r"<[^>]*>|&[a-zA-Z]+;")
_ACCENTS = str.maketrans("aeiouyAEIOUYcnsCNS", "áéîõüýÁÉÎÕÜÝçñšÇÑŠ")


def pseudo(text: str) -> str:
    if not text.strip() or "(*" in text:  # file-dialog filters keep their patterns
        return text
    out, last = [], 0
    for match in _KEEP.finditer(text):
        out.append(text[last:match.start()].translate(_ACCENTS))
        out.append(match.group())
        last = match.end()
    out.append(text[last:].translate(_ACCENTS))
    shown = len(_MARKUP.sub("", text))
    return "".join(out) + "·" * math.ceil(0.4 * shown)


class PseudoTranslator(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return pseudo(source)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


def test_pseudo_text_keeps_placeholders_and_grows() -> None:
    assert pseudo("Saved {0}") == "Šávéd {0}····"
    assert pseudo("<b>Board</b>&nbsp;%n") == "<b>Bõárd</b>&nbsp;%n···"
    assert pseudo("All files (*)") == "All files (*)"


def _clipped(widget: QWidget) -> str | None:
    """Why a visible label or button does not show its whole text (None when it does)."""
    if isinstance(widget, QLabel):
        if widget.wordWrap() or not widget.text() or (widget.pixmap() is not None and not widget.pixmap().isNull()):
            return None
        need = widget.sizeHint().width()
    elif isinstance(widget, QAbstractButton):
        if not widget.text():
            return None
        need = widget.sizeHint().width()
    else:
        return None
    if need > widget.width() + 1:
        return f"{type(widget).__name__} {widget.text()[:60]!r}: needs {need} px, has {widget.width()}"
    return None


def _german(tmp_path: Path) -> QTranslator:
    """The committed German catalogue, compiled here (the .qm is a build output)."""
    qm = tmp_path / "pdsa_desk_de.qm"
    ts = Path(__file__).resolve().parents[2] / "resources" / "translations" / "pdsa_desk_de.ts"
    subprocess.run([str(Path(sys.executable).parent / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
                   check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    return translator


@pytest.fixture(params=["pseudo", "german"])
def pseudo_window(request, qtbot, demo_ws, tmp_path: Path):
    set_application_names()
    translator = PseudoTranslator() if request.param == "pseudo" else _german(tmp_path)
    QCoreApplication.installTranslator(translator)
    win = MainWindow(demo_ws)
    qtbot.addWidget(win)
    win.resize(SIZE)
    win.show()
    qtbot.waitExposed(win)
    yield win
    QCoreApplication.removeTranslator(translator)


def test_no_text_is_clipped_in_any_view(pseudo_window: MainWindow, qtbot) -> None:
    win = pseudo_window
    assert win.nav.item(0).text() in {pseudo("This week"), "Diese Woche"}  # the translator is in use
    clipped: list[str] = []
    checked = 0
    for spec in VIEWS:
        win.navigate(spec.key)
        view = win.view(spec.key)
        win.ctx.wait_for_background()
        qtbot.waitUntil(lambda v=view: v.isVisible() and v.width() > 0)
        QCoreApplication.processEvents()
        win.ctx.wait_for_background()
        QCoreApplication.processEvents()
        for widget in view.findChildren(QWidget):
            if widget.isVisible() and isinstance(widget, QLabel | QAbstractButton):
                checked += 1
                if why := _clipped(widget):
                    clipped.append(f"{spec.key}: {why}")
    assert checked > 100  # the views were shown and their texts looked at
    assert not clipped, f"{len(clipped)} clipped texts at 1366×768:\n" + "\n".join(clipped)
