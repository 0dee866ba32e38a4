"""Typed attributes of documents and interventions, and their import from classification sheets.

A sheet is a CSV with one row per document (or intervention): the first column names it, every
other column is an attribute (NVivo's classification sheets work the same way). Values are
checked against the attribute's type so a table of "year" never holds "2O19".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coding.cases import ensure_case, find_case
from coding.changes import Changes
from coding.documents import find_document
from coding.errors import InvalidInput, NotFound
from coding.ids import AttributeId, DocumentId
from coding.project import Project, new_guid
from coding.tables import read_table_csv
from storage.models import (
    ATTRIBUTE_SCOPES,
    ATTRIBUTE_TYPES,
    Attribute,
    CaseAttributeValue,
    DocumentAttributeValue,
)

_BOOLEANS = {"yes": "yes", "true": "yes", "1": "yes", "no": "no", "false": "no", "0": "no"}
# In a document sheet this column puts the document in an intervention instead of an attribute.
INTERVENTION_COLUMN = "intervention"


@dataclass(frozen=True)
class AttributeInfo:
    id: AttributeId
    scope: str
    name: str
    value_type: str
    choices: tuple[str, ...]


def _check_scope(scope: str) -> None:
    if scope not in ATTRIBUTE_SCOPES:
        raise InvalidInput(f"attribute scope is one of {', '.join(ATTRIBUTE_SCOPES)}, not '{scope}'")


def normalise_value(info: AttributeInfo, value: str) -> str:
    """The stored form of `value`, or InvalidInput saying what the type expects."""
    value = value.strip()
    if not value:
        return ""
    where = f"attribute '{info.name}'"
    if info.value_type == "integer" and not re.fullmatch(r"[+-]?\d+", value):
        raise InvalidInput(f"{where} takes a whole number, not '{value}'")
    if info.value_type == "decimal":
        try:
            float(value)
        except ValueError:
            raise InvalidInput(f"{where} takes a number, not '{value}'") from None
    if info.value_type == "boolean":
        if value.lower() not in _BOOLEANS:
            raise InvalidInput(f"{where} takes yes or no, not '{value}'")
        return _BOOLEANS[value.lower()]
    if info.value_type == "date":
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            raise InvalidInput(f"{where} takes a date as YYYY-MM-DD, not '{value}'") from None
    if info.value_type == "choice" and info.choices and value not in info.choices:
        raise InvalidInput(f"{where} is one of {', '.join(info.choices)}, not '{value}'")
    return value


def _info(a: Attribute) -> AttributeInfo:
    choices = tuple(c for c in a.choices.splitlines() if c.strip())
    return AttributeInfo(AttributeId(a.id), a.scope, a.name, a.value_type, choices)


def define_attribute(
    project: Project, scope: str, name: str, value_type: str = "text",
    choices: Sequence[str] = (),
) -> AttributeId:
    """Create the attribute, or return it if it exists with the same type."""
    _check_scope(scope)
    if value_type not in ATTRIBUTE_TYPES:
        raise InvalidInput(f"attribute type is one of {', '.join(ATTRIBUTE_TYPES)}")
    name = name.strip()
    if not name:
        raise InvalidInput("an attribute needs a name")
    with project.db.transaction() as s:
        found = s.scalars(select(Attribute).where(Attribute.scope == scope,
                                                  Attribute.name == name)).first()
        if found is not None:
            if found.value_type != value_type:
                raise InvalidInput(f"attribute '{name}' exists with type {found.value_type}")
            return AttributeId(found.id)
        position = s.scalar(select(func.coalesce(func.max(Attribute.position) + 1, 0))
                            .where(Attribute.scope == scope)) or 0
        attribute = Attribute(guid=new_guid(), scope=scope, name=name, value_type=value_type,
                              choices="\n".join(c.strip() for c in choices if c.strip()),
                              position=position)
        s.add(attribute)
        s.flush()
        return AttributeId(attribute.id)


def list_attributes(project: Project, scope: str) -> list[AttributeInfo]:
    _check_scope(scope)
    with project.db.reading() as s:
        rows = s.scalars(select(Attribute).where(Attribute.scope == scope)
                         .order_by(Attribute.position, Attribute.id)).all()
        return [_info(a) for a in rows]


def _attribute(s: Session, scope: str, name: str) -> AttributeInfo:
    found = s.scalars(select(Attribute).where(Attribute.scope == scope,
                                              Attribute.name == name)).first()
    if found is None:
        raise NotFound(f"no {scope} attribute '{name}'")
    return _info(found)


def _store(s: Session, info: AttributeInfo, target_id: int, value: str) -> None:
    row: DocumentAttributeValue | CaseAttributeValue | None
    if info.scope == "document":
        row = s.get(DocumentAttributeValue, (target_id, info.id))
        if row is None:
            row = DocumentAttributeValue(document_id=target_id, attribute_id=info.id)
    else:
        row = s.get(CaseAttributeValue, (target_id, info.id))
        if row is None:
            row = CaseAttributeValue(case_id=target_id, attribute_id=info.id)
    row.value = normalise_value(info, value)
    s.add(row)


def set_value(project: Project, scope: str, target_id: int, name: str, value: str) -> Changes:
    """Set one document's (or intervention's) value of the attribute called `name`."""
    _check_scope(scope)
    with project.db.transaction() as s:
        _store(s, _attribute(s, scope, name), target_id, value)
    return Changes(attributes=True)


def attribute_values(project: Project, scope: str) -> dict[int, dict[str, str]]:
    """target id -> attribute name -> value, for every document (or intervention)."""
    _check_scope(scope)
    query = (
        select(DocumentAttributeValue.document_id, Attribute.name, DocumentAttributeValue.value)
        .join(Attribute, Attribute.id == DocumentAttributeValue.attribute_id)
        if scope == "document" else
        select(CaseAttributeValue.case_id, Attribute.name, CaseAttributeValue.value)
        .join(Attribute, Attribute.id == CaseAttributeValue.attribute_id)
    )
    with project.db.reading() as s:
        rows = s.execute(query).all()
    out: dict[int, dict[str, str]] = {}
    for target_id, name, value in rows:
        out.setdefault(target_id, {})[name] = value
    return out


def _guess_type(values: list[str]) -> str:
    filled = [v.strip() for v in values if v.strip()]
    if filled and all(re.fullmatch(r"[+-]?\d+", v) for v in filled):
        return "integer"
    return "text"


def import_attributes_csv(project: Project, path: Path | str, scope: str) -> int:
    """Read a classification sheet; returns the number of rows applied.

    New columns become attributes (whole numbers -> integer, else text). Every row is checked
    before anything is written. Intervention sheets may name new interventions (created);
    document sheets must name existing documents, and may have an `intervention` column.
    """
    _check_scope(scope)
    path = Path(path)
    rows = [cells for _line, cells in read_table_csv(path)]
    if len(rows) < 2 or len(rows[0]) < 2:
        raise InvalidInput(f"{path.name}: expected a header row naming the {scope} then "
                           "attribute columns, and at least one row")
    header = [h.strip() for h in rows[0]]
    columns = list(enumerate(header))[1:]
    assign = [i for i, name in columns if scope == "document" and
              name.lower() == INTERVENTION_COLUMN]
    existing = {a.name: a for a in list_attributes(project, scope)}
    infos = {}
    for i, name in columns:
        if not name or i in assign:
            continue
        infos[i] = existing.get(name) or AttributeInfo(
            AttributeId(0), scope, name, _guess_type([r[i] for r in rows[1:] if i < len(r)]), ())
    targets = []
    for line, row in enumerate(rows[1:], start=2):
        cells = row + [""] * (len(header) - len(row))
        try:
            for i, info in infos.items():
                normalise_value(info, cells[i])
            targets.append(find_document(project, cells[0].strip()) if scope == "document"
                           else _case_key(project, cells[0].strip()))
        except (InvalidInput, NotFound) as exc:
            raise InvalidInput(f"{path.name} line {line}: {exc}") from None
    for info in infos.values():
        if info.id == 0:
            define_attribute(project, scope, info.name, info.value_type)
    for target, row in zip(targets, rows[1:], strict=True):
        cells = row + [""] * (len(header) - len(row))
        target_id = ensure_case(project, target) if isinstance(target, str) else target
        if assign and cells[assign[0]].strip():
            from coding.cases import assign_document

            assign_document(project, DocumentId(target_id), ensure_case(project, cells[assign[0]].strip()))
        with project.db.transaction() as s:
            for i, info in infos.items():
                _store(s, _attribute(s, scope, info.name), target_id, cells[i])
    return len(targets)


def _case_key(project: Project, name: str) -> int | str:
    """An existing intervention's id, or the name of one to create."""
    if not name:
        raise InvalidInput("the first column must name the intervention")
    try:
        return find_case(project, name)
    except NotFound:
        if name.lstrip("#").isdigit():
            raise
        return name

