"""Schema versions: Alembic revisions, run on open, with a backup before any upgrade."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import (
    Column,
    Connection,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    inspect,
    text,
)
from sqlalchemy.schema import CreateIndex, CreateTable, sort_tables_and_constraints

if TYPE_CHECKING:
    from alembic.config import Config

# Package data, found the same way from a checkout, an installed wheel and a PyInstaller bundle;
# Alembic reads the scripts from a real folder, which all three have (no zipped installs). Always
# `files(parent) / child`: the bundle answers `files(package)` itself with a MultiplexedPath, whose
# str() is no path, but a child of it is a plain one.
MIGRATIONS_DIR = Path(str(files("storage") / "migrations"))
# The newest revision, written down so that opening an up-to-date project (the common case)
# needs no Alembic import (~0.1 s of every command's start-up). A test keeps it equal to
# the script directory's head; bump it with every new revision.
SCHEMA_HEAD = "0007_deleted_references"


def alembic_config(
    connection: Connection | None = None, directory: Path = MIGRATIONS_DIR,
    attributes: Mapping[str, str] | None = None,
) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(directory))
    config.attributes.update(attributes or {})
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return SCHEMA_HEAD


def script_head() -> str:
    """The head as Alembic's script directory sees it (tests compare it with SCHEMA_HEAD)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def is_known(revision: str) -> bool:
    return revision == SCHEMA_HEAD or revision in known_revisions()


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


@contextmanager
def schema_transaction(connection: Connection) -> Iterator[None]:
    """Make the schema changes inside the caller's `engine.begin()` one atomic transaction.

    Python's sqlite3 driver (3.11) begins a transaction only before INSERT/UPDATE/DELETE and runs
    CREATE, DROP and ALTER outside one, each committed at once; so a migration that failed or
    was killed half-way left its first tables behind, and the next open failed on them. Here
    the driver leaves transactions to us and we BEGIN before anything runs; the caller's
    commit or rollback ends it. Call it on a fresh connection (switching the driver commits
    anything pending).

    Foreign keys are switched off first (SQLite ignores the switch inside a transaction), as
    SQLite's own procedure for rebuilding a table asks: batch mode drops and re-creates a table,
    and with them on, dropping `references` would cascade-delete the memos on its rows. The
    caller checks them before committing (`upgrade_to_head`) and must not reuse the connection
    afterwards (`storage.database` disposes the engine's pool).
    """
    driver = connection.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    previous = driver.isolation_level
    driver.isolation_level = None
    try:
        driver.execute("PRAGMA foreign_keys=OFF")
        driver.execute("BEGIN IMMEDIATE")
        yield
    finally:
        driver.isolation_level = previous  # the BEGUN transaction stays open for the caller


def upgrade_to_head(
    connection: Connection, directory: Path = MIGRATIONS_DIR,
    attributes: Mapping[str, str] | None = None,
) -> None:
    """Every pending revision, all in one transaction (the caller's `engine.begin()`): an error
    or a crash part-way leaves the file exactly at its old revision. `attributes` reach the
    revisions as `context.config.attributes` (e.g. `coder_name`, who owns existing coding)."""
    from alembic import command

    with schema_transaction(connection):
        command.upgrade(alembic_config(connection, directory, attributes), "head")
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
        if broken:
            raise RuntimeError(f"the upgrade would leave {len(broken)} broken link(s), "
                               f"first in table {broken[0][0]}; nothing was changed")


def stamp_head(connection: Connection) -> None:
    """Record, in a schema `create_all` has just built, that it is at SCHEMA_HEAD: the table and
    row `alembic stamp head` writes (`alembic_version`, primary key `alembic_version_pkc`),
    without loading every revision's script to find the head - a quarter of creating a
    project. A test holds SCHEMA_HEAD to the scripts' head, and the schema to Alembic's own
    stamp."""
    version = Table("alembic_version", MetaData(),
                    Column("version_num", String(32), nullable=False),
                    PrimaryKeyConstraint("version_num", name="alembic_version_pkc"))
    version.create(connection)
    connection.execute(version.insert().values(version_num=SCHEMA_HEAD))


def create_schema(connection: Connection) -> None:
    """Build the whole current schema in a new, empty database: what `create_all` builds, from
    statements compiled once a process. `create_all` asks the file about every table first and
    compiles each statement anew: 20 ms of a project's 36 ms creation, measured, which is an
    eighth of importing ten short articles into it; these statements run in 3."""
    from storage.models import Base

    for statement in _schema_statements(connection.dialect.name):
        connection.exec_driver_sql(statement)
    # what is added once every table is there (SQLite's triggers, storage/models/coding.py)
    Base.metadata.dispatch.after_create(Base.metadata, connection, checkfirst=False,
                                        tables=Base.metadata.sorted_tables)


@cache
def _schema_statements(dialect_name: str) -> tuple[str, ...]:
    from sqlalchemy.dialects import registry

    from storage.models import Base

    dialect = registry.load(dialect_name)()
    statements = []
    # create_all's order (foreign keys first, else as the models define them), so a new file's
    # pages lie as they always have: the nodes table first
    ordered = sort_tables_and_constraints(  # type: ignore[no-untyped-call]
        list(Base.metadata.tables.values()))
    for table in (table for table, _constraints in ordered if table is not None):
        statements.append(str(CreateTable(table).compile(dialect=dialect)))
        statements.extend(str(CreateIndex(index).compile(dialect=dialect))
                          for index in sorted(table.indexes, key=lambda index: str(index.name)))
    return tuple(statements)
