"""Fixtures for tests of the German UI, shared by every such test module (registered in tests/conftest.py).

``german_qm``: the committed catalogues compiled here (tests do not depend on `make` having built them), found by
``i18n.catalogue_path``; whatever the test installs is removed afterwards. ``german``: the same with the German
translator installed, on a German system locale (so the language's formats are the system's, as for a German user).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = Path(sys.executable).parent
TRANSLATIONS = ROOT / "resources" / "translations"


@pytest.fixture
def german_qm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The committed catalogues compiled into tmp_path; yields the German one."""
    from pdsa_desk.ui import i18n

    built = {}
    for code in ("de", "en"):
        built[code] = str(tmp_path / f"pdsa_desk_{code}.qm")
        ts = TRANSLATIONS / f"pdsa_desk_{code}.ts"
        subprocess.run([str(TOOLS / "pyside6-lrelease"), "-silent", str(ts), "-qm", built[code]], check=True)
    monkeypatch.setattr(i18n, "catalogue_path", built.get)
    yield Path(built["de"])
    i18n.remove_translators()  # whatever the test did, the other tests read the source texts


@pytest.fixture
def german(qapp, german_qm: Path) -> Iterator[None]:
    """The UI in German: the German translator and locale installed, both removed afterwards."""
    from PySide6.QtCore import QLocale  # imported here: the core tests run without Qt imported

    from pdsa_desk.ui import i18n

    before = QLocale()
    QLocale.setDefault(QLocale("de_DE"))
    assert i18n.install_translators("de") == "de"
    yield
    i18n.remove_translators()
    QLocale.setDefault(before)
