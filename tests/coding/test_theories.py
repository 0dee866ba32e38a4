"""Theories as configurations: shared elements, refinements, edits and deletion."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.errors import InvalidInput, NotFound
from coding.ids import DocumentId
from coding.nodes import add_node, find_node, get_node, list_nodes
from coding.project import Project
from coding.realist.theories import (
    add_element,
    add_theory,
    delete_theory,
    element_node,
    find_theory,
    list_theories,
    update_theory,
)
from coding.realist.topics import list_topics
from coding.references import code, references_for_document
from tests.conftest import add_text_document


def test_elements_are_shared_role_nodes_and_the_theory_has_its_own_node(
    empty_project: Project,
) -> None:
    add_theory(empty_project, "T1", topic="Take-up", contexts=["Rural"], outcomes=["Joins"])
    add_theory(empty_project, "T2", topic="Impact", contexts=["Rural"], mechanisms=["Hope"],
               origin="new")
    t1, t2 = list_theories(empty_project)
    assert t1.of_role("context")[0].node_id == t2.of_role("context")[0].node_id
    nodes = {n.path: n for n in list_nodes(empty_project)}
    assert nodes["Contexts/Rural"].role == "context"
    assert nodes["Contexts/Rural"].origin == "deductive"  # created first by an initial theory
    assert nodes["Mechanisms/Hope"].origin == "inductive"
    assert nodes["Programme theories/Take-up/T1"].id == t1.node_id
    assert [e.origin for e in t2.elements] == ["new", "new"]
    assert list_topics(empty_project) == ["Take-up", "Impact"]


def test_refused_inputs(empty_project: Project) -> None:
    add_theory(empty_project, "T1", topic="Take-up")
    with pytest.raises(InvalidInput, match="already exists"):
        add_theory(empty_project, "T1", topic="Take-up")
    with pytest.raises(InvalidInput, match="label"):
        add_theory(empty_project, "  ", topic="Take-up")
    with pytest.raises(InvalidInput, match="origin"):
        add_theory(empty_project, "T2", topic="Take-up", origin="draft")
    plain = add_node(empty_project, "Themes/Trust")
    with pytest.raises(InvalidInput, match="no context/mechanism/outcome role"):
        add_theory(empty_project, "T3", topic="Take-up", element_nodes=[plain])
    with pytest.raises(InvalidInput, match="no context/mechanism/outcome role"):
        add_element(empty_project, find_theory(empty_project, "T1"), plain)
    with pytest.raises(InvalidInput, match="role"):
        element_node(empty_project, "reason", "x", "initial")
    with pytest.raises(NotFound):
        find_theory(empty_project, "T9")
    assert [t.label for t in list_theories(empty_project)] == ["T1"]


def test_edit_and_delete_keep_shared_elements_and_their_coding(
    empty_project: Project, tmp_path: Path
) -> None:
    doc = DocumentId(add_text_document(empty_project, tmp_path, "A", "Rural mothers joined."))
    add_theory(empty_project, "T1", topic="Take-up", contexts=["Rural"])
    t1 = find_theory(empty_project, "T1")
    update_theory(empty_project, t1, statement="If rural...", topic="Access", origin="new")
    (theory,) = list_theories(empty_project)
    assert (theory.statement, theory.topic, theory.origin) == ("If rural...", "Access", "new")
    assert theory.node_id is not None
    own = get_node(empty_project, theory.node_id)  # the tree follows the theory
    assert (own.path, own.description, own.origin) == (
        "Programme theories/Access/T1", "If rural...", "inductive")
    add_theory(empty_project, "T2", topic="Access")
    with pytest.raises(InvalidInput, match="T2 already exists"):
        update_theory(empty_project, t1, label="T2")
    with pytest.raises(InvalidInput, match="label"):
        update_theory(empty_project, t1, label="T/1")
    update_theory(empty_project, t1, label="T1a")
    assert get_node(empty_project, theory.node_id).path == "Programme theories/Access/T1a"
    assert find_theory(empty_project, "T1a") == t1
    delete_theory(empty_project, find_theory(empty_project, "T2"))
    code(empty_project, doc, 0, 5, [find_node(empty_project, "Contexts/Rural")])
    code(empty_project, doc, 0, 20, [theory.node_id])
    delete_theory(empty_project, t1)
    assert list_theories(empty_project) == []
    remaining = references_for_document(empty_project, doc)
    assert [r.node_id for r in remaining] == [find_node(empty_project, "Contexts/Rural")]
    with pytest.raises(NotFound):
        update_theory(empty_project, t1, statement="x")


def test_an_existing_node_in_a_role_folder_takes_the_role_or_is_refused(
    empty_project: Project,
) -> None:
    plain = add_node(empty_project, "Contexts/Rural")  # made by hand, no role yet
    add_node(empty_project, "Contexts/Hope", role="mechanism")
    add_theory(empty_project, "T1", topic="Take-up", contexts=["Rural"])
    (t1,) = list_theories(empty_project)
    assert [(e.node_id, e.role) for e in t1.elements] == [(plain, "context")]
    assert not t1.of_role("mechanism") and t1.is_partial
    with pytest.raises(InvalidInput, match="'Contexts/Hope' is a mechanism, not a context"):
        add_theory(empty_project, "T2", topic="Impact", contexts=["Hope"], outcomes=["Joins"])
    assert [t.label for t in list_theories(empty_project)] == ["T1"]
    assert list_topics(empty_project) == ["Take-up"]  # nothing half-made
    assert "Outcomes/Joins" not in {n.path for n in list_nodes(empty_project)}
