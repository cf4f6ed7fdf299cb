"""The analysis frames: the whole workspace as a few column-typed pandas frames.

Metrics never loop over ORM rows. They work on :class:`AnalysisData`, which the
database layer builds with one SQL query per table (see ``load_analysis_data``)
and which tests can build by hand from small, readable tables.

Contract (all timestamps are ``datetime64[ns, UTC]``):

``stages``
    One row per live stage, index ``0..k-1`` = the stage's position in the
    workspace order. Columns: ``id`` (str), ``name`` (str), ``window_days``
    (int, conversion window), ``wip_limit`` (float, NaN = no limit),
    ``terminal`` (str: ``"none"`` or ``"won"``).
``reps``
    One row per rep (including inactive). Columns: ``id`` (str), ``name`` (str),
    ``team_id`` (str or None), ``team_name`` (str or None), ``active`` (bool).
``opportunities``
    One row per live opportunity, index ``0..m-1`` = the opportunity code used
    by ``events.opp``. Columns: ``id`` (str), ``name`` (str), ``rep_id`` (str or
    None), ``team_id`` (str or None), ``outcome`` (str: ``open``/``won``/``lost``),
    ``created_at``, ``closed_at`` (NaT while open), ``loss_reason`` (str or
    None), ``source`` (str or None).
``events``
    One row per live stage event. Columns: ``opp`` (int32 code into
    ``opportunities``), ``stage`` (int16 position into ``stages``),
    ``entered_at``. Sorted by ``opp`` then ``entered_at``. Events whose stage is
    deleted are dropped by the loader.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is heavy; importers that only need the type pay nothing
    import pandas as pd

    from pdsa_desk.core.database import Workspace


@dataclass(frozen=True)
class AnalysisData:
    """A read-only snapshot of a workspace for metrics (see module docstring)."""

    stages: "pd.DataFrame"
    reps: "pd.DataFrame"
    opportunities: "pd.DataFrame"
    events: "pd.DataFrame"


def _utc(values: "pd.Series | list") -> "pd.Series":
    import pandas as pd

    # SQLite hands back ISO strings, PostgreSQL aware datetimes; both end up datetime64[ns, UTC].
    return pd.to_datetime(pd.Series(values, dtype="object"), utc=True, format="ISO8601").astype(
        "datetime64[ns, UTC]"
    )


def load_analysis_data(ws: "Workspace") -> AnalysisData:
    """Read the whole workspace into :class:`AnalysisData`: one query per table, no ORM objects."""
    import numpy as np
    import pandas as pd

    raw = ws.engine.raw_connection()
    try:
        cur = raw.cursor()

        def rows(sql: str) -> list[tuple]:
            cur.execute(sql)
            return cur.fetchall()

        stage_rows = rows("SELECT id, name, window_days, wip_limit, terminal FROM stage "
                          "WHERE deleted_at IS NULL ORDER BY position")
        rep_rows = rows("SELECT r.id, r.name, r.team_id, t.name, r.active FROM rep r "
                        "LEFT JOIN team t ON t.id = r.team_id WHERE r.deleted_at IS NULL ORDER BY r.name")
        opp_rows = rows(
            "SELECT o.id, o.name, o.rep_id, r.team_id, o.outcome, o.opened_at, o.closed_at, l.name, o.source "
            "FROM opportunity o LEFT JOIN rep r ON r.id = o.rep_id "
            "LEFT JOIN loss_reason l ON l.id = o.loss_reason_id WHERE o.deleted_at IS NULL"
        )
        event_rows = rows("SELECT opportunity_id, stage_id, entered_at FROM stage_event WHERE deleted_at IS NULL")
        cur.close()
    finally:
        raw.close()

    stages = pd.DataFrame(stage_rows, columns=["id", "name", "window_days", "wip_limit", "terminal"])
    stages["window_days"] = stages["window_days"].astype("int64")
    stages["wip_limit"] = stages["wip_limit"].astype("float64")
    reps = pd.DataFrame(rep_rows, columns=["id", "name", "team_id", "team_name", "active"])
    reps["active"] = reps["active"].astype(bool)
    opps = pd.DataFrame(opp_rows, columns=["id", "name", "rep_id", "team_id", "outcome", "created_at",
                                           "closed_at", "loss_reason", "source"])
    opps["created_at"] = _utc(opps["created_at"])
    opps["closed_at"] = _utc(opps["closed_at"])
    opps = opps.astype({"rep_id": "object", "team_id": "object", "loss_reason": "object", "source": "object"})

    if event_rows:
        opp_id, stage_id, entered = zip(*event_rows, strict=True)
    else:
        opp_id, stage_id, entered = (), (), ()
    opp_code = pd.Index(opps["id"]).get_indexer(pd.Index(opp_id, dtype="object"))
    stage_pos = pd.Index(stages["id"]).get_indexer(pd.Index(stage_id, dtype="object"))
    keep = (opp_code >= 0) & (stage_pos >= 0)  # events of deleted opportunities or stages are not evidence
    events = pd.DataFrame({
        "opp": opp_code[keep].astype(np.int32),
        "stage": stage_pos[keep].astype(np.int16),
        "entered_at": _utc(pd.Series(entered, dtype="object")[keep]).array,
    })
    events = events.sort_values(["opp", "entered_at"], kind="stable").reset_index(drop=True)
    return AnalysisData(stages=stages, reps=reps, opportunities=opps, events=events)
