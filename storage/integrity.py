"""Is the file sound, and what does a low-level SQLite failure mean to the user?

The open-time check uses its own read-only connection, so a damaged file is looked at and
never written to. SQLite errors that a user can meet (disk full, read-only medium, damage) are
turned into our StorageError subclasses with a message that says what happened to their work.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from urllib.parse import quote

from sqlalchemy.exc import DBAPIError

from storage.errors import DamagedProject, DiskFull, ReadOnlyMedium, StorageError
from storage.header import read_header
from storage.migrate import SCHEMA_HEAD
from storage.models import Base

SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_NOTADB = 26
SQLITE_CANTOPEN = 14
SQLITE_IOERR_SHMSIZE = SQLITE_IOERR | (19 << 8)
WAL_HEADER_BYTES = 32
NEARLY_FULL_BYTES = 1 << 20  # less than this free: an I/O error is taken for a full disk

DAMAGE_ADVICE = (
    "the file is damaged ({detail}); it has not been changed. Restore the latest good backup "
    "(`realist-coder backup list` / `backup restore`, or File > Restore from backup…)"
)


def readonly_uri(path: Path) -> str:
    """The `file:` URI of a read-only connection (quoted: names may hold `%`, `#` or `?`).

    A WAL project needs its `-shm` file even to be read; on a read-only medium that file cannot
    be created, so SQLite is told the file is immutable, which there it truly is — unless a
    write-ahead log holds transactions, which an immutable open would not see: then the file
    is read from a private copy (see `_private_copy`).
    """
    path = path.resolve()
    immutable = not os.access(path.parent, os.W_OK) and not Path(f"{path}-shm").exists()
    if immutable and _wal_has_frames(path):
        path, immutable = _private_copy(path), False
    return f"file:{quote(str(path))}?mode=ro" + ("&immutable=1" if immutable else "")


def has_companions(path: Path) -> bool:
    """Whether a write-ahead log or its index lies beside the project."""
    return Path(f"{path}-wal").exists() or Path(f"{path}-shm").exists()


def tidy_after_reading(path: Path) -> None:
    """Have SQLite remove the empty write-ahead log and its index that reading the project
    made beside it. A read-only connection cannot remove them, so every script that only read
    a project (`documents`, `export-csv`...) left two files beside it. Not deleted by hand: a
    writable connection that reads and closes last, with nothing in the log, removes both; it
    leaves them while any other connection (the app, open on the same project) uses them.
    Anything in the way (the file not writable, a lock) leaves them, as before: harmless, and
    the next writable open clears them."""
    wal = Path(f"{path}-wal")
    try:
        if not wal.exists() or wal.stat().st_size or not os.access(path, os.W_OK):
            return  # a log holding transactions is a writer's business, not a reader's
        con = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=rw", uri=True, timeout=0)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except (OSError, sqlite3.Error):
        pass


_copies: dict[tuple[str, int, int, int], Path] = {}


def _private_copy(path: Path) -> Path:
    """A copy of the project and its write-ahead log in a private temporary folder, where
    SQLite can build the `-shm` it needs to read the log.

    On a read-only medium a WAL file without its `-shm` cannot be read in place: SQLite can
    neither make the index nor read the log without one, and an immutable open ignores the
    log — the last transactions silently vanished (issue 18). The medium cannot change, so one
    copy per version of the files serves every read; copies go at exit."""
    wal = Path(f"{path}-wal")
    info, wal_info = path.stat(), wal.stat()
    key = (str(path), info.st_mtime_ns, info.st_size, wal_info.st_size)
    copy = _copies.get(key)
    if copy is None or not copy.exists():
        folder = Path(tempfile.mkdtemp(prefix="realist-coder-read-only-"))
        copy = folder / path.name
        shutil.copyfile(path, copy)
        shutil.copyfile(wal, f"{copy}-wal")
        _copies[key] = copy
    return copy


@atexit.register
def _remove_copies() -> None:
    for copy in _copies.values():
        shutil.rmtree(copy.parent, ignore_errors=True)


def _readonly_connection(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(readonly_uri(path), uri=True, check_same_thread=False)


def problems(path: Path, *, full: bool = False) -> list[str]:
    """[] when sound. Always: the file's size against its header, then SQLite's quick check;
    `full` runs integrity_check (slow), the foreign-key check and compares the schema with
    ours.

    Only damage is a problem. A full disk, a read-only medium or a failing disk raise their
    own StorageError instead: the file may be perfectly sound, and calling it damaged would
    send the researcher to an older backup, losing the recent work (issue 18)."""
    cut = size_problem(path)
    if cut:
        return [cut]
    try:
        con = _readonly_connection(path)
        try:
            pragma = "integrity_check" if full else "quick_check"
            rows = [str(r[0]) for r in con.execute(f"PRAGMA {pragma}").fetchall()]
            found = [] if rows == ["ok"] else rows
            if full:
                found += [
                    f"row {rowid} of {table} points to a missing {parent}"
                    for table, rowid, parent, _fk in con.execute("PRAGMA foreign_key_check")
                ]
                found += schema_problems(con) if not found else []
            return found
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        if _code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB, None):
            return [str(exc)]
        ours = translate(path, exc)
        if ours is None:
            return [str(exc)]
        raise ours from exc


def size_problem(path: Path) -> str:
    """A file cut short (a failed copy or sync, a full disk during a copy): SQLite's quick check
    does not notice a missing tail, and writes would then land in a damaged file. A database
    holds at least the whole pages its header counts (or, for a header that does not count,
    whole pages only). Not damage: bytes past the counted end (a write the disk cut off, which
    SQLite ignores), or a shortfall while the write-ahead log holds frames (an interrupted
    checkpoint, which the log finishes on the next open)."""
    header = read_header(path)
    if header is None or not header.is_sqlite:
        return ""
    size, page = header.file_size, header.page_size
    if page < 512 or page & (page - 1):
        return f"its header is damaged (a page size of {page} bytes)"
    if _wal_has_frames(path):
        return ""
    counted = header.page_count
    if counted is not None and size < counted * page:
        return f"the file is cut short (its header counts {counted:,} pages, it holds {size / page:,.2f})"
    if counted is None and size % page:
        return f"the file is cut short ({size:,} bytes is not a whole number of {page}-byte pages)"
    return ""


def _wal_has_frames(path: Path) -> bool:
    try:
        return Path(f"{path}-wal").stat().st_size > WAL_HEADER_BYTES
    except OSError:
        return False


def schema_problems(con: sqlite3.Connection) -> list[str]:
    """Tables and columns our models need that the file lacks (a dropped table passed the
    check before issue 18). Files at an older revision are compared after their upgrade."""
    tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "alembic_version" not in tables:
        return ["the schema version table (alembic_version) is missing"]
    revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision is None or revision[0] != SCHEMA_HEAD:
        return [] if revision is not None else ["the schema version is missing"]
    found = []
    for table in Base.metadata.sorted_tables:
        if table.name not in tables:
            found.append(f"table {table.name} is missing")
            continue
        have = {row[1] for row in con.execute(f'PRAGMA table_info("{table.name}")')}
        found += [f"table {table.name} has no column {c.name}" for c in table.columns
                  if c.name not in have]
    return found


def check_sound(path: Path) -> None:
    """Raise DamagedProject unless SQLite's quick check passes (run on every open)."""
    found = problems(path)
    if found:
        detail = found[0] if len(found) == 1 else f"{found[0]} and {len(found) - 1} more"
        raise DamagedProject(path, DAMAGE_ADVICE.format(detail=detail))


def _code(exc: BaseException) -> int | None:
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def _no_room(path: Path, exc: BaseException) -> bool:
    """An I/O error that is really a lack of room: SQLite could not grow the `-shm` index it
    needs even to read a WAL project, or the disk has (almost) nothing left."""
    if _code(exc) not in (SQLITE_IOERR, SQLITE_CANTOPEN):
        return False
    extended = getattr(getattr(exc, "orig", exc), "sqlite_errorcode", None)
    if extended == SQLITE_IOERR_SHMSIZE:
        return True
    try:
        return shutil.disk_usage(path.resolve().parent).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def translate(path: Path, exc: BaseException) -> StorageError | None:
    """Our error for an SQLite failure a user can meet, or None to let it propagate as is."""
    if not isinstance(exc, DBAPIError | sqlite3.Error):
        return None
    code = _code(exc)
    if code == SQLITE_FULL or _no_room(path, exc):
        return DiskFull(
            path, "the disk is full (or the file hit its size limit); free some space and try "
            "again — nothing was changed by this action (the project is not damaged)",
        )
    if code == SQLITE_READONLY:
        return ReadOnlyMedium(
            path, "cannot be written (read-only disk, share or permissions); nothing was "
            "changed — copy the project to a writable folder to keep working",
        )
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return DamagedProject(path, DAMAGE_ADVICE.format(detail=str(getattr(exc, "orig", exc))))
    if code == SQLITE_IOERR:
        return StorageError(path, f"the disk reported an error ({getattr(exc, 'orig', exc)}); "
                            "nothing was changed by this action")
    return None
