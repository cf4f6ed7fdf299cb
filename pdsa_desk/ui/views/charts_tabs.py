"""The Charts view's chart widgets, each built the first time it is needed.

A chart widget is a pyqtgraph plot with its axes, legend and items: 40–80 ms each to build on the GUI thread.
Building all five with the view froze the window for a quarter of a second on the first visit of Charts
(issue 16); built on first use, the view's first visit builds the chart on screen only, one event-loop turn
after the view itself, and each other tab builds its chart when it is first shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from PySide6.QtWidgets import QBoxLayout

from pdsa_desk.ui.chart_widgets import ChartFrame


class LazyCharts(Mapping[str, ChartFrame]):
    """``tab -> chart widget``: the widget is built (and put into its tab's layout) when first asked for."""

    def __init__(self, pages: Mapping[str, tuple[Callable[[], ChartFrame], QBoxLayout]],
                 on_built: Callable[[str, ChartFrame], None]) -> None:
        self._pages = dict(pages)
        self._built: dict[str, ChartFrame] = {}
        self._on_built = on_built

    def __getitem__(self, tab: str) -> ChartFrame:
        chart = self._built.get(tab)
        if chart is None:
            make, layout = self._pages[tab]
            chart = make()
            layout.addWidget(chart, 1)
            chart.show()  # not left for the event loop: laid out at once, an export or a drawing right after
            layout.activate()  # sees the tab's width
            self._built[tab] = chart
            self._on_built(tab, chart)
        return chart

    def __iter__(self) -> Iterator[str]:
        return iter(self._pages)

    def __len__(self) -> int:
        return len(self._pages)

    def is_built(self, tab: str) -> bool:
        return tab in self._built
