"""The audit trail: every change to a theory is logged with its reason, in the change's own
transaction; undo takes the entry back and redo puts the same row back."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.errors import InvalidInput
from coding.history import restore_snapshot, snapshot_nodes
from coding.nodes import delete_node
from coding.project import Project
from coding.realist.evidence import override_status
from coding.realist.theories import (
    add_element,
    add_theory,
    delete_theory,
    element_node,
    find_theory,
    list_theories,
    remove_element,
    update_theory,
)
from coding.realist.theory_development import developments, export_history_csv
from coding.theory_log import NODE_DELETED, Journal, all_entries, entries_for, log_rows


def guid(project: Project, label: str) -> str:
    return next(t.guid for t in list_theories(project) if t.label == label)


def actions(project: Project, label: str) -> list[tuple[str, str, str, str, str]]:
    return [(e.action, e.field, e.old_value, e.new_value, e.reason)
            for e in entries_for(project, guid(project, label))]


def test_every_kind_of_change_is_logged_with_old_and_new_text(empty_project: Project) -> None:
    p = empty_project
    t = add_theory(p, "T1", topic="Take-up", statement="If A then B", contexts=["Rural"],
                   journal=Journal(reason="from the stakeholder workshop"))
    update_theory(p, t, statement="If A then C", topic="Uptake", label="T1b",
                  journal=Journal(reason="the trial says C"))
    update_theory(p, t, statement="If A then C", topic="Uptake")  # nothing changes: no entry
    trust = element_node(p, "mechanism", "Trust", "new")
    add_element(p, t, trust, journal=Journal(reason="seen in Smith"))
    add_element(p, t, trust)  # already there: no entry
    remove_element(p, t, trust, Journal(reason="Smith was about a different programme"))
    override_status(p, t, "partial", "Only the context so far")
    override_status(p, t, "partial", "Only the context so far")  # the same: no entry
    override_status(p, t, None, journal=Journal(reason="evidence arrived"))
    assert actions(p, "T1b") == [
        ("created", "", "", "If A then B", "from the stakeholder workshop"),
        ("edited", "label", "T1", "T1b", "the trial says C"),
        ("edited", "topic", "Take-up", "Uptake", "the trial says C"),
        ("edited", "statement", "If A then B", "If A then C", "the trial says C"),
        ("element_added", "mechanism", "", "Trust", "seen in Smith"),
        ("element_removed", "mechanism", "Trust", "", "Smith was about a different programme"),
        ("status_set", "status", "", "partial", "Only the context so far"),  # rationale = reason
        ("status_cleared", "status", "partial", "", "evidence arrived"),
    ]
    entries = entries_for(p, guid(p, "T1b"))
    assert entries[0].detail == ("Topic: Take-up. Origin: initial. Contexts: Rural. "
                                 "Mechanisms: (none). Outcomes: (none).")
    assert entries[4].detail == "a refinement, added during coding"
    assert [e.label for e in entries] == ["T1", "T1b", "T1b", "T1b", "T1b", "T1b", "T1b", "T1b"]
    from coding.identity import current_identity

    assert {e.coder for e in entries} == {current_identity().name}  # the session's coder
    key = guid(p, "T1b")
    delete_theory(p, t, Journal(reason="merged into T2"))
    assert entries_for(p, key)[-1].action == "deleted"  # the log outlives the theory
    assert entries_for(p, key)[-1].old_value == "If A then C"


def test_a_refused_change_logs_nothing(empty_project: Project) -> None:
    p = empty_project
    t = add_theory(p, "T1", topic="Take-up")
    add_theory(p, "T2", topic="Take-up")
    before = all_entries(p)
    with pytest.raises(InvalidInput):
        update_theory(p, t, label="T2", journal=Journal(reason="clash"))
    with pytest.raises(InvalidInput):
        override_status(p, t, "partial", "  ")
    assert all_entries(p) == before


def test_undo_deletes_the_entry_and_redo_puts_the_same_row_back(empty_project: Project) -> None:
    p = empty_project
    t = add_theory(p, "T1", topic="Take-up", statement="If A then B")
    changes = update_theory(p, t, statement="If A then C", journal=Journal(reason="why not"))
    rows = log_rows(p, changes.theory_log)
    assert [r["new_value"] for r in rows] == ["If A then C"]
    update_theory(p, t, statement="If A then B", journal=Journal(undo_of=tuple(changes.theory_log)))
    assert [a[0] for a in actions(p, "T1")] == ["created"]
    update_theory(p, t, statement="If A then C", journal=Journal(redo_of=rows))
    assert log_rows(p, changes.theory_log) == rows  # same id, time and reason


def test_the_appendix_has_initial_wording_changes_and_final_status(demo: Project,
                                                                   tmp_path: Path) -> None:
    t4 = find_theory(demo, "T4")
    update_theory(demo, t4, statement="If trust builds, confidence grows.",
                  journal=Journal(reason="Kinship study"))
    delete_theory(demo, find_theory(demo, "N3"), Journal(reason="no evidence in 4 studies"))
    devs = {d.label: d for d in developments(demo)}
    assert devs["T4"].initial_wording.startswith("If a mother is supported over several weeks")
    assert devs["T4"].final_status == "refined"
    assert [e.action for e in devs["T4"].entries] == ["created", "element_added", "edited"]
    assert {f.element: f.document for f in devs["T4"].first_evidence}[
        "Trust builds over weeks"] == "04_Kinship_study"
    assert devs["N3"].deleted and devs["N3"].final_status == "deleted"
    assert devs["N1"].final_status == "partly supported: no mechanism evidence"
    out = tmp_path / "history.csv"
    assert export_history_csv(demo, out) == 8
    import csv

    with out.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["theory"] == "T4"]
    edit = next(r for r in rows if r["action"] == "edited")
    assert (edit["field"], edit["new_value"], edit["reason"]) == (
        "statement", "If trust builds, confidence grows.", "Kinship study")
    assert {r["final_status"] for r in rows} == {"refined"}
    assert sum(r["action"] == "first_evidence" for r in rows) == 4


def test_each_entry_names_the_coder_who_made_the_change(tmp_path: Path) -> None:
    """A second reviewer's refinements are told apart from the first reviewer's (issue 16)."""
    from coding.identity import CoderIdentity

    path = tmp_path / "two.realist"
    with Project.create(path, coder=CoderIdentity("Ada Lovelace", "AL", "")) as p:
        add_theory(p, "T1", topic="Take-up", statement="If A then B", contexts=["Rural"])
    with Project.open(path, coder=CoderIdentity("Grace Hopper", "GH", "")) as p:
        update_theory(p, find_theory(p, "T1"), statement="If A then C")
        assert [(e.action, e.coder) for e in entries_for(p, guid(p, "T1"))] == [
            ("created", "Ada Lovelace"), ("edited", "Grace Hopper")]


def test_an_element_deleted_with_its_node_is_logged_and_undone(empty_project: Project) -> None:
    """The database's cascade takes the element with its node; the log says so, and an undo
    of the delete takes the entry back with the node."""
    p = empty_project
    add_theory(p, "T1", topic="Take-up", statement="If A then B", contexts=["Rural"],
               mechanisms=["Trust"])
    add_theory(p, "T2", topic="Take-up", statement="If C then B", mechanisms=["Trust"])
    node = element_node(p, "mechanism", "Trust", "initial")
    snapshot = snapshot_nodes(p, node)
    changes = delete_node(p, node)
    lost = [e for e in all_entries(p) if e.detail == NODE_DELETED]
    assert [(e.label, e.action, e.field, e.old_value) for e in lost] == [
        ("T1", "element_removed", "mechanism", "Trust"),
        ("T2", "element_removed", "mechanism", "Trust")]
    assert sorted(changes.theory_log) == [e.id for e in lost]
    rows = log_rows(p, changes.theory_log)
    restore_snapshot(p, snapshot, Journal(undo_of=tuple(changes.theory_log)))
    assert [e for e in all_entries(p) if e.detail == NODE_DELETED] == []
    assert [el.name for el in next(t for t in list_theories(p) if t.label == "T2").elements] \
        == ["Trust"]
    delete_node(p, node, Journal(redo_of=rows))  # a redo: the same rows, times included
    assert [e for e in all_entries(p) if e.detail == NODE_DELETED] == lost


def test_renaming_or_re_roling_an_element_is_logged_and_undone(empty_project: Project) -> None:
    from coding.nodes import update_node

    p = empty_project
    trust = element_node(p, "mechanism", "Trust", "initial")
    add_theory(p, "T1", topic="Take-up", element_nodes=[trust])
    plain = element_node(p, "context", "Rural", "initial")  # no theory's element: nothing logged
    assert update_node(p, plain, name="Rural area").theory_log == frozenset()
    count = len(all_entries(p))

    renamed = update_node(p, trust, name="Trust builds")
    assert [e.describe() for e in entries_for(p, guid(p, "T1"))][-1] == \
        "mechanism edited: 'Trust' → 'Trust builds'"
    rows = log_rows(p, renamed.theory_log)
    update_node(p, trust, name="Trust", journal=Journal(undo_of=tuple(renamed.theory_log)))
    assert len(all_entries(p)) == count  # undone: the entry goes
    update_node(p, trust, name="Trust builds", journal=Journal(redo_of=rows))
    assert log_rows(p, renamed.theory_log) == rows  # redone: the same row, same time

    update_node(p, trust, role="context")
    assert [e.describe() for e in entries_for(p, guid(p, "T1"))][-1] == \
        "element role edited: 'Trust builds (mechanism)' → 'Trust builds (context)'"
    assert update_node(p, trust, color="#112233").theory_log == frozenset()
