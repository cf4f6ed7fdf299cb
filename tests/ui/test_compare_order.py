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
