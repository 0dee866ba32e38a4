"""Deleting a theory and restoring its snapshot puts every row back with the same ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.errors import RealistError
from coding.memos import get_memo, set_memo
from coding.nodes import add_node, delete_node, find_node, list_nodes
from coding.project import Project
from coding.realist.evidence import override_status, theory_evidence
from coding.realist.theories import add_theory, delete_theory, find_theory, list_theories
from coding.realist.theory_history import (
    discard_theory,
    restore_theory,
    theory_scaffold,
    theory_snapshot,
)
from coding.realist.topics import list_topics
from coding.references import code, references_for_node
from coding.theory_log import Journal, entries_for, log_rows
from tests.coding.test_merge_undo import dump
from tests.conftest import add_text_document


def test_delete_then_restore_gives_identical_rows_and_evidence(demo: Project,
                                                              tmp_path: Path) -> None:
    p = demo
    theory = next(t for t in list_theories(p) if t.node_id is not None and t.elements)
    doc = add_text_document(p, tmp_path, "extra", "A whole configuration seen at once.")
    code(p, doc, 0, 7, [theory.node_id])
    ref = references_for_node(p, theory.node_id)[-1]
    set_memo(p, "reference", ref.id, "why this excerpt is the whole theory")
    set_memo(p, "node", theory.node_id, "node memo")
    child = add_node(p, f"{next(n.path for n in list_nodes(p) if n.id == theory.node_id)}/Sub")
    code(p, doc, 8, 13, [child])
    override_status(p, theory.id, "unsupported", "the trial says otherwise")
    before, evidence = dump(p), theory_evidence(p)

    snapshot = theory_snapshot(p, theory.id)
    logged = delete_theory(p, theory.id).theory_log  # the "deleted" entry of its log
    rows = log_rows(p, logged)
    deleted = dump(p)
    assert deleted != before
    changes = restore_theory(p, snapshot, Journal(undo_of=tuple(logged)))
    assert changes.theories and changes.nodes and changes.references
    assert dump(p) == before  # theory, elements, memos, nodes, references, log: same ids, values
    assert theory_evidence(p) == evidence  # status, override and rationale included
    assert get_memo(p, "theory", theory.id) == "the trial says otherwise"

    discard_theory(p, snapshot, journal=Journal(redo_of=rows))  # a redo of the delete
    assert dump(p) == deleted
    restore_theory(p, snapshot, Journal(undo_of=tuple(logged)))
    assert dump(p) == before
    with pytest.raises(RealistError, match="already there"):
        restore_theory(p, snapshot)


def test_undoing_a_creation_removes_the_topic_and_folder_it_made_and_nothing_else(
        demo: Project) -> None:
    p = demo
    rural = find_node(p, "Contexts/Rural area")
    before, scaffold = dump(p), theory_scaffold(p)
    add_theory(p, "X1", topic="Brand new topic", element_nodes=[rural])
    snapshot = theory_snapshot(p, find_theory(p, "X1"))
    created = dump(p)
    rows = log_rows(p, [e.id for e in entries_for(p, snapshot.theory["guid"])])
    assert [r["action"] for r in rows] == ["created"]
    assert "Brand new topic" in list_topics(p)

    discard_theory(p, snapshot, scaffold, Journal(undo_of=(rows[0]["id"],)))
    assert dump(p) == before
    restore_theory(p, snapshot, Journal(redo_of=rows))  # redo: the same ids, topic and folder
    assert dump(p) == created

    topic = next(t.topic for t in list_theories(p) if t.label != "X1")
    add_theory(p, "X2", topic=topic)  # an existing topic and folder
    scaffold_2 = theory_scaffold(p)
    add_theory(p, "X3", topic=topic)
    discard_theory(p, theory_snapshot(p, find_theory(p, "X3")), scaffold_2)
    assert topic in list_topics(p)
    assert find_node(p, f"Programme theories/{topic}/X2")


def test_a_theory_whose_own_node_was_deleted_comes_back_without_one(demo: Project) -> None:
    p = demo
    theory = next(t for t in list_theories(p) if t.node_id is not None)
    assert theory.node_id is not None
    delete_node(p, theory.node_id)
    before = dump(p)
    snapshot = theory_snapshot(p, theory.id)
    assert snapshot.nodes is None and not snapshot.folders
    logged = delete_theory(p, theory.id).theory_log
    restore_theory(p, snapshot, Journal(undo_of=tuple(logged)))
    assert dump(p) == before
