"""Revision 0002_page_layout rebuilds `references` (SQLite cannot change its constraints in
place): nothing on a reference may be lost on the way, and the result is the schema a new
project gets."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from coding.memos import get_memo
from coding.project import Project
from storage.models import Base
from tests.storage.fixtures.make_fixture import HERE, fixture_path

KEPT = "id, guid, document_id, node_id, start, \"end\", created_at, relevance, rigour, rating_note"


OLDER = sorted(p.stem.removeprefix("project-") for p in HERE.glob("project-*.realist")
               if p.stem != "project-0002_page_layout")


@pytest.mark.parametrize("revision", OLDER)
def test_memos_on_references_survive_the_rebuild_and_the_schema_is_the_models(
        tmp_path: Path, revision: str) -> None:
    path = tmp_path / "old.realist"
    shutil.copyfile(fixture_path(revision), path)
    con = sqlite3.connect(path)
    ref_ids = [row[0] for row in con.execute('SELECT id FROM "references" ORDER BY id')]
    for ref_id in ref_ids:  # a memo on every excerpt: the drop of the old table cascades to them
        con.execute("INSERT INTO memos (guid, target, reference_id, text, created_at, updated_at)"
                    " VALUES (?, 'reference', ?, ?, '2025-01-01', '2025-01-01')",
                    (f"memo-{ref_id}", ref_id, f"why excerpt {ref_id} matters"))
    con.commit()
    before = con.execute(f'SELECT {KEPT} FROM "references" ORDER BY id').fetchall()
    con.close()

    with Project.open(path) as project:
        for ref_id in ref_ids:
            assert get_memo(project, "reference", ref_id) == f"why excerpt {ref_id} matters"
    con = sqlite3.connect(path)
    after = con.execute(f'SELECT {KEPT} FROM "references" ORDER BY id').fetchall()
    assert after == before  # every column kept (0006 attributes coders and raters on the way)
    regions = con.execute('SELECT region_page, region_left, region_bottom, region_right, '
                          'region_top FROM "references"').fetchall()
    assert regions == [(None,) * 5] * len(after)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()

    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diffs == []
