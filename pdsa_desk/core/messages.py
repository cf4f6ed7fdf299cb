"""Texts built in ``core/`` that the user interface translates: :class:`Message`, marked for ``pyside6-lupdate``.

``core/`` imports no Qt, yet some of its texts reach the screen: the agenda's sections and rows, a study's
reasons and verdict, the Data view's counts. Each is a :class:`Message`: a ``str`` whose value is the English
text exactly as before (so the command line, the logs and every ``str`` operation are unchanged), which also
carries its translation context, its English template with Qt's ``%1``-style placeholders, and the
arguments. The template is written in a :func:`QT_TRANSLATE_NOOP` call where it is defined, which
``pyside6-lupdate`` extracts into the catalogue like any ``translate()`` call (checked: the function needs no
Qt, only its name). The user interface translates at its boundary, :func:`pdsa_desk.ui.i18n.text`: the
template through ``QCoreApplication.translate(context, template)``, then each argument (a nested message
is translated too; a date is written the way the language writes it), then the placeholders are filled.

Counts: a message that says "1 day" or "3 days" is two templates, chosen here by the English rule (one /
other), which German shares. ``%n`` plural forms need ``translate(…, n)`` calls that lupdate recognises only
on literal counts or ``self.tr`` in a class, not on a marked template; a language with more plural forms
would need them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any, TypeAlias

__all__ = ["QT_TRANSLATE_NOOP", "Arg", "DayMonth", "Decimals", "IsoDate", "Message", "Percent", "TwoDecimals",
           "Weekday", "joined", "message", "plural"]

#: What a placeholder may be filled with: a text (a nested :class:`Message` is translated too), a number
#: (written as ``str()`` writes it), or a date (``12 Mar 2026`` in English, the language's way in the UI;
#: :class:`Weekday` and :class:`DayMonth` for a day of the weeks at hand, without its year), or a
#: :class:`Percent` (``56%`` in English, the locale's way in the UI), :class:`TwoDecimals` (``0.68`` / ``0,68``) or
#: :class:`Decimals` (a number with a given count of decimals: ``3.6`` / ``3,6``). A number written by Python into
#: the English text before it is passed would keep its English decimal point in every language: pass the number.
Arg: TypeAlias = "str | int | float | date"

#: The English form of a date argument (the UI writes it with QLocale's ``d MMM yyyy`` in its language).
DATE_FORMAT = "%d %b %Y"


class Weekday(date):
    """A day near today, named with its day of the week and without its year: "Mon 23 Nov" in English; the UI
    writes it in its language's way (the QLocale format is itself a translated text: "Mo., 23. Nov.")."""

    english_format = "%a %d %b"


class IsoDate(date):
    """A date the English text writes ISO style ("2025-01-31", as before); the UI writes it as any date."""

    english_format = "%Y-%m-%d"


class Decimals(float):
    """A number written with ``places`` decimals: ``Decimals(3.6, 1)`` is "3.6" in English, "3,6" in the German
    UI; ``places`` 0 writes a whole number."""

    places: int

    def __new__(cls, value: float, places: int = 1) -> Decimals:
        self = super().__new__(cls, value)
        self.places = places
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # pickles with its places
        return (self.__class__, (float(self), self.places))


class TwoDecimals(float):
    """A number written with two decimals: "0.68" in English, "0,68" in the German UI."""


class Percent(float):
    """A rate 0..1 written as a whole percentage: "56%" in English, "56 %" in the German UI."""


class DayMonth(date):
    """A day near today without its year: "10 Dec" in English, "10. Dez." in the German UI."""

    english_format = "%d %b"

_PLACEHOLDER = re.compile(r"%(\d+)")


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 -- the name pyside6-lupdate looks for
    """Mark ``text`` for extraction into the catalogue under ``context``; returns it unchanged."""
    return text


def english(arg: Arg) -> str:
    """An argument as the English text writes it."""
    if isinstance(arg, Percent):
        return f"{arg:.0%}"
    if isinstance(arg, TwoDecimals):
        return f"{arg:.2f}"
    if isinstance(arg, Decimals):
        return f"{arg:.{arg.places}f}"
    if isinstance(arg, Weekday | DayMonth | IsoDate):
        return arg.strftime(arg.english_format)
    if isinstance(arg, date):
        return arg.strftime(DATE_FORMAT)
    return str(arg)


def fill(template: str, args: Sequence[str]) -> str:
    """``%1``…``%9`` replaced by ``args`` in one pass (an argument that contains ``%2`` is not filled again)."""
    def put(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return args[index] if 0 <= index < len(args) else match.group(0)

    return _PLACEHOLDER.sub(put, template)


class Message(str):
    """An English text (the ``str`` value) with what the UI needs to translate it: ``context``, ``template``
    (the English with ``%1``… placeholders, as marked with :func:`QT_TRANSLATE_NOOP`) and ``args``."""

    context: str
    template: str
    args: tuple[Arg, ...]

    def __new__(cls, context: str, template: str, *args: Arg) -> Message:
        self = super().__new__(cls, fill(template, [english(a) for a in args]))
        self.context = context
        self.template = template
        self.args = tuple(args)
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # pickles as itself, not as a plain str
        return (self.__class__, (self.context, self.template, *self.args))

    def __repr__(self) -> str:
        return f"Message({self.context!r}, {self.template!r}, *{self.args!r})"


def message(context: str, template: str, *args: Arg) -> Message:
    """A :class:`Message`; write ``template`` as ``QT_TRANSLATE_NOOP(context, "…")`` so lupdate extracts it."""
    return Message(context, template, *args)


def plural(n: int, one: Message, other: Message) -> Message:
    """``one`` for a count of 1, ``other`` otherwise (the English and German rule)."""
    return one if n == 1 else other


def joined(parts: Sequence[str], separator: str = " ") -> Message:
    """Texts joined by ``separator``, each still translated on its own (the join itself is not a text)."""
    template = separator.join(f"%{i + 1}" for i in range(len(parts)))
    return Message("", template, *parts)
