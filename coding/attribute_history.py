"""Undo for the attribute sheet: a cell, a new attribute, or a whole imported sheet.

A sheet import touches many rows (new attributes, values, new interventions, documents put in
interventions) in several transactions, so its undo puts back a snapshot of all of those
tables as they were: values and attributes exactly, interventions made by the import removed,
and every document back in the intervention it was in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select, update

from coding.changes import Changes
from coding.errors import NotFound
from coding.history import row_dicts, table_of
from coding.project import Project
from storage.models import Attribute, Case, CaseAttributeValue, Document, DocumentAttributeValue


@dataclass(frozen=True)
class AttributesSnapshot:
    attributes: tuple[dict[str, Any], ...]
    document_values: tuple[dict[str, Any], ...]
    case_values: tuple[dict[str, Any], ...]
    case_ids: frozenset[int]
    document_cases: tuple[tuple[int, int | None], ...]


def snapshot_attributes(project: Project) -> AttributesSnapshot:
    with project.db.reading() as s:
        return AttributesSnapshot(
            row_dicts(s, table_of(Attribute), Attribute.id.is_not(None)),
            row_dicts(s, table_of(DocumentAttributeValue), DocumentAttributeValue.value.is_not(None)),
            row_dicts(s, table_of(CaseAttributeValue), CaseAttributeValue.value.is_not(None)),
            frozenset(s.scalars(select(Case.id))),
            tuple((i, c) for i, c in s.execute(select(Document.id, Document.case_id))),
        )


def restore_attributes(project: Project, snapshot: AttributesSnapshot) -> Changes:
    with project.db.transaction() as s:
        for model in (DocumentAttributeValue, CaseAttributeValue, Attribute):
            s.execute(delete(model))
        for model, rows in ((Attribute, snapshot.attributes),
                            (DocumentAttributeValue, snapshot.document_values),
                            (CaseAttributeValue, snapshot.case_values)):
            if rows:
                s.execute(insert(table_of(model)), list(rows))
        for doc_id, case_id in snapshot.document_cases:
            s.execute(update(Document).where(Document.id == doc_id).values(case_id=case_id))
        s.execute(delete(Case).where(Case.id.not_in(snapshot.case_ids)))
    return Changes(attributes=True, cases=True, documents=True)


def delete_attribute(project: Project, scope: str, name: str) -> Changes:
    """Remove an attribute and its values (undoing its creation)."""
    with project.db.transaction() as s:
        found = s.scalars(select(Attribute).where(Attribute.scope == scope,
                                                  Attribute.name == name)).first()
        if found is None:
            raise NotFound(f"no {scope} attribute '{name}'")
        s.delete(found)
    return Changes(attributes=True)
