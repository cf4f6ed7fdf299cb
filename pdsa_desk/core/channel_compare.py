"""Channels side by side: each lead source's conversion on one transition, with its interval and its place in
the funnel plot — the comparison of :func:`pdsa_desk.core.funnel_compare.compare_reps` with channels as the units.

The customers are those who first entered the transition's from-stage in ``[start, end)`` (of one team's reps
when ``team_id`` is given), grouped by their opportunity's channel as :mod:`pdsa_desk.core.scopes` reads it
(trimmed, case-insensitive, in its most frequent spelling); those without a channel are a unit of their own,
named :data:`NO_CHANNEL_NAME`, so that no customer drops out of the comparison. Channels are listed by name,
never by rate; ``rep_id`` of a row is ``"channel:<key>"``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pdsa_desk.core import conversion, scopes

if TYPE_CHECKING:
    from pdsa_desk.core.database import Workspace
    from pdsa_desk.core.frames import AnalysisData
    from pdsa_desk.core.funnel_compare import RepComparison

__all__ = ["NO_CHANNEL_NAME", "compare_channels"]

#: The name of the unit of customers whose opportunity has no channel.
NO_CHANNEL_NAME = "(no channel)"


def compare_channels(
    ws: Workspace, *, from_stage: int | str, start: Any, end: Any, as_of: Any = None, team_id: str | None = None,
    overdispersion: bool = False, data: AnalysisData | None = None,
) -> RepComparison:
    """Each channel's conversion ``from_stage -> from_stage + 1`` (see the module docstring)."""
    from pdsa_desk.core.frames import load_analysis_data
    from pdsa_desk.core.funnel_compare import compare_units
    from pdsa_desk.core.study_inputs import as_of_time, to_utc, transition_of

    when = as_of_time(as_of)
    start_dt, end_dt = to_utc(start), to_utc(end)
    if data is None:
        data = load_analysis_data(ws)
    pos, stage_name, next_name, _ = transition_of(data, from_stage)
    rep_ids = scopes.group_rep_ids(data, ("team", team_id)) if team_id else None
    members = conversion.cohort_members(data, from_stage=pos, start=start_dt, end=end_dt, as_of=when,
                                        rep_ids=rep_ids)
    keys = scopes.channel_keys(data.opportunities)
    spelled = {name.strip().casefold(): name for name in scopes.channels(data) if name}
    codes = members["opp"].to_numpy(dtype=np.int64)
    member_keys = keys[codes] if len(codes) else np.array([], dtype=object)
    frame = pd.DataFrame({
        "rep_id": [f"channel:{k}" for k in member_keys],
        "n": members["mature"].to_numpy(dtype=np.int64),
        "x": (members["mature"] & members["converted"]).to_numpy(dtype=np.int64),
        "n_immature": (~members["mature"]).to_numpy(dtype=np.int64),
    })
    grouped = frame.groupby("rep_id", sort=True).sum()
    table = pd.DataFrame({
        "rep_id": grouped.index.astype(str),
        "name": [spelled.get(k.partition(":")[2], NO_CHANNEL_NAME) if k.partition(":")[2] else NO_CHANNEL_NAME
                 for k in grouped.index.astype(str)],
        "team_id": None, "team_name": None,
        "x": grouped["x"].to_numpy(dtype=np.int64), "n": grouped["n"].to_numpy(dtype=np.int64),
        "n_immature": grouped["n_immature"].to_numpy(dtype=np.int64),
    })
    return compare_units(table, members, window_days=int(data.stages["window_days"].iloc[pos]), from_stage=pos,
                         names=(stage_name, next_name), start=start_dt, end=end_dt, as_of=when,
                         overdispersion=overdispersion)
