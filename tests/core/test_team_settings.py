"""Workspace settings: checked by field, saved in one transaction, carried by bundles (newest wins)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pdsa_desk.core import services as sv
from pdsa_desk.core.database import open_workspace
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.exchange import BundleError, export_bundle, export_definitions, merge_bundle, read_header


def test_every_setting_is_saved_and_read_back(ws) -> None:
    sv.update_settings(ws, name="  North sales ", currency="eur", time_zone="Europe/Berlin", week_start_day=6,
                       default_window_days=45, max_active_cycles_per_rep=3, max_marketing_cycles=2)
    assert sv.settings_values(sv.get_settings(ws)) == {
        "name": "North sales", "currency": "EUR", "time_zone": "Europe/Berlin", "week_start_day": 6,
        "default_window_days": 45, "max_active_cycles_per_rep": 3, "max_marketing_cycles": 2}
    sv.update_settings(ws, max_marketing_cycles=None)  # no cap
    assert sv.get_settings(ws).max_marketing_cycles is None
    assert sv.get_settings(ws).currency == "EUR"  # what was not given is kept


@pytest.mark.parametrize(("values", "field"), [
    ({"name": "   "}, "name"),
    ({"name": "x" * 201}, "name"),
    ({"currency": "EURO"}, "currency"),
    ({"currency": "€"}, "currency"),
    ({"time_zone": "Mars/Olympus"}, "time_zone"),
    ({"time_zone": "berlin"}, "time_zone"),
    ({"week_start_day": 7}, "week_start_day"),
    ({"default_window_days": 0}, "default_window_days"),
    ({"default_window_days": 2.5}, "default_window_days"),
    ({"max_active_cycles_per_rep": -1}, "max_active_cycles_per_rep"),
    ({"max_marketing_cycles": 0}, "max_marketing_cycles"),
])
def test_bad_values_are_refused_by_field_and_nothing_is_written(ws, values, field) -> None:
    before = sv.settings_values(sv.get_settings(ws))
    with pytest.raises(ValidationError) as caught:
        sv.update_settings(ws, **{"time_zone": "Asia/Tokyo", **values})  # a good value beside the bad one
    assert caught.value.field == field
    assert sv.settings_values(sv.get_settings(ws)) == before


def _workspace(folder: Path, name: str):
    ws = open_workspace(folder / f"{name}.sqlite")
    sv.update_settings(ws, name=name)
    return ws


def test_team_settings_travel_with_standards_and_work_and_the_newer_wins(tmp_path: Path) -> None:
    manager = _workspace(tmp_path, "Manager")
    laptop = _workspace(tmp_path, "Ann's laptop")
    sv.update_settings(manager, currency="EUR", time_zone="Europe/Berlin", week_start_day=0,
                       default_window_days=21, max_marketing_cycles=2)
    standards = tmp_path / "standards.pdsa"
    export_definitions(manager, standards)
    assert read_header(standards).settings["settings.time_zone"] == "Europe/Berlin"

    report = merge_bundle(laptop, standards)
    row = sv.get_settings(laptop)
    assert (row.currency, row.time_zone, row.default_window_days, row.max_marketing_cycles) == (
        "EUR", "Europe/Berlin", 21, 2)
    assert row.name == "Ann's laptop"  # the name says whose copy it is: it does not travel
    assert "Time zone: UTC → Europe/Berlin" in "\n".join(report.lines())
    assert merge_bundle(laptop, standards).settings == []  # merging again changes nothing

    sv.update_settings(laptop, week_start_day=6)  # Ann's change is newer than the manager's
    work = tmp_path / "work.pdsa"
    export_bundle(laptop, work)
    report = merge_bundle(manager, work)
    assert sv.get_settings(manager).week_start_day == 6
    assert sv.get_settings(manager).name == "Manager"
    assert report.settings == ["Week start day: Monday → Sunday"]

    sv.update_settings(manager, time_zone="America/New_York")  # now the manager's are newer
    assert merge_bundle(manager, work).settings == []
    assert sv.get_settings(manager).time_zone == "America/New_York"
    for ws in (manager, laptop):
        ws.close()


def test_a_new_laptops_default_settings_never_replace_the_teams(tmp_path: Path) -> None:
    manager = _workspace(tmp_path, "Manager")
    sv.update_settings(manager, currency="EUR", time_zone="Europe/Berlin")
    newcomer = _workspace(tmp_path, "New laptop")  # renamed after the manager's change: its row is newer
    bundle = tmp_path / "new.pdsa"
    export_bundle(newcomer, bundle)
    assert merge_bundle(manager, bundle).settings == []
    assert (sv.get_settings(manager).currency, sv.get_settings(manager).time_zone) == ("EUR", "Europe/Berlin")
    for ws in (manager, newcomer):
        ws.close()


def test_a_dry_run_reports_the_settings_but_keeps_ours(tmp_path: Path) -> None:
    manager = _workspace(tmp_path, "Manager")
    laptop = _workspace(tmp_path, "Laptop")
    sv.update_settings(manager, time_zone="Asia/Tokyo")
    bundle = tmp_path / "m.pdsa"
    export_definitions(manager, bundle)
    report = merge_bundle(laptop, bundle, dry_run=True)
    assert report.settings == ["Time zone: UTC → Asia/Tokyo"] and report.changed
    assert sv.get_settings(laptop).time_zone == "UTC"
    for ws in (manager, laptop):
        ws.close()


def test_damaged_settings_in_a_header_refuse_the_bundle(tmp_path: Path) -> None:
    manager = _workspace(tmp_path, "Manager")
    bundle = tmp_path / "m.pdsa"
    export_definitions(manager, bundle)
    con = sqlite3.connect(bundle)
    with con:
        con.execute("UPDATE pdsa_bundle_header SET value = 'Nowhere/Else' WHERE key = 'settings.time_zone'")
    con.close()
    with pytest.raises(BundleError, match="workspace settings are damaged"):
        read_header(bundle)
    manager.close()


def test_a_bundle_without_settings_merges_as_before(tmp_path: Path) -> None:
    manager = _workspace(tmp_path, "Manager")
    laptop = _workspace(tmp_path, "Laptop")
    sv.update_settings(manager, time_zone="Asia/Tokyo")
    bundle = tmp_path / "m.pdsa"
    export_definitions(manager, bundle)
    con = sqlite3.connect(bundle)  # as bundles written before the settings travelled
    with con:
        con.execute("DELETE FROM pdsa_bundle_header WHERE key LIKE 'settings.%'")
    con.close()
    assert merge_bundle(laptop, bundle).settings == []
    assert sv.get_settings(laptop).time_zone == "UTC"
    for ws in (manager, laptop):
        ws.close()
