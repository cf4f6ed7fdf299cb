"""The conversion table computed by DuckDB SQL over the same in-memory frames: the floor of the
conversion benchmark and an independent cross-check of ``conversion.conversion_table(by="rep")``.

The SQL restates the rule of ``pdsa_desk.core.metrics`` (module docstring) from scratch:

* only events at or before ``as_of`` count;
* the **first** entry of every opportunity into every stage;
* transitions ``s -> s+1`` for every stage but the last and a terminal "won" one;
* an opportunity that first entered ``s`` at ``F`` converts if the earliest first entry ``L`` into
  any later stage with ``L >= F`` is at most ``window_days(s)`` after ``F`` (exactly at the end counts);
* cohort = the ISO week (Monday 00:00 UTC) containing ``F``; group = the opportunity's rep
  (``"(none)"`` without one);
* ``mature`` when ``week start + 7 days + window <= as_of``.

Times are compared as integer microseconds since the epoch (the workspace stores microseconds),
so there is no interval or time-zone arithmetic to get subtly wrong.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

US_PER_DAY = 86_400_000_000

CONVERSION_SQL = """
WITH ev AS (
    SELECT opp, stage, epoch_us(entered_at) AS t FROM events WHERE epoch_us(entered_at) <= $as_of
),
fe AS (                                   -- first entry per opportunity and stage
    SELECT opp, stage, min(t) AS f FROM ev GROUP BY opp, stage
),
tr AS (                                   -- stages with an outgoing transition
    SELECT s, window_days FROM stages WHERE s < (SELECT max(s) FROM stages) AND terminal <> 'won'
),
cohort AS (                               -- earliest later-stage first entry at or after F
    SELECT a.opp, a.stage AS s, a.f, any_value(tr.window_days) AS window_days, min(b.f) AS l
    FROM fe a
    JOIN tr ON tr.s = a.stage
    LEFT JOIN fe b ON b.opp = a.opp AND b.stage > a.stage AND b.f >= a.f
    GROUP BY a.opp, a.stage, a.f
),
wk AS (
    SELECT c.s, c.window_days, o.rep_id,
           -- Monday 00:00 UTC of F's week: 1970-01-01 was a Thursday
           ((c.f // $day + 3) // 7) * 7 * $day - 3 * $day AS week_us,
           (c.l IS NOT NULL AND c.l - c.f <= c.window_days * $day) AS converted
    FROM cohort c JOIN opps o ON o.opp = c.opp
)
SELECT s AS from_stage, s + 1 AS to_stage, week_us,
       coalesce(rep_id, '(none)') AS "group",
       count(*) AS n,
       count(*) FILTER (WHERE converted) AS x,
       week_us + 7 * $day + any_value(window_days) * $day <= $as_of AS mature
FROM wk
GROUP BY s, week_us, coalesce(rep_id, '(none)')
ORDER BY from_stage, "group", week_us
"""


def connect(threads: int = 1) -> Any:
    """A DuckDB connection (one thread by default: the same single core numpy uses)."""
    import duckdb

    con = duckdb.connect(":memory:", config={"threads": threads})
    con.execute("SET TimeZone = 'UTC'")
    return con


def conversion_table_duckdb(con: Any, data: Any, as_of: Any) -> pd.DataFrame:
    """``from_stage, to_stage, period, group, n, x, mature`` from DuckDB over ``data``'s frames."""
    as_of_us = int(pd.Timestamp(as_of).tz_convert("UTC").value // 1000) if pd.Timestamp(as_of).tz else int(
        pd.Timestamp(as_of).tz_localize("UTC").value // 1000)
    opps = pd.DataFrame({"opp": np.arange(len(data.opportunities), dtype=np.int64),
                         "rep_id": data.opportunities["rep_id"].astype(object).to_numpy()})
    stages = pd.DataFrame({"s": np.arange(len(data.stages), dtype=np.int64),
                           "window_days": data.stages["window_days"].to_numpy(dtype=np.int64),
                           "terminal": data.stages["terminal"].astype(object).to_numpy()})
    con.register("events", data.events)
    con.register("opps", opps)
    con.register("stages", stages)
    try:
        out = con.execute(CONVERSION_SQL, {"as_of": as_of_us, "day": US_PER_DAY}).df()
    finally:
        for name in ("events", "opps", "stages"):
            con.unregister(name)
    out["period"] = pd.DatetimeIndex((out.pop("week_us").to_numpy(dtype=np.int64) * 1000).view("datetime64[ns]"),
                                     ).tz_localize("UTC")
    return out[["from_stage", "to_stage", "period", "group", "n", "x", "mature"]]


def _canonical(frame: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame({
        "from_stage": frame["from_stage"].to_numpy(dtype=np.int64),
        "to_stage": frame["to_stage"].to_numpy(dtype=np.int64),
        "period": pd.DatetimeIndex(frame["period"]).tz_convert("UTC").as_unit("ns").asi8,
        "group": frame["group"].astype(object).astype(str).to_numpy(),
        "n": frame["n"].to_numpy(dtype=np.int64),
        "x": frame["x"].to_numpy(dtype=np.int64),
        "mature": frame["mature"].to_numpy(dtype=bool),
    })
    return out.sort_values(["from_stage", "group", "period"], ignore_index=True)


def compare(pdsa: pd.DataFrame, duck: pd.DataFrame) -> dict:
    """Exact comparison of the (transition, week, rep) -> (n, x, mature) cells of both tables."""
    a, b = _canonical(pdsa), _canonical(duck)
    equal = a.shape == b.shape and bool((a == b).all().all())
    detail = ""
    if not equal:
        merged = a.merge(b, on=["from_stage", "to_stage", "period", "group"], how="outer",
                         suffixes=("_pdsa", "_duckdb"), indicator=True)
        diff = merged[(merged["_merge"] != "both") | (merged["n_pdsa"] != merged["n_duckdb"])
                      | (merged["x_pdsa"] != merged["x_duckdb"]) | (merged["mature_pdsa"] != merged["mature_duckdb"])]
        detail = f"{len(diff)} differing cells, e.g.\n{diff.head(5).to_string()}"
    return {"equal": equal, "rows_pdsa": len(a), "rows_duckdb": len(b),
            "n_total": int(a["n"].sum()), "x_total": int(a["x"].sum()), "detail": detail}
