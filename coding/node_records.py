"""A node row as stored, kept by an undo step so that a node it deleted comes back with the same
id (and so the same references, memos and theory parts point at it again)."""

from __future__ import annotations

from dataclasses import dataclass

from coding.changes import Changes
from coding.errors import NotFound
from coding.ids import NodeId
from coding.nodes import delete_node
from coding.project import Project
from storage.models import Node


@dataclass(frozen=True)
class NodeRecord:
    """A node row exactly as stored, so an undone creation can be redone with the same id."""

    id: NodeId
    guid: str
    parent_id: NodeId | None
    name: str
    description: str
    color: str
    role: str
    origin: str
    is_codable: bool
    position: int


def node_record(project: Project, node_id: NodeId) -> NodeRecord:
    with project.db.reading() as s:
        node = s.get(Node, node_id)
        if node is None:
            raise NotFound(f"no node with id {node_id}")
        return NodeRecord(
            NodeId(node.id), node.guid, NodeId(node.parent_id) if node.parent_id else None,
            node.name, node.description, node.color, node.role, node.origin, node.is_codable,
            node.position,
        )


def restore_node(project: Project, record: NodeRecord) -> Changes:
    """Put a deleted leaf node back as it was (its references are restored separately)."""
    with project.db.transaction() as s:
        s.add(Node(
            id=record.id, guid=record.guid, parent_id=record.parent_id, name=record.name,
            description=record.description, color=record.color, role=record.role,
            origin=record.origin, is_codable=record.is_codable, position=record.position,
        ))
    return Changes(nodes=True, node_ids=frozenset({record.id}))


def restore_made(project: Project, records: list[NodeRecord]) -> Changes:
    """Put back the nodes an action made (a path's folders, then its node), parents first."""
    changes = Changes(nodes=True)
    for record in records:
        changes |= restore_node(project, record)
    return changes


def delete_made(project: Project, records: list[NodeRecord]) -> Changes:
    """Take back the nodes an action made, each node before the folder it is in."""
    changes = Changes(nodes=True)
    for record in reversed(records):
        changes |= delete_node(project, record.id)
    return changes
