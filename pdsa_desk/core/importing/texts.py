"""The importer's texts for people: :class:`~pdsa_desk.core.messages.Message` values in the context ``"Import"``.

Every problem, notice, refusal and progress text built in this package is one of them, so the import wizard shows
it in the UI's language (:func:`pdsa_desk.ui.i18n.text`) while its ``str`` — what the command line prints, the
rejected-rows file holds and the tests read — stays the English text it always was. Write a template where it is
used as ``say(QT_TRANSLATE_NOOP("Import", "…%1…"), arg)`` so that ``pyside6-lupdate`` extracts it (the context must
be the literal ``"Import"``, the one :func:`say` gives).

Two things the English ``str`` keeps from before, which a template cannot say:

* counts written with thousands separators (``1,234``): :class:`Count`;
* "(s)" plurals ("3 row(s)"): :func:`counted` picks the singular or plural template by the count (what the UI
  shows, in English too) and keeps the old "(s)" wording as the ``str``.
"""

from __future__ import annotations

import re
from typing import Any

from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, Arg, Message, english

__all__ = ["CONTEXT", "QT_TRANSLATE_NOOP", "Count", "counted", "say"]

CONTEXT = "Import"


class Count(int):
    """A count, written ``1,234`` in the English text (a row number is a plain ``int``: ``row 1234``)."""

    def __str__(self) -> str:
        return f"{int(self):,}"

    __repr__ = int.__repr__


def say(template: str, *args: Arg) -> Message:
    """The text ``template`` (marked ``QT_TRANSLATE_NOOP("Import", …)``) with its ``%1``… filled by ``args``."""
    return _Text(template, template, *args)


def counted(n: int, one: str, other: str, wording: str, *args: Arg) -> Message:
    """``one`` when ``n`` is 1, else ``other`` (both marked templates), with ``%1`` the count (as a :class:`Count`)
    and ``%2``… ``args``; its ``str`` is ``wording`` filled alike (the English "(s)" text it replaces)."""
    return _Text(wording, one if n == 1 else other, Count(n), *args)


class _Text(Message):
    """A :class:`Message` of the context ``"Import"`` whose English ``str`` is ``wording`` filled (the template
    itself, or the old "(s)" wording), built faster than ``Message`` does: a file with a million bad cells makes a
    million of them, so the template is split at its placeholders once, not searched with a pattern each time."""

    _wording: str

    def __new__(cls, wording: str, template: str, *args: Arg) -> _Text:
        self = str.__new__(cls, _fill(wording, args))
        self.context = CONTEXT
        self.template = template
        self.args = args
        self._wording = wording
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (self.__class__, (self._wording, self.template, *self.args))


_PARTS: dict[str, tuple[str, tuple[tuple[int, str, str], ...]]] = {}
_PLACEHOLDER = re.compile(r"%(\d+)")


def _fill(template: str, args: tuple[Arg, ...]) -> str:
    """:func:`pdsa_desk.core.messages.fill` with the English of ``args`` (one pass: an argument is not filled again)."""
    parts = _PARTS.get(template)
    if parts is None:
        pieces = _PLACEHOLDER.split(template)
        parts = _PARTS[template] = (pieces[0], tuple(
            (int(pieces[i]) - 1, f"%{pieces[i]}", pieces[i + 1]) for i in range(1, len(pieces), 2)))
    head, rest = parts
    out = [head]
    for index, placeholder, after in rest:
        if 0 <= index < len(args):
            arg = args[index]
            out.append(arg if isinstance(arg, str) else english(arg))
        else:
            out.append(placeholder)
        out.append(after)
    return "".join(out)
