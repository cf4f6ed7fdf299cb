"""pdsa-desk at company scale: ``make bench`` (``python tests/benchmarks/bench.py [--events N] [--json PATH]``).

Every figure is the median of ``--repeat`` runs (default 5) after ``--warmup`` runs (default 1).
Figures with a floor measure floor and subject interleaved in the same run (floor, subject, floor,
subject …), so a busy machine slows both alike and the ratio stays meaningful. The same figures
are measured at N/100, N/10 and N (the "scaling" section). Prints a table, writes the JSON
(``--json``) and regenerates ``docs/performance.md`` (``--docs``; ``--no-docs`` to leave it).

Data comes from ``bench_generate`` (deterministic, cached by N and seed).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))

import bench_crm  # noqa: E402
import bench_duckdb  # noqa: E402
import bench_generate  # noqa: E402
import bench_import_gui  # noqa: E402
import bench_merge  # noqa: E402
import bench_pg  # noqa: E402
from bench_common import SPEC, SPECS, figure, fmt, interleaved, load_floor, not_available, not_selected  # noqa: E402
from bench_gui_figures import GUI_FIGURES, gui_figures  # noqa: E402

DEFAULT_EVENTS = 1_000_000



# --------------------------------------------------------------------------- #
# the core figures
# --------------------------------------------------------------------------- #
def _sqlite_pragmas(con: sqlite3.Connection) -> None:
    # The same pragmas pdsa-desk sets on its connections (connection._on_sqlite_connect).
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")


def import_floor(csv_path: str, work: Path) -> float:
    """csv + sqlite3.executemany of every row into a bare table shaped like the file, with the indexes
    stage_event has, in one transaction. Returns the seconds taken (file creation excluded)."""
    db = work / "floor.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    con = sqlite3.connect(db, isolation_level=None)
    _sqlite_pragmas(con)
    cols = bench_generate.CSV_COLUMNS
    con.execute(f"CREATE TABLE event_row (id INTEGER PRIMARY KEY, {', '.join(c + ' TEXT' for c in cols)})")
    con.execute("CREATE INDEX ix_event_row_opportunity_entered ON event_row (opportunity_id, entered_at)")
    con.execute("CREATE INDEX ix_event_row_stage ON event_row (stage)")
    insert = f"INSERT INTO event_row ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    import csv

    started = time.perf_counter()
    with open(csv_path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        con.execute("BEGIN")
        con.executemany(insert, reader)
        con.execute("COMMIT")
    elapsed = time.perf_counter() - started
    con.close()
    return elapsed


IMPORTER_MODULES = ("pdsa_desk.core.importer", "pdsa_desk.core.importing")


def _importer_call() -> tuple[Callable[..., Any] | None, str]:
    """``import_file(ws, path, mapping)`` with the built-in "pdsa-desk" preset, or None and why not."""
    module = next((m for m in IMPORTER_MODULES if importlib.util.find_spec(m) is not None), None)
    if module is None:
        return None, "pdsa_desk.core.importer is not written yet"
    try:
        importer = importlib.import_module(module)
    except Exception as exc:  # noqa: BLE001 - a half-written module must not stop the benchmark
        return None, f"{module} cannot be imported yet: {exc!r}"
    fn = getattr(importer, "import_file", None)
    if fn is None:
        return None, f"{module}.import_file is not written yet"
    mapping: Any = None
    if callable(getattr(importer, "load_preset", None)):
        mapping = importer.load_preset("pdsa-desk")
    elif callable(getattr(importer, "builtin_preset", None)):
        mapping = importer.builtin_preset()
    else:
        mapping = "pdsa-desk"
    return (lambda ws, path: fn(ws, path, mapping)), ""


def import_subject(call: Callable[..., Any], csv_path: str, work: Path) -> float:
    from pdsa_desk.core.database import open_workspace

    db = work / "imported.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    ws = open_workspace(db)  # a new, empty workspace (not timed)
    try:
        started = time.perf_counter()
        call(ws, Path(csv_path))
        elapsed = time.perf_counter() - started
    finally:
        ws.close()
    return elapsed


def _imported_counts(work: Path) -> dict:
    con = sqlite3.connect(work / "imported.sqlite")
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t} WHERE deleted_at IS NULL").fetchone()[0]
                for t in ("opportunity", "stage_event", "stage", "rep")}
    finally:
        con.close()


def _import_crm(n: int, scale: str, data_info: bench_generate.BenchData, work: Path, repeat: int, warmup: int,
                log: Callable[[str], None]) -> dict:
    """The realistic CRM file (made from the same events) against its floor (:mod:`bench_crm`)."""
    log(f"  import_crm ({n:,} events) …")
    crm = work / "salesforce_history.csv"
    try:
        rows = bench_crm.write_crm_csv(data_info.csv, crm)
        runs, floor = interleaved(lambda: bench_crm.subject(crm, work), lambda: bench_crm.floor(crm, work), repeat,
                                  warmup)
        return figure(SPEC["import_crm"], n, scale, runs, floor, rows=rows)
    except Exception as exc:  # noqa: BLE001 - report, do not crash the whole benchmark
        return not_available(SPEC["import_crm"], n, scale, f"import_file failed: {exc!r}")
    finally:
        for name in ("salesforce_history.csv", "crm-imported.sqlite", "crm-floor.sqlite"):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{work / name}{suffix}").unlink(missing_ok=True)


def core_figures(data_info: bench_generate.BenchData, n: int, scale: str, work: Path, repeat: int, warmup: int,
                 log: Callable[[str], None], only: set[str] | None = None) -> tuple[list[dict], dict | None]:
    """The core figures (``only``: the names to measure; None = all). The cross-check is None when the
    conversion figure was not measured."""
    from pdsa_desk.core import charts as core_charts
    from pdsa_desk.core import conversion
    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.core.frames import load_analysis_data

    def wanted(key: str) -> bool:
        return only is None or key in only

    out = []
    check = None
    # import
    call, why = _importer_call()
    if not wanted("import"):
        out.append(not_selected(SPEC["import"], n, scale))
    elif call is None:
        out.append(not_available(SPEC["import"], n, scale, why))
    else:
        log(f"  import ({n:,} events) …")
        try:
            runs, floor = interleaved(lambda: import_subject(call, data_info.csv, work),
                                      lambda: import_floor(data_info.csv, work), repeat, warmup)
            counts = _imported_counts(work)
            expected = {"opportunity": data_info.opportunities, "stage_event": n}
            ok = all(counts[k] == v for k, v in expected.items())
            out.append(figure(SPEC["import"], n, scale, runs, floor, imported=counts,
                              note="" if ok else f"imported counts {counts} differ from the file's {expected}"))
        except Exception as exc:  # noqa: BLE001 - report, do not crash the whole benchmark
            out.append(not_available(SPEC["import"], n, scale, f"import_file failed: {exc!r}"))
        for suffix in ("", "-wal", "-shm"):
            for name in ("imported.sqlite", "floor.sqlite"):
                Path(f"{work / name}{suffix}").unlink(missing_ok=True)

    out += merge_figures(data_info, n, scale, work, repeat, warmup, log, wanted)
    out.append(_import_crm(n, scale, data_info, work, repeat, warmup, log) if wanted("import_crm")
               else not_selected(SPEC["import_crm"], n, scale))

    if not any(wanted(k) for k in ("load", "conversion", "pchart")):
        return out + [not_selected(SPEC[k], n, scale) for k in ("load", "conversion", "pchart")], check

    # load (the frame the other core figures use is loaded even when the load figure is not wanted)
    log(f"  load ({n:,} events) …")
    db = bench_generate.fresh_copy(data_info, work / "ws")
    ws = open_workspace(db)
    try:
        holder: dict = {}

        def load() -> None:
            holder["data"] = None
            holder["data"] = load_analysis_data(ws)

        if wanted("load"):
            runs, floor = interleaved(load, lambda: load_floor(db), repeat, warmup)
            out.append(figure(SPEC["load"], n, scale, runs, floor))
        else:
            load()
            out.append(not_selected(SPEC["load"], n, scale))
        data = holder["data"]
        as_of = data_info.as_of_dt

        # conversion vs DuckDB (and the cross-check)
        if wanted("conversion"):
            log(f"  conversion table ({n:,} events) …")
            con = bench_duckdb.connect(threads=1)
            result: dict = {}

            def pdsa() -> None:
                data.cache.clear()  # include prepare(): DuckDB starts from the frames too
                result["pdsa"] = conversion.conversion_table(data, as_of=as_of, by="rep")

            def duck() -> None:
                result["duck"] = bench_duckdb.conversion_table_duckdb(con, data, as_of)

            runs, floor = interleaved(pdsa, duck, repeat, warmup)
            check = bench_duckdb.compare(result["pdsa"], result["duck"])
            check["events"] = n
            out.append(figure(SPEC["conversion"], n, scale, runs, floor, crosscheck_equal=check["equal"],
                              note="" if check["equal"] else "pdsa-desk and DuckDB DISAGREE: " + check["detail"]))
            con.close()
        else:
            out.append(not_selected(SPEC["conversion"], n, scale))

        # P' chart series
        if wanted("pchart"):
            log(f"  P' chart ({n:,} events) …")
            meta = core_charts.load_chart_meta(ws)
            data.cache.clear()
            trs = core_charts.transitions(data)
            stage_id = trs[1].from_id if len(trs) > 1 else trs[0].from_id

            def pchart() -> None:
                core_charts.conversion_series(data, meta, from_stage=stage_id, as_of=as_of, period="week",
                                              group="all", chart="pp")

            runs, _ = interleaved(pchart, None, repeat, max(warmup, 1))
            out.append(figure(SPEC["pchart"], n, scale, runs,
                              note="prepare() cached from the warm-up, as in the app (the frame is already loaded)"))
        else:
            out.append(not_selected(SPEC["pchart"], n, scale))
    finally:
        ws.close()
    return out, check


def merge_figures(data_info: bench_generate.BenchData, n: int, scale: str, work: Path, repeat: int, warmup: int,
                  log: Callable[[str], None], wanted: Callable[[str], bool]) -> list[dict]:
    """The merge of a bundle, against the import of the same rows, and its peak memory (bench_merge)."""
    keys = ("merge", "merge_peak_rss")
    if not any(wanted(k) for k in keys):
        return [not_selected(SPEC[k], n, scale) for k in keys]
    log(f"  merge vs import ({n:,} events) …")
    try:
        m = bench_merge.measure(data_info, work, repeat, warmup)
    except Exception as exc:  # noqa: BLE001 - report, do not crash the whole benchmark
        return [not_available(SPEC[k], n, scale, f"merge failed: {exc!r}") for k in keys]
    rows = {"merged_rows": m.merged_rows, "imported_rows": m.imported_rows}
    return [figure(SPEC["merge"], n, scale, m.merge, m.imports, **rows),
            figure(SPEC["merge_peak_rss"], n, scale, m.merge_rss, note=f"import of the same rows: "
                   f"{statistics.median(m.import_rss):.0f} MB", import_rss=m.import_rss, **rows)]


# --------------------------------------------------------------------------- #
# machine, table, docs
# --------------------------------------------------------------------------- #
def _version(dist: str) -> str | None:
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    packages = {d: _version(d) for d in ("pdsa-desk", "pandas", "numpy", "scipy", "SQLAlchemy", "sqlmodel",
                                         "PySide6-Essentials", "pyqtgraph", "duckdb")}
    packages["sqlite"] = sqlite3.sqlite_version
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": mem_gb,
        "load_average_at_start": list(os.getloadavg()),
        "packages": packages,
    }


def _target(spec_target: dict, unit: str) -> str:
    if "max_ratio" in spec_target:
        return f"≤ {spec_target['max_ratio']:g}× floor"
    return f"< {fmt(spec_target['max'], unit)}"


def rows(figures: list[dict]) -> list[list[str]]:
    out = []
    for f in figures:
        out.append([
            f["name"], f"{f['events']:,}", fmt(f["median"], f["unit"]), fmt(f["floor_median"], f["unit"]),
            "—" if f["ratio"] is None else f"{f['ratio']:.2f}×", _target(f["target"], f["unit"]),
            ("yes" if f["met"] else "NO") if f["available"] else "n/a (not available)",
        ])
    return out


HEADER = ["figure", "events", "median", "floor", "ratio", "target", "met"]


def text_table(figures: list[dict]) -> str:
    body = rows(figures)
    widths = [max(len(h), *(len(r[i]) for r in body)) if body else len(h) for i, h in enumerate(HEADER)]
    line = "  ".join(h.ljust(w) for h, w in zip(HEADER, widths, strict=True))
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in body]
    return "\n".join([line, "-" * len(line), *lines])


def md_table(figures: list[dict]) -> str:
    out = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    out += ["| " + " | ".join(r) + " |" for r in rows(figures)]
    return "\n".join(out)


def growth(results: dict) -> list[dict]:
    """Per figure: how the median grows from N/10 to N, and from N to each larger scale added with
    ``--add-scale`` (exponent of a power law; 1 = linear)."""
    import math

    by: dict[str, dict[str, dict]] = {}
    for f in results["figures"]:
        by.setdefault(f["name"], {})[f["scale"]] = f
    larger = sorted({f["scale"] for f in results["figures"] if f["scale"] not in ("N/100", "N/10", "N")})
    out = []
    for name, scales in by.items():
        for lo, hi in (("N/10", "N"), *(("N", x) for x in larger)):
            a, b = scales.get(lo), scales.get(hi)
            if not a or not b or not a["median"] or not b["median"] or a["events"] == b["events"]:
                continue
            k = math.log(b["median"] / a["median"]) / math.log(b["events"] / a["events"])
            verdict = "about linear" if 0.8 <= k <= 1.2 else ("sub-linear" if k < 0.8 else "super-linear")
            out.append({"name": name, "exponent": round(k, 2), "x_factor": round(b["median"] / a["median"], 2),
                        "verdict": verdict, "from": a["events"], "to": b["events"]})
    return out


# Issue 16: at N = 3M the memory target is 1.2 GB (the 600 MB target is for N = 1M); no other target changes.
LARGE_SCALE_TARGETS = {"peak_rss": (3_000_000, {"max": 1200.0})}


def _at_larger_scale(f: dict) -> dict:
    """A figure of a larger scale, judged against that scale's own target where the issue sets one."""
    rule = LARGE_SCALE_TARGETS.get(f["name"])
    if rule is None or f["events"] < rule[0] or f["median"] is None:
        return f
    target = rule[1]
    return {**f, "target": target, "met": bool(f["median"] < target["max"])}


def add_scales(results: dict, paths: list[str]) -> None:
    """The figures at N of other runs' JSON (e.g. ``--events 3000000 --only import,load,…``) join the scaling
    table as larger scales ("3N"); the main table stays this run's."""
    n = results["events"]
    results["figures"] = [f for f in results["figures"] if f["scale"] in ("N/100", "N/10", "N")]
    results["added_scales"] = []
    for path in paths:
        other = json.loads(Path(path).read_text())
        label = f"{other['events'] / n:g}N"
        results["figures"] += [_at_larger_scale({**f, "scale": label}) for f in other["figures"]
                               if f["scale"] == "N" and f["available"]]
        results["added_scales"].append({"events": other["events"], "scale": label, "json": str(path),
                                        "date": other["machine"]["date"],
                                        "load_average_at_start": other["machine"]["load_average_at_start"]})
    results["growth"] = growth(results)


def render_docs(results: dict, notes_path: Path) -> str:
    m = results["machine"]
    main = [f for f in results["figures"] if f["scale"] == "N"]
    notes = notes_path.read_text() if notes_path.exists() else ""
    pk = ", ".join(f"{k} {v}" for k, v in m["packages"].items() if v)
    scaling = sorted(results["figures"], key=lambda f: (list(SPEC).index(f["name"]), f["events"]))
    grow = growth(results)
    lines = [
        "# Performance at company scale",
        "",
        "Generated by `make bench` (tests/benchmarks/bench.py) — do not edit by hand; the analysis at the end "
        "comes from tests/benchmarks/performance_notes.md.",
        "",
        f"Measured {m['date']} with N = {results['events']:,} stage events (seed {results['seed']}): "
        f"{results['data']['opportunities']:,} opportunities ({results['data']['open_opportunities']:,} open), "
        f"{results['data']['reps']} reps in {results['data']['teams']} teams, {results['data']['stages']} stages, "
        f"{results['data']['cycles']} PDSA cycles, 3 years.",
        "",
        f"Each figure is the median of {results['repeat']} runs after {results['warmup']} warm-up run(s); a floor "
        "is measured in the same run, interleaved with its subject (floor, subject, floor, subject …), so the "
        "ratios hold even on a busy machine while the absolute numbers do not.",
        "",
        "## Results",
        "",
        md_table(main),
        "",
        "| figure | what is measured | floor |",
        "|---|---|---|",
        *[f"| {s.key} | {s.title} | {s.floor or '— (absolute target)'} |" for s in SPECS],
        "",
    ]
    notes_main = [f"* **{f['name']}**: {f['note']}" for f in main if f.get("note")]
    if notes_main:
        lines += ["Notes on this run:", "", *notes_main, ""]
    cross = results.get("crosscheck", [])
    if cross:
        lines += ["Cross-check: the DuckDB SQL and `conversion.conversion_table(by='rep')` gave "
                  + "; ".join(f"{'identical' if c['equal'] else 'DIFFERENT'} (transition, week, rep) → (n, x, mature) "
                              f"cells at {c['events']:,} events ({c['rows_pdsa']:,} cells)" for c in cross) + ".", ""]
    lines += ["## Scaling", "", "The same figures at N/100, N/10 and N.", "", md_table(scaling), ""]
    if grow:
        added = results.get("added_scales") or []
        lines += [f"Growth from N/10 to N{' and from N to ' + ', '.join(a['scale'] for a in added) if added else ''} "
                  "(power-law exponent: 1.0 = linear, 0 = constant):", "",
                  "| figure | events | ×time | exponent | verdict |", "|---|---|---|---|---|"]
        lines += [f"| {g['name']} | {g.get('from', 0):,} → {g.get('to', 0):,} | {g['x_factor']}× | {g['exponent']} | "
                  f"{g['verdict']} |" for g in grow]
        lines += [""]
    added = results.get("added_scales") or []
    lines += [f"The {a['scale']} rows ({a['events']:,} events) come from a run of their own ({a['date']}, load "
              f"average {', '.join(f'{x:.2f}' for x in a['load_average_at_start'])} at its start)." for a in added]
    if added:
        lines += [""]
    lines += [
        "## Machine",
        "",
        f"* {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; {m['platform']}; Python {m['python']}",
        f"* load average at start: {', '.join(f'{x:.2f}' for x in m['load_average_at_start'])}"
        + (f"; at end: {', '.join(f'{x:.2f}' for x in m['load_average_at_end'])}" if "load_average_at_end" in m
           else "")
        + " (the machine is shared: absolute times are noisy, ratios much less so)",
        f"* packages: {pk}",
        f"* date: {m['date']}",
        "",
    ]
    if notes:
        lines += [notes.rstrip(), ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------- #
# main
# --------------------------------------------------------------------------- #
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=DEFAULT_EVENTS, help="N, stage events (default 1,000,000)")
    parser.add_argument("--json", metavar="PATH", help="write every figure to this JSON file")
    parser.add_argument("--docs", metavar="PATH", default=str(REPO / "docs" / "performance.md"),
                        help="the Markdown report to regenerate (default docs/performance.md)")
    parser.add_argument("--no-docs", action="store_true", help="do not regenerate the Markdown report")
    parser.add_argument("--repeat", type=int, default=5, help="recorded runs per figure (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="unrecorded warm-up runs per figure (default 1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache-dir", metavar="DIR", help="where generated data is kept (default: a temp folder)")
    parser.add_argument("--no-scaling", action="store_true", help="measure at N only (skip N/100 and N/10)")
    parser.add_argument("--skip-gui", action="store_true",
                        help="do not start GUI processes (their figures are reported as not available)")
    parser.add_argument("--gui-at-n-only", action="store_true",
                        help="measure the GUI figures at N only (at N/100 and N/10 they are reported as not "
                             "available); for quick smoke runs")
    parser.add_argument("--only", metavar="FIGURES",
                        help="comma-separated figures to measure (e.g. load,time_to_agenda,edit_refresh,peak_rss); the "
                             "others are reported as not available and the report is not regenerated unless "
                             "--docs is given")
    parser.add_argument("--render-from", metavar="JSON",
                        help="only regenerate the Markdown report from the JSON of an earlier run")
    parser.add_argument("--add-scale", metavar="JSON", action="append", default=[],
                        help="add the figures at N of another run's JSON (e.g. one with --events 3000000) to the "
                             "scaling table as a larger scale; repeatable")
    args = parser.parse_args(argv)
    if args.render_from:
        earlier = json.loads(Path(args.render_from).read_text())
        if args.add_scale:
            add_scales(earlier, args.add_scale)
        Path(args.docs).write_text(render_docs(earlier, HERE / "performance_notes.md"))
        print(f"wrote {args.docs}")
        return 0
    if args.repeat < 1 or args.warmup < 0 or args.events < 10:
        parser.error("need --repeat >= 1, --warmup >= 0 and --events >= 10")
    only: set[str] | None = None
    if args.only:
        only = {k.strip() for k in args.only.split(",") if k.strip()}
        unknown = only - set(SPEC)
        if unknown:
            parser.error(f"unknown figure(s) {', '.join(sorted(unknown))}; choose from {', '.join(SPEC)}")
        given = argv if argv is not None else sys.argv[1:]
        if not any(a == "--docs" or a.startswith("--docs=") for a in given):
            args.no_docs = True  # a partial run does not overwrite the report by default

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    cache = Path(args.cache_dir) if args.cache_dir else None
    n = args.events
    scales = [("N", n)] if args.no_scaling else [("N/100", max(n // 100, 10)), ("N/10", max(n // 10, 10)), ("N", n)]
    results: dict = {"machine": machine(), "events": n, "seed": args.seed, "repeat": args.repeat,
                     "warmup": args.warmup, "figures": [], "crosscheck": []}
    work = Path(tempfile.mkdtemp(prefix="pdsa-bench-"))
    started = time.perf_counter()
    server = bench_pg.Server()  # started on first use, stopped at the end
    try:
        for scale, size in scales:
            info = bench_generate.cached(size, args.seed, cache, log=log)
            if scale == "N":
                results["data"] = {k: getattr(info, k) for k in ("opportunities", "open_opportunities", "reps",
                                                                  "teams", "stages", "cycles")}
            log(f"{scale}: {size:,} events")
            figs, check = core_figures(info, size, scale, work, args.repeat, args.warmup, log, only)
            if check is not None:
                results["crosscheck"].append(check)
            skip = "--skip-gui" if args.skip_gui else "--gui-at-n-only" if args.gui_at_n_only and scale != "N" else ""
            if skip:
                figs += [not_available(SPEC[k], size, scale, f"GUI figures skipped ({skip})")
                         for k in (*GUI_FIGURES, "stall_import")]
            else:
                figs += gui_figures(info, size, scale, work, args.repeat, args.warmup, log, only)
                figs.append(bench_import_gui.stall_import(info, size, scale, work, args.seed, cache, log, only))
            figs += bench_pg.pg_figures(server, info, size, scale, work, args.repeat, args.warmup, log, only, skip)
            order = list(SPEC)
            results["figures"] += sorted(figs, key=lambda f: order.index(f["name"]))
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    results["machine"]["load_average_at_end"] = list(os.getloadavg())
    results["seconds"] = round(time.perf_counter() - started, 1)
    results["growth"] = growth(results)
    if args.add_scale:
        add_scales(results, args.add_scale)

    main_figs = [f for f in results["figures"] if f["scale"] == "N"]
    print(f"\npdsa-desk benchmark, N = {n:,} events ({results['seconds']:.0f} s)\n")
    print(text_table(main_figs))
    if not args.no_scaling:
        print("\nscaling\n")
        print(text_table(sorted(results["figures"], key=lambda f: (list(SPEC).index(f["name"]), f["events"]))))
    for f in main_figs:
        if f.get("note"):
            print(f"  {f['name']}: {f['note']}")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=2, default=str))
        print(f"\nwrote {args.json}")
    if not args.no_docs:
        Path(args.docs).parent.mkdir(parents=True, exist_ok=True)
        Path(args.docs).write_text(render_docs(results, HERE / "performance_notes.md"))
        print(f"wrote {args.docs}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
