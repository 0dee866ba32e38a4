"""Disk full, read-only media and damaged files: a clear error, nothing half-applied."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from coding.documents import list_documents
from coding.nodes import add_node, list_nodes
from coding.project import Project
from storage import integrity
from storage.database import Database, _make_engine, open_database
from storage.errors import DamagedProject, DiskFull, ReadOnlyMedium
from tests.conftest import add_text_document


def _integrity(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return str(con.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        con.close()


def test_disk_full_rolls_back_and_says_so(empty_project: Project, tmp_path: Path) -> None:
    """A real SQLITE_FULL: the connection may not grow the file past its current size."""
    db = empty_project.db

    def cap(dbapi: sqlite3.Connection, _record: Any) -> None:
        pages = dbapi.execute("PRAGMA page_count").fetchone()[0]
        dbapi.execute(f"PRAGMA max_page_count={pages + 2}")

    add_node(empty_project, "Before")
    event.listen(db.engine, "connect", cap)
    db.engine.dispose()
    big = tmp_path / "big.txt"
    big.write_text("word " * 200_000, encoding="utf-8")
    from coding.documents import import_files

    with pytest.raises(DiskFull, match="disk is full.*nothing was changed"):
        import_files(empty_project, [big])
    assert list_documents(empty_project) == []
    assert [n.name for n in list_nodes(empty_project)] == ["Before"]
    empty_project.close()
    assert _integrity(empty_project.path) == "ok"


def test_read_only_medium_is_a_clear_error_and_the_file_is_untouched(demo_path: Path) -> None:
    """SQLite opened read-only underneath a writable Database: as on a read-only disk."""
    before = hashlib.sha256(demo_path.read_bytes()).hexdigest()
    db = Database(demo_path, _make_engine(demo_path, readonly=True))
    project = Project(db, 0)
    with pytest.raises(ReadOnlyMedium, match="cannot be written.*nothing was changed"):
        add_node(project, "Never stored")
    db.close()
    assert hashlib.sha256(demo_path.read_bytes()).hexdigest() == before


def _damage(path: Path) -> None:
    """Overwrite a page in the middle of the file (past the header) with garbage."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    data = bytearray(path.read_bytes())
    for page in (2, 3, 4, 5):
        data[page * page_size: page * page_size + 200] = b"\xa5" * 200
    path.write_bytes(bytes(data))


def test_a_damaged_file_is_refused_and_never_written(demo_path: Path) -> None:
    _damage(demo_path)
    before = hashlib.sha256(demo_path.read_bytes()).hexdigest()
    with pytest.raises(DamagedProject, match="damaged.*has not been changed.*backup"):
        open_database(demo_path)
    with pytest.raises(DamagedProject):
        open_database(demo_path, readonly=True)
    assert hashlib.sha256(demo_path.read_bytes()).hexdigest() == before
    assert not Path(f"{demo_path}.lock").exists()
    assert integrity.problems(demo_path)


def test_sound_file_passes_the_full_check(demo_path: Path, tmp_path: Path) -> None:
    with Project.open(demo_path) as project:
        add_text_document(project, tmp_path, "extra", "more text")
    assert integrity.problems(demo_path, full=True) == []


def test_a_newer_file_is_refused_without_a_trace(demo_path: Path) -> None:
    from storage.backup import backup_dir
    from storage.errors import NewerVersion

    con = sqlite3.connect(demo_path)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    before = hashlib.sha256(demo_path.read_bytes()).hexdigest()
    for readonly in (False, True):
        with pytest.raises(NewerVersion, match="newer version.*not changed"):
            open_database(demo_path, readonly=readonly)
    assert hashlib.sha256(demo_path.read_bytes()).hexdigest() == before
    assert not Path(f"{demo_path}.lock").exists() and not backup_dir(demo_path).exists()


def test_every_connection_keeps_committed_transactions_through_power_loss(demo: Project) -> None:
    """WAL + synchronous=FULL (2): a commit returns only after its WAL frames are on disk."""
    from sqlalchemy import text

    with demo.db.reading() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
