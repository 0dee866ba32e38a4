"""One way to run an export: ask where (unless told), write off the UI thread, say how many."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


def export_to(window, parent: QWidget, title: str, default_name: str, file_filter: str,
              write: Callable[[Path], int], noun: str, path: Path | None = None) -> None:
    """`write(path)` returns how many `noun`s it wrote; the status bar reports it."""
    if path is None:
        name, _ = QFileDialog.getSaveFileName(parent, title, default_name, file_filter)
        if not name:
            return
        path = Path(name)
    target = path
    window.run_in_background(
        lambda: write(target),
        lambda count: window.show_status(f"Wrote {count} {noun} to {target}"))
