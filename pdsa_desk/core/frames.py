"""The analysis frames: the whole workspace as a few column-typed pandas frames.

Metrics never loop over ORM rows. They work on :class:`AnalysisData`, which the
database layer builds with one SQL query per table (see ``load_analysis_data``)
and which tests can build by hand from small, readable tables.

Contract (all timestamps are ``datetime64[ns, UTC]``):

``stages``
    One row per live stage, index ``0..k-1`` = the stage's position in the
    workspace order. Columns: ``id`` (str), ``name`` (str), ``window_days``
    (int, conversion window), ``wip_limit`` (float, NaN = no limit),
    ``terminal`` (str: ``"none"`` or ``"won"``).
``reps``
    One row per rep (including inactive). Columns: ``id`` (str), ``name`` (str),
    ``team_id`` (str or None), ``team_name`` (str or None), ``active`` (bool).
``opportunities``
    One row per live opportunity, index ``0..m-1`` = the opportunity code used
    by ``events.opp``. Columns: ``id`` (str), ``name`` (str), ``rep_id`` (str or
    None), ``team_id`` (str or None), ``outcome`` (str: ``open``/``won``/``lost``),
    ``created_at``, ``closed_at`` (NaT while open), ``loss_reason`` (str or
    None), ``source`` (str or None).
``events``
    One row per live stage event. Columns: ``opp`` (int32 code into
    ``opportunities``), ``stage`` (int16 position into ``stages``),
    ``entered_at``. Sorted by ``opp`` then ``entered_at``. Events whose stage is
    deleted are dropped by the loader.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is heavy; importers that only need the type pay nothing
    import pandas as pd


@dataclass(frozen=True)
class AnalysisData:
    """A read-only snapshot of a workspace for metrics (see module docstring)."""

    stages: "pd.DataFrame"
    reps: "pd.DataFrame"
    opportunities: "pd.DataFrame"
    events: "pd.DataFrame"
