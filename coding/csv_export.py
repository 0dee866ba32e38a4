"""Coded excerpts to CSV: one row per reference, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select

from coding.documents import PageInfo, pages_label
from coding.nodes import list_nodes
from coding.project import Project
from storage.models import Case, Coder, Document, DocumentPage, Reference

COLUMNS = [
    "document", "intervention", "node", "role", "origin", "excerpt", "pages",
    "start", "end", "relevance", "rigour", "rating_note", "coder", "coded_at",
]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """Neutralise spreadsheet formula injection: a leading apostrophe makes it plain text."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def export_references_csv(project: Project, out: Path | str, *, bom: bool = False) -> int:
    """Write every reference; returns the number of rows. Text is sliced per document once."""
    out = Path(out)
    nodes = {n.id: n for n in list_nodes(project)}
    count = 0
    with project.db.reading() as s, out.open("w", newline="", encoding="utf-8-sig" if bom else "utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        coders = dict(s.execute(select(Coder.id, Coder.name)).all())
        cases = {c.id: f"#{c.number} {c.name}" for c in s.scalars(select(Case))}
        for doc in s.scalars(select(Document).order_by(Document.name)):
            refs = s.scalars(
                select(Reference).where(Reference.document_id == doc.id)
                .order_by(Reference.start, Reference.node_id)
            ).all()
            if not refs:
                continue
            text = doc.text
            pages = [PageInfo(p.number, p.start, p.end) for p in s.scalars(
                select(DocumentPage).where(DocumentPage.document_id == doc.id)
                .order_by(DocumentPage.number))]
            for ref in refs:
                node = nodes.get(ref.node_id)  # type: ignore[call-overload]
                writer.writerow([safe_cell(v) for v in (
                    doc.name, cases.get(doc.case_id or 0, ""),
                    node.path if node else "", node.role if node else "",
                    node.origin if node else "", text[ref.start:ref.end],
                    pages_label(pages, ref.start, ref.end), ref.start, ref.end,
                    ref.relevance, ref.rigour, ref.rating_note,
                    coders.get(ref.coder_id or 0, ""), ref.created_at.isoformat(timespec="seconds"),
                )])
                count += 1
    return count
