"""What the workspace already has, read once at the start of an import: stages, reps, teams, loss reasons and
every opportunity's key and attributes (straight from the driver: a workspace can hold hundreds of thousands)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
from sqlalchemy import Connection, select

from pdsa_desk.core.importing import tuning
from pdsa_desk.core.importing.mapping import BUILTIN_PRESET
from pdsa_desk.core.importing.values import to_us
from pdsa_desk.core.models import LossReason, Rep, Stage, Team, WorkspaceSettings

#: Index into :attr:`WorkspaceState.opps` rows.
X_ID, X_NAME, X_REP, X_AMOUNT, X_OUTCOME, X_LOSS, X_OPENED, X_CLOSED, X_CHANNEL, X_DELETED = range(10)


@dataclass
class WorkspaceState:
    stages: list[dict[str, Any]]  # live, in order: id, name, position, terminal
    stage_index: dict[str, int]  # stage id (live or deleted) -> index (deleted ones after the live ones)
    default_window: int
    reps: list[dict[str, Any]]
    teams: dict[str, str]  # folded name -> id
    loss_reasons: dict[str, str]  # folded name -> id
    loss_reason_max: int
    opp_keys: dict[tuple[str, str], int]  # (source, external id) -> index into opp rows
    # id, name, rep_id, amount, outcome, loss_reason_id, opened, closed, channel, deleted: as the driver returns
    # them; :meth:`opp` gives the times as µs.
    opps: list[tuple[Any, ...]]

    def opp(self, i: int) -> tuple[Any, ...]:
        """Opportunity row ``i`` with ``opened``/``closed`` as µs UTC (converted once, on first use)."""
        row = self.opps[i]
        if not isinstance(row[X_OPENED], int):
            row = (*row[:X_OPENED], db_us(row[X_OPENED]), None if row[X_CLOSED] is None else db_us(row[X_CLOSED]),
                   *row[X_CHANNEL:])
            self.opps[i] = row
        return row

    def is_deleted(self, i: int) -> bool:
        return bool(self.opps[i][X_DELETED])  # stored as a bool (see _load_opportunities)


def load_workspace(conn: Connection) -> WorkspaceState:
    st = Stage.__table__
    stages = [dict(r) for r in conn.execute(
        select(st.c.id, st.c.name, st.c.position, st.c.terminal).where(st.c.deleted_at.is_(None))
        .order_by(st.c.position)).mappings()]
    stage_index = {s["id"]: i for i, s in enumerate(stages)}
    for (sid,) in conn.execute(select(st.c.id).where(st.c.deleted_at.is_not(None))):
        stage_index[sid] = len(stage_index)
    ws_t = WorkspaceSettings.__table__
    window = conn.execute(select(ws_t.c.default_window_days).where(ws_t.c.deleted_at.is_(None))).scalar()
    rp = Rep.__table__
    reps = [dict(r) for r in conn.execute(
        select(rp.c.id, rp.c.name, rp.c.email, rp.c.team_id).where(rp.c.deleted_at.is_(None))).mappings()]
    tm = Team.__table__
    teams: dict[str, str] = {}
    for tid, name in conn.execute(select(tm.c.id, tm.c.name).where(tm.c.deleted_at.is_(None))):
        teams.setdefault(name.casefold(), tid)
    lr = LossReason.__table__
    reasons: dict[str, str] = {}
    max_pos = -1
    for rid, name, pos in conn.execute(select(lr.c.id, lr.c.name, lr.c.position).where(lr.c.deleted_at.is_(None))):
        reasons.setdefault(name.casefold(), rid)
        max_pos = max(max_pos, pos)
    opp_keys, opps = _load_opportunities(conn)
    return WorkspaceState(stages, stage_index, int(window or 30), reps, teams, reasons, max_pos, opp_keys, opps)


def _load_opportunities(conn: Connection) -> tuple[dict[tuple[str, str], int], list[tuple[Any, ...]]]:
    """Every opportunity, through the driver (no ORM or Row objects), and the keys the file's rows find them by."""
    opp_keys: dict[tuple[str, str], int] = {}
    opps: list[tuple[Any, ...]] = []
    cursor = conn.connection.cursor()
    try:
        cursor.execute("SELECT id, source, external_id, name, rep_id, amount, outcome, loss_reason_id, opened_at, "
                       "closed_at, channel, deleted_at FROM opportunity")
        while True:
            batch = cursor.fetchmany(tuning.CHUNK_ROWS)
            if not batch:
                break
            for (oid, source, external_id, name, rep_id, amount, outcome, reason_id, opened, closed, channel,
                 deleted) in batch:
                i = len(opps)
                opps.append((oid, name, rep_id, amount, outcome, reason_id, opened, closed, channel,
                             deleted is not None))
                if external_id is not None:
                    key = (source if source is not None else "", external_id)
                else:
                    # The events file names an opportunity without an external id by its UUID
                    # (source "pdsa-desk" when it has none).
                    key = (source if source is not None else BUILTIN_PRESET, oid)
                known = opp_keys.get(key)
                if known is None or (opps[known][X_DELETED] and deleted is None):  # a live one wins over a deleted
                    opp_keys[key] = i
    finally:
        cursor.close()
    return opp_keys, opps


def db_us(value: Any) -> int:
    """µs UTC of a time as the driver returns it (SQLite: naive UTC text; others: datetime)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return to_us(value)


def event_times(values: list[Any]) -> np.ndarray:
    """µs UTC of stored times: SQLite text in bulk, datetimes (other databases) one by one."""
    if values and all(isinstance(v, str) for v in values):
        try:
            return np.array(values, dtype="datetime64[us]").astype(np.int64)
        except ValueError:
            pass  # not all in the one text form numpy reads: one by one below
    out = np.empty(len(values), dtype=np.int64)
    for i, v in enumerate(values):
        out[i] = db_us(v)
    return out


def latest_stage_changes(conn: Connection, opp_ids: list[str]) -> dict[str, int]:
    """µs UTC of each opportunity's latest stage change in the workspace (those without one are left out)."""
    if not opp_ids:
        return {}
    wanted = set(opp_ids)
    out: dict[str, int] = {}
    cursor = conn.connection.cursor()
    try:
        cursor.execute("SELECT opportunity_id, max(entered_at) FROM stage_event WHERE deleted_at IS NULL "
                       "GROUP BY opportunity_id")
        while True:
            batch = cursor.fetchmany(tuning.CHUNK_ROWS)
            if not batch:
                break
            mine = [(oid, at) for oid, at in batch if oid in wanted and at is not None]
            if mine:
                times = event_times([at for _oid, at in mine])
                out.update(zip([oid for oid, _at in mine], times.tolist(), strict=True))
    finally:
        cursor.close()
    return out
