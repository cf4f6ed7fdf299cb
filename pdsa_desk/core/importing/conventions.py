"""A file's conventions, decided once for the whole file: how its amounts write decimals, and its time zone.

Amounts (:class:`AmountReader`): ``12.500`` is twelve and a half with a decimal point but twelve thousand five
hundred with a decimal comma. One convention holds for the whole file: given in the mapping (``"decimal"``), or
decided from all of the file's amounts — a value only one convention can read (``2.000,50``, ``1.234.567``,
``12,5``; ``1,234.50``, ``0.5``) says which. Values both conventions read alike (``1250``, ``1 250``) need none.
Values they read differently (``12.500``, ``1,250``) are kept until the end of the file and then read with the
file's convention; when the file never says which, or says both, the import is refused with the rows (like an
ambiguous date): never a silent guess.

Time zones (:class:`LocalZone`): CRM exports write local times without an offset. A time without an offset
is read in the mapping's ``"timezone"`` (an IANA name, :mod:`zoneinfo`); one with an offset (``Z``,
``+02:00``) keeps it. The clock changes follow one stated rule: a local time that happens twice (the hour
repeated when summer time ends) is read as the first of the two (still summer time); a local time that never
happens (the hour skipped when summer time starts) is read with the offset in force just before the change,
so ``02:30`` on that morning becomes ``03:30`` summer time. Both are counted and reported.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np

from pdsa_desk.core.importing.texts import QT_TRANSLATE_NOOP, counted, say
from pdsa_desk.core.importing.values import EPOCH, US, BadValue

# Mapping values of ``"decimal"``: the character that marks decimals.
DECIMAL_POINT = "."
DECIMAL_COMMA = ","
DECIMALS = (DECIMAL_POINT, DECIMAL_COMMA)

_CURRENCY = re.compile(r"^[A-Za-z$€£¥₹₽₩¤]{0,3}\s*|\s*[A-Za-z$€£¥₹₽₩¤]{0,3}$")
_SPACES = (" ", "\u00a0", "\u202f", "'", "’")
_DIGITS = re.compile(r"\d+")
_POINT_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+\.\d+")


def _grouped(text: str, sep: str) -> bool:
    """``text`` is digits grouped in threes by ``sep`` (``1.234.567``), the first group 1 to 3 digits."""
    parts = text.split(sep)
    return (len(parts) > 1 and 1 <= len(parts[0]) <= 3 and all(_DIGITS.fullmatch(p) for p in parts)
            and all(len(p) == 3 for p in parts[1:]))


def read_with(text: str, decimal: str) -> float | None:
    """``text`` (currency, spaces and sign already removed) read with ``decimal`` as the decimal mark and the other
    of ``.`` ``,`` as the thousands separator; None when that convention cannot read it."""
    group = "," if decimal == "." else "."
    whole, mark, frac = text.partition(decimal)
    if mark and (decimal in frac or group in frac or not _DIGITS.fullmatch(frac)):
        return None
    if group in whole:
        if not _grouped(whole, group):
            return None
        whole = whole.replace(group, "")
    if not whole and not frac:
        return None
    if whole and not _DIGITS.fullmatch(whole):
        return None
    return float(f"{whole or '0'}.{frac or '0'}")


@dataclass(frozen=True)
class Ambiguous:
    """An amount the two conventions read differently (``12.500``); read at the end with the file's convention."""

    raw: str
    negative: bool
    point: float
    comma: float

    def value(self, decimal: str) -> float:
        return self.comma if decimal == DECIMAL_COMMA else self.point


def _clean(raw: str) -> tuple[str, bool]:
    text = _CURRENCY.sub("", raw)
    for space in _SPACES:
        text = text.replace(space, "")
    negative = (text.startswith("(") and text.endswith(")")) or text.startswith("-")
    text = text.strip("()").lstrip("+-")
    return text, negative


@dataclass
class AmountReader:
    """Reads a file's amounts with one decimal convention (see the module docstring)."""

    decimal: str | None = None  # given in the mapping, else decided from the file
    # (row, column, value) of the first amount only a decimal point reads, and of the first only a comma reads.
    point_only: tuple[int, str, str] | None = None
    comma_only: tuple[int, str, str] | None = None
    # (row, column, value) of the first few amounts read differently by the two conventions, and how many.
    ambiguous: list[tuple[int, str, str]] = field(default_factory=list)
    n_ambiguous: int = 0

    def read(self, raw: object, row: int, column: str) -> float | Ambiguous:
        """A non-negative amount, or an :class:`Ambiguous` one to read at the end; :class:`BadValue` otherwise."""
        if isinstance(raw, bool):
            raise BadValue(say(_NOT_A_NUMBER, str(raw)))
        if isinstance(raw, (int, float)):
            return _checked(float(raw), str(raw))
        text = str(raw).strip()
        if self.decimal != DECIMAL_COMMA and _POINT_GROUPED.fullmatch(text):  # 12,500.00: only a point reads it
            if self.decimal is None and self.point_only is None:
                self.point_only = (row, column, text)
            return float(text.replace(",", ""))
        if "," not in text and "_" not in text:
            try:
                number = float(text)
            except ValueError:
                pass
            else:
                if "." not in text:
                    return _checked(number, text)
                if not _grouped(text.lstrip("+-"), "."):  # 1250.5, 0.5: only a decimal point reads these
                    if self.decimal == DECIMAL_COMMA:
                        raise BadValue(say(_NOT_COMMA, text))
                    if self.decimal is None and self.point_only is None:
                        self.point_only = (row, column, text)
                    return _checked(number, text)
        cleaned, negative = _clean(text)
        point = read_with(cleaned, DECIMAL_POINT)
        comma = read_with(cleaned, DECIMAL_COMMA)
        if self.decimal is not None:
            value = point if self.decimal == DECIMAL_POINT else comma
            if value is None:
                raise BadValue(say(_NOT_POINT if self.decimal == DECIMAL_POINT else _NOT_COMMA, text))
            return _checked(-value if negative else value, text)
        if comma is None:
            if point is None:
                raise BadValue(say(_NOT_A_NUMBER, text))
            if self.point_only is None and ("," in cleaned or "." in cleaned):
                self.point_only = (row, column, text)
            return _checked(-point if negative else point, text)
        if point is None or point == comma:  # only a comma reads it, or both alike
            if point is None and self.comma_only is None:
                self.comma_only = (row, column, text)
            return _checked(-comma if negative else comma, text)
        self.n_ambiguous += 1
        if len(self.ambiguous) < 20:
            self.ambiguous.append((row, column, text))
        _checked(-point if negative else point, text)
        return Ambiguous(text, negative, point, comma)

    # ---- the end of the file ----------------------------------------------------------------------
    def decided(self) -> str | None:
        """The file's convention: the mapping's, else what its amounts say (None when they say nothing)."""
        if self.decimal is not None:
            return self.decimal
        if self.comma_only is not None and self.point_only is None:
            return DECIMAL_COMMA
        if self.point_only is not None and self.comma_only is None:
            return DECIMAL_POINT
        return None

    def conflict(self) -> list[tuple[int | None, str | None, str]]:
        """What stops the import, as (row, column, message): amounts written both ways, or amounts that only a
        convention the file never shows could read. Empty when every amount can be read."""
        if self.decimal is not None:
            return []
        if self.point_only is not None and self.comma_only is not None:
            (r1, c1, v1), (r2, _c2, v2) = self.point_only, self.comma_only
            return [(r1, c1, say(QT_TRANSLATE_NOOP(
                "Import", "amount '%1' has a decimal point, but row %2 has '%3' with a decimal comma: one file uses "
                          "one convention. Say which with \"decimal\" in the mapping (\".\" or \",\"), or --decimal."),
                v1, r2, v2))]
        if self.n_ambiguous and self.decided() is None:
            out: list[tuple[int | None, str | None, str]] = [
                (r, c, say(QT_TRANSLATE_NOOP("Import", "amount '%1' reads as %2 with a decimal point but %3 with a "
                                                       "decimal comma, and no amount in the file tells which"),
                           v, _show(self._reading(v, '.')), _show(self._reading(v, ','))))
                for r, c, v in self.ambiguous]
            if self.n_ambiguous > len(self.ambiguous):
                out.append((None, None, counted(
                    self.n_ambiguous - len(self.ambiguous), QT_TRANSLATE_NOOP("Import", "… %1 more such amount."),
                    QT_TRANSLATE_NOOP("Import", "… %1 more such amounts."), "… %1 more such amount(s).")))
            out.append((None, None, say(QT_TRANSLATE_NOOP(
                "Import", "Say how the file writes decimals: \"decimal\": \".\" or \",\" in the mapping, or "
                          "--decimal."))))
            return out
        return []

    @staticmethod
    def _reading(raw: str, decimal: str) -> float:
        cleaned, _negative = _clean(raw)
        return read_with(cleaned, decimal) or 0.0

    def resolve(self, value: object) -> object:
        """An amount as finally read (an :class:`Ambiguous` one with the file's convention)."""
        if isinstance(value, Ambiguous):
            return value.value(self.decided() or DECIMAL_POINT)
        return value

    def notice(self) -> str | None:
        """What the summary says about the convention, when the file needed one."""
        decided = self.decided()
        if decided is None or (self.decimal is None and not self.n_ambiguous and self.comma_only is None):
            return None
        how = (say(QT_TRANSLATE_NOOP("Import", "a decimal comma and '.' between thousands"))
               if decided == DECIMAL_COMMA else
               say(QT_TRANSLATE_NOOP("Import", "a decimal point and ',' between thousands")))
        if self.decimal is not None:
            return say(QT_TRANSLATE_NOOP("Import", "Amounts were read with %1, as the mapping says."), how)
        first = self.comma_only if decided == DECIMAL_COMMA else self.point_only
        if first is None:
            return say(QT_TRANSLATE_NOOP("Import", "Amounts were read with %1, as the file's amounts show."), how)
        return say(QT_TRANSLATE_NOOP("Import", "Amounts were read with %1, as the file's amounts show (row %2 has "
                                               "'%3')."), how, first[0], first[2])


def _show(value: float) -> str:
    return f"{value:,.10g}"


_NOT_A_NUMBER = QT_TRANSLATE_NOOP("Import", "'%1' is not a number")
_NOT_POINT = QT_TRANSLATE_NOOP("Import", "'%1' is not a number written with a decimal point (the mapping's "
                                         "\"decimal\")")
_NOT_COMMA = QT_TRANSLATE_NOOP("Import", "'%1' is not a number written with a decimal comma (the mapping's "
                                         "\"decimal\")")


def _checked(number: float, raw: str) -> float:
    if not math.isfinite(number):
        raise BadValue(say(_NOT_A_NUMBER, raw))
    if number < 0:
        raise BadValue(say(QT_TRANSLATE_NOOP("Import", "'%1' is negative (amounts must be zero or more)"), raw))
    return number


# --------------------------------------------------------------------------------------------- time zones
_HOUR_US = 3_600_000_000
_MISSING = -(1 << 62)  # not looked up yet (no real offset is this)


def zone_names() -> list[str]:
    """The IANA zone names this computer knows (tzdata on Windows), sorted; "UTC" first.

    Read once per process (:func:`_zone_names`): ``available_timezones`` walks the whole zone folder, 35–50 ms,
    and the import wizard asks on its opening and again on the columns page, both on the GUI thread."""
    return list(_zone_names())


@functools.cache
def _zone_names() -> tuple[str, ...]:
    from zoneinfo import available_timezones

    names = sorted(n for n in available_timezones() if "/" in n and not n.startswith(("Etc/", "SystemV/")))
    return ("UTC", *names)


def zone_of(name: str) -> ZoneInfo:
    """The IANA zone ``name``; :class:`BadValue` when this computer does not know it."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise BadValue(say(QT_TRANSLATE_NOOP("Import", "'%1' is not a time zone name (an IANA name such as "
                                                       "Europe/Berlin or America/New_York)"), name)) from None


class LocalZone:
    """Local times of one zone → UTC, per the rule in the module docstring. Offsets are looked up once per local
    hour (a million rows span a few thousand hours); an hour with a clock change is done time by time."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.zone = zone_of(name)
        self._hours: dict[int, int | None] = {}  # local hour -> offset µs, or None when it holds a change
        # First local time that happened twice / never, as shown in the file, and how many there were.
        self.repeated: tuple[int, str] | None = None
        self.skipped: tuple[int, str] | None = None
        self.n_repeated = 0
        self.n_skipped = 0

    def _offset(self, local_us: int, fold: int) -> int:
        dt = (EPOCH + timedelta(microseconds=local_us)).replace(tzinfo=self.zone, fold=fold)
        offset = dt.utcoffset()
        return (offset // US) if offset is not None else 0

    def _hour(self, hour: int) -> int | None:
        start = hour * _HOUR_US
        end = start + _HOUR_US - 1
        offsets = {self._offset(start, 0), self._offset(start, 1), self._offset(end, 0), self._offset(end, 1)}
        value = offsets.pop() if len(offsets) == 1 else None
        if len(self._hours) < 1_000_000:
            self._hours[hour] = value
        return value

    def utc(self, local_us: int, row: int = 0) -> int:
        """µs UTC of a local time (µs since 1970 as if it were UTC)."""
        hour = local_us // _HOUR_US
        offset = self._hours.get(hour, _MISSING)
        if offset == _MISSING:
            offset = self._hour(hour)
        if offset is not None:
            return local_us - offset
        first = self._offset(local_us, 0)
        second = self._offset(local_us, 1)
        if first != second:
            utc = local_us - first
            back = self._local(utc)
            shown = f"{EPOCH + timedelta(microseconds=local_us):%Y-%m-%d %H:%M}"
            if back == local_us:
                self.n_repeated += 1
                if self.repeated is None:
                    self.repeated = (row, shown)
            else:
                self.n_skipped += 1
                if self.skipped is None:
                    self.skipped = (row, shown)
            return utc
        return local_us - first

    def _local(self, utc_us: int) -> int:
        dt = datetime.fromtimestamp(utc_us / 1e6, tz=self.zone)
        offset = dt.utcoffset()
        return utc_us + (offset // US if offset is not None else 0)

    def local_days(self, utc_us: np.ndarray) -> np.ndarray:
        """The local calendar day (days since 1970-01-01) of each UTC time."""
        utc_us = np.asarray(utc_us, dtype=np.int64)
        if not len(utc_us):
            return utc_us
        hours = utc_us // _HOUR_US
        unique, inverse = np.unique(hours, return_inverse=True)
        offsets = np.fromiter((self._local(int(h) * _HOUR_US) - int(h) * _HOUR_US for h in unique.tolist()),
                              dtype=np.int64, count=len(unique))
        return (utc_us + offsets[inverse]) // (24 * _HOUR_US)

    def notices(self) -> list[str]:
        out: list[str] = [say(QT_TRANSLATE_NOOP("Import", "Times without a time zone were read as %1 time (a time "
                                                          "with an offset such as Z or +02:00 keeps it)."), self.name)]
        if self.repeated is not None:
            out.append(counted(
                self.n_repeated,
                QT_TRANSLATE_NOOP("Import", "%1 time fell in the hour that happens twice when summer time ends "
                                            "(first: row %2, %3); it was read as the first of the two (summer time)."),
                QT_TRANSLATE_NOOP("Import", "%1 times fell in the hour that happens twice when summer time ends "
                                            "(first: row %2, %3); they were read as the first of the two (summer "
                                            "time)."),
                "%1 time(s) fell in the hour that happens twice when summer time ends (first: row %2, %3); they were "
                "read as the first of the two (summer time).", self.repeated[0], self.repeated[1]))
        if self.skipped is not None:
            out.append(counted(
                self.n_skipped,
                QT_TRANSLATE_NOOP("Import", "%1 time fell in the hour skipped when summer time starts (first: row "
                                            "%2, %3); it was read with the offset before the change (02:30 becomes "
                                            "03:30 summer time)."),
                QT_TRANSLATE_NOOP("Import", "%1 times fell in the hour skipped when summer time starts (first: row "
                                            "%2, %3); they were read with the offset before the change (02:30 "
                                            "becomes 03:30 summer time)."),
                "%1 time(s) fell in the hour skipped when summer time starts (first: row %2, %3); they were read "
                "with the offset before the change (02:30 becomes 03:30 summer time).",
                self.skipped[0], self.skipped[1]))
        return out
