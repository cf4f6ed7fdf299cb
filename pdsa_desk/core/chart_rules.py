"""The rules a conversion chart is judged by, under the small-sample guard (Qt-free).

:func:`apply_chart` fills a :func:`pdsa_desk.core.charts.conversion_series` frame's centre line, limits,
phases and signal columns from the chart of its mature prefix: a run chart (Anhøj or IHI rules), a P chart
or a Laney P′ chart (P′ only where Laney's correction applies, :mod:`pdsa_desk.core.spc_guard`), each
phase checked by :mod:`pdsa_desk.core.chart_guard` (too few points: no runs rules; too few expected
conversions: no limits). The last phase's centre line (and, for P charts, limits for each point's own
``n``) is carried over to the immature points, which never signal. The formulas themselves are
:mod:`pdsa_desk.core.spc`; the series around them (periods, phases the team declared, cycle bands) is
:mod:`pdsa_desk.core.charts`, which re-exports :class:`PhaseSummary`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from pdsa_desk.core import chart_guard, spc, spc_guard
from pdsa_desk.core.chart_guard import ChartGuard
from pdsa_desk.core.scopes import Group

__all__ = ["Applied", "ChartContext", "PhaseSummary", "Rules", "apply_chart"]

Rules = Literal["anhoej", "ihi"]


@dataclass(frozen=True)
class PhaseSummary:
    """One phase of the chart (positions ``start..stop-1``), judged on its mature points.

    ``runs_signal`` is the phase-level verdict of the rules: for Anhøj, a run
    longer than ``longest_run_max`` or fewer crossings than
    ``n_crossings_min``; for IHI, too few or too many runs (``n_runs`` outside
    ``runs_min..runs_max``). ``runs_applied``/``limits_applied`` are False
    where the small-sample guard withheld them (then ``runs_signal`` is False).
    """

    phase: int
    start: int
    stop: int
    cl: float
    baseline_points: int
    runs_signal: bool
    longest_run: int
    longest_run_max: int
    n_crossings: int
    n_crossings_min: int
    n_runs: int | None = None
    runs_min: int | None = None
    runs_max: int | None = None
    n_useful: int = 0
    runs_applied: bool = True
    limits_applied: bool = True


def _long_run_members(values: np.ndarray, centre: float, longest_max: int) -> np.ndarray:
    """Points in a run of useful points on one side of ``centre`` longer than ``longest_max``."""
    flags = np.zeros(values.size, dtype=bool)
    if math.isnan(centre):
        return flags
    signs = np.sign(values - centre)
    pos = np.flatnonzero(np.abs(signs) == 1.0)
    if not pos.size:
        return flags
    s = signs[pos]
    ids = np.concatenate(([0], np.cumsum(s[1:] != s[:-1])))
    flags[pos] = np.bincount(ids)[ids] > longest_max
    return flags


@dataclass(frozen=True)
class ChartContext:
    """What the guard's sentence and remedies depend on besides the numbers."""

    period: str
    group: Group
    ranged: bool
    team: tuple[str, str] | None


@dataclass(frozen=True)
class Applied:
    phases: tuple[PhaseSummary, ...]
    chart: str
    guard: ChartGuard
    rules_note: str = ""


def _bounds(breaks: tuple[int, ...], m: int) -> list[tuple[int, int]]:
    starts = [0, *breaks]
    return list(zip(starts, [*breaks, m], strict=True))


def _base_stop(a: int, b: int, baseline: int | None) -> int:
    return b if baseline is None else min(b, a + baseline)


def _choose_p_chart(x: np.ndarray, n: np.ndarray, m: int, chart: str, baseline: int | None,
                    breaks: tuple[int, ...], limits_ok: list[bool], period: str) -> tuple[pd.DataFrame, str, str]:
    """The P or P′ chart of the mature prefix: P′ only where Laney's correction applies in every phase
    that has limits (:func:`spc_guard.laney_applies`); otherwise P, with the note saying why."""
    brk = list(breaks) or None
    plain = spc.p_chart(x[:m], n[:m], laney=False, baseline=baseline, breaks=brk)
    if chart != "pp":
        return plain, "p", ""
    for (a, b), ok in zip(_bounds(breaks, m), limits_ok, strict=True):
        if not ok:
            continue
        stop = _base_stop(a, b, baseline)
        centre = float(plain["cl"].to_numpy(dtype=float)[a])
        sigma = spc_guard.sigma_z(x[a:stop], n[a:stop], centre)
        points = int((n[a:stop] > 0).sum())
        fine, why = spc_guard.laney_applies(sigma, points)
        if not fine:
            return plain, "p", chart_guard.laney_note(why, sigma, points, period)
    if not any(limits_ok):
        return plain, "p", ""
    return spc.p_chart(x[:m], n[:m], laney=True, baseline=baseline, breaks=brk), "pp", ""


def apply_chart(
    frame: pd.DataFrame, m: int, chart: str, rules: Rules, baseline: int | None, breaks: tuple[int, ...],
    context: ChartContext,
) -> Applied:
    """Fill cl/limits/phase/signal columns in place from the chart of the mature prefix ``0..m-1``."""
    size = len(frame)
    if m == 0:
        return Applied((), "run" if chart == "run" else "p" if chart == "p" else chart, ChartGuard())
    x = frame["x"].to_numpy(dtype=float)
    n = frame["n"].to_numpy(dtype=float)
    p = frame["p"].to_numpy(dtype=float)
    cols = {c: np.zeros(size, dtype=bool) for c in ("sig_limit", "sig_run", "sig_shift", "sig_trend", "sig_astro")}
    cl = np.full(size, np.nan)
    lcl = np.full(size, np.nan)
    ucl = np.full(size, np.nan)
    phase = np.zeros(size, dtype=np.int64)
    in_base = np.zeros(size, dtype=bool)
    bounds = _bounds(breaks, m)
    laney = ""
    ihi_res = None
    if chart == "run":
        # Both rule sets are computed (the IHI result carries Anhøj's columns too): the one chosen is
        # applied, the other explains a disagreement.
        res = ihi_res = spc.run_chart(p[:m], baseline=baseline, breaks=list(breaks) or None, rules="ihi")
        useful, centre_line = res["n_useful"].to_numpy(dtype=np.int64), res["cl"].to_numpy(dtype=float)
        checks = [chart_guard.phase_check(k, n[a:b], int(useful[a]), float(centre_line[a]), limits=False)
                  for k, (a, b) in enumerate(bounds)]
        applied = "run"
    else:
        centres = spc.p_chart(x[:m], n[:m], baseline=baseline, breaks=list(breaks) or None)
        useful, centre_line = centres["n_useful"].to_numpy(dtype=np.int64), centres["cl"].to_numpy(dtype=float)
        checks = [chart_guard.phase_check(k, n[a:b], int(useful[a]), float(centre_line[a]), limits=True)
                  for k, (a, b) in enumerate(bounds)]
        res, applied, laney = _choose_p_chart(x, n, m, chart, baseline, breaks, [bool(c.limits_ok) for c in checks],
                                              context.period)
        lcl[:m] = res["lcl"].to_numpy()
        ucl[:m] = res["ucl"].to_numpy()
        cols["sig_limit"][:m] = res["sigma_signal"].to_numpy(dtype=bool)
    cl[:m] = res["cl"].to_numpy()
    phase[:m] = res["phase"].to_numpy()
    in_base[:m] = res["baseline"].to_numpy(dtype=bool)
    if rules == "ihi":
        cols["sig_shift"][:m] = res["ihi_shift"].to_numpy(dtype=bool)
        cols["sig_trend"][:m] = res["ihi_trend"].to_numpy(dtype=bool)
        cols["sig_astro"][:m] = res["ihi_astronomical"].to_numpy(dtype=bool)

    phases = []
    anhoej_points = np.zeros(m, dtype=bool)
    for (k, (a, b)), check in zip(enumerate(bounds), checks, strict=True):
        row = res.iloc[a]
        centre = float(row["cl"])
        anhoej_points[a:b] = _long_run_members(p[a:b], centre, int(row["longest_run_max"]))
        if rules == "anhoej":
            cols["sig_run"][a:b] = anhoej_points[a:b]
            verdict = bool(row["runs_signal"])
            extra: dict[str, Any] = {}
        else:
            verdict = bool(row["ihi_runs"])
            extra = {"n_runs": int(row["ihi_n_runs"]), "runs_min": int(row["ihi_runs_min"]),
                     "runs_max": int(row["ihi_runs_max"])}
        if not check.runs_ok:  # the guard: too few points for any runs rule (nor the XmR astronomical point)
            for c in ("sig_run", "sig_shift", "sig_trend", "sig_astro"):
                cols[c][a:b] = False
            verdict = False
        if check.limits_ok is False:  # the guard: too few expected conversions for 3-sigma limits
            lcl[a:b] = np.nan
            ucl[a:b] = np.nan
            cols["sig_limit"][a:b] = False
        phases.append(
            PhaseSummary(
                phase=k, start=a, stop=b if k < len(bounds) - 1 else size, cl=centre,
                baseline_points=int(in_base[a:b].sum()), runs_signal=verdict,
                longest_run=int(row["longest_run"]), longest_run_max=int(row["longest_run_max"]),
                n_crossings=int(row["n_crossings"]), n_crossings_min=int(row["n_crossings_min"]), **extra,
                n_useful=check.n_useful, runs_applied=check.runs_ok, limits_applied=check.limits_ok is not False,
            )
        )

    if m < size:  # carry the last phase over the immature points
        last = phases[-1]
        centre = last.cl
        tail = slice(m, size)
        cl[tail] = centre
        phase[tail] = last.phase
        if chart != "run" and last.limits_applied and not math.isnan(centre):
            b_start = last.start
            b_stop = m if baseline is None else min(m, b_start + baseline)
            factor = 1.0
            if applied == "pp":
                factor = spc_guard.sigma_z(x[b_start:b_stop], n[b_start:b_stop], centre)
            nt = n[tail]
            half = np.full(nt.size, np.nan)
            ok = nt > 0
            half[ok] = 3.0 * factor * np.sqrt(centre * (1.0 - centre) / nt[ok])
            lcl[tail] = np.where(ok, np.maximum(centre - half, 0.0), np.nan)
            ucl[tail] = np.where(ok, np.minimum(centre + half, 1.0), np.nan)

    frame["cl"], frame["lcl"], frame["ucl"] = cl, lcl, ucl
    frame["phase"], frame["baseline"] = phase, in_base
    for c, v in cols.items():
        frame[c] = v
    frame["signal"] = np.logical_or.reduce(list(cols.values()))
    guard = chart_guard.build_guard(checks, chart=chart, period=context.period, group=context.group,
                                    ranged=context.ranged, team=context.team, laney=laney)
    note = ""
    if ihi_res is not None:
        note = chart_guard.rules_disagreement(ihi_res, bounds, [c.runs_ok for c in checks], anhoej_points)
    return Applied(tuple(phases), applied, guard, note)
