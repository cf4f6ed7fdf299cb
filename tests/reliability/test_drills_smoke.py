"""A smoke run of the reliability drills (``make drills`` runs them all, 20+ trials each; see drills.py).

A couple of trials of each kind, on small data, so that ``make test`` notices when a change breaks a
promise the drills keep (all-or-nothing after kill -9, plain messages, no crash on damage) or the drills
themselves; the figures in docs/reliability.md come from ``make drills``.
"""

from __future__ import annotations

from pathlib import Path

import drills
import pytest


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> drills.Data:
    return drills.Data.make(tmp_path_factory.mktemp("drill-data"), quick=True, log=lambda _m: None)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "trials"), [
    ("kill_import", 2), ("kill_upgrade", 2), ("two_writers", 1), ("full_disk", 1), ("damaged_files", 6),
])
def test_a_few_trials_keep_every_promise(data: drills.Data, tmp_path: Path, name: str, trials: int) -> None:
    result = drills.run_drill(name, data, trials, tmp_path)
    assert result.trials == trials
    assert result.ok, "\n".join(result.failures)


def test_the_report_lists_every_drill_and_its_broken_promises(tmp_path: Path) -> None:
    ok = drills.DrillResult("kill_import", "kill -9 during an import", "all or nothing", trials=3)
    ok.outcomes["killed: none"] = 3
    bad = drills.DrillResult("damaged_files", "damaged files", "no crash", trials=2)
    bad.fail(2, "check crashed")
    out = tmp_path / "reliability.md"
    drills.write_report([ok, bad], out, trials=3, quick=True, seconds=12)
    text = out.read_text()
    assert "| [kill -9 during an import](#kill-import) | 3 | 0 |" in text
    assert "trial 2: check crashed" in text and "No broken promise." in text
