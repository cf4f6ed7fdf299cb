"""The frame every chart is drawn in: title, summary, plot and legend, exported together."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, QRect, QSettings, QSize, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction, QImage, QKeySequence, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QLabel, QMenu, QStackedLayout, QVBoxLayout, QWidget

from pdsa_desk.ui import plotting
from pdsa_desk.ui.chart_widgets.legend import LegendRow
from pdsa_desk.ui.chart_widgets.style import PercentAxis, style_axis
from pdsa_desk.ui.i18n import InheritedTr


class ChartFrame(InheritedTr, QWidget):
    """Title, summary, plot and legend, with export to PNG/SVG and the clipboard.

    Right-clicking the plot opens :meth:`context_menu`; subclasses add their own
    actions before the export ones. Every chart is subclassed (the Study tab's chart is a conversion chart):
    :class:`~pdsa_desk.ui.i18n.InheritedTr` finds each text, plurals included, in the class that wrote it.
    """

    #: A file was written by an export (path).
    exported = Signal(str)

    export_name = "chart"

    def __init__(self, parent: QWidget | None = None, *, x_dates: bool = True, y_label: str = "",
                 percent_y: bool = False) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        self.frame_layout = layout  # title, summary, plot, legend… (a subclass may add a row)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        self.title_label = QLabel()
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title_label)
        layout.addWidget(self.summary_label)

        self.plot = plotting.make_plot(self, y_label=y_label, x_dates=x_dates)
        self.plot.setMinimumHeight(220)
        if x_dates:
            self.plot.getAxis("bottom").utcOffset = 0  # periods are UTC; show them as such everywhere
        for name in ("left", "bottom"):  # major and one minor tick level: fewer, calmer grid lines
            self.plot.getAxis(name).setStyle(maxTickLevel=1)
        if percent_y:
            axis = PercentAxis("left")
            axis.enableAutoSIPrefix(False)
            axis.setStyle(maxTickLevel=1)
            self.plot.setAxisItems({"left": axis})
            style_axis(axis)
            if y_label:
                self.plot.setLabel("left", y_label)
        self.plot_item: pg.PlotItem = self.plot.getPlotItem()
        self.vb: pg.ViewBox = self.plot_item.getViewBox()
        self.plot.scene().sigMouseClicked.connect(self._scene_clicked)

        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setObjectName("chartEmptyMessage")
        self._stack_host = QWidget()
        self._stack = QStackedLayout(self._stack_host)
        self._stack.addWidget(self.plot)
        self._stack.addWidget(self.message)
        layout.addWidget(self._stack_host, 1)
        self.legend = LegendRow()
        layout.addWidget(self.legend)

        #: The context menu on screen (or last shown).
        self.open_menu: QMenu | None = None
        self.copy_action = QAction(self.tr("&Copy chart to clipboard"), self)
        self.copy_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_action.triggered.connect(self.copy_to_clipboard)
        self.png_action = QAction(self.tr("Export &PNG…"), self)
        self.png_action.triggered.connect(lambda: self.export_dialog("png"))
        self.svg_action = QAction(self.tr("Export &SVG…"), self)
        self.svg_action.triggered.connect(lambda: self.export_dialog("svg"))

    # --- state ------------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        """Replace the plot by an explanation (empty states)."""
        self.message.setText(text)
        self._stack.setCurrentWidget(self.message)

    def show_plot(self) -> None:
        self._stack.setCurrentWidget(self.plot)

    @property
    def has_plot(self) -> bool:
        return self._stack.currentWidget() is self.plot

    def set_title(self, title: str, summary: str = "") -> None:
        self.title_label.setText(title)
        self.summary_label.setText(summary)
        self.summary_label.setVisible(bool(summary))

    def title(self) -> str:
        return self.title_label.text()

    # --- export -----------------------------------------------------------------------------
    # The whole frame (title, summary, plot, legend) is exported, so a pasted chart explains
    # itself. plotting.export_png/export_svg call widget.render(painter), which PySide6 6.12
    # accepts only for graphics views; a plain QWidget needs the target offset as well.
    def export_png(self, path: str | Path, scale: float = 2.0) -> Path:
        path = Path(path)
        image = QImage(QSize(int(self.width() * scale), int(self.height() * scale)), QImage.Format.Format_ARGB32)
        image.fill(self.palette().color(self.backgroundRole()))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        self.render(painter, QPoint())
        painter.end()
        # The stub types the format as bytes; PySide6 itself accepts only a str there (bytes: ValueError).
        if not image.save(str(path), "PNG"):  # type: ignore[call-overload]
            raise OSError(f"Could not write {path}")
        return path

    def export_svg(self, path: str | Path) -> Path:
        path = Path(path)
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(self.size())
        generator.setViewBox(QRect(0, 0, self.width(), self.height()))
        generator.setTitle(self.title() or "pdsa-desk chart")
        generator.setDescription("Exported from pdsa-desk")
        painter = QPainter(generator)
        self.render(painter, QPoint())
        painter.end()
        if not path.exists() or path.stat().st_size == 0:
            raise OSError(f"Could not write {path}")
        return path

    def copy_to_clipboard(self) -> None:
        plotting.copy_to_clipboard(self)

    def suggested_file_name(self, fmt: str) -> str:
        slug = re.sub(r"[^\w]+", "-", self.title().lower(), flags=re.UNICODE).strip("-")[:80]
        return f"{slug or self.export_name}.{fmt}"

    def export_dialog(self, fmt: str) -> Path | None:
        """Ask where to save, then export; returns the path written (None if cancelled)."""
        settings = QSettings()
        folder = str(settings.value("charts/export_dir", "") or "") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.PicturesLocation
        )
        filters = {"png": self.tr("PNG image (*.png)"), "svg": self.tr("SVG vector image (*.svg)")}
        caption = self.tr("Export chart as PNG") if fmt == "png" else self.tr("Export chart as SVG")
        path, _ = QFileDialog.getSaveFileName(
            self, caption, str(Path(folder) / self.suggested_file_name(fmt)), filters[fmt]
        )
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != f".{fmt}":
            target = target.with_suffix(f".{fmt}")
        written = self.export_png(target) if fmt == "png" else self.export_svg(target)
        settings.setValue("charts/export_dir", str(target.parent))
        self.exported.emit(str(written))
        return written

    # --- context menu -----------------------------------------------------------------------
    def context_menu(self, index: int | None = None) -> QMenu:
        """The right-click menu (``index``: the data point under the mouse, if any)."""
        menu = QMenu(self)
        self._add_menu_actions(menu, index)
        if menu.actions():
            menu.addSeparator()
        menu.addAction(self.png_action)
        menu.addAction(self.svg_action)
        menu.addAction(self.copy_action)
        return menu

    def _add_menu_actions(self, menu: QMenu, index: int | None) -> None:
        """Subclasses add chart-specific actions."""

    def index_at(self, scene_pos: QPointF) -> int | None:
        """The data point at a scene position (subclasses)."""
        return None

    def _scene_clicked(self, ev: Any) -> None:
        if ev.button() != Qt.MouseButton.RightButton or not self.vb.sceneBoundingRect().contains(ev.scenePos()):
            return
        ev.accept()
        if self.open_menu is not None:
            self.open_menu.deleteLater()
        # popup(), not exec(): no nested event loop; the menu is kept until the next one
        self.open_menu = self.context_menu(self.index_at(ev.scenePos()))
        self.open_menu.popup(ev.screenPos().toPoint())
