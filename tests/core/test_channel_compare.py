"""Channels side by side on one transition: counts checked against an independent grouping, listed by name."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from pdsa_desk.core import conversion
from pdsa_desk.core.channel_compare import NO_CHANNEL_NAME, compare_channels
from pdsa_desk.core.database import open_workspace
from pdsa_desk.core.frames import load_analysis_data
from pdsa_desk.core.funnel_compare import compare_reps

AS_OF = datetime(2026, 11, 24, 18, tzinfo=UTC)
START, END = datetime(2026, 6, 1, tzinfo=UTC), datetime(2026, 11, 23, tzinfo=UTC)


def test_channels_partition_the_customers_and_are_listed_by_name(demo_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_file, db)
    ws = open_workspace(db)
    try:
        data = load_analysis_data(ws)
        result = compare_channels(ws, from_stage=2, start=START, end=END, as_of=AS_OF, data=data)
        reps = compare_reps(ws, from_stage=2, start=START, end=END, as_of=AS_OF, data=data)
    finally:
        ws.close()
    table = result.table
    assert table["name"].tolist() == sorted(table["name"], key=str)  # by name, never by rate
    assert set(table["name"]) == {"Events", "Inbound web", "Outbound", "Partner"}
    # Independently: the cohort grouped by each opportunity's channel as stored.
    members = conversion.cohort_members(data, from_stage=2, start=START, end=END, as_of=AS_OF)
    channel = data.opportunities["channel"].to_numpy(dtype=object)[members["opp"].to_numpy()]
    for name, x, n in zip(table["name"], table["x"], table["n"], strict=True):
        mine = (channel == name) & members["mature"].to_numpy(dtype=bool)
        assert n == int(mine.sum()) and x == int((mine & members["converted"].to_numpy(dtype=bool)).sum())
    # The same customers as the reps' comparison, so the pooled rate is the same; positions come from the funnel.
    assert int(table["n"].sum()) == int(reps.table["n"].sum())
    assert np.isclose(result.p0, reps.p0) and set(table["position"]) <= {
        "within", "above 95%", "above 99.8%", "below 95%", "below 99.8%"}
    assert (table["low"] <= table["rate"]).all() and (table["rate"] <= table["high"]).all()
    assert NO_CHANNEL_NAME not in set(table["name"])  # every demo opportunity has a channel
