"""Backups, restore and checks: what the CLI's `backup`/`check`/`unlock` and the app call.

Backups are made by storage with SQLite's online backup API. A restore never destroys
anything: in place, the current file is first backed up (`before-restore`), or, when it is too
damaged to read, renamed aside; `to=` writes the backup to a new file and leaves the project be.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import or_, select

from coding.errors import InvalidInput, NotFound
from coding.names import as_number, counted
from coding.project import Project
from storage import backup as store
from storage import integrity, lock
from storage.atomic import copy_as_new
from storage.database import BACKUP_INTERVAL_KEY, BACKUP_KEEP_KEY, check_is_project, is_current
from storage.errors import (
    DamagedProject,
    ProjectExists,
    ProjectLocked,
    ReadOnlyMedium,
    StorageError,
)
from storage.models import Annotation, Document, DocumentBlock, DocumentPage, DocumentRun, Reference
from storage.output_files import check_output

__all__ = [
    "BackupInfo", "DamagedProject", "backup_before_reread", "backup_contents", "backup_folder", "ProjectLocked", "ReadOnlyMedium", "keep_alive",
    "backup_now", "check_project", "latest_good_backup", "list_backups",
    "resolve_backup", "restore_backup", "restored_copy_path", "set_backup_policy", "unlock",
]


@dataclass(frozen=True)
class BackupInfo:
    number: int  # 1 = newest, as `backup list` shows
    path: Path
    kind: str
    made_at: datetime
    size: int


def backup_folder(project_path: Path | str) -> Path:
    """Where a project's backups go (`<project>-backups/` beside it)."""
    return store.backup_dir(Path(project_path))


def list_backups(project_path: Path | str) -> list[BackupInfo]:
    found = store.list_backups(Path(project_path))
    return [BackupInfo(n, b.path, b.kind, b.made_at, b.size) for n, b in enumerate(found, 1)]


def backup_contents(backup: BackupInfo) -> str:
    """What a backup holds, in words ("10 documents, 42 nodes, 25 codings"; "" if it cannot
    be read): the backup from before a mistake is told apart from the others by what it
    holds, not only by its time."""
    found = store.contents(backup.path)
    if found is None:
        return ""
    return ", ".join((counted(found["documents"], "document"), counted(found["nodes"], "node"),
                      counted(found["references"], "coding")))


def resolve_backup(project_path: Path | str, ref: str) -> Path:
    """A backup named by its number in `backup list`, its file name, or a path."""
    backups = list_backups(project_path)
    if ref.isdigit():
        for b in backups:
            if b.number == as_number(ref):
                return b.path
        raise NotFound(f"there is no backup number {ref} ({len(backups)} backups)")
    for b in backups:
        if b.path.name == ref:
            return b.path
    if Path(ref).is_file():
        return Path(ref)
    raise NotFound(f"no backup called '{ref}' (see `realist-coder backup list`)")


def backup_now(project_path: Path | str) -> BackupInfo:
    """A manual backup; reads only, so it works while the app has the project open.

    Only of a file that passes `check`: a backup of a damaged file (a truncated one passed the
    quick check) would later be restored over a good project (issue 18)."""
    path = Path(project_path)
    found = check_project(path)
    if found:
        raise DamagedProject(path, f"fails the check ({_first(found)}), so it was not backed up; "
                                   "see `realist-coder check` and `backup list`")
    made = store.make_backup(path, "manual")
    return next(b for b in list_backups(path) if b.path == made)


def backup_before_reread(project_path: Path | str) -> Path:
    """The project as it stands before every document is read again: the pass is one undo
    step, but undo ends with the session, and a researcher who finds a week later that they
    preferred the old reading of a document has this to restore it from."""
    return store.make_backup(Path(project_path), "before-reread")


def save_copy(project_path: Path | str, to: Path | str) -> Path:
    """The project as one self-contained file at `to`, up to its last commit even while the app
    has it open: for a colleague to merge, a USB stick or an archive. A copy of the .realist
    file alone misses the commits still in the "-wal" file beside it."""
    path, target = Path(project_path), Path(to)
    check_is_project(path)
    if target.exists():
        raise ProjectExists(target, "a file already exists there; choose another name")
    check_output(target, inputs=(path,))
    copy_as_new(path, target)  # never over a file, nor beside another database's leftovers
    return target


def keep_alive(project: Project) -> Path | None:
    """Between actions (the app calls it every minute): refresh the project's lock, and make
    the rolling backup that is due if commits since the last one are in no backup yet; returns
    that backup, or None."""
    return project.db.while_idle()


def latest_good_backup(project_path: Path | str) -> BackupInfo | None:
    """The newest backup that passes SQLite's check: what to offer for a damaged file."""
    for b in list_backups(project_path):
        if _sound_project(b.path):
            return b
    return None


def _sound_project(path: Path) -> bool:
    """Ours and passing SQLite's check (an emptied file passes the check: it reads as empty)."""
    try:
        check_is_project(path)
    except StorageError:
        return False
    return not integrity.problems(path)


def restored_copy_path(project_path: Path | str, made_at: datetime) -> Path:
    path = Path(project_path)
    stamp = made_at.astimezone().strftime("%Y-%m-%d %H%M%S")
    return path.with_name(f"{path.stem} (restored from {stamp}){path.suffix}")


def restore_backup(
    project_path: Path | str, backup: Path | str, *, to: Path | str | None = None
) -> Path:
    """Put a backup back, in place or (`to`) as a new file; returns the restored file."""
    path, source = Path(project_path), Path(backup)
    found = check_project(source)
    if found:
        raise DamagedProject(source, f"this backup fails the check ({_first(found)}); "
                                     "choose another one")
    if to is not None:
        target = Path(to)
        if target.exists():
            raise ProjectExists(target, "a file already exists there; choose another name")
        check_output(target, inputs=(path, source))
        copy_as_new(source, target)
        return target
    lock.acquire(path)
    try:
        _set_aside(path)
        store.copy_into(source, path)
    finally:
        lock.release(path)
    return path


def _set_aside(path: Path) -> None:
    """Keep what is being replaced: a backup if it is readable, else the damaged file itself."""
    if not path.exists():
        return
    if _sound_project(path):
        store.make_backup(path, "before-restore")
        return
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{path}{suffix}")
        if part.exists():
            os.replace(part, part.with_name(f"{path.name}.damaged-{stamp}{suffix}"))


def set_backup_policy(
    project: Project, *, keep: int | None = None, interval_minutes: float | None = None
) -> store.BackupPolicy:
    """Keep the last `keep` rolling backups, made at most every `interval_minutes`."""
    if keep is not None and keep < 1:
        raise InvalidInput("keep at least one backup")
    if interval_minutes is not None and interval_minutes < 0:
        raise InvalidInput("the backup interval cannot be negative")
    current = project.db.backup_policy
    policy = store.BackupPolicy(
        keep=current.keep if keep is None else keep,
        interval_minutes=current.interval_minutes if interval_minutes is None else interval_minutes,
    )
    project.set_setting(BACKUP_KEEP_KEY, str(policy.keep))
    project.set_setting(BACKUP_INTERVAL_KEY, f"{policy.interval_minutes:g}")
    project.db.backup_policy = policy
    store.prune(project.path, policy.keep)
    return policy


def check_project(project_path: Path | str) -> list[str]:
    """Every problem found: SQLite's full check, then the project's own invariants."""
    path = Path(project_path)
    check_is_project(path)
    found = integrity.problems(path, full=True)
    if found or not is_current(path):  # the invariants below are read with today's models
        return found
    with Project.open(path, readonly=True) as project, project.db.reading() as s:
        length = Document.text_length
        texts = s.execute(select(Document.name, Document.text, length).execution_options(
            yield_per=20))  # in Python: SQLite's length() stops at a NUL character
        found += [f"document '{name}': stored length does not match its text"
                  for name, text, n in texts if len(text) != n]
        spans = ((Reference, Reference.id, "reference"), (DocumentPage, DocumentPage.number, "page"),
                 (Annotation, Annotation.id, "note"), (DocumentRun, DocumentRun.seq, "page run"),
                 (DocumentBlock, DocumentBlock.seq, "block"))
        for table, key, label in spans:
            rows = s.execute(
                select(key, Document.name, table.start, table.end)
                .join(Document, Document.id == table.document_id)
                .where(or_(table.start < 0, table.end < table.start, table.end > length))
            )
            found += [f"{label} {rid} ({start}-{end}) lies outside document '{name}'"
                      for rid, name, start, end in rows]
    return found


def _first(found: list[str]) -> str:
    return found[0] if len(found) == 1 else f"{found[0]}, and {len(found) - 1} more"


def unlock(project_path: Path | str, *, force: bool = False) -> str:
    """Clear a stale lock; a live one (or a recent one from another host) stays and raises."""
    path = Path(project_path)
    holder = lock.clear_stale(path, force=force)
    if holder is None:
        # a mistyped path has no lock either: said as such, not as "no lock to clear"
        check_is_project(path)
        return "no lock to clear"
    return f"cleared the lock ({holder.describe()})"
