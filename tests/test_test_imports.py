"""Test modules outside tests/pg never import another test module of tests/core.

``tests/pg`` re-runs tests/core's service tests against a server and registers ``tests.core`` for assert rewriting
(tests/pg/conftest.py). A ``tests.core.<module>`` imported earlier by some other test module is already imported
when that registration runs, so pytest refuses (PytestAssertRewriteWarning, an error under -W error) and the whole
run stops at collection. Shared helpers go in tests/*_support.py instead.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _imports_of_tests_core(path: Path) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tests.core"):
            lines.append(node.lineno)
        elif isinstance(node, ast.Import) and any(a.name.startswith("tests.core") for a in node.names):
            lines.append(node.lineno)
    return lines


def test_no_test_module_outside_tests_pg_imports_tests_core() -> None:
    found = {str(p.relative_to(TESTS)): lines for p in sorted(TESTS.rglob("*.py"))
             if "pg" not in p.relative_to(TESTS).parts[:1] and (lines := _imports_of_tests_core(p))}
    assert not found, f"move the shared helper to tests/*_support.py: {found}"


def test_the_check_sees_such_an_import(tmp_path: Path) -> None:
    bad = tmp_path / "test_x.py"
    bad.write_text("from tests.core.test_patching import open_cards\nimport tests.core.test_study\n")
    assert _imports_of_tests_core(bad) == [1, 2]
