"""ISO weeks for the weekly report: parse ``2026-W47``, a week's days, and the moment a week is read as of.

Standard library only, so that the command line can check ``--week`` before it loads anything heavy.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from pdsa_desk.core.errors import ValidationError

__all__ = ["iso_week_bounds", "parse_iso_week", "resolve_week"]

_WEEK_RE = re.compile(r"^\s*(\d{4})-?[Ww](\d{1,2})\s*$")


def parse_iso_week(text: str) -> tuple[int, int]:
    """``"2026-W47"`` (also ``2026W47``, ``2026-w47``) -> ``(2026, 47)``; :class:`ValidationError` otherwise."""
    m = _WEEK_RE.match(text or "")
    if m is None:
        raise ValidationError(f"'{text}' is not an ISO week like 2026-W47.", "week")
    year, week = int(m.group(1)), int(m.group(2))
    _check_week(year, week)
    return year, week


def _check_week(year: int, week: int) -> None:
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ValidationError(f"{year} has no ISO week {week}.", "week") from None


def iso_week_bounds(year: int, week: int) -> tuple[date, date]:
    """Monday and Sunday of an ISO week."""
    monday = date.fromisocalendar(year, week, 1)
    return monday, monday + timedelta(days=6)


def resolve_week(week: Any, now: datetime, time_zone: str = "UTC") -> tuple[int, int, datetime]:
    """``(year, week, as_of)``: a given week is read as of its end (Sunday 24:00 in the team's ``time_zone``, as
    a UTC instant); None = now's week there, as of now.

    ``week``: ``"2026-W47"``, ``(2026, 47)``, a date inside the week, or None.
    """
    zone = ZoneInfo(time_zone)
    if week is None:
        iso = now.astimezone(zone).isocalendar()
        return iso.year, iso.week, now
    if isinstance(week, str):
        year, num = parse_iso_week(week)
    elif isinstance(week, date):
        iso = week.isocalendar()
        year, num = iso.year, iso.week
    else:
        year, num = (int(v) for v in week)
        _check_week(year, num)
    _, sunday = iso_week_bounds(year, num)
    monday_after = sunday + timedelta(days=1)
    end = datetime(monday_after.year, monday_after.month, monday_after.day, tzinfo=zone).astimezone(UTC)
    return year, num, end - timedelta(microseconds=1)
