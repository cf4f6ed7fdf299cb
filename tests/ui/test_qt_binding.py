"""The installed Qt binding survives a long session (PySide6 6.12.0 did not: see pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys


def test_many_void_calls_do_not_exhaust_none() -> None:
    code = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtWidgets import QApplication, QLabel\n"
        "app = QApplication([])\n"
        "label = QLabel()\n"
        "before = sys.getrefcount(None)\n"
        "for _ in range(20000):\n"
        "    label.setText('x')\n"
        "print(sys.getrefcount(None) - before)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-500:]
    assert abs(int(result.stdout.strip())) < 100
