"""Numbers inside texts built in ``core/`` are passed as numbers (core/messages.py's argument kinds), so the UI
writes them its language's way: "φ = 3,6", "≥ 90 %", "2,5" in German; the English text is as before. And one
German term for a P chart: "P-Karte", in the agenda as on the charts."""

from __future__ import annotations

import pickle
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from pdsa_desk.core import chart_guard, spc_guard, study_texts
from pdsa_desk.core.funnel_compare import dispersion_sentence
from pdsa_desk.core.messages import Decimals, Percent, message

TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "pdsa_desk_de.ts"


def _check(phi: float, p_value: float, overdispersed: bool = True) -> spc_guard.DispersionCheck:
    return spc_guard.DispersionCheck(True, 8, 8, phi, 0.01, p_value, overdispersed)


def test_english_is_as_before(qapp) -> None:
    assert dispersion_sentence(_check(3.64, 0.0123)) == "Reps vary more than chance alone would explain (φ = 3.6, " \
                                                      "p = 0.012)."
    assert dispersion_sentence(_check(1.04, 0.0001, False)) == ("Reps vary about as much as chance alone would "
                                                               "explain (φ = 1.0, p < 0.001).")
    assert study_texts.headline(2, 3, 1, Percent(0.9)) == "2 of 3 reps improved (1 credibly, chance better ≥ 90%)"
    part = chart_guard._limits_part(chart_guard.PhaseCheck(0, 9, True, False, 2.5, 0.56), "week")
    assert part == ("a typical week has 2.5 opportunities where control limits need about 12 at a rate of 56% "
                    "(5 expected conversions and non-conversions each)")
    assert chart_guard.laney_note("under", 0.8512, 20, "week").endswith("here σz = 0.85, no more variation than "
                                                                        "chance, and P′ would only narrow them.")
    back = pickle.loads(pickle.dumps(message("Study", "%1", Decimals(3.64, 1))))  # noqa: S301 -- our own bytes
    assert back == "3.6" and back.args[0].places == 1  # across the worker thread's hand-over, too


def test_german_writes_the_numbers_its_way(german) -> None:
    from pdsa_desk.ui.i18n import text

    over = text(dispersion_sentence(_check(3.64, 0.0123)))
    assert "φ = 3,6" in over and "p = 0,012" in over, over
    assert "p < 0,001" in text(dispersion_sentence(_check(1.04, 0.0001, False)))
    assert "≥ 90\u00a0%" in text(study_texts.headline(2, 3, 1, Percent(0.9)))
    part = text(chart_guard._limits_part(chart_guard.PhaseCheck(0, 9, True, False, 2.5, 0.56), "week"))
    assert "2,5" in part and "56\u00a0%" in part and "2.5" not in part, part
    assert "σz = 0,85" in text(chart_guard.laney_note("under", 0.8512, 20, "week"))


def test_one_german_term_for_the_p_chart() -> None:
    """Every text that names a P or P′ chart (the agenda's "weekly %2 chart" is one) says "…Karte"."""
    names_p_chart = re.compile(r"\bP′? charts?\b|weekly %2 chart")
    checked = 0
    for msg in ET.parse(TS).getroot().iter("message"):
        source = msg.findtext("source") or ""
        if not names_p_chart.search(source):
            continue
        translation = msg.find("translation")
        assert translation is not None
        german = "".join(translation.itertext())
        assert "Karte" in german and "Diagramm" not in german, (source, german)
        checked += 1
    assert checked >= 20
