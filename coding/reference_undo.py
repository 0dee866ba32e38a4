"""Undo and redo of coding: a `CodingResult` taken back or done again, in one transaction.

A coding action returns what it removed and created (`coding.references`), and the memos of
those excerpts as they were and as they became (`coding.reference_memos`); undo deletes what
was created and puts back what was removed with the same ids, so a memo, a rating, a second
reviewer's comparison and a merge's identity (the GUID) all find their excerpt again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from coding.changes import Changes
from coding.memos import put_memo_rows
from coding.project import Project
from coding.references import CodingResult, ReferenceRecord, region_columns
from storage.models import Reference


def restore_references(project: Project, records: Iterable[ReferenceRecord]) -> Changes:
    """Put references back exactly as they were (same ids), e.g. to undo an uncode."""
    rows = list(records)
    with project.db.transaction() as s:
        _restore(s, rows)
    return Changes(references=True, document_ids=frozenset(r.document_id for r in rows),
                   node_ids=frozenset(r.node_id for r in rows))


def _restore(s: Session, records: Iterable[ReferenceRecord]) -> None:
    for r in records:
        s.add(Reference(
            id=r.id, guid=r.guid, document_id=r.document_id, node_id=r.node_id,
            start=r.start, end=r.end, coder_id=r.coder_id, created_at=r.created_at,
            relevance=r.relevance, rigour=r.rigour, rating_note=r.rating_note,
            rated_by_id=r.rated_by_id, **region_columns(r.region)))
    s.flush()


def _swap(project: Project, out: Sequence[ReferenceRecord], back: Sequence[ReferenceRecord],
          memos_out: Sequence[dict[str, Any]], memos_back: Sequence[dict[str, Any]]) -> None:
    """One transaction: delete `out`, restore `back`, and their memos likewise."""
    with project.db.transaction() as s:
        ids = [r.id for r in out]
        if ids:
            s.execute(delete(Reference).where(Reference.id.in_(ids)))
        _restore(s, back)
        put_memo_rows(s, [m["id"] for m in memos_out], memos_back)


def undo_coding(project: Project, result: CodingResult) -> Changes:
    """Reverse a `CodingResult` in one transaction, the excerpts' memos included."""
    _swap(project, result.created, result.removed, result.memos_after, result.memos_before)
    return result.changes


def redo_coding(project: Project, result: CodingResult) -> Changes:
    _swap(project, result.removed, result.created, result.memos_before, result.memos_after)
    return result.changes
