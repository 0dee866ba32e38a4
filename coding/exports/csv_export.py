"""Coded excerpts to CSV: one row per reference x node, safe to open in a spreadsheet.

The first columns are a contract (scripts read them by header name); new columns are only ever
appended. Document attributes follow as one column each, named after the attribute.
RFC 4180 quoting (csv module, CRLF row ends, newlines inside excerpts kept inside quotes).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from coding.excerpts import Excerpt, document_attributes, iter_excerpts
from coding.filters import NO_FILTER, ReferenceFilter
from coding.project import Project
from coding.tables import write_table_csv

COLUMNS = [
    "document", "intervention", "node", "role", "origin", "excerpt", "pages",
    "start", "end", "relevance", "rigour", "rating_note", "coder", "coded_at",
    "theories", "reference_memo", "document_id", "reference_id",
    # a region reference: its page and rectangle in PDF points, origin bottom-left
    "region_page", "region_left", "region_bottom", "region_right", "region_top",
]
def excerpt_row(e: Excerpt) -> list[object]:
    """The fixed columns of one excerpt, in COLUMNS order (shared with the Excel export)."""
    return [
        e.document, e.intervention, e.node_path, e.role, e.origin, e.text, e.pages, e.start,
        e.end, e.relevance, e.rigour, e.rating_note, e.coder, e.coded_at, e.theories, e.memo,
        e.document_id, e.reference_id, *region_cells(e),
    ]


def region_cells(e: Excerpt) -> list[object]:
    """Page and rectangle of a region excerpt (points, two decimals); empty for text."""
    if e.region is None:
        return ["", "", "", "", ""]
    r = e.region
    return [r.page, *(round(v, 2) for v in (r.left, r.bottom, r.right, r.top))]


def excerpt_header(attribute_names: list[str]) -> list[str]:
    """The fixed columns, then one per document attribute; an attribute named like a fixed
    column ("pages") is told apart, so scripts reading by header name get the right one."""
    return COLUMNS + [n if n not in COLUMNS else f"attribute {n}" for n in attribute_names]


def header_and_rows(
    project: Project, flt: ReferenceFilter = NO_FILTER
) -> tuple[list[str], Iterator[list[object]]]:
    """The export's header (fixed columns, then one per document attribute) and its rows."""
    with project.db.reading() as s:
        names, values = document_attributes(s)
    header = excerpt_header(names)

    def rows() -> Iterator[list[object]]:
        for e in iter_excerpts(project, flt):
            attrs = values.get(e.document_id, {})
            yield excerpt_row(e) + [attrs.get(n, "") for n in names]

    return header, rows()


def export_references_csv(
    project: Project, out: Path | str, *, bom: bool = False, flt: ReferenceFilter = NO_FILTER
) -> int:
    """Write every reference the filter lets through; returns the number of rows."""
    header, rows = header_and_rows(project, flt)
    return write_table_csv(out, header, rows, bom=bom, inputs=(project.path,))
