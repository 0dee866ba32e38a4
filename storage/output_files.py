"""Every file the app or the command line writes: checked first, then replaced whole or not at all.

Two promises, kept in one place for every writer (CSV, Excel, Word, REFI-QDA, backups):

1. **Never over a project.** An output path that is a project, one of its `-wal`/`-shm`/
   `-journal`/lock files, anything in its backups folder, or an input of the same command is
   refused in one line before anything is written. Paths are compared as the file system sees
   them — by device and inode where the file exists, else by the real (symlink-free) folder and
   name — so `./p.realist`, a symlink to it, a hard link or `P.REALIST` on a case-insensitive disk
   are all caught. A file holding our application id is a project wherever it is, open or not.
2. **Never half a file.** The new content goes to a hidden temporary file in the same folder
   (so on the same file system), is flushed to disk (fsync), and only then renamed over the old
   name, which is atomic: a full disk, a crash, SIGINT or SIGTERM (which the command line turns
   into an exception) leave the previous file exactly as it was and no temporary file behind. A
   SIGKILL can leave the temporary file; those older than an hour are swept at the next write
   to the same name. A target that exists and is not a regular file (`/dev/stdout`, a FIFO) is
   written straight through: there is no previous file to keep.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import signal
import stat
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from storage.errors import DiskFull, StorageError
from storage.header import is_our_project

SIDECARS = {"-wal": "write-ahead log", "-shm": "shared-memory index",
            "-journal": "rollback journal", ".lock": "lock file"}
BACKUPS_SUFFIX = "-backups"
TEMP_SUFFIX = ".part"
LEFTOVER_AGE_SECONDS = 3600.0
_LXML_FULL = {"IO_ENOSPC": errno.ENOSPC, "IO_EDQUOT": errno.EDQUOT, "IO_EFBIG": errno.EFBIG}
FULL_ERRNOS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "your disk quota is used up",
    errno.EFBIG: "the file hit the size limit of this disk or account",
}


class UnsafeOutput(StorageError):
    """An output path that would overwrite a project, its companions or an input: refused."""


def check_output(
    out: Path | str, *, inputs: Iterable[Path | str] = (), outputs: Iterable[Path | str] = ()
) -> Path:
    """The real path to write `out` to, or UnsafeOutput saying why it must not be written.

    `inputs` are the files the command reads (its project first): the output may be none of
    them nor any of their companion files; nor may it be one of the command's other `outputs`.
    """
    out = Path(out)
    if out.is_dir():
        raise UnsafeOutput(out, "is a folder; give a file name to write to")
    real = Path(os.path.realpath(out))
    reason = _project_part(real)
    given = [(p, "an input of this command") for p in inputs]
    given += [(p, "another output of this command") for p in outputs]
    for path, label in given:
        if reason:
            break
        reason = _companion_of(real, Path(os.path.realpath(path)), label)
    if reason:
        leads = f" (it leads to {real})" if Path(os.path.abspath(out)) != real else ""
        raise UnsafeOutput(out, f"is {reason}{leads}; it was not written — choose another "
                                "file name")
    return real


def _project_part(real: Path) -> str:
    """What of a Realist Coder project `real` is, if anything: the file itself, a companion of
    one beside it, or a file in its backups folder."""
    if is_our_project(real):
        return "a Realist Coder project"
    for suffix, label in SIDECARS.items():
        if real.name.lower().endswith(suffix):
            owner = _same_named(real.with_name(real.name[: -len(suffix)]))
            if is_our_project(owner):
                return f"the {label} of the project {owner.name}"
    for folder in real.parents:
        if folder.name.lower().endswith(BACKUPS_SUFFIX):
            owner = _same_named(folder.with_name(folder.name[: -len(BACKUPS_SUFFIX)]))
            if is_our_project(owner):
                return f"inside the backups folder of the project {owner.name}"
    return ""


def _companion_of(real: Path, given: Path, label: str) -> str:
    if _same_file(real, given):
        return label
    for suffix, name in SIDECARS.items():
        if _same_file(real, given.with_name(given.name + suffix)):
            return f"the {name} of {label}"
    backups = given.with_name(given.name + BACKUPS_SUFFIX)
    if any(_same_file(folder, backups) for folder in real.parents):
        return f"inside the backups folder of {label}"
    return ""


def _same_file(a: Path, b: Path) -> bool:
    """One file for the file system: same device and inode when both exist, else the same
    name (any case) in the same folder."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        pass
    try:
        same_folder = os.path.samefile(a.parent, b.parent)
    except OSError:
        same_folder = a.parent == b.parent
    return same_folder and a.name.casefold() == b.name.casefold()


def _same_named(path: Path) -> Path:
    """`path`, or the one entry of its folder that differs only in case (a case-insensitive
    disk: `P.REALIST-wal` belongs to `p.realist`)."""
    if path.exists():
        return path
    with contextlib.suppress(OSError):
        for entry in path.parent.iterdir():
            if entry.name.casefold() == path.name.casefold():
                return entry
    return path


@contextmanager
def replacing(
    out: Path | str, *, inputs: Iterable[Path | str] = (), backup: bool = False
) -> Iterator[Path]:
    """Yield a temporary path to write the whole new file to; on a clean exit it replaces `out`
    atomically, on any exception (KeyboardInterrupt included) it is removed and `out` is kept.

    A full disk (or a file-size limit) becomes DiskFull, one line saying the old file is kept.
    `backup` is for storage.backup alone, whose files belong in a backups folder.
    """
    target = Path(os.path.realpath(out)) if backup else check_output(out, inputs=inputs)
    if _streams(Path(out)):
        yield Path(out)
        return
    if not target.parent.is_dir():
        raise StorageError(out, f"the folder {target.parent} does not exist")
    _sweep(target)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}{TEMP_SUFFIX}")
    try:
        _create(tmp, target)
        yield tmp
        with signals_held():
            _fsync(tmp)
            os.replace(tmp, target)
    except BaseException as exc:
        with signals_held():
            for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):  # SQLite's (backups)
                with contextlib.suppress(OSError):
                    leftover.unlink()
        full = _disk_full(exc)
        if full is not None:
            kept = "the previous file is unchanged" if target.exists() else "nothing was written"
            raise DiskFull(out, f"{full}; free some space and try again — {kept}") from exc
        raise
    sync_folder(target.parent)


@contextmanager
def open_replacing(
    out: Path | str, mode: str = "w", *, inputs: Iterable[Path | str] = (), **kwargs: Any
) -> Iterator[IO[Any]]:
    """`open()` for writing, through `replacing`: the file object writes the temporary file."""
    with replacing(out, inputs=inputs) as tmp, open(tmp, mode, **kwargs) as fh:
        yield fh


@contextmanager
def signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM wait while a file is put in place or cleaned away, so an interrupt
    cannot leave that half done; they are delivered (and raise) right after."""
    if threading.current_thread() is not threading.main_thread() or os.name != "posix":
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_built(
    out: Path | str, save: Callable[[IO[bytes]], object], *, inputs: Iterable[Path | str] = ()
) -> None:
    """A file a library builds (Word, Excel): built in memory by `save(stream)`, then written
    through `open_replacing`, which checks the path first. Libraries that write a zip straight
    to disk leave half-closed objects behind on a full disk, which print tracebacks when
    collected; a memory stream cannot fail that way, and the one write to disk fails cleanly."""
    with open_replacing(out, "wb", inputs=inputs) as fh:
        buffer = io.BytesIO()
        save(buffer)
        fh.write(buffer.getbuffer())


def _streams(out: Path) -> bool:
    """An existing target that is not a regular file (a device, a FIFO, `/dev/stdout`) is
    written as is, through any symlink."""
    try:
        mode = os.stat(out).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode)


def _create(tmp: Path, target: Path) -> None:
    """The temporary file, with the old file's permissions (else the usual ones, umask)."""
    mode = 0o666
    with contextlib.suppress(OSError):
        mode = stat.S_IMODE(os.stat(target).st_mode)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        if mode != 0o666 and hasattr(os, "fchmod"):  # the umask does not narrow a copy
            os.fchmod(fd, mode)
    finally:
        os.close(fd)


def _disk_full(exc: BaseException) -> str | None:
    """What to say when `exc` (or what caused it: libraries wrap OSError) is a full disk."""
    seen: BaseException | None = exc
    for _ in range(5):
        if seen is None:
            return None
        if isinstance(seen, OSError) and seen.errno in FULL_ERRNOS:
            return FULL_ERRNOS[seen.errno]
        if str(seen) in _LXML_FULL:  # lxml (openpyxl's spool files) reports errno by name
            return FULL_ERRNOS[_LXML_FULL[str(seen)]]
        seen = seen.__cause__ or seen.__context__
    return None


def _sweep(target: Path, older_than: float = LEFTOVER_AGE_SECONDS) -> None:
    """Temporary files of killed writes to this same name, untouched for an hour."""
    now = time.time()
    with contextlib.suppress(OSError):
        for leftover in target.parent.glob(f".{_glob_escape(target.name)}.*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                if now - leftover.lstat().st_mtime >= older_than:
                    leftover.unlink()


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Path) -> None:
    """Make the new name itself survive a power cut (POSIX: fsync the directory)."""
    if os.name != "posix":  # pragma: no cover
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
