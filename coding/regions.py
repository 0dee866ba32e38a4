"""Region coding: a rectangle over a figure or a table of a PDF page, coded like any excerpt.

A region is a reference of its own: its page and rectangle (PDF points, origin bottom-left) in
the `region_*` columns, and as its span the stored text under the rectangle, so search, the
CSV and coverage see what it holds; a figure with no text has an empty span at the start of its
page. Regions never merge with text coding or with each other; a coder coding the same
rectangle to a node twice does nothing (two coders may: that is agreement). Results are
`CodingResult`s, so undo is the same as for text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.changes import Changes
from coding.errors import InvalidInput, NotFound
from coding.ids import DocumentId, NodeId, ReferenceId
from coding.project import Project, new_guid
from coding.reference_memos import MemoMoves
from coding.references import (
    CodingResult,
    ReferenceRecord,
    Region,
    carry_rating,
    reference_record,
    region_columns,
)
from storage.models import Document, DocumentPage, Node, Reference, utcnow

if TYPE_CHECKING:  # pdfium loads only for the calls that read a page
    from coding.page_geometry import Frame

MIN_SIDE = 2.0  # points: a click is not a region


def _check_region(project: Project, doc_id: DocumentId, region: Region) -> int:
    """The region's page start offset, after checking the document has that page and the
    rectangle is large enough to code."""
    start = _check_page(project, doc_id, region)
    if region.right - region.left < MIN_SIDE or region.top - region.bottom < MIN_SIDE:
        raise InvalidInput("the rectangle is too small to code; drag over the figure or table")
    return start


def _check_page(project: Project, doc_id: DocumentId, region: Region) -> int:
    """The region's page start offset, after checking the document is a PDF with that page and
    the rectangle's sides are numbers (nan or inf is no place on a page)."""
    if not all(math.isfinite(v) for v in (region.left, region.bottom, region.right, region.top)):
        raise InvalidInput("a region's sides are numbers of points, not nan or inf")
    with project.db.reading() as s:
        row = s.execute(select(Document.format, Document.name, Document.page_count)
                        .where(Document.id == doc_id)).first()
        if row is None:
            raise NotFound(f"no document with id {doc_id}")
        fmt, name, page_count = row
        if fmt != "pdf":
            raise InvalidInput(f"'{name}' is not a PDF: regions are drawn on PDF pages")
        if not 1 <= region.page <= page_count:
            raise InvalidInput(f"page {region.page} is not in '{name}' (1-{page_count})")
        start = s.scalar(select(DocumentPage.start).where(DocumentPage.document_id == doc_id,
                                                           DocumentPage.number == region.page))
    return int(start or 0)


def _check_on_page(frame: Frame, region: Region) -> None:
    """A rectangle typed in a script (`code --region`) must touch its page: one wholly off it
    (a sign slipped, a height typed for a width) was coded, and then showed nowhere."""
    left, top, right, bottom = frame.box_to_view(region.box)
    if right <= 0 or bottom <= 0 or left >= frame.width or top >= frame.height:
        raise InvalidInput(
            f"the rectangle {region.left:g} {region.bottom:g} {region.right:g} {region.top:g} "
            f"is off page {region.page} ({frame.width:.0f} × {frame.height:.0f} points, "
            "measured from its bottom left corner)")


def text_under(project: Project, doc_id: DocumentId, region: Region, *,
               typed: bool = False) -> tuple[int, int] | None:
    """The stored span from the first to the last character inside the rectangle, or None. A
    `typed` rectangle (a script's, not one drawn on the page) is checked against its page in
    the same opening of the PDF."""
    from coding.documents import document_text
    from coding.page_geometry import PdfPages
    from coding.page_layout import ensure_layout, original_pdf

    with PdfPages(original_pdf(project, doc_id)) as pdf:
        if typed:
            _check_on_page(pdf.frame(region.page), region)
        runs = ensure_layout(project, doc_id).page_runs(region.page)
        if not runs:
            return None
        page = pdf.page_text(region.page, runs, document_text(project, doc_id))
    return page.span_in(region.box)


def code_region(
    project: Project,
    doc_id: DocumentId,
    region: Region,
    node_ids: Sequence[NodeId],
    *,
    span: tuple[int, int] | None = None,
) -> CodingResult:
    """Code a rectangle to each node, in one transaction. `span` is the text under it when the
    caller knows it already (the page view does); otherwise it is found from the page."""
    if not node_ids:
        raise InvalidInput("choose at least one node to code to")
    page_start = _check_region(project, doc_id, region)
    if span is None:  # a script's rectangle, not one drawn on the page
        span = text_under(project, doc_id, region, typed=True)
    start, end = span if span is not None else (page_start, page_start)
    created: list[ReferenceRecord] = []
    with project.db.transaction() as s:
        length = s.scalar(select(Document.text_length).where(Document.id == doc_id)) or 0
        if not 0 <= start <= end <= length:
            raise InvalidInput(f"span {start}-{end} is not inside the document (0-{length})")
        for node_id in dict.fromkeys(node_ids):
            _gone, made = code_region_in(s, project.coder_id or None, doc_id, region,
                                         (start, end), node_id, MemoMoves())
            if made is not None:
                created.append(made)
    return CodingResult(created=tuple(created), changes=Changes(
        references=True, document_ids=frozenset({doc_id}), node_ids=frozenset(node_ids)))


def code_region_in(s: Session, coder_id: int | None, doc_id: DocumentId, region: Region,
                   span: tuple[int, int], node_id: NodeId, memos: MemoMoves,
                   carried: Sequence[dict[str, Any]] = ()
                   ) -> tuple[list[ReferenceRecord], ReferenceRecord | None]:
    """Code one rectangle to one node inside `s`, as `coding.references._code_one` codes a span:
    (nothing merged away, the reference made - None when this coder has it already, which
    then takes `carried` memos, a recoded region's)."""
    node = s.get(Node, node_id)
    if node is None:
        raise NotFound(f"no node with id {node_id}")
    if not node.is_codable:
        raise InvalidInput(f"'{node.name}' is a folder and cannot be coded to")
    same = _same_region(s, doc_id, node_id, coder_id, region)
    if same is not None:
        memos.give(s, list(carried), same.id)
        return [], None
    ref = Reference(guid=new_guid(), document_id=doc_id, node_id=node_id, start=span[0],
                    end=span[1], coder_id=coder_id, created_at=utcnow(), **region_columns(region))
    s.add(ref)
    s.flush()
    memos.give(s, list(carried), ref.id)
    return [], reference_record(ref)


def _same_region(s: Session, doc_id: int, node_id: int, coder_id: int | None,
                 region: Region) -> Reference | None:
    """This coder's coding of the same rectangle to the node (a colleague's is theirs)."""
    return s.scalars(select(Reference).where(
        Reference.document_id == doc_id, Reference.node_id == node_id,
        Reference.coder_id.is_(None) if coder_id is None else Reference.coder_id == coder_id,
        Reference.region_page == region.page, Reference.region_left == region.left,
        Reference.region_bottom == region.bottom, Reference.region_right == region.right,
        Reference.region_top == region.top)).first()


def regions_touching(project: Project, doc_id: DocumentId, region: Region,
                     node_ids: Sequence[NodeId] | None = None) -> list[ReferenceRecord]:
    """Region references on the same page whose rectangles overlap `region`."""
    with project.db.reading() as s:
        query = select(Reference).where(
            Reference.document_id == doc_id, Reference.region_page == region.page,
            Reference.region_left < region.right, Reference.region_right > region.left,
            Reference.region_bottom < region.top, Reference.region_top > region.bottom)
        if node_ids is not None:
            query = query.where(Reference.node_id.in_(list(node_ids)))
        return [reference_record(ref) for ref in s.scalars(query.order_by(Reference.id))]


def uncode_region(project: Project, doc_id: DocumentId, region: Region,
                  node_ids: Sequence[NodeId] | None = None) -> CodingResult:
    """Remove the region codings the rectangle overlaps (of these nodes, or all), whole."""
    from coding.references import delete_references

    _check_page(project, doc_id, region)  # "uncoded 0 regions on page 0" hid a mistyped page
    found = regions_touching(project, doc_id, region, node_ids)
    if not found:
        return CodingResult(changes=Changes(references=True, document_ids=frozenset({doc_id})))
    return delete_references(project, [r.id for r in found])


def reshape_region(project: Project, reference_id: ReferenceId, region: Region) -> CodingResult:
    """Move or resize a coded rectangle on its page: each node's coding of that rectangle by
    the same coder moves with it - its memo and rating too - and holds the text under the new
    rectangle. One transaction; undo puts the old rectangle back."""
    with project.db.reading() as s:
        ref = s.get(Reference, reference_id)
        if ref is None:
            raise NotFound(f"no reference with id {reference_id}")
        old = reference_record(ref)
    if old.region is None:
        raise InvalidInput("only a region can be resized: this excerpt is text")
    if region.page != old.region.page:
        raise InvalidInput("a region stays on its page; draw a new one on the other page")
    page_start = _check_region(project, old.document_id, region)
    span = text_under(project, old.document_id, region) or (page_start, page_start)
    memos = MemoMoves()
    created: list[ReferenceRecord] = []
    removed: list[ReferenceRecord] = []
    with project.db.transaction() as s:
        for twin in s.scalars(select(Reference).where(
                Reference.document_id == old.document_id,
                Reference.coder_id.is_(None) if old.coder_id is None
                else Reference.coder_id == old.coder_id,
                *(getattr(Reference, column) == value
                  for column, value in region_columns(old.region).items()))).all():
            record = reference_record(twin)
            carried = memos.take(s, [twin.id])
            s.delete(twin)
            s.flush()
            _gone, made = code_region_in(s, old.coder_id, old.document_id, region, span,
                                         record.node_id, memos, carried)
            removed.append(record)
            made = carry_rating(s, made, record)
            if made is not None:
                created.append(made)
        before, after = memos.result(s)
    changes = Changes(references=True, memos=bool(before),
                      document_ids=frozenset({old.document_id}),
                      node_ids=frozenset(r.node_id for r in removed))
    return CodingResult(tuple(created), tuple(removed), changes, before, after)
