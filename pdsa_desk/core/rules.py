"""The workspace's business rules, in one place (Qt-free).

Four writers fill the same tables: the services (one edit at a time, through the ORM), the
importer and the merge (many rows at once, with Core SQL) and the demo (rows built in memory).
Each rule below has its *writing* side here, a function every writer calls to produce values
that keep the rule, and its *checking* side, a query in :data:`CHECKS` that finds the rows
breaking it; :func:`violations` runs them all (``pdsa-desk check`` and the Data view report them).

The rules:

* **Allowed values** (:data:`CHOICES`): stage kinds, outcomes, origins, tactic and cycle statuses,
  decisions and observation kinds hold one of their enumeration's values.
* **Unique names**: the live stages, reps, teams, tactics and loss reasons of a workspace have
  distinct names, ignoring case (:data:`NAMED_TABLES`, :func:`same_name`, :func:`duplicate_names`).
* **Stage order**: the live stages sit at positions 0..n-1 (:func:`renumbered`).
* **Standard revisions**: a stage gets its first standard revision, a copy of its name, standard
  and checklist, when it is created, and another one whenever that definition changes; so every
  live stage has a live revision (:func:`standard_revision`).
* **Closing**: an open opportunity has no close date and no loss reason; a won or lost one has a
  close date, not before it was created; a lost one has a loss reason, a won one none
  (:func:`close`, :func:`reopened`).
* **The won stage**: entering the stage marked *won* closes the opportunity as won at that moment
  (:func:`entering`), and a closed opportunity does not move until it is reopened
  (:func:`ensure_open`). So an open opportunity's latest stage move does not enter the won stage.
  (The services let a program reopen an opportunity that entered the won stage; the app never
  does: it undoes the move instead. Check reports such an opportunity until it moves on.)
  A won opportunity need *not* be in the won stage: it may be marked won without a move (a
  workspace without a won stage, an imported outcome).
* **References**: stage moves point to live opportunities and stages, cycles start from a live
  stage, reps belong to a live team or none; a stage move is not dated before its opportunity
  was created; a predicted conversion rate lies in 0..1.
* **Marketing records**: a forecast names exactly what its scope says (a team, a rep, a channel or
  nothing) and a stage only for stage entries; its value is not negative and its period does not end
  before it starts; an initiative does not end before it starts.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, func, null, select, text
from sqlalchemy.sql.elements import ColumnElement

from pdsa_desk.core import models
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, Arg, Message
from pdsa_desk.core.models import Outcome, TerminalKind

__all__ = [
    "CHECKS",
    "CHOICES",
    "NAMED_TABLES",
    "NOUNS",
    "RULE_NAMES",
    "Check",
    "Violation",
    "close",
    "duplicate_names",
    "ensure_open",
    "entering",
    "first_revision_id",
    "name_key",
    "noun",
    "renumbered",
    "reopened",
    "same_name",
    "stages_without_revision",
    "standard_revision",
    "violations",
]

# --- how rows are called in messages -------------------------------------------------------

# The translation context of the rules' texts: the check's findings, the refusals, the rows' names. Each is a
# :class:`~pdsa_desk.core.messages.Message` (English as ``str``), translated where the UI shows it.
CONTEXT = "Rules"


def _m(template: str, *args: Arg) -> Message:
    return Message(CONTEXT, template, *args)


# Table -> (one, many): the words messages use for a table's rows.
NOUNS: dict[str, tuple[str, str]] = {
    "workspace_settings": (QT_TRANSLATE_NOOP("Rules", "settings row"), QT_TRANSLATE_NOOP("Rules", "settings rows")),
    "team": (QT_TRANSLATE_NOOP("Rules", "team"), QT_TRANSLATE_NOOP("Rules", "teams")),
    "rep": (QT_TRANSLATE_NOOP("Rules", "rep"), QT_TRANSLATE_NOOP("Rules", "reps")),
    "stage": (QT_TRANSLATE_NOOP("Rules", "stage"), QT_TRANSLATE_NOOP("Rules", "stages")),
    "standard_revision": (QT_TRANSLATE_NOOP("Rules", "standard revision"),
                          QT_TRANSLATE_NOOP("Rules", "standard revisions")),
    "loss_reason": (QT_TRANSLATE_NOOP("Rules", "loss reason"), QT_TRANSLATE_NOOP("Rules", "loss reasons")),
    "opportunity": (QT_TRANSLATE_NOOP("Rules", "opportunity"), QT_TRANSLATE_NOOP("Rules", "opportunities")),
    "stage_event": (QT_TRANSLATE_NOOP("Rules", "stage move"), QT_TRANSLATE_NOOP("Rules", "stage moves")),
    "tactic": (QT_TRANSLATE_NOOP("Rules", "tactic"), QT_TRANSLATE_NOOP("Rules", "tactics")),
    "cycle": (QT_TRANSLATE_NOOP("Rules", "PDSA cycle"), QT_TRANSLATE_NOOP("Rules", "PDSA cycles")),
    "cycle_participant": (QT_TRANSLATE_NOOP("Rules", "cycle participant"),
                          QT_TRANSLATE_NOOP("Rules", "cycle participants")),
    "cycle_observation": (QT_TRANSLATE_NOOP("Rules", "observation"), QT_TRANSLATE_NOOP("Rules", "observations")),
    "session_held": (QT_TRANSLATE_NOOP("Rules", "session"), QT_TRANSLATE_NOOP("Rules", "sessions")),
    "chart_phase": (QT_TRANSLATE_NOOP("Rules", "chart phase"), QT_TRANSLATE_NOOP("Rules", "chart phases")),
    "marketing_initiative": (QT_TRANSLATE_NOOP("Rules", "marketing initiative"),
                             QT_TRANSLATE_NOOP("Rules", "marketing initiatives")),
    "forecast": (QT_TRANSLATE_NOOP("Rules", "forecast"), QT_TRANSLATE_NOOP("Rules", "forecasts")),
}


def noun(table: str, count: int = 1) -> str:
    """What a row of ``table`` is called (plural unless ``count`` is 1), a text the UI translates (an unknown
    table is called by its name, untranslated)."""
    if table not in NOUNS:
        return table
    one, many = NOUNS[table]
    return _m(one if count == 1 else many)


# --- allowed values ------------------------------------------------------------------------

# (table, column) -> the values the column may hold.
CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("stage", "terminal"): tuple(models.TerminalKind),
    ("opportunity", "outcome"): tuple(models.Outcome),
    ("stage_event", "origin"): tuple(models.EventOrigin),
    ("tactic", "status"): tuple(models.TacticStatus),
    ("cycle", "status"): tuple(models.CycleStatus),
    ("cycle", "decision"): tuple(models.Decision),
    ("cycle_observation", "kind"): tuple(models.ObservationKind),
    ("chart_phase", "kind"): tuple(models.PhaseKind),
    ("forecast", "metric"): tuple(models.ForecastMetric),
    ("forecast", "scope_kind"): tuple(models.ForecastScope),
    ("forecast", "role"): tuple(models.ForecastRole),
}

# --- unique names --------------------------------------------------------------------------

# Tables whose live rows have unique names, ignoring case.
NAMED_TABLES: tuple[str, ...] = ("stage", "rep", "team", "tactic", "loss_reason")


def name_key(name: str) -> str:
    """Names are compared ignoring case."""
    return name.lower()


def same_name(column: Any, name: str) -> ColumnElement[bool]:
    """SQL: ``column`` holds ``name``, ignoring case."""
    return func.lower(column) == name_key(name)


def duplicate_names(conn: Connection, table: str) -> list[str]:
    """The names (lower case) that more than one live row of ``table`` has."""
    t = models.metadata.tables[table]
    return [r[0] for r in conn.execute(
        select(func.lower(t.c.name)).where(t.c.deleted_at.is_(None))
        .group_by(func.lower(t.c.name)).having(func.count() > 1).order_by(func.lower(t.c.name)))]


# --- stage order ---------------------------------------------------------------------------


def renumbered(order: Sequence[str], positions: Mapping[str, int]) -> dict[str, int]:
    """The new position of each stage of ``order`` (every live stage, in its new order) that must move
    so that the stages sit at 0..n-1; ``positions`` holds their current positions."""
    return {stage_id: i for i, stage_id in enumerate(order) if positions.get(stage_id) != i}


# --- standard revisions --------------------------------------------------------------------

_REVISION_NAMESPACE = uuid.UUID("0d8c6a0e-3b57-4f0f-9a4e-2f6b1c7d5e21")


def standard_revision(
    stage_id: str,
    name: str,
    standard: str,
    checklist: Iterable[str],
    *,
    at: datetime,
    author: str | None,
    revision_id: str | None = None,
) -> dict[str, Any]:
    """The row of a standard revision recording a stage's definition as it is, effective ``at``."""
    return {
        "id": revision_id or models.new_id(),
        "created_at": at,
        "updated_at": at,
        "stage_id": stage_id,
        "name": name,
        "standard": standard or "",
        "checklist": list(checklist or ()),
        "effective_from": at,
        "author": author,
    }


def first_revision_id(stage_id: str) -> str:
    """The id of a first revision recorded for a stage that arrived without one: the same on every
    laptop, so that two workspaces that both record it end up with one row, not two."""
    return str(uuid.uuid5(_REVISION_NAMESPACE, f"first-revision:{stage_id}"))


def stages_without_revision(conn: Connection, stage_ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """The live stages (all, or those of ``stage_ids``) that have no live standard revision."""
    st = models.metadata.tables["stage"]
    rev = models.metadata.tables["standard_revision"]
    has_revision = select(rev.c.id).where(rev.c.stage_id == st.c.id, rev.c.deleted_at.is_(None)).exists()
    query = select(st).where(st.c.deleted_at.is_(None), ~has_revision).order_by(st.c.position)
    if stage_ids is None:
        return [dict(r) for r in conn.execute(query).mappings()]
    wanted = list(dict.fromkeys(stage_ids))
    found: list[dict[str, Any]] = []
    for i in range(0, len(wanted), 500):
        found += [dict(r) for r in conn.execute(query.where(st.c.id.in_(wanted[i: i + 500]))).mappings()]
    return found


# --- closing and the won stage -------------------------------------------------------------


def close(outcome: str, at: datetime, opened_at: datetime, loss_reason_id: str | None = None) -> dict[str, Any]:
    """The values that close an opportunity as won or lost ``at``; refuses a loss without a reason
    and a close before the opportunity was created."""
    if outcome == Outcome.LOST and not loss_reason_id:
        raise ValidationError(_m(QT_TRANSLATE_NOOP("Rules", "Choose a loss reason.")), "loss_reason_id")
    if outcome not in (Outcome.WON, Outcome.LOST):
        raise ValueError(f"an opportunity is closed as won or lost, not {outcome!r}")
    if at < opened_at:
        if outcome == Outcome.WON:
            raise ValidationError(_m(QT_TRANSLATE_NOOP("Rules", "An opportunity cannot be won before it was created.")),
                                  "closed_at")
        raise ValidationError(_m(QT_TRANSLATE_NOOP("Rules", "An opportunity cannot be lost before it was created.")),
                              "closed_at")
    return {"outcome": str(outcome), "closed_at": at,
            "loss_reason_id": loss_reason_id if outcome == Outcome.LOST else None}


def reopened() -> dict[str, Any]:
    """The values of an open opportunity: no close date, no loss reason."""
    return {"outcome": str(Outcome.OPEN), "closed_at": None, "loss_reason_id": None}


def entering(terminal: str, entered_at: datetime, opened_at: datetime) -> dict[str, Any] | None:
    """What entering a stage of kind ``terminal`` does to the opportunity: the won stage closes it
    as won at that moment; any other stage changes nothing (None)."""
    return close(Outcome.WON, entered_at, opened_at) if terminal == TerminalKind.WON else None


# What a closed opportunity is refused (``ensure_open``'s ``doing``).
DOINGS = (QT_TRANSLATE_NOOP("Rules", "moving it"), QT_TRANSLATE_NOOP("Rules", "redoing the move"))


def ensure_open(name: str, outcome: str, doing: str = "moving it") -> None:
    """A closed opportunity does not move until it is reopened (``doing``: one of :data:`DOINGS`)."""
    if outcome == Outcome.WON:
        raise ValidationError(_m(QT_TRANSLATE_NOOP("Rules", "'%1' is already won; reopen it before %2."), name,
                                 _m(doing)))
    if outcome == Outcome.LOST:
        raise ValidationError(_m(QT_TRANSLATE_NOOP("Rules", "'%1' is already lost; reopen it before %2."), name,
                                 _m(doing)))
    if outcome != Outcome.OPEN:  # a value no writer stores (check reports it)
        raise ValidationError(_m(QT_TRANSLATE_NOOP("Rules", "'%1' is already %2; reopen it before %3."), name,
                                 outcome, _m(doing)))


# --- checking a workspace ------------------------------------------------------------------


@dataclass(frozen=True)
class Violation:
    """Rows of ``table`` that break one rule: ``rows`` holds (id, label or None) of the first few."""

    rule: str
    table: str
    count: int
    problem: str
    rows: tuple[tuple[str, str | None], ...]

    def describe(self) -> str:
        """In plain words, e.g. ``2 opportunities lost without a loss reason: 'Acme' (1f0e…), …``."""
        shown = ", ".join(f"'{label}' ({row_id[:8]})" if label else str(row_id) for row_id, label in self.rows)
        what = noun(self.table, self.count)
        if not shown:
            return _m(QT_TRANSLATE_NOOP("Rules", "%1 %2 %3"), self.count, what, self.problem)
        if self.count > len(self.rows):
            return _m(QT_TRANSLATE_NOOP("Rules", "%1 %2 %3: %4 and %5 more"), self.count, what, self.problem, shown,
                      self.count - len(self.rows))
        return _m(QT_TRANSLATE_NOOP("Rules", "%1 %2 %3: %4"), self.count, what, self.problem, shown)


@dataclass(frozen=True)
class Check:
    """One rule's checking side: ``query`` selects (id, label) of the rows of ``table`` breaking it
    (plain SQL or a Core select, for SQLite and PostgreSQL alike); ``problem`` says what is wrong."""

    rule: str
    table: str
    problem: str
    query: str | Select[Any]

    def rows(self, conn: Connection) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in conn.execute(text(self.query) if isinstance(self.query, str) else self.query)]


def _choice_checks() -> list[Check]:
    checks = []
    for (table, column), allowed in CHOICES.items():
        t = models.metadata.tables[table]
        label = t.c.title if table == "cycle" else t.c.name if "name" in t.c else null()
        checks.append(Check(f"{table}-{column}-value", table,
                            _m(QT_TRANSLATE_NOOP("Rules", "with an unknown %1 (allowed: %2)"), column,
                               ", ".join(allowed)),
                            select(t.c.id, label).where(t.c[column].not_in(allowed))))
    return checks


def _name_checks() -> list[Check]:
    checks = []
    for table in NAMED_TABLES:
        a = models.metadata.tables[table].alias("a")
        b = models.metadata.tables[table].alias("b")
        same = select(b.c.id).where(b.c.deleted_at.is_(None), b.c.id != a.c.id,
                                    func.lower(b.c.name) == func.lower(a.c.name)).exists()
        checks.append(Check(f"{table}-unique-name", table,
                            _m(QT_TRANSLATE_NOOP("Rules", "sharing a name with another live %1 (names are compared "
                                                 "ignoring case)"), noun(table)),
                            select(a.c.id, a.c.name).where(a.c.deleted_at.is_(None), same)))
    return checks


# Every rule's checking side (the stage order is checked by :func:`_stage_order`).
CHECKS: tuple[Check, ...] = (
    *_choice_checks(),
    *_name_checks(),
    Check("stage-revision", "stage",
          _m(QT_TRANSLATE_NOOP("Rules", "without a standard revision (a stage gets its first revision when it is "
                               "created)")),
          "SELECT s.id, s.name FROM stage s WHERE s.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM "
          "standard_revision r WHERE r.stage_id = s.id AND r.deleted_at IS NULL)"),
    Check("closed-without-date", "opportunity", _m(QT_TRANSLATE_NOOP("Rules", "won or lost without a close date")),
          "SELECT o.id, o.name FROM opportunity o WHERE o.deleted_at IS NULL AND o.outcome IN ('won', 'lost') "
          "AND o.closed_at IS NULL"),
    Check("open-with-date", "opportunity", _m(QT_TRANSLATE_NOOP("Rules", "open but with a close date")),
          "SELECT o.id, o.name FROM opportunity o WHERE o.deleted_at IS NULL AND o.outcome = 'open' "
          "AND o.closed_at IS NOT NULL"),
    Check("closed-before-created", "opportunity", _m(QT_TRANSLATE_NOOP("Rules", "with a close date before the "
                                                                       "opportunity was created")),
          "SELECT o.id, o.name FROM opportunity o WHERE o.deleted_at IS NULL AND o.outcome IN ('won', 'lost') "
          "AND o.closed_at < o.opened_at"),
    Check("lost-without-reason", "opportunity", _m(QT_TRANSLATE_NOOP("Rules", "lost without a loss reason")),
          "SELECT o.id, o.name FROM opportunity o WHERE o.deleted_at IS NULL AND o.outcome = 'lost' "
          "AND o.loss_reason_id IS NULL"),
    Check("reason-not-lost", "opportunity", _m(QT_TRANSLATE_NOOP("Rules", "with a loss reason but not lost")),
          "SELECT o.id, o.name FROM opportunity o WHERE o.deleted_at IS NULL AND o.outcome <> 'lost' "
          "AND o.loss_reason_id IS NOT NULL"),
    Check("open-in-won-stage", "opportunity",
          _m(QT_TRANSLATE_NOOP("Rules", "open although the latest stage move entered the won stage (entering it "
                               "closes an opportunity as won: mark them won, or undo that move)")),
          "SELECT o.id, o.name FROM opportunity o WHERE o.deleted_at IS NULL AND o.outcome = 'open' "
          "AND EXISTS (SELECT 1 FROM stage_event e "
          "JOIN stage s ON s.id = e.stage_id WHERE e.opportunity_id = o.id AND e.deleted_at IS NULL "
          "AND s.terminal = 'won' AND NOT EXISTS (SELECT 1 FROM stage_event l WHERE l.opportunity_id = o.id "
          "AND l.deleted_at IS NULL AND l.entered_at > e.entered_at))"),
    Check("event-opportunity", "stage_event", _m(QT_TRANSLATE_NOOP("Rules", "pointing to an opportunity that does "
                                                                   "not exist or is deleted")),
          "SELECT e.id, NULL FROM stage_event e LEFT JOIN opportunity o ON o.id = e.opportunity_id "
          "WHERE e.deleted_at IS NULL AND (o.id IS NULL OR o.deleted_at IS NOT NULL)"),
    Check("event-stage", "stage_event", _m(QT_TRANSLATE_NOOP("Rules", "pointing to a stage that does not exist or is "
                                                             "deleted")),
          "SELECT e.id, NULL FROM stage_event e LEFT JOIN stage s ON s.id = e.stage_id "
          "WHERE e.deleted_at IS NULL AND (s.id IS NULL OR s.deleted_at IS NOT NULL)"),
    Check("event-before-opened", "stage_event", _m(QT_TRANSLATE_NOOP("Rules", "dated before the opportunity was "
                                                                     "created")),
          "SELECT e.id, o.name FROM stage_event e JOIN opportunity o ON o.id = e.opportunity_id "
          "WHERE e.deleted_at IS NULL AND e.entered_at < o.opened_at"),
    Check("cycle-stage", "cycle", _m(QT_TRANSLATE_NOOP("Rules", "starting from a stage that does not exist or is "
                                                       "deleted")),
          "SELECT c.id, c.title FROM cycle c LEFT JOIN stage s ON s.id = c.from_stage_id "
          "WHERE c.deleted_at IS NULL AND (s.id IS NULL OR s.deleted_at IS NOT NULL)"),
    Check("cycle-prediction", "cycle", _m(QT_TRANSLATE_NOOP("Rules", "predicting a conversion rate outside 0..1")),
          "SELECT id, title FROM cycle WHERE prediction_rate IS NOT NULL AND (prediction_rate < 0 OR "
          "prediction_rate > 1)"),
    Check("forecast-scope", "forecast",
          _m(QT_TRANSLATE_NOOP("Rules", "whose scope does not match what it names (a team for 'team', a rep for "
                               "'rep', a channel for 'channel', nothing for 'all'; a stage for stage entries only)")),
          "SELECT id, forecaster FROM forecast WHERE deleted_at IS NULL "
          "AND scope_kind IN ('all', 'team', 'rep', 'channel') "  # unknown values: reported by their own rule
          "AND metric IN ('leads', 'stage_entries', 'won_deals', 'won_revenue') AND NOT ("
          "((scope_kind = 'team') = (team_id IS NOT NULL)) AND ((scope_kind = 'rep') = (rep_id IS NOT NULL)) "
          "AND ((scope_kind = 'channel') = (channel IS NOT NULL)) "
          "AND ((metric = 'stage_entries') = (stage_id IS NOT NULL)))"),
    Check("forecast-value", "forecast", _m(QT_TRANSLATE_NOOP("Rules", "forecasting a negative number, or a period "
                                                             "ending before it starts")),
          "SELECT id, forecaster FROM forecast WHERE deleted_at IS NULL AND (value < 0 OR period_end < "
          "period_start)"),
    Check("initiative-dates", "marketing_initiative", _m(QT_TRANSLATE_NOOP("Rules", "ending before they start")),
          "SELECT id, name FROM marketing_initiative WHERE deleted_at IS NULL AND ends_on IS NOT NULL "
          "AND ends_on < starts_on"),
    Check("rep-team", "rep", _m(QT_TRANSLATE_NOOP("Rules", "in a team that does not exist or is deleted")),
          "SELECT r.id, r.name FROM rep r LEFT JOIN team t ON t.id = r.team_id WHERE r.deleted_at IS NULL "
          "AND r.team_id IS NOT NULL AND (t.id IS NULL OR t.deleted_at IS NOT NULL)"),
)

_SHOWN = 3


def _stage_order(conn: Connection) -> Violation | None:
    rows = conn.execute(text("SELECT id, name, position FROM stage WHERE deleted_at IS NULL "
                             "ORDER BY position, name")).fetchall()
    positions = [r[2] for r in rows]
    if positions == list(range(len(rows))):
        return None
    order = ", ".join(f"'{r[1]}' at {r[2]}" for r in rows[:12]) + (" …" if len(rows) > 12 else "")
    return Violation("stage-order", "stage", len(rows),
                     _m(QT_TRANSLATE_NOOP("Rules", "not at positions 0..%1 in order (%2); reorder them on the "
                                          "Standards page"), len(rows) - 1, order), ())


def violations(conn: Connection) -> list[Violation]:
    """Every rule broken in the workspace behind ``conn``."""
    found: list[Violation] = []
    for check in CHECKS:
        rows = check.rows(conn)
        if rows:
            shown = tuple((str(r[0]), None if r[1] is None else str(r[1])) for r in rows[:_SHOWN])
            found.append(Violation(check.rule, check.table, len(rows), check.problem, shown))
    order = _stage_order(conn)
    if order is not None:
        found.append(order)
    return found


# The name of every rule :func:`violations` checks.
RULE_NAMES: tuple[str, ...] = (*(c.rule for c in CHECKS), "stage-order")
