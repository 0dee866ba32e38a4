"""Snapshots of what a node delete or merge touches, so either can be undone exactly.

The rows are copied as plain mappings (column -> value) inside one read, and put back with
their ids inside one transaction: references, memos, theory elements and links come back
exactly as they were, and theories that pointed at a deleted node point at it again.
A merge is redone by merging again: the undo leaves the rows exactly as the merge found them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, and_, delete, insert, or_, select, update

from coding.changes import Changes
from coding.errors import NotFound
from coding.ids import NodeId
from coding.nodes import descendants
from coding.project import Project
from coding.theory_log import NEW_ENTRIES, Journal, write
from storage.models import Base, Memo, Node, NodeLink, Reference, Theory, TheoryElement


@dataclass(frozen=True)
class NodeSnapshot:
    nodes: tuple[dict[str, Any], ...]  # parents before children
    rows: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]
    theory_nodes: tuple[tuple[int, int | None], ...]  # (theory id, node id)


def table_of(model: type[Any]) -> Table:
    return cast(Table, model.__table__)


def row_dicts(s: Any, table: Table, condition: Any) -> tuple[dict[str, Any], ...]:
    return tuple(dict(row) for row in s.execute(select(table).where(condition)).mappings())


def cascade_from(table_name: str, row_id: int) -> list[tuple[Table, Any]]:
    """Every table a delete of one row of `table_name` reaches, parents first, each with the
    condition that picks its rows: the row itself, then whatever cascades from rows already
    picked (a document's references, then their memos; an intervention's attribute values and
    memo). Read from the schema, so a table added later is carried without a change here."""
    picked: dict[str, Any] = {}
    order: list[tuple[Table, Any]] = []
    for table in Base.metadata.sorted_tables:
        conditions = [table.c.id == row_id] if table.name == table_name else []
        for fk in table.foreign_keys:
            parent = fk.column.table.name
            if parent in picked and (fk.ondelete or "").upper() == "CASCADE":
                conditions.append(fk.parent.in_(select(fk.column).where(picked[parent])))
        if conditions:
            picked[table.name] = or_(*conditions)
            order.append((table, picked[table.name]))
    return order


def snapshot_nodes(project: Project, node_id: NodeId) -> NodeSnapshot:
    with project.db.reading() as s:
        ids = descendants(s, node_id)
        by_id = {row["id"]: row for row in row_dicts(s, table_of(Node), Node.id.in_(ids))}
        ordered = [by_id[i] for i in ids if i in by_id]  # the CTE walks parents first
        linked = or_(NodeLink.source_id.in_(ids), NodeLink.target_id.in_(ids))
        coded = select(Reference.id).where(Reference.node_id.in_(ids))
        rows = (  # references before their memos: a memo names its reference
            ("references", row_dicts(s, table_of(Reference), Reference.node_id.in_(ids))),
            ("memos", row_dicts(s, table_of(Memo), or_(Memo.node_id.in_(ids),
                                                       Memo.reference_id.in_(coded)))),
            ("theory_elements", row_dicts(s, table_of(TheoryElement), TheoryElement.node_id.in_(ids))),
            ("node_links", row_dicts(s, table_of(NodeLink), linked)),
        )
        theory_nodes = tuple(
            (row.id, row.node_id)
            for row in s.execute(select(Theory.id, Theory.node_id).where(Theory.node_id.in_(ids)))
        )
    return NodeSnapshot(tuple(ordered), rows, theory_nodes)


def insert_snapshot(s: Any, snapshot: NodeSnapshot) -> None:
    """Put the rows back inside the caller's transaction (a theory restored with its node)."""
    tables = {t.name: t for t in (table_of(Reference), table_of(Memo),
                                  table_of(TheoryElement), table_of(NodeLink))}
    for node in snapshot.nodes:
        s.execute(insert(table_of(Node)).values(**node))
    for name, rows in snapshot.rows:
        if rows:
            s.execute(insert(tables[name]), list(rows))
    for theory_id, node_id in snapshot.theory_nodes:
        s.execute(update(Theory).where(Theory.id == theory_id).values(node_id=node_id))


def restore_snapshot(project: Project, snapshot: NodeSnapshot,
                     journal: Journal | None = None) -> Changes:
    """Put deleted nodes back; `journal` (an undo's) takes back the log entries the delete
    wrote for the theory elements that went with them."""
    with project.db.transaction() as s:
        insert_snapshot(s, snapshot)
        if journal is not None:
            write(s, journal, ())
    return Changes(nodes=True, references=True, memos=True, theories=True,
                   node_ids=frozenset(n["id"] for n in snapshot.nodes))


@dataclass(frozen=True)
class MergeSnapshot:
    """Every row a merge of `source` into `target` moves, rewrites or deletes."""

    source: NodeId
    target: NodeId
    node: dict[str, Any]
    child_ids: tuple[int, ...]
    rows: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]  # put back in this order
    target_theories: frozenset[int]  # theories the target was already an element of
    theory_ids: tuple[int, ...]  # theories whose node is the source


def snapshot_merge(project: Project, source: NodeId, target: NodeId) -> MergeSnapshot:
    """Take before `merge_nodes(project, source, target)`; `undo_merge` puts it all back."""
    with project.db.reading() as s:
        node = row_dicts(s, table_of(Node), Node.id == source)
        if not node:
            raise NotFound(f"no node with id {source}")
        ref_ids = select(Reference.id).where(Reference.node_id.in_((source, target)))
        rows = (  # the target's references too: a duplicate's memo and rating join its twin's
            ("references", row_dicts(s, table_of(Reference),
                                     Reference.node_id.in_((source, target)))),
            ("memos", row_dicts(s, table_of(Memo), or_(Memo.node_id.in_((source, target)),
                                                 Memo.reference_id.in_(ref_ids)))),
            ("theory_elements", row_dicts(s, table_of(TheoryElement), TheoryElement.node_id == source)),
            ("node_links", row_dicts(s, table_of(NodeLink), or_(NodeLink.source_id == source,
                                                           NodeLink.target_id == source))),
        )
        children = s.scalars(select(Node.id).where(Node.parent_id == source)).all()
        target_theories = s.scalars(
            select(TheoryElement.theory_id).where(TheoryElement.node_id == target)).all()
        theory_ids = s.scalars(select(Theory.id).where(Theory.node_id == source)).all()
    return MergeSnapshot(source, target, node[0], tuple(children), rows,
                         frozenset(target_theories), tuple(theory_ids))


def _put_back(s: Any, table: Table, rows: tuple[dict[str, Any], ...]) -> None:
    """Rewrite each row to its snapshot values, inserting it again if the merge deleted it."""
    keys = [column.name for column in table.primary_key.columns]
    for row in rows:
        where = and_(*(table.c[key] == row[key] for key in keys))
        if s.execute(select(*table.primary_key.columns).where(where)).first() is None:
            s.execute(insert(table).values(**row))
        else:
            s.execute(update(table).where(where).values(**row))


def undo_merge(project: Project, snapshot: MergeSnapshot, journal: Journal = NEW_ENTRIES
               ) -> Changes:
    """Bring the merged node back with its references, children, memos, links and theories;
    `Journal(undo_of=...)` takes back the theory-log entries the merge wrote."""
    tables = {t.name: t for t in (table_of(Reference), table_of(Memo),
                                  table_of(TheoryElement), table_of(NodeLink))}
    source, target = snapshot.source, snapshot.target
    with project.db.transaction() as s:
        s.execute(insert(table_of(Node)).values(**snapshot.node))
        s.execute(update(Node).where(Node.id.in_(snapshot.child_ids)).values(parent_id=source))
        added = {row["theory_id"] for name, rows in snapshot.rows if name == "theory_elements"
                 for row in rows} - snapshot.target_theories
        s.execute(delete(TheoryElement).where(TheoryElement.node_id == target,
                                              TheoryElement.theory_id.in_(added)))
        for name, rows in snapshot.rows:
            _put_back(s, tables[name], rows)
        s.execute(update(Theory).where(Theory.id.in_(snapshot.theory_ids)).values(node_id=source))
        write(s, journal, ())
    return Changes(nodes=True, references=True, memos=True, theories=True,
                   node_ids=frozenset({source, target}))
