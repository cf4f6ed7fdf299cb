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
