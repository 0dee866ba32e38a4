"""One writer per project: a lock file beside it, `<project>.lock`.

Why a file and not only SQLite's own locking: SQLite serialises transactions, but two apps
writing the same project in turn would each show a stale view and undo each other's work; on a
cloud-synced or shared folder the copies would diverge. So a writable open takes this lock and a
second writer is refused (the app falls back to a read-only view). Read-only opens take none.

The file holds JSON naming the holder (host, machine id, pid, process start time, since, app
version), so the refusal can say who has it. While held, the file is also `flock`ed: on a local
disk the kernel drops that lock when the holder dies, even by SIGKILL, which makes a dead holder
certain. A lock is stale, and is cleared, when it names this machine (host name *and* machine
id: two machines may share a name) and a pid that is gone, a zombie, or was reused by a later
process (different start time). If the flock is still held although the named holder is dead,
processes it forked (an import's worker pool inherits the file) are finishing: the opener waits
a few seconds for them. A lock naming another machine is respected unless it is older than
`REMOTE_STALE_AFTER` (the holder refreshes it while open) and the user forces it. Within one
process the lock is re-entrant (the app and a test may open the same project twice); it is
released when the last holder closes, and at exit.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import functools
import json
import os
import socket
import stat
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.errors import DiskFull, ProjectLocked, ReadOnlyMedium, StorageError

try:  # POSIX; on Windows the JSON content alone decides
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_OWNED = hasattr(os, "geteuid")  # POSIX: the lock must be the user's own file
REMOTE_STALE_AFTER = timedelta(hours=12)
HEARTBEAT_SECONDS = 60.0
ORPHAN_WAIT_SECONDS = 5.0


@dataclass(frozen=True)
class LockHolder:
    host: str
    pid: int
    process_started: int | None
    since: datetime
    app: str
    refreshed: datetime | None = None
    machine: str = ""  # locks written before this field existed have none

    def here(self) -> bool:
        """Written by this machine, so its pid can be checked. The host name alone is not
        enough: two laptops may both be called "MacBook-Pro" and share a synced folder, and a
        live lock of the other one would look like a dead pid here, and be cleared."""
        return self.host == socket.gethostname() and self.machine in ("", machine_id())

    def describe(self) -> str:
        return (
            f"open in {self.app} on host {self.host} by process {self.pid} "
            f"since {self.since:%Y-%m-%d %H:%M} UTC"
        )


@dataclass
class _Held:
    fd: int
    count: int
    last_heartbeat: float
    holder: LockHolder


_held: dict[Path, _Held] = {}
_guard = threading.Lock()


def lock_path(project: Path) -> Path:
    return project.with_name(project.name + ".lock")


def _process_started(pid: int) -> int | None:
    """Start time in clock ticks since boot (Linux), to tell a reused pid from the holder."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[-1].split()
    return int(fields[19]) if len(fields) > 19 else None


def _alive(pid: int, started: int | None) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
        if state in ("Z", "X"):
            return False
    except (OSError, IndexError):
        pass
    now_started = _process_started(pid)
    return started is None or now_started is None or now_started == started


@functools.cache
def machine_id() -> str:
    """This machine, as opposed to its host name (systemd/dbus machine-id, else the MAC)."""
    for source in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
        with contextlib.suppress(OSError):
            found = Path(source).read_text(encoding="ascii").strip()
            if found:
                return found
    return f"node-{uuid.getnode():012x}"


def _app_version() -> str:
    try:
        from importlib.metadata import version

        return f"Realist Coder {version('realist-coder')}"
    except Exception:
        return "Realist Coder"


def _me() -> LockHolder:
    return LockHolder(
        host=socket.gethostname(), pid=os.getpid(), process_started=_process_started(os.getpid()),
        since=datetime.now(UTC), app=_app_version(), machine=machine_id(),
    )


def read_holder(project: Path) -> LockHolder | None:
    """Who the lock file names, or None when there is no (readable) lock."""
    try:
        fd = os.open(lock_path(project), os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            data = json.loads(fh.read(64 * 1024).decode("utf-8"))
        return LockHolder(
            host=str(data["host"]), pid=int(data["pid"]),
            process_started=data.get("process_started"),
            since=datetime.fromisoformat(data["since"]), app=str(data.get("app", "Realist Coder")),
            refreshed=datetime.fromisoformat(data.get("refreshed") or data["since"]),
            machine=str(data.get("machine") or ""),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def is_stale(holder: LockHolder, *, force: bool = False, now: datetime | None = None) -> bool:
    if holder.here():
        return holder.pid != os.getpid() and not _alive(holder.pid, holder.process_started)
    age = (now or datetime.now(UTC)) - (holder.refreshed or holder.since)
    return force and age > REMOTE_STALE_AFTER


def _held_by_orphans(holder: LockHolder | None) -> bool:
    """The flock is held but the named holder is dead: processes it forked (e.g. an import's
    worker pool) still have the file open and will exit shortly; worth a short wait."""
    return holder is not None and holder.here() and not _alive(
        holder.pid, holder.process_started)


def _refusal(project: Path, holder: LockHolder | None) -> ProjectLocked:
    who = holder.describe() if holder else "open for writing in another process"
    extra = ""
    if holder and not holder.here():
        extra = (f"; if that machine crashed, the lock can be forced once it is older than "
                 f"{REMOTE_STALE_AFTER.total_seconds() / 3600:.0f} hours")
    return ProjectLocked(project, f"is {who}{extra}", holder.describe() if holder else "")


def _open_lock_file(project: Path) -> int:
    """The lock file, opened without following a symlink, and refused unless it is a plain
    file of ours: writing the lock JSON through a symlink or a hard link planted at the lock's
    name would overwrite whatever it leads to (issue 18)."""
    try:
        fd = os.open(lock_path(project), os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _not_ours(project, "is a symbolic link") from None
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise ReadOnlyMedium(
                project, "its folder cannot be written (read-only disk, share or permissions); "
                "open it read-only, or copy it to a writable folder",
            ) from None
        raise StorageError(project, f"cannot create its lock file ({exc.strerror})") from None
    info = os.fstat(fd)
    problem = ("is not a regular file" if not stat.S_ISREG(info.st_mode)
               else "has other names (hard links)" if info.st_nlink != 1
               else "belongs to another user" if _OWNED and info.st_uid != os.geteuid()
               else "")
    if problem:
        os.close(fd)
        raise _not_ours(project, problem)
    return fd


def _not_ours(project: Path, problem: str) -> StorageError:
    return StorageError(project, (
        f"its lock file {lock_path(project).name} {problem}, so it was not written to; "
        "remove it (it is not a lock this app made) and try again"))


def _write_failed(project: Path, exc: OSError) -> StorageError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return DiskFull(project, "the disk is full: not even its lock file could be written; "
                                 "free some space and try again — nothing was changed")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ReadOnlyMedium(project, "its lock file cannot be written (read-only disk, "
                                       "share or permissions); open it read-only")
    return StorageError(project, f"cannot write its lock file ({exc.strerror or exc})")


def _try_flock(fd: int) -> bool:
    if fcntl is None:  # pragma: no cover
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _write(fd: int, holder: LockHolder) -> None:
    data = {
        "host": holder.host, "pid": holder.pid, "process_started": holder.process_started,
        "since": holder.since.isoformat(), "app": holder.app,
        "refreshed": datetime.now(UTC).isoformat(), "machine": holder.machine,
    }
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps(data).encode(), 0)
    os.fsync(fd)


def acquire(project: Path, *, force: bool = False, flock_decides: bool = False) -> None:
    """Take (or re-enter) the write lock, clearing a stale one; else raise ProjectLocked.

    `flock_decides` (the `unlock` command): a lock naming this machine whose flock nobody
    holds is stale even if the pid it names is alive — on a local disk the holder would hold
    the flock. An ordinary open stays more careful and respects such a lock."""
    key = project.resolve()
    with _guard:
        held = _held.get(key)
        if held is not None:
            held.count += 1
            return
        deadline = time.monotonic() + ORPHAN_WAIT_SECONDS
        attempt = 0
        while attempt < 5:
            attempt += 1
            fd = _open_lock_file(project)
            if not _try_flock(fd):
                holder = read_holder(project)
                os.close(fd)
                if _held_by_orphans(holder) and time.monotonic() < deadline:
                    attempt -= 1
                    time.sleep(0.05)
                    continue
                raise _refusal(project, holder)
            try:  # the file we locked may have been unlinked by a releasing holder: retry
                same = os.fstat(fd).st_ino == os.stat(lock_path(project)).st_ino
            except FileNotFoundError:
                same = False
            if not same:
                os.close(fd)
                continue
            holder = read_holder(project)
            unheld = flock_decides and fcntl is not None and holder is not None and holder.here()
            if holder is not None and not unheld and not is_stale(holder, force=force):
                os.close(fd)
                raise _refusal(project, holder)
            me = _me()
            try:
                _write(fd, me)
            except OSError as exc:
                with contextlib.suppress(OSError):  # under our flock: nobody else's
                    lock_path(project).unlink()
                os.close(fd)
                raise _write_failed(project, exc) from None
            _held[key] = _Held(fd, 1, time.monotonic(), me)
            return
        raise StorageError(project, "could not take its lock file (it keeps changing)")


def release(project: Path) -> None:
    key = project.resolve()
    with _guard:
        held = _held.get(key)
        if held is None:
            return
        held.count -= 1
        if held.count > 0:
            return
        del _held[key]
        with contextlib.suppress(OSError):
            lock_path(project).unlink()
        os.close(held.fd)


def heartbeat(project: Path) -> None:
    """Refresh the lock's time now and then while writing, so other hosts see the lock is live."""
    key = project.resolve()
    with _guard:
        held = _held.get(key)
        if held is None or time.monotonic() - held.last_heartbeat < HEARTBEAT_SECONDS:
            return
        held.last_heartbeat = time.monotonic()
        with contextlib.suppress(OSError):
            _write(held.fd, held.holder)


def holders(project: Path) -> int:
    """How many opens of this process hold the project's write lock (it is re-entered)."""
    with _guard:
        held = _held.get(project.resolve())
        return 0 if held is None else held.count


def holds(project: Path) -> bool:
    return holders(project) > 0


def clear_stale(project: Path, *, force: bool = False) -> LockHolder | None:
    """Remove a stale lock (the `unlock` command); returns who held it, or raises if live."""
    if holds(project):
        raise StorageError(project, "this process holds its lock")
    holder = read_holder(project)
    if not os.path.lexists(lock_path(project)):
        return None
    acquire(project, force=force, flock_decides=True)
    release(project)
    return holder


def _forget_in_child() -> None:
    """A forked child (an import's worker) must not keep the parent's lock alive: the flock
    belongs to the open file, which the child shares, so a child outliving its parent would
    hold the project's lock for a dead process. The child closes its copies (the parent's
    lock stands) and forgets them, so it never releases or rewrites the parent's lock."""
    global _guard
    _guard = threading.Lock()  # another thread may have held it at the fork
    for held in _held.values():
        with contextlib.suppress(OSError):
            os.close(held.fd)
    _held.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_in_child)


@atexit.register
def _release_all() -> None:
    for key in list(_held):
        _held[key].count = 1
        release(key)
