"""One way to run an export: ask where (unless told), check the path, write off the UI thread,
say how many.

The path is checked on the spot by the one output guard every writer uses
(storage.output_files.check_output): the project itself, its -wal/-shm/lock, its backups
folder or another project are refused with a message before anything is computed or written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app import folders
from storage.errors import StorageError
from storage.output_files import check_output


def refused(window, parent: QWidget, path: Path) -> bool:
    """Tell the researcher why `path` may not be written, if it may not; True then."""
    project = window.project
    try:
        check_output(path, inputs=[project.path] if project is not None else [])
    except StorageError as exc:
        QMessageBox.warning(parent, "Realist Coder", str(exc))
        return True
    return False


def export_to(window, parent: QWidget, title: str, default_name: str, file_filter: str,
              write: Callable[[Path], int], noun: str, path: Path | None = None) -> None:
    """`write(path)` returns how many `noun`s it wrote; the status bar reports it."""
    if path is None:
        name, _ = QFileDialog.getSaveFileName(
            parent, title, folders.start_in(window, folders.EXPORT, default_name), file_filter)
        if not name:
            return
        path = Path(name)
        folders.remember(folders.EXPORT, path)
    if refused(window, parent, path):
        return
    target = path
    window.run_in_background(
        lambda: write(target),
        lambda count: window.show_status(f"Wrote {count} {noun} to {target}"))
