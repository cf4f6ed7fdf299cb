"""This week after an edit (issue 16): the studies kept from the previous agenda (core/agenda_reuse.py) give the
agenda :func:`build_agenda` computes afresh at the same instant, after every kind of edit, on the demo and on
generated data (ties at the second, closed and reopened opportunities, a late entry); and keeping a study the
rule says to compute again (the mutation) shows in the agenda."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest

from pdsa_desk.core import agenda_reuse, services
from pdsa_desk.core.agenda import build_agenda
from pdsa_desk.core.agenda_reuse import AgendaReuse, quiet_between
from pdsa_desk.core.frames import load_analysis_data
from pdsa_desk.core.statuses import CycleStatus
from tests.snapshot_support import generated_workspace


def _edits(ws, start: datetime) -> None:
    """Each kind of edit, the clock advancing a few seconds at each as the window's does; after each the agenda
    with the kept studies equals the one computed afresh at the same instant."""
    reuse = AgendaReuse()
    data = load_analysis_data(ws)
    now = start
    build_agenda(ws, as_of=now, data=data, reuse=reuse)
    cycles = [c for c in services.list_cycles(ws, include_archived=False) if c.status != CycleStatus.PLAN]
    cycle = cycles[0]
    opp = data.opportunities.loc[data.opportunities["outcome"] == "open"].iloc[0]
    stage = int(data.events.loc[data.events["opp"] == opp.name, "stage"].max())
    moved: list[services.Move] = []

    def observe() -> bool:
        services.add_observation(ws, cycle.id, "Two calls made before noon.")
        return False

    def save_cycle() -> bool:
        current = services.get_cycle(ws, cycle.id)
        services.update_cycle(ws, cycle.id, objective=f"{current.objective or ''} (revised)",
                              expected_updated_at=current.updated_at)
        return False

    def mark_session() -> bool:
        services.mark_session_held(ws, held_at=now)
        return False

    def move() -> bool:
        moved.append(services.move_opportunity(ws, str(opp["id"]), str(data.stages["id"].iloc[stage + 1]),
                                               entered_at=now))
        return True

    def undo() -> bool:
        services.undo_move(ws, moved.pop())
        return True

    reused = signals_reused = 0
    for edit in (observe, save_cycle, mark_session, observe, move, observe, undo, save_cycle, observe):
        touches_snapshot = edit()
        now += timedelta(seconds=7)
        if touches_snapshot:  # a patched snapshot is a new object (core/patching.py)
            data = load_analysis_data(ws)
        reuse.reused = reuse.signals_reused = 0
        kept = build_agenda(ws, as_of=now, data=data, reuse=reuse)
        reused += reuse.reused
        signals_reused += reuse.signals_reused
        assert kept == build_agenda(ws, as_of=now, data=load_analysis_data(ws)), edit.__name__
    assert reused > 0 and signals_reused > 0  # the kept studies and signals were used, not only computed again


def test_the_agenda_after_each_edit_equals_a_fresh_one_on_the_demo(demo_ws) -> None:
    _edits(demo_ws, datetime(2026, 11, 24, 12, tzinfo=UTC))


def test_the_agenda_after_each_edit_equals_a_fresh_one_on_generated_data(tmp_path) -> None:
    ws, info = generated_workspace(tmp_path)
    try:
        data = load_analysis_data(ws)
        closed = data.opportunities.loc[data.opportunities["outcome"] != "open", "id"].iloc[0]
        services.reopen(ws, str(closed))  # a closed opportunity reopened
        _edits(ws, info.as_of_dt)
    finally:
        ws.close()


def _maturing(ws, as_of: datetime) -> datetime:
    """An instant just after a member of a studied cycle's cohort becomes mature (after ``as_of``)."""
    from pdsa_desk.core.study import study_cycle

    for cycle in services.list_cycles(ws, include_archived=False):
        if cycle.status in (CycleStatus.DO, CycleStatus.STUDY, CycleStatus.ACT) and cycle.planned_end is not None:
            result = study_cycle(ws, cycle.id, as_of=as_of)
            pending = result.members.loc[~result.members["mature"], "entered_at"]
            if len(pending):
                return (pending.min() + timedelta(days=result.window_days, microseconds=1)).to_pydatetime()
    raise AssertionError("no cycle with a pending member")


def test_a_member_maturing_between_two_agendas_is_counted_and_keeping_the_study_would_miss_it(
        tmp_path, monkeypatch) -> None:
    ws, info = generated_workspace(tmp_path)
    try:
        data = load_analysis_data(ws)
        t0 = info.as_of_dt - timedelta(days=40)
        t1 = _maturing(ws, t0)
        assert not quiet_between(data, t0, t1)
        reuse = AgendaReuse()
        build_agenda(ws, as_of=t0, data=data, reuse=reuse)
        fresh = build_agenda(ws, as_of=t1, data=data)
        assert build_agenda(ws, as_of=t1, data=data, reuse=reuse) == fresh
        # The mutation: keep every study whatever lies between the instants.
        monkeypatch.setattr(agenda_reuse, "quiet_between", lambda *_args: True)
        mutated = AgendaReuse()
        build_agenda(ws, as_of=t0, data=data, reuse=mutated)
        assert build_agenda(ws, as_of=t1, data=data, reuse=mutated) != fresh
    finally:
        ws.close()


def test_signals_are_computed_again_once_a_week_matures_between_two_agendas(tmp_path) -> None:
    ws, info = generated_workspace(tmp_path)
    try:
        data = load_analysis_data(ws)
        t0 = info.as_of_dt - timedelta(days=30)
        reuse = AgendaReuse()
        build_agenda(ws, as_of=t0, data=data, reuse=reuse)
        assert reuse._signals is not None
        instants = reuse._signals[2]
        later = instants[instants > pd.Timestamp(t0).value]
        t1 = pd.Timestamp(int(later.min()) + 1000, tz="UTC").to_pydatetime()  # a week matured just before
        reuse.signals_reused = 0
        assert build_agenda(ws, as_of=t1, data=data, reuse=reuse) == build_agenda(ws, as_of=t1, data=data)
        assert reuse.signals_reused == 0
        t2 = t1 + timedelta(seconds=1)
        assert build_agenda(ws, as_of=t2, data=data, reuse=reuse) == build_agenda(ws, as_of=t2, data=data)
    finally:
        ws.close()


@pytest.mark.parametrize("seconds", [1, 7, 3600])
def test_quiet_between_is_symmetric_and_true_for_one_instant(demo_ws, seconds) -> None:
    data = load_analysis_data(demo_ws)
    t0 = datetime(2026, 11, 24, 12, tzinfo=UTC)
    t1 = t0 + timedelta(seconds=seconds)
    assert quiet_between(data, t0, t0)
    assert quiet_between(data, t0, t1) == quiet_between(data, t1, t0)
