"""What the studies and comparisons read their arguments as (Qt-free): times, and the transition of a stage.

Shared by :mod:`pdsa_desk.core.study`, :mod:`pdsa_desk.core.funnel_compare` and
:mod:`pdsa_desk.core.channel_compare`, so that a time or a stage means the same in all of them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pandas as pd

from pdsa_desk.core import metrics
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.frames import AnalysisData

__all__ = ["as_of_time", "to_utc", "transition_of"]


def to_utc(value: Any) -> datetime:
    """Anything pandas reads as a time -> aware UTC datetime (naive = UTC)."""
    ts = pd.Timestamp(value)
    if pd.isna(ts):
        raise ValueError(f"not a time: {value!r}")
    ts = ts.tz_localize("UTC") if ts.tz is None else ts.tz_convert("UTC")
    return ts.to_pydatetime(warn=False).astimezone(UTC)


def as_of_time(value: Any) -> datetime:
    """``as_of`` as aware UTC; None means now."""
    return datetime.now(UTC) if value is None else to_utc(value)


def transition_of(data: AnalysisData, ref: int | str) -> tuple[int, str, str, int]:
    """(position, name, next stage's name, window_days) of a stage with a transition."""
    prep = metrics.prepare(data)
    try:
        pos = prep.stage_pos(ref)
    except (KeyError, IndexError):
        raise ValidationError("The stage no longer exists (it may have been deleted).", "from_stage") from None
    if (pos, pos + 1) not in metrics.transitions(prep):
        name = str(data.stages["name"].iloc[pos])
        raise ValidationError(f"'{name}' has no next stage to convert to.", "from_stage")
    names = data.stages["name"].astype(str).tolist()
    return pos, names[pos], names[pos + 1], int(data.stages["window_days"].iloc[pos])
