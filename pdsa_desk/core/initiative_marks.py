"""Marketing initiatives as the conversion charts mark them: dated spans, apart from the PDSA cycle bands.

An initiative (:class:`pdsa_desk.core.models.MarketingInitiative`) runs from its first day to its last
(``ends_on`` None: still running, drawn up to the chart's as-of). The rule of which charts show it:

* its stage: ``None`` (the whole funnel) shows on every transition; a stage shows on the transitions
  into and out of it (it aims to move customers into that stage, so both the conversion into it and the
  cohort that then enters it can move);
* its channel: ``None`` (every channel) shows in every scope; a channel shows on the charts of everyone,
  a team or a rep (whose opportunities include that channel's) and on that channel's own charts, not on
  another channel's.

Days are whole days in UTC on the chart axis, the last day included (the span ends at the next midnight).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from pdsa_desk.core.database import Workspace

__all__ = ["InitiativeInfo", "InitiativeMarker", "initiative_markers", "load_initiative_infos"]


@dataclass(frozen=True)
class InitiativeInfo:
    """An initiative as the charts need it."""

    id: str
    name: str
    channel: str | None
    stage_id: str | None
    starts_on: date
    ends_on: date | None
    owner: str | None = None
    talking_points: str = ""


@dataclass(frozen=True)
class InitiativeMarker:
    """An initiative on one chart: ``start`` to ``end`` (exclusive, UTC); ``running`` when it has no end."""

    initiative_id: str
    name: str
    channel: str | None
    stage_id: str | None
    start: pd.Timestamp
    end: pd.Timestamp
    running: bool
    owner: str | None = None
    talking_points: str = ""


def load_initiative_infos(ws: Workspace) -> tuple[InitiativeInfo, ...]:
    """The live initiatives, by first day then name (:func:`pdsa_desk.core.services.list_initiatives`)."""
    from pdsa_desk.core.services.marketing import list_initiatives

    return tuple(InitiativeInfo(r.id, r.name, r.channel, r.stage_id, r.starts_on, r.ends_on, r.owner,
                                r.talking_points) for r in list_initiatives(ws))


def _midnight(d: date) -> pd.Timestamp:
    return pd.Timestamp(d.year, d.month, d.day, tz="UTC")


def _same_channel(a: str | None, b: str) -> bool:
    return a is None or not a.strip() or a.strip().casefold() == b.strip().casefold()


def initiative_markers(infos: tuple[InitiativeInfo, ...], stage_ids: tuple[str, str], group: tuple[str, Any],
                       as_of: Any) -> tuple[InitiativeMarker, ...]:
    """The markers of the transition ``stage_ids`` (from, to) in scope ``group`` (see the module rule)."""
    as_of_ts = pd.Timestamp(as_of)
    as_of_ts = as_of_ts.tz_localize("UTC") if as_of_ts.tz is None else as_of_ts.tz_convert("UTC")
    out = []
    for info in infos:
        if info.stage_id is not None and info.stage_id not in stage_ids:
            continue
        if group[0] == "channel" and not _same_channel(info.channel, str(group[1] or "")):
            continue
        start = _midnight(info.starts_on)
        if start > as_of_ts:
            continue  # not started by the chart's date
        end = _midnight(info.ends_on) + pd.Timedelta(days=1) if info.ends_on is not None else as_of_ts
        end = max(end, start + pd.Timedelta(days=1))
        out.append(InitiativeMarker(info.id, info.name, info.channel, info.stage_id, start, end,
                                    info.ends_on is None, info.owner, info.talking_points))
    return tuple(sorted(out, key=lambda m: (m.start, m.name)))
