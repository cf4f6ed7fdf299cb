"""Icons from the ``resources`` folder, recoloured to follow the light or dark palette."""

from __future__ import annotations

from functools import cache
from importlib import resources as _res

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer


def resource_path(name: str):  # noqa: ANN201 - a Traversable
    return _res.files("pdsa_desk.resources").joinpath(name)


@cache
def _svg(name: str) -> bytes:
    target = resource_path("app.svg" if name == "app" else f"icons/{name}.svg")
    return target.read_bytes()


def icon(name: str) -> QIcon:
    """A themed icon; line icons take the palette's text colour so they work in dark mode."""
    data = _svg(name)
    if name != "app":
        has_app = QGuiApplication.instance() is not None
        colour = QGuiApplication.palette().windowText().color().name() if has_app else "#444455"
        data = data.replace(b'stroke="#445"', f'stroke="{colour}"'.encode())
    renderer = QSvgRenderer(QByteArray(data))
    result = QIcon()
    for size in (16, 20, 24, 32, 48, 64, 128, 256) if name == "app" else (16, 20, 24, 32, 48):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        result.addPixmap(pixmap)
    return result
