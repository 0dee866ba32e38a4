from __future__ import annotations

from pathlib import Path

import pytest

from coding.errors import InvalidInput, NotFound
from coding.memos import get_memo, set_memo
from coding.nodes import (
    add_node,
    count_references_under,
    delete_node,
    find_node,
    list_nodes,
    merge_nodes,
    move_node,
    update_node,
)
from coding.project import Project
from coding.references import code, references_for_document
from tests.conftest import add_text_document


def paths(project: Project) -> list[str]:
    return [n.path for n in list_nodes(project)]


def test_add_find_rename_move(empty_project: Project) -> None:
    p = empty_project
    child = add_node(p, "Mechanisms/Empathy", role="mechanism", color="#aabbcc")
    assert paths(p) == ["Mechanisms", "Mechanisms/Empathy"]
    assert find_node(p, "Mechanisms/Empathy") == child == find_node(p, "Empathy")
    assert find_node(p, str(child)) == child
    info = next(n for n in list_nodes(p) if n.id == child)
    assert (info.role, info.origin, info.color, info.depth) == ("mechanism", "inductive", "#AABBCC", 1)
    update_node(p, child, name="Feeling understood")
    other = add_node(p, "Outcomes")
    move_node(p, child, other)
    assert paths(p) == ["Mechanisms", "Outcomes", "Outcomes/Feeling understood"]
    with pytest.raises(InvalidInput):
        move_node(p, other, child)  # inside its own child
    with pytest.raises(InvalidInput):
        add_node(p, "Outcomes")
    with pytest.raises(InvalidInput):
        add_node(p, "A//B")
    with pytest.raises(InvalidInput):
        add_node(p, "X", color="red")
    with pytest.raises(NotFound):
        find_node(p, "Nowhere/Else")


def test_merge_moves_references_and_drops_duplicates(empty_project: Project, tmp_path: Path) -> None:
    p = empty_project
    doc = add_text_document(p, tmp_path, "d", "abcdefghijklmnopqrstuvwxyz")
    a, b = add_node(p, "A"), add_node(p, "B")
    code(p, doc, 0, 5, [a, b])
    code(p, doc, 10, 15, [a])
    set_memo(p, "node", a, "from A")
    merge_nodes(p, a, b)
    refs = references_for_document(p, doc)
    assert [(r.node_id, r.start, r.end) for r in refs] == [(b, 0, 5), (b, 10, 15)]
    assert paths(p) == ["B"]
    assert get_memo(p, "node", b) == "from A"


def test_delete_counts_and_cascades(empty_project: Project, tmp_path: Path) -> None:
    p = empty_project
    doc = add_text_document(p, tmp_path, "d", "abcdefghijklmnopqrstuvwxyz")
    parent = add_node(p, "P")
    child = add_node(p, "P/C")
    code(p, doc, 0, 5, [parent])
    code(p, doc, 6, 9, [child])
    assert count_references_under(p, parent) == 2
    delete_node(p, parent)
    assert paths(p) == [] and references_for_document(p, doc) == []


def test_memos_on_every_target(empty_project: Project, tmp_path: Path) -> None:
    p = empty_project
    doc = add_text_document(p, tmp_path, "d", "text here")
    node = add_node(p, "N")
    set_memo(p, "project", None, "project thoughts")
    set_memo(p, "document", doc, "doc thoughts")
    set_memo(p, "node", node, "v1")
    set_memo(p, "node", node, "v2")
    assert get_memo(p, "project") == "project thoughts"
    assert get_memo(p, "document", doc) == "doc thoughts"
    assert get_memo(p, "node", node) == "v2"
    with pytest.raises(InvalidInput):
        set_memo(p, "nonsense", 1, "x")


def test_add_node_says_which_nodes_it_made_parents_first(empty_project: Project) -> None:
    p = empty_project
    add_node(p, "Mechanisms")
    made: list = []
    leaf = add_node(p, "Mechanisms/Trust/Feels understood", role="mechanism", made=made)
    assert made == [find_node(p, "Mechanisms/Trust"), leaf]  # "Mechanisms" was there already
    again: list = []
    add_node(p, "Mechanisms/Trust/Feels safe", made=again)
    assert again == [find_node(p, "Mechanisms/Trust/Feels safe")]
