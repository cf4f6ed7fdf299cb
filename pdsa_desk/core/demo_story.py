"""The demo's study interpretations, written from what the study computes (so that they never contradict it).

The demo's story gives each studied cycle the team's own words (what customers did); the numbers in front of
them — the verdict, the rates and how many reps improved — are computed from the written workspace with the
same functions as the Study tab, the agenda and the PDF use. The demo's data depend on its as-of date (the
weeks shift), so no hand-written number could stay true.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import update

from pdsa_desk.core.database import Workspace
from pdsa_desk.core.models import Cycle


def interpretation(study_sentence: str, rate_base: float, rate_new: float, team_headline: str, note: str) -> str:
    """"<Verdict>. <base> before, <new> during the cycle; <k of N reps improved …>. <The team's words>"."""
    parts = [study_sentence.rstrip(".") + "."]
    numbers = "" if math.isnan(rate_base) or math.isnan(rate_new) else (
        f"{rate_base:.0%} before, {rate_new:.0%} during the cycle; ")
    parts.append(f"{numbers}{team_headline.rstrip('.')}.")
    if note:
        parts.append(note)
    return " ".join(parts)


def interpret_studies(ws: Workspace, notes: Mapping[str, str], *, as_of: datetime) -> None:
    """Write each noted cycle's interpretation: its computed result, then the note (one transaction)."""
    if not notes:
        return
    from pdsa_desk.core.frames import load_analysis_data
    from pdsa_desk.core.study import team_improvement
    from pdsa_desk.core.verdict import plain_verdict

    data = load_analysis_data(ws)
    texts = {}
    for cycle_id, note in notes.items():
        team = team_improvement(ws, cycle_id, as_of=as_of, data=data)
        st = team.study
        texts[cycle_id] = interpretation(plain_verdict(st).sentence, st.rate_base, st.rate_new, team.headline, note)
    table = Cycle.__table__
    with ws.engine.begin() as conn:
        for cycle_id, text in texts.items():
            conn.execute(update(table).where(table.c.id == cycle_id).values(study_interpretation=text))
