"""The complete agenda's fast paths (issue 16) give the numbers of the plain ones, item for item.

A channel's conversion chart is counted on the snapshot's own prepared arrays under a mask of the channel's
opportunities (``charts._scoped``) instead of on the channel's subset of the snapshot prepared again: the
agenda's 20 channel signals at 1M. The plain path is the subset (``scopes.scope_data``); both are run here on
the demo and on a generated workspace with channels, ties, phases and a frozen baseline, closed and reopened
opportunities, an archived cycle and a past session.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pdsa_desk.core import charts, services
from pdsa_desk.core.agenda import Section, build_agenda, default_signals
from pdsa_desk.core.charts import ChartMeta, conversion_series, load_chart_meta, scope_data, scopes
from pdsa_desk.core.frames import load_analysis_data
from tests.snapshot_support import generated_workspace


def _plain(data, group):  # the path before issue 16's fast one
    scoped, rep_ids = scope_data(data, group)
    return scoped, rep_ids, None


def _same_series(a: charts.ConversionSeries, b: charts.ConversionSeries) -> None:
    assert a.frame.equals(b.frame)
    assert (a.applied_chart, a.baseline, a.breaks, a.phases, a.guard, a.rules_note, a.phase_marks, a.bands,
            a.revisions, a.initiatives, a.group) == \
           (b.applied_chart, b.baseline, b.breaks, b.phases, b.guard, b.rules_note, b.phase_marks, b.bands,
            b.revisions, b.initiatives, b.group)


def _check(ws, as_ofs: list[datetime], monkeypatch: pytest.MonkeyPatch) -> set[Section]:
    data = load_analysis_data(ws)
    meta = load_chart_meta(ws)
    groups = [g for _n, g in scopes(data) if g[0] == "channel"]
    assert len(groups) >= 2
    seen: set[Section] = set()
    for as_of in as_ofs:
        fast_agenda = build_agenda(ws, as_of=as_of, data=data)
        fast = {(s, g): conversion_series(data, meta, from_stage=s, as_of=as_of, chart="pp", group=g)
                for s in range(len(data.stages) - 1) for g in groups}
        fast_signals = default_signals(data, as_of - timedelta(days=60), as_of, meta=meta)
        with monkeypatch.context() as m:
            m.setattr(charts, "_scoped", _plain)
            plain_data = load_analysis_data(ws)  # no cached fast-path values
            assert build_agenda(ws, as_of=as_of, data=plain_data) == fast_agenda
            assert default_signals(plain_data, as_of - timedelta(days=60), as_of, meta=meta) == fast_signals
            for (s, g), series in fast.items():
                _same_series(series, conversion_series(plain_data, meta, from_stage=s, as_of=as_of, chart="pp",
                                                       group=g))
        seen |= {i.section for i in fast_agenda.items}
    return seen


def test_channel_charts_and_the_agenda_on_the_demo_equal_the_plain_path(demo_ws, monkeypatch) -> None:
    seen = _check(demo_ws, [datetime(2026, 11, 24, 12, tzinfo=UTC), datetime(2026, 6, 1, tzinfo=UTC)], monkeypatch)
    assert {Section.SIGNALS, Section.RUNNING, Section.AGING} <= seen


def test_channel_charts_and_the_agenda_on_generated_data_equal_the_plain_path(tmp_path, monkeypatch) -> None:
    """A generated workspace (ties at the second, 5 channels, cycles in every status) with a phase and a
    frozen baseline declared, an opportunity reopened, one closed, a cycle archived and a session held."""
    ws, info = generated_workspace(tmp_path)
    try:
        as_of = info.as_of_dt
        stages = services.list_stages(ws)
        services.add_chart_phase(ws, stages[0].id, as_of - timedelta(days=120), reason="New script")
        services.add_chart_phase(ws, stages[1].id, as_of - timedelta(days=200), reason="Baseline",
                                 kind="baseline")
        data = load_analysis_data(ws)
        closed = data.opportunities.loc[data.opportunities["outcome"] != "open", "id"].iloc[0]
        services.reopen(ws, str(closed))
        cycles = services.list_cycles(ws, include_archived=False)
        services.set_cycle_archived(ws, cycles[-1].id, True)
        services.mark_session_held(ws, held_at=as_of - timedelta(days=10))
        seen = _check(ws, [as_of, as_of - timedelta(days=90)], monkeypatch)
        assert {Section.RUNNING, Section.AGING} <= seen
    finally:
        ws.close()


def test_a_channel_chart_of_prepared_arrays_is_refused_as_before(demo_ws) -> None:
    """The mask needs the snapshot: prepared arrays with a channel scope still say so."""
    from pdsa_desk.core import metrics

    data = load_analysis_data(demo_ws)
    with pytest.raises(TypeError):
        conversion_series(metrics.prepare(data), ChartMeta(), from_stage=0, as_of=datetime(2026, 11, 1, tzinfo=UTC),
                          group=("channel", "Partner"))
