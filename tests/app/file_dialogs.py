"""Drive the real file dialog an action opens: choose a file in it as a person would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog


def choose_file(path: Path) -> None:
    """Before the action that opens a file dialog: once it is up, choose `path` in it and
    accept it (open or save)."""
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, answer)  # not up yet
            return
        dialog.selectFile(str(path))
        dialog.accept()

    QTimer.singleShot(0, answer)
