"""One clock: the single "as of" instant every view, the agenda, the report and the exports read.

Counts that depend on time (open opportunities, days in stage, mature cohorts, signals) differ when
two views take "now" a few seconds apart, or when a row is written between them. So a window keeps one
:class:`Clock`: its instant is taken once per data refresh (when the window opens and after every
change) and every computation of that refresh is made as of it. The same workspace at the same
instant therefore gives the same numbers everywhere.

Tests, screenshots and reports of a past week pin the clock to a fixed instant (:meth:`Clock.pin`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

__all__ = ["Clock", "end_of_day", "utc_instant"]


def end_of_day(day: date) -> datetime:
    """The last microsecond of ``day`` in UTC (a day "as of" its end, as the weekly report reads a week)."""
    return datetime.combine(day, time(0), UTC) + timedelta(days=1) - timedelta(microseconds=1)


def utc_instant(value: datetime | date) -> datetime:
    """An aware UTC datetime: a date means the end of that day; a naive time is taken as UTC."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return end_of_day(value)


class Clock:
    """The "as of" instant of the current refresh.

    :meth:`as_of` returns the same instant until :meth:`advance` takes a new one (the window calls it
    after every change, before anything is reloaded); a pinned clock never moves.
    """

    def __init__(self, now: Callable[[], datetime] | None = None) -> None:
        self._now = now or (lambda: datetime.now(UTC))
        self._pinned: datetime | None = None
        self._instant = self._now()

    def as_of(self) -> datetime:
        """The instant every computation of this refresh uses (aware, UTC)."""
        return self._pinned if self._pinned is not None else self._instant

    def advance(self) -> datetime:
        """Take a new instant (now) for the next refresh; a pinned clock stays where it is."""
        self._instant = self._now()
        return self.as_of()

    def pin(self, when: datetime | date | None) -> None:
        """Fix the clock at ``when`` (a date: the end of that day); None lets it run again."""
        self._pinned = None if when is None else utc_instant(when)
        if when is None:
            self.advance()

    @property
    def pinned(self) -> bool:
        return self._pinned is not None
