"""How numbers, amounts and dates read in the app and the report, in the user's locale."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QLocale

from pdsa_desk.ui import formatting as f

NBSP = "\u00a0"


@pytest.fixture
def in_locale(qapp) -> Iterator:
    """Switch the default locale for one test (and the workspace currency), then restore both."""
    before = QLocale()

    def use(name: str, currency: str = "") -> None:
        QLocale.setDefault(QLocale(name))
        f.use_currency(currency)

    yield use
    QLocale.setDefault(before)
    f.use_currency("")


def test_rates_differences_intervals_and_p_values(in_locale) -> None:
    in_locale("en_US")
    assert f.pct(0.387) == "38.7%" and f.pct(0.387, 0) == "39%"
    assert f.pp(0.051) == f"+5.1{NBSP}pp" and f.pp(-0.1) == f"-10.0{NBSP}pp"
    assert f.pp(-0.0001) == f"+0.0{NBSP}pp"  # never "-0.0"
    assert f.interval(0.56, 0.72) == "56.0–72.0%"
    assert f.interval(-0.069, 0.168, signed=True) == f"-6.9 to +16.8{NBSP}pp"
    assert f.p_value(0.0004) == "< 0.001" and f.p_value(0.4581) == "0.458"


def test_german_numbers_use_comma_decimals_grouping_dots_and_a_spaced_percent(in_locale) -> None:
    in_locale("de_DE")
    assert f.count(1018) == "1.018" and f.number(2.5, 1) == "2,5"
    assert f.pct(0.387) == f"38,7{NBSP}%" and f.p_value(0.4581) == "0,458"
    assert f.pp(0.051) == f"+5,1{NBSP}pp"


@pytest.mark.parametrize("missing", [None, math.nan, math.inf])
def test_missing_numbers_read_as_a_dash(missing: float | None) -> None:
    for text in (f.pct(missing), f.pp(missing), f.interval(missing, 0.5), f.p_value(missing), f.chance(missing),
                 f.count(missing)):
        assert text == f.MISSING
    assert f.amount(missing) == ""


@pytest.mark.parametrize(("p", "text"), [(0.9991, "> 99%"), (0.995, "> 99%"), (0.99, "99%"), (0.5, "50%"),
                                         (0.01, "1%"), (0.004, "< 1%")])
def test_a_chance_never_rounds_to_certainty(in_locale, p: float, text: str) -> None:
    in_locale("en_US")
    assert f.chance(p) == text


def test_amounts_in_the_workspace_currency(in_locale) -> None:
    in_locale("en_US", "USD")
    assert f.amount(51800) == "$51,800"
    in_locale("de_DE", "EUR")
    assert f.amount(51800) == f"51.800{NBSP}€"
    in_locale("de_DE", "USD")
    assert f.amount(51800).startswith("51.800") and "$" in f.amount(51800)
    in_locale("en_US", "")  # no currency chosen: a plain grouped number
    assert f.amount(51800) == "51,800" and f.amount(None) == ""
    in_locale("en_US", "XYZ")  # a code no locale knows is shown as the code
    assert "XYZ" in f.amount(5)


def test_dates_have_one_short_and_one_long_style(in_locale) -> None:
    in_locale("de_DE")
    assert f.date_short(date(2026, 12, 4)) == "04.12.2026"
    assert f.date_long(date(2026, 12, 4)) == "Freitag, 4. Dezember 2026"
    in_locale("en_US")
    assert f.date_short(date(2026, 12, 4)) == "12/4/2026"
    assert f.date_long(date(2026, 12, 4)) == "Friday, December 4, 2026"
    assert f.date_range(date(2026, 11, 2), date(2026, 12, 4)) == "11/2/2026 – 12/4/2026"
    stamp = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
    local = stamp.astimezone()
    assert f.date_time(stamp).startswith(f.date_short(local.date()))
    assert f.date_short(None) == f.MISSING
