"""Reading single cells: dates and times, amounts, outcomes, flags.

Times are handled as ``int`` microseconds since 1970-01-01 UTC ("µs") while a
file is read: compact, hashable, and vectorisable with numpy later on.
"""

from __future__ import annotations

import math
import re
from datetime import UTC as _UTC
from datetime import date, datetime, time, timedelta

from pdsa_desk.core.export_files import needs_guard
from pdsa_desk.core.importing.texts import QT_TRANSLATE_NOOP, say

EPOCH = datetime(1970, 1, 1)
EPOCH_UTC = datetime(1970, 1, 1, tzinfo=_UTC)
US = timedelta(microseconds=1)
DAY_US = 86_400 * 1_000_000
EXCEL_EPOCH = datetime(1899, 12, 30)  # Excel's day 0 (1900 date system, with its leap-year bug accounted for)
# Numbers in a date column are Excel serial dates when they fall in this range (1927-05-18 .. 2447-07-29).
SERIAL_MIN, SERIAL_MAX = 10_000, 200_000

# Times outside these years are refused: they are typing errors, and they would not survive the database.
MIN_YEAR, MAX_YEAR = 1900, 2199
MIN_US = (datetime(MIN_YEAR, 1, 1) - EPOCH) // US
MAX_US = (datetime(MAX_YEAR + 1, 1, 1) - EPOCH) // US

DAYFIRST = "dayfirst"
MONTHFIRST = "monthfirst"
DATE_ORDERS = (DAYFIRST, MONTHFIRST)


class BadValue(ValueError):
    """A cell that cannot be read; the message says why, for the user (a
    :class:`~pdsa_desk.core.messages.Message`: use :attr:`message`, not ``str(exc)``, to keep it translatable)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class AmbiguousDate(BadValue):
    """A date like 03/04/2026 read without a chosen date order. ``readings`` says both ways to read it
    (``'03/04/2026' could be 3 April or March 4``) without the request to choose."""

    def __init__(self, readings: str) -> None:
        self.readings = readings
        super().__init__(say(QT_TRANSLATE_NOOP("Import", "%1: the date order is not chosen"), readings))


def to_us(dt: datetime) -> int:
    """Microseconds since the epoch, UTC; naive datetimes are taken as UTC."""
    if dt.tzinfo is None:
        return (dt - EPOCH) // US
    if dt.utcoffset() is None:
        return (dt.replace(tzinfo=None) - EPOCH) // US
    return (dt - EPOCH_UTC) // US


def from_us(us: int) -> datetime:
    """The timezone-aware UTC datetime of ``us``."""
    return EPOCH_UTC + timedelta(microseconds=int(us))


def show_us(us: int) -> str:
    """A time for messages: ``2026-01-05 09:00 UTC`` (or just the date at midnight)."""
    dt = from_us(us)
    if us % DAY_US == 0:
        return f"{dt:%Y-%m-%d}"
    return f"{dt:%Y-%m-%d %H:%M} UTC"


# d/m/y or m/d/y with / . or - between, optional time, optional AM/PM, optional zone.
_NUMERIC = re.compile(
    r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})"
    r"(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp]\.?[Mm]\.?)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?"
)
# y/m/d with / or . (ISO with dashes is handled by fromisoformat)
_YMD = re.compile(
    r"(\d{4})([/.])(\d{1,2})\2(\d{1,2})"
    r"(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp]\.?[Mm]\.?)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?"
)
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        ("jan january janv januar enero", "feb february fevr févr februar febrero", "mar march mars märz marzo",
         "apr april avr avril abril", "may mai mayo", "jun june juin juni junio", "jul july juil juillet juli julio",
         "aug august aout août agosto", "sep sept september septembre septiembre",
         "oct october octobre oktober octubre",
         "nov november novembre noviembre", "dec december dez dezember décembre decembre diciembre")
    )
    for m in names.split()
}
# 5 Jan 2026, 5-Jan-2026, 05 January 2026 10:00 / Jan 5, 2026 / January 5 2026 3:15 PM
_DMY_NAMED = re.compile(
    r"(\d{1,2})[ \-.]+([A-Za-zéèûä]+)\.?[ \-.,]+(\d{4}|\d{2})"
    r"(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp]\.?[Mm]\.?)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?"
)
_MDY_NAMED = re.compile(
    r"(?:[A-Za-z]{3,9},?\s+)?([A-Za-zéèûä]+)\.?[ \-.]+(\d{1,2})(?:st|nd|rd|th)?,?[ \-.]+(\d{4})"
    r"(?:[ T,]+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp]\.?[Mm]\.?)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?"
)
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        y += 2000 if y < 70 else 1900
    return y


def _build(y: int, mo: int, d: int, hh: str | None, mm: str | None, ss: str | None, frac: str | None,
           ampm: str | None, zone: str | None, raw: str) -> tuple[int, bool]:
    has_time = hh is not None
    hour = int(hh) if hh is not None else 0
    if ampm:
        pm = ampm[0] in "Pp"
        if not 1 <= hour <= 12:
            raise BadValue(say(QT_TRANSLATE_NOOP("Import", "'%1' is not a valid time"), raw))
        hour = hour % 12 + (12 if pm else 0)
    micro = int((frac + "000000")[:6]) if frac else 0
    try:
        dt = datetime(y, mo, d, hour, int(mm) if mm is not None else 0, int(ss) if ss else 0, micro)
    except ValueError:
        raise BadValue(say(QT_TRANSLATE_NOOP("Import", "'%1' is not a valid date"), raw)) from None
    us = (dt - EPOCH) // US
    if zone and zone not in ("Z", "UTC", "GMT"):
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        offset = int(digits[:2]) * 60 + int(digits[2:])
        if offset > 18 * 60:
            raise BadValue(say(QT_TRANSLATE_NOOP("Import", "'%1' has an impossible time zone offset"), raw))
        us -= sign * offset * 60_000_000
    return us, not has_time and not zone


def quick_numeric(raw: str, order: str) -> int | None:
    """µs (as written, no zone) of ``dd/mm/yyyy HH:MM`` (``order`` day first) or ``mm/dd/yyyy HH:MM`` (month
    first), the way CRM reports write times; None for anything else (:func:`parse_when` reads it)."""
    if len(raw) != 16 or raw[2] != "/" or raw[5] != "/" or raw[10] != " " or raw[13] != ":":
        return None
    a, b, y, hh, mm = raw[0:2], raw[3:5], raw[6:10], raw[11:13], raw[14:16]
    if not (a + b + y + hh + mm).isdigit() or not (a + b + y + hh + mm).isascii():
        return None
    d, mo = (int(a), int(b)) if order == DAYFIRST else (int(b), int(a))
    try:
        us = (datetime(int(y), mo, d, int(hh), int(mm)) - EPOCH) // US
    except ValueError:
        return None
    return us if MIN_US <= us < MAX_US else None


def parse_when(value: object, order: str | None) -> tuple[int, bool]:
    """See :func:`_parse_when`; also refuses times outside :data:`MIN_YEAR` .. :data:`MAX_YEAR`."""
    result = _parse_when(value, order)
    if not MIN_US <= result[0] < MAX_US:
        raise BadValue(say(QT_TRANSLATE_NOOP("Import", "'%1' is not a plausible date (years %2 to %3 only)"),
                           str(value), MIN_YEAR, MAX_YEAR))
    return result


def _parse_when(value: object, order: str | None) -> tuple[int, bool]:
    """``(µs UTC, date_only)`` of a cell; raises :class:`BadValue` / :class:`AmbiguousDate`.

    Accepts ISO 8601 (with or without time and zone), day-first or month-first
    numeric dates (``order`` decides; without one an ambiguous value is refused),
    month names, Excel serial numbers and the date/datetime values of a workbook.
    Values without a time zone are UTC.
    """
    if type(value) is str:
        return _parse_str(value, order)
    if isinstance(value, datetime):
        if value.tzinfo is not None and value.utcoffset() is not None:
            return (value - EPOCH_UTC) // US, False
        us = (value.replace(tzinfo=None) - EPOCH) // US
        return us, us % DAY_US == 0
    if isinstance(value, date):
        return (datetime(value.year, value.month, value.day) - EPOCH) // US, True
    if isinstance(value, bool):
        raise BadValue(say(_NOT_A_DATE, str(value)))
    if isinstance(value, (int, float)):
        return _serial(float(value), str(value))
    if isinstance(value, time):
        raise BadValue(say(QT_TRANSLATE_NOOP("Import", "'%1' is a time without a date"), str(value)))
    return _parse_str(str(value), order)


def _parse_str(text: str, order: str | None) -> tuple[int, bool]:
    text = text.strip()
    if not text:
        raise BadValue(say(QT_TRANSLATE_NOOP("Import", "is empty")))
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        pass
    else:
        if dt.tzinfo is None:
            return (dt - EPOCH) // US, len(text) <= 10
        if dt.utcoffset() is None:  # pragma: no cover - fromisoformat only makes fixed offsets
            return (dt.replace(tzinfo=None) - EPOCH) // US, False
        return (dt - EPOCH_UTC) // US, False
    return _parse_text(text, order)


def _parse_text(text: str, order: str | None) -> tuple[int, bool]:
    if len(text) > 64:
        raise BadValue(say(QT_TRANSLATE_NOOP("Import", "'%1…' is not a date"), text[:30]))
    m = _NUMERIC.fullmatch(text)
    if m:
        a, _sep, b, y, hh, mm, ss, frac, ampm, zone = m.groups()
        first, second = int(a), int(b)
        if order == DAYFIRST:
            d, mo = first, second
        elif order == MONTHFIRST:
            mo, d = first, second
        elif first > 12 and second <= 12:
            d, mo = first, second
        elif second > 12 and first <= 12:
            mo, d = first, second
        elif first == second:
            d = mo = first
        elif first > 12 and second > 12:
            raise BadValue(say(QT_TRANSLATE_NOOP("Import", "'%1' is not a valid date"), text))
        else:
            raise AmbiguousDate(say(QT_TRANSLATE_NOOP("Import", "'%1' could be %2 %3 or %4 %5"), text, first,
                                    _month_name(second), _month_name(first), second))
        if not (1 <= mo <= 12):
            raise BadValue(say(QT_TRANSLATE_NOOP("Import", "'%1' is not a valid day-first date"), text)
                           if order == DAYFIRST else
                           say(QT_TRANSLATE_NOOP("Import", "'%1' is not a valid month-first date"), text))
        return _build(_year(y), mo, d, hh, mm, ss, frac, ampm, zone, text)
    m = _YMD.fullmatch(text)
    if m:
        y, _sep, mo_text, d_text, hh, mm, ss, frac, ampm, zone = m.groups()
        return _build(int(y), int(mo_text), int(d_text), hh, mm, ss, frac, ampm, zone, text)
    m = _DMY_NAMED.fullmatch(text)
    if m and m.group(2).lower() in _MONTHS:
        d_text, mon, y, hh, mm, ss, frac, ampm, zone = m.groups()
        return _build(_year(y), _MONTHS[mon.lower()], int(d_text), hh, mm, ss, frac, ampm, zone, text)
    m = _MDY_NAMED.fullmatch(text)
    if m and m.group(1).lower() in _MONTHS:
        mon, d_text, y, hh, mm, ss, frac, ampm, zone = m.groups()
        return _build(int(y), _MONTHS[mon.lower()], int(d_text), hh, mm, ss, frac, ampm, zone, text)
    if _NUMBER.fullmatch(text):
        return _serial(float(text), text)
    raise BadValue(say(_NOT_A_DATE, text))


_NOT_A_DATE = QT_TRANSLATE_NOOP("Import", "'%1' is not a date")
# The months' names in the readings of an ambiguous date ("'03/04/2026' could be 3 April or March 4").
_MONTH_NAMES = (
    QT_TRANSLATE_NOOP("Import", "January"), QT_TRANSLATE_NOOP("Import", "February"),
    QT_TRANSLATE_NOOP("Import", "March"), QT_TRANSLATE_NOOP("Import", "April"), QT_TRANSLATE_NOOP("Import", "May"),
    QT_TRANSLATE_NOOP("Import", "June"), QT_TRANSLATE_NOOP("Import", "July"), QT_TRANSLATE_NOOP("Import", "August"),
    QT_TRANSLATE_NOOP("Import", "September"), QT_TRANSLATE_NOOP("Import", "October"),
    QT_TRANSLATE_NOOP("Import", "November"), QT_TRANSLATE_NOOP("Import", "December"),
)


def _month_name(n: int) -> str:
    return say(_MONTH_NAMES[n - 1])


def _serial(number: float, raw: str) -> tuple[int, bool]:
    if not math.isfinite(number) or not (SERIAL_MIN <= number <= SERIAL_MAX):
        raise BadValue(say(QT_TRANSLATE_NOOP("Import", "'%1' is not a date (numbers are read as Excel serial dates "
                                                       "only from %2 to %3)"), raw, SERIAL_MIN, SERIAL_MAX))
    us = (EXCEL_EPOCH - EPOCH) // US + round(number * DAY_US)
    return us, number == int(number)


# --------------------------------------------------------------------------- amounts
_NOT_A_NUMBER = QT_TRANSLATE_NOOP("Import", "'%1' is not a number")
_NEGATIVE = QT_TRANSLATE_NOOP("Import", "'%1' is negative (amounts must be zero or more)")
_CURRENCY = re.compile(r"^[A-Za-z$€£¥₹₽₩¤]{0,3}\s*|\s*[A-Za-z$€£¥₹₽₩¤]{0,3}$")


def parse_amount(value: object) -> float:
    """A non-negative number from a cell: ``1234.5``, ``1,234.50``, ``1.234,50``, ``€ 1 234``, ``$1,234``.

    Only commas: groups of exactly three digits after the first are thousands
    (``1,234`` = 1234), otherwise the comma is the decimal mark (``12,5``).
    """
    if isinstance(value, bool):
        raise BadValue(say(_NOT_A_NUMBER, str(value)))
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip()
        if "_" not in text and "," not in text:
            try:
                number = float(text)
            except ValueError:
                pass
            else:
                if not math.isfinite(number):
                    raise BadValue(say(_NOT_A_NUMBER, str(value)))
                if number < 0:
                    raise BadValue(say(_NEGATIVE, str(value)))
                return number
        raw = text
        text = _CURRENCY.sub("", text)
        for space in (" ", "\u00a0", "\u202f", "'", "’"):
            text = text.replace(space, "")
        negative = text.startswith("(") and text.endswith(")")
        if negative:
            text = text[1:-1]
        if "," in text and "." in text:
            if text.rfind(",") > text.rfind("."):
                text = text.replace(".", "").replace(",", ".")
            else:
                text = text.replace(",", "")
        elif "," in text:
            parts = text.split(",")
            if len(parts) > 2 or (len(parts) == 2 and len(parts[1]) == 3 and parts[0].lstrip("+-") != "0"):
                if all(len(p) == 3 for p in parts[1:]):
                    text = "".join(parts)
                else:
                    raise BadValue(say(_NOT_A_NUMBER, raw))
            else:
                text = text.replace(",", ".")
        if not _NUMBER.fullmatch(text):
            raise BadValue(say(_NOT_A_NUMBER, raw))
        number = float(text)
        if negative:
            number = -number
    if not math.isfinite(number):
        raise BadValue(say(_NOT_A_NUMBER, str(value)))
    if number < 0:
        raise BadValue(say(_NEGATIVE, str(value)))
    return number


# --------------------------------------------------------------------------- outcomes & flags
_OUTCOMES = {
    "open": "open", "": "open", "inprogress": "open", "active": "open", "pending": "open", "ongoing": "open",
    "won": "won", "win": "won", "closedwon": "won", "wonclosed": "won", "closedwin": "won", "successful": "won",
    "lost": "lost", "loss": "lost", "closedlost": "lost", "lostclosed": "lost", "closedloss": "lost",
}


def outcome_key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def parse_outcome(text: str, custom: dict[str, str]) -> str:
    """``open``/``won``/``lost`` from a CRM status; ``custom`` maps extra values (case-insensitive)."""
    key = outcome_key(text)
    if key in custom:
        return custom[key]
    found = _OUTCOMES.get(key)
    if found is None and "*" in custom:
        found = custom["*"]
    if found is None:
        raise BadValue(say(QT_TRANSLATE_NOOP("Import", "unknown outcome '%1' (expected open, won or lost; other "
                                                       "values can be added to \"outcome_values\" in the mapping)"),
                           text))
    return found


_TRUE = {"true", "yes", "y", "1", "x", "✓", "wahr", "vrai", "oui", "ja"}
_FALSE = {"false", "no", "n", "0", "", "falsch", "faux", "non", "nein"}


def parse_flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise BadValue(say(QT_TRANSLATE_NOOP("Import", "'%1' is not true or false"), str(value)))


def cell_text(value: object) -> str:
    """A cell as trimmed text (workbook numbers without a spurious ``.0``; dates in ISO form)."""
    if value is None:
        return ""
    if isinstance(value, str):
        text = value.strip()
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, float):
        text = str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    elif isinstance(value, datetime):
        text = value.isoformat(sep=" ")
    else:
        text = str(value).strip()
    if len(text) > 1 and text[0] == "'" and needs_guard(text[1:]):
        return text[1:]  # undo the spreadsheet-injection guard of our own export
    return text


__all__ = [
    "DATE_ORDERS",
    "DAYFIRST",
    "DAY_US",
    "MONTHFIRST",
    "AmbiguousDate",
    "BadValue",
    "cell_text",
    "from_us",
    "parse_amount",
    "parse_flag",
    "parse_outcome",
    "parse_when",
    "show_us",
    "to_us",
]
