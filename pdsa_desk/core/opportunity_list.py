"""Every live opportunity as one table (the Board's "Table" mode): name, rep, team, current stage, outcome,
loss reason, amount, channel, source, open and close dates.

Qt-free and vectorised. :func:`opportunity_rows` reads the analysis snapshot the Board already has (the
current stage is the stage of the latest live event, as in :mod:`pdsa_desk.core.board`, whatever the
outcome: a lost opportunity shows the stage it was lost in) plus one small query for what the snapshot
does not carry (amount, channel). It runs on the worker thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from pdsa_desk.core.database import Workspace
    from pdsa_desk.core.frames import AnalysisData

__all__ = ["COLUMNS", "opportunity_rows"]

COLUMNS = ["id", "name", "rep_id", "rep_name", "team_name", "stage_name", "stage", "outcome", "loss_reason",
           "amount", "channel", "source", "opened_at", "closed_at"]


def _extras(ws: Workspace) -> pd.DataFrame:
    raw = ws.engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("SELECT id, amount, channel FROM opportunity WHERE deleted_at IS NULL")
        rows = cur.fetchall()
        cur.close()
    finally:
        raw.close()
    frame = pd.DataFrame(rows, columns=["id", "amount", "channel"])
    return frame.set_index("id")


def opportunity_rows(ws: Workspace, data: AnalysisData) -> pd.DataFrame:
    """One row per live opportunity of the snapshot, in the snapshot's order; columns :data:`COLUMNS`.
    ``stage`` is the current stage's position (-1 without a stage move), ``stage_name`` its name or None."""
    opps = data.opportunities
    n = len(opps)
    events = data.events
    stage = np.full(n, -1, dtype=np.int64)
    if len(events):
        codes = events["opp"].to_numpy()
        last = np.r_[codes[1:] != codes[:-1], True]  # events are sorted by opportunity, then time
        stage[codes[last]] = events["stage"].to_numpy()[last]
    names = data.stages["name"].to_numpy(dtype=object)
    stage_name = np.full(n, None, dtype=object)
    staged = stage >= 0
    if len(names):
        stage_name[staged] = names[stage[staged]]
    reps = data.reps.set_index("id") if len(data.reps) else pd.DataFrame(columns=["name", "team_name"])
    rep_ids = opps["rep_id"]
    extras = _extras(ws).reindex(opps["id"])
    return pd.DataFrame({
        "id": opps["id"].to_numpy(dtype=object),
        "name": opps["name"].to_numpy(dtype=object),
        "rep_id": rep_ids.to_numpy(dtype=object),
        "rep_name": reps["name"].reindex(rep_ids).to_numpy(dtype=object),
        "team_name": reps["team_name"].reindex(rep_ids).to_numpy(dtype=object),
        "stage_name": stage_name,
        "stage": stage,
        "outcome": opps["outcome"].to_numpy(dtype=object),
        "loss_reason": opps["loss_reason"].to_numpy(dtype=object),
        "amount": extras["amount"].to_numpy(dtype=float),
        "channel": extras["channel"].to_numpy(dtype=object),
        "source": opps["source"].to_numpy(dtype=object),
        "opened_at": opps["created_at"].to_numpy(),
        "closed_at": opps["closed_at"].to_numpy(),
    }, columns=COLUMNS)
