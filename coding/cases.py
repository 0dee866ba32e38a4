"""Interventions (cases): numbered programme instances that group documents."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from coding.changes import Changes
from coding.errors import InvalidInput, NotFound
from coding.ids import CaseId, DocumentId
from coding.names import SQLITE_MAX_INT, as_number, check_name
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
    name = check_name(name, "an intervention's name")
    if not name:
        raise InvalidInput("an intervention needs a name")
    with project.db.transaction() as s:
        case = s.scalars(select(Case).where(Case.name == name)).first()
        if case is not None:
            return CaseId(case.id)
        if number is None:
            number = (s.scalar(select(func.max(Case.number))) or 0) + 1
        else:
            check_number(number)
            if s.scalar(select(Case.id).where(Case.number == number)) is not None:
                raise InvalidInput(f"intervention #{number} already exists")
        case = Case(guid=new_guid(), number=number, name=name)
        s.add(case)
        s.flush()
        return CaseId(case.id)


def check_number(number: int) -> None:
    """Interventions are shown and found as #1, #2...; a #0 or #-1 could be made and then not
    found again by number (and one past SQLite's range failed with "unexpected
    OverflowError")."""
    if not 1 <= number <= SQLITE_MAX_INT:
        raise InvalidInput(f"an intervention's number is a whole number from 1, not {number}")


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
    return assign_documents(project, {doc_id: case_id})


def find_case(project: Project, key: str | int) -> CaseId:
    """Resolve "#3", "3" (the intervention number) or the intervention's name."""
    text = str(key).strip()
    with project.db.reading() as s:
        number = as_number(text.lstrip("#"))
        if number is not None:
            found = s.scalar(select(Case.id).where(Case.number == number))
        elif text.lstrip("#").isdigit():  # a number, too large (or in other digits) to be one
            found = None
        else:
            found = s.scalar(select(Case.id).where(Case.name == text))
    if found is None:
        raise NotFound(f"no intervention '{text}' (see `realist-coder case list`)")
    return CaseId(found)


def update_case(
    project: Project, case_id: CaseId, *, name: str | None = None, number: int | None = None,
    description: str | None = None,
) -> Changes:
    with project.db.transaction() as s:
        case = s.get(Case, case_id)
        if case is None:
            raise NotFound(f"no intervention with id {case_id}")
        if name is not None:
            name = check_name(name, "an intervention's name")
            if not name:
                raise InvalidInput("an intervention needs a name")
            if s.scalar(select(Case.id).where(Case.name == name.strip(), Case.id != case_id)):
                raise InvalidInput(f"an intervention called '{name}' already exists")
            case.name = name.strip()
        if number is not None:
            check_number(number)
            if s.scalar(select(Case.id).where(Case.number == number, Case.id != case_id)):
                raise InvalidInput(f"intervention #{number} already exists")
            case.number = number
        if description is not None:
            case.description = description
    return Changes(cases=True)


@dataclass(frozen=True)
class InterventionRow:
    """One line of "documents grouped by intervention" (a review's table 2)."""

    case_number: int | None
    case_name: str
    document_id: DocumentId
    document: str
    year: int | None


def documents_by_intervention(project: Project) -> list[InterventionRow]:
    """Every document under its intervention, by number; documents with none come last."""
    with project.db.reading() as s:
        rows = s.execute(
            select(Case.number, Case.name, Document.id, Document.name, Document.year)
            .outerjoin(Case, Case.id == Document.case_id)
            .order_by(func.coalesce(Case.number, 1_000_000_000), Document.name)
        ).all()
    return [InterventionRow(number, name or "", DocumentId(doc_id), doc, year)
            for number, name, doc_id, doc, year in rows]


@dataclass(frozen=True)
class CaseRecord:
    """An intervention row as stored, so an undone creation is redone with the same id."""

    id: CaseId
    guid: str
    number: int
    name: str
    description: str


def case_record(project: Project, case_id: CaseId) -> CaseRecord:
    with project.db.reading() as s:
        case = s.get(Case, case_id)
        if case is None:
            raise NotFound(f"no intervention with id {case_id}")
        return CaseRecord(CaseId(case.id), case.guid, case.number, case.name, case.description)


def restore_case(project: Project, record: CaseRecord) -> Changes:
    with project.db.transaction() as s:
        s.add(Case(id=record.id, guid=record.guid, number=record.number, name=record.name,
                   description=record.description))
    return Changes(cases=True, documents=True)


def delete_empty_case(project: Project, case_id: CaseId) -> Changes:
    """Remove an intervention no document belongs to (undoing its creation)."""
    with project.db.transaction() as s:
        case = s.get(Case, case_id)
        if case is None:
            raise NotFound(f"no intervention with id {case_id}")
        if s.scalar(select(func.count()).where(Document.case_id == case_id)):
            raise InvalidInput(f"intervention #{case.number} still has documents")
        s.delete(case)
    return Changes(cases=True, documents=True)


def document_cases(project: Project) -> dict[DocumentId, CaseId | None]:
    """Each document's intervention (for undoing a batch of assignments)."""
    with project.db.reading() as s:
        return {DocumentId(i): CaseId(c) if c else None
                for i, c in s.execute(select(Document.id, Document.case_id))}


def assign_documents(project: Project, assignments: dict[DocumentId, CaseId | None]) -> Changes:
    """Put several documents in interventions (None: in none), in one transaction."""
    with project.db.transaction() as s:
        for doc_id, case_id in assignments.items():
            doc = s.get(Document, doc_id)
            if doc is None:
                raise NotFound(f"no document with id {doc_id}")
            if case_id is not None and s.get(Case, case_id) is None:
                raise NotFound(f"no intervention with id {case_id}")
            doc.case_id = case_id
    return Changes(documents=True, cases=True, document_ids=frozenset(assignments))
