"""The workspace's settings: read them, change them (one transaction, errors naming the field).

What each setting may hold, and which of them travel in bundles: :mod:`pdsa_desk.core.team_settings`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP
from pdsa_desk.core.models import WorkspaceSettings
from pdsa_desk.core.services._base import UNSET, Unset, claim, live, msg, touch
from pdsa_desk.core.services.people import ensure_defaults
from pdsa_desk.core.team_settings import clean_settings

__all__ = ["get_settings", "settings_values", "update_settings"]


def get_settings(ws: Workspace) -> WorkspaceSettings:
    with ws.session() as s:
        settings = s.exec(live(WorkspaceSettings)).first()
    if settings is None:
        return ensure_defaults(ws)
    return settings


def settings_values(settings: WorkspaceSettings) -> dict[str, Any]:
    """Every editable setting of the row, as :func:`update_settings` takes them (for undo)."""
    return {
        "name": settings.name,
        "currency": settings.currency,
        "time_zone": settings.time_zone,
        "week_start_day": settings.week_start_day,
        "default_window_days": settings.default_window_days,
        "max_active_cycles_per_rep": settings.max_active_cycles_per_rep,
        "max_marketing_cycles": settings.max_marketing_cycles,
    }


def update_settings(
    ws: Workspace,
    *,
    name: str | None = None,
    currency: str | None = None,
    time_zone: str | None = None,
    week_start_day: int | None = None,
    max_active_cycles_per_rep: int | None = None,
    default_window_days: int | None = None,
    max_marketing_cycles: int | Unset | None = UNSET,
    expected_updated_at: datetime | None = None,
) -> WorkspaceSettings:
    """Change the given settings (None: keep; ``max_marketing_cycles=None`` removes the cap), all or none."""
    given: dict[str, Any] = {k: v for k, v in {
        "name": name, "currency": currency, "time_zone": time_zone, "week_start_day": week_start_day,
        "max_active_cycles_per_rep": max_active_cycles_per_rep, "default_window_days": default_window_days,
    }.items() if v is not None}
    if max_marketing_cycles is not UNSET:
        given["max_marketing_cycles"] = max_marketing_cycles
    values = clean_settings(given)  # before the transaction: a refusal writes nothing
    with ws.transaction() as s:
        claim(s, WorkspaceSettings, None, expected_updated_at, "workspace settings")
        settings = s.exec(live(WorkspaceSettings)).first()
        if settings is None:
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The workspace has no "
                    "settings row; run 'pdsa-desk check'.")))
        for key, value in values.items():
            setattr(settings, key, value)
        touch(settings)
        return settings
