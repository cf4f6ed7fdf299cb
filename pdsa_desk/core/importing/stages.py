"""Stage planning: which workspace stage each CRM stage name becomes, and where new stages go.

:func:`plan_stages` decides (stage map, then same name, then ``create_stages``); nothing is written until
:func:`create_planned_stages`, the one place the importer creates stages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import Connection, bindparam, insert, update

from pdsa_desk.core.importing.collector import Collector, as_array
from pdsa_desk.core.importing.existing import WorkspaceState
from pdsa_desk.core.importing.identity import LOST, WON, outcome_of_stage
from pdsa_desk.core.importing.mapping import LONG, CreateStage, StageMap, StageTarget
from pdsa_desk.core.importing.results import Problem, ScannedStage
from pdsa_desk.core.importing.texts import QT_TRANSLATE_NOOP, say
from pdsa_desk.core.importing.writer import IdMaker
from pdsa_desk.core.models import Stage, StandardRevision
from pdsa_desk.core.rules import standard_revision  # a new stage gets its first revision (one home)

# :attr:`StagePlan.target` of a CRM stage whose rows are ignored, and of one that is not mapped (an error).
IGNORED = -1
UNMAPPED = -2
_UNMAPPED = "unmapped"  # while planning


@dataclass
class StagePlan:
    target: list[int]  # CRM stage code -> final workspace stage index, IGNORED or UNMAPPED
    order: list[dict[str, Any]]  # final workspace stages in order (existing dicts and new ones with "new": True)
    created: list[str]
    # CRM stage codes whose name says lost (Closed Lost, Verloren, Perdu …) read, with ``create_stages``, as the
    # outcome lost at the last stage reached rather than as a stage.
    lost: set[int] = field(default_factory=set)


def plan_stages(col: Collector, ws_state: WorkspaceState, stage_map: StageMap, create_missing: bool,
                problems: list[Problem]) -> StagePlan:
    """The plan for the file's CRM stages; what stops the import (a stage map naming a stage that does not exist,
    a name too long to create) goes to ``problems``."""
    stages = [dict(s) for s in ws_state.stages]
    by_name = {s["name"].casefold(): s for s in stages}
    chosen, creates, lost = _match(col, stages, by_name, stage_map, create_missing, problems)
    created: list[str] = []
    rank = _stage_ranks(col)
    # Explicit positions first (in position order), then the rest in the file's stage order, each placed
    # after the stage that precedes it in that order.
    explicit = sorted([c for c in creates if c[1].position is not None], key=lambda c: (c[1].position, c[0]))
    implicit = sorted([c for c in creates if c[1].position is None], key=lambda c: rank[c[0]])
    for code, spec in explicit + implicit:
        name = (spec.name or col.stage_names[code]).strip()
        if len(name) > 200:
            problems.append(Problem(col.stage_first[code], None, say(QT_TRANSLATE_NOOP(
                "Import", "stage name '%1…' is too long to create (at most 200 characters)"), name[:40])))
            chosen[code] = _UNMAPPED
            continue
        existing = by_name.get(name.casefold())
        if existing is not None:  # two CRM names created as one stage, or "create" of an existing name
            chosen[code] = existing
            continue
        new = {"id": None, "name": name, "terminal": spec.terminal, "new": True}
        if spec.position is not None:
            at = min(spec.position, len(stages))
        else:
            at = _after_predecessor(col, code, chosen, stages, rank)
        stages.insert(at, new)
        by_name[name.casefold()] = new
        chosen[code] = new
        created.append(name)
    index_of = {id(s): i for i, s in enumerate(stages)}
    target = []
    for code in range(len(col.stage_names)):
        value = chosen.get(code, _UNMAPPED)
        if value is None:
            target.append(IGNORED)
        elif value == _UNMAPPED:
            target.append(UNMAPPED)
        else:
            target.append(index_of[id(value)])
    return StagePlan(target, stages, created, lost)


def _match(col: Collector, stages: list[dict[str, Any]], by_name: dict[str, dict[str, Any]], stage_map: StageMap,
           create_missing: bool, problems: list[Problem]
           ) -> tuple[dict[int, Any], list[tuple[int, CreateStage]], set[int]]:
    """({CRM stage code: workspace stage dict, None (ignored) or "unmapped"}, the stages to create, the codes of
    stages read as the outcome lost). Creating, a stage whose name says won becomes the won (terminal) stage, and
    one whose name says lost is not a stage but the outcome lost (:func:`~.identity.outcome_of_stage`)."""
    by_id = {s["id"]: s for s in stages}
    chosen: dict[int, Any] = {}
    creates: list[tuple[int, CreateStage]] = []
    lost: set[int] = set()
    for code, name in enumerate(col.stage_names):
        if not col.stage_rows[code]:
            chosen[code] = None  # a stage column with no dates: nothing to map or create
            continue
        listed, target = stage_map.get(name)
        if listed:
            if target is None:
                chosen[code] = None
                if outcome_of_stage(name) == LOST:  # ignored as a stage (the wizard's default): still the outcome
                    lost.add(code)
            elif isinstance(target, CreateStage):
                creates.append((code, target))
            else:
                found = by_id.get(target) or by_name.get(target.casefold())
                if found is None:
                    problems.append(Problem(None, None, say(QT_TRANSLATE_NOOP(
                        "Import", "The stage map sends '%1' to '%2', which is not a stage of this workspace."),
                        name, target)))
                chosen[code] = found if found is not None else _UNMAPPED
            continue
        found = by_name.get(name.casefold())
        if found is not None:
            chosen[code] = found
        elif create_missing:
            outcome = outcome_of_stage(name)
            if outcome == LOST:
                chosen[code] = None
                lost.add(code)
            else:
                creates.append((code, CreateStage(terminal="won") if outcome == WON else CreateStage()))
        else:
            chosen[code] = _UNMAPPED
    return chosen, creates, lost


def _stage_ranks(col: Collector) -> list[tuple[int, int, float, int, int]]:
    """The file's order of its CRM stages: ``stage_position`` when given; otherwise the typical order of first
    entries (the average step at which opportunities first enter the stage, re-entries and repeated rows not
    counted), a stage whose name says won or lost after the others; then the first row it appears on (the
    column order in the wide shape)."""
    n = len(col.stage_names)
    mean = np.zeros(n)
    positions = [p for p in col.stage_pos if p is not None]
    decided = len(positions) == n and len(set(positions)) == n  # distinct positions: the mean never decides
    if len(col.e_opp) and not decided:
        e_opp = as_array(col.e_opp, np.int32)
        e_stage = as_array(col.e_stage, np.int32)
        e_ts = as_array(col.e_ts, np.int64)
        order = np.lexsort((e_stage, e_ts, e_opp))
        so, stage = e_opp[order], e_stage[order]
        _keys, first = np.unique(so.astype(np.int64) * max(1, n) + stage, return_index=True)
        first.sort()  # first entries, still in (opportunity, time) order
        so, stage = so[first], stage[first]
        steps = np.arange(len(so))
        starts = np.maximum.accumulate(np.where(np.r_[True, so[1:] != so[:-1]], steps, 0))
        total = np.bincount(stage, weights=(steps - starts).astype(float), minlength=n)
        count = np.bincount(stage, minlength=n)
        mean = np.divide(total, count, out=np.zeros(n), where=count > 0)
    wide = col.mapping.shape != LONG
    return [(pos if (pos := col.stage_pos[c]) is not None else 1 << 30,
             1 if outcome_of_stage(col.stage_names[c]) else 0, round(float(mean[c]), 6),
             c if wide else col.stage_first[c], c) for c in range(n)]


def _after_predecessor(col: Collector, code: int, chosen: dict[int, Any], stages: list[dict[str, Any]],
                       rank: list[tuple[int, int, float, int, int]]) -> int:
    """Where a new stage goes: right after the stage the previous CRM stage (in file order) became."""
    mine = rank[code]
    before = [c for c in chosen if isinstance(chosen[c], dict) and rank[c] < mine]
    if not before:
        return 0 if col.stage_pos[code] is not None or not stages else len(stages)
    previous = chosen[max(before, key=lambda c: rank[c])]
    for i, s in enumerate(stages):
        if s is previous:
            return i + 1
    return len(stages)  # pragma: no cover


def suggest_stage(scanned: ScannedStage, preset: StageMap, stage_ids: dict[str, str],
                  create: bool) -> tuple[bool, StageTarget]:
    """What to do with a CRM stage found by a scan, before the user says: ``(decided, target)`` in
    :class:`StageMap` terms (a stage id, a :class:`CreateStage`, or None to ignore its rows).

    The preset's stage map first (when it names a stage of the workspace, ignores or creates); else the workspace
    stage of the same name; else a "lost" stage is ignored (the outcome column already says an opportunity was
    lost); else, with ``create``, a new stage (a won one when its name says won). Otherwise undecided.
    ``stage_ids``: workspace stage id -> id and folded name -> id.
    """
    listed, target = preset.get(scanned.name)
    if listed:
        if target is None or isinstance(target, CreateStage):
            return True, target
        found = stage_ids.get(target) or stage_ids.get(target.casefold())
        if found is not None:
            return True, found
    if scanned.workspace_stage_id:
        return True, scanned.workspace_stage_id
    outcome = outcome_of_stage(scanned.name)
    if outcome == LOST:
        return True, None
    if create:
        return True, CreateStage(terminal="won") if outcome == WON else CreateStage()
    return False, None


def create_planned_stages(conn: Connection, plan: StagePlan, state: WorkspaceState, now: Any,
                          ids: IdMaker) -> list[str]:
    """Write the plan's new stages — each with its first standard revision — and move the existing ones so that
    positions stay 0, 1, 2, … in the plan's order. Returns the id of every stage in that order."""
    st = Stage.__table__
    new = [s for s in plan.order if s.get("new")]
    if not new:
        return [s["id"] for s in plan.order]
    for s, sid in zip(new, ids.take(len(new)), strict=True):
        s["id"] = sid
    moved = [{"b_id": s["id"], "v_position": i, "v_updated_at": now}
             for i, s in enumerate(plan.order) if not s.get("new") and s["position"] != i]
    if moved:
        conn.execute(update(st).where(st.c.id == bindparam("b_id")).values(
            position=bindparam("v_position"), updated_at=bindparam("v_updated_at")), moved)
    conn.execute(insert(st), [
        {"id": s["id"], "created_at": now, "updated_at": now, "position": plan.order.index(s),
         "name": s["name"], "standard": "", "checklist": [], "wip_limit": None,
         "window_days": state.default_window, "terminal": s["terminal"]} for s in new])
    conn.execute(insert(StandardRevision.__table__), [
        standard_revision(s["id"], s["name"], "", [], at=now, author="import", revision_id=rid)
        for s, rid in zip(new, ids.take(len(new)), strict=True)])
    return [s["id"] for s in plan.order]
