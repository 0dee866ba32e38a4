"""The code tree as REFI-QDA: shared by the project export and the .qdc codebook export.

Realist structure with no REFI element (C/M/O roles, deductive origin, theories, topics,
intervention memos) travels as named Sets; see ARCHITECTURE.md, "REFI-QDA".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.exchange.refi_realist import (
    CASE_MEMO_SET,
    LOG_NOTE,
    STATUS_NOTE,
    THEORY_NOTE,
    TheoryFacts,
    log_text,
    status_text,
    theory_text,
    topic_description,
)
from coding.exchange.refi_schema import validate
from coding.history import row_dicts, table_of
from coding.project import Project
from coding.version import app_label
from importers.refi_model import (
    CODEBOOK_NS,
    ORIGIN_SET,
    PROJECT_NS,
    ROLE_SET,
    THEORY_SET,
    TOPIC_SET,
    derived_guid,
)
from storage.models import (
    Case,
    Coder,
    Memo,
    Node,
    Theory,
    TheoryElement,
    TheoryLogEntry,
    Topic,
)
from storage.output_files import open_replacing


@dataclass(frozen=True)
class _SetRow:
    guid: str
    name: str
    description: str
    codes: list[str]
    notes: list[str] = field(default_factory=list)


class CodeTreeBuilder:
    """Collects the project in one reading session and writes the XML tree."""

    def __init__(self, s: Session, ns: str = PROJECT_NS) -> None:
        self.s, self.ns = s, ns
        self.nodes = s.scalars(select(Node).order_by(Node.position, Node.name, Node.id)).all()
        self.children: dict[int | None, list[Node]] = {}
        for node in self.nodes:
            self.children.setdefault(node.parent_id, []).append(node)
        self.node_guid = {n.id: n.guid for n in self.nodes}
        self.coder_guid = dict(s.execute(select(Coder.id, Coder.guid)).all())
        self.memos = [m for m in s.scalars(select(Memo).order_by(Memo.guid)) if m.text]
        self.memos_on: dict[tuple[str, int | None], list[str]] = {}  # (target, owner) -> GUIDs
        for memo in self.memos:
            owner = None if memo.target == "project" else getattr(memo, f"{memo.target}_id")
            self.memos_on.setdefault((memo.target, owner), []).append(memo.guid)
        self.not_exported: list[str] = []
        self.extra_notes: list[tuple[str, str, str]] = []  # (guid, name, text): ratings, statuses

    def el(self, parent: etree._Element | None, tag: str, **attrs: str) -> etree._Element:
        name = f"{{{self.ns}}}{tag}"
        node = (etree.Element(name, nsmap={None: self.ns}) if parent is None
                else etree.SubElement(parent, name))
        for key, value in attrs.items():
            if value != "":
                node.set(key, value)
        return node

    def text_el(self, parent: etree._Element, tag: str, text: str) -> None:
        if text:
            self.el(parent, tag).text = text

    def note_refs(self, parent: etree._Element, target: str, owner: int | None) -> None:
        for guid in self.memo_guids(target, owner):
            self.el(parent, "NoteRef", targetGUID=guid)

    def codes(self, parent: etree._Element, parent_id: int | None, notes: bool) -> None:
        for node in self.children.get(parent_id, []):
            code = self.el(parent, "Code", guid=node.guid, name=node.name,
                           isCodable="true" if node.is_codable else "false",
                           color=node.color.upper())
            self.text_el(code, "Description", node.description)
            if notes:
                self.note_refs(code, "node", node.id)
            self.codes(code, node.id, notes)

    def set_rows(self, with_theories: bool) -> list[_SetRow]:
        """Computed before the Notes are written, since theory statuses add notes."""
        groups: list[_SetRow] = []
        for role in ("context", "mechanism", "outcome"):
            members = [n.guid for n in self.nodes if n.role == role]
            groups.append(_SetRow(derived_guid("role", role), ROLE_SET + role, "", members))
        deductive = [n.guid for n in self.nodes if n.origin == "deductive"]
        groups.append(_SetRow(derived_guid("origin", "deductive"), ORIGIN_SET + "deductive", "",
                              deductive))
        if with_theories:
            groups += self.theory_sets() + self.case_memo_sets()
        return [g for g in groups if g.codes or g.notes]

    def sets(self, parent: etree._Element, groups: list[_SetRow]) -> None:
        if not groups:
            return
        holder = self.el(parent, "Sets")
        key = "targetGUID" if self.ns == PROJECT_NS else "guid"  # the codebook says guid
        for group in groups:
            item = self.el(holder, "Set", guid=group.guid, name=group.name)
            self.text_el(item, "Description", group.description)
            for member in group.codes:
                self.el(item, "MemberCode", **{key: member})
            for note in group.notes:
                self.el(item, "MemberNote", targetGUID=note)

    def memo_guids(self, target: str, owner: int | None) -> list[str]:
        """Looked up, not scanned: an export asks once per code, document and excerpt."""
        return list(self.memos_on.get((target, owner), ()))

    def theory_sets(self) -> list[_SetRow]:
        theories = self.s.scalars(select(Theory).order_by(Theory.position, Theory.label)).all()
        out = []
        for topic in self.s.scalars(select(Topic).order_by(Topic.position, Topic.name)):
            members = [self.node_guid[t.node_id] for t in theories
                       if t.topic_id == topic.id and t.node_id is not None]
            out.append(_SetRow(derived_guid("topic", topic.name), TOPIC_SET + topic.name,
                               topic_description(topic.position),
                               members))
        topics = dict(self.s.execute(select(Topic.id, Topic.name)).all())
        for theory in theories:
            members = [self.node_guid[theory.node_id]] if theory.node_id is not None else []
            members += [self.node_guid[e] for e in self.elements(theory.id)]
            notes = self.memo_guids("theory", theory.id)
            if theory.status_override:
                guid = derived_guid("status", theory.guid)
                self.extra_notes.append((guid, STATUS_NOTE, status_text(theory.status_override)))
                notes.append(guid)
            notes += self.theory_notes(theory, topics.get(theory.topic_id or -1, ""))
            out.append(_SetRow(theory.guid, THEORY_SET + theory.label, theory.statement,
                               members, notes))
        return out

    def theory_notes(self, theory: Theory, topic: str) -> list[str]:
        """The theory's facts (origin, topic, position, creation, element origins) and its
        log, as two notes on its Set."""
        differing = tuple(
            (self.node_guid[node_id], name, origin) for node_id, name, origin in self.s.execute(
                select(TheoryElement.node_id, Node.name, TheoryElement.origin)
                .join(Node, Node.id == TheoryElement.node_id)
                .where(TheoryElement.theory_id == theory.id,
                       TheoryElement.origin != theory.origin)
                .order_by(TheoryElement.position, TheoryElement.node_id)))
        facts = TheoryFacts(theory.origin, topic, theory.position,
                            theory.created_at.isoformat(), differing)
        guids = [derived_guid("theory-facts", theory.guid)]
        self.extra_notes.append((guids[0], THEORY_NOTE, theory_text(facts)))
        entries = self.log_entries(TheoryLogEntry.theory_guid == theory.guid)
        if entries:
            guids.append(derived_guid("theory-log", theory.guid))
            self.extra_notes.append((guids[1], LOG_NOTE, log_text(entries)))
        return guids

    def log_entries(self, where: object) -> list[dict[str, object]]:
        rows = row_dicts(self.s, table_of(TheoryLogEntry), where)
        return sorted(rows, key=lambda r: r["id"])

    def case_memo_sets(self) -> list[_SetRow]:
        """REFI cases carry no notes; a named set holding the memo keeps it with its case."""
        out = []
        for case in self.s.scalars(select(Case).order_by(Case.number)):
            notes = self.memo_guids("case", case.id)
            if notes:
                out.append(_SetRow(derived_guid("case-memo", case.guid),
                                   CASE_MEMO_SET + case.name, case.guid, [], notes))
        return out

    def elements(self, theory_id: int) -> list[int]:
        return list(self.s.scalars(
            select(TheoryElement.node_id).where(TheoryElement.theory_id == theory_id)
            .order_by(TheoryElement.position, TheoryElement.node_id)))


def origin_label() -> str:
    return app_label()


def xml_bytes(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True))


def export_qdc(project: Project, out_path: Path | str) -> int:
    """Write the code tree (with role, origin and theory Sets) as a .qdc codebook."""
    out_path = Path(out_path)
    with project.db.reading() as s:
        builder = CodeTreeBuilder(s, CODEBOOK_NS)
        root = builder.el(None, "CodeBook", origin=origin_label())
        codes = builder.el(root, "Codes")
        builder.codes(codes, None, notes=False)
        builder.sets(root, builder.set_rows(with_theories=False))
        count = len(builder.nodes)
    if not count:
        from coding.errors import InvalidInput

        raise InvalidInput("the project has no codes to export")
    validate(root, "codebook")
    with open_replacing(out_path, "wb", inputs=(project.path,)) as fh:
        fh.write(xml_bytes(root))
    return count
