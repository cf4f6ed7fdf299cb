"""The cycles' studies and the chart signals of the previous agenda, kept for the next one where provably the same.

This week recomputes its agenda after every edit, as of the window's one clock, which advances at the edit
(:mod:`pdsa_desk.core.clock`). Studying the running cycles is most of that work (about half of
:func:`pdsa_desk.core.agenda.build_agenda`), and an edit that does not touch the snapshot -- a cycle saved, an
observation added, a session marked -- changes no study but the edited cycle's. :class:`AgendaReuse` keeps each
cycle's :class:`~pdsa_desk.core.study.CycleStudy` with the instant it was computed at, and gives it again for a
later instant only where :func:`pdsa_desk.core.study.study_cycle` would compute the same study.

The rule. A study computed at ``t0`` is the study at ``t1`` when

1. the snapshot is the very same object (an edit that touches it makes a new one: :mod:`pdsa_desk.core.patching`),
   the cycle's row (every field) and its participants are equal;
2. the cycle's windows are equal at both instants (``_windows``: start, end, baseline, started, ended) -- this
   excludes a cycle without a planned end, whose window runs up to the instant itself;
3. no instant at which a cohort can change lies in ``(t0, t1]`` (either order): the study reads the snapshot as of
   the instant only through the first entries into each stage up to it (``Prepared.first_as_of``: a first entry
   in the interval changes them) and through maturity (a first entry into the cycle's stage plus its
   transition's window in the interval makes a member mature).

Everything else a study computes comes from these (the members, counts, intervals, reasons and the instant by
which the pending customers are known), and :class:`~pdsa_desk.core.study.CycleStudy` holds no instant of its
own. The items built from a study (days left, days late) are built again at ``t1`` from today's date.

The chart signals (:func:`pdsa_desk.core.agenda.default_signals`) computed at ``t0`` are the signals at ``t1``
when the snapshot is the same object, the last session is the same, the chart metadata are equal (the cycles
aside: the signals' charts leave them out), rule 3 holds, and none of these instants lies in ``(t0, t1]``: a
week's maturity (its end plus the transition's window: ``mature`` and "matured by now"), the same a week later
when no session was held (the signals are then counted since a week before the instant), a marketing
initiative's first day (a marker "not started by the chart's date"). The charts read the instant nowhere else
(``conversion_series``: the conversion table and the markers; an open initiative's marker ends at the instant,
which no signal item reads).

WIP, aging, confounders, the marketing items, the reps over the cap and everything read from the database are
computed afresh in every agenda.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from pdsa_desk.core.agenda import AgendaItem
    from pdsa_desk.core.charts import ChartMeta
    from pdsa_desk.core.frames import AnalysisData
    from pdsa_desk.core.models import Cycle
    from pdsa_desk.core.study import CycleStudy

__all__ = ["AgendaReuse", "quiet_between"]


def quiet_between(data: AnalysisData, t0: datetime, t1: datetime) -> bool:
    """Whether no cohort of ``data`` can change between the instants ``t0`` and ``t1`` (rule 3 of the module
    docstring): no first entry into any stage, and no first entry plus its transition's window, in between."""
    import numpy as np
    import pandas as pd

    from pdsa_desk.core import metrics

    lo, hi = sorted((pd.Timestamp(t0).value, pd.Timestamp(t1).value))
    if lo == hi:
        return True
    prep = metrics.prepare(data)
    fb = prep.first_big
    entered = fb != np.iinfo(np.int64).max
    if bool(np.any(entered & (fb > lo) & (fb <= hi))):
        return False
    window_ns = prep.window_days.astype(np.int64) * metrics.NS_PER_DAY
    mature_at = np.where(entered, fb - lo, -1)  # relative to lo: no overflow near "never"
    rel = window_ns[np.newaxis, :] + mature_at
    return not bool(np.any(entered & (rel > 0) & (rel <= hi - lo)))


class AgendaReuse:
    """Each cycle's last study and the instant it was computed at (see the module docstring for the rule).

    Used from the worker that computes the agenda; a lock keeps two agendas computed at once consistent."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._data: weakref.ReferenceType[Any] | None = None
        self._studies: dict[str, tuple[dict[str, Any], tuple[str, ...], datetime, CycleStudy]] = {}
        self._quiet: dict[tuple[datetime, datetime], bool] = {}
        self._signals: tuple[tuple[datetime | None, ChartMeta], datetime, np.ndarray, list[AgendaItem]] | None = None
        #: How many studies the last agenda took over and computed (for the benchmark's notes and the tests).
        self.reused = 0
        self.computed = 0
        self.signals_reused = 0

    def study(self, data: AnalysisData, cycle: Cycle, rep_ids: Sequence[str], as_of: datetime,
              compute: Callable[[], CycleStudy]) -> CycleStudy:
        """The study of ``cycle`` as of ``as_of``: the kept one where the rule says it is the same, else
        ``compute()`` (kept for the next agenda)."""
        from pdsa_desk.core.study import _windows

        row, reps = cycle.model_dump(), tuple(rep_ids)
        with self._lock:
            self._start_over_unless(data)
            kept = self._studies.get(cycle.id)
        if kept is not None:
            kept_row, kept_reps, t0, result = kept
            if (kept_row == row and kept_reps == reps and _windows(cycle, t0) == _windows(cycle, as_of)
                    and self._quiet_between(data, t0, as_of)):
                self.reused += 1
                return result
        result = compute()
        self.computed += 1
        with self._lock:
            if self._data is not None and self._data() is data:
                self._studies[cycle.id] = (row, reps, as_of, result)
        return result

    def signals(self, data: AnalysisData, held_at: datetime | None, as_of: datetime, meta: ChartMeta,
                compute: Callable[[list[np.ndarray]], list[AgendaItem]]) -> list[AgendaItem]:
        """The chart signals as of ``as_of``: the kept ones where the rule says they are the same, else
        ``compute(instants)`` (which collects the instants its weeks mature at; kept for the next agenda)."""
        import dataclasses

        import numpy as np
        import pandas as pd

        from pdsa_desk.core.initiative_marks import _midnight

        key = (held_at, dataclasses.replace(meta, cycles=()))
        with self._lock:
            self._start_over_unless(data)
            kept = self._signals
        if kept is not None and kept[0] == key:
            t0, instants, items = kept[1], kept[2], kept[3]
            lo, hi = sorted((pd.Timestamp(t0).value, pd.Timestamp(as_of).value))
            if not bool(np.any((instants > lo) & (instants <= hi))) and self._quiet_between(data, t0, as_of):
                self.signals_reused += 1
                return items
        collected: list[np.ndarray] = []
        items = compute(collected)
        from pdsa_desk.core.metrics import NS_PER_DAY

        week = 7 * NS_PER_DAY
        matured = np.concatenate(collected) if collected else np.zeros(0, np.int64)
        starts = np.array([_midnight(i.starts_on).value for i in meta.initiatives], dtype=np.int64)
        instants = np.concatenate([matured, starts] + ([matured + week] if held_at is None else []))
        with self._lock:
            if self._data is not None and self._data() is data:
                self._signals = (key, as_of, instants, items)
        return items

    def _start_over_unless(self, data: AnalysisData) -> None:
        """Forget what was kept unless it was computed on ``data`` (rule 1: the very same snapshot); under the lock."""
        if self._data is None or self._data() is not data:
            self._data, self._studies, self._quiet, self._signals = weakref.ref(data), {}, {}, None

    def _quiet_between(self, data: AnalysisData, t0: datetime, t1: datetime) -> bool:
        key = (t0, t1)
        with self._lock:
            known = self._quiet.get(key)
        if known is None:
            known = quiet_between(data, t0, t1)
            with self._lock:
                if len(self._quiet) > 16:
                    self._quiet.clear()
                self._quiet[key] = known
        return known
