"""Bundles between offline laptops: export, merge, conflicts, mappings, hostile files, the manager's flow."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from pdsa_desk.app import main
from pdsa_desk.core import exchange
from pdsa_desk.core import services as sv
from pdsa_desk.core.check import check_workspace
from pdsa_desk.core.database import Workspace, open_workspace
from pdsa_desk.core.errors import PdsaError, ValidationError
from pdsa_desk.core.exchange import (
    BundleError,
    UnmappedDefinitionsError,
    export_bundle,
    export_definitions,
    merge_bundle,
    merge_bundles,
    preview_merge,
    read_header,
)
from pdsa_desk.core.exchange import apply as apply_module
from pdsa_desk.core.models import ALL_TABLES
from pdsa_desk.core.schema import head_revision
from pdsa_desk.core.sqlite_file import backup_sqlite_file
from tests.schema_history import to_revision_0001

# --- helpers -------------------------------------------------------------------------------


def dump(ws: Workspace) -> dict[str, list[tuple]]:
    """Every row of every workspace table (tombstones too), comparable; local merge bookkeeping excluded."""
    with ws.engine.connect() as conn:
        return {m.__tablename__: sorted(tuple(r) for r in conn.execute(select(m.__table__)))
                for m in ALL_TABLES}  # type: ignore[attr-defined]


def digest(path: Path) -> str:
    h = hashlib.sha256(path.read_bytes())
    wal = Path(f"{path}-wal")
    if wal.exists():
        h.update(wal.read_bytes())
    return h.hexdigest()


def make_manager(folder: Path, name: str = "manager") -> Workspace:
    ws = open_workspace(folder / f"{name}.sqlite")
    sv.update_settings(ws, name="Manager")
    for stage in ("Lead", "Qualified", "Proposal"):
        sv.create_stage(ws, stage)
    sv.create_stage(ws, "Won", terminal="won")
    team = sv.create_team(ws, "East")
    for rep in ("Ann", "Bo", "Cy"):
        sv.create_rep(ws, rep, team_id=team.id)
    sv.create_tactic(ws, "Call within an hour", stage_id=sv.list_stages(ws)[0].id)
    return ws


def new_laptop(folder: Path, name: str, standards: Path) -> Workspace:
    """A new workspace on a rep's laptop that merged the manager's standards."""
    ws = open_workspace(folder / f"{name}.sqlite")
    sv.update_settings(ws, name=name)
    merge_bundle(ws, standards, map_by_name=True)
    return ws


def rep_named(ws: Workspace, name: str):
    return next(r for r in sv.list_reps(ws) if r.name == name)


def record_work(ws: Workspace, rep_name: str, label: str) -> None:
    """Offline work of one rep: opportunities, board moves, a loss, a cycle with observations."""
    stages = sv.list_stages(ws)
    rep = rep_named(ws, rep_name)
    t0 = datetime(2026, 11, 2, 9, tzinfo=UTC)
    for i in range(3):
        opp = sv.create_opportunity(ws, f"{label} deal {i}", rep_id=rep.id, stage_id=stages[0].id,
                                    opened_at=t0 + timedelta(days=i))
        sv.move_opportunity(ws, opp.id, stages[1].id, entered_at=t0 + timedelta(days=i + 2))
        if i == 2:
            # A reason this laptop invents while offline; the manager invents one of the same name.
            dark = sv.create_loss_reason(ws, "Went dark")
            sv.mark_lost(ws, opp.id, dark.id, at=t0 + timedelta(days=i + 3))
    tactic = sv.list_tactics(ws)[0]
    cycle = sv.create_cycle(ws, f"{label} calls fast", from_stage_id=stages[0].id, owner_rep_id=rep.id,
                            tactic_id=tactic.id, prediction_rate=0.5)
    sv.add_observation(ws, cycle.id, f"{label}: customers answered")
    sv.add_observation(ws, cycle.id, f"{label}: voicemail twice", kind="problem")


@dataclass
class Scenario:
    """Files written once per module: copy them before use."""

    folder: Path
    manager: Path  # the manager's workspace, after sending standards
    standards: Path
    work: Path  # Ann's work bundle


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    folder = tmp_path_factory.mktemp("scenario")
    manager = make_manager(folder)
    standards = folder / "standards.pdsa"
    export_definitions(manager, standards)
    sv.create_loss_reason(manager, "Went dark")  # after the standards went out: a clash by name
    manager.close()
    ann = new_laptop(folder, "ann-laptop", standards)
    record_work(ann, "Ann", "Ann")
    work = folder / "ann.pdsa"
    export_bundle(ann, work)
    ann.close()
    return Scenario(folder, folder / "manager.sqlite", standards, work)


@pytest.fixture
def manager(scenario: Scenario, tmp_path: Path) -> Iterator[Workspace]:
    path = tmp_path / "manager.sqlite"
    shutil.copyfile(scenario.manager, path)
    ws = open_workspace(path)
    yield ws
    ws.close()


def copy_of(path: Path, folder: Path, name: str | None = None) -> Path:
    target = folder / (name or path.name)
    shutil.copyfile(path, target)
    return target


# --- export --------------------------------------------------------------------------------


def test_a_bundle_is_a_self_describing_plain_data_sqlite_file(scenario: Scenario) -> None:
    con = sqlite3.connect(f"file:{scenario.work}?mode=ro", uri=True)
    try:
        header = dict(con.execute("SELECT key, value FROM pdsa_bundle_header").fetchall())
        assert header["kind"] == "work" and header["origin_name"] == "ann-laptop"
        assert header["schema_revision"] == head_revision()
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [(head_revision(),)]
        assert datetime.fromisoformat(header["exported_at"]).tzinfo is not None
        assert int(header["rows.stage_event"]) == con.execute("SELECT count(*) FROM stage_event").fetchone()[0] == 6
        assert int(header["rows.cycle_observation"]) == 2
        assert con.execute("SELECT count(*) FROM workspace_settings").fetchone()[0] == 0
        # Plain data: tables and indexes only (no triggers or views), no blobs anywhere.
        assert {r[0] for r in con.execute("SELECT type FROM sqlite_master")} <= {"table", "index"}
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            columns = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
            for column in columns:
                blobs = con.execute(f"SELECT count(*) FROM {table} WHERE typeof({column}) = 'blob'").fetchone()[0]
                assert blobs == 0, (table, column)
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        con.close()
    assert not Path(f"{scenario.work}-wal").exists()
    info = read_header(scenario.work)
    assert info.kind == exchange.KIND_WORK and info.row_counts["opportunity"] == 3
    assert info.total_rows == sum(info.row_counts.values())


def test_standards_hold_only_definitions_reps_included(scenario: Scenario) -> None:
    header = read_header(scenario.standards)
    assert header.kind == exchange.KIND_DEFINITIONS
    assert set(header.row_counts) == set(exchange.DEFINITION_TABLES)
    assert header.row_counts["rep"] == 3 and header.row_counts["stage"] == 4 and header.row_counts["tactic"] == 1
    assert header.row_counts["standard_revision"] == 4 and header.row_counts["team"] == 1


def test_since_keeps_changed_rows_and_everything_they_refer_to(manager: Workspace, tmp_path: Path) -> None:
    stages = sv.list_stages(manager)
    opp = sv.create_opportunity(manager, "Old", rep_id=rep_named(manager, "Ann").id, stage_id=stages[0].id)
    with manager.engine.begin() as conn:  # everything so far happened "last month"
        for m in ALL_TABLES:
            t = m.__table__  # type: ignore[attr-defined]
            conn.execute(t.update().values(updated_at=datetime(2026, 10, 1, tzinfo=UTC)))
    sv.move_opportunity(manager, opp.id, stages[1].id)  # touches the opportunity too
    out = tmp_path / "since.pdsa"
    header = export_bundle(manager, out, since=datetime(2026, 11, 1, tzinfo=UTC).date())
    counts = header.row_counts
    assert counts["stage_event"] == 1  # the new move only
    assert counts["opportunity"] == 1
    assert counts["stage"] == 1  # the stage the move refers to
    assert counts["rep"] == 1 and counts["team"] == 1  # the opportunity's rep, and the rep's team
    assert counts["tactic"] == 0 and counts["cycle"] == 0
    assert header.since == datetime(2026, 11, 1, tzinfo=UTC)
    other = open_workspace(tmp_path / "other.sqlite")
    try:
        report = merge_bundle(other, out, map_by_name=True)  # self-contained: merges into an empty workspace
        assert report.tables["stage_event"].added == 1
        assert check_workspace(other) == []
    finally:
        other.close()


def test_export_never_overwrites_a_file_that_is_not_a_bundle(manager: Workspace, tmp_path: Path) -> None:
    precious = tmp_path / "notes.pdsa"
    precious.write_text("my notes")
    with pytest.raises(BundleError, match="not a pdsa-desk bundle"):
        export_bundle(manager, precious)
    assert precious.read_text() == "my notes"
    with pytest.raises(BundleError, match="workspace itself"):
        export_bundle(manager, manager.path)  # type: ignore[arg-type]
    with pytest.raises(BundleError, match="does not exist"):
        export_bundle(manager, tmp_path / "nowhere" / "x.pdsa")
    out = tmp_path / "week.pdsa"
    export_bundle(manager, out, definitions_only=True)
    export_bundle(manager, out)  # an older bundle is replaced
    assert read_header(out).kind == exchange.KIND_WORK
    assert sorted(p.name for p in tmp_path.iterdir() if "week" in p.name) == ["week.pdsa"]


# --- merging -------------------------------------------------------------------------------


def test_merge_adds_work_and_rewrites_mapped_loss_reasons(manager: Workspace, scenario: Scenario) -> None:
    report = merge_bundle(manager, scenario.work, map_by_name=True)
    assert report.tables["stage_event"].added == 6
    assert report.tables["cycle_observation"].added == 2
    assert report.tables["opportunity"].added == 3
    assert {m.what for m in report.mapped} == {"loss reason"}  # 'Went dark', invented on both sides
    assert report.conflicts == []
    assert report.tables["tactic"].updated == 1  # Ann's cycle made the tactic 'testing'
    assert [t.status for t in sv.list_tactics(manager)] == ["testing"]
    assert len(sv.list_loss_reasons(manager)) == 5  # the 4 seeded (shared ids) + 'Went dark' once
    lost = [o for o in dump(manager)["opportunity"] if "lost" in o]
    reason_ids = {r.id for r in sv.list_loss_reasons(manager)}
    assert len(lost) == 1 and any(v in reason_ids for v in lost[0])
    assert check_workspace(manager) == []
    assert any("stage move: 6 added" in line for line in report.lines())


def test_merging_the_same_file_twice_changes_nothing(manager: Workspace, scenario: Scenario) -> None:
    merge_bundle(manager, scenario.work, map_by_name=True)
    before = dump(manager)
    manager.close()
    file_before = digest(manager.path)  # type: ignore[arg-type]
    ws = open_workspace(manager.path)  # type: ignore[arg-type]
    try:
        again = merge_bundle(ws, scenario.work)  # the mapping was remembered for that laptop
        assert not again.changed and again.totals().added == again.totals().updated == 0
        assert again.mapped == [] and again.conflicts == []
        assert dump(ws) == before
    finally:
        ws.close()
    assert digest(manager.path) == file_before  # type: ignore[arg-type]


def test_dry_run_reports_without_changing_anything(manager: Workspace, scenario: Scenario) -> None:
    before = dump(manager)
    dry = merge_bundle(manager, scenario.work, map_by_name=True, dry_run=True)
    assert dry.dry_run and dry.tables["stage_event"].added == 6
    assert dump(manager) == before
    assert "dry run" in dry.lines()[-1]
    assert preview_merge(manager, scenario.work).conflicts  # the mapping was not remembered either
    real = merge_bundle(manager, scenario.work, map_by_name=True)
    assert real.tables == dry.tables


def test_definitions_clashing_by_name_are_refused_until_mapped(manager: Workspace, scenario: Scenario,
                                                                tmp_path: Path) -> None:
    # A laptop that was set up on its own: its own stages and reps, partly with the manager's names.
    solo = open_workspace(tmp_path / "solo.sqlite")
    lead = sv.create_stage(solo, "lead")  # same name, other case
    sv.create_stage(solo, "Site visit")
    ann = sv.create_rep(solo, "ANN")
    opp = sv.create_opportunity(solo, "Solo deal", rep_id=ann.id, stage_id=lead.id)
    out = tmp_path / "solo.pdsa"
    export_bundle(solo, out)
    solo.close()

    before = dump(manager)
    with pytest.raises(UnmappedDefinitionsError) as info:
        merge_bundle(manager, out)
    listed = {(c.table, c.remote_name, c.local_name) for c in info.value.conflicts}
    assert {("stage", "lead", "Lead"), ("rep", "ANN", "Ann")} <= listed
    assert "--map-by-name" in str(info.value)
    assert dump(manager) == before
    assert {(c.table, c.remote_name) for c in preview_merge(manager, out).conflicts} == {
        (t, r) for t, r, _ in listed}

    # The user maps the stage to another one than the name suggests, and the rest by name.
    qualified = next(s for s in sv.list_stages(manager) if s.name == "Qualified")
    mapping = {(c.table, c.remote_id): (qualified.id if c.table == "stage" else c.local_id)
               for c in info.value.conflicts}
    report = merge_bundle(manager, out, mapping=mapping)
    assert len(report.mapped) == len(info.value.conflicts)
    stages = sv.list_stages(manager)
    assert [s.name for s in stages][-1] == "Site visit" and [s.position for s in stages] == list(range(5))
    history = sv.history(manager, opp.id)
    assert [e.stage_id for e in history] == [qualified.id]  # foreign keys rewritten to the local ids
    merged_opp = next(r for r in dump(manager)["opportunity"] if r[0] == opp.id)
    assert rep_named(manager, "Ann").id in merged_opp
    assert len(sv.list_reps(manager)) == 3
    assert check_workspace(manager) == []
    assert merge_bundle(manager, out).changed is False  # remembered for that origin


def test_newer_version_wins_and_changes_on_both_sides_are_conflicts(scenario: Scenario, tmp_path: Path) -> None:
    mgr = open_workspace(copy_of(scenario.manager, tmp_path))
    ann = new_laptop(tmp_path, "ann", scenario.standards)
    try:
        tactic = sv.list_tactics(mgr)[0]
        sv.update_tactic(mgr, tactic.id, description="Manager's words")
        sv.update_tactic(ann, tactic.id, description="Ann's words")  # later: wins
        bo = rep_named(ann, "Bo")
        sv.update_rep(ann, bo.id, email="bo@example.com")  # only Ann changed Bo: a plain update
        export_bundle(ann, tmp_path / "ann.pdsa")
        report = merge_bundle(mgr, tmp_path / "ann.pdsa", map_by_name=True)
        assert sv.list_tactics(mgr)[0].description == "Ann's words"
        assert [(c.table, c.kept) for c in report.conflicts] == [("tactic", "incoming")]
        assert report.conflicts[0].other == {"description": "Manager's words"}
        assert "changed on both sides" in str(report.conflicts[0])
        assert report.tables["rep"].updated == 1 and rep_named(mgr, "Bo").email == "bo@example.com"

        sv.update_tactic(mgr, tactic.id, description="Manager again")  # newer than Ann's
        sv.update_tactic(ann, tactic.id, description="Ann again")
        sv.update_tactic(mgr, tactic.id, description="Manager last")
        export_bundle(ann, tmp_path / "ann2.pdsa")
        report = merge_bundle(mgr, tmp_path / "ann2.pdsa")
        assert sv.list_tactics(mgr)[0].description == "Manager last"
        assert [(c.table, c.kept) for c in report.conflicts] == [("tactic", "local")]
        assert report.conflicts[0].other == {"description": "Ann again"}
    finally:
        mgr.close()
        ann.close()


def test_tombstones_propagate_deletes_and_newer_edits_revive(scenario: Scenario, tmp_path: Path) -> None:
    mgr = open_workspace(copy_of(scenario.manager, tmp_path))
    ann = new_laptop(tmp_path, "ann", scenario.standards)
    try:
        record_work(ann, "Ann", "Ann")
        export_bundle(ann, tmp_path / "1.pdsa")
        merge_bundle(mgr, tmp_path / "1.pdsa", map_by_name=True)
        doomed = next(o for o in sv.list_reps(ann) if o.name == "Cy")
        sv.delete_rep(ann, doomed.id)  # Cy left the team (a tombstone)
        cycle = sv.list_cycles(ann)[0]
        gone = sv.observations(ann, cycle.id)[0]
        sv.delete_observation(ann, gone.id)
        export_bundle(ann, tmp_path / "2.pdsa")
        report = merge_bundle(mgr, tmp_path / "2.pdsa")
        assert report.tables["rep"].updated == 1 and report.tables["cycle_observation"].updated == 1
        assert "Cy" not in {r.name for r in sv.list_reps(mgr)}
        assert gone.id not in {o.id for o in sv.observations(mgr, cycle.id)}

        # An older tombstone does not win over a newer edit here.
        bo = rep_named(ann, "Bo")
        sv.delete_rep(ann, bo.id)
        export_bundle(ann, tmp_path / "3.pdsa")
        sv.update_rep(mgr, bo.id, email="bo@example.com")
        merge_bundle(mgr, tmp_path / "3.pdsa")
        assert rep_named(mgr, "Bo").email == "bo@example.com"
        assert check_workspace(mgr) == []
    finally:
        mgr.close()
        ann.close()


def test_stage_positions_stay_contiguous_new_stages_appended_manager_order_adopted(
        scenario: Scenario, tmp_path: Path) -> None:
    mgr = open_workspace(copy_of(scenario.manager, tmp_path))
    ann = new_laptop(tmp_path, "ann", scenario.standards)
    bo = new_laptop(tmp_path, "bo", scenario.standards)
    try:
        sv.create_stage(ann, "Demo A1")
        sv.create_stage(ann, "Demo A2")
        sv.create_stage(bo, "Demo B")
        for laptop, name in ((ann, "a"), (bo, "b")):
            export_bundle(laptop, tmp_path / f"{name}.pdsa")
            merge_bundle(mgr, tmp_path / f"{name}.pdsa", map_by_name=True)
        names = [s.name for s in sv.list_stages(mgr)]
        assert names == ["Lead", "Qualified", "Proposal", "Won", "Demo A1", "Demo A2", "Demo B"]
        assert [s.position for s in sv.list_stages(mgr)] == list(range(7))

        # The manager reorders the standards and adds a stage in the middle; Ann adopts that order,
        # keeping her own new stage after it.
        ids = {s.name: s.id for s in sv.list_stages(mgr)}
        sv.delete_stage(mgr, ids["Demo B"])
        sv.reorder_stages(mgr, [ids[n] for n in ("Lead", "Demo A1", "Qualified", "Demo A2", "Proposal", "Won")])
        sv.create_stage(mgr, "Contract", position=5)
        sv.create_stage(ann, "Ann only")
        export_definitions(mgr, tmp_path / "std2.pdsa")
        report = merge_bundle(ann, tmp_path / "std2.pdsa")
        assert report.tables["stage"].updated >= 3
        assert [s.name for s in sv.list_stages(ann)] == [
            "Lead", "Demo A1", "Qualified", "Demo A2", "Proposal", "Contract", "Won", "Ann only"]
        assert check_workspace(ann) == []
        assert merge_bundle(ann, tmp_path / "std2.pdsa").changed is False

        # Ann's older order does not undo the manager's.
        export_bundle(ann, tmp_path / "a2.pdsa")
        merge_bundle(mgr, tmp_path / "a2.pdsa")
        assert [s.name for s in sv.list_stages(mgr)] == [
            "Lead", "Demo A1", "Qualified", "Demo A2", "Proposal", "Contract", "Won", "Ann only"]
        assert check_workspace(mgr) == []
    finally:
        for ws in (mgr, ann, bo):
            ws.close()


def test_a_stage_arriving_without_its_revisions_gets_its_first_one(manager: Workspace, tmp_path: Path) -> None:
    """A bundle exported ``since`` a date carries a stage edited since then, not its older revisions: the
    merge records the stage's first revision (the rule of core/rules.py), with the same id on every laptop."""
    stage = sv.create_stage(manager, "Pilot", standard="A pilot is running.", checklist=["Pilot signed"])
    cut = datetime.now(UTC)
    sv.update_stage(manager, stage.id, wip_limit=4)  # no change of definition: no revision
    assert len(sv.stage_revisions(manager, stage.id)) == 1
    export_bundle(manager, tmp_path / "since.pdsa", since=cut)
    assert read_header(tmp_path / "since.pdsa").row_counts["standard_revision"] == 0
    recorded = []
    for name in ("a", "b"):
        laptop = open_workspace(tmp_path / f"{name}.sqlite")
        try:
            report = merge_bundle(laptop, tmp_path / "since.pdsa")
            assert report.tables["standard_revision"].added == 1
            [revision] = sv.stage_revisions(laptop, stage.id)
            assert (revision.name, revision.standard, revision.checklist, revision.author) == (
                "Pilot", "A pilot is running.", ["Pilot signed"], "merge")
            assert revision.effective_from == stage.created_at
            assert check_workspace(laptop) == []
            assert merge_bundle(laptop, tmp_path / "since.pdsa").changed is False
            recorded.append(dump(laptop)["standard_revision"])
        finally:
            laptop.close()
    assert recorded[0] == recorded[1]


def test_a_revived_stage_gets_a_revision_again(manager: Workspace, scenario: Scenario, tmp_path: Path) -> None:
    """One laptop deletes a stage (and its revisions), the other edits it later: the edit revives the stage,
    and the merge gives it a live revision again."""
    ann = new_laptop(tmp_path, "ann", scenario.standards)
    try:
        proposal = next(s for s in sv.list_stages(manager) if s.name == "Proposal")
        sv.delete_stage(manager, proposal.id)
        sv.update_stage(ann, proposal.id, wip_limit=9)
        export_bundle(manager, tmp_path / "m.pdsa")
        merge_bundle(ann, tmp_path / "m.pdsa", map_by_name=True)  # the manager's tombstones are older: kept live
        export_bundle(ann, tmp_path / "a.pdsa")
        report = merge_bundle(manager, tmp_path / "a.pdsa", map_by_name=True)
        assert proposal.id in {s.id for s in sv.list_stages(manager)}
        assert report.tables["standard_revision"].added == 1
        assert [r.author for r in sv.stage_revisions(manager, proposal.id)] == ["merge"]
        assert check_workspace(manager) == []
    finally:
        ann.close()


def test_models_match_the_migrations(tmp_path: Path) -> None:
    """Alembic's autogenerate comparison finds nothing between models.py (the merge bookkeeping tables
    included) and a workspace created through the migrations."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from pdsa_desk.core import models

    assert {"merge_identity_map", "merge_origin"} <= set(models.metadata.tables)
    assert exchange.identity_map is models.merge_identity_map and exchange.merge_origin is models.merge_origin
    ws = open_workspace(tmp_path / "fresh.sqlite")
    try:
        with ws.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True, "render_as_batch": True})
            assert compare_metadata(context, models.metadata) == []
    finally:
        ws.close()


def test_a_failure_midway_leaves_the_workspace_as_it_was(manager: Workspace, scenario: Scenario,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    before = dump(manager)
    path = manager.path
    assert path is not None
    manager.close()
    file_before = digest(path)
    real = apply_module.write_rows
    calls: list[str] = []

    def failing(conn, writer, table, *args, **kwargs) -> None:
        calls.append(table.name)
        if table.name == "cycle_observation":  # the last table: the others were written
            raise OSError("disk full")
        real(conn, writer, table, *args, **kwargs)

    monkeypatch.setattr(apply_module, "write_rows", failing)
    ws = open_workspace(path)
    try:
        with pytest.raises(OSError, match="disk full"):
            merge_bundle(ws, scenario.work, map_by_name=True)
        assert {"opportunity", "stage_event", "cycle"} <= set(calls[:-1]) and calls[-1] == "cycle_observation"
        assert dump(ws) == before
        with ws.engine.connect() as conn:
            assert conn.execute(select(exchange.identity_map)).all() == []
            assert conn.execute(select(exchange.merge_origin)).all() == []
    finally:
        ws.close()
    assert digest(path) == file_before
    monkeypatch.setattr(apply_module, "write_rows", real)
    ws = open_workspace(path)
    try:
        assert merge_bundle(ws, scenario.work, map_by_name=True).tables["stage_event"].added == 6
    finally:
        ws.close()


def test_an_older_schema_bundle_is_upgraded_through_the_migrations(manager: Workspace, scenario: Scenario,
                                                                   tmp_path: Path) -> None:
    old = copy_of(scenario.work, tmp_path, "old.pdsa")
    con = sqlite3.connect(old)
    for statement in to_revision_0001():
        con.execute(statement)
    con.execute("UPDATE pdsa_bundle_header SET value = '0001' WHERE key = 'schema_revision'")
    con.commit()
    con.close()
    before = digest(old)
    assert read_header(old).schema_revision == "0001"
    report = merge_bundle(manager, old, map_by_name=True)
    assert report.tables["stage_event"].added == 6
    assert digest(old) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("old")) == ["old.pdsa"]


# --- hostile files -------------------------------------------------------------------------


def _sql(*statements: str) -> Callable[[Path], None]:
    def change(path: Path) -> None:
        con = sqlite3.connect(path)
        try:
            for statement in statements:
                con.execute(statement)
            con.commit()
        finally:
            con.close()
    return change


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _scramble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for i in range(4096, len(data) - 4096, 997):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


HOSTILE: dict[str, tuple[Callable[[Path], None], str]] = {
    "not-sqlite": (lambda p: p.write_text("Dear manager, here is my week.\n"), "not an SQLite database"),
    "empty": (lambda p: p.write_bytes(b""), "not an SQLite database"),
    "truncated": (_truncate, "damaged|cannot be read"),
    "corrupt": (_scramble, "damaged|cannot be read"),
    "newer-schema": (_sql("UPDATE alembic_version SET version_num = 'ffff_future'",
                          "UPDATE pdsa_bundle_header SET value = 'ffff_future' WHERE key = 'schema_revision'"),
                     "newer version of pdsa-desk"),
    "newer-format": (_sql("UPDATE pdsa_bundle_header SET value = '99' WHERE key = 'format'"),
                     "newer version of pdsa-desk"),
    "schema-header-mismatch": (_sql("UPDATE alembic_version SET version_num = 'ffff_future'"), "inconsistent"),
    "missing-header": (_sql("DROP TABLE pdsa_bundle_header"), "no bundle header"),
    "header-without-origin": (_sql("DELETE FROM pdsa_bundle_header WHERE key = 'origin_workspace_id'"),
                              "damaged bundle header"),
    "oversized-name": (_sql("UPDATE rep SET name = printf('%.*c', 120000, 'x')"), "too long"),
    "oversized-text": (_sql("UPDATE cycle SET objective = printf('%.*c', 300000, 'x')"), "too long"),
    "dangling-foreign-key": (_sql(f"UPDATE stage_event SET stage_id = '{uuid.uuid4()}' "
                                  "WHERE id = (SELECT min(id) FROM stage_event)"),
                             "neither in the file nor in this workspace"),
    "row-removed": (_sql("DELETE FROM cycle_observation WHERE id = (SELECT min(id) FROM cycle_observation)"),
                    "incomplete or altered"),
    "unknown-choice": (_sql("UPDATE opportunity SET outcome = 'maybe'"), "is not one of"),
    "wrong-type": (_sql("UPDATE stage SET window_days = 'thirty'"), "not a whole number"),
    "bad-time": (_sql("UPDATE stage_event SET entered_at = 'yesterday'"), "cannot be read"),
    "duplicate-names": (_sql("UPDATE rep SET name = 'Ann'"), "two live reps"),
    "not-a-uuid": (_sql("UPDATE cycle_observation SET id = '../../etc' WHERE id = (SELECT min(id) FROM "
                        "cycle_observation)"), "not a UUID"),
    "standards-with-work": (_sql("UPDATE pdsa_bundle_header SET value = 'definitions' WHERE key = 'kind'"),
                            "standards only"),
}


@pytest.mark.parametrize("spoil", list(HOSTILE), ids=list(HOSTILE))
def test_hostile_files_are_refused_and_the_workspace_is_untouched(
        spoil: str, scenario: Scenario, tmp_path: Path) -> None:
    change, message = HOSTILE[spoil]
    bad = copy_of(scenario.work, tmp_path, "bad.pdsa")
    change(bad)
    bad_bytes = bad.read_bytes()
    target = copy_of(scenario.manager, tmp_path)
    before = digest(target)
    ws = open_workspace(target)
    try:
        with pytest.raises(BundleError, match=message) as info:
            merge_bundle(ws, bad, map_by_name=True)
        assert "bad.pdsa" in str(info.value)
        assert isinstance(info.value, PdsaError)
        assert len(str(info.value)) < 1200
    finally:
        ws.close()
    assert digest(target) == before
    assert bad.read_bytes() == bad_bytes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.pdsa", "manager.sqlite"]


def test_a_workspace_is_not_a_bundle(scenario: Scenario, manager: Workspace) -> None:
    with pytest.raises(BundleError, match="open it with File"):
        merge_bundle(manager, scenario.manager)
    with pytest.raises(BundleError, match="no file"):
        merge_bundle(manager, scenario.folder / "missing.pdsa")


# --- generated laptops: idempotent, order-independent, lossless ----------------------------

ACTIONS = ("opportunity", "move", "lose", "cycle", "observe", "unobserve", "delete", "rep", "initiative",
           "forecast", "reforecast", "unforecast")
#: When the generated laptops' forecasts were made (fixed: the rows must not depend on the clock's tick).
FORECAST_MADE = datetime(2026, 10, 1, 9, tzinfo=UTC)


def _act_marketing(ws: Workspace, laptop: str, action: str, n: int, k: int) -> None:
    """The marketing records of a generated laptop: initiatives and forecasts, edited and deleted."""
    stages, reps = sv.list_stages(ws), sv.list_reps(ws)
    forecasts = sv.list_forecasts(ws)
    if action == "initiative":
        sv.create_initiative(ws, f"{laptop} campaign {k}", starts_on=date(2026, 10, 1 + n % 28),
                             channel=None if n % 3 == 0 else f"channel {n % 2}",
                             stage_id=stages[n % len(stages)].id if n % 2 else None)
    elif action == "forecast" or not forecasts:
        first, last = sv.quarter_period(2026, 1 + n % 4)
        sv.create_forecast(ws, f"{laptop} forecaster", period_start=first, period_end=last,
                           metric="stage_entries" if n % 2 else "won_deals", value=n % 50,
                           stage_id=stages[n % len(stages)].id if n % 2 else None,
                           scope_kind="rep" if n % 3 else "all", rep_id=reps[n % len(reps)].id if n % 3 else None,
                           made_at=FORECAST_MADE)
    elif action == "reforecast":
        sv.update_forecast(ws, forecasts[n % len(forecasts)].id, value=k)
    else:
        sv.delete_forecast(ws, forecasts[n % len(forecasts)].id)


def _act(ws: Workspace, laptop: str, action: str, n: int, k: int) -> None:
    if action in ("initiative", "forecast", "reforecast", "unforecast"):
        _act_marketing(ws, laptop, action, n, k)
        return
    stages = sv.list_stages(ws)
    reps = sv.list_reps(ws)
    with ws.engine.connect() as conn:
        opps = [r[0] for r in conn.exec_driver_sql("SELECT id FROM opportunity ORDER BY created_at, id")]
    try:
        if action == "opportunity" or (not opps and action in ("move", "lose", "delete")):
            sv.create_opportunity(ws, f"{laptop} deal {k}", rep_id=reps[n % len(reps)].id,
                                  stage_id=stages[n % (len(stages) - 1)].id)
            return
        opp_id = opps[n % len(opps)] if opps else ""
        if action == "move":
            sv.move_opportunity(ws, opp_id, stages[n % len(stages)].id)
        elif action == "lose":
            sv.mark_lost(ws, opp_id, sv.list_loss_reasons(ws)[n % 4].id)
        elif action == "delete":
            sv.delete_opportunity(ws, opp_id)
        elif action == "rep":
            sv.create_rep(ws, f"{laptop} rep {k}")
        else:
            cycles = sv.list_cycles(ws)
            if action == "cycle" or not cycles:
                tactics = sv.list_tactics(ws)
                sv.create_cycle(ws, f"{laptop} cycle {k}", from_stage_id=stages[n % (len(stages) - 1)].id,
                                owner_rep_id=reps[n % len(reps)].id,
                                tactic_id=tactics[n % len(tactics)].id if tactics and n % 2 else None)
            elif action == "observe":
                sv.add_observation(ws, cycles[n % len(cycles)].id, f"{laptop} saw {k}")
            else:
                seen = sv.observations(ws, cycles[n % len(cycles)].id)
                if seen:
                    sv.delete_observation(ws, seen[n % len(seen)].id)
    except ValidationError:
        pass  # e.g. moving a closed opportunity: the laptop's user would have been told


@settings(max_examples=6, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    n_reps=st.integers(1, 3),
    n_stages=st.integers(2, 4),
    n_tactics=st.integers(0, 2),
    actions=st.lists(st.tuples(st.integers(0, 1), st.sampled_from(ACTIONS), st.integers(0, 1000)),
                     min_size=1, max_size=16),
)
def test_merging_generated_laptops_is_idempotent_order_independent_and_lossless(
        n_reps: int, n_stages: int, n_tactics: int, actions: list[tuple[int, str, int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        mgr = open_workspace(folder / "manager.sqlite")
        for i in range(n_stages):
            sv.create_stage(mgr, f"Stage {i}", terminal="won" if i == n_stages - 1 else "none")
        for i in range(n_reps):
            sv.create_rep(mgr, f"Rep {i}")
        for i in range(n_tactics):
            sv.create_tactic(mgr, f"Tactic {i}")
        export_definitions(mgr, folder / "standards.pdsa")
        laptops = [new_laptop(folder, name, folder / "standards.pdsa") for name in ("A", "B")]
        for k, (which, action, n) in enumerate(actions):
            _act(laptops[which], "AB"[which], action, n, k)
        files = []
        for name, laptop in zip("AB", laptops, strict=True):
            files.append(folder / f"{name}.pdsa")
            export_bundle(laptop, files[-1])
        mine = [dump(laptop) for laptop in laptops]
        for laptop in laptops:
            laptop.close()
        copies = [open_workspace(backup_sqlite_file(mgr.path)) for _ in range(2)]  # type: ignore[arg-type]
        mgr.close()
        try:
            x, y = copies
            for f in files:
                merge_bundle(x, f, map_by_name=True)
            for f in reversed(files):
                merge_bundle(y, f, map_by_name=True)
            merged = dump(x)
            assert merged == dump(y), "A then B differs from B then A"
            for f in files:
                assert merge_bundle(x, f).changed is False
            assert dump(x) == merged, "merging again changed something"
            for table in ("stage_event", "cycle_observation", "marketing_initiative", "forecast"):
                theirs = [row for d in mine for row in d[table]]
                assert sorted(theirs) == merged[table], f"{table}: not exactly the laptops' rows"
            assert check_workspace(x) == []
        finally:
            for ws in copies:
                ws.close()


# --- the manager's flow (done-when scenario) ------------------------------------------------


def test_manager_merges_three_offline_laptops(tmp_path: Path) -> None:
    mgr = make_manager(tmp_path)
    export_definitions(mgr, tmp_path / "standards.pdsa")
    files = []
    events: list[tuple] = []
    observations: list[tuple] = []
    for rep in ("Ann", "Bo", "Cy"):
        laptop = new_laptop(tmp_path, f"{rep}-laptop", tmp_path / "standards.pdsa")
        record_work(laptop, rep, rep)
        files.append(tmp_path / f"{rep}.pdsa")
        export_bundle(laptop, files[-1])
        events += dump(laptop)["stage_event"]
        observations += dump(laptop)["cycle_observation"]
        laptop.close()
    definitions = {t: len(dump(mgr)[t]) for t in ("stage", "rep", "tactic", "team", "loss_reason")}

    outcomes = merge_bundles(mgr, files, map_by_name=True)
    assert [o.ok for o in outcomes] == [True, True, True]
    after = dump(mgr)
    assert after["stage_event"] == sorted(events) and len(events) == 18  # each exactly once
    assert after["cycle_observation"] == sorted(observations) and len(observations) == 6
    # No duplicated stage, rep, tactic…: the three laptops' own 'Went dark' reasons arrive as one.
    assert {t: len(after[t]) for t in definitions} == {**definitions, "loss_reason": definitions["loss_reason"] + 1}
    assert [r.name for r in sv.list_loss_reasons(mgr)].count("Went dark") == 1
    assert check_workspace(mgr) == []
    from pdsa_desk.core.frames import load_analysis_data

    data = load_analysis_data(mgr)
    reps_with_work = set(data.opportunities["rep_id"])
    assert reps_with_work == {r.id for r in sv.list_reps(mgr)}  # Compare has all three reps

    again = merge_bundles(mgr, files)
    assert all(o.ok and not o.report.changed for o in again)  # type: ignore[union-attr]
    assert dump(mgr) == after
    mgr.close()


def test_a_refused_file_does_not_stop_the_others(manager: Workspace, scenario: Scenario, tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdsa"
    bad.write_text("nope")
    outcomes = merge_bundles(manager, [bad, scenario.work], map_by_name=True)
    assert [o.ok for o in outcomes] == [False, True]
    assert "not an SQLite database" in (outcomes[0].error or "")
    other = open_workspace(copy_of(scenario.manager, tmp_path, "m2.sqlite"))
    try:
        unmapped = merge_bundles(other, [scenario.work])
    finally:
        other.close()
    assert unmapped[0].unmapped and not unmapped[0].ok


# --- command line ---------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def bundle_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lead registers ``bundle`` in COMMANDS; until then the tests add it themselves."""
    import pdsa_desk.app

    if "bundle" not in pdsa_desk.app.COMMANDS:
        monkeypatch.setattr(pdsa_desk.app, "COMMANDS", (*pdsa_desk.app.COMMANDS, "bundle"))


def test_cli_export_merge_info(scenario: Scenario, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = copy_of(scenario.manager, tmp_path)
    out = tmp_path / "std.pdsa"
    assert main(["bundle", "export", "--db", str(db), "--out", str(out), "--definitions-only"]) == 0
    assert "standards from 'Manager'" in capsys.readouterr().out
    assert main(["bundle", "export", "--db", str(db), "--out", str(tmp_path / "w.pdsa"),
                 "--since", "2026-01-01"]) == 0
    capsys.readouterr()
    assert main(["bundle", "info", str(scenario.work)]) == 0
    assert "work from 'ann-laptop'" in capsys.readouterr().out

    before = digest(db)
    assert main(["bundle", "merge", str(scenario.work), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("pdsa-desk: ") and "loss reason 'Went dark'" in err and "--map-by-name" in err
    assert main(["bundle", "merge", str(scenario.work), "--db", str(db), "--map-by-name", "--dry-run"]) == 0
    assert "dry run" in capsys.readouterr().out
    assert digest(db) == before
    bad = tmp_path / "bad.pdsa"
    bad.write_text("nope")
    assert main(["bundle", "merge", str(bad), str(scenario.work), "--db", str(db), "--map-by-name"]) == 1
    captured = capsys.readouterr()
    assert "bad.pdsa is not a pdsa-desk bundle" in captured.err
    assert "stage move: 6 added" in captured.out
    assert main(["bundle", "merge", str(scenario.work), "--db", str(db)]) == 0
    assert "nothing new" in capsys.readouterr().out
    assert main(["bundle", "merge", str(scenario.work), "--db", str(tmp_path / "none.sqlite")]) == 1
    assert "There is no workspace" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["bundle"], ["bundle", "export", "--db", "x"], ["bundle", "merge", "--db", "x"],
                                  ["bundle", "export", "--db", "x", "--out", "y", "--since", "soon"]])
def test_cli_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and err.startswith("pdsa-desk")


def test_phases_travel_through_a_bundle_with_who_when_and_why(manager: Workspace, scenario: Scenario,
                                                              tmp_path: Path) -> None:
    # Ann declares a phase on her laptop and clears it again later; the manager sees the phase with its
    # reason and author after merging, and its removal after the next merge (a tombstone travels too).
    ann_path = copy_of(scenario.folder / "ann-laptop.sqlite", tmp_path, "ann.sqlite")
    ann = open_workspace(ann_path)
    lead = sv.list_stages(ann)[0]
    when = datetime(2026, 11, 9, tzinfo=UTC)
    phase, _ = sv.add_chart_phase(ann, lead.id, when, reason="Calls within the hour became standard work",
                                  author="Ann")
    first = tmp_path / "ann-1.pdsa"
    export_bundle(ann, first)
    report = merge_bundle(manager, first, map_by_name=True)
    assert report.tables["chart_phase"].added == 1
    (seen,) = sv.list_chart_phases(manager)
    assert (seen.id, seen.kind, seen.reason, seen.author) == (phase.id, "phase", phase.reason, "Ann")
    assert seen.starts_at.replace(tzinfo=UTC) == when and seen.stage_id == sv.list_stages(manager)[0].id
    sv.remove_chart_phase(ann, phase.id)
    second = tmp_path / "ann-2.pdsa"
    export_bundle(ann, second)
    ann.close()
    merge_bundle(manager, second, map_by_name=True)
    assert sv.list_chart_phases(manager) == []
    assert check_workspace(manager) == []
