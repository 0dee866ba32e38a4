"""Opening, creating and talking to a project file.

A project is one SQLite file. Every user action is one `transaction()`: committed at once,
so there is never a "save" and never unsaved work. WAL with synchronous=FULL keeps every
committed transaction through a crash or a power cut (see ARCHITECTURE.md).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from storage import migrate
from storage.errors import NewerVersion, NotAProject, ProjectExists, ProjectMissing, StorageError
from storage.models import Base

PROJECT_SUFFIX = ".realist"
APPLICATION_ID = 0x52434F44  # "RCOD": lets `file` and our own open() recognise a project
SQLITE_MAGIC = b"SQLite format 3\x00"


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _make_engine(path: Path, readonly: bool = False) -> Engine:
    if readonly:
        url = f"sqlite:///file:{path.resolve()}?mode=ro&uri=true"
    else:
        url = f"sqlite:///{path.resolve()}"
    engine = create_engine(url)
    event.listen(engine, "connect", _set_pragmas)
    return engine


class Database:
    """A live project file. Sessions and commits happen here and nowhere else."""

    def __init__(self, path: Path, engine: Engine, readonly: bool = False) -> None:
        self.path = path
        self.engine = engine
        self.readonly = readonly
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: everything inside commits together or not at all."""
        if self.readonly:
            raise StorageError(self.path, "the project is open read-only")
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only look; nothing is committed (closing ends the read transaction)."""
        with self._sessions() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def _check_is_project(path: Path) -> None:
    if not path.exists():
        raise ProjectMissing(path, "no such project file")
    if path.is_dir():
        raise NotAProject(path, "is a folder, not a project file")
    with path.open("rb") as fh:
        head = fh.read(100)
    if not head.startswith(SQLITE_MAGIC):
        raise NotAProject(path, "is not a Realist Coder project (not an SQLite database)")
    app_id = int.from_bytes(head[68:72], "big")
    if app_id != APPLICATION_ID:
        raise NotAProject(path, "is an SQLite database but not a Realist Coder project")


def create_database(path: Path) -> Database:
    path = Path(path)
    if path.exists():
        raise ProjectExists(path, "a file already exists there; choose another name")
    if not path.parent.exists():
        raise StorageError(path, f"the folder {path.parent} does not exist")
    engine = _make_engine(path)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
            conn.exec_driver_sql("PRAGMA journal_mode=WAL")
            Base.metadata.create_all(conn)
            migrate.stamp_head(conn)
    except Exception:
        engine.dispose()
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        raise
    return Database(path, engine)


def open_database(path: Path, readonly: bool = False) -> Database:
    """Open a project, upgrading an older schema (after a backup), refusing a newer one."""
    path = Path(path)
    _check_is_project(path)
    engine = _make_engine(path, readonly=readonly)
    try:
        with engine.connect() as conn:
            revision = migrate.current_revision(conn)
        if revision is not None and not migrate.is_known(revision):
            raise NewerVersion(
                path,
                "was saved by a newer version of Realist Coder; update the app to open it "
                "(the file was not changed)",
            )
        if revision != migrate.head_revision():
            if readonly:
                raise StorageError(path, "needs an upgrade, which a read-only open cannot do")
            from storage.backup import backup_before_migration

            backup_before_migration(path, revision)
            with engine.begin() as conn:
                migrate.upgrade_to_head(conn)
        if not readonly:
            with engine.begin() as conn:
                conn.execute(text("PRAGMA journal_mode=WAL"))
    except Exception:
        engine.dispose()
        raise
    return Database(path, engine, readonly=readonly)
