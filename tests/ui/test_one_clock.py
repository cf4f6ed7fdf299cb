"""One clock: the same workspace at the same instant gives the same counts on every view and in the PDF.

The window takes one "as of" instant per refresh (AppContext.clock); This week, the Board, the Data view,
the Charts' funnel and the weekly PDF all count as of it, by the one open-at rule of core/pipeline.open_at.
The counts the issue saw drift (open in a stage: 50 on This week and PDF page 1, 49 on the Board and the
PDF's WIP page; Won 384 on Data, 383 in the funnel) are read here from each view as it shows them. Compare
counts a customer once their conversion window has closed, as the Charts do; the chart marks a whole week mature
only when every customer in it is, so the two agree up to the end of the chart's last mature week (the second test).
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt

from pdsa_desk.core.agenda import Section
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.views.board import BoardView
from pdsa_desk.ui.views.charts import ChartsView
from pdsa_desk.ui.views.compare import CompareView
from pdsa_desk.ui.views.data import DataView
from pdsa_desk.ui.views.week import WeekView
from tests.ui.test_report import NEEDS_PDFTOTEXT, pdf_text, pdftotext  # noqa: F401 - the fixture NEEDS_PDFTOTEXT uses
from tests.ui.waiting import refreshed, settled

STAGE = "Budget shared"
TRANSITION = "Terms in negotiation → Won"


def _flat(text: str) -> str:
    return " ".join(text.split())


@NEEDS_PDFTOTEXT
def test_counts_agree_across_views_and_the_pdf(qtbot, demo_ws, tmp_path: Path) -> None:
    ctx = AppContext(demo_ws)  # not pinned: the clock of a real window
    as_of = ctx.as_of()
    week, board, data_view, charts = WeekView(ctx), BoardView(ctx), DataView(ctx), ChartsView(ctx)
    for view in (week, board, data_view, charts):
        qtbot.addWidget(view)
    week.show()
    refreshed(qtbot, week)  # each view computes in the background: waited for (issue 16's design)
    refreshed(qtbot, board)
    refreshed(qtbot, data_view)
    refreshed(qtbot, charts)
    charts.tabs.setCurrentIndex(charts.TABS.index("funnel"))
    settled(qtbot, charts)
    assert ctx.as_of() == as_of and week.agenda.as_of == as_of  # nothing moved the clock

    # Open in the stage over its WIP limit: This week's item, the Board's column.
    (wip,) = [i for i in week.agenda.section(Section.WIP) if i.title == STAGE]
    on_week = int(re.match(r"(\d+) open opportunities", wip.detail).group(1))
    stages = board.snapshot.stages.set_index("name")
    assert int(stages.loc[STAGE, "count"]) == on_week
    # Open in total: the Data view's count, the Board's cards.
    assert data_view.count_labels["Open opportunities"].text().replace(",", "") == str(len(board.snapshot.cards))
    # Won: the Data view's count, the funnel's last stage (all time, everyone, up to the clock).
    funnel = charts.funnel_chart.data.frame.set_index("name")
    won = data_view.count_labels["Won opportunities"].text().replace(",", "")
    assert int(won) == int(funnel.loc["Won", "n"])

    # The PDF of the same refresh: page 1's agenda item and the WIP page's row.
    path = tmp_path / "week.pdf"
    week.write_report(str(path))
    qtbot.waitUntil(lambda: "Report written" in week.summary.text(), timeout=30_000)
    pages = [_flat(p) for p in pdf_text(path)]
    assert f"Urgent · {STAGE} {on_week} open opportunities" in pages[0]
    wip_page = next(p for p in pages if "Open opportunities now in each stage" in p)
    assert re.search(rf"{STAGE} {on_week} \d+ \d+", wip_page)
    ctx.wait_for_background()


def test_compare_counts_the_customers_the_charts_count(qtbot, demo_ws) -> None:
    """Compare's table and the Charts' conversion series count the same customers over the same days.

    Both count a customer once its conversion window has closed; the chart shows a whole period as mature only when
    every customer in it is, so the two are compared up to the end of the chart's last mature week.
    """
    ctx = AppContext(demo_ws)
    as_of = ctx.as_of()
    charts, compare = ChartsView(ctx), CompareView(ctx)
    for view in (charts, compare):
        qtbot.addWidget(view)
    charts.show()
    refreshed(qtbot, charts)
    charts.scope_combo.setCurrentIndex(0)  # everyone
    charts.period_seg.set_value("week")
    charts.range_combo.setCurrentIndex(charts.range_combo.findData("all"))
    charts.transition_combo.setCurrentIndex(charts.transition_combo.findText(TRANSITION))
    settled(qtbot, charts)
    qtbot.waitUntil(lambda: charts.conversion_chart.series is not None
                    and charts.conversion_chart.title_label.text().startswith(TRANSITION), timeout=30_000)
    frame = charts.conversion_chart.series.frame
    mature = frame[frame["mature"].astype(bool)]
    assert len(mature) < len(frame)  # the demo's latest weeks are still within their window
    last_day = (mature["period_end"].max() - timedelta(days=1)).date()

    compare.show()
    with qtbot.waitSignals([compare.comparison_shown, compare.improvement_shown], timeout=30_000):
        compare.refresh()

    def choose(action) -> None:
        with qtbot.waitSignal(compare.comparison_shown, timeout=30_000):
            action()

    i = compare.transition_combo.findText(TRANSITION.split(" →")[0], Qt.MatchFlag.MatchStartsWith)
    assert i >= 0
    if compare.transition_combo.currentIndex() != i:
        choose(lambda: compare.transition_combo.setCurrentIndex(i))
    if compare.team_combo.currentIndex() != 0:
        choose(lambda: compare.team_combo.setCurrentIndex(0))  # all teams
    choose(lambda: compare.period_combo.setCurrentIndex(compare.period_combo.findData("custom")))
    choose(lambda: compare.start_edit.setDate(QDate(2000, 1, 1)))
    choose(lambda: compare.end_edit.setDate(QDate(last_day.year, last_day.month, last_day.day)))
    assert ctx.as_of() == as_of
    shown = compare.comparison.table
    assert (int(shown["n"].sum()), int(shown["x"].sum())) == (int(mature["n"].sum()), int(mature["x"].sum()))
    ctx.wait_for_background()
