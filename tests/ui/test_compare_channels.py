"""Compare: channels side by side (intervals and the funnel plot, listed by name), as reps are."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pdsa_desk.core.channel_compare import compare_channels
from tests.ui.test_compare import ctx  # noqa: F401 - the fixture the view needs
from tests.ui.test_compare import view as compare_view  # noqa: F401 - the Compare view fixture


def test_channels_side_by_side_with_intervals_and_the_funnel(qtbot, compare_view, demo_ws) -> None:  # noqa: F811
    view = compare_view
    with qtbot.waitSignal(view.comparison_shown, timeout=30_000):
        view.units_combo.setCurrentIndex(view.units_combo.findData("channels"))
    # The hand-off from marketing: only marketing's channels bring leads there.
    assert [r["name"] for r in view.ordered_rows()] == ["Events", "Inbound web"]
    with qtbot.waitSignal(view.comparison_shown, timeout=30_000):
        view.transition_combo.setCurrentIndex(view.transition_combo.findText("Lead captured → Discovery held"))
    names = [r["name"] for r in view.ordered_rows()]
    assert names == ["Events", "Inbound web", "Outbound", "Partner"]  # by name, never by rate
    assert view.model.headerData(0, Qt.Orientation.Horizontal) == "Channel"
    assert view.table.isColumnHidden(1) and view.table.isColumnHidden(6) and not view.order_combo.isEnabled()
    query = view.current_query()
    expected = compare_channels(demo_ws, **query)
    assert [int(n) for n in expected.table["n"]] == [int(r["n"]) for r in view.ordered_rows()]
    assert "4 channels, overall rate" in view.summary.text()
    with qtbot.waitSignal(view.comparison_shown, timeout=30_000):
        view.units_combo.setCurrentIndex(view.units_combo.findData("reps"))
    assert "reps, team rate" in view.summary.text() and not view.table.isColumnHidden(1)
