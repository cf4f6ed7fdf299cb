"""Chart export works for plot widgets (QGraphicsView) and for plain widgets (chart frames with titles)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QLabel

from pdsa_desk.ui import plotting


@pytest.fixture(params=["plot", "label"])
def widget(request, qtbot):
    if request.param == "plot":
        w = plotting.make_plot()
        w.plot([1, 2, 3], [0.3, 0.1, 0.2], symbol=plotting.POINT_SYMBOL)
    else:
        w = QLabel("Conversion, Discovery held → Budget shared")
    qtbot.addWidget(w)
    w.resize(480, 320)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_png_is_written_at_twice_the_size(widget, tmp_path: Path) -> None:
    path = plotting.export_png(widget, tmp_path / "chart.png")
    image = QImage(str(path))
    assert (image.width(), image.height()) == (960, 640)


def test_svg_is_valid_xml_with_an_svg_root(widget, tmp_path: Path) -> None:
    path = plotting.export_svg(widget, tmp_path / "chart.svg", "A title")
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    assert any(el.text == "A title" for el in root.iter() if el.tag.endswith("title"))


def test_copy_to_clipboard(widget) -> None:
    plotting.copy_to_clipboard(widget)
    assert not QGuiApplication.clipboard().pixmap().isNull()
