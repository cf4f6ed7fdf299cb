"""A past week's weekly report says what it cannot show as it was (core/report/history.py): on its first page,
on the page of a cycle changed since, and on the command line; in the UI's language."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from pdsa_desk import app
from pdsa_desk.core import services
from pdsa_desk.core.report.collect import collect_report
from pdsa_desk.ui.report import build_blocks, write_report
from tests.ui.test_report import has_pdftotext, pdf_text

PAST = "2026-W47"  # 16–22 Nov 2026; the demo is written as of 24 Nov, and everything below is recorded today


@pytest.fixture
def pdftotext() -> None:
    if not has_pdftotext():
        pytest.skip("pdftotext (poppler-utils) is needed to read the PDF's text")


NEEDS_PDFTOTEXT = pytest.mark.usefixtures("pdftotext")


@pytest.fixture(autouse=True)
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app, "COMMANDS", tuple(dict.fromkeys((*app.COMMANDS, "report"))))


@pytest.fixture
def late_records(demo_ws):
    """An opportunity dated inside week 47 (entering the first stage then) but recorded today, and an
    interpretation written today for a cycle being studied; returns that cycle's title."""
    stages = services.list_stages(demo_ws)
    rep = services.list_reps(demo_ws)[0]
    services.create_opportunity(demo_ws, "Entered late", rep_id=rep.id, stage_id=stages[0].id,
                                opened_at=datetime(2026, 11, 18, 10, tzinfo=UTC))
    studied = next(c for c in services.list_cycles(demo_ws) if c.status == "study")
    services.update_cycle(demo_ws, studied.id, study_interpretation="Written long after week 47")
    return studied.title


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_notes_are_core_messages(demo_ws, late_records: str) -> None:
    content = collect_report(demo_ws, week=PAST)
    late = [n for n in content.notes if "recorded later" in n]
    assert late == ["1 opportunity and 1 stage move dated up to that week were recorded later (imported or merged "
                    "afterwards) and are left out: the counts are those the workspace held then."]
    assert type(late[0]).__name__ == "Message"  # translated by the UI
    (page,) = [s for s in content.cycles if s.cycle.title == late_records]
    assert page.note.startswith("Changed after this week (last on ") and type(page.note).__name__ == "Message"
    assert not collect_report(demo_ws, week="2026-W48", now=datetime(2026, 11, 24, 18, tzinfo=UTC)).notes


@NEEDS_PDFTOTEXT
def test_a_past_weeks_report_shows_its_notes(qapp, demo_ws, late_records: str, tmp_path: Path) -> None:
    info = write_report(demo_ws, tmp_path / "w47.pdf", week=PAST)
    pages = [_flat(p) for p in pdf_text(info.path)]
    assert "What it cannot show as it was:" in pages[0]
    assert "1 opportunity and 1 stage move dated up to that week were recorded later" in pages[0]
    (cycle_page,) = [p for p in pages[1:] if late_records in p and "ACTIVE CYCLE" in p]
    assert "Changed after this week (last on" in cycle_page and "the plan is today's wording" in cycle_page
    assert "Written long after week 47" not in " ".join(pages)


@NEEDS_PDFTOTEXT
def test_the_notes_in_german(german, demo_ws, late_records: str, tmp_path: Path) -> None:
    content = collect_report(demo_ws, week=PAST)
    html = " ".join(getattr(b, "html_text", "") for b in build_blocks(content))
    assert "recorded later" not in html and "Changed after this week" not in html
    info = write_report(demo_ws, tmp_path / "w47-de.pdf", week=PAST)
    first = _flat(pdf_text(info.path)[0])
    assert "1 Verkaufschance und 1 Stufenwechsel" in first


def test_the_command_line_says_them(qapp, demo_ws, late_records: str, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "w47.pdf"
    assert app.main(["report", "--db", str(demo_ws.path), "--out", str(out), "--week", PAST]) == 0
    said = capsys.readouterr().out.splitlines()
    assert any(line.startswith("Note: 1 opportunity and 1 stage move") for line in said)
    assert f"Note on '{late_records}': Changed after this week (last on" in "\n".join(said)
