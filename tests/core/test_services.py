"""The service layer: every public function, its refusals, and that a refusal writes nothing.

Each test works on a real SQLite workspace (the ``ws`` fixture). A refused call
is checked with :func:`refused`, which compares a dump of every table taken
before and after the call, so "nothing was written" means exactly that.

``ws`` is overridden here for speed: the same new, empty workspace as the
conftest fixture (made by the real migration chain), migrated once per module
and copied for each test, which keeps this file's ~170 tests well under 15 s.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text, update
from sqlmodel import func, select

from pdsa_desk.core import rules
from pdsa_desk.core import services as sv
from pdsa_desk.core.check import check_workspace
from pdsa_desk.core.database import Workspace, open_workspace
from pdsa_desk.core.errors import PdsaError, ValidationError
from pdsa_desk.core.models import (
    Cycle,
    CycleObservation,
    CycleParticipant,
    Opportunity,
    Stage,
    StageEvent,
    StandardRevision,
    WorkspaceSettings,
)
from tests.service_support import copy_workspace, raw, refused, snapshot

NOW = datetime.now(UTC)
EARLIER = NOW - timedelta(days=10)
NAIVE = datetime(2026, 1, 5, 9, 0)
GONE = "00000000-0000-0000-0000-000000000000"


# --- fixtures and helpers ------------------------------------------------------------------


@pytest.fixture(scope="module")
def empty_workspace_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new workspace made once through the migrations (and its seeded defaults)."""
    path = tmp_path_factory.mktemp("template") / "empty.sqlite"
    open_workspace(path).close()
    return path


@pytest.fixture
def ws(empty_workspace_file: Path, tmp_path: Path) -> Iterator[Workspace]:
    """A new, empty workspace in a real SQLite file under tmp_path (a copy of the template)."""
    workspace = copy_workspace(empty_workspace_file, tmp_path)
    yield workspace
    workspace.close()


def count(ws: Workspace, model: type, *, live_only: bool = True) -> int:
    stmt = select(func.count()).select_from(model)
    if live_only:
        stmt = stmt.where(model.deleted_at.is_(None))
    with ws.session() as s:
        return s.exec(stmt).one()


def positions(ws: Workspace) -> list[int]:
    return [st.position for st in sv.list_stages(ws)]


def names(rows: list[Any]) -> list[str]:
    return [r.name for r in rows]


def pipeline(ws: Workspace) -> tuple[Stage, Stage, Stage]:
    """Lead -> Qualified -> Won (terminal)."""
    lead = sv.create_stage(ws, "Lead", checklist=["Contact named", "Budget known"])
    qualified = sv.create_stage(ws, "Qualified", checklist=["Need confirmed"])
    won = sv.create_stage(ws, "Won", terminal="won")
    return lead, qualified, won


def started(ws: Workspace, title: str, stage: Stage, owner: Any, **kwargs: Any) -> Cycle:
    cycle = sv.create_cycle(ws, title, from_stage_id=stage.id, owner_rep_id=owner.id, prediction_rate=0.4, **kwargs)
    return sv.start_cycle(ws, cycle.id)


#: These small workspaces have no customers: every step the data makes premature is confirmed with this.
EARLY = "Testing the workflow, not the tactic."


def in_act(ws: Workspace, cycle: Cycle) -> Cycle:
    """Plan -> Do -> Study -> Act with an interpretation written."""
    if cycle.status == "plan":
        sv.start_cycle(ws, cycle.id)
    sv.advance_cycle(ws, cycle.id, early_reason=EARLY)
    sv.update_cycle(ws, cycle.id, study_interpretation="It worked for Ann, less for Bo.")
    return sv.advance_cycle(ws, cycle.id)


# --- settings and seeded data ------------------------------------------------------------


def test_new_workspace_settings_defaults(ws) -> None:
    settings_row = sv.get_settings(ws)
    assert settings_row.name == "My workspace"
    assert settings_row.week_start_day == 0
    assert settings_row.max_active_cycles_per_rep == 2
    assert settings_row.default_window_days == 30
    assert settings_row.created_at.tzinfo is not None


def test_new_workspace_seeds_loss_reasons_in_order(ws) -> None:
    reasons = sv.list_loss_reasons(ws)
    assert names(reasons) == ["No decision", "Chose a competitor", "Not a credible lead", "Timing / budget"]
    assert list(sv.DEFAULT_LOSS_REASONS) == names(reasons)
    assert [r.position for r in reasons] == [0, 1, 2, 3]


def test_ensure_defaults_is_idempotent(ws) -> None:
    first = sv.get_settings(ws)
    before = snapshot(ws)
    again = sv.ensure_defaults(ws, name="Another name")
    assert again.id == first.id
    assert again.name == "My workspace"
    assert snapshot(ws) == before
    assert count(ws, WorkspaceSettings) == 1


def test_get_settings_recreates_a_missing_row_without_reseeding_reasons(ws) -> None:
    with ws.transaction() as s:
        s.execute(update(WorkspaceSettings).values(deleted_at=NOW))
    sv.create_loss_reason(ws, "Price")
    settings_row = sv.get_settings(ws)
    assert settings_row.name == "My workspace"
    assert count(ws, WorkspaceSettings) == 1
    assert names(sv.list_loss_reasons(ws)) == [*sv.DEFAULT_LOSS_REASONS, "Price"]


def test_update_settings_changes_and_persists(ws) -> None:
    result = sv.update_settings(
        ws, name="  North sales  ", week_start_day=6, max_active_cycles_per_rep=3, default_window_days=45
    )
    assert (result.name, result.week_start_day, result.max_active_cycles_per_rep, result.default_window_days) == (
        "North sales", 6, 3, 45)
    sv.update_settings(ws, week_start_day=0)  # zero is a valid day, not "unset"
    path = ws.path
    ws.close()
    again = open_workspace(path)
    try:
        row = sv.get_settings(again)
        assert (row.name, row.week_start_day, row.max_active_cycles_per_rep, row.default_window_days) == (
            "North sales", 0, 3, 45)
    finally:
        again.close()


@pytest.mark.parametrize(
    ("kwargs", "text", "field"),
    [
        ({"name": "   "}, "Workspace name must not be empty.", "name"),
        ({"name": "x" * 201}, "Workspace name is too long (201 characters; at most 200).", "name"),
        ({"week_start_day": -1}, "Week start day must be at least 0.", "week_start_day"),
        ({"week_start_day": 7}, "Week start day must be 0 (Monday) to 6 (Sunday).", "week_start_day"),
        ({"week_start_day": "Monday"}, "Week start day must be a whole number.", "week_start_day"),
        ({"week_start_day": 1.5}, "Week start day must be a whole number.", "week_start_day"),
        ({"max_active_cycles_per_rep": 0}, "Active cycles per rep must be at least 1.", "max_active_cycles_per_rep"),
        ({"default_window_days": 0}, "Conversion window must be at least 1.", "default_window_days"),
        ({"default_window_days": "a month"}, "Conversion window must be a whole number.", "default_window_days"),
    ],
)
def test_update_settings_refusals(ws, kwargs: dict, text: str, field: str) -> None:
    sv.get_settings(ws)
    refused(ws, sv.update_settings, text=text, field=field, **kwargs)


def test_settings_values_are_what_update_settings_takes(ws) -> None:
    values = sv.settings_values(sv.update_settings(ws, currency="chf", time_zone="Europe/Zurich"))
    assert values["currency"] == "CHF" and values["time_zone"] == "Europe/Zurich"
    sv.update_settings(ws, **{**values, "name": "Zurich"})
    assert sv.settings_values(sv.get_settings(ws)) == {**values, "name": "Zurich"}


def test_the_stage_template_sets_a_new_workspace_up(ws) -> None:
    assert sv.setup_progress(ws).empty
    stages = sv.create_template_stages(ws, author="ann")
    assert [s.name for s in sv.list_stages(ws)] == [name for name, *_ in sv.STAGE_TEMPLATE]
    assert stages[-1].terminal == "won" and all(s.standard and s.checklist for s in stages)
    assert len(sv.stage_revisions(ws)) == len(stages)  # each definition's first revision
    progress = sv.setup_progress(ws)
    assert progress.has_stages and not progress.has_opportunities and not progress.complete
    refused(ws, sv.create_template_stages, text="has stages already", field=None)

    ids = [st.id for st in stages]
    sv.take_back_template_stages(ws, ids)  # the undo of the guide's button
    assert sv.list_stages(ws) == [] and sv.stage_revisions(ws) == [] and sv.setup_progress(ws).empty
    refused(ws, sv.take_back_template_stages, ids, text="changed or deleted meanwhile", field=None)
    sv.restore_template_stages(ws, ids)  # and its redo: the same rows
    assert [st.id for st in sv.list_stages(ws)] == ids and len(sv.stage_revisions(ws)) == len(ids)
    rep = sv.create_rep(ws, "Ann")
    sv.create_opportunity(ws, "Acme", rep_id=rep.id, stage_id=ids[0])
    refused(ws, sv.take_back_template_stages, ids, text="in use now", field=None)
    sv.take_back_template_stages(ws, ids[1:])  # the others are unused
    sv.create_stage(ws, "Won")
    refused(ws, sv.restore_template_stages, ids[1:], text="'Won' was added meanwhile", field=None)


def test_update_settings_is_all_or_nothing(ws) -> None:
    refused(ws, sv.update_settings, name="Renamed", week_start_day=9, text="Week start day", field="week_start_day")
    assert sv.get_settings(ws).name == "My workspace"


def test_update_settings_without_a_settings_row_is_refused(ws) -> None:
    with ws.transaction() as s:
        s.execute(update(WorkspaceSettings).values(deleted_at=NOW))
    refused(ws, sv.update_settings, name="x", text="no settings row", field=None)


# --- teams ---------------------------------------------------------------------------------


def test_create_and_list_teams(ws) -> None:
    south = sv.create_team(ws, "  South ")
    sv.create_team(ws, "North")
    assert south.name == "South"
    assert names(sv.list_teams(ws)) == ["North", "South"]


@pytest.mark.parametrize(
    ("name", "text"),
    [("north", "Team name 'north' already exists."), ("  NORTH ", "Team name 'NORTH' already exists."),
     ("", "Team name must not be empty."), (None, "Team name must not be empty."),
     ("t" * 201, "Team name is too long")],
)
def test_create_team_refusals(ws, name: str | None, text: str) -> None:
    sv.create_team(ws, "North")
    refused(ws, sv.create_team, name, text=text, field="name")


def test_rename_team(ws) -> None:
    north = sv.create_team(ws, "North")
    sv.create_team(ws, "South")
    assert sv.rename_team(ws, north.id, "NORTH").name == "NORTH"  # its own name in another case is fine
    refused(ws, sv.rename_team, north.id, "south", text="Team name 'south' already exists.", field="name")
    refused(ws, sv.rename_team, north.id, " ", text="Team name must not be empty.", field="name")
    refused(ws, sv.rename_team, GONE, "East", text="The team no longer exists", field=None)
    assert names(sv.list_teams(ws)) == ["NORTH", "South"]


def test_delete_team_with_reps_is_refused_until_they_move(ws) -> None:
    north = sv.create_team(ws, "North")
    south = sv.create_team(ws, "South")
    ann = sv.create_rep(ws, "Ann", team_id=north.id)
    refused(ws, sv.delete_team, north.id, text="Team 'North' still has 1 rep; move them", field=None)
    sv.update_rep(ws, ann.id, team_id=south.id)
    sv.delete_team(ws, north.id)
    assert names(sv.list_teams(ws)) == ["South"]
    assert raw(ws, type(north), north.id).deleted_at is not None  # a tombstone, not a hard delete
    refused(ws, sv.delete_team, north.id, text="The team no longer exists", field=None)
    assert sv.create_team(ws, "north").name == "north"  # a deleted team's name is free again


def test_delete_team_ignores_deleted_reps(ws) -> None:
    north = sv.create_team(ws, "North")
    ann = sv.create_rep(ws, "Ann", team_id=north.id)
    sv.delete_rep(ws, ann.id)
    sv.delete_team(ws, north.id)
    assert sv.list_teams(ws) == []


# --- reps ----------------------------------------------------------------------------------


def test_create_and_list_reps(ws) -> None:
    north = sv.create_team(ws, "North")
    bo = sv.create_rep(ws, " Bo ", email="  bo@example.com ", team_id=north.id)
    ann = sv.create_rep(ws, "Ann", email="   ")
    assert (bo.name, bo.email, bo.team_id, bo.active) == ("Bo", "bo@example.com", north.id, True)
    assert ann.email is None and ann.team_id is None
    sv.update_rep(ws, ann.id, active=False)
    assert names(sv.list_reps(ws)) == ["Ann", "Bo"]
    assert names(sv.list_reps(ws, include_inactive=False)) == ["Bo"]


def test_duplicate_rep_name_is_refused_case_insensitively(ws) -> None:
    sv.create_rep(ws, "Ann")
    refused(ws, sv.create_rep, "ann", text="Rep name 'ann' already exists.", field="name")
    refused(ws, sv.create_rep, " ANN ", text="Rep name 'ANN' already exists.", field="name")
    assert count(ws, type(sv.list_reps(ws)[0])) == 1


@pytest.mark.parametrize("email", ["ann", "@example.com", "ann@", "ann smith@example.com"])
def test_bad_email_is_refused(ws, email: str) -> None:
    refused(ws, sv.create_rep, "Ann", email=email, text=f"'{email}' is not an e-mail address.", field="email")
    ann = sv.create_rep(ws, "Ann", email="ann@example.com")
    refused(ws, sv.update_rep, ann.id, email=email, text="is not an e-mail address.", field="email")


def test_create_rep_refusals(ws) -> None:
    refused(ws, sv.create_rep, "", text="Rep name must not be empty.", field="name")
    refused(ws, sv.create_rep, "Ann", team_id=GONE, text="The team no longer exists", field="team_id")


def test_update_rep(ws) -> None:
    north = sv.create_team(ws, "North")
    ann = sv.create_rep(ws, "Ann", email="ann@example.com", team_id=north.id)
    sv.create_rep(ws, "Bo")
    same = sv.update_rep(ws, ann.id)  # nothing given: nothing changes
    assert (same.name, same.email, same.team_id, same.active) == ("Ann", "ann@example.com", north.id, True)
    changed = sv.update_rep(ws, ann.id, name="Anna", email=None, team_id=None, active=False)
    assert (changed.name, changed.email, changed.team_id, changed.active) == ("Anna", None, None, False)
    assert sv.update_rep(ws, ann.id, name="ANNA", team_id=north.id).team_id == north.id
    refused(ws, sv.update_rep, ann.id, name="bo", text="Rep name 'bo' already exists.", field="name")
    refused(ws, sv.update_rep, ann.id, team_id=GONE, text="The team no longer exists", field="team_id")
    refused(ws, sv.update_rep, GONE, name="X", text="The rep no longer exists", field=None)
    refused(ws, sv.update_rep, ann.id, name="Zed", email="nope", text="not an e-mail", field="email")
    assert names(sv.list_reps(ws)) == ["ANNA", "Bo"]


def test_delete_rep_with_opportunities_is_refused_and_suggests_inactive(ws) -> None:
    ann = sv.create_rep(ws, "Ann")
    opp = sv.create_opportunity(ws, "Acme", rep_id=ann.id)
    sv.create_opportunity(ws, "Globex", rep_id=ann.id)
    error = refused(ws, sv.delete_rep, ann.id, text="Rep 'Ann' owns 2 opportunities", field=None)
    assert "inactive" in str(error)
    sv.delete_opportunity(ws, opp.id)
    refused(ws, sv.delete_rep, ann.id, text="owns 1 opportunities", field=None)


def test_delete_rep_in_cycles_is_refused(ws) -> None:
    lead, _, _ = pipeline(ws)
    ann = sv.create_rep(ws, "Ann")
    bo = sv.create_rep(ws, "Bo")
    sv.create_cycle(ws, "Call fast", from_stage_id=lead.id, owner_rep_id=ann.id, participant_ids=[bo.id])
    for rep in (ann, bo):
        error = refused(ws, sv.delete_rep, rep.id, text="takes part in PDSA cycles", field=None)
        assert "inactive" in str(error)


def test_delete_rep(ws) -> None:
    ann = sv.create_rep(ws, "Ann")
    sv.delete_rep(ws, ann.id)
    assert sv.list_reps(ws) == []
    assert raw(ws, type(ann), ann.id).deleted_at is not None
    refused(ws, sv.delete_rep, ann.id, text="The rep no longer exists", field=None)
    sv.create_rep(ws, "Ann")  # the name is free again


def test_active_cycle_counts(ws) -> None:
    lead, qualified, _ = pipeline(ws)
    ann = sv.create_rep(ws, "Ann")
    bo = sv.create_rep(ws, "Bo")
    cy = sv.create_rep(ws, "Cy")
    assert sv.active_cycle_counts(ws) == {}
    sv.create_cycle(ws, "Planned only", from_stage_id=lead.id, owner_rep_id=cy.id, prediction_rate=0.5)
    one = started(ws, "One", lead, ann, participant_ids=[bo.id])
    two = started(ws, "Two", qualified, ann)
    assert sv.active_cycle_counts(ws) == {ann.id: 2, bo.id: 1}
    sv.advance_cycle(ws, two.id, early_reason=EARLY)  # study still counts
    assert sv.active_cycle_counts(ws) == {ann.id: 2, bo.id: 1}
    sv.update_cycle(ws, two.id, study_interpretation="No visible change")
    sv.advance_cycle(ws, two.id)  # act still counts
    assert sv.active_cycle_counts(ws) == {ann.id: 2, bo.id: 1}
    sv.decide_cycle(ws, two.id, "abandon", "Did not help", early_reason=EARLY)  # closed does not
    assert sv.active_cycle_counts(ws) == {ann.id: 1, bo.id: 1}
    sv.delete_cycle(ws, one.id)  # deleted does not
    assert sv.active_cycle_counts(ws) == {}


# --- weekly sessions -----------------------------------------------------------------------


def test_mark_session_held_and_last_session(ws) -> None:
    assert sv.last_session(ws) is None
    now = sv.mark_session_held(ws, notes="Weekly review")
    assert now.notes == "Weekly review" and now.held_at.tzinfo is not None
    sv.mark_session_held(ws, held_at=NOW - timedelta(days=7))  # an older one recorded later
    latest = sv.last_session(ws)
    assert latest is not None and latest.id == now.id
    later = sv.mark_session_held(ws, held_at=datetime(2099, 1, 1, 10, tzinfo=UTC), notes=None)  # type: ignore[arg-type]
    assert later.notes == ""
    assert sv.last_session(ws).id == later.id


def test_mark_session_held_converts_to_utc_and_refuses_naive_times(ws) -> None:
    from datetime import timezone

    row = sv.mark_session_held(ws, held_at=datetime(2026, 3, 2, 10, tzinfo=timezone(timedelta(hours=2))))
    assert sv.last_session(ws).held_at == datetime(2026, 3, 2, 8, tzinfo=UTC)
    assert row.held_at.utcoffset() == timedelta(0)
    refused(ws, sv.mark_session_held, held_at=NAIVE, text="Times must include a time zone.", field="held_at")


# --- stages --------------------------------------------------------------------------------


def test_create_stage_appends_with_contiguous_positions(ws) -> None:
    a = sv.create_stage(
        ws, "  Lead ", standard="  A named contact replied  ", checklist=[" Contact named ", "", "Reply"]
    )
    b = sv.create_stage(ws, "Qualified", wip_limit=5, window_days=14)
    c = sv.create_stage(ws, "Won", terminal="won")
    assert [s.id for s in sv.list_stages(ws)] == [a.id, b.id, c.id]
    assert positions(ws) == [0, 1, 2]
    assert (a.name, a.standard, a.checklist, a.wip_limit, a.window_days, a.terminal) == (
        "Lead", "A named contact replied", ["Contact named", "Reply"], None, 30, "none")
    assert (b.wip_limit, b.window_days) == (5, 14)
    assert c.terminal == "won"


def test_create_stage_takes_the_default_window_from_settings(ws) -> None:
    sv.update_settings(ws, default_window_days=45)
    assert sv.create_stage(ws, "Lead").window_days == 45


@pytest.mark.parametrize(
    ("position", "order"),
    [(0, ["New", "A", "B", "C"]), (1, ["A", "New", "B", "C"]), (3, ["A", "B", "C", "New"]),
     (99, ["A", "B", "C", "New"]), (-5, ["New", "A", "B", "C"])],
)
def test_create_stage_at_a_position(ws, position: int, order: list[str]) -> None:
    for name in "ABC":
        sv.create_stage(ws, name)
    new = sv.create_stage(ws, "New", position=position)
    assert names(sv.list_stages(ws)) == order
    assert positions(ws) == [0, 1, 2, 3]
    assert new.position == order.index("New")


def test_create_stage_records_its_first_revision(ws) -> None:
    stage = sv.create_stage(ws, "Lead", standard="Replied", checklist=["Contact named"], author="Ann")
    (rev,) = sv.stage_revisions(ws, stage.id)
    assert (rev.stage_id, rev.name, rev.standard, rev.checklist, rev.author) == (
        stage.id, "Lead", "Replied", ["Contact named"], "Ann")
    assert rev.effective_from.tzinfo is not None


@pytest.mark.parametrize(
    ("kwargs", "text", "field"),
    [
        ({"name": "lead"}, "Stage name 'lead' already exists.", "name"),
        ({"name": " "}, "Stage name must not be empty.", "name"),
        ({"name": "s" * 201}, "Stage name is too long", "name"),
        ({"name": "X", "checklist": ["a", " a "]}, "Checklist item 'a' is listed twice.", "checklist"),
        ({"name": "X", "checklist": ["y" * 201]}, "is too long (at most 200 characters)", "checklist"),
        ({"name": "X", "wip_limit": 0}, "WIP limit must be at least 1.", "wip_limit"),
        ({"name": "X", "wip_limit": "many"}, "WIP limit must be a whole number.", "wip_limit"),
        ({"name": "X", "window_days": 0}, "Conversion window (days) must be at least 1.", "window_days"),
        ({"name": "X", "window_days": 2.5}, "Conversion window (days) must be a whole number.", "window_days"),
        ({"name": "X", "terminal": "lost"}, "Terminal kind must be one of: none, won (got 'lost').", "terminal"),
    ],
)
def test_create_stage_refusals(ws, kwargs: dict, text: str, field: str) -> None:
    sv.create_stage(ws, "Lead")
    name = kwargs.pop("name")
    refused(ws, sv.create_stage, name, text=text, field=field, **kwargs)
    assert count(ws, StandardRevision) == 1


def test_update_stage_records_a_revision_when_the_definition_changes(ws) -> None:
    stage = sv.create_stage(ws, "Lead", standard="Replied", checklist=["Contact named"])
    sv.update_stage(ws, stage.id, name="Lead in", author="Bo")
    sv.update_stage(ws, stage.id, standard="  Replied in writing ")
    sv.update_stage(ws, stage.id, checklist=["Contact named", "Budget known"])
    revs = sv.stage_revisions(ws, stage.id)
    assert [(r.name, r.standard, r.checklist) for r in revs] == [
        ("Lead", "Replied", ["Contact named"]),
        ("Lead in", "Replied", ["Contact named"]),
        ("Lead in", "Replied in writing", ["Contact named"]),
        ("Lead in", "Replied in writing", ["Contact named", "Budget known"]),
    ]
    assert revs[1].author == "Bo"
    assert [r.effective_from for r in revs] == sorted(r.effective_from for r in revs)


def test_update_stage_without_a_definition_change_records_no_revision(ws) -> None:
    stage = sv.create_stage(ws, "Lead", standard="Replied", checklist=["Contact named"], wip_limit=3)
    updated = sv.update_stage(ws, stage.id, wip_limit=8, window_days=60)
    assert (updated.wip_limit, updated.window_days) == (8, 60)
    assert sv.update_stage(ws, stage.id, wip_limit=None).wip_limit is None
    assert sv.update_stage(ws, stage.id, terminal="won").terminal == "won"
    sv.update_stage(ws, stage.id, name="Lead", standard=" Replied ", checklist=["Contact named", " "])  # the same
    assert len(sv.stage_revisions(ws, stage.id)) == 1
    again = sv.list_stages(ws)[0]
    assert (again.name, again.standard, again.checklist, again.wip_limit, again.window_days) == (
        "Lead", "Replied", ["Contact named"], None, 60)


def test_update_stage_refusals_write_nothing(ws) -> None:
    lead = sv.create_stage(ws, "Lead")
    sv.create_stage(ws, "Qualified")
    refused(ws, sv.update_stage, lead.id, name="QUALIFIED", text="Stage name 'QUALIFIED' already exists.", field="name")
    refused(ws, sv.update_stage, lead.id, name="New name", wip_limit=-1, text="WIP limit must be at least 1.",
            field="wip_limit")
    refused(ws, sv.update_stage, lead.id, standard="New", window_days=0, text="Conversion window (days)",
            field="window_days")
    refused(ws, sv.update_stage, lead.id, checklist=["a", "a"], text="listed twice", field="checklist")
    refused(ws, sv.update_stage, lead.id, terminal="lost", text="Terminal kind must be one of", field="terminal")
    refused(ws, sv.update_stage, GONE, name="X", text="The stage no longer exists", field=None)
    assert len(sv.stage_revisions(ws, lead.id)) == 1
    assert sv.update_stage(ws, lead.id, name="lead").name == "lead"  # its own name in another case


def test_delete_stage_with_events_is_refused(ws) -> None:
    lead, qualified, _ = pipeline(ws)
    opp = sv.create_opportunity(ws, "Acme", stage_id=lead.id, opened_at=EARLIER)
    sv.move_opportunity(ws, opp.id, qualified.id)
    sv.create_opportunity(ws, "Globex", stage_id=lead.id)
    error = refused(ws, sv.delete_stage, lead.id, text="Stage 'Lead' has 2 recorded stage moves and cannot be deleted",
                    field=None)
    assert "history would be lost" in str(error)


def test_delete_stage_whose_events_were_all_deleted(ws) -> None:
    _, qualified, _ = pipeline(ws)
    opp = sv.create_opportunity(ws, "Acme", stage_id=qualified.id)
    sv.delete_opportunity(ws, opp.id)
    sv.delete_stage(ws, qualified.id)
    assert names(sv.list_stages(ws)) == ["Lead", "Won"]


def test_delete_stage_used_by_cycles_or_tactics_is_refused(ws) -> None:
    lead, qualified, _ = pipeline(ws)
    sv.create_cycle(ws, "Call fast", from_stage_id=lead.id)
    refused(ws, sv.delete_stage, lead.id, text="Stage 'Lead' is the starting stage of PDSA cycles", field=None)
    tactic = sv.create_tactic(ws, "Send agenda", stage_id=qualified.id)
    refused(ws, sv.delete_stage, qualified.id, text="Tactics aim at stage 'Qualified'; move or delete them first.",
            field=None)
    sv.update_tactic(ws, tactic.id, stage_id=None)
    sv.delete_stage(ws, qualified.id)


def test_delete_stage_renumbers_and_retires_its_revisions(ws) -> None:
    stages = [sv.create_stage(ws, name) for name in "ABCD"]
    sv.delete_stage(ws, stages[1].id)
    assert names(sv.list_stages(ws)) == ["A", "C", "D"]
    assert positions(ws) == [0, 1, 2]
    assert sv.stage_revisions(ws, stages[1].id) == []
    assert count(ws, StandardRevision, live_only=False) == 4
    assert len(sv.stage_revisions(ws)) == 3
    refused(ws, sv.delete_stage, stages[1].id, text="The stage no longer exists", field=None)
    assert sv.create_stage(ws, "b").position == 3  # the name is free again


def test_reorder_stages(ws) -> None:
    a, b, c = (sv.create_stage(ws, n) for n in "ABC")
    result = sv.reorder_stages(ws, [c.id, a.id, b.id])
    assert names(result) == ["C", "A", "B"]
    assert names(sv.list_stages(ws)) == ["C", "A", "B"]
    assert positions(ws) == [0, 1, 2]


@pytest.mark.parametrize("order", ["missing", "duplicate", "unknown", "extra", "empty"])
def test_reorder_stages_must_be_a_permutation(ws, order: str) -> None:
    a, b, c = (sv.create_stage(ws, n) for n in "ABC")
    ids = {
        "missing": [a.id, b.id],
        "duplicate": [a.id, b.id, b.id],
        "unknown": [a.id, b.id, GONE],
        "extra": [a.id, b.id, c.id, GONE],
        "empty": [],
    }[order]
    refused(ws, sv.reorder_stages, ids, text="The new order must list every stage exactly once.", field=None)
    assert names(sv.list_stages(ws)) == ["A", "B", "C"]


@pytest.mark.parametrize(
    ("which", "to", "order"),
    [("A", 2, "BCA"), ("C", 0, "CAB"), ("B", 1, "ABC"), ("A", 99, "BCA"), ("C", -3, "CAB")],
)
def test_move_stage(ws, which: str, to: int, order: str) -> None:
    stages = {n: sv.create_stage(ws, n) for n in "ABC"}
    result = sv.move_stage(ws, stages[which].id, to)
    assert "".join(names(result)) == order
    assert "".join(names(sv.list_stages(ws))) == order
    assert positions(ws) == [0, 1, 2]


def test_move_stage_of_a_deleted_stage_is_refused(ws) -> None:
    a = sv.create_stage(ws, "A")
    sv.create_stage(ws, "B")
    sv.delete_stage(ws, a.id)
    refused(ws, sv.move_stage, a.id, 0, text="The stage no longer exists", field=None)


def test_stage_revisions_of_all_stages_oldest_first(ws) -> None:
    a = sv.create_stage(ws, "A")
    b = sv.create_stage(ws, "B")
    sv.update_stage(ws, a.id, standard="Something seen")
    revisions = [(r.stage_id, r.standard) for r in sv.stage_revisions(ws)]
    assert revisions == [(a.id, ""), (b.id, ""), (a.id, "Something seen")]


# --- loss reasons --------------------------------------------------------------------------


def test_loss_reason_crud(ws) -> None:
    price = sv.create_loss_reason(ws, "  Price ")
    assert price.name == "Price"
    assert names(sv.list_loss_reasons(ws))[-1] == "Price"
    assert sv.rename_loss_reason(ws, price.id, "Too expensive").name == "Too expensive"
    assert sv.rename_loss_reason(ws, price.id, "TOO EXPENSIVE").name == "TOO EXPENSIVE"
    sv.delete_loss_reason(ws, price.id)
    assert names(sv.list_loss_reasons(ws)) == list(sv.DEFAULT_LOSS_REASONS)
    refused(ws, sv.delete_loss_reason, price.id, text="The loss reason no longer exists", field=None)
    refused(ws, sv.rename_loss_reason, price.id, "X", text="The loss reason no longer exists", field=None)


def test_loss_reason_refusals(ws) -> None:
    refused(ws, sv.create_loss_reason, "no decision", text="Loss reason name 'no decision' already exists.",
            field="name")
    refused(ws, sv.create_loss_reason, "", text="Loss reason name must not be empty.", field="name")
    first = sv.list_loss_reasons(ws)[0]
    refused(ws, sv.rename_loss_reason, first.id, "timing / BUDGET",
            text="Loss reason name 'timing / BUDGET' already exists.", field="name")
    refused(ws, sv.rename_loss_reason, first.id, " ", text="must not be empty", field="name")


def test_new_loss_reason_goes_last_even_after_a_deletion(ws) -> None:
    reasons = sv.list_loss_reasons(ws)
    sv.delete_loss_reason(ws, reasons[1].id)
    sv.create_loss_reason(ws, "Aardvark")  # sorts first by name: its position must still put it last
    assert names(sv.list_loss_reasons(ws)) == ["No decision", "Not a credible lead", "Timing / budget", "Aardvark"]


def test_delete_loss_reason_in_use_is_refused(ws) -> None:
    reason = sv.list_loss_reasons(ws)[0]
    opp = sv.create_opportunity(ws, "Acme", opened_at=EARLIER)
    sv.mark_lost(ws, opp.id, reason.id)
    error = refused(ws, sv.delete_loss_reason, reason.id,
                    text="Loss reason 'No decision' is used by 1 lost opportunities", field=None)
    assert "rename it instead" in str(error)
    sv.reopen(ws, opp.id)
    sv.delete_loss_reason(ws, reason.id)
    assert "No decision" not in names(sv.list_loss_reasons(ws))


# --- opportunities -------------------------------------------------------------------------


def test_create_opportunity_defaults(ws) -> None:
    opp = sv.create_opportunity(ws, "  Acme ")
    assert (opp.name, opp.outcome, opp.rep_id, opp.amount, opp.closed_at) == ("Acme", "open", None, None, None)
    assert opp.opened_at.tzinfo is not None
    assert abs(opp.opened_at - datetime.now(UTC)) < timedelta(minutes=1)
    assert sv.history(ws, opp.id) == []


def test_create_opportunity_in_a_stage(ws) -> None:
    lead, _, _ = pipeline(ws)
    ann = sv.create_rep(ws, "Ann")
    opp = sv.create_opportunity(
        ws, "Acme", rep_id=ann.id, stage_id=lead.id, opened_at=EARLIER, amount="1200.5", source="crm",
        external_id=" 42 ", channel="inbound", evidence_items=["Contact named"])
    got = (opp.rep_id, opp.amount, opp.source, opp.external_id, opp.channel)
    assert got == (ann.id, 1200.5, "crm", "42", "inbound")
    (event,) = sv.history(ws, opp.id)
    assert (event.stage_id, event.entered_at, event.evidence_items, event.evidence_confirmed, event.origin) == (
        lead.id, EARLIER, ["Contact named"], False, "board")


@pytest.mark.parametrize(
    ("kwargs", "text", "field"),
    [
        ({"name": ""}, "Opportunity name must not be empty.", "name"),
        ({"name": "o" * 301}, "Opportunity name is too long (301 characters; at most 300).", "name"),
        ({"amount": "lots"}, "Amount 'lots' is not a number.", "amount"),
        ({"amount": -1}, "Amount must be zero or more.", "amount"),
        ({"amount": float("nan")}, "Amount must be zero or more.", "amount"),
        ({"opened_at": NAIVE}, "Times must include a time zone.", "opened_at"),
        ({"rep_id": GONE}, "The rep no longer exists", "rep_id"),
        ({"stage_id": GONE}, "The stage no longer exists", "stage_id"),
        ({"stage": "Lead", "evidence_items": ["Signed"]},
         "'Signed' is not on the evidence checklist of stage 'Lead'.", "evidence_items"),
    ],
)
def test_create_opportunity_refusals(ws, kwargs: dict, text: str, field: str) -> None:
    stages = {s.name: s for s in pipeline(ws)}
    kwargs = dict(kwargs)
    if "stage" in kwargs:
        kwargs["stage_id"] = stages[kwargs.pop("stage")].id
    name = kwargs.pop("name", "Acme")
    refused(ws, sv.create_opportunity, name, text=text, field=field, **kwargs)
    assert count(ws, Opportunity, live_only=False) == 0


def test_duplicate_source_and_external_id_is_refused(ws) -> None:
    sv.create_opportunity(ws, "Acme", source="crm", external_id="42")
    refused(ws, sv.create_opportunity, "Acme again", source="crm", external_id=" 42 ",
            text="An opportunity with id '42' from crm already exists ('Acme').", field="external_id")
    sv.create_opportunity(ws, "Other CRM", source="sheet", external_id="42")  # another source: fine
    sv.create_opportunity(ws, "No id 1", source="crm")
    sv.create_opportunity(ws, "No id 2", source="crm")  # no id: never a duplicate
    sv.create_opportunity(ws, "Sourceless", external_id="7")
    refused(ws, sv.create_opportunity, "Sourceless again", external_id="7",
            text="An opportunity with id '7' from no source already exists ('Sourceless').", field="external_id")
    assert count(ws, Opportunity) == 5


def test_deleted_opportunity_external_id_is_refused_not_a_crash(ws) -> None:
    """The database's unique key covers tombstoned rows too (they are kept for merging)."""
    opp = sv.create_opportunity(ws, "Acme", source="crm", external_id="42")
    sv.delete_opportunity(ws, opp.id)
    refused(ws, sv.create_opportunity, "Acme", source="crm", external_id="42",
            text="A deleted opportunity had id '42' from crm ('Acme')", field="external_id")


def test_update_opportunity(ws) -> None:
    ann = sv.create_rep(ws, "Ann")
    opp = sv.create_opportunity(ws, "Acme", amount=10, channel="inbound")
    same = sv.update_opportunity(ws, opp.id)
    assert (same.name, same.rep_id, same.amount, same.channel) == ("Acme", None, 10, "inbound")
    changed = sv.update_opportunity(ws, opp.id, name=" Acme Ltd ", rep_id=ann.id, amount="", channel="  partner ")
    assert (changed.name, changed.rep_id, changed.amount, changed.channel) == ("Acme Ltd", ann.id, None, "partner")
    cleared = sv.update_opportunity(ws, opp.id, rep_id=None, amount=0, channel="")
    assert (cleared.rep_id, cleared.amount, cleared.channel) == (None, 0.0, None)
    refused(ws, sv.update_opportunity, opp.id, name=" ", text="Opportunity name must not be empty.", field="name")
    refused(ws, sv.update_opportunity, opp.id, name="New", rep_id=GONE, text="The rep no longer exists",
            field="rep_id")
    refused(ws, sv.update_opportunity, opp.id, amount="ten", text="Amount 'ten' is not a number.", field="amount")
    refused(ws, sv.update_opportunity, GONE, name="X", text="The opportunity no longer exists", field=None)


def test_move_opportunity_records_evidence(ws) -> None:
    lead, qualified, _ = pipeline(ws)
    opp = sv.create_opportunity(ws, "Acme", opened_at=EARLIER)
    all_ticked = sv.move_opportunity(ws, opp.id, lead.id, evidence_items=["Budget known", "Contact named"],
                                     entered_at=EARLIER + timedelta(days=1))
    assert all_ticked.event.evidence_items == ["Budget known", "Contact named"]
    assert all_ticked.event.evidence_confirmed is True
    assert (all_ticked.previous_outcome, all_ticked.previous_closed_at) == ("open", None)
    overridden = sv.move_opportunity(ws, opp.id, qualified.id, evidence_confirmed=True, origin="import",
                                     entered_at=EARLIER + timedelta(days=2))
    assert (overridden.event.evidence_confirmed, overridden.event.evidence_items, overridden.event.origin) == (
        True, [], "import")
    partly = sv.move_opportunity(ws, opp.id, lead.id, evidence_items=["Contact named"],
                                 entered_at=EARLIER + timedelta(days=3))
    assert partly.event.evidence_confirmed is False
    denied = sv.move_opportunity(ws, opp.id, qualified.id, evidence_items=["Need confirmed"], evidence_confirmed=False)
    assert denied.event.evidence_confirmed is False
    hist = sv.history(ws, opp.id)
    assert [e.id for e in hist] == [m.event.id for m in (all_ticked, overridden, partly, denied)]
    assert [(e.evidence_items, e.evidence_confirmed) for e in hist] == [
        (["Budget known", "Contact named"], True), ([], True), (["Contact named"], False), (["Need confirmed"], False)]
    assert sv.list_stages(ws)[0].id == lead.id
    assert raw(ws, Opportunity, opp.id).outcome == "open"
    with pytest.raises(ValidationError, match="is already in 'Qualified'"):  # a second entry would be recorded
        sv.move_opportunity(ws, opp.id, qualified.id)


def test_history_is_in_entered_order_not_recording_order(ws) -> None:
    lead, qualified, _ = pipeline(ws)
    opp = sv.create_opportunity(ws, "Acme", opened_at=EARLIER)
    late = sv.move_opportunity(ws, opp.id, qualified.id, entered_at=EARLIER + timedelta(days=5))
    early = sv.move_opportunity(ws, opp.id, lead.id, entered_at=EARLIER + timedelta(days=1))
    assert [e.id for e in sv.history(ws, opp.id)] == [early.event.id, late.event.id]


def test_move_opportunity_refusals(ws) -> None:
    lead, qualified, _ = pipeline(ws)
    opp = sv.create_opportunity(ws, "Acme", opened_at=EARLIER)
    refused(ws, sv.move_opportunity, opp.id, lead.id, evidence_items=["Contact named", "Signed"],
            text="'Signed' is not on the evidence checklist of stage 'Lead'.", field="evidence_items")
    error = refused(ws, sv.move_opportunity, opp.id, lead.id, entered_at=EARLIER - timedelta(seconds=1),
                    text="'Acme' cannot enter 'Lead' before it was created", field="entered_at")
    assert f"{EARLIER:%Y-%m-%d %H:%M} UTC" in str(error)
    refused(ws, sv.move_opportunity, opp.id, lead.id, entered_at=NAIVE, text="Times must include a time zone.",
            field="entered_at")
    refused(ws, sv.move_opportunity, opp.id, GONE, text="The stage no longer exists", field="stage_id")
    refused(ws, sv.move_opportunity, GONE, lead.id, text="The opportunity no longer exists", field=None)
    refused(ws, sv.move_opportunity, opp.id, qualified.id, origin="fax", text="Origin must be one of", field="origin")
    same_instant = sv.move_opportunity(ws, opp.id, lead.id, entered_at=EARLIER)  # same instant: fine
    assert same_instant.event.entered_at == EARLIER


def test_entering_the_won_stage_closes_as_won(ws) -> None:
    lead, _, won = pipeline(ws)
    opp = sv.create_opportunity(ws, "Acme", stage_id=lead.id, opened_at=EARLIER)
    when = EARLIER + timedelta(days=3)
    sv.move_opportunity(ws, opp.id, won.id, entered_at=when)
    row = raw(ws, Opportunity, opp.id)
    assert (row.outcome, row.closed_at, row.loss_reason_id) == ("won", when, None)
    refused(ws, sv.move_opportunity, opp.id, lead.id,
            text="'Acme' is already won; reopen it before moving it.", field=None)


def test_create_opportunity_directly_in_the_won_stage_is_won(ws) -> None:
    _, _, won = pipeline(ws)
    opp = sv.create_opportunity(ws, "Walk-in", stage_id=won.id, opened_at=EARLIER)
    assert (opp.outcome, opp.closed_at) == ("won", EARLIER)


def test_moving_a_lost_opportunity_is_refused(ws) -> None:
    lead, _, _ = pipeline(ws)
    opp = sv.create_opportunity(ws, "Acme", opened_at=EARLIER)
    sv.mark_lost(ws, opp.id, sv.list_loss_reasons(ws)[0].id)
    refused(ws, sv.move_opportunity, opp.id, lead.id, text="'Acme' is already lost; reopen it", field=None)


def test_undo_move_restores_outcome_and_tombstones_the_event(ws) -> None:
    lead, _, won = pipeline(ws)
    opp = sv.create_opportunity(ws, "Acme", stage_id=lead.id, opened_at=EARLIER)
    move = sv.move_opportunity(ws, opp.id, won.id)
    assert move.previous_outcome == "open"
    sv.undo_move(ws, move)
    row = raw(ws, Opportunity, opp.id)
    assert (row.outcome, row.closed_at) == ("open", None)
    assert [e.stage_id for e in sv.history(ws, opp.id)] == [lead.id]
    assert raw(ws, StageEvent, move.event.id).deleted_at is not None
    refused(ws, sv.undo_move, move, text="The stage move no longer exists", field=None)


def test_redo_move_brings_the_same_event_back(ws) -> None:
    lead, _, won = pipeline(ws)
    opp = sv.create_opportunity(ws, "Acme", stage_id=lead.id, opened_at=EARLIER)
    move = sv.move_opportunity(ws, opp.id, won.id, entered_at=NOW)
    refused(ws, sv.redo_move, move, text="That move cannot be redone: it is not undone any more.", field=None)
    sv.undo_move(ws, move)
    sv.redo_move(ws, move)
    hist = sv.history(ws, opp.id)
    assert [e.id for e in hist] == [hist[0].id, move.event.id]
    assert count(ws, StageEvent, live_only=False) == 2  # no new row
    row = raw(ws, Opportunity, opp.id)
    assert (row.outcome, row.closed_at) == ("won", NOW)
    sv.undo_move(ws, move)  # and it can be undone again
    assert raw(ws, Opportunity, opp.id).outcome == "open"


def test_redo_move_of_a_non_terminal_move(ws) -> None:
    lead, qualified, _ = pipeline(ws)
    opp = sv.create_opportunity(ws, "Acme", stage_id=lead.id, opened_at=EARLIER)
    move = sv.move_opportunity(ws, opp.id, qualified.id)
    sv.undo_move(ws, move)
    sv.redo_move(ws, move)
    assert [e.stage_id for e in sv.history(ws, opp.id)] == [lead.id, qualified.id]
    assert raw(ws, Opportunity, opp.id).outcome == "open"


def test_redo_move_after_the_opportunity_was_closed_is_refused(ws) -> None:
    lead, _, won = pipeline(ws)
    opp = sv.create_opportunity(ws, "Acme", stage_id=lead.id, opened_at=EARLIER)
    move = sv.move_opportunity(ws, opp.id, won.id)
    sv.undo_move(ws, move)
    sv.mark_lost(ws, opp.id, sv.list_loss_reasons(ws)[0].id)
    refused(ws, sv.redo_move, move, text="'Acme' is already lost; reopen it", field=None)
    row = raw(ws, Opportunity, opp.id)
    assert (row.outcome, row.loss_reason_id) == ("lost", sv.list_loss_reasons(ws)[0].id)


def test_redo_move_of_a_deleted_opportunity_is_refused(ws) -> None:
    lead, qualified, _ = pipeline(ws)
    opp = sv.create_opportunity(ws, "Acme", stage_id=lead.id, opened_at=EARLIER)
    move = sv.move_opportunity(ws, opp.id, qualified.id)
    sv.undo_move(ws, move)
    sv.delete_opportunity(ws, opp.id)
    refused(ws, sv.redo_move, move, text="The opportunity no longer exists", field=None)


def test_mark_won(ws) -> None:
    opp = sv.create_opportunity(ws, "Acme", opened_at=EARLIER)
    sv.mark_lost(ws, opp.id, sv.list_loss_reasons(ws)[0].id)
    when = EARLIER + timedelta(days=2)
    won = sv.mark_won(ws, opp.id, at=when)
    assert (won.outcome, won.closed_at, won.loss_reason_id) == ("won", when, None)
    other = sv.create_opportunity(ws, "Globex")
    assert abs(sv.mark_won(ws, other.id).closed_at - datetime.now(UTC)) < timedelta(minutes=1)
    refused(ws, sv.mark_won, opp.id, at=NAIVE, text="Times must include a time zone.", field="closed_at")
    refused(ws, sv.mark_won, GONE, text="The opportunity no longer exists", field=None)


def test_mark_won_before_opened_is_refused(ws) -> None:
    opp = sv.create_opportunity(ws, "Acme", opened_at=EARLIER)
    refused(ws, sv.mark_won, opp.id, at=EARLIER - timedelta(days=1),
            text="An opportunity cannot be won before it was created.", field="closed_at")


def test_mark_lost_requires_a_reason(ws) -> None:
    opp = sv.create_opportunity(ws, "Acme", opened_at=EARLIER)
    reason = sv.list_loss_reasons(ws)[1]
    refused(ws, sv.mark_lost, opp.id, None, text="Choose a loss reason.", field="loss_reason_id")
    refused(ws, sv.mark_lost, opp.id, "", text="Choose a loss reason.", field="loss_reason_id")
    refused(ws, sv.mark_lost, opp.id, GONE, text="The loss reason no longer exists", field="loss_reason_id")
    refused(ws, sv.mark_lost, opp.id, reason.id, at=EARLIER - timedelta(hours=1),
            text="An opportunity cannot be lost before it was created.", field="closed_at")
    refused(ws, sv.mark_lost, opp.id, reason.id, at=NAIVE, text="Times must include a time zone.", field="closed_at")
    when = EARLIER + timedelta(days=4)
    lost = sv.mark_lost(ws, opp.id, reason.id, at=when)
    assert (lost.outcome, lost.loss_reason_id, lost.closed_at) == ("lost", reason.id, when)


def test_reopen(ws) -> None:
    lead, qualified, won = pipeline(ws)
    opp = sv.create_opportunity(ws, "Acme", stage_id=lead.id, opened_at=EARLIER)
    sv.mark_lost(ws, opp.id, sv.list_loss_reasons(ws)[0].id)
    row = sv.reopen(ws, opp.id)
    assert (row.outcome, row.closed_at, row.loss_reason_id) == ("open", None, None)
    sv.move_opportunity(ws, opp.id, won.id)
    sv.reopen(ws, opp.id)
    sv.move_opportunity(ws, opp.id, qualified.id)  # open again: moves are accepted
    assert raw(ws, Opportunity, opp.id).outcome == "open"
    refused(ws, sv.reopen, GONE, text="The opportunity no longer exists", field=None)


def test_delete_opportunity_tombstones_its_events(ws) -> None:
    lead, qualified, _ = pipeline(ws)
    opp = sv.create_opportunity(ws, "Acme", stage_id=lead.id, opened_at=EARLIER)
    sv.move_opportunity(ws, opp.id, qualified.id)
    keep = sv.create_opportunity(ws, "Globex", stage_id=lead.id)
    sv.delete_opportunity(ws, opp.id)
    assert sv.history(ws, opp.id) == []
    assert raw(ws, Opportunity, opp.id).deleted_at is not None
    with ws.session() as s:
        events = s.exec(select(StageEvent).where(StageEvent.opportunity_id == opp.id)).all()
    assert len(events) == 2 and all(e.deleted_at is not None for e in events)
    assert len(sv.history(ws, keep.id)) == 1
    refused(ws, sv.delete_opportunity, opp.id, text="The opportunity no longer exists", field=None)
    refused(ws, sv.move_opportunity, opp.id, lead.id, text="The opportunity no longer exists", field=None)


# --- tactics -------------------------------------------------------------------------------


def test_create_and_list_tactics(ws) -> None:
    lead, qualified, _ = pipeline(ws)
    ann = sv.create_rep(ws, "Ann")
    call = sv.create_tactic(ws, " Call within an hour ", description=" Fast ", stage_id=lead.id, owner_rep_id=ann.id)
    assert (call.name, call.description, call.stage_id, call.owner_rep_id, call.status, call.adopted_at) == (
        "Call within an hour", "Fast", lead.id, ann.id, "idea", None)
    agenda = sv.create_tactic(ws, "Agenda", stage_id=qualified.id, status="standard work")
    assert agenda.adopted_at is not None
    sv.create_tactic(ws, "Loose idea")
    assert names(sv.list_tactics(ws)) == ["Agenda", "Call within an hour", "Loose idea"]
    assert names(sv.list_tactics(ws, lead.id)) == ["Call within an hour"]


def test_create_tactic_refusals(ws) -> None:
    sv.create_tactic(ws, "Agenda")
    refused(ws, sv.create_tactic, "AGENDA", text="Tactic name 'AGENDA' already exists.", field="name")
    refused(ws, sv.create_tactic, "", text="Tactic name must not be empty.", field="name")
    refused(ws, sv.create_tactic, "X", stage_id=GONE, text="The stage no longer exists", field="stage_id")
    refused(ws, sv.create_tactic, "X", owner_rep_id=GONE, text="The rep no longer exists", field="owner_rep_id")
    refused(ws, sv.create_tactic, "X", status="done",
            text="Tactic status must be one of: idea, testing, standard work, retired (got 'done').", field="status")


def test_update_tactic(ws) -> None:
    lead, _, _ = pipeline(ws)
    ann = sv.create_rep(ws, "Ann")
    tactic = sv.create_tactic(ws, "Agenda")
    sv.create_tactic(ws, "Call")
    t = sv.update_tactic(ws, tactic.id, name="Written agenda", description=" d ", stage_id=lead.id,
                         owner_rep_id=ann.id, status="testing")
    assert (t.name, t.description, t.stage_id, t.owner_rep_id, t.status, t.adopted_at) == (
        "Written agenda", "d", lead.id, ann.id, "testing", None)
    adopted = sv.update_tactic(ws, tactic.id, status="standard work")
    assert adopted.adopted_at is not None
    again = sv.update_tactic(ws, tactic.id, status="standard work")  # staying adopted keeps the date
    assert again.adopted_at == adopted.adopted_at
    assert sv.update_tactic(ws, tactic.id, status="retired").adopted_at is None
    cleared = sv.update_tactic(ws, tactic.id, stage_id=None, owner_rep_id=None)
    assert (cleared.stage_id, cleared.owner_rep_id) == (None, None)
    refused(ws, sv.update_tactic, tactic.id, name="call", text="Tactic name 'call' already exists.", field="name")
    refused(ws, sv.update_tactic, tactic.id, stage_id=GONE, text="The stage no longer exists", field="stage_id")
    refused(ws, sv.update_tactic, tactic.id, owner_rep_id=GONE, text="The rep no longer exists", field="owner_rep_id")
    refused(ws, sv.update_tactic, tactic.id, name="Z", status="maybe", text="Tactic status must be one of",
            field="status")
    refused(ws, sv.update_tactic, GONE, name="Z", text="The tactic no longer exists", field=None)


def test_delete_tactic(ws) -> None:
    lead, _, _ = pipeline(ws)
    unused = sv.create_tactic(ws, "Unused")
    tested = sv.create_tactic(ws, "Tested")
    sv.create_cycle(ws, "Try it", from_stage_id=lead.id, tactic_id=tested.id)
    sv.delete_tactic(ws, unused.id)
    assert names(sv.list_tactics(ws)) == ["Tested"]
    error = refused(ws, sv.delete_tactic, tested.id, text="Tactic 'Tested' was tested in PDSA cycles", field=None)
    assert "retire it" in str(error)
    refused(ws, sv.delete_tactic, unused.id, text="The tactic no longer exists", field=None)


# --- cycles: plan --------------------------------------------------------------------------


@pytest.fixture
def team_ws(ws) -> tuple[Workspace, dict[str, Any]]:
    """A workspace with a pipeline, two teams and some reps."""
    lead, qualified, won = pipeline(ws)
    north = sv.create_team(ws, "North")
    south = sv.create_team(ws, "South")
    ann = sv.create_rep(ws, "Ann", team_id=north.id)
    bo = sv.create_rep(ws, "Bo", team_id=north.id)
    cy = sv.create_rep(ws, "Cy", team_id=north.id)
    sv.update_rep(ws, cy.id, active=False)
    dee = sv.create_rep(ws, "Dee", team_id=south.id)
    solo = sv.create_rep(ws, "Solo")
    return ws, {"lead": lead, "qualified": qualified, "won": won, "north": north, "south": south,
                "ann": ann, "bo": bo, "cy": cy, "dee": dee, "solo": solo}


def participant_names(ws: Workspace, cycle: Cycle) -> list[str]:
    return names(sv.participants(ws, cycle.id))


def test_create_cycle(team_ws) -> None:
    ws, x = team_ws
    tactic = sv.create_tactic(ws, "Call within an hour", stage_id=x["lead"].id)
    cycle = sv.create_cycle(
        ws, " Call fast ", from_stage_id=x["lead"].id, tactic_id=tactic.id, owner_rep_id=x["ann"].id,
        participant_ids=[x["dee"].id, x["dee"].id, ""], planned_start=date(2026, 1, 5), planned_end=date(2026, 1, 5),
        prediction_rate=0.35, min_sample_size=20, baseline_start=date(2025, 12, 1), baseline_end=date(2025, 12, 28),
        objective="  More qualified leads ", questions="Does speed matter?", prediction_text="35% qualify",
        change_idea="Call in an hour", who_what_where_when="Ann and Dee, January", data_plan="Board moves")
    assert (cycle.title, cycle.status, cycle.tactic_id, cycle.owner_rep_id, cycle.prediction_rate) == (
        "Call fast", "plan", tactic.id, x["ann"].id, 0.35)
    got = (cycle.objective, cycle.questions, cycle.min_sample_size)
    assert got == ("More qualified leads", "Does speed matter?", 20)
    assert participant_names(ws, cycle) == ["Ann", "Dee"]  # the owner always takes part; duplicates once
    stored = sv.get_cycle(ws, cycle.id)
    assert (stored.planned_start, stored.planned_end, stored.baseline_end) == (
        date(2026, 1, 5), date(2026, 1, 5), date(2025, 12, 28))
    assert stored.data_plan == "Board moves"
    assert count(ws, CycleParticipant) == 2


def test_create_cycle_rejects_unknown_plan_fields(team_ws) -> None:
    ws, x = team_ws
    before = snapshot(ws)
    with pytest.raises(TypeError, match="unknown plan fields"):
        sv.create_cycle(ws, "X", from_stage_id=x["lead"].id, hypothesis="nope")
    assert snapshot(ws) == before


@pytest.mark.parametrize(
    ("kwargs", "text", "field"),
    [
        (
            {"from_stage": "won"}, "'Won' is the last stage: a cycle needs a transition to a next stage.",
            "from_stage_id",
        ),
        ({"from_stage_id": GONE}, "The stage no longer exists", "from_stage_id"),
        ({"prediction_rate": 1.01}, "The predicted conversion rate must be between 0% and 100%.", "prediction_rate"),
        ({"prediction_rate": -0.1}, "The predicted conversion rate must be between 0% and 100%.", "prediction_rate"),
        ({"prediction_rate": float("nan")}, "must be between 0% and 100%", "prediction_rate"),
        ({"prediction_rate": "high"}, "The predicted conversion rate must be a number.", "prediction_rate"),
        ({"planned_start": date(2026, 2, 1), "planned_end": date(2026, 1, 31)},
         "The planned end date is before the start date.", "planned_end"),
        ({"baseline_start": date(2026, 1, 1), "baseline_end": date(2025, 12, 1)},
         "The baseline window must end after it starts.", "baseline_end"),
        ({"min_sample_size": 0}, "Minimum sample size must be at least 1.", "min_sample_size"),
        ({"min_sample_size": "some"}, "Minimum sample size must be a whole number.", "min_sample_size"),
        ({"whole_team": True}, "Choose the team that takes part.", "team_id"),
        ({"whole_team": True, "owner": "solo"}, "Choose the team that takes part.", "team_id"),
        ({"whole_team": True, "team_id": GONE}, "The team no longer exists", "team_id"),
        ({"title": "  "}, "Cycle name must not be empty.", "title"),
        ({"tactic_id": GONE}, "The tactic no longer exists", "tactic_id"),
        ({"owner_rep_id": GONE}, "The rep no longer exists", "owner_rep_id"),
        ({"participant_ids": [GONE]}, "The rep no longer exists", "participants"),
        ({"parent_id": GONE}, "The parent cycle no longer exists", "parent_id"),
    ],
)
def test_create_cycle_refusals(team_ws, kwargs: dict, text: str, field: str) -> None:
    ws, x = team_ws
    kwargs = dict(kwargs)
    kwargs.setdefault("from_stage_id", x[kwargs.pop("from_stage", "lead")].id)
    if "owner" in kwargs:
        kwargs["owner_rep_id"] = x[kwargs.pop("owner")].id
    title = kwargs.pop("title", "Call fast")
    refused(ws, sv.create_cycle, title, text=text, field=field, **kwargs)
    assert count(ws, Cycle, live_only=False) == 0


def test_whole_team_takes_the_teams_active_reps(team_ws) -> None:
    ws, x = team_ws
    explicit = sv.create_cycle(ws, "North tries", from_stage_id=x["lead"].id, whole_team=True,
                               team_id=x["north"].id, owner_rep_id=x["dee"].id, participant_ids=[x["solo"].id])
    assert participant_names(ws, explicit) == ["Ann", "Bo", "Dee"]  # not inactive Cy, not the listed Solo
    from_owner = sv.create_cycle(ws, "Owner's team", from_stage_id=x["lead"].id, whole_team=True,
                                 owner_rep_id=x["bo"].id)
    assert from_owner.team_id == x["north"].id
    assert participant_names(ws, from_owner) == ["Ann", "Bo"]


def test_creating_a_cycle_moves_its_tactic_from_idea_to_testing(team_ws) -> None:
    ws, x = team_ws
    idea = sv.create_tactic(ws, "Idea")
    adopted = sv.create_tactic(ws, "Adopted", status="standard work")
    sv.create_cycle(ws, "Try idea", from_stage_id=x["lead"].id, tactic_id=idea.id)
    sv.create_cycle(ws, "Try adopted", from_stage_id=x["lead"].id, tactic_id=adopted.id)
    status = {t.name: t.status for t in sv.list_tactics(ws)}
    assert status == {"Idea": "testing", "Adopted": "standard work"}


def test_list_and_get_cycles(team_ws) -> None:
    ws, x = team_ws
    tactic = sv.create_tactic(ws, "T")
    a = sv.create_cycle(ws, "A", from_stage_id=x["lead"].id, planned_start=date(2026, 1, 1))
    b = sv.create_cycle(ws, "B", from_stage_id=x["lead"].id, planned_start=date(2026, 3, 1), tactic_id=tactic.id)
    c = started(ws, "C", x["qualified"], x["ann"], planned_start=date(2026, 2, 1))
    assert [cy.id for cy in sv.list_cycles(ws)] == [b.id, c.id, a.id]  # newest planned start first
    assert [cy.id for cy in sv.list_cycles(ws, status="do")] == [c.id]
    assert [cy.id for cy in sv.list_cycles(ws, tactic_id=tactic.id)] == [b.id]
    assert sv.get_cycle(ws, a.id).title == "A"
    with pytest.raises(ValidationError, match="The cycle no longer exists"):
        sv.get_cycle(ws, GONE)
    with pytest.raises(ValidationError, match="The cycle no longer exists"):
        sv.participants(ws, GONE)


def test_update_cycle(team_ws) -> None:
    ws, x = team_ws
    tactic = sv.create_tactic(ws, "T")
    cycle = sv.create_cycle(ws, "Call fast", from_stage_id=x["lead"].id, owner_rep_id=x["ann"].id,
                            participant_ids=[x["bo"].id])
    updated = sv.update_cycle(ws, cycle.id, title=" Call faster ", objective=" o ", prediction_rate=0.5,
                              from_stage_id=x["qualified"].id, tactic_id=tactic.id, min_sample_size=10,
                              planned_start=date(2026, 1, 1), planned_end=date(2026, 2, 1), data_plan=None)
    assert (updated.title, updated.objective, updated.prediction_rate, updated.from_stage_id, updated.tactic_id,
            updated.min_sample_size, updated.data_plan) == (
        "Call faster", "o", 0.5, x["qualified"].id, tactic.id, 10, "")
    assert participant_names(ws, cycle) == ["Ann", "Bo"]  # untouched
    sv.update_cycle(ws, cycle.id, participant_ids=[x["dee"].id])
    assert participant_names(ws, cycle) == ["Ann", "Dee"]  # Bo left; the owner stays
    sv.update_cycle(ws, cycle.id, participant_ids=[x["bo"].id, x["dee"].id])  # Bo's old link comes back
    assert participant_names(ws, cycle) == ["Ann", "Bo", "Dee"]
    assert count(ws, CycleParticipant, live_only=False) == 3
    sv.update_cycle(ws, cycle.id, whole_team=True, team_id=x["south"].id)
    assert participant_names(ws, cycle) == ["Ann", "Dee"]
    with pytest.raises(TypeError, match="unknown cycle fields"):
        sv.update_cycle(ws, cycle.id, status="closed")


@pytest.mark.parametrize(
    ("kwargs", "text", "field"),
    [
        ({"title": ""}, "Cycle name must not be empty.", "title"),
        ({"from_stage": "won"}, "'Won' is the last stage", "from_stage_id"),
        ({"from_stage_id": GONE}, "The stage no longer exists", "from_stage_id"),
        ({"from_stage_id": None}, "The stage no longer exists", "from_stage_id"),
        ({"prediction_rate": "high"}, "The predicted conversion rate must be a number.", "prediction_rate"),
        ({"prediction_rate": 2}, "must be between 0% and 100%", "prediction_rate"),
        ({"objective": "changed", "planned_start": date(2026, 2, 1), "planned_end": date(2026, 1, 1)},
         "The planned end date is before the start date.", "planned_end"),
        ({"min_sample_size": -3}, "Minimum sample size must be at least 1.", "min_sample_size"),
        ({"tactic_id": GONE}, "The tactic no longer exists", "tactic_id"),
        ({"owner_rep_id": GONE}, "The rep no longer exists", "owner_rep_id"),
        ({"participant_ids": [GONE]}, "The rep no longer exists", "participants"),
        ({"whole_team": True, "team_id": GONE}, "The team no longer exists", "team_id"),
        ({"team_id": GONE}, "The team no longer exists", "team_id"),
    ],
)
def test_update_cycle_refusals(team_ws, kwargs: dict, text: str, field: str) -> None:
    ws, x = team_ws
    cycle = sv.create_cycle(ws, "Call fast", from_stage_id=x["lead"].id, owner_rep_id=x["ann"].id)
    kwargs = dict(kwargs)
    if "from_stage" in kwargs:
        kwargs["from_stage_id"] = x[kwargs.pop("from_stage")].id
    refused(ws, sv.update_cycle, cycle.id, text=text, field=field, **kwargs)


# --- cycles: do, study, act ----------------------------------------------------------------


def test_start_cycle(team_ws) -> None:
    ws, x = team_ws
    cycle = sv.create_cycle(ws, "Call fast", from_stage_id=x["lead"].id, owner_rep_id=x["ann"].id, prediction_rate=0)
    result = sv.start_cycle(ws, cycle.id)
    assert result.status == "do"
    assert result.planned_start == datetime.now(UTC).date()
    refused(ws, sv.start_cycle, cycle.id, text="Cycle 'Call fast' has already started.", field=None)
    dated = sv.create_cycle(ws, "Dated", from_stage_id=x["lead"].id, owner_rep_id=x["bo"].id, prediction_rate=1,
                            planned_start=date(2026, 3, 2))
    assert sv.start_cycle(ws, dated.id).planned_start == date(2026, 3, 2)
    refused(ws, sv.start_cycle, GONE, text="The cycle no longer exists", field=None)


def test_start_cycle_requires_participants_and_a_prediction(team_ws) -> None:
    ws, x = team_ws
    nobody = sv.create_cycle(ws, "Nobody", from_stage_id=x["lead"].id, prediction_rate=0.3)
    refused(ws, sv.start_cycle, nobody.id, text="Choose at least one rep who takes part before starting.",
            field="participants")
    empty_team = sv.create_team(ws, "Empty")
    sv.create_cycle(ws, "Empty team", from_stage_id=x["lead"].id, whole_team=True, team_id=empty_team.id,
                    prediction_rate=0.3)
    no_guess = sv.create_cycle(ws, "No guess", from_stage_id=x["lead"].id, owner_rep_id=x["ann"].id,
                               prediction_text="It will go up")
    refused(ws, sv.start_cycle, no_guess.id, text="Write down a numeric prediction before starting",
            field="prediction_rate")
    assert {c.status for c in sv.list_cycles(ws)} == {"plan"}


def test_start_cycle_over_the_cap(team_ws) -> None:
    ws, x = team_ws
    started(ws, "One", x["lead"], x["ann"])
    started(ws, "Two", x["qualified"], x["ann"], participant_ids=[x["bo"].id])
    third = sv.create_cycle(ws, "Three", from_stage_id=x["lead"].id, owner_rep_id=x["bo"].id,
                            participant_ids=[x["ann"].id, x["dee"].id], prediction_rate=0.2)
    error = refused(ws, sv.start_cycle, third.id, text="Over the limit of 2 active cycles per rep: Ann (2 active).",
                    field="participants", exc=sv.CapExceeded)
    assert isinstance(error, ValidationError) and isinstance(error, PdsaError)
    assert error.reps == (("Ann", 2),)
    assert error.cap == 2
    assert "Confirm to start anyway" in str(error)
    assert sv.start_cycle(ws, third.id, confirm_over_cap=True).status == "do"
    assert sv.active_cycle_counts(ws)[x["ann"].id] == 3


def test_cap_follows_the_settings_and_ignores_planned_and_closed_cycles(team_ws) -> None:
    ws, x = team_ws
    sv.update_settings(ws, max_active_cycles_per_rep=1)
    sv.create_cycle(ws, "Planned", from_stage_id=x["lead"].id, owner_rep_id=x["ann"].id, prediction_rate=0.5)
    done = started(ws, "Done", x["lead"], x["ann"], participant_ids=[x["bo"].id])
    sv.decide_cycle(ws, in_act(ws, done).id, "abandon", "No effect", early_reason=EARLY)
    active = started(ws, "Active", x["lead"], x["bo"])  # Ann's only other cycles are planned or closed
    nxt = sv.create_cycle(ws, "Next", from_stage_id=x["lead"].id, owner_rep_id=x["ann"].id,
                          participant_ids=[x["bo"].id], prediction_rate=0.5)
    error = refused(ws, sv.start_cycle, nxt.id, text="Over the limit of 1 active cycles per rep: Bo (1 active).",
                    field="participants", exc=sv.CapExceeded)
    assert (error.reps, error.cap) == ((("Bo", 1),), 1)
    sv.delete_cycle(ws, active.id)  # a deleted cycle frees its reps
    assert sv.start_cycle(ws, nxt.id).status == "do"


def test_advance_cycle(team_ws) -> None:
    ws, x = team_ws
    cycle = sv.create_cycle(ws, "Call fast", from_stage_id=x["lead"].id, owner_rep_id=x["ann"].id, prediction_rate=0.4)
    refused(ws, sv.advance_cycle, cycle.id, text="Cycle 'Call fast' is in plan; it cannot move on from there.",
            field=None)
    sv.start_cycle(ws, cycle.id)
    assert sv.advance_cycle(ws, cycle.id, early_reason=EARLY).status == "study"
    refused(ws, sv.advance_cycle, cycle.id, text="Write the team's interpretation of the results before deciding.",
            field="study_interpretation")
    sv.update_cycle(ws, cycle.id, study_interpretation="   ")
    refused(ws, sv.advance_cycle, cycle.id, text="interpretation", field="study_interpretation")
    sv.update_cycle(ws, cycle.id, study_interpretation=" Faster calls helped ")
    act = sv.advance_cycle(ws, cycle.id)
    assert (act.status, act.study_interpretation) == ("act", "Faster calls helped")
    refused(ws, sv.advance_cycle, cycle.id, text="is in act; it cannot move on", field=None)
    sv.decide_cycle(ws, cycle.id, "abandon", "No", early_reason=EARLY)
    refused(ws, sv.advance_cycle, cycle.id, text="is in closed; it cannot move on", field=None)
    refused(ws, sv.advance_cycle, GONE, text="The cycle no longer exists", field=None)


def test_decide_adopt_makes_the_tactic_standard_work(team_ws) -> None:
    ws, x = team_ws
    tactic = sv.create_tactic(ws, "Call within an hour")
    cycle = sv.create_cycle(ws, "Call fast", from_stage_id=x["lead"].id, owner_rep_id=x["ann"].id,
                            prediction_rate=0.4, tactic_id=tactic.id)
    in_act(ws, cycle)
    result = sv.decide_cycle(ws, cycle.id, "adopt", "  Clear improvement on the chart ", early_reason=EARLY)
    assert result.child is None
    closed = sv.get_cycle(ws, cycle.id)
    assert (closed.status, closed.decision, closed.rationale) == ("closed", "adopt", "Clear improvement on the chart")
    assert closed.decided_at is not None and closed.decided_at.tzinfo is not None
    (t,) = sv.list_tactics(ws)
    assert t.status == "standard work" and t.adopted_at is not None
    assert len(sv.list_cycles(ws)) == 1


def test_decide_abandon_retires_the_tactic(team_ws) -> None:
    ws, x = team_ws
    tested = sv.create_tactic(ws, "Tested")
    cycle = sv.create_cycle(ws, "Try", from_stage_id=x["lead"].id, owner_rep_id=x["ann"].id, prediction_rate=0.4,
                            tactic_id=tested.id)
    assert sv.decide_cycle(ws, in_act(ws, cycle).id, "abandon", "No change", early_reason=EARLY).child is None
    assert sv.list_tactics(ws)[0].status == "retired"
    assert sv.get_cycle(ws, cycle.id).decision == "abandon"


def test_decide_abandon_leaves_adopted_tactics_alone(team_ws) -> None:
    ws, x = team_ws
    adopted = sv.create_tactic(ws, "Adopted", status="standard work")
    cycle = sv.create_cycle(ws, "Retest", from_stage_id=x["lead"].id, owner_rep_id=x["ann"].id, prediction_rate=0.4,
                            tactic_id=adopted.id)
    sv.decide_cycle(ws, in_act(ws, cycle).id, "abandon", "The retest was noisy", early_reason=EARLY)
    assert sv.list_tactics(ws)[0].status == "standard work"


def test_decide_cycle_refusals(team_ws) -> None:
    ws, x = team_ws
    cycle = sv.create_cycle(ws, "Call fast", from_stage_id=x["lead"].id, owner_rep_id=x["ann"].id, prediction_rate=0.4)
    refused(ws, sv.decide_cycle, cycle.id, "adopt", "why",
            text="Study cycle 'Call fast' before deciding (it is in plan).", field=None)
    sv.start_cycle(ws, cycle.id)
    refused(ws, sv.decide_cycle, cycle.id, "adopt", "why", text="before deciding (it is in do)", field=None)
    sv.advance_cycle(ws, cycle.id, early_reason=EARLY)
    refused(ws, sv.decide_cycle, cycle.id, "adopt", "why",
            text="Write the team's interpretation of the results before deciding.", field="study_interpretation")
    sv.update_cycle(ws, cycle.id, study_interpretation="It helped")
    refused(ws, sv.decide_cycle, cycle.id, "keep", "why",
            text="Decision must be one of: adopt, adapt, abandon (got 'keep').", field="decision")
    for blank in ("", "   ", None):
        refused(ws, sv.decide_cycle, cycle.id, "adopt", blank, text="Say why: the rationale", field="rationale")
    # from study, interpretation written
    assert sv.decide_cycle(ws, cycle.id, "adopt", "why", early_reason=EARLY).cycle.status == "closed"
    refused(ws, sv.decide_cycle, cycle.id, "adopt", "again", text="before deciding (it is in closed)", field=None)
    refused(ws, sv.decide_cycle, GONE, "adopt", "why", text="The cycle no longer exists", field=None)


def test_adapt_builds_a_ramp_of_linked_cycles(team_ws) -> None:
    ws, x = team_ws
    tactic = sv.create_tactic(ws, "Call within an hour")
    first = sv.create_cycle(
        ws, "Call fast", from_stage_id=x["lead"].id, owner_rep_id=x["ann"].id, participant_ids=[x["dee"].id],
        tactic_id=tactic.id, prediction_rate=0.4, min_sample_size=12, objective="Qualify more",
        questions="Does speed help?", prediction_text="40%", change_idea="Call in an hour",
        who_what_where_when="Ann, Dee", data_plan="Board", planned_start=date(2026, 1, 5))
    in_act(ws, first)
    second = sv.decide_cycle(ws, first.id, "adapt", "Only works with a named contact", early_reason=EARLY).child
    assert second is not None
    assert second.title == "Call fast — ramp 2"
    assert (second.parent_id, second.status, second.tactic_id, second.from_stage_id, second.owner_rep_id) == (
        first.id, "plan", tactic.id, x["lead"].id, x["ann"].id)
    assert (second.prediction_rate, second.min_sample_size, second.questions, second.prediction_text,
            second.change_idea, second.who_what_where_when, second.data_plan) == (
        0.4, 12, "Does speed help?", "40%", "Call in an hour", "Ann, Dee", "Board")
    assert second.objective.startswith("Adapted from 'Call fast': Only works with a named contact")
    assert second.objective.endswith("Qualify more")
    assert participant_names(ws, second) == ["Ann", "Dee"]
    assert sv.list_tactics(ws)[0].status == "testing"  # still being tested
    assert sv.get_cycle(ws, first.id).decision == "adapt"

    in_act(ws, second)
    third = sv.decide_cycle(ws, second.id, "adapt", "Try it by e-mail too", early_reason=EARLY).child
    assert third is not None
    assert third.title == "Call fast — ramp 3"
    assert third.parent_id == second.id
    assert participant_names(ws, third) == ["Ann", "Dee"]

    chain = [first.id, second.id, third.id]
    for member in chain:
        assert [c.id for c in sv.ramp(ws, member)] == chain
    lone = sv.create_cycle(ws, "Alone", from_stage_id=x["lead"].id)
    assert [c.id for c in sv.ramp(ws, lone.id)] == [lone.id]
    with pytest.raises(ValidationError, match="The cycle no longer exists"):
        sv.ramp(ws, GONE)


def test_adapt_of_a_whole_team_cycle_keeps_the_team(team_ws) -> None:
    ws, x = team_ws
    cycle = sv.create_cycle(ws, "North tries", from_stage_id=x["lead"].id, whole_team=True, team_id=x["north"].id,
                            owner_rep_id=x["ann"].id, prediction_rate=0.5)
    in_act(ws, cycle)
    child = sv.decide_cycle(ws, cycle.id, "adapt", "Smaller change", early_reason=EARLY).child
    assert (child.whole_team, child.team_id) == (True, x["north"].id)
    assert participant_names(ws, child) == ["Ann", "Bo"]


def test_closed_cycles_refuse_changes_and_observations(team_ws) -> None:
    ws, x = team_ws
    cycle = started(ws, "Call fast", x["lead"], x["ann"])
    sv.decide_cycle(ws, in_act(ws, cycle).id, "abandon", "No effect", early_reason=EARLY)
    refused(ws, sv.update_cycle, cycle.id, objective="rewrite history",
            text="Cycle 'Call fast' is closed; its record can no longer be changed.", field=None)
    refused(ws, sv.update_cycle, cycle.id, participant_ids=[x["bo"].id], text="is closed", field=None)
    refused(ws, sv.add_observation, cycle.id, "Late note", text="Cycle 'Call fast' is closed.", field=None)


def test_observations(team_ws) -> None:
    ws, x = team_ws
    cycle = started(ws, "Call fast", x["lead"], x["ann"])
    t0 = NOW - timedelta(days=30)  # both before the undated one, recorded now
    late = sv.add_observation(ws, cycle.id, "  Customers liked it ", author="Ann", observed_at=t0 + timedelta(days=2))
    early = sv.add_observation(ws, cycle.id, "Skipped on Monday", kind="deviation", observed_at=t0)
    problem = sv.add_observation(ws, cycle.id, "CRM down", kind="problem", author="")
    assert (late.text, late.kind, late.author) == ("Customers liked it", "observation", "Ann")
    assert problem.author is None and problem.observed_at.tzinfo is not None
    listed = sv.observations(ws, cycle.id)
    assert [o.id for o in listed] == [early.id, late.id, problem.id]  # by when it was observed
    assert [o.kind for o in listed] == ["deviation", "observation", "problem"]
    sv.delete_observation(ws, early.id)
    assert [o.id for o in sv.observations(ws, cycle.id)] == [late.id, problem.id]
    refused(ws, sv.delete_observation, early.id, text="The observation no longer exists", field=None)
    other = sv.create_cycle(ws, "Other", from_stage_id=x["lead"].id)
    assert sv.observations(ws, other.id) == []
    sv.add_observation(ws, other.id, "Observations are fine while planning")


@pytest.mark.parametrize(
    ("args", "kwargs", "text", "field"),
    [
        (("  ",), {}, "Write what you observed.", "text"),
        ((None,), {}, "Write what you observed.", "text"),
        (("x",), {"kind": "rumour"}, "Kind must be one of: observation, deviation, problem (got 'rumour').", "kind"),
        (("x",), {"observed_at": NAIVE}, "Times must include a time zone.", "observed_at"),
    ],
)
def test_add_observation_refusals(team_ws, args: tuple, kwargs: dict, text: str, field: str) -> None:
    ws, x = team_ws
    cycle = started(ws, "Call fast", x["lead"], x["ann"])
    refused(ws, sv.add_observation, cycle.id, *args, text=text, field=field, **kwargs)
    refused(ws, sv.add_observation, GONE, "x", text="The cycle no longer exists", field=None)


def test_delete_cycle(team_ws) -> None:
    ws, x = team_ws
    first = started(ws, "Call fast", x["lead"], x["ann"], participant_ids=[x["bo"].id])
    obs = sv.add_observation(ws, first.id, "Note")
    in_act(ws, first)
    child = sv.decide_cycle(ws, first.id, "adapt", "Smaller", early_reason=EARLY).child
    refused(ws, sv.delete_cycle, first.id,
            text="Cycle 'Call fast' continues in a later ramp cycle; delete that first.", field=None)
    sv.delete_cycle(ws, child.id)
    assert [c.id for c in sv.ramp(ws, first.id)] == [first.id]
    sv.delete_cycle(ws, first.id)
    assert sv.list_cycles(ws) == []
    assert raw(ws, CycleObservation, obs.id).deleted_at is not None
    assert count(ws, CycleParticipant) == 0 and count(ws, CycleParticipant, live_only=False) == 4
    refused(ws, sv.delete_cycle, first.id, text="The cycle no longer exists", field=None)
    sv.delete_rep(ws, x["bo"].id)  # no longer in any live cycle


# --- persistence ---------------------------------------------------------------------------


def test_a_refused_call_leaves_the_file_unchanged_after_reopening(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    ws = open_workspace(path)
    try:
        lead, qualified, _ = pipeline(ws)
        opp = sv.create_opportunity(ws, "Acme", stage_id=lead.id, opened_at=EARLIER)
        with pytest.raises(ValidationError):
            sv.move_opportunity(ws, opp.id, qualified.id, evidence_items=["Not on the list"])
        with pytest.raises(ValidationError):
            sv.update_stage(ws, lead.id, name="Renamed", window_days=0)
    finally:
        ws.close()
    again = open_workspace(path)
    try:
        assert names(sv.list_stages(again)) == ["Lead", "Qualified", "Won"]
        assert [e.stage_id for e in sv.history(again, opp.id)] == [lead.id]
        assert len(sv.stage_revisions(again, lead.id)) == 1
    finally:
        again.close()


# --- cycle steps the data makes premature (core/lifecycle.py) ------------------------------


def test_start_records_the_actual_start(team_ws) -> None:
    ws, x = team_ws
    cycle = sv.create_cycle(ws, "Later", from_stage_id=x["lead"].id, owner_rep_id=x["ann"].id, prediction_rate=0.3,
                            planned_start=date(2030, 1, 7))
    before = datetime.now(UTC)
    started = sv.start_cycle(ws, cycle.id)
    assert started.started_at is not None and before <= started.started_at <= datetime.now(UTC)
    assert started.planned_start == date(2030, 1, 7)  # the plan is kept; the study counts from the start
    late = sv.create_cycle(ws, "Recorded late", from_stage_id=x["lead"].id, owner_rep_id=x["bo"].id,
                           prediction_rate=0.3)
    monday = datetime(2026, 3, 2, 9, tzinfo=UTC)
    assert sv.start_cycle(ws, late.id, started_at=monday).started_at == monday
    future = sv.create_cycle(ws, "Future", from_stage_id=x["lead"].id, owner_rep_id=x["dee"].id, prediction_rate=0.3)
    refused(ws, sv.start_cycle, future.id, started_at=datetime.now(UTC) + timedelta(days=1),
            text="A cycle cannot have started in the future.", field="started_at")
    refused(ws, sv.start_cycle, future.id, started_at=datetime(2026, 3, 2), text="time zone", field="started_at")


def test_moving_to_study_without_any_outcome_asks_for_a_reason(team_ws) -> None:
    ws, x = team_ws
    cycle = started(ws, "Call fast", x["lead"], x["ann"])
    error = refused(ws, sv.advance_cycle, cycle.id, text="No customer of the cycle has entered 'Lead' yet.",
                    field="early_reason", exc=sv.NeedsReason)
    assert error.step == "study"
    assert sv.get_cycle(ws, cycle.id).status == "do"
    moved = sv.advance_cycle(ws, cycle.id, early_reason="  The campaign was cancelled. ")
    assert (moved.status, moved.early_study_reason) == ("study", "The campaign was cancelled.")
    assert moved.studied_at is not None and moved.acted_at is None
    sv.update_cycle(ws, cycle.id, study_interpretation="Nothing to read")
    acted = sv.advance_cycle(ws, cycle.id)  # Study -> Act needs no data
    assert acted.status == "act" and acted.acted_at is not None


def test_deciding_while_too_early_asks_for_a_reason_and_records_it(team_ws) -> None:
    ws, x = team_ws
    cycle = in_act(ws, started(ws, "Call fast", x["lead"], x["ann"]))
    error = refused(ws, sv.decide_cycle, cycle.id, "abandon", "No effect seen", text="The study says: Too early",
                    field="early_reason", exc=sv.NeedsReason)
    assert error.step == "decide" and "may still change" in error.message
    assert sv.get_cycle(ws, cycle.id).status == "act"
    refused(ws, sv.decide_cycle, cycle.id, "abandon", "No effect", early_reason="x" * 2001, text="too long",
            field="early_reason")
    closed = sv.decide_cycle(ws, cycle.id, "abandon", "No effect seen", early_reason="The rep left the team.").cycle
    assert (closed.status, closed.early_decision_reason) == ("closed", "The rep left the team.")


def test_a_ready_study_needs_no_reason(ws) -> None:
    lead, qualified, _won = pipeline(ws)
    ann = sv.create_rep(ws, "Ann")
    start = datetime(2026, 1, 5, tzinfo=UTC)
    for day in range(70):  # one customer a day, every other one qualified the next day
        when = start + timedelta(days=day)
        opp = sv.create_opportunity(ws, f"C{day}", rep_id=ann.id, stage_id=lead.id, opened_at=when)
        if day % 2:
            sv.move_opportunity(ws, opp.id, qualified.id, entered_at=when + timedelta(days=1))
    cycle = sv.create_cycle(ws, "Call fast", from_stage_id=lead.id, owner_rep_id=ann.id, prediction_rate=0.5,
                            planned_start=date(2026, 2, 16), planned_end=date(2026, 3, 1), min_sample_size=5)
    sv.start_cycle(ws, cycle.id, started_at=datetime(2026, 2, 16, tzinfo=UTC))
    studied = sv.advance_cycle(ws, cycle.id)  # outcomes are known: no reason asked
    assert studied.status == "study" and studied.early_study_reason == ""
    sv.update_cycle(ws, cycle.id, study_interpretation="Half of them, as before")
    sv.advance_cycle(ws, cycle.id)
    closed = sv.decide_cycle(ws, cycle.id, "abandon", "No change").cycle  # the study is ready
    assert closed.early_decision_reason == ""


# --- chart phases and frozen baselines (services/phases.py) -------------------------------


def test_chart_phases_with_who_when_and_why(team_ws) -> None:
    ws, x = team_ws
    when = datetime(2026, 3, 2, 9, tzinfo=UTC)
    phase, replaced = sv.add_chart_phase(ws, x["lead"].id, when, reason="  Call scripts changed ", author="ann")
    assert replaced == [] and (phase.kind, phase.reason, phase.author) == ("phase", "Call scripts changed", "ann")
    assert phase.created_at is not None and phase.starts_at == when
    refused(ws, sv.add_chart_phase, x["lead"].id, when, reason="Again", text="already starts at that moment",
            field="starts_at")
    refused(ws, sv.add_chart_phase, x["lead"].id, when, reason="  ", text="Say why", field="reason")
    refused(ws, sv.add_chart_phase, x["won"].id, when, reason="Why", text="has no next stage", field="stage_id")
    refused(ws, sv.add_chart_phase, GONE, when, reason="Why", text="no longer exists", field="stage_id")
    refused(ws, sv.add_chart_phase, x["lead"].id, datetime(2026, 3, 2), reason="Why", text="time zone",
            field="starts_at")
    refused(ws, sv.add_chart_phase, x["lead"].id, when, reason="Why", kind="era", text="Kind must be one of",
            field="kind")
    later, _ = sv.add_chart_phase(ws, x["lead"].id, when + timedelta(days=30), reason="New territory")
    first_base, replaced = sv.add_chart_phase(ws, x["lead"].id, when, reason="Stable before", kind="baseline")
    assert replaced == []
    second_base, replaced = sv.add_chart_phase(ws, x["lead"].id, when + timedelta(days=7), reason="One more week",
                                               kind="baseline")
    assert replaced == [first_base.id]  # one frozen baseline per transition
    assert [p.id for p in sv.list_chart_phases(ws, x["lead"].id)] == [phase.id, second_base.id, later.id]
    assert sv.list_chart_phases(ws, x["qualified"].id) == []
    sv.remove_chart_phase(ws, later.id)
    refused(ws, sv.remove_chart_phase, later.id, text="no longer exists", field=None)
    sv.restore_chart_phases(ws, [first_base.id, later.id])  # undo brings rows back
    assert {p.id for p in sv.list_chart_phases(ws)} == {phase.id, first_base.id, second_base.id, later.id}
    cleared = sv.clear_chart_phases(ws, x["lead"].id)
    assert set(cleared) == {phase.id, first_base.id, second_base.id, later.id} and sv.list_chart_phases(ws) == []
    refused(ws, sv.restore_chart_phases, [GONE], text="no longer exists", field=None)


def test_adopting_proposes_a_phase_at_the_adoption(team_ws) -> None:
    ws, x = team_ws
    tactic = sv.create_tactic(ws, "Call within an hour")
    cycle = sv.create_cycle(ws, "Call fast", from_stage_id=x["lead"].id, owner_rep_id=x["ann"].id,
                            prediction_rate=0.4, tactic_id=tactic.id)
    assert sv.proposed_phase(ws, cycle.id) is None  # not decided
    sv.decide_cycle(ws, in_act(ws, cycle).id, "adopt", "It worked", early_reason=EARLY)
    proposal = sv.proposed_phase(ws, cycle.id)
    decided = sv.get_cycle(ws, cycle.id).decided_at
    assert proposal is not None and (proposal.stage_id, proposal.starts_at) == (x["lead"].id, decided)
    assert proposal.reason == "'Call within an hour' became standard work (cycle 'Call fast')."
    sv.add_chart_phase(ws, proposal.stage_id, proposal.starts_at, reason=proposal.reason)
    assert sv.proposed_phase(ws, cycle.id) is None  # already there
    other = sv.create_cycle(ws, "Abandoned", from_stage_id=x["lead"].id, owner_rep_id=x["bo"].id, prediction_rate=0.4)
    sv.decide_cycle(ws, in_act(ws, other).id, "abandon", "No", early_reason=EARLY)
    assert sv.proposed_phase(ws, other.id) is None


def test_every_public_service_is_covered_here() -> None:
    """A new service function must get tests in this file, in test_reversals.py for the undo steps, or in the
    marketing services' own test files."""
    functions = {n for n in sv.__all__ if callable(getattr(sv, n)) and not isinstance(getattr(sv, n), type)}
    here = Path(__file__).parent
    source = "".join((here / name).read_text(encoding="utf-8") for name in (
        Path(__file__).name, "test_reversals.py", "test_marketing_services.py", "test_marketing_cap.py"))
    untested = sorted(n for n in functions if f"sv.{n}(" not in source and f"sv.{n}," not in source)
    assert untested == []


# --- keeping records in the app (issue 13): services/records.py and services/opportunity_edits.py --------

T_REC = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)


def rows_of(ws: Workspace, query: str, **params) -> list[tuple]:
    with ws.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(query), params)]


@pytest.fixture
def journey(ws: Workspace) -> Workspace:
    sv.ensure_defaults(ws)
    for name in ("Lead", "Qualified", "Won"):
        sv.create_stage(ws, name, terminal="won" if name == "Won" else "none")
    return ws


def test_a_team_with_active_reps_is_not_deactivated_and_an_inactive_one_takes_no_new_reps(ws) -> None:
    north = sv.create_team(ws, "North")
    south = sv.create_team(ws, "South")
    ann = sv.create_rep(ws, "Ann", team_id=north.id)
    with pytest.raises(ValidationError) as err:
        sv.set_team_active(ws, north.id, False)
    assert err.value.field == "active" and "1 active rep" in err.value.message
    sv.update_rep(ws, ann.id, team_id=south.id)  # move her
    sv.set_team_active(ws, north.id, False)
    assert [t.name for t in sv.list_all_teams(ws, include_inactive=False)] == ["South"]
    assert [t.name for t in sv.list_all_teams(ws)] == ["North", "South"]  # kept, with its history
    with pytest.raises(ValidationError) as err:
        sv.create_rep(ws, "Bo", team_id=north.id)
    assert err.value.field == "team_id" and "inactive" in err.value.message
    with pytest.raises(ValidationError):
        sv.update_rep(ws, ann.id, team_id=north.id)
    sv.set_team_active(ws, north.id, True)
    assert sv.create_rep(ws, "Bo", team_id=north.id).team_id == north.id


def test_deleted_rows_come_back_unless_their_name_was_taken(ws) -> None:
    team = sv.create_team(ws, "North")
    sv.delete_team(ws, team.id)
    sv.restore_team(ws, team.id)
    assert [t.name for t in sv.list_teams(ws)] == ["North"]
    rep = sv.create_rep(ws, "Ann")
    sv.delete_rep(ws, rep.id)
    sv.create_rep(ws, "ann")
    with pytest.raises(ValidationError, match="already exists"):
        sv.restore_rep(ws, rep.id)


def test_loss_reasons_are_reordered_and_a_deleted_one_comes_back_in_its_place(ws) -> None:
    sv.ensure_defaults(ws)
    reasons = sv.list_loss_reasons(ws)
    order = [r.id for r in reversed(reasons)]
    sv.reorder_loss_reasons(ws, order)
    assert [r.id for r in sv.list_loss_reasons(ws)] == order
    with pytest.raises(ValidationError, match="exactly once"):
        sv.reorder_loss_reasons(ws, order[:-1])
    middle = order[1]
    sv.delete_loss_reason(ws, middle)
    assert middle not in [r.id for r in sv.list_loss_reasons(ws)]
    sv.restore_loss_reason(ws, middle)
    assert [r.id for r in sv.list_loss_reasons(ws)] == order


def test_edit_opportunity_changes_every_field_in_one_transaction(journey) -> None:
    ws = journey
    ann = sv.create_rep(ws, "Ann")
    lead = sv.list_stages(ws)[0]
    opp = sv.create_opportunity(ws, "Acme", stage_id=lead.id, opened_at=T_REC)
    sv.edit_opportunity(ws, opp.id, name=" Acme GmbH ", rep_id=ann.id, amount="12500.5", channel="partner",
                        source="Fair 2026", opened_at=T_REC - timedelta(days=3))
    values = sv.opportunity_values(ws, opp.id)
    assert (values.name, values.rep_id, values.amount, values.channel, values.source) == (
        "Acme GmbH", ann.id, 12500.5, "partner", "Fair 2026")
    assert values.opened_at == T_REC - timedelta(days=3) and values.first_move_at == T_REC
    # a refused field leaves everything as it was, and names the field
    for kwargs, field in (({"name": " "}, "name"), ({"amount": "-1"}, "amount"),
                          ({"opened_at": T_REC + timedelta(days=1)}, "opened_at"),
                          ({"channel": "x" * 201}, "channel"), ({"outcome": "lost"}, "loss_reason_id")):
        with pytest.raises(ValidationError) as err:
            sv.edit_opportunity(ws, opp.id, **({"rep_id": None} | kwargs))
        assert err.value.field == field
    assert sv.opportunity_values(ws, opp.id).rep_id == ann.id


def test_close_lost_with_reason_then_reopen_and_the_won_stage_rule(journey) -> None:
    ws = journey
    stages = sv.list_stages(ws)
    opp = sv.create_opportunity(ws, "Acme", stage_id=stages[0].id, opened_at=T_REC)
    reason = sv.list_loss_reasons(ws)[0]
    closed = T_REC + timedelta(days=5)
    sv.edit_opportunity(ws, opp.id, outcome="lost", loss_reason_id=reason.id, closed_at=closed)
    assert rows_of(ws, "SELECT outcome, loss_reason_id FROM opportunity WHERE id = :i", i=opp.id) == [
        ("lost", reason.id)]
    assert sv.opportunity_values(ws, opp.id).closed_at == closed
    with pytest.raises(ValidationError) as err:
        sv.edit_opportunity(ws, opp.id, outcome="won", closed_at=T_REC - timedelta(days=1))
    assert err.value.field == "closed_at"
    sv.edit_opportunity(ws, opp.id, outcome="open")
    assert rows_of(ws, "SELECT outcome, loss_reason_id, closed_at FROM opportunity WHERE id = :i", i=opp.id) == [
        ("open", None, None)]
    sv.move_opportunity(ws, opp.id, stages[2].id, entered_at=T_REC + timedelta(days=9))  # into Won
    with pytest.raises(ValidationError) as err:
        sv.edit_opportunity(ws, opp.id, outcome="open")
    assert err.value.field == "outcome" and "undo that move" in err.value.message
    assert check_workspace(ws) == []


def test_a_deleted_opportunity_comes_back_with_exactly_the_moves_deleted_with_it(journey) -> None:
    ws = journey
    stages = sv.list_stages(ws)
    opp = sv.create_opportunity(ws, "Acme", stage_id=stages[0].id, opened_at=T_REC)
    move = sv.move_opportunity(ws, opp.id, stages[1].id, entered_at=T_REC + timedelta(days=1))
    sv.undo_move(ws, move)  # deleted earlier: stays deleted
    sv.delete_opportunity(ws, opp.id)
    assert rows_of(ws, "SELECT count(*) FROM stage_event WHERE deleted_at IS NULL") == [(0,)]
    sv.restore_opportunity(ws, opp.id)
    assert [e.stage_id for e in sv.history(ws, opp.id)] == [stages[0].id]


def test_archive_and_delete_tactics_and_cycles_as_tombstones(journey) -> None:
    ws = journey
    stages = sv.list_stages(ws)
    tactic = sv.create_tactic(ws, "Agenda first", stage_id=stages[0].id)
    sv.set_tactic_archived(ws, tactic.id, True)
    assert rows_of(ws, "SELECT archived_at IS NOT NULL FROM tactic") == [(1,)]
    assert [t.name for t in sv.list_tactics(ws, include_archived=False)] == []
    assert [t.name for t in sv.list_tactics(ws)] == ["Agenda first"]
    sv.set_tactic_archived(ws, tactic.id, False)
    assert rows_of(ws, "SELECT archived_at FROM tactic") == [(None,)]
    spare = sv.create_tactic(ws, "Never tried", stage_id=stages[0].id)
    sv.delete_tactic(ws, spare.id)
    sv.restore_tactic(ws, spare.id)
    assert [t.name for t in sv.list_tactics(ws)] == ["Agenda first", "Never tried"]

    ann = sv.create_rep(ws, "Ann")
    cycle = sv.create_cycle(ws, "Try it", from_stage_id=stages[0].id, owner_rep_id=ann.id, tactic_id=tactic.id,
                            planned_start=date(2026, 10, 5))
    assert not sv.cycle_deletion(ws, cycle.id).needs_confirmation
    sv.set_cycle_archived(ws, cycle.id, True)
    assert sv.list_cycles(ws, include_archived=False) == []
    sv.set_cycle_archived(ws, cycle.id, False)
    sv.update_cycle(ws, cycle.id, prediction_rate=0.5)
    sv.start_cycle(ws, cycle.id)
    early = sv.add_observation(ws, cycle.id, "Deleted before")
    sv.delete_observation(ws, early.id)
    sv.add_observation(ws, cycle.id, "Two calls booked")
    facts = sv.cycle_deletion(ws, cycle.id)
    assert facts.needs_confirmation and facts.observations == 1 and not facts.continued
    sv.delete_cycle(ws, cycle.id)
    assert rows_of(ws, "SELECT count(*) FROM cycle WHERE deleted_at IS NOT NULL") == [(1,)]  # a tombstone
    sv.restore_cycle(ws, cycle.id)
    assert [o.text for o in sv.observations(ws, cycle.id)] == ["Two calls booked"]
    assert [r.name for r in sv.participants(ws, cycle.id)] == ["Ann"]
    assert check_workspace(ws) == []


def test_an_archived_cycle_leaves_the_agenda_and_comes_back_when_restored(demo_ws) -> None:
    from pdsa_desk.core.agenda import build_agenda

    at = datetime(2026, 11, 24, 18, tzinfo=UTC)
    anchoring = next(c for c in sv.list_cycles(demo_ws) if c.title == "Anchoring budget with peers")

    def titles() -> list[str]:
        return [i.title for i in build_agenda(demo_ws, as_of=at).items]

    assert any(t.startswith("Anchoring budget with peers") for t in titles())
    sv.set_cycle_archived(demo_ws, anchoring.id, True)
    assert not any(t.startswith("Anchoring budget with peers") for t in titles())
    sv.set_cycle_archived(demo_ws, anchoring.id, False)
    assert any(t.startswith("Anchoring budget with peers") for t in titles())


# --- property: stage positions stay 0..n-1 -------------------------------------------------

STAGE_OPS = st.lists(
    st.one_of(
        st.tuples(st.just("create"), st.one_of(st.none(), st.integers(-2, 8))),
        st.tuples(st.just("move"), st.integers(0, 30), st.integers(-2, 8)),
        st.tuples(st.just("delete"), st.integers(0, 30)),
        st.tuples(st.just("reorder"), st.integers(0, 2**16)),
        st.tuples(st.just("update"), st.integers(0, 30)),
    ),
    max_size=12,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=STAGE_OPS)
def test_stage_positions_stay_contiguous(empty_workspace_file: Path, ops: list[tuple]) -> None:
    with tempfile.TemporaryDirectory() as folder:  # a new workspace for every example
        ws = copy_workspace(empty_workspace_file, Path(folder))
        try:
            model: list[str] = []  # the expected order of stage names
            ids: dict[str, str] = {}
            for n, op in enumerate(ops):
                kind = op[0]
                if kind == "create":
                    name = f"S{n}"
                    stage = sv.create_stage(ws, name, position=op[1])
                    index = len(model) if op[1] is None else max(0, min(op[1], len(model)))
                    model.insert(index, name)
                    ids[name] = stage.id
                elif not model:
                    continue
                elif kind == "move":
                    name = model[op[1] % len(model)]
                    sv.move_stage(ws, ids[name], op[2])
                    model.remove(name)
                    model.insert(max(0, min(op[2], len(model))), name)
                elif kind == "delete":
                    name = model.pop(op[1] % len(model))
                    sv.delete_stage(ws, ids.pop(name))
                elif kind == "reorder":
                    random.Random(op[1]).shuffle(model)
                    sv.reorder_stages(ws, [ids[name] for name in model])
                else:  # a definition edit must not disturb the order
                    name = model[op[1] % len(model)]
                    sv.update_stage(ws, ids[name], standard=f"edited {n}", wip_limit=3)
                stages = sv.list_stages(ws)
                assert [s.position for s in stages] == list(range(len(stages)))
                assert names(stages) == model
        finally:
            ws.close()


def test_delete_team_used_by_a_whole_team_cycle_is_refused(ws) -> None:
    north = sv.create_team(ws, "North")
    ann = sv.create_rep(ws, "Ann", team_id=north.id)
    lead = sv.create_stage(ws, "Lead")
    sv.create_stage(ws, "Won", terminal="won")
    sv.create_cycle(ws, "Team try", from_stage_id=lead.id, owner_rep_id=ann.id, whole_team=True)
    sv.update_rep(ws, ann.id, team_id=None)
    refused(ws, sv.delete_team, north.id, text="takes part in PDSA cycles as a whole team", field=None)


def test_update_cycle_whole_team_takes_the_owners_team_and_tactic_becomes_testing(ws) -> None:
    north = sv.create_team(ws, "North")
    ann = sv.create_rep(ws, "Ann", team_id=north.id)
    bo = sv.create_rep(ws, "Bo", team_id=north.id)
    lead = sv.create_stage(ws, "Lead")
    sv.create_stage(ws, "Won", terminal="won")
    idea = sv.create_tactic(ws, "Call back fast")
    cycle = sv.create_cycle(ws, "Try", from_stage_id=lead.id, owner_rep_id=ann.id)
    updated = sv.update_cycle(ws, cycle.id, whole_team=True, tactic_id=idea.id)
    assert updated.team_id == north.id
    assert {r.id for r in sv.participants(ws, cycle.id)} == {ann.id, bo.id}
    assert next(t for t in sv.list_tactics(ws) if t.id == idea.id).status == "testing"


def test_update_cycle_whole_team_without_any_team_is_refused(ws) -> None:
    ann = sv.create_rep(ws, "Ann")
    lead = sv.create_stage(ws, "Lead")
    sv.create_stage(ws, "Won", terminal="won")
    cycle = sv.create_cycle(ws, "Try", from_stage_id=lead.id, owner_rep_id=ann.id)
    refused(ws, sv.update_cycle, cycle.id, whole_team=True, text="Choose the team that takes part.",
            field="team_id")


# --- the shared rules (core/rules.py) ------------------------------------------------------


def broken_rules(ws: Workspace) -> list[str]:
    with ws.engine.connect() as conn:
        return [v.rule for v in rules.violations(conn)]


def test_rules_close_reopen_and_entering_the_won_stage() -> None:
    at = EARLIER + timedelta(days=1)
    assert rules.close("won", at, EARLIER, "ignored") == {"outcome": "won", "closed_at": at, "loss_reason_id": None}
    assert rules.close("lost", at, EARLIER, "r1") == {"outcome": "lost", "closed_at": at, "loss_reason_id": "r1"}
    with pytest.raises(ValidationError, match="Choose a loss reason") as error:
        rules.close("lost", at, EARLIER)
    assert error.value.field == "loss_reason_id"
    with pytest.raises(ValidationError, match="cannot be won before it was created") as error:
        rules.close("won", EARLIER - timedelta(seconds=1), EARLIER)
    assert error.value.field == "closed_at"
    with pytest.raises(ValueError, match="won or lost"):
        rules.close("open", at, EARLIER)
    assert rules.reopened() == {"outcome": "open", "closed_at": None, "loss_reason_id": None}
    assert rules.entering("won", at, EARLIER) == {"outcome": "won", "closed_at": at, "loss_reason_id": None}
    assert rules.entering("none", at, EARLIER) is None
    with pytest.raises(ValidationError, match="already lost; reopen it before moving it"):
        rules.ensure_open("Acme", "lost")


def test_rules_stage_order_and_revisions() -> None:
    assert rules.renumbered(["a", "b", "c"], {"a": 0, "b": 2, "c": 5}) == {"b": 1, "c": 2}
    assert rules.renumbered(["c", "a"], {"a": 0, "c": 1}) == {"c": 0, "a": 1}
    assert rules.renumbered(["new"], {}) == {"new": 0}
    revision = rules.standard_revision("s1", "Lead", "Named contact", ("Contact",), at=NOW, author="me")
    assert revision["stage_id"] == "s1" and revision["checklist"] == ["Contact"]
    assert revision["effective_from"] == revision["created_at"] == revision["updated_at"] == NOW
    assert rules.first_revision_id("s1") == rules.first_revision_id("s1") != rules.first_revision_id("s2")


def test_services_keep_every_rule(ws) -> None:
    lead, qualified, won = pipeline(ws)
    team = sv.create_team(ws, "North")
    ann = sv.create_rep(ws, "Ann", team_id=team.id)
    proposal = sv.create_stage(ws, "Proposal", position=2)
    sv.update_stage(ws, proposal.id, standard="A proposal was asked for.")
    sv.move_stage(ws, won.id, 0)
    sv.move_stage(ws, won.id, 3)
    scratch = sv.create_stage(ws, "Scratch", position=1)
    sv.delete_stage(ws, scratch.id)
    deals = [sv.create_opportunity(ws, f"Deal {i}", rep_id=ann.id, stage_id=lead.id, opened_at=EARLIER)
             for i in range(5)]
    move = sv.move_opportunity(ws, deals[0].id, won.id)
    sv.undo_move(ws, move)
    sv.redo_move(ws, move)
    sv.move_opportunity(ws, deals[1].id, qualified.id)
    sv.mark_lost(ws, deals[1].id, sv.list_loss_reasons(ws)[0].id)
    sv.reopen(ws, deals[1].id)
    sv.mark_won(ws, deals[2].id)
    sv.mark_lost(ws, deals[3].id, sv.list_loss_reasons(ws)[1].id)
    sv.delete_opportunity(ws, deals[4].id)
    cycle = sv.create_cycle(ws, "Try", from_stage_id=lead.id, owner_rep_id=ann.id, prediction_rate=0.3)
    sv.add_observation(ws, cycle.id, "Seen")
    assert [s.position for s in sv.list_stages(ws)] == [0, 1, 2, 3]
    assert len(sv.stage_revisions(ws, proposal.id)) == 2
    assert broken_rules(ws) == []


def test_reopening_after_entering_the_won_stage_is_reported_until_it_moves_on(ws) -> None:
    """The services allow it (a program may reopen any opportunity; the app undoes the move instead);
    the rule of the won stage says it should not stay so, and check says so until it moves on."""
    lead, qualified, won = pipeline(ws)
    opp = sv.create_opportunity(ws, "Acme", stage_id=lead.id, opened_at=EARLIER)
    sv.move_opportunity(ws, opp.id, won.id)
    assert broken_rules(ws) == []
    sv.reopen(ws, opp.id)
    assert broken_rules(ws) == ["open-in-won-stage"]
    sv.move_opportunity(ws, opp.id, qualified.id)
    assert broken_rules(ws) == []


def test_participant_ids_of_every_cycle_in_one_query_match_participants(demo_ws) -> None:
    by_cycle = sv.participant_ids_by_cycle(demo_ws)
    cycles = sv.list_cycles(demo_ws)
    assert any(len(ids) > 1 for ids in by_cycle.values())
    for cycle in cycles:
        assert by_cycle.get(cycle.id, ()) == tuple(r.id for r in sv.participants(demo_ws, cycle.id))
