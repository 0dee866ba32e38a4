from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from storage import migrate
from storage.backup import backup_dir
from storage.database import APPLICATION_ID, create_database, open_database
from storage.errors import NewerVersion, NotAProject, ProjectExists, ProjectMissing
from storage.models import Base


def _pragma(path: Path, name: str) -> object:
    con = sqlite3.connect(path)
    try:
        return con.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        con.close()


def test_new_file_has_wal_application_id_and_head_revision(tmp_path: Path) -> None:
    path = tmp_path / "p.realist"
    create_database(path).close()
    assert _pragma(path, "journal_mode") == "wal"
    assert _pragma(path, "application_id") == APPLICATION_ID
    con = sqlite3.connect(path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == migrate.head_revision()
    con.close()


def test_foreign_keys_are_enforced_on_every_connection(tmp_path: Path) -> None:
    db = create_database(tmp_path / "p.realist")
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), db.transaction() as s:
        s.execute(text(
            "INSERT INTO \"references\" (guid, document_id, node_id, start, \"end\", created_at,"
            " relevance, rigour, rating_note) VALUES ('g', 99, 99, 0, 1, '2020-01-01',"
            " 'not_rated', 'not_rated', '')"
        ))
    db.close()


def test_refuses_existing_file_missing_file_and_foreign_files(tmp_path: Path) -> None:
    path = tmp_path / "p.realist"
    create_database(path).close()
    with pytest.raises(ProjectExists):
        create_database(path)
    with pytest.raises(ProjectMissing):
        open_database(tmp_path / "nope.realist")
    text_file = tmp_path / "notes.realist"
    text_file.write_text("hello")
    with pytest.raises(NotAProject, match="not an SQLite database"):
        open_database(text_file)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(NotAProject, match="not a Realist Coder project"):
        open_database(other)


def test_newer_version_is_refused_and_file_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "p.realist"
    create_database(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(NewerVersion, match="newer version"):
        open_database(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_newer_version_with_its_last_work_still_in_the_wal_is_not_checkpointed(
    tmp_path: Path,
) -> None:
    """A newer app that crashed leaves its last transactions in the -wal file. Refusing must
    not fold them into the file (closing a writable connection would checkpoint them)."""
    path = tmp_path / "p.realist"
    create_database(path).close()
    newer_app = (
        "import os, sqlite3, sys\n"
        "con = sqlite3.connect(sys.argv[1])\n"
        "con.execute('PRAGMA wal_autocheckpoint=0')\n"
        "con.execute(\"UPDATE alembic_version SET version_num = '9999_future'\")\n"
        "con.commit()\n"
        "os._exit(0)\n"  # no clean close: the WAL stays, as after a crash
    )
    subprocess.run([sys.executable, "-c", newer_app, str(path)], check=True)

    def files() -> dict[str, str | None]:
        return {suffix: hashlib.sha256(Path(f"{path}{suffix}").read_bytes()).hexdigest()
                if Path(f"{path}{suffix}").exists() else None for suffix in ("", "-wal")}

    before = files()
    assert before["-wal"] is not None
    for readonly in (False, True):
        with pytest.raises(NewerVersion, match="newer version.*not changed"):
            open_database(path, readonly=readonly)
    assert files() == before


def test_migrations_build_the_same_schema_as_the_models(tmp_path: Path) -> None:
    """A file upgraded revision by revision must equal a file created fresh."""
    from sqlalchemy import create_engine, inspect

    engine = create_engine(f"sqlite:///{tmp_path / 'migrated.db'}")
    with engine.begin() as conn:
        migrate.upgrade_to_head(conn)
    migrated = inspect(engine)
    for table in Base.metadata.sorted_tables:
        columns = {c["name"] for c in migrated.get_columns(table.name)}
        assert columns == {c.name for c in table.columns}, table.name
    engine.dispose()


def test_our_mark_without_a_schema_version_is_never_migrated(tmp_path: Path) -> None:
    """Issue 18: a file with our application id but no schema version table was "upgraded" from
    nothing — tables created in a stranger's database (or over a damaged project's remains).
    It is refused, read-only or not, and not changed; older revisions still upgrade (the
    0002 tests below)."""
    path = tmp_path / "old.realist"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA application_id={APPLICATION_ID}")
    con.execute("CREATE TABLE keep_me (x)")
    con.commit()
    con.close()
    before = path.read_bytes()
    for readonly in (False, True):
        with pytest.raises(NotAProject, match="no schema version.*not changed"):
            open_database(path, readonly=readonly)
    assert path.read_bytes() == before and not backup_dir(path).exists()


def test_written_down_head_matches_the_migration_scripts() -> None:
    assert migrate.script_head() == migrate.SCHEMA_HEAD


def test_our_stamp_writes_what_alembics_stamp_writes(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    def stamped(name: str, stamp) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
        engine = create_engine(f"sqlite:///{tmp_path / name}")
        with engine.begin() as conn:
            Base.metadata.create_all(conn)
            stamp(conn)
        con = sqlite3.connect(tmp_path / name)
        rows = sorted(con.execute("SELECT type, name, sql FROM sqlite_master").fetchall())
        rows += con.execute("SELECT version_num FROM alembic_version").fetchall()
        con.close()
        engine.dispose()
        return rows

    ours = stamped("ours.db", migrate.stamp_head)
    alembics = stamped("alembic.db", lambda conn: command.stamp(migrate.alembic_config(conn),
                                                               "head"))
    assert ours == alembics and ours[-1] == (migrate.SCHEMA_HEAD,)


def test_the_schema_a_new_project_gets_is_what_create_all_builds(tmp_path: Path) -> None:
    from sqlalchemy import create_engine

    def built(name: str, build) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
        engine = create_engine(f"sqlite:///{tmp_path / name}")
        with engine.begin() as conn:
            build(conn)
        con = sqlite3.connect(tmp_path / name)
        rows = sorted(con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
        # where each table's pages begin: as they always have (the nodes table first), which
        # the damaged-file tests, overwriting the first pages, rely on
        rows += sorted(con.execute("SELECT name, rootpage FROM sqlite_master WHERE type = 'table'"))
        con.close()
        engine.dispose()
        return rows

    ours = built("ours.db", migrate.create_schema)
    assert ours == built("all.db", Base.metadata.create_all)
    assert {"documents", "references", "document_runs"} <= {row[1] for row in ours}


REVISION_0002 = '''
import sqlalchemy as sa
from alembic import op

revision = "9999_test"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("added_in_0002", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("INSERT INTO added_in_0002 (id) VALUES (1)")
    with op.batch_alter_table("nodes") as batch:
        batch.add_column(sa.Column("added_in_0002", sa.Text(), nullable=True))
    if {fail}:
        raise RuntimeError("the migration broke half-way")
'''


def _scripts_with_0002(tmp_path: Path, fail: bool) -> Path:
    """The real migrations plus a revision on top that changes the schema, then maybe fails."""
    import shutil

    scripts = tmp_path / f"migrations-{'failing' if fail else 'ok'}"
    shutil.copytree(migrate.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9999_test.py").write_text(
        REVISION_0002.replace("{fail}", str(fail)).replace("{head}", migrate.SCHEMA_HEAD))
    return scripts


def _schema(path: Path) -> tuple[object, ...]:
    con = sqlite3.connect(path)
    try:
        return (con.execute("SELECT version_num FROM alembic_version").fetchone()[0],
                sorted(con.execute("SELECT name, sql FROM sqlite_master").fetchall()),
                con.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        con.close()


def test_a_migration_failing_half_way_leaves_the_file_at_its_old_revision(tmp_path: Path) -> None:
    """SQLite can roll back schema changes, but the driver commits DDL on its own unless told
    not to: every revision of an upgrade must land together or not at all."""
    from storage.database import _make_engine

    path = tmp_path / "p.realist"
    create_database(path).close()
    before = _schema(path)
    engine = _make_engine(path)
    with pytest.raises(RuntimeError, match="half-way"), engine.begin() as conn:
        migrate.upgrade_to_head(conn, _scripts_with_0002(tmp_path, fail=True))
    engine.dispose()
    assert _schema(path) == before

    engine = _make_engine(path)
    with engine.begin() as conn:
        migrate.upgrade_to_head(conn, _scripts_with_0002(tmp_path, fail=False))
    engine.dispose()
    version, tables, ok = _schema(path)
    assert version == "9999_test" and ok == "ok"
    assert "added_in_0002" in str(tables)
