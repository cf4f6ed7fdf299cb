"""After the last row, before the cross-row checks: what reading alone could not decide.

* Rows of one opportunity at the same instant (Salesforce history reports have minute precision) are ordered by
  the stage order — the workspace's order of the stages they map to, an outcome stage (won, or lost by name) last —
  never by their order in the file (:meth:`.collector.Collector.settle`).
* Amounts whose reading depends on the file's decimal convention are read with it, or the import is refused
  (:class:`~.conventions.AmountReader`).
* An existing opportunity whose information in the file is older than what the workspace holds (its latest stage
  change there) keeps its attributes: an older export never overwrites newer data (:func:`mark_stale`). Its
  stage changes are still added (they are history).
* What the file's conventions were, said in notices.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection

from pdsa_desk.core.importing.collector import O_EXISTING, O_ROWS, Collector
from pdsa_desk.core.importing.existing import X_ID, WorkspaceState, latest_stage_changes
from pdsa_desk.core.importing.identity import outcome_of_stage
from pdsa_desk.core.importing.results import ImportProblems, ImportResult, Problem
from pdsa_desk.core.importing.stages import StagePlan
from pdsa_desk.core.importing.texts import QT_TRANSLATE_NOOP, Count, counted, say
from pdsa_desk.core.messages import joined


def tie_rank(col: Collector, plan: StagePlan) -> Callable[[int], tuple[int, int, int]]:
    """``rank(CRM stage code)``: later in the funnel sorts later; an outcome stage (a terminal stage of the
    workspace, or a name that says won or lost) after every other; an ignored or unmapped stage by its name."""
    n_ws = len(plan.order)
    ranks: list[tuple[int, int, int]] = []
    for code, name in enumerate(col.stage_names):
        target = plan.target[code] if code < len(plan.target) else -1
        terminal = target >= 0 and bool(plan.order[target].get("terminal"))
        outcome = terminal or outcome_of_stage(name) is not None
        ranks.append((1 if outcome else 0, target if target >= 0 else n_ws, code))
    return lambda code: ranks[code]


def check_amounts(col: Collector, result: ImportResult) -> None:
    """Refuse the file when its amounts cannot be read with one decimal convention (rows and columns named)."""
    conflict = col.amounts.conflict()
    if conflict:
        raise ImportProblems([Problem(row, column, message) for row, column, message in conflict],
                             notices=result.notices)


def settle(col: Collector, plan: StagePlan, result: ImportResult) -> None:
    """Decide the ties and the amounts; say what was decided."""
    col.settle(tie_rank(col, plan))
    notices = result.notices
    proposal = stage_proposal(col, plan)
    if proposal:
        notices.append(proposal)
    if col.n_ties:
        notices.append(say(QT_TRANSLATE_NOOP(
            "Import", "%1 opportunity has rows at the same time as their latest: they were taken in the stage order "
                      "(a won or lost stage last), not in the file's row order.") if col.n_ties == 1 else
            QT_TRANSLATE_NOOP(
            "Import", "%1 opportunities have rows at the same time as their latest: they were taken in the stage "
                      "order (a won or lost stage last), not in the file's row order."), Count(col.n_ties)))
    if col.tie_conflicts:
        ext, row = col.tie_conflicts[0]
        notices.append(say(QT_TRANSLATE_NOOP(
            "Import", "%1 opportunity has rows at the same time and stage that disagree (first: '%2', row %3); the "
                      "file cannot say which is newer: check them.") if len(col.tie_conflicts) == 1 else
            QT_TRANSLATE_NOOP(
            "Import", "%1 opportunities have rows at the same time and stage that disagree (first: '%2', row %3); "
                      "the file cannot say which is newer: check them."), Count(len(col.tie_conflicts)), ext, row))
    amount_notice = col.amounts.notice()
    if amount_notice:
        notices.append(amount_notice)
    footer = col.footer_notice()
    if footer:
        notices.append(footer)
    if col.zone is not None and col.naive_times:
        notices.extend(col.zone.notices())


def mark_stale(conn: Connection, col: Collector, state: WorkspaceState, result: ImportResult) -> None:
    """Fill :attr:`Collector.stale` with the existing opportunities the file knows less recently than the
    workspace does: the file's latest row of it (or its modified date, when the file has one) is older than the
    workspace's latest stage change of it."""
    existing = [(code, state.opp(opp[O_EXISTING])[X_ID]) for code, opp in enumerate(col.opps) if opp[O_EXISTING] >= 0]
    if not existing:
        return
    latest = latest_stage_changes(conn, [oid for _code, oid in existing])
    rows = 0
    for code, oid in existing:
        held = latest.get(oid)
        if held is not None and col.as_of(col.opps[code]) < held:
            col.stale.add(code)
            rows += col.opps[code][O_ROWS]
    if col.stale:
        n = len(col.stale)
        which = (say(QT_TRANSLATE_NOOP("Import", "%1 opportunity"), Count(n)) if n == 1 else
                 say(QT_TRANSLATE_NOOP("Import", "%1 opportunities"), Count(n)))
        result.notices.append(counted(
            rows, QT_TRANSLATE_NOOP("Import", "%1 row was older than the workspace: the newer values were kept (%2; "
                                              "their older stage changes were added as history)."),
            QT_TRANSLATE_NOOP("Import", "%1 rows were older than the workspace: the newer values were kept (%2; their "
                                        "older stage changes were added as history)."),
            "%1 row(s) were older than the workspace: the newer values were kept (%2; their older stage changes were "
            "added as history).", which))


def stage_proposal(col: Collector, plan: StagePlan) -> str | None:
    """The funnel ``create_stages`` builds, in words: the stages in order (the typical order of first entries in
    the data), the won stage, and the stages read as the outcome lost."""
    if not plan.created and not plan.lost:
        return None
    names = [say(QT_TRANSLATE_NOOP("Import", "%1 (won)"), s["name"]) if s.get("terminal") == "won" else s["name"]
             for s in plan.order]
    parts = [say(QT_TRANSLATE_NOOP("Import", "Stages in the order the data shows (first entries): %1."),
                 joined(names, " → "))]
    if plan.created:
        parts.append(say(QT_TRANSLATE_NOOP("Import", "New: %1."), ", ".join(plan.created)))
    if plan.lost:
        lost = ", ".join(f"'{col.stage_names[c]}'" for c in sorted(plan.lost))
        parts.append(say(QT_TRANSLATE_NOOP("Import", "%1: read as the outcome lost, at the last stage reached (not a "
                                                     "stage)."), lost))
    return joined(parts)
