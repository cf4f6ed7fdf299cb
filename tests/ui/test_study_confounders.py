"""Study names a marketing initiative that overlaps the cycle's or its baseline's window — in the tab, under
the verdict and in the weekly report's PDF — and names none that does not overlap."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from pdsa_desk.core import services
from pdsa_desk.core.study import study_cycle
from pdsa_desk.ui.cycle_editor import STUDY_TAB
from tests.ui.test_cycles import AS_OF, cycle_id, open_tab_and_wait
from tests.ui.test_cycles import view as cycles_view  # noqa: F401 - the Cycles view fixture
from tests.ui.test_report import has_pdftotext, pdf_text


def _windows(ws, title: str):
    return study_cycle(ws, cycle_id(ws, title), as_of=AS_OF)


def test_an_overlapping_initiative_is_named_in_the_tab_and_the_verdict(qtbot, cycles_view, demo_ws) -> None:  # noqa: F811
    view = cycles_view
    st = _windows(demo_ws, "Business case before budget")
    services.create_initiative(demo_ws, "Budget season webinar", starts_on=st.cycle_start.date() + timedelta(days=3),
                               ends_on=st.cycle_start.date() + timedelta(days=10), owner="Mara")
    before = st.baseline_start.date()
    services.create_initiative(demo_ws, "Last year's trade fair", starts_on=before - timedelta(days=60),
                               ends_on=before - timedelta(days=50))
    view.show_object(st.cycle_id)
    open_tab_and_wait(qtbot, view, STUDY_TAB)
    tab = view.editor.study_tab
    assert [c.name for c in tab.confounders] == ["Budget season webinar"]
    assert tab.confounder_banner.isVisible()
    assert "1 marketing initiative" in tab.confounder_banner.heading.text()
    body = tab.confounder_banner.body.text()
    assert "Budget season webinar" in body and "the cycle's window" in body and "ask Mara" in body
    assert "Last year's trade fair" not in body
    assert tab.banner.heading.text() == tab.verdict.sentence  # the verdict stays the headline ...
    assert "Caution: marketing initiative “Budget season webinar” overlapped this test" in tab.banner.body.text()
    # ... and the study chart marks it (hatched, apart from the cycle's band).
    assert "Budget season webinar" in [m.name for m in tab.chart.series.initiatives]


def test_no_warning_without_an_overlapping_initiative(qtbot, cycles_view, demo_ws) -> None:  # noqa: F811
    view = cycles_view
    st = _windows(demo_ws, "Business case before budget")
    services.create_initiative(demo_ws, "Spring fair", starts_on=st.cycle_end.date() + timedelta(days=30),
                               ends_on=st.cycle_end.date() + timedelta(days=31))
    view.show_object(st.cycle_id)
    open_tab_and_wait(qtbot, view, STUDY_TAB)
    tab = view.editor.study_tab
    assert tab.confounders == [] and not tab.confounder_banner.isVisible()
    assert "Caution" not in tab.banner.body.text()


def test_the_weekly_pdf_names_the_overlapping_initiative(qapp, demo_ws, tmp_path: Path) -> None:
    from pdsa_desk.ui.report import write_report

    active = [c for c in services.list_cycles(demo_ws) if c.status in ("do", "study", "act")]
    st = study_cycle(demo_ws, active[0].id, as_of=AS_OF)
    services.create_initiative(demo_ws, "Inbound nurture mailing", starts_on=st.baseline_start.date(),
                               ends_on=st.baseline_start.date() + timedelta(days=5))
    info = write_report(demo_ws, tmp_path / "week.pdf", week="2026-W48", now=datetime(2026, 11, 24, 18, tzinfo=UTC))
    section = next(s for s in info.content.cycles if s.cycle.id == active[0].id)
    assert [c.name for c in section.confounders] == ["Inbound nurture mailing"]
    assert section.confounders[0].windows in (("baseline",), ("cycle", "baseline"))
    if has_pdftotext():
        text = " ".join(" ".join(pdf_text(info.path)).split())
        assert "Inbound nurture mailing" in text and "overlapped this test" in text
