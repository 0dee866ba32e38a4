"""Snapshots of a whole theory, so creating or deleting one can be undone with the same ids.

Re-creating a deleted theory through `add_theory` would give it a new id (and its node new
ids), and every later undo step that names the old ones would miss. Instead the rows are copied
as plain mappings in one read and put back with their ids in one transaction, as
`coding.history` does for nodes: the theory row (status override included), its elements, its
memo (the override's rationale), its own node's subtree with that subtree's references, memos,
links and reference memos, and the topic and folder nodes above it if they have gone since.
The theory's log (`theory_log`, keyed by GUID) is never part of a snapshot: it outlives the
theory, and an undo or redo passes a `Journal` that takes back or puts back exactly the
entries the undone change wrote ("created", "deleted").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, exists, insert, select

from coding.changes import Changes
from coding.errors import NotFound, RealistError
from coding.history import NodeSnapshot, insert_snapshot, row_dicts, snapshot_nodes, table_of
from coding.ids import NodeId, TheoryId
from coding.project import Project
from coding.theory_log import Journal, write
from storage.models import Memo, Node, Reference, Theory, TheoryElement, Topic


@dataclass(frozen=True)
class TheorySnapshot:
    theory: dict[str, Any]
    topic: dict[str, Any] | None
    folders: tuple[dict[str, Any], ...]  # the ancestors of the theory's node, root first
    nodes: NodeSnapshot | None  # the theory's own node and everything under it
    elements: tuple[dict[str, Any], ...]
    memos: tuple[dict[str, Any], ...]  # the theory's memo and its node's reference memos

    @property
    def id(self) -> TheoryId:
        return TheoryId(self.theory["id"])


@dataclass(frozen=True)
class Scaffold:
    """The node and topic ids that existed before a theory was created: undoing the creation
    removes only what it made (an emptied folder or topic), never what was there before."""

    nodes: frozenset[int]
    topics: frozenset[int]


def theory_scaffold(project: Project) -> Scaffold:
    with project.db.reading() as s:
        return Scaffold(frozenset(s.scalars(select(Node.id))),
                        frozenset(s.scalars(select(Topic.id))))


def _ancestors(s: Any, node_id: int) -> list[dict[str, Any]]:
    chain: list[dict[str, Any]] = []
    parent = s.scalar(select(Node.parent_id).where(Node.id == node_id))
    while parent is not None:
        row = row_dicts(s, table_of(Node), Node.id == parent)[0]
        chain.insert(0, row)
        parent = row["parent_id"]
    return chain


def theory_snapshot(project: Project, theory_id: TheoryId) -> TheorySnapshot:
    """Everything `delete_theory` removes, and what it stands in; take it just before."""
    node = _node_of(project, theory_id)
    nodes = snapshot_nodes(project, NodeId(node)) if node is not None else None
    in_subtree = {n["id"] for n in nodes.nodes} if nodes else set()
    with project.db.reading() as s:
        theory = row_dicts(s, table_of(Theory), Theory.id == theory_id)[0]
        topic = row_dicts(s, table_of(Topic), Topic.id == theory["topic_id"])
        folders = _ancestors(s, node) if node is not None else []
        elements = tuple(row for row in row_dicts(s, table_of(TheoryElement),
                                              TheoryElement.theory_id == theory_id)
                         if row["node_id"] not in in_subtree)  # those come with the nodes
        memos = row_dicts(s, table_of(Memo), Memo.theory_id == theory_id)  # the excerpts'
        # memos come with the nodes' snapshot, with their references
    return TheorySnapshot(theory, topic[0] if topic else None, tuple(folders), nodes, elements,
                          memos)


def _node_of(project: Project, theory_id: TheoryId) -> int | None:
    with project.db.reading() as s:
        found = s.execute(select(Theory.node_id).where(Theory.id == theory_id)).first()
    if found is None:
        raise NotFound(f"no theory with id {theory_id}")
    return found[0] if found[0] is not None else None


NO_ENTRIES = Journal()  # restoring or discarding writes no entry of its own


def restore_theory(project: Project, snapshot: TheorySnapshot,
                   journal: Journal = NO_ENTRIES) -> Changes:
    """Put a deleted theory back exactly, with its ids, in one transaction."""
    theory = dict(snapshot.theory, node_id=None)  # pointed at its node once that is back
    with project.db.transaction() as s:
        if s.get(Theory, snapshot.id) is not None:
            raise RealistError(f"theory {theory['label']} is already there")
        if snapshot.topic is not None and s.get(Topic, snapshot.topic["id"]) is None:
            same_name = s.scalar(select(Topic.id).where(Topic.name == snapshot.topic["name"]))
            if same_name is None:
                s.execute(insert(Topic).values(**snapshot.topic))
            else:
                theory["topic_id"] = same_name
        for folder in snapshot.folders:
            if s.get(Node, folder["id"]) is None:
                s.execute(insert(table_of(Node)).values(**folder))
        s.execute(insert(table_of(Theory)).values(**theory))
        if snapshot.nodes is not None:
            insert_snapshot(s, snapshot.nodes)
        for table, rows in ((table_of(TheoryElement), snapshot.elements),
                            (table_of(Memo), snapshot.memos)):
            if rows:
                s.execute(insert(table), list(rows))
        write(s, journal, ())
    ids = {n["id"] for n in snapshot.nodes.nodes} if snapshot.nodes else set()
    return Changes(theories=True, nodes=True, references=True, memos=True,
                   node_ids=frozenset(ids | {f["id"] for f in snapshot.folders}))


def discard_theory(project: Project, snapshot: TheorySnapshot,
                   made_after: Scaffold | None = None,
                   journal: Journal = NO_ENTRIES) -> Changes:
    """Delete the theory and its own node (as `delete_theory` does) in one transaction; with
    `made_after`, also the folder nodes and topic made since then, once nothing is in them."""
    with project.db.transaction() as s:
        if s.get(Theory, snapshot.id) is None:
            raise NotFound(f"no theory with id {snapshot.id}")
        s.execute(delete(Theory).where(Theory.id == snapshot.id))
        if snapshot.theory["node_id"] is not None:
            s.execute(delete(Node).where(Node.id == snapshot.theory["node_id"]))
        if made_after is not None:
            for folder in reversed(snapshot.folders):
                if folder["id"] in made_after.nodes or s.scalar(select(
                        exists().where(Node.parent_id == folder["id"])
                        | exists().where(Reference.node_id == folder["id"]))):
                    break
                s.execute(delete(Node).where(Node.id == folder["id"]))
            topic = snapshot.theory["topic_id"]
            if topic is not None and topic not in made_after.topics and not s.scalar(
                    select(exists().where(Theory.topic_id == topic))):
                s.execute(delete(Topic).where(Topic.id == topic))
        write(s, journal, ())
    return Changes(theories=True, nodes=True, references=True, memos=True)
