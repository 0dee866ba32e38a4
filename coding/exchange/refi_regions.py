"""PDF region codings in REFI-QDA: `PDFSelection` out and in.

Our convention, written down because the standard does not say: `page` counts from 1 (a
file whose PDF selections include page 0 counted from 0, and is read so); corners are PDF
points with the origin at the bottom-left of the page, (firstX, firstY) the upper-left corner
and (secondX, secondY) the lower-right, as integers rounded outwards so the rectangle never
shrinks. On import either corner order is accepted. The text under a region is found again
from the page (`coding.page_geometry`), so search and the CSV see it as ours do.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from sqlalchemy.orm import Session

from coding.page_align import derive_layout
from coding.page_geometry import PageText, PdfPages
from coding.page_layout import store_layout
from coding.references import Region
from importers.base import PageSpan, TextRun
from importers.pdf import _page_spans as page_spans
from importers.refi_model import QdaSelection, QdaSource
from storage.models import Document, DocumentPage

Rows = list[dict[str, object]]


def corners(region: Region) -> dict[str, str]:
    """The PDFSelection attributes of a region."""
    return {"page": str(region.page), "firstX": str(math.floor(region.left)),
            "firstY": str(math.ceil(region.top)), "secondX": str(math.ceil(region.right)),
            "secondY": str(math.floor(region.bottom))}


def _page_spans(runs: list[TextRun], page_count: int, length: int) -> list[PageSpan]:
    """Page spans from where each page's text starts, as the reader makes them."""
    firsts: dict[int, int] = {}
    for run in runs:
        firsts[run.page] = min(firsts.get(run.page, run.start), run.start)
    return page_spans(page_count, firsts, length)


def store_regions(s: Session, doc: Document, src: QdaSource, nodes: dict[str, int],
                  base: Callable[[QdaSelection], dict[str, object]],
                  guid_for: Callable[[str, str, int, int], str], skipped: list[str]
                  ) -> tuple[Rows, list[str]]:
    """Reference rows for the source's PDF selections (and their owners' selection GUIDs).
    The document's layout and page spans are derived and stored on the way: the regions need
    them to find their text."""
    regions = [sel for sel in src.selections if sel.region is not None]
    if not regions:
        return [], []
    if doc.format != "pdf" or not src.original:
        skipped.append(f"{src.name}: {len(regions)} PDF region selection(s) without the PDF")
        return [], []
    runs, blocks, source = derive_layout(src.original, doc.text, [])
    rows: Rows = []
    owners: list[str] = []
    bad = unknown = 0
    with PdfPages(src.original) as pdf:
        spans = _page_spans(runs, pdf.page_count, len(doc.text))
        store_layout(s, doc.id, runs, blocks, source)
        s.add_all(DocumentPage(document_id=doc.id, number=p.number, start=p.start, end=p.end)
                  for p in spans)
        doc.page_count = pdf.page_count
        zero_based = any(sel.region[0] == 0 for sel in regions if sel.region is not None)
        texts: dict[int, PageText] = {}
        for sel in regions:
            region = _region(sel, zero_based, pdf)
            if region is None:
                bad += 1
                continue
            if region.page not in texts:
                texts[region.page] = pdf.page_text(
                    region.page, [r for r in runs if r.page == region.page], doc.text)
            span = texts[region.page].span_in(region.box)
            start, end = span if span is not None else (spans[region.page - 1].start,) * 2
            for code_guid in dict.fromkeys(sel.code_guids):
                node_id = nodes.get(code_guid)
                if node_id is None:
                    unknown += 1
                    continue
                rows.append({
                    **base(sel), "guid": guid_for(sel.guid, code_guid, start, end),
                    "document_id": doc.id, "node_id": node_id, "start": start, "end": end,
                    "region_page": region.page,
                    "region_left": region.left, "region_bottom": region.bottom,
                    "region_right": region.right, "region_top": region.top})
                owners.append(sel.guid)
    if bad:
        skipped.append(f"{src.name}: {bad} PDF region selection(s) off the pages")
    if unknown:
        skipped.append(f"{src.name}: {unknown} region coding(s) of codes not in the codebook")
    return _unique(rows, owners)


def _region(sel: QdaSelection, zero_based: bool, pdf: PdfPages) -> Region | None:
    assert sel.region is not None
    page, x1, y1, x2, y2 = sel.region
    page += 1 if zero_based else 0
    if not 1 <= page <= pdf.page_count:
        return None
    frame = pdf.frame(page)
    # clip to the page as shown: its corners in page space
    low_x, low_y, high_x, high_y = frame.view_to_box(0, 0, frame.width, frame.height)
    left, right = max(min(x1, x2), low_x), min(max(x1, x2), high_x)
    bottom, top = max(min(y1, y2), low_y), min(max(y1, y2), high_y)
    if right - left < 1 or top - bottom < 1:
        return None
    return Region(page, left, bottom, right, top)


def _unique(rows: Rows, owners: list[str]) -> tuple[Rows, list[str]]:
    """One row per (node, rectangle): a file may code one rectangle to a code twice."""
    seen: set[tuple[object, ...]] = set()
    kept_rows: Rows = []
    kept_owners: list[str] = []
    for row, owner in zip(rows, owners, strict=True):
        key = (row["node_id"], row["region_page"], row["region_left"], row["region_bottom"],
               row["region_right"], row["region_top"])
        if key not in seen:
            seen.add(key)
            kept_rows.append(row)
            kept_owners.append(owner)
    return kept_rows, kept_owners
