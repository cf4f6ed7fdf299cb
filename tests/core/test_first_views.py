"""The first views (issue 16: read from the open opportunities alone while the history loads) count as the
complete ones do (issue 11: one open-at rule, one "as of" instant), now and at a past instant."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pdsa_desk.core.agenda import Section, build_agenda, first_agenda, open_stage_counts, wip_counts
from pdsa_desk.core.board import first_board, first_board_file, load_board
from pdsa_desk.core.frames import load_analysis_data


@pytest.mark.parametrize("as_of", [datetime(2026, 11, 24, 12, tzinfo=UTC), datetime(2026, 3, 1, tzinfo=UTC)])
def test_first_board_and_agenda_agree_with_the_complete_ones(demo_ws, as_of: datetime) -> None:
    data = load_analysis_data(demo_ws)
    first, full = first_board(demo_ws, as_of=as_of), load_board(demo_ws, data, as_of=as_of)
    assert sorted(first.cards["id"]) == sorted(full.cards["id"]) and len(full.cards) > 0
    assert first.stages["count"].tolist() == full.stages["count"].tolist()
    assert first.as_of == full.as_of
    assert open_stage_counts(demo_ws, as_of) == wip_counts(data, as_of)
    quick, complete = first_agenda(demo_ws, as_of=as_of), build_agenda(demo_ws, as_of=as_of, data=data)
    assert quick.as_of == complete.as_of == as_of
    assert quick.section(Section.WIP) == complete.section(Section.WIP)


def test_the_first_board_read_with_sqlite3_alone_is_the_first_board(demo_ws) -> None:
    """Start-up reads the first board from the file before SQLAlchemy is imported: the same cards, counts,
    stages, days in stage and reps as through the workspace's engine."""
    assert demo_ws.path is not None
    for as_of in (datetime(2026, 11, 24, 12, tzinfo=UTC), datetime(2026, 3, 1, 0, 0, 0, 1, tzinfo=UTC)):
        quick, normal = first_board_file(demo_ws.path, as_of=as_of), first_board(demo_ws, as_of=as_of)
        assert len(normal.cards) > 0 and quick.as_of == normal.as_of
        assert quick.cards.equals(normal.cards)
        assert quick.stages.equals(normal.stages)


def test_the_first_agenda_read_with_sqlite3_alone_is_the_first_agenda(demo_ws) -> None:
    """Start-up reads This week's first agenda from the file before SQLAlchemy is imported: the same items
    (decisions, cycles to start, WIP, reps over the cap, marketing, the quarterly follow-up), last session and
    pending sections as through the workspace's engine, at instants inside and outside a quarter's follow-up."""
    from pdsa_desk.core import services
    from pdsa_desk.core.agenda_file import first_agenda_file, first_week_file

    assert demo_ws.path is not None
    seen: set[Section] = set()
    for as_of in (datetime(2026, 11, 24, 12, tzinfo=UTC), datetime(2026, 10, 3, 0, 0, 0, 1, tzinfo=UTC),
                  datetime(2026, 3, 1, 9, tzinfo=UTC)):
        quick, normal = first_agenda_file(demo_ws.path, as_of=as_of), first_agenda(demo_ws, as_of=as_of)
        assert quick == normal
        seen |= {i.section for i in normal.items}
    assert seen >= {Section.DECIDE, Section.WIP, Section.MARKETING, Section.FORECASTS}
    # A session held, a lower cycle cap (reps over it), a week starting on Sunday in another time zone.
    services.update_settings(demo_ws, max_active_cycles_per_rep=1, week_start_day=6, time_zone="Pacific/Auckland")
    services.mark_session_held(demo_ws, held_at=datetime(2026, 11, 20, 15, 30, 12, 345, tzinfo=UTC))
    as_of = datetime(2026, 11, 24, 12, tzinfo=UTC)
    quick, normal = first_agenda_file(demo_ws.path, as_of=as_of), first_agenda(demo_ws, as_of=as_of)
    assert normal.section(Section.FOCUS) and normal.last_session is not None
    assert quick == normal
    assert first_week_file(demo_ws.path, as_of=as_of) == (services.setup_progress(demo_ws), normal)


def _complete_equals_build_agenda(ws, as_ofs: list[datetime]) -> set[Section]:
    from pdsa_desk.core.agenda_complete import complete_agenda_file

    assert ws.path is not None
    data = load_analysis_data(ws)
    seen: set[Section] = set()
    for as_of in as_ofs:
        normal = build_agenda(ws, as_of=as_of, data=data)
        quick = complete_agenda_file(ws.path, data, as_of=as_of)
        assert quick is not None and not quick.pending
        assert quick.items == normal.items  # titles, details, links, urgency, order
        assert quick == normal
        seen |= {i.section for i in normal.items}
    return seen


def test_the_complete_agenda_read_with_sqlite3_alone_is_build_agenda(demo_ws) -> None:
    """Start-up computes This week's complete agenda from the file and its snapshot before SQLAlchemy is
    imported: item for item the agenda :func:`build_agenda` gives through the workspace, now and at past
    instants, with a session held, a lower cap, another week start and time zone, a declared phase and a
    frozen baseline, an archived cycle and an initiative that overlaps a study."""
    from pdsa_desk.core import services

    instants = [datetime(2026, 11, 24, 12, tzinfo=UTC), datetime(2026, 10, 3, 0, 0, 0, 1, tzinfo=UTC),
                datetime(2026, 6, 1, 9, tzinfo=UTC), datetime(2026, 3, 1, 0, 0, 0, 1, tzinfo=UTC)]
    seen = _complete_equals_build_agenda(demo_ws, instants)
    assert seen >= {Section.DECIDE, Section.STUDY, Section.RUNNING, Section.SIGNALS, Section.WIP, Section.AGING,
                    Section.MARKETING}
    services.update_settings(demo_ws, max_active_cycles_per_rep=1, week_start_day=6, time_zone="Pacific/Auckland")
    services.mark_session_held(demo_ws, held_at=datetime(2026, 11, 3, 15, 30, 12, 345, tzinfo=UTC))
    stages = services.list_stages(demo_ws)
    # On the transition that signals in the demo (Discovery held -> Budget shared): they change its items.
    services.add_chart_phase(demo_ws, stages[2].id, datetime(2026, 8, 3, tzinfo=UTC), reason="New script")
    services.add_chart_phase(demo_ws, stages[2].id, datetime(2026, 9, 7, tzinfo=UTC), reason="Frozen",
                             kind="baseline")
    cycles = services.list_cycles(demo_ws, include_archived=False)
    services.set_cycle_archived(demo_ws, cycles[0].id, True)
    seen = _complete_equals_build_agenda(demo_ws, instants[:2])
    assert Section.FOCUS in seen
    detail = " ".join(str(i.detail) for i in build_agenda(demo_ws, as_of=instants[0]).items)
    assert "Marketing overlapped it" in detail  # the confounder rule is exercised


def test_the_complete_agenda_on_generated_data_is_build_agenda(tmp_path) -> None:
    """A generated workspace (ties at the second, channels, cycles in every status), with an opportunity
    reopened and one closed since: the file's complete agenda equals build_agenda at two instants."""
    from datetime import timedelta

    from pdsa_desk.core import services
    from tests.snapshot_support import generated_workspace

    ws, info = generated_workspace(tmp_path)
    try:
        data = load_analysis_data(ws)
        opps = data.opportunities
        services.reopen(ws, str(opps.loc[opps["outcome"] != "open", "id"].iloc[0]))
        seen = _complete_equals_build_agenda(ws, [info.as_of_dt, info.as_of_dt - timedelta(days=90)])
        assert {Section.RUNNING, Section.AGING} <= seen
    finally:
        ws.close()


def test_no_settings_row_gives_no_complete_agenda_from_the_file(demo_ws) -> None:
    """The ORM would create the default settings on first read: the file path leaves it to the workspace."""
    import sqlite3

    from pdsa_desk.core.agenda_complete import complete_agenda_file

    assert demo_ws.path is not None
    data = load_analysis_data(demo_ws)
    demo_ws.close()
    con = sqlite3.connect(demo_ws.path)
    con.execute("DELETE FROM workspace_settings")
    con.commit()
    con.close()
    assert complete_agenda_file(demo_ws.path, data, as_of=datetime(2026, 11, 24, 12, tzinfo=UTC)) is None


def test_the_complete_agenda_from_the_file_imports_no_sqlalchemy(demo_file) -> None:
    """It is computed while the GUI thread imports SQLAlchemy: a fresh interpreter computing it does not."""
    import subprocess
    import sys

    code = ("import sys; from datetime import datetime, UTC\n"
            "from pdsa_desk.core.frames import load_analysis_file\n"
            "from pdsa_desk.core.agenda_complete import complete_agenda_file\n"
            f"path = {str(demo_file)!r}\n"
            "when = datetime(2026, 11, 24, 12, tzinfo=UTC)\n"
            "agenda = complete_agenda_file(path, load_analysis_file(path), as_of=when)\n"
            "print(len(agenda.items), sorted(m for m in ('sqlalchemy', 'sqlmodel', 'pydantic') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) > 0 and out[1:] == ["[]"]


def test_the_first_and_complete_agenda_import_no_scipy_stats(demo_file) -> None:
    """scipy.stats costs ~0.7 s of GIL-bound import on the way to the agenda (stop 22): computing the first and
    the complete agenda in a fresh interpreter leaves it unimported (the statistics come from
    :mod:`pdsa_desk.core.distributions`)."""
    import subprocess
    import sys

    code = ("import sys; from datetime import datetime, UTC\n"
            "from pdsa_desk.core.agenda_file import first_week_file\n"
            "from pdsa_desk.core.frames import load_analysis_file\n"
            "from pdsa_desk.core.agenda_complete import complete_agenda_file\n"
            "import pdsa_desk.ui.views.week as week\n"
            f"path = {str(demo_file)!r}\n"
            "when = datetime(2026, 11, 24, 12, tzinfo=UTC)\n"
            "first = first_week_file(path, as_of=when)[1]\n"
            "week._import_agenda_modules()\n"
            "agenda = complete_agenda_file(path, load_analysis_file(path), as_of=when)\n"
            "print(len(first.items), len(agenda.items), 'scipy.stats' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) > 0 and int(out[1]) > 0 and out[2] == "False"
