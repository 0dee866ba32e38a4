"""Revision 0006_coders on a file from before coder identity: everything kept, attributed to
the researcher upgrading it; memos on references survive the table rebuild."""

from __future__ import annotations

import getpass
import shutil
import sqlite3
from pathlib import Path

from coding import identity
from coding.coders import list_coders
from coding.documents import list_documents
from coding.nodes import find_node
from coding.project import Project
from coding.references import code, references_for_node
from tests.coding.two_coders import ANA, BEN
from tests.storage.fixtures.make_fixture import HERE

OLD = HERE / "project-0001.realist"


def _old_copy(tmp_path: Path) -> Path:
    path = tmp_path / "old.realist"
    shutil.copyfile(OLD, path)
    return path


def test_existing_work_is_attributed_to_the_researcher_upgrading(tmp_path: Path) -> None:
    path = _old_copy(tmp_path)
    with Project.open(path, coder=ANA) as p:
        (coder,) = list_coders(p)
        assert (coder.name, coder.initials, coder.guid, coder.references) == (
            "Ana Silva", "AS", ANA.guid, 3)
        assert p.coder_id == coder.id
    con = sqlite3.connect(path)
    try:
        assert con.execute('SELECT DISTINCT rated_by_id FROM "references" '
                           "WHERE relevance != 'not_rated'").fetchall() == [(coder.id,)]
        assert con.execute("SELECT DISTINCT coder_id FROM memos").fetchall() == [(coder.id,)]
    finally:
        con.close()


def test_without_a_saved_name_the_login_name_is_used(tmp_path: Path) -> None:
    identity.config_path().unlink()
    path = _old_copy(tmp_path)
    with Project.open(path) as p:
        (coder,) = list_coders(p)
        assert coder.name == getpass.getuser() and coder.references == 3


def test_memos_on_references_survive_the_rebuild_of_references(tmp_path: Path) -> None:
    """Batch mode drops and re-creates `references`; with foreign keys on, that would have
    cascade-deleted the memos on its rows."""
    path = _old_copy(tmp_path)
    con = sqlite3.connect(path)
    con.execute("INSERT INTO memos (guid, target, reference_id, text, created_at, updated_at) "
                "VALUES ('memo-on-ref', 'reference', 1, 'Why this excerpt', '2025-01-01', "
                "'2025-01-01')")
    con.commit()
    con.close()
    with Project.open(path, coder=ANA):
        pass
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT text FROM memos WHERE reference_id = 1").fetchall() == [
            ("Why this excerpt",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()


def test_after_the_upgrade_two_coders_may_code_the_same_span(tmp_path: Path) -> None:
    path = _old_copy(tmp_path)
    with Project.open(path, coder=ANA) as p:
        node = find_node(p, "Mechanisms/Feeling understood")
        ana_ref = references_for_node(p, node)[0]
        doc = list_documents(p)[0].id
    with Project.open(path, coder=BEN) as p:
        result = code(p, doc, ana_ref.start, ana_ref.end, [node])
        assert len(result.created) == 1 and result.removed == ()  # Ana's stays hers
        assert {c.name: c.references for c in list_coders(p)} == {"Ana Silva": 3,
                                                                  "Ben Okafor": 1}
