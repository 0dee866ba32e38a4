"""Where a file dialog starts: the folder last used for that kind of file, else the project's.

A review imports its 30–300 documents a few at a time over months, from the same folder of
downloaded articles, writes its exports beside the project, and keeps its projects in one
folder. A dialog given no folder
starts in the process's working directory instead: the source checkout, or the home folder
when started from a desktop menu, every time. The folders are kept per user in QSettings
(`folders/<kind>`), as the window layout is: how this person works, not project data.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

IMPORT = "import"  # documents, attributes, a colleague's project, a .qdpx
EXPORT = "export"
PROJECT = "project"  # where the researcher keeps projects: New and Open


def start_in(window, kind: str, name: str = "") -> str:
    """The folder a `kind` dialog opens in (with `name` in it, for a file to save)."""
    saved = str(QSettings().value(f"folders/{kind}", "") or "")
    if saved and Path(saved).is_dir():
        folder = Path(saved)
    elif window.project is not None:
        folder = window.project.path.parent
    else:
        folder = Path.home()
    return str(folder / name) if name else str(folder)


def remember(kind: str, chosen: Path) -> None:
    """The folder of a file just chosen, for the next `kind` dialog."""
    QSettings().setValue(f"folders/{kind}", str(chosen.parent))
