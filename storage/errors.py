"""Errors from the project file. `str()` is one line naming the file and the reason."""

from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class NotAProject(StorageError):
    """The file is not a Realist Coder project (or not SQLite at all)."""


class NewerVersion(StorageError):
    """Made by a newer version of the app: refused, never modified."""


class ProjectExists(StorageError):
    """`new` was asked for a path that already holds a file."""


class ProjectMissing(StorageError):
    """No file at the path given."""


class ProjectLocked(StorageError):
    """Another process (or machine) has the project open for writing: never two writers."""

    def __init__(self, path: Path | str, reason: str, holder: str = "") -> None:
        self.holder = holder
        super().__init__(path, reason)


class DamagedProject(StorageError):
    """The file fails SQLite's integrity check; it is not written to (restore a backup)."""


class DiskFull(StorageError):
    """SQLITE_FULL during an action: the action was rolled back, the file is unchanged."""


class ReadOnlyMedium(StorageError):
    """The file or its folder cannot be written (read-only disk, share or permissions)."""


class LeftoverCompanion(StorageError):
    """A `-wal`, `-shm` or `-journal` sits at a new project's name: it would be replayed."""
