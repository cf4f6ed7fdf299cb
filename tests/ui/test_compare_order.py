"""Compare's first visit: the team-wide cycle is computed once the reps' comparison is shown (not beside it),
and the cycle choices count each cycle's participants from one query as the per-cycle read does."""

from __future__ import annotations

from pdsa_desk.core import services
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.views.compare import CompareView
from tests.conftest import DEMO_AS_OF


def test_the_team_wide_cycle_is_computed_after_the_comparison_is_shown(qtbot, demo_ws, monkeypatch) -> None:
    ctx = AppContext(demo_ws)
    ctx.clock.pin(DEMO_AS_OF)
    seen: list[tuple[bool, int]] = []
    original = CompareView._compute_cycle

    def record(view: CompareView) -> None:
        seen.append((view.comparison is not None and not view._waiting["comparison"], view.forest.points.data.size))
        original(view)

    monkeypatch.setattr(CompareView, "_compute_cycle", record)
    view = CompareView(ctx)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    with qtbot.waitSignals([view.comparison_shown, view.improvement_shown], timeout=15000):
        view.refresh()
    ((shown, points),) = seen
    assert shown and points > 0  # the comparison and its plots were shown first
    assert view.improvement is not None and not view.updating

    # The choices: cycles with more than one participant, counted as services.participants counts them.
    expected = []
    for cycle in services.list_cycles(demo_ws):
        people = services.participants(demo_ws, cycle.id)
        if len(people) > 1:
            expected.append((cycle.id, len(people)))
    combo = view.cycle_combo
    assert [combo.itemData(i) for i in range(combo.count())] == [cid for cid, _ in expected]
    for i, (_cid, n) in enumerate(expected):
        assert f"of {n}, " in combo.itemText(i) or f"({n} reps, " in combo.itemText(i)
    ctx.wait_for_background()


def test_the_proxys_kept_sort_keys_give_the_order_of_the_rows_own_keys(qtbot) -> None:
    """The proxy makes each row's key once per set of rows and order; the order is the one the rows' own keys give
    (ties kept in the source order), after new rows and after the order changes."""
    from PySide6.QtCore import Qt

    from pdsa_desk.ui.compare_widgets import Column, RecordsModel, RepOrderProxy

    def plain(rows: list[dict], by_team: bool) -> list[dict]:
        def key(row: dict) -> tuple[str, str]:
            name = str(row.get("name") or "").casefold()
            team = str(row.get("team_name") or "\uffff").casefold()
            return (team, name) if by_team else ("", name)
        return sorted(rows, key=key)

    def shown(model: RecordsModel, proxy: RepOrderProxy) -> list[dict]:
        return [model.row(proxy.mapToSource(proxy.index(i, 0)).row()) for i in range(proxy.rowCount())]

    first = [{"name": n, "team_name": t, "i": i} for i, (n, t) in enumerate(
        [("bo", "B"), ("Al", None), ("al", "a"), (None, "A"), ("Zed", "b"), ("bo", "A"), ("Émile", None)])]
    second = [{"name": f"rep {k % 5}", "team_name": f"team {k % 3}" if k % 4 else None, "i": k} for k in range(40)]
    model = RecordsModel([Column("Rep", lambda r: str(r.get("name")), lambda r: r.get("name"))])
    proxy = RepOrderProxy()
    proxy.setSourceModel(model)
    for rows in (first, second, first):
        model.set_rows(rows)
        for by_team in (False, True, False):
            proxy.set_by_team(by_team)
            proxy.sort(0, Qt.SortOrder.AscendingOrder)
            assert shown(model, proxy) == plain(rows, by_team)
