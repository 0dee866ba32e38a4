"""Copies of a project made with SQLite's online backup API (never a file copy of a live DB).

Backups live in `<project>-backups/`, named `<stem>-<UTC stamp>-<kind>.realist`:
- `auto`: rolling, on open and at most every N minutes while changes happen; the last K kept;
- `manual`: `backup now`; `before-upgrade-from-<rev>`: before each schema migration;
  `before-restore`: the state a restore replaced; `before-reread`: before every document was
  read again with a newer reader. Only `auto` ones are pruned.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from storage.errors import StorageError
from storage.integrity import readonly_uri
from storage.output_files import replacing

DEFAULT_KEEP = 10
DEFAULT_INTERVAL_MINUTES = 10.0
_NAME = re.compile(r"-(\d{8}-\d{6}(?:-\d{6})?)-(auto|manual|before-restore|before-reread)$")
_UPGRADE = re.compile(r"-before-upgrade-from-(.+)-(\d{8}-\d{6})$")


@dataclass(frozen=True)
class BackupPolicy:
    """How often and how many: kept in the project's settings, so it travels with the file."""

    keep: int = DEFAULT_KEEP
    interval_minutes: float = DEFAULT_INTERVAL_MINUTES


@dataclass(frozen=True)
class BackupFile:
    path: Path
    kind: str
    made_at: datetime
    size: int


def backup_dir(project: Path) -> Path:
    return project.with_name(project.name + "-backups")


def writable_backup_dir(project: Path) -> Path:
    """The backups folder, made if missing, to write backups into or prune.

    A symlink there is refused: backups would be written wherever it leads and old ones pruned
    there (deleting files that are not ours), and a backup taken on the way to a restore could
    vanish with the link. Nothing is written or deleted; the researcher is told why."""
    folder = backup_dir(project)
    if not os.path.lexists(folder):
        with contextlib.suppress(FileExistsError):
            folder.mkdir()
    info = os.lstat(folder)
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        what = "a symbolic link" if stat.S_ISLNK(info.st_mode) else "not a folder"
        raise StorageError(project, (
            f"its backups folder {folder.name} is {what}, so no backup was written or pruned "
            "there; replace it with a real folder of that name"))
    return folder


def _stamp(microseconds: bool = True) -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f" if microseconds else "%Y%m%d-%H%M%S")


def backup_to(project: Path, target: Path) -> Path:
    """A consistent snapshot of `project` at `target`, even while another connection writes.

    Written whole to a temporary name and renamed (storage/output_files.py), so a crash or a
    full disk mid-backup leaves no half backup.
    """
    source = sqlite3.connect(readonly_uri(project), uri=True)
    try:
        with replacing(target, backup=True) as partial:
            dest = sqlite3.connect(partial)
            try:
                source.backup(dest)
                dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            finally:
                dest.close()
    finally:
        source.close()
    return target


def backup_before_migration(project: Path, revision: str | None) -> Path:
    name = f"{project.stem}-before-upgrade-from-{revision or 'none'}-{_stamp(False)}{project.suffix}"
    return backup_to(project, writable_backup_dir(project) / name)


def make_backup(project: Path, kind: str = "auto") -> Path:
    target = writable_backup_dir(project) / f"{project.stem}-{_stamp()}-{kind}{project.suffix}"
    return backup_to(project, target)


def _parse(project: Path, path: Path) -> BackupFile | None:
    if not path.name.startswith(project.stem + "-") or path.suffix != project.suffix:
        return None
    stem = path.name[: -len(path.suffix)]
    match = _NAME.search(stem)
    if match:
        stamp, kind = match.group(1), match.group(2)
    else:
        upgrade = _UPGRADE.search(stem)
        if not upgrade:
            return None
        stamp, kind = upgrade.group(2), f"before-upgrade-from-{upgrade.group(1)}"
    fmt = "%Y%m%d-%H%M%S-%f" if stamp.count("-") == 2 else "%Y%m%d-%H%M%S"
    made = datetime.strptime(stamp, fmt).replace(tzinfo=UTC)
    return BackupFile(path, kind, made, path.stat().st_size)


def list_backups(project: Path) -> list[BackupFile]:
    """Every backup of `project`, newest first."""
    folder = backup_dir(project)
    if not folder.is_dir():
        return []
    found = [b for p in folder.iterdir() if (b := _parse(project, p)) is not None]
    return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)


def prune(project: Path, keep: int) -> list[Path]:
    """Delete rolling backups beyond the newest `keep`; the other kinds are never pruned."""
    if not os.path.lexists(backup_dir(project)):
        return []
    writable_backup_dir(project)  # never prune through a link
    autos = [b for b in list_backups(project) if b.kind == "auto"]
    removed = [b.path for b in autos[max(keep, 1):]]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def rolling_backup(project: Path, policy: BackupPolicy) -> Path:
    path = make_backup(project, "auto")
    prune(project, policy.keep)
    return path


def newest_auto_age_minutes(project: Path) -> float | None:
    autos = [b for b in list_backups(project) if b.kind == "auto"]
    if not autos:
        return None
    return (datetime.now(UTC) - autos[0].made_at).total_seconds() / 60


COUNTED = ("documents", "nodes", "references")


def contents(path: Path) -> dict[str, int] | None:
    """How many documents, nodes and references (codings) a backup holds, or None when it
    cannot be read as a project (damaged, or not one)."""
    try:
        connection = sqlite3.connect(readonly_uri(path), uri=True)
    except sqlite3.Error:
        return None
    try:
        return {table: int(connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0])
                for table in COUNTED}
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def copy_into(backup: Path, target: Path) -> None:
    """Overwrite `target` with the contents of `backup`, through the backup API (atomic)."""
    source = sqlite3.connect(readonly_uri(backup), uri=True)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
