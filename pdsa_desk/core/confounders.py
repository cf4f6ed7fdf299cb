"""Marketing initiatives that could explain a cycle's change: confounders a Study names.

A PDSA cycle compares its customers with a baseline window before it. When marketing ran something
aimed at the same customers in either window, the difference may be the initiative's, not the
tactic's. :func:`study_confounders` names each such initiative, so the Study tab, the verdict and the
weekly report's PDF can say so.

The rule (all three must hold):

* **Time**: the initiative's days (``starts_on`` .. ``ends_on``, inclusive; no end = still running)
  overlap the cycle's window or its baseline window, as :mod:`pdsa_desk.core.study` defines them
  (half-open ``[start, end)``, whole UTC days like the cycle's own dates).
* **Stage**: the initiative aims at the whole funnel (no stage), the cycle's from-stage, or its target
  stage (the next stage).
* **Channel**: the initiative aims at every channel (no channel), or at a channel through which at least
  one of the cycle's customers (in either window) came; channels compare trimmed and case-insensitively.
  A cycle without customers yet has no channels, so only initiatives for every channel are named then.

Tombstoned initiatives are never named. Listed by start date, then name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pdsa_desk.core.database import Workspace
    from pdsa_desk.core.frames import AnalysisData
    from pdsa_desk.core.models import MarketingInitiative
    from pdsa_desk.core.study import CycleStudy

__all__ = ["Confounder", "confounder_note", "cycle_confounders", "study_confounders"]

CYCLE = "cycle"
BASELINE = "baseline"


@dataclass(frozen=True)
class Confounder:
    """An initiative that overlaps a cycle's or its baseline's window, aimed at its channel or stage."""

    initiative_id: str
    name: str
    #: The initiative's channel; None = every channel.
    channel: str | None
    #: The stage it aims at; "" = the whole funnel.
    stage: str
    starts_on: date
    ends_on: date | None
    owner: str | None
    #: Which windows it overlaps: ``("cycle",)``, ``("baseline",)`` or both, in that order.
    windows: tuple[str, ...]

    @property
    def dates(self) -> str:
        end = f"{self.ends_on:%Y-%m-%d}" if self.ends_on is not None else "still running"
        return f"{self.starts_on:%Y-%m-%d} to {end}"

    @property
    def aim(self) -> str:
        """What it aims at, in words: "channel Partner, stage Qualified", "every channel, whole funnel"."""
        channel = f"channel {self.channel}" if self.channel else "every channel"
        stage = f"stage {self.stage}" if self.stage else "whole funnel"
        return f"{channel}, {stage}"

    @property
    def sentence(self) -> str:
        """One sentence for the Study tab and the PDF."""
        where = {(CYCLE,): "the cycle's window", (BASELINE,): "the baseline window",
                 (CYCLE, BASELINE): "both the cycle's and the baseline window"}[self.windows]
        return (f"Marketing initiative '{self.name}' ({self.aim}; {self.dates}) overlaps {where}: "
                "it could explain the change.")


def confounder_note(found: Iterable[Confounder]) -> str:
    """A short caution for the verdict ("" when nothing overlaps)."""
    names = [f"'{c.name}'" for c in found]
    if not names:
        return ""
    if len(names) == 1:
        return f"Caution: marketing initiative {names[0]} overlapped this test and could explain the change."
    return f"Caution: marketing initiatives {', '.join(names)} overlapped this test and could explain the change."


def _day_start(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=UTC)


def _overlaps(row: MarketingInitiative, start: datetime, end: datetime) -> bool:
    if end <= start:
        return False
    first = _day_start(row.starts_on)
    after_last = None if row.ends_on is None else _day_start(row.ends_on) + timedelta(days=1)
    return first < end and (after_last is None or after_last > start)


def _key(text: str | None) -> str:
    return (text or "").strip().casefold()


def _target_stage(stages: list[tuple[str, str, int]], from_stage_id: str) -> str | None:
    ordered = sorted(stages, key=lambda s: s[2])
    ids = [s[0] for s in ordered]
    if from_stage_id not in ids:
        return None
    i = ids.index(from_stage_id)
    return ids[i + 1] if i + 1 < len(ids) else None


def study_confounders(ws: Workspace, study: CycleStudy, *, from_stage_id: str | None = None) -> list[Confounder]:
    """The initiatives that could confound ``study`` (see the module docstring for the rule).

    ``from_stage_id`` is the cycle's from-stage (read from the cycle when not given).
    """
    from sqlalchemy import select

    from pdsa_desk.core.models import MarketingInitiative, Opportunity, Stage
    from pdsa_desk.core.services._base import live

    with ws.session() as s:
        conn = s.connection()
        if from_stage_id is None:
            from pdsa_desk.core.models import Cycle

            from_stage_id = conn.execute(select(Cycle.__table__.c.from_stage_id)
                                         .where(Cycle.__table__.c.id == study.cycle_id)).scalar_one()
        st = Stage.__table__.c
        stages = [(i, n, p) for i, n, p in conn.execute(select(st.id, st.name, st.position)
                                                         .where(st.deleted_at.is_(None)))]
        names = {i: n for i, n, _ in stages}
        aimed = {from_stage_id, _target_stage(stages, from_stage_id)} - {None}
        opp_ids = [str(i) for i in study.members["id"].tolist()] if len(study.members) else []
        channels: set[str] = set()
        o = Opportunity.__table__.c
        for chunk in range(0, len(opp_ids), 500):
            rows = conn.execute(select(o.channel).where(o.id.in_(opp_ids[chunk:chunk + 500])).distinct())
            channels.update(_key(c) for c in rows.scalars() if _key(c))
        initiatives = list(s.exec(live(MarketingInitiative)))
    return matching_confounders(study, initiatives, names, aimed, channels)


def matching_confounders(study: CycleStudy, initiatives: Iterable[MarketingInitiative], names: dict[str, str],
                         aimed: set[str | None], channels: set[str]) -> list[Confounder]:
    """The rule of :func:`study_confounders` on what it read: the live ``initiatives``, the live stages' names
    (id -> name), the stage ids the cycle aims at (its from-stage and the next) and the channel keys of the
    study's customers. Start-up's agenda reads them from the file with ``sqlite3``
    (:mod:`pdsa_desk.core.agenda_complete`)."""
    found = []
    for row in initiatives:
        if row.stage_id is not None and row.stage_id not in aimed:
            continue
        if row.channel is not None and _key(row.channel) not in channels:
            continue
        windows = tuple(name for name, (a, b) in ((CYCLE, (study.cycle_start, study.cycle_end)),
                                                   (BASELINE, (study.baseline_start, study.baseline_end)))
                        if _overlaps(row, a, b))
        if windows:
            found.append(Confounder(row.id, row.name, row.channel, names.get(row.stage_id or "", ""),
                                    row.starts_on, row.ends_on, row.owner, windows))
    found.sort(key=lambda c: (c.starts_on, c.name.casefold()))
    return found


def cycle_confounders(
    ws: Workspace, cycle_id: str, *, as_of: Any = None, data: AnalysisData | None = None
) -> list[Confounder]:
    """Study the cycle as of ``as_of`` (see :func:`pdsa_desk.core.study.study_cycle`) and name its confounders."""
    from pdsa_desk.core.study import study_cycle

    return study_confounders(ws, study_cycle(ws, cycle_id, as_of=as_of, data=data))
