"""The ``merge`` figures of the benchmark: merging a bundle against importing the same rows.

The bundle is the benchmark workspace exported with ``pdsa-desk bundle export`` (its opportunities,
stage events, stages, reps, teams and cycles): the rows the benchmark CSV holds, plus the few
definitions and cycles the CSV cannot carry. Both run in a process of their own (this file, run as a
script), into a new empty workspace made before the clock starts, and are timed to when the call
returns with the transaction committed — when the user can act. Each process also reports its peak
RSS (the interpreter and the libraries count too, as they do for the user).

``python bench_merge.py merge BUNDLE DB`` / ``python bench_merge.py import CSV DB`` print one JSON line:
``{"seconds": …, "cpu_seconds": …, "peak_rss_mb": …, "rows": …}``.
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def make_bundle(workspace: str, out: Path) -> Path:
    """A bundle of everything in the benchmark workspace (made once per scale, not timed)."""
    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.core.exchange import export_bundle

    if out.exists():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    ws = open_workspace(workspace, create=False)
    try:
        export_bundle(ws, out)
    finally:
        ws.close()
    return out


def bundle_for(info: Any, work: Path) -> Path:
    """The bundle of the benchmark workspace ``info`` (a ``BenchData``), kept beside it in the cache."""
    import bench_generate

    cached = Path(info.workspace).with_name("bundle.pdsa")
    if not cached.exists():
        make_bundle(str(bench_generate.fresh_copy(info, work / "bundle-source")), cached)
        shutil.rmtree(work / "bundle-source", ignore_errors=True)
    return cached


@dataclass
class Measured:
    merge: list[float] = field(default_factory=list)
    imports: list[float] = field(default_factory=list)
    merge_rss: list[float] = field(default_factory=list)
    import_rss: list[float] = field(default_factory=list)
    merged_rows: int = 0
    imported_rows: int = 0


def measure(info: Any, work: Path, repeat: int, warmup: int) -> Measured:
    """Import of the CSV and merge of the bundle, interleaved (import, merge, import, merge …), each in a
    process of its own, after ``warmup`` unrecorded pairs."""
    bundle = bundle_for(info, work)
    db = work / "merge-target.sqlite"
    out = Measured()
    for i in range(warmup + repeat):
        imported = run("import", info.csv, db)
        merged = run("merge", bundle, db)
        if i >= warmup:
            out.imports.append(imported["seconds"])
            out.import_rss.append(imported["peak_rss_mb"])
            out.merge.append(merged["seconds"])
            out.merge_rss.append(merged["peak_rss_mb"])
            out.merged_rows, out.imported_rows = merged["rows"], imported["rows"]
    return out


def _fresh(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def run(kind: str, source: str | Path, db: Path, timeout: float = 1800) -> dict[str, Any]:
    """Run one merge or import in a new process; its JSON report (raises if it failed)."""
    _fresh(db)
    try:
        proc = subprocess.run([sys.executable, str(Path(__file__)), kind, str(source), str(db)],
                              capture_output=True, text=True, timeout=timeout, check=False)
    finally:
        _fresh(db)
    if proc.returncode != 0:
        raise RuntimeError(f"{kind} failed (exit {proc.returncode}): {proc.stderr[-2000:]}")
    report: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return report


def _peak_rss_mb() -> float:
    """This process's peak RSS. On Linux ``VmHWM`` (``ru_maxrss`` keeps the peak of the parent the process
    was forked from across ``exec``)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


def _child(kind: str, source: str, db: str) -> dict[str, Any]:
    from pdsa_desk.core.database import open_workspace

    ws = open_workspace(db)  # a new, empty workspace (not timed)
    try:
        if kind == "merge":
            from pdsa_desk.core.exchange import merge_bundle

            started, cpu = time.perf_counter(), time.process_time()
            report = merge_bundle(ws, source, map_by_name=True)
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            rows = sum(c.added + c.updated for c in report.tables.values())
        else:
            from pdsa_desk.core.importing import import_file, load_preset

            mapping = load_preset("pdsa-desk")
            started, cpu = time.perf_counter(), time.process_time()
            result = import_file(ws, Path(source), mapping)
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            rows = int(getattr(result, "events_added", 0) or 0)
    finally:
        ws.close()
    return {"seconds": seconds, "cpu_seconds": cpu, "peak_rss_mb": round(_peak_rss_mb(), 1), "rows": rows}


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    print(json.dumps(_child(*sys.argv[1:4])))
