"""Every path that deletes a reference leaves its GUID in `deleted_references`; every path that
puts it back clears it. A merge reads them (test_merge_projects.py); here, the bookkeeping."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from coding.document_history import delete_with_snapshot, restore_document
from coding.documents import find_document, import_files
from coding.nodes import add_node, delete_node, find_node
from coding.project import Project
from coding.reference_undo import restore_references, undo_coding
from coding.references import code, references_for_document, uncode
from tests.storage.fixtures.make_fixture import fixture_path

TEXT = "Mothers said the peer supporter understood them. Some felt judged by family.\n"


def _gone(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {guid for (guid,) in con.execute("SELECT guid FROM deleted_references")}
    finally:
        con.close()


def _project(tmp_path: Path) -> tuple[Path, list[str]]:
    source = tmp_path / "Smith.txt"
    source.write_text(TEXT, encoding="utf-8")
    path = tmp_path / "p.realist"
    with Project.create(path) as p:
        import_files(p, [source])
        doc = find_document(p, "Smith")
        node = add_node(p, "Mechanisms/Understood", role="mechanism")
        other = add_node(p, "Contexts/Judged", role="context")
        code(p, doc, 17, 47, [node])
        code(p, doc, 54, 75, [other])
        guids = [r.guid for r in references_for_document(p, doc)]
    return path, guids


def test_uncoding_leaves_the_guid_and_its_undo_clears_it(tmp_path: Path) -> None:
    path, guids = _project(tmp_path)
    assert _gone(path) == set()
    with Project.open(path) as p:
        result = uncode(p, find_document(p, "Smith"), 17, 47)
    assert _gone(path) == {guids[0]}
    with Project.open(path) as p:
        restore_references(p, result.removed)
    assert _gone(path) == set()


def test_a_node_or_document_deleted_takes_its_references_guids_with_it(tmp_path: Path) -> None:
    path, guids = _project(tmp_path)
    with Project.open(path) as p:
        delete_node(p, find_node(p, "Contexts/Judged"))
    assert _gone(path) == {guids[1]}  # the database's cascade, not our code, deleted it
    with Project.open(path) as p:
        snapshot = delete_with_snapshot(p, find_document(p, "Smith"))
    assert _gone(path) == set(guids)
    with Project.open(path) as p:
        restore_document(p, snapshot)
    assert _gone(path) == {guids[1]}


def test_undoing_a_coding_is_a_deletion_too(tmp_path: Path) -> None:
    """Harmless: nobody else can hold a reference made and undone in this file alone."""
    path, _ = _project(tmp_path)
    with Project.open(path) as p:
        result = code(p, find_document(p, "Smith"), 0, 7, [find_node(p, "Mechanisms/Understood")])
        undo_coding(p, result)
    assert _gone(path) == {result.created[0].guid}


def _schema(path: Path) -> list[tuple[str, str]]:
    con = sqlite3.connect(path)
    try:
        return sorted(con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "OR name = 'deleted_references'").fetchall())
    finally:
        con.close()


def test_an_older_project_upgraded_keeps_count_like_a_new_one(tmp_path: Path) -> None:
    new, _ = _project(tmp_path)
    old = tmp_path / "old.realist"
    shutil.copyfile(fixture_path("0002_page_layout"), old)
    with Project.open(old) as p:
        refs = references_for_document(p, find_document(p, "Smith 2019"))
        uncode(p, refs[0].document_id, refs[0].start, refs[0].end)
    assert _schema(old) == _schema(new) and len(_schema(new)) == 3
    assert refs[0].guid in _gone(old)
