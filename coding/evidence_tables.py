"""Evidence tables: per theory, its C, M and O, the supporting interventions and key excerpts.

Key excerpts are the best-rated references of a theory's nodes (relevance, then rigour), with
the excerpt text cut out by the database (substr) so whole documents are never loaded.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import case, func, select

from coding.csv_export import safe_cell
from coding.documents import PageInfo, document_pages, pages_label
from coding.evidence import ROLES, TheoryEvidence, theory_evidence
from coding.ids import DocumentId
from coding.project import Project
from coding.ratings import NO_FILTER, RatingFilter
from storage.models import Case, Document, Node, Reference

EXCERPT_CHARS = 400
_RANK = {"high": 0, "moderate": 1, "low": 2, "not_rated": 3}
CSV_COLUMNS = ("theory", "topic", "status", "part", "node", "document", "intervention",
               "pages", "relevance", "rigour", "rating_note", "excerpt")


@dataclass(frozen=True)
class KeyExcerpt:
    part: str  # context / mechanism / outcome / theory (coded to the configuration as a whole)
    node: str
    document: str
    intervention: int | None
    pages: str
    relevance: str
    rigour: str
    note: str
    text: str


def _rank(column: object) -> object:
    return case(_RANK, value=column, else_=3)


def key_excerpts(
    project: Project, item: TheoryEvidence, ratings: RatingFilter = NO_FILTER,
    limit: int | None = 5, pages_cache: dict[int, list[PageInfo]] | None = None,
) -> list[KeyExcerpt]:
    """The theory's best-rated excerpts, best first (all of them when `limit` is None)."""
    theory = item.theory
    nodes: dict[int, str] = {e.node_id: e.role for e in theory.elements}
    if theory.node_id is not None:
        nodes[theory.node_id] = "theory"
    if not nodes:
        return []
    length = Reference.end - Reference.start
    query = (
        select(Reference.node_id, Node.name, Document.id, Document.name, Case.number,
               Reference.start, Reference.end, Reference.relevance, Reference.rigour,
               Reference.rating_note,
               func.substr(Document.text, Reference.start + 1,
                           func.min(length, EXCERPT_CHARS + 1)))
        .join(Node, Node.id == Reference.node_id)
        .join(Document, Document.id == Reference.document_id)
        .outerjoin(Case, Case.id == Document.case_id)
        .where(Reference.node_id.in_(list(nodes)), ratings.clause())
        .order_by(_rank(Reference.relevance), _rank(Reference.rigour),  # type: ignore[arg-type]
                  Case.number, Document.name, Reference.start)
        .limit(limit)
    )
    cache = {} if pages_cache is None else pages_cache
    out = []
    with project.db.reading() as s:
        rows = s.execute(query).all()
    for node_id, node, doc_id, doc, number, start, end, relevance, rigour, note, text in rows:
        if doc_id not in cache:
            cache[doc_id] = document_pages(project, DocumentId(doc_id))
        if len(text) > EXCERPT_CHARS:
            text = text[:EXCERPT_CHARS].rstrip() + "…"
        out.append(KeyExcerpt(nodes[node_id], node, doc, number,
                              pages_label(cache[doc_id], start, end), relevance, rigour, note,
                              " ".join(text.split())))
    return out


def export_evidence_csv(
    project: Project, out: Path | str, ratings: RatingFilter = NO_FILTER, *, bom: bool = False
) -> int:
    """One row per excerpt per theory (every excerpt, best-rated first); returns the row count."""
    count = 0
    cache: dict[int, list[PageInfo]] = {}
    with Path(out).open("w", newline="", encoding="utf-8-sig" if bom else "utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_COLUMNS)
        for item in theory_evidence(project, ratings):
            for ex in key_excerpts(project, item, ratings, limit=None, pages_cache=cache):
                writer.writerow([safe_cell(v) for v in (
                    item.theory.label, item.theory.topic, item.status, ex.part, ex.node,
                    ex.document, f"#{ex.intervention}" if ex.intervention else "", ex.pages,
                    ex.relevance, ex.rigour, ex.note, ex.text)])
                count += 1
    return count


def part_rows(item: TheoryEvidence) -> list[tuple[str, str, str]]:
    """(part, elements, supporting interventions) for C, M and O — the table's first rows."""
    rows = []
    for role in ROLES:
        names = "; ".join(e.name for e in item.theory.of_role(role)) or "(none yet)"
        rows.append((role.capitalize(), names, item.parts[role].summary()))
    return rows
