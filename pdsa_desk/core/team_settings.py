"""The workspace's settings: what each one may hold, and which of them travel in bundles (Qt-free).

The settings row holds the workspace's **name** and the **team settings**: currency, time zone, week
start day, default conversion window, active-cycle cap per rep and marketing-cycle cap.

* :func:`clean_settings` checks and normalises values given by the user, the command line or a bundle,
  raising :class:`~pdsa_desk.core.errors.ValidationError` naming the field at fault.
* **Bundles carry the team settings, not the name.** The name says whose copy a bundle comes from
  ("from 'Ann's laptop'", also the PDF's title); the team settings change what the numbers mean (where a
  week begins, in which zone), so every laptop should hold the same. They travel in both kinds of bundle
  (work and "Send standards to the team") as header entries ``settings.<column>`` with the row's
  ``updated_at``, and the merge applies them by the rule every row follows: **the newer version wins**
  (:func:`apply_incoming`). One exception, so that a new laptop cannot undo the team's choices: settings
  still all at their defaults never replace settings someone chose.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, select, update

from pdsa_desk.core import models
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, Arg, Message

SETTINGS = models.WorkspaceSettings.__table__

# The settings that travel in bundles, in the order the merge report lists them.
TEAM_FIELDS: tuple[str, ...] = ("currency", "time_zone", "week_start_day", "default_window_days",
                                "max_active_cycles_per_rep", "max_marketing_cycles")
# The team settings of a new workspace.
DEFAULTS: dict[str, Any] = {"currency": "", "time_zone": "UTC", "week_start_day": 0, "default_window_days": 30,
                            "max_active_cycles_per_rep": 2, "max_marketing_cycles": None}
CONTEXT = "TeamSettings"


def _m(template: str, *args: Arg) -> Message:
    """A text of these settings (refusals, the merge's "what changed"), translated by the UI."""
    return Message(CONTEXT, template, *args)


# Each setting's name, as the refusals and the merge report say it.
LABELS: dict[str, Message] = {
    "name": _m(QT_TRANSLATE_NOOP("TeamSettings", "Workspace name")),
    "currency": _m(QT_TRANSLATE_NOOP("TeamSettings", "Currency")),
    "time_zone": _m(QT_TRANSLATE_NOOP("TeamSettings", "Time zone")),
    "week_start_day": _m(QT_TRANSLATE_NOOP("TeamSettings", "Week start day")),
    "default_window_days": _m(QT_TRANSLATE_NOOP("TeamSettings", "Conversion window")),
    "max_active_cycles_per_rep": _m(QT_TRANSLATE_NOOP("TeamSettings", "Active cycles per rep")),
    "max_marketing_cycles": _m(QT_TRANSLATE_NOOP("TeamSettings", "Marketing cycles at once")),
}
# The week's days, Monday first (``week_start_day`` 0..6).
_DAYS = (QT_TRANSLATE_NOOP("TeamSettings", "Monday"), QT_TRANSLATE_NOOP("TeamSettings", "Tuesday"),
         QT_TRANSLATE_NOOP("TeamSettings", "Wednesday"), QT_TRANSLATE_NOOP("TeamSettings", "Thursday"),
         QT_TRANSLATE_NOOP("TeamSettings", "Friday"), QT_TRANSLATE_NOOP("TeamSettings", "Saturday"),
         QT_TRANSLATE_NOOP("TeamSettings", "Sunday"))
# Upper bounds that keep a typo from meaning something absurd.
MAX_WINDOW_DAYS = 3650
MAX_CAP = 1000
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_HEADER_PREFIX = "settings."


@cache
def time_zones() -> frozenset[str]:
    """Every IANA time zone name this computer knows (``zoneinfo``; the ``tzdata`` package on Windows)."""
    return frozenset(zoneinfo.available_timezones()) | {"UTC"}


def clean_time_zone(value: object) -> str:
    text = str(value or "").strip()
    if text not in time_zones():
        raise ValidationError(
            _m(QT_TRANSLATE_NOOP("TeamSettings", "'%1' is not a time zone this computer knows; "
                    "choose an IANA name such as Europe/Berlin."), text[:64]),
            "time_zone")
    return text


def clean_currency(value: object) -> str:
    """An ISO 4217 code in capitals, or "" for "not chosen". The shape is checked here (the core has no list of
    codes); the settings dialog offers only the codes Qt's locale data knows."""
    text = str(value or "").strip().upper()
    if text and not _CURRENCY.match(text):
        raise ValidationError(_m(QT_TRANSLATE_NOOP("TeamSettings", "'%1' is not a currency "
                "code; use three letters such as EUR or USD."), text[:20]),
                              "currency")
    return text


def _whole(value: object, field: str, minimum: int, maximum: int, *, allow_none: bool = False) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if allow_none:
            return None
        raise ValidationError(_m(QT_TRANSLATE_NOOP("TeamSettings", "%1 must be a whole number."),
                                 LABELS[field]), field)
    if isinstance(value, bool) or not isinstance(value, int | str | float):
        raise ValidationError(_m(QT_TRANSLATE_NOOP("TeamSettings", "%1 must be a whole number."),
                                 LABELS[field]), field)
    try:
        number = float(value)
    except ValueError:
        raise ValidationError(_m(QT_TRANSLATE_NOOP("TeamSettings", "%1 must be a whole number."),
                                 LABELS[field]), field) from None
    if not number.is_integer():
        raise ValidationError(_m(QT_TRANSLATE_NOOP("TeamSettings", "%1 must be a whole number."),
                                 LABELS[field]), field)
    if field == "week_start_day" and number > maximum:
        raise ValidationError(_m(QT_TRANSLATE_NOOP("TeamSettings", "Week start day must be 0 "
                "(Monday) to 6 (Sunday).")), field)
    if number < minimum:
        raise ValidationError(_m(QT_TRANSLATE_NOOP("TeamSettings", "%1 must be at least %2."),
                                 LABELS[field], minimum), field)
    if number > maximum:
        raise ValidationError(_m(QT_TRANSLATE_NOOP("TeamSettings", "%1 must be at most %2."),
                                 LABELS[field], maximum), field)
    return int(number)


def clean_settings(values: Mapping[str, Any]) -> dict[str, Any]:
    """The given settings checked and normalised; unknown keys are a programming error."""
    unknown = set(values) - set(LABELS)
    if unknown:
        raise TypeError(f"unknown settings: {sorted(unknown)}")
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "name":
            text = str(value or "").strip()
            if not text:
                raise ValidationError(_m(QT_TRANSLATE_NOOP("TeamSettings", "Workspace name must "
                        "not be empty.")), "name")
            if len(text) > 200:
                raise ValidationError(_m(QT_TRANSLATE_NOOP("TeamSettings", "Workspace name is "
                        "too long (%1 characters; at most 200)."), len(text)), "name")
            out[key] = text
        elif key == "currency":
            out[key] = clean_currency(value)
        elif key == "time_zone":
            out[key] = clean_time_zone(value)
        elif key == "week_start_day":
            out[key] = _whole(value, key, 0, 6)
        elif key == "default_window_days":
            out[key] = _whole(value, key, 1, MAX_WINDOW_DAYS)
        elif key == "max_active_cycles_per_rep":
            out[key] = _whole(value, key, 1, MAX_CAP)
        else:  # max_marketing_cycles: empty = no cap
            out[key] = _whole(value, key, 1, MAX_CAP, allow_none=True)
    return out


# --- bundles -------------------------------------------------------------------------------


def header_entries(conn: Connection) -> list[tuple[str, str]]:
    """The exporting workspace's team settings as bundle header entries."""
    row = conn.execute(select(SETTINGS).where(SETTINGS.c.deleted_at.is_(None))
                       .order_by(SETTINGS.c.created_at)).mappings().first()
    if row is None:
        return []
    items = [(f"{_HEADER_PREFIX}{key}", "" if row[key] is None else str(row[key])) for key in TEAM_FIELDS]
    items.append((f"{_HEADER_PREFIX}updated_at", row["updated_at"].astimezone(UTC).isoformat()))
    return items


class IncomingSettings:
    """Team settings read from a bundle header (checked), with the time they were last changed."""

    def __init__(self, values: dict[str, Any], updated_at: datetime) -> None:
        self.values = values
        self.updated_at = updated_at

    @classmethod
    def from_header(cls, header: Mapping[str, str]) -> IncomingSettings | None:
        """The settings of a header's ``settings.*`` entries; None when it has none (older bundles).
        Raises ValueError when they are damaged."""
        raw = {k.removeprefix(_HEADER_PREFIX): v for k, v in header.items() if k.startswith(_HEADER_PREFIX)}
        if not raw:
            return None
        if set(raw) != {*TEAM_FIELDS, "updated_at"}:
            raise ValueError("incomplete settings")
        stamp = datetime.fromisoformat(raw.pop("updated_at"))
        if stamp.tzinfo is None:
            raise ValueError("settings time without a time zone")
        try:
            values = clean_settings(raw)
        except ValidationError as exc:
            raise ValueError(exc.message) from None
        return cls(values, stamp.astimezone(UTC))


def _is_default(values: Mapping[str, Any]) -> bool:
    return all(values.get(k) == DEFAULTS[k] for k in TEAM_FIELDS)


def describe(field: str, value: Any) -> str:
    if value is None or value == "":
        return _m(QT_TRANSLATE_NOOP("TeamSettings", "none"))
    if field == "week_start_day":
        return _m(_DAYS[int(value)])
    return str(value)


def apply_incoming(conn: Connection, incoming: IncomingSettings | None) -> list[str]:
    """Take the bundle's team settings when they are newer than ours (see the module docstring), inside the
    caller's transaction; returns what changed, one "label: old → new" line per setting."""
    if incoming is None:
        return []
    row = conn.execute(select(SETTINGS).where(SETTINGS.c.deleted_at.is_(None))
                       .order_by(SETTINGS.c.created_at)).mappings().first()
    if row is None or incoming.updated_at <= row["updated_at"]:
        return []
    ours = {k: row[k] for k in TEAM_FIELDS}
    if _is_default(incoming.values) and not _is_default(ours):
        return []
    changed = {k: v for k, v in incoming.values.items() if ours[k] != v}
    if not changed:
        return []
    conn.execute(update(SETTINGS).where(SETTINGS.c.id == row["id"]).values(**changed, updated_at=incoming.updated_at))
    return [_m(QT_TRANSLATE_NOOP("TeamSettings", "%1: %2 → %3"), LABELS[k], describe(k, ours[k]), describe(k, v))
            for k, v in changed.items()]
