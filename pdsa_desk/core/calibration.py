"""Are our PDSA predictions calibrated? Predicted against observed rates across closed cycles.

Every cycle writes down a numeric prediction (the conversion rate it expects) before it starts. Once
cycles are closed (decided), :func:`calibration` holds each prediction against what the cycle's study
observed, for the team and for each cycle owner:

* **observed** is the study's rate during the cycle (mature customers only, see
  :mod:`pdsa_desk.core.study`), read as of ``as_of`` (default now: the fullest data), with its 95% Wilson
  interval;
* **bias** is the mean of predicted minus observed, in percentage points (positive = optimistic);
* **mean absolute error** the mean of ``|predicted - observed|`` in points;
* **inside** how often the prediction fell inside the cycle's interval (a calibrated team is inside
  about 95% of the time; much less means predictions are over-confident or biased).

Rule for cycles that cannot be read: a closed cycle without a prediction, or without a mature customer
during its window (nothing observed), is left out of the means and counted in ``not_counted``. Owners
are listed by name, never ranked; a cycle without an owner counts for the team only.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pdsa_desk.core.errors import ValidationError

if TYPE_CHECKING:
    from pdsa_desk.core.database import Workspace
    from pdsa_desk.core.frames import AnalysisData

__all__ = ["Calibration", "CalibrationRow", "CalibrationSummary", "calibration", "summarize"]


@dataclass(frozen=True)
class CalibrationRow:
    """One closed cycle's prediction beside what it observed."""

    cycle_id: str
    title: str
    owner_rep_id: str | None
    owner: str
    decided_at: datetime | None
    decision: str
    #: The predicted rate (0..1), None when the cycle had none.
    predicted: float | None
    #: The observed rate during the cycle (0..1), None without a mature customer.
    observed: float | None
    low: float | None
    high: float | None
    #: Mature customers during the cycle.
    n: int

    @property
    def counted(self) -> bool:
        return self.predicted is not None and self.observed is not None

    @property
    def error(self) -> float | None:
        """predicted - observed (rate, 0..1)."""
        if self.predicted is None or self.observed is None:
            return None
        return self.predicted - self.observed

    @property
    def inside(self) -> bool | None:
        if self.predicted is None or self.observed is None or self.low is None or self.high is None:
            return None
        return bool(self.low <= self.predicted <= self.high)


@dataclass(frozen=True)
class CalibrationSummary:
    """Calibration of a group of cycles (the team, or one owner's)."""

    who: str
    counted: int
    not_counted: int
    mean_predicted: float | None
    mean_observed: float | None
    #: Mean predicted - observed, in percentage points (positive = optimistic).
    bias_points: float | None
    #: Mean |predicted - observed|, in percentage points.
    mean_abs_points: float | None
    #: Predictions inside the cycle's 95% interval.
    inside: int

    @property
    def inside_share(self) -> float | None:
        return None if not self.counted else self.inside / self.counted


@dataclass(frozen=True)
class Calibration:
    rows: tuple[CalibrationRow, ...]
    team: CalibrationSummary
    #: One per owner, by name.
    by_owner: tuple[CalibrationSummary, ...]


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def summarize(who: str, rows: Iterable[CalibrationRow]) -> CalibrationSummary:
    """The calibration of ``rows`` (see the module docstring for the rules)."""
    rows = list(rows)
    counted = [r for r in rows if r.counted]
    errors = [100.0 * r.error for r in counted if r.error is not None]
    return CalibrationSummary(
        who=who,
        counted=len(counted),
        not_counted=len(rows) - len(counted),
        mean_predicted=_mean([r.predicted for r in counted if r.predicted is not None]),
        mean_observed=_mean([r.observed for r in counted if r.observed is not None]),
        bias_points=_mean(errors),
        mean_abs_points=_mean([abs(e) for e in errors]),
        inside=sum(1 for r in counted if r.inside),
    )


def _summaries(rows: Sequence[CalibrationRow]) -> tuple[CalibrationSummary, tuple[CalibrationSummary, ...]]:
    owners: dict[str, list[CalibrationRow]] = {}
    for row in rows:
        if row.owner_rep_id is not None:
            owners.setdefault(row.owner, []).append(row)
    return summarize("Team", rows), tuple(summarize(name, owners[name]) for name in sorted(owners, key=str.casefold))


#: How long the calibration pauses between two studies (s) off the main thread, so that the window's thread gets
#: the GIL; on the main thread (the command line's report) nothing waits for it, and it does not pause.
STUDY_PAUSE_S = 0.002


def calibration(
    ws: Workspace, *, as_of: Any = None, data: AnalysisData | None = None,
    decided: tuple[datetime, datetime] | None = None,
) -> Calibration:
    """Prediction calibration across the closed cycles (decided within ``decided`` = [start, end) if given)."""
    from pdsa_desk.core import services
    from pdsa_desk.core.frames import load_analysis_data
    from pdsa_desk.core.models import CycleStatus
    from pdsa_desk.core.study import study_cycle
    from pdsa_desk.core.study_inputs import as_of_time

    cycles = [c for c in services.list_cycles(ws, status=CycleStatus.CLOSED)
              if decided is None or (c.decided_at is not None and decided[0] <= c.decided_at < decided[1])]
    reps = {r.id: r.name for r in services.list_reps(ws)}
    if data is None and cycles:
        data = load_analysis_data(ws)
    # One instant for every study ("now" taken once, not per study): a study's inputs are kept per instant, so
    # 263 studies at 1M as of "now" each sorted 200,000 entries again (8.7 s of CPU instead of 1.3 s).
    as_of = as_of_time(as_of)
    # Every cycle's participants in one query, not one query per study (263 closed cycles at 1M).
    taking_part = services.participant_ids_by_cycle(ws) if cycles else {}
    pause = STUDY_PAUSE_S if threading.current_thread() is not threading.main_thread() else 0.0
    rows = []
    for cycle in cycles:
        # Between two studies the GIL is handed on: run on a background thread, the studies of hundreds of
        # cycles otherwise kept the window waiting for it while Cycles was first shown (issue 16). A real pause,
        # not sleep(0): released and wanted again at once, the GIL mostly went straight back to this thread
        # before the waiting window's thread woke up, and the window -- painting the open cycle, each Qt call
        # taking the GIL again -- stood still 0.2-1.4 s in a quarter of the first visits at 10k events (269
        # closed cycles, ~4 ms of CPU per study). With 2 ms: 66-122 ms in 8 visits, against 72-1,202 ms in 12;
        # the calibration takes ~0.5 s longer beside it.
        time.sleep(pause)
        try:
            st = study_cycle(ws, cycle.id, as_of=as_of, data=data, cycle=cycle,
                             rep_ids=taking_part.get(cycle.id, ()))
        except ValidationError:  # its stage is gone: nothing can be observed
            observed = low = high = None
            n = 0
        else:
            n = st.n_new
            observed = st.rate_new if n else None
            low, high = (st.new_low, st.new_high) if n else (None, None)
        rows.append(CalibrationRow(
            cycle_id=cycle.id, title=cycle.title, owner_rep_id=cycle.owner_rep_id,
            owner=reps.get(cycle.owner_rep_id or "", ""), decided_at=cycle.decided_at, decision=cycle.decision or "",
            predicted=cycle.prediction_rate, observed=observed, low=low, high=high, n=n,
        ))
    rows.sort(key=lambda r: (r.decided_at is None, r.decided_at, r.title.casefold()))
    team, owners = _summaries(rows)
    return Calibration(tuple(rows), team, owners)
