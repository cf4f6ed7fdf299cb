"""Forecasts held against actuals, and each forecaster's bias and accuracy.

Actuals (:func:`forecast_actuals`) are computed from the workspace by the rules every other view uses,
over live rows only (tombstoned opportunities, events and stages do not count):

``leads``
    Opportunities opened (``opened_at``) in the period.
``stage_entries``
    Opportunities whose *first* entry into the forecast's stage falls in the period (re-entries do not
    count again, as in the conversion charts).
``won_deals``
    Opportunities with outcome ``won`` and ``closed_at`` in the period. A won opportunity without a close
    date cannot be placed in a period and is not counted.
``won_revenue``
    The sum of ``amount`` over those won deals; a won deal without an amount adds 0 and is counted in
    ``missing_amounts`` so that the view can say so.

Scope: ``rep`` = the opportunity's rep; ``team`` = the opportunity's rep is (now) in the team, as in
every team view; ``channel`` = the opportunity's channel, compared trimmed and case-insensitively
(``"Partner"`` = ``"partner "``); ``all`` = every opportunity.

Periods: ``period_start``..``period_end`` are days in the workspace's time zone
(:attr:`WorkspaceSettings.time_zone`, an IANA name read with :mod:`zoneinfo`), so a period is the
half-open interval from local midnight of its first day to local midnight after its last day. In Berlin a
deal won at 23:30 on 31 December (22:30 UTC) belongs to Q4, and one won at 00:30 on 1 January (23:30 UTC
on 31 December) to Q1 of the next year.

A period is *closed* once its end has passed (``as_of``). Until then ``actual`` is the count so far and
``error`` is None. A forecast made at or after the period's start is *late* (marked, still counted).

Bias and accuracy (:func:`forecaster_accuracy`) per forecaster over their last four closed periods (the
four most recent distinct periods, by end, in which they forecast anything): for each target (period,
metric, scope, stage) only the forecast made last counts (a revision replaces the earlier number). Its
percentage error is ``(forecast - actual) / actual * 100``. **Bias** is the mean signed percentage error
(positive = optimistic), **accuracy** is the mean absolute percentage error (MAPE, lower is better).
**Rule for actual = 0:** a percentage of zero is undefined, so such forecasts are left out of both means
and counted in ``zero_actuals`` (shown beside them); when every one is left out, bias and accuracy are
None. Forecasters are listed by name, never ranked.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
from sqlalchemy import select

from pdsa_desk.core.models import (
    Forecast,
    ForecastMetric,
    ForecastScope,
    Opportunity,
    Rep,
    Stage,
    StageEvent,
    Team,
    WorkspaceSettings,
)

if TYPE_CHECKING:
    from sqlmodel import Session

    from pdsa_desk.core.database import Workspace

__all__ = [
    "PERIODS_FOR_ACCURACY",
    "ForecastActual",
    "ForecasterAccuracy",
    "forecast_actuals",
    "forecaster_accuracy",
    "period_bounds",
    "session_zone",
    "workspace_zone",
]

#: How many closed periods bias and accuracy look back on.
PERIODS_FOR_ACCURACY = 4
_NAT = np.iinfo(np.int64).min
_BIG = np.iinfo(np.int64).max
#: Stage events read per batch when first entries are looked up.
_BATCH = 20_000
T = TypeVar("T")


@dataclass(frozen=True)
class ForecastActual:
    """One forecast beside its actual (see the module docstring for the rules)."""

    forecast_id: str
    forecaster: str
    role: str
    period_start: date
    period_end: date
    metric: str
    scope_kind: str
    #: Team or rep name, channel, or "" for the whole workspace.
    scope: str
    #: The stage of a ``stage_entries`` forecast ("" otherwise).
    stage: str
    forecast: float
    #: The actual (so far, while the period is open); None when the forecast's stage was deleted.
    actual: float | None
    made_at: datetime
    #: The period has ended (as of the computation).
    closed: bool
    #: The forecast was made at or after the period's start.
    late: bool
    #: Won deals of the period without an amount (``won_revenue`` only).
    missing_amounts: int = 0

    @property
    def error(self) -> float | None:
        """forecast - actual, once the period is closed."""
        return None if not self.closed or self.actual is None else self.forecast - self.actual

    @property
    def pct_error(self) -> float | None:
        """The error in % of the actual; None while open, or when the actual is 0 (undefined)."""
        err = self.error
        return None if err is None or not self.actual else err / self.actual * 100.0

    @property
    def target(self) -> tuple[Any, ...]:
        """What the forecast is about: a later forecast of the same target revises it."""
        return (self.period_start, self.period_end, self.metric, self.scope_kind, self.scope.casefold(), self.stage)


@dataclass(frozen=True)
class ForecasterAccuracy:
    """One forecaster's record over their last closed periods."""

    forecaster: str
    #: The periods looked at, most recent first ((first day, last day)).
    periods: tuple[tuple[date, date], ...]
    #: Forecasts counted (the last per target) with a non-zero actual.
    n: int
    #: Forecasts left out because the actual was 0 (the percentage is undefined).
    zero_actuals: int
    #: Mean signed error in % of actual (positive = optimistic); None when nothing could be counted.
    bias: float | None
    #: Mean absolute % error (MAPE); None when nothing could be counted.
    mape: float | None
    #: Counted forecasts that were made after their period had started.
    late: int


def workspace_zone(ws: Workspace) -> ZoneInfo:
    """The workspace's time zone (UTC when unset or unknown to this computer's time-zone data)."""
    with ws.session() as s:
        return session_zone(s)


def session_zone(s: Session) -> ZoneInfo:
    from pdsa_desk.core.services._base import live

    settings = s.exec(live(WorkspaceSettings)).first()
    name = settings.time_zone if settings is not None and settings.time_zone else "UTC"
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def period_bounds(first: date, last: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """``[local midnight of first, local midnight after last)`` in UTC."""
    start = datetime.combine(first, time(0), zone).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time(0), zone).astimezone(UTC)
    return start, end


def _ns(value: datetime | None) -> int:
    if value is None:
        return _NAT
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    delta = aware - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000_000 + delta.microseconds * 1000


def _key(text: str | None) -> str:
    return (text or "").strip().casefold()


class _Ids:
    """Opportunity ids -> row numbers, in the order added.

    Every pdsa-desk id is a 36-character UUID: those are packed into one buffer of 36 bytes each and looked up
    all at once by a binary search (7 MB at 200,000 opportunities, instead of 28 MB of strings and a dict
    held while the actuals are computed); from the first id of another shape on, a dict does it."""

    _WIDTH = 36

    def __init__(self) -> None:
        self._buf = bytearray()
        self._dict: dict[str, int] | None = None
        self._n = 0
        self._sorted: tuple[np.ndarray, np.ndarray] | None = None

    def __len__(self) -> int:
        return self._n

    def _packable(self, raw: bytes) -> bool:
        return len(raw) == self._WIDTH and b"\0" not in raw  # numpy's bytes compare ignores trailing NULs

    def add(self, oid: str) -> None:
        if self._sorted is not None:
            raise RuntimeError("every id is added before the first lookup")
        if self._dict is None:
            raw = oid.encode("utf-8")
            if self._packable(raw):
                self._buf += raw
                self._n += 1
                return
            packed = np.frombuffer(bytes(self._buf), dtype=f"S{self._WIDTH}")
            self._dict = {v.decode("utf-8"): i for i, v in enumerate(packed.tolist())}
            self._buf = bytearray()
        self._dict[oid] = self._n
        self._n += 1

    def rows_of(self, ids: list[str]) -> np.ndarray:
        """The row of each id (-1: none has it)."""
        if self._dict is not None:
            return np.array([self._dict.get(i, -1) for i in ids], dtype=np.int64)
        if self._sorted is None:  # sorted once, then the ids are kept in that order only
            keys = np.frombuffer(self._buf, dtype=f"S{self._WIDTH}")
            order = np.argsort(keys, kind="stable")
            self._sorted = (keys[order], order)
            del keys
            self._buf = bytearray()
        keys, order = self._sorted
        raw = [i.encode("utf-8") for i in ids]
        ok = np.array([self._packable(r) for r in raw], dtype=bool)
        query = np.array([r if good else b"" for r, good in zip(raw, ok.tolist(), strict=True)],
                         dtype=f"S{self._WIDTH}")
        pos = np.minimum(np.searchsorted(keys, query), max(len(keys) - 1, 0))
        found = ok & (pos < len(keys))
        if len(keys):
            found &= keys[pos] == query
        return np.where(found, order[pos] if len(keys) else -1, -1).astype(np.int64)


class _Opportunities:
    """The live opportunities as arrays, and first stage entries on demand."""

    def __init__(self, s: Session) -> None:
        o = Opportunity.__table__.c
        r = Rep.__table__.c
        result = s.connection().execute(
            select(o.id, o.rep_id, r.team_id, o.channel, o.opened_at, o.outcome, o.closed_at, o.amount)
            .select_from(Opportunity.__table__.outerjoin(Rep.__table__, r.id == o.rep_id))
            .where(o.deleted_at.is_(None))
        )
        # Read row by row, the few distinct reps, teams and channels shared and the numbers into typed arrays
        # (8 bytes each, not a Python object each): fetching all rows first held 200,000 row objects with their
        # datetimes at once (+190 MB of peak memory at 1M events).
        shared: dict[str, str] = {}
        index = _Ids()
        rep: list[str] = []
        team: list[str] = []
        channel: list[str] = []
        opened, closed, amount, won = array("q"), array("q"), array("d"), bytearray()
        for row in result:
            index.add(row[0])
            rep.append(shared.setdefault(row[1] or "", row[1] or ""))
            team.append(shared.setdefault(row[2] or "", row[2] or ""))
            key = _key(row[3])
            channel.append(shared.setdefault(key, key))
            opened.append(_ns(row[4]))
            won.append(row[5] == "won")
            closed.append(_ns(row[6]))
            amount.append(np.nan if row[7] is None else float(row[7]))
        self.index = index
        self.rep = np.array(rep, dtype=object)
        self.team = np.array(team, dtype=object)
        self.channel = np.array(channel, dtype=object)
        self.opened = np.array(opened, dtype=np.int64)
        self.won = np.frombuffer(won, dtype=np.uint8).astype(bool)
        self.closed = np.array(closed, dtype=np.int64)
        self.amount = np.array(amount, dtype=float)
        self._session = s
        self._first: dict[str, np.ndarray] = {}

    def first_entry(self, stage_id: str) -> np.ndarray:
        """Per opportunity: its first entry into the stage (ns), or NaT."""
        if stage_id not in self._first:
            e = StageEvent.__table__.c
            rows = self._session.connection().execute(
                select(e.opportunity_id, e.entered_at).where(e.stage_id == stage_id, e.deleted_at.is_(None))
            )
            first = np.full(len(self.index), _BIG, dtype=np.int64)
            for part in rows.partitions(_BATCH):  # a batch of ids at a time, not every event's at once
                pairs = [(opp_id, _ns(at)) for opp_id, at in part if at is not None]  # entered_at is never NULL
                code = self.index.rows_of([p[0] for p in pairs])
                ns = np.array([p[1] for p in pairs], dtype=np.int64)
                keep = code >= 0
                np.minimum.at(first, code[keep], ns[keep])
            self._first[stage_id] = np.where(first == _BIG, _NAT, first)
        return self._first[stage_id]

    def scope_mask(self, row: Forecast) -> np.ndarray:
        if row.scope_kind == ForecastScope.REP:
            return np.asarray(self.rep == (row.rep_id or "\0"), dtype=bool)
        if row.scope_kind == ForecastScope.TEAM:
            return np.asarray(self.team == (row.team_id or "\0"), dtype=bool)
        if row.scope_kind == ForecastScope.CHANNEL:
            return np.asarray(self.channel == _key(row.channel), dtype=bool)
        return np.ones(len(self.index), dtype=bool)


class _Lazy(Generic[T]):
    """A value made on first use (the opportunities: 6 s and 76 MB at 1M events, for nothing when there is
    no forecast to hold against them)."""

    def __init__(self, make: Callable[[], T]) -> None:
        self._make = make
        self._made: list[T] = []

    @property
    def value(self) -> T:
        if not self._made:
            self._made.append(self._make())
        return self._made[0]


def _actual(opps: _Opportunities, row: Forecast, lo: int, hi: int) -> tuple[float, int]:
    """(actual, won deals without an amount) of one forecast over ``[lo, hi)`` (ns)."""
    scope = opps.scope_mask(row)
    if row.metric == ForecastMetric.LEADS:
        return float(np.count_nonzero(scope & (opps.opened >= lo) & (opps.opened < hi))), 0
    if row.metric == ForecastMetric.STAGE_ENTRIES:
        first = opps.first_entry(row.stage_id or "")
        return float(np.count_nonzero(scope & (first != _NAT) & (first >= lo) & (first < hi))), 0
    won = scope & opps.won & (opps.closed != _NAT) & (opps.closed >= lo) & (opps.closed < hi)
    if row.metric == ForecastMetric.WON_DEALS:
        return float(np.count_nonzero(won)), 0
    amounts = opps.amount[won]
    return float(np.nansum(amounts)), int(np.count_nonzero(np.isnan(amounts)))


def _names(s: Session, model: type[Team] | type[Rep] | type[Stage]) -> dict[str, tuple[str, bool]]:
    """id -> (name, live) of every row, tombstoned too (old forecasts keep their label)."""
    t = model.__table__.c
    return {i: (name, deleted is None) for i, name, deleted in s.connection().execute(select(t.id, t.name,
                                                                                               t.deleted_at))}


def _scope_label(row: Forecast, teams: dict[str, tuple[str, bool]], reps: dict[str, tuple[str, bool]]) -> str:
    if row.scope_kind == ForecastScope.TEAM:
        return teams.get(row.team_id or "", ("", False))[0]
    if row.scope_kind == ForecastScope.REP:
        return reps.get(row.rep_id or "", ("", False))[0]
    if row.scope_kind == ForecastScope.CHANNEL:
        return (row.channel or "").strip()
    return ""


def forecast_actuals(
    ws: Workspace, *, as_of: datetime | None = None, forecasts: Sequence[Forecast] | None = None
) -> list[ForecastActual]:
    """Every live forecast (or the given ones) beside its actual, as of ``as_of`` (default now).

    Sorted by period, forecaster (case-insensitive) and when the forecast was made.
    """
    from pdsa_desk.core.services._base import live

    when = as_of or datetime.now(UTC)
    when = when if when.tzinfo is not None else when.replace(tzinfo=UTC)
    now_ns = _ns(when)
    with ws.session() as s:
        rows = list(forecasts) if forecasts is not None else list(s.exec(live(Forecast)))
        zone = session_zone(s)
        opps = _Lazy(lambda: _Opportunities(s))  # read only if some forecast needs an actual
        teams, reps, stages = _names(s, Team), _names(s, Rep), _names(s, Stage)
        result = []
        for row in rows:
            start, end = period_bounds(row.period_start, row.period_end, zone)
            lo, hi = _ns(start), _ns(end)
            stage_name, stage_live = stages.get(row.stage_id or "", ("", False))
            actual: float | None
            missing = 0
            if row.metric == ForecastMetric.STAGE_ENTRIES and not stage_live:
                actual = None
            else:
                actual, missing = _actual(opps.value, row, lo, min(hi, max(now_ns, lo)))
            made = row.made_at if row.made_at.tzinfo is not None else row.made_at.replace(tzinfo=UTC)
            result.append(ForecastActual(
                forecast_id=row.id, forecaster=row.forecaster, role=row.role, period_start=row.period_start,
                period_end=row.period_end, metric=row.metric, scope_kind=row.scope_kind,
                scope=_scope_label(row, teams, reps), stage=stage_name if row.stage_id else "",
                forecast=float(row.value), actual=actual, made_at=made.astimezone(UTC), closed=hi <= now_ns,
                late=_ns(made) >= lo, missing_amounts=missing,
            ))
    result.sort(key=lambda a: (a.period_start, a.period_end, a.forecaster.casefold(), a.made_at))
    return result


def _latest_per_target(actuals: Iterable[ForecastActual]) -> list[ForecastActual]:
    latest: dict[tuple[Any, ...], ForecastActual] = {}
    for a in actuals:
        key = a.target
        if key not in latest or a.made_at > latest[key].made_at:
            latest[key] = a
    return list(latest.values())


def forecaster_accuracy(
    actuals: Iterable[ForecastActual], *, periods: int = PERIODS_FOR_ACCURACY
) -> list[ForecasterAccuracy]:
    """Bias and accuracy per forecaster over their last ``periods`` closed periods, listed by name.

    ``actuals`` comes from :func:`forecast_actuals`; see the module docstring for the rules (the last
    forecast per target counts; an actual of 0 is left out of the percentages and counted apart).
    """
    by_person: dict[str, list[ForecastActual]] = {}
    for a in actuals:
        if a.closed and a.actual is not None:
            by_person.setdefault(a.forecaster.strip(), []).append(a)
    result = []
    for person in sorted(by_person, key=str.casefold):
        mine = by_person[person]
        recent = sorted({(a.period_start, a.period_end) for a in mine}, key=lambda p: (p[1], p[0]),
                        reverse=True)[:periods]
        counted = _latest_per_target(a for a in mine if (a.period_start, a.period_end) in recent)
        pct = [a.pct_error for a in counted if a.pct_error is not None]
        result.append(ForecasterAccuracy(
            forecaster=person,
            periods=tuple(recent),
            n=len(pct),
            zero_actuals=sum(1 for a in counted if a.pct_error is None),
            bias=float(np.mean(pct)) if pct else None,
            mape=float(np.mean(np.abs(pct))) if pct else None,
            late=sum(1 for a in counted if a.late),
        ))
    return result
