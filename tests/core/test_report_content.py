"""What the weekly report says, collected by the core without Qt: weeks, scope, sections (no PDF here)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from pdsa_desk.core import services
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.report import ReportContent, resolve_week
from pdsa_desk.core.report.collect import collect_report

ROOT = Path(__file__).parent.parent.parent
NOW = datetime(2026, 11, 24, 18, tzinfo=UTC)  # the demo's "today", a Tuesday of week 48
END_OF_48 = datetime(2026, 11, 29, 23, 59, 59, 999999, tzinfo=UTC)


@pytest.mark.parametrize("week", ["2026-W48", "2026w48", (2026, 48), date(2026, 11, 29), date(2026, 11, 23)])
def test_a_chosen_week_is_read_as_of_its_end(week: object) -> None:
    assert resolve_week(week, NOW) == (2026, 48, END_OF_48)


def test_no_week_is_this_week_as_of_now() -> None:
    assert resolve_week(None, NOW) == (2026, 48, NOW)
    late_sunday = datetime(2027, 1, 3, 23, tzinfo=UTC)  # ISO week 53 of 2026
    assert resolve_week(None, late_sunday)[:2] == (2026, 53)


@pytest.mark.parametrize("week", [(2026, 54), (2026, 0), "2026-W54", "48"])
def test_a_week_that_does_not_exist_is_refused(week: object) -> None:
    with pytest.raises(ValidationError, match="ISO week") as info:
        resolve_week(week, NOW)
    assert info.value.field == "week"


def test_labels_in_plain_words(demo_ws) -> None:
    content = collect_report(demo_ws, week=(2026, 48), team="NORTH", now=NOW)
    assert isinstance(content, ReportContent)
    assert (content.week_label, content.scope_label) == ("Week 48, 2026", "Team North")
    assert content.generated_at == NOW and content.as_of == END_OF_48


def test_a_team_keeps_its_cycles_and_its_reps(demo_ws) -> None:
    reps = {r.id: r for r in services.list_reps(demo_ws)}
    north = next(t for t in services.list_teams(demo_ws) if t.name == "North")
    whole = collect_report(demo_ws, week="2026-W48", now=NOW)
    team = collect_report(demo_ws, week="2026-W48", team="north", now=NOW)
    assert [s.cycle.id for s in team.cycles] == [s.cycle.id for s in whole.cycles
                                                 if s.cycle.team_id == north.id or any(
                                                     reps[r].team_id == north.id for r in s.study.rep_ids)]
    assert 0 < len(team.cycles) < len(whole.cycles)
    for cmp in team.comparisons:
        assert {reps[r].team_id for r in cmp.table["rep_id"]} == {north.id}
    assert team.wip == whole.wip  # WIP limits are workspace-wide


def test_each_active_cycle_has_its_study_and_its_own_chart(demo_ws) -> None:
    content = collect_report(demo_ws, week="2026-W48", now=NOW)
    assert [s.cycle.status for s in content.cycles] == ["act", "study", "do"]
    for section in content.cycles:
        assert section.error == "" and section.study is not None and section.study.cycle_id == section.cycle.id
        assert [b.cycle_id for b in section.series.bands] == [section.cycle.id]
        assert " → " in section.transition and section.participants == sorted(section.participants)
        assert (section.team is not None) == (len(section.study.rep_ids) > 1)


def test_progress_goes_forward(demo_ws) -> None:
    seen: list[float] = []
    collect_report(demo_ws, week="2026-W48", now=NOW, progress=lambda f, _m: seen.append(f))
    assert seen == sorted(seen) and 0 < seen[0] and seen[-1] < 1


def test_collecting_imports_no_qt(demo_file: Path, tmp_path: Path) -> None:
    """The command line (and a worker thread) collect the report through the core alone."""
    db = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_file, db)
    code = (
        "import json, sys\n"
        "from datetime import UTC, datetime\n"
        "from pdsa_desk.core.database import open_workspace\n"
        "from pdsa_desk.core.report.collect import collect_report\n"
        f"ws = open_workspace({str(db)!r}, create=False)\n"
        "c = collect_report(ws, week='2026-W48', now=datetime(2026, 11, 24, 18, tzinfo=UTC))\n"
        "ws.close()\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'))\n"
        "print(json.dumps({'qt': qt, 'cycles': len(c.cycles), 'week': c.week_label}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=600,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr
    said = json.loads(result.stdout.strip().splitlines()[-1])
    assert said == {"qt": [], "cycles": 3, "week": "Week 48, 2026"}


def test_a_past_weeks_report_holds_nothing_recorded_after_that_week(demo_ws) -> None:
    # Today (after the demo's day) a cycle is planned and started and an opportunity is recorded; an active
    # cycle's interpretation is rewritten. The report of week 47 (16-22 Nov 2026) shows none of it, and says
    # what it cannot reconstruct instead of filling it with today's values.
    stages = services.list_stages(demo_ws)
    rep = services.list_reps(demo_ws)[0]
    late = services.create_cycle(demo_ws, "Planned after week 47", from_stage_id=stages[0].id, owner_rep_id=rep.id,
                                 prediction_rate=0.5)
    services.create_opportunity(demo_ws, "Recorded after week 47", rep_id=rep.id, stage_id=stages[0].id)
    studied = next(c for c in services.list_cycles(demo_ws) if c.status == "study")
    services.update_cycle(demo_ws, studied.id, study_interpretation="Written long after week 47")
    c = collect_report(demo_ws, week="2026-W47")
    end = c.as_of
    assert end == datetime(2026, 11, 22, 23, 59, 59, 999999, tzinfo=UTC)
    assert late.id not in {s.cycle.id for s in c.cycles}
    for section in c.cycles:
        assert section.cycle.created_at.replace(tzinfo=section.cycle.created_at.tzinfo or UTC) <= end
        assert "Written long after week 47" not in section.cycle.study_interpretation
    assert "Planned after week 47" not in json.dumps([i.title for i in c.agenda.items])
    (page,) = [s for s in c.cycles if s.cycle.id == studied.id]
    assert page.cycle.study_interpretation == "" and "interpretation is not shown" in page.note
