"""Co-occurrence: where node A and node B are coded together — the raw material of a C-M-O.

Three tests of "together": the excerpts overlap; they lie within N characters of each other;
or they fall in the same paragraph. Pairs are found in SQL (a self-join of references on the
same document); the paragraph test needs the text, so it reads only documents coded to both.
Paragraphs are those of `coding.review.spans` (line breaks; blank lines in PDFs).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, aliased

from coding.documents import pages_label
from coding.errors import InvalidInput
from coding.excerpts import pages_by_document
from coding.filters import ReferenceFilter, node_scope, reference_conditions
from coding.ids import DocumentId, NodeId
from coding.names import SQLITE_MAX_INT
from coding.project import Project
from coding.review.spans import paragraph_starts
from storage.models import Document, Reference

MODES = ("overlap", "near", "paragraph")


@dataclass(frozen=True)
class CoOccurrence:
    """One reference of A with one of B; `start`/`end` span both, `text` is that span."""

    document_id: DocumentId
    document: str
    a_reference: int
    a_start: int
    a_end: int
    b_reference: int
    b_start: int
    b_end: int
    start: int
    end: int
    text: str
    pages: str


def _pairs(
    s: Session, a_ids: list[int], b_ids: list[int], mode: str, distance: int,
    flt: ReferenceFilter,
) -> list[tuple[int, int, int, int, int, int, int]]:
    ra, rb = aliased(Reference), aliased(Reference)
    if mode == "overlap":
        near = and_(ra.start < rb.end, rb.start < ra.end)
    elif mode == "near":
        near = and_(ra.start <= rb.end + distance, rb.start <= ra.end + distance)
    else:
        near = ra.id.is_not(None)  # paragraph: every pair in the document, tested with the text
    query = (
        select(ra.document_id, ra.id, ra.start, ra.end, rb.id, rb.start, rb.end)
        .join(rb, and_(rb.document_id == ra.document_id, rb.id != ra.id))
        .where(ra.node_id.in_(a_ids), rb.node_id.in_(b_ids), near,
               # two references that are each both A and B (A = B, or A above B) are one pair
               or_(~(ra.node_id.in_(b_ids) & rb.node_id.in_(a_ids)), ra.id < rb.id))
        .order_by(ra.document_id, ra.start, rb.start)
    )
    for side in (ra, rb):  # the same rating/document filter on both sides
        query = query.where(*reference_conditions(s, flt.without_nodes(), side))
    rows: list[tuple[int, int, int, int, int, int, int]] = []
    for row in s.execute(query):
        rows.append((row[0], row[1], row[2], row[3], row[4], row[5], row[6]))
    return rows


def cooccurrences(
    project: Project,
    a: NodeId,
    b: NodeId,
    *,
    mode: str = "overlap",
    distance: int = 0,
    flt: ReferenceFilter | None = None,
) -> list[CoOccurrence]:
    """Pairs of excerpts (A, B) that occur together, in document order.

    A and B include their descendants unless the filter says otherwise (`with_descendants`).
    """
    if mode not in MODES:
        raise InvalidInput(f"mode must be one of {', '.join(MODES)}, not '{mode}'")
    if distance < 0:
        raise InvalidInput("the distance must be 0 or more characters")
    distance = min(distance, SQLITE_MAX_INT)  # any larger is as far: past every document's end
    base = flt or ReferenceFilter()
    with project.db.reading() as s:
        a_ids = node_scope(s, ReferenceFilter(node_ids=(a,), with_descendants=base.with_descendants)) or []
        b_ids = node_scope(s, ReferenceFilter(node_ids=(b,), with_descendants=base.with_descendants)) or []
        pairs = _pairs(s, a_ids, b_ids, mode, distance, base)
        doc_ids = sorted({p[0] for p in pairs})
        docs = {
            doc_id: (name, fmt, text)
            for doc_id, name, fmt, text in s.execute(
                select(Document.id, Document.name, Document.format, Document.text)
                .where(Document.id.in_(doc_ids))
            )
        }
        pages = pages_by_document(s, doc_ids)
    out: list[CoOccurrence] = []
    starts_cache: dict[int, list[int]] = {}
    for doc_id, a_ref, a_start, a_end, b_ref, b_start, b_end in pairs:
        name, fmt, text = docs[doc_id]
        if mode == "paragraph":
            starts = starts_cache.get(doc_id)
            if starts is None:
                starts = starts_cache[doc_id] = paragraph_starts(text, fmt == "pdf")
            a_first, a_last = bisect_right(starts, a_start), bisect_right(starts, a_end - 1)
            b_first, b_last = bisect_right(starts, b_start), bisect_right(starts, b_end - 1)
            if a_last < b_first or b_last < a_first:
                continue
        start, end = min(a_start, b_start), max(a_end, b_end)
        out.append(CoOccurrence(
            DocumentId(doc_id), name, a_ref, a_start, a_end, b_ref, b_start, b_end, start, end,
            text[start:end], pages_label(pages.get(doc_id, []), start, end),
        ))
    out.sort(key=lambda c: (c.document, c.start, c.a_reference, c.b_reference))
    return out
