"""Units side by side on one transition, with funnel-plot limits (Qt-free): reps, or channels.

:func:`compare_reps` gives each rep's conversion of the customers who first entered the
from-stage in ``[start, end)`` (no league table: sorted by name); :func:`compare_units` is the
comparison itself for any units (:mod:`pdsa_desk.core.channel_compare` uses it for channels).
Only customers whose outcome is known (mature, see :mod:`pdsa_desk.core.study`) count; the others
are counted as pending. The over-dispersion check is guarded (:func:`spc_guard.dispersion_check`)
and put into words by :func:`dispersion_sentence`. Re-exported by :mod:`pdsa_desk.core.study`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pdsa_desk.core import conversion, proportions, spc_guard, study_texts
from pdsa_desk.core.frames import AnalysisData, load_analysis_data
from pdsa_desk.core.messages import Decimals
from pdsa_desk.core.study_inputs import as_of_time, to_utc, transition_of

if TYPE_CHECKING:
    from pdsa_desk.core.database import Workspace

__all__ = ["POSITIONS", "RepComparison", "compare_reps", "compare_units", "dispersion_sentence"]

#: Funnel positions, from lowest to highest.
POSITIONS = ("below 99.8%", "below 95%", "within", "above 95%", "above 99.8%")

_TABLE_COLUMNS = ["rep_id", "name", "team_id", "team_name", "x", "n", "rate", "low", "high", "z", "position",
                  "active_cycles", "n_immature"]
_FUNNEL_COLUMNS = ["n", "lower95", "upper95", "lower998", "upper998"]


@dataclass(frozen=True, eq=False)
class RepComparison:
    """Reps on one transition with funnel limits (see :func:`compare_reps`).

    Additions: ``as_of``, ``from_stage_name``, ``to_stage_name``; ``table``
    also has ``n_immature``. ``position`` takes the values of
    :data:`POSITIONS`. ``n_pending``: customers of the compared reps who
    entered in the period but whose window is still open (also of reps not in
    ``table``, who have none with a known outcome); ``known_by``: when the last
    of them will be known; ``dispersion``: the guarded over-dispersion check
    (:func:`spc_guard.dispersion_check`) and ``dispersion_note`` its sentence;
    ``empty_note`` says why ``table`` is empty ("" when it is not). Compared by
    identity (it holds frames).
    """

    from_stage: int
    to_stage: int
    start: datetime
    end: datetime
    table: pd.DataFrame
    p0: float
    overdispersed: bool
    phi: float
    tau2: float
    funnel: pd.DataFrame
    # additions
    as_of: datetime | None = None
    from_stage_name: str = ""
    to_stage_name: str = ""
    n_pending: int = 0
    known_by: datetime | None = None
    window_days: int = 0
    dispersion: spc_guard.DispersionCheck | None = None
    dispersion_note: str = ""

    @property
    def empty_note(self) -> str:
        """Why no rep is in the table: nobody entered, or everyone who entered is still within their window."""
        if len(self.table):
            return ""
        return study_texts.empty_note(self.from_stage_name, self.n_pending, self.window_days, self.known_by)


def dispersion_sentence(check: spc_guard.DispersionCheck) -> str:
    """What a comparison may say about reps varying more than chance (see :func:`spc_guard.dispersion_check`)."""
    if not check.estimable:
        return study_texts.dispersion_unknown(check.k_eligible, check.k, Decimals(spc_guard.MIN_EXPECTED_COUNT, 0),
                                              spc_guard.MIN_DISPERSION_UNITS)
    # numbers, not texts: the UI writes them its language's way ("φ = 3,6" in German)
    return study_texts.dispersion(check.overdispersed, Decimals(check.phi, 1), study_texts.p_value(check.p_value))


def _funnel_grid(n_max: int) -> np.ndarray:
    top = max(1.0, n_max * 1.1)
    return np.unique(np.concatenate([np.geomspace(1.0, top, 120), np.linspace(1.0, top, 120)]))


def compare_reps(
    ws: Workspace,
    *,
    from_stage: int | str,
    start: Any,
    end: Any,
    as_of: Any = None,
    team_id: str | None = None,
    rep_ids: Iterable[str] | None = None,
    overdispersion: bool = False,
    data: AnalysisData | None = None,
) -> RepComparison:
    """Each rep's conversion ``from_stage -> from_stage + 1`` for customers entering in ``[start, end)``.

    The compared reps are ``rep_ids`` (default: every rep, active or not),
    narrowed to ``team_id`` when given. Only mature customers count (``n``,
    ``x``); ``n_immature`` counts the others. ``p0`` is the pooled rate of the
    table's reps. ``position`` compares each rate with the funnel limits
    (:func:`proportions.funnel_limits`) at the rep's ``n``: 95% and 99.8%, a rate on
    a limit is inside. With ``overdispersion=True`` the limits are widened by
    the between-rep variance (FunnelPlotR, :func:`proportions.overdispersion`) when
    that is positive (``overdispersed``); ``phi`` and ``tau2`` are estimated
    either way. ``z`` is on the scale of the limits used: the score z
    ``(p - p0) / sqrt(p0 (1 - p0) / n)``, or when adjusted the arcsine z
    ``(asin sqrt p - asin sqrt p0) / sqrt(1 / (4 n) + tau2)``.
    """
    from pdsa_desk.core import services

    when = as_of_time(as_of)
    start_dt, end_dt = to_utc(start), to_utc(end)
    if data is None:
        data = load_analysis_data(ws)
    pos, stage_name, next_name, _ = transition_of(data, from_stage)

    reps = data.reps
    keep = np.ones(len(reps), dtype=bool)
    if rep_ids is not None:
        wanted = [rep_ids] if isinstance(rep_ids, str) else list(rep_ids)
        keep &= reps["id"].isin(wanted).to_numpy()
    if team_id is not None:
        keep &= (reps["team_id"] == team_id).fillna(False).to_numpy(dtype=bool)
    reps = reps[keep]
    ids = reps["id"].astype(str).tolist()

    members = conversion.cohort_members(data, from_stage=pos, start=start_dt, end=end_dt, as_of=when, rep_ids=ids)
    grouped = (
        pd.DataFrame({
            "rep_id": members["rep_id"].astype(str).to_numpy(),
            "n": members["mature"].to_numpy(dtype=np.int64),
            "x": (members["mature"] & members["converted"]).to_numpy(dtype=np.int64),
            "n_immature": (~members["mature"]).to_numpy(dtype=np.int64),
        })
        .groupby("rep_id", sort=False)
        .sum()
    )
    table = (
        reps[["id", "name", "team_id", "team_name"]].rename(columns={"id": "rep_id"})
        .join(grouped, on="rep_id", how="inner")
        .reset_index(drop=True)  # without reps the join keeps grouped's "rep_id" index beside the column
    )
    return compare_units(
        table, members, window_days=int(data.stages["window_days"].iloc[pos]), from_stage=pos,
        names=(stage_name, next_name), start=start_dt, end=end_dt, as_of=when, overdispersion=overdispersion,
        active_counts=services.active_cycle_counts(ws),
    )


def compare_units(
    table: pd.DataFrame, members: pd.DataFrame, *, window_days: int, from_stage: int, names: tuple[str, str],
    start: datetime, end: datetime, as_of: datetime, overdispersion: bool = False,
    active_counts: dict[str, int] | None = None,
) -> RepComparison:
    """The funnel comparison of units (reps, or channels: :mod:`pdsa_desk.core.channel_compare`) whose counts
    are ``table`` (``rep_id, name, team_id, team_name, x, n, n_immature``; ``rep_id`` is the unit's key) and
    whose customers are ``members`` (:func:`conversion.cohort_members`); see :func:`compare_reps`."""
    pos, window, when, start_dt, end_dt = from_stage, window_days, as_of, start, end
    stage_name, next_name = names
    counts = active_counts or {}
    pending = members.loc[~members["mature"].to_numpy(dtype=bool), "entered_at"]
    known_by = (pending.max() + pd.Timedelta(days=window)).to_pydatetime(warn=False) if len(pending) else None
    table = table[table["n"] > 0]
    table = table.sort_values(["name", "rep_id"], kind="stable", ignore_index=True)
    x = table["x"].to_numpy(dtype=np.int64)
    n = table["n"].to_numpy(dtype=np.int64)

    phi, tau2, p0 = math.nan, 0.0, math.nan
    adjusted = False
    od: proportions.Overdispersion | None = None
    check = (spc_guard.dispersion_check(x, n) if len(table)
             else spc_guard.DispersionCheck(False, 0, 0, math.nan, 0.0, math.nan, False))
    if len(table):
        p0 = float(x.sum() / n.sum())
        od = check.estimate
        phi, tau2 = check.phi, check.tau2
        adjusted = bool(overdispersion) and check.overdispersed

    def limits(at: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
        if not len(at):
            return np.zeros(0), np.zeros(0)
        lo, hi = proportions.funnel_limits(p0, at, level, overdispersion=od if adjusted and od is not None else False)
        return np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)

    rate = np.divide(x, n, out=np.full(len(n), np.nan), where=n > 0)
    low, high = proportions.wilson_interval(x, n) if len(n) else (np.zeros(0), np.zeros(0))
    lo95, hi95 = limits(n.astype(float), 0.95)
    lo998, hi998 = limits(n.astype(float), 0.998)
    position = np.full(len(n), "within", dtype=object)
    position[rate > hi95] = "above 95%"
    position[rate > hi998] = "above 99.8%"
    position[rate < lo95] = "below 95%"
    position[rate < lo998] = "below 99.8%"

    with np.errstate(divide="ignore", invalid="ignore"):
        if adjusted:
            z = (np.arcsin(np.sqrt(rate)) - math.asin(math.sqrt(p0))) / np.sqrt(1.0 / (4.0 * n) + tau2)
        else:
            z = (rate - p0) / np.sqrt(p0 * (1.0 - p0) / n)
    z = np.where(rate == p0, 0.0, z)  # also when p0 is 0 or 1 (all reps equal)

    table = table.assign(
        rate=rate, low=np.asarray(low, dtype=float), high=np.asarray(high, dtype=float), z=z,
        position=pd.Series(position, dtype="str"),
        active_cycles=np.array([counts.get(r, 0) for r in table["rep_id"]], dtype=np.int64),
    )
    table = table.astype({"x": "int64", "n": "int64", "n_immature": "int64"})[_TABLE_COLUMNS]

    grid = _funnel_grid(int(n.max())) if len(n) else np.zeros(0)
    f_lo95, f_hi95 = limits(grid, 0.95)
    f_lo998, f_hi998 = limits(grid, 0.998)
    funnel = pd.DataFrame({"n": grid, "lower95": f_lo95, "upper95": f_hi95, "lower998": f_lo998,
                           "upper998": f_hi998}, columns=_FUNNEL_COLUMNS)
    return RepComparison(
        from_stage=pos,
        to_stage=pos + 1,
        start=start_dt,
        end=end_dt,
        table=table,
        p0=p0,
        overdispersed=adjusted,
        phi=phi,
        tau2=tau2,
        funnel=funnel,
        as_of=when,
        from_stage_name=stage_name,
        to_stage_name=next_name,
        n_pending=len(pending),
        known_by=known_by,
        window_days=window,
        dispersion=check,
        dispersion_note=dispersion_sentence(check) if len(table) else "",
    )
