"""Snapshots of a node subtree with everything that hangs off it, so a delete can be undone.

The rows are copied as plain mappings (column -> value) inside one read, and put back with
their ids inside one transaction: references, memos, theory elements and links come back
exactly as they were, and theories that pointed at a deleted node point at it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, insert, or_, select, update

from coding.changes import Changes
from coding.ids import NodeId
from coding.nodes import descendants
from coding.project import Project
from storage.models import Memo, Node, NodeLink, Reference, Theory, TheoryElement


@dataclass(frozen=True)
class NodeSnapshot:
    nodes: tuple[dict[str, Any], ...]  # parents before children
    rows: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]
    theory_nodes: tuple[tuple[int, int | None], ...]  # (theory id, node id)


def _table(model: type[Any]) -> Table:
    return cast(Table, model.__table__)


def _rows(s: Any, table: Table, condition: Any) -> tuple[dict[str, Any], ...]:
    return tuple(dict(row) for row in s.execute(select(table).where(condition)).mappings())


def snapshot_nodes(project: Project, node_id: NodeId) -> NodeSnapshot:
    with project.db.reading() as s:
        ids = descendants(s, node_id)
        by_id = {row["id"]: row for row in _rows(s, _table(Node), Node.id.in_(ids))}
        ordered = [by_id[i] for i in ids if i in by_id]  # the CTE walks parents first
        linked = or_(NodeLink.source_id.in_(ids), NodeLink.target_id.in_(ids))
        rows = (
            ("references", _rows(s, _table(Reference), Reference.node_id.in_(ids))),
            ("memos", _rows(s, _table(Memo), Memo.node_id.in_(ids))),
            ("theory_elements", _rows(s, _table(TheoryElement), TheoryElement.node_id.in_(ids))),
            ("node_links", _rows(s, _table(NodeLink), linked)),
        )
        theory_nodes = tuple(
            (row.id, row.node_id)
            for row in s.execute(select(Theory.id, Theory.node_id).where(Theory.node_id.in_(ids)))
        )
    return NodeSnapshot(tuple(ordered), rows, theory_nodes)


def restore_snapshot(project: Project, snapshot: NodeSnapshot) -> Changes:
    tables = {t.name: t for t in (_table(Reference), _table(Memo),
                                  _table(TheoryElement), _table(NodeLink))}
    with project.db.transaction() as s:
        for node in snapshot.nodes:
            s.execute(insert(_table(Node)).values(**node))
        for name, rows in snapshot.rows:
            if rows:
                s.execute(insert(tables[name]), list(rows))
        for theory_id, node_id in snapshot.theory_nodes:
            s.execute(update(Theory).where(Theory.id == theory_id).values(node_id=node_id))
    return Changes(nodes=True, references=True, memos=True, theories=True,
                   node_ids=frozenset(n["id"] for n in snapshot.nodes))
