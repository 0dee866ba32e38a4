"""Coded excerpts with everything a reader needs beside them, streamed for exports and lists.

One reader feeds the CSV, the Excel workbook, the Word report and the matrix drill-down, so an
excerpt shows the same text, pages, theories and ratings everywhere. Texts are read once per
document and sliced in Python (offsets are code points, as stored); references arrive as plain
tuples from one query and excerpts are yielded one by one, so 100,000 of them stay light.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.documents import PageInfo, pages_label
from coding.filters import NO_FILTER, ReferenceFilter, reference_conditions
from coding.nodes import NodeInfo, list_nodes
from coding.project import Project
from coding.references import Region, region_of
from storage.models import (
    Attribute,
    Case,
    Coder,
    Document,
    DocumentAttributeValue,
    DocumentPage,
    Memo,
    Reference,
    Theory,
    TheoryElement,
)


@dataclass(frozen=True, slots=True)
class Excerpt:
    reference_id: int
    document_id: int
    document: str
    intervention: str
    node_id: int
    node_path: str
    role: str
    origin: str
    theories: str
    text: str
    pages: str
    start: int
    end: int
    relevance: str
    rigour: str
    rating_note: str
    memo: str
    coder: str
    coded_at: str
    before: str = ""  # up to `context` characters of the text around the excerpt
    after: str = ""
    region: Region | None = None  # a region reference's page and rectangle


def node_theories(s: Session) -> dict[int, str]:
    """Node id -> labels of the theories it belongs to (own node or element), "; "-joined."""
    rows = s.execute(
        select(Theory.node_id, Theory.label).where(Theory.node_id.is_not(None))
        .union_all(select(TheoryElement.node_id, Theory.label)
                   .join(Theory, Theory.id == TheoryElement.theory_id))
    ).all()
    labels: dict[int, list[str]] = {}
    for node_id, label in rows:
        found = labels.setdefault(int(node_id or 0), [])
        if label not in found:
            found.append(label)
    return {node_id: "; ".join(sorted(found, key=_natural)) for node_id, found in labels.items()}


def _natural(label: str) -> tuple[str, int, str]:
    """'T2' before 'T10'."""
    head = label.rstrip("0123456789")
    tail = label[len(head):]
    return (head, int(tail) if tail else -1, label)


def document_attributes(s: Session) -> tuple[list[str], dict[int, dict[str, str]]]:
    """Document-scope attribute names (in position order) and each document's values."""
    names = list(s.scalars(
        select(Attribute.name).where(Attribute.scope == "document")
        .order_by(Attribute.position, Attribute.id)
    ))
    values: dict[int, dict[str, str]] = {}
    for doc_id, name, value in s.execute(
        select(DocumentAttributeValue.document_id, Attribute.name, DocumentAttributeValue.value)
        .join(Attribute, Attribute.id == DocumentAttributeValue.attribute_id)
        .where(Attribute.scope == "document")
    ):
        values.setdefault(doc_id, {})[name] = value
    return names, values


def pages_by_document(s: Session, doc_ids: Iterable[int] | None) -> dict[int, list[PageInfo]]:
    query = select(DocumentPage.document_id, DocumentPage.number, DocumentPage.start,
                   DocumentPage.end).order_by(DocumentPage.document_id, DocumentPage.number)
    if doc_ids is not None:
        query = query.where(DocumentPage.document_id.in_(list(doc_ids)))
    out: dict[int, list[PageInfo]] = {}
    for doc_id, number, start, end in s.execute(query):
        out.setdefault(doc_id, []).append(PageInfo(number, start, end))
    return out


def iter_excerpts(
    project: Project,
    flt: ReferenceFilter = NO_FILTER,
    *,
    reference_ids: Iterable[int] | None = None,
    context: int = 0,
) -> Iterator[Excerpt]:
    """Excerpts matching the filter (or exactly these references), by document name and start;
    with `context`, each carries that many characters of text either side (for lists)."""
    nodes: dict[int, NodeInfo] = {n.id: n for n in list_nodes(project)}
    with project.db.reading() as s:
        theories = node_theories(s)
        coders = {i: n for i, n in s.execute(select(Coder.id, Coder.name))}
        cases = {c.id: f"#{c.number} {c.name}" for c in s.scalars(select(Case))}
        # documents' names and interventions apart: joining them per reference would make
        # SQLite walk each 40 kB text's overflow pages to reach `case_id`
        docs = {i: (name, case_id) for i, name, case_id in s.execute(
            select(Document.id, Document.name, Document.case_id))}
        rank = {doc_id: n for n, doc_id in enumerate(sorted(docs, key=lambda d: docs[d][0]))}
        query = (
            select(Reference.id, Reference.document_id, Reference.node_id, Reference.start,
                   Reference.end, Reference.relevance, Reference.rigour, Reference.rating_note,
                   Memo.text, Reference.coder_id, Reference.created_at, Reference.region_page,
                   Reference.region_left, Reference.region_bottom, Reference.region_right,
                   Reference.region_top)
            .outerjoin(Memo, Memo.reference_id == Reference.id)
            .where(*reference_conditions(s, flt))
            .order_by(Reference.document_id, Reference.start, Reference.node_id)
        )
        ids = None if reference_ids is None else list(reference_ids)
        if ids is not None:
            query = query.where(Reference.id.in_(ids))
        rows = sorted(s.execute(query).all(), key=lambda row: rank[row[1]])  # stable sort
        pages = pages_by_document(s, {row[1] for row in rows} if ids is not None else None)
        current, text, doc_pages, starts = -1, "", [], []
        for (ref_id, doc_id, node_id, start, end, relevance, rigour, note, memo, coder_id,
             created, *region) in rows:
            if doc_id != current:
                current = doc_id
                text = s.scalar(select(Document.text).where(Document.id == doc_id)) or ""
                doc_pages = pages.get(doc_id, [])
                starts = [p.start for p in doc_pages]
            doc_name, case_id = docs[doc_id]
            node = nodes.get(node_id)
            yield Excerpt(
                ref_id, doc_id, doc_name, cases.get(case_id or 0, ""), node_id,
                node.path if node else "", node.role if node else "",
                node.origin if node else "", theories.get(node_id, ""), text[start:end],
                pages_label(_near(doc_pages, starts, start, end), start, end), start, end,
                relevance, rigour,
                note, memo or "", coders.get(coder_id or 0, ""),
                created.isoformat(timespec="seconds"),
                text[max(0, start - context):start] if context else "",
                text[end:end + context] if context else "",
                region_of(*region),
            )


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Drop characters XML 1.0 cannot hold (PDF form feeds...), for .xlsx and .docx output."""
    return _XML_ILLEGAL.sub("", text)


def _near(pages: list[PageInfo], starts: list[int], start: int, end: int) -> list[PageInfo]:
    """The pages around a span (one either side, so a many-page document stays many-page for
    pages_label): a long thesis is not scanned page by page for every excerpt."""
    first = max(bisect_right(starts, start) - 2, 0)
    last = bisect_right(starts, end) + 1
    return pages[first:last]
