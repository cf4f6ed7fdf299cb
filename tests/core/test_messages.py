"""Core messages: English as a str exactly as the text was written before, with what the UI needs to translate."""

from __future__ import annotations

import pickle
from datetime import date

from pdsa_desk.core.agenda import Section
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, Message, fill, joined, plural


def test_a_message_is_its_english_text() -> None:
    days = Message("Study", QT_TRANSLATE_NOOP("Study", "%1 days"), 14)
    m = Message("Study", "%1 customers entered less than %2 ago, known by %3.", 3, days, date(2026, 3, 2))
    assert m == "3 customers entered less than 14 days ago, known by 02 Mar 2026."
    assert isinstance(m, str) and f"{m}" == str(m) and m.upper().startswith("3 CUSTOMERS")
    assert (m.context, m.template, m.args) == ("Study", "%1 customers entered less than %2 ago, known by %3.",
                                               (3, days, date(2026, 3, 2)))


def test_placeholders_are_filled_once() -> None:
    assert fill("%2 then %1, %10", ["a%2", "b"]) == "b then a%2, %10"  # an argument is not filled again
    assert Message("", "%1", "100%2") == "100%2"


def test_plural_follows_the_count_and_joined_keeps_each_part() -> None:
    one, other = Message("A", "%1 day", 1), Message("A", "%1 days", 3)
    assert plural(1, one, other) is one and plural(0, one, other) is other
    parts = [Message("S", "The cycle has not started."), "plain"]
    both = joined(parts)
    assert both == "The cycle has not started. plain" and both.args == tuple(parts)


def test_messages_survive_pickling_as_messages() -> None:
    m = Message("Agenda", "%1: %2", Message("Study", "%1 days", 2), 5)
    back = pickle.loads(pickle.dumps(m))  # noqa: S301 -- our own bytes, made on this line
    assert isinstance(back, Message) and back == m and back.args == m.args


def test_agenda_section_values_stay_the_english_titles() -> None:
    assert Section.DECIDE == "Decide (Act)" and Section.DECIDE.heading == "Decide (Act)"
    assert (Section.DECIDE.heading.context, Section.DECIDE.heading.template) == ("Agenda", "Decide (Act)")
