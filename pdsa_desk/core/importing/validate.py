"""Cross-row checks and what each opportunity becomes, decided before anything is written.

A stage change must be mapped to a workspace stage and must not come before the opportunity was created; a close
date must not either. A row with one bad stage change is rejected whole, and an opportunity left without rows is
not written. Then each opportunity's outcome, close date and loss reason (:func:`_final`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from pdsa_desk.core.importing.collector import (
    NO_TS,
    O_CLOSED,
    O_CLOSED_DATE,
    O_EXISTING,
    O_LOSS,
    O_OPENED,
    O_OPENED_DATE,
    O_OUTCOME,
    O_ROW,
    O_ROWS,
    Collector,
    as_array,
)
from pdsa_desk.core.importing.existing import X_CLOSED, X_LOSS, X_OPENED, X_OUTCOME, WorkspaceState
from pdsa_desk.core.importing.results import MAX_PROBLEMS, Problem
from pdsa_desk.core.importing.stages import IGNORED, UNMAPPED, StagePlan
from pdsa_desk.core.importing.texts import QT_TRANSLATE_NOOP, counted, say
from pdsa_desk.core.importing.values import DAY_US, show_us, to_us
from pdsa_desk.core.models import TerminalKind, utcnow

# The loss reason given to lost opportunities whose file row names none.
NOT_RECORDED = "Not recorded"
# Loss reason: leave the existing opportunity's as it is.
KEEP = "\x00keep"
_MAX = np.iinfo(np.int64).max
# (outcome, closed µs, loss reason name) of an opportunity; an outcome of None keeps what an existing
# opportunity has, a reason of :data:`KEEP` keeps its loss reason.
Decision = tuple[str | None, int | None, str | None]
_UNCHANGED: Decision = (None, None, None)


@dataclass
class Verdict:
    """What the checks decided: per stage change (the ``e_*`` arrays, as collected) and per opportunity code."""

    e_opp: np.ndarray
    e_stage: np.ndarray
    e_ts: np.ndarray
    e_row: np.ndarray
    ws_stage: np.ndarray  # workspace stage index of each stage change, or IGNORED / UNMAPPED
    bad: np.ndarray  # the stage change's row is rejected
    opened: np.ndarray  # µs the opportunity was created
    dropped: np.ndarray  # the opportunity is not written
    rows_ignored: int = 0
    final: list[Decision] = field(default_factory=list)
    lowered_opened: set[int] = field(default_factory=set)  # existing opportunities created earlier than stored

    def written_events(self) -> np.ndarray:
        """Indexes of the stage changes to write (not rejected, not ignored, of an opportunity that is written)."""
        if not len(self.e_opp):
            return np.zeros(0, np.int64)
        return np.flatnonzero(~self.bad & (self.ws_stage >= 0) & ~self.dropped[self.e_opp])


def validate(col: Collector, state: WorkspaceState, plan: StagePlan, skip_invalid: bool) -> Verdict:
    """Check across rows; problems go to the collector (rejected rows too, with ``skip_invalid``)."""
    e_opp = as_array(col.e_opp, np.int32)
    e_stage = as_array(col.e_stage, np.int32)
    e_ts = as_array(col.e_ts, np.int64)
    e_row = as_array(col.e_row, np.int32)
    ws_stage = np.asarray(plan.target, dtype=np.int64)[e_stage] if len(e_stage) else np.zeros(0, np.int64)
    n_opps = len(col.opps)
    v = Verdict(e_opp, e_stage, e_ts, e_row, ws_stage, bad=np.zeros(len(e_opp), dtype=bool),
                opened=np.full(n_opps, NO_TS, dtype=np.int64), dropped=np.zeros(n_opps, dtype=bool))
    _unmapped_stages(col, plan, v, skip_invalid)
    v.rows_ignored = int(np.unique(e_row[ws_stage == IGNORED]).size)
    _creation_dates(col, state, v, plan.lost)
    _settle_rows(col, v)
    v.final = _final(col, state, plan, v, skip_invalid)
    return v


def _unmapped_stages(col: Collector, plan: StagePlan, v: Verdict, skip_invalid: bool) -> None:
    """CRM stages that are not mapped: one problem per name (with its row count); the rows are rejected."""
    where = col.cols.names.get("stage")
    for code, name in enumerate(col.stage_names):
        if plan.target[code] == UNMAPPED and col.stage_rows[code]:
            col.n_problems += 1
            if len(col.problems) < MAX_PROBLEMS:
                col.problems.append(Problem(
                    col.stage_first[code] if where else None, where or col.column_of_stage(code),
                    counted(col.stage_rows[code],
                            QT_TRANSLATE_NOOP("Import", "stage '%2' (%1 row) is not a stage of this workspace: map it "
                                                        "to one, create it or ignore it (--stage-map)"),
                            QT_TRANSLATE_NOOP("Import", "stage '%2' (%1 rows) is not a stage of this workspace: map "
                                                        "it to one, create it or ignore it (--stage-map)"),
                            "stage '%2' (%1 row(s)) is not a stage of this workspace: map it to one, create it or "
                            "ignore it (--stage-map)", name)))
    unmapped = v.ws_stage == UNMAPPED
    if unmapped.any():
        v.bad |= unmapped
        if skip_invalid:
            for row, code in zip(v.e_row[unmapped].tolist(), v.e_stage[unmapped].tolist(), strict=True):
                col.rejected.setdefault(row, []).append(f"stage '{col.stage_names[code]}' is not mapped")


def _creation_dates(col: Collector, state: WorkspaceState, v: Verdict, lost: set[int]) -> None:
    """When each opportunity was created — the workspace's date (existing), else the file's created date, else
    its first stage change (a row at a stage read as the outcome lost counts) — and the stage changes before it
    (the same day is fine when either is a plain date: the creation date moves back to it)."""
    e_opp, e_ts = v.e_opp, v.e_ts
    n_opps = len(col.opps)
    opened = v.opened
    opened_date_only = np.zeros(n_opps, dtype=bool)
    existing = np.fromiter((o[O_EXISTING] for o in col.opps), dtype=np.int64, count=n_opps)
    for code, opp in enumerate(col.opps):
        if opp[O_EXISTING] >= 0:
            opened[code] = state.opp(opp[O_EXISTING])[X_OPENED]
        elif opp[O_OPENED] is not None:
            opened[code] = opp[O_OPENED]
            opened_date_only[code] = opp[O_OPENED_DATE]
    live = ~v.bad & (v.ws_stage != IGNORED)
    if lost:
        live |= ~v.bad & np.isin(v.e_stage, np.fromiter(lost, dtype=np.int32, count=len(lost)))
    first = np.full(n_opps, _MAX, dtype=np.int64)
    np.minimum.at(first, e_opp[live], e_ts[live])
    unknown = opened == NO_TS
    opened[unknown] = np.where(first[unknown] == _MAX, to_us(utcnow()), first[unknown])
    early = live & (e_ts < opened[e_opp])
    if not early.any():
        return
    same_day = (e_ts // DAY_US) == (opened[e_opp] // DAY_US)
    lenient = early & same_day & (opened_date_only[e_opp] | (e_ts % DAY_US == 0))
    if lenient.any():
        np.minimum.at(opened, e_opp[lenient], e_ts[lenient])
        v.lowered_opened.update(c for c in np.unique(e_opp[lenient]).tolist() if existing[c] >= 0)
    early &= ~lenient
    for i in np.flatnonzero(early).tolist():
        code = int(e_opp[i])
        stage = int(v.e_stage[i])
        col.problem(int(v.e_row[i]), col.column_of_stage(stage),
                    say(QT_TRANSLATE_NOOP("Import", "entered '%1' at %2, before the opportunity was created (%3)"),
                        col.stage_names[stage], show_us(int(e_ts[i])), show_us(int(opened[code]))))
    v.bad |= early


def _settle_rows(col: Collector, v: Verdict) -> None:
    """A row with one bad event is rejected whole; an opportunity left without rows is not created."""
    if not v.bad.any():
        return
    bad_rows = np.unique(v.e_row[v.bad])
    v.bad |= np.isin(v.e_row, bad_rows)
    rows_left = np.fromiter((o[O_ROWS] for o in col.opps), dtype=np.int64, count=len(col.opps))
    row_opp = dict(zip(v.e_row[v.bad].tolist(), v.e_opp[v.bad].tolist(), strict=True))
    for code in row_opp.values():
        rows_left[code] -= 1
    v.dropped |= rows_left <= 0


def _final(col: Collector, state: WorkspaceState, plan: StagePlan, v: Verdict, skip_invalid: bool) -> list[Decision]:
    """Outcome, close date and loss reason of every opportunity; a close date before the creation date rejects
    the opportunity."""
    e_opp, e_ts = v.e_opp, v.e_ts
    n_opps = len(col.opps)
    keep = ~v.bad & (v.ws_stage >= 0)
    won_stage = np.array([s.get("terminal") == TerminalKind.WON for s in plan.order] + [False], dtype=bool)
    last = np.full(n_opps, NO_TS, dtype=np.int64)
    np.maximum.at(last, e_opp[keep], e_ts[keep])
    won_at = np.full(n_opps, _MAX, dtype=np.int64)
    in_won = keep & won_stage[np.where(v.ws_stage >= 0, v.ws_stage, len(plan.order))]
    np.minimum.at(won_at, e_opp[in_won], e_ts[in_won])
    # A deal re-opened in the CRM (a later move out of the won stage) is not won by its stages: the won stage
    # counts only when no later stage change follows its last entry (at the same instant, won is last).
    last_won = np.full(n_opps, NO_TS, dtype=np.int64)
    np.maximum.at(last_won, e_opp[in_won], e_ts[in_won])
    won_at[(last_won != NO_TS) & (last_won < last)] = _MAX
    final: list[Decision] = []
    closed_column = col.cols.names.get("closed_at")
    # As lists: one Python int per look-up instead of a numpy scalar (a workspace can have many opportunities).
    won_at_of, last_of, opened_of = won_at.tolist(), last.tolist(), v.opened.tolist()
    lost_at_of = _lost_at(plan, v, n_opps)
    stale = col.stale
    dropped = v.dropped.tolist()  # only this opportunity's entry can change in the loop, after it is read
    for code, opp in enumerate(col.opps):
        ex = state.opp(opp[O_EXISTING]) if opp[O_EXISTING] >= 0 else None
        if code in stale:  # the workspace knows newer: its outcome, close date and loss reason stay
            final.append(_UNCHANGED)
            continue
        won = won_at_of[code] if won_at_of[code] != _MAX else None
        lost_at = lost_at_of[code]
        if lost_at != NO_TS and lost_at >= last_of[code] and not opp[O_OUTCOME] and not dropped[code] and (
                ex is None or ex[X_OUTCOME] == "open"):
            # its latest row is at a lost stage (Closed Lost): lost at the last stage reached, closed then
            closed = opp[O_CLOSED] if opp[O_CLOSED] is not None else lost_at
            final.append(("lost", max(closed, opened_of[code]), _loss_reason(opp, ex)))
            continue
        outcome = None if dropped[code] else opp[O_OUTCOME] or _outcome_by_stages(won, ex)
        if outcome is None:
            final.append(_UNCHANGED)
            continue
        closed = None
        if outcome != "open":
            opened = opened_of[code]
            closed = _close_date(opp, outcome, won, ex, last_of[code] if last_of[code] != NO_TS else opened)
            if closed < opened:
                if closed // DAY_US == opened // DAY_US and (opp[O_CLOSED_DATE] or opp[O_OPENED_DATE]):
                    closed = opened
                else:
                    col.problem(opp[O_ROW], closed_column, say(QT_TRANSLATE_NOOP(
                        "Import", "closed %1, before the opportunity was created (%2)"), show_us(closed),
                        show_us(opened)))
                    _reject_opportunity(col, v, code, skip_invalid)
                    final.append(_UNCHANGED)
                    continue
        final.append((outcome, closed, _loss_reason(opp, ex) if outcome == "lost" else None))
    return final


def _lost_at(plan: StagePlan, v: Verdict, n_opps: int) -> list[int]:
    """Per opportunity, µs of its latest row at a stage read as the outcome lost (NO_TS without one)."""
    lost_at = np.full(n_opps, NO_TS, dtype=np.int64)
    if plan.lost and len(v.e_opp):
        at_lost = ~v.bad & np.isin(v.e_stage, np.fromiter(plan.lost, dtype=np.int32, count=len(plan.lost)))
        np.maximum.at(lost_at, v.e_opp[at_lost], v.e_ts[at_lost])
    return lost_at.tolist()


def _outcome_by_stages(won_at: int | None, ex: tuple[Any, ...] | None) -> str | None:
    """Without an outcome in the file (which wins): won when it entered the workspace's won stage (unless an
    existing opportunity is already closed); else what an existing opportunity has (None) or open."""
    if won_at is not None and (ex is None or ex[X_OUTCOME] == "open"):
        return "won"
    return None if ex is not None else "open"


def _close_date(opp: list[Any], outcome: str, won_at: int | None, ex: tuple[Any, ...] | None, last: int) -> int:
    """The file's close date; else when it entered the won stage; else the existing one (same outcome); else its
    last stage change (or, without one, its creation)."""
    in_file: int | None = opp[O_CLOSED]
    if in_file is not None:
        return in_file
    if outcome == "won" and won_at is not None:
        return won_at
    existing: int | None = ex[X_CLOSED] if ex is not None and ex[X_OUTCOME] == outcome else None
    if existing is not None:
        return existing
    return last


def _loss_reason(opp: list[Any], ex: tuple[Any, ...] | None) -> str:
    """A lost opportunity's: the file's; else the existing one's (kept); else "Not recorded"."""
    in_file: str | None = opp[O_LOSS]
    if in_file:
        return in_file
    if ex is not None and ex[X_OUTCOME] == "lost" and ex[X_LOSS]:
        return KEEP
    return NOT_RECORDED


def _reject_opportunity(col: Collector, v: Verdict, code: int, skip_invalid: bool) -> None:
    mine = v.e_opp == code
    v.bad |= mine
    v.dropped[code] = True
    if skip_invalid:
        for row in set(v.e_row[mine].tolist()) | {col.opps[code][O_ROW]}:
            col.rejected.setdefault(row, []).append("closed before it was created")
