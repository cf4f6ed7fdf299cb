"""The cyclic collector is paused while an import, scan or merge runs, and runs again afterwards.

Why it is paused: :mod:`pdsa_desk.core.gc_pause` (a full collection holds the GIL and stalls the GUI).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from pdsa_desk.core import services as sv
from pdsa_desk.core.database import open_workspace
from pdsa_desk.core.exchange import export_bundle, merge_bundle
from pdsa_desk.core.gc_pause import paused_collection
from pdsa_desk.core.importing import guess_mapping, import_file, read_header, scan

DATA = Path(__file__).parent.parent / "data" / "import"


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    """Every test starts with the collector on and leaves it as it found it."""
    was = gc.isenabled()
    gc.enable()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_is_off_inside_and_on_again_after_the_last_of_nested_pauses() -> None:
    with paused_collection():
        assert not gc.isenabled()
        with paused_collection():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still runs
    assert gc.isenabled()


def test_the_collector_runs_again_when_the_work_fails() -> None:
    with pytest.raises(RuntimeError), paused_collection():
        raise RuntimeError("the import failed")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with paused_collection():
        pass
    assert not gc.isenabled()


def test_overlapping_pauses_on_two_threads_end_with_the_later_one() -> None:
    entered, release = threading.Event(), threading.Event()

    def other() -> None:
        with paused_collection():
            entered.set()
            release.wait(10)

    thread = threading.Thread(target=other)
    thread.start()
    assert entered.wait(10)
    with paused_collection():
        pass
    assert not gc.isenabled()  # the other thread's pause is still on
    release.set()
    thread.join(10)
    assert gc.isenabled()


def test_import_and_scan_run_with_the_collector_paused(ws) -> None:
    path = DATA / "salesforce_history.csv"
    mapping = guess_mapping(read_header(path)[0])
    mapping.create_stages = True
    seen: list[bool] = []
    scan(path, mapping, ws, progress=lambda _f, _m: seen.append(gc.isenabled()))
    result = import_file(ws, path, mapping, progress=lambda _f, _m: seen.append(gc.isenabled()))
    assert result.events_added == 11
    assert seen and not any(seen)
    assert gc.isenabled()


def test_a_merge_runs_with_the_collector_paused(tmp_path: Path) -> None:
    source = open_workspace(tmp_path / "laptop.sqlite")
    try:
        stage = sv.create_stage(source, "Lead")
        rep = sv.create_rep(source, "Ann")
        sv.create_opportunity(source, "Deal", rep_id=rep.id, stage_id=stage.id)
        export_bundle(source, tmp_path / "ann.pdsa")
    finally:
        source.close()
    target = open_workspace(tmp_path / "manager.sqlite")
    try:
        seen: list[bool] = []
        report = merge_bundle(target, tmp_path / "ann.pdsa", progress=lambda _f, _m: seen.append(gc.isenabled()))
        assert report.tables["opportunity"].added == 1
    finally:
        target.close()
    assert seen and not any(seen)
    assert gc.isenabled()


def test_ids_and_times_made_in_slices_are_the_ones_made_in_one_piece(monkeypatch: pytest.MonkeyPatch) -> None:
    """The importer's NumPy conversions go in slices (each call holds the GIL); the values do not change."""
    import numpy as np

    from pdsa_desk.core.importing import writer

    class _Conn:
        dialect = type("Dialect", (), {"name": "sqlite"})()

    micros = np.arange(-5, 2_345, dtype=np.int64) * 123_456_789_013
    whole_ids, sliced_ids = writer.IdMaker(), writer.IdMaker()
    sliced_ids._next, sliced_ids._prefix = whole_ids._next, whole_ids._prefix
    w = writer.Writer(_Conn())  # type: ignore[arg-type]  # only the dialect's name is read
    whole = (whole_ids.take(2_350), w.times(micros))
    monkeypatch.setattr(writer, "GIL_SLICE", 100)
    sliced = (sliced_ids.take(2_350), w.times(micros))
    assert sliced == whole
    assert len(set(sliced[0])) == 2_350 and sliced[0] == sorted(sliced[0])
    assert sliced[1][0] == "1969-12-24 20:31:56.054935" and len(sliced[1]) == 2_350


def test_a_dropped_snapshot_leaves_nothing_for_the_collector(demo_ws) -> None:
    """Why freezing the objects a delivered snapshot holds (keep_out_of_collections) frees them as before:
    a loaded and a patched snapshot, once dropped, leave no reference cycles for the collector to find."""
    from datetime import UTC, datetime

    from pdsa_desk.core.frames import load_analysis_data
    from pdsa_desk.core.patching import patch_analysis
    from tests.snapshot_support import open_cards

    data = load_analysis_data(demo_ws)
    (card,) = open_cards(data, 1)[:1]
    sv.move_opportunity(demo_ws, card, sv.list_stages(demo_ws)[-1].id, entered_at=datetime.now(UTC))
    patched = patch_analysis(demo_ws, data, [card])
    assert patched is not None and patched is not data
    gc.collect()  # what the reads themselves left (SQLAlchemy's sessions hold cycles), not the snapshots
    del data, patched
    assert gc.collect() == 0


def test_frozen_objects_are_moved_out_of_the_collectors_walk() -> None:
    from pdsa_desk.core.gc_pause import keep_out_of_collections

    try:
        held = [[i] for i in range(1000)]
        keep_out_of_collections()
        assert gc.get_freeze_count() >= len(held)
        assert all(not any(x is h for x in gc.get_objects(generation=2)) for h in held[:3])
    finally:
        gc.unfreeze()


def test_freezing_does_not_count_the_frozen_objects(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counting walks every frozen object (20-40 ms at 1M events, on the GUI thread at every edit)."""
    from pdsa_desk.core.gc_pause import keep_out_of_collections

    monkeypatch.setattr(gc, "get_freeze_count", lambda: pytest.fail("counted the frozen objects"))
    try:
        keep_out_of_collections()
    finally:
        gc.unfreeze()
