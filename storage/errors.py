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
