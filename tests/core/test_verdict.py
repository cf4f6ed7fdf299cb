"""pdsa_desk.core.verdict: the one-sentence verdict the Study tab, the PDF and the agenda lead with."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest

from pdsa_desk.core.verdict import VerdictKind, plain_verdict, signed_points


def study(diff: float = 0.0, low: float = -0.1, high: float = 0.1, *, ready: bool = True, **extra: Any) -> Any:
    fields = {"ready": ready, "started": True, "rep_ids": ("r1",), "n_entered": 40, "min_sample": 12,
              "n_immature": 0, "n_base_immature": 0, "known_by": None, "n_base": 50, "prediction": None,
              "rate_base": 0.5, "comparison": SimpleNamespace(diff=diff, diff_low=low, diff_high=high)}
    fields.update(extra)
    return SimpleNamespace(**fields)


@pytest.mark.parametrize(("st", "kind", "sentence"), [
    (study(0.2, 0.05, 0.35), VerdictKind.BETTER, "Better, and the interval excludes chance (+5 to +35 pp)"),
    (study(-0.2, -0.35, -0.05), VerdictKind.WORSE, "Worse, and the interval excludes chance (−35 to −5 pp)"),
    # Ramp 3 of the demo as the issue saw it: +10.5 pp, −11.8 to +30.9, "81 % chance better".
    (study(0.105, -0.118, 0.309), VerdictKind.LOOKS_BETTER, "Looks better, but it could be chance (−12 to +31 pp)"),
    (study(-0.08, -0.2, 0.04), VerdictKind.LOOKS_WORSE, "Looks worse, but it could be chance (−20 to +4 pp)"),
    (study(0.002, -0.05, 0.05), VerdictKind.NO_CHANGE, "No detectable change (−5 to +5 pp)"),
    # The interval spans zero but excludes the lift the team predicted: that is an answer too.
    (study(0.03, -0.02, 0.08, prediction=0.7), VerdictKind.NO_CHANGE,
     "No detectable change (−2 to +8 pp): the predicted +20 pp is outside the interval"),
    # ... but a difference pointing down is not called "no change" (the demo's voice-notes cycle).
    (study(-0.11, -0.24, 0.01, prediction=0.53), VerdictKind.LOOKS_WORSE,
     "Looks worse, but it could be chance (−24 to +1 pp); the predicted +3 pp is outside the interval"),
    (study(ready=False, n_entered=9), VerdictKind.TOO_EARLY, "Too early: 9 of the 12 customers needed"),
    (study(ready=False, started=False), VerdictKind.TOO_EARLY, "Too early: the cycle has not started"),
    (study(ready=False, n_immature=3, known_by=datetime(2026, 12, 24, tzinfo=UTC)), VerdictKind.TOO_EARLY,
     "Too early: 3 customers' outcome not known yet, known by 24 Dec 2026"),
    (study(math.nan, math.nan, math.nan), VerdictKind.TOO_EARLY, "Too early: nothing to compare yet"),
])
def test_each_kind_of_verdict(st: Any, kind: VerdictKind, sentence: str) -> None:
    verdict = plain_verdict(st)
    assert (verdict.kind, verdict.sentence) == (kind, sentence)
    assert verdict.conclusive == (kind in (VerdictKind.BETTER, VerdictKind.WORSE, VerdictKind.NO_CHANGE))


def test_signed_points_use_a_true_minus() -> None:
    assert [signed_points(v) for v in (-0.118, 0.309, 0.004)] == ["−12", "+31", "0"]
