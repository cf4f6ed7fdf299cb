"""Which conversion charts mark which marketing initiatives, and where (no Qt)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from pdsa_desk.core.initiative_marks import InitiativeInfo, initiative_markers

AS_OF = pd.Timestamp("2026-11-24 18:00", tz="UTC")


def _info(name: str, *, channel: str | None = None, stage: str | None = None, start: date = date(2026, 10, 5),
          end: date | None = date(2026, 10, 18)) -> InitiativeInfo:
    return InitiativeInfo(name, name, channel, stage, start, end)


def test_stage_and_channel_decide_which_charts_show_an_initiative() -> None:
    infos = (_info("whole funnel"), _info("into s2", stage="s2"), _info("into s5", stage="s5"),
             _info("partner only", channel="Partner"), _info("inbound only", channel=" inbound"))
    names = lambda group: [m.name for m in initiative_markers(infos, ("s1", "s2"), group, AS_OF)]  # noqa: E731
    assert names(("all", None)) == ["inbound only", "into s2", "partner only", "whole funnel"]
    assert names(("team", "t1")) == names(("all", None))  # a team's opportunities come from every channel
    assert names(("channel", "partner")) == ["into s2", "partner only", "whole funnel"]
    assert names(("channel", "Inbound")) == ["inbound only", "into s2", "whole funnel"]
    assert [m.name for m in initiative_markers(infos, ("s2", "s3"), ("all", None), AS_OF)] == [
        "inbound only", "into s2", "partner only", "whole funnel"]  # out of s2: its cohort moves too
    assert "into s2" not in [m.name for m in initiative_markers(infos, ("s3", "s4"), ("all", None), AS_OF)]


def test_the_span_covers_whole_days_the_last_included_and_a_running_one_reaches_as_of() -> None:
    infos = (_info("done", end=date(2026, 10, 18)), _info("running", start=date(2026, 11, 2), end=None),
             _info("future", start=date(2026, 12, 1), end=None), _info("one day", end=date(2026, 10, 5)))
    marks = {m.name: m for m in initiative_markers(infos, ("a", "b"), ("all", None), AS_OF)}
    assert set(marks) == {"done", "running", "one day"}  # not started by the chart's date: not on it
    assert marks["done"].start == pd.Timestamp("2026-10-05", tz="UTC")
    assert marks["done"].end == pd.Timestamp("2026-10-19", tz="UTC") and not marks["done"].running
    assert marks["running"].end == AS_OF and marks["running"].running
    assert marks["one day"].end - marks["one day"].start == pd.Timedelta(days=1)
