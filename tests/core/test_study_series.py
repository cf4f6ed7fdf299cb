"""The chart of a cycle's study (Study tab and weekly report): the cycle's reps, baseline then cycle (no Qt)."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from pdsa_desk.core import charts, conversion, services
from pdsa_desk.core.frames import load_analysis_data
from pdsa_desk.core.study import study_cycle
from pdsa_desk.core.study_series import cycle_study_series
from tests.conftest import DEMO_AS_OF

AT = datetime(DEMO_AS_OF.year, DEMO_AS_OF.month, DEMO_AS_OF.day, 18, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    from pdsa_desk.core.database import open_workspace

    target = tmp_path_factory.mktemp("study-series") / "demo.sqlite"
    shutil.copyfile(demo_file, target)
    ws = open_workspace(target)
    try:
        cycles = {c.title: c for c in services.list_cycles(ws)}
        yield ws, load_analysis_data(ws), charts.load_chart_meta(ws), cycles
    finally:
        ws.close()


@pytest.mark.parametrize("title", ["Reference calls at proposal — ramp 3", "Anchoring budget with peers"])
def test_the_cycle_reps_weekly_run_chart_from_before_the_baseline(demo, title: str) -> None:
    ws, data, meta, cycles = demo
    cycle = cycles[title]
    st = study_cycle(ws, cycle.id, as_of=AT, data=data)
    s = cycle_study_series(data, meta, st, as_of=AT)
    assert (s.chart, s.period, s.from_stage) == ("run", "week", st.from_stage)
    # only this cycle is a band, titled and coloured by its status as in the workspace
    (band,) = s.bands
    assert (band.cycle_id, band.title, band.status) == (cycle.id, cycle.title, str(cycle.status))
    assert (band.start, band.end) == (pd.Timestamp(st.cycle_start), pd.Timestamp(st.cycle_end))
    # the weeks start half a study length before the baseline (within the week containing that moment)
    lead_in = pd.Timestamp(st.baseline_start - (st.cycle_end - st.baseline_start) / 2)
    first = s.frame["period"].iloc[0]
    assert first <= lead_in < first + pd.Timedelta(weeks=1) and first < pd.Timestamp(st.baseline_start)
    # the counts are the participating reps' customers only, every one of them in the range
    members = conversion.cohort_members(data, from_stage=st.from_stage, start=first, end=s.frame["period_end"].iloc[-1],
                                     as_of=AT, rep_ids=st.rep_ids)
    everyone = conversion.cohort_members(data, from_stage=st.from_stage, start=first,
                                      end=s.frame["period_end"].iloc[-1], as_of=AT)
    assert int(s.frame["n"].sum()) == len(members) < len(everyone)


def test_a_cycle_missing_from_the_meta_still_gets_its_band(demo) -> None:
    ws, data, meta, cycles = demo
    cycle = cycles["Agenda before discovery calls"]
    st = study_cycle(ws, cycle.id, as_of=AT, data=data)
    full = cycle_study_series(data, meta, st, as_of=AT)
    bare = cycle_study_series(data, dataclasses.replace(meta, cycles=()), st, as_of=AT)
    (band,) = bare.bands
    assert band.cycle_id == cycle.id and band.title == ""
    assert full.frame[["period", "x", "n"]].equals(bare.frame[["period", "x", "n"]])
