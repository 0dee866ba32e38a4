"""Coding and uncoding: references are spans of a document's text coded to one node.

Spans are Python code-point offsets into the stored text, end-exclusive. Mutations return
the records they removed and created, so the app's undo can put back exactly what was there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from coding.changes import Changes
from coding.errors import InvalidInput, NotFound
from coding.ids import DocumentId, NodeId, ReferenceId
from coding.project import Project, new_guid
from storage.models import RATINGS, Document, Node, Reference, utcnow


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
    """What one coding action did: undo deletes `created` and restores `removed`."""

    created: tuple[ReferenceRecord, ...] = ()
    removed: tuple[ReferenceRecord, ...] = ()
    changes: Changes = field(default_factory=Changes)


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
    with project.db.transaction() as s:
        for doc_id, start, end in spans:
            doc_ids.add(doc_id)
            _check_span(s, doc_id, start, end)
            for node_id in dict.fromkeys(node_ids):
                gone, made = _code_one(s, project, doc_id, start, end, node_id)
                for record in gone:
                    if created.pop(record.id, None) is None:
                        removed[record.id] = record
                if made is not None:
                    created[made.id] = made
    if not doc_ids:
        raise InvalidInput("choose at least one span to code")
    changes = Changes(references=True, document_ids=frozenset(doc_ids),
                      node_ids=frozenset(node_ids))
    return CodingResult(tuple(created.values()), tuple(removed.values()), changes)


def _code_one(
    s: Session, project: Project, doc_id: DocumentId, start: int, end: int, node_id: NodeId
) -> tuple[list[ReferenceRecord], ReferenceRecord | None]:
    """Code one span to one node inside `s`: (references merged away, reference created).

    Only this coder's own references to the node merge with the new span: a colleague's
    coding of the same words stays theirs (a coding comparison needs both).
    """
    node = s.get(Node, node_id)
    if node is None:
        raise NotFound(f"no node with id {node_id}")
    if not node.is_codable:
        raise InvalidInput(f"'{node.name}' is a folder and cannot be coded to")
    coder_id = project.coder_id or None
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
    if any(r.start <= start and r.end >= end for r in touching):
        return [], None  # already coded: nothing to do
    keep = touching[0] if touching else None
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
    for old in touching:
        s.delete(old)
    s.flush()
    s.add(ref)
    s.flush()
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
            s.delete(ref)
            s.flush()
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
    touched = {r.node_id for r in removed}
    return CodingResult(tuple(created), tuple(removed), _changes(doc_id, touched))


def recode(project: Project, reference_id: ReferenceId, node_id: NodeId) -> CodingResult:
    """Move a reference to another node (merging with its coder's coding of that node there)."""
    with project.db.reading() as s:
        ref = s.get(Reference, reference_id)
        if ref is None:
            raise NotFound(f"no reference with id {reference_id}")
        old = reference_record(ref)
    removed = delete_references(project, [reference_id])
    as_its_coder = Project(project.db, old.coder_id or 0)  # a move keeps who coded it
    if old.region is not None:
        from coding.regions import code_region

        added = code_region(as_its_coder, old.document_id, old.region, [node_id],
                            span=(old.start, old.end))
    else:
        added = code(as_its_coder, old.document_id, old.start, old.end, [node_id])
    return CodingResult(
        added.created, removed.removed + added.removed, removed.changes | added.changes
    )


def delete_references(project: Project, ids: Iterable[ReferenceId]) -> CodingResult:
    wanted = list(ids)
    with project.db.transaction() as s:
        refs = s.scalars(select(Reference).where(Reference.id.in_(wanted))).all()
        records = tuple(reference_record(r) for r in refs)
        s.execute(delete(Reference).where(Reference.id.in_(wanted)))
    changes = Changes(references=True, document_ids=frozenset(r.document_id for r in records),
                      node_ids=frozenset(r.node_id for r in records))
    return CodingResult(removed=records, changes=changes)


def restore_references(project: Project, records: Iterable[ReferenceRecord]) -> Changes:
    """Put references back exactly as they were (same ids), e.g. to undo an uncode."""
    rows = list(records)
    with project.db.transaction() as s:
        for r in rows:
            s.add(
                Reference(
                    id=r.id, guid=r.guid, document_id=r.document_id, node_id=r.node_id,
                    start=r.start, end=r.end, coder_id=r.coder_id, created_at=r.created_at,
                    relevance=r.relevance, rigour=r.rigour, rating_note=r.rating_note,
                    rated_by_id=r.rated_by_id,
                    **region_columns(r.region),
                )
            )
    return Changes(references=True, document_ids=frozenset(r.document_id for r in rows),
                   node_ids=frozenset(r.node_id for r in rows))


def undo_coding(project: Project, result: CodingResult) -> Changes:
    """Reverse a `CodingResult` in one transaction."""
    with project.db.transaction() as s:
        ids = [r.id for r in result.created]
        if ids:
            s.execute(delete(Reference).where(Reference.id.in_(ids)))
    restore_references(project, result.removed)
    return result.changes


def redo_coding(project: Project, result: CodingResult) -> Changes:
    with project.db.transaction() as s:
        ids = [r.id for r in result.removed]
        if ids:
            s.execute(delete(Reference).where(Reference.id.in_(ids)))
    restore_references(project, result.created)
    return result.changes


def rate_reference(
    project: Project,
    reference_id: ReferenceId,
    *,
    relevance: str | None = None,
    rigour: str | None = None,
    note: str | None = None,
) -> tuple[ReferenceRecord, ReferenceRecord]:
    """Set an excerpt's relevance/rigour; returns (before, after) for undo."""
    for value in (relevance, rigour):
        if value is not None and value not in RATINGS:
            raise InvalidInput(f"rating '{value}' is not one of {', '.join(RATINGS)}")
    with project.db.transaction() as s:
        ref = s.get(Reference, reference_id)
        if ref is None:
            raise NotFound(f"no reference with id {reference_id}")
        before = reference_record(ref)
        if relevance is not None:
            ref.relevance = relevance
        if rigour is not None:
            ref.rigour = rigour
        if note is not None:
            ref.rating_note = note
        if reference_record(ref) != before:
            ref.rated_by_id = project.coder_id or None
        s.flush()
        return before, reference_record(ref)


def restore_rating(project: Project, record: ReferenceRecord) -> None:
    """Undo a rating: its values and who had rated it."""
    with project.db.transaction() as s:
        ref = s.get(Reference, record.id)
        if ref is None:
            raise NotFound(f"no reference with id {record.id}")
        ref.relevance, ref.rigour = record.relevance, record.rigour
        ref.rating_note, ref.rated_by_id = record.rating_note, record.rated_by_id


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


def find_phrase(text: str, phrase: str, occurrence: int = 1) -> tuple[int, int]:
    """The span of the n-th occurrence of `phrase` (for `code --text`).

    Exact match first; failing that, any run of white space in the phrase matches any run in
    the text, because extracted PDF text breaks lines where the reader's copy did not.
    """
    if not phrase.strip():
        raise InvalidInput("the phrase to code is empty")
    if occurrence < 1:
        raise InvalidInput("occurrence counts from 1")
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(phrase), text)]
    if len(spans) < occurrence:
        words = [re.escape(w) for w in phrase.split()]
        pattern = re.compile(r"\s+".join(words))
        spans = [(m.start(), m.end()) for m in pattern.finditer(text)]
    if len(spans) < occurrence:
        raise NotFound(f"the phrase '{phrase[:60]}' is not in the document")
    return spans[occurrence - 1]
