"""Interventions (cases): numbered programme instances that group documents."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from coding.changes import Changes
from coding.errors import InvalidInput, NotFound
from coding.ids import CaseId, DocumentId
from coding.project import Project, new_guid
from storage.models import Case, Document


@dataclass(frozen=True)
class CaseInfo:
    id: CaseId
    number: int
    name: str
    description: str
    document_count: int


def ensure_case(project: Project, name: str, number: int | None = None) -> CaseId:
    """The case called `name`, created with the next free number if it does not exist."""
    name = name.strip()
    if not name:
        raise InvalidInput("an intervention needs a name")
    with project.db.transaction() as s:
        case = s.scalars(select(Case).where(Case.name == name)).first()
        if case is not None:
            return CaseId(case.id)
        if number is None:
            number = (s.scalar(select(func.max(Case.number))) or 0) + 1
        elif s.scalar(select(Case.id).where(Case.number == number)) is not None:
            raise InvalidInput(f"intervention #{number} already exists")
        case = Case(guid=new_guid(), number=number, name=name)
        s.add(case)
        s.flush()
        return CaseId(case.id)


def list_cases(project: Project) -> list[CaseInfo]:
    with project.db.reading() as s:
        rows = s.execute(
            select(Case, func.count(Document.id))
            .outerjoin(Document, Document.case_id == Case.id)
            .group_by(Case.id)
            .order_by(Case.number)
        ).all()
        return [
            CaseInfo(CaseId(c.id), c.number, c.name, c.description, n) for c, n in rows
        ]


def assign_document(project: Project, doc_id: DocumentId, case_id: CaseId | None) -> Changes:
    with project.db.transaction() as s:
        doc = s.get(Document, doc_id)
        if doc is None:
            raise NotFound(f"no document with id {doc_id}")
        if case_id is not None and s.get(Case, case_id) is None:
            raise NotFound(f"no intervention with id {case_id}")
        doc.case_id = case_id
    return Changes(documents=True, cases=True, document_ids=frozenset({doc_id}))
