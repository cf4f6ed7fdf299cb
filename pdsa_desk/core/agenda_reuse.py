"""The cycles' studies of the previous agenda, kept for the next one where they are provably the same.

This week recomputes its agenda after every edit, as of the window's one clock, which advances at the edit
(:mod:`pdsa_desk.core.clock`). Studying the running cycles is most of that work (about half of
:func:`pdsa_desk.core.agenda.build_agenda`), and an edit that does not touch the snapshot -- a cycle saved, an
observation added, a session marked -- changes no study but the edited cycle's. :class:`StudyReuse` keeps each
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
own. The items built from a study (days left, days late) are built again at ``t1`` from today's date; signals,
WIP, aging, confounders and everything read from the database are computed afresh in every agenda.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pdsa_desk.core.frames import AnalysisData
    from pdsa_desk.core.models import Cycle
    from pdsa_desk.core.study import CycleStudy

__all__ = ["StudyReuse", "quiet_between"]


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


class StudyReuse:
    """Each cycle's last study and the instant it was computed at (see the module docstring for the rule).

    Used from the worker that computes the agenda; a lock keeps two agendas computed at once consistent."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._data: weakref.ReferenceType[Any] | None = None
        self._studies: dict[str, tuple[dict[str, Any], tuple[str, ...], datetime, CycleStudy]] = {}
        self._quiet: dict[tuple[datetime, datetime], bool] = {}
        #: How many studies the last agenda took over and computed (for the benchmark's notes and the tests).
        self.reused = 0
        self.computed = 0

    def study(self, data: AnalysisData, cycle: Cycle, rep_ids: Sequence[str], as_of: datetime,
              compute: Callable[[], CycleStudy]) -> CycleStudy:
        """The study of ``cycle`` as of ``as_of``: the kept one where the rule says it is the same, else
        ``compute()`` (kept for the next agenda)."""
        from pdsa_desk.core.study import _windows

        row, reps = cycle.model_dump(), tuple(rep_ids)
        with self._lock:
            if self._data is None or self._data() is not data:
                self._data, self._studies, self._quiet = weakref.ref(data), {}, {}
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
