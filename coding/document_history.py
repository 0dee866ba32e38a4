"""Undoing a document's deletion exactly: every row that goes with it, put back with its ids.

A document takes with it its pages, annotations, references (and their memos), its own memo,
attribute values and appraisal. `snapshot_document` copies them all in one read (the original
file's bytes included, so the restored document can still be exported as it came);
`restore_document` inserts them again in one transaction, so undo gives back exactly what
was deleted and later undo steps that name those references still find them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, or_, select

from coding.changes import Changes
from coding.documents import delete_document
from coding.errors import NotFound
from coding.history import row_dicts, table_of
from coding.ids import DocumentId
from coding.project import Project
from storage.models import (
    Annotation,
    Appraisal,
    AppraisalAnswer,
    Document,
    DocumentAttributeValue,
    DocumentPage,
    Memo,
    Reference,
)

# parents before children: a row is inserted after the rows it points at
_TABLES = (Document, DocumentPage, Annotation, Reference, Memo, DocumentAttributeValue,
           Appraisal, AppraisalAnswer)


@dataclass(frozen=True)
class DocumentSnapshot:
    document_id: DocumentId
    name: str
    rows: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]

    @property
    def reference_count(self) -> int:
        return next((len(rows) for name, rows in self.rows if name == "references"), 0)


def count_codings(project: Project, doc_id: DocumentId) -> int:
    """How many references a delete would take with it (for the confirmation)."""
    with project.db.reading() as s:
        return s.scalar(select(func.count()).where(Reference.document_id == doc_id)) or 0


def snapshot_document(project: Project, doc_id: DocumentId) -> DocumentSnapshot:
    with project.db.reading() as s:
        name = s.scalar(select(Document.name).where(Document.id == doc_id))
        if name is None:
            raise NotFound(f"no document with id {doc_id}")
        refs = select(Reference.id).where(Reference.document_id == doc_id)
        where = {
            Document: Document.id == doc_id,
            DocumentPage: DocumentPage.document_id == doc_id,
            Annotation: Annotation.document_id == doc_id,
            Reference: Reference.document_id == doc_id,
            Memo: or_(Memo.document_id == doc_id, Memo.reference_id.in_(refs)),
            DocumentAttributeValue: DocumentAttributeValue.document_id == doc_id,
            Appraisal: Appraisal.document_id == doc_id,
            AppraisalAnswer: AppraisalAnswer.document_id == doc_id,
        }
        rows = tuple((table_of(model).name, row_dicts(s, table_of(model), where[model]))
                     for model in _TABLES)
    return DocumentSnapshot(doc_id, name, rows)


def delete_with_snapshot(project: Project, doc_id: DocumentId) -> DocumentSnapshot:
    """Snapshot, then delete: what the app's Delete document does (its undo restores)."""
    snapshot = snapshot_document(project, doc_id)
    delete_document(project, doc_id)
    return snapshot


def restore_document(project: Project, snapshot: DocumentSnapshot) -> Changes:
    tables = {table_of(model).name: table_of(model) for model in _TABLES}
    with project.db.transaction() as s:
        for name, rows in snapshot.rows:
            if rows:
                s.execute(insert(tables[name]), list(rows))
    return Changes(documents=True, references=True, memos=True, nodes=True,
                   document_ids=frozenset({snapshot.document_id}))
