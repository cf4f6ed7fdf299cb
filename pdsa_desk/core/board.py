"""The board: every open opportunity in its current stage, with days in stage and an aging flag.

Qt-free and vectorised. :func:`load_board` turns an
:class:`~pdsa_desk.core.frames.AnalysisData` snapshot (plus one small query for
the amounts, which the analysis frames do not carry) into a
:class:`BoardSnapshot`: a frame of cards sorted so that each stage's cards are
one contiguous block (longest in stage first), and a frame of stages with their
counts, WIP limits and aging thresholds.

Definitions (the same as :func:`pdsa_desk.core.pipeline.aging`):

* An opportunity is on the board while it is open at ``as_of`` and its current
  stage is the stage of its latest live stage event by then: the one rule of
  :func:`pdsa_desk.core.pipeline.open_at`, which the agenda, the weekly report
  and the Data view share. An open opportunity without any event is in
  :data:`NO_STAGE` (``-1``).
* ``days_in_stage = (as_of - entered_at)`` in days (events after ``as_of`` have
  not happened yet, so it is never negative). Without a stage, days since opened.
* ``aging`` is ``days_in_stage > p85_days`` of the current stage, where
  ``p85_days`` is :func:`~pdsa_desk.core.pipeline.time_in_stage`'s 85th
  percentile of the visits completed by ``as_of``; a stage without completed
  visits never flags.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pdsa_desk.core.board_state import board_state
from pdsa_desk.core.frames import AnalysisData, load_analysis_data
from pdsa_desk.core.metrics import NAT, NS_PER_DAY, UNSPECIFIED, prepare

if TYPE_CHECKING:
    from datetime import datetime

    from pdsa_desk.core.database import Workspace

__all__ = ["NO_STAGE", "UNSPECIFIED", "BoardSnapshot", "filter_mask", "first_board", "forward_stages", "load_board",
           "next_stage", "open_amounts", "open_amounts_of", "with_amounts"]

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


def open_amounts(ws: Workspace) -> pd.Series:
    """The open opportunities' amounts (id -> amount): what :func:`load_board` reads besides the snapshot (a
    caller may read it beforehand, e.g. while the snapshot is being patched, and pass it as ``amounts``)."""
    raw = ws.engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("SELECT id, amount FROM opportunity WHERE deleted_at IS NULL AND outcome = 'open'")
        rows = cur.fetchall()
        cur.close()
    finally:
        raw.close()
    return _amounts(rows)


def open_amounts_of(ws: Workspace, ids: Collection[str]) -> pd.Series:
    """The amounts of those of ``ids`` that are open opportunities now (id -> amount): after an edit of a few
    opportunities, what changed in :func:`open_amounts` (see :func:`with_amounts`)."""
    from sqlmodel import Session, col, select

    from pdsa_desk.core.models import Opportunity, Outcome

    wanted = sorted({str(i) for i in ids})
    with Session(ws.engine) as s:
        rows = list(s.exec(select(col(Opportunity.id), col(Opportunity.amount)).where(
            col(Opportunity.id).in_(wanted), col(Opportunity.deleted_at).is_(None),
            col(Opportunity.outcome) == Outcome.OPEN)).all()) if wanted else []
    return _amounts(rows)


def with_amounts(kept: pd.Series, ids: Collection[str], fresh: pd.Series) -> pd.Series:
    """``kept`` (:func:`open_amounts` of earlier) with the rows of ``ids`` as ``fresh`` (:func:`open_amounts_of`
    ``ids``, read since) has them: the open amounts now, when nothing but ``ids`` changed in between."""
    rest = kept[~kept.index.isin([str(i) for i in ids])]
    if not len(fresh):
        return rest
    return pd.Series(np.concatenate([rest.to_numpy(dtype="float64"), fresh.to_numpy(dtype="float64")]),
                     index=pd.Index([*rest.index, *fresh.index], dtype=object))


def _amounts(rows: Sequence[tuple[Any, Any]]) -> pd.Series:
    if not rows:
        return pd.Series([], dtype="float64", index=pd.Index([], dtype=object))
    ids, amounts = zip(*rows, strict=True)
    return pd.Series(np.array(amounts, dtype="float64"), index=pd.Index(ids, dtype=object))


def _now(as_of: Any) -> pd.Timestamp:
    now = pd.Timestamp.now(tz="UTC") if as_of is None else pd.Timestamp(as_of)
    return now.tz_localize("UTC") if now.tz is None else now.tz_convert("UTC")


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
        amounts = open_amounts(ws) if ws is not None else pd.Series([], dtype="float64")
    now = _now(as_of)
    now_ns = int(now.as_unit("ns").value)

    prep = prepare(data)
    state = board_state(data, now_ns)  # kept with the snapshot, patched after an edit
    median, p85 = state.quantiles()

    opps = prep.opportunities
    rows, stage, cur_t = state.rows, state.stage, state.entered
    opened = np.asarray(pd.DatetimeIndex(opps["created_at"]).as_unit("ns").asi8, dtype=np.int64)[rows]

    def column(name: str) -> np.ndarray:  # the open rows taken first: not every opportunity's string converted
        return opps[name].take(rows).to_numpy(dtype=object)

    ids = column("id")
    cards = {
        "id": ids,
        "name": column("name"),
        "rep_id": column("rep_id"),
        "team_id": column("team_id"),
        "amount": pd.Series(amounts, dtype="float64").reindex(pd.Index(ids, dtype=object)).to_numpy(),
        "stage": stage,
        "opened": opened,
        "entered": cur_t,
    }
    return _snapshot(now, prep.stages, data.reps, cards, median, p85)


def first_board(ws: Workspace, *, as_of: Any = None) -> BoardSnapshot:
    """The board's first paint, from the open opportunities alone: one query for their rows and latest
    events (through the (opportunity, time) index), none over the history. Open at ``as_of`` and the stage
    by then as :func:`pdsa_desk.core.pipeline.open_at` defines them (pass the window's one "as of" instant,
    the one :func:`load_board` will be given). Columns, cards, counts, WIP
    limits and days in stage are those of :func:`load_board`; the aging thresholds (``p85_days``,
    ``median_days``) need every past visit, so they are NaN and no card is marked aging until
    :func:`load_board` has the snapshot."""
    from pdsa_desk.core.frames import read_stages_and_reps

    raw = ws.engine.raw_connection()
    try:
        cur = raw.cursor()
        stages, reps = read_stages_and_reps(cur)
        cur.close()
    finally:
        raw.close()
    now = _now(as_of)
    return _first_snapshot(now, stages, reps, _open_cards(ws, now.to_pydatetime()))


def first_board_file(path: str | Path, *, as_of: Any = None) -> BoardSnapshot:
    """:func:`first_board` of a workspace *file* at the current schema revision, read with the ``sqlite3``
    module alone: start-up reads it while SQLAlchemy is still being imported and the workspace opened (see
    :mod:`pdsa_desk.ui.application`). The same snapshot as ``first_board(open_workspace(path))``."""
    from datetime import UTC

    from pdsa_desk.core.frames import read_stages_and_reps
    from pdsa_desk.core.sqlite_file import reading_connection

    now = _now(as_of)
    # SQLAlchemy's SQLite DATETIME text (naive UTC, microseconds), which the query compares as text.
    bound = now.to_pydatetime().astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    con = reading_connection(path)
    try:
        cur = con.cursor()
        stages, reps = read_stages_and_reps(cur)
        rows = [tuple(r) for r in cur.execute(_OPEN_CARDS_SQL.format(key="rowid"), {"as_of": bound})]
    finally:
        con.close()
    return _first_snapshot(now, stages, reps, rows)


def _first_snapshot(now: pd.Timestamp, stages: pd.DataFrame, reps: pd.DataFrame,
                    rows: list[tuple[Any, ...]]) -> BoardSnapshot:
    """The first board of the open cards' rows (see :func:`_open_cards`), without aging thresholds."""
    position = {sid: k for k, sid in enumerate(stages["id"].tolist())}
    n = len(rows)
    columns = list(zip(*rows, strict=True)) if rows else [()] * 8
    ids, names, rep_ids, team_ids, amounts, opened_at, stage_ids, entered_at = columns
    opened = _times_ns(opened_at)
    entered = _times_ns(entered_at)
    stage = np.array([position.get(sid, NO_STAGE) if sid is not None else NO_STAGE for sid in stage_ids],
                     dtype=np.int64)
    entered[stage == NO_STAGE] = NAT
    cards = {
        "id": np.array(ids, dtype=object),
        "name": np.array(names, dtype=object),
        "rep_id": np.array(rep_ids, dtype=object),
        "team_id": np.array(team_ids, dtype=object),
        "amount": np.array([np.nan if a is None else a for a in amounts], dtype=float),
        "stage": stage.reshape(n),
        "opened": opened,
        "entered": entered,
    }
    nan = np.full(len(stages), np.nan)
    return _snapshot(now, stages, reps, cards, nan, nan)


def _times_ns(values: Sequence[Any]) -> np.ndarray:
    if not values:
        return np.zeros(0, dtype=np.int64)
    times = pd.to_datetime(pd.Series(list(values), dtype=object), utc=True, format="ISO8601")
    return np.asarray(pd.DatetimeIndex(times).as_unit("ns").asi8, dtype=np.int64)


_OPEN_CARDS_SQL = """
SELECT o.id, o.name, o.rep_id, r.team_id, o.amount, o.opened_at, e.stage_id, e.entered_at
FROM opportunity o
LEFT JOIN rep r ON r.id = o.rep_id
LEFT JOIN stage_event e ON e.{key} = (
    SELECT x.{key} FROM stage_event x
    WHERE x.opportunity_id = o.id AND x.deleted_at IS NULL AND x.entered_at <= :as_of
      AND x.stage_id IN (SELECT id FROM stage WHERE deleted_at IS NULL)
    ORDER BY x.entered_at DESC, x.{key} DESC LIMIT 1)
WHERE o.deleted_at IS NULL AND o.opened_at <= :as_of
  AND ((o.closed_at IS NULL AND o.outcome = 'open') OR o.closed_at > :as_of)
"""


def _open_cards(ws: Workspace, as_of: datetime) -> list[tuple[Any, ...]]:
    """(id, name, rep id, team id, amount, opened at, stage id, entered at) of every live opportunity open at
    ``as_of``; the stage and time of its latest live event by then in a live stage (ties: the last stored),
    or None. The events read are only the open opportunities' (through the (opportunity, time) index)."""
    from sqlalchemy import bindparam, text

    from pdsa_desk.core.models import StageEvent

    key = "rowid" if ws.engine.dialect.name == "sqlite" else "id"  # ties: the last stored (as a load orders them)
    query = text(_OPEN_CARDS_SQL.format(key=key)).bindparams(
        bindparam("as_of", as_of, type_=StageEvent.__table__.c.entered_at.type))
    with ws.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(query)]


def _card_order(stage: np.ndarray, days: np.ndarray, names: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """The order of the cards on the board: by stage (``NO_STAGE`` first), longest in stage first, then by name
    and id (each a total order: ids are unique)."""
    if not len(stage):
        return np.zeros(0, dtype=np.intp)
    name_rank = np.unique(names.astype(str), return_inverse=True)[1].reshape(-1)
    id_rank = np.unique(ids.astype(str), return_inverse=True)[1].reshape(-1)
    order: np.ndarray = np.lexsort((id_rank, name_rank, -days, stage))
    return order


def _snapshot(now: pd.Timestamp, stage_frame: pd.DataFrame, reps: pd.DataFrame, cards: dict[str, np.ndarray],
              median: np.ndarray, p85: np.ndarray) -> BoardSnapshot:
    """The snapshot of the open opportunities' cards (arrays: id, name, rep_id, team_id, amount, stage, opened
    and entered as int ns) with the stages' time-in-stage quantiles (NaN: not known)."""
    now_ns = int(now.as_unit("ns").value)
    k = len(stage_frame)
    stage, opened = cards["stage"], cards["opened"]
    entered = np.where(stage == NO_STAGE, opened, cards["entered"])
    days = np.maximum(now_ns - entered, 0) / NS_PER_DAY
    thr = np.full(len(stage), np.nan)
    staged = stage != NO_STAGE
    thr[staged] = p85[stage[staged]]
    aging = staged & ~np.isnan(thr) & (days > np.where(np.isnan(thr), np.inf, thr))

    rep_name = dict(zip(reps["id"], reps["name"], strict=True))
    # Sorted before the frame is built (numpy: pandas' multi-column sort with its string factorizing cost
    # ~60 ms for 5,000 cards on every board).
    o = _card_order(stage, days, np.asarray(cards["name"], dtype=object), np.asarray(cards["id"], dtype=object))
    rep_ids = np.asarray(cards["rep_id"], dtype=object)[o]
    frame = pd.DataFrame(
        {
            "id": pd.Series(np.asarray(cards["id"], dtype=object)[o], dtype=object),
            "name": pd.Series(np.asarray(cards["name"], dtype=object)[o], dtype=object),
            "rep_id": pd.Series(rep_ids, dtype=object),
            "rep_name": pd.Series([rep_name.get(r) if r is not None else None for r in rep_ids], dtype=object),
            "team_id": pd.Series(np.asarray(cards["team_id"], dtype=object)[o], dtype=object),
            "amount": np.asarray(cards["amount"])[o],
            "stage": stage[o],
            "opened_at": pd.DatetimeIndex(opened[o].view("datetime64[ns]")).tz_localize("UTC"),
            "entered_at": pd.DatetimeIndex(entered[o].view("datetime64[ns]")).tz_localize("UTC"),
            "days_in_stage": days[o],
            "p85_days": thr[o],
            "aging": aging[o],
        },
        columns=CARD_COLUMNS,
    )
    frame["rep_id"] = frame["rep_id"].where(frame["rep_id"].notna(), None)
    frame["team_id"] = frame["team_id"].where(frame["team_id"].notna(), None)

    counts = np.bincount(stage[staged], minlength=k)[:k] if k else np.zeros(0, dtype=np.int64)
    stages = stage_frame[["id", "name", "wip_limit", "terminal"]].copy()
    stages["wip_limit"] = stages["wip_limit"].astype(float)
    stages["median_days"] = median
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
        as_of=now, stages=stages, cards=frame, reps=rep_frame.reset_index(drop=True), teams=teams,
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
