"""Export a project as REFI-QDA (.qdpx project exchange, .qdc codebook).

The output is deterministic (rows sorted, stored GUIDs reused, derived GUIDs from uuid5,
fixed zip timestamps) so two exports of the same project are byte-identical and a round
trip can be compared. Positions are our code-point offsets, end-exclusive. Realist structure
with no REFI element (roles, theories, topics) travels as named Sets; see ARCHITECTURE.md.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from coding.project import Project
from coding.refi_schema import validate
from importers.refi_model import (
    CODEBOOK_NS,
    ORIGIN_SET,
    PROJECT_NS,
    ROLE_SET,
    THEORY_SET,
    TOPIC_SET,
    VARIABLE_TYPES,
    derived_guid,
)
from storage.models import (
    Attribute,
    Case,
    CaseAttributeValue,
    Coder,
    Document,
    DocumentAttributeValue,
    Memo,
    Node,
    NodeLink,
    Reference,
    Theory,
    TheoryElement,
    Topic,
)

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_VALUE_TAG = {"Text": "TextValue", "Integer": "IntegerValue", "Float": "FloatValue",
              "Boolean": "BooleanValue", "Date": "DateValue"}


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    codes: int
    sources: int
    selections: int
    notes: int
    cases: int
    not_exported: tuple[str, ...]


class _Builder:
    """Collects the project in one reading session and writes the XML tree."""

    def __init__(self, s: Session, ns: str = PROJECT_NS) -> None:
        self.s, self.ns = s, ns
        self.nodes = s.scalars(select(Node).order_by(Node.position, Node.name, Node.id)).all()
        self.children: dict[int | None, list[Node]] = {}
        for node in self.nodes:
            self.children.setdefault(node.parent_id, []).append(node)
        self.node_guid = {n.id: n.guid for n in self.nodes}
        self.coder_guid = dict(s.execute(select(Coder.id, Coder.guid)).all())
        self.memos = s.scalars(select(Memo).order_by(Memo.guid)).all()
        self.not_exported: list[str] = []

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

    def note_refs(self, parent: etree._Element, column: str, value: int) -> None:
        for memo in self.memos:
            if getattr(memo, column) == value and memo.text:
                self.el(parent, "NoteRef", targetGUID=memo.guid)

    def codes(self, parent: etree._Element, parent_id: int | None, notes: bool) -> None:
        for node in self.children.get(parent_id, []):
            code = self.el(parent, "Code", guid=node.guid, name=node.name,
                           isCodable="true" if node.is_codable else "false",
                           color=node.color.upper())
            self.text_el(code, "Description", node.description)
            if notes:
                self.note_refs(code, "node_id", node.id)
            self.codes(code, node.id, notes)

    def sets(self, parent: etree._Element, with_theories: bool) -> None:
        groups: list[tuple[str, str, str, list[str]]] = []
        for role in ("context", "mechanism", "outcome"):
            members = [n.guid for n in self.nodes if n.role == role]
            groups.append((derived_guid("role", role), ROLE_SET + role, "", members))
        deductive = [n.guid for n in self.nodes if n.origin == "deductive"]
        groups.append((derived_guid("origin", "deductive"), ORIGIN_SET + "deductive", "",
                       deductive))
        if with_theories:
            groups += self.theory_sets()
        groups = [g for g in groups if g[3]]
        if not groups:
            return
        holder = self.el(parent, "Sets")
        for guid, name, description, members in groups:
            item = self.el(holder, "Set", guid=guid, name=name)
            self.text_el(item, "Description", description)
            key = "targetGUID" if self.ns == PROJECT_NS else "guid"  # the codebook says guid
            for member in members:
                self.el(item, "MemberCode", **{key: member})
            if name.startswith(THEORY_SET):
                theory = self.s.scalars(select(Theory).where(Theory.guid == guid)).one()
                self.note_refs_as(item, "MemberNote", "theory_id", theory.id)

    def note_refs_as(self, parent: etree._Element, tag: str, column: str, value: int) -> None:
        for memo in self.memos:
            if getattr(memo, column) == value and memo.text:
                self.el(parent, tag, targetGUID=memo.guid)

    def theory_sets(self) -> list[tuple[str, str, str, list[str]]]:
        theories = self.s.scalars(select(Theory).order_by(Theory.position, Theory.label)).all()
        out = []
        for topic in self.s.scalars(select(Topic).order_by(Topic.position, Topic.name)):
            members = [self.node_guid[t.node_id] for t in theories
                       if t.topic_id == topic.id and t.node_id is not None]
            out.append((derived_guid("topic", topic.name), TOPIC_SET + topic.name, "", members))
        for theory in theories:
            members = [self.node_guid[theory.node_id]] if theory.node_id is not None else []
            members += [self.node_guid[e] for e in self.elements(theory.id)]
            out.append((theory.guid, THEORY_SET + theory.label, theory.statement, members))
        return out

    def elements(self, theory_id: int) -> list[int]:
        return list(self.s.scalars(
            select(TheoryElement.node_id).where(TheoryElement.theory_id == theory_id)
            .order_by(TheoryElement.position, TheoryElement.node_id)))


def _stamp(value: datetime) -> str:
    return value.replace(microsecond=0).isoformat() + "Z"


class _ProjectWriter(_Builder):
    def __init__(self, s: Session, name: str, creator: str) -> None:
        super().__init__(s)
        self.files: dict[str, bytes] = {}
        self.counts = {"selections": 0, "sources": 0}
        self.root = self.el(None, "Project", name=name, origin=_origin(),
                            creatingUserGUID=creator)

    def build(self) -> etree._Element:
        root, s = self.root, self.s
        users = s.scalars(select(Coder).order_by(Coder.guid)).all()
        if users:
            holder = self.el(root, "Users")
            for user in users:
                self.el(holder, "User", guid=user.guid, name=user.name)
        if self.nodes:
            self.codes(self.el(self.el(root, "CodeBook"), "Codes"), None, notes=True)
        self.variables()
        self.cases()
        self.sources()
        self.notes()
        self.links()
        self.sets(root, with_theories=True)
        for memo in self.memos:
            if memo.target == "project" and memo.text:
                self.el(root, "NoteRef", targetGUID=memo.guid)
        return root

    def variables(self) -> None:
        attributes = self.s.scalars(select(Attribute).order_by(Attribute.scope,
                                                               Attribute.position)).all()
        if attributes:
            holder = self.el(self.root, "Variables")
            for a in attributes:
                self.el(holder, "Variable", guid=a.guid, name=a.name,
                        typeOfVariable=VARIABLE_TYPES[a.value_type])

    def values(self, parent: etree._Element, model: type, column: str, owner: int) -> None:
        rows = self.s.execute(
            select(Attribute, model.value).join(model, model.attribute_id == Attribute.id)  # type: ignore[attr-defined]
            .where(getattr(model, column) == owner).order_by(Attribute.position, Attribute.name)
        ).all()
        for attribute, value in rows:
            if value == "":
                continue
            kind = VARIABLE_TYPES[attribute.value_type]
            if kind == "Boolean":
                value = "true" if value == "yes" else "false"
            holder = self.el(parent, "VariableValue")
            self.el(holder, "VariableRef", targetGUID=attribute.guid)
            self.el(holder, _VALUE_TAG[kind]).text = value

    def cases(self) -> None:
        cases = self.s.scalars(select(Case).order_by(Case.number)).all()
        if not cases:
            return
        holder = self.el(self.root, "Cases")
        for case in cases:
            item = self.el(holder, "Case", guid=case.guid, name=case.name)
            self.text_el(item, "Description", case.description)
            self.values(item, CaseAttributeValue, "case_id", case.id)
            for doc_guid in sorted(d.guid for d in case.documents):
                self.el(item, "SourceRef", targetGUID=doc_guid)

    def sources(self) -> None:
        docs = self.s.scalars(select(Document).options(undefer(Document.text),
                                                       undefer(Document.original_bytes))
                              .order_by(Document.name)).all()
        if not docs:
            return
        holder = self.el(self.root, "Sources")
        for doc in docs:
            self.counts["sources"] += 1
            stamp = _stamp(doc.imported_at)
            if doc.format == "pdf" and doc.original_bytes:
                pdf = self.el(holder, "PDFSource", guid=doc.guid, name=doc.name,
                              path=f"internal://{doc.guid}.pdf", creationDateTime=stamp)
                self.files[f"sources/{doc.guid}.pdf"] = doc.original_bytes
                self.text_el(pdf, "Description", doc.description)
                text_guid = derived_guid("representation", doc.guid)
                text = self.el(pdf, "Representation", guid=text_guid, name=doc.name,
                               plainTextPath=f"internal://{text_guid}.txt")
                owner = pdf
            else:
                text_guid = doc.guid
                rich = ""
                if doc.format == "docx" and doc.original_bytes:
                    rich = f"internal://{doc.guid}.docx"
                    self.files[f"sources/{doc.guid}.docx"] = doc.original_bytes
                text = self.el(holder, "TextSource", guid=doc.guid, name=doc.name,
                               richTextPath=rich, plainTextPath=f"internal://{doc.guid}.txt",
                               creationDateTime=stamp)
                self.text_el(text, "Description", doc.description)
                owner = text
            self.files[f"sources/{text_guid}.txt"] = doc.text.encode("utf-8")
            self.selections(text, doc.id)
            self.note_refs(owner, "document_id", doc.id)
            self.values(owner, DocumentAttributeValue, "document_id", doc.id)

    def selections(self, parent: etree._Element, doc_id: int) -> None:
        refs = self.s.scalars(select(Reference).where(Reference.document_id == doc_id)
                              .order_by(Reference.start, Reference.end, Reference.guid)).all()
        for ref in refs:
            self.counts["selections"] += 1
            user = self.coder_guid.get(ref.coder_id, "") if ref.coder_id else ""
            stamp = _stamp(ref.created_at)
            sel = self.el(parent, "PlainTextSelection", guid=ref.guid, name="",
                          startPosition=str(ref.start), endPosition=str(ref.end),
                          creatingUser=user, creationDateTime=stamp)
            coding = self.el(sel, "Coding", guid=derived_guid("coding", ref.guid),
                             creatingUser=user, creationDateTime=stamp)
            self.el(coding, "CodeRef", targetGUID=self.node_guid[ref.node_id])
            self.note_refs(sel, "reference_id", ref.id)

    def notes(self) -> None:
        memos = [m for m in self.memos if m.text and m.target != "case"]
        dropped = sum(1 for m in self.memos if m.text and m.target == "case")
        if dropped:
            self.not_exported.append(f"{dropped} intervention memo(s): REFI cases carry no notes")
        if not memos:
            return
        holder = self.el(self.root, "Notes")
        for memo in memos:
            note = self.el(holder, "Note", guid=memo.guid, name=f"{memo.target} memo",
                           creationDateTime=_stamp(memo.created_at),
                           modifiedDateTime=_stamp(memo.updated_at))
            self.el(note, "PlainTextContent").text = memo.text

    def links(self) -> None:
        links: dict[str, tuple[str, str, str, str]] = {}
        for link in self.s.scalars(select(NodeLink)):
            links[link.guid] = (link.name, link.direction, self.node_guid[link.source_id],
                                self.node_guid[link.target_id])
        for theory in self.s.scalars(select(Theory)):
            by_role: dict[str, list[str]] = {}
            for node_id in self.elements(theory.id):
                node = self.s.get(Node, node_id)
                assert node is not None
                by_role.setdefault(node.role, []).append(node.guid)
            for a, b in (("context", "mechanism"), ("mechanism", "outcome")):
                for x in by_role.get(a, []):
                    for y in by_role.get(b, []):
                        links.setdefault(derived_guid("link", theory.guid, x, y),
                                         (theory.label, "OneWay", x, y))
        if links:
            holder = self.el(self.root, "Links")
            for guid, (name, direction, origin, target) in sorted(links.items()):
                self.el(holder, "Link", guid=guid, name=name, direction=direction,
                        originGUID=origin, targetGUID=target)


def _origin() -> str:
    try:
        return f"Realist Coder {version('realist-coder')}"
    except PackageNotFoundError:
        return "Realist Coder"


def _xml_bytes(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True))


def _write_zip(out_path: Path, files: dict[str, bytes]) -> None:
    tmp = out_path.with_name(out_path.name + ".part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files, key=lambda n: (n != "project.qde", n)):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, files[name])
    tmp.replace(out_path)


def export_qdpx(project: Project, out_path: Path | str) -> ExportSummary:
    """Write the whole project as a .qdpx; the XML is checked against the REFI schema first."""
    out_path = Path(out_path)
    with project.db.reading() as s:
        creator = s.get(Coder, project.coder_id) if project.coder_id else None
        writer = _ProjectWriter(s, project.name, creator.guid if creator else "")
        root = writer.build()
        writer.not_exported.append("reference ratings, page numbers and document "
                                   "bibliographic fields (no REFI element)")
        counts = (len(writer.nodes), writer.counts["sources"], writer.counts["selections"],
                  sum(1 for m in writer.memos if m.text and m.target != "case"),
                  len(root.findall(f"{{{PROJECT_NS}}}Cases/{{{PROJECT_NS}}}Case")))
    validate(root, "project")
    files = {"project.qde": _xml_bytes(root), **writer.files}
    _write_zip(out_path, files)
    return ExportSummary(out_path, *counts, not_exported=tuple(writer.not_exported))


def export_qdc(project: Project, out_path: Path | str) -> int:
    """Write the code tree (with role, origin and theory Sets) as a .qdc codebook."""
    out_path = Path(out_path)
    with project.db.reading() as s:
        builder = _Builder(s, CODEBOOK_NS)
        root = builder.el(None, "CodeBook", origin=_origin())
        codes = builder.el(root, "Codes")
        builder.codes(codes, None, notes=False)
        builder.sets(root, with_theories=False)
        count = len(builder.nodes)
    if not count:
        from coding.errors import InvalidInput

        raise InvalidInput("the project has no codes to export")
    validate(root, "codebook")
    tmp = out_path.with_name(out_path.name + ".part")
    tmp.write_bytes(_xml_bytes(root))
    tmp.replace(out_path)
    return count
