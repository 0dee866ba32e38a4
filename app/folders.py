"""Where a file dialog starts: the folder last used for that kind of file, else the project's.

A review imports its 30–300 documents a few at a time over months, from the same folder of
downloaded articles, writes its exports beside the project, and keeps its projects in one
folder. A dialog given no folder starts in the process's working directory instead: the
source checkout, or the home folder when started from a desktop menu, every time. The import
and export folders are kept per user in QSettings (`folders/<kind>`), as the window layout
is: how this person works, not project data. Where projects are kept is what the recent
projects list already says (`app.welcome`): its newest one's folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from app.welcome import recent_projects

IMPORT = "import"  # documents, attributes, a colleague's project, a .qdpx
EXPORT = "export"
PROJECT = "project"  # New and Open project: where the newest recent project is


def start_in(window, kind: str, name: str = "") -> str:
    """The folder a `kind` dialog opens in (with `name` in it, for a file to save)."""
    folder = _last_used(kind)
    if folder is None:
        folder = window.project.path.parent if window.project is not None else Path.home()
    return str(folder / name) if name else str(folder)


def ask_import(window, title: str, file_filter: str, parent=None) -> Path | None:
    """A file to read in (attributes, a model, a codebook, a colleague's project), asked for
    in the folder the last import came from, which it then becomes; None if cancelled."""
    name, _ = QFileDialog.getOpenFileName(parent or window, title, start_in(window, IMPORT),
                                          file_filter)
    if not name:
        return None
    remember(IMPORT, Path(name))
    return Path(name)


def remember(kind: str, chosen: Path) -> None:
    """The folder of a file just chosen, for the next `kind` dialog (IMPORT, EXPORT)."""
    QSettings().setValue(f"folders/{kind}", str(chosen.parent))


def _last_used(kind: str) -> Path | None:
    if kind == PROJECT:
        recent = recent_projects()  # opening a project puts it first
        return Path(recent[0]).parent if recent else None
    saved = str(QSettings().value(f"folders/{kind}", "") or "")
    return Path(saved) if saved and Path(saved).is_dir() else None
