"""How numbers, amounts and dates read everywhere in the UI and the PDF report, in the user's locale (QLocale).

One place decides every style, so that a view never builds a number or a date by hand:

* :func:`number` / :func:`count` — grouped numbers (``1,018`` / ``1.018``);
* :func:`pct`, :func:`pp`, :func:`interval`, :func:`p_value`, :func:`chance` — rates, differences of rates,
  intervals and probabilities;
* :func:`amount` — an opportunity's amount in the workspace currency (``workspace_settings.currency``, an
  ISO 4217 code set with :func:`use_currency`; "" = not chosen: a plain grouped number);
* :func:`date_short` (tables, lists, chart ticks: ``12/4/2026`` / ``04.12.2026``), :func:`date_long` (headings:
  ``Friday, December 4, 2026`` / ``Freitag, 4. Dezember 2026``), :func:`date_time` (a short date with the
  locale's short time) and :func:`date_range`.

Plurals are not made here: they go through ``tr("… %n …", "", n)`` where the text is (``%Ln`` groups the
number). The "C" locale (``LANG=C``) reads as US English, the source language of the texts.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from functools import cache
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

# Shown where there is no number (no data yet, an empty group).
MISSING = "—"

# The workspace's currency (ISO 4217), "" while none is chosen; set by the main window (:func:`use_currency`).
_currency = ""

# Languages whose percent sign follows a (no-break) space: "38,7 %".
_SPACED_PERCENT = {QLocale.Language.German, QLocale.Language.French, QLocale.Language.Swedish,
                   QLocale.Language.NorwegianBokmal, QLocale.Language.Danish, QLocale.Language.Finnish,
                   QLocale.Language.Czech, QLocale.Language.Polish, QLocale.Language.Spanish}
_NBSP = "\u00a0"


def locale() -> QLocale:
    """The locale numbers and dates are written in: the default QLocale, with "C" read as US English. The UI's
    language decides it (:func:`pdsa_desk.ui.i18n.ui_locale`, made the default when the translators are
    installed), so a German UI writes German dates even on an English system."""
    loc = QLocale()
    if loc.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return loc


def _number(value: Any) -> float | None:
    """The value as a float, or None where there is no number (None, NaN, ±inf)."""
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


# --- numbers -----------------------------------------------------------------------------------

def number(value: Any, decimals: int = 0) -> str:
    """A number with the locale's grouping and decimal mark: ``1,018`` / ``1.018``; ``2.5`` / ``2,5``."""
    x = _number(value)
    if x is None:
        return MISSING
    if decimals == 0:
        return locale().toString(round(x))
    return locale().toString(x, "f", decimals)


def count(value: Any) -> str:
    """A whole count, grouped: ``1,018``."""
    return number(value, 0)


def signed_number(value: Any, decimals: int = 0) -> str:
    """A number with its sign always shown: ``+3`` / ``-2.5``."""
    x = _number(value)
    if x is None:
        return MISSING
    text = number(abs(x), decimals)
    zero = round(abs(x), decimals) == 0
    return (locale().negativeSign() if x < 0 and not zero else locale().positiveSign()) + text


def _percent_sign() -> str:
    loc = locale()
    return (_NBSP if loc.language() in _SPACED_PERCENT else "") + loc.percent()


def pct(value: Any, decimals: int = 1) -> str:
    """A rate 0..1 as a percentage: ``0.387`` -> ``38.7%`` (``38,7 %`` in German)."""
    x = _number(value)
    return MISSING if x is None else number(100 * x, decimals) + _percent_sign()


def signed_pct(value: Any, decimals: int = 0) -> str:
    """A rate 0..1 as a percentage with its sign always shown (an error, a bias): ``+25%`` / ``-3 %``."""
    x = _number(value)
    return MISSING if x is None else signed_number(100 * x, decimals) + _percent_sign()


def pp(value: Any, decimals: int = 1) -> str:
    """A difference of rates in percentage points, always signed: ``+5.1 pp``."""
    x = _number(value)
    return MISSING if x is None else signed_number(100 * x, decimals) + _NBSP + "pp"


def interval(low: Any, high: Any, *, signed: bool = False) -> str:
    """An interval of rates (``56.0–72.0%``) or, ``signed``, of differences (``-6.9 to +16.8 pp``)."""
    lo, hi = _number(low), _number(high)
    if lo is None or hi is None:
        return MISSING
    if signed:
        return QCoreApplication.translate("Formatting", "{0} to {1} pp").format(
            signed_number(100 * lo, 1), signed_number(100 * hi, 1)).replace(" pp", _NBSP + "pp")
    return f"{number(100 * lo, 1)}–{number(100 * hi, 1)}{_percent_sign()}"


def p_value(value: Any) -> str:
    """A p-value to three decimals, small ones as ``< 0.001``."""
    x = _number(value)
    if x is None:
        return MISSING
    return "< " + number(0.001, 3) if x < 0.001 else number(x, 3)


def chance(value: Any) -> str:
    """A probability in whole percent that never rounds to certainty: ``> 99%`` / ``< 1%`` at the ends."""
    x = _number(value)
    if x is None:
        return MISSING
    if x > 0.99:
        return "> " + pct(0.99, 0)
    if x < 0.01:
        return "< " + pct(0.01, 0)
    return pct(x, 0)


# --- amounts -----------------------------------------------------------------------------------

def use_currency(code: str | None) -> None:
    """Set the workspace currency (ISO 4217 code; "" or None = none chosen) that :func:`amount` shows."""
    global _currency
    _currency = (code or "").strip().upper()


def currency() -> str:
    """The workspace currency in use ("" = none chosen)."""
    return _currency


@cache
def _symbols(code: str) -> tuple[str, ...]:
    """The symbols the locales that use ``code`` write it with, the most common first (``$`` for USD)."""
    found: Counter[str] = Counter()
    for loc in QLocale.matchingLocales(QLocale.Language.AnyLanguage, QLocale.Script.AnyScript,
                                       QLocale.Country.AnyCountry):
        if loc.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode) == code:
            symbol = loc.currencySymbol(QLocale.CurrencySymbolFormat.CurrencySymbol)
            if symbol:
                found[symbol] += 1
    return tuple(s for s, _ in found.most_common())


def currency_symbol(code: str) -> str:
    """How ``code`` is written in the current locale: its own symbol where the locale uses that currency,
    else the symbol most locales of the currency use (``€``, ``$``, ``£``), else the code itself."""
    loc = locale()
    if loc.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode) == code:
        return loc.currencySymbol(QLocale.CurrencySymbolFormat.CurrencySymbol)
    symbols = _symbols(code)
    return symbols[0] if symbols else code


def amount(value: Any, code: str | None = None) -> str:
    """An amount in whole units of the workspace currency (``$51,800`` / ``51.800 €``); without a currency,
    a grouped number. "" where there is no amount."""
    x = _number(value)
    if x is None:
        return ""
    code = _currency if code is None else code.strip().upper()
    if not code:
        return number(x, 0)
    return locale().toCurrencyString(float(round(x)), currency_symbol(code), 0)


# --- dates -------------------------------------------------------------------------------------

def _qdate(value: Any) -> QDate | None:
    if value is None:
        return None
    if isinstance(value, QDate):
        return value
    try:
        if isinstance(value, dt.datetime):
            value = _local(value).date()
        return QDate(int(value.year), int(value.month), int(value.day))
    except (AttributeError, TypeError, ValueError):
        return None


def _local(value: dt.datetime) -> dt.datetime:
    """A stored time (naive = UTC) in the computer's time zone."""
    to_py = getattr(value, "to_pydatetime", None)  # a pandas Timestamp: its astimezone() needs a zone
    if to_py is not None:
        value = to_py()
    aware = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
    return aware.astimezone()


def _to_datetime(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        try:
            return _local(value)
        except ValueError:  # pandas NaT
            return None
    return None


def _short_date_format() -> str:
    """The locale's short date format with a four-digit year (``M/d/yyyy``, ``dd.MM.yyyy``)."""
    fmt = locale().dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in fmt:
        fmt = fmt.replace("yy", "yyyy")
    return fmt


def date_edit_format() -> str:
    """The display format of date fields (QDateEdit): the short style, four-digit year."""
    return _short_date_format()


def date_short(value: Any) -> str:
    """A date (or a stored time, shown on its local date) in the one short style of tables and lists."""
    day = _qdate(value)
    if day is None or not day.isValid():
        return MISSING
    return locale().toString(day, _short_date_format())


def date_long(value: Any) -> str:
    """A date in the one long style of headings: ``Friday, December 4, 2026``."""
    day = _qdate(value)
    if day is None or not day.isValid():
        return MISSING
    return locale().toString(day, QLocale.FormatType.LongFormat)


def date_time(value: Any) -> str:
    """A stored time (naive = UTC) in local time: the short date and the locale's short time."""
    moment = _to_datetime(value)
    if moment is None:
        return MISSING
    time = locale().toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)
    return f"{date_short(moment.date())} {time}"


def time_of_day(value: Any, *, local: bool = True) -> str:
    """Only the time of a stored time, in the locale's short style (``6:00 PM`` / ``18:00``): local time, or
    the time as given (``local=False``, e.g. a UTC time labelled "UTC")."""
    moment = _to_datetime(value) if local else value
    if moment is None:
        return MISSING
    return locale().toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)


def day_month(value: Any) -> str:
    """A day without its year, in the order and marks of the short style: ``12/4`` / ``04.12.``."""
    day = _qdate(value)
    if day is None or not day.isValid():
        return MISSING
    fmt = re.sub(r"[^dM]*y+[^dM]*$", "", _short_date_format())  # "M/d/yyyy" -> "M/d"
    fmt = re.sub(r"^y+[^dM]*", "", fmt)  # "yyyy-MM-dd" -> "MM-dd"
    return locale().toString(day, fmt + ("." if fmt.endswith("MM") and "." in fmt else ""))


def month_year(value: Any) -> str:
    """A month with its year, as the locale names it: ``December 2026`` / ``Dezember 2026``."""
    day = _qdate(value)
    if day is None or not day.isValid():
        return MISSING
    return locale().toString(day, "MMMM yyyy")


def date_range(first: Any, last: Any) -> str:
    """Two dates in the short style: ``11/2/2026 – 12/4/2026``."""
    return f"{date_short(first)} – {date_short(last)}"
