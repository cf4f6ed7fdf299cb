"""Contracts of the code base itself: a Qt-free core, a complete package list."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pdsa_desk.core

ROOT = Path(__file__).parent.parent


def _core_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(pdsa_desk.core.__path__, "pdsa_desk.core."))


def test_core_imports_no_qt() -> None:
    modules = _core_modules()
    assert "pdsa_desk.core.services" in modules and "pdsa_desk.core.models" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    if '.migrations' in name: continue\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"the core imported Qt: {result.stdout}"


def test_every_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "pdsa_desk").rglob("__init__.py")
    } | {"pdsa_desk.resources"}
    assert found == listed


def test_resources_are_package_data() -> None:
    from importlib import resources

    base = resources.files("pdsa_desk.resources")
    assert base.joinpath("app.svg").is_file()
    assert base.joinpath("pdsa-desk.desktop").is_file()
    for name in ("week", "board", "cycles", "charts", "compare", "standards", "data"):
        assert base.joinpath(f"icons/{name}.svg").is_file()
