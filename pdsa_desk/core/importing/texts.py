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

from typing import Any

from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, Arg, Message, english, fill

__all__ = ["CONTEXT", "QT_TRANSLATE_NOOP", "Count", "counted", "say"]

CONTEXT = "Import"


class Count(int):
    """A count, written ``1,234`` in the English text (a row number is a plain ``int``: ``row 1234``)."""

    def __str__(self) -> str:
        return f"{int(self):,}"

    __repr__ = int.__repr__


def say(template: str, *args: Arg) -> Message:
    """The text ``template`` (marked ``QT_TRANSLATE_NOOP("Import", …)``) with its ``%1``… filled by ``args``."""
    return Message(CONTEXT, template, *args)


class _Worded(Message):
    """A message whose English ``str`` is worded apart from its template (the old "(s)" plurals)."""

    _english: str

    def __new__(cls, wording: str, template: str, *args: Arg) -> _Worded:
        self = str.__new__(cls, fill(wording, [english(a) for a in args]))
        self.context = CONTEXT
        self.template = template
        self.args = tuple(args)
        self._english = wording
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (self.__class__, (self._english, self.template, *self.args))


def counted(n: int, one: str, other: str, wording: str, *args: Arg) -> Message:
    """``one`` when ``n`` is 1, else ``other`` (both marked templates), with ``%1`` the count (as a :class:`Count`)
    and ``%2``… ``args``; its ``str`` is ``wording`` filled alike (the English "(s)" text it replaces)."""
    return _Worded(wording, one if n == 1 else other, Count(n), *args)
