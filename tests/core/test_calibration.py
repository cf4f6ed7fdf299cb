"""Prediction calibration across closed cycles, by hand-computed cases."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from pdsa_desk.core import services as sv
from pdsa_desk.core.calibration import CalibrationRow, calibration, summarize
from pdsa_desk.core.database import Workspace


def _row(predicted: float | None, observed: float | None, low: float | None, high: float | None,
         owner: str = "Ana") -> CalibrationRow:
    return CalibrationRow(cycle_id=f"{predicted}{observed}", title="c", owner_rep_id=owner, owner=owner,
                          decided_at=None, decision="adopt", predicted=predicted, observed=observed, low=low,
                          high=high, n=10 if observed is not None else 0)


def test_summary_by_hand() -> None:
    rows = [_row(0.5, 0.6, 0.45, 0.75),   # -10 points, inside
            _row(0.3, 0.2, 0.10, 0.25),   # +10, outside
            _row(0.8, 0.5, 0.40, 0.60),   # +30, outside
            _row(None, 0.5, 0.4, 0.6),    # no prediction: not counted
            _row(0.5, None, None, None)]  # nothing observed: not counted
    s = summarize("Team", rows)
    assert (s.counted, s.not_counted, s.inside) == (3, 2, 1)
    assert s.bias_points == pytest.approx((-10 + 10 + 30) / 3)
    assert s.mean_abs_points == pytest.approx((10 + 10 + 30) / 3)
    assert s.mean_predicted == pytest.approx(1.6 / 3) and s.mean_observed == pytest.approx(1.3 / 3)
    assert s.inside_share == pytest.approx(1 / 3)
    empty = summarize("Nobody", rows[3:])
    assert (empty.counted, empty.bias_points, empty.mean_abs_points, empty.inside_share) == (0, None, None, None)


def _closed_cycle(ws: Workspace, stage: str, nxt: str, owner: str, prediction: float, converted: int,
                  total: int) -> str:
    for i in range(total):
        opp = sv.create_opportunity(ws, f"{owner}-{i}", rep_id=owner, stage_id=stage,
                                    opened_at=datetime(2026, 3, 5, 9, tzinfo=UTC))
        if i < converted:
            sv.move_opportunity(ws, opp.id, nxt, entered_at=datetime(2026, 3, 8, 9, tzinfo=UTC))
    cycle = sv.create_cycle(ws, f"Cycle of {owner}", from_stage_id=stage, owner_rep_id=owner,
                            planned_start=date(2026, 3, 2), planned_end=date(2026, 3, 29), prediction_rate=prediction,
                            min_sample_size=1)
    sv.start_cycle(ws, cycle.id, started_at=datetime(2026, 3, 2, 8, tzinfo=UTC))
    sv.advance_cycle(ws, cycle.id, early_reason="test")
    sv.update_cycle(ws, cycle.id, study_interpretation="read")
    sv.advance_cycle(ws, cycle.id)
    sv.decide_cycle(ws, cycle.id, "abandon", "test", early_reason="no baseline in this test")
    return cycle.id


def test_calibration_of_closed_cycles(ws: Workspace) -> None:
    stage, nxt = sv.create_stage(ws, "Lead").id, sv.create_stage(ws, "Qualified").id
    ana, ben, cleo = (sv.create_rep(ws, n).id for n in ("Ana", "Ben", "Cleo"))
    _closed_cycle(ws, stage, nxt, ana, 0.6, 4, 10)   # observed 0.4, Wilson [0.168, 0.687]: inside
    _closed_cycle(ws, stage, nxt, ben, 0.7, 1, 5)    # observed 0.2, Wilson [0.036, 0.624]: outside
    _closed_cycle(ws, stage, nxt, cleo, 0.5, 0, 0)   # no customer: not counted
    running = sv.create_cycle(ws, "Still running", from_stage_id=stage, owner_rep_id=ana, prediction_rate=0.9)
    sv.start_cycle(ws, running.id, started_at=datetime(2026, 3, 2, tzinfo=UTC))  # not closed: left out

    cal = calibration(ws, as_of=datetime(2026, 6, 1, tzinfo=UTC))
    assert len(cal.rows) == 3
    a = next(r for r in cal.rows if r.owner == "Ana")
    assert (a.observed, a.n, a.inside) == (0.4, 10, True)
    assert (a.low, a.high) == (pytest.approx(0.1682, abs=1e-4), pytest.approx(0.6873, abs=1e-4))
    assert (cal.team.counted, cal.team.not_counted, cal.team.inside) == (2, 1, 1)
    assert cal.team.bias_points == pytest.approx(((0.6 - 0.4) + (0.7 - 0.2)) / 2 * 100)  # 35 points optimistic
    assert [(s.who, s.counted, s.inside) for s in cal.by_owner] == [("Ana", 1, 1), ("Ben", 1, 0), ("Cleo", 0, 0)]
    assert cal.by_owner[1].bias_points == pytest.approx(50.0)
    assert calibration(ws, as_of=datetime(2026, 6, 1, tzinfo=UTC),
                       decided=(datetime(2020, 1, 1, tzinfo=UTC), datetime(2020, 2, 1, tzinfo=UTC))).rows == ()
