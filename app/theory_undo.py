"""Undo for the theory edits made in the app: new and deleted theories, status overrides,
added and removed elements, edits.

Each action runs off the UI thread and returns a `Step`: what changed, and how to take it back
and do it again through the core (each its own transaction). The window's undo stack then holds
it like any coding action, so Ctrl+Z takes back a status override or a refinement too. Each
change's log entries go with it: an undo deletes them in the same transaction as the inverse
change, a redo puts the same rows back (`coding.theory_log.Journal`).
A created or deleted theory comes back from a snapshot (`coding.realist.theory_history`) with its old
ids, never re-created with new ones, so the steps done after it still find it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.undo import DoneCommand
from coding import import_undo
from coding.changes import Changes
from coding.filters import ReferenceFilter
from coding.ids import NodeId, TheoryId
from coding.memos import get_memo, set_memo
from coding.names import counted
from coding.nodes import list_nodes
from coding.project import Project
from coding.realist.evidence import override_status
from coding.realist.evidence_rule import RULE_NAMES, evidence_rule, set_evidence_rule
from coding.realist.model_csv import import_model
from coding.realist.theories import (
    TheoryInfo,
    add_element,
    add_theory,
    delete_theory,
    element_node,
    list_theories,
    remove_element,
    update_theory,
)
from coding.realist.theory_history import (
    Scaffold,
    discard_theory,
    restore_theory,
    theory_scaffold,
    theory_snapshot,
)
from coding.review.candidates import adopt_candidate
from coding.theory_log import Journal, entries_for, log_rows, written_by


@dataclass(frozen=True)
class Step:
    text: str
    changes: Changes
    undo: Callable[[], Changes]
    redo: Callable[[], Changes]
    detail: str = ""  # said in the status bar, not in the undo step's name


class StepCommand(DoneCommand):
    """A step already done: later redos call `step.redo`, undos `step.undo`."""

    def __init__(self, window, step: Step) -> None:
        super().__init__(window, step.text)
        self.step = step

    def do(self) -> Changes:
        return self.step.redo()

    def undo_it(self) -> Changes:
        return self.step.undo()


def _theory(project: Project, theory_id: TheoryId) -> TheoryInfo:
    return next(t for t in list_theories(project) if t.id == theory_id)


def override_step(project: Project, theory_id: TheoryId, status: str | None,
                  rationale: str, reason: str = "") -> Step:
    """Set or clear the status override; undo restores the previous override and memo and
    takes back the log entry."""
    theory = _theory(project, theory_id)
    before = (theory.status_override, get_memo(project, "theory", theory_id))
    changes = override_status(project, theory_id, status, rationale, Journal(reason=reason))
    after = (status, rationale.strip() if status else before[1])
    ids, rows = written_by(project, changes)

    def put(state: tuple[str | None, str], journal: Journal) -> Changes:
        override, memo = state
        changes = (override_status(project, theory_id, None, journal=journal) if override is None
                   else override_status(project, theory_id, override, memo, journal))
        return changes | set_memo(project, "theory", theory_id, memo)

    return Step(f"Status of {theory.label}", changes,
                lambda: put(before, Journal(undo_of=ids)),
                lambda: put(after, Journal(redo_of=rows)))


def element_step(project: Project, theory_id: TheoryId, role: str, name: str,
                 node: NodeId | None, origin: str, reason: str = "") -> Step:
    """Attach an element (made if new); undo detaches it unless it was already there. A node
    made for it stays in the tree, empty."""
    node_id = node if node is not None else element_node(project, role, name, origin)
    theory = _theory(project, theory_id)
    already = any(e.node_id == node_id for e in theory.elements)
    changes = add_element(project, theory_id, node_id, origin=origin,
                          journal=Journal(reason=reason)) | Changes(nodes=True)
    ids, rows = written_by(project, changes)
    return Step(
        f"Add {role} {name} to {theory.label}", changes,
        (lambda: Changes()) if already else (
            lambda: remove_element(project, theory_id, node_id, Journal(undo_of=ids))),
        lambda: add_element(project, theory_id, node_id, origin=origin,
                            journal=Journal(redo_of=rows)))


def edit_step(project: Project, theory_id: TheoryId, values: dict[str, str],
              reason: str = "") -> Step:
    """Change label, topic, statement, origin; undo writes the old values back."""
    theory = _theory(project, theory_id)
    before = {"label": theory.label, "topic": theory.topic, "statement": theory.statement,
              "origin": theory.origin}
    changes = update_theory(project, theory_id, **values,
                            journal=Journal(reason=reason)) | Changes(nodes=True)
    ids, rows = written_by(project, changes)
    return Step(f"Edit {theory.label}", changes,
                lambda: update_theory(project, theory_id, **before,
                                      journal=Journal(undo_of=ids)) | Changes(nodes=True),
                lambda: update_theory(project, theory_id, **values,
                                      journal=Journal(redo_of=rows)) | Changes(nodes=True))


def remove_step(project: Project, theory_id: TheoryId, node_id: NodeId,
                reason: str = "") -> Step:
    """Detach an element (its node and coding stay); undo attaches it with its old origin."""
    theory = _theory(project, theory_id)
    element = next(e for e in theory.elements if e.node_id == node_id)
    changes = remove_element(project, theory_id, node_id, Journal(reason=reason))
    ids, rows = written_by(project, changes)
    return Step(f"Remove {element.role} {element.name} from {theory.label}", changes,
                lambda: add_element(project, theory_id, node_id, origin=element.origin,
                                    journal=Journal(undo_of=ids)),
                lambda: remove_element(project, theory_id, node_id, Journal(redo_of=rows)))


def create_step(project: Project, label: str, topic: str, statement: str, origin: str,
                nodes: list[NodeId], reason: str = "") -> Step:
    """Create a theory from existing element nodes; undo deletes it with the topic and folder
    it made, redo puts it back from the snapshot taken right after it was made."""
    scaffold = theory_scaffold(project)
    before = {n.id for n in list_nodes(project)}
    theory_id = add_theory(project, label, topic=topic, statement=statement, origin=origin,
                           element_nodes=nodes, journal=Journal(reason=reason))
    return _created(project, theory_id, scaffold, "New theory {}", before)


def _created(project: Project, theory_id: TheoryId, scaffold: Scaffold, text: str,
             before: set[NodeId]) -> Step:
    """The step of a theory just made: undo discards it (its own node with the excerpts coded
    to it, and the topic and folder it made) and takes back its "created" entry; redo puts
    both back from the snapshot taken now."""
    snapshot = theory_snapshot(project, theory_id)
    rows = log_rows(project, [e.id for e in entries_for(project, snapshot.theory["guid"])
                              if e.action == "created"][-1:])
    ids = tuple(r["id"] for r in rows)
    made = [n.path for n in list_nodes(project) if n.id not in before]
    return Step(text.format(snapshot.theory["label"]),
                Changes(theories=True, nodes=True, references=True),
                lambda: discard_theory(project, snapshot, scaffold, Journal(undo_of=ids)),
                lambda: restore_theory(project, snapshot, Journal(redo_of=rows)),
                detail=f"made node{'s' if len(made) != 1 else ''} {', '.join(made)}" if made
                else "made no new nodes")


def adopt_step(project: Project, label: str, topic: str, statement: str, nodes: list[NodeId],
               mode: str, flt: ReferenceFilter, reason: str = "") -> Step:
    """Make a configuration candidate a new (or partial) configuration with its supporting
    excerpts coded to it, as one undoable step."""
    scaffold = theory_scaffold(project)
    before = {n.id for n in list_nodes(project)}
    adopted = adopt_candidate(project, label, topic=topic, nodes=nodes, mode=mode,
                              statement=statement, flt=flt, reason=reason)
    return _created(project, adopted.theory_id, scaffold, "New theory {} from a candidate",
                    before)


def delete_step(project: Project, theory_id: TheoryId, reason: str = "") -> Step:
    """Delete a theory and its own node's coding; undo restores both with their ids."""
    snapshot = theory_snapshot(project, theory_id)
    changes = delete_theory(project, theory_id, Journal(reason=reason))
    ids, rows = written_by(project, changes)
    return Step(f"Delete theory {snapshot.theory['label']}", changes,
                lambda: restore_theory(project, snapshot, Journal(undo_of=ids)),
                lambda: delete_theory(project, theory_id, Journal(redo_of=rows)))


def import_step(project: Project, path: Path) -> Step:
    """Add the theories of a model CSV (all or none); undo takes back everything it added and
    the roles it gave nodes that were there, redo puts the same rows back."""
    was = import_undo.before(project)
    labels = import_model(project, path)
    added = import_undo.added_since(project, was)
    shown = ", ".join(labels[:6]) + (", …" if len(labels) > 6 else "")
    return Step(f"Import model {path.name}", Changes(theories=True, nodes=True, references=True),
                lambda: import_undo.take_back(project, added),
                lambda: import_undo.put_back(project, added),
                detail=f"{counted(len(labels), 'theory', 'theories')}: {shown}")


def rule_step(project: Project, rule: str) -> Step:
    """Change the project's evidence rule; undo puts the previous one back."""
    before = evidence_rule(project)
    changes = set_evidence_rule(project, rule)
    return Step(f"Evidence rule: {RULE_NAMES[rule]}", changes,
                lambda: set_evidence_rule(project, before),
                lambda: set_evidence_rule(project, rule))
