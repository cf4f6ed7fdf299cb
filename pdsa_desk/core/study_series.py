"""The chart of a cycle's study: its transition's weekly run chart for the cycle's reps, baseline then cycle.

One function, :func:`cycle_study_series`, used by the Study tab of the cycle
editor and by the weekly report, so that both show the same chart for a
cycle: the participating reps' opportunities only (a scope of their own, see
:func:`pdsa_desk.core.charts.subset_data`), weekly periods starting half a
study length before the baseline, and only this cycle as a band.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import pandas as pd

from pdsa_desk.core import charts

if TYPE_CHECKING:
    from pdsa_desk.core.frames import AnalysisData
    from pdsa_desk.core.study import CycleStudy

__all__ = ["cycle_study_series"]


def cycle_study_series(
    data: AnalysisData, meta: charts.ChartMeta, study: CycleStudy, *, as_of: Any
) -> charts.ConversionSeries:
    """The weekly run chart of ``study``'s transition for its reps, with only this cycle as a band.

    ``meta`` supplies the cycle's title and status (from :func:`charts.load_chart_meta`) and the week
    start; its other cycles are left out. The series starts half the study's length (baseline start to
    cycle end) before the baseline. (A study without reps has nothing to chart: callers skip it.)
    """
    mine = meta.cycle(study.cycle_id)
    band = charts.CycleInfo(
        id=study.cycle_id,
        title=mine.title if mine else "",
        from_stage_id=mine.from_stage_id if mine else str(data.stages["id"].iloc[study.from_stage]),
        status=mine.status if mine else "",
        start=pd.Timestamp(study.cycle_start),
        end=pd.Timestamp(study.cycle_end),
        rep_ids=frozenset(study.rep_ids),
    )
    length = study.cycle_end - study.baseline_start
    return charts.conversion_series(
        charts.subset_data(data, list(study.rep_ids)), dataclasses.replace(meta, cycles=(band,)),
        from_stage=study.from_stage, as_of=as_of, chart="run", start=study.baseline_start - length / 2,
    )
