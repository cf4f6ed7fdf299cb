"""Charts view: one channel (lead source) as the scope of every tab, and marketing initiatives on the chart."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from pdsa_desk.core.models import MarketingInitiative
from pdsa_desk.ui.views.charts import ChartsView
from tests.ui.test_charts import make_view, select_transition
from tests.ui.waiting import refreshed, settle


@pytest.fixture
def view(qtbot, demo_ws) -> ChartsView:
    return make_view(qtbot, demo_ws)


def choose_scope(view: ChartsView, text: str) -> None:
    i = view.scope_combo.findText(text)
    assert i >= 0, text
    view.scope_combo.setCurrentIndex(i)
    settle(view)


def test_one_channel_narrows_the_conversion_chart_and_the_funnel(view: ChartsView) -> None:
    select_transition(view, "Discovery held → Budget shared")
    everyone = int(view.conversion_chart.series.frame["n"].sum())
    choose_scope(view, "Channel Partner")
    partner = view.conversion_chart.series
    assert partner.group == ("channel", "Partner") and 0 < int(partner.frame["n"].sum()) < everyone
    assert "Channel Partner" in view.conversion_chart.title()
    view.tabs.setCurrentIndex(view.TABS.index("funnel"))
    settle(view)
    first_partner = int(view.funnel_chart.data.frame["n"].iloc[0])
    choose_scope(view, "All")
    assert int(view.funnel_chart.data.frame["n"].iloc[0]) > first_partner
    for tab in ("cfd", "flow", "time"):  # every tab draws a channel's chart
        choose_scope(view, "Channel Inbound web")
        view.tabs.setCurrentIndex(view.TABS.index(tab))
        settle(view)
        assert view.charts[tab].has_plot, tab


def test_the_agendas_channel_signal_opens_that_channels_chart(view: ChartsView) -> None:
    view.show_object("2@channel:outbound")  # spelled as the agenda may spell it
    settle(view)
    assert view.scope_combo.currentText() == "Channel Outbound"
    assert view.tabs.currentIndex() == 0 and view.conversion_chart.series.from_stage == 2


def test_initiatives_are_marked_apart_from_the_cycle_bands(view: ChartsView, demo_ws, qtbot) -> None:
    stages = view._data.stages
    stage_id = str(stages.loc[stages["name"] == "Budget shared", "id"].iloc[0])  # into it
    with Session(demo_ws.engine) as session:
        session.add(MarketingInitiative(name="Autumn webinar series", channel="Inbound web", stage_id=stage_id,
                                        starts_on=date(2026, 9, 7), ends_on=date(2026, 9, 27), owner="Mara",
                                        talking_points="Mention the ROI calculator"))
        session.add(MarketingInitiative(name="Partner summit", channel="Partner", starts_on=date(2026, 10, 12),
                                        ends_on=date(2026, 10, 13)))
        session.commit()
    refreshed(qtbot, view)
    select_transition(view, "Discovery held → Budget shared")
    chart = view.conversion_chart
    # The demo's booth (aimed at discovery calls) and the two added here; not the pricing page (another stage).
    names = [m.name for m in chart.series.initiatives]
    assert names == ["Analytics Summit booth", "Autumn webinar series", "Partner summit"]
    spans = [s for s in chart.initiatives.spans if s.isVisible()]
    assert len(spans) == 3 and all(s not in chart.band_items for s in spans)
    assert "Autumn webinar series" in spans[1].toolTip() and "Mention the ROI calculator" in spans[1].toolTip()
    assert "Marketing initiative" in [text for _, text in chart.legend.entries]
    frame = chart.series.frame
    i = int(((frame["period"] <= "2026-09-14") & (frame["period_end"] > "2026-09-14")).to_numpy().argmax())
    assert "During marketing initiative “Autumn webinar series”" in chart.point_text(i)
    choose_scope(view, "Channel Partner")  # the inbound webinar is not on the partner channel's chart
    assert [m.name for m in chart.series.initiatives] == ["Partner summit"]  # nor the Events booth
    assert len([s for s in chart.initiatives.spans if s.isVisible()]) == 1
