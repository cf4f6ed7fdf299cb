"""The workspace data model (SQLModel tables, Qt-free).

Every row carries a text UUID primary key, timezone-aware UTC ``created_at`` /
``updated_at`` stamps and a ``deleted_at`` tombstone instead of a hard delete,
so that workspaces from different laptops can be merged row by row later.

Enumerations are stored as short strings (portable across SQLite and
PostgreSQL, no ``CREATE TYPE``); the allowed values live in the ``StrEnum``
classes below and are checked by the services.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import JSON, Boolean, Column, Index, MetaData, String, Table, Text, UniqueConstraint, false, text, true
from sqlmodel import Field, SQLModel
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

from pdsa_desk.core.statuses import CycleStatus as CycleStatus  # defined without SQLModel (the first agenda)

# Must be set before the first table is defined so that Alembic's batch mode on
# SQLite can find (and recreate) every constraint by name.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


def utcnow() -> datetime:
    """The current time, timezone-aware UTC (naive datetimes are refused on write)."""
    return datetime.now(UTC)


def new_id() -> str:
    return str(uuid.uuid4())


class Outcome(StrEnum):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


class TerminalKind(StrEnum):
    NONE = "none"
    WON = "won"


class EventOrigin(StrEnum):
    BOARD = "board"
    IMPORT = "import"
    MERGE = "merge"
    DEMO = "demo"


class TacticStatus(StrEnum):
    IDEA = "idea"
    TESTING = "testing"
    STANDARD_WORK = "standard work"
    RETIRED = "retired"


class Decision(StrEnum):
    ADOPT = "adopt"
    ADAPT = "adapt"
    ABANDON = "abandon"


class ForecastMetric(StrEnum):
    """What a forecast predicts for its period (schema 0004)."""

    LEADS = "leads"  # opportunities opened in the period (by channel: marketing's forecast)
    STAGE_ENTRIES = "stage_entries"  # opportunities entering ``stage_id`` in the period
    WON_DEALS = "won_deals"
    WON_REVENUE = "won_revenue"


class ForecastScope(StrEnum):
    """Whose numbers a forecast is about: the whole workspace, a team, a rep or a channel."""

    ALL = "all"
    TEAM = "team"
    REP = "rep"
    CHANNEL = "channel"


class ForecastRole(StrEnum):
    """The forecaster's side of the table."""

    SALES = "sales"
    MARKETING = "marketing"
    MANAGER = "manager"


class PhaseKind(StrEnum):
    """What a team declared on a transition's conversion chart (see :class:`ChartPhase`)."""

    PHASE = "phase"
    BASELINE = "baseline"


class ObservationKind(StrEnum):
    OBSERVATION = "observation"
    DEVIATION = "deviation"
    PROBLEM = "problem"


class Row(SQLModel):
    """Columns every table shares (UUID key, UTC stamps, tombstone)."""

    # Set by SQLAlchemy on each ``table=True`` subclass; declared so that typed code can use it.
    __table__: ClassVar[Table]

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    deleted_at: datetime | None = Field(default=None)


class WorkspaceSettings(Row, table=True):
    __tablename__ = "workspace_settings"

    name: str = Field(max_length=200)
    week_start_day: int = Field(default=0, description="0 = Monday … 6 = Sunday")
    max_active_cycles_per_rep: int = Field(default=2)
    default_window_days: int = Field(default=30)
    # schema 0004
    #: ISO 4217 code of the amounts (``EUR``, ``USD`` …); "" = not chosen yet (amounts shown without a currency).
    currency: str = Field(default="", sa_column=Column(String(3), nullable=False, server_default=""))
    #: IANA time zone of the team (``Europe/Berlin``): weeks, months and quarters begin at its midnight.
    time_zone: str = Field(default="UTC", sa_column=Column(String(64), nullable=False, server_default="UTC"))
    #: How many cycles that need marketing support may run at once (None = no cap).
    max_marketing_cycles: int | None = Field(default=None)


class Team(Row, table=True):
    __tablename__ = "team"

    name: str = Field(max_length=200)
    #: A deactivated team keeps its history; it is only no longer offered for new work (schema 0004).
    active: bool = Field(default=True, sa_column=Column(Boolean, nullable=False, server_default=true()))


class Rep(Row, table=True):
    __tablename__ = "rep"

    name: str = Field(max_length=200)
    email: str | None = Field(default=None, max_length=320)
    active: bool = Field(default=True)
    team_id: str | None = Field(default=None, foreign_key="team.id", index=True, max_length=36)


class Stage(Row, table=True):
    __tablename__ = "stage"

    position: int = Field(index=True)
    name: str = Field(max_length=200)
    standard: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    checklist: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    wip_limit: int | None = Field(default=None)
    window_days: int = Field(default=30)
    terminal: str = Field(default=TerminalKind.NONE, sa_type=String(16))


class StandardRevision(Row, table=True):
    """A recorded change of a stage's definition: it changes what the numbers mean."""

    __tablename__ = "standard_revision"

    stage_id: str = Field(foreign_key="stage.id", index=True, max_length=36)
    name: str = Field(max_length=200)
    standard: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    checklist: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    effective_from: datetime = Field(default_factory=utcnow)
    author: str | None = Field(default=None, max_length=200)


class LossReason(Row, table=True):
    __tablename__ = "loss_reason"

    name: str = Field(max_length=200)
    position: int = Field(default=0)


class Opportunity(Row, table=True):
    __tablename__ = "opportunity"
    __table_args__ = (
        UniqueConstraint("source", "external_id", name="uq_opportunity_source_external_id"),
        # schema 0005: the live opportunities by outcome, with their ids. A board move counts the open ones in
        # its target stage (services.opportunities.open_in_stage: its WIP limit) from this index alone, without
        # reading each open opportunity's row: at 200,000 opportunities 38-45 ms -> 15 ms.
        Index("ix_opportunity_live_outcome", "outcome", "id", sqlite_where=text("deleted_at IS NULL"),
              postgresql_where=text("deleted_at IS NULL")),
    )

    external_id: str | None = Field(default=None, max_length=200)
    source: str | None = Field(default=None, max_length=200, description="Where the record came from, e.g. a CRM name")
    channel: str | None = Field(default=None, max_length=200, description="Sales channel: inbound, outbound, partner…")
    name: str = Field(max_length=300)
    rep_id: str | None = Field(default=None, foreign_key="rep.id", index=True, max_length=36)
    amount: float | None = Field(default=None)
    opened_at: datetime = Field(default_factory=utcnow, description="When the opportunity was created in the CRM")
    outcome: str = Field(default=Outcome.OPEN, sa_type=String(8), index=True)
    loss_reason_id: str | None = Field(default=None, foreign_key="loss_reason.id", max_length=36)
    closed_at: datetime | None = Field(default=None)


class StageEvent(Row, table=True):
    """An opportunity entered a stage. An opportunity's history is its events."""

    __tablename__ = "stage_event"
    __table_args__ = (Index("ix_stage_event_opportunity_entered", "opportunity_id", "entered_at"),)

    opportunity_id: str = Field(foreign_key="opportunity.id", max_length=36)
    stage_id: str = Field(foreign_key="stage.id", index=True, max_length=36)
    entered_at: datetime = Field(default_factory=utcnow)
    evidence_confirmed: bool = Field(default=False)
    evidence_items: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    origin: str = Field(default=EventOrigin.BOARD, sa_type=String(8))
    #: The move was made into a stage at or over its WIP limit, and the user confirmed it (schema 0004).
    wip_override: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default=false()))


class Tactic(Row, table=True):
    """A standard-work candidate aimed at moving customers out of a stage."""

    __tablename__ = "tactic"

    name: str = Field(max_length=200)
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    stage_id: str | None = Field(default=None, foreign_key="stage.id", index=True, max_length=36)
    status: str = Field(default=TacticStatus.IDEA, sa_type=String(16))
    owner_rep_id: str | None = Field(default=None, foreign_key="rep.id", max_length=36)
    adopted_at: datetime | None = Field(default=None)
    # schema 0004
    #: Archived: kept with its history, hidden from the lists of current work.
    archived_at: datetime | None = Field(default=None)
    #: The tactic needs marketing's time (content, campaigns …): counts against the marketing cap.
    needs_marketing: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default=false()))
    #: What is asked of marketing, in the team's words ("two days of design, one mailing").
    marketing_effort: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))


class Cycle(Row, table=True):
    """One Plan-Do-Study-Act cycle testing a tactic on one stage transition."""

    __tablename__ = "cycle"

    title: str = Field(max_length=300)
    tactic_id: str | None = Field(default=None, foreign_key="tactic.id", index=True, max_length=36)
    owner_rep_id: str | None = Field(default=None, foreign_key="rep.id", max_length=36)
    whole_team: bool = Field(default=False, description="All reps of the owner's team take part")
    team_id: str | None = Field(default=None, foreign_key="team.id", max_length=36)
    from_stage_id: str = Field(foreign_key="stage.id", max_length=36,
                               description="The next stage in order is the target")
    status: str = Field(default=CycleStatus.PLAN, sa_type=String(8), index=True)
    planned_start: date | None = Field(default=None)
    planned_end: date | None = Field(default=None)
    parent_id: str | None = Field(default=None, foreign_key="cycle.id", max_length=36)
    # Plan
    objective: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    questions: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    prediction_rate: float | None = Field(default=None, description="Predicted conversion rate, 0..1")
    prediction_text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    change_idea: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    who_what_where_when: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    data_plan: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    min_sample_size: int = Field(default=30)
    baseline_start: date | None = Field(default=None, description="Own baseline window; default: the weeks before")
    baseline_end: date | None = Field(default=None)
    # Study
    study_interpretation: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # Act
    decision: str | None = Field(default=None, sa_type=String(8))
    rationale: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    decided_at: datetime | None = Field(default=None)
    # When each step was actually taken (schema 0003; None for cycles moved on before it, or not yet)
    started_at: datetime | None = Field(default=None, description="Plan -> Do: the actual start")
    studied_at: datetime | None = Field(default=None, description="Do -> Study")
    acted_at: datetime | None = Field(default=None, description="Study -> Act")
    #: Why the team moved to Study before any outcome was known (confirmed), "" otherwise.
    early_study_reason: str = Field(default="", sa_column=Column(Text, nullable=False, default="", server_default=""))
    #: Why the team decided while the study said "too early" (confirmed), "" otherwise.
    early_decision_reason: str = Field(default="", sa_column=Column(Text, nullable=False, default="",
                                                                   server_default=""))
    # schema 0004
    #: Archived: kept with its record, hidden from the lists of current work.
    archived_at: datetime | None = Field(default=None)
    #: Which cap the team knowingly went over when the cycle started (per-rep active cycles, marketing), "" if none.
    cap_override: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))


class CycleParticipant(Row, table=True):
    __tablename__ = "cycle_participant"
    __table_args__ = (UniqueConstraint("cycle_id", "rep_id", name="uq_cycle_participant_cycle_id_rep_id"),)

    cycle_id: str = Field(foreign_key="cycle.id", index=True, max_length=36)
    rep_id: str = Field(foreign_key="rep.id", index=True, max_length=36)


class CycleObservation(Row, table=True):
    """What the team saw while doing the cycle."""

    __tablename__ = "cycle_observation"

    cycle_id: str = Field(foreign_key="cycle.id", index=True, max_length=36)
    observed_at: datetime = Field(default_factory=utcnow)
    author: str | None = Field(default=None, max_length=200)
    text: str = Field(sa_column=Column(Text, nullable=False))
    kind: str = Field(default=ObservationKind.OBSERVATION, sa_type=String(16))


class ChartPhase(Row, table=True):
    """A change the team declared on a transition's conversion chart, with who, when and why.

    ``kind`` ``phase``: from the period containing ``starts_at`` the chart has a new phase (its own
    centre line and limits), e.g. after a tactic became standard work. ``kind`` ``baseline``: the
    centre line and limits are frozen on each phase's points up to the period containing ``starts_at``.
    Workspace data, like every row: shared on a server, carried by bundles, deleted by tombstone.
    """

    __tablename__ = "chart_phase"

    stage_id: str = Field(foreign_key="stage.id", index=True, max_length=36,
                          description="The transition's from-stage")
    kind: str = Field(default=PhaseKind.PHASE, sa_type=String(16))
    starts_at: datetime
    reason: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    author: str | None = Field(default=None, max_length=200)


class MarketingInitiative(Row, table=True):
    """A dated marketing push (campaign, event, content) that sales should know about (schema 0004).

    It can confound an experiment: a Study warns when one aimed at the same channel or stage overlaps the
    cycle's or its baseline's window. ``channel`` None = every channel; ``stage_id`` None = the whole funnel.
    """

    __tablename__ = "marketing_initiative"

    name: str = Field(max_length=200)
    channel: str | None = Field(default=None, max_length=200)
    stage_id: str | None = Field(default=None, foreign_key="stage.id", index=True, max_length=36,
                                 description="The stage it aims to move customers into; None = whole funnel")
    starts_on: date
    ends_on: date | None = Field(default=None, description="Last day; None = still running")
    owner: str | None = Field(default=None, max_length=200)
    talking_points: str = Field(default="", sa_column=Column(Text, nullable=False, default="", server_default=""))
    link: str = Field(default="", sa_column=Column(Text, nullable=False, default="", server_default=""))


class Forecast(Row, table=True):
    """A number someone predicted for a period, held against what happened (schema 0004).

    ``scope_kind`` all / team / rep / channel names which of ``team_id``, ``rep_id`` or ``channel`` is set
    (foreign keys, so that a merge maps them like every other reference). ``stage_id`` is the stage whose
    entries are forecast (metric ``stage_entries`` only). ``period_start``..``period_end`` are the period's
    first and last day (inclusive) in the workspace's time zone. ``made_at`` is when the forecast was made.
    """

    __tablename__ = "forecast"

    forecaster: str = Field(max_length=200)
    role: str = Field(default=ForecastRole.SALES, sa_type=String(16))
    period_start: date = Field(index=True)
    period_end: date
    metric: str = Field(sa_type=String(16))
    scope_kind: str = Field(default=ForecastScope.ALL, sa_type=String(8))
    team_id: str | None = Field(default=None, foreign_key="team.id", max_length=36)
    rep_id: str | None = Field(default=None, foreign_key="rep.id", max_length=36)
    channel: str | None = Field(default=None, max_length=200)
    stage_id: str | None = Field(default=None, foreign_key="stage.id", max_length=36)
    value: float
    made_at: datetime = Field(default_factory=utcnow)
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, default="", server_default=""))


class SessionHeld(Row, table=True):
    """A weekly improvement session was held ("new since last session" counts from it)."""

    __tablename__ = "session_held"

    held_at: datetime = Field(default_factory=utcnow, index=True)
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


ALL_TABLES: tuple[type[Row], ...] = (
    WorkspaceSettings,
    Team,
    Rep,
    Stage,
    StandardRevision,
    LossReason,
    Opportunity,
    StageEvent,
    Tactic,
    Cycle,
    CycleParticipant,
    CycleObservation,
    ChartPhase,
    SessionHeld,
    MarketingInitiative,
    Forecast,
)


# --- local merge bookkeeping (migration 0002) ----------------------------------------------
# Never exchanged: what this workspace remembers about the bundles it merged (see
# :mod:`pdsa_desk.core.exchange`). Plain SQLAlchemy Core tables on the same metadata, so that
# Alembic's autogenerate comparison sees them like every other table.


def _stamp_columns() -> list[Column[Any]]:
    return [
        Column("id", AutoString(length=36), primary_key=True, default=new_id),
        Column("created_at", UTCDateTime(), nullable=False, default=utcnow),
        Column("updated_at", UTCDateTime(), nullable=False, default=utcnow),
        Column("deleted_at", UTCDateTime(), nullable=True),
    ]


#: A remote definition row mapped to a local row of the same table, remembered per origin.
merge_identity_map = Table(
    "merge_identity_map",
    metadata,
    *_stamp_columns(),
    Column("origin_workspace_id", AutoString(length=36), nullable=False),
    Column("table_name", AutoString(length=64), nullable=False),
    Column("remote_id", AutoString(length=36), nullable=False),
    Column("local_id", AutoString(length=36), nullable=False),
    UniqueConstraint("origin_workspace_id", "table_name", "remote_id",
                     name="uq_merge_identity_map_origin_table_remote"),
)

#: Per origin: the export time of the newest bundle merged from it.
merge_origin = Table(
    "merge_origin",
    metadata,
    *_stamp_columns(),
    Column("origin_workspace_id", AutoString(length=36), nullable=False, unique=True),
    Column("origin_name", AutoString(length=200), nullable=False),
    Column("last_exported_at", UTCDateTime(), nullable=False),
    Column("last_merged_at", UTCDateTime(), nullable=False),
)
