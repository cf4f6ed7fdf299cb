"""A Study names marketing initiatives aimed at the cycle's channel or stage that overlap its windows."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from pdsa_desk.core import services as sv
from pdsa_desk.core.confounders import confounder_note, cycle_confounders
from pdsa_desk.core.database import Workspace

AS_OF = datetime(2026, 6, 1, tzinfo=UTC)


def _cycle(ws: Workspace) -> tuple[str, list[str]]:
    """A cycle on Lead -> Qualified, 2 .. 29 March 2026 (baseline 5 Jan .. 1 Mar), with Partner customers."""
    stages = [sv.create_stage(ws, name).id for name in ("Lead", "Qualified", "Offer")]
    rep = sv.create_rep(ws, "Ana")
    for day in range(0, 80, 2):
        opened = datetime(2026, 1, 6, 10, tzinfo=UTC) + timedelta(days=day)
        opp = sv.create_opportunity(ws, f"Opp {day}", rep_id=rep.id, stage_id=stages[0], opened_at=opened,
                                    channel="Partner ")
        if day % 4 == 0:
            sv.move_opportunity(ws, opp.id, stages[1], entered_at=opened + timedelta(days=3))
    cycle = sv.create_cycle(ws, "Call within an hour", from_stage_id=stages[0], owner_rep_id=rep.id,
                            planned_start=date(2026, 3, 2), planned_end=date(2026, 3, 29), prediction_rate=0.6,
                            min_sample_size=5)
    sv.start_cycle(ws, cycle.id, started_at=datetime(2026, 3, 2, 8, tzinfo=UTC))
    return cycle.id, stages


def test_overlapping_initiatives_are_named_and_others_are_not(ws: Workspace) -> None:
    cycle_id, (lead, qualified, offer) = _cycle(ws)
    named = [
        sv.create_initiative(ws, "Partner summit", starts_on=date(2026, 3, 20), ends_on=date(2026, 3, 22),
                             channel="partner", stage_id=qualified),  # target stage, cycle window
        sv.create_initiative(ws, "Brand campaign", starts_on=date(2026, 2, 1), ends_on=None),  # whole funnel, both
        sv.create_initiative(ws, "Winter mailing", starts_on=date(2025, 12, 1), ends_on=date(2026, 1, 5),
                             stage_id=lead),  # baseline's first day
    ]
    for name, kwargs in [
        ("Last year's fair", {"starts_on": date(2025, 11, 1), "ends_on": date(2026, 1, 4)}),  # ends the day before
        ("After the cycle", {"starts_on": date(2026, 3, 30), "ends_on": date(2026, 4, 30)}),
        ("Events push", {"starts_on": date(2026, 3, 1), "ends_on": date(2026, 3, 31), "channel": "Events"}),
        ("Offer templates", {"starts_on": date(2026, 3, 1), "ends_on": date(2026, 3, 31), "stage_id": offer}),
    ]:
        sv.create_initiative(ws, name, **kwargs)  # type: ignore[arg-type]
    gone = sv.create_initiative(ws, "Deleted", starts_on=date(2026, 3, 1))
    sv.delete_initiative(ws, gone.id)

    found = cycle_confounders(ws, cycle_id, as_of=AS_OF)
    assert [(c.name, c.windows) for c in found] == [
        ("Winter mailing", ("baseline",)),
        ("Brand campaign", ("cycle", "baseline")),
        ("Partner summit", ("cycle",)),
    ]
    assert {c.initiative_id for c in found} == {r.id for r in named}
    summit = found[2]
    assert summit.sentence == ("Marketing initiative 'Partner summit' (channel partner, stage Qualified; 2026-03-20 "
                               "to 2026-03-22) overlaps the cycle's window: it could explain the change.")
    assert "every channel, whole funnel" in found[1].sentence and "still running" in found[1].sentence
    assert confounder_note(found[2:]) == ("Caution: marketing initiative 'Partner summit' overlapped this test and "
                                          "could explain the change.")


def test_no_warning_without_an_overlapping_initiative(ws: Workspace) -> None:
    cycle_id, (_, _, offer) = _cycle(ws)
    sv.create_initiative(ws, "Events push", starts_on=date(2026, 3, 1), ends_on=date(2026, 3, 31), channel="Events")
    sv.create_initiative(ws, "Offer templates", starts_on=date(2026, 3, 1), stage_id=offer)
    sv.create_initiative(ws, "Next quarter", starts_on=date(2026, 4, 1), ends_on=date(2026, 4, 30))
    assert cycle_confounders(ws, cycle_id, as_of=AS_OF) == []
    assert confounder_note([]) == ""
