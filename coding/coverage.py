"""Node coverage: how much evidence each node has, counted in SQL, never by loading references.

Characters coded are the union of a node's spans in a document, so overlapping references of
the same node are not counted twice (the gaps-and-islands pattern, standard window SQL).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Subquery, case, func, literal, select

from coding.ids import CaseId, DocumentId, NodeId
from coding.nodes import list_nodes
from coding.project import Project
from storage.models import Case, Document, Reference


@dataclass(frozen=True)
class NodeCoverage:
    node_id: NodeId
    path: str
    role: str
    origin: str
    references: int
    documents: int
    cases: int
    characters: int


@dataclass(frozen=True)
class CellCoverage:
    """One node in one document (or one intervention)."""

    node_id: NodeId
    path: str
    group_id: int
    group_name: str
    references: int
    documents: int
    characters: int
    percent: float


def merged_spans() -> Subquery:
    """(node_id, document_id, start, end) with each node's overlapping spans merged."""
    part = (Reference.node_id, Reference.document_id)
    order = (Reference.start, Reference.end)
    prev_end = func.max(Reference.end).over(partition_by=part, order_by=order, rows=(None, -1))
    ordered = select(
        Reference.node_id, Reference.document_id, Reference.start, Reference.end,
        prev_end.label("prev_end"),
    ).subquery("ordered")
    new_island = case(
        (ordered.c.prev_end.is_(None) | (ordered.c.start > ordered.c.prev_end), 1), else_=0
    )
    islands = select(
        ordered.c.node_id, ordered.c.document_id, ordered.c.start, ordered.c.end,
        func.sum(new_island).over(
            partition_by=(ordered.c.node_id, ordered.c.document_id),
            order_by=(ordered.c.start, ordered.c.end), rows=(None, 0),
        ).label("island"),
    ).subquery("islands")
    return (
        select(
            islands.c.node_id, islands.c.document_id,
            func.min(islands.c.start).label("start"), func.max(islands.c.end).label("end"),
        )
        .group_by(islands.c.node_id, islands.c.document_id, islands.c.island)
        .subquery("merged")
    )


def node_coverage(project: Project) -> list[NodeCoverage]:
    """Every node, in tree order, with its evidence counts (zeros stand out)."""
    merged = merged_spans()
    with project.db.reading() as s:
        counts = {
            node_id: (refs, docs, cases)
            for node_id, refs, docs, cases in s.execute(
                select(
                    Reference.node_id, func.count(), func.count(func.distinct(Reference.document_id)),
                    func.count(func.distinct(Document.case_id)),
                )
                .join(Document, Document.id == Reference.document_id)
                .group_by(Reference.node_id)
            )
        }
        chars = dict(
            s.execute(
                select(merged.c.node_id, func.sum(merged.c.end - merged.c.start)).group_by(
                    merged.c.node_id
                )
            ).all()
        )
    return [
        NodeCoverage(
            node_id=n.id, path=n.path, role=n.role, origin=n.origin,
            references=counts.get(n.id, (0, 0, 0))[0], documents=counts.get(n.id, (0, 0, 0))[1],
            cases=counts.get(n.id, (0, 0, 0))[2], characters=int(chars.get(n.id, 0) or 0),
        )
        for n in list_nodes(project)
    ]


def coverage_by_document(project: Project) -> list[CellCoverage]:
    """Node x document: references, characters coded and % of the document's text."""
    merged = merged_spans()
    paths = {n.id: n.path for n in list_nodes(project)}
    with project.db.reading() as s:
        chars = {
            (node, doc): total
            for node, doc, total in s.execute(
                select(merged.c.node_id, merged.c.document_id,
                       func.sum(merged.c.end - merged.c.start))
                .group_by(merged.c.node_id, merged.c.document_id)
            )
        }
        rows = s.execute(
            select(Reference.node_id, Document.id, Document.name, Document.text_length,
                   func.count())
            .join(Document, Document.id == Reference.document_id)
            .group_by(Reference.node_id, Document.id)
            .order_by(Reference.node_id, Document.name)
        ).all()
    out = []
    for node_id, doc_id, name, length, refs in rows:
        coded = int(chars.get((node_id, doc_id), 0))
        out.append(
            CellCoverage(
                node_id=NodeId(node_id), path=paths.get(NodeId(node_id), "?"),
                group_id=DocumentId(doc_id), group_name=name, references=refs, documents=1,
                characters=coded, percent=round(100.0 * coded / length, 2) if length else 0.0,
            )
        )
    out.sort(key=lambda c: (c.path, c.group_name))
    return out


def coverage_by_case(project: Project) -> list[CellCoverage]:
    """Node x intervention: references, documents and characters (documents with no case: #0)."""
    merged = merged_spans()
    paths = {n.id: n.path for n in list_nodes(project)}
    case_key = func.coalesce(Document.case_id, literal(0))
    with project.db.reading() as s:
        names = {c.id: f"#{c.number} {c.name}" for c in s.scalars(select(Case))}
        chars = {
            (node, group): total
            for node, group, total in s.execute(
                select(merged.c.node_id, case_key, func.sum(merged.c.end - merged.c.start))
                .join(Document, Document.id == merged.c.document_id)
                .group_by(merged.c.node_id, case_key)
            )
        }
        rows = s.execute(
            select(Reference.node_id, case_key, func.count(),
                   func.count(func.distinct(Reference.document_id)))
            .join(Document, Document.id == Reference.document_id)
            .group_by(Reference.node_id, case_key)
        ).all()
    out = [
        CellCoverage(
            node_id=NodeId(node_id), path=paths.get(NodeId(node_id), "?"),
            group_id=CaseId(group), group_name=names.get(group, "(no intervention)"),
            references=refs, documents=docs, characters=int(chars.get((node_id, group), 0)),
            percent=0.0,
        )
        for node_id, group, refs, docs in rows
    ]
    out.sort(key=lambda c: (c.path, c.group_name))
    return out
