"""Helpers of the snapshot tests (patching, prepared arrays, board state), shared by several test modules.

They live outside ``tests/core`` for the reason given in ``tests/service_support.py``: importing another test module
(``tests.core.<module>``) early stops tests/pg from rewriting its asserts.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pdsa_desk.core.database import Workspace, open_workspace
from pdsa_desk.core.frames import AnalysisData


def open_cards(data: AnalysisData, stage: int, n: int = 3) -> list[str]:
    """Ids of open opportunities whose latest event is in ``stage``."""
    ev = data.events
    last = ev.groupby("opp", sort=True).tail(1)
    opps = data.opportunities
    codes = last.loc[last["stage"] == stage, "opp"].to_numpy()
    codes = [c for c in codes if opps["outcome"].iat[c] == "open"]
    return [str(opps["id"].iat[c]) for c in codes[:n]]


def generated_workspace(tmp_path: Path, opportunities: int = 4000) -> tuple[Workspace, Any]:
    """A fresh copy of the benchmark's generated workspace (ties at the second, 5 channels, cycles in every
    status) under ``tmp_path``, opened, with the generator's info (``as_of_dt``, …); the caller closes it."""
    bench = str(Path(__file__).resolve().parent / "benchmarks")
    sys.path.insert(0, bench)
    try:
        import bench_generate
    finally:
        sys.path.remove(bench)
    info = bench_generate.cached(opportunities, cache_dir=tmp_path / "cache", log=lambda _m: None)
    return open_workspace(bench_generate.fresh_copy(info, tmp_path / "ws")), info


#: The prepared arrays a patch writes (compared, and read-only in a patched snapshot).
PATCHED_ARRAYS = ("ev_opp", "ev_stage", "ev_t", "first_big", "closed")


def assert_same_prepared(patched: Any, fresh: Any) -> None:
    """Two :class:`~pdsa_desk.core.metrics.Prepared` hold the same arrays and values (a patched one read-only)."""
    import numpy as np

    for name in (*PATCHED_ARRAYS, "first", "window_days", "outcome", "ev_end", "ev_is_last"):
        a, b = getattr(patched, name), getattr(fresh, name)
        assert a.dtype == b.dtype, name
        np.testing.assert_array_equal(a, b, err_msg=name)
    for name in ("rep_groups", "team_groups"):
        for a, b in zip(getattr(patched, name), getattr(fresh, name), strict=True):
            np.testing.assert_array_equal(a, b, err_msg=name)
    assert patched.latest_first == fresh.latest_first and patched.won == fresh.won
    assert patched.m == fresh.m and patched.k == fresh.k
    for name in PATCHED_ARRAYS:
        assert not getattr(patched, name).flags.writeable, name
