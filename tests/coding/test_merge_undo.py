"""Undoing a node merge puts every row back exactly; redoing it gives the merge's result again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from coding.history import snapshot_merge, undo_merge
from coding.memos import get_memo, set_memo
from coding.nodes import add_node, find_node, merge_nodes
from coding.project import Project
from coding.ratings import rate_reference
from coding.realist.theories import add_theory, element_node, list_theories
from coding.references import code, references_for_node
from coding.theory_log import Journal, entries_for, log_rows
from storage.models import Base, NodeLink
from tests.conftest import add_text_document


def dump(project: Project) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, so 'exactly as before' means exactly (of a deleted reference,
    its GUID, not when: a redo deletes it again, later)."""
    with project.db.reading() as s:
        return {table.name: sorted(tuple(row) for row in s.execute(
                    select(table.c.guid) if table.name == "deleted_references" else select(table)))
                for table in Base.metadata.sorted_tables}


def test_undo_merge_restores_references_memos_children_theories_and_links(demo: Project) -> None:
    p = demo
    source = find_node(p, "Mechanisms/Feeling understood")
    target = find_node(p, "Mechanisms/Expects to be understood by someone who has been there")
    ref = references_for_node(p, source)[0]
    twin = code(p, ref.document_id, ref.start, ref.end, [target]).created[0]  # the merge
    # drops `ref` as a duplicate of `twin`: its memo and rating go to `twin`
    rate_reference(p, ref.id, relevance="high", note="key quote")
    set_memo(p, "reference", ref.id, "memo on the duplicate")
    set_memo(p, "node", source, "source thoughts")
    set_memo(p, "node", target, "target thoughts")
    child = add_node(p, "Mechanisms/Feeling understood/By a peer")
    with p.db.transaction() as s:
        s.add(NodeLink(guid="link-1", source_id=source,
                       target_id=find_node(p, "Outcomes/Feels less alone")))
    before = dump(p)
    assert any(row[1] == source for row in before["theory_elements"])

    snapshot = snapshot_merge(p, source, target)
    logged = tuple(sorted(merge_nodes(p, source, target).theory_log))
    assert logged  # the source is an element of a theory: its log says so
    rows = log_rows(p, logged)
    merged = dump(p)
    assert merged != before
    assert get_memo(p, "node", target).endswith("[Feeling understood] source thoughts")
    assert get_memo(p, "reference", twin.id) == "memo on the duplicate"
    kept = [r for r in references_for_node(p, target) if r.id == twin.id]
    assert (kept[0].relevance, kept[0].rating_note) == ("high", "key quote")

    changes = undo_merge(p, snapshot, Journal(undo_of=logged))
    assert changes.nodes and changes.references and changes.memos
    assert dump(p) == before  # the log entries included
    assert get_memo(p, "reference", ref.id) == "memo on the duplicate"
    assert find_node(p, "Mechanisms/Feeling understood/By a peer") == child

    merge_nodes(p, source, target, Journal(redo_of=rows))  # redo
    assert dump(p) == merged
    undo_merge(p, snapshot, Journal(undo_of=logged))  # and undo again, as Ctrl+Z, Ctrl+Shift+Z,
    assert dump(p) == before  # Ctrl+Z would


def test_a_merge_logs_each_theory_element_it_changes(empty_project: Project) -> None:
    p = empty_project
    trust, rapport, shame = (element_node(p, "mechanism", name, "initial")
                             for name in ("Trust", "Rapport", "Shame"))
    add_theory(p, "1.1", topic="Take-up", element_nodes=[trust, rapport])
    add_theory(p, "1.2", topic="Take-up", element_nodes=[trust, shame])
    merge_nodes(p, trust, rapport)
    guids = {t.label: t.guid for t in list_theories(p)}
    lines = [e.describe() for e in entries_for(p, guids["1.2"])]
    assert lines[-2:] == ["mechanism removed: Trust (merged into Rapport)",
                          "mechanism added: Rapport (merged from Trust)"]
    lines = [e.describe() for e in entries_for(p, guids["1.1"])]
    assert lines[-1] == "mechanism removed: Trust (merged into Rapport)"  # Rapport was one


def test_undo_merge_when_only_the_source_had_a_memo(empty_project: Project, tmp_path: Path) -> None:
    p = empty_project
    doc = add_text_document(p, tmp_path, "d", "abcdefghijklmnopqrstuvwxyz")
    a, b = add_node(p, "A"), add_node(p, "B")
    code(p, doc, 0, 5, [a, b])
    code(p, doc, 10, 15, [a])
    set_memo(p, "node", a, "from A")
    before = dump(p)
    snapshot = snapshot_merge(p, a, b)
    merge_nodes(p, a, b)
    assert get_memo(p, "node", b) == "from A"
    undo_merge(p, snapshot)
    assert dump(p) == before
    assert get_memo(p, "node", b) == ""
