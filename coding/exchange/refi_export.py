"""Export a whole project as a REFI-QDA .qdpx (the codebook alone: coding/exchange/refi_codebook.py).

The output is deterministic (rows sorted, stored GUIDs reused, derived GUIDs from uuid5,
fixed zip timestamps) so two exports of the same project are byte-identical and a round
trip can be compared. Positions are our code-point offsets, end-exclusive. Realist structure
with no REFI element travels as named Sets and Notes; see ARCHITECTURE.md, "REFI-QDA".
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from coding.evidence_rules import DEFAULT_RULE, SETTING
from coding.exchange.refi_codebook import CodeTreeBuilder, origin_label, xml_bytes
from coding.exchange.refi_realist import (
    APPRAISAL_NOTE,
    CASE_NUMBER_VARIABLE,
    DELETED_LOG_NOTE,
    RATING_NOTE,
    RULE_NOTE,
    AppraisalFacts,
    Rating,
    appraisal_text,
    log_text,
    rating_text,
    rule_text,
)
from coding.exchange.refi_regions import corners
from coding.exchange.refi_schema import validate
from coding.project import Project
from coding.references import reference_record
from importers.refi_model import (
    PROJECT_NS,
    VARIABLE_TYPES,
    derived_guid,
)
from storage.models import (
    Appraisal,
    AppraisalAnswer,
    Attribute,
    Case,
    CaseAttributeValue,
    Coder,
    Document,
    DocumentAttributeValue,
    Node,
    NodeLink,
    ProjectSetting,
    Reference,
    Theory,
    TheoryLogEntry,
)
from storage.output_files import replacing

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
NUMBER_GUID = derived_guid("variable", "intervention number")
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

def _stamp(value: datetime) -> str:
    return value.replace(microsecond=0).isoformat() + "Z"


class _ProjectWriter(CodeTreeBuilder):
    def __init__(self, s: Session, name: str, creator: str) -> None:
        super().__init__(s)
        self.files: dict[str, bytes] = {}
        self.counts = {"selections": 0, "sources": 0}
        self.root = self.el(None, "Project", name=name, origin=origin_label(),
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
        set_rows = self.set_rows(with_theories=True)
        project_notes = self.project_notes()
        self.notes()
        self.links()
        self.sets(root, set_rows)
        self.note_refs(root, "project", None)
        for guid in project_notes:
            self.el(root, "NoteRef", targetGUID=guid)
        return root

    def project_notes(self) -> list[str]:
        """The evidence rule, and the log of theories deleted during the review (their Sets
        are gone), as notes on the project."""
        rule = self.s.get(ProjectSetting, SETTING)
        guids = [derived_guid("evidence-rule")]
        self.extra_notes.append((guids[0], RULE_NOTE, rule_text(rule.value if rule
                                                                 else DEFAULT_RULE)))
        gone = self.log_entries(TheoryLogEntry.theory_guid.not_in(select(Theory.guid)))
        if gone:
            guids.append(derived_guid("deleted-theories-log"))
            self.extra_notes.append((guids[1], DELETED_LOG_NOTE, log_text(gone)))
        return guids

    def variables(self) -> None:
        attributes = self.s.scalars(select(Attribute).order_by(Attribute.scope,
                                                               Attribute.position)).all()
        has_cases = self.s.scalar(select(Case.id).limit(1)) is not None
        if attributes or has_cases:
            holder = self.el(self.root, "Variables")
            for a in attributes:
                self.el(holder, "Variable", guid=a.guid, name=a.name,
                        typeOfVariable=VARIABLE_TYPES[a.value_type])
            if has_cases:  # intervention numbers (#9 stays #9), a case variable others show
                self.el(holder, "Variable", guid=NUMBER_GUID, name=CASE_NUMBER_VARIABLE,
                        typeOfVariable="Integer")
        if any(a.value_type == "choice" for a in attributes):
            self.not_exported.append("the allowed values of choice attributes (their values "
                                     "travel as text)")

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
            number = self.el(item, "VariableValue")
            self.el(number, "VariableRef", targetGUID=NUMBER_GUID)
            self.el(number, "IntegerValue").text = str(case.number)
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
                self.regions(pdf, doc.id)  # the schema puts them before the Representation
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
            self.note_refs(owner, "document", doc.id)
            self.appraisal(owner, doc)
            self.values(owner, DocumentAttributeValue, "document_id", doc.id)

    def appraisal(self, owner: etree._Element, doc: Document) -> None:
        """A document's MMAT appraisal as a note on the source."""
        found = self.s.get(Appraisal, doc.id)
        if found is None:
            return
        answers = self.s.execute(
            select(AppraisalAnswer.question, AppraisalAnswer.answer, AppraisalAnswer.comment)
            .where(AppraisalAnswer.document_id == doc.id)
            .order_by(AppraisalAnswer.question)).all()
        facts = AppraisalFacts(found.category, found.comment, found.updated_at.isoformat(),
                               tuple((q, a, c) for q, a, c in answers))
        guid = derived_guid("appraisal", doc.guid)
        self.extra_notes.append((guid, APPRAISAL_NOTE, appraisal_text(facts)))
        self.el(owner, "NoteRef", targetGUID=guid)

    def selections(self, parent: etree._Element, doc_id: int) -> None:
        refs = self.s.scalars(select(Reference).where(Reference.document_id == doc_id,
                                                      Reference.region_page.is_(None))
                              .order_by(Reference.start, Reference.end, Reference.guid)).all()
        for ref in refs:
            user = self.coder_guid.get(ref.coder_id, "") if ref.coder_id else ""
            sel = self.el(parent, "PlainTextSelection", guid=ref.guid, name="",
                          startPosition=str(ref.start), endPosition=str(ref.end),
                          creatingUser=user, creationDateTime=_stamp(ref.created_at))
            self.coded(sel, ref, user)

    def regions(self, parent: etree._Element, doc_id: int) -> None:
        """Region references as PDFSelections (coordinates: coding/exchange/refi_regions.py)."""
        refs = self.s.scalars(select(Reference).where(Reference.document_id == doc_id,
                                                      Reference.region_page.is_not(None))
                              .order_by(Reference.region_page, Reference.region_top.desc(),
                                        Reference.region_left, Reference.guid)).all()
        for ref in refs:
            record = reference_record(ref)
            assert record.region is not None
            user = self.coder_guid.get(ref.coder_id, "") if ref.coder_id else ""
            sel = self.el(parent, "PDFSelection", guid=ref.guid, name="",
                          **corners(record.region), creatingUser=user,
                          creationDateTime=_stamp(ref.created_at))
            self.coded(sel, ref, user)

    def coded(self, sel: etree._Element, ref: Reference, user: str) -> None:
        """A selection's coding, memo and rating note."""
        self.counts["selections"] += 1
        stamp = _stamp(ref.created_at)
        coding = self.el(sel, "Coding", guid=derived_guid("coding", ref.guid),
                         creatingUser=user, creationDateTime=stamp)
        self.el(coding, "CodeRef", targetGUID=self.node_guid[ref.node_id])
        self.note_refs(sel, "reference", ref.id)
        rating = Rating(ref.relevance, ref.rigour, ref.rating_note)
        if not rating.is_empty:
            guid = derived_guid("rating", ref.guid)
            self.extra_notes.append((guid, RATING_NOTE, rating_text(rating)))
            self.el(sel, "NoteRef", targetGUID=guid)

    def notes(self) -> None:
        if not self.memos and not self.extra_notes:
            return
        holder = self.el(self.root, "Notes")
        for memo in self.memos:
            writer = self.coder_guid.get(memo.coder_id, "") if memo.coder_id else ""
            note = self.el(holder, "Note", guid=memo.guid, name=f"{memo.target} memo",
                           creatingUser=writer, creationDateTime=_stamp(memo.created_at),
                           modifiedDateTime=_stamp(memo.updated_at))
            self.el(note, "PlainTextContent").text = memo.text
        for guid, name, text in sorted(self.extra_notes):
            self.el(self.el(holder, "Note", guid=guid, name=name), "PlainTextContent").text = text

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

def _write_zip(out_path: Path, files: dict[str, bytes], project: Path) -> None:
    with replacing(out_path, inputs=(project,)) as tmp, \
            zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files, key=lambda n: (n != "project.qde", n)):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, files[name])


def export_qdpx(project: Project, out_path: Path | str) -> ExportSummary:
    """Write the whole project as a .qdpx; the XML is checked against the REFI schema first."""
    out_path = Path(out_path)
    with project.db.reading() as s:
        creator = s.get(Coder, project.coder_id) if project.coder_id else None
        writer = _ProjectWriter(s, project.name, creator.guid if creator else "")
        root = writer.build()
        writer.not_exported.append("page numbers and document bibliographic fields "
                                   "(no REFI element)")
        counts = (len(writer.nodes), writer.counts["sources"], writer.counts["selections"],
                  len(writer.memos),
                  len(root.findall(f"{{{PROJECT_NS}}}Cases/{{{PROJECT_NS}}}Case")))
    validate(root, "project")
    files = {"project.qde": xml_bytes(root), **writer.files}
    _write_zip(out_path, files, project.path)
    return ExportSummary(out_path, *counts, not_exported=tuple(writer.not_exported))
