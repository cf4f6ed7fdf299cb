"""Calibration's studies read every cycle's participants in one query and count the reps' rows among the
window's rows only: the same numbers as each cycle studied on its own (demo and generated data)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from pdsa_desk.core import services
from pdsa_desk.core.calibration import calibration
from pdsa_desk.core.frames import load_analysis_data
from pdsa_desk.core.metrics import prepare
from pdsa_desk.core.models import CycleStatus
from pdsa_desk.core.study import study_cycle
from tests.snapshot_support import generated_workspace


def _plain_rows(ws, as_of, data) -> dict[str, tuple]:
    """Each closed cycle studied on its own, its participants read by the study (the plain path)."""
    out = {}
    for cycle in services.list_cycles(ws, status=CycleStatus.CLOSED):
        st = study_cycle(ws, cycle.id, as_of=as_of, data=data, cycle=cycle)
        n = st.n_new
        out[cycle.id] = (n, st.rate_new if n else None, *((st.new_low, st.new_high) if n else (None, None)))
    return out


def _assert_same(ws, as_of) -> int:
    data = load_analysis_data(ws)
    cal = calibration(ws, as_of=as_of, data=data)
    plain = _plain_rows(ws, as_of, data)
    assert {r.cycle_id: (r.n, r.observed, r.low, r.high) for r in cal.rows} == plain
    return sum(1 for n, *_ in plain.values() if n)


def test_calibration_equals_each_cycle_studied_on_its_own_on_the_demo(demo_ws) -> None:
    assert _assert_same(demo_ws, datetime(2026, 11, 24, 12, tzinfo=UTC)) > 0


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    ws, info = generated_workspace(tmp_path_factory.mktemp("generated"))
    yield ws, info
    ws.close()


def test_calibration_equals_each_cycle_studied_on_its_own_on_generated_data(generated) -> None:
    """Ties at the second, late entries, cycles in every status, a reopened opportunity."""
    ws, info = generated
    data = load_analysis_data(ws)
    opps = data.opportunities
    services.reopen(ws, str(opps.loc[opps["outcome"] != "open", "id"].iloc[0]))
    closed = services.list_cycles(ws, status=CycleStatus.CLOSED)
    assert closed
    counted = _assert_same(ws, info.as_of_dt)
    assert counted > 0
    _assert_same(ws, info.as_of_dt - timedelta(days=120))


def test_the_reps_rows_among_some_rows_are_the_whole_mask_at_those_rows(generated) -> None:
    ws, _info = generated
    prep = prepare(load_analysis_data(ws))
    rng = np.random.default_rng(3)
    rows = np.sort(rng.choice(prep.m, size=prep.m // 3, replace=False))
    _codes, labels = prep.rep_groups
    for reps in (None, [], [str(labels[0])], [str(x) for x in labels[:3]] + ["no such rep"], str(labels[1])):
        assert np.array_equal(prep.rep_mask(reps, rows), prep.rep_mask(reps)[rows])
    assert prep.rep_mask([str(labels[0])], rows[:0]).shape == (0,)


def test_the_studies_pause_between_them_for_the_window(demo_ws, monkeypatch) -> None:
    """A real pause between two studies, not ``sleep(0)`` (which mostly took the GIL straight back): run on a
    background thread, as the Cycles view and the monthly report run it, the calibration leaves the window's
    thread room to run between studies; on the main thread (the command line) nothing waits, and it does not."""
    import threading
    import types

    from pdsa_desk.core import calibration as module

    data = load_analysis_data(demo_ws)
    pauses: list[float] = []
    monkeypatch.setattr(module, "time", types.SimpleNamespace(sleep=pauses.append))
    results = []
    worker = threading.Thread(target=lambda: results.append(calibration(demo_ws, data=data)))
    worker.start()
    worker.join()
    result = results[0]
    assert len(pauses) == len(result.rows) > 0
    assert set(pauses) == {module.STUDY_PAUSE_S} and module.STUDY_PAUSE_S >= 0.001
    pauses.clear()
    assert calibration(demo_ws, data=data) == result
    assert set(pauses) == {0.0}
