"""Compare view: reps side by side without a league table (forest, funnel, table, team-wide cycles)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from pdsa_desk.core.funnel_compare import compare_reps
from pdsa_desk.core.services.cycles import list_cycles, participants
from pdsa_desk.core.study import team_improvement
from pdsa_desk.ui.compare_widgets import position_style
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.views.compare import CompareView
from tests.conftest import DEMO_AS_OF
from tests.ui.waiting import analysis

TIMEOUT = 15000


def _make_view(qtbot, ctx: AppContext) -> CompareView:
    ctx.clock.pin(DEMO_AS_OF)  # the one clock, on the demo's day
    view = CompareView(ctx)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    with qtbot.waitSignals([view.comparison_shown, view.improvement_shown], timeout=TIMEOUT):
        view.refresh()
    return view


@pytest.fixture
def ctx(demo_ws) -> Iterator[AppContext]:
    context = AppContext(demo_ws)
    yield context
    context.wait_for_background()


@pytest.fixture
def view(qtbot, ctx) -> CompareView:
    return _make_view(qtbot, ctx)


def _recompute(qtbot, view: CompareView, action) -> None:
    with qtbot.waitSignal(view.comparison_shown, timeout=TIMEOUT):
        action()


def _select(qtbot, view: CompareView, combo, text: str) -> None:
    index = combo.findText(text, Qt.MatchFlag.MatchStartsWith)
    assert index >= 0, f"{text!r} not in {[combo.itemText(i) for i in range(combo.count())]}"
    if combo.currentIndex() != index:
        _recompute(qtbot, view, lambda: combo.setCurrentIndex(index))


def _expected(view: CompareView):
    return compare_reps(view.ctx.ws, **view.current_query(), data=view.ctx.current_analysis())


def _column(view: CompareView, col: int, role=Qt.ItemDataRole.DisplayRole) -> list:
    return [view.proxy.index(r, col).data(role) for r in range(view.proxy.rowCount())]


# --------------------------------------------------------------------------- #
# the table
# --------------------------------------------------------------------------- #
def test_table_lists_reps_with_entries_ordered_by_name(view: CompareView, qtbot) -> None:
    assert view.transition_combo.currentText() == "Pre-qualified by marketing → Lead captured"  # the first
    assert view.period_combo.currentText() == "Last 26 weeks"
    _select(qtbot, view, view.transition_combo, "Discovery held → Budget shared")
    expected = _expected(view)
    table = expected.table
    assert len(table) == 8 and (table["n"] > 0).all()
    names = _column(view, 0)
    assert names == sorted(table["name"].tolist(), key=str.casefold)
    assert view.model.columnCount() == 7
    assert [view.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(7)] == [
        "Rep", "Team", "Converted / entered", "Rate", "95% interval", "Position", "Active cycles"]
    by_name = table.set_index("name")
    for r, name in enumerate(names):
        row = by_name.loc[name]
        assert view.proxy.index(r, 2).data() == f"{row['x']} / {row['n']}"
        assert view.proxy.index(r, 3).data(Qt.ItemDataRole.UserRole) == pytest.approx(row["rate"])
        assert view.proxy.index(r, 4).data() == f"{row['low']:.0%} – {row['high']:.0%}"
        assert view.proxy.index(r, 6).data(Qt.ItemDataRole.UserRole) == row["active_cycles"]
    assert f"team rate <b>{expected.p0:.0%}</b>" in view.summary.text()


def test_another_transition_period_and_team(view: CompareView, qtbot) -> None:
    _select(qtbot, view, view.transition_combo, "Lead captured → Discovery held")
    _select(qtbot, view, view.period_combo, "Last 52 weeks")
    first, last = view.period_range()
    assert (first, last) == (date(2025, 11, 26), DEMO_AS_OF)
    assert view.start_edit.date() == QDate(2025, 11, 26) and not view.start_edit.isEnabled()
    expected = _expected(view)
    assert expected.from_stage == 1
    assert _column(view, 0) == expected.table["name"].tolist()
    # Positions are worded without ranking, with marker icons (shape, not only colour).
    wording = {
        "above 99.8%": "Above the 99.8% limit — worth learning from",
        "above 95%": "Above the 95% limit — perhaps worth learning from",
        "within": "Within the expected range",
        "below 95%": "Below the 95% limit — worth a conversation",
        "below 99.8%": "Below the 99.8% limit — worth a conversation",
    }
    positions = expected.table["position"].tolist()
    assert {"above 99.8%", "below 99.8%", "within"} <= set(positions)  # the demo has reps outside the limits
    assert _column(view, 5) == [wording[p] for p in positions]
    assert all(not view.proxy.index(r, 5).data(Qt.ItemDataRole.DecorationRole).isNull()
               for r in range(view.proxy.rowCount()))
    texts = " ".join(str(view.proxy.index(r, c).data()) for r in range(view.proxy.rowCount()) for c in range(7))
    for word in ("best", "worst", "rank", "top", "bottom"):
        assert word not in texts.lower()

    _select(qtbot, view, view.team_combo, "North")
    expected = _expected(view)
    assert set(expected.table["team_name"]) == {"North"}
    assert _column(view, 0) == ["Alice Moreau", "Ben Okafor", "Chloé Varga", "David Lindqvist"]


def test_order_is_by_name_or_team_never_by_rate(view: CompareView, qtbot) -> None:
    assert not view.table.isSortingEnabled()  # clicking a header cannot make a league table
    _select(qtbot, view, view.team_combo, "All teams")
    rates = _column(view, 3, Qt.ItemDataRole.UserRole)
    assert rates != sorted(rates) and rates != sorted(rates, reverse=True)
    view.order_combo.setCurrentIndex(view.order_combo.findData("team"))
    teams, names = _column(view, 1), _column(view, 0)
    assert list(zip(teams, names, strict=True)) == sorted(zip(teams, names, strict=True))
    # The forest plot follows the same order, with the team beside the name.
    ticks = [text for _, text in view.forest.widget.getAxis("left")._tickLevels[0]]
    assert ticks == [f"{n}  ·  {t}" for n, t in zip(names, teams, strict=True)]


def test_custom_range_and_invalid_dates(view: CompareView, qtbot) -> None:
    _recompute(qtbot, view, lambda: view.period_combo.setCurrentIndex(view.period_combo.findData("custom")))
    assert view.start_edit.isEnabled() and view.end_edit.isEnabled()
    _recompute(qtbot, view, lambda: view.start_edit.setDate(QDate(2026, 3, 2)))
    _recompute(qtbot, view, lambda: view.end_edit.setDate(QDate(2026, 5, 31)))
    query = view.current_query()
    assert query["start"].date() == date(2026, 3, 2) and query["end"].date() == date(2026, 6, 1)
    assert _column(view, 0) == _expected(view).table["name"].tolist()
    assert view.stack.currentIndex() == 0

    _recompute(qtbot, view, lambda: view.start_edit.setDate(QDate(2026, 7, 1)))
    assert view.date_error.isVisibleTo(view)
    assert "after the last day" in view.date_error.text()
    assert view.stack.currentIndex() == 1  # empty state, not a traceback
    _recompute(qtbot, view, lambda: view.start_edit.setDate(QDate(2026, 4, 1)))
    assert not view.date_error.isVisibleTo(view)
    assert view.stack.currentIndex() == 0


# --------------------------------------------------------------------------- #
# the plots
# --------------------------------------------------------------------------- #
def test_forest_plot_has_an_interval_per_rep_and_a_team_line(view: CompareView) -> None:
    comp = view.comparison
    rows = view.ordered_rows()
    assert len(rows) == len(comp.table)
    drawn = {}  # row -> (low, high, colour): each curve draws pairs of points, one pair a rep
    for colour, curve in view.forest.intervals.items():
        xs, ys = curve.getData()
        for k in range(0, len(xs), 2):
            assert ys[k] == ys[k + 1]
            drawn[int(ys[k])] = (xs[k], xs[k + 1], colour)
    assert sorted(drawn) == list(range(len(rows)))
    for i, row in enumerate(rows):
        assert drawn[i][:2] == pytest.approx((row["low"], row["high"]))
        assert drawn[i][2] == position_style(str(row.get("position"))).colour
    points = view.forest.points.data
    assert len(points) == len(rows)
    assert [p["x"] for p in points] == pytest.approx([r["rate"] for r in rows])
    assert view.forest.team_line.value() == pytest.approx(comp.p0)
    ticks = [text for _, text in view.forest.widget.getAxis("left")._tickLevels[0]]
    assert ticks == [r["name"] for r in rows]


def test_funnel_plot_has_four_limit_curves_and_a_point_per_rep(view: CompareView, qtbot) -> None:
    _select(qtbot, view, view.transition_combo, "Lead captured → Discovery held")
    _select(qtbot, view, view.period_combo, "Last 52 weeks")
    comp = view.comparison
    assert set(view.funnel.curves) == {"lower95", "upper95", "lower998", "upper998"}
    for key, curve in view.funnel.curves.items():
        xs, ys = curve.getData()
        assert np.allclose(xs, comp.funnel["n"]) and np.allclose(ys, comp.funnel[key])
    styles = {key: curve.opts["pen"].style() for key, curve in view.funnel.curves.items()}
    assert styles["upper95"] == styles["lower95"] == Qt.PenStyle.DashLine
    assert styles["upper998"] == styles["lower998"] == Qt.PenStyle.SolidLine
    assert view.funnel.centre.value() == pytest.approx(comp.p0)
    spots = view.funnel.points.points()
    assert len(spots) == len(comp.table)
    by_name = {s.data()["name"]: s for s in spots}
    table = comp.table.set_index("name")
    high = table.index[table["position"] == "above 99.8%"][0]
    low = table.index[table["position"] == "below 99.8%"][0]
    mid = table.index[table["position"] == "within"][0]
    farid, alice = by_name[high], by_name[mid]
    # Position is shown by shape as well as colour.
    assert farid.symbol() == "t1" and by_name[low].symbol() == "t" and alice.symbol() == "o"
    assert farid.brush().color() != alice.brush().color()
    row = table.loc[high]
    assert (farid.pos().x(), farid.pos().y()) == pytest.approx((row["n"], row["rate"]))
    tip = view.funnel.points.opts["tip"](x=farid.pos().x(), y=farid.pos().y(), data=farid.data())
    assert high in tip and f"{row['x']} of {row['n']}" in tip
    assert f"{row['low']:.0%} – {row['high']:.0%}" in tip
    # Only reps outside the limits are named on the funnel.
    assert sorted(label.textItem.toPlainText() for label in view.funnel.labels) == sorted(
        table.index[table["position"] != "within"])


def test_funnel_names_of_nearby_reps_do_not_overlap(qtbot) -> None:
    from pdsa_desk.core.proportions import funnel_limits
    from pdsa_desk.ui.compare_plots import FunnelPlot

    funnel = FunnelPlot()
    qtbot.addWidget(funnel.widget)
    funnel.widget.resize(700, 420)
    funnel.widget.show()
    qtbot.waitExposed(funnel.widget)
    rows = [{"name": name, "n": n, "rate": rate, "x": round(n * rate), "low": 0.0, "high": 1.0, "position": pos}
            for name, n, rate, pos in (
                ("Farid Haddad", 120, 0.71, "above 99.8%"), ("Grace Nwosu", 124, 0.705, "above 99.8%"),
                ("Hana Kim", 118, 0.70, "above 95%"), ("Ivo Petrov", 30, 0.05, "below 99.8%"),
                ("Alice Moreau", 100, 0.40, "within"))]
    grid = np.linspace(5, 140, 60)
    (lower95, upper95), (lower998, upper998) = funnel_limits(0.4, grid), funnel_limits(0.4, grid, 0.998)
    limits = pd.DataFrame({"n": grid, "lower95": lower95, "upper95": upper95, "lower998": lower998,
                           "upper998": upper998})
    funnel.update(rows, 0.4, limits)
    assert len(funnel.labels) == 4

    def apart() -> bool:
        boxes = [label.sceneBoundingRect() for label in funnel.labels]
        return all(not a.intersects(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])

    def laid_out() -> bool:  # the view has its size and ranges: names sit inside the plot
        return all(0 <= label.sceneBoundingRect().center().x() <= 700 for label in funnel.labels)

    qtbot.waitUntil(laid_out, timeout=TIMEOUT)
    qtbot.waitUntil(apart, timeout=TIMEOUT)
    names = {label.textItem.toPlainText(): label for label in funnel.labels}
    # Spread vertically only: each name still sits at its own point's volume.
    assert names["Grace Nwosu"].pos().x() == 124 and names["Ivo Petrov"].pos().x() == 30


def test_overdispersion_widens_the_funnel_and_is_remembered(view: CompareView, qtbot, ctx) -> None:
    _select(qtbot, view, view.transition_combo, "Lead captured → Discovery held")
    _select(qtbot, view, view.period_combo, "Last 52 weeks")
    assert not view.overdispersion_check.isChecked()
    assert view.comparison.phi > 1 and view.comparison.tau2 > 0
    assert view.comparison.dispersion.estimable and view.comparison.dispersion.overdispersed
    phi = f"(φ = {view.comparison.phi:.1f})"
    assert f"vary more than chance alone would explain {phi}" in view.caption.text()
    assert "tick" in view.caption.text()
    before = {k: c.getData()[1].copy() for k, c in view.funnel.curves.items()}
    n_before = view.funnel.curves["upper95"].getData()[0].copy()

    _recompute(qtbot, view, lambda: view.overdispersion_check.setChecked(True))
    assert view.comparison.overdispersed
    after = {k: c.getData()[1] for k, c in view.funnel.curves.items()}
    assert np.allclose(view.funnel.curves["upper95"].getData()[0], n_before)
    # Wider across the reps' volumes (at tiny n the arcsine and score limits differ by approximation).
    where = n_before >= view.comparison.table["n"].min()
    assert where.sum() > 5
    for key in ("upper95", "upper998"):
        assert (after[key][where] > before[key][where]).all()
    for key in ("lower95", "lower998"):
        assert (after[key][where] < before[key][where]).all()
    assert f"{phi}; limits widened." in view.caption.text()
    expected = _expected(view)
    assert np.allclose(after["upper998"], expected.funnel["upper998"])
    assert _column(view, 5, Qt.ItemDataRole.UserRole) == expected.table["position"].tolist()

    again = _make_view(qtbot, ctx)
    assert again.overdispersion_check.isChecked()
    assert again.transition_combo.currentText() == "Lead captured → Discovery held"
    assert again.period_combo.currentText() == "Last 52 weeks"
    assert again.comparison.overdispersed


def test_choices_are_remembered(view: CompareView, qtbot, ctx) -> None:
    _select(qtbot, view, view.team_combo, "South")
    _recompute(qtbot, view, lambda: view.period_combo.setCurrentIndex(view.period_combo.findData("custom")))
    _recompute(qtbot, view, lambda: view.start_edit.setDate(QDate(2026, 1, 5)))
    view.order_combo.setCurrentIndex(view.order_combo.findData("team"))
    view.tabs.setCurrentIndex(1)
    again = _make_view(qtbot, ctx)
    assert again.team_combo.currentText() == "South"
    assert again.period_combo.currentData() == "custom"
    assert again.start_edit.date() == QDate(2026, 1, 5)
    assert again.order_combo.currentData() == "team"
    assert again.tabs.currentIndex() == 1
    assert set(again.comparison.table["team_name"]) == {"South"}


# --------------------------------------------------------------------------- #
# team-wide cycle
# --------------------------------------------------------------------------- #
def test_team_wide_cycle_headline_matches_the_core(view: CompareView, qtbot, demo_ws) -> None:
    combo = view.cycle_combo
    titles = [combo.itemText(i) for i in range(combo.count())]
    assert titles and all("reps" in t or "whole team" in t for t in titles)
    assert all(len(participants(demo_ws, combo.itemData(i))) > 1 for i in range(combo.count()))
    assert len(titles) == sum(len(participants(demo_ws, c.id)) > 1 for c in list_cycles(demo_ws))
    index = combo.findText("Business case before budget", Qt.MatchFlag.MatchStartsWith)
    assert index >= 0
    if combo.currentIndex() != index:
        with qtbot.waitSignal(view.improvement_shown, timeout=TIMEOUT):
            combo.setCurrentIndex(index)
    cycle_id = combo.itemData(index)
    expected = team_improvement(demo_ws, cycle_id, as_of=view.current_query()["as_of"])
    assert view.headline.text() == expected.headline
    assert expected.headline.startswith(f"{expected.k_improved} of {expected.n_reps} reps improved")
    rows = [view.cycle_model.index(r, 0).data() for r in range(view.cycle_model.rowCount())]
    assert rows == expected.per_rep["name"].tolist()
    assert rows == ["Alice Moreau", "Ben Okafor", "Chloé Varga", "David Lindqvist"]
    first = expected.per_rep.iloc[0]
    assert view.cycle_model.index(0, 1).data() == f"{first['x_base']}/{first['n_base']} ({first['rate_base']:.0%})"
    assert view.cycle_model.index(0, 4).data() == f"{first['prob_better']:.0%}"


def test_comparisons_only_read_so_closing_the_window_may_drop_them(qtbot, ctx,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[bool] = []
    real = ctx.run_in_background

    def recording(fn, on_done=None, on_error=None, *, abandon_on_close=False):
        asked.append(abandon_on_close)
        return real(fn, on_done, on_error, abandon_on_close=abandon_on_close)

    monkeypatch.setattr(ctx, "run_in_background", recording)
    _make_view(qtbot, ctx)  # the analysis load, the comparison and the team-wide cycle
    assert len(asked) >= 3 and all(asked)


def test_show_object_focuses_a_cycle_or_a_rep(view: CompareView, qtbot) -> None:
    combo = view.cycle_combo
    other = next(i for i in range(combo.count()) if i != combo.currentIndex())
    with qtbot.waitSignal(view.improvement_shown, timeout=TIMEOUT):
        view.show_object(combo.itemData(other))
    assert combo.currentIndex() == other and view.tabs.currentIndex() == 1
    row = view.ordered_rows()[3]
    view.show_object(row["rep_id"])
    assert view.tabs.currentIndex() == 0
    assert [i.row() for i in view.table.selectionModel().selectedRows()] == [3]


def test_show_object_before_the_data_has_arrived(qtbot, ctx) -> None:
    rep_id = str(analysis(qtbot, ctx).reps.sort_values("name")["id"].iloc[2])
    ctx.clock.pin(DEMO_AS_OF)
    view = CompareView(ctx)
    qtbot.addWidget(view)
    view.show_object(rep_id)  # the main window may focus an object before the view is refreshed
    with qtbot.waitSignal(view.comparison_shown, timeout=TIMEOUT):
        view.refresh()
    assert [i.row() for i in view.table.selectionModel().selectedRows()] == [2]


# --------------------------------------------------------------------------- #
# export and models
# --------------------------------------------------------------------------- #
def test_export_png_svg_and_copy(view: CompareView, tmp_path: Path, monkeypatch) -> None:
    for panel in (view.forest_panel, view.funnel_panel):
        assert panel.actions_ == panel.menu.actions() and panel.export_button.menu() is panel.menu
        png = tmp_path / f"{panel.file_stem}"  # no suffix: the view adds it
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, p=png: (str(p), "")))
        panel.save_png_action.trigger()
        written = png.with_suffix(".png")
        assert written.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

        svg = tmp_path / f"{panel.file_stem}.svg"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, p=svg: (str(p), "")))
        panel.save_svg_action.trigger()
        root = ET.parse(svg).getroot()
        assert root.tag.endswith("svg")
        assert "Pre-qualified by marketing → Lead captured" in ET.tostring(root, encoding="unicode")

        panel.copy_action.trigger()
        assert not QGuiApplication.clipboard().pixmap().isNull()

    # Cancelling the dialog writes nothing.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: ("", "")))
    assert view.forest_panel.save_png() is None


def test_models_pass_qtmodeltester(view: CompareView, qtmodeltester) -> None:
    assert view.model.rowCount() == 8
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)
    assert view.cycle_model.rowCount() > 0
    qtmodeltester.check(view.cycle_model)


# --------------------------------------------------------------------------- #
# empty states
# --------------------------------------------------------------------------- #
def test_empty_workspace_says_what_to_do(qtbot, ws) -> None:
    context = AppContext(ws)
    view = _make_view(qtbot, context)
    assert view.stack.currentIndex() == 1
    assert "add at least two stages" in view.empty.text()
    assert "No team-wide cycles yet" in view.headline.text()
    assert not view.cycle_combo.isEnabled() and not view.team_combo.isEnabled()
    context.wait_for_background()


def test_period_without_entries_shows_an_empty_state(view: CompareView, qtbot) -> None:
    _recompute(qtbot, view, lambda: view.period_combo.setCurrentIndex(view.period_combo.findData("custom")))
    _recompute(qtbot, view, lambda: view.start_edit.setDate(QDate(2010, 1, 1)))
    _recompute(qtbot, view, lambda: view.end_edit.setDate(QDate(2010, 3, 31)))
    assert view.model.rowCount() == 0
    assert view.stack.currentIndex() == 1
    assert "No opportunities entered 'Pre-qualified by marketing' in this period" in view.empty.text()


def test_entries_all_within_their_window_are_not_called_none(view: CompareView, qtbot) -> None:
    # The last week: opportunities did enter, but none of their 30-day windows has closed.
    last = DEMO_AS_OF
    _recompute(qtbot, view, lambda: view.period_combo.setCurrentIndex(view.period_combo.findData("custom")))
    assert view.end_edit.date() == QDate(last.year, last.month, last.day)  # the custom range ends on the clock's day
    _recompute(qtbot, view, lambda: view.start_edit.setDate(QDate(last.year, last.month, last.day - 6)))
    assert view.model.rowCount() == 0 and view.comparison.n_pending > 0
    text = view.empty.text()
    assert f"{view.comparison.n_pending} opportunities entered 'Pre-qualified by marketing'" in text
    assert "all still within their 30-day window" in text and "No opportunities entered" not in text


def test_the_view_is_updating_until_the_comparison_and_the_team_wide_cycle_are_shown(qtbot, ctx):
    """Both are computed in the background after the choices are filled: the view says it is updating until
    each has been shown (the table's rows, read on the worker, are those of the comparison)."""
    ctx.clock.pin(DEMO_AS_OF)
    view = CompareView(ctx)
    qtbot.addWidget(view)
    view.show()
    shown: list[tuple[str, bool]] = []
    view.comparison_shown.connect(lambda: shown.append(("comparison", view.updating)))
    view.improvement_shown.connect(lambda: shown.append(("cycle", view.updating)))
    view.refresh()
    assert view.updating
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not view.updating, timeout=TIMEOUT)
    assert shown[0][1] is True  # the first one shown: the other is still on its way
    assert view.model.rowCount() == len(view.comparison.table)
    assert [view.model.row(i)["name"] for i in range(view.model.rowCount())] == \
        view.comparison.table["name"].tolist()


def test_spots_of_one_position_share_their_pen_and_brush():
    """pyqtgraph renders a marker once per distinct pen and brush object: one per position, not one per rep."""
    from pdsa_desk.ui.compare_widgets import spot_style

    a, b = spot_style("within"), spot_style("within")
    assert a["pen"] is b["pen"] and a["brush"] is b["brush"] and a == b
    assert spot_style("below 95%")["pen"] is not a["pen"]
    assert spot_style("above 95%")["size"] == spot_style("within")["size"] + 3


def test_the_reps_table_fits_its_columns_to_new_rows_and_lets_the_user_widen_them(view):
    from PySide6.QtWidgets import QHeaderView

    header = view.table.horizontalHeader()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Interactive
    names = [view.model.row(i)["name"] for i in range(view.model.rowCount())]
    widest = max(view.table.fontMetrics().horizontalAdvance(str(name)) for name in names)
    assert header.sectionSize(0) >= widest  # no name cut
    header.resizeSection(0, header.sectionSize(0) + 40)  # the user widens it
    assert header.sectionSize(0) >= widest + 40
