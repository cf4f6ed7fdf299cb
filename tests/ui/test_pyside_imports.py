"""PySide6's per-module source scan is answered by name (pdsa_desk/ui/pyside_imports.py)."""

from __future__ import annotations

import inspect
import sys
import types
from pathlib import Path

import pytest

from pdsa_desk.ui.pyside_imports import skip_source_scans, uses_pyside_by_name


def _feature() -> types.ModuleType:
    import PySide6.QtCore  # noqa: F401

    return sys.modules["shibokensupport.feature"]


def test_importing_the_ui_installs_the_answer_by_name() -> None:
    import pdsa_desk.ui  # noqa: F401

    assert _feature()._mod_uses_pyside is uses_pyside_by_name
    assert skip_source_scans() is True  # again: still installed, nothing else changed
    assert _feature()._mod_uses_pyside is uses_pyside_by_name


def test_the_answer_goes_by_the_module_name() -> None:
    import pandas
    import pyqtgraph

    import pdsa_desk.core.frames
    import pdsa_desk.ui.main_window

    assert uses_pyside_by_name(pdsa_desk.ui.main_window) and uses_pyside_by_name(pyqtgraph)
    assert not uses_pyside_by_name(pandas) and not uses_pyside_by_name(pdsa_desk.core.frames)
    assert not uses_pyside_by_name(types.ModuleType("pdsa_desk.uix"))  # a prefix, not a package


def test_a_module_imported_after_pyside6_is_not_read_for_the_word(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """PySide6's own scan would read this module's source and find "PySide6" in it (0); answered by name it is
    ignored (-1), and no source is read."""
    import pdsa_desk.ui  # noqa: F401

    (tmp_path / "scan_probe_module.py").write_text("import PySide6  # the word the scan looks for\nVALUE = 1\n")
    read: list[object] = []
    original = inspect.getsource
    monkeypatch.setattr(inspect, "getsource", lambda obj: read.append(obj) or original(obj))
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        import scan_probe_module  # type: ignore[import-not-found]

        assert scan_probe_module.VALUE == 1
        assert _feature().pyside_feature_dict["scan_probe_module"] == -1
        assert read == []
    finally:
        sys.modules.pop("scan_probe_module", None)
        _feature().pyside_feature_dict.pop("scan_probe_module", None)


def test_nothing_is_changed_where_pysides_internals_are_not_as_expected(monkeypatch: pytest.MonkeyPatch) -> None:
    stand_in = types.ModuleType("shibokensupport.feature")
    stand_in._mod_uses_pyside = lambda module: True  # type: ignore[attr-defined]  # no pyside_feature_dict
    monkeypatch.setitem(sys.modules, "shibokensupport.feature", stand_in)
    assert skip_source_scans() is False
    assert stand_in._mod_uses_pyside is not uses_pyside_by_name  # type: ignore[attr-defined]
