"""How numbers read in the app and the report."""

from __future__ import annotations

import math

import pytest

from pdsa_desk.ui import formatting as f


def test_rates_differences_intervals_and_p_values() -> None:
    assert f.pct(0.387) == "38.7%" and f.pct(0.387, 0) == "39%"
    assert f.pp(0.051) == "+5.1 pp" and f.pp(-0.1) == "-10.0 pp"
    assert f.interval(0.56, 0.72) == "56.0–72.0%"
    assert f.interval(-0.069, 0.168, signed=True) == "-6.9 to +16.8 pp"
    assert f.p_value(0.0004) == "< 0.001" and f.p_value(0.4581) == "0.458"


@pytest.mark.parametrize("missing", [None, math.nan, math.inf])
def test_missing_numbers_read_as_a_dash(missing: float | None) -> None:
    for text in (f.pct(missing), f.pp(missing), f.interval(missing, 0.5), f.p_value(missing), f.chance(missing)):
        assert text == f.MISSING


@pytest.mark.parametrize(("p", "text"), [(0.9991, "> 99%"), (0.995, "> 99%"), (0.99, "99%"), (0.5, "50%"),
                                         (0.01, "1%"), (0.004, "< 1%")])
def test_a_chance_never_rounds_to_certainty(p: float, text: str) -> None:
    assert f.chance(p) == text
