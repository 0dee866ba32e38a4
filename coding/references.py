"""Coding and uncoding: references are spans of a document's text coded to one node.

Spans are Python code-point offsets into the stored text, end-exclusive. Mutations return
the records they removed and created, so the app's undo can put back exactly what was there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from coding.changes import Changes
from coding.errors import InvalidInput, NotFound
from coding.ids import DocumentId, NodeId, ReferenceId
from coding.project import Project, new_guid
from coding.reference_memos import MemoMoves
from storage.models import Document, Node, Reference, utcnow


@dataclass(frozen=True)
class Region:
    """A rectangle on a PDF page: page 1-based, the box in PDF points, origin bottom-left."""

    page: int
    left: float
    bottom: float
    right: float
    top: float

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.left, self.bottom, self.right, self.top)


@dataclass(frozen=True)
class ReferenceRecord:
    """Everything about one reference: enough to display it and to restore it after undo."""

    id: ReferenceId
    guid: str
    document_id: DocumentId
    node_id: NodeId
    start: int
    end: int
    coder_id: int | None
    created_at: datetime
    relevance: str = "not_rated"
    rigour: str = "not_rated"
    rating_note: str = ""
    rated_by_id: int | None = None
    region: Region | None = None  # a region reference: the rectangle; its span is the text under it


@dataclass(frozen=True)
class CodingResult:
    """What one coding action did: undo deletes `created` and restores `removed`, and puts the
    memos of the excerpts back as they were (`memos_before`); redo writes `memos_after`."""

    created: tuple[ReferenceRecord, ...] = ()
    removed: tuple[ReferenceRecord, ...] = ()
    changes: Changes = field(default_factory=Changes)
    memos_before: tuple[dict[str, Any], ...] = ()
    memos_after: tuple[dict[str, Any], ...] = ()


def region_of(page: int | None, left: float | None, bottom: float | None, right: float | None,
              top: float | None) -> Region | None:
    if page is None or left is None or bottom is None or right is None or top is None:
        return None
    return Region(page, left, bottom, right, top)


def region_columns(region: Region | None) -> dict[str, object]:
    """The reference columns that hold a region (all None for a text reference)."""
    if region is None:
        return {"region_page": None, "region_left": None, "region_bottom": None,
                "region_right": None, "region_top": None}
    return {"region_page": region.page, "region_left": region.left,
            "region_bottom": region.bottom, "region_right": region.right,
            "region_top": region.top}


def reference_record(ref: Reference) -> ReferenceRecord:
    """The record of a reference row read in the caller's session."""
    return ReferenceRecord(
        id=ReferenceId(ref.id),
        guid=ref.guid,
        document_id=DocumentId(ref.document_id),
        node_id=NodeId(ref.node_id),
        start=ref.start,
        end=ref.end,
        coder_id=ref.coder_id,
        created_at=ref.created_at,
        relevance=ref.relevance,
        rigour=ref.rigour,
        rating_note=ref.rating_note,
        rated_by_id=ref.rated_by_id,
        region=region_of(ref.region_page, ref.region_left, ref.region_bottom, ref.region_right,
                         ref.region_top),
    )


def _changes(doc_id: int, node_ids: Iterable[int]) -> Changes:
    return Changes(
        references=True, document_ids=frozenset({doc_id}), node_ids=frozenset(node_ids)
    )


def _check_span(s: Session, doc_id: DocumentId, start: int, end: int) -> None:
    length = s.scalar(select(Document.text_length).where(Document.id == doc_id))
    if length is None:
        raise NotFound(f"no document with id {doc_id}")
    if not 0 <= start < end <= length:
        raise InvalidInput(
            f"span {start}-{end} is not inside the document (0-{length}, end after start)"
        )


def code(
    project: Project,
    doc_id: DocumentId,
    start: int,
    end: int,
    node_ids: Sequence[NodeId],
) -> CodingResult:
    """Code [start, end) to each node; overlapping or touching codings of a node merge."""
    return code_spans(project, [(doc_id, start, end)], node_ids)


def code_spans(
    project: Project,
    spans: Iterable[tuple[DocumentId, int, int]],
    node_ids: Sequence[NodeId],
) -> CodingResult:
    """Code many spans (search hits) in one transaction: all or none, one result to undo.

    A span that merges with a reference an earlier span created replaces it in `created`
    rather than listing it as removed, so undo takes the whole action back exactly.
    """
    if not node_ids:
        raise InvalidInput("choose at least one node to code to")
    created: dict[int, ReferenceRecord] = {}
    removed: dict[int, ReferenceRecord] = {}
    doc_ids: set[int] = set()
    memos = MemoMoves()
    with project.db.transaction() as s:
        for doc_id, start, end in spans:
            doc_ids.add(doc_id)
            _check_span(s, doc_id, start, end)
            for node_id in dict.fromkeys(node_ids):
                gone, made = _code_one(s, project.coder_id or None, doc_id, start, end, node_id,
                                       memos)
                for record in gone:
                    if created.pop(record.id, None) is None:
                        removed[record.id] = record
                if made is not None:
                    created[made.id] = made
        before, after = memos.result(s)
    if not doc_ids:
        raise InvalidInput("choose at least one span to code")
    changes = Changes(references=True, document_ids=frozenset(doc_ids),
                      node_ids=frozenset(node_ids), memos=bool(before))
    return CodingResult(tuple(created.values()), tuple(removed.values()), changes, before, after)


def _code_one(
    s: Session, coder_id: int | None, doc_id: DocumentId, start: int, end: int, node_id: NodeId,
    memos: MemoMoves, carried: list[dict[str, Any]] | None = None,
) -> tuple[list[ReferenceRecord], ReferenceRecord | None]:
    """Code one span to one node inside `s`: (references merged away, reference created).

    Only this coder's own references to the node merge with the new span: a colleague's
    coding of the same words stays theirs (a coding comparison needs both). The memos of the
    merged references, and `carried` ones (a recoded excerpt's), go on the reference that now
    holds their words.
    """
    node = s.get(Node, node_id)
    if node is None:
        raise NotFound(f"no node with id {node_id}")
    if not node.is_codable:
        raise InvalidInput(f"'{node.name}' is a folder and cannot be coded to")
    touching = s.scalars(
        select(Reference).where(
            Reference.document_id == doc_id,
            Reference.node_id == node_id,
            Reference.coder_id.is_(None) if coder_id is None else Reference.coder_id == coder_id,
            Reference.start <= end,
            Reference.end >= start,
            Reference.region_page.is_(None),
        )
    ).all()
    holder = next((r for r in touching if r.start <= start and r.end >= end), None)
    if holder is not None:  # already coded: nothing to do but take a recoded excerpt's memo
        memos.give(s, carried or [], holder.id)
        return [], None
    keep = next((r for r in touching if r.relevance != "not_rated" or r.rigour != "not_rated"),
                touching[0] if touching else None)  # the merged excerpt keeps a rating made
    ref = Reference(
        guid=new_guid(),
        document_id=doc_id,
        node_id=node_id,
        start=min([start, *(r.start for r in touching)]),
        end=max([end, *(r.end for r in touching)]),
        coder_id=coder_id,
        created_at=utcnow(),
        relevance=keep.relevance if keep else "not_rated",
        rigour=keep.rigour if keep else "not_rated",
        rating_note=keep.rating_note if keep else "",
        rated_by_id=keep.rated_by_id if keep else None,
    )
    gone = [reference_record(old) for old in touching]
    moving = memos.take(s, [old.id for old in touching])
    for old in touching:
        s.delete(old)
    s.flush()
    s.add(ref)
    s.flush()
    memos.give(s, [*moving, *(carried or [])], ref.id)
    return gone, reference_record(ref)


def uncode(
    project: Project,
    doc_id: DocumentId,
    start: int,
    end: int,
    node_ids: Sequence[NodeId] | None = None,
    *,
    coder_ids: Sequence[int] | None = None,
) -> CodingResult:
    """Remove coding inside [start, end) from the given nodes (all nodes when None), by the
    given coders (every coder's when None).

    References that stick out of the selection are trimmed, or split in two when the
    selection lies inside them: only the selected characters lose their coding. Region
    references are not touched: a rectangle is uncoded as a whole (`coding.regions`).
    """
    created: list[ReferenceRecord] = []
    removed: list[ReferenceRecord] = []
    memos = MemoMoves()
    with project.db.transaction() as s:
        _check_span(s, doc_id, start, end)
        query = select(Reference).where(
            Reference.document_id == doc_id, Reference.start < end, Reference.end > start,
            Reference.region_page.is_(None),
        )
        if node_ids is not None:
            query = query.where(Reference.node_id.in_(list(node_ids)))
        if coder_ids is not None:
            query = query.where(Reference.coder_id.in_(list(coder_ids)))
        for ref in s.scalars(query).all():
            old = reference_record(ref)
            removed.append(old)
            pieces = [(ref.start, start), (end, ref.end)]
            moving = memos.take(s, [ref.id])
            s.delete(ref)
            s.flush()
            first = True
            for piece_start, piece_end in pieces:
                if piece_end > piece_start:
                    piece = Reference(
                        guid=new_guid(),
                        document_id=ref.document_id,
                        node_id=ref.node_id,
                        start=piece_start,
                        end=piece_end,
                        coder_id=ref.coder_id,
                        created_at=ref.created_at,
                        relevance=ref.relevance,
                        rigour=ref.rigour,
                        rating_note=ref.rating_note,
                        rated_by_id=ref.rated_by_id,
                    )
                    s.add(piece)
                    s.flush()
                    created.append(reference_record(piece))
                    memos.give(s, moving, piece.id, copy=not first)  # each piece keeps it
                    first = False
        before, after = memos.result(s)
    touched = {r.node_id for r in removed}
    changes = _changes(doc_id, touched) | Changes(memos=bool(before))
    return CodingResult(tuple(created), tuple(removed), changes, before, after)


def recode(project: Project, reference_id: ReferenceId, node_id: NodeId) -> CodingResult:
    """Move a reference to another node, in one transaction: its rating and memo go with it,
    and it merges with its coder's coding of that node there (a rating there stays)."""
    from coding.regions import code_region_in

    memos = MemoMoves()
    with project.db.transaction() as s:
        ref = s.get(Reference, reference_id)
        if ref is None:
            raise NotFound(f"no reference with id {reference_id}")
        old = reference_record(ref)
        carried = memos.take(s, [old.id])
        s.delete(ref)
        s.flush()
        if old.region is not None:
            gone, made = code_region_in(s, old.coder_id, old.document_id, old.region,
                                        (old.start, old.end), node_id, memos, carried)
        else:
            gone, made = _code_one(s, old.coder_id, old.document_id, old.start, old.end,
                                   node_id, memos, carried)
        made = carry_rating(s, made, old)
        before, after = memos.result(s)
    changes = _changes(old.document_id, {old.node_id, node_id}) | Changes(memos=bool(before))
    return CodingResult((made,) if made else (), (old, *gone), changes, before, after)


def carry_rating(s: Session, made: ReferenceRecord | None, old: ReferenceRecord
                 ) -> ReferenceRecord | None:
    """The reference that took `old`'s words (recoded, resized, merged) takes its rating too,
    unless it has one of its own."""
    if made is None or made.relevance != "not_rated" or made.rigour != "not_rated" or (
            old.relevance == old.rigour == "not_rated"):
        return made
    ref = s.get(Reference, made.id)
    if ref is None:
        return made
    ref.relevance, ref.rigour = old.relevance, old.rigour
    ref.rating_note, ref.rated_by_id = old.rating_note, old.rated_by_id
    s.flush()
    return reference_record(ref)


def delete_references(project: Project, ids: Iterable[ReferenceId]) -> CodingResult:
    """Delete references (their memos go with them; undo puts both back)."""
    wanted = list(ids)
    memos = MemoMoves()
    with project.db.transaction() as s:
        refs = s.scalars(select(Reference).where(Reference.id.in_(wanted))).all()
        records = tuple(reference_record(r) for r in refs)
        memos.take(s, wanted)
        s.execute(delete(Reference).where(Reference.id.in_(wanted)))
        before, _after = memos.result(s)
    changes = Changes(references=True, document_ids=frozenset(r.document_id for r in records),
                      node_ids=frozenset(r.node_id for r in records), memos=bool(before))
    return CodingResult(removed=records, changes=changes, memos_before=before)


_RECORD_COLUMNS = (
    Reference.id, Reference.guid, Reference.document_id, Reference.node_id, Reference.start,
    Reference.end, Reference.coder_id, Reference.created_at, Reference.relevance,
    Reference.rigour, Reference.rating_note, Reference.rated_by_id, Reference.region_page,
    Reference.region_left, Reference.region_bottom, Reference.region_right, Reference.region_top,
)  # in ReferenceRecord's field order, the region's five columns last


def references_for_document(project: Project, doc_id: DocumentId) -> list[ReferenceRecord]:
    """Plain rows, not ORM objects: the viewer redraws from this after every coding action,
    and building 2,000 tracked objects took most of that redraw."""
    with project.db.reading() as s:
        rows = s.execute(
            select(*_RECORD_COLUMNS).where(Reference.document_id == doc_id)
            .order_by(Reference.start)
        ).all()
        return [
            ReferenceRecord(ReferenceId(i), guid, DocumentId(d), NodeId(n), start, end, coder,
                            created, relevance, rigour, note, rated_by, region_of(*region))
            for i, guid, d, n, start, end, coder, created, relevance, rigour, note, rated_by,
            *region
            in rows
        ]


def references_for_node(
    project: Project, node_id: NodeId, *, with_descendants: bool = False
) -> list[ReferenceRecord]:
    from coding.nodes import descendants

    with project.db.reading() as s:
        ids = descendants(s, node_id) if with_descendants else [node_id]
        refs = s.scalars(
            select(Reference)
            .where(Reference.node_id.in_(ids))
            .order_by(Reference.document_id, Reference.start)
        ).all()
        return [reference_record(r) for r in refs]


def get_reference(project: Project, reference_id: ReferenceId) -> ReferenceRecord:
    with project.db.reading() as s:
        ref = s.get(Reference, reference_id)
        if ref is None:
            raise NotFound(f"no reference with id {reference_id}")
        return reference_record(ref)

