"""Scopes of the charts and comparisons: everyone, a team or one rep, and a rep subset of a snapshot.

Scopes (``group``) are ``("all", None)``, ``("team", team_id)`` or ``("rep", rep_id)``; a team means the
opportunities of its reps (active or not).

Channels (lead sources) are a scope of their own: :func:`channels` lists them and :func:`channel_subset`
gives the snapshot of one channel's opportunities, which every chart function accepts (like
:func:`subset_data`). Channels compare trimmed and case-insensitively ("Partner" = "partner "), shown in
their most frequent spelling; opportunities without a channel form :data:`NO_CHANNEL`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from pdsa_desk.core import metrics
from pdsa_desk.core.frames import AnalysisData

__all__ = ["ALL_GROUP", "NO_CHANNEL", "Group", "channel_mask", "channel_subset", "channels", "check_group",
           "group_rep_ids", "scopes", "subset_by_mask", "subset_data", "utc"]

#: The label of opportunities without a channel (never a real channel name: it cannot be typed as one).
NO_CHANNEL = ""

Group = tuple[str, str | None]
ALL_GROUP: Group = ("all", None)


def utc(value: Any) -> pd.Timestamp:
    """Anything pandas reads as a time, as a UTC timestamp (naive = UTC)."""
    ts = pd.Timestamp(value)
    return ts.tz_localize("UTC") if ts.tz is None else ts.tz_convert("UTC")


def scopes(data: metrics.DataLike) -> list[tuple[str, Group]]:
    """``(name, group)`` for every team then every rep (sorted by name); "all" is not included."""
    reps = metrics.prepare(data).reps
    teams = (
        reps.dropna(subset=["team_id"]).drop_duplicates("team_id").sort_values("team_name", key=lambda s: s.str.lower())
    )
    out: list[tuple[str, Group]] = [(str(r.team_name), ("team", str(r.team_id))) for r in teams.itertuples()]
    for r in reps.sort_values("name", key=lambda s: s.str.lower()).itertuples():
        out.append((str(r.name), ("rep", str(r.id))))
    return out


def check_group(group: Any) -> Group:
    if group is None or group == "all":
        return ALL_GROUP
    try:
        kind, ident = group
    except (TypeError, ValueError):
        raise ValueError(f"group must be ('all', None), ('team', id) or ('rep', id), not {group!r}") from None
    if kind == "all":
        return ALL_GROUP
    if kind not in ("team", "rep") or not ident:
        raise ValueError(f"group must be ('all', None), ('team', id) or ('rep', id), not {group!r}")
    return (kind, str(ident))


def group_rep_ids(data: metrics.DataLike, group: Any) -> list[str] | None:
    """The rep ids of a scope (None = everyone, including opportunities without a rep)."""
    kind, ident = check_group(group)
    if kind == "all":
        return None
    if kind == "rep":
        return [str(ident)]
    reps = metrics.prepare(data).reps
    return reps.loc[reps["team_id"].astype(object) == ident, "id"].astype(str).tolist()


def subset_data(data: AnalysisData, rep_ids: Sequence[str]) -> AnalysisData:
    """The analysis frames restricted to some reps' opportunities (kept in the snapshot's cache per rep set).

    Every chart function accepts the result, e.g. a cycle's participating reps as one scope.
    """
    return _subset(data, list(rep_ids))


def _subset(data: AnalysisData, rep_ids: list[str]) -> AnalysisData:
    """The analysis frames restricted to some reps' opportunities (a derived value of the snapshot)."""
    return data.cached(("subset", tuple(sorted(rep_ids))), lambda: _make_subset(data, rep_ids))


def _make_subset(data: AnalysisData, rep_ids: list[str]) -> AnalysisData:
    keep = data.opportunities["rep_id"].astype(object).isin(set(rep_ids)).to_numpy()
    return subset_by_mask(data, keep)


def subset_by_mask(data: AnalysisData, keep_opps: np.ndarray, keep_events: np.ndarray | None = None) -> AnalysisData:
    """A new snapshot with only the opportunities ``keep_opps`` (bool per opportunity) and their events (also
    only ``keep_events``, bool per event, when given); opportunity codes are renumbered."""
    opps = data.opportunities
    keep = np.asarray(keep_opps, dtype=bool)
    codes = np.full(len(opps), -1, dtype=np.int64)
    codes[keep] = np.arange(int(keep.sum()))
    ev = data.events
    ev_keep = keep[ev["opp"].to_numpy(dtype=np.int64)] if len(ev) else np.zeros(0, dtype=bool)
    if keep_events is not None and len(ev):
        ev_keep &= np.asarray(keep_events, dtype=bool)
    events = ev.loc[ev_keep].copy()
    events["opp"] = codes[events["opp"].to_numpy(dtype=np.int64)].astype(np.int32)
    return AnalysisData(data.stages, data.reps, opps.loc[keep].reset_index(drop=True), events.reset_index(drop=True))


def _channel_keys(data: AnalysisData) -> tuple[np.ndarray, dict[str, str]]:
    """(per opportunity its channel key (trimmed, case-folded; "" = none), key -> the most frequent spelling)."""
    def compute() -> tuple[np.ndarray, dict[str, str]]:
        opps = data.opportunities
        raw = opps["channel"].to_numpy(dtype=object) if "channel" in opps.columns else np.full(len(opps), None)
        labels = np.array([str(v).strip() if isinstance(v, str) else "" for v in raw], dtype=object)
        keys = np.array([v.casefold() for v in labels], dtype=object)
        spelling: dict[str, str] = {}
        if len(labels):
            counts = pd.Series(labels[keys != ""]).value_counts()
            for label in sorted(counts.index, key=lambda s: (-int(counts[s]), s)):
                spelling.setdefault(label.casefold(), label)
        return keys, spelling

    return data.cached("channel_keys", compute)


def channels(data: AnalysisData) -> list[str]:
    """The channels of the snapshot's opportunities (most frequent spelling), sorted case-insensitively;
    :data:`NO_CHANNEL` last when some opportunities have none."""
    keys, spelling = _channel_keys(data)
    names = sorted(spelling.values(), key=str.casefold)
    return [*names, NO_CHANNEL] if (keys == "").any() else names


def channel_mask(data: AnalysisData, channel: str) -> np.ndarray:
    """Per opportunity: whether it came through ``channel`` (:data:`NO_CHANNEL`: has none)."""
    keys, _ = _channel_keys(data)
    return np.asarray(keys == channel.strip().casefold(), dtype=bool)


def channel_subset(data: AnalysisData, channel: str) -> AnalysisData:
    """The snapshot restricted to one channel's opportunities (cached per channel)."""
    key = channel.strip().casefold()
    return data.cached(("channel", key), lambda: subset_by_mask(data, channel_mask(data, channel)))
