"""Static checks of the PyInstaller spec and the desktop entry (fast: nothing is built here)."""

from __future__ import annotations

import ast
import configparser
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SPEC = ROOT / "packaging" / "pdsa-desk.spec"


@pytest.fixture(scope="module")
def spec_tree() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))


def _string_constants(tree: ast.AST) -> set[str]:
    return {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def _call_names(tree: ast.AST) -> set[str]:
    return {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}


def test_spec_builds_a_one_folder_bundle_named_pdsa_desk(spec_tree: ast.Module) -> None:
    assert {"Analysis", "PYZ", "EXE", "COLLECT"} <= _call_names(spec_tree)
    assert "pdsa-desk" in _string_constants(spec_tree)
    exe = next(n for n in ast.walk(spec_tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "EXE")
    assert any(k.arg == "exclude_binaries" and getattr(k.value, "value", None) is True for k in exe.keywords)


def test_launcher_calls_the_app_entry_point(spec_tree: ast.Module) -> None:
    assert "launch.py" in _string_constants(spec_tree)
    launcher = (ROOT / "packaging" / "launch.py").read_text(encoding="utf-8")
    assert "from pdsa_desk.app import main" in launcher and "SystemExit(main())" in launcher


def test_spec_names_the_hidden_imports(spec_tree: ast.Module) -> None:
    constants = _string_constants(spec_tree)
    for name in ("PySide6.QtOpenGL", "PySide6.QtSvg", "alembic", "sqlalchemy.dialects.sqlite"):
        assert name in constants, name


def test_spec_reads_the_version_from_the_project(spec_tree: ast.Module) -> None:
    from pdsa_desk import __version__

    assert __version__ not in _string_constants(spec_tree), "the version is typed into the spec"
    source = SPEC.read_text(encoding="utf-8")
    assert "pyproject.toml" in source and "tomllib" in source


def test_spec_includes_migrations_and_resources(spec_tree: ast.Module) -> None:
    constants = _string_constants(spec_tree)
    assert "pdsa_desk/core/migrations" in constants
    assert "pdsa_desk/resources" in constants and "resources" in constants
    assert {".svg", ".desktop"} <= constants
    # what the spec will pick up really exists
    migrations = ROOT / "pdsa_desk" / "core" / "migrations"
    assert (migrations / "env.py").is_file() and (migrations / "script.py.mako").is_file()
    assert list((migrations / "versions").glob("[0-9]*.py"))
    assert (ROOT / "resources" / "app.svg").is_file() and list((ROOT / "resources" / "icons").glob("*.svg"))


def test_desktop_entry_has_the_required_keys() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(ROOT / "resources" / "pdsa-desk.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"]
    assert entry["Exec"].split()[0] == "pdsa-desk"
    assert entry["Icon"] == "pdsa-desk"  # installed as hicolor/scalable/apps/pdsa-desk.svg (packaging/README.md)


def test_bundle_ships_the_compiled_translations(spec_tree: ast.Module) -> None:
    """The .qm files are build output (make builds them from the .ts): the spec ships them and refuses to build
    without them, and the wheel's package data names them."""
    assert ".qm" in _string_constants(spec_tree)
    assert "translations" in _string_constants(spec_tree)
    assert '"translations/*.qm"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
