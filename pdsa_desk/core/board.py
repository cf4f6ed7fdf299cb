"""The board: every open opportunity in its current stage, with days in stage and an aging flag.

Qt-free and vectorised. :func:`load_board` turns an
:class:`~pdsa_desk.core.frames.AnalysisData` snapshot (plus one small query for
the amounts, which the analysis frames do not carry) into a
:class:`BoardSnapshot`: a frame of cards sorted so that each stage's cards are
one contiguous block (longest in stage first), and a frame of stages with their
counts, WIP limits and aging thresholds.

Definitions (the same as :func:`pdsa_desk.core.metrics.aging`):

* An opportunity is on the board while it is open at ``as_of`` and its current
  stage is the stage of its latest live stage event by then: the one rule of
  :func:`pdsa_desk.core.metrics.open_at`, which the agenda, the weekly report
  and the Data view share. An open opportunity without any event is in
  :data:`NO_STAGE` (``-1``).
* ``days_in_stage = (as_of - entered_at)`` in days (events after ``as_of`` have
  not happened yet, so it is never negative). Without a stage, days since opened.
* ``aging`` is ``days_in_stage > p85_days`` of the current stage, where
  ``p85_days`` is :func:`~pdsa_desk.core.metrics.time_in_stage`'s 85th
  percentile of the visits completed by ``as_of``; a stage without completed
  visits never flags.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pdsa_desk.core.frames import AnalysisData, load_analysis_data
from pdsa_desk.core.metrics import NS_PER_DAY, UNSPECIFIED, open_at, prepare, time_in_stage

if TYPE_CHECKING:
    from pdsa_desk.core.database import Workspace

__all__ = ["NO_STAGE", "UNSPECIFIED", "BoardSnapshot", "filter_mask", "forward_stages", "load_board", "next_stage"]

#: The stage position of an open opportunity that has no stage event yet.
NO_STAGE = -1

CARD_COLUMNS = [
    "id", "name", "rep_id", "rep_name", "team_id", "amount", "stage",
    "opened_at", "entered_at", "days_in_stage", "p85_days", "aging",
]


@dataclass(frozen=True)
class BoardSnapshot:
    """What the board shows, as of one moment.

    ``stages``: index = position ``0..k-1``; columns ``id, name, wip_limit``
    (float, NaN = none), ``terminal``, ``median_days``, ``p85_days`` (NaN =
    no history), ``count`` (open opportunities in the stage), ``over_limit``.

    ``cards``: one row per open opportunity, sorted by ``stage`` (``-1``
    first), then longest in stage first, then name; columns
    :data:`CARD_COLUMNS`. ``rep_id``/``team_id`` are None when missing.

    ``reps``: ``id, name, team_id, team_name, active, open`` (open cards each);
    ``teams``: ``id, name``.
    """

    as_of: pd.Timestamp
    stages: pd.DataFrame
    cards: pd.DataFrame
    reps: pd.DataFrame
    teams: pd.DataFrame
    unstaged: int

    def block(self, stage: int) -> slice:
        """The rows of ``cards`` in one stage (``NO_STAGE`` for opportunities without a stage)."""
        st = self.cards["stage"].to_numpy()
        return slice(int(np.searchsorted(st, stage, "left")), int(np.searchsorted(st, stage, "right")))


def _amounts(ws: Workspace) -> pd.Series:
    raw = ws.engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("SELECT id, amount FROM opportunity WHERE deleted_at IS NULL AND outcome = 'open'")
        rows = cur.fetchall()
        cur.close()
    finally:
        raw.close()
    if not rows:
        return pd.Series([], dtype="float64", index=pd.Index([], dtype=object))
    ids, amounts = zip(*rows, strict=True)
    return pd.Series(np.array(amounts, dtype="float64"), index=pd.Index(ids, dtype=object))


def load_board(
    ws: Workspace | None,
    data: AnalysisData | None = None,
    *,
    as_of: Any = None,
    amounts: pd.Series | None = None,
) -> BoardSnapshot:
    """The board of ``ws`` (or of ``data`` with ``amounts`` given: id -> amount) as of ``as_of`` (default now)."""
    if data is None:
        if ws is None:
            raise ValueError("give a workspace or analysis data")
        data = load_analysis_data(ws)
    if amounts is None:
        amounts = _amounts(ws) if ws is not None else pd.Series([], dtype="float64")
    now = pd.Timestamp.now(tz="UTC") if as_of is None else pd.Timestamp(as_of)
    now = now.tz_localize("UTC") if now.tz is None else now.tz_convert("UTC")
    now_ns = int(now.as_unit("ns").value)

    prep = prepare(data)
    k = prep.k
    tis = time_in_stage(prep, as_of=now_ns)
    p85 = tis["p85_days"].to_numpy(dtype=float)

    opps = prep.opportunities
    rows, stage, cur_t = open_at(prep, now_ns)
    opened = np.asarray(pd.DatetimeIndex(opps["created_at"]).as_unit("ns").asi8, dtype=np.int64)[rows]
    entered = np.where(stage == NO_STAGE, opened, cur_t)
    days = np.maximum(now_ns - entered, 0) / NS_PER_DAY
    thr = np.full(len(rows), np.nan)
    staged = stage != NO_STAGE
    thr[staged] = p85[stage[staged]]
    aging = staged & ~np.isnan(thr) & (days > np.where(np.isnan(thr), np.inf, thr))

    reps = data.reps
    rep_name = dict(zip(reps["id"], reps["name"], strict=True))
    ids = opps["id"].to_numpy(dtype=object)[rows]
    rep_ids = opps["rep_id"].to_numpy(dtype=object)[rows]
    amount = pd.Series(amounts, dtype="float64").reindex(pd.Index(ids, dtype=object)).to_numpy()
    cards = pd.DataFrame(
        {
            "id": pd.Series(ids, dtype=object),
            "name": pd.Series(opps["name"].to_numpy(dtype=object)[rows], dtype=object),
            "rep_id": pd.Series(rep_ids, dtype=object),
            "rep_name": pd.Series([rep_name.get(r) if r is not None else None for r in rep_ids], dtype=object),
            "team_id": pd.Series(opps["team_id"].to_numpy(dtype=object)[rows], dtype=object),
            "amount": amount,
            "stage": stage,
            "opened_at": pd.DatetimeIndex(opened.view("datetime64[ns]")).tz_localize("UTC"),
            "entered_at": pd.DatetimeIndex(entered.view("datetime64[ns]")).tz_localize("UTC"),
            "days_in_stage": days,
            "p85_days": thr,
            "aging": aging,
        },
        columns=CARD_COLUMNS,
    )
    cards["rep_id"] = cards["rep_id"].where(cards["rep_id"].notna(), None)
    cards["team_id"] = cards["team_id"].where(cards["team_id"].notna(), None)
    cards = cards.sort_values(
        ["stage", "days_in_stage", "name", "id"], ascending=[True, False, True, True], ignore_index=True, kind="stable"
    )

    counts = np.bincount(stage[staged], minlength=k)[:k] if k else np.zeros(0, dtype=np.int64)
    stages = prep.stages[["id", "name", "wip_limit", "terminal"]].copy()
    stages["wip_limit"] = stages["wip_limit"].astype(float)
    stages["median_days"] = tis["median_days"].to_numpy(dtype=float)
    stages["p85_days"] = p85
    stages["count"] = counts.astype(np.int64)
    limit = stages["wip_limit"].to_numpy(dtype=float)
    stages["over_limit"] = ~np.isnan(limit) & (counts > np.where(np.isnan(limit), np.inf, limit))

    open_per_rep = pd.Series(rep_ids, dtype=object).value_counts(dropna=True)
    rep_frame = reps[["id", "name", "team_id", "team_name", "active"]].copy()
    rep_frame["open"] = rep_frame["id"].map(open_per_rep).fillna(0).astype(np.int64)
    teams = (
        rep_frame.loc[rep_frame["team_id"].notna(), ["team_id", "team_name"]]
        .drop_duplicates("team_id")
        .rename(columns={"team_id": "id", "team_name": "name"})
        .sort_values("name", key=lambda s: s.str.casefold(), ignore_index=True)
    )
    return BoardSnapshot(
        as_of=now, stages=stages, cards=cards, reps=rep_frame.reset_index(drop=True), teams=teams,
        unstaged=int((stage == NO_STAGE).sum()),
    )


def filter_mask(
    cards: pd.DataFrame, *, rep_id: str | None = None, team_id: str | None = None, text: str = ""
) -> np.ndarray:
    """Which cards pass the filter: one rep / one team (:data:`UNSPECIFIED` = none), and every
    word of ``text`` in the name (case-insensitive). ``None`` means no filter."""
    mask = np.ones(len(cards), dtype=bool)
    for column, wanted in (("rep_id", rep_id), ("team_id", team_id)):
        if wanted is None:
            continue
        values = cards[column].astype(object)
        if wanted == UNSPECIFIED:
            mask &= values.isna().to_numpy()
        else:
            mask &= (values == wanted).to_numpy(dtype=bool)
    names = cards["name"].astype(object).astype(str)
    for word in str(text or "").split():
        mask &= names.str.contains(word, case=False, regex=False).to_numpy(dtype=bool)
    return mask


def forward_stages(stages: pd.DataFrame | Sequence[Any], position: int) -> list[int]:
    """Positions a card in ``position`` may move to: every later stage (moves record what the customer
    did, so a board move only goes forward; corrections are undone, not moved back)."""
    return list(range(max(position, NO_STAGE) + 1, len(stages)))


def next_stage(stages: pd.DataFrame | Sequence[Any], position: int) -> int | None:
    """The stage right after ``position`` (the first stage for a card without one), or None at the end."""
    targets = forward_stages(stages, position)
    return targets[0] if targets else None
