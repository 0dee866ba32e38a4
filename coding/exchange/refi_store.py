"""Storing what a REFI-QDA file holds: codes, theories, sources, codings, cases, memos.

Called inside the one import transaction (coding/exchange/refi_import.py). Each step appends to
`skipped` what it could not bring over, in words a researcher can act on.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from coding.attributes import AttributeInfo, normalise_value
from coding.errors import InvalidInput
from coding.exchange.refi_positions import choose_unit, lf_positions
from coding.exchange.refi_realist import (
    CASE_MEMO_SET,
    CASE_NUMBER_VARIABLE,
    parse_topic_position,
)
from coding.exchange.refi_realist_store import RealistNotes
from coding.exchange.refi_regions import store_regions
from coding.ids import AttributeId
from coding.project import new_guid
from importers.refi_model import (
    ATTRIBUTE_TYPES,
    ORIGIN_SET,
    ROLE_SET,
    THEORY_SET,
    TOPIC_SET,
    QdaCase,
    QdaCode,
    QdaProject,
    QdaSet,
    QdaSource,
    QdaValue,
    QdaVariable,
    derived_guid,
)
from importers.refi_qda import normal_guid
from storage.models import (
    ROLES,
    Attribute,
    Case,
    CaseAttributeValue,
    Document,
    DocumentAttributeValue,
    Memo,
    Node,
    Reference,
    Theory,
    TheoryElement,
    Topic,
    utcnow,
)


def _when(value: str) -> datetime:
    """An xsd:dateTime as our naive UTC; now when missing or unreadable."""
    try:
        stamp = datetime.fromisoformat(value.strip())
    except ValueError:
        return utcnow()
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(UTC).replace(tzinfo=None)
    return stamp


_HEX = re.compile(r"^#?([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")


def _color(value: str) -> str:
    match = _HEX.match(value.strip())
    if not match:
        return "#808080"
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits.upper()


def _members(sets: list[QdaSet], prefix: str) -> dict[str, str]:
    """code guid -> the suffix of the set (role or origin) it belongs to."""
    return {g: x.name[len(prefix):] for x in sets if x.name.startswith(prefix)
            for g in x.member_codes}


def node_rows(s: Session) -> dict[str, int]:
    return dict(s.execute(select(Node.guid, Node.id)).all())


def store_codes(s: Session, codes: list[QdaCode], sets: list[QdaSet], skipped: list[str],
                existing: dict[str, int] | None = None, root_offset: int = 0) -> dict[str, int]:
    """The code tree in file order; roles and origins from our named Sets."""
    roles, origins = _members(sets, ROLE_SET), _members(sets, ORIGIN_SET)
    known = dict(existing or {})
    added: dict[str, int] = {}
    positions: dict[int | None, int] = {None: root_offset}
    for code in codes:
        if code.guid in known or code.guid in added:
            continue
        parent = (added.get(code.parent_guid) or known.get(code.parent_guid)
                  if code.parent_guid else None)
        role = roles.get(code.guid, "none")
        node = Node(guid=code.guid, parent_id=parent, name=code.name.strip() or "(unnamed)",
                    description=code.description, color=_color(code.color),
                    role=role if role in ROLES else "none",
                    origin="deductive" if origins.get(code.guid) == "deductive" else "inductive",
                    is_codable=code.is_codable, position=positions.get(parent, 0))
        positions[parent] = node.position + 1
        s.add(node)
        s.flush()
        added[code.guid] = node.id
    return added


def store_theories(s: Session, sets: list[QdaSet], nodes: dict[str, int],
                   skipped: list[str]) -> None:
    """Topic and theory Sets written by Realist Coder become topics and theories again."""
    topic_of: dict[str, int] = {}
    for position, x in enumerate(t for t in sets if t.name.startswith(TOPIC_SET)):
        ours = parse_topic_position(x.description)  # ours keep their place exactly
        topic = Topic(name=x.name[len(TOPIC_SET):] or "(unnamed)",
                      position=position if ours is None else ours)
        s.add(topic)
        s.flush()
        topic_of.update({g: topic.id for g in x.member_codes})
    labels: set[str] = set()
    owned: set[int] = set()  # a node is the own node of one theory at most
    for position, x in enumerate(t for t in sets if t.name.startswith(THEORY_SET)):
        label = x.name[len(THEORY_SET):].strip()
        if not label or label in labels:
            skipped.append(f"theory set '{x.name}': missing or repeated label")
            continue
        labels.add(label)
        members = [s.get(Node, nodes[g]) for g in x.member_codes if g in nodes]
        own = next((n for n in members if n is not None and n.role == "none"
                    and n.id not in owned), None)
        owned.update([own.id] if own else [])
        theory = Theory(guid=x.guid or new_guid(), label=label, statement=x.description,
                        origin="initial" if own is None or own.origin == "deductive" else "new",
                        node_id=own.id if own else None, position=position,
                        topic_id=topic_of.get(own.guid) if own else None)
        s.add(theory)
        s.flush()
        elements = [n for n in members if n is not None and n is not own and n.role != "none"]
        for index, node in enumerate(elements):
            s.add(TheoryElement(theory_id=theory.id, node_id=node.id, origin=theory.origin,
                                position=index))


class SourceStore:
    """Documents, codings, attributes, cases and memos, keyed by the file's GUIDs."""

    def __init__(self, s: Session, nodes: dict[str, int], users: dict[str, int],
                 coder_id: int, skipped: list[str]) -> None:
        self.s, self.nodes, self.users = s, nodes, users
        self.coder_id, self.skipped = coder_id, skipped
        self.doc_ids: dict[str, int] = {}
        self.selection_refs: dict[str, int] = {}
        self.reference_guids: set[str] = set()
        self.notes: list[str] = []  # decisions a researcher should check, not losses
        self.reference_count = 0
        self.names: set[str] = set()
        self.case_ids: dict[str, int] = {}

    def _name(self, wanted: str) -> str:
        name, n = wanted, 2
        while name in self.names:
            name, n = f"{wanted} ({n})", n + 1
        self.names.add(name)
        return name

    def documents(self, sources: list[QdaSource], origin: str = "") -> None:
        """Positions are read the way the writing tool counted them (see refi_positions) and
        mapped into the text we store, which has LF line ends."""
        unit = choose_unit(origin, [(x.text, [(sel.start, sel.end) for sel in x.selections
                                              if sel.region is None]) for x in sources])
        if unit.guessed:
            self.notes.append(unit.note)
        for src in sources:
            guid = src.guid if src.guid and src.guid not in self.doc_ids else new_guid()
            text, position = lf_positions(src.text, unit)
            fmt = "pdf" if src.kind == "pdf" else ("docx" if src.original_ext == "docx" else "txt")
            original = src.original if src.original is not None else text.encode("utf-8")
            name = self._name(src.name)
            doc = Document(guid=guid, name=name, format=fmt,
                           original_filename=f"{name}.{fmt}", original_bytes=original,
                           sha256=hashlib.sha256(original).hexdigest(), text=text,
                           text_length=len(text), description=src.description,
                           imported_at=_when(src.created))
            self.s.add(doc)
            self.s.flush()
            self.doc_ids[src.guid or guid] = doc.id
            self._references(src, doc, len(text), position)

    def _references(self, src: QdaSource, doc: Document, length: int,
                    position: Callable[[int], int]) -> None:
        """One bulk INSERT per document: a review holds tens of thousands of excerpts. PDF
        region selections come after the text ones (refi_regions)."""
        doc_id = doc.id
        seen: set[tuple[int, int, int]] = set()
        rows: list[dict[str, object]] = []
        owners: list[str] = []
        bad_span = unknown = 0
        for sel in src.selections:
            if sel.region is not None:
                continue
            start, end = position(sel.start), position(sel.end)
            if not 0 <= start < end <= length:
                bad_span += 1
                continue
            for code_guid in sel.code_guids:
                node_id = self.nodes.get(code_guid)
                if node_id is None:
                    unknown += 1
                    continue
                if (node_id, start, end) in seen:
                    continue
                seen.add((node_id, start, end))
                rows.append({
                    "guid": self._reference_guid(sel.guid, code_guid, start, end),
                    "document_id": doc_id, "node_id": node_id, "start": start, "end": end,
                    "coder_id": self.users.get(sel.user_guid, self.coder_id),
                    "created_at": _when(sel.created)})
                owners.append(sel.guid)
        self._insert(rows, owners)
        self._insert(*store_regions(
            self.s, doc, src, self.nodes,
            lambda sel: {"coder_id": self.users.get(sel.user_guid, self.coder_id),
                         "created_at": _when(sel.created)},
            self._reference_guid, self.skipped))
        if bad_span:
            self.skipped.append(f"{src.name}: {bad_span} selection(s) outside the text")
        if unknown:
            self.skipped.append(f"{src.name}: {unknown} coding(s) of codes not in the codebook")

    def _insert(self, rows: list[dict[str, object]], owners: list[str]) -> None:
        if rows:
            ids = self.s.scalars(insert(Reference).returning(Reference.id,
                                                             sort_by_parameter_order=True),
                                 rows).all()
            for sel_guid, ref_id in zip(owners, ids, strict=True):
                self.selection_refs.setdefault(sel_guid, ref_id)
            self.reference_count += len(rows)

    def _reference_guid(self, sel_guid: str, code_guid: str, start: int, end: int) -> str:
        """The selection's own GUID for its first coding (so exports match), else a stable
        derived one; never one already taken, since files repeat GUIDs."""
        for guid in (sel_guid, derived_guid("reference", sel_guid, code_guid),
                     derived_guid("reference", sel_guid, code_guid, str(start), str(end))):
            if guid and guid not in self.reference_guids:
                self.reference_guids.add(guid)
                return guid
        guid = new_guid()
        self.reference_guids.add(guid)
        return guid

    def attributes(self, variables: list[QdaVariable], sources: list[QdaSource],
                   cases: list[QdaCase]) -> None:
        variables = [v for v in variables if v.name != CASE_NUMBER_VARIABLE]  # our numbers
        owners = [("document", self.doc_ids.get(x.guid), x.values) for x in sources]
        owners += [("case", self.case_ids.get(x.guid), x.values) for x in cases]
        used = {(scope, v.variable_guid) for scope, _, values in owners for v in values}
        self.attribute_of: dict[tuple[str, str], AttributeInfo] = {}
        for var in variables:
            scopes = [scope for scope in ("document", "case") if (scope, var.guid) in used]
            for index, scope in enumerate(scopes or ["document"]):
                kind = ATTRIBUTE_TYPES.get(var.type, "text")
                row = Attribute(guid=var.guid if index == 0 else derived_guid(scope, var.guid),
                                scope=scope, name=var.name or "(unnamed)", value_type=kind,
                                position=len(self.attribute_of))
                self.s.add(row)
                self.s.flush()
                self.attribute_of[(scope, var.guid)] = AttributeInfo(
                    AttributeId(row.id), scope, row.name, kind, ())
        for scope, owner, values in owners:
            if owner is not None:
                self._values(scope, owner, values)

    def _values(self, scope: str, owner: int, values: list[QdaValue]) -> None:
        for value in values:
            info = self.attribute_of.get((scope, value.variable_guid))
            if info is None:
                continue
            try:
                stored = normalise_value(info, value.value)
            except InvalidInput as exc:
                self.skipped.append(str(exc))
                continue
            if scope == "document":
                self.s.add(DocumentAttributeValue(document_id=owner, attribute_id=info.id,
                                                  value=stored))
            else:
                self.s.add(CaseAttributeValue(case_id=owner, attribute_id=info.id,
                                              value=stored))

    def prepare_cases(self, cases: list[QdaCase], variables: list[QdaVariable]) -> int:
        """Cases become interventions, numbered as our number variable says (#9 stays #9), or
        else in file order after the numbers taken; sources join their first case."""
        names: set[str] = set()
        for number, item in zip(_case_numbers(cases, variables), cases, strict=True):
            name, n = item.name.strip() or f"Case {number}", 2
            while name in names:
                name, n = f"{item.name} ({n})", n + 1
            names.add(name)
            case = Case(guid=item.guid or new_guid(), number=number, name=name,
                        description=item.description)
            self.s.add(case)
            self.s.flush()
            self.case_ids[item.guid] = case.id
            for source in item.source_refs:
                doc = self.s.get(Document, self.doc_ids.get(source, -1))
                if doc is None:
                    continue
                if doc.case_id is not None:
                    self.skipped.append(f"{doc.name}: in several cases; kept in the first")
                    continue
                doc.case_id = case.id
        return len(cases)

    def memos(self, data: QdaProject, theories: dict[str, int]) -> int:
        """Notes become memos on what refers to them; several on one item are joined.
        Our own realist notes (ratings, statuses, theory facts and logs, appraisals, the
        evidence rule) become that data again (`refi_realist_store`)."""
        notes = {n.guid: n for n in data.notes}
        consumed = RealistNotes(self.s, data, notes, self.skipped).apply(
            self.selection_refs, theories, self.doc_ids)
        targets: dict[tuple[str, int | None], list[str]] = {}

        def add(target: str, owner: int | None, refs: list[str]) -> None:
            for ref in refs:
                if ref not in consumed:
                    targets.setdefault((target, owner), []).append(ref)

        add("project", None, data.note_refs)
        for src in data.sources:
            add("document", self.doc_ids.get(src.guid), src.note_refs)
            for sel in src.selections:
                add("reference", self.selection_refs.get(sel.guid), sel.note_refs)
        for code in data.codes:
            add("node", self.nodes.get(code.guid), code.note_refs)
        for x in data.sets:
            if x.name.startswith(CASE_MEMO_SET):
                add("case", self.case_ids.get(normal_guid(x.description)), x.member_notes)
            else:
                add("theory", theories.get(x.guid), x.member_notes)
        used = {g for refs in targets.values() for g in refs} | consumed
        orphans = [g for g in notes if g not in used]
        if orphans:
            targets.setdefault(("project", None), []).extend(orphans)
        count, guids = 0, set()
        for (target, owner), refs in targets.items():
            found = [notes[g] for g in dict.fromkeys(refs) if g in notes]
            if not found or (target != "project" and owner is None):
                continue
            text = "\n\n".join(n.text for n in found)
            guid = found[0].guid if len(found) == 1 and found[0].guid not in guids else new_guid()
            guids.add(guid)
            memo = Memo(guid=guid, target=target, text=text, created_at=_when(found[0].created),
                        updated_at=_when(found[-1].modified),
                        coder_id=self.users.get(found[-1].user_guid))
            if target != "project":
                setattr(memo, f"{target}_id", owner)
            self.s.add(memo)
            count += 1
        return count


def _case_numbers(cases: list[QdaCase], variables: list[QdaVariable]) -> list[int]:
    """Each case's intervention number: ours when the file carries one (a whole number, not
    already taken), else the next free one."""
    ours = {v.guid for v in variables if v.name == CASE_NUMBER_VARIABLE}
    wanted: list[int | None] = []
    for case in cases:
        value = next((v.value.strip() for v in case.values if v.variable_guid in ours), "")
        wanted.append(int(value) if value.isdigit() and int(value) > 0 else None)
    taken: set[int] = set()
    chosen: list[int | None] = []
    for number in wanted:
        chosen.append(number if number is not None and number not in taken else None)
        taken.update([number] if number is not None else [])
    out, free = [], 1
    for number in chosen:
        if number is None:
            while free in taken:
                free += 1
            number = free
            taken.add(number)
        out.append(number)
    return out
