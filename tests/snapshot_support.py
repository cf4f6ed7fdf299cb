"""Helpers of the snapshot tests (patching, prepared arrays, board state), shared by several test modules.

They live outside ``tests/core`` for the reason given in ``tests/service_support.py``: importing another test module
(``tests.core.<module>``) early stops tests/pg from rewriting its asserts.
"""

from __future__ import annotations

from pdsa_desk.core.frames import AnalysisData


def open_cards(data: AnalysisData, stage: int, n: int = 3) -> list[str]:
    """Ids of open opportunities whose latest event is in ``stage``."""
    ev = data.events
    last = ev.groupby("opp", sort=True).tail(1)
    opps = data.opportunities
    codes = last.loc[last["stage"] == stage, "opp"].to_numpy()
    codes = [c for c in codes if opps["outcome"].iat[c] == "open"]
    return [str(opps["id"].iat[c]) for c in codes[:n]]
