"""Two people editing one workspace: optimistic concurrency on ``updated_at``.

Every ``update_*`` service takes ``expected_updated_at`` (the stamp the editor
read). Two users saving different rows both succeed; the second save of the same
row is refused with :class:`ConflictError` instead of silently overwriting, and
writes nothing. Each test runs on a SQLite file opened twice (two Workspace
objects, as two app windows or processes would) and, when PostgreSQL is
available, on a server database opened twice (as two laptops would).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from pdsa_desk.core import services as sv
from pdsa_desk.core.database import Workspace, open_workspace
from pdsa_desk.core.errors import ConflictError, ValidationError
from pdsa_desk.core.models import metadata


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def pair(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Workspace, Workspace]]:
    """The same workspace opened twice: Ann's and Bo's."""
    if request.param == "sqlite":
        target, server = str(tmp_path / "shared.sqlite"), None
        open_workspace(target).close()
    else:
        server = request.getfixturevalue("pg_server")
        target = server.new_database()
    ann, bo = open_workspace(target), open_workspace(target)
    yield ann, bo
    ann.close()
    bo.close()
    if server is not None:
        server.drop_database(target)


def snapshot(ws: Workspace) -> dict[str, list[str]]:
    with ws.engine.connect() as conn:
        return {t.name: sorted(repr(tuple(r)) for r in conn.execute(t.select())) for t in metadata.sorted_tables}


@dataclass(frozen=True)
class Editable:
    """How to make, read and edit one kind of row through the services."""

    make: Callable[[Workspace], Any]
    read: Callable[[Workspace, str], Any]
    edit: Callable[..., Any]  # (ws, row_id, new_label, expected_updated_at=…) -> row
    label: str = "name"


def _stage(ws: Workspace) -> Any:
    sv.create_stage(ws, "Lead")
    return sv.create_stage(ws, "Qualified")


def _cycle(ws: Workspace) -> Any:
    lead = sv.create_stage(ws, "Lead")
    sv.create_stage(ws, "Won", terminal="won")
    return sv.create_cycle(ws, "Call within an hour", from_stage_id=lead.id)


def _by_id(rows: list[Any], row_id: str) -> Any:
    return next(r for r in rows if r.id == row_id)


EDITABLE = {
    "stage": Editable(
        _stage, lambda ws, i: _by_id(sv.list_stages(ws), i),
        lambda ws, i, v, **kw: sv.update_stage(ws, i, name=v, **kw)),
    "rep": Editable(
        lambda ws: sv.create_rep(ws, "Ann"), lambda ws, i: _by_id(sv.list_reps(ws), i),
        lambda ws, i, v, **kw: sv.update_rep(ws, i, name=v, **kw)),
    "opportunity": Editable(
        lambda ws: sv.create_opportunity(ws, "Acme"),
        lambda ws, i: _raw(ws, "opportunity", i),
        lambda ws, i, v, **kw: sv.update_opportunity(ws, i, name=v, **kw)),
    "tactic": Editable(
        lambda ws: sv.create_tactic(ws, "Call back fast"), lambda ws, i: _by_id(sv.list_tactics(ws), i),
        lambda ws, i, v, **kw: sv.update_tactic(ws, i, name=v, **kw)),
    "cycle": Editable(
        _cycle, lambda ws, i: sv.get_cycle(ws, i),
        lambda ws, i, v, **kw: sv.update_cycle(ws, i, title=v, **kw), label="title"),
    "settings": Editable(
        lambda ws: sv.get_settings(ws), lambda ws, i: sv.get_settings(ws),
        lambda ws, i, v, **kw: sv.update_settings(ws, name=v, **kw)),
    "team": Editable(
        lambda ws: sv.create_team(ws, "North"), lambda ws, i: _by_id(sv.list_teams(ws), i),
        lambda ws, i, v, **kw: sv.rename_team(ws, i, v, **kw)),
    "loss reason": Editable(
        lambda ws: sv.create_loss_reason(ws, "Price"), lambda ws, i: _by_id(sv.list_loss_reasons(ws), i),
        lambda ws, i, v, **kw: sv.rename_loss_reason(ws, i, v, **kw)),
}


def _raw(ws: Workspace, table: str, row_id: str) -> Any:
    from pdsa_desk.core.models import Opportunity

    with ws.session() as s:
        return s.get(Opportunity, row_id)


@pytest.mark.parametrize("kind", list(EDITABLE))
def test_the_second_save_of_the_same_row_is_told_it_changed(pair, kind: str) -> None:
    ann, bo = pair
    e = EDITABLE[kind]
    row_id = e.make(ann).id
    seen_by_ann = e.read(ann, row_id)
    seen_by_bo = e.read(bo, row_id)
    assert seen_by_ann.updated_at == seen_by_bo.updated_at

    saved = e.edit(ann, row_id, "Ann's version", expected_updated_at=seen_by_ann.updated_at)
    assert getattr(saved, e.label) == "Ann's version"
    assert saved.updated_at > seen_by_ann.updated_at

    before = snapshot(bo)
    with pytest.raises(ConflictError) as info:
        e.edit(bo, row_id, "Bo's version", expected_updated_at=seen_by_bo.updated_at)
    at = e.read(bo, row_id).updated_at
    assert str(info.value) == (
        f"'Ann's version' was changed by someone else at {at:%H:%M} UTC. "
        "Reload to see their version; your edit was not saved."
    )
    assert snapshot(bo) == before  # nothing written

    # Bo reloads and saves again: now it goes through, and Ann's old stamp is stale.
    again = e.edit(bo, row_id, "Bo's version", expected_updated_at=e.read(bo, row_id).updated_at)
    assert getattr(again, e.label) == "Bo's version"
    assert getattr(e.read(ann, row_id), e.label) == "Bo's version"
    with pytest.raises(ConflictError):
        e.edit(ann, row_id, "Ann again", expected_updated_at=saved.updated_at)
    # The stamp a save returns is the one to send with the next save.
    assert getattr(e.edit(bo, row_id, "Bo again", expected_updated_at=again.updated_at), e.label) == "Bo again"


def test_two_users_editing_different_rows_both_succeed(pair) -> None:
    ann, bo = pair
    lead = sv.create_stage(ann, "Lead")
    won = sv.create_stage(ann, "Won", terminal="won")
    north = sv.create_team(ann, "North")
    a = sv.update_stage(ann, lead.id, standard="Named contact", expected_updated_at=lead.updated_at)
    b = sv.update_stage(bo, won.id, standard="Signed order", expected_updated_at=won.updated_at)
    c = sv.rename_team(bo, north.id, "Northeast", expected_updated_at=north.updated_at)
    assert (a.standard, b.standard, c.name) == ("Named contact", "Signed order", "Northeast")
    assert [s.standard for s in sv.list_stages(ann)] == ["Named contact", "Signed order"]


def test_without_an_expected_stamp_the_last_save_wins(pair) -> None:
    ann, bo = pair
    team = sv.create_team(ann, "North")
    sv.rename_team(ann, team.id, "Ann's")
    assert sv.rename_team(bo, team.id, "Bo's").name == "Bo's"


def test_any_change_by_someone_else_counts(pair) -> None:
    """A board move touches the opportunity: an edit of its name read before the move is refused."""
    ann, bo = pair
    lead = sv.create_stage(ann, "Lead")
    qualified = sv.create_stage(ann, "Qualified")
    opp = sv.create_opportunity(ann, "Acme", stage_id=lead.id)
    sv.move_opportunity(bo, opp.id, qualified.id)
    with pytest.raises(ConflictError, match="'Acme' was changed by someone else"):
        sv.update_opportunity(ann, opp.id, name="Acme Corp", expected_updated_at=opp.updated_at)


def test_a_row_deleted_meanwhile_is_reported_as_gone(pair) -> None:
    ann, bo = pair
    team = sv.create_team(ann, "North")
    sv.delete_team(bo, team.id)
    with pytest.raises(ValidationError, match="The team no longer exists"):
        sv.rename_team(ann, team.id, "South", expected_updated_at=team.updated_at)


def test_a_naive_expected_stamp_is_refused(pair) -> None:
    ann, _ = pair
    team = sv.create_team(ann, "North")
    with pytest.raises(ValidationError, match="time zone") as info:
        sv.rename_team(ann, team.id, "South", expected_updated_at=team.updated_at.replace(tzinfo=None))
    assert info.value.field == "expected_updated_at"


def test_the_stamp_moves_on_even_when_the_clock_does_not(pair, monkeypatch: pytest.MonkeyPatch) -> None:
    """A coarse or stuck clock must not let a stale save through."""
    import pdsa_desk.core.services._base as base

    ann, bo = pair
    team = sv.create_team(ann, "North")
    monkeypatch.setattr(base, "utcnow", lambda: team.updated_at)  # time stands still
    first = sv.rename_team(ann, team.id, "South", expected_updated_at=team.updated_at)
    assert first.updated_at > team.updated_at
    with pytest.raises(ConflictError):
        sv.rename_team(bo, team.id, "West", expected_updated_at=team.updated_at)


def test_a_stamp_written_without_microseconds_still_matches(pair) -> None:
    """Rows written by other tools (a merge, a script) compare by time, not by how it is spelled."""
    ann, bo = pair
    team = sv.create_team(ann, "North")
    stamp = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    with ann.engine.begin() as conn:
        literal = "'2026-03-01 09:30:00'" + ("" if ann.is_sqlite else "::timestamptz")
        conn.execute(text(f"UPDATE team SET updated_at = {literal} WHERE id = :id"), {"id": team.id})
    assert sv.rename_team(bo, team.id, "South", expected_updated_at=stamp).name == "South"


def test_concurrent_saves_of_one_row_let_exactly_one_through(pair, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both saves start from the same stamp and overlap in time: one wins, one is told.

    The first save holds the row (PostgreSQL) or the write lock (SQLite) after its
    compare-and-set until the second has sent its own claim, which then has to wait.
    """
    import pdsa_desk.core.services.people as people

    ann, bo = pair
    team = sv.create_team(ann, "North")
    real_get_live = people.get_live
    first_holds_the_row = threading.Event()
    second_is_claiming = threading.Event()

    def held_get_live(*args: Any, **kwargs: Any) -> Any:
        row = real_get_live(*args, **kwargs)
        if threading.current_thread().name == "ann":
            first_holds_the_row.set()
            assert second_is_claiming.wait(10), "the second save never sent its claim"
        return row

    def note_claim(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        # the claim: SQLite's write transaction asks for the write lock as it begins (BEGIN IMMEDIATE, then a
        # no-op UPDATE), PostgreSQL's claims the row with SELECT ... FOR UPDATE
        sql = statement.lstrip().upper()
        claim = sql.startswith(("UPDATE", "BEGIN IMMEDIATE")) or "FOR UPDATE" in sql
        if threading.current_thread().name == "bo" and claim:
            second_is_claiming.set()

    monkeypatch.setattr(people, "get_live", held_get_live)
    event.listen(bo.engine, "before_cursor_execute", note_claim)
    results: dict[str, object] = {}

    def save(who: str, ws: Workspace) -> None:
        if who == "bo":
            assert first_holds_the_row.wait(10)
        try:
            results[who] = sv.rename_team(ws, team.id, f"{who}'s", expected_updated_at=team.updated_at)
        except Exception as exc:  # noqa: BLE001 - compared below
            results[who] = exc

    threads = [threading.Thread(target=save, args=(who, ws), name=who) for who, ws in (("ann", ann), ("bo", bo))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    event.remove(bo.engine, "before_cursor_execute", note_claim)
    assert not any(t.is_alive() for t in threads), "the saves deadlocked"
    assert getattr(results["ann"], "name", None) == "ann's", results
    assert isinstance(results["bo"], ConflictError), results
    assert [t.name for t in sv.list_teams(bo)] == ["ann's"]


def test_conflict_message_names_the_day_when_it_was_not_today() -> None:
    from pdsa_desk.core.services._base import conflict_message

    long_ago = datetime.now(UTC) - timedelta(days=3)
    assert f"on {long_ago:%Y-%m-%d} at {long_ago:%H:%M} UTC." in conflict_message("Qualified", long_ago)
