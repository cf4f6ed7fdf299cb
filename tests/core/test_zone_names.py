"""The time zone names, read once per process (the import wizard's opening and columns page ask on the GUI
thread): the same list as reading the computer's zones now, and a caller's changes do not reach the next one."""

from __future__ import annotations

from zoneinfo import available_timezones

from pdsa_desk.core.importing.conventions import zone_names


def test_the_names_read_once_are_the_computers_zones_now() -> None:
    plain = sorted(n for n in available_timezones() if "/" in n and not n.startswith(("Etc/", "SystemV/")))
    assert zone_names() == ["UTC", *plain]
    assert zone_names() == ["UTC", *plain]  # the second answer comes from the kept read


def test_a_callers_change_does_not_reach_the_next_caller() -> None:
    names = zone_names()
    names.clear()
    assert zone_names()[0] == "UTC" and len(zone_names()) > 1
