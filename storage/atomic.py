"""A new project file appears at its name complete, or not at all.

Creating a project in place meant a process killed mid-create (SIGKILL, a crash, a power cut)
left a partial file at the name: `new` then refused the name ("a file already exists") and
`open` called it damaged. So a new file is built in a hidden temporary file beside its target
(`.<name>.<random>.creating`, same folder, so same file system), closed cleanly, and only then
given its name — by a hard link, which, unlike a rename, fails if a file appeared at the name
meanwhile, so nothing is ever overwritten. A killed build leaves only a hidden temporary file,
which nothing reads; leftovers older than an hour are swept when the folder is next used for a
new file (younger ones may be another process's build in progress).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import time
import uuid
from pathlib import Path

from storage.backup import backup_dir, backup_to
from storage.errors import LeftoverCompanion, ProjectExists
from storage.output_files import sync_folder

TEMP_SUFFIX = ".creating"
SIDECARS = ("", "-wal", "-shm", "-journal", ".lock")
COMPANIONS = ("-wal", "-shm", "-journal")  # what SQLite would read as part of a file
LEFTOVER_AGE_SECONDS = 3600.0
EXISTS_MESSAGE = "a file already exists there; choose another name"


def temp_beside(target: Path) -> Path:
    """A fresh hidden name to build `target` under (and old leftovers of killed builds swept)."""
    refuse_companions(target)
    sweep_leftovers(target.parent)
    return target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}{TEMP_SUFFIX}")


def place_new(tmp: Path, target: Path) -> None:
    """Give the finished, closed `tmp` the name `target`, never replacing a file already there.

    Hard link then unlink: the link fails with EEXIST if `target` exists, atomically. Where
    hard links are not supported (some FAT or network shares), a rename after a last check
    leaves a window of a few microseconds, far better than building in place.
    """
    refuse_companions(target)
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise ProjectExists(target, EXISTS_MESSAGE) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV,
                             errno.EMLINK, errno.ENOSYS):
            raise
        if target.exists():
            raise ProjectExists(target, EXISTS_MESSAGE) from None
        try:
            os.rename(tmp, target)  # Windows' rename itself refuses an existing target
        except FileExistsError:
            raise ProjectExists(target, EXISTS_MESSAGE) from None
    else:
        tmp.unlink()
    sync_folder(target.parent)


def refuse_companions(target: Path) -> None:
    """A `-wal`, `-shm` or `-journal` already at the new name would be taken for the new file's
    own: SQLite replays a leftover write-ahead log (of a deleted project, another database) into
    whatever file then has that name. So a new project is never given a name that has one."""
    for suffix in COMPANIONS:
        found = target.with_name(target.name + suffix)
        if os.path.lexists(found):
            raise LeftoverCompanion(target, (
                f"a leftover {found.name} (of an earlier or another database) is beside it and "
                "SQLite would replay it into the new project; move that file away, or choose "
                "another name"))


def copy_as_new(source: Path, target: Path) -> None:
    """A new project at `target` holding a copy of the project `source` (a restored backup):
    built beside it and placed like any new project, so never over a file or a leftover."""
    tmp = temp_beside(target)
    try:
        backup_to(source, tmp)
        place_new(tmp, target)
    finally:
        discard(tmp)


def discard(tmp: Path) -> None:
    """Remove a build's leftovers: the build itself if it was not placed, whatever SQLite left
    beside it, and the rolling backups a long build (an import) may have made of itself."""
    for suffix in SIDECARS:
        with contextlib.suppress(OSError):
            tmp.with_name(tmp.name + suffix).unlink()
    shutil.rmtree(backup_dir(tmp), ignore_errors=True)


def sweep_leftovers(folder: Path, older_than: float = LEFTOVER_AGE_SECONDS) -> int:
    """Remove temporary builds of killed processes untouched for `older_than` seconds.

    Only names this module makes are touched. Removing one is safe even when a kill came
    between link and unlink: it is then a second name of a placed project, and only the name
    goes. Returns how many builds were removed (tests)."""
    removed = 0
    now = time.time()
    with contextlib.suppress(OSError):
        for tmp in folder.glob(f".*{TEMP_SUFFIX}"):
            touched = [_mtime(tmp.with_name(tmp.name + suffix)) for suffix in SIDECARS]
            if now - max(touched) >= older_than:
                discard(tmp)
                removed += 1
    return removed


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
