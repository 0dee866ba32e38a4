"""Undoing a document's deletion exactly: every row that goes with it, put back with its ids.

A document takes with it every row that cascades from it — pages, page layout, annotations,
references (and their memos), its own memo, attribute values, appraisal — found in the schema. `snapshot_document` copies them all in one read (the original
file's bytes included, so the restored document can still be exported as it came);
`restore_document` inserts them again in one transaction, so undo gives back exactly what
was deleted and later undo steps that name those references still find them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select

from coding.changes import Changes
from coding.documents import delete_document
from coding.errors import NotFound
from coding.history import cascade_from, row_dicts
from coding.ids import DocumentId
from coding.project import Project
from storage.models import Base, Document, Reference


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
        rows = tuple((table.name, row_dicts(s, table, where)) for table, where in cascade_from("documents", doc_id))
    return DocumentSnapshot(doc_id, name, rows)


def delete_with_snapshot(project: Project, doc_id: DocumentId) -> DocumentSnapshot:
    """Snapshot, then delete: what the app's Delete document does (its undo restores)."""
    snapshot = snapshot_document(project, doc_id)
    delete_document(project, doc_id)
    return snapshot


def restore_document(project: Project, snapshot: DocumentSnapshot) -> Changes:
    tables = Base.metadata.tables
    with project.db.transaction() as s:
        for name, rows in snapshot.rows:
            if rows:
                s.execute(insert(tables[name]), list(rows))
    return Changes(documents=True, references=True, memos=True, nodes=True,
                   document_ids=frozenset({snapshot.document_id}))


def restore_documents(project: Project, snapshots: list[DocumentSnapshot]) -> Changes:
    """Several documents back as they were (undoing a delete of several, or an import)."""
    changes = Changes()
    for snapshot in snapshots:
        changes |= restore_document(project, snapshot)
    return changes
