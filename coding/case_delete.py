"""Deleting an intervention, and putting it back exactly.

An intervention made by mistake (or split, or merged into another by moving its documents) could
be renamed and renumbered but never removed, so it stayed in every matrix and export with no
documents. Its documents are kept, in no intervention; its attribute values and memo go with it.
What was removed is returned, so an undo restores the same rows with the same ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select, update

from coding.changes import Changes
from coding.errors import NotFound
from coding.history import cascade_from, row_dicts
from coding.ids import CaseId
from coding.names import counted
from coding.project import Project
from storage.models import Base, Case, Document


@dataclass(frozen=True)
class DeletedCase:
    # every row the delete removed, parents first (the case, its attribute values, its memo,
    # and whatever the schema cascades from it later: `coding.history.cascade_from`)
    rows: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]
    documents: tuple[int, ...]  # the documents that were in it

    @property
    def case(self) -> dict[str, Any]:
        return self.rows[0][1][0]

    @property
    def label(self) -> str:
        return f"#{self.case['number']} {self.case['name']}"

    @property
    def kept_note(self) -> str:
        """What became of its documents, said after the deletion ("; 3 documents now in no
        intervention"), empty when it had none."""
        docs = len(self.documents)
        return f"; {counted(docs, 'document')} now in no intervention" if docs else ""


def delete_case(project: Project, case_id: CaseId) -> DeletedCase:
    """Delete the intervention in one transaction; its documents stay, in none."""
    with project.db.transaction() as s:
        rows = tuple((table.name, row_dicts(s, table, where))
                     for table, where in cascade_from("cases", case_id))
        if not rows or not rows[0][1]:
            raise NotFound(f"no intervention with id {case_id}")
        deleted = DeletedCase(
            rows, tuple(s.scalars(select(Document.id).where(Document.case_id == case_id))))
        s.execute(update(Document).where(Document.case_id == case_id).values(case_id=None))
        s.execute(delete(Case).where(Case.id == case_id))  # the schema cascades the rest
    return deleted


def restore_case_deleted(project: Project, deleted: DeletedCase) -> Changes:
    """Undo `delete_case`: every row it removed, its documents back in it."""
    tables = Base.metadata.tables
    with project.db.transaction() as s:
        for name, rows in deleted.rows:
            if rows:
                s.execute(insert(tables[name]), list(rows))
        if deleted.documents:
            s.execute(update(Document).where(Document.id.in_(deleted.documents))
                      .values(case_id=deleted.case["id"]))
    return changed(deleted)


def changed(deleted: DeletedCase) -> Changes:
    return Changes(cases=True, documents=True, memos=True, attributes=True, theories=True,
                   document_ids=frozenset(deleted.documents))
