"""Opening, creating and talking to a project file.

A project is one SQLite file. Every user action is one `transaction()`: committed at once,
so there is never a "save" and never unsaved work. WAL with synchronous=FULL keeps every
committed transaction through a crash or a power cut (see ARCHITECTURE.md).

A writable open takes the project's lock (storage/lock.py), checks the file is sound with its
own read-only connection before anything can write to it, upgrades an old schema after a
backup, and makes a rolling backup; commits then refresh the lock and make a rolling backup at
most every N minutes. Disk-full and read-only-medium failures become clear errors, after the
transaction has rolled back.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, insert, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from storage import lock, migrate
from storage.atomic import EXISTS_MESSAGE, discard, place_new, temp_beside
from storage.backup import BackupPolicy, list_backups, newest_auto_age_minutes, rolling_backup
from storage.errors import (
    DamagedProject,
    NewerVersion,
    NotAProject,
    ProjectExists,
    ProjectMissing,
    StorageError,
)
from storage.header import APPLICATION_ID, read_header
from storage.integrity import (
    DAMAGE_ADVICE,
    check_sound,
    has_companions,
    readonly_uri,
    tidy_after_reading,
    translate,
)
from storage.models import ProjectSetting
from storage.output_files import check_output

PROJECT_SUFFIX = ".realist"


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _make_engine(path: Path, readonly: bool = False) -> Engine:
    # Connections come from a creator, not a URL: SQLAlchemy's URL parsing would take a `?` in
    # a folder name for a query string (and open another file) and unquote a file: URI.
    target, uri = (readonly_uri(path), True) if readonly else (str(path.resolve()), False)
    engine = create_engine(
        "sqlite://", poolclass=QueuePool,
        creator=lambda: sqlite3.connect(target, uri=uri, check_same_thread=False),
    )
    event.listen(engine, "connect", _set_pragmas)
    return engine


class Database:
    """A live project file. Sessions and commits happen here and nowhere else."""

    def __init__(
        self, path: Path, engine: Engine, readonly: bool = False, *, locked: bool = False,
        policy: BackupPolicy | None = None, tidy: bool = False,
    ) -> None:
        self.path = path
        self.engine = engine
        self.readonly = readonly
        self._tidy = tidy  # read-only, and no log beside the file when it was opened
        self.backup_policy = policy or BackupPolicy()
        self._locked = locked
        self.backup_error = ""
        self._last_backup = time.monotonic()
        self._changed_since_backup = False
        self._changed_since_checkpoint = False
        self._backup_guard = threading.Lock()
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: everything inside commits together or not at all."""
        if self.readonly:
            raise StorageError(self.path, "the project is open read-only")
        try:
            with self._sessions() as session, session.begin():
                yield session
        except (DBAPIError, sqlite3.Error) as exc:
            ours = translate(self.path, exc)
            if ours is None:
                raise
            raise ours from exc
        self._after_commit()

    def _after_commit(self) -> None:
        if self._locked:
            lock.heartbeat(self.path)
        self._changed_since_backup = True
        self._changed_since_checkpoint = True
        self.backup_if_due()

    def while_idle(self) -> Path | None:
        """What an open project does between actions (the app calls it every minute): refresh
        the lock, so another machine never takes a long idle session's lock for a crashed
        one's, bring the project file up to date, and make the rolling backup that is due."""
        if self._locked:
            lock.heartbeat(self.path)
        self.checkpoint()
        return self.backup_if_due()

    def checkpoint(self) -> None:
        """Copy the commits waiting in the write-ahead log into the project file itself. Until
        then they are in the "-wal" file beside it, and a copy of the .realist file alone (to a
        USB stick, for a colleague) misses them: one copied while the app was open, after an
        hour's coding, had none of it. PASSIVE: it waits for no reader, and what it cannot
        copy now is copied the next time."""
        if self.readonly or not self._changed_since_checkpoint:
            return
        self._changed_since_checkpoint = False
        try:
            with self.engine.connect() as conn:
                busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").first()
        except (DBAPIError, sqlite3.Error):
            busy = None
        if busy is None or busy[0] or busy[1] != busy[2]:  # stopped, or some pages left
            self._changed_since_checkpoint = True

    def backup_if_due(self) -> Path | None:
        """A rolling backup when there are commits no backup holds yet and the interval has
        passed. Called after each commit, on close and by the app when idle, so the last
        changes of a session reach a backup even when no further commit comes."""
        if self.readonly or not self._changed_since_backup:
            return None
        if time.monotonic() - self._last_backup < self.backup_policy.interval_minutes * 60:
            return None
        if not self._backup_guard.acquire(blocking=False):
            return None
        try:
            return self.try_backup()
        finally:
            self._backup_guard.release()

    def try_backup(self) -> Path | None:
        """A rolling backup that never fails the action that triggered it (already committed):
        a failure (disk full, folder not writable) is kept in `backup_error` for the UI."""
        try:
            made = self.backup_now()
        except (OSError, sqlite3.Error, StorageError) as exc:
            self.backup_error = f"the automatic backup failed: {exc}"
            return None
        self.backup_error = ""
        return made

    def backup_now(self) -> Path:
        """A rolling backup now (the policy's interval counts from here)."""
        self._last_backup = time.monotonic()
        self._changed_since_backup = False  # before: a commit during the backup sets it again
        return rolling_backup(self.path, self.backup_policy)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only look; nothing is committed (closing ends the read transaction)."""
        try:
            with self._sessions() as session:
                yield session
        except (DBAPIError, sqlite3.Error) as exc:  # e.g. damage found while reading
            ours = translate(self.path, exc)
            if ours is None:
                raise
            raise ours from exc

    def close(self) -> None:
        self.backup_if_due()  # while the lock is still held
        self.engine.dispose()
        if self._tidy:
            tidy_after_reading(self.path)
        if self._locked:
            self._locked = False
            lock.release(self.path)


def check_is_project(path: Path) -> None:
    """Refuse, with a clear reason, anything that is not one of our project files."""
    if not path.exists():
        raise ProjectMissing(path, "no such project file")
    if path.is_dir():
        raise NotAProject(path, "is a folder, not a project file")
    header = read_header(path)
    if header is None:
        raise NotAProject(path, "is not a regular file (a device, a pipe or unreadable)")
    if not header.is_sqlite:
        _damaged_if_backed_up(path, "it is empty" if not header.raw else "its header is gone")
        raise NotAProject(path, "is not a Realist Coder project (not an SQLite database)")
    if not header.is_ours:
        _damaged_if_backed_up(path, "its header is not a project's")
        raise NotAProject(path, "is an SQLite database but not a Realist Coder project")


def _damaged_if_backed_up(path: Path, detail: str) -> None:
    """A file with our backups beside it was one of our projects: emptied or overwritten (a
    failed sync or copy), it is damage to recover from, not a stranger to turn away."""
    if list_backups(path):
        raise DamagedProject(path, DAMAGE_ADVICE.format(detail=detail))


def create_database(path: Path, settings: Mapping[str, str] | None = None) -> Database:
    """A new, empty project at `path`, holding `settings`, opened and locked for writing.

    Built complete in a hidden file beside it and only then given its name (storage/atomic.py),
    so a process killed at any moment leaves either nothing at `path` or a whole project.
    """
    path = Path(path)
    if path.exists():
        raise ProjectExists(path, EXISTS_MESSAGE)
    if not path.parent.exists():
        raise StorageError(path, f"the folder {path.parent} does not exist")
    check_output(path)  # not another project's -wal, lock or backups folder either
    lock.acquire(path)
    tmp = temp_beside(path)
    try:
        _build(tmp, settings or {})
        place_new(tmp, path)
        return Database(path, _make_engine(path), locked=True)
    except Exception as exc:
        discard(tmp)
        lock.release(path)
        ours = translate(path, exc)
        if ours is not None:
            raise ours from exc
        raise


def _build(tmp: Path, settings: Mapping[str, str]) -> None:
    """The whole new project in `tmp`, then closed: checkpointed, so no -wal or -shm remains
    and the file alone is the project (WAL mode is recorded in its header)."""
    engine = _make_engine(tmp)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
            conn.exec_driver_sql("PRAGMA journal_mode=WAL")
            # One transaction: Python's sqlite3 begins none for DDL, so each CREATE was a commit
            # of its own, synced to disk (13 ms of a 28 ms creation, measured).
            conn.exec_driver_sql("BEGIN")
            migrate.create_schema(conn)
            migrate.stamp_head(conn)
            if settings:
                conn.execute(insert(ProjectSetting), [
                    {"key": key, "value": value} for key, value in settings.items()])
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()


def open_database(
    path: Path, readonly: bool = False, *, force: bool = False,
    policy: BackupPolicy | None = None, upgrade_attributes: Mapping[str, str] | None = None,
) -> Database:
    """Open a project: lock (writable only), check it is sound, upgrade (after a backup) an
    older schema, refuse a newer one, and make the rolling on-open backup.

    `force` clears another host's lock older than lock.REMOTE_STALE_AFTER. `policy` overrides
    the backup policy stored in the file (tests, scripts). `upgrade_attributes` are handed to
    the migrations an upgrade runs (who the coder at this keyboard is, `coder_name`...).
    """
    path = Path(path)
    check_is_project(path)
    if not readonly:
        lock.acquire(path, force=force)
    tidy = readonly and not has_companions(path)
    engine: Engine | None = None
    try:
        check_sound(path)
        revision = _refuse_newer(path)
        if revision is None:
            _damaged_if_backed_up(path, "its schema version table is gone")
            raise NotAProject(path, (
                "carries Realist Coder's mark but has no schema version, so it was not made by "
                "this app (or its tables are damaged); it was not changed"))
        engine = _make_engine(path, readonly=readonly)
        _upgrade_if_needed(path, engine, revision, readonly, upgrade_attributes)
        if readonly:
            with engine.connect() as conn:
                return Database(path, engine, readonly=True, policy=policy or _stored_policy(conn),
                                tidy=tidy)
        with engine.begin() as conn:
            conn.execute(text("PRAGMA journal_mode=WAL"))
            policy = policy or _stored_policy(conn)
        db = Database(path, engine, locked=True, policy=policy)
        age = newest_auto_age_minutes(path)
        if age is None or age >= policy.interval_minutes:
            db.try_backup()
        return db
    except Exception as exc:
        if engine is not None:
            engine.dispose()
        if not readonly:
            lock.release(path)
        elif tidy:
            tidy_after_reading(path)
        ours = translate(path, exc)
        if ours is not None:
            raise ours from exc
        raise


def _refuse_newer(path: Path) -> str | None:
    """The file's schema revision, read through a read-only connection; NewerVersion if this
    app does not know it. Read-only because merely closing a writable connection checkpoints a
    WAL left by the newer app (its last transactions) into the file, which would change it."""
    probe = _make_engine(path, readonly=True)
    try:
        with probe.connect() as conn:
            revision = migrate.current_revision(conn)
    finally:
        probe.dispose()
    if revision is not None and not migrate.is_known(revision):
        raise NewerVersion(
            path,
            "was saved by a newer version of Realist Coder; update the app to open it "
            "(the file was not changed)",
        )
    return revision


def is_current(path: Path) -> bool:
    """Is the file at this app's schema revision (read without writing to it)?"""
    try:
        return _refuse_newer(path) == migrate.head_revision()
    except StorageError:
        return False


def _upgrade_if_needed(path: Path, engine: Engine, revision: str | None, readonly: bool,
                       attributes: Mapping[str, str] | None = None) -> None:
    if revision != migrate.head_revision():
        if readonly:
            raise StorageError(path, "needs an upgrade, which a read-only open cannot do")
        from storage.backup import backup_before_migration

        backup_before_migration(path, revision)
        try:
            with engine.begin() as conn:
                migrate.upgrade_to_head(conn, attributes=attributes)
        finally:
            engine.dispose()  # the upgrade ran with foreign keys off: fresh connections only


BACKUP_KEEP_KEY = "backup_keep"
BACKUP_INTERVAL_KEY = "backup_interval_minutes"


def _stored_policy(conn: Any) -> BackupPolicy:
    rows = dict(conn.execute(
        text("SELECT key, value FROM project_settings WHERE key IN (:k, :i)"),
        {"k": BACKUP_KEEP_KEY, "i": BACKUP_INTERVAL_KEY},
    ).all())
    default = BackupPolicy()
    try:
        keep = int(rows.get(BACKUP_KEEP_KEY, default.keep))
        interval = float(rows.get(BACKUP_INTERVAL_KEY, default.interval_minutes))
    except ValueError:
        return default
    return BackupPolicy(keep=max(keep, 1), interval_minutes=max(interval, 0.0))
