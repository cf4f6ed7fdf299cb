"""Small helpers shared by the service modules, and the refusals' texts (:func:`msg`).

Every refusal is a :class:`~pdsa_desk.core.messages.Message` in the context :data:`CONTEXT`: its English
(``str``) is the text as always, and the UI shows it in its language (:func:`pdsa_desk.ui.i18n.text`). The
helpers below are given what they speak of as an English word (``get_live(…, "tactic")``, a ``label``):
each such word is marked in :data:`NOUNS` so that it is translated too (a test checks every call's word).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from enum import Enum, StrEnum
from typing import Final, Literal, SupportsIndex, SupportsInt, TypeVar, overload

from sqlalchemy import ColumnElement, update
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from pdsa_desk.core.errors import ConflictError, ValidationError
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, Arg, Message
from pdsa_desk.core.models import Row, utcnow
from pdsa_desk.core.rules import same_name

R = TypeVar("R", bound=Row)

# The translation context of the services' texts.
CONTEXT: Final = "Services"


def msg(template: str, *args: Arg) -> Message:
    """A refusal's text; write ``template`` as ``QT_TRANSLATE_NOOP("Services", "…")`` so lupdate extracts it."""
    return Message(CONTEXT, template, *args)


# The words the helpers are given (``what``, ``label``), marked for translation: the lower-case ones name a
# row ("The tactic no longer exists"), the capitalised ones start a sentence or name a field.
NOUNS: Final = frozenset((
    QT_TRANSLATE_NOOP("Services", "cycle"), QT_TRANSLATE_NOOP("Services", "Cycle"),
    QT_TRANSLATE_NOOP("Services", "stage"), QT_TRANSLATE_NOOP("Services", "Stage"),
    QT_TRANSLATE_NOOP("Services", "rep"), QT_TRANSLATE_NOOP("Services", "Rep"),
    QT_TRANSLATE_NOOP("Services", "team"), QT_TRANSLATE_NOOP("Services", "Team"),
    QT_TRANSLATE_NOOP("Services", "tactic"), QT_TRANSLATE_NOOP("Services", "Tactic"),
    QT_TRANSLATE_NOOP("Services", "opportunity"), QT_TRANSLATE_NOOP("Services", "Opportunity"),
    QT_TRANSLATE_NOOP("Services", "loss reason"), QT_TRANSLATE_NOOP("Services", "Loss reason"),
    QT_TRANSLATE_NOOP("Services", "forecaster"), QT_TRANSLATE_NOOP("Services", "Forecaster"),
    QT_TRANSLATE_NOOP("Services", "forecast"), QT_TRANSLATE_NOOP("Services", "Forecast"),
    QT_TRANSLATE_NOOP("Services", "marketing initiative"), QT_TRANSLATE_NOOP("Services", "Marketing initiative"),
    QT_TRANSLATE_NOOP("Services", "initiative"), QT_TRANSLATE_NOOP("Services", "Initiative"),
    QT_TRANSLATE_NOOP("Services", "workspace settings"), QT_TRANSLATE_NOOP("Services", "Workspace settings"),
    QT_TRANSLATE_NOOP("Services", "parent cycle"), QT_TRANSLATE_NOOP("Services", "ramp cycle"),
    QT_TRANSLATE_NOOP("Services", "stage move"), QT_TRANSLATE_NOOP("Services", "observation"),
    QT_TRANSLATE_NOOP("Services", "chart phase"), QT_TRANSLATE_NOOP("Services", "Workspace"),
    QT_TRANSLATE_NOOP("Services", "workspace"), QT_TRANSLATE_NOOP("Services", "Channel"),
    QT_TRANSLATE_NOOP("Services", "Scope"), QT_TRANSLATE_NOOP("Services", "Metric"),
    QT_TRANSLATE_NOOP("Services", "Role"), QT_TRANSLATE_NOOP("Services", "Checklist"),
    QT_TRANSLATE_NOOP("Services", "WIP limit"), QT_TRANSLATE_NOOP("Services", "Conversion window (days)"),
    QT_TRANSLATE_NOOP("Services", "Terminal kind"), QT_TRANSLATE_NOOP("Services", "Kind"),
    QT_TRANSLATE_NOOP("Services", "Minimum sample size"), QT_TRANSLATE_NOOP("Services", "Origin"),
    QT_TRANSLATE_NOOP("Services", "Decision"), QT_TRANSLATE_NOOP("Services", "Tactic status"),
    QT_TRANSLATE_NOOP("Services", "Outcome"), QT_TRANSLATE_NOOP("Services", "channel"),
    QT_TRANSLATE_NOOP("Services", "Source"), QT_TRANSLATE_NOOP("Services", "The link"),
    QT_TRANSLATE_NOOP("Services", "The talking points"), QT_TRANSLATE_NOOP("Services", "The notes"),
    QT_TRANSLATE_NOOP("Services", "The start"), QT_TRANSLATE_NOOP("Services", "The end"),
    QT_TRANSLATE_NOOP("Services", "The period's first day"), QT_TRANSLATE_NOOP("Services", "The period's last day"),
    QT_TRANSLATE_NOOP("Services", "Cycles needing marketing at once"),
))


def noun(word: str) -> Message:
    """``word`` (one of :data:`NOUNS`) as a text the UI translates."""
    return Message(CONTEXT, word)


class Unset(Enum):
    """The type of :data:`UNSET`: "argument not given" where None means "clear the value"."""

    UNSET = "unset"


UNSET: Final = Unset.UNSET


def live(model: type[R]) -> SelectOfScalar[R]:
    """``SELECT`` of the rows of ``model`` that are not tombstoned."""
    return select(model).where(col(model.deleted_at).is_(None))


def get_live(session: Session, model: type[R], row_id: str | None, what: str, field: str | None = None) -> R:
    """The live row with this id, or a ValidationError naming what is missing."""
    row = session.get(model, row_id) if row_id else None
    if row is None or row.deleted_at is not None:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The %1 no longer exists (it "
                "may have been deleted)."), noun(what)), field)
    return row


_TICK = timedelta(microseconds=1)


def touch(row: Row) -> None:
    """Stamp a change. Strictly later than the stamp read, even on a coarse clock,
    so that an edit always changes ``updated_at`` (optimistic concurrency relies on it)."""
    now = utcnow()
    previous = row.updated_at
    if previous is not None and previous.tzinfo is not None and now <= previous:
        now = previous + _TICK
    row.updated_at = now


def claim(
    s: Session,
    model: type[R],
    row_id: str | None,
    expected_updated_at: datetime | None,
    what: str,
    *,
    label: str = "name",
) -> None:
    """Optimistic concurrency: refuse the edit when the row changed since the caller read it.

    Does nothing when ``expected_updated_at`` is None. Otherwise, *before* the row is
    read, the row is locked for this transaction and its ``updated_at`` compared with
    the one the caller read: on PostgreSQL by ``SELECT … FOR UPDATE`` (a concurrent
    save of the same row waits for ours to commit, then sees our new stamp); on SQLite
    by taking the database's write lock first (a no-op ``UPDATE``), which serialises
    writers. The second of two concurrent saves therefore raises
    :class:`ConflictError` naming the row and when it was changed, instead of silently
    overwriting. A row deleted meanwhile raises the usual "no longer exists"
    ValidationError. With ``row_id`` None the single live row of ``model`` is meant
    (workspace settings).
    """
    if expected_updated_at is None:
        return
    expected = aware(expected_updated_at, "expected_updated_at")
    table = model.__table__
    condition: list[ColumnElement[bool]] = [table.c.deleted_at.is_(None)]
    if row_id is not None:
        condition.append(table.c.id == row_id)
    conn = s.connection()
    if conn.dialect.name == "sqlite":  # take the write lock now: no other writer until we commit
        conn.execute(update(table).where(*condition).values(updated_at=table.c.updated_at))
    found = conn.execute(
        select(table.c.id, table.c.updated_at, table.c[label]).where(*condition).limit(1).with_for_update()
    ).first()
    if found is None:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The %1 no longer exists (it "
                "may have been deleted)."), noun(what)))
    if found.updated_at != expected:
        raise ConflictError(conflict_message(str(found[2]), found.updated_at))


def conflict_message(name: str, changed_at: datetime | None) -> Message:
    if changed_at is None:
        return msg(QT_TRANSLATE_NOOP("Services", "'%1' was changed by someone else. Reload to see their version; "
                                     "your edit was not saved."), name)
    at = changed_at.astimezone(UTC)
    if at.date() == utcnow().date():
        return msg(QT_TRANSLATE_NOOP("Services", "'%1' was changed by someone else at %2 UTC. Reload to see their "
                                     "version; your edit was not saved."), name, f"{at:%H:%M}")
    return msg(QT_TRANSLATE_NOOP("Services", "'%1' was changed by someone else on %2 at %3 UTC. Reload to see "
                                 "their version; your edit was not saved."), name, f"{at:%Y-%m-%d}", f"{at:%H:%M}")


def tombstone(row: Row, when: datetime | None = None) -> None:
    row.deleted_at = when or utcnow()
    row.updated_at = row.deleted_at


# The one length limit of every name (stages, loss reasons, tactics, reps, teams, the workspace…).
NAME_MAX_LENGTH: Final = 200
# The limit of the longer titles: cycle titles and opportunity names (CRM deal names run long).
TITLE_MAX_LENGTH: Final = 300


def clean_name(value: object, what: str, field: str = "name", max_length: int = NAME_MAX_LENGTH) -> str:
    """A trimmed, non-empty name that fits its column; a longer one is refused, naming the field, never cut."""
    text = "" if value is None else str(value).strip()
    if not text:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "%1 name must not be empty."),
                                  noun(what.capitalize())), field)
    if len(text) > max_length:
        raise ValidationError(
            msg(QT_TRANSLATE_NOOP("Services", "%1 name is too long (%2 characters; at most %3)."),
                noun(what.capitalize()), len(text), max_length), field
        )
    return text


def ensure_unique_name(
    session: Session, model: type[R], name: str, what: str, exclude_id: str | None = None, field: str = "name"
) -> None:
    """Refuse a second live row with the same name (case-insensitive, :func:`pdsa_desk.core.rules.same_name`)."""
    stmt = live(model).where(same_name(model.__table__.c.name, name))
    if exclude_id is not None:
        stmt = stmt.where(model.id != exclude_id)
    if session.exec(stmt).first() is not None:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "%1 name '%2' already exists."),
                                  noun(what.capitalize()), name), field)


@overload
def aware(value: datetime, field: str) -> datetime: ...
@overload
def aware(value: None, field: str) -> None: ...
def aware(value: datetime | None, field: str) -> datetime | None:
    """Timezone-aware UTC, refusing naive datetimes (they would be ambiguous)."""
    if value is None:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Times must include a time "
                "zone.")), field)
    return value.astimezone(UTC)


@overload
def positive_int(
    value: object, field: str, label: str, *, allow_none: Literal[False] = False, minimum: int = 1
) -> int: ...
@overload
def positive_int(value: object, field: str, label: str, *, allow_none: bool, minimum: int = 1) -> int | None: ...
def positive_int(value: object, field: str, label: str, *, allow_none: bool = False, minimum: int = 1) -> int | None:
    """A whole number of at least ``minimum`` (None only with ``allow_none``), else a ValidationError."""
    if value is None and allow_none:
        return None
    if not isinstance(value, str | SupportsInt | SupportsIndex):
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "%1 must be a whole number."), noun(label)), field)
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: int(float("inf"))
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "%1 must be a whole number."), noun(label)),
                              field) from None
    if isinstance(value, float) and not value.is_integer():
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "%1 must be a whole number."), noun(label)), field)
    if number < minimum:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "%1 must be at least %2."), noun(label), minimum),
                              field)
    return number


def clean_items(items: Iterable[object] | None, field: str, label: str) -> list[str]:
    """A list of short, unique, non-empty strings (order kept)."""
    result: list[str] = []
    for item in items or ():
        text = str(item).strip()
        if not text:
            continue
        if len(text) > 200:
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "%1 item '%2…' is too long "
                    "(at most 200 characters)."), noun(label), text[:40]), field)
        if text in result:
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "%1 item '%2' is listed "
                    "twice."), noun(label), text), field)
        result.append(text)
    return result


def check_choice(value: object, choices: type[StrEnum], field: str, label: str) -> str:
    allowed = [c.value for c in choices]
    if value not in allowed:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "%1 must be one of: %2 (got "
                "'%3')."), noun(label), ', '.join(allowed), str(value)), field)
    return str(value)
