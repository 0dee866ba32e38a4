"""Guards the PySide6 pin: 6.12.0 on Python 3.11 crashes after ~100k None-returning calls."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import PySide6


def test_installed_pyside_is_not_the_crashing_build() -> None:
    if sys.version_info < (3, 12):
        assert PySide6.__version__ != "6.12.0", "PySide6 6.12.0 crashes on Python 3.11; see pyproject"


def test_300k_none_returning_calls_do_not_crash() -> None:
    """Run in a child so a crash (none_dealloc) fails this test instead of killing the suite."""
    script = textwrap.dedent(
        """
        from PySide6.QtWidgets import QApplication, QLabel
        app = QApplication([])
        label = QLabel()
        for i in range(300_000):
            label.setText("x")
        print("ok")
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=300, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "ok"
