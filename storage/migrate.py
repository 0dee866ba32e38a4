"""Schema versions: Alembic revisions, run on open, with a backup before any upgrade."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# The newest revision, written down so that opening an up-to-date project (the common case)
# needs no Alembic import (~0.1 s of every command's start-up). A test keeps it equal to
# the script directory's head; bump it with every new revision.
SCHEMA_HEAD = "0001"


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
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


def upgrade_to_head(connection: Connection) -> None:
    from alembic import command

    command.upgrade(alembic_config(connection), "head")


def stamp_head(connection: Connection) -> None:
    from alembic import command

    command.stamp(alembic_config(connection), "head")
